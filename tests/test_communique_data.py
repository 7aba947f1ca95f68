"""The communiqué figures 2020–2025 in the shipped build: the 2023 ranking, Shanghai's
2019 vintages, what was known of Kunshan on a date, and every wrong row of the new data
that another source gets right: flagged, with the right value current."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from yrd_testing import PROJECT, Built

SHARED = PROJECT.parent / "shared" / "data" / "communiques"
DATA_FILE = PROJECT / "data" / "communiques" / "communique_figures.csv"


def _rows(built: Built, sql: str) -> list[tuple]:
    con = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _current(built: Built, place: str, indicator: str, period: str, sector: str = "") -> tuple:
    (row,) = _rows(built, f"""
        select value / 1e8, source_type, vintage_status, quality_flags
        from marts.fct_current_values
        where place_code = '{place}' and indicator = '{indicator}' and sector = '{sector}'
            and period = '{period}' and unit = 'CNY' and growth_of = '' and subject = ''""")
    return row


def _flags(built: Built, source_ref_suffix: str) -> str:
    (row,) = _rows(built, f"select quality_flags from marts.fct_observations "
                          f"where source_ref like '%{source_ref_suffix}'")
    return row[0] or ""


def test_2023_ranking_has_25_cities_with_source_vintage_and_date(built_warehouse: Built) -> None:
    rows = _rows(built_warehouse, """
        select rank_label, gdp_source_ref, gdp_vintage_status, gdp_published_date
        from marts.city_comparison where year = 2023 and comparison_group = 'city'
        order by rank_among_reporting""")
    assert len(rows) >= 25
    assert all(ref and status and published for _, ref, status, published in rows)
    assert rows[0][0] == f"rank 1 of {len(rows)} reporting"


def test_years_after_the_yearbook_show_every_city_with_data(built_warehouse: Built) -> None:
    for year in (2022, 2024):
        ranked = _rows(built_warehouse, f"select count(*) from marts.city_comparison "
                                        f"where year = {year} and comparison_group = 'city'")[0][0]
        with_gdp = _rows(built_warehouse, f"""
            select count(distinct c.place_code) from marts.fct_current_values as c
            inner join marts.dim_place as p on c.place_code = p.place_code
            where p.comparison_group = 'city' and c.indicator = 'gdp' and c.unit = 'CNY'
                and c.growth_of = '' and c.sector = '' and c.period = '{year}'
                and c.qualifier in ('eq', 'approx')""")[0][0]
        assert ranked == with_gdp > 1


def test_shanghai_2019_gdp_is_the_final_verified_figure(built_warehouse: Built) -> None:
    value, _source, status, flags = _current(built_warehouse, "310000", "gdp", "2019")
    assert (round(value, 2), status, flags) == (37987.55, "final", None)
    revisions = _rows(built_warehouse, """
        select round(from_value / 1e8, 2), round(to_value / 1e8, 2), to_vintage_status
        from marts.revisions where place_code = '310000' and indicator = 'gdp'
            and growth_of = '' and period = '2019' and unit = 'CNY'""")
    assert revisions == [(38155.32, 37987.55, "final")]


def test_a_unit_slip_is_a_correction_not_a_revision(built_warehouse: Built) -> None:
    revised = _rows(built_warehouse, "select count(*) from marts.revisions "
                                     "where abs(change_pct) > 1000")[0][0]
    assert revised == 0
    corrections = _rows(built_warehouse, "select place_code, period, corrected_unit "
                                         "from marts.documented_corrections order by 1, 2")
    assert ("310000", "2020", "亿元") in corrections


def test_kunshan_as_of_covers_every_year_with_the_communique_value(built_warehouse: Built) -> None:
    known = {p for (p,) in _rows(built_warehouse, """
        select distinct period from marts.fct_observations
        where place_code = '320583' and indicator = 'gdp' and unit = 'CNY' and growth_of = ''
            and sector = '' and kind = 'actual' and published_date <= date '2025-12-31'""")}
    as_of = dict(_rows(built_warehouse, """
        select period, round(value / 1e8, 2) from marts.observations_as_of(date '2025-12-31')
        where place_code = '320583' and indicator = 'gdp' and unit = 'CNY' and growth_of = ''
            and sector = '' and subject = ''"""))
    assert set(as_of) == known and len(known) >= 8
    assert as_of["2021"] == 4748.06


@pytest.mark.parametrize(("place", "indicator", "period", "sector", "wrong_ref", "flag",
                          "right_value"), [
    # a share read as an amount; the yearbook has the amount
    ("330100", "value_added", "2021", "secondary industry", "cc-0112",
     "share_stored_as_amount", 5488.62),
    # GDP from the wrong clause; the sector sum and the 2023 table agree on 4015.1
    ("330500", "gdp", "2023", "", "cc-0217", "gdp_disagrees_with_sector_sum", 4015.1),
    # two values for one city and year; the one matching the sector sum is current
    ("330100", "gdp", "2024", "", "cc-0136", "duplicate_value_in_source", 21860.0),
    # the yearbook disagrees with the parsed communiqué: the later vintage is current
    ("330300", "gdp", "2021", "", "cc-0332", "sources_disagree", 7585.02),
])
def test_wrong_rows_are_flagged_and_the_right_value_is_current(
        built_warehouse: Built, place: str, indicator: str, period: str, sector: str,
        wrong_ref: str, flag: str, right_value: float) -> None:
    assert flag in _flags(built_warehouse, wrong_ref)
    value, *_ = _current(built_warehouse, place, indicator, period, sector)
    assert round(value, 2) == right_value


def test_trade_in_us_dollars_is_flagged(built_warehouse: Built) -> None:
    flagged = {r[0] for r in _rows(built_warehouse, """
        select place_code || ' ' || period from intermediate.int_figure_checks
        where flag = 'usd_labelled_cny'""")}
    # Wuxi 2021 (1057 next to 7065 in 2023), Hefei 2021, Ma'anshan 2022, Bengbu 2022-2024.
    assert {"320200 2021", "340100 2021", "340500 2022", "340300 2022"} <= flagged


def test_census_break_is_listed_and_no_growth_comes_from_levels_across_it(
        built_warehouse: Built) -> None:
    breaks = _rows(built_warehouse, "select place_code from intermediate.int_census_base_breaks "
                                    "where indicator = 'gdp' and year = 2024")
    assert ("310000",) in breaks
    (flag,) = _rows(built_warehouse, "select census_break_before from marts.city_comparison "
                                     "where place_code = '310000' and year = 2024")
    assert flag == (True,)
    crossing = _rows(built_warehouse, "select achieved_growth_basis from marts.targets_vs_actuals "
                                      "where crosses_census_break")
    assert all(basis != "levels" for (basis,) in crossing)


def test_coverage_names_the_current_source_of_every_row(built_warehouse: Built) -> None:
    (total, without) = _rows(built_warehouse, """
        select count(*), count(*) filter (where current_source_type is null
            or current_vintage_status is null or current_published_date is null)
        from marts.coverage""")[0]
    assert total > 10000 and without == 0


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not available")
def test_data_file_copies_every_figure_and_no_quote() -> None:
    shipped = list(csv.DictReader(DATA_FILE.open(encoding="utf-8")))
    city = list(csv.DictReader((SHARED / "city_communique_figures_2021_2025.csv")
                               .open(encoding="utf-8")))
    secondary = list(csv.DictReader((SHARED / "secondary_tables_2020_2024.csv")
                                    .open(encoding="utf-8")))
    assert len(shipped) == len(city) + len(secondary)
    assert [r["value"] for r in shipped] == [r["value"] for r in city + secondary]
    text = DATA_FILE.read_text(encoding="utf-8")
    for row in secondary:
        assert row["quote_zh"].strip() not in text


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not available")
def test_data_file_is_up_to_date(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "scripts/ship_communique_figures.py", "--check"],
                          cwd=PROJECT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
