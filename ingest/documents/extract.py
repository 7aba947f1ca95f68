"""extract_figures: every figure of a document, with its labels (LABELS.md of the corpus).

Pipeline: normalised view → number phrases (scan) → context (sentences, clauses, periods,
places, indicator terms) → labels per figure → cross-figure rules (currency restatements,
quoted repeats, elided nouns) → offsets mapped back to the body.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ingest.documents import lexicon as lx
from ingest.documents.dictmatch import DictMatcher, Words
from ingest.documents.frame import Frame, document_frame, whole_year
from ingest.documents.geo import assign_geo
from ingest.documents.matchers import LangMatchers, matchers_for, multiplier
from ingest.documents.model import Document, Figure
from ingest.documents.numbers import plain
from ingest.documents.pairing import paired_mention
from ingest.documents.periods import (
    Mention,
    consecutive_months,
    find_mentions,
    months_back,
)
from ingest.documents.places import PlaceMention, find_places, subject_place
from ingest.documents.scan import Candidate, Scanner
from ingest.documents.segment import Segments, segment
from ingest.documents.tables import Table, cell_of, find_tables, table_cells
from ingest.documents.textnorm import normalise, to_simplified
from ingest.documents.vocab import Place, Vocabulary, default_vocabulary

_ECONOMY_PARTS = frozenset({"primary industry", "secondary industry", "tertiary industry",
                            "private economy", "digital economy", "manufacturing"})
MONEY = frozenset({"CNY", "USD", "EUR"})
RATES = frozenset({"percent", "percentage_point", "times"})
COUNT_CODES = frozenset({"project_count", "enterprise_count"})
_QUOTES_OPEN = "\"“«„「『'‘"
_QUOTES_CLOSE = "\"”»“」』'’"


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
        return _compiled_rx(self, name)


def _compiled(vocab: Vocabulary, lang: str, name: str, build):  # small per-lang cache
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


def _qual_regex(lang: str) -> regex.Pattern[str]:
    pairs = sorted(lx.QUALIFIERS_BEFORE.get(lang, []), key=lambda p: len(p[0]), reverse=True)
    alts = "|".join(regex.escape(to_simplified(w)) for w, _ in pairs)
    if lang in lx.CJK:  # end-anchored: searched in reverse, from the figure backwards
        return regex.compile(rf"({alts})\s*$", regex.REVERSE)
    # "supere los 1,3 billones", "exceeded the 5,000 mark": an article may follow the word
    return regex.compile(rf"(?<![\p{{L}}])({alts})(?:\s+(?:{_ARTICLES}))?\s*$",
                         regex.I | regex.REVERSE)


_ARTICLES = "the|los|las|les|die|den|os|as"


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
               _compiled(vocab, lang, "sectors", lambda: _sector_matcher(lang)).finditer(
                   text, words=words) if k in lx.SECTORS]
    scanner = _compiled(vocab, lang, "scanner", lambda: Scanner(m, lang))
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
    _points_before_share(ctx)
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


def _points_before_share(ctx: Context) -> None:
    """'rose 0.8 percentage points to 52.3 percent of GDP': the change keeps the share's labels."""
    for i, d in enumerate(ctx.drafts):
        if d.fig.unit != "percentage_point":
            continue
        if _previous_in(ctx.drafts[:i], d, "percent") is not None:
            continue
        for later in ctx.drafts[i + 1:]:
            if later.sentence != d.sentence:
                break
            if later.fig.unit == "percent" and later.fig.growth_of and \
                    later.fig.growth_of != later.fig.indicator:
                d.fig.indicator, d.fig.growth_of = later.fig.indicator, later.fig.growth_of
                d.fig.sector = later.fig.sector or d.fig.sector
                break


def _previous_in(drafts: list[Draft], d: Draft, unit: str) -> Draft | None:
    for p in reversed(drafts):
        if p.sentence != d.sentence:
            return None
        if p.fig.unit == unit:
            return p
    return None


# --- labels of one figure ----------------------------------------------------------------

def _label(ctx: Context, d: Draft, vocab: Vocabulary) -> bool:
    c, f = d.cand, d.fig
    if c.bare == "elided":
        prev = _previous(ctx, d, lambda p: p.fig.unit == "count" and bool(p.fig.subject))
        if prev is None:
            return False
        c.subject, c.count_indicator = prev.fig.subject, prev.fig.indicator
    value = c.value * multiplier(c.scales)
    value = _plausible(ctx, d, value)
    quoted = _quoted_repeat(ctx, d, value)
    if c.needs_currency and quoted is None:
        unit = _infer_currency(ctx, d)
        if not unit:
            return False
        c.unit = unit
        f.add_flag("currency_inferred")
    f.unit = c.unit
    d.value = value
    f.subject = c.subject or _default_subject(c.unit)
    ss, se = ctx.segs.sentences[d.sentence]
    cs, ce = d.clause
    f.kind = _kind(ctx, d)
    _indicator(ctx, d)
    if ctx.tables:
        _table_column(ctx, d)
    f.sector = _sector(ctx, d)
    f.qualifier = _qualifier(ctx, d)
    f.period = _period(ctx, d)
    if f.kind == "target" and ctx.doc_year and _last_year(f.period) < ctx.doc_year:
        # "In 2023, Wuxi's per capita GDP will reach ..." published in 2024: no plan is made
        # for a period already over; the future tense reports an outcome (a translation's).
        f.kind = "actual"
        f.add_flag("kind_unsettled")
    assign_geo(ctx, d)
    _conversion(ctx, d)
    if quoted is not None:
        for name in ("unit", "indicator", "growth_of", "sector", "period", "kind", "qualifier",
                     "geo", "place_code"):
            setattr(f, name, getattr(quoted.fig, name))
        d.base = quoted.base
    if f.unit in RATES | MONEY and _declines(ctx, d) and value > 0:
        value = -value
    f.value = plain(value)
    _unsettled(f)
    f.confidence = _confidence(f)
    del ss, se, cs, ce
    return True


def _table_column(ctx: Context, d: Draft) -> None:
    """A row of a table: its level measures the heading's indicator, a percentage its growth."""
    table = cell_of(ctx.tables, d.cand.start)
    if table is None:
        return
    f = d.fig
    for flag in d.cand.flags:
        f.add_flag(flag)
    if f.unit in MONEY:
        f.indicator = d.base = table.indicator
    elif f.unit == "percent" and f.indicator in ("other", table.indicator) and \
            f.growth_of in ("", table.indicator):
        f.indicator = "gdp_growth" if table.indicator == "gdp" else table.indicator
        f.growth_of = d.base = table.indicator


def _last_year(period: str) -> int:
    m = _YEARS.findall(period)
    return int(m[-1]) if m else 10**4


_YEARS = regex.compile(r"(?:19|20)\d\d")


def _previous(ctx: Context, d: Draft, pred) -> Draft | None:
    for p in reversed(ctx.drafts):
        if p.sentence != d.sentence:
            return None
        if pred(p):
            return p
    return None


def _default_subject(unit: str) -> str:
    return {"m2": "area", "km2": "area", "km": "distance", "minutes": "travel time",
            "vehicles": "vehicles", "person_times": "visits", "persons": "persons",
            "tonnes": "goods", "TEU": "containers"}.get(unit, "")


def _plausible(ctx: Context, d: Draft, value: Decimal) -> Decimal:
    """Long-scale words used with their English meaning: French 'trillion' (1e18) for 1e12,
    and any scale that makes a money amount larger than the world economy."""
    c = d.cand
    literal_huge = any(s.multiplier >= Decimal(10) ** 18 for s in c.scales)
    if literal_huge:
        d.fig.add_flag("scale_ambiguous")
        return value / Decimal(10) ** 6
    if c.unit in MONEY and abs(value) > Decimal(10) ** 15 and any(
            s.multiplier >= Decimal(10) ** 12 for s in c.scales):
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


def _infer_currency(ctx: Context, d: Draft) -> str:
    for p in reversed(ctx.drafts):
        if p.fig.unit in MONEY:
            return p.fig.unit
    base = _anchor(ctx, d, money=True)
    if base and base not in ("other", *COUNT_CODES):
        return "CNY"
    return ""


# -- indicator, growth, share ---------------------------------------------------------------

def _anchor(ctx: Context, d: Draft, money: bool, exclude: tuple[int, int] | None = None) -> str:
    """The quantity a figure belongs to: an indicator term right after it (few words between),
    else the nearest indicator term or earlier figure to its left in the sentence."""
    text, c = ctx.text, d.cand
    ss = ctx.segs.sentences[d.sentence][0]
    ce = d.clause[1]

    def usable(code: str) -> bool:
        return not (money and code in COUNT_CODES)

    if money:
        # German puts the verb last: "80 Milliarden Yuan in die Branche fließen"
        reach = 44 if ctx.lang == "de" else 24
        for ts, _te, code in ctx.terms:
            if c.end <= ts <= min(ce, c.end + reach) and usable(code) and _WORDS_ONLY.fullmatch(
                    text[c.end:ts]) and len(text[c.end:ts].split()) <= 4:
                return code
    best_pos, best = -1, ""
    for ts, te, code in ctx.terms:
        if ss <= ts and te <= c.start and te > best_pos and usable(code):
            if exclude and exclude[0] <= ts < exclude[1]:
                continue
            best_pos, best = te, code
    for p in reversed(ctx.drafts):
        if p.sentence != d.sentence:
            break
        if p.base and p.cand.end > best_pos and usable(p.base):
            if money and p.fig.unit not in MONEY | RATES:
                continue
            best_pos, best = p.cand.end, p.base
        break
    if best:
        return best
    if ctx.lang in lx.CJK:  # noun-last clauses: "...增加值" may follow the figure's clause
        return ""
    for ts, _te, code in ctx.terms:
        if c.end <= ts < ce and usable(code):
            return code
    return ""


def _indicator(ctx: Context, d: Draft) -> None:
    c, f, text = d.cand, d.fig, ctx.text
    cs, ce = d.clause
    unit = c.unit
    if unit == "count":
        f.indicator = c.count_indicator or "other"
        d.base = f.indicator
        return
    if unit in ("m2", "km2"):
        f.indicator = d.base = "area"
        return
    if unit in ("minutes", "km", "person_times"):
        f.indicator = d.base = "other"
        return
    if unit == "vehicles":
        f.indicator = d.base = "industrial_output"
        return
    if unit in ("TEU", "tonnes"):
        f.indicator = d.base = _anchor(ctx, d, money=False) or (
            "throughput" if unit == "TEU" else "other")
        return
    if unit == "persons":
        f.indicator = "population" if c.count_indicator == "population" or \
            "人口" in text[c.start:c.end] or any(
            code == "population" and cs <= ts < ce for ts, _te, code in ctx.terms) else "other"
        d.base = f.indicator
        if f.indicator == "other":  # "人口977.7万人，比上年末增加8.0万人": the level's change
            prev = _previous(ctx, d, lambda p: p.fig.unit == "persons")
            left = text[cs:c.start]
            if prev is not None and prev.fig.indicator != "other" and (
                    _compiled_rx(ctx, "growth").search(left) or
                    _compiled_rx(ctx, "decline").search(left)):
                f.indicator = d.base = f.growth_of = prev.fig.indicator
                f.subject = prev.fig.subject
        return
    if unit in MONEY or unit not in RATES:
        base = _anchor(ctx, d, money=True) or "other"
        if base == "other" and unit in MONEY and _previous(
                ctx, d, lambda p: p.fig.indicator == "project_count") is not None:
            base = "investment"  # "12 projects ... worth 9 billion yuan": what they invest
        base = "gdp" if base == "gdp_growth" else base
        f.indicator = d.base = base
        return
    left = text[cs:c.start]
    right = text[c.end:min(ce, c.end + 50)]
    if unit == "percentage_point":
        prev = _previous(ctx, d, lambda p: p.fig.unit == "percent")
        if prev is not None:
            f.indicator, f.growth_of, d.base = prev.fig.indicator, prev.fig.growth_of, prev.base
            return
    share = _share(ctx, d, left, right)
    if share is not None:
        whole, span = share
        part = _anchor(ctx, d, money=False, exclude=span) or whole
        part = "gdp" if part == "gdp_growth" else part
        if part == whole and whole == "gdp" and _sector(ctx, d) in _ECONOMY_PARTS:
            part = "value_added"
        f.indicator, f.growth_of, d.base = part, whole, part
        return
    if c.bare == "fraction":  # 三分之二的企业: a share of something, never a growth rate
        f.indicator, f.growth_of, d.base = "other", "", "other"
        return
    grow_rx = _compiled_rx(ctx, "growth")
    growth = bool(grow_rx.search(left) or _compiled_rx(ctx, "decline").search(left))
    if not growth and ctx.lang in lx.CJK:
        growth = bool(grow_rx.search(text[c.end:c.end + 6]))
    if not growth and unit == "percentage_point":
        growth = True
    if not growth:  # "... rose 32 percent, while that of X reached 29 percent": same frame
        prev = _previous(ctx, d, lambda p: p.fig.unit == unit)
        growth = prev is not None and bool(prev.fig.growth_of) and \
            prev.fig.growth_of in (prev.base, "gdp") and not _compiled_rx(ctx, "share").search(left)
    base = _anchor(ctx, d, money=False) or "other"
    if base == "other" and ctx.lang in lx.CJK:
        base = _term_after_de(ctx, d) or base  # 8.0%的GDP增速: the noun follows 的
    if base == "other" and unit == "percentage_point":
        base = _last_rate(ctx, d) or base  # "2.1 percentage points higher": the rate just given
    if base == "other" and growth:
        base = _growth_subject(ctx, d, left) or base
    if base == "gdp_growth":
        base, growth = "gdp", True
    if growth or unit == "times":
        f.indicator = "gdp_growth" if base == "gdp" else base
        f.growth_of = base
    else:
        f.indicator, f.growth_of = base, ""
    d.base = base


# The whole economy as the subject of growth ("the economy grew 4.7 percent", "Shanghai's
# economy is expected to grow", 经济增长): GDP growth, unless a sector narrows it (digital
# economy), which the sector matcher finds on the same words.
_ECONOMY = regex.compile(r"(?<![\p{L}])(?:economy|économie|Wirtschaft|economía|economia)"
                         r"(?![\p{L}])|经济(?=增长|增速|运行)", regex.I)


def _growth_subject(ctx: Context, d: Draft, left: str) -> str:
    cs = d.clause[0]
    ss = ctx.segs.sentences[d.sentence][0]
    for m in _ECONOMY.finditer(ctx.text, ss, d.cand.start):
        if not any(s <= m.start() < e or s < m.end() <= e for s, e, _l in ctx.sectors):
            return "gdp"
    # "第三产业增长9.1%": a sector of the economy grows in value added
    if any(cs <= s and e <= d.cand.start and lab in _ECONOMY_PARTS for s, e, lab in ctx.sectors):
        return "value_added"
    del left
    return ""


def _term_after_de(ctx: Context, d: Draft) -> str:
    end = d.cand.end
    if ctx.text[end:end + 1] != "的":
        return ""
    for ts, _te, code in ctx.terms:
        if end + 1 <= ts <= end + 3:
            return "gdp" if code == "gdp_growth" else code
    return ""


def _last_rate(ctx: Context, d: Draft) -> str:
    for p in reversed(ctx.drafts[-6:]):
        if d.sentence - p.sentence > 2:
            break
        if p.fig.unit == "percent" and p.fig.growth_of and p.base not in ("", "other"):
            return p.base
    return ""


def _share(ctx: Context, d: Draft, left: str, right: str) -> tuple[str, tuple[int, int]] | None:
    c = d.cand
    if ctx.lang in lx.CJK:
        m = _CN_SHARE.search(left)
        if m is None:
            return None
        s0 = d.clause[0] + m.start(1)
        s1 = d.clause[0] + m.end(1)
        code = next((code for ts, _te, code in ctx.terms if s0 <= ts < s1), "other")
        return ("gdp" if code == "gdp_growth" else code), (s0, s1)
    rx = _compiled_rx(ctx, "share")
    if rx.search(left) or _OF_RIGHT.match(right) or (_DE_RIGHT.match(right) and rx.search(
            right[:30])):
        for ts, te, code in ctx.terms:
            if c.end <= ts < c.end + 60 and code not in COUNT_CODES:
                return ("gdp" if code == "gdp_growth" else code), (ts, te)
        if rx.search(left):
            return "other", (c.end, c.end)
    return None


def _compiled_rx(ctx: Context, name: str) -> regex.Pattern[str]:
    table = {"growth": lx.GROWTH, "decline": lx.DECLINE, "share": lx.SHARE,
             "forecast": lx.FORECAST, "target": lx.TARGET}[name]
    key = (name, ctx.lang)
    cache = _RX_CACHE
    if key not in cache:
        cache[key] = _lang_regex(table, ctx.lang)
    return cache[key]


_RX_CACHE: dict[tuple[str, str], regex.Pattern[str]] = {}


def _declines(ctx: Context, d: Draft) -> bool:
    text, c = ctx.text, d.cand
    window = text[max(d.prev_end, d.clause[0], c.start - 40):c.start]
    last_kind, last_pos = "", -1
    for name in ("growth", "decline"):
        for m in _compiled_rx(ctx, name).finditer(window):
            if m.start() >= last_pos:
                last_kind, last_pos = name, m.start()
    if last_kind or ctx.lang in lx.CJK or d.fig.unit not in RATES:
        return last_kind == "decline"
    # Nothing before the rate: a comparative or a clause-final verb after it ("1,5 por ciento
    # menos que", "um 1,9 Prozent zurückgingen").
    right = text[c.end:min(d.clause[1], c.end + 40)]
    after = _DECLINE_AFTER.get(ctx.lang)
    return bool(after is not None and after.match(right))


# -- other labels ---------------------------------------------------------------------------

_TITLES = regex.compile(r"《[^》]*》")
_AND = regex.compile(r"\W*(?:and|et|und|e|y|以及|和|及)\s")
_WORDS_ONLY = regex.compile(r"[\s\p{L}'\-]*")
# 占GDP的比重为52%, 占全市经济总量的近三成 (the share is the figure itself)
_CN_SHARE = regex.compile(r"占(.{1,14}?)(?:的)?(?:比重|比例|份额|(?:近|约|超过|超|逾)?$)")
_OF_RIGHT = regex.compile(r"\s*of\s+(?:the\s+)?[\p{L}']+")
_DE_RIGHT = regex.compile(r"\s*(?:du|de la|des|der|do|da|del)\s")
_PAREN = regex.compile(r"\s*[(（]\s*[^()（）]{0,25}")
_LETTERS = regex.compile(r"\p{L}")
_LEADS = {lang: regex.compile(p, regex.I) for lang, p in lx.PLAN_LEAD.items()}


def _strip_titles(s: str) -> str:
    return _TITLES.sub("", s) if "《" in s else s


class _SentenceKind:
    """What a sentence says about the kind of its figures, computed once per sentence."""

    __slots__ = ("by_future", "forecast", "lead")

    def __init__(self, ctx: Context, sentence: int) -> None:
        ss, se = ctx.segs.sentences[sentence]
        text = _strip_titles(ctx.text[ss:se])
        self.forecast = bool(_compiled_rx(ctx, "forecast").search(text))
        lead = _LEADS.get(ctx.lang)
        self.lead = bool(lead and lead.search(text.strip()))
        self.by_future = bool(ctx.doc_year) and any(
            mt.kind == "by" and mt.first and mt.first > ctx.doc_year
            for mt in ctx.mentions_of.get(sentence, ()))


def _kind(ctx: Context, d: Draft) -> str:
    key = ("kind", d.sentence)
    sk = ctx.sentence_cache.get(key)
    if sk is None:
        sk = ctx.sentence_cache[key] = _SentenceKind(ctx, d.sentence)
    cs, ce = d.clause
    if ctx.lang == "ja":
        ss, se = ctx.segs.sentences[d.sentence]
        scope = _strip_titles(ctx.text[ss:se])
    else:
        scope = _strip_titles(ctx.text[cs:ce])
    if sk.forecast:  # type: ignore[attr-defined]
        # "X will build 1,000 plants by 2027, and output is expected to ...": a forecast word
        # governs what follows it; an earlier clause with its own plan verb keeps the plan.
        ss = ctx.segs.sentences[d.sentence][0]
        if ctx.lang != "ja" and _compiled_rx(ctx, "target").search(scope) and \
                _compiled_rx(ctx, "forecast").search(ctx.text, ss, ce) is None:
            return "target"
        return "forecast"
    tkey = ("target", cs)
    target = ctx.sentence_cache.get(tkey)
    if target is None:
        target = ctx.sentence_cache[tkey] = bool(_compiled_rx(ctx, "target").search(scope))
    if target:
        return "target"
    prev = _previous(ctx, d, lambda p: True)
    if prev is not None and prev.fig.kind == "target" and prev.clause != d.clause and \
            _AND.match(ctx.text[cs:ce] + " "):
        return "target"  # "..., and 10 million yuan to ...": the clause shares the verb
    if sk.lead or sk.by_future:  # type: ignore[attr-defined]
        return "target"
    return "actual"


def _qualifier(ctx: Context, d: Draft) -> str:
    c = d.cand
    if c.inner_qualifier:
        return c.inner_qualifier
    if c.after_qualifier:
        return c.after_qualifier
    window = ctx.text[max(d.prev_end, d.clause[0], c.start - 40):c.start]
    rx = _QUAL_CACHE.get(ctx.lang)
    if rx is None:
        rx = _QUAL_CACHE[ctx.lang] = _qual_regex(ctx.lang)
    m = rx.search(window)
    if m:
        q = _qual_words(ctx.lang).get(m.group(1).lower())
        if q:
            return q
    if ctx.lang not in lx.CJK:
        after = ctx.text[c.end:c.end + 12].lower()
        for w, q in lx.QUALIFIERS_AFTER.get(ctx.lang, []):
            if after.lstrip().startswith(w):
                return q
    return "eq"


_QUAL_CACHE: dict[str, regex.Pattern[str]] = {}
_QUAL_WORDS: dict[str, dict[str, str]] = {}


def _qual_words(lang: str) -> dict[str, str]:
    table = _QUAL_WORDS.get(lang)
    if table is None:
        table = {}
        for w, q in lx.QUALIFIERS_BEFORE.get(lang, []):
            table.setdefault(to_simplified(w).lower(), q)
        _QUAL_WORDS[lang] = table
    return table
_NOW = regex.compile(rf"(?<![\p{{L}}])(?:{lx.RELATIVE_NOW})(?![\p{{L}}])|{lx.RELATIVE_NOW_CJK}",
                     regex.I)
_DECLINE_AFTER = {lang: regex.compile(rf"\s*(?:[\p{{L}}']+\s+){{0,2}}?(?:{words})(?![\p{{L}}])",
                                      regex.I)
                  for lang, words in lx.DECLINE_AFTER.items()}


def _period(ctx: Context, d: Draft) -> str:
    c = d.cand
    cs, ce = d.clause
    chosen: Mention | None = None
    in_sentence = ctx.mentions_of.get(d.sentence, ())
    usable: list[Mention] = []
    if in_sentence:  # most figures: no period phrase in their sentence, nothing to choose
        opener = _participial_opener(ctx, d.sentence)
        usable = [mt for mt in in_sentence
                  if (mt.kind != "span" or cs <= mt.start < ce or d.fig.kind == "target")
                  and not (mt.start < opener <= c.start)]
        if d.fig.kind == "target":
            by = [mt for mt in usable if mt.kind == "by"]
            usable = by or usable
        if ctx.lang in lx.CJK:  # a Chinese time phrase stands before what it dates
            usable = [mt for mt in usable if mt.end <= c.start] or usable
        if len(in_sentence) > 1:
            paired = paired_mention(ctx, d, in_sentence)
            if paired is not None:
                usable = [paired]
    if in_sentence or ctx.sentence_cache.get("average") is not False:
        span = _multiple_span(ctx, d, in_sentence)
        if span:
            return span
    if usable:
        def distance(mt: Mention) -> tuple[int, int]:
            same = 0 if cs <= mt.start < ce else 1
            gap = c.start - mt.end if mt.end <= c.start else (mt.start - c.end) * 2
            return same, gap
        chosen = min(usable, key=distance)
    context_year = _context_year(ctx, d)
    now = chosen is None and _NOW.search(ctx.text, cs, c.start) is not None
    if chosen is None and not now:
        chosen = _carried(ctx, d)  # "currently", "so far": the document's year, not the last one
    if chosen is not None:
        period = chosen.render(context_year)
    elif now:  # a present-tense stock: the year of the document's date
        period = str(ctx.doc_year) if ctx.doc_year else ""
    elif whole_year(ctx.text, *ctx.segs.sentences[d.sentence]):
        period = str(ctx.frame.year) if ctx.frame.year else ""  # 全年 in an H1 report
    else:
        period = ctx.frame.render()
    if ctx.lang in lx.CJK and period:
        n = consecutive_months(ctx.text[cs:c.start])
        if n:
            period = months_back(period, n)
    return period


# "Approved as a national zone in 1992, Kunshan has attracted ...": a sentence that opens with a
# past participle and a comma; the date in that phrase is the participle's, not the main
# clause's (fr "Approuvée ... en 1992, Kunshan a attiré", pt "Aprovada ... em 1992, ...").
_PARTICIPLE = regex.compile(
    r"\s*(?:\p{Lu}\p{Ll}+(?:ed|ée|ées|és|é|ue|ues|us|ie|ies|ise|ite|ada|adas|ado|ados|ida|"
    r"idas|ido|idos|en))\s[^,;]{3,200},")


def _participial_opener(ctx: Context, sentence: int) -> int:
    """End of a sentence-opening participial phrase, or the sentence start."""
    key = ("opener", sentence)
    end = ctx.sentence_cache.get(key)
    if end is None:
        ss, se = ctx.segs.sentences[sentence]
        m = _PARTICIPLE.match(ctx.text, ss, se) if ctx.lang not in lx.CJK else None
        end = ctx.sentence_cache[key] = m.end() if m else ss
    return end  # type: ignore[return-value]


_BASE_OF = regex.compile(r"[)）]?\s*的\s*$")
_AVERAGE = regex.compile(r"年均|年平均|(?<![\p{L}])(?:average annual|annual average|"
                         r"moyenne annuelle|jährlich|durchschnittlich|media anual|média anual)",
                         regex.I)


def _multiple_span(ctx: Context, d: Draft, in_sentence) -> str:
    """是1952年的2812倍 (2812 times the 1952 level): the period runs from the base year to the
    year of the level it compares; 年均增长 (average annual growth) right after keeps it."""
    c = d.cand
    has_average = ctx.sentence_cache.get("average")
    if has_average is None:
        has_average = ctx.sentence_cache["average"] = _AVERAGE.search(ctx.text) is not None
    if has_average and _AVERAGE.search(ctx.text, d.clause[0], c.start):
        prev = _previous(ctx, d, lambda p: ".." in p.fig.period)
        return prev.fig.period if prev is not None else ""
    if c.unit != "times" or ctx.lang not in lx.CJK:
        return ""
    for mt in reversed(in_sentence):
        if mt.end > c.start or not mt.first:
            continue
        if _BASE_OF.search(ctx.text, mt.end, c.start) and "是" in ctx.text[
                max(0, mt.start - 16):mt.start]:
            later = [m.first for m in in_sentence if m.end <= mt.start and m.first and
                     m.first > mt.first]
            end = later[-1] if later else ctx.frame.year
            return f"{mt.first}..{end}" if end else ""
        break
    return ""


def _context_year(ctx: Context, d: Draft) -> int | None:
    ss = ctx.segs.sentences[d.sentence][0]
    for mt in reversed(ctx.mentions):
        if mt.start < ss + 200 and mt.first and mt.single and mt.start <= d.cand.start:
            return mt.first
    return ctx.frame.year


def _carried(ctx: Context, d: Draft) -> Mention | None:
    para = ctx.segs.sentence_para[d.sentence]
    for si in range(d.sentence - 1, -1, -1):
        if ctx.segs.sentence_para[si] != para:
            break
        inside = ctx.mentions_of.get(si)
        if inside:
            opener = _participial_opener(ctx, si)
            inside = [mt for mt in inside if mt.start >= opener]
            if not inside:
                return None  # the sentence's only date belonged to its opening participle
            singles = [mt for mt in inside if mt.single]
            if not singles or len(singles) != len(inside):
                return None
            last = singles[-1]
            if last.kind == "by" and d.fig.kind == "actual" and ctx.doc_year and \
                    (last.first or 0) > ctx.doc_year:
                return None
            return last
    if d.fig.kind != "actual":
        return None
    pstart = ctx.segs.paragraphs[para][0]
    for mt in reversed(ctx.mentions):
        if mt.start < pstart and mt.kind in ("in", "month", "part", "ytd") and (
                ctx.doc_year is None or (mt.first or 0) <= ctx.doc_year):
            return mt
    return None


def _sector(ctx: Context, d: Draft) -> str:
    c = d.cand
    if c.unit == "count" and c.subject in ("projects", "enterprises") and not any(
            c.start <= s < c.end for s, _e, _l in ctx.sectors):
        return ""
    ss = ctx.segs.sentences[d.sentence][0]
    cs, ce = d.clause
    inside = [lab for s, _e, lab in ctx.sectors if c.start <= s < c.end]
    if inside:
        return inside[0]
    left = [(e, lab) for s, e, lab in ctx.sectors if cs <= s and e <= c.start]
    if left:
        return max(left)[1]
    right = [(s, lab) for s, _e, lab in ctx.sectors if c.end <= s < ce]
    if right:
        return min(right)[1]
    left = [(e, lab) for s, e, lab in ctx.sectors if ss <= s and e <= c.start]
    return max(left)[1] if left else ""


def _conversion(ctx: Context, d: Draft) -> None:
    c, f = d.cand, d.fig
    if c.unit not in MONEY or not ctx.drafts:
        return
    prev = ctx.drafts[-1]
    if prev.sentence != d.sentence or prev.fig.unit not in MONEY or prev.fig.unit == c.unit:
        return
    between = ctx.text[prev.cand.end:c.start]
    if not _PAREN.fullmatch(between):
        return
    f.conversion = 1
    own = f.qualifier
    for name in ("indicator", "growth_of", "sector", "period", "kind", "geo", "place_code",
                 "qualifier"):
        setattr(f, name, getattr(prev.fig, name))
    d.base = prev.base
    if own != "eq" and _LETTERS.search(between):
        f.qualifier = own


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
