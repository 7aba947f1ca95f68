"""Place mentions of a document, look-alike names resolved by context, and the document's
subject place (what its figures describe unless a sentence says otherwise)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ingest.documents.dictmatch import Words
from ingest.documents.matchers import LangMatchers
from ingest.documents.segment import Segments
from ingest.documents.vocab import Place


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    sentence: int
    place: Place | None  # None when a look-alike name stays ambiguous
    candidates: tuple[Place, ...]


def _weight(p: Place) -> float:
    if p.level == 0:
        return 0.1
    if p.level == 1:
        return 0.6 if p.code.startswith(("31", "11", "12", "50")) else 0.3  # municipalities
    return 1.0


def find_places(text: str, m: LangMatchers, segs: Segments,
                words: Words | None = None) -> list[PlaceMention]:
    if m.places is None:
        return []
    raw: list[tuple[int, int, int, list[Place]]] = []
    for start, end, key in m.places.finditer(text, words=words):
        cands = m.place_names.get(key)
        if cands:
            raw.append((start, end, segs.sentence_of(start), cands))
    sure = Counter(c[0].code for *_, c in raw if len(c) == 1)
    by_sentence: dict[int, set[str]] = {}
    for _s, _e, sent, c in raw:
        if len(c) == 1:
            by_sentence.setdefault(sent, set()).add(c[0].code)
    codes: dict[str, Place] = {}
    if any(len(c) > 1 for *_, c in raw):
        codes = m.place_by_code
    out = []
    for s, e, sent, cands in raw:
        if len(cands) == 1:
            out.append(PlaceMention(s, e, sent, cands[0], tuple(cands)))
            continue
        scores = []
        for c in cands:
            score = 3.0 * (c.province_code in by_sentence.get(sent, set()))
            score += 1.0 * (sure.get(c.province_code, 0) > 0)
            score += 2.0 * any(codes[code].parent_code == c.code for code in sure if code in codes)
            score += 0.5 * any(code != c.code and code[:2] == c.code[:2] and len(code) == 6
                               and not code.endswith("0000") for code in sure)
            scores.append(score)
        best = max(scores)
        winners = [c for c, sc in zip(cands, scores, strict=True) if sc == best]
        out.append(PlaceMention(s, e, sent, winners[0] if len(winners) == 1 and best > 0
                                else None, tuple(cands)))
    return out


def subject_place(mentions: list[PlaceMention], title_mentions: list[Place]) -> Place | None:
    score: Counter[str] = Counter()
    by_code: dict[str, Place] = {}
    for pm in mentions:
        if pm.place is not None:
            score[pm.place.code] += _weight(pm.place)
            by_code[pm.place.code] = pm.place
    for p in title_mentions:
        score[p.code] += 2 * _weight(p)
        by_code[p.code] = p
    if not score:
        return None
    code, _ = score.most_common(1)[0]
    return by_code[code]
