"""What the labelling steps of the extractor share: a figure in the making (Draft), the
document's context (Context), unit classes and the per-language regex caches."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ingest.documents import lexicon as lx
from ingest.documents.frame import Frame
from ingest.documents.matchers import LangMatchers
from ingest.documents.model import Document, Figure
from ingest.documents.periods import (
    Mention,
)
from ingest.documents.places import PlaceMention
from ingest.documents.scan import Candidate
from ingest.documents.segment import Segments
from ingest.documents.tables import Table
from ingest.documents.textnorm import to_simplified
from ingest.documents.vocab import Place, Vocabulary

ECONOMY_PARTS = frozenset({"primary industry", "secondary industry", "tertiary industry",
                            "private economy", "digital economy", "manufacturing"})
MONEY = frozenset({"CNY", "USD", "EUR"})
RATES = frozenset({"percent", "percentage_point", "times"})
COUNT_CODES = frozenset({"project_count", "enterprise_count"})


@dataclass
class Draft:
    cand: Candidate
    sentence: int
    clause: tuple[int, int]
    fig: Figure
    base: str = ""  # the underlying quantity (gdp for a GDP growth rate)
    value: Decimal = Decimal(0)
    prev_end: int = 0
    bracketed: bool = False  # its place came from the name right before its bracket


@dataclass
class Context:
    doc: Document
    text: str
    lang: str
    m: LangMatchers
    segs: Segments
    mentions: list[Mention]
    places: list[PlaceMention]
    subject: Place | None
    terms: list[tuple[int, int, str]]
    sectors: list[tuple[int, int, str]]
    doc_year: int | None
    doc_month: int | None
    frame: Frame = field(default_factory=lambda: Frame(None, None))
    candidates: list[Candidate] = field(default_factory=list)
    cand_starts: list[int] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    sentence_cache: dict[tuple[str, int], object] = field(default_factory=dict)
    # per-sentence indexes, built once: mentions and places of each sentence
    mentions_of: dict[int, list[Mention]] = field(default_factory=dict)
    places_of: dict[int, list[PlaceMention]] = field(default_factory=dict)

    def index(self) -> None:
        for mt in self.mentions:
            self.mentions_of.setdefault(self.segs.sentence_of(mt.start), []).append(mt)
        for pm in self.places:
            self.places_of.setdefault(pm.sentence, []).append(pm)

    def rx(self, name: str) -> regex.Pattern[str]:
        return compiled_rx(self, name)


def compiled(vocab: Vocabulary, lang: str, name: str, build):  # small per-lang cache
    key = (name, lang)
    if key not in vocab.cache:
        vocab.cache[key] = build()
    return vocab.cache[key]


def _lang_regex(table: dict[str, str], lang: str) -> regex.Pattern[str]:
    src = table.get(lang, table.get("en", ""))
    if lang in lx.CJK:
        src = to_simplified(src)
        return regex.compile(rf"(?:{src})")
    return regex.compile(rf"(?<![\p{{L}}])(?:{src})(?![\p{{L}}])", regex.I)


def _previous_in(drafts: list[Draft], d: Draft, unit: str) -> Draft | None:
    for p in reversed(drafts):
        if p.sentence != d.sentence:
            return None
        if p.fig.unit == unit:
            return p
    return None


def previous(ctx: Context, d: Draft, pred) -> Draft | None:
    for p in reversed(ctx.drafts):
        if p.sentence != d.sentence:
            return None
        if pred(p):
            return p
    return None


def compiled_rx(ctx: Context, name: str) -> regex.Pattern[str]:
    table = {"growth": lx.GROWTH, "decline": lx.DECLINE, "share": lx.SHARE,
             "forecast": lx.FORECAST, "target": lx.TARGET}[name]
    key = (name, ctx.lang)
    cache = _RX_CACHE
    if key not in cache:
        cache[key] = _lang_regex(table, ctx.lang)
    return cache[key]


_RX_CACHE: dict[tuple[str, str], regex.Pattern[str]] = {}


# -- other labels ---------------------------------------------------------------------------

_TITLES = regex.compile(r"《[^》]*》")


def strip_titles(s: str) -> str:
    return _TITLES.sub("", s) if "《" in s else s
