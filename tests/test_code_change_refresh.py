"""A change to the dbt code (a seed, a macro, a model) reaches rows already built.

The incremental models keep rows computed by an earlier run; a seed that estimates a
publication date changes no data file, so no load is new and, without a full refresh,
those rows would keep the old estimate (yrd/build/code_state.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb
from yrd_testing import copy_data, isolated_env, run_yrd

from bench.generate import copy_project
from yrd.build.code_state import code_fingerprint

# Our own figure with no stated date: its date is estimated by the yearbook_edition rule
# of seeds/publication_date_rules.csv (12 months after the year, so 2019-12-31).
UNDATED = """place_code,indicator,sector,period,value,unit,vintage,published,source
320585,gdp,,2018,1330,亿元,compilation,,test compilation of unknown vintage
"""
RULES = Path("seeds") / "publication_date_rules.csv"
DATE_SQL = ("select cast(published_date as varchar) from {table} where place_code = '320585' "
            "and indicator = 'gdp' and period = '2018' and source_file like '%test_undated%'")


def _project(dest: Path) -> Path:
    return copy_project(dest)


def _dates(db: Path) -> tuple[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tuple(con.execute(DATE_SQL.format(table=t)).fetchone()[0] for t in (
            "intermediate.int_long_observations", "marts.fct_observations"))  # type: ignore[return-value]
    finally:
        con.close()


def test_fingerprint_follows_code_not_data(tmp_path: Path) -> None:
    proj = _project(tmp_path / "proj")
    (proj / "data" / "observations" / "x.csv").write_text(UNDATED, encoding="utf-8")
    before = code_fingerprint(proj)
    (proj / "data" / "observations" / "x.csv").write_text(UNDATED + UNDATED[-40:],
                                                          encoding="utf-8")
    assert code_fingerprint(proj) == before
    for changed in (RULES, Path("macros") / "vintages.sql",
                    Path("models") / "marts" / "revisions.sql"):
        text = (proj / changed).read_text(encoding="utf-8")
        (proj / changed).write_text(text + "\n", encoding="utf-8")
        assert code_fingerprint(proj) != before, changed
        (proj / changed).write_text(text, encoding="utf-8")
        assert code_fingerprint(proj) == before


def test_a_changed_seed_reaches_rows_built_before(tmp_path: Path) -> None:
    proj = _project(tmp_path / "proj")
    data = copy_data(tmp_path / "data")
    (data / "observations" / "test_undated.csv").write_text(UNDATED, encoding="utf-8")
    env = isolated_env(tmp_path, data, YRD_PROJECT_ROOT=str(proj))
    db = tmp_path / "build" / "yrd.duckdb"

    proc = run_yrd(env, "build", "--no-publish")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    assert _dates(db) == ("2019-12-31", "2019-12-31")

    rules = (proj / RULES).read_text(encoding="utf-8")
    assert "\nyearbook_edition,12,12," in rules
    (proj / RULES).write_text(rules.replace("\nyearbook_edition,12,12,",
                                            "\nyearbook_edition,11,11,"), encoding="utf-8")
    proc = run_yrd(env, "build", "--no-publish")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    assert _dates(db) == ("2019-11-30", "2019-11-30")
    assert "rebuilt in full" in proc.stdout
