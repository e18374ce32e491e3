"""Command-line scan of web pages: `leitplanke scan URL|FILE... [--browser] [--depth N] …`."""

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from leitplanke.rulebook.loader import BUNDLED

err = Console(stderr=True, soft_wrap=True)


class ScanFormat(StrEnum):
    """Output formats of `scan`: the names of the registered scan report formats."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    HTML = "html"


@contextmanager
def _progress(shown: bool) -> Iterator[Callable[[object], None] | None]:
    """A Rich progress bar on stderr, or None; its callable takes a ScanProgress."""
    if not shown:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[url]}", style="dim"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("Seiten", total=None, url="")

        def update(state: object) -> None:
            from leitplanke.scan.result import ScanProgress

            assert isinstance(state, ScanProgress)
            total = min(state.limit, state.done + state.queued)
            progress.update(task, completed=state.done, total=total, url=state.url or "")

        yield update


def scan(
    targets: Annotated[
        list[str],
        typer.Argument(
            help="URLs (http/https) oder gespeicherte HTML-Dateien.", show_default=False
        ),
    ],
    browser: Annotated[
        bool, typer.Option("--browser", help="Seiten in Chromium laden (ohne Einwilligung).")
    ] = False,
    depth: Annotated[int, typer.Option(help="Linktiefe innerhalb der Website.", min=0)] = 0,
    max_pages: Annotated[
        int, typer.Option(help="Höchstens so viele Seiten je Website.", min=1)
    ] = 50,
    output: Annotated[ScanFormat, typer.Option("--format", help="Ausgabeformat.")] = (
        ScanFormat.TEXT
    ),
    out_file: Annotated[
        Path | None, typer.Option("--output", help="Bericht in diese Datei statt auf stdout.")
    ] = None,
    concurrency: Annotated[int, typer.Option(help="Seiten gleichzeitig.", min=1)] = 4,
    delay: Annotated[
        float, typer.Option(help="Sekunden zwischen Anfragen an denselben Host.", min=0)
    ] = 0.5,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="robots.txt nicht beachten.")
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Auch private, Loopback- und link-lokale Adressen abrufen."
        ),
    ] = False,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            help="Browser: Drittanbieter nicht kontaktieren, nur ihre Anfragen aufzeichnen.",
        ),
    ] = False,
    consent_selector: Annotated[
        str | None,
        typer.Option(
            "--consent-selector",
            help="Browser: CSS-Selektor der Einwilligungsschaltfläche für einen zweiten Durchgang.",
        ),
    ] = None,
    include_subdomains: Annotated[
        bool, typer.Option("--include-subdomains", help="Links zu Subdomains folgen.")
    ] = False,
    first_party: Annotated[
        list[str] | None,
        typer.Option("--first-party", help="Weitere eigene Domain (mehrfach möglich)."),
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Für Dateien: Adresse der gespeicherten Seite.")
    ] = None,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state",
            help="Zustandsdatei: ein abgebrochener Scan setzt beim nächsten Aufruf dort fort.",
        ),
    ] = None,
    rulebook: Annotated[
        Path, typer.Option("--rulebook", help="Ordner des Regelwerks (Standard: Regelwerk Berlin).")
    ] = BUNDLED,
) -> None:
    """Prüft Webseiten auf Social Plugins und Tracker, die vor der Einwilligung laden.

    Exit 0 ohne Fehler, 1 bei Befunden der Stufe Fehler, 2 bei falscher Eingabe oder wenn
    keine Seite geprüft werden konnte, 3 bei internem Fehler.
    """
    from pydantic import ValidationError

    from leitplanke.publish.publication import Publication
    from leitplanke.rulebook.errors import RulebookError
    from leitplanke.rulebook.versions import load_history
    from leitplanke.scan import CrawlStateError, Scanner, ScanOptions, scan_site
    from leitplanke.scan.reports import ScanReportContext, write_report

    if state is not None and len(targets) > 1:
        err.print("--state geht nur mit einem einzigen Ziel.", style="bold red")
        raise typer.Exit(2)
    try:
        options = ScanOptions(
            browser=browser,
            depth=depth,
            max_pages=max_pages,
            concurrency=concurrency,
            per_host_delay=delay,
            respect_robots=not ignore_robots,
            include_subdomains=include_subdomains,
            allow_private=allow_private,
            offline=offline,
            consent_selector=consent_selector,
            first_party_domains=tuple(first_party or ()),
            base_url=base_url,
        )
        history = load_history(rulebook)
        scanner = Scanner(publication=Publication(history, str(history.current.meta.base_uri)))
    except (ValidationError, RulebookError) as error:
        err.print(str(error), markup=False, highlight=False)
        raise typer.Exit(2) from None
    for target in targets:
        lowered = target.lower()
        if not lowered.startswith(("http://", "https://")) and not Path(target).is_file():
            err.print(f"{target}: weder http(s)-URL noch lesbare Datei", markup=False)
            raise typer.Exit(2)
    cancel = threading.Event()
    sites = []
    try:
        with _progress(err.is_terminal) as progress:
            for target in targets:
                sites.append(
                    scan_site(
                        target,
                        options,
                        scanner=scanner,
                        on_progress=progress,
                        cancel=cancel,
                        state_path=state,
                    )
                )
    except CrawlStateError as error:
        err.print(str(error), markup=False, highlight=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        hint = f" Fortsetzen mit --state {state}." if state else ""
        err.print(f"Abgebrochen.{hint}", style="bold red", markup=False)
        raise typer.Exit(130) from None
    except Exception:  # a fault of the program, not of the input: told apart by exit code 3
        err.print_exception()
        err.print("Interner Fehler in Leitplanke (nicht in der Eingabe).", style="bold red")
        raise typer.Exit(3) from None
    context = ScanReportContext(scanner)
    if out_file is not None:
        with out_file.open("w", encoding="utf-8") as stream:
            write_report(output, sites, stream, context)
    else:
        write_report(output, sites, sys.stdout, context)
    unchecked = [site.start for site in sites if not site.pages]
    for start in unchecked:
        err.print(f"{start}: keine Seite geprüft (siehe übersprungene Adressen).", markup=False)
    if unchecked:
        raise typer.Exit(2)
    raise typer.Exit(1 if any(site.summary.error for site in sites) else 0)
