"""The vocabulary source modules use to declare what a row must be (rules run as SQL).

A `Rule` is one SQL condition over the columns of a file (all text, as written) and one
SQL expression for its reason. The loader (ingest.load) runs every rule over the whole
file at once; a row for which any rule's `bad_when` is true goes to `raw.quarantine`.

The rules can read the reference seeds, registered by `register_reference` as temp
tables named after the seed: `_places`, `_units`, `_indicators`, `_yearbook_fields`
(every column as text), and `_bounds` / `_unit_bounds` (bounds as numbers).

What the builders guarantee, so staging can cast without failing:
- `numeric`: the value is a plain decimal number (point as decimal mark, an optional
  exponent, a comma only as a thousands separator in groups of three: 4,748.5), finite
  and below 1e18 in magnitude. "4748,5", "12,34", "1_000", "NaN", "Inf", "1e309" are
  quarantined, never guessed.
- `integer`: a whole number of at most nine digits.
- `period`: a period of the labelling contract (2021, 2021..2025, 2023-07, 2023-01..07,
  2022-09..2023-12, 2023-H1, 2023-Q1..Q3) whose year lies in a range.
- `date`: a real calendar date, YYYY-MM-DD or YYYY-MM.
- `within_bounds`: the value, converted to the indicator's base unit through the units
  seed, lies inside the indicator's declared bounds (seeds/indicators.csv min_value,
  max_value, bounds_basis). A value outside them is impossible, not merely suspect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Rule:
    """A row is quarantined when `bad_when` (SQL over the file's columns) is true.

    `reason` is a SQL expression that builds the message, so it can quote the value.
    `reads` names every column of the row the two read, when the rule declares them: the
    loader may then check each distinct value of those columns once, not each row (a
    panel of millions of rows has a few dozen distinct units, periods or dates). A rule
    that does not declare them is checked row by row.
    """

    name: str
    bad_when: str
    reason: str
    # Not part of the repr: the repr fingerprints what a file was checked against, and
    # how the loader evaluates a rule does not change what the rule says.
    reads: tuple[str, ...] = field(default=(), repr=False)
    # For large batches: a query over `{rows}` (columns `_fid`, `_line` and the file's)
    # giving the `_fid, _line` of exactly the rows where `bad_when` is true, written so
    # that DuckDB does per distinct value what `bad_when` does per row (a lookup).
    failing_rows: str = field(default="", repr=False)


def q(ident: str) -> str:
    return '"' + ident.replace('"', '""') + '"'


def lit(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _blank(col: str) -> str:
    return f"({q(col)} is null or trim({q(col)}) = '')"


# A number as a statistics file writes it: digits, a comma only between groups of three,
# a point as the decimal mark, an optional exponent (spreadsheets write 5.1406E+03).
NUMBER_PATTERN = r"[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][+-]?\d+)?"
# Digits with separators that do not make a number of that form: "4748,5" (a decimal
# comma?), "12,34", "1_000", "1 000", "1'000", "1.234,5". Reading them means guessing.
AMBIGUOUS_PATTERN = r"[+-]?\d[\d,._ '" + "\u00a0\u202f" + r"]*\d"  # (no-break spaces)
MAX_MAGNITUDE = 1e18  # beyond any economic quantity here, and beyond the decimal type


def number(col: str) -> str:
    """SQL: the column as a double when it is a well-formed number, else null."""
    c = q(col)
    return (f"(case when regexp_full_match(trim({c}), {lit(NUMBER_PATTERN)}) "
            f"then try_cast(replace(trim({c}), ',', '') as double) end)")


def required(*cols: str) -> list[Rule]:
    return [Rule(f"required:{c}", _blank(c), f"'missing value in required column {c}'", (c,))
            for c in cols]


def numeric(*cols: str) -> list[Rule]:
    rules = []
    for c in cols:
        v, x = q(c), number(c)
        rules.append(Rule(
            f"numeric:{c}",
            f"not {_blank(c)} and coalesce(not isfinite({x}) or abs({x}) >= {MAX_MAGNITUDE:g}, "
            "true)",
            f"""case
                when lower(trim({v})) in ('nan', '+nan', '-nan', 'inf', '+inf', '-inf',
                    'infinity', '+infinity', '-infinity')
                    then 'not a finite number in {c}: ' || {v}
                when regexp_full_match(trim({v}), {lit(NUMBER_PATTERN)})
                    then 'number out of range in {c}: ' || {v}
                        || ' (not finite, or {MAX_MAGNITUDE:g} or more)'
                when regexp_full_match(trim({v}), {lit(AMBIGUOUS_PATTERN)})
                    then 'ambiguous number format in {c}: ' || {v}
                        || ' (the decimal mark is a point; a comma only separates thousands'
                        || ' in groups of three, as in 4,748.5; nothing else is guessed)'
                else 'text in numeric column {c}: ' || {v}
            end""",
            (c,),
        ))
    return rules


def integer(*cols: str) -> list[Rule]:
    return [
        Rule(f"integer:{c}",
             f"not {_blank(c)} and not regexp_full_match(trim({q(c)}), '[+-]?\\d{{1,9}}')",
             f"'not a whole number in {c}: ' || {q(c)}", (c,))
        for c in cols
    ]


def non_negative(*cols: str) -> list[Rule]:
    return [
        Rule(
            f"non_negative:{c}",
            f"{number(c)} < 0",
            f"'impossible negative value in {c}: ' || {q(c)}",
            (c,),
        )
        for c in cols
    ]


def at_most(col: str, limit: float, why: str) -> Rule:
    return Rule(
        f"at_most:{col}",
        f"{number(col)} > {limit}",
        f"'impossible value in {col}: ' || {q(col)} || {lit(' (' + why + ')')}",
        (col,),
    )


def year_in_range(col: str, first: int = 1949, last: int | None = None) -> Rule:
    """`last` defaults to this year (actuals); targets may look ahead."""
    last = last or datetime.now(UTC).year
    return Rule(
        f"year:{col}",
        f"coalesce(not regexp_full_match(trim({q(col)}), '\\d{{4}}') "
        f"or try_cast(trim({q(col)}) as integer) not between {first} and {last}, true)",
        f"'year out of range {first}..{last} in {col}: ' || coalesce({q(col)}, 'NULL')",
        (col,),
    )


_MONTH = "(0[1-9]|1[0-2])"
PERIOD_PATTERN = (rf"\d{{4}}(\.\.\d{{4}}|-{_MONTH}(\.\.({_MONTH}|\d{{4}}-{_MONTH}))?"
                  r"|-H[12]|-Q[1-4](\.\.Q[1-4])?)?")


def period(col: str, first: int = 1949, last: int | None = None) -> Rule:
    """A period of the labelling contract (../shared/corpus/LABELS.md), starting in a year
    between `first` and `last` (default: this year). Blank is left to `required`."""
    last = last or datetime.now(UTC).year
    v = q(col)
    return Rule(
        f"period:{col}",
        f"not {_blank(col)} and (not regexp_full_match(trim({v}), {lit(PERIOD_PATTERN)}) "
        f"or coalesce(try_cast(left(trim({v}), 4) as integer) not between {first} and {last}, "
        "true))",
        f"""case when regexp_full_match(trim({v}), {lit(PERIOD_PATTERN)})
            then 'period does not start with a year {first}..{last} in {col}: ' || {v}
            else 'malformed period in {col}: ' || {v} || ' (expected 2021, 2021..2025, '
                || '2023-07, 2023-01..07, 2023-H1 or 2023-Q1..Q3)' end""",
        (col,),
    )


def date(col: str) -> Rule:
    """A calendar date, YYYY-MM-DD or YYYY-MM (a month); blank is allowed."""
    v = q(col)
    ok = (f"(regexp_full_match(trim({v}), '\\d{{4}}-\\d{{2}}-\\d{{2}}') "
          f"and try_cast(trim({v}) as date) is not null) or "
          f"(regexp_full_match(trim({v}), '\\d{{4}}-\\d{{2}}') "
          f"and try_cast(trim({v}) || '-01' as date) is not null)")
    return Rule(f"date:{col}", f"not {_blank(col)} and not ({ok})",
                f"'{col} is not a date (YYYY-MM-DD or YYYY-MM): ' || {v}", (col,))


def known_place(col: str) -> Rule:
    return Rule(
        f"known_place:{col}",
        f"not {_blank(col)} and trim({q(col)}) not in (select place_code from _places)",
        f"'unknown place code in {col}: ' || {q(col)} || ' (not in seeds/places.csv)'",
        (col,),
    )


def place_in_province(place_col: str, province_col: str) -> Rule:
    """The place lies in the province the same row names (seeds/places.csv province_code):
    320500 with province 330000 is a mis-keyed row, and which code is wrong is a guess."""
    p, pr = q(place_col), q(province_col)
    of = (f"(select province_code from _places where place_code = trim({p}) "
          "and province_code is not null and province_code <> '')")
    return Rule(
        f"place_in_province:{place_col}",
        f"not {_blank(place_col)} and not {_blank(province_col)} "
        f"and {of} is not null and {of} <> trim({pr})",
        f"'place ' || {p} || ' lies in province ' || {of} || ', but {province_col} is ' || {pr}",
        (place_col, province_col),
    )


def known_unit(col: str) -> Rule:
    """A surface form of kind 'unit' in seeds/units.csv: the only kind to_base_value
    converts (a scale word or a currency alone, "Mrd." or "US$", would give no value)."""
    v = q(col)
    kinds = f"(select string_agg(distinct kind, '/') from _units where surface_form = trim({v}))"
    return Rule(
        f"known_unit:{col}",
        f"{_blank(col)} or trim({v}) not in (select surface_form from _units "
        "where kind = 'unit')",
        f"""'unknown unit in {col}: ' || coalesce({v}, 'NULL') || case
            when {kinds} is not null then ' (in seeds/units.csv only as a ' || {kinds}
                || ' word, not a unit: write the whole unit, e.g. 亿元 or billion yuan)'
            else ' (not in seeds/units.csv)' end""",
        (col,),
    )


def in_set(col: str, allowed: Sequence[str], allow_blank: bool = True) -> Rule:
    values = ", ".join(lit(v) for v in allowed)
    blank_ok = f"not {_blank(col)} and " if allow_blank else ""
    return Rule(
        f"in_set:{col}",
        f"{blank_ok}coalesce(trim({q(col)}), '') not in ({values})",
        f"'unexpected value in {col}: ' || coalesce({q(col)}, 'NULL')",
        (col,),
    )


def known_indicator(col: str) -> Rule:
    return Rule(
        f"known_indicator:{col}",
        f"not {_blank(col)} and trim({q(col)}) not in (select indicator_code from _indicators)",
        f"'unknown indicator: ' || coalesce({q(col)}, 'NULL') || ' (not in seeds/indicators.csv)'",
        (col,),
    )


def within_bounds(value_col: str, indicator: str, unit: str, name: str = "") -> Rule:
    """The value, in the indicator's base unit, inside the indicator's declared bounds.

    `indicator` and `unit` are SQL expressions (a column, or a literal for a yearbook
    field). Bounds apply only when the unit's base unit is the indicator's (a share in
    percent of a CNY indicator is not bounded here)."""
    x = number(value_col)

    def of(field: str) -> str:
        return f"(select {field} from _bounds where indicator_code = trim({indicator}))"

    base = (f"({x} * (select max(try_cast(u.multiplier as double)) from _units as u "
            f"where u.surface_form = trim({unit}) and u.kind = 'unit' "
            f"and u.base_unit = {of('base_unit')}))")
    lo, hi = of("min_value"), of("max_value")
    # The test itself reads `_unit_bounds` (the bounds with each unit's multiplier into
    # the indicator's base unit): one lookup per row instead of one per term. The
    # reason, built for failing rows only, spells the terms out.
    v = f"({x} * ub.multiplier)"
    # In a large batch, the lookup is done once per distinct (indicator, unit) as written,
    # and the rows are matched to it on those values: one join on short keys instead of a
    # subquery with two trims per row. Null keys match nothing, as in `bad_when`
    # (_unit_bounds has one row per indicator and surface form).
    failing_rows = f"""with keyed as (
            select _fid, _line, {x} as _x, {indicator} as _ind, {unit} as _unit from {{rows}}
        ),
        pairs as (
            select p._ind, p._unit, ub.multiplier, ub.min_value, ub.max_value
            from (select distinct _ind, _unit from keyed) as p
            inner join _unit_bounds as ub
                on ub.indicator_code = trim(p._ind) and ub.surface_form = trim(p._unit)
        )
        select k._fid, k._line from keyed as k
        inner join pairs as p on p._ind = k._ind and p._unit = k._unit
        where isfinite(k._x * p.multiplier)
            and (k._x * p.multiplier < p.min_value or k._x * p.multiplier > p.max_value)"""
    return Rule(
        f"within_bounds:{name or value_col}",
        f"coalesce((select isfinite({v}) and ({v} < ub.min_value or {v} > ub.max_value) "
        f"from _unit_bounds as ub where ub.indicator_code = trim({indicator}) "
        f"and ub.surface_form = trim({unit})), false)",
        f"'impossible value in {value_col} (' || trim({indicator}) || '): ' "
        f"|| {q(value_col)} || ' ' "
        f"|| trim({unit}) || ' = ' || format('{{:g}}', {base}) || ' ' || {of('base_unit')} "
        f"|| ', outside ' || coalesce(format('{{:g}}', {lo}), '') || '..' "
        f"|| coalesce(format('{{:g}}', {hi}), '')"
        f" || ' (' || {of('bounds_basis')} || '; seeds/indicators.csv)'",
        failing_rows=failing_rows,
    )
