"""Where the numbers of a text are: digit strings, number words, Chinese numerals and
Chinese fractions, as (start, end, value, how) spans. Split from scan.py, which decides what
each number measures; the parsing of one number is numbers.py."""

from __future__ import annotations

from decimal import Decimal

import regex

from ingest.documents.lexicon import CJK
from ingest.documents.numbers import (
    CN_BARE_SCALE,
    CN_NUMERAL,
    WORD_PATTERNS,
    parse_chinese,
    parse_digits,
    parse_words,
)

_DIGITS = regex.compile(
    r"(?<![\d])(?<!\d[.,])(?:(?<=^|[\s(（\[:：=])[-](?=\d))?"
    r"(?:\d{1,3}(?:[ ](?=\d{3}(?![\d]))\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)*)"
)

def number_spans(text: str, lang: str) -> list[tuple[int, int, Decimal, str]]:
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
