"""Command-line interface: `leitplanke rulebook …`, `leitplanke publish`, `leitplanke serve`."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from leitplanke.rulebook.errors import RulebookError
from leitplanke.rulebook.loader import BUNDLED, load_rulebook

app = typer.Typer(help="Leitplanke: Social-Media-Leitlinien als Code.", no_args_is_help=True)
rulebook_app = typer.Typer(help="Regelwerk prüfen, vergleichen, auswerten.", no_args_is_help=True)
app.add_typer(rulebook_app, name="rulebook")

out = Console()
err = Console(stderr=True)

RulebookPath = Annotated[
    Path, typer.Argument(help="Ordner des Regelwerks (Standard: mitgeliefertes Regelwerk Berlin).")
]


@rulebook_app.command("validate")
def validate(path: RulebookPath = BUNDLED) -> None:
    """Prüft ein Regelwerk und meldet alle Fehler mit Datei, Zeile und Feld."""
    try:
        rulebook = load_rulebook(path)
    except RulebookError as error:
        for item in error.errors:
            err.print(str(item), markup=False, highlight=False, soft_wrap=True)
        err.print(f"{len(error.errors)} Fehler.", style="bold red")
        raise typer.Exit(1) from None
    out.print(
        f"{rulebook.meta.title} {rulebook.meta.version}: {len(rulebook.rules)} Regeln, gültig.",
        markup=False,
    )
