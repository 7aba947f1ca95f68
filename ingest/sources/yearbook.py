"""CSMAR "China Regional Economy" yearbook tables (re-keyed China City Statistical Yearbook).

Files are loaded exactly as exported; units are declared in seeds/yearbook_fields.csv and
applied in staging. Rules here only reject what cannot be a figure at all.
"""

from __future__ import annotations

from pathlib import Path

from ingest.load import (
    Resource,
    at_most,
    known_place,
    non_negative,
    numeric,
    required,
    year_in_range,
)

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
        *numeric(*GDP_VALUES),
        *non_negative(*(c for c in GDP_VALUES if c != "GDPYoY")),
        # 亿元: China's whole GDP is about 1.3 million 亿元; no city can exceed it.
        at_most("Gdpct01", 1_000_000, "above China's GDP in 亿元"),
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
        *numeric(*POP_VALUES),
        *non_negative(*(c for c in POP_VALUES if c != "Eect03")),
        # 万人: 10,000 万人 is 100 million people, more than any province here.
        at_most("Eect01", 10_000, "above 100 million people"),
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
        *non_negative("Pi0101"),
        at_most("Pi0101", 300, "prices cannot triple in a year here"),
    ),
    description="Provincial consumer price index, previous year = 100.",
)

RESOURCES = [city_gdp, city_population_employment, province_cpi]
