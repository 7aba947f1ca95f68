"""Rule-based language identification: script first (Han, kana, and scripts the extractor
does not read), then stopwords and diacritics for the Latin-script languages. Returns en,
fr, de, es, pt, zh or ja, or the code of another script's language (ko, ru, ar, …)."""

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


# Scripts of languages the extractor does not read: a text mostly in one of them is
# reported as that language (and quarantined by the loader), never guessed as English.
_OTHER_SCRIPTS = (
    ("ko", regex.compile(r"\p{Hangul}")),
    ("ru", regex.compile(r"\p{Cyrillic}")),
    ("ar", regex.compile(r"\p{Arabic}")),
    ("el", regex.compile(r"\p{Greek}")),
    ("he", regex.compile(r"\p{Hebrew}")),
    ("th", regex.compile(r"\p{Thai}")),
    ("hi", regex.compile(r"\p{Devanagari}")),
)


def detect_language(text: str) -> str:
    sample = text[:20000]
    letters_total = len(regex.findall(r"\p{L}", sample)) or 1
    for lang, script in _OTHER_SCRIPTS:
        if len(script.findall(sample)) >= 0.3 * letters_total:
            return lang
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
    """'zh-Hant' → 'zh', 'pt-BR' → 'pt', 'EN' → 'en'; None for empty or not a language tag.

    A declared language the extractor does not read ('ko') is kept, so the loader can
    quarantine the document instead of reading it as English."""
    if not tag:
        return None
    base = _TAG_SEP.split(tag.strip().lower())[0]
    return base if _TAG_BASE.fullmatch(base) else None


# Compiled once: normalise_tag runs for every document.
_TAG_SEP = regex.compile(r"[-_\s]")
_TAG_BASE = regex.compile(r"[a-z]{2,3}")
