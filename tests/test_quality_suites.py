"""The invariant suites of the targets and reconciliation marts can fail: feed them rows
that break each rule, through real GX validations on a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from yrd.quality.runner import run_suite
from yrd.quality.suites import all_suites


def suite(name: str):
    return next(s for s in all_suites() if s.name == name)


@pytest.fixture
def con(tmp_path: Path):
    c = duckdb.connect(str(tmp_path / "t.duckdb"))
    c.execute("create schema marts")
    c.execute("""
        create table marts.targets_vs_actuals (
            target_id varchar, status varchar, qualifier varchar, target_value double,
            latest_actual_value double, latest_actual_period varchar, horizon_year integer,
            announced date, achieved_annual_growth_pct double, required_annual_growth_pct double)
    """)
    yield c
    c.close()


def violations(con) -> set[str]:
    results = run_suite(con, suite("targets_status_consistency"), "t")
    assert len(results) == 1
    return {row["violation"] for row in results[0].sample_rows} if not results[0].success else set()


def test_consistent_statuses_pass(con) -> None:
    con.execute("""insert into marts.targets_vs_actuals values
        ('a', 'achieved', 'gt', 15, 16, '2025', 2025, date '2022-11-11', null, null),
        ('b', 'no_actual_yet', 'eq', 100, null, null, 2025, date '2022-11-11', null, null),
        ('c', 'behind', 'gt', 10, 5, '2024', 2035, date '2024-10-01', 4.6, 5.7)""")
    assert violations(con) == set()


def test_more_than_15_is_not_achieved_by_15(con) -> None:
    con.execute("""insert into marts.targets_vs_actuals values
        ('a', 'achieved', 'gt', 15, 15, '2025', 2025, date '2022-11-11', null, null)""")
    assert violations(con) == {"achieved without meeting the target"}


def test_not_missed_before_the_horizon_and_horizon_after_announcement(con) -> None:
    con.execute("""insert into marts.targets_vs_actuals values
        ('a', 'missed', 'eq', 100, 50, '2024', 2025, date '2022-11-11', null, null),
        ('b', 'on_track', 'eq', 100, 50, '2023', 2021, date '2022-11-11', 3.0, 9.0)""")
    assert violations(con) == {
        "missed before the horizon year",
        "on track while growing slower than required",
        "horizon before the announcement",
    }


def test_reconciliation_rows_must_link_both_sides(con) -> None:
    con.execute("create table marts.fct_observations (observation_id varchar)")
    con.execute("insert into marts.fct_observations values ('press1'), ('official1')")
    con.execute("""create table marts.figure_reconciliation as select * from (values
        ('press1', 'official1', 'consistent'),
        ('press1', 'gone', 'conflict'),
        ('ghost', null, 'no_official_figure')
    ) as t(observation_id, official_observation_id, status)""")
    (result,) = run_suite(con, suite("reconciliation_links"), "t")
    assert not result.success and result.severity == "error"
    assert {r["problem"] for r in result.sample_rows} == {
        "official observation missing", "press observation missing"}
