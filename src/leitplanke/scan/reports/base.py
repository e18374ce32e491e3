"""The contract of a scan report format: a function writing scanned sites to a text stream."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from leitplanke.scan.result import SiteScan
from leitplanke.scan.scanner import Scanner


@dataclass(frozen=True)
class ScanReportContext:
    """What every report may use: the scanner (its rules, catalogue and publication)."""

    scanner: Scanner


ScanReportWriter = Callable[[Sequence[SiteScan], TextIO, ScanReportContext], None]
