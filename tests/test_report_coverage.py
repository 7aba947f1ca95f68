"""`yrd report` for a year in which not all 41 cities report: ranks and shares among the
reporting cities, with their count, never "the 41 cities"; and the coverage chart."""

from __future__ import annotations

import re
from collections.abc import Iterator

import duckdb
import pytest

from yrd.desk.readonly import connect
from yrd.desk.report import ReportOptions, render_report


@pytest.fixture(scope="module")
def con(built_warehouse: object) -> Iterator[duckdb.DuckDBPyConnection]:
    c = connect(built_warehouse.warehouse)  # type: ignore[attr-defined]
    yield c
    c.close()


def _reporting(con: duckdb.DuckDBPyConnection, year: int) -> int:
    return con.execute("select count(*) from marts.city_comparison "
                       "where comparison_group = 'city' and year = ?", [year]).fetchone()[0]


def test_a_partial_year_is_ranked_among_the_reporting_cities(
        con: duckdb.DuckDBPyConnection) -> None:
    n = _reporting(con, 2023)
    assert 1 < n < 41
    html = render_report(con, ReportOptions(year=2023, lang="en"))
    assert "GDP ranking of the 41 YRD cities" not in html
    assert "GDP of the 41 cities" not in html
    assert f"GDP ranking of the {n} YRD cities reporting (of 41), 2023" in html
    assert f"among these {n} reporting cities" in html
    ranking = html[html.index('id="ranking"'):html.index('id="coverage"')]
    assert len(re.findall(r'<rect class="bar"', ranking)) == n
    zh = render_report(con, ReportOptions(year=2023, lang="zh"))
    assert "长三角41城地区生产总值排名" not in zh and f"有数据的{n}个城市" in zh


def test_a_complete_year_still_speaks_of_the_41_cities(con: duckdb.DuckDBPyConnection) -> None:
    html = render_report(con, ReportOptions(year=2021, lang="en"))
    assert "GDP ranking of the 41 YRD cities, 2021" in html


def test_coverage_chart_has_a_cell_per_city_year_with_gdp(con: duckdb.DuckDBPyConnection) -> None:
    expected = con.execute("""
        select count(*) from marts.coverage as c
        inner join marts.dim_place as p on c.place_code = p.place_code
        where p.comparison_group = 'city' and p.is_current and c.indicator = 'gdp'
            and c.unit = 'CNY' and c.growth_of = '' and c.sector = ''""").fetchone()[0]
    html = render_report(con, ReportOptions(year=2023, lang="en"))
    coverage = html[html.index('id="coverage"'):]
    coverage = coverage[:coverage.index("</section>")]
    assert '<svg class="chart chart-grid"' in coverage
    assert len(re.findall(r'<rect class="cell"', coverage)) == expected > 41 * 30
    assert "final verified" in coverage and "preliminary" in coverage
