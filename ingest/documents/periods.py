"""Periods stated in a text ("in 2021", "2023年1-7月", "by 2025", "first 11 months of 2023",
"since the beginning of this year", the 14th Five-Year Plan) and the choice of one for a
figure, following the conventions of LABELS.md."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from ingest.documents.numbers import parse_chinese, parse_words
from ingest.documents.period_patterns import CJK_RE, LATIN_RE, MONTHS, TRIGGERS

_PARTS = {(1, 3): "Q1", (1, 6): "H1", (1, 9): "Q1..Q3", (7, 12): "H2"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # in | by | span | fyp | month | ytd | part
    first: int | None  # year (None: the year comes from the context)
    last: int | None = None  # last year of a span
    months: tuple[int, int] | None = None
    part: str = ""  # H1, H2, Q1, Q1..Q3
    bare: bool = False  # a year standing alone: dropped where it is itself a figure's number

    def render(self, year: int | None) -> str:
        y = self.first if self.first is not None else year
        if y is None:
            return ""
        if self.kind in ("span", "fyp") and self.last is not None:
            return f"{y}..{self.last}"
        if self.part:
            return f"{y}-{self.part}"
        if self.months is not None:
            a, b = self.months
            if (a, b) in _PARTS:  # January to June is the first half: one name per period
                return f"{y}-{_PARTS[(a, b)]}"
            return f"{y}-{a:02d}" if a == b else f"{y}-{a:02d}..{b:02d}"
        return str(y)

    @property
    def single(self) -> bool:
        return self.kind not in ("span", "fyp")


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    for lang in ("en", "fr", "de", "es", "pt"):
        v = parse_words(word, lang)
        if v:
            return v
    return parse_chinese(word)


def _fyp_start(n: int) -> int:
    return 1981 + 5 * (n - 6)




def _in_title(text: str, pos: int) -> bool:
    """Inside 《...》: a year there names a plan or a report, it is not a period."""
    left = text.rfind("《", max(0, pos - 60), pos)
    return left >= 0 and text.find("》", left, pos) < 0


def _windows(starts: list[int], before: int, after: int, size: int) -> list[tuple[int, int]]:
    """Merged [start - before, start + after) ranges, clipped to the text."""
    out: list[tuple[int, int]] = []
    for p in sorted(starts):
        a, b = max(0, p - before), min(size, p + after)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _trigger_hits(low: str, words: tuple[str, ...]) -> list[int]:
    hits = []
    for w in words:
        i = low.find(w)
        while i >= 0:
            hits.append(i)
            i = low.find(w, i + 1)
    return hits


_YEAR_ANCHORED = frozenset({"month", "span", "by", "in", "bare"})
_YEAR_HIT = re.compile(r"(?:19|20)\d\d")


def find_mentions(text: str, lang: str, doc_year: int | None,
                  doc_month: int | None) -> list[Mention]:
    """Every period phrase of the text. Latin patterns run only near what they need (a year
    number, or one of their key words), which keeps the cost proportional to the dates of a
    text rather than to its length."""
    lo, hi = (doc_year - 6, doc_year + 15) if doc_year else (1990, 2100)
    # A year written as a time phrase ("in 1978", 1978年) may reach back to the founding of the
    # People's Republic (retrospectives); a year standing alone must be near the document's.
    lo_said, hi_said = 1949, (doc_year + 30 if doc_year else 2100)

    def ok(y: int | None, bare: bool = True) -> bool:
        if not bare:
            return y is None or lo_said <= y <= hi_said
        return y is None or lo <= y <= hi

    out: list[Mention] = []
    taken = bytearray(len(text) + 1)

    def add(m: Mention) -> None:
        if any(taken[m.start:m.end]):
            return
        if not ok(m.first, m.bare) or not ok(m.last, m.bare):
            return
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        out.append(m)

    cjk = lang in ("zh", "ja")
    low = text.lower() if not cjk else text
    n = len(text)
    windowed = not cjk and len(low) == n
    year_windows = _windows([m.start() for m in _YEAR_HIT.finditer(text)], 90, 25, n) \
        if windowed else [(0, n)]
    for rx, kind in (CJK_RE if cjk else LATIN_RE):
        triggers = TRIGGERS.get(kind) if not cjk else None
        if not windowed:
            if triggers and not any(t in low for t in triggers):
                continue  # cheap skip: the pattern's key words are absent
            spans = [(0, n)]
        elif kind in _YEAR_ANCHORED:
            spans = year_windows
        elif triggers:
            spans = _windows(_trigger_hits(low, triggers), 60, 80, n)
        else:
            spans = [(0, n)]
        for ws, we in spans:
            for m in rx.finditer(text, ws, we):
                if cjk and _in_title(text, m.start()):
                    continue
                pre = m.start() + _LEAD.match(m.group()).end()  # before "of 2022": "that "
                if kind not in ("span", "fyp", "ytd") and _compared(text, pre, cjk):
                    continue  # "52 Prozent mehr als 2022", 比上半年: the base of a comparison
                mention = _build(m, kind, doc_year, doc_month)
                if mention is not None:
                    add(mention)
    out.sort(key=lambda x: x.start)
    return out


_LEAD = regex.compile(r"(?:(?:of|in|from)\s+)?")
# End-anchored tests run in reverse (regex.REVERSE): they start at the end of the window.
_CJK_COMPARED = regex.compile(r"(?:比|较|較|低于|高于|快于|慢于)\s*(?:[^，。；,;]{1,8}、\s*)?$",
                              regex.REVERSE)
_COMPARED = regex.compile(
    r"(?<![\p{L}])(?:than|over|compared (?:with|to)|versus|vs\.?|que|qu'en|par rapport à|"
    r"(?:that|those) of(?: the)?|the same as|"
    r"als|gegenüber|im Vergleich zu|frente a|respecto a|em relação a|comparado com|"
    r"en comparación con)\s+(?:in\s+|en\s+|em\s+|im Jahr\s+|el año\s+|o ano\s+)?$",
    regex.I | regex.REVERSE)
_OF_THIS_YEAR = regex.compile(r"(?:this year|cette année|l'année en cours|dieses Jahres|"
                              r"laufenden Jahres|este año|este ano)$", regex.I)


def _compared(text: str, pos: int, cjk: bool) -> bool:
    if cjk:
        return _CJK_COMPARED.search(text, max(0, pos - 12), pos) is not None
    return _COMPARED.search(text, max(0, pos - 30), pos) is not None


def _year(s: str | None) -> int | None:
    return int(s) if s else None


def _build(m: regex.Match[str], kind: str, doc_year: int | None,
           doc_month: int | None) -> Mention | None:
    g = [x for x in m.groups()]
    s, e = m.start(), m.end()
    if kind == "fyp":
        n = int(g[0])
        return Mention(s, e, "fyp", _fyp_start(n), _fyp_start(n) + 4) if n >= 6 else None
    if kind == "fyp_cn":
        n = {"十三五": 13, "十四五": 14, "十五五": 15, "十六五": 16}.get(m.group())
        return Mention(s, e, "fyp", _fyp_start(n), _fyp_start(n) + 4) if n else None
    if kind == "ytd":
        if doc_year is None or doc_month is None:
            return Mention(s, e, "in", doc_year)
        return Mention(s, e, "ytd", doc_year, months=(1, doc_month))
    if kind in ("months", "months_y"):
        year = _year(g[0]) if kind == "months_y" else None
        words = [x for x in (g[1:] if kind == "months_y" else g) if (x and not x.isdigit())
                 or (x and len(x) <= 2)]
        n = _count(words[0]) if words else None
        if kind == "months" and len(g) > 1 and g[-1] and len(g[-1]) == 4:
            year = int(g[-1])
        elif year is None and _OF_THIS_YEAR.search(m.group()):
            year = doc_year
        if not n or n > 12:
            return None
        return Mention(s, e, "month", year, months=(1, n))
    if kind in ("half", "half_y"):
        year = _year(g[0]) if kind == "half_y" else next(
            (int(x) for x in g if x and x.isdigit() and len(x) == 4), None)
        word = next((x for x in (g[1:] if kind == "half_y" else g) if x and not x.isdigit()), "")
        second = word.lower() in ("second", "zweiten", "segundo", "下")
        return Mention(s, e, "part", year, part="H2" if second else "H1")
    if kind in ("q3", "q3_y"):
        year = next((int(x) for x in g if x and len(x) == 4), None)
        return Mention(s, e, "part", year, part="Q1..Q3")
    if kind in ("quarter", "quarter_y"):
        q = next((x for x in g if x and len(x) != 4), "first")
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "一": 1, "二": 2, "三": 3,
             "四": 4}.get(q.lower(), int(q) if q.isdigit() else 1)
        year = next((int(x) for x in g if x and len(x) == 4), None)
        return Mention(s, e, "part", year, part=f"Q{n}")
    if kind == "month":
        if g[0] and g[0].isdigit() and len(g[0]) == 4:  # 2023年12月
            month = int(g[1])
            return Mention(s, e, "month", int(g[0]), months=(month, month)) if 1 <= month <= 12 \
                else None
        month = MONTHS.get(g[0].lower())
        return Mention(s, e, "month", int(g[1]), months=(month, month)) if month else None
    if kind == "by":
        return Mention(s, e, "by", int(next(x for x in g if x)))
    if kind == "span":
        a, b = int(g[0]), int(g[1])
        return Mention(s, e, "span", a, b) if a < b <= a + 15 else None
    if kind in ("in", "bare"):
        return Mention(s, e, "in", int(next(x for x in g if x)), bare=kind == "bare")
    if kind == "mspan":
        a, b = MONTHS.get(g[0].lower()), MONTHS.get(g[1].lower())
        if not a or not b or a >= b:
            return None
        return Mention(s, e, "month", _year(g[2]), months=(a, b))
    if kind == "last":
        return Mention(s, e, "in", doc_year - 1) if doc_year else None
    if kind == "this":
        return Mention(s, e, "in", doc_year) if doc_year else None
    if kind == "fullyear":  # 全年: the whole of the year in context (the frame's, or one stated)
        return Mention(s, e, "in", None)
    return None


_CONSECUTIVE = regex.compile(r"连续\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*个\s*月")


def consecutive_months(clause_left: str) -> int | None:
    """'连续16个月' before a figure: the period is the run of months ending at the base."""
    found = _CONSECUTIVE.findall(clause_left)
    return _count(found[-1]) if found else None


def months_back(period: str, n: int) -> str:
    """A period ending at the end of `period` (a year or a month), n months long."""
    mm = regex.fullmatch(r"(\d{4})(?:-(\d\d))?", period)
    if not mm:
        return period
    year, month = int(mm.group(1)), int(mm.group(2) or 12)
    end = year * 12 + month - 1
    start = end - n + 1
    sy, sm = divmod(start, 12)
    if sy == year:
        return f"{year}-{sm + 1:02d}..{month:02d}"
    return f"{sy}-{sm + 1:02d}..{year}-{month:02d}"
