"""The series-incremental chain (macros/incremental_series.sql) equals a full refresh.

A project copy with a small synthetic panel and a few long-format series of our own
(bench/generate.py) is built; then a new vintage file is added, a panel file deleted and
a population file replaced so that a neighbouring series gains a flag from a check that
looks across series; an incremental `dbt run`; then the population file restored (the flag
must go again, in a series no load touched), another incremental run, and a full refresh
on the same inputs. Every table of intermediate and marts, chain state aside, must have
the same rows (bench/digest.py). Nothing is excluded: both builds read the same raw
tables, so even the load ids agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from bench.digest import digests
from bench.generate import Panel, add_vintage, generate, panel_file
from tests.yrd_testing import isolated_env

ROOT = Path(__file__).resolve().parents[1]
HEADER = "place_code,indicator,sector,period,value,unit,vintage,published,source\n"
# Our own figures for one real place: population of three years, and the GDP and GDP per
# capita of those years in a second file that never changes.
POPULATION = ("320500,registered_population,,2019,700,万人,final,2022-06-30,test\n"
              "320500,registered_population,,2020,{middle},万人,final,2022-06-30,test\n"
              "320500,registered_population,,2021,710,万人,final,2022-06-30,test\n")
PER_CAPITA = ("320500,gdp,,2019,20000,亿元,final,2022-06-30,test\n"
              "320500,gdp,,2020,21000,亿元,final,2022-06-30,test\n"
              "320500,gdp,,2021,22000,亿元,final,2022-06-30,test\n"
              "320500,gdp_per_capita,,2019,180000,元,final,2022-06-30,test\n"
              "320500,gdp_per_capita,,2020,185000,元,final,2022-06-30,test\n"
              "320500,gdp_per_capita,,2021,190000,元,final,2022-06-30,test\n")
PER_CAPITA_FLAGS = ("select quality_flags from marts.fct_observations "
                    "where place_code = '320500' and indicator = 'gdp_per_capita' "
                    "and period = '2020' and source_type = 'observations'")


def _step(env: dict[str, str], *args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "bench.steps", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def _one(db: Path, sql: str) -> object:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(sql).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _incremental_run(env: dict[str, str], db: Path) -> None:
    """An incremental `dbt run` that really was one: not every series of the panel touched
    (the shipped sources are small and always recomputed)."""
    _step(env, "ingest")
    _step(env, "dbt", "run")
    assert _one(db, "select recompute_all from intermediate.int_incremental_batch") is False
    panel = "indicator like 'syn_%'"
    touched = _one(db, f"select count(*) from intermediate.int_touched_series where {panel}")
    series = _one(db, f"select count(*) from marts.fct_current_values where {panel}")
    assert touched < series


@pytest.fixture()
def project(tmp_path: Path) -> tuple[Path, Panel, dict[str, str], Path]:
    proj = tmp_path / "proj"
    panel = Panel(places=3, indicators=4, years=3, vintages=2)
    generate(proj, panel)
    obs = proj / "data" / "observations"
    (obs / "test_population.csv").write_text(HEADER + POPULATION.format(middle=705),
                                             encoding="utf-8")
    (obs / "test_per_capita.csv").write_text(HEADER + PER_CAPITA, encoding="utf-8")
    build = tmp_path / "build"
    env = isolated_env(tmp_path, proj / "data", YRD_PROJECT_ROOT=str(proj),
                       YRD_BUILD_DB=str(build / "yrd.duckdb"))
    return proj, panel, env, build / "yrd.duckdb"


def test_incremental_chain_equals_full_refresh(project: tuple[Path, Panel, dict[str, str],
                                                               Path]) -> None:
    proj, panel, env, db = project
    obs = proj / "data" / "observations"
    _step(env, "ingest")
    _step(env, "dbt", "seed")
    _step(env, "dbt", "run")
    assert _one(db, PER_CAPITA_FLAGS) is None

    # A new vintage, a deleted file, and a population file replaced by one whose middle
    # year is implausible: the per-capita GDP of that year (another file, another series)
    # is derived from it and must be flagged.
    add_vintage(proj, panel)
    panel_file(proj, panel.first_year, "preliminary").unlink()
    (obs / "test_population.csv").write_text(HEADER + POPULATION.format(middle=300),
                                             encoding="utf-8")
    _incremental_run(env, db)
    assert "derived_from_implausible_population" in str(_one(db, PER_CAPITA_FLAGS))

    # The population restored: the flag goes, though no load touched the per-capita series.
    (obs / "test_population.csv").write_text(HEADER + POPULATION.format(middle=705),
                                             encoding="utf-8")
    _incremental_run(env, db)
    assert _one(db, PER_CAPITA_FLAGS) is None
    incremental = digests(str(db))

    _step(env, "dbt", "run", "--full-refresh")
    full = digests(str(db))
    assert {"marts.fct_observations", "marts.fct_current_values", "marts.revisions",
            "marts.coverage", "marts.city_comparison"} <= set(full)
    assert sorted(incremental) == sorted(full)
    differing = {t: (incremental[t], full[t]) for t in full if incremental[t] != full[t]}
    assert not differing, differing
