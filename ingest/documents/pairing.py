"""Coordinated lists paired by rank: "2010年、2013年、2015年连续跨越2000亿元、3000亿元、4000亿元",
"in 2021 and 2022 GDP grew 5% and 6%". A run of periods joined by 、, commas or "and" followed
by a run of as many figures joined the same way: the n-th figure takes the n-th period.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import regex

from ingest.documents.periods import Mention

if TYPE_CHECKING:
    from ingest.documents.context import Context, Draft

_JOIN = regex.compile(r"[\s,、，]*(?:and|et|und|y|e|和|及|与)?[\s,、，]*", regex.I)
_PAIRABLE = frozenset({"in", "month", "part"})


def _runs(items, text: str, start, end) -> list[list]:
    runs: list[list] = []
    for it in items:
        if runs and _JOIN.fullmatch(text, end(runs[-1][-1]), start(it)):
            runs[-1].append(it)
        else:
            runs.append([it])
    return [r for r in runs if len(r) >= 2]


def paired_mention(ctx: Context, d: Draft, in_sentence) -> Mention | None:
    key = ("pairs", d.sentence)
    table = ctx.sentence_cache.get(key)
    if table is None:
        table = ctx.sentence_cache[key] = _pairs(ctx, d.sentence, in_sentence)
    return table.get(d.cand.start)  # type: ignore[union-attr]


def _pairs(ctx: Context, sentence: int, in_sentence) -> dict[int, Mention]:
    mentions = [mt for mt in in_sentence if mt.kind in _PAIRABLE]
    if len(mentions) < 2:
        return {}
    ss, se = ctx.segs.sentences[sentence]
    text = ctx.text
    lo = bisect.bisect_left(ctx.cand_starts, ss)
    hi = bisect.bisect_left(ctx.cand_starts, se)
    cands = ctx.candidates[lo:hi]
    out: dict[int, Mention] = {}
    fig_runs = _runs(cands, text, lambda c: c.start, lambda c: c.end)
    for run in _runs(mentions, text, lambda m: m.start, lambda m: m.end):
        after = [fr for fr in fig_runs if fr[0].start >= run[-1].end and len(fr) == len(run)]
        if after:
            for c, mt in zip(after[0], run, strict=True):
                out[c.start] = mt
    return out
