"""The ``newstrace`` command: a thin click layer over the library.

Each command parses options, builds the library's objects (Config, Store)
and calls library functions; no analysis logic lives here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from newstrace import __version__
from newstrace.config import Config, ConfigError
from newstrace.model import Analysis, Article, Event, Skip

DEFAULT_DB = "newstrace.db"
#: Articles written to the store per transaction by ``newstrace ingest``.
INGEST_BATCH = 500

err = Console(stderr=True)


class Ctx:
    """What the group options set up for every command."""

    def __init__(self, db: str, config: Config, quiet: bool, workers: int,
                 spark: str | None) -> None:
        self.db = db
        self.config = config
        self.quiet = quiet
        self.workers = workers
        self.spark = spark

    @property
    def db_name(self) -> str:
        """The store as it may be shown: a URL without its password."""
        parts = urlsplit(self.db)
        if parts.password is None:
            return self.db
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))

    def executor(self) -> Any:
        """The local executor, or Spark's when ``--spark MASTER`` is given."""
        if self.spark:
            from newstrace.executors.spark import SparkExecutor, SparkUnavailable

            try:
                return SparkExecutor(self.spark)
            except SparkUnavailable as exc:
                raise click.ClickException(str(exc)) from exc
        from newstrace.executors.local import LocalExecutor

        return LocalExecutor(self.workers)

    def open_store(self) -> Any:
        from newstrace.store import open_store

        return open_store(self.db)


class _Group(click.Group):
    """Turns store errors (locked, corrupt, newer schema, disk full) into one clear line."""

    def invoke(self, ctx: click.Context) -> Any:
        from newstrace.store import StoreError

        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="newstrace")
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="NEWSTRACE_DB",
              help="Store: a SQLite file path or a postgresql:// URL.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="TOML file overriding options of the shipped defaults.toml.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Local processes for the per-event stages.")
@click.option("--spark", metavar="MASTER",
              help="Run the per-event stages on Spark (e.g. local[4], spark://host:7077).")
@click.pass_context
def cli(ctx: click.Context, db: str, config_path: str | None, quiet: bool, workers: int,
        spark: str | None) -> None:
    """Where a news story came from and how each outlet changed it."""
    try:
        config = Config.from_file(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    ctx.obj = Ctx(db, config, quiet, workers, spark)


# ----------------------------------------------------------------- helpers


def _field_options(fn: Any) -> Any:
    """The field-mapping options shared by ``ingest`` and ``trace``."""
    for name in ("author", "outlet", "url", "date", "title", "text"):
        fn = click.option(f"--{name}-field", f"{name}_field", metavar="NAME",
                          help=f"JSONL/JSON/CSV field holding the {name}.")(fn)
    return fn


def _read_options(fields: dict[str, str | None]) -> Any:
    from newstrace.ingest import ReadOptions

    given = {f"{k}": v for k, v in fields.items() if v}
    return ReadOptions(**given) if given else None


def _report_skips(skipped: Sequence[Skip]) -> None:
    for skip in skipped:
        where = f"{skip.source}:{skip.offset}" if skip.offset else skip.source
        err.print(f"[yellow]skipped[/] {where}: {skip.reason}", highlight=False)
    if skipped:
        err.print(f"{len(skipped)} input(s) skipped", highlight=False)


@contextmanager
def _progress(quiet: bool) -> Iterator[Any]:
    """A progress callback drawing a bar on stderr (hidden when quiet or not a TTY)."""
    if quiet:
        yield lambda stage, done, total: None
        return
    columns = (TextColumn("{task.description:<12}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("starting", total=1)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield update


def _ingest(obj: Ctx, paths: Sequence[str], fields: dict[str, str | None]) -> None:
    """Stream ``paths`` into the store in batches: memory does not grow with the input."""
    from newstrace.ingest import iter_paths

    items = iter_paths(list(paths), obj.config, _read_options(fields))
    read = added = 0
    skipped: list[Skip] = []
    batch: list[Article] = []
    with obj.open_store() as store:
        for item in items:
            if isinstance(item, Skip):
                skipped.append(item)
                continue
            batch.append(item)
            read += 1
            if len(batch) >= INGEST_BATCH:
                added += store.add_articles(batch).added
                batch = []
        added += store.add_articles(batch).added if batch else 0
        store.add_skips(skipped)
    _report_skips(skipped)
    if not read:
        raise click.ClickException("no article could be read from the given inputs")
    if not obj.quiet:
        err.print(f"{read} article(s) read, {added} new in {obj.db_name}", highlight=False)


def _store(obj: Ctx, result: Any, verb: str) -> Any:
    """Report skips, keep the articles and skips in the store; error if nothing was read."""
    _report_skips(result.skipped)
    if not result.articles:
        raise click.ClickException("no article could be read from the given inputs")
    with obj.open_store() as store:
        added = store.add_articles(result.articles)
        store.add_skips(result.skipped)
    if not obj.quiet:
        err.print(f"{len(result.articles)} article(s) {verb}, {added.added} new in "
                  f"{obj.db_name}", highlight=False)
    return result


def _output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--json, --html, --tables and --tables-format (what ``_write_outputs`` takes)."""
    from newstrace.report.tables import FORMATS

    options = [
        click.option("--json", "json_path", type=click.Path(dir_okay=False),
                     help="Write JSON here."),
        click.option("--html", "html_path", type=click.Path(dir_okay=False),
                     help="Write HTML here."),
        click.option("--tables", "tables_dir", type=click.Path(file_okay=False),
                     help="Write flat tables (articles, edges, passages, quotes, findings, ...) "
                          "into this folder."),
        click.option("--tables-format", type=click.Choice(FORMATS), default="csv",
                     show_default=True, help="File format of --tables."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _write_outputs(analysis: Analysis, json_path: str | None, html_path: str | None,
                   tables_dir: str | None = None, tables_format: str = "csv") -> None:
    from newstrace.report import html, jsonout, tables

    if json_path:
        jsonout.write(analysis, Path(json_path))
        err.print(f"JSON written to {json_path}", highlight=False)
    if html_path:
        html.write(analysis, Path(html_path))
        err.print(f"HTML report written to {html_path}", highlight=False)
    if tables_dir:
        written = tables.write_tables(analysis, tables_dir, tables_format)
        err.print(f"{len(written) - 1} tables ({tables_format}) written to {tables_dir}",
                  highlight=False)


def _summary(analysis: Analysis) -> None:
    from newstrace.report import summary

    summary.render(analysis, Console())


def _analyse(obj: Ctx, articles: Sequence[Article], skipped: Sequence[Skip],
             previous_events: Sequence[Event] | None = None) -> Analysis:
    """Analyse with the store at hand, so an interrupted run resumes per event."""
    from newstrace.pipeline import analyse

    with obj.open_store() as store, _progress(obj.quiet) as progress, \
            obj.executor() as executor:
        analysis = analyse(articles, obj.config, skipped=skipped, progress=progress,
                           executor=executor, store=store, previous_events=previous_events)
        store.save_analysis(analysis)
    return analysis


# ----------------------------------------------------------------- commands


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_output_options
@_field_options
@click.pass_obj
def trace(obj: Ctx, paths: tuple[str, ...], json_path: str | None, html_path: str | None,
          tables_dir: str | None, tables_format: str, **fields: str | None) -> None:
    """Ingest PATHS, analyse them and print the story's provenance."""
    from newstrace.ingest import read_paths

    result = _store(obj, read_paths(list(paths), obj.config, _read_options(fields)), "read")
    analysis = _analyse(obj, result.articles, result.skipped)
    _summary(analysis)
    _write_outputs(analysis, json_path, html_path, tables_dir, tables_format)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_field_options
@click.pass_obj
def ingest(obj: Ctx, paths: tuple[str, ...], **fields: str | None) -> None:
    """Read PATHS (files, folders, '-' for stdin) into the store."""
    _ingest(obj, paths, fields)


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@click.pass_obj
def fetch(obj: Ctx, urls: tuple[str, ...]) -> None:
    """Fetch web pages or feeds (public http/https addresses only) into the store."""
    from newstrace.ingest.fetch import fetch_urls

    _store(obj, fetch_urls(list(urls), obj.config), "fetched")


@cli.command()
@click.option("--recluster", is_flag=True,
              help="Group the whole collection afresh instead of adding new articles to the "
                   "saved events.")
@click.pass_obj
def analyse(obj: Ctx, recluster: bool) -> None:
    """Analyse every article in the store and save the result there.

    Articles added since the last analysis join its events (which keep their
    ids) or open new ones; --recluster groups the whole collection afresh.
    """
    with obj.open_store() as store:
        articles = store.articles()
        skipped = store.skips()
        previous = None if recluster else store.load_analysis()
    if not articles:
        raise click.ClickException(f"{obj.db_name} holds no articles: run 'newstrace ingest' first")
    events = previous.events if previous else None
    analysis = _analyse(obj, articles, skipped, events)
    if not obj.quiet:
        how = "added to the saved events" if events else "clustered"
        err.print(f"{len(analysis.events)} event(s) analysed ({how}), saved in {obj.db_name}",
                  highlight=False)


@cli.command()
@_output_options
@click.pass_obj
def report(obj: Ctx, json_path: str | None, html_path: str | None, tables_dir: str | None,
           tables_format: str) -> None:
    """Print (and optionally write) the latest analysis saved in the store."""
    with obj.open_store() as store:
        analysis = store.load_analysis()
    if analysis is None:
        raise click.ClickException(
            f"{obj.db_name} holds no analysis: run 'newstrace analyse' first")
    _summary(analysis)
    _write_outputs(analysis, json_path, html_path, tables_dir, tables_format)


def _find_article(obj: Ctx, articles: Sequence[Article], ref: str) -> Article:
    """An article by id, id prefix, source path or file name, or read from a file path."""
    hits = [a for a in articles
            if a.id.startswith(ref) or a.source == ref or Path(a.source).name == ref]
    if not hits and Path(ref).is_file():
        from newstrace.ingest import read_paths

        hits = read_paths([ref], obj.config).articles[:1]
    if len(hits) != 1:
        what = "no article" if not hits else f"{len(hits)} articles"
        raise click.ClickException(
            f"{what} match '{ref}' (give an id, id prefix, file name or readable path)")
    return hits[0]


@cli.command()
@click.argument("first")
@click.argument("second")
@click.option("--json", "as_json", is_flag=True, help="Print the signals as JSON.")
@click.pass_obj
def explain(obj: Ctx, first: str, second: str, as_json: bool) -> None:
    """Why articles FIRST and SECOND are (not) in one event."""
    from newstrace.group.explain import explain as explain_pair
    from newstrace.report import explanation

    with obj.open_store() as store:
        articles = store.articles()
    a, b = _find_article(obj, articles, first), _find_article(obj, articles, second)
    result = explain_pair(a, b, articles, obj.config)
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        explanation.render(result, a, b, Console())


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_obj
def serve(obj: Ctx, host: str, port: int) -> None:
    """Browse the latest analysis of the store in a local web app."""
    from newstrace.web.app import serve as serve_app

    err.print(f"serving {obj.db_name} on http://{host}:{port}/", highlight=False)
    serve_app(obj.db, host=host, port=port)


@cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_obj
def export_cmd(obj: Ctx, path: str) -> None:
    """Write the store to PATH (.jsonl or .parquet)."""
    from newstrace.store import export_jsonl, export_parquet

    writer = export_parquet if path.endswith(".parquet") else export_jsonl
    with obj.open_store() as store:
        result = writer(store, path)
    err.print(f"{result.articles} article(s) exported to {path}", highlight=False)


@cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def import_cmd(obj: Ctx, path: str) -> None:
    """Read an export (.jsonl or .parquet) into the store."""
    from newstrace.store import import_jsonl, import_parquet

    reader = import_parquet if path.endswith(".parquet") else import_jsonl
    with obj.open_store() as store:
        result = reader(store, path)
    err.print(f"{result.articles.added} new article(s), {result.articles.existing} already "
              f"stored", highlight=False)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newstrace")


if __name__ == "__main__":  # pragma: no cover
    main()
