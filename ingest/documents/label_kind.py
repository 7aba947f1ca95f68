"""Kind (actual, target, forecast), qualifier, sector and currency restatement of a figure."""

from __future__ import annotations

import regex

from ingest.documents import lexicon as lx
from ingest.documents.context import (
    MONEY,
    Context,
    Draft,
    compiled_rx,
    previous,
    strip_titles,
)
from ingest.documents.textnorm import to_simplified


def _qual_regex(lang: str) -> regex.Pattern[str]:
    pairs = sorted(lx.QUALIFIERS_BEFORE.get(lang, []), key=lambda p: len(p[0]), reverse=True)
    alts = "|".join(regex.escape(to_simplified(w)) for w, _ in pairs)
    if lang in lx.CJK:  # end-anchored: searched in reverse, from the figure backwards
        return regex.compile(rf"({alts})\s*$", regex.REVERSE)
    # "supere los 1,3 billones", "exceeded the 5,000 mark": an article may follow the word
    return regex.compile(rf"(?<![\p{{L}}])({alts})(?:\s+(?:{_ARTICLES}))?\s*$",
                         regex.I | regex.REVERSE)


_ARTICLES = "the|los|las|les|die|den|os|as"
_AND = regex.compile(r"\W*(?:and|et|und|e|y|以及|和|及)\s")
_PAREN = regex.compile(r"\s*[(（]\s*[^()（）]{0,25}")
_LETTERS = regex.compile(r"\p{L}")
_LEADS = {lang: regex.compile(p, regex.I) for lang, p in lx.PLAN_LEAD.items()}


class _SentenceKind:
    """What a sentence says about the kind of its figures, computed once per sentence."""

    __slots__ = ("by_future", "forecast", "lead")

    def __init__(self, ctx: Context, sentence: int) -> None:
        ss, se = ctx.segs.sentences[sentence]
        text = strip_titles(ctx.text[ss:se])
        self.forecast = bool(compiled_rx(ctx, "forecast").search(text))
        lead = _LEADS.get(ctx.lang)
        self.lead = bool(lead and lead.search(text.strip()))
        self.by_future = bool(ctx.doc_year) and any(
            mt.kind == "by" and mt.first and mt.first > ctx.doc_year
            for mt in ctx.mentions_of.get(sentence, ()))


def label_kind(ctx: Context, d: Draft) -> str:
    key = ("kind", d.sentence)
    sk = ctx.sentence_cache.get(key)
    if sk is None:
        sk = ctx.sentence_cache[key] = _SentenceKind(ctx, d.sentence)
    cs, ce = d.clause
    if ctx.lang == "ja":
        ss, se = ctx.segs.sentences[d.sentence]
        scope = strip_titles(ctx.text[ss:se])
    else:
        scope = strip_titles(ctx.text[cs:ce])
    if sk.forecast:  # type: ignore[attr-defined]
        # "X will build 1,000 plants by 2027, and output is expected to ...": a forecast word
        # governs what follows it; an earlier clause with its own plan verb keeps the plan.
        ss = ctx.segs.sentences[d.sentence][0]
        if ctx.lang != "ja" and compiled_rx(ctx, "target").search(scope) and \
                compiled_rx(ctx, "forecast").search(ctx.text, ss, ce) is None:
            return "target"
        return "forecast"
    tkey = ("target", cs)
    target = ctx.sentence_cache.get(tkey)
    if target is None:
        target = ctx.sentence_cache[tkey] = bool(compiled_rx(ctx, "target").search(scope))
    if target:
        return "target"
    prev = previous(ctx, d, lambda p: True)
    if prev is not None and prev.fig.kind == "target" and prev.clause != d.clause and \
            _AND.match(ctx.text[cs:ce] + " "):
        return "target"  # "..., and 10 million yuan to ...": the clause shares the verb
    if sk.lead or sk.by_future:  # type: ignore[attr-defined]
        return "target"
    return "actual"


def label_qualifier(ctx: Context, d: Draft) -> str:
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
    # "连续跨越2000亿元、3000亿元": the qualifying verb governs every coordinated figure
    prev = ctx.drafts[-1] if ctx.drafts and ctx.drafts[-1].sentence == d.sentence else None
    if prev is not None and prev.fig.qualifier != "eq" and not prev.cand.inner_qualifier and \
            not prev.cand.after_qualifier and _COORDINATED.fullmatch(window):
        return prev.fig.qualifier
    return "eq"


_COORDINATED = regex.compile(r"\s*(?:[、,，]|and|et|und|y|e|和|及)\s*", regex.I)


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


def label_sector(ctx: Context, d: Draft) -> str:
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


def label_conversion(ctx: Context, d: Draft) -> None:
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
