"""Statistics in long format (data/observations) and the benchmark's panel generator:
a tiny synthetic panel goes through the real ingest path into raw.observations, bad rows
are quarantined, and the incremental int_long_observations equals a full refresh after a
new vintage file and after a file is replaced."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from bench.generate import Panel, add_vintage, generate, panel_file


def _env(proj: Path, build: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("YRD_")}
    return {**env, "YRD_PROJECT_ROOT": str(proj), "YRD_DATA_DIR": str(proj / "data"),
            "YRD_BUILD_DIR": str(build), "YRD_WAREHOUSE": str(build / "wh.duckdb"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False", "DO_NOT_TRACK": "1"}


def _step(env: dict[str, str], *args: str) -> str:
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-m", "bench.steps", *args], env=env, cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


LONG = ("select * exclude (load_id) from intermediate.int_long_observations "
        "order by observation_id")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Panel]:
    proj = tmp_path_factory.mktemp("obs") / "proj"
    panel = Panel(places=2, indicators=3, years=2, vintages=3)
    info = generate(proj, panel)
    assert info["observations"] == 2 * 3 * 2 * 3 == 36
    assert info["files"] == 6
    return proj, panel


def test_panel_loads_and_bad_rows_are_quarantined(project: tuple[Path, Panel],
                                                  tmp_path: Path) -> None:
    proj, panel = project
    bad = proj / "data" / "observations" / "zz_bad.csv"
    bad.write_text(
        "place_code,indicator,sector,period,value,unit,vintage,published,source\n"
        "900001,gdp,,2021,100,亿元,final,2022-03,ok\n"
        "999999,gdp,,2021,100,亿元,final,,unknown place\n"
        "900001,gdp,,x2021,100,亿元,preliminary,,bad period\n"
        "900001,nonsense,,2021,100,亿元,final,,unknown indicator\n"
        "900001,gdp,,2021,abc,亿元,estimate,,text value\n"
        "900001,gdp,,2021,100,furlongs,communique,,unknown unit\n"
        "900002,gdp,,2021,1,亿元,final,,\n900002,gdp,,2021,2,亿元,final,,conflict\n",
        encoding="utf-8")
    try:
        env = _env(proj, tmp_path / "build")
        _step(env, "ingest")
        db = tmp_path / "build" / "yrd.duckdb"
        loaded = _rows(db, "select count(*) from raw.observations")[0][0]
        assert loaded == panel.observations + 1
        reasons = dict(_rows(db, "select line, reason from raw.quarantine "
                                 "where file like '%zz_bad.csv' order by line"))
        assert set(reasons) == {3, 4, 5, 6, 7, 8, 9}
        assert "unknown place code" in reasons[3] and "period" in reasons[4]
        assert "unknown indicator" in reasons[5] and "text in numeric" in reasons[6]
        assert "unknown unit" in reasons[7] and "conflicting duplicate" in reasons[8]
    finally:
        bad.unlink()


def test_incremental_equals_full_refresh(project: tuple[Path, Panel], tmp_path: Path) -> None:
    proj, panel = project
    env = _env(proj, tmp_path / "build")
    db = tmp_path / "build" / "yrd.duckdb"
    select = ["--select", "+int_long_observations"]
    _step(env, "ingest")
    _step(env, "dbt", "seed")
    _step(env, "dbt", "run", *select)
    assert len(_rows(db, LONG)) == panel.observations

    # A new vintage file, and an existing file replaced (its old rows must go).
    add_vintage(proj, panel)
    first = panel_file(proj, panel.first_year, "final")
    lines = first.read_text(encoding="utf-8").splitlines()
    first.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one row fewer
    _step(env, "ingest")
    _step(env, "dbt", "run", *select)
    incremental = _rows(db, LONG)
    _step(env, "dbt", "run", "--full-refresh", *select)
    full = _rows(db, LONG)
    assert incremental == full
    assert len(full) == panel.observations + panel.places * panel.indicators - 1
