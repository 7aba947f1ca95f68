from decimal import Decimal

import pytest

from ingest.documents.numbers import parse_chinese, parse_digits, parse_words, plain


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("474,81", "fr", "474.81"), ("2.700", "de", "2700"), ("2 700", "fr", "2700"),
    ("300,000", "en", "300000"), ("300.000", "pt", "300000"), ("1,234.5", "en", "1234.5"),
    ("1.234,5", "de", "1234.5"), ("7.18", "en", "7.18"), ("2,5", "es", "2.5"),
    ("12673.8", "zh", "12673.8"), ("-1.5", "en", "-1.5"),
])
def test_digits_follow_each_languages_marks(text: str, lang: str, expected: str) -> None:
    assert parse_digits(text, lang) == Decimal(expected)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Forty-two", "en", 42), ("two hundred and five", "en", 205),
    ("quatre-vingt-dix-sept", "fr", 97), ("soixante et onze", "fr", 71),
    ("siebenundfünfzig", "de", 57), ("zweihundertelf", "de", 211),
    ("cuarenta y ocho", "es", 48), ("sessenta e quatro", "pt", 64), ("duas", "pt", 2),
])
def test_number_words(text: str, lang: str, expected: int) -> None:
    assert parse_words(text, lang) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("七", 7), ("十二", 12), ("两", 2), ("三百零五", 305), ("四千万", 40_000_000),
    ("一万亿", 10**12), ("二十三亿", 2_300_000_000),
])
def test_chinese_numerals(text: str, expected: int) -> None:
    assert parse_chinese(text) == expected


def test_plain_decimal_has_no_exponent_or_trailing_zero() -> None:
    assert plain(Decimal("6.0")) == "6"
    assert plain(Decimal("4.7E+11")) == "470000000000"
    assert plain(Decimal("-1.50")) == "-1.5"
