"""The combined dbt tests of the large tables (macros/row_checks.sql): every check in them
can still fail, alone, and the failure names the check and the rows.

Each check is broken on a copy of a real build (one row changed, or one row repeated for
a uniqueness check) and the test's compiled SQL, as `dbt build` ran it, is run against
the copy: it must stop with an error naming that check and the changed row. One real
`dbt test` on a copy with bad rows shows what a failing build prints."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
from yrd_testing import Built

pytestmark = pytest.mark.slow

# How to break each expression check of the yml (a new expression needs one here).
BREAK_EXPRESSION = {
    "is_suspect_iff_flagged": "is_suspect = not is_suspect",
    "flags_are_known": "quality_flags = 'no_such_flag'",
    "value_within_candidates": "value = max_candidate_value + 1",
    "candidate_count_at_least_1": "candidate_count = 0",
}


def _row_checks(build_dir: Path) -> list[dict[str, Any]]:
    """The row_checks tests of the build, with their arguments and compiled SQL."""
    target = build_dir / "target"
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    compiled = {r["unique_id"]: (r["status"], r["compiled_code"]) for r in results["results"]}
    tests = []
    for uid, node in manifest["nodes"].items():
        meta = node.get("test_metadata") or {}
        if meta.get("name") != "row_checks":
            continue
        on = _tested(manifest, meta["kwargs"]["model"])
        status, sql = compiled[uid]
        tests.append({"name": node["name"], "kwargs": meta["kwargs"], "status": status,
                      "sql": sql, "relation": on["relation_name"],
                      "materialized": on.get("config", {}).get("materialized", "table")})
    return tests


def _tested(manifest: dict[str, Any], model: str) -> dict[str, Any]:
    """The model or source a test's `model` argument names."""
    if m := re.search(r"source\('(\w+)', '(\w+)'\)", model):
        return next(n for n in manifest["sources"].values()
                    if (n["source_name"], n["name"]) == m.groups())
    name = re.search(r"ref\('(\w+)'\)", model).group(1)
    return next(n for n in manifest["nodes"].values()
                if n["resource_type"] == "model" and n["name"] == name)


def _checks(kwargs: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(check name as the error shows it, kind, column or expression name)."""
    out = [(f"not_null({c})", "not_null", c) for c in kwargs.get("not_null", [])]
    out += [(f"accepted_values({c})", "accepted", c) for c in kwargs.get("accepted_values", {})]
    out += [(f"relationships({c} → ", "relationship", c)
            for c in kwargs.get("relationships", {})]
    out += [(f"expression({n})", "expression", n) for n in kwargs.get("expressions", {})]
    out += [(f"unique({c})", "unique", c) for c in kwargs.get("unique", [])]
    out += [(f"unique_combination({n})", "combination", n)
            for n in kwargs.get("unique_combinations", {})]
    return out


def _bad_value(con: duckdb.DuckDBPyConnection, relation: str, column: str) -> str:
    kind = con.execute(f"select typeof({column}) from {relation} limit 1").fetchone()[0]
    numeric = kind.split("(")[0] in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                                     "FLOAT", "DOUBLE", "DECIMAL")
    return "-999" if numeric else f"cast('no-such-{column}' as {kind})"


def _break(con: duckdb.DuckDBPyConnection, relation: str, kind: str, what: str,
           kwargs: dict[str, Any]) -> str | None:
    """Make one row break the check; returns that row's key (None for uniqueness)."""
    row = con.execute(f"select min(rowid) from {relation}").fetchone()[0]
    if kind in ("unique", "combination"):
        where = f"where {what} is not null" if kind == "unique" else ""
        first = con.execute(f"select min(rowid) from {relation} {where}").fetchone()[0]
        if first is None:  # no value at all: give two rows the same one
            value = _bad_value(con, relation, what)
            con.execute(f"update {relation} set {what} = {value} "
                        f"where rowid in (select rowid from {relation} limit 2)")
        else:
            con.execute(f"insert into {relation} select * from {relation} where rowid = {first}")
        return None
    if kind == "expression":
        assignment = BREAK_EXPRESSION[what]
    elif kind == "not_null":
        assignment = f"{what} = null"
    else:  # a value outside the accepted ones or the parent table
        assignment = f"{what} = {_bad_value(con, relation, what)}"
    con.execute(f"update {relation} set {assignment} where rowid = {row}")
    return con.execute(f"select cast(({kwargs['key']}) as varchar) from {relation} "
                       f"where rowid = {row}").fetchone()[0]


def _valid_row(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """A row that passes every check of a table the shipped data leaves empty."""
    where = "source_file is not null and source_type = 'yearbook'"
    if relation.endswith('"int_long_observations"'):  # the observation shape, from a yearbook row
        cols = [c for (c,) in con.execute(f"select column_name from (describe {relation})")
                .fetchall()]
        return f"select {', '.join(cols)} from intermediate.int_observations_unioned " \
               f"where {where} limit 1"
    row = {"place_code": "'310000'", "indicator": "'gdp'", "sector": "''", "period": "'2021'",
           "vintage": "'final'"}
    if relation.endswith('"stg_observations__long"'):
        row |= {"year": "2021", "value": "1e8", "unit": "'CNY'", "vintage_status": "'final'",
                "source_file": "'data/observations/t.csv'", "source_line": "2"}
    else:  # raw.observations
        row |= {"value": "'1'", "unit": "'亿元'", "_file": "'data/observations/t.csv'",
                "_line": "2"}
    return "select " + ", ".join(f"{v} as {k}" for k, v in row.items())


@pytest.fixture(scope="module")
def checked(built_warehouse: Built, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("row_checks")
    db = root / built_warehouse.build_db.name  # same file name: same catalog name
    shutil.copy2(built_warehouse.build_db, db)
    tests = _row_checks(built_warehouse.build_dir)
    con = duckdb.connect(str(db))
    for t in tests:  # a view cannot be changed: the same rows as a table of that name
        if t["materialized"] == "view":
            con.execute(f"create table _rows as select * from {t['relation']}")
            con.execute(f"drop view {t['relation']}")
            con.execute(f"create table {t['relation']} as select * from _rows")
            con.execute("drop table _rows")
    for t in tests:  # shipped data has no long-format statistics: one valid row each
        if con.execute(f"select count(*) from {t['relation']}").fetchone()[0] == 0:
            con.execute(f"insert into {t['relation']} by name {_valid_row(con, t['relation'])}")
    yield con, tests
    con.close()


def test_the_large_tables_have_their_combined_checks(checked) -> None:
    _, tests = checked
    names = {t["name"] for t in tests}
    assert {"raw_observations_row_checks", "stg_observations__long_row_checks",
            "int_long_observations_row_checks", "int_observations_unioned_row_checks",
            "int_observations_flagged_row_checks", "fct_observations_row_checks",
            "fct_current_values_row_checks", "revisions_row_checks"} <= names
    # The shipped data passes every check (a check that always fails proves nothing).
    assert {t["name"]: t["status"] for t in tests} == dict.fromkeys(names, "pass")


def test_every_check_fails_alone_and_names_itself_and_the_row(checked) -> None:
    con, tests = checked
    tried = 0
    for t in tests:
        con.execute(f"select count(*) from {t['relation']}")  # the relation exists
        assert con.execute(t["sql"]).fetchall() == [], t["name"]  # passes untouched
        for label, kind, what in _checks(t["kwargs"]):
            con.execute("begin")
            try:
                key = _break(con, t["relation"], kind, what, t["kwargs"])
                with pytest.raises(duckdb.Error) as err:
                    con.execute(t["sql"]).fetchall()
            finally:
                con.execute("rollback")
            message = str(err.value)
            assert label in message, (t["name"], label, message[:500])
            if key is not None:  # the example is the row that was changed
                part = message[message.index(label):].split("; ")[0]
                assert key in part, (t["name"], label, key, part)
            tried += 1
    # 132 checks on the 8 large tables (134 when written; the two relationships to
    # fct_observations became tests of their own, for memory at 27M rows)
    assert tried >= 128


def test_a_failing_build_names_the_check_and_the_row(built_warehouse: Built, tmp_path: Path,
                                                      monkeypatch) -> None:
    """What `dbt test` (and so `yrd build`) reports when the combined test finds bad rows."""
    from ingest.config import settings
    from yrd.build.dbt_runner import run_dbt

    build = tmp_path / "build"
    shutil.copytree(built_warehouse.build_dir, build,
                    ignore=shutil.ignore_patterns("logs", "build.lock", "tmp"))
    for var, value in {"YRD_BUILD_DIR": str(build), "YRD_BUILD_DB": str(build / "yrd.duckdb"),
                       "YRD_WAREHOUSE": str(tmp_path / "wh" / "yrd.duckdb"),
                       "YRD_MEMORY_LIMIT": "1GB", "YRD_THREADS": "1"}.items():
        monkeypatch.setenv(var, value)  # run_dbt sets some: restored after the test
    con = duckdb.connect(str(build / "yrd.duckdb"))
    try:
        bad = con.execute("select observation_id from marts.fct_observations "
                          "order by observation_id limit 2").fetchall()
        con.execute("update marts.fct_observations set place_code = '999999' "
                    "where observation_id = ?", [bad[0][0]])
        con.execute("update marts.fct_observations set kind = null "
                    "where observation_id = ?", [bad[1][0]])
    finally:
        con.close()
    outcome = run_dbt(settings(), ["test", "--select", "fct_observations_row_checks"])
    assert not outcome.success
    [failed] = outcome.failures
    assert failed["name"] == "fct_observations_row_checks"
    message = failed["message"]
    assert "fct_observations: 2 of 29 checks failed" in message, message
    assert "not_null(kind): 1 rows, e.g. " in message and bad[1][0] in message, message
    assert ("relationships(place_code → dim_place.place_code): 1 rows, e.g. " in message
            and bad[0][0] in message), message
