"""The place of a figure.

A figure takes, in this order:
1. in a sentence that pairs a list of places with a list of figures ("A and B grew 5% and 4%
   respectively", 分别), the place of the same rank;
2. the place written next to it: the nearest place named between the previous figure of the
   sentence and this one ("南京8316.92亿元，无锡7105.67亿元", "Wuhu 502 billion, Chuzhou 381
   billion"), unless that place only says who governs the subject ("Kunshan, administered by
   Suzhou, grew 5%") or is the base of a comparison;
3. the place of the previous figure of the same sentence ("Hefei 12013.1 3.5%");
4. the one city named earlier in the sentence, else the document's subject place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ingest.documents import lexicon as lx
from ingest.documents.places import PlaceMention

if TYPE_CHECKING:
    from ingest.documents.context import Context, Draft

_GLOBAL = regex.compile(rf"(?<![\p{{L}}])(?:{lx.GLOBAL_WORDS})(?![\p{{L}}])", regex.I)
# Words that make the following place the governing one, or a comparison base, not the
# figure's place. They sit right before the name.
_NOT_OWN = regex.compile(
    r"(?:(?<![\p{L}])(?:(?:administered|governed|managed|run) by|under(?: the (?:jurisdiction|"
    r"administration) of)?|part of|than(?: that of| in)?|compared (?:with|to)|administrad[oa] por|"
    r"bajo (?:la )?(?:jurisdicción|administración) de|sous (?:la )?(?:juridiction|tutelle) de|"
    r"verwaltet von|gehört zu|que|als|par rapport à)|隶属于?|比|高于|低于|快于|慢于|占)"
    r"\s*(?:the\s+)?$", regex.I | regex.REVERSE)
# A province or the country is a figure's own place only as a possessor ("Anhui's GDP"), not as
# the locative of a city ("east China's Jiangsu Province", "Kunshan in Jiangsu").
_POSSESSIVE = regex.compile(r"(?:'s|’s|的)\s*")
# A place that begins a proper name (an airport, an exchange, a university) is not the place of
# a figure next to it: "Shanghai Hongqiao International Airport", 上海技术交易所.
_NAME_AFTER = regex.compile(
    r"\s+(?:\p{Lu}[\p{L}'-]+\s+){0,4}(?:Airport|Exchange|University|Port|Station|Institute|"
    r"Hospital|Bank|Group|Museum|Center|Centre)\b|[\p{Han}\p{Katakana}]{0,6}?(?:交易所|机场|空港|"
    r"大学|研究院|研究所|中心|公司|集团|银行|医院|博物馆|车站|火车站)")
_RESPECTIVELY = regex.compile(r"respectively|respectivement|beziehungsweise|jeweils|"
                              r"respectivamente|分别", regex.I)


def _place(pm: PlaceMention):
    return pm.place or pm.candidates[0]


_COMPARED_LIST = regex.compile(r"(?:比|高于|低于|快于|慢于|than|que|als)[^，。；;,]{0,30}、\s*$",
                               regex.I | regex.REVERSE)


def _own(ctx: Context, pm: PlaceMention) -> bool:
    key = ("own", pm.start)
    got = ctx.sentence_cache.get(key)
    if got is None:
        lo = max(0, pm.start - 40)
        got = ctx.sentence_cache[key] = _NOT_OWN.search(ctx.text, lo, pm.start) is None and \
            _COMPARED_LIST.search(ctx.text, lo, pm.start) is None
    return got  # type: ignore[return-value]


def _next_to(ctx: Context, pm: PlaceMention, others) -> bool:
    """A place that can stand for the figure right after it (once per place mention)."""
    key = ("next_to", pm.start)
    got = ctx.sentence_cache.get(key)
    if got is None:
        got = ctx.sentence_cache[key] = _can_stand_for(ctx, pm, others)
    return got  # type: ignore[return-value]


def _can_stand_for(ctx: Context, pm: PlaceMention, others) -> bool:
    if not _own(ctx, pm):
        return False
    text = ctx.text
    if _NAME_AFTER.match(text, pm.end):
        return False
    if any(o is not pm and (o.end == pm.start - 1 or o.start == pm.end + 1) and
           text[min(o.end, pm.end)] in "-–" for o in others):
        return False  # "Ningbo-Zhoushan": one compound name (a port), not a place of its own
    place = _place(pm)
    if place.level >= 2 or place.code.startswith("31"):
        return True
    m = _POSSESSIVE.match(text, pm.end)
    return m is not None and not any(o.start == m.end() for o in others)


def assign_geo(ctx: Context, d: Draft) -> None:
    c, f = d.cand, d.fig
    cs = d.clause[0]
    if _GLOBAL.search(ctx.text, cs, c.start):
        return
    in_sentence = ctx.places_of.get(d.sentence, ())
    here = [pm for pm in in_sentence if pm.start < c.start]
    if _bracketed(ctx, d, here):
        return
    chosen = _respectively(ctx, d, in_sentence)
    if chosen is None:
        prev = ctx.drafts[-1] if ctx.drafts and ctx.drafts[-1].sentence == d.sentence else None
        lo = prev.cand.end if prev is not None else ctx.segs.sentences[d.sentence][0]
        near = [pm for pm in here if pm.start >= lo and _next_to(ctx, pm, in_sentence)]
        if near:
            chosen = near[-1]
        elif prev is not None and prev.fig.geo and not prev.bracketed:
            f.geo, f.place_code = prev.fig.geo, prev.fig.place_code
            if "geo_ambiguous" in prev.fig.flags:
                f.add_flag("geo_ambiguous")
            return
    subject = ctx.subject
    if chosen is None and not (subject is not None and any(
            pm.place is not None and pm.place.code == subject.code for pm in here)):
        cities = {(pm.place.code if pm.place else pm.candidates[0].name_en): pm for pm in here
                  if (_place(pm).level >= 2 or _place(pm).code.startswith("31"))
                  and _own(ctx, pm)}
        if len(cities) == 1:
            chosen = next(iter(cities.values()))
    if chosen is not None:
        place = _place(chosen)
        f.geo = place.name_en
        if chosen.place is not None:
            f.place_code = place.code
        else:
            f.add_flag("geo_ambiguous")
        return
    if subject is not None:
        f.geo, f.place_code = subject.name_en, subject.code


# Whole-area words of Chinese statistics: the province, the country, the whole city.
_AREA_WORDS = {"全省": "province", "全国": "country", "全市": "city"}


def _bracketed(ctx: Context, d: Draft, here) -> bool:
    """全省(6.0%)、金华(6.8%), "Jiangsu (5.8%)": a figure in brackets right after a place is
    that place's, whatever the sentence compares it with."""
    c, f = d.cand, d.fig
    text = ctx.text
    i = c.start - 1
    if i > 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] not in "(（":
        return False
    head = ctx.text[:c.start].rstrip()[:-1].rstrip()
    place = None
    last = here[-1] if here else None
    if last is not None and last.end == len(head):
        place = _place(last)
    elif head[-2:] in _AREA_WORDS and ctx.subject is not None:
        place = _area(ctx, _AREA_WORDS[head[-2:]])
    if place is None:
        return False
    f.geo, f.place_code = place.name_en, place.code
    d.bracketed = True
    return True


def _area(ctx: Context, what: str):
    subject = ctx.subject
    codes = ctx.m.place_by_code
    if what == "country":
        return codes.get("CN")
    if what == "province":
        return codes.get(subject.province_code) if subject is not None else None
    if subject is not None and subject.level >= 3:
        return codes.get(subject.parent_code)
    return subject


def _respectively(ctx: Context, d: Draft, in_sentence) -> PlaceMention | None:
    any_word = ctx.sentence_cache.get("respectively")
    if any_word is None:
        any_word = ctx.sentence_cache["respectively"] = bool(_RESPECTIVELY.search(ctx.text))
    if not any_word or len(in_sentence) < 2:
        return None
    ss, se = ctx.segs.sentences[d.sentence]
    key = ("respectively", d.sentence)
    plan = ctx.sentence_cache.get(key)
    if plan is None:
        plan = ctx.sentence_cache[key] = _pairing(ctx, ss, se, in_sentence)
    if not plan:
        return None
    places, figures = plan  # type: ignore[misc]
    same = [c for c in figures if c.unit == d.cand.unit]
    if d.cand not in same or len(same) != len(places):
        return None
    return places[same.index(d.cand)]


def _pairing(ctx: Context, ss: int, se: int, in_sentence) -> tuple:
    found = list(_RESPECTIVELY.finditer(ctx.text, ss, se))
    if not found:
        return ()
    resp = found[-1]
    places = [pm for pm in in_sentence if pm.start < resp.start() and _own(ctx, pm)]
    # the list: names joined by commas, 、, and, et, und, y, e, 和, with nothing else between
    run: list[PlaceMention] = []
    for pm in reversed(places):
        if run and not _JOIN.fullmatch(ctx.text, pm.end, run[0].start):
            if len(run) >= 2:
                break
            run = []
        run.insert(0, pm)
    if len(run) < 2:
        return ()
    figures = [c for c in ctx.candidates if run[-1].end <= c.start < resp.end()]
    return (run, figures) if figures else ()


_JOIN = regex.compile(r"[\s,、，]*(?:and|et|und|y|e|和|及|与)?[\s,、，]*", regex.I)
