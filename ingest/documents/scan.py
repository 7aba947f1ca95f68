"""Find the number phrases of a text: the number, its scale and unit or currency words, and
for counts the counted noun. Offsets are into the normalised view (see textnorm).

A number becomes a candidate figure only with something that says what it measures (a unit,
a currency, a scale word, a counter or a counted noun) or in the few bare patterns the labels
allow (partitive "429 of the ...", elided noun "46 were completed", "15以上"). Years, dates,
ordinals, durations and numbers inside names never get that far.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ingest.documents.lexicon import (
    CJK,
    HEAD_NOUNS,
    NAME_BEFORE,
    TIME_NOUNS,
)
from ingest.documents.matchers import LangMatchers
from ingest.documents.scan_counts import CountedPhrases
from ingest.documents.scan_numbers import number_spans
from ingest.documents.textnorm import to_simplified
from ingest.documents.vocab import UnitEntry


@dataclass
class Candidate:
    start: int
    end: int
    num_start: int
    num_end: int
    value: Decimal
    unit: str = ""
    subject: str = ""
    count_indicator: str = ""
    inner_qualifier: str = ""  # 余/多 inside the quote
    scales: list[UnitEntry] = field(default_factory=list)
    needs_currency: bool = False
    bare: str = ""  # "", "partitive", "elided", "cjk_min"
    after_qualifier: str = ""  # 以上 / を上回る … right after the figure
    flags: list[str] = field(default_factory=list)


_DE_ORDINAL = regex.compile(r"\.\s+\p{L}")
_CONNECTOR = regex.compile(r"\s*(?:de\s+|d')", regex.I)
_DECIMAL = regex.compile(r"\d+(?:\.\d+)?")
_STOP = {
    "en": {"with", "in", "of", "from", "for", "to", "and", "or", "were", "was", "are", "is",
           "have", "has", "had", "that", "which", "who", "by", "on", "at", "as", "including",
           "worth", "totaling", "totalling", "setting", "being", "been", "the", "a", "an",
           "will", "would", "into", "across", "between", "among", "than", "per"},
    "fr": {"de", "du", "des", "d'", "à", "au", "aux", "en", "et", "ont", "sont", "qui", "que",
           "pour", "avec", "dans", "sur", "par", "ou", "a", "été", "le", "la", "les", "entre"},
    "de": {"mit", "in", "von", "aus", "zu", "und", "haben", "sind", "wurden", "wurde", "die",
           "der", "das", "den", "dem", "des", "im", "am", "an", "auf", "bei", "zwischen",
           "werden", "hat", "ist"},
    "es": {"de", "del", "con", "en", "y", "para", "por", "que", "han", "fueron", "son", "la",
           "el", "los", "las", "a", "al", "entre"},
    "pt": {"de", "do", "da", "dos", "das", "com", "em", "no", "na", "e", "para", "por", "que",
           "foram", "são", "o", "a", "os", "as", "entre", "ao"},
}


class Scanner(CountedPhrases):
    def __init__(self, m: LangMatchers, lang: str) -> None:
        self.m = m
        self.lang = lang
        self.cjk = lang in CJK
        base = "zh" if lang not in HEAD_NOUNS else lang
        self.heads = {to_simplified(k): v for k, v in HEAD_NOUNS.get(base, {}).items()}
        self.multi_heads = sorted((h for h in self.heads if " " in h), key=len, reverse=True)
        self.time_nouns = set(TIME_NOUNS.get(lang, ()))
        self.stop = _STOP.get(lang, set())
        names = NAME_BEFORE.get(lang)
        # The same words as a tuple for str.endswith (one C call per number, no regex).
        self.name_words = tuple(w.replace("\\", "") for w in names.split("|")) if names else ()
        # Last characters of the currency codes and symbols written before a number: a number
        # not preceded by one of them (spaces aside) has no prefix, no regex needed.
        self.prefix_last = frozenset(
            ch for k in m.prefix_entries for ch in (k[-1:].lower(), k[-1:].upper()))

    # -- public -------------------------------------------------------------------------
    def scan(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        last_end = -1
        for start, end, value, how in number_spans(text, self.lang):
            if start < last_end:
                continue  # inside the previous phrase (e.g. "500" of "Fortune 500 companies")
            if how == "fraction":
                found.append(Candidate(start, end, start, end, value, unit="percent",
                                       bare="fraction"))
                last_end = end
                continue
            cand = self._candidate(text, start, end, value, how)
            if cand is not None:
                found.append(cand)
                last_end = cand.end
        return found

    # -- one number ---------------------------------------------------------------------
    def _candidate(self, text: str, start: int, end: int, value: Decimal,
                   how: str) -> Candidate | None:
        before = text[max(0, start - 12):start]
        if self.cjk:
            if before.endswith(("第", "前", "No.", "#")) or text[end:end + 1] in ("+", "号"):
                return None
        elif self._excluded_latin(text, start, end, before, how):
            return None
        prefix = None if self.cjk else self._prefix(text, start)
        cand = Candidate(start, end, start, end, value)
        if prefix is not None:
            entry, pstart = prefix
            cand.start, cand.unit = pstart, entry.base_unit
        pos = end
        if self.cjk and pos < len(text) and text[pos] in "余多":
            cand.inner_qualifier, pos = "gt", pos + 1
        scale = self.m.scale.match(text, pos)
        if scale and not (self.cjk and how == "cjk"):
            cand.scales.append(scale[0])
            pos = scale[1]
            if self.cjk:
                pos = self._compound(text, pos, cand)
            if self.cjk and pos < len(text) and text[pos] in "余多":
                cand.inner_qualifier, pos = "gt", pos + 1
        elif not self.cjk and pos < len(text) and text[pos].isalpha() and not self._unit_at(
                text, pos):
            return None  # 5G, 3D, 30th, 14e
        unit_end = self._unit(text, pos, cand)
        if unit_end is not None:
            cand.end = unit_end
            return self._finish_unit(text, cand, how)
        if cand.unit:  # currency prefix, scale or not: "USD 7,18 bilhões", "$5 billion"
            cand.end = pos
            return cand
        if self.cjk:
            return self._cjk_count(text, cand, pos, how)
        return self._latin_count(text, cand, pos, how, before)

    def _compound(self, text: str, pos: int, cand: Candidate) -> int:
        m = _DECIMAL.match(text[pos:pos + 12])
        if not m:
            return pos
        small = self.m.scale.match(text, pos + m.end())
        big = cand.scales[-1].multiplier
        if small is None or small[0].multiplier >= big:
            return pos
        total = cand.value * big + Decimal(m.group()) * small[0].multiplier
        cand.value = total / small[0].multiplier
        cand.scales[-1] = small[0]
        return small[1]

    def _excluded_latin(self, text: str, start: int, end: int, before: str, how: str) -> bool:
        if self.name_words and self._after_name(before):
            return True
        nxt = text[end:end + 2]
        if nxt[:1] == "+" or (nxt[:1] == "-" and nxt[1:2].isdigit()):
            return True  # 2+6+X, ranges of years
        if self.lang == "de" and how == "digits" and _DE_ORDINAL.match(text, end, end + 3):
            return True  # German ordinal or date: "14. Fünfjahresplan", "5. Januar"
        if start > 0 and text[start - 1].isalpha() and how == "digits":
            return self._prefix(text, start) is None  # A380, G20; RMB84.8bln is fine
        return False

    def _after_name(self, before: str) -> bool:
        """`before` ends with a name word, then at most one space or hyphen."""
        if before.endswith(self.name_words):
            return True
        return before[-1:] in (" ", "\t", "\n", "-", "\u00a0") and \
            before[:-1].endswith(self.name_words)

    def _prefix(self, text: str, start: int) -> tuple[UnitEntry, int] | None:
        i = start - 1
        if i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] not in self.prefix_last:
            return None
        m = self.m.prefix.search(text[max(0, start - 5):start])
        if not m:
            return None
        entry = self.m.prefix_entries.get(m.group(1).casefold())
        if entry is None:
            return None
        return entry, start - (len(m.group(0)))

    def _unit_at(self, text: str, pos: int) -> bool:
        return bool(self.m.unit.match(text, pos) or self.m.currency.match(text, pos))

    def _unit(self, text: str, pos: int, cand: Candidate) -> int | None:
        """Consume a currency or unit at pos (after an optional de/d'); set cand.unit."""
        for p in self._connector_positions(text, pos):
            cur = self.m.currency.match(text, p)
            if cur is not None and (cand.scales or p == pos or self.lang in ("fr", "es", "pt")):
                if not cand.unit or cand.unit == cur[0].base_unit:
                    cand.unit = cur[0].base_unit
                return cur[1]
            unit = self.m.unit.match(text, p)
            if unit is not None:
                entry, uend = unit
                if entry.base_unit in ("CNY", "USD", "EUR") and cand.unit:
                    return None
                if self.cjk and entry.base_unit == "vehicles" and text[uend:uend + 1] == "次":
                    return None
                cand.unit = entry.base_unit
                cand.scales.append(entry)
                return uend
        return None

    def _connector_positions(self, text: str, pos: int) -> list[int]:
        out = [pos]
        if self.lang in ("fr", "es", "pt"):
            m = _CONNECTOR.match(text[pos:pos + 6])
            if m:
                out.append(pos + m.end())
        return out

    def _finish_unit(self, text: str, cand: Candidate, how: str) -> Candidate | None:
        if how == "words" and cand.unit in ("count",):
            return None
        if self.cjk and cand.unit == "persons" and text[cand.end:cand.end + 1] in ("均", "口"):
            return None  # 人均 (per capita), 人口 are words, not the unit 人
        self._after(text, cand)
        return cand

    def _after(self, text: str, cand: Candidate) -> None:
        tail = text[cand.end:cand.end + 6]
        if self.cjk:
            if tail.startswith("以上"):
                cand.after_qualifier = "gte"
            elif tail.startswith("左右"):
                cand.after_qualifier = "approx"
            elif self.lang == "ja" and tail.startswith(("を上回", "超", "余り")):
                cand.after_qualifier = "gt"
