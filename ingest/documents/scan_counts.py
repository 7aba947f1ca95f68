"""Counts: the counted noun of a number without a unit ("46 projects", "120家企业", "the
number of firms ... 429"). Split from scan.py as a mixin of its Scanner, which owns the state
these methods read (language, head nouns, stop words) and the unit and currency side."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ingest.documents.counted import counted_noun, person_noun
from ingest.documents.lexicon import CJK_COUNTERS, CJK_TIME
from ingest.documents.numbers import ARTICLE_LIKE

if TYPE_CHECKING:
    from ingest.documents.scan import Candidate

_CJK_PUNCT = set(",，、。;；:：!！?？()（）「」『』“”\"《》[]【】 \n\t…—")
_JA_PARTICLES = set("をにがはでとへもや")
_LETTER_WORDS = regex.compile(r"[\p{L}']+")
_JAHRIG = regex.compile(r"-?j[äa]hrig")
_WORDISH = regex.compile(r"[\p{L}\d]")
_ADJ = set("级型式性化")  # 国家级园区: the noun turned adjective, the head comes later
_YEARISH = regex.compile(r"(?:19|20)\d\d")
_VERBS_AFTER = {
    "en": {"were", "was", "have", "has", "are", "had"},
    "fr": {"ont", "sont", "ont été", "étaient"},
    "de": {"wurden", "haben", "sind", "waren"},
    "es": {"fueron", "han", "son", "se"},
    "pt": {"foram", "são", "têm", "estão"},
}
_PARTITIVE = {"en": ("of",), "fr": ("des", "d'entre"), "de": ("der",), "es": ("de",),
              "pt": ("das", "dos", "de")}
_DEFINITE = {
    "en": {"the", "top", "these", "those"}, "fr": {"les", "des", "ces", "aux"},
    "de": {"die", "der", "den", "diese", "top"}, "es": {"los", "las", "estos", "estas"},
    "pt": {"os", "as", "dos", "das", "estes", "estas"},
}
_WORD = regex.compile(r"[\p{L}\d][\p{L}\d'\-]*|\S")
# A year after one of these is a time reference ("bis 2025 rund 50 Projekte"), never a count.
_TIME_PREPOSITIONS = frozenset({
    "in", "since", "by", "until", "till", "before", "after", "during", "from", "to", "through",
    "en", "depuis", "d'ici", "avant", "après", "jusqu'en", "dès",
    "im", "seit", "bis", "vor", "nach", "ab", "zum",
    "em", "até", "desde", "hasta", "antes", "para", "durante", "de",
})
_PRONOUNS = frozenset({"them", "these", "those", "eux", "elles", "ceux-ci", "ellos", "ellas",
                       "éstos", "estos", "eles", "elas", "estes", "ihnen", "denen"})
# Generic counting words that take the unit of the product named before ("680 mil unidades").
_GENERIC_UNITS = frozenset({"units", "unités", "unidades", "einheiten", "stück"})
_VEHICLES = regex.compile(
    r"(?<![\p{L}])(?:vehicles?|cars|EVs|NEVs|véhicules?|voitures|Fahrzeuge[n]?|Autos|"
    r"Elektroautos|vehículos?|coches|veículos?|carros|automóveis)(?![\p{L}])", regex.I)
# "the number of X ... N": a count whose noun came first.
_NUMBER_OF = {
    "en": regex.compile(r"(?<![\p{L}])number of\s", regex.I),
    "fr": regex.compile(r"(?<![\p{L}])nombre (?:de |d')", regex.I),
    "de": regex.compile(r"(?<![\p{L}])(?:Zahl|Anzahl) der\s", regex.I),
    "es": regex.compile(r"(?<![\p{L}])número de\s", regex.I),
    "pt": regex.compile(r"(?<![\p{L}])número de\s", regex.I),
}
_NUMERIC = regex.compile(r"\d[\d.,]*")
_SPAN_MAX = {"en": 6, "de": 6, "fr": 3, "es": 3, "pt": 3}


class CountedPhrases:
    """The count half of scan.Scanner (a mixin: Scanner sets these attributes)."""

    lang: str
    cjk: bool
    heads: dict[str, tuple[str, str]]
    multi_heads: list[str]
    time_nouns: set[str]
    stop: set[str]
    name_words: tuple[str, ...]

    def _after(self, text: str, cand: Candidate) -> None:
        raise NotImplementedError

    def _after_name(self, before: str) -> bool:
        raise NotImplementedError

    # -- Chinese and Japanese counts ----------------------------------------------------
    def _cjk_count(self, text: str, cand: Candidate, pos: int, how: str) -> Candidate | None:
        for t in CJK_TIME:
            if text.startswith(t, pos):
                return None
        if pos < len(text) and text[pos] in CJK_COUNTERS:
            if any(text.startswith(t, pos + 1) for t in CJK_TIME):
                return None  # 16个月, 3个季度
            cand.end = pos + 1
            cand.unit = "count"
            head = self._cjk_head(text, cand.end)
            if head is None and text.startswith("以上", cand.end):
                later = self._cjk_head(text, cand.end + 2 + (text[cand.end + 2:cand.end + 3]
                                                          in "的の"), window=20)
                if later is not None:
                    cand.subject, cand.count_indicator = later[1], later[2]
            if head is not None:
                cand.end, cand.subject, cand.count_indicator = head
            elif text[pos] == "社":
                cand.subject, cand.count_indicator = "enterprises", "enterprise_count"
            elif how == "cjk":
                return None  # 三省, 两个 + slogan: a numeral with a bare counter is no statistic
            else:
                self._cjk_left_noun(text, cand)
            if cand.scales and how == "cjk":
                return None
            self._after(text, cand)
            return cand
        if how == "digits" and not cand.scales and text.startswith("以上", pos):
            cand.bare, cand.unit, cand.after_qualifier = "cjk_min", "count", "gte"
            head = self._cjk_head(text, pos + 2 + (text[pos + 2:pos + 3] == "的"
                                                   or text[pos + 2:pos + 3] == "の"),
                                  window=20)
            if head is not None:
                cand.subject, cand.count_indicator = head[1], head[2]
            return cand
        if cand.scales and how == "digits":
            cand.end = pos
            cand.needs_currency = True
            return cand
        return None

    def _cjk_head(self, text: str, pos: int, window: int = 10
                  ) -> tuple[int, str, str] | None:
        if text.startswith("以上", pos):
            return None
        if self.lang == "ja" and text[pos:pos + 1] == "の":
            pos += 1
        limit = min(len(text), pos + window)
        i = pos
        while i < limit:
            ch = text[i]
            if ch in _CJK_PUNCT or ch.isdigit() or (self.lang == "ja" and ch in _JA_PARTICLES
                                                    and i > pos):
                break
            hit = self._head_at(text, i)
            if hit is not None:
                # Chinese noun phrases are head-final: 应用场景项目 is counted in 项目
                while (nxt := self._head_at(text, hit[0])) is not None:
                    hit = nxt
                return hit
            i += 1
        return None

    def _head_at(self, text: str, i: int) -> tuple[int, str, str] | None:
        for noun in self._sorted_heads():
            if text.startswith(noun, i) and text[i + len(noun):i + len(noun) + 1] not in _ADJ:
                subject, ind = self.heads[noun]
                return i + len(noun), subject, ind
        return None

    def _sorted_heads(self) -> list[str]:
        cached = getattr(self, "_heads_sorted", None)
        if cached is None:
            cached = sorted(self.heads, key=len, reverse=True)
            self._heads_sorted = cached
        return cached

    def _cjk_left_noun(self, text: str, cand: Candidate) -> None:
        window = text[max(0, cand.num_start - 8):cand.num_start]
        for noun in self._sorted_heads():
            idx = window.rfind(noun)
            if idx >= 0 and not any(c in _CJK_PUNCT for c in window[idx:]):
                cand.subject, cand.count_indicator = self.heads[noun]
                return
        if text[cand.end - 1] in "户家":
            window2 = text[max(0, cand.num_start - 10):cand.num_start]
            if "企业" in window2 or "主体" in window2 or "公司" in window2:
                cand.subject, cand.count_indicator = "enterprises", "enterprise_count"

    # -- Latin counts -------------------------------------------------------------------
    def _latin_count(self, text: str, cand: Candidate, pos: int, how: str,
                     before: str) -> Candidate | None:
        if how == "digits" and not cand.scales and cand.num_end - cand.num_start == 4 and \
                _YEARISH.fullmatch(text, cand.num_start, cand.num_end):
            tail = _LETTER_WORDS.findall(before[-12:].lower())
            if tail and tail[-1] in _TIME_PREPOSITIONS:
                return None  # "in 2023", "bis 2025": a time reference, whatever follows
        tokens = []
        for m in _WORD.finditer(text, pos, min(len(text), pos + 120)):
            tokens.append((m.group(), m.start(), m.end()))
            if len(tokens) == 10:
                break
        if not tokens and not cand.scales:
            return None
        first = tokens[0][0].lower().lstrip("-") if tokens else ""
        if first in self.time_nouns or (self.lang == "de" and _JAHRIG.match(
                tokens[0][0].lower() if tokens else "")):
            return None
        prev_word = _LETTER_WORDS.findall(before.lower())[-1:] or [""]
        if len(tokens) > 1 and first in _PARTITIVE.get(self.lang, ()) and \
                tokens[1][0].lower() in _PRONOUNS and not cand.scales:
            cand.bare, cand.unit = "elided", "count"  # "40 of them": the count named before
            return cand
        if first in _GENERIC_UNITS and _VEHICLES.search(text, max(0, cand.num_start - 120),
                                                        cand.num_start):
            cand.unit, cand.end = "vehicles", tokens[0][2]  # "680 mil unidades" of cars
            cand.subject = "vehicles"
            return cand
        head = self._latin_head(text, tokens)
        if head is not None:
            hend, subject, ind, partitive = head
            article = how == "words" and text[cand.num_start:cand.num_end].lower() in ARTICLE_LIKE
            if article and not cand.scales:
                return None
            if prev_word[0] in _DEFINITE.get(self.lang, set()) and not cand.scales:
                return None  # "the two major contributors", "des 100 villes": a known set
            if _YEARISH.fullmatch(text[cand.num_start:cand.num_end]) and prev_word[0] in \
                    _TIME_PREPOSITIONS:
                return None
            cand.subject, cand.count_indicator = subject, ind
            cand.unit = "persons" if subject == "talents" else "count"
            if partitive:
                cand.bare, cand.end = "partitive", pos if cand.scales else cand.num_end
            else:
                cand.end = hend
            return cand
        if tokens and (how == "digits" or cand.scales) and not _YEARISH.fullmatch(
                text[cand.num_start:cand.num_end]) and prev_word[0] not in _DEFINITE.get(
                    self.lang, set()):
            found = counted_noun(self.lang, tokens, self.stop, self.time_nouns)
            if found is not None:  # any noun the grammar marks: never a currency
                cand.end, noun = found
                people, residents = person_noun(noun)
                cand.subject = noun
                cand.count_indicator = "population" if residents else "other"
                cand.unit = "persons" if people else "count"
                return cand
        if cand.scales:
            cand.end = pos
            cand.needs_currency = True
            return cand
        if how == "digits" and (not tokens or not _WORDISH.match(tokens[0][0])):
            framed = self._number_of(text, cand)
            if framed is not None:
                return framed
        if how == "digits" and tokens and not _YEARISH.fullmatch(
                text[cand.num_start:cand.num_end]):
            word = tokens[0][0].lower()
            if word in _VERBS_AFTER.get(self.lang, set()):
                cand.bare, cand.unit = "elided", "count"
                return cand
        return None

    def _number_of(self, text: str, cand: Candidate) -> Candidate | None:
        """'the number of foreign enterprises reached 4,350.': a bare count whose noun came
        first; the number ends its clause."""
        rx = _NUMBER_OF.get(self.lang)
        if rx is None or _YEARISH.fullmatch(text[cand.num_start:cand.num_end]):
            return None
        lo = max(0, cand.num_start - 120)
        found = None
        for m in rx.finditer(text, lo, cand.num_start):
            found = m
        if found is None or regex.search(r"[.;!?]|\d", text[found.end():cand.num_start]):
            return None
        for tok in _WORD.finditer(text, found.end(), min(cand.num_start, found.end() + 60)):
            hit = self._head_word(tok.group().lower())
            if hit is not None:
                cand.subject, cand.count_indicator = hit
                cand.unit, cand.bare = "count", "number_of"
                return cand
        return None

    def _latin_head(self, text: str, tokens: list[tuple[str, int, int]]
                    ) -> tuple[int, str, str, bool] | None:
        limit = _SPAN_MAX.get(self.lang, 3)
        partitive = False
        for i, (tok, _s, tend) in enumerate(tokens):
            low = tok.lower()
            if i >= limit and not partitive:
                return None
            if not _WORDISH.match(tok):
                return None  # punctuation ends the noun phrase
            if _NUMERIC.fullmatch(tok) and not (
                    self.name_words and self._after_name(text[max(0, _s - 12):_s])):
                return None  # another number: the noun belongs to it ("2025 rund 50 Projekte")
            multi = self._multi_head(text, _s)
            if multi is not None:
                return multi[0], *multi[1], partitive
            hit = self._head_word(low)
            if hit is not None:
                return tend, *hit, partitive
            if i == 0 and low in _PARTITIVE.get(self.lang, ()):
                partitive = True
                limit = 7
                continue
            if low in self.stop and not partitive:
                return None
            if i == 0 and self.lang in ("fr", "es", "pt") and low in self.stop:
                return None
        return None

    def _multi_head(self, text: str, pos: int) -> tuple[int, tuple[str, str]] | None:
        low = text[pos:pos + 30].lower()
        for h in self.multi_heads:
            if low.startswith(h) and not (len(low) > len(h) and low[len(h)].isalpha()):
                return pos + len(h), self.heads[h]
        return None

    def _head_word(self, low: str) -> tuple[str, str] | None:
        if low in self.heads:
            return self.heads[low]
        if self.lang == "de":
            for h, val in self.heads.items():
                if len(h) >= 5 and " " not in h and low.endswith(h):
                    return val
        return None
