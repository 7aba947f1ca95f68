"""CSMAR "China Regional Economy" yearbook tables (re-keyed China City Statistical Yearbook).

Files are loaded exactly as exported; units are declared in seeds/yearbook_fields.csv and
applied in staging. Rules here only reject what cannot be a figure at all: a field that
seeds/yearbook_fields.csv maps to an indicator must lie inside that indicator's bounds
(seeds/indicators.csv), in the field's unit.
"""

from __future__ import annotations

from pathlib import Path

from ingest.load import (
    Resource,
    Rule,
    at_most,
    known_place,
    lit,
    non_negative,
    numeric,
    place_in_province,
    required,
    within_bounds,
    year_in_range,
)


def field_bounds(table: str, *fields: str) -> list[Rule]:
    """Each field inside the bounds of the indicator it measures, in its declared unit."""
    def of(col: str, field: str) -> str:
        return (f"(select {col} from _yearbook_fields where source_table = {lit(table)} "
                f"and field = {lit(field)})")
    return [within_bounds(f, of("indicator", f), of("unit", f), name=f) for f in fields]


_KEYS = ("Sgnyea", "Ctnm_en", "Ctnm_id", "Cttyp_en", "Prvcnm_id", "Prvcnm_en")

GDP_VALUES = ("Gdpct01", "Gdpct02", "Gdpct03", "Gdpct04", "GDP_PerCapita", "GDPYoY",
              "GDP_PrimInd", "GDP_SecInd", "GDP_TerInd")


POP_VALUES = ("Eect01", "Eect02", "Eect03", "Eect04", "Eect05", "Eect06", "Eect08", "Eect09",
              "Eect10", "Eect11", "Eect12", "Eect13")

city_gdp = Resource(
    name="yearbook_city_gdp",
    table="raw.yearbook_city_gdp",
    path=Path("yearbook/city_gdp.csv"),
    columns=(*_KEYS, *GDP_VALUES),
    key=("Sgnyea", "Ctnm_id"),
    rules=(
        *required("Sgnyea", "Ctnm_id"),
        year_in_range("Sgnyea"),
        known_place("Ctnm_id"),
        known_place("Prvcnm_id"),
        place_in_province("Ctnm_id", "Prvcnm_id"),
        *numeric(*GDP_VALUES),
        *field_bounds("city_gdp", *GDP_VALUES),
        *non_negative("Gdpct02", "Gdpct03", "Gdpct04"),  # shares: not bounded as levels
        at_most("Gdpct02", 100, "a share above 100%"),
        at_most("Gdpct03", 100, "a share above 100%"),
        at_most("Gdpct04", 100, "a share above 100%"),
    ),
    description="City GDP, sector value added and shares, per-capita GDP, real growth.",
)

city_population_employment = Resource(
    name="yearbook_city_population_employment",
    table="raw.yearbook_city_population_employment",
    path=Path("yearbook/city_population_employment.csv"),
    columns=(*_KEYS, *POP_VALUES),
    key=("Sgnyea", "Ctnm_id"),
    rules=(
        *required("Sgnyea", "Ctnm_id"),
        year_in_range("Sgnyea"),
        known_place("Ctnm_id"),
        known_place("Prvcnm_id"),
        place_in_province("Ctnm_id", "Prvcnm_id"),
        *numeric(*POP_VALUES),
        *field_bounds("city_population_employment", "Eect01"),
        # Fields without an indicator in yearbook_fields (employment, wages) are counts
        # and amounts: never negative (Eect03 is a change).
        *non_negative(*(c for c in POP_VALUES if c not in ("Eect01", "Eect03"))),
    ),
    description="Year-end registered population, employment and wages by city.",
)

province_cpi = Resource(
    name="yearbook_province_cpi",
    table="raw.yearbook_province_cpi",
    path=Path("yearbook/province_cpi.csv"),
    columns=("Sgnyea", "Prvcnm_id", "Prvcnm_en", "Pi0101"),
    key=("Sgnyea", "Prvcnm_id"),
    rules=(
        *required("Sgnyea", "Prvcnm_id"),
        year_in_range("Sgnyea"),
        known_place("Prvcnm_id"),
        *numeric("Pi0101"),
        *field_bounds("province_cpi", "Pi0101"),
    ),
    description="Provincial consumer price index, previous year = 100.",
)

RESOURCES = [city_gdp, city_population_employment, province_cpi]
