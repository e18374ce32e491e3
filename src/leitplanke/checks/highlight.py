"""Splits a draft's text at the edges of its findings' spans, for showing them marked in place.

Spans may overlap or nest: each segment lists every finding that covers it, and after each
segment come the findings that end there (where a reference to the finding goes). Findings are
numbered from 1 in the order given. An empty span at 0 is about the whole draft and is left out;
any other empty span gets a reference at its place.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Segment:
    """A stretch of text, the numbers of the findings covering it, and those that end after it."""

    text: str
    covered_by: tuple[int, ...]
    ends: tuple[int, ...]


def whole_draft(span: tuple[int, int]) -> bool:
    """Whether a finding's span means the draft as a whole (the empty span 0–0)."""
    return span == (0, 0)


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """`text` cut at every start and end of `spans` (offsets into it), in order."""
    size = len(text)
    placed = [
        (number, min(max(start, 0), size), min(max(end, start, 0), size))
        for number, (start, end) in enumerate(spans, start=1)
        if not whole_draft((start, end))
    ]
    edges = sorted({0, size} | {start for _, start, _ in placed} | {end for _, _, end in placed})
    result = []
    for left, right in pairwise(edges):
        covered = tuple(n for n, start, end in placed if start <= left and right <= end)
        ends = tuple(n for n, start, end in placed if end == right)
        result.append(Segment(text[left:right], covered, ends))
    return result
