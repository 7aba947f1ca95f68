"""Rough edges an economist meets first: empty or comment-only SQL, several statements,
help texts with examples, and the quality results read once per check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]


def yrd(built: object, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yrd.cli", *args],
                          env=built.env, cwd=PROJECT,  # type: ignore[attr-defined]
                          capture_output=True, text=True, timeout=120, check=False)


def test_empty_and_comment_only_sql_give_a_message(built_warehouse: object) -> None:
    for query in ("", "   ", "-- just a comment", "/* nothing */"):
        proc = yrd(built_warehouse, "sql", query)
        assert proc.returncode == 2, (query, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert "no SQL statement" in proc.stderr


def test_several_statements_show_each_or_are_refused(built_warehouse: object) -> None:
    proc = yrd(built_warehouse, "sql", "select 11 as first; select 22 as second")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout + proc.stderr
    assert "11" in out and "22" in out and "first" in out and "second" in out
    proc = yrd(built_warehouse, "sql", "select 1; select 2", "--format", "csv")
    assert proc.returncode == 2 and "takes one" in proc.stderr
    # Read-only still holds statement by statement.
    proc = yrd(built_warehouse, "sql", "select 1; copy (select 1) to '/tmp/x.csv'")
    assert proc.returncode == 1 and "refused COPY" in proc.stderr


def test_help_texts_have_examples_and_point_to_the_docs() -> None:
    def help_of(*args: str) -> str:
        return subprocess.run([sys.executable, "-m", "yrd.cli", *args, "--help"],
                              cwd=PROJECT, capture_output=True, text=True,
                              check=True).stdout

    assert "docs/economists.md" in help_of()
    for cmd in ("sql", "export", "rollback"):
        text = help_of(cmd)
        assert "examples:" in text and f"yrd {cmd}" in text.split("examples:")[1], cmd


def test_latest_quality_results_has_each_check_once(built_warehouse: object) -> None:
    con = duckdb.connect(str(built_warehouse.warehouse),  # type: ignore[attr-defined]
                         read_only=True)
    try:
        total, distinct = con.execute(
            "select count(*), count(distinct (layer, suite, expectation, "
            "cast(kwargs as varchar))) from meta.latest_quality_results").fetchone()
        checks = con.execute(
            "select count(distinct (layer, suite, expectation, cast(kwargs as varchar))) "
            "from meta.quality_results").fetchone()[0]
    finally:
        con.close()
    assert total == distinct == checks > 0
