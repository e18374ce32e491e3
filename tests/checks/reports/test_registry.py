"""The registry of report formats: built-ins by name; duplicates and missing classes fail."""

import pytest

from leitplanke.checks.reports import BUILT_IN, REPORTS, build_registry


def test_the_built_in_formats_are_registered():
    assert list(REPORTS) == ["text", "json", "sarif"]


@pytest.mark.parametrize(
    "entries",
    [
        [*BUILT_IN, ("text", "leitplanke.checks.reports.text:TextReport")],
        [("odt", "leitplanke.checks.reports.text:OdtReport")],
    ],
    ids=["duplicate name", "missing class"],
)
def test_a_bad_registration_fails_at_start_up(entries):
    with pytest.raises(ValueError, match="report format"):
        build_registry(entries)
