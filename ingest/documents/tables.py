"""Tables of places written as text: one line per place, its figures after it, under a heading
that says what they measure ("2022 GDP of the 16 cities:", then "Hefei 12013.1 3.5%").

Each row's figures take the row's place (geo does that: the place next to the figure). What
the table adds is the columns: a bare number in a row measures the heading's indicator, and a
percentage beside a level is that level's growth rate. A bare number has no unit word; Chinese
statistics give city aggregates in 亿元 (1e8 yuan), so that is its unit unless the heading
names another, and the figure says so with the flag `unit_inferred`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ingest.documents.scan import Candidate
from ingest.documents.vocab import UnitEntry

_ROW = regex.compile(r"^[ \t]*(?P<name>[^\d\n]{2,40}?)[ \t]+(?P<cells>-?\d[\d.,]*%?"
                     r"(?:[ \t]+-?\d[\d.,]*%?){0,3})[ \t]*$", regex.M)
_CELL = regex.compile(r"-?\d[\d.,]*%?")
_HEADING_SCALE = (
    (regex.compile(r"万亿元|trillion yuan", regex.I), Decimal(10) ** 12),
    (regex.compile(r"亿元|100 million yuan|hundred million yuan", regex.I), Decimal(10) ** 8),
    (regex.compile(r"billion yuan|milliards de yuans|Milliarden Yuan", regex.I),
     Decimal(10) ** 9),
    (regex.compile(r"万元|10,?000 yuan", regex.I), Decimal(10) ** 4),
)
_MONEY_INDICATORS = frozenset({"gdp", "value_added", "budget_revenue", "retail_sales", "trade",
                               "exports", "imports", "investment", "industrial_output"})
MIN_ROWS = 3


@dataclass(frozen=True)
class Table:
    heading: tuple[int, int]
    indicator: str  # what the level column measures
    rows: tuple[tuple[int, int], ...]


def find_tables(text: str, place_starts: set[int],
                terms: list[tuple[int, int, str]]) -> list[Table]:
    """Runs of at least MIN_ROWS lines that begin with a place and hold only numbers after it."""
    line_starts = [p for p in place_starts if p == 0 or text[p - 1] in "\n \t"]
    if len(line_starts) < MIN_ROWS:
        return []  # most texts: no three lines begin with a place, no table to look for
    rows = []
    for p in sorted(line_starts):
        ls = text.rfind("\n", 0, p) + 1
        if text[ls:p].strip():
            continue
        m = _ROW.match(text, ls)
        if m is not None and m.start("name") == p:
            rows.append(m)
    out: list[Table] = []
    run: list[regex.Match[str]] = []
    for m in [*rows, None]:  # type: ignore[list-item]
        if m is not None and run and text[run[-1].end():m.start()].strip() == "":
            run.append(m)
            continue
        if len(run) >= MIN_ROWS:
            out.append(_table(text, run, terms))
        run = [m] if m is not None else []
    return [t for t in out if t.indicator]


def _table(text: str, run: list[regex.Match[str]], terms) -> Table:
    first = run[0].start()
    head_end = len(text[:first].rstrip())
    head_start = text.rfind("\n", 0, head_end) + 1
    found = [code for ts, _te, code in terms if head_start <= ts < head_end]
    indicator = "gdp" if "gdp_growth" in found else (found[0] if found else "")
    return Table((head_start, head_end), indicator, tuple((m.start(), m.end()) for m in run))


def table_cells(text: str, tables: list[Table], taken: list[Candidate]) -> list[Candidate]:
    """Candidates for the bare numbers of table rows (the scanner skips numbers without units)."""
    covered = {(c.num_start, c.num_end) for c in taken}
    out: list[Candidate] = []
    for t in tables:
        if t.indicator not in _MONEY_INDICATORS:
            continue
        heading = text[t.heading[0]:t.heading[1]]
        scale, inferred = Decimal(10) ** 8, True
        for rx, mult in _HEADING_SCALE:
            if rx.search(heading):
                scale, inferred = mult, False
                break
        for rs, re_ in t.rows:
            m = _ROW.match(text, rs, re_)
            if m is None:
                continue
            for cell in _CELL.finditer(text, m.start("cells"), m.end("cells")):
                s, e = cell.span()
                if cell.group().endswith("%") or (s, e) in covered:
                    continue
                value = Decimal(cell.group().replace(",", ""))
                entry = UnitEntry("", "", "scale", "", scale)
                out.append(Candidate(s, e, s, e, value, unit="CNY", scales=[entry],
                                     flags=["unit_inferred"] if inferred else []))
                break  # the first bare number is the level; later ones are other columns
    return out


def cell_of(tables: list[Table], pos: int) -> Table | None:
    for t in tables:
        if t.rows[0][0] <= pos < t.rows[-1][1]:
            return t
    return None
