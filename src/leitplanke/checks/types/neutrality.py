"""Check type `neutrality`: party-political or commercial endorsement in an official voice.

Precision comes first. A party's name alone is never reported: factual reports such as „Die
Fraktion der SPD hat beantragt …“ or election results are what official channels publish. Only
constructions that take sides are: a call to vote for or support a party („Wählt die Grünen“,
„Zweitstimme für die CDU“, „Jetzt Volt wählen!“) and first-person endorsements („unsere
Kandidatin“, „unsere Partei“). Likewise commercial language is reported as calls to buy, codes and
discounts, affiliate and paid-partnership markers, not as the mere mention of a company. A match
is not reported when its sentence matches one of `exceptions`, by default warnings about scams
(„Vorsicht vor falschen Rabattcodes“).
"""

import re
from typing import Literal, Self

from pydantic import Field, PrivateAttr, model_validator

from leitplanke.checks.draft import Draft
from leitplanke.checks.finding import Hit
from leitplanke.checks.types.base import CheckConfig

Category = Literal["party", "commercial"]
CATEGORIES: tuple[Category, ...] = ("party", "commercial")

PARTY_NAMES = (
    "CDU",
    "CSU",
    "SPD",
    "FDP",
    "AfD",
    "BSW",
    "Bündnis Sahra Wagenknecht",
    "Grüne",
    "Grünen",
    "Bündnis 90/Die Grünen",
    "B90/Grüne",
    "Linke",
    "Linken",
    "Die Linke",
    "Linkspartei",
    "Freie Wähler",
    "Freien Wähler",
    "Volt",
    "Die PARTEI",
    "ÖDP",
    "Piratenpartei",
    "Piraten",
    "Tierschutzpartei",
    "dieBasis",
    "Werteunion",
    "WerteUnion",
    "MLPD",
    "DKP",
    "NPD",
    "Die Heimat",
)

# Calls to vote or support that are clearly addressed to the reader.
_FORMAL_CALL = r"(?:wählen|unterstützen|stimmen)\s+sie(?:\s+für)?|geben\s+sie"
# Informal imperatives; they double as third person („die BVV wählt …“), so they count only at
# the start of a clause or after a word that marks an appeal.
_INFORMAL_CALL = r"wählt|wähle|unterstützt|stimmt\s+für|stimm\s+für|gebt"
_APPEAL_WORDS = frozenset(
    {"jetzt", "bitte", "deshalb", "darum", "also", "einfach", "unbedingt", "heute", "morgen"}
    | {"sonntag", "wahltag"}
)
_ARTICLE = r"(?:(?:die|der|den|dem|das)\s+)?"
_VOTE_FOR = r"(?:(?:erst|zweit)?stimme|kreuz(?:chen)?)\s+(?:für|bei)"
_OWN = (
    r"\bunser(?:e|en|em|er)?\s+(?:spitzen|bürgermeister|direkt)?kandidat(?:in|en|innen)?\b"
    r"|\bunser(?:e|er)?\s+partei\b|\bunterstützt\s+die\s+partei\b"
)

# (regex, counts only in appeal position, confidence); case is ignored.
COMMERCIAL_PATTERNS: tuple[tuple[str, bool, float], ...] = (
    (r"\bkauf(?:t)?\s+(?:jetzt\s+|noch\s+heute\s+)?(?:bei|im|auf)\b", True, 1.0),
    (r"\bbestellt\s+(?:jetzt|gleich|noch\s+heute)\b", True, 1.0),
    (r"\bkaufen\s+sie\s+(?:jetzt\s+|noch\s+heute\s+)?(?:bei|im|auf)\b", False, 1.0),
    (r"\bbestellen\s+sie\s+(?:jetzt|gleich|noch\s+heute)\b", False, 1.0),
    (r"\b(?:jetzt|hier|gleich|schnell)\s+(?:bestellen|kaufen|shoppen|zugreifen)\b", False, 1.0),
    (r"\b(?:gutschein|rabatt|promo|coupon|discount|aktions)-?codes?\b", False, 1.0),
    (
        r"\brabatt\s+mit\s+(?:dem\s+)?code\b|\bmit\s+(?:dem\s+)?code\s+(?-i:[A-Z0-9]{4,})\b",
        False,
        1.0,
    ),
    (r"(?<!\d)\d{1,4}\s?(?:%|prozent|euro|€)\s*rabatt\b", False, 0.7),
    (r"\baffiliate(?:-?links?)?\b|\bprovisionslinks?\b|\bwerbelinks?\b", False, 1.0),
    (r"\bbezahlte\s+(?:partnerschaft|kooperation)\b", False, 1.0),
    (r"(?<![\w#])#(?:ad|anzeige|werbung|sponsored|gesponsert)\b", False, 0.8),
    (r"\bsonderangebote?\b|\bschnäppchen\b|\bversandkostenfrei\b", False, 1.0),
    (r"\bsolange\s+der\s+vorrat\s+reicht\b", False, 1.0),
    (r"\b(?:präsentiert|gesponsert)\s+von\b|\bpowered\s+by\b", False, 0.7),
)

ENDORSEMENT_WORDS = (
    r"\b(?:empfehlen|empfiehlt|empfohlen|erhältlich|bestellen|kaufen|angebot|rabatt"
    r"|exklusiv|gibt\s+es\s+bei)\b"
)

EXCEPTIONS = (
    r"\b(?:vorsicht|warnung(?:en)?|warnt|warnen|betrug|betrugs\w*|betrüger\w*|abzocke|fake"
    r"|gefälscht\w*|phishing|unseriös\w*|masche|falsche[nmrs]?)\b",
    r"\bberlin-?pass\b|\bsozialticket\b",
)

MESSAGES: dict[str, tuple[str, str]] = {
    "party": (
        "Parteiergreifende Formulierung – Behördenkanäle bleiben parteipolitisch neutral",
        "Sachlich berichten, ohne für oder gegen Parteien, Kandidatinnen oder Kandidaten zu "
        "werben.",
    ),
    "commercial": (
        "Werbende Formulierung – Behördenauftritte werben nicht für Produkte oder Unternehmen",
        "Kaufaufforderungen, Rabatt- und Partnercodes entfernen; Kooperationen nur nach den "
        "Sponsoringvorschriften und offen gekennzeichnet.",
    ),
}

_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence(text: str, start: int, end: int, reach: int = 300) -> str:
    """The sentence around `text[start:end]`, at most `reach` characters to either side."""
    low = max(0, start - reach)
    before = max(text.rfind(mark, low, start) for mark in ".!?\n")
    after = _SENTENCE_END.search(text, end, end + reach)
    return text[max(before + 1, low) : after.end() if after else min(len(text), end + reach)]


def _appeal_position(text: str, start: int) -> bool:
    """Whether a verb at `start` opens a clause or follows a word that marks an appeal."""
    before = text[max(0, start - 100) : start].rstrip()
    if not before or before[-1] in '.!?:;–—-„“"»«(\n':
        return True
    word = re.search(r"(\w+)\W*$", before)
    return word is not None and word.group(1).casefold() in _APPEAL_WORDS


class NeutralityCheck(CheckConfig):
    """Reports calls to vote for parties, first-person endorsements and advertising language."""

    type: Literal["neutrality"] = "neutrality"
    categories: list[Category] = Field(default_factory=lambda: list(CATEGORIES), min_length=1)
    party_names: list[str] = Field(
        default_factory=lambda: list(PARTY_NAMES),
        description="Parties and their abbreviations, matched with their case.",
    )
    brands: list[str] = Field(
        default_factory=list,
        description="Company or product names reported with endorsing words in one sentence.",
    )
    exceptions: list[str] = Field(
        default_factory=lambda: list(EXCEPTIONS),
        description="Regexes (case ignored); a match in the same sentence suppresses a hit.",
    )

    _patterns: list[tuple[Category, re.Pattern[str], bool, float]] = PrivateAttr()
    _brands: re.Pattern[str] | None = PrivateAttr()
    _endorsing: re.Pattern[str] = PrivateAttr()
    _exceptions: list[re.Pattern[str]] = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> Self:
        names = sorted(
            ("\\s+".join(map(re.escape, name.split())) for name in self.party_names),
            key=len,
            reverse=True,
        )
        party = rf"(?-i:(?<![\w/-])(?:{'|'.join(names)})(?![\w/-]))" if names else r"(?!)"
        flags = re.IGNORECASE
        end = r"(?=[ \t]*(?:[!.;,)\n]|$))"
        party_patterns: list[tuple[str, bool, float]] = [
            (rf"\b(?:{_FORMAL_CALL})\s+{_ARTICLE}{party}", False, 1.0),
            (rf"\b(?:{_INFORMAL_CALL})\s+{_ARTICLE}{party}", True, 1.0),
            (rf"\b{_VOTE_FOR}\s+{_ARTICLE}{party}", False, 1.0),
            (rf"{party}\s+wählen\b{end}", False, 0.9),
            (_OWN, False, 0.8),
        ]
        try:
            self._patterns = [
                (category, re.compile(pattern, flags), appeal, confidence)
                for category, patterns in (
                    ("party", party_patterns),
                    ("commercial", COMMERCIAL_PATTERNS),
                )
                if category in self.categories
                for pattern, appeal, confidence in patterns
            ]
            brands = "|".join(map(re.escape, self.brands))
            self._brands = re.compile(rf"(?<!\w)(?:{brands})(?!\w)") if brands else None
            self._endorsing = re.compile(ENDORSEMENT_WORDS, flags)
            self._exceptions = [re.compile(pattern, flags) for pattern in self.exceptions]
        except re.error as error:
            raise ValueError(f"ungültiger regulärer Ausdruck: {error}") from None
        return self

    def run(self, draft: Draft) -> list[Hit]:
        """Every endorsing match whose sentence matches no exception, without overlaps."""
        text = draft.text
        found: list[tuple[int, int, str, float]] = [
            (match.start(), match.end(), category, confidence)
            for category, pattern, needs_appeal, confidence in self._patterns
            for match in pattern.finditer(text)
            if not needs_appeal or _appeal_position(text, match.start())
        ]
        if self._brands is not None and "commercial" in self.categories:
            for match in self._brands.finditer(text):
                if self._endorsing.search(_sentence(text, match.start(), match.end())):
                    found.append((match.start(), match.end(), "commercial", 0.7))
        hits: list[Hit] = []
        taken_until = 0  # matches are taken in order of their start; none may overlap
        for start, end, category, confidence in sorted(found):
            if start < taken_until:
                continue
            sentence = _sentence(text, start, end)
            if any(exception.search(sentence) for exception in self._exceptions):
                continue
            taken_until = end
            message, fix = MESSAGES[category]
            hits.append(
                self.worded(
                    Hit(start, end, f"{message}: „{text[start:end]}“", fix, category, confidence)
                )
            )
        return hits
