"""The period of a figure: the period phrase of its clause or sentence, carried from earlier
sentences, the document frame, opening participles, multiples of a base year."""

from __future__ import annotations

import regex

from ingest.documents import lexicon as lx
from ingest.documents.context import (
    Context,
    Draft,
    previous,
)
from ingest.documents.frame import whole_year
from ingest.documents.pairing import paired_mention
from ingest.documents.periods import (
    Mention,
    consecutive_months,
    months_back,
)


def last_year(period: str) -> int:
    m = _YEARS.findall(period)
    return int(m[-1]) if m else 10**4


_YEARS = regex.compile(r"(?:19|20)\d\d")
_NOW = regex.compile(rf"(?<![\p{{L}}])(?:{lx.RELATIVE_NOW})(?![\p{{L}}])|{lx.RELATIVE_NOW_CJK}",
                     regex.I)


def label_period(ctx: Context, d: Draft) -> str:
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
    elif _whole_year(ctx, d.sentence):
        period = str(ctx.frame.year) if ctx.frame.year else ""  # 全年 in an H1 report
    else:
        period = ctx.sentence_cache.get("frame") or ctx.sentence_cache.setdefault(
            "frame", ctx.frame.render())
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
        prev = previous(ctx, d, lambda p: ".." in p.fig.period)
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


def _whole_year(ctx: Context, sentence: int) -> bool:
    key = ("whole_year", sentence)
    got = ctx.sentence_cache.get(key)
    if got is None:
        got = ctx.sentence_cache[key] = whole_year(ctx.text, *ctx.segs.sentences[sentence])
    return got  # type: ignore[return-value]
