"""Files of one declaration load as one batch, and a batch gives what loading each file
on its own gives: the same raw rows (with each file's own line numbers), the same
quarantine (duplicates are found within a file, not across files) and one raw.loads
entry per file with its own counts, whichever reader reads each file.

The batch mixes files DuckDB parses in one scan (two column orders: two scans) with
files only the Python readers read (GBK, CRLF, a stray quote) and a file that cannot be
loaded at all (other columns), which must not keep the others from loading.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from yrd_testing import PROJECT

from ingest import batchrules, load
from ingest.load import load_resource, load_resources, register_reference
from ingest.sources.observations import COLUMNS, resource

HEADER = ",".join(COLUMNS)


def _row(i: int, value: str = "", source: str = "batch test") -> str:
    return (f"310000,gdp,,{2000 + i % 20},{value or f'{100 + i}.5'},亿元,v{i},"
            f"2022-03-01,{source}")


def _files(folder: Path) -> list[Path]:
    rows = [_row(i) for i in range(40)]
    files = {
        # A plain file with an exact duplicate, a conflicting key and a bad value.
        "a.csv": (HEADER + "\n" + "\n".join([*rows[:20], rows[3], _row(5, "1.5"),
                                             _row(30, '"4748,5"')]) + "\n").encode(),
        # Values outside gdp's bounds (one written with spaces around its unit and
        # indicator), which within_bounds checks per distinct (indicator, unit) in a batch.
        "a_bounds.csv": (HEADER + "\n" + "\n".join([
            _row(1), "310000,gdp,,2001,-5,亿元,final,2022-03-01,x",
            "310000, gdp ,,2002,9e12, 亿元 ,final,2022-03-01,x",
            "310000,gdp,,2003,12.5,,final,2022-03-01,x"]) + "\n").encode(),
        # The same keys as a.csv: another file, so no duplicates.
        "b.csv": (HEADER + "\n" + "\n".join(rows[:10]) + "\n").encode(),
        # Columns in another order (a scan of its own), and an unknown place.
        "c.csv": ("unit,value,place_code,indicator,sector,period,vintage,published,source\n"
                  "亿元,12.5,310000,gdp,,2020,final,2021-01-01,x\n"
                  "亿元,13.5,999999,gdp,,2021,final,2021-01-01,x\n").encode(),
        "d_gbk.csv": (HEADER + "\n" + "\n".join(rows[5:15]) + "\n").encode("gb18030"),
        "e_crlf.csv": (HEADER + "\r\n" + "\r\n".join([*rows[:4], rows[2]]) + "\r\n").encode(),
        "f_quote.csv": (HEADER + "\n" + "\n".join([rows[0], _row(1, source='a"b'), rows[2]])
                        + "\n").encode(),
        "g_header_only.csv": (HEADER + "\n").encode(),
        "g_other_columns.csv": b"city,gdp\nKunshan,5140.6\n",
        "h_plain.csv": (HEADER + "\n" + "\n".join(rows[20:]) + "\n").encode(),
    }
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out.append(folder / name)
    return out


def _state(con: duckdb.DuckDBPyConnection) -> tuple[list, list, list]:
    raw = con.execute("select * exclude (_load_id, _loaded_at) from raw.observations "
                      "order by _file, _line").fetchall()
    quarantine = con.execute("select resource, file, line, rule, reason, record "
                             "from raw.quarantine order by file, line, rule").fetchall()
    loads = con.execute("select resource, file, file_sha256, encoding, rows_read, "
                        "rows_loaded, rows_quarantined, status, message from raw.loads "
                        "order by file").fetchall()
    return raw, quarantine, loads


def _load(db: Path, root: Path, files: list[Path], batched: bool) -> tuple[tuple, list]:
    con = duckdb.connect(str(db))
    try:
        register_reference(con, PROJECT / "seeds")
        items = [(resource(p), p) for p in files]
        if batched:
            results = load_resources(con, items, root, "L")
        else:
            results = [load_resource(con, r, p, root, "L") for r, p in items]
        return _state(con), [(r.file, r.status, r.rows_read, r.rows_loaded,
                              r.rows_quarantined, sorted(r.problems)) for r in results]
    finally:
        con.close()


@pytest.mark.parametrize(("batch_bytes", "by_value"),
                         [(256 << 20, 0), (600, 0), (256 << 20, 10**9)],
                         ids=["one batch", "small batches", "one batch, rules row by row"])
def test_batch_equals_file_by_file(tmp_path: Path, monkeypatch, batch_bytes: int,
                                   by_value: int) -> None:
    """The files alone are checked row by row (small); the batch by distinct values of
    the columns a rule reads (unless told otherwise): the same failures either way."""
    files = _files(tmp_path / "data")
    alone = _load(tmp_path / "alone.duckdb", tmp_path, files, batched=False)
    monkeypatch.setattr(batchrules, "BY_VALUE_MIN_ROWS", by_value)
    monkeypatch.setattr(load, "BATCH_BYTES", batch_bytes)
    together = _load(tmp_path / "batch.duckdb", tmp_path, files, batched=True)
    assert together == alone
    (raw, quarantine, loads), results = together
    by_file = {r[0]: r for r in results}
    # Each file keeps its own line numbers, and duplicates are per file.
    assert by_file["data/b.csv"][1:5] == ("loaded", 10, 10, 0)
    assert by_file["data/a.csv"][1:5] == ("loaded", 23, 19, 4)
    assert by_file["data/g_other_columns.csv"][1] == "failed"
    assert by_file["data/g_header_only.csv"][1:3] == ("loaded", 0)
    assert {r[7] for r in loads} == {"loaded", "failed"} and len(loads) == len(files)
    bounds = {(q[2], q[3]) for q in quarantine if q[1] == "data/a_bounds.csv"}
    assert {("within_bounds:value", 3), ("within_bounds:value", 4)} <= {
        (rule, line) for line, rule in bounds}
    a_lines = {q[2]: q[3] for q in quarantine if q[1] == "data/a.csv"}
    assert a_lines == {7: "duplicate", 22: "duplicate", 23: "duplicate",
                       24: "numeric:value"}
    assert [r[-2] for r in raw if r[-3] == "data/h_plain.csv"] == list(range(2, 22))


def test_batch_equals_python_readers(tmp_path: Path, monkeypatch) -> None:
    files = _files(tmp_path / "data")
    fast = _load(tmp_path / "fast.duckdb", tmp_path, files, batched=True)
    monkeypatch.setenv("YRD_LOADER", "python")
    slow = _load(tmp_path / "py.duckdb", tmp_path, files, batched=True)
    assert fast == slow


def test_files_hashed_on_every_core_are_each_files_own(tmp_path: Path) -> None:
    """ledger.file_hashes: each existing path's own hash (the loader looks its files up
    in it), an empty file and a repeated path included, a missing one left out."""
    import hashlib

    from ingest.ledger import file_hashes

    paths = []
    for k, body in enumerate([b"", b"a,b\n1,2\n", b"x" * (3 << 20), b"a,b\n1,3\n"]):
        p = tmp_path / f"f{k}.csv"
        p.write_bytes(body)
        paths.append(p)
    expected = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    assert file_hashes([*paths, paths[1], tmp_path / "missing.csv"]) == expected
    assert file_hashes(paths[2:3]) == {paths[2]: expected[paths[2]]}
    assert file_hashes([]) == {}
