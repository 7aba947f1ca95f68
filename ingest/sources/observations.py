"""Statistics in long format: any number of CSV files in data/observations/.

An economist can drop a long table of statistics there, one row per place, indicator,
sector, period and vintage:

    place_code,indicator,sector,period,value,unit,vintage,published,source
    320583,gdp,,2023,5140.6,亿元,final,2024-03-20,Kunshan statistical communiqué 2023

Every file is one resource of the same declaration (table raw.observations, replaced per
file when its bytes change). The benchmark's synthetic panel comes in through this path.
"""

from __future__ import annotations

from pathlib import Path

from ingest.load import Resource, Rule, known_place, known_unit, numeric, q, required

COLUMNS = ("place_code", "indicator", "sector", "period", "value", "unit", "vintage",
           "published", "source")
KEY = ("place_code", "indicator", "sector", "period", "vintage")
FOLDER = Path("observations")
# Declared even when the folder is empty, so raw.observations always exists for dbt.
DEFAULT_FILE = FOLDER / "observations.csv"

_known_indicator = Rule(
    "known_indicator",
    f"not (trim({q('indicator')}) in (select indicator_code from _indicators))",
    "'unknown indicator: ' || coalesce(indicator, 'NULL') || ' (not in seeds/indicators.csv)'",
)

_period = Rule(
    "period",
    # A LABELS.md period starts with its year: 2021, 2023-H1, 2021..2025, 2023-01..07.
    "coalesce(try_cast(left(trim(period), 4) as integer) not between 1949 and "
    "year(current_date), true)",
    "'period does not start with a year 1949..this year: ' || coalesce(period, 'NULL')",
)

_published = Rule(
    "published_date",
    "not (published is null or trim(published) = '') and "
    "try_cast(trim(published) as date) is null and "
    "not regexp_full_match(trim(published), '\\d{4}-\\d{2}')",
    "'published is not a date (YYYY-MM-DD or YYYY-MM): ' || published",
)

RULES = (
    *required("place_code", "indicator", "period", "value", "unit", "vintage"),
    *numeric("value"),
    known_place("place_code"),
    known_unit("unit"),
    _known_indicator,
    _period,
    _published,
)


def resource(path: Path) -> Resource:
    return Resource(
        name="observations",
        table="raw.observations",
        path=path,
        columns=COLUMNS,
        key=KEY,
        rules=RULES,
        write_disposition="replace_file",
        description="Statistics in long format (place, indicator, sector, period, vintage).",
        optional=True,
    )


def resources(data_dir: Path) -> list[Resource]:
    """One resource per CSV file of data/observations/ (sorted, so loads are repeatable)."""
    files = sorted(p.relative_to(data_dir) for p in (data_dir / FOLDER).glob("*.csv"))
    return [resource(p) for p in files] or [resource(DEFAULT_FILE)]
