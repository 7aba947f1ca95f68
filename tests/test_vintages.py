"""Vintages as ALFRED keeps them, on vintages of our own making: a long-format file with a
preliminary, a revised, a secondary compilation of unknown vintage and a final verified
figure of one series goes through a real build; the best current value, the as-of macro
and the revisions must follow the vintage rule."""

from __future__ import annotations

import duckdb
import pytest
from yrd_testing import Built, copy_data, isolated_env, run_yrd

# Taicang (320585) GDP 2018 and 2019 in vintages of our own (the shipped data has no
# figure of these years for Taicang). The compilation states no date: it is estimated as
# the end of 2020 (yearbook_edition rule), after the revised figure, before the final one.
VINTAGES = """place_code,indicator,sector,period,value,unit,vintage,published,source
320585,gdp,,2019,1410,亿元,preliminary,2020-02-01,test communiqué
320585,gdp,,2019,1420,亿元,revised,2020-09-30,test yearbook
320585,gdp,,2019,1430,亿元,compilation,,test compilation of unknown vintage
320585,gdp,,2019,1415,亿元,final,2021-01-15,test final verification
320585,gdp,,2018,1330,亿元,compilation,,test compilation of unknown vintage
320585,gdp,,2018,1320,亿元,final,2020-01-15,test final verification
"""

SERIES = ("place_code = '320585' and indicator = 'gdp' and unit = 'CNY' and growth_of = '' "
          "and sector = '' and subject = '' and period in ('2018', '2019')")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("vintages")
    data = copy_data(root / "data")
    (data / "observations" / "test_vintages.csv").write_text(VINTAGES, encoding="utf-8")
    env = isolated_env(root, data)
    proc = run_yrd(env, "build")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return Built(root, root / "build", root / "build" / "yrd.duckdb",
                 root / "warehouse" / "yrd.duckdb", data, env, proc.stdout)


def _rows(built: Built, sql: str, *params: object) -> list[tuple]:
    con = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_final_figure_is_current_even_when_a_compilation_is_dated_later(built: Built) -> None:
    rows = _rows(built, f"select period, value / 1e8, vintage_status from "
                        f"marts.fct_current_values where {SERIES} order by period")
    assert rows == [("2018", 1320.0, "final"), ("2019", 1415.0, "final")]


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2020-01-31", None),  # nothing of 2019 published yet
    ("2020-02-01", (1410.0, "preliminary")),
    ("2020-10-01", (1420.0, "revised")),
    ("2021-01-01", (1430.0, "unknown_vintage")),  # no final yet: the latest vintage
    ("2021-01-15", (1415.0, "final")),
    ("2030-01-01", (1415.0, "final")),
])
def test_as_of_returns_the_value_known_on_the_date(built: Built, as_of: str,
                                                   expected: tuple | None) -> None:
    rows = _rows(built, f"select value / 1e8, vintage_status from "
                        f"marts.observations_as_of(cast(? as date)) where {SERIES} "
                        f"and period = '2019'", as_of)
    assert rows == ([expected] if expected else [])


def test_as_of_answers_for_every_year_known(built: Built) -> None:
    rows = _rows(built, f"select period, value / 1e8 from marts.observations_as_of("
                        f"date '2020-06-01') where {SERIES} order by period")
    # 2018: the final figure (2020-01-15) is known; the compilation is not out yet.
    assert rows == [("2018", 1320.0), ("2019", 1410.0)]


def test_revisions_run_from_earlier_to_later_vintage(built: Built) -> None:
    rows = _rows(built, f"select from_value / 1e8, to_value / 1e8, from_vintage_status, "
                        f"to_vintage_status from marts.revisions where {SERIES} "
                        f"and period = '2019' order by to_published")
    assert rows == [(1410.0, 1420.0, "preliminary", "revised"),
                    (1420.0, 1430.0, "revised", "unknown_vintage"),
                    (1430.0, 1415.0, "unknown_vintage", "final")]


def test_every_observation_has_a_publication_date_and_says_how(built: Built) -> None:
    rows = _rows(built, "select published_date_basis, count(*), count(published_date) "
                        "from marts.fct_observations group by 1 order by 1")
    assert {r[0] for r in rows} == {"estimated", "stated"}
    assert all(count == dated for _, count, dated in rows)
    estimated = _rows(built, f"select published_date, published_date_rule from "
                             f"marts.fct_observations where {SERIES} and period = '2019' "
                             f"and published_date_basis = 'estimated'")
    assert [(str(d), r) for d, r in estimated] == [("2020-12-31", "yearbook_edition")]
