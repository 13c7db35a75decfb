"""The ``kg`` command line: thin commands over the library.

Every problem the user can fix (a wrong path, a bad file, an unknown format)
is one line on stderr and exit status 2, never a traceback.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

import click

from .errors import KGError
from .logs import LEVELS, configure

DEFAULT_STORE = "kg-store"
STORE_HELP = f"Store directory (default: $KG_STORE or ./{DEFAULT_STORE})."


def default_store() -> str:
    """The store used when ``--store`` is not given."""
    return os.environ.get("KG_STORE") or DEFAULT_STORE


store_option = click.option("--store", "store_path", default=default_store, show_default=False,
                             help=STORE_HELP, type=click.Path(file_okay=True, dir_okay=True))


def write_atomically(target: Path, write) -> None:
    """Call ``write(handle)`` on a temporary file beside ``target``, then rename it into place.

    A failed export leaves no half-written file; the result has the usual
    permissions (those a plain ``open`` would give under the current umask).
    """
    if not target.parent.is_dir():
        raise KGError(f"{target.parent}: no such directory")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        raise KGError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _problem(message: str) -> None:
    """A problem with one input: one line on stderr, and the command goes on."""
    click.echo(f"kg: {message}", err=True)


def _open(path: str, create: bool = False):
    from .store import Store

    return Store(path, create=create)


class PluginGroup(click.Group):
    """A command group that also offers the commands other packages register.

    Packages add commands through the ``newskg.commands`` entry point group (the
    web layer adds ``kg serve`` this way), loaded only when asked for, so the
    library never imports them.
    """

    def _plugins(self) -> dict:
        return {ep.name: ep for ep in entry_points(group="newskg.commands")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._plugins()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None and name in (plugins := self._plugins()):
            command = plugins[name].load()
        return command


@click.group(cls=PluginGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg", prog_name="kg")
@click.option("--log-level", type=click.Choice(LEVELS, case_sensitive=False), default=None, envvar="KG_LOG_LEVEL",
              help="Log structured lines (JSON, one event a line) at this level and above "
                   "(default: info for kg serve, none otherwise).")
@click.option("--log-file", type=click.Path(dir_okay=False), default=None, envvar="KG_LOG_FILE",
              help="Append the log to this file instead of standard error.")
@click.pass_context
def cli(ctx: click.Context, log_level: str | None, log_file: str | None) -> None:
    """Build a knowledge graph of who said what from news articles."""
    ctx.obj = {"log_level": log_level, "log_file": log_file}
    if log_level or log_file:
        configure(log_level or "info", log_file)


def configure_default_logging(level: str) -> None:
    """Log at ``level`` to standard error unless ``--log-level``/``--log-file`` chose otherwise (for kg serve)."""
    options = click.get_current_context().find_root().obj or {}
    if not (options.get("log_level") or options.get("log_file")):
        configure(level)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@store_option
@click.option("--model", default=None, help="An installed spaCy model to add under the rules (never downloaded).")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1), help="Articles per transaction.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Processes that extract articles (this one reads the files and writes the store).")
@click.option("--records", is_flag=True,
              help="SOURCES are files of records `kg extract` wrote: write them, without extracting again.")
def build(sources: tuple[str, ...], store_path: str, model: str | None, batch_size: int, progress: bool | None,
          workers: int, records: bool) -> None:
    """Ingest article files or folders (.txt, .json, .jsonl, .html) into the store."""
    from .build import build as run_build
    from .stats import store_stats
    from .store import check_location

    check_location(store_path)
    report = run_build(sources, lambda: _open(store_path, create=True), model=model, batch_size=batch_size,
                       progress=progress, on_problem=_problem, workers=workers, records=records)
    click.echo(f"built {report.articles} article{'s' if report.articles != 1 else ''} into {store_path}")
    if report.store is not None:
        click.echo(str(store_stats(report.store)))
    if report.problems or report.warnings:
        sys.exit(2)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file of records to write.")
@click.option("--model", default=None, help="An installed spaCy model to add under the rules (never downloaded).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1), help="Processes that extract.")
def extract(sources: tuple[str, ...], output: str, model: str | None, progress: bool | None, workers: int) -> None:
    """Extract articles into a file of records, with no store (for `kg build --records` on another machine)."""
    from .build import extract_to

    report = extract_to(sources, Path(output), model=model, progress=progress, on_problem=_problem, workers=workers)
    click.echo(f"extracted {report.articles} article{'s' if report.articles != 1 else ''} into {output}")
    if report.problems or report.warnings:
        sys.exit(2)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@store_option
def load(files: tuple[str, ...], store_path: str) -> None:
    """Add N-Quads or TriG exports to a store in bulk (a SPARQL server: by the Graph Store Protocol).

    For copying a store into an empty one, a server's say; the exports' own
    dataset descriptions are left out.
    """
    from .store import check_load_format, check_location

    check_location(store_path)
    for file in files:
        check_load_format(Path(file))
    store = _open(store_path, create=True)
    for file in files:
        count = store.load(Path(file))
        click.echo(f"loaded {count} quads from {file} into {store_path}")


@cli.command()
@store_option
@click.option("--format", "fmt", required=True, help="turtle, nt, nquads, trig, json-ld or xml.")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def export(store_path: str, fmt: str, output: str | None) -> None:
    """Write the whole graph, ontology included."""
    from .store import FORMATS

    if fmt not in FORMATS:
        raise KGError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    store = _open(store_path)
    if output is None:
        store.export(fmt, sys.stdout.buffer)
        return
    write_atomically(Path(output), lambda handle: store.export(fmt, handle))


@cli.command()
@click.argument("query")
@store_option
@click.option("--output", "-f", "output", default="table", show_default=True,
              help="table, json, csv, tsv or xml (CONSTRUCT/DESCRIBE print Turtle).")
def query(query: str, store_path: str, output: str) -> None:
    """Run a SPARQL query (text, or @file.rq) with the project's prefixes declared."""
    from .query import run_query

    result = run_query(_open(store_path), query, output)
    click.echo(result, nl=not result.endswith("\n"))


@cli.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(store_path: str, as_json: bool) -> None:
    """Summarise the store: articles, entities by type, quotes."""
    from .stats import store_stats

    result = store_stats(_open(store_path))
    click.echo(json.dumps(result.as_dict(), indent=1) if as_json else str(result))


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@store_option
@click.option("--format", "fmt", default=None, help="Format of FILE: an export format or an extension (default: FILE's).")
def validate(file: str | None, store_path: str, fmt: str | None) -> None:
    """Check the graph (the store, or an exported FILE) against the project's SHACL shapes.

    Prints every violation and warning, then the verdict; exit status 1 when
    the graph does not conform (warnings alone do not count).
    """
    from .validate import validate_file, validate_store

    report = validate_file(Path(file), fmt) if file else validate_store(_open(store_path))
    click.echo(str(report))
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.argument("gold_dir", type=click.Path(file_okay=False))
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--misses/--no-misses", default=True, show_default=True, help="List what was missed.")
def evaluate(gold_dir: str, store_path: str, as_json: bool, misses: bool) -> None:
    """Score the graph against gold annotations (per type P/R/F1, merging, quotes, roles)."""
    from .evaluate import evaluate as run_evaluate
    from .evaluate import format_report, report_json

    report = run_evaluate(_open(store_path).rdflib_dataset(), Path(gold_dir))
    click.echo(json.dumps(report_json(report), indent=1) if as_json else format_report(report, misses=misses))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        return 130
    except click.ClickException as exc:
        click.echo(f"kg: error: {exc.format_message()}", err=True)
        return 2
    except KGError as exc:
        click.echo(f"kg: error: {exc}", err=True)
        return 2
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except Exception as exc:
        if os.environ.get("KG_DEBUG"):
            raise
        click.echo(f"kg: internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for the traceback)", err=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
