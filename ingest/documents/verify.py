"""`yrd verify FILE...`: check a press release or communiqué against the warehouse.

For every figure of the files: the place, indicator and period the extractor read; the
warehouse's current official value of the same series (marts.fct_current_values, any source
but press and news), with its source and vintage; and a verdict, by the rule of
marts.figure_reconciliation:
- consistent: the official value satisfies the statement given its qualifier (more than, at
  least, about: 3%) and the rounding of the stated number (half a unit of its last digit);
- conflict: it does not (the difference is given, absolute and relative);
- no_official_figure: the warehouse has no value for that series;
- not_checked: the figure cannot be compared (a target or forecast, no place, a currency
  restatement), with the reason.
The warehouse is opened read-only through yrd.connect().
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

import regex

from ingest.documents.model import Figure

APPROX = Decimal("0.03")  # "about": 3%, as in marts.figure_reconciliation
_NUMBER = regex.compile(r"\d[\d.,\u00a0\u202f ]*\d|\d")
_THOUSANDS = regex.compile(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+")


@dataclass
class Verdict:
    doc: str
    quote: str
    start: int
    value: str
    unit: str
    place_code: str
    geo: str
    indicator: str
    sector: str
    growth_of: str
    period: str
    kind: str
    qualifier: str
    official_value: str = ""
    official_source: str = ""
    official_source_ref: str = ""
    official_vintage: str = ""
    difference: str = ""
    relative_difference: str = ""
    verdict: str = ""
    reason: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def stated_number(quote: str) -> str:
    """The first number of the quote with its decimal mark made a point, as
    int_document_observations reads it ("474,81 milliards" → 474.81, "300 000" → 300000)."""
    m = _NUMBER.search(quote)
    if m is None:
        return ""
    token = m.group()
    if _THOUSANDS.fullmatch(token):
        return regex.sub(r"[,.\u00a0\u202f ]", "", token)
    return regex.sub(r"[\u00a0\u202f ]", "", token).replace(",", ".")


def rounding_tolerance(quote: str, value: Decimal) -> Decimal:
    """Half a unit of the stated number's last digit, in the base unit (the dbt macro
    rounding_half_unit): 4748.06亿元 is right within ±0.005亿元."""
    number = stated_number(quote)
    try:
        stated = Decimal(number)
    except ArithmeticError:
        return Decimal(0)
    if stated == 0:
        return Decimal(0)
    decimals = len(number.split(".", 1)[1]) if "." in number else 0
    return Decimal("0.5") * Decimal(10) ** -decimals * abs(value) / abs(stated)


def judge(qualifier: str, stated: Decimal, official: Decimal, tolerance: Decimal) -> bool:
    if qualifier == "gt":
        return official > stated
    if qualifier == "gte":
        return official >= stated
    if qualifier == "lt":
        return official < stated
    if qualifier == "lte":
        return official <= stated
    if qualifier == "approx":
        return abs(official - stated) <= max(APPROX * abs(stated), tolerance)
    return abs(official - stated) <= tolerance + Decimal("1e-9") * abs(stated)


_SERIES = """
    select value, source_type, source_ref, vintage
    from marts.fct_current_values
    where place_code = ? and indicator = ? and sector = ? and subject = ? and growth_of = ?
        and unit = ? and period = ? and source_type <> 'document'
"""


def verify_figures(con, figures: list[Figure]) -> list[Verdict]:
    out = []
    for f in figures:
        v = Verdict(f.doc, f.quote, f.start, f.value, f.unit, f.place_code, f.geo, f.indicator,
                    f.sector, f.growth_of, f.period, f.kind, f.qualifier)
        reason = _not_checkable(f)
        if reason:
            v.verdict, v.reason = "not_checked", reason
            out.append(v)
            continue
        row = con.execute(_SERIES, [f.place_code, f.indicator, f.sector, f.subject, f.growth_of,
                                    f.unit, f.period]).fetchone()
        if row is None:
            v.verdict = "no_official_figure"
            v.reason = (f"the warehouse has no official {f.indicator} for {f.geo or f.place_code}"
                        f" in {f.period} ({f.unit})")
            out.append(v)
            continue
        official = Decimal(str(row[0]))
        stated = Decimal(f.value)
        v.official_value = _plain(official)
        v.official_source, v.official_source_ref, v.official_vintage = row[1], row[2], row[3]
        diff = stated - official
        v.difference = _plain(diff)
        v.relative_difference = f"{diff / official:.4f}" if official else ""
        if judge(f.qualifier, stated, official, rounding_tolerance(f.quote, stated)):
            v.verdict = "consistent"
            v.reason = _agree_reason(f.qualifier)
        else:
            v.verdict = "conflict"
            v.reason = (f"stated {f.value} ({f.qualifier}) against official {v.official_value}:"
                        f" off by {v.difference} {f.unit}")
        out.append(v)
    return out


def _not_checkable(f: Figure) -> str:
    if f.kind != "actual":
        return f"a {f.kind}, not an outcome"
    if f.conversion:
        return "restates another figure in a second currency"
    if not f.place_code:
        return "no place could be settled" + (f" ({f.flags})" if f.flags else "")
    if not f.period:
        return "no period could be settled"
    return ""


def _agree_reason(qualifier: str) -> str:
    return {"gt": "official value is above the stated floor",
            "gte": "official value is at least the stated figure",
            "lt": "official value is below the stated ceiling",
            "lte": "official value is at most the stated figure",
            "approx": "within 3% of the stated approximate figure"}.get(
                qualifier, "equal within the rounding of the stated number")


def _plain(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s if "." not in s else s.rstrip("0").rstrip(".")
