"""Rule-based language identification: script first (Han, kana), then stopwords and
diacritics for the Latin-script languages. Returns en, fr, de, es, pt, zh or ja."""

from __future__ import annotations

import regex

_STOPWORDS = {
    "en": "the of and to in is was that for on with as by from at are has have it which this "
          "were its be an or will than",
    "fr": "le la les de des du et en un une est dans pour que qui au aux sur par avec ont "
          "sont été ce cette plus d l",
    "de": "der die das und den dem des ist mit von im für auf zu ein eine einer nicht sich "
          "wurde wurden hat sind auch bei aus",
    "es": "el la los las de del y en un una es que por para con se al su fue han más lo como",
    "pt": "o a os as de do da dos das e em um uma é que para com por no na ao foram mais "
          "são pelo pela",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_MARKS = {"fr": "àâçéèêëîïôûùœ", "de": "äöüß", "es": "ñáíóú¿¡", "pt": "ãõçáéíóúâêô"}
_WORD = regex.compile(r"\p{Latin}+")
_HAN = regex.compile(r"\p{Han}")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")


def detect_language(text: str) -> str:
    sample = text[:20000]
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    words = _WORD.findall(sample.lower())
    if kana >= 10 or (kana and kana >= 0.05 * (han + kana)):
        return "ja"
    if han and han >= 0.5 * len(words):
        return "zh"
    scores = dict.fromkeys(_SETS, 0.0)
    for w in words:
        for lang, stops in _SETS.items():
            if w in stops:
                scores[lang] += 1.0
    letters = "".join(words)
    for lang, marks in _MARKS.items():
        scores[lang] += 0.5 * sum(letters.count(ch) for ch in marks)
    # pt and es share many words; "ão"/"ões" and "ñ" settle them
    scores["pt"] += 2.0 * len(regex.findall(r"ão|ões|ç", letters))
    scores["es"] += 2.0 * len(regex.findall(r"ñ|ción|ciones", letters))
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "en"


def normalise_tag(tag: str | None) -> str | None:
    """'zh-Hant' → 'zh', 'pt-BR' → 'pt', 'EN' → 'en'; None for empty or unknown."""
    if not tag:
        return None
    base = regex.split(r"[-_\s]", tag.strip().lower())[0]
    return base if base in ("en", "fr", "de", "es", "pt", "zh", "ja") else None
