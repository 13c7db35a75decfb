"""``kg serve``: the application under waitress, a production WSGI server.

The command reaches ``kg``'s command line through the ``newskg.commands``
entry point, so the library never imports the web layer.
"""
from __future__ import annotations

import click

from kg.cli import STORE_HELP, default_store


@click.command()
@click.option("--store", "store_path", default=default_store, help=STORE_HELP,
              type=click.Path(file_okay=True, dir_okay=True))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port; the one chosen is printed).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1),
              help="Worker threads answering requests.")
def serve(store_path: str, host: str, port: int, threads: int) -> None:
    """Serve the SPARQL endpoint, JSON API and pages of a store (waitress)."""
    from waitress import create_server

    from . import create_app

    app = create_app(store_path)
    server = create_server(app, host=host, port=port, threads=threads, ident="newskg")
    click.echo(f"serving {store_path} on http://{host}:{server.effective_port}/ (Ctrl-C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
