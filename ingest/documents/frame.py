"""The document frame: the period a document is about, from its title and date, which its
figures take until the text states another one.

A title states the period outright ("2024年宁波市国民经济和社会发展统计公报", "Anhui's 16
cities' 2022 GDP data", "GDP growth in H1"). Without one, the date decides: annual results
are published in the first quarter of the next year (work reports in January, communiqués in
March), so a text dated January to March that reports a whole year or the past year
(全年, 去年, 过去的一年, "last year", "the past year") is about the previous year.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ingest.documents.periods import Mention, find_mentions
from ingest.documents.textnorm import normalise, to_simplified

# Half-year and quarter abbreviations of headlines ("in H1", "Q3 GDP").
_ABBREV = regex.compile(r"(?<![\p{L}\d])(?:(H)([12])|(Q)([1-4]))(?![\p{L}\d])")
_WHOLE_YEAR = regex.compile(
    r"全年|去年|过去(?:的)?一年|一年来|(?<![\p{L}])(?:last year|(?:the )?past year|whole year|"
    r"full year|l'année dernière|l'an dernier|im vergangenen Jahr|el año pasado|"
    r"no ano passado|o ano passado)(?![\p{L}])", regex.I)
# A title can only state a period with a digit or a word for a part of a year.
_MAY_DATE = regex.compile(r"\d|[半季年]|half|semest|halbjahr|quart|trimest|year|ann[ée]e|"
                          r"jahr|año|ano", regex.I)
RESULTS_SEASON = 3  # last month in which annual results of the previous year come out


@dataclass(frozen=True)
class Frame:
    period: Mention | None  # the document's own period, None when only its date is known
    year: int | None  # the year figures without a period take

    def render(self) -> str:
        if self.period is not None:
            return self.period.render(self.year)
        return str(self.year) if self.year else ""


def document_frame(title: str | None, body: str, lang: str, year: int | None,
                   month: int | None) -> Frame:
    if title and _MAY_DATE.search(title):
        t = normalise(title).text
        t = to_simplified(t) if lang in ("zh", "ja") else t
        for mt in find_mentions(t, lang, year, month):
            if mt.kind in ("in", "part", "month") and mt.first is not None:
                return Frame(mt, mt.first)
            if mt.kind == "part" and year is not None:  # "first half" in a July headline
                return Frame(mt, year)
        ab = _ABBREV.search(t)
        if ab and year is not None:
            part = f"H{ab.group(2)}" if ab.group(1) else f"Q{ab.group(4)}"
            return Frame(Mention(0, 0, "part", year, part=part), year)
    if year is not None and month is not None and month <= RESULTS_SEASON and \
            _WHOLE_YEAR.search(to_simplified(body) if lang in ("zh", "ja") else body):
        return Frame(None, year - 1)
    return Frame(None, year)


_FULL_YEAR = regex.compile(
    r"全年|(?<![\p{L}])(?:(?:the )?(?:whole|full|entire) year|l'ensemble de l'année|"
    r"(?:das )?(?:ganze|gesamte) Jahr|(?:todo )?el año completo|(?:o )?ano inteiro)(?![\p{L}])",
    regex.I)


def whole_year(text: str, start: int, end: int) -> bool:
    """The sentence speaks of a whole year (全年, "for the full year"), not of a part."""
    return _FULL_YEAR.search(text, start, end) is not None
