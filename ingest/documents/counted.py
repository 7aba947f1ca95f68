"""The counted noun after a number, by each language's grammar rather than by a list.

The lexicon's head nouns map the common ones to indicators (projects, enterprises). Any other
noun still makes a count, found by how the language marks a noun:
- English: a plural noun after at most two modifiers ("2.52 million permanent residents");
- French, Spanish, Portuguese: a plural noun (ending in -s or -x), after "de"/"d'" when a
  scale word comes first ("41 000 entités", "2,5 millions d'habitants"), skipping the few
  adjectives these languages put before a noun (nouveaux, nuevas, novos);
- German: every noun is capitalised; lower-case adjectives may come first ("12 neue Labore").
A noun naming people makes the unit `persons`; residents and inhabitants are population.
"""

from __future__ import annotations

import regex

_EN_PLURAL = regex.compile(r"[a-z][a-z\-]{2,}s")
_ROMANCE_PLURAL = regex.compile(r"[a-zà-ÿ][a-zà-ÿ\-]{2,}[sx]")
_DE_NOUN = regex.compile(r"\p{Lu}[\p{L}\-]{2,}")
_ELISION = regex.compile(r"^(?:d'|d’|de |del |do |da |dos |das )", regex.I)
PRENOMINAL = frozenset({
    "nouveaux", "nouvelles", "nouveau", "nouvelle", "grands", "grandes", "principaux",
    "principales", "autres", "premiers", "premières", "petits", "petites", "nuevos", "nuevas",
    "otros", "otras", "novos", "novas", "outros", "outras", "principais",
    "pequenas", "pequeños", "primeros", "primeiros",
})
PEOPLE = frozenset({
    "residents", "inhabitants", "people", "persons", "habitants", "personnes", "résidents",
    "habitantes", "personas", "residentes", "pessoas", "moradores", "einwohner", "einwohnern",
    "menschen", "personen", "bewohner", "bürger", "citizens", "citoyens", "ciudadanos",
    "cidadãos",
})
RESIDENTS = frozenset({
    "residents", "inhabitants", "habitants", "résidents", "habitantes", "residentes",
    "moradores", "einwohner", "einwohnern", "bewohner",
})
MAX_MODIFIERS = 2


def counted_noun(lang: str, tokens: list[tuple[str, int, int]], stop: set[str],
                 time_nouns: set[str]) -> tuple[int, str] | None:
    """(end offset, noun) of the counted noun among the tokens after a number, or None."""
    modifiers = 0
    for i, (tok, _s, end) in enumerate(tokens):
        low = tok.lower()
        if i == 0 and lang in ("fr", "es", "pt"):
            m = _ELISION.match(low)
            if m:
                low = low[m.end():]
            elif low in ("de", "del", "do", "da", "dos", "das"):
                continue  # "millones de personas": the noun comes after de
        if not tok[:1].isalpha() or low in time_nouns:
            return None
        if low in stop and not (lang == "de" and tok[:1].isupper()):
            return None
        if _is_noun(lang, tok, low):
            return end, low
        if lang in ("fr", "es", "pt") and low not in PRENOMINAL:
            return None  # Romance adjectives mostly follow the noun: only a few come first
        if lang == "de" and tok[:1].isupper():
            return None
        modifiers += 1
        if modifiers > MAX_MODIFIERS:
            return None
    return None


def _is_noun(lang: str, tok: str, low: str) -> bool:
    if lang == "en":
        return bool(_EN_PLURAL.fullmatch(low)) and not low.endswith(("ss", "us", "is"))
    if lang in ("fr", "es", "pt"):
        return bool(_ROMANCE_PLURAL.fullmatch(low)) and low not in PRENOMINAL
    if lang == "de":
        return bool(_DE_NOUN.fullmatch(tok))
    return False


def person_noun(noun: str) -> tuple[bool, bool]:
    """(counts people, counts residents: population)."""
    return noun in PEOPLE, noun in RESIDENTS
