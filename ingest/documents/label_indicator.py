"""The indicator of a figure: the quantity it measures (head noun, governing verb, an
indicator term before or after it), growth and shares, declines, table columns."""

from __future__ import annotations

import regex

from ingest.documents import lexicon as lx
from ingest.documents.context import (
    COUNT_CODES,
    ECONOMY_PARTS,
    MONEY,
    RATES,
    Context,
    Draft,
    _previous_in,
    compiled_rx,
    previous,
)
from ingest.documents.label_kind import (
    label_sector,
)
from ingest.documents.tables import cell_of


def points_before_share(ctx: Context) -> None:
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


def table_column(ctx: Context, d: Draft) -> None:
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


# -- indicator, growth, share ---------------------------------------------------------------

def anchor(ctx: Context, d: Draft, money: bool, exclude: tuple[int, int] | None = None) -> str:
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


def label_indicator(ctx: Context, d: Draft) -> None:
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
        f.indicator = d.base = anchor(ctx, d, money=False) or (
            "throughput" if unit == "TEU" else "other")
        return
    if unit == "persons":
        f.indicator = "population" if c.count_indicator == "population" or \
            "人口" in text[c.start:c.end] or any(
            code == "population" and cs <= ts < ce for ts, _te, code in ctx.terms) else "other"
        d.base = f.indicator
        if f.indicator == "other":  # "人口977.7万人，比上年末增加8.0万人": the level's change
            prev = previous(ctx, d, lambda p: p.fig.unit == "persons")
            left = text[cs:c.start]
            if prev is not None and prev.fig.indicator != "other" and (
                    compiled_rx(ctx, "growth").search(left) or
                    compiled_rx(ctx, "decline").search(left)):
                f.indicator = d.base = f.growth_of = prev.fig.indicator
                f.subject = prev.fig.subject
        return
    if unit in MONEY or unit not in RATES:
        base = anchor(ctx, d, money=True) or "other"
        if base == "other" and unit in MONEY and previous(
                ctx, d, lambda p: p.fig.indicator == "project_count") is not None:
            base = "investment"  # "12 projects ... worth 9 billion yuan": what they invest
        base = "gdp" if base == "gdp_growth" else base
        f.indicator = d.base = base
        return
    left = text[cs:c.start]
    right = text[c.end:min(ce, c.end + 50)]
    if unit == "percentage_point":
        prev = previous(ctx, d, lambda p: p.fig.unit == "percent")
        if prev is not None:
            f.indicator, f.growth_of, d.base = prev.fig.indicator, prev.fig.growth_of, prev.base
            return
    share = _share(ctx, d, left, right)
    if share is not None:
        whole, span = share
        part = anchor(ctx, d, money=False, exclude=span) or whole
        part = "gdp" if part == "gdp_growth" else part
        if part == whole and whole == "gdp" and label_sector(ctx, d) in ECONOMY_PARTS:
            part = "value_added"
        f.indicator, f.growth_of, d.base = part, whole, part
        return
    if c.bare == "fraction":  # 三分之二的企业: a share of something, never a growth rate
        f.indicator, f.growth_of, d.base = "other", "", "other"
        return
    grow_rx = compiled_rx(ctx, "growth")
    growth = bool(grow_rx.search(left) or compiled_rx(ctx, "decline").search(left))
    if not growth and ctx.lang in lx.CJK:
        growth = bool(grow_rx.search(text[c.end:c.end + 6]))
    if not growth and unit == "percentage_point":
        growth = True
    if not growth:  # "... rose 32 percent, while that of X reached 29 percent": same frame
        prev = previous(ctx, d, lambda p: p.fig.unit == unit)
        growth = prev is not None and bool(prev.fig.growth_of) and \
            prev.fig.growth_of in (prev.base, "gdp") and not compiled_rx(ctx, "share").search(left)
    base = anchor(ctx, d, money=False) or "other"
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
    if any(cs <= s and e <= d.cand.start and lab in ECONOMY_PARTS for s, e, lab in ctx.sectors):
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
    rx = compiled_rx(ctx, "share")
    if rx.search(left) or _OF_RIGHT.match(right) or (_DE_RIGHT.match(right) and rx.search(
            right[:30])):
        for ts, te, code in ctx.terms:
            if c.end <= ts < c.end + 60 and code not in COUNT_CODES:
                return ("gdp" if code == "gdp_growth" else code), (ts, te)
        if rx.search(left):
            return "other", (c.end, c.end)
    return None


def declines(ctx: Context, d: Draft) -> bool:
    text, c = ctx.text, d.cand
    window = text[max(d.prev_end, d.clause[0], c.start - 40):c.start]
    last_kind, last_pos = "", -1
    for name in ("growth", "decline"):
        for m in compiled_rx(ctx, name).finditer(window):
            if m.start() >= last_pos:
                last_kind, last_pos = name, m.start()
    if last_kind or ctx.lang in lx.CJK or d.fig.unit not in RATES:
        return last_kind == "decline"
    # Nothing before the rate: a comparative or a clause-final verb after it ("1,5 por ciento
    # menos que", "um 1,9 Prozent zurückgingen").
    right = text[c.end:min(d.clause[1], c.end + 40)]
    after = _DECLINE_AFTER.get(ctx.lang)
    return bool(after is not None and after.match(right))
_WORDS_ONLY = regex.compile(r"[\s\p{L}'\-]*")
# 占GDP的比重为52%, 占全市经济总量的近三成 (the share is the figure itself)
_CN_SHARE = regex.compile(r"占(.{1,14}?)(?:的)?(?:比重|比例|份额|(?:近|约|超过|超|逾)?$)")
_OF_RIGHT = regex.compile(r"\s*of\s+(?:the\s+)?[\p{L}']+")
_DE_RIGHT = regex.compile(r"\s*(?:du|de la|des|der|do|da|del)\s")
_DECLINE_AFTER = {lang: regex.compile(rf"\s*(?:[\p{{L}}']+\s+){{0,2}}?(?:{words})(?![\p{{L}}])",
                                      regex.I)
                  for lang, words in lx.DECLINE_AFTER.items()}
