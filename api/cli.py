"""``kg serve``: the application under waitress, a production WSGI server.

The command reaches ``kg``'s command line through the ``newskg.commands``
entry point, so the library never imports the web layer. The limits it sets
are described in SECURITY.md.
"""
from __future__ import annotations

import signal

import click

from kg.cli import STORE_HELP, configure_default_logging, default_store

from . import DEFAULTS
from .sparql import POOL

BODY_HEADROOM = 1 << 20


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@click.command()
@click.option("--store", "store_path", default=default_store, help=STORE_HELP,
              type=click.Path(file_okay=True, dir_okay=True))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port; the one chosen is printed).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1),
              help="Worker threads answering requests.")
@click.option("--query-workers", default=DEFAULTS["SPARQL_WORKERS"], show_default=True, type=click.IntRange(1),
              help="Processes evaluating SPARQL queries (at most this many run at once).")
@click.option("--query-timeout", default=DEFAULTS["SPARQL_TIMEOUT"], show_default=True,
              type=click.FloatRange(0, min_open=True), help="Seconds a SPARQL query may run before it is stopped (503).")
@click.option("--queue-timeout", default=DEFAULTS["SPARQL_QUEUE_TIMEOUT"], show_default=True,
              type=click.FloatRange(0), help="Seconds a SPARQL query may wait for a free worker (then 503).")
@click.option("--max-result-bytes", default=DEFAULTS["SPARQL_MAX_RESULT_BYTES"], show_default=True,
              type=click.IntRange(1), help="Largest serialised SPARQL result sent (larger: 400).")
@click.option("--max-request-bytes", default=DEFAULTS["MAX_CONTENT_LENGTH"], show_default=True,
              type=click.IntRange(1), help="Largest request body accepted (larger: 413).")
def serve(store_path: str, host: str, port: int, threads: int, query_workers: int, query_timeout: float,
          queue_timeout: float, max_result_bytes: int, max_request_bytes: int) -> None:
    """Serve the SPARQL endpoint, JSON API and pages of a store (waitress); logs one JSON line per request."""
    from waitress import create_server

    from . import create_app

    configure_default_logging("info")
    app = create_app(store_path, {"SPARQL_WORKERS": query_workers, "SPARQL_TIMEOUT": query_timeout,
                                  "SPARQL_QUEUE_TIMEOUT": queue_timeout, "SPARQL_MAX_RESULT_BYTES": max_result_bytes,
                                  "MAX_CONTENT_LENGTH": max_request_bytes})
    # waitress reads bodies up to a mebibyte past the limit, so that the application answers them with its 413 and
    # a message; a larger body is cut off by waitress itself
    server = create_server(app, host=host, port=port, threads=threads, ident="newskg",
                           max_request_body_size=max_request_bytes + BODY_HEADROOM)
    click.echo(f"serving {store_path} on http://{host}:{server.effective_port}/ (Ctrl-C to stop)")
    app.extensions[POOL].start()
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app.extensions[POOL].close()
