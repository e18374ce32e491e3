"""German wording of validation errors, for rulebook sources and every other user input."""

from collections.abc import Sequence
from typing import Any

from pydantic_core import ErrorDetails

MESSAGES = {
    "missing": "Pflichtfeld fehlt",
    "json_invalid": "kein gültiges JSON",
    "extra_forbidden": "unbekanntes Feld",
    "string_type": "Text erwartet",
    "list_type": "Liste erwartet",
    "dict_type": "Abschnitt (Schlüssel: Wert) erwartet",
    "model_type": "Abschnitt (Schlüssel: Wert) erwartet",
    "enum": "unzulässiger Wert",
    "string_pattern_mismatch": "Format ungültig",
    "string_too_short": "Text zu kurz",
    "string_too_long": "Text zu lang",
    "too_short": "zu wenige Einträge",
    "too_long": "zu viele Einträge",
    "date_type": "Datum im Format JJJJ-MM-TT erwartet",
    "date_from_datetime_parsing": "Datum im Format JJJJ-MM-TT erwartet",
    "date_parsing": "Datum im Format JJJJ-MM-TT erwartet",
    "url_parsing": "ungültige URL",
    "url_scheme": "URL muss mit http:// oder https:// beginnen",
    "int_type": "ganze Zahl erwartet",
    "int_parsing": "ganze Zahl erwartet",
    "int_from_float": "ganze Zahl erwartet",
    "float_type": "Zahl erwartet",
    "float_parsing": "Zahl erwartet",
    "bool_type": "true oder false erwartet",
    "bool_parsing": "true oder false erwartet",
    "greater_than": "Wert zu klein",
    "greater_than_equal": "Wert zu klein",
    "less_than_equal": "Wert zu groß",
}


def german_message(detail: ErrorDetails) -> str:
    """The German message for one of pydantic's error details, with the allowed values or limit."""
    message = MESSAGES.get(detail["type"], detail["msg"].removeprefix("Value error, "))
    context: dict[str, Any] = dict(detail.get("ctx") or {})
    if detail["type"] in {"enum", "literal_error"} and "expected" in context:
        expected = str(context["expected"]).replace("' or '", "' oder '")
        message += f" (erlaubt: {expected})"
    elif detail["type"] == "string_too_long" and "max_length" in context:
        message += f" (höchstens {context['max_length']} Zeichen)"
    elif detail["type"] == "greater_than_equal" and "ge" in context:
        message += f" (mindestens {context['ge']})"
    elif detail["type"] == "greater_than" and "gt" in context:
        message += f" (größer als {context['gt']} erwartet)"
    elif detail["type"] == "too_long" and "max_length" in context:
        message += f" (höchstens {context['max_length']})"
    elif detail["type"] == "less_than_equal" and "le" in context:
        message += f" (höchstens {context['le']})"
    elif detail["type"] == "string_pattern_mismatch":
        message += f": {detail['input']!r}"
    return message


def field_name(location: Sequence[int | str]) -> str:
    """A pydantic error location as a dotted field name, e.g. `media[0].kind`."""
    name = ""
    for part in location:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name
