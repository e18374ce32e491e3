"""Reading drafts: text, Markdown, JSON and YAML files, JSON Lines and CSV batches, stdin."""

import io
import sys
from pathlib import Path

import pytest

from leitplanke.checks.draft import Platform
from leitplanke.checks.input import DraftInputError, InputKind, input_kind, read_drafts
from tests.checks.check_rulebook import DRAFTS


def drafts_of(*names: str, **options) -> list:
    return list(read_drafts([str(DRAFTS / name) for name in names], **options))


@pytest.mark.parametrize(
    ("name", "batch", "kind"),
    [
        ("post.txt", False, InputKind.TEXT),
        ("post.md", False, InputKind.TEXT),
        ("post", False, InputKind.TEXT),
        ("post.JSON", False, InputKind.JSON),
        ("post.yml", False, InputKind.YAML),
        ("post.yaml", False, InputKind.YAML),
        ("posts.jsonl", False, InputKind.JSONL),
        ("posts.ndjson", False, InputKind.JSONL),
        ("posts.csv", False, InputKind.CSV),
        ("-", False, InputKind.TEXT),
        ("-", True, InputKind.JSONL),
        ("posts.txt", True, InputKind.JSONL),
        ("posts.csv", True, InputKind.CSV),
    ],
)
def test_the_kind_of_input_follows_the_file_name_and_the_batch_option(name, batch, kind):
    assert input_kind(name, batch=batch) is kind


def test_a_text_or_markdown_file_is_the_text_of_one_draft():
    (post,) = drafts_of("like-button.md", platform="x")
    assert post.draft.text == (DRAFTS / "like-button.md").read_text(encoding="utf-8")
    assert post.draft.platform is Platform.X
    assert post.whole_file and post.line is None
    assert post.name == str(DRAFTS / "like-button.md")


def test_json_and_yaml_files_hold_one_draft_whose_own_platform_wins():
    json_draft, yaml_draft = drafts_of("entwurf.json", "entwurf.yaml", platform="x")
    assert (json_draft.draft.id, json_draft.draft.platform) == ("json-1", Platform.FACEBOOK)
    assert yaml_draft.draft.text.startswith("Neu auf unserer Seite")
    assert yaml_draft.draft.platform is Platform.MASTODON
    assert not json_draft.whole_file
    assert json_draft.name == f"{DRAFTS / 'entwurf.json'}#json-1"


def test_a_json_or_yaml_draft_without_id_is_named_by_its_text_field(tmp_path):
    path = tmp_path / "ohne-id.yaml"
    path.write_text("text: Hallo\n", encoding="utf-8")
    (draft,) = read_drafts([str(path)])
    assert draft.name == f"{path}#text"


def test_json_lines_give_one_draft_per_line_named_by_id_or_line():
    drafts = drafts_of("stapel.jsonl", platform="mastodon")
    assert [source.line for source in drafts] == [1, 3, 4]
    assert [source.name.rpartition("#")[2] for source in drafts] == ["p-1", "L3", "p-3"]
    assert [source.draft.platform for source in drafts] == ["x", "mastodon", "mastodon"]


def test_csv_records_may_span_lines_and_use_semicolons():
    first, second = drafts_of("stapel.csv", platform="bluesky")
    assert first.draft.text == "Zeile eins;\nZeile zwei mit Like"
    assert (first.line, first.draft.id, first.draft.platform) == (2, "c-1", Platform.MASTODON)
    assert (second.line, second.draft.platform) == (4, Platform.BLUESKY)


# (file, audience option, audience of each draft read): a draft's own audience wins.
AUDIENCES = [
    ("stapel.jsonl", None, [None, "employee", None]),
    ("stapel.jsonl", "institution", ["institution", "employee", "institution"]),
    ("stapel.jsonl", "employee", ["employee", "employee", "employee"]),
    ("stapel.csv", None, [None, "employee"]),
    ("stapel.csv", "institution", ["institution", "employee"]),
    ("entwurf.yaml", "employee", ["institution"]),
    ("entwurf.json", "employee", ["employee"]),
    ("like-button.md", "employee", ["employee"]),
    ("like-button.md", None, [None]),
]


@pytest.mark.parametrize(
    ("name", "audience", "want"),
    AUDIENCES,
    ids=[f"{name}-{audience or 'unset'}" for name, audience, _ in AUDIENCES],
)
def test_the_audience_option_applies_to_drafts_that_do_not_say_who_posts_them(name, audience, want):
    drafts = drafts_of(name, audience=audience)
    assert [source.draft.audience for source in drafts] == want


def test_csv_with_bom_crlf_commas_and_links(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(
        b"\xef\xbb\xbfText,Links\r\nHallo,https://a.example https://b.example\r\nOhne,\r\n"
    )
    first, second = read_drafts([str(path)])
    assert first.draft.text == "Hallo"
    assert first.draft.links == ["https://a.example", "https://b.example"]
    assert second.draft.links == []


def test_standard_input_is_text_or_with_batch_json_lines(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hallo\n")))
    (text,) = read_drafts(["-"])
    assert (text.name, text.draft.text, text.whole_file) == ("<stdin>", "Hallo\n", True)
    lines = b'{"text": "a"}\n{"text": "b", "id": "x"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    assert [d.name for d in read_drafts(["-"], batch=True)] == ["<stdin>#L1", "<stdin>#x"]


def test_batches_are_read_lazily_one_draft_at_a_time(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text('{"text": "ok"}\nkein JSON\n', encoding="utf-8")
    drafts = read_drafts([str(path)])
    assert next(drafts).draft.text == "ok"
    with pytest.raises(DraftInputError):
        next(drafts)


# (case, file name, content, what the error says after "<file>:")
ERRORS = [
    (
        "bad json line",
        "a.jsonl",
        b'{"text": "a"}\n{"text": }\n',
        "2:10: kein gültiges JSON: Expecting value",
    ),
    ("missing text", "a.jsonl", b'{"id": "x"}\n', "1:1: text: Pflichtfeld fehlt"),
    ("unknown field", "a.jsonl", b'{"text": "a", "farbe": 1}\n', "1:1: farbe: unbekanntes Feld"),
    (
        "unknown platform",
        "a.jsonl",
        b'{"text": "a", "platform": "tiktok"}\n',
        "1:1: platform: unzulässiger Wert (erlaubt: 'mastodon', 'bluesky'",
    ),
    ("nested field", "a.jsonl", b'{"text": "a", "media": [{}]}\n', "1:1: media[0].kind: Pflicht"),
    ("not an object", "a.jsonl", b'["text"]\n', "1:1: Abschnitt (Schlüssel: Wert) erwartet"),
    ("not utf-8", "a.jsonl", b'{"text": "a"}\n{"text": "\xe4"}\n', "2:11: nicht UTF-8-kodiert"),
    ("deep nesting", "a.jsonl", b"[" * 100_000 + b"\n", "1:1: kein gültiges JSON"),
    ("json field line", "a.json", b'{\n  "text": "a",\n  "platform": 7\n}\n', "3:15: platform:"),
    ("yaml field line", "a.yaml", b"text: a\n\nfarbe: rot\n", "3:8: farbe: unbekanntes Feld"),
    ("yaml syntax", "a.yaml", b"text: [a\n", "2:1: YAML-Fehler"),
    (
        "text too long",
        "a.txt",
        b"x" * 100_001,
        "1:1: text: Text zu lang (höchstens 100000 Zeichen)",
    ),
    ("file too large", "a.md", b"x" * 1_048_577, "1:1: Datei zu groß"),
    ("text not utf-8", "a.txt", b"eins\nzwei \xfc\n", "2:1: nicht UTF-8-kodiert"),
    ("unknown column", "a.csv", b"text;plattform\na;x\n", "1:2: unbekannte Spalte „plattform“"),
    ("no text column", "a.csv", b"id,platform\n1,x\n", "1:1: Spalte „text“ fehlt"),
    ("repeated column", "a.csv", b"text,Text\na,b\n", "1:2: Spalte „text“ doppelt"),
    ("field count", "a.csv", b"text,id\na,1\nb\nc,3,4\n", "3:1: 1 Felder, aber 2 Spalten"),
    ("bad cell", "a.csv", b"text,platform\na,tiktok\n", "2:2: platform: unzulässiger Wert"),
    ("bad audience", "a.csv", b"text;audience\na;staff\n", "2:2: audience: unzulässiger Wert"),
    (
        "unknown audience",
        "a.jsonl",
        b'{"text": "a", "audience": "Institution"}\n',
        "1:1: audience: unzulässiger Wert (erlaubt: 'institution' oder 'employee')",
    ),
    ("empty csv", "a.csv", b"", "1:1: leere CSV-Datei"),
    ("huge cell", "a.csv", b"text\n" + b"x" * 140_000 + b"\n", "2:1: CSV-Fehler: field larger"),
]


@pytest.mark.parametrize(
    ("case", "name", "content", "want"), ERRORS, ids=[case for case, *_ in ERRORS]
)
def test_bad_input_is_a_user_data_error_naming_file_line_and_field(
    tmp_path, case, name, content, want
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DraftInputError) as raised:
        list(read_drafts([str(path)]))
    assert str(raised.value).startswith(f"{path}:{want}"), str(raised.value)


@pytest.mark.parametrize(
    ("make", "want"),
    [
        (lambda tmp: tmp / "fehlt.txt", "Datei nicht gefunden"),
        (lambda tmp: tmp / "fehlt.yaml", "Datei nicht gefunden"),
        (lambda tmp: tmp / "fehlt.json", "Datei nicht gefunden"),
        (lambda tmp: tmp, "ist ein Ordner, keine Datei"),
    ],
    ids=["missing text", "missing yaml", "missing json", "folder"],
)
def test_a_missing_file_or_a_folder_is_a_user_data_error(tmp_path, make, want):
    path: Path = make(tmp_path)
    with pytest.raises(DraftInputError, match=want):
        list(read_drafts([str(path)]))
