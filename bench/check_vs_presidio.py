"""Benchmark: Leitplanke's personal-data detector against Presidio's German pattern recognizers.

Run: .venv/bin/python bench/check_vs_presidio.py [CORPUS.jsonl] [--repeat 5] [--json OUT.json]

Both tools read the same labelled corpus (default: the project's `tests/data/posts/corpus.jsonl`;
pass a held-out set to judge the result). Printed per entity kind: precision, recall and F1 of
each tool, with overlap match as the primary measure and exact-span match beside it; posts per
second of each tool on one pinned core (best of `--repeat` timed passes, each after an untimed
pass of the same tool; the tools take turns; only the tool's own call is timed, not the
conversion of its results for scoring).

Scoring:
- Gold entities without a role are personal data and are what the tables score. Entities with
  a role (`office`: an office holder named in office; `organisation`: an organisation's contact
  data) are neutral: a prediction of the same kind that overlaps one is neither a hit nor a false
  alarm. How often each tool flags them is reported in a table of its own.
- Overlap match: same kind and at least one common character, each gold entity and each
  prediction matched at most once. Exact match: same kind, same start and end.
- Presidio runs as `shared/docs/peers.md` shows (a blank German spaCy pipeline, the e-mail,
  phone, IBAN, credit-card, URL, Steuer-ID and USt-IdNr. recognizers). `--presidio-extended`
  adds its German ID-card, passport and licence-plate recognizers. URL and CREDIT_CARD results
  are not scored; kinds Presidio has no recognizer for are reported for Leitplanke alone.

Presidio is an optional dependency for this benchmark only: `pip install -e '.[bench]'`.
"""

import argparse
import importlib
import json
import logging
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from leitplanke.checks.personal_data.entity import KINDS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "tests" / "data" / "posts" / "corpus.jsonl"

PRESIDIO_KINDS = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN",
    "DE_TAX_ID": "TAX_ID",
    "DE_VAT_ID": "VAT_ID",
}
PRESIDIO_EXTENDED_KINDS = {"DE_ID_CARD": "ID_CARD", "DE_PASSPORT": "PASSPORT", "DE_KFZ": "PLATE"}
PRESIDIO_UNSCORED = {"URL", "CREDIT_CARD"}
MODES = ("overlap", "exact")
PRIMARY_MODE = "overlap"
SPEED_GOAL = 20.0


@dataclass(frozen=True)
class Span:
    """An entity of `kind` at `text[start:end]`. `role`: of a gold entity, its neutral role
    (office, organisation); of a Leitplanke prediction, the office it recognised, if any."""

    kind: str
    start: int
    end: int
    role: str | None = None

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def overlap(self, other: "Span") -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True)
class Post:
    id: str
    text: str
    gold: tuple[Span, ...]


@dataclass
class Tool:
    """A detector under test: a name, the kinds it can find, `analyze(text)` (the tool's own
    call, which the throughput measures) and `spans(result)` (its result as spans, for
    scoring)."""

    name: str
    kinds: frozenset[str]
    analyze: Callable[[str], Any]
    spans: Callable[[Any], list[Span]]
    version: str

    def detect(self, text: str) -> list[Span]:
        return self.spans(self.analyze(text))


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Tally") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Evaluation:
    """Per mode and kind the tallies of one tool; its flags on neutral spans; its mistakes."""

    tallies: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: {mode: {kind: Tally() for kind in KINDS} for mode in MODES}
    )
    neutral_flagged: dict[tuple[str, str], int] = field(default_factory=dict)
    office_role_set: int = 0
    posts_flagged_without_personal_data: int = 0
    posts_missed_with_personal_data: int = 0
    false_positives: list[tuple[str, Span, str]] = field(default_factory=list)
    false_negatives: list[tuple[str, Span, str]] = field(default_factory=list)


# Corpus


def load_corpus(path: Path) -> list[Post]:
    """Posts of a JSON Lines corpus in the format of `tests/data/posts/corpus.jsonl`."""
    posts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            gold = tuple(
                Span(entity["kind"], entity["start"], entity["end"], entity.get("role"))
                for entity in record["entities"]
            )
            posts.append(Post(str(record["id"]), record["text"], gold))
        except (ValueError, KeyError, TypeError) as error:
            sys.exit(f"{path}:{number}: not a corpus line ({error})")
    if not posts:
        sys.exit(f"{path}: no posts")
    return posts


# Tools


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def leitplanke_tool() -> Tool:
    """Leitplanke's `detect_personal_data`."""
    try:
        module = importlib.import_module("leitplanke.checks.personal_data")
        detect_personal_data = module.detect_personal_data
    except (ImportError, AttributeError) as error:
        sys.exit(f"leitplanke.checks.personal_data.detect_personal_data is not available: {error}")

    def spans(entities: list[Any]) -> list[Span]:
        return [
            Span(entity.kind, entity.start, entity.end, getattr(entity, "role", None))
            for entity in entities
        ]

    return Tool(
        "Leitplanke", frozenset(KINDS), detect_personal_data, spans, package_version("leitplanke")
    )


def presidio_tool(extended: bool) -> Tool:
    """Presidio's analyzer with German pattern recognizers, offline, as peers.md shows."""
    try:
        import spacy
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            DeTaxIdRecognizer,
            DeVatIdRecognizer,
            EmailRecognizer,
            IbanRecognizer,
            PhoneRecognizer,
            UrlRecognizer,
        )
    except ImportError as error:
        sys.exit(
            f"Presidio is not installed ({error.name} is missing). This benchmark needs the "
            "optional `bench` dependencies: .venv/bin/pip install -e '.[bench]'"
        )
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    # no fetch of the public suffix list
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())  # type: ignore[assignment]
    blank_de = tempfile.mkdtemp(prefix="blank-de-")
    spacy.blank("de").to_disk(blank_de)
    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "de", "model_name": blank_de}],
        }
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=["de"])
    recognizers: list[Any] = [
        EmailRecognizer(supported_language="de"),
        PhoneRecognizer(supported_language="de", supported_regions=("DE", "AT", "CH")),
        IbanRecognizer(supported_language="de"),
        CreditCardRecognizer(supported_language="de"),
        UrlRecognizer(supported_language="de"),
        DeTaxIdRecognizer(),
        DeVatIdRecognizer(),
    ]
    mapping = dict(PRESIDIO_KINDS)
    if extended:
        from presidio_analyzer.predefined_recognizers import (
            DeIdCardRecognizer,
            DeKfzRecognizer,
            DePassportRecognizer,
        )

        recognizers += [DeIdCardRecognizer(), DePassportRecognizer(), DeKfzRecognizer()]
        mapping |= PRESIDIO_EXTENDED_KINDS
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["de"])

    def analyze(text: str) -> list[Any]:
        return analyzer.analyze(text=text, language="de")  # type: ignore[no-any-return]

    def spans(results: list[Any]) -> list[Span]:
        spans = []
        for result in results:
            kind = mapping.get(result.entity_type)
            if kind is not None:
                spans.append(Span(kind, result.start, result.end))
            elif result.entity_type not in PRESIDIO_UNSCORED:
                raise RuntimeError(f"Presidio reported unmapped type {result.entity_type}")
        return spans

    name = "Presidio+" if extended else "Presidio"
    return Tool(
        name, frozenset(mapping.values()), analyze, spans, package_version("presidio-analyzer")
    )


# Scoring


def match(gold: list[Span], predicted: list[Span], mode: str) -> list[tuple[Span, Span]]:
    """One-to-one pairs of same-kind spans; for overlap, the largest overlaps first."""
    if mode == "exact":
        remaining = list(predicted)
        pairs = []
        for span in gold:
            for candidate in remaining:
                if (candidate.kind, candidate.start, candidate.end) == (
                    span.kind,
                    span.start,
                    span.end,
                ):
                    pairs.append((span, candidate))
                    remaining.remove(candidate)
                    break
        return pairs
    candidates = sorted(
        (
            (-g.overlap(p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if g.kind == p.kind and g.overlaps(p)
        ),
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def evaluate(tool: Tool, posts: list[Post], predictions: list[list[Span]]) -> Evaluation:
    """Tallies of `tool` against the gold entities of `posts`."""
    result = Evaluation()
    for post, predicted_all in zip(posts, predictions, strict=True):
        predicted_all = [span for span in predicted_all if span.kind in tool.kinds]
        personal = [span for span in post.gold if span.role is None]
        neutral = [span for span in post.gold if span.role is not None]
        for span in neutral:
            if any(p.kind == span.kind and p.overlaps(span) for p in predicted_all):
                key = (span.role or "", span.kind)
                result.neutral_flagged[key] = result.neutral_flagged.get(key, 0) + 1
                if span.role == "office" and any(
                    p.kind == "PERSON" and p.role is not None and p.overlaps(span)
                    for p in predicted_all
                ):
                    result.office_role_set += 1
        for mode in MODES:
            pairs = match(personal, predicted_all, mode)
            matched_gold = {id(g) for g, _ in pairs}
            matched_predicted = {id(p) for _, p in pairs}
            for span in personal:
                if span.kind not in tool.kinds:
                    continue
                tally = result.tallies[mode][span.kind]
                if id(span) in matched_gold:
                    tally.tp += 1
                else:
                    tally.fn += 1
                    if mode == PRIMARY_MODE:
                        result.false_negatives.append((post.id, span, post.text))
            for span in predicted_all:
                if id(span) in matched_predicted:
                    continue
                if any(n.kind == span.kind and n.overlaps(span) for n in neutral):
                    continue  # a neutral span: neither hit nor false alarm
                result.tallies[mode][span.kind].fp += 1
                if mode == PRIMARY_MODE:
                    result.false_positives.append((post.id, span, post.text))
        scorable = [span for span in personal if span.kind in tool.kinds]
        alarms = [
            p for p in predicted_all if not any(n.kind == p.kind and n.overlaps(p) for n in neutral)
        ]
        if not personal and alarms:
            result.posts_flagged_without_personal_data += 1
        if scorable and not alarms:
            result.posts_missed_with_personal_data += 1
    return result


def micro(evaluation: Evaluation, mode: str, kinds: Iterable[str]) -> Tally:
    total = Tally()
    for kind in kinds:
        total.add(evaluation.tallies[mode][kind])
    return total


# Timing


def pin_to_one_core(cpu: int | None) -> int | None:
    """Restricts this thread and those it starts to one CPU (default: the highest-numbered
    one this process may use); returns it, or None where the OS cannot pin."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = os.sched_getaffinity(0)
    chosen = max(allowed) if cpu is None else cpu
    if chosen not in allowed:
        sys.exit(f"--cpu {chosen}: this process may only use CPUs {sorted(allowed)}")
    os.sched_setaffinity(0, {chosen})
    return chosen


def throughput(tools: list[Tool], texts: list[str], repeat: int) -> dict[str, dict[str, float]]:
    """Posts per second over the whole corpus: best and median of `repeat` timed passes.

    Timed is the tool's own call (`analyze`), not the conversion of its result into spans. The
    tools take turns, so that a machine that slows down or speeds up meanwhile affects both
    alike; each timed pass follows an untimed pass of the same tool, so that it finds its code
    and data in the CPU caches, as in a batch check that runs one detector over many posts,
    not evicted by the other tool's pass.
    """
    durations: dict[str, list[float]] = {tool.name: [] for tool in tools}
    for _ in range(repeat):
        for tool in tools:
            analyze = tool.analyze
            for text in texts:
                analyze(text)
            started = time.perf_counter()
            for text in texts:
                analyze(text)
            durations[tool.name].append(time.perf_counter() - started)
    speed = {}
    for name, runs in durations.items():
        best, median = min(runs), statistics.median(runs)
        speed[name] = {
            "posts_per_second": round(len(texts) / best, 1),
            "posts_per_second_median": round(len(texts) / median, 1),
            "seconds_best_pass": round(best, 6),
        }
    return speed


# Output


def kind_rows(
    evaluations: dict[str, Evaluation], tools: list[Tool], mode: str, gold: dict[str, int]
) -> list[str]:
    """The per-kind table of one match mode, with micro averages below."""
    head = f"{'kind':<17}{'gold':>5}" + "".join(
        f" │ {tool.name:<10}{'P':>6}{'R':>6}{'F1':>6}" for tool in tools
    )
    lines = [head, "─" * len(head)]

    def cells(tally: Tally | None) -> str:
        if tally is None:
            return f" │ {'—':<10}{'':>18}"
        return f" │ {'':<10}{tally.precision:>6.2f}{tally.recall:>6.2f}{tally.f1:>6.2f}"

    for kind in KINDS:
        lines.append(
            f"{kind:<17}{gold[kind]:>5}"
            + "".join(
                cells(evaluations[tool.name].tallies[mode][kind] if kind in tool.kinds else None)
                for tool in tools
            )
        )
    lines.append("─" * len(head))
    shared = [kind for kind in KINDS if all(kind in tool.kinds for tool in tools)]
    for label, kinds in (("shared (micro)", shared), ("all (micro)", list(KINDS))):
        lines.append(
            f"{label:<17}{sum(gold[kind] for kind in kinds):>5}"
            + "".join(
                cells(micro(evaluations[tool.name], mode, [k for k in kinds if k in tool.kinds]))
                for tool in tools
            )
        )
    return lines


def neutral_rows(
    evaluations: dict[str, Evaluation], tools: list[Tool], posts: list[Post]
) -> tuple[list[str], dict[tuple[str, str], int]]:
    """How many office holders and organisations' contact data each tool flagged."""
    counts: dict[tuple[str, str], int] = {}
    for post in posts:
        for span in post.gold:
            if span.role is not None:
                counts[(span.role, span.kind)] = counts.get((span.role, span.kind), 0) + 1
    lines = [f"{'role / kind':<28}{'gold':>5}" + "".join(f" │ {t.name:>10}" for t in tools)]
    for key in sorted(counts):
        line = f"{key[0] + ' / ' + key[1]:<28}{counts[key]:>5}"
        for tool in tools:
            if key[1] not in tool.kinds:
                line += f" │ {'—':>10}"
            else:
                line += f" │ {evaluations[tool.name].neutral_flagged.get(key, 0):>10}"
        lines.append(line)
    return lines, counts


def show_mistakes(evaluation: Evaluation, limit: int) -> None:
    """Leitplanke's false alarms and misses in context, for reading, not for scoring."""
    for title, items in (
        ("false positives", evaluation.false_positives),
        ("false negatives", evaluation.false_negatives),
    ):
        print(f"\nLeitplanke {title} (overlap match), up to {limit} per kind:")
        shown: dict[str, int] = {}
        for post_id, span, text in sorted(items, key=lambda item: KINDS.index(item[1].kind)):
            if shown.get(span.kind, 0) >= limit:
                continue
            shown[span.kind] = shown.get(span.kind, 0) + 1
            left = text[max(0, span.start - 30) : span.start].replace("\n", " ")
            right = text[span.end : span.end + 30].replace("\n", " ")
            surface = text[span.start : span.end].replace("\n", " ")
            print(f"  {span.kind:<16} {post_id:<22} …{left}⟦{surface}⟧{right}…")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per tool")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--cpu", type=int, help="the core to pin to (default: the last one)")
    parser.add_argument(
        "--presidio-extended",
        action="store_true",
        help="add Presidio's German ID-card, passport and licence-plate recognizers",
    )
    parser.add_argument(
        "--mistakes",
        type=int,
        default=0,
        metavar="N",
        help="list N of Leitplanke's errors per kind",
    )
    args = parser.parse_args()

    posts = load_corpus(args.corpus)
    cpu = pin_to_one_core(args.cpu)  # before the imports: threads they start inherit it
    presidio = presidio_tool(args.presidio_extended)
    leitplanke = leitplanke_tool()
    tools = [leitplanke, presidio]

    texts = [post.text for post in posts]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        predictions = {tool.name: [tool.detect(text) for text in texts] for tool in tools}
        evaluations = {tool.name: evaluate(tool, posts, predictions[tool.name]) for tool in tools}
        speed = throughput(tools, texts, args.repeat)

    personal_posts = sum(1 for post in posts if any(s.role is None for s in post.gold))
    gold = {kind: 0 for kind in KINDS}
    for post in posts:
        for span in post.gold:
            if span.role is None:
                gold[span.kind] += 1
    print(f"Corpus: {args.corpus} — {len(posts)} posts, {personal_posts} with personal data")
    print(
        "Tools: "
        + ", ".join(f"{tool.name} {tool.version}" for tool in tools)
        + f"; pinned to CPU {cpu}"
    )
    for mode in (PRIMARY_MODE, *(m for m in MODES if m != PRIMARY_MODE)):
        label = "PRIMARY: overlap match" if mode == PRIMARY_MODE else "exact-span match"
        print(f"\nPer kind, {label} (— = kind not supported by the tool)")
        print("\n".join(kind_rows(evaluations, tools, mode, gold)))

    lines, neutral_counts = neutral_rows(evaluations, tools, posts)
    print("\nNeutral spans (office holders, organisations' contact data): how many each flagged")
    print("\n".join(lines))
    office_total = neutral_counts.get(("office", "PERSON"), 0)
    print(
        f"Leitplanke marked {evaluations[leitplanke.name].office_role_set} of {office_total} "
        "office holders with an office role."
    )

    clean_posts = len(posts) - personal_posts
    print("\nPost level (any alarm outside neutral spans):")
    for tool in tools:
        evaluation = evaluations[tool.name]
        print(
            f"  {tool.name:<10} false alarm on {evaluation.posts_flagged_without_personal_data}"
            f" of {clean_posts} posts without personal data; no alarm on "
            f"{evaluation.posts_missed_with_personal_data} posts with personal data of its kinds"
        )

    print(
        f"\nThroughput on one core (best of {args.repeat} passes over the corpus, after warm-up):"
    )
    for tool in tools:
        s = speed[tool.name]
        print(
            f"  {tool.name:<10} {s['posts_per_second']:>10,.0f} posts/s "
            f"(median {s['posts_per_second_median']:,.0f})"
        )
    ratio = speed[leitplanke.name]["posts_per_second"] / speed[presidio.name]["posts_per_second"]

    shared = [kind for kind in KINDS if kind in presidio.kinds]
    goal_f1 = {
        kind: {
            mode: evaluations[leitplanke.name].tallies[mode][kind].f1
            >= evaluations[presidio.name].tallies[mode][kind].f1
            for mode in MODES
        }
        for kind in shared
    }
    print(f"\nGoal (F1 ≥ Presidio's on every shared kind, {PRIMARY_MODE} match):")
    for kind in shared:
        ours = evaluations[leitplanke.name].tallies[PRIMARY_MODE][kind].f1
        theirs = evaluations[presidio.name].tallies[PRIMARY_MODE][kind].f1
        mark = "met" if goal_f1[kind][PRIMARY_MODE] else "MISSED"
        print(f"  {kind:<10} {ours:.2f} vs {theirs:.2f}  {mark}")
    print(
        f"Goal (≥ {SPEED_GOAL:.0f}× Presidio's throughput): {ratio:.1f}×  "
        + ("met" if ratio >= SPEED_GOAL else "MISSED")
    )
    if args.mistakes:
        show_mistakes(evaluations[leitplanke.name], args.mistakes)

    if args.json:
        report = {
            "corpus": str(args.corpus),
            "posts": len(posts),
            "posts_with_personal_data": personal_posts,
            "primary_match": PRIMARY_MODE,
            "cpu": cpu,
            "repeat": args.repeat,
            "tools": {
                tool.name: {
                    "version": tool.version,
                    "kinds": sorted(tool.kinds, key=KINDS.index),
                    "scores": {
                        mode: {
                            **{
                                kind: evaluations[tool.name].tallies[mode][kind].as_dict()
                                for kind in KINDS
                                if kind in tool.kinds
                            },
                            "shared_micro": micro(evaluations[tool.name], mode, shared).as_dict(),
                        }
                        for mode in MODES
                    },
                    "neutral_flagged": {
                        f"{role}/{kind}": count
                        for (role, kind), count in sorted(
                            evaluations[tool.name].neutral_flagged.items()
                        )
                    },
                    "office_holders_with_role": evaluations[tool.name].office_role_set,
                    "posts_flagged_without_personal_data": evaluations[
                        tool.name
                    ].posts_flagged_without_personal_data,
                    "throughput": speed[tool.name],
                }
                for tool in tools
            },
            "goals": {
                "f1_at_least_presidio": goal_f1,
                "speed_ratio": round(ratio, 2),
                "speed_goal_met": ratio >= SPEED_GOAL,
            },
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
