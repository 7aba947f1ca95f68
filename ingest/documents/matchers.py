"""Compiled matchers for a vocabulary and a language: scale words, currency words and units
read from seeds/units.csv, indicator terms from seeds/indicators.csv, place names from
seeds/places.csv. Built once per (vocabulary, language) and kept in the vocabulary's cache."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ingest.documents.dictmatch import DictMatcher
from ingest.documents.lexicon import CJK, EXONYMS
from ingest.documents.textnorm import to_simplified
from ingest.documents.vocab import Place, UnitEntry, Vocabulary


@dataclass(frozen=True)
class SurfaceMatcher:
    pattern: regex.Pattern[str] | None
    entries: dict[str, UnitEntry]  # key: casefolded surface
    firsts: frozenset[str] = frozenset()  # first characters of the surfaces, both cases

    def match(self, text: str, pos: int) -> tuple[UnitEntry, int] | None:
        """The longest entry starting at pos (after optional spaces): (entry, end)."""
        if self.pattern is None:
            return None
        i = pos
        while i < len(text) and text[i] in " \t":
            i += 1
        if i >= len(text) or text[i] not in self.firsts:
            return None  # no surface starts with this character: skip the regex
        m = self.pattern.match(text, pos)
        if not m:
            return None
        return self.entries[m.group(1).casefold()], m.end()


def _surface_matcher(entries: list[UnitEntry], cjk: bool) -> SurfaceMatcher:
    table: dict[str, UnitEntry] = {}
    for e in entries:  # language-specific rows first, so they win over generic ones
        surface = to_simplified(e.surface) if not e.surface.isascii() else e.surface
        table.setdefault(surface.casefold(), e)
    if not table:
        return SurfaceMatcher(None, {})
    alts = "|".join(regex.escape(s) for s in sorted(table, key=len, reverse=True))
    if cjk:
        pattern = rf"[ \t]?({alts})"
    else:
        # A word must end at a word boundary; symbols (%, $) need none.
        pattern = rf"[ \t]*({alts})(?:(?<=[\p{{L}}\d])(?![\p{{L}}\d])|(?<![\p{{L}}\d]))"
    firsts = frozenset(c for k in table for c in (k[0], k[0].upper(), k[0].lower(),
                                                  k[0].casefold()))
    return SurfaceMatcher(regex.compile(pattern, regex.I), table, firsts)


@dataclass(frozen=True)
class LangMatchers:
    scale: SurfaceMatcher
    currency: SurfaceMatcher
    unit: SurfaceMatcher
    prefix: regex.Pattern[str]  # currency written before the number, anchored at the end
    prefix_entries: dict[str, UnitEntry]
    terms: DictMatcher | None
    term_codes: dict[str, str]
    places: DictMatcher | None
    place_names: dict[str, list[Place]]
    place_by_code: dict[str, Place]


def _for_lang(vocab: Vocabulary, lang: str, kind: str) -> list[UnitEntry]:
    own = [u for u in vocab.units if u.kind == kind and u.lang == lang]
    generic = [u for u in vocab.units if u.kind == kind and not u.lang]
    if lang == "ja":  # Japanese writes Chinese units (億元, 万) too
        generic += [u for u in vocab.units if u.kind == kind and u.lang == "zh"]
    return own + generic


def _is_prefix_surface(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return not letters or (surface.upper() == surface and len(letters) <= 3)


def _terms(vocab: Vocabulary, cjk: bool) -> tuple[DictMatcher | None, dict[str, str]]:
    codes: dict[str, str] = {}
    for ind in vocab.indicators.values():
        for term in ind.terms:
            t = to_simplified(term) if not term.isascii() else term
            codes.setdefault(t.lower(), ind.code)
    if not codes:
        return None, codes
    return DictMatcher(list(codes), latin=not cjk), codes


def _places(vocab: Vocabulary, cjk: bool) -> tuple[DictMatcher | None,
                                                   dict[str, list[Place]]]:
    names: dict[str, list[Place]] = {}
    for p in vocab.places:
        for n in (*p.names, *EXONYMS.get(p.code, ())):
            n = to_simplified(n) if not n.isascii() else n
            if n.isascii() and (len(n) < 4 or n.islower() or (" " in n and n[0].islower())):
                continue  # pinyin with spaces, short codes
            if not n.isascii() and len(n) < 2:
                continue
            if not n.isascii() and regex.search(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", n):
                continue  # tone-marked pinyin
            bucket = names.setdefault(n.lower(), [])
            if p not in bucket:
                bucket.append(p)
    if not names:
        return None, names
    # CJK texts name places in Han characters, other texts in Latin letters (and a few
    # exonyms): index each script separately.
    keys = [n for n in names if not n.isascii()] if cjk else list(names)
    return DictMatcher(keys, latin=not cjk), names


def matchers_for(vocab: Vocabulary, lang: str) -> LangMatchers:
    key = ("matchers", lang)
    cached = vocab.cache.get(key)
    if isinstance(cached, LangMatchers):
        return cached
    cjk = lang in CJK
    currencies = _for_lang(vocab, lang, "currency")
    prefix_entries = {e.surface.casefold(): e for e in currencies if _is_prefix_surface(e.surface)}
    for e in vocab.units:  # a code such as RMB or USD is written before numbers in any language
        if e.kind == "currency" and _is_prefix_surface(e.surface):
            prefix_entries.setdefault(e.surface.casefold(), e)
    alts = "|".join(regex.escape(s) for s in sorted(prefix_entries, key=len, reverse=True))
    prefix = regex.compile(rf"(?<![\p{{L}}])({alts})[ \t]?$", regex.I)
    terms, codes = _terms(vocab, cjk)
    places, place_names = _places(vocab, cjk)
    built = LangMatchers(
        scale=_surface_matcher(_for_lang(vocab, lang, "scale"), cjk),
        currency=_surface_matcher(currencies, cjk),
        unit=_surface_matcher(_for_lang(vocab, lang, "unit"), cjk),
        prefix=prefix, prefix_entries=prefix_entries, terms=terms, term_codes=codes,
        places=places, place_names=place_names,
        place_by_code={p.code: p for p in vocab.places},
    )
    vocab.cache[key] = built
    return built


def multiplier(entries: list[UnitEntry]) -> Decimal:
    out = Decimal(1)
    for e in entries:
        out *= e.multiplier
    return out
