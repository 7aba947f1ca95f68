"""Numbers as written: digit strings in each language's convention, number words (en, fr, de,
es, pt) and Chinese numerals. Pure functions returning Decimal."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

_DROP = {ord(c): None for c in " \t\n\u00a0\u202f'’"}
COMMA_DECIMAL = frozenset({"fr", "de", "es", "pt", "it"})


def parse_digits(text: str, lang: str) -> Decimal | None:
    """'474,81' (fr) → 474.81; '2.700' (de) → 2700; '300,000' (en) → 300000; '300 000' → 300000."""
    s = text.translate(_DROP) if not text.isdigit() else text
    if not s:
        return None
    sign = ""
    if s[0] in "+-":
        sign, s = ("-" if s[0] == "-" else ""), s[1:]
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(",", ".")
    elif commas:
        groups = s.split(",")
        thousands = all(len(g) == 3 for g in groups[1:])
        if commas > 1 or (thousands and lang not in COMMA_DECIMAL):
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif dots:
        groups = s.split(".")
        thousands = all(len(g) == 3 for g in groups[1:])
        if dots > 1 or (thousands and lang in COMMA_DECIMAL):
            s = s.replace(".", "")
    try:
        return Decimal(sign + s)
    except InvalidOperation:
        return None


def plain(value: Decimal) -> str:
    """Plain decimal, no exponent, no trailing zeros: 6.0 → '6', 4.7E+11 → '470000000000'."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# --- number words --------------------------------------------------------------------------

_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    },
    "fr": {
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
        "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
        "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
        "cinquante": 50, "soixante": 60, "quatre-vingt": 80, "quatre-vingts": 80, "cent": 100,
        "cents": 100,
    },
    "es": {
        "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
        "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
        "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17, "dieciocho": 18,
        "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidós": 22, "veintitrés": 23,
        "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27,
        "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
        "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
        "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
        "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
    },
    "pt": {
        "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6,
        "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13,
        "catorze": 14, "quatorze": 14, "quinze": 15, "dezesseis": 16, "dezasseis": 16,
        "dezessete": 17, "dezassete": 17, "dezoito": 18, "dezenove": 19, "dezanove": 19,
        "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60,
        "setenta": 70, "oitenta": 80, "noventa": 90, "cem": 100, "cento": 100, "duzentos": 200,
        "duzentas": 200, "trezentos": 300, "trezentas": 300, "quatrocentos": 400,
        "quinhentos": 500, "seiscentos": 600, "setecentos": 700, "oitocentos": 800,
        "novecentos": 900,
    },
    "de": {
        "ein": 1, "eins": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "eines": 1,
        "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
        "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
        "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
        "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
        "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
    },
}
# Thousand is a number word too ("two thousand projects"); larger words are scale words.
for _lang, _w in (("en", "thousand"), ("fr", "mille"), ("es", "mil"), ("pt", "mil")):
    _WORDS[_lang][_w] = 1000

# Words that are also the indefinite article: a figure only with a scale or unit after them.
ARTICLE_LIKE = frozenset({
    "one", "un", "une", "uno", "una", "um", "uma", "ein", "eine", "einer", "einem", "einen",
    "eines",
})
_SPLIT = regex.compile(r"[\s-]+")
_JOINERS = {"en": "and", "fr": "et", "es": "y", "pt": "e", "de": "und"}


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _word_pattern(lang: str) -> regex.Pattern[str]:
    words = _alternation(list(_WORDS[lang]))
    if lang == "de":  # German fuses: dreiunddreißig, zweihundertzwanzig
        unit = rf"(?:(?:{words}|und)+)"
        return regex.compile(rf"(?<![\p{{L}}\d-])(?:{unit})(?![\p{{L}}\d])", regex.I)
    joiner = _JOINERS[lang]
    return regex.compile(
        rf"(?<![\p{{L}}\d-])(?:{words})(?:(?:-|\s+|\s+{joiner}\s+)(?:{words}))*(?![\p{{L}}\d])",
        regex.I,
    )


WORD_PATTERNS = {lang: _word_pattern(lang) for lang in _WORDS}
_DE_MORPH = regex.compile(_alternation([*_WORDS["de"], "und"]), regex.I)


def _combine(values: list[int]) -> int:
    total, current = 0, 0
    for v in values:
        if v == 100:
            current = (current or 1) * 100
        elif v >= 1000:
            total += (current or 1) * v
            current = 0
        else:
            current += v
    return total + current


def parse_words(text: str, lang: str) -> int | None:
    """'Thirty-three' → 33, 'quatre-vingt-dix' → 90, 'dreiunddreißig' → 33, 'trinta e três' → 33."""
    table = _WORDS.get(lang)
    if table is None:
        return None
    low = text.lower().replace("quatre-vingt", "quatre_vingt")
    if lang == "de":
        tokens = [t for t in _DE_MORPH.findall(low) if t != "und"]
    else:
        tokens = [t for t in _SPLIT.split(low) if t and t != _JOINERS[lang]]
    values = []
    for tok in tokens:
        v = table.get(tok.replace("quatre_vingt", "quatre-vingt"))
        if v is None:
            return None
        values.append(v)
    return _combine(values) if values else None


# --- Chinese numerals ----------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_ALL = "零〇一二两三四五六七八九十百千万亿"
CN_NUMERAL = regex.compile(rf"[{_CN_ALL}]*[零〇一二两三四五六七八九十][{_CN_ALL}]*")
# A bare scale figure has no digit at all: 百亿元, 千亿元 (one hundred, one thousand 亿).
CN_BARE_SCALE = regex.compile(rf"(?<![{_CN_ALL}\d.])[百千](?:万亿|亿|万)(?=[元美])")


def parse_chinese(text: str) -> int | None:
    """'三千五百万' → 35000000, '一万亿' → 10**12, '十四' → 14, '两' → 2."""
    yi_total, wan_total, section, number = 0, 0, 0, 0
    seen = False
    for ch in text:
        if ch in _CN_DIGITS:
            number, seen = _CN_DIGITS[ch], True
        elif ch in _CN_UNITS:
            section += (number or 1) * _CN_UNITS[ch]
            number, seen = 0, True
        elif ch == "万":
            wan_total += (section + number) * 10_000
            section = number = 0
        elif ch == "亿":
            yi_total = (yi_total + wan_total + section + number) * 100_000_000
            wan_total = section = number = 0
        else:
            return None
    return yi_total + wan_total + section + number if seen else None
