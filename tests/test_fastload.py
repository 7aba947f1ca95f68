"""The loader's two paths give the same raw rows and the same quarantine.

Every input here is loaded twice into real DuckDB files: once as the build loads it
(DuckDB parses plain files, ingest.fastload), once with YRD_LOADER=python (every file
through the Python readers). raw and raw.quarantine must be equal, row for row (load
ids and times aside). The inputs are the shipped files, a generated multi-block file,
and files made to trip a CSV reader: a stray quote, a space after a closing quote, a
quoted comma or line break, blank and repeated header lines, CRLF, a BOM, GBK, ragged
rows, columns in another order, no final line break.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from yrd_testing import DATA, PROJECT

from ingest import fastload
from ingest.load import load_resource, register_reference
from ingest.sources import all_resources
from ingest.sources.observations import COLUMNS, resource

HEADER = ",".join(COLUMNS)
ROW = "310000,gdp,,{year},{value},亿元,final,2022-03-01,{source}"


def _rows(n: int, source: str = "test file") -> list[str]:
    return [ROW.format(year=2000 + i % 22, value=f"{1000 + i}.5", source=source)
            .replace(",final,", f",v{i},") for i in range(n)]


CASES: dict[str, tuple[bytes, bool]] = {
    # name: (file bytes, whether DuckDB should read it)
    "plain": ((HEADER + "\n" + "\n".join(_rows(50)) + "\n").encode(), True),
    "no final line break": ((HEADER + "\n" + "\n".join(_rows(5))).encode(), True),
    "quoted comma": ((HEADER + "\n" + "\n".join(_rows(5, '"a, b ""c"""')) + "\n").encode(),
                     True),
    "columns in another order": (
        ("unit,value,place_code,indicator,sector,period,vintage,published,source\n"
         "亿元,12.5,310000,gdp,,2020,final,2021-01-01,x\n").encode(), True),
    "space after closing quote": (
        (HEADER + "\n" + "\n".join(_rows(3, '"quoted" ')) + "\n").encode(), False),
    "stray quote": ((HEADER + "\n" + "\n".join(_rows(3, 'a"b')) + "\n").encode(), False),
    "quoted line break": (
        (HEADER + "\n" + "\n".join(_rows(3, '"two\nlines"')) + "\n").encode(), False),
    "blank line": ((HEADER + "\n" + "\n\n".join(_rows(3)) + "\n").encode(), False),
    "empty row": ((HEADER + "\n" + ",,,,,,,,\n" + "\n".join(_rows(3)) + "\n").encode(), False),
    "repeated header": ((HEADER + "\n" + _rows(2)[0] + "\n" + HEADER + "\n" + _rows(2)[1]
                         + "\n").encode(), False),
    "crlf": ((HEADER + "\r\n" + "\r\n".join(_rows(3)) + "\r\n").encode(), False),
    "bom": (b"\xef\xbb\xbf" + (HEADER + "\n" + "\n".join(_rows(3)) + "\n").encode(), False),
    "gbk": ((HEADER + "\n" + "\n".join(_rows(3)) + "\n").encode("gb18030"), False),
    "ragged": ((HEADER + "\n" + _rows(3)[0] + ",extra\n" + _rows(3)[1] + "\n"
                + _rows(3)[2][:20] + "\n").encode(), False),
    "bad values": ((HEADER + "\n" + "999999,gdp,,2020,1,2,final,x,y\n"
                    + "\n".join(_rows(3)) + "\n" + _rows(3)[0] + "\n").encode(), True),
    "header only": ((HEADER + "\n").encode(), True),
}


def _load(tmp: Path, path: Path, res, python_only: bool, monkeypatch) -> tuple[list, list]:
    monkeypatch.setenv("YRD_LOADER", "python" if python_only else "")
    db = tmp / ("py.duckdb" if python_only else "fast.duckdb")
    con = duckdb.connect(str(db))
    try:
        register_reference(con, PROJECT / "seeds")
        load_resource(con, res, path, path.parent, "L", force=True)
        raw = con.execute(
            f"select * exclude (_load_id, _loaded_at) from {res.table} order by _file, _line"
        ).fetchall()
        quarantine = con.execute(
            "select resource, file, line, rule, reason, record from raw.quarantine "
            "order by file, line, rule").fetchall()
        return raw, quarantine
    finally:
        con.close()
        db.unlink()


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_rows_either_path(case: str, tmp_path: Path, monkeypatch) -> None:
    data, expect_fast = CASES[case]
    path = tmp_path / "obs.csv"
    path.write_bytes(data)
    res = resource(path)
    con = duckdb.connect()
    assert (fastload.read(con, path, list(COLUMNS), fastload.scan(path)) is not None) \
        == expect_fast, case
    fast = _load(tmp_path, path, res, False, monkeypatch)
    slow = _load(tmp_path, path, res, True, monkeypatch)
    assert fast == slow
    if case == "plain":
        assert len(fast[0]) == 50 and [r[-2] for r in fast[0]] == list(range(2, 52))


def test_large_file_in_blocks(tmp_path: Path, monkeypatch) -> None:
    """More than one read block and DuckDB's parallel reader: line numbers stay right."""
    monkeypatch.setattr(fastload, "_BLOCK", 1 << 12)
    path = tmp_path / "big.csv"
    rows = _rows(30_000, '"q, "" q"')
    good = rows[12_345]
    rows[12_345] = good.replace('"q, "" q"', '"q" x')  # a stray quote, deep inside
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    con = duckdb.connect()
    assert fastload.read(con, path, list(COLUMNS), fastload.scan(path)) is None
    rows[12_345] = good
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert fastload.read(con, path, list(COLUMNS), fastload.scan(path)) == 30_000
    fast = _load(tmp_path, path, resource(path), False, monkeypatch)
    slow = _load(tmp_path, path, resource(path), True, monkeypatch)
    assert fast == slow and len(fast[0]) == 30_000


@pytest.mark.parametrize("res", [r for r in all_resources() if (DATA / r.path).exists()],
                         ids=lambda r: str(r.path))
def test_shipped_files_same_either_path(res, tmp_path: Path, monkeypatch) -> None:
    path = DATA / res.path
    fast = _load(tmp_path, path, res, False, monkeypatch)
    slow = _load(tmp_path, path, res, True, monkeypatch)
    assert fast == slow and fast[0]
