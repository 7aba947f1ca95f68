"""Paragraphs, sentences and clauses of a text, as offset ranges (no copies)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import regex

_ABBREV = {
    "u.s", "us", "co", "ltd", "inc", "corp", "no", "nr", "mrd", "mio", "tsd", "bio", "ca",
    "st", "dr", "mr", "mrs", "ms", "jr", "vs", "etc", "e.g", "i.e", "z.b", "bzw", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "janv", "févr", "avr", "juil", "déc", "abs", "art", "s.a", "p", "pp", "vol", "fig",
}
# A sentence ends at . ! ? (Latin, unless an abbreviation or initial) or 。！？; (CJK).
_END = regex.compile(r"[。！？!?；]|(?<=[\p{L}\d)\"'”»%])\.(?=\s+[\p{Lu}\d\"“«„(]|[\p{Lu}]|\s*$)")
_NEWLINES = regex.compile(r"\n+")
_CJK_WRAP = regex.compile(r"[\p{Han},，、]\s*$")
_SMALL_NUMBER = regex.compile(r"(?<!\d)\d{1,2}$")
_TAIL_WORD = regex.compile(r"([\p{L}.]+)$")
# Standard `re`: no Unicode classes needed, and it is faster on this one.
_CLAUSE = re.compile(r"[,:](?!\d)|[，、;；：()（）]|\s(?:[–—-]|while|whereas)\s")


@dataclass(frozen=True)
class Segments:
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    sentence_para: list[int]
    clause_breaks: list[int]  # sorted offsets where a clause ends
    starts: list[int] = field(default_factory=list)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def clause_of(self, pos: int, sentence: int) -> tuple[int, int]:
        s_start, s_end = self.sentences[sentence]
        i = bisect.bisect_right(self.clause_breaks, pos)
        start = self.clause_breaks[i - 1] if i > 0 else s_start
        end = self.clause_breaks[i] if i < len(self.clause_breaks) else s_end
        return max(start, s_start), min(end, s_end)


def segment(text: str, lang: str = "en") -> Segments:
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    cjk = lang in ("zh", "ja")
    for m in _NEWLINES.finditer(text):
        if m.start() > pos:
            # Chinese copied from a PDF or a phone layout wraps a sentence over lines; a line
            # that stops mid-clause (no 。！？; at its end, a comma or a word instead) goes on.
            if cjk and _CJK_WRAP.search(text, pos, m.start()) and m.end() < len(text):
                continue
            paragraphs.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        paragraphs.append((pos, len(text)))
    sentences: list[tuple[int, int]] = []
    sentence_para: list[int] = []
    for pi, (ps, pe) in enumerate(paragraphs):
        start = ps
        # A short line is a headline or a caption: one unit, whatever its punctuation.
        ends = [] if pe - ps < 40 else _END.finditer(text, ps, pe)
        for m in ends:
            if m.group() == "." and _is_abbreviation(text, m.start()):
                continue
            if m.group() == "." and lang == "de" and _SMALL_NUMBER.search(
                    text[m.start() - 3:m.start()]):
                continue  # German ordinals and dates: "14. Fünfjahresplan", "5. Januar"
            sentences.append((start, m.end()))
            sentence_para.append(pi)
            start = m.end()
        if start < pe:
            sentences.append((start, pe))
            sentence_para.append(pi)
    breaks = [m.start() for m in _CLAUSE.finditer(text)]
    return Segments(paragraphs, sentences, sentence_para, breaks, [s for s, _ in sentences])


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _TAIL_WORD.search(text[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if len(word) == 1:
        return True  # an initial: "E. China"
    return word in _ABBREV
