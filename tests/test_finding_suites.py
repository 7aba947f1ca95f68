"""Each new finding suite lists its rows in `yrd check` and can fail: feed it a row of its
own kind (and one of another kind, which it must ignore), through real GX validations on a
real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from yrd.quality.finding_suites import FINDING_COLUMNS, FLAG_CHECKS
from yrd.quality.runner import run_suite
from yrd.quality.suites import all_suites


def suite(name: str):
    return next(s for s in all_suites() if s.name == name)


@pytest.fixture
def con(tmp_path: Path):
    c = duckdb.connect(str(tmp_path / "t.duckdb"))
    c.execute("create schema intermediate")
    c.execute("create schema marts")
    columns = ", ".join(f"{col} varchar" for col in FINDING_COLUMNS)
    for model in {m for m, _ in FLAG_CHECKS.values()}:
        c.execute(f"create table intermediate.{model} ({columns})")
    yield c
    c.close()


def _finding(con, model: str, observation_id: str, flag: str) -> None:
    values = {col: f"{col}-{observation_id}" for col in FINDING_COLUMNS}
    values.update(observation_id=observation_id, flag=flag)
    placeholders = ", ".join("?" for _ in FINDING_COLUMNS)
    con.execute(f"insert into intermediate.{model} values ({placeholders})",
                [values[c] for c in FINDING_COLUMNS])


@pytest.mark.parametrize("flag", sorted(FLAG_CHECKS))
def test_flag_suite_fails_on_its_rows_only(con, flag: str) -> None:
    model, _ = FLAG_CHECKS[flag]
    other = next(f for f, (m, _) in FLAG_CHECKS.items() if m == model and f != flag)
    _finding(con, model, "other-row", other)
    (clean,) = run_suite(con, suite(flag), "t")
    assert clean.success
    _finding(con, model, "its-row", flag)
    (result,) = run_suite(con, suite(flag), "t")
    assert not result.success and result.severity == "warning"
    assert [r["observation_id"] for r in result.sample_rows] == ["its-row"]
    assert result.sample_rows[0]["source_ref"] == "source_ref-its-row"


def test_series_completeness_lists_gaps(con) -> None:
    con.execute("""create table intermediate.int_series_completeness as select * from (values
        ('330100', 'yearbook', 'gdp_growth', '', 'gdp', 'percent', 2005, true),
        ('330100', 'yearbook', 'gdp_growth', '', 'gdp', 'percent', 2006, false)
    ) as t(place_code, source_type, indicator, sector, growth_of, unit, year, has_value)""")
    (result,) = run_suite(con, suite("series_completeness"), "t")
    assert not result.success
    assert [r["year"] for r in result.sample_rows] == [2006]


def test_census_base_breaks_are_listed(con) -> None:
    con.execute("""create table intermediate.int_census_base_breaks as select * from (values
        ('310000', 'gdp', '', 2024, 'a → b'))
        as t(place_code, indicator, sector, year, source_refs)""")
    (result,) = run_suite(con, suite("census_base_breaks"), "t")
    assert not result.success and result.sample_rows[0]["place_code"] == "310000"


def test_an_observation_without_publication_date_blocks(con) -> None:
    con.execute("""create table marts.fct_observations as select * from (values
        ('o1', 'f:2', 'preliminary', date '2024-04-30', 'estimated'),
        ('o2', 'f:3', 'final', null, 'stated')
    ) as t(observation_id, source_ref, vintage_status, published_date, published_date_basis)""")
    results = run_suite(con, suite("vintage_statuses"), "t")
    failed = [r for r in results if not r.success]
    assert len(failed) == 1 and failed[0].severity == "error"
    assert failed[0].sample_rows[0]["observation_id"] == "o2"
