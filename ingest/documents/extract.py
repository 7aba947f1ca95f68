"""extract_figures: every figure of a document, with its labels (LABELS.md of the corpus).

Pipeline: normalised view → number phrases (scan) → context (sentences, clauses, periods,
places, indicator terms) → labels per figure → cross-figure rules (currency restatements,
quoted repeats, elided nouns) → offsets mapped back to the body.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from ingest.documents import lexicon as lx
from ingest.documents.context import (
    MONEY,
    RATES,
    Context,
    Draft,
    compiled,
    previous,
)
from ingest.documents.dictmatch import DictMatcher, Words
from ingest.documents.frame import document_frame
from ingest.documents.geo import assign_geo
from ingest.documents.label_indicator import (
    anchor,
    declines,
    label_indicator,
    points_before_share,
    table_column,
)
from ingest.documents.label_kind import (
    label_conversion,
    label_kind,
    label_qualifier,
    label_sector,
)
from ingest.documents.label_period import (
    label_period,
    last_year,
)
from ingest.documents.matchers import LangMatchers, matchers_for, multiplier
from ingest.documents.model import Document, Figure
from ingest.documents.numbers import plain
from ingest.documents.periods import (
    Mention,
    find_mentions,
)
from ingest.documents.places import find_places, subject_place
from ingest.documents.scan import Candidate, Scanner
from ingest.documents.segment import segment
from ingest.documents.tables import find_tables, table_cells
from ingest.documents.textnorm import normalise
from ingest.documents.vocab import Vocabulary, default_vocabulary

_E6, _E12, _E15, _E18 = (Decimal(10) ** n for n in (6, 12, 15, 18))
_QUOTES_OPEN = "\"“«„「『'‘"
_QUOTES_CLOSE = "\"”»“」』'’"


def _sector_matcher(lang: str) -> DictMatcher:
    return DictMatcher(list(lx.SECTORS), latin=lang not in lx.CJK)


def _doc_date(date: str | None) -> tuple[int | None, int | None]:
    if not date:
        return None, None
    m = re.search(r"((?:19|20)\d\d)(?:-(\d{1,2}))?", date)
    if not m:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _terms(text: str, m: LangMatchers, lang: str,
           words: Words | None = None) -> list[tuple[int, int, str]]:
    if m.terms is None:
        return []
    cjk = lang in lx.CJK
    hits = []
    # Chinese has no spaces: take every match and keep the longest of overlapping ones
    # (占地区生产总值 holds 地区生产总值, not 占地).
    for start, end, word in m.terms.finditer(text, overlapped=cjk, words=words):
        if cjk and word == "规模" and text.startswith("以上", end):
            continue  # 规模以上: "above designated size", not an industry's scale
        code = m.term_codes.get(word)
        if code:
            hits.append((start, end, code))
    if not cjk:
        return hits
    out: list[tuple[int, int, str]] = []
    taken = bytearray(len(text) + 1)
    for s, e, code in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if not any(taken[s:e]):
            taken[s:e] = b"\x01" * (e - s)
            out.append((s, e, code))
    return sorted(out)


def extract_figures(doc: Document, vocab: Vocabulary | None = None) -> list[Figure]:
    vocab = vocab or default_vocabulary()
    lang = doc.lang if doc.lang in ("en", "fr", "de", "es", "pt", "zh", "ja") else "en"
    view = normalise(doc.body)
    text = view.text
    m = matchers_for(vocab, lang)
    segs = segment(text, lang)
    year, month = _doc_date(doc.date)
    words = Words(text) if lang not in lx.CJK else None
    places = find_places(text, m, segs, words)
    title_places = []
    if doc.title and m.places is not None:
        for _s, _e, key in m.places.finditer(normalise(doc.title).text):
            cands = m.place_names.get(key, [])
            if len(cands) == 1:
                title_places.append(cands[0])
    sectors = [(s, e, lx.SECTORS[k]) for s, e, k in
               compiled(vocab, lang, "sectors", lambda: _sector_matcher(lang)).finditer(
                   text, words=words) if k in lx.SECTORS]
    scanner = compiled(vocab, lang, "scanner", lambda: Scanner(m, lang))
    cands = scanner.scan(text)
    terms = _terms(text, m, lang, words)
    tables = find_tables(text, {pm.start for pm in places}, terms)
    if tables:
        cands = sorted(cands + table_cells(text, tables, cands), key=lambda c: c.start)
    mentions = _drop_counted_years(find_mentions(text, lang, year, month), cands)
    ctx = Context(doc, text, lang, m, segs, mentions, places,
                  subject_place(places, title_places), terms, sectors, year,
                  month, document_frame(doc.title, text, lang, year, month))
    ctx.candidates = cands
    ctx.cand_starts = [c.start for c in cands]
    ctx.tables = tables
    ctx.index()
    prev_end = 0
    prev_sentence = -1
    for cand in cands:
        sent = segs.sentence_of(cand.start)
        if sent != prev_sentence:
            prev_end, prev_sentence = segs.sentences[sent][0], sent
        draft = Draft(cand, sent, segs.clause_of(cand.start, sent),
                      Figure(doc.name, 0, 0, "", "", cand.unit, lang=lang), prev_end=prev_end)
        if _label(ctx, draft, vocab):
            ctx.drafts.append(draft)
        prev_end = cand.end
    points_before_share(ctx)
    out = []
    for d in ctx.drafts:
        s, e = view.to_body(d.cand.start, d.cand.end)
        d.fig.start, d.fig.end, d.fig.quote = s, e, doc.body[s:e]
        out.append(d.fig)
    return out


def _drop_counted_years(mentions: list[Mention], cands: list[Candidate]) -> list[Mention]:
    """A bare year-like number that is itself a figure ("2020 enterprises") is no period."""
    if not any(mt.bare for mt in mentions):
        return mentions
    starts = [c.num_start for c in cands]
    out = []
    for mt in mentions:
        if mt.bare:
            i = bisect.bisect_right(starts, mt.start) - 1
            if i >= 0 and cands[i].num_start <= mt.start < cands[i].num_end:
                continue
        out.append(mt)
    return out


# --- labels of one figure ----------------------------------------------------------------

def _label(ctx: Context, d: Draft, vocab: Vocabulary) -> bool:
    c, f = d.cand, d.fig
    if c.bare == "elided":
        prev = previous(ctx, d, lambda p: p.fig.unit == "count" and bool(p.fig.subject))
        if prev is None:
            return False
        c.subject, c.count_indicator = prev.fig.subject, prev.fig.indicator
    value = c.value * multiplier(c.scales)
    value = _plausible(ctx, d, value)
    quoted = _quoted_repeat(ctx, d, value)
    if c.needs_currency and quoted is None:
        unit = _infer_currency(ctx, d, vocab)
        if not unit:
            return False
        c.unit = unit
        f.add_flag("currency_inferred" if unit in MONEY else "unit_inferred")
    f.unit = c.unit
    d.value = value
    f.subject = c.subject or _default_subject(c.unit)
    ss, se = ctx.segs.sentences[d.sentence]
    cs, ce = d.clause
    f.kind = label_kind(ctx, d)
    label_indicator(ctx, d)
    if ctx.tables:
        table_column(ctx, d)
    f.sector = label_sector(ctx, d)
    f.qualifier = label_qualifier(ctx, d)
    f.period = label_period(ctx, d)
    if f.kind == "target" and ctx.doc_year and last_year(f.period) < ctx.doc_year:
        # "In 2023, Wuxi's per capita GDP will reach ..." published in 2024: no plan is made
        # for a period already over; the future tense reports an outcome (a translation's).
        f.kind = "actual"
        f.add_flag("kind_unsettled")
    assign_geo(ctx, d)
    label_conversion(ctx, d)
    if quoted is not None:
        for name in ("unit", "indicator", "growth_of", "sector", "period", "kind", "qualifier",
                     "geo", "place_code"):
            setattr(f, name, getattr(quoted.fig, name))
        d.base = quoted.base
    if f.unit in RATES | MONEY and declines(ctx, d) and value > 0:
        value = -value
    f.value = plain(value)
    _unsettled(f)
    f.confidence = _confidence(f)
    del ss, se, cs, ce
    return True


def _default_subject(unit: str) -> str:
    return {"m2": "area", "km2": "area", "km": "distance", "minutes": "travel time",
            "vehicles": "vehicles", "person_times": "visits", "persons": "persons",
            "tonnes": "goods", "TEU": "containers"}.get(unit, "")


def _plausible(ctx: Context, d: Draft, value: Decimal) -> Decimal:
    """Long-scale words used with their English meaning: French 'trillion' (1e18) for 1e12,
    and any scale that makes a money amount larger than the world economy."""
    c = d.cand
    if not c.scales:
        return value
    literal_huge = any(s.multiplier >= _E18 for s in c.scales)
    if literal_huge:
        d.fig.add_flag("scale_ambiguous")
        return value / _E6
    if c.unit in MONEY and abs(value) > _E15 and any(s.multiplier >= _E12 for s in c.scales):
        d.fig.add_flag("scale_ambiguous")
        return value / Decimal(1000)
    return value


def _quoted_repeat(ctx: Context, d: Draft, value: Decimal) -> Draft | None:
    text, c = ctx.text, d.cand
    before = text[max(0, c.start - 2):c.start].strip()
    after = text[c.end:c.end + 2].strip()
    if not (before and before[-1] in _QUOTES_OPEN and after and after[0] in _QUOTES_CLOSE):
        return None
    for p in reversed(ctx.drafts):
        if p.value == value and (p.fig.unit == c.unit or c.needs_currency):
            return p
    return None


def _infer_currency(ctx: Context, d: Draft, vocab: Vocabulary) -> str:
    """The unit of a number with a scale word and no unit ("202.300 millones"): never a currency
    the text does not name. A money figure earlier in the same sentence (a list) lends its
    currency; otherwise the base unit of the indicator named next to it decides (a population
    counts people; GDP is yuan, flagged); a measure in other units (TEU or tonnes of
    throughput) cannot be settled, and the number is no figure."""
    for p in reversed(ctx.drafts):
        if p.sentence != d.sentence:
            break
        if p.fig.unit in MONEY:
            return p.fig.unit
    base = anchor(ctx, d, money=True)
    ind = vocab.indicators.get(base) if base else None
    unit = ind.base_unit if ind is not None else ""
    return unit if unit in ("CNY", "USD", "persons") else ""


def _unsettled(f: Figure) -> None:
    """Say what could not be settled rather than guess: no place, no period, or money whose
    measure no word of the text names."""
    if not f.geo:
        f.add_flag("geo_unsettled")
    if not f.period:
        f.add_flag("period_unsettled")
    if f.indicator == "other" and f.unit in MONEY and not f.conversion:
        f.add_flag("indicator_unsettled")


def _confidence(f: Figure) -> float:
    score = 0.9
    if f.flags:
        score -= 0.2
    if f.indicator == "other":
        score -= 0.1
    if not f.geo:
        score -= 0.1
    return round(max(score, 0.1), 2)
