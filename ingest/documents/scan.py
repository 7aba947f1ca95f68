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

from ingest.documents.counted import counted_noun, person_noun
from ingest.documents.lexicon import (
    CJK,
    CJK_COUNTERS,
    CJK_TIME,
    HEAD_NOUNS,
    NAME_BEFORE,
    TIME_NOUNS,
)
from ingest.documents.matchers import LangMatchers
from ingest.documents.numbers import (
    ARTICLE_LIKE,
    CN_BARE_SCALE,
    CN_NUMERAL,
    WORD_PATTERNS,
    parse_chinese,
    parse_digits,
    parse_words,
)
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


_DIGITS = regex.compile(
    r"(?<![\d])(?<!\d[.,])(?:(?<=^|[\s(（\[:：=])[-](?=\d))?"
    r"(?:\d{1,3}(?:[ ](?=\d{3}(?![\d]))\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)*)"
)
_CJK_PUNCT = set(",，、。;；:：!！?？()（）「」『』“”\"《》[]【】 \n\t…—")
_JA_PARTICLES = set("をにがはでとへもや")
_DE_ORDINAL = regex.compile(r"\.\s+\p{L}")
_CONNECTOR = regex.compile(r"\s*(?:de\s+|d')", regex.I)
_LETTER_WORDS = regex.compile(r"[\p{L}']+")
_JAHRIG = regex.compile(r"-?j[äa]hrig")
_WORDISH = regex.compile(r"[\p{L}\d]")
_DECIMAL = regex.compile(r"\d+(?:\.\d+)?")
_ADJ = set("级型式性化")  # 国家级园区: the noun turned adjective, the head comes later
_YEARISH = regex.compile(r"(?:19|20)\d\d")
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


def _numbers(text: str, lang: str) -> list[tuple[int, int, Decimal, str]]:
    """(start, end, value, how) for every number in the text; how: digits|words|cjk."""
    out: list[tuple[int, int, Decimal, str]] = []
    for m in _DIGITS.finditer(text):
        v = parse_digits(m.group(), lang)
        if v is not None:
            out.append((m.start(), m.end(), v, "digits"))
    pattern = WORD_PATTERNS.get(lang)
    if pattern is not None:
        for m in pattern.finditer(text):
            w = parse_words(m.group(), lang)
            if w is not None:
                out.append((m.start(), m.end(), Decimal(w), "words"))
    if lang in CJK and ("成" in text or "分之" in text):
        out += _fractions(text)
    if lang in CJK:
        for m in CN_NUMERAL.finditer(text):
            c = parse_chinese(m.group())
            if c is not None:
                out.append((m.start(), m.end(), Decimal(c), "cjk"))
        if "百亿" in text or "千亿" in text or "百万" in text or "千万" in text:
            for m in CN_BARE_SCALE.finditer(text):
                c = parse_chinese(m.group())
                if c is not None:
                    out.append((m.start(), m.end(), Decimal(c), "cjk"))
    out.sort()
    return out


# Chinese fractions are shares: 三成 is three tenths, 三分之二 two thirds (as percent).
_TENTHS = regex.compile(r"(?<![\p{Han}&&[^近约超逾达占的为了有]])([一二三四五六七八九])成"
                        r"(?![为立功本交果员熟长都型])")
_PARTS_OF = regex.compile(r"([一二三四五六七八九十]{1,2})分之([一二三四五六七八九])")


def _fractions(text: str) -> list[tuple[int, int, Decimal, str]]:
    out = []
    for m in _TENTHS.finditer(text):
        n = parse_chinese(m.group(1))
        if n:
            out.append((m.start(), m.end(), Decimal(n * 10), "fraction"))
    for m in _PARTS_OF.finditer(text):
        whole, part = parse_chinese(m.group(1)), parse_chinese(m.group(2))
        if whole and part and part < whole:
            value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))
            out.append((m.start(), m.end(), value.normalize(), "fraction"))
    return out


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


class Scanner:
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
        for start, end, value, how in _numbers(text, self.lang):
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

    def _after(self, text: str, cand: Candidate) -> None:
        tail = text[cand.end:cand.end + 6]
        if self.cjk:
            if tail.startswith("以上"):
                cand.after_qualifier = "gte"
            elif tail.startswith("左右"):
                cand.after_qualifier = "approx"
            elif self.lang == "ja" and tail.startswith(("を上回", "超", "余り")):
                cand.after_qualifier = "gt"
