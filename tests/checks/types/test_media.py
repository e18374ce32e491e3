"""Check type `media`: table of (spec, media, expected hit kinds)."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.types import parse_check

GOOD_ALT = "Zwei Kinder pflanzen mit einer Erzieherin einen jungen Baum im Schulgarten."

CASES = [
    ("meaningful alt text", {}, [{"kind": "image", "alt": GOOD_ALT}], []),
    ("alt text missing", {}, [{"kind": "image"}], ["alt_missing"]),
    ("alt text blank", {}, [{"kind": "image", "alt": "  \n"}], ["alt_missing"]),
    ("alt text only punctuation", {}, [{"kind": "image", "alt": "…"}], ["alt_missing"]),
    ("alt text says Bild", {}, [{"kind": "image", "alt": "Bild"}], ["alt_placeholder"]),
    ("alt text says Foto 3", {}, [{"kind": "image", "alt": "Foto 3"}], ["alt_placeholder"]),
    (
        "alt text is a file name",
        {},
        [{"kind": "image", "alt": "plakat_final.PNG"}],
        ["alt_file_name"],
    ),
    ("alt text is a camera name", {}, [{"kind": "image", "alt": "IMG_2041"}], ["alt_file_name"]),
    (
        "alt text repeats the URL's file name",
        {},
        [{"kind": "image", "alt": "sommerfest-2026", "url": "https://x.de/sommerfest-2026.jpg"}],
        ["alt_file_name"],
    ),
    ("alt text too short", {}, [{"kind": "image", "alt": "Rathaus"}], ["alt_too_short"]),
    ("decorative image may be short", {}, [{"kind": "image", "alt": "Dekorativ"}], []),
    ("min length configurable", {"min_alt_length": 5}, [{"kind": "image", "alt": "Rathaus"}], []),
    (
        "redundant opening",
        {},
        [{"kind": "image", "alt": "Bild von zwei Kindern, die einen Baum pflanzen"}],
        ["alt_prefix"],
    ),
    ("alt checks off", {"alt_text": False}, [{"kind": "image"}], []),
    ("video with subtitles", {}, [{"kind": "video", "subtitles": True}], []),
    ("video without subtitles", {}, [{"kind": "video", "subtitles": False}], ["subtitles_missing"]),
    ("video, subtitles unknown", {}, [{"kind": "video"}], ["subtitles_unknown"]),
    (
        "unknown subtitles not reported",
        {"report_unknown_subtitles": False},
        [{"kind": "video"}],
        [],
    ),
    ("video needs no alt text", {}, [{"kind": "video", "subtitles": True}], []),
    ("audio not checked by default", {}, [{"kind": "audio", "subtitles": False}], []),
    (
        "audio checked when asked",
        {"subtitle_kinds": ["video", "audio"]},
        [{"kind": "audio", "subtitles": False}],
        ["subtitles_missing"],
    ),
    ("subtitle checks off", {"subtitles": False}, [{"kind": "video", "subtitles": False}], []),
    (
        "each medium on its own",
        {},
        [{"kind": "image", "alt": GOOD_ALT}, {"kind": "image"}, {"kind": "video"}],
        ["alt_missing", "subtitles_unknown"],
    ),
]


@pytest.mark.parametrize(("case", "spec", "media", "want"), CASES, ids=[c[0] for c in CASES])
def test_media_reports_the_expected_problems(case, spec, media, want):
    hits = parse_check({"type": "media", **spec}).run(Draft(text="Beitrag", media=media))
    assert [hit.kind for hit in hits] == want
    assert all((hit.start, hit.end) == (0, 0) for hit in hits)


def test_message_names_the_medium_by_its_position():
    draft = Draft(text="x", media=[{"kind": "image", "alt": GOOD_ALT}, {"kind": "image"}])
    (hit,) = parse_check({"type": "media"}).run(draft)
    assert hit.message.startswith("Bild 2")


@pytest.mark.parametrize(
    "spec",
    [{"min_alt_length": 0}, {"subtitle_kinds": ["hologram"]}],
    ids=["min length zero", "unknown media kind"],
)
def test_invalid_media_specs_are_rejected(spec):
    with pytest.raises(ValidationError):
        parse_check({"type": "media", **spec})
