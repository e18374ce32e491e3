"""Command-line check of exported decision records: `leitplanke records verify FILE [--key PEM]`."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from leitplanke.assessments.signing import load_public_key, verify_record
from leitplanke.settings import Settings

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

records_app = typer.Typer(help="Gezeichnete Entscheidungen prüfen.", no_args_is_help=True)

INVALID = 1  # the record is not intact or not signed by the key
UNUSABLE = 2  # the key cannot be read: nothing was checked


@records_app.command("verify")
def records_verify(
    record: Annotated[
        Path,
        typer.Argument(
            help="Der signierte Datensatz (entscheidung-N.json), wie er heruntergeladen wurde.",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ],
    key: Annotated[
        Path | None,
        typer.Option(
            "--key",
            help="Öffentlicher Schlüssel als PEM (/signaturschluessel.pem); Standard: der "
            "Schlüssel im Datenordner dieser Installation.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Prüft Prüfsumme, Signatur und Schlüssel eines Datensatzes; Exit-Code 0 gültig, 1 ungültig."""
    key_path = key or Settings().signing_key_path
    try:
        public_key = load_public_key(key_path.read_bytes())
    except FileNotFoundError:
        err.print(f"Kein Schlüssel unter {key_path}; geben Sie ihn mit --key an.", markup=False)
        raise typer.Exit(UNUSABLE) from None
    except ValueError as error:
        err.print(f"{key_path}: {error}", markup=False)
        raise typer.Exit(UNUSABLE) from None
    problems = verify_record(record.read_bytes(), public_key)
    if problems:
        err.print(f"{record}: ungültig", markup=False)
        for problem in problems:
            err.print(f"- {problem}", markup=False)
        raise typer.Exit(INVALID)
    out.print(f"{record}: gültig", markup=False)
