"""Fast dictionary matching of many surface forms (place names, indicator terms, sectors).

A regex alternation of a thousand names costs ~2 ms per KB; indexing the names by their first
character (CJK) or first word (Latin) and checking only candidate positions is ~10x faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LOWER = {i: i + 32 for i in range(65, 91)}
_LOWERED: list[str] = ["", ""]  # (text, its ASCII-lowered copy): the last CJK text seen


class Words:
    """The lower-cased text and its words (start, word), computed once per text."""

    def __init__(self, text: str) -> None:
        low = text.casefold() if text.isascii() else text.lower()
        if len(low) != len(text):  # a few characters change length when lowered
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        self.low = low
        self._where: dict[str, list[int]] | None = None

    @property
    def where(self) -> dict[str, list[int]]:
        """word → its start offsets, built on first use and shared by every matcher."""
        if self._where is None:
            where: dict[str, list[int]] = {}
            for m in _WORD.finditer(self.low):
                where.setdefault(m.group(), []).append(m.start())
            self._where = where
        return self._where

    @property
    def items(self) -> list[tuple[int, str]]:
        return sorted((i, w) for w, starts in self.where.items() for i in starts)


class DictMatcher:
    def __init__(self, keys: list[str], latin: bool) -> None:
        self.latin = latin
        self.index: dict[str, list[str]] = {}
        for k in sorted({k.lower() for k in keys if k}, key=len,
                        reverse=True):
            head = (_WORD.match(k).group() if latin and _WORD.match(k) else k[0])
            self.index.setdefault(head, []).append(k)
        if not latin:
            chars = "".join(sorted(self.index))
            chars += "".join(c.upper() for c in chars if c.isascii() and c.isalpha())
            self.starts = re.compile("[" + re.escape(chars) + "]") if chars else None

    def finditer(self, text: str, overlapped: bool = False,
                 words: Words | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, key), longest key first at each position; non-overlapping unless
        overlapped. Latin keys match case-insensitively on word boundaries. `words` (from
        Words(text)) lets several matchers share one tokenisation of the same text."""
        if self.latin:
            yield from self._latin(words if words is not None else Words(text))
        else:
            yield from self._cjk(text, overlapped)

    def _cjk(self, text: str, overlapped: bool) -> Iterator[tuple[int, int, str]]:
        if self.starts is None:
            return
        if _LOWERED[0] is not text:  # several matchers read the same text in a row
            _LOWERED[0], _LOWERED[1] = text, text.translate(_ASCII_LOWER)
        text = _LOWERED[1]  # keys are lower-cased; ASCII words such as GDP
        pos = 0
        for m in self.starts.finditer(text):
            i = m.start()
            if i < pos and not overlapped:
                continue
            for key in self.index.get(text[i], ()):
                if text.startswith(key, i):
                    yield i, i + len(key), key
                    pos = i + len(key)
                    break

    def _latin(self, words: Words) -> Iterator[tuple[int, int, str]]:
        low = words.low
        pos = 0
        index = self.index
        where = words.where
        # Only the words that start some key: a set intersection, then their positions.
        hits = sorted((i, word) for word in index.keys() & where.keys() for i in where[word])
        for i, word in hits:
            if i < pos:
                continue
            keys = index[word]
            for key in keys:
                end = i + len(key)
                if low.startswith(key, i) and (end >= len(low) or not _LETTER.match(low, end)):
                    yield i, end, key
                    pos = end
                    break
