"""Command-line interface: `leitplanke rulebook …`, `publish`, `serve`, `check` and `scan`."""

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from leitplanke.admin_cli import audit_app, database_app, demo, load_demo_set, users_app
from leitplanke.checks.draft import DEFAULT_AUDIENCE, Platform
from leitplanke.records_cli import records_app
from leitplanke.rulebook.coverage import motion_coverage
from leitplanke.rulebook.diff import RulebookDiff, diff_rulebooks
from leitplanke.rulebook.errors import RulebookError
from leitplanke.rulebook.loader import BUNDLED, load_rulebook
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.versions import RulebookHistory, load_history
from leitplanke.rulebook.vocabulary import AUDIENCE_LABEL, Audience
from leitplanke.scan_cli import scan as scan_command

app = typer.Typer(help="Leitplanke: Social-Media-Leitlinien als Code.", no_args_is_help=True)
rulebook_app = typer.Typer(help="Regelwerk prüfen, vergleichen, auswerten.", no_args_is_help=True)
app.add_typer(rulebook_app, name="rulebook")
app.add_typer(database_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")
app.command("demo")(demo)
app.add_typer(records_app, name="records")
app.command("scan")(scan_command)

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

RulebookArgument = Annotated[
    Path, typer.Argument(help="Ordner des Regelwerks (Standard: mitgeliefertes Regelwerk Berlin).")
]
RulebookOption = Annotated[
    Path, typer.Option("--rulebook", help="Ordner des Regelwerks (Standard: Regelwerk Berlin).")
]


class TableFormat(StrEnum):
    """Output formats of tabular commands."""

    TEXT = "text"
    JSON = "json"


class DiffFormat(StrEnum):
    """Output formats of `rulebook diff`."""

    TEXT = "text"
    JSON = "json"
    HTML = "html"


def _fail(error: RulebookError) -> typer.Exit:
    for item in error.errors:
        err.print(str(item), markup=False, highlight=False)
    err.print(f"{len(error.errors)} Fehler.", style="bold red")
    return typer.Exit(1)


def _history(path: Path) -> RulebookHistory:
    try:
        return load_history(path)
    except RulebookError as error:
        raise _fail(error) from None


@rulebook_app.command("validate")
def validate(path: RulebookArgument = BUNDLED) -> None:
    """Prüft ein Regelwerk samt Versionen und meldet alle Fehler mit Datei, Zeile und Feld."""
    from leitplanke.checks.engine import CheckEngine, CheckSpecError
    from leitplanke.checks.examples import example_cases
    from leitplanke.publish.publication import Publication

    history = _history(path)
    rulebook = history.current
    publication = Publication(history, str(rulebook.meta.base_uri))
    problems: list[str] = []
    try:
        CheckEngine(publication)
    except CheckSpecError as error:
        problems += error.problems
    try:
        example_cases(publication.document)
    except CheckSpecError as error:
        problems += error.problems
    if problems:
        for problem in problems:
            err.print(problem, markup=False, highlight=False)
        err.print(f"{len(problems)} Fehler in Prüfungen und Beispielbeiträgen.", style="bold red")
        raise typer.Exit(1)
    out.print(
        f"{rulebook.meta.title} {rulebook.meta.version}: {len(rulebook.rules)} Regeln, "
        f"{len(history.versions)} Version(en), gültig.",
        markup=False,
        highlight=False,
    )


@rulebook_app.command("release")
def release(path: RulebookArgument = BUNDLED) -> None:
    """Friert die aktuelle Fassung als veröffentlichte Version unter versions/<Version>/ ein."""
    from leitplanke.rulebook.versions import freeze_current

    history = _history(path)
    try:
        target = freeze_current(path)
    except FileExistsError as error:
        err.print(f"Version existiert bereits: {error}", markup=False)
        raise typer.Exit(1) from None
    out.print(
        f"Version {history.current.meta.version} eingefroren in {target}.",
        markup=False,
        highlight=False,
    )


@rulebook_app.command("coverage")
def coverage(
    path: RulebookArgument = BUNDLED,
    output: Annotated[TableFormat, typer.Option("--format")] = TableFormat.TEXT,
) -> None:
    """Zeigt, welche Regeln jeden Punkt des Antrags abdecken; Exit 1 bei Lücken."""
    try:
        rows = motion_coverage(load_rulebook(path))
    except RulebookError as error:
        raise _fail(error) from None
    gaps = [row for row in rows if not row.covered]
    if output is TableFormat.JSON:
        data = [row.model_dump() | {"covered": row.covered} for row in rows]
        print(json.dumps({"complete": not gaps, "items": data}, ensure_ascii=False, indent=2))
    else:
        table = Table(title="Abdeckung des Antrags", show_lines=False)
        for column in ("Zielgruppe", "Aspekt", "Regeln"):
            table.add_column(column)
        for row in rows:
            rules = ", ".join(row.rule_ids) or Text("nicht abgedeckt", style="bold red")
            table.add_row(AUDIENCE_LABEL[Audience(row.audience)], row.aspect_label, rules)
        out.print(table)
    if gaps:
        for row in gaps:
            err.print(f"Nicht abgedeckt: {row.aspect_label} ({row.audience})", style="red")
        raise typer.Exit(1)


def _resolve_version(label: str, history: RulebookHistory) -> Rulebook:
    candidate = Path(label)
    if candidate.is_dir():
        try:
            return load_rulebook(candidate)
        except RulebookError as error:
            raise _fail(error) from None
    try:
        return history.version(label)
    except KeyError:
        known = ", ".join(version.meta.version for version in history.versions)
        err.print(f"Unbekannte Version oder Ordner: {label} (bekannt: {known})")
        raise typer.Exit(2) from None


CONTEXT = 40  # characters of unchanged text shown on each side of a change
REDLINE_STYLE = {"equal": "", "delete": "red strike", "insert": "green underline"}
REDLINE_MARKS = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}


def _print_diff(diff: RulebookDiff) -> None:
    out.print(f"Änderungen von {diff.old_version} zu {diff.new_version}", style="bold")
    for rule in diff.added:
        out.print(Text(f"+ {rule.id} {rule.title}", style="green"))
    for rule in diff.removed:
        out.print(Text(f"- {rule.id} {rule.title}", style="red"))
    for change in diff.changed:
        out.print(Text(f"~ {change.id} {change.title}", style="yellow"))
        for field in change.changes:
            line = Text(f"    {field.field}: ")
            for segment in field.redline:
                text = segment.text
                if segment.op == "equal" and len(text) > 2 * CONTEXT + 1:
                    text = f"{text[:CONTEXT]}…{text[-CONTEXT:]}"
                if out.is_terminal:
                    line.append(text, style=REDLINE_STYLE[segment.op])
                else:
                    before, after = REDLINE_MARKS[segment.op]
                    line.append(f"{before}{text}{after}")
            out.print(line)
    if diff.is_empty:
        out.print("Keine Änderungen.")


@rulebook_app.command("diff")
def diff(
    old: Annotated[str, typer.Argument(help="Alte Version (z. B. 1.0.0) oder Regelwerksordner.")],
    new: Annotated[str, typer.Argument(help="Neue Version oder Regelwerksordner.")],
    rulebook: RulebookOption = BUNDLED,
    output: Annotated[DiffFormat, typer.Option("--format")] = DiffFormat.TEXT,
) -> None:
    """Zeigt hinzugefügte, entfernte und geänderte Regeln mit Änderungen auf Wortebene."""
    history = _history(rulebook)
    result = diff_rulebooks(_resolve_version(old, history), _resolve_version(new, history))
    if output is DiffFormat.JSON:
        print(result.model_dump_json(indent=2))
    elif output is DiffFormat.HTML:
        from leitplanke.publish.html_site import render_diff_html
        from leitplanke.publish.publication import Publication

        publication = Publication(history, str(history.current.meta.base_uri))
        print(render_diff_html(publication, result))
    else:
        _print_diff(result)


@app.command("publish")
def publish(
    out_dir: Annotated[Path, typer.Option("--out", help="Zielordner der Veröffentlichung.")],
    rulebook: RulebookOption = BUNDLED,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Basis-URL (Standard: aus dem Regelwerk).")
    ] = None,
) -> None:
    """Veröffentlicht das Regelwerk in allen Formaten, atomar (alles oder nichts)."""
    from leitplanke.publish.publication import Publication
    from leitplanke.publish.renderers import fewer_collections, render_all
    from leitplanke.publish.site import PublishError, write_site

    started = time.perf_counter()
    with fewer_collections():
        history = _history(rulebook)
        publication = Publication(history, base_url or str(history.current.meta.base_uri))
        artifacts = render_all(publication)
        try:
            write_site(artifacts, out_dir)
        except PublishError as error:
            err.print(str(error), markup=False)
            raise typer.Exit(1) from None
    seconds = time.perf_counter() - started
    out.print(
        f"{len(artifacts)} Dateien nach {out_dir} veröffentlicht ({seconds:.2f} s).",
        markup=False,
        highlight=False,
    )


@app.command("serve")
def serve(
    rulebook: RulebookOption = BUNDLED,
    host: Annotated[str, typer.Option(help="Adresse.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Öffentliche Basis-URL (Standard: Adresse).")
    ] = None,
    with_demo: Annotated[
        bool,
        typer.Option("--demo", help="Demo-Daten laden, wenn die Datenbank noch leer ist."),
    ] = False,
) -> None:
    """Startet die Webanwendung mit Regelwerk, Downloads und API."""
    import uvicorn

    from leitplanke.checks.engine import CheckSpecError
    from leitplanke.web.app import create_app

    _history(rulebook)  # report source errors here, readably, before the server starts
    try:
        application = create_app(rulebook, base_url or f"http://{host}:{port}/")
    except CheckSpecError as error:
        for problem in error.problems:
            err.print(problem, markup=False, highlight=False)
        raise typer.Exit(1) from None
    if with_demo and not application.state.demo:
        load_demo_set(application.state.sessions, application.state.settings, rulebook, None)
        application.state.demo = True
    out.print(f"Leitplanke läuft auf http://{host}:{port}/ (Strg+C beendet).", markup=False)
    uvicorn.run(application, host=host, port=port)


class CheckFormat(StrEnum):
    """Output formats of `check`: the names of the registered report formats."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"


@contextmanager
def _progress(shown: bool) -> Iterator[Callable[[], None] | None]:
    """A Rich progress display on stderr, or None; its callable counts one checked draft."""
    if not shown:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed} Entwürfe geprüft"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("Prüfen", total=None)
        yield lambda: progress.advance(task)


@app.command("check")
def check(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Entwürfe: .txt/.md (Text), .json/.yaml (ein Entwurf), .jsonl/.csv (Stapel); "
            "- liest die Standardeingabe.",
            show_default=False,
        ),
    ],
    output: Annotated[CheckFormat, typer.Option("--format", help="Ausgabeformat.")] = (
        CheckFormat.TEXT
    ),
    platform: Annotated[
        Platform | None, typer.Option(help="Plattform der Entwürfe, die selbst keine nennen.")
    ] = None,
    audience: Annotated[
        Audience,
        typer.Option(
            help="Wer Entwürfe ohne eigene Angabe veröffentlicht: institution (offizieller "
            "Auftritt) oder employee (Beschäftigte im eigenen Namen); es gelten nur die Regeln "
            "dieser Zielgruppe."
        ),
    ] = DEFAULT_AUDIENCE,
    rulebook: RulebookOption = BUNDLED,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch", help="Jede Datei als Stapel lesen: CSV bei .csv, sonst JSON Lines (auch -)."
        ),
    ] = False,
    show_personal_data: Annotated[
        bool,
        typer.Option(
            "--show-personal-data",
            help="Personenbezogene Daten in den Befunden ungekürzt zeigen (Standard: maskiert).",
        ),
    ] = False,
) -> None:
    """Prüft Entwürfe mit den Prüfungen der Regeln.

    Exit 0 ohne Fehler, 1 bei Befunden der Stufe Fehler, 2 bei falscher Eingabe, 3 bei internem
    Fehler.
    """
    from leitplanke.checks.engine import CheckEngine, CheckSpecError
    from leitplanke.checks.input import DraftInputError, input_kind, read_drafts
    from leitplanke.checks.reports import ReportContext, create_report
    from leitplanke.checks.runner import check_drafts
    from leitplanke.publish.publication import Publication

    try:
        history = load_history(rulebook)
        engine = CheckEngine(Publication(history, str(history.current.meta.base_uri)))
    except RulebookError as error:
        _fail(error)
        raise typer.Exit(2) from None
    except CheckSpecError as error:
        for problem in error.problems:
            err.print(problem, markup=False, highlight=False)
        raise typer.Exit(2) from None
    report = create_report(output, sys.stdout, ReportContext(engine, show_personal_data))
    drafts = read_drafts(files, batch=batch, platform=platform, audience=audience)
    batches = any(input_kind(name, batch=batch).is_batch for name in files)
    try:
        with _progress(batches and err.is_terminal) as counted:
            summary = check_drafts(engine, drafts, report, on_draft=counted)
    except DraftInputError as error:
        for item in error.errors:
            err.print(str(item), markup=False, highlight=False)
        err.print("Die Eingabe enthält Fehler.", style="bold red")
        raise typer.Exit(2) from None
    except Exception:  # a fault of the program, not of the input: told apart by exit code 3
        err.print_exception()
        err.print("Interner Fehler in Leitplanke (nicht in der Eingabe).", style="bold red")
        raise typer.Exit(3) from None
    raise typer.Exit(1 if summary.error else 0)
