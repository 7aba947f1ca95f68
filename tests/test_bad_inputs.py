"""Bad input files: each kind goes to raw.quarantine with its reason, file and line; the
build reports it; nothing valid is lost and nothing invalid reaches the marts.

Every case replaces one shipped file in a private copy of data/ and ingests it (in this
process, into a real DuckDB file) on top of a build file that already holds the good
data, the way a nightly build meets a bad delivery. A whole-file problem keeps the rows
the file had before; a row problem quarantines those rows and loads the rest. Files in
another encoding that can be read without guessing (BOM, UTF-16, a whole file in GBK)
are loaded with the same values as the UTF-8 original, and the encoding is reported.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from yrd_testing import DATA, PROJECT, copy_data, isolated_env

from ingest.config import settings
from ingest.run_ingest import run_ingest
from ingest.sources import all_resources

GDP = "yearbook/city_gdp.csv"
FIG = "figures/official_figures.csv"
CPI = "yearbook/province_cpi.csv"
RESOURCES = {str(r.path): r for r in all_resources()}
SHIPPED = [p for p in RESOURCES if (DATA / p).exists()]


# ---- building bad files from the shipped ones ----

def text(rel: str) -> str:
    return (DATA / rel).read_text(encoding="utf-8")


def lines(rel: str) -> list[str]:
    return text(rel).split("\n")  # [-1] is "" (files end with a newline)


def join(ls: list[str]) -> bytes:
    return "\n".join(ls).encode("utf-8")


def edit_field(rel: str, line: int, column: str, value: str) -> list[str]:
    """The file's lines with one field of one line replaced (line 1 is the header)."""
    ls = lines(rel)
    header = next(csv.reader([ls[0]]))
    row = next(csv.reader([ls[line - 1]]))
    row[header.index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(row)
    ls[line - 1] = buf.getvalue()
    return ls


def edits(rel: str, changes: list[tuple[int, str, str]]) -> bytes:
    ls = lines(rel)
    header = next(csv.reader([ls[0]]))
    for line, column, value in changes:
        row = next(csv.reader([ls[line - 1]]))
        row[header.index(column)] = value
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(row)
        ls[line - 1] = buf.getvalue()
    return join(ls)


def mixed_gbk(rel: str, gbk_lines: list[int]) -> bytes:
    out = []
    for i, ln in enumerate(lines(rel), 1):
        out.append(ln.encode("gbk") if i in gbk_lines else ln.encode("utf-8"))
    return b"\n".join(out)


def appended(rel: str, *extra: str) -> bytes:
    ls = lines(rel)
    return join([*ls[:-1], *extra, ""])


def with_line(rel: str, line: int, new: str) -> bytes:
    ls = lines(rel)
    ls[line - 1] = new
    return join(ls)


def cut_inside_quote(rel: str) -> bytes:
    """Truncated in the middle of a quoted field of the last record."""
    ls = lines(rel)
    last = len(ls) - 1  # index of the last record ("" follows)
    while '"' not in ls[last - 1]:
        last -= 1
    keep = ls[: last - 1]
    quoted = ls[last - 1]
    cut = quoted[: quoted.index('"') + 5]
    return join([*keep, cut])


def lines_with_quote(rel: str) -> int:
    ls = lines(rel)
    n = len(ls) - 1
    while '"' not in ls[n - 1]:
        n -= 1
    return n


GDP_N = len(lines(GDP)) - 1  # physical lines with content (header + records)
ROW2 = lines(GDP)[1]

# ---- the cases ----


@dataclasses.dataclass(frozen=True)
class Case:
    id: str
    target: str
    make: Callable[[], bytes]
    kind: str  # rows | file | decoded
    bad: dict[int, str] = dataclasses.field(default_factory=dict)  # line -> reason regex
    encoding: str = "utf-8"  # for `decoded`: what raw.loads must report
    keeps_first: tuple[int, ...] = ()  # lines that must stay loaded (e.g. a duplicate's first)


CASES = [
    # -- encodings --
    Case("gbk-whole-file", FIG, lambda: text(FIG).encode("gbk"), "decoded",
         encoding="gb18030"),
    Case("utf16-with-bom", FIG, lambda: text(FIG).encode("utf-16"), "decoded",
         encoding="utf-16"),
    Case("utf16le-without-bom", FIG, lambda: text(FIG).encode("utf-16-le"), "decoded",
         encoding="utf-16-le"),
    Case("utf8-bom", FIG, lambda: b"\xef\xbb\xbf" + text(FIG).encode("utf-8"), "decoded",
         encoding="utf-8-sig"),
    Case("mixed-utf8-and-gbk-lines", FIG, lambda: mixed_gbk(FIG, [10, 20]), "rows",
         {10: r"mixed encodings: this line is not UTF-8 .*reads as GBK: of-0005,6,Kunshan 昆山",
          20: r"mixed encodings"}),
    Case("shift-jis-file", GDP,
         lambda: with_line(GDP, 3, ROW2.replace("Hangzhou(city)", "杭州（ハンチョウ）"))
         .decode("utf-8").encode("shift_jis"), "file",
         {3: r":3: not UTF-8.*(unlikely characters|not GBK).*convert the file to UTF-8"}),
    Case("windows-1252-file", GDP,
         lambda: with_line(GDP, 4, ROW2.replace("Hangzhou(city)", "Hangzhou (città)"))
         .decode("utf-8").encode("cp1252"), "file",
         {4: r":4: not UTF-8.*convert the file to UTF-8"}),
    # -- structure --
    Case("truncated-mid-row", GDP, lambda: join(lines(GDP)[:-1])[:-40], "rows",
         {GDP_N: r"truncated file: the last line ends early, ragged row"}),
    Case("truncated-inside-quotes", FIG, lambda: cut_inside_quote(FIG), "rows",
         {lines_with_quote(FIG): r"broken CSV: unexpected end of data \(an unclosed quote\?\)"}),
    Case("ragged-rows", GDP,
         lambda: join([*(lines(GDP)[:4]), lines(GDP)[4] + ",extra",
                       lines(GDP)[5].rsplit(",", 1)[0], *lines(GDP)[6:]]), "rows",
         {5: r"ragged row: 16 fields where the header has 15",
          6: r"ragged row: 14 fields where the header has 15"}),
    Case("stray-quote-mid-file", GDP,
         lambda: with_line(GDP, 10, lines(GDP)[9].replace("1990,", '1990,"', 1)), "rows",
         {10: r"broken CSV: .*(unclosed quote|unbalanced quote)"}),
    Case("semicolon-delimiter", GDP, lambda: text(GDP).replace(",", ";").encode(), "file",
         {1: r":1: header has one column; wrong delimiter \(';' instead of ','\)"}),
    Case("tab-delimiter", CPI, lambda: text(CPI).replace(",", "\t").encode(), "file",
         {1: r"wrong delimiter \('\\t' instead of ','\)"}),
    Case("empty-file", GDP, lambda: b"", "file", {0: r": file is empty$"}),
    Case("whitespace-only", CPI, lambda: b"\n\r\n   \n", "file",
         {0: r": file is empty \(whitespace only\)"}),
    Case("header-only", GDP, lambda: join([lines(GDP)[0], ""]), "file",
         {1: r":1: header only, no data rows"}),
    Case("html-saved-as-csv", GDP,
         lambda: b"<!DOCTYPE html>\n<html><head><title>404</title></head><body><table><tr>"
                 b"<td>Sgnyea</td></tr></table></body></html>\n", "file",
         {1: r":1: file is HTML, not CSV"}),
    Case("xlsx-saved-as-csv", GDP, lambda: b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),
         "file", {1: r":1: file is a ZIP archive \(an Excel .xlsx workbook saved as .csv\?\)"}),
    Case("gzip-saved-as-csv", CPI, lambda: gzip.compress(text(CPI).encode()), "file",
         {1: r":1: file is gzip-compressed: decompress it first \(gunzip\), then load the CSV"}),
    Case("binary-garbage", CPI, lambda: b"Sgnyea,Prvcnm_id\n\x00\x01\x02\xff\xfe\x00" * 50,
         "file", {2: r":2: binary content \(NUL bytes\)"}),
    Case("renamed-column", GDP,
         lambda: with_line(GDP, 1, lines(GDP)[0].replace("Gdpct01", "GDP")), "file",
         {1: r":1: header does not match the expected columns \(missing: Gdpct01; "
             r"unexpected: GDP\)"}),
    Case("header-repeated-inside", GDP,
         lambda: join([*lines(GDP)[:600], lines(GDP)[0], *lines(GDP)[600:]]), "rows",
         {601: r"header repeated inside the file"}),
    # -- values --
    Case("unknown-unit", FIG, lambda: edits(FIG, [(3, "unit", "万亿日元")]), "rows",
         {3: r"unknown unit in unit: 万亿日元 \(not in seeds/units.csv\)"}),
    Case("unknown-place", GDP, lambda: edits(GDP, [(7, "Ctnm_id", "999999")]), "rows",
         {7: r"unknown place code in Ctnm_id: 999999"}),
    Case("exact-duplicate-row", GDP, lambda: appended(GDP, ROW2), "rows",
         {GDP_N + 1: r"exact duplicate of line 2$"}, keeps_first=(2,)),
    Case("conflicting-duplicates", GDP,
         lambda: appended(GDP, ROW2.replace("178.0300", "179.0300")), "rows",
         {2: r"conflicting duplicate: key \(Sgnyea, Ctnm_id\) = \(1990, 330100\) differs on "
             rf"lines 2, {GDP_N + 1}",
          GDP_N + 1: r"conflicting duplicate"}),
    Case("duplicate-key-but-for-spaces", GDP,
         lambda: appended(GDP, ROW2.replace("1990,", " 1990 ,", 1)), "rows",
         {GDP_N + 1: r"exact duplicate of line 2$"}, keeps_first=(2,)),
    Case("negative-value", GDP, lambda: edits(GDP, [(8, "Gdpct01", "-81.33")]), "rows",
         {8: r"impossible value in Gdpct01 \(gdp\): -81.33 亿元 = -8.133e\+09 CNY, outside "
             r"0\.\.1.5e\+14 \(a place's GDP cannot be negative"}),
    Case("gdp-10000-times-too-large", GDP, lambda: edits(GDP, [(2, "Gdpct01", "1780300")]),
         "rows", {2: r"impossible value in Gdpct01 \(gdp\): 1780300 亿元 = 1.7803e\+14 CNY, "
                     r"outside 0\.\.1.5e\+14 .*exceed China's"}),
    Case("future-year", GDP, lambda: edits(GDP, [(9, "Sgnyea", "2099")]), "rows",
         {9: r"year out of range 1949\.\.\d{4} in Sgnyea: 2099"}),
    Case("text-in-numeric-column", GDP,
         lambda: edits(GDP, [(11, "Gdpct01", "约180"), (12, "GDP_PerCapita", "n/a")]), "rows",
         {11: r"text in numeric column Gdpct01: 约180",
          12: r"text in numeric column GDP_PerCapita: n/a"}),
    Case("full-width-digits", GDP, lambda: edits(GDP, [(13, "Gdpct01", "１７８.０３")]), "rows",
         {13: r"text in numeric column Gdpct01: １７８.０３"}),
    Case("missing-key", GDP, lambda: edits(GDP, [(14, "Ctnm_id", "")]), "rows",
         {14: r"missing value in required column Ctnm_id"}),
]



# Issue 12: values that used to pass ingest, or to pass it and then stop the build (a dbt
# cast failing on NaN, a negative GDP failing a blocking check). Each is one field of one
# line: (id, file, line, column, value, reason). The same edits, all in one data copy, go
# through a real build in test_bad_rows_are_quarantined_and_the_build_publishes.
POP = "yearbook/city_population_employment.csv"
AMBIGUOUS = r" \(the decimal mark is a point; a comma only separates thousands"
VALUE_EDITS = [
    ("decimal-comma", GDP, 1000, "Gdpct01", "11313,72",
     r"ambiguous number format in Gdpct01: 11313,72" + AMBIGUOUS),
    ("comma-not-in-thousands", GDP, 1001, "GDP_PerCapita", "12,34",
     r"ambiguous number format in GDP_PerCapita: 12,34" + AMBIGUOUS),
    ("underscore-digit-separator", GDP, 1002, "GDP_TerInd", "2_872_600",
     r"ambiguous number format in GDP_TerInd: 2_872_600"),
    ("nan", GDP, 1003, "Gdpct01", "NaN", r"not a finite number in Gdpct01: NaN"),
    ("inf", GDP, 1004, "GDPYoY", "-Inf", r"not a finite number in GDPYoY: -Inf"),
    ("overflow-1e309", GDP, 1005, "Gdpct01", "1e309",
     r"number out of range in Gdpct01: 1e309 \(not finite"),
    ("negative-value-added", GDP, 1006, "GDP_SecInd", "-4546300",
     r"impossible value in GDP_SecInd \(value_added\): -4546300 万元 = -4.5463e\+10 CNY"),
    ("absurd-gdp", GDP, 1007, "Gdpct01", "999999999999",
     r"impossible value in Gdpct01 \(gdp\): 999999999999 亿元 = 1e\+20 CNY"),
    ("negative-real-growth-below-100", GDP, 1008, "GDPYoY", "-107.2",
     r"impossible value in GDPYoY \(gdp_growth\): -107.2 % = -107.2 percent, outside -100\.\."),
    ("city-code-of-another-province", GDP, 27, "Prvcnm_id", "330000",
     r"place 320500 lies in province 320000, but Prvcnm_id is 330000"),
    ("negative-population", POP, 1000, "Eect01", "-648.72",
     r"impossible value in Eect01 \(registered_population\): -648.72 万人"),
    ("negative-gdp-figure", FIG, 2, "value", "-2100",
     r"impossible value in value \(gdp\): -2100 亿元"),
    ("malformed-period", FIG, 4, "period", "2021xyz", r"malformed period in period: 2021xyz"),
    ("impossible-month", FIG, 8, "published", "2023-99",
     r"published is not a date \(YYYY-MM-DD or YYYY-MM\): 2023-99"),
    ("impossible-day", FIG, 9, "published", "2023-02-30",
     r"published is not a date \(YYYY-MM-DD or YYYY-MM\): 2023-02-30"),
    ("line-number-not-integer", FIG, 10, "source_line", "6a", r"not a whole number in source_line"),
    ("decimal-comma-figure", FIG, 12, "value", "243,5",
     r"ambiguous number format in value: 243,5"),
    ("nan-growth", FIG, 14, "growth_pct_stated", "NaN",
     r"not a finite number in growth_pct_stated: NaN"),
]

CASES += [
    Case(f"value-{name}", rel,
         lambda rel=rel, line=line, col=col, v=v: edits(rel, [(line, col, v)]),
         "rows", {line: pattern})
    for name, rel, line, col, v, pattern in VALUE_EDITS
]


def test_at_least_twenty_kinds() -> None:
    assert len(CASES) >= 20
    assert len({c.id for c in CASES}) == len(CASES)


# ---- running a case ----

@dataclasses.dataclass
class Workspace:
    data: Path
    template: Path
    cfg: object
    before: dict[str, tuple[int, str, str]]  # file -> (rows, values checksum, load ids)


def raw_state(con: duckdb.DuckDBPyConnection, table: str, file: str,
              columns: tuple[str, ...]) -> tuple[int, str, str]:
    cols = ", ".join(f'"{c}"' for c in columns)
    return con.execute(
        f"select count(*), coalesce(md5(string_agg(concat_ws(chr(31), {cols}), chr(30) "
        f"order by _line)), ''), coalesce(string_agg(distinct _load_id, ','), '') "
        f"from {table} where _file = ?", [file]).fetchone()


def shown(ws: Workspace, rel: str) -> str:
    return str((ws.data / rel).resolve())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("bad_inputs")
    data = copy_data(root / "data")
    cfg = dataclasses.replace(settings(), data_dir=data, build_dir=root / "build",
                              build_db=root / "template.duckdb",
                              warehouse=root / "warehouse" / "yrd.duckdb", documents_dir=None)
    con = duckdb.connect(str(cfg.build_db))
    try:
        report = run_ingest(con, cfg)
        targets = {str((data / c.target).resolve()) for c in CASES}
        dirty = [r.problems for r in report.results if r.file in targets
                 and (r.status == "failed" or r.rows_quarantined)]
        assert not dirty, f"the cases assume the shipped files they damage are clean: {dirty}"
        before = {rel: raw_state(con, RESOURCES[rel].table, str((data / rel).resolve()),
                                 RESOURCES[rel].columns) for rel in SHIPPED}
    finally:
        con.close()
    return Workspace(data, cfg.build_db, cfg, before)


def ingest_bad(ws: Workspace, case: Case, tmp_path: Path) -> tuple[object, Path]:
    db = tmp_path / "case.duckdb"
    shutil.copy(ws.template, db)
    target = ws.data / case.target
    target.write_bytes(case.make())
    try:
        con = duckdb.connect(str(db))
        try:
            report = run_ingest(con, dataclasses.replace(ws.cfg, build_db=db))
        finally:
            con.close()
    finally:
        shutil.copy(DATA / case.target, target)  # the next case starts from the good file
    return report, db


def expected_records(content: str) -> dict[int, list[str]]:
    """Physical line -> fields, for the lines of a (one record per line) file."""
    out = {}
    for i, ln in enumerate(content.split("\n"), 1):
        if i > 1 and ln.strip():
            out[i] = next(csv.reader([ln]))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    res = RESOURCES[case.target]
    file = shown(ws, case.target)
    content = case.make()
    report, db = ingest_bad(ws, case, tmp_path)
    result = next(r for r in report.results if r.resource == res.name)
    con = duckdb.connect(str(db), read_only=True)
    try:
        quarantined = con.execute(
            "select line, rule, reason, record from raw.quarantine where file = ? "
            "order by line, rule", [file]).fetchall()
        state = raw_state(con, res.table, file, res.columns)
        loaded_lines = {r[0] for r in con.execute(
            f"select _line from {res.table} where _file = ?", [file]).fetchall()}
        others = {rel: raw_state(con, RESOURCES[rel].table, shown(ws, rel),
                                 RESOURCES[rel].columns)
                  for rel in SHIPPED if rel != case.target}
        last_load = con.execute(
            "select status, encoding, message from raw.loads where file = ? "
            "order by finished_at desc limit 1", [file]).fetchone()
    finally:
        con.close()

    # The other files are untouched whatever happens to this one.
    assert others == {rel: ws.before[rel] for rel in others}
    # The build reports it: the ingest result carries the problems, with file and line.
    reported = "\n".join(result.problems)

    if case.kind == "decoded":
        assert quarantined == [], quarantined
        assert state[:2] == ws.before[case.target][:2], "values differ from the UTF-8 original"
        assert last_load[0] == "loaded" and last_load[1] == case.encoding, last_load
        assert case.encoding.split("-")[0] in (last_load[2] or "").lower() or \
            "gb18030" in (last_load[2] or "").lower(), last_load
        assert re.search(r"decoded as", reported), reported
        return

    assert quarantined, f"nothing quarantined for {case.id}; problems: {reported}"
    if case.kind == "file":
        assert len(quarantined) == 1, quarantined
        line, rule, reason, record = quarantined[0]
        (want_line, pattern), = case.bad.items()
        assert rule == "file"
        assert line == want_line, (line, reason)
        assert reason.startswith(file), reason  # names the file
        assert re.search(pattern, reason), reason
        assert json.loads(record)["file"] == file
        assert result.status == "failed" and reason in reported
        # Nothing valid lost: the rows this file had before are still there, untouched.
        assert state == ws.before[case.target]
        assert last_load[0] == "failed"
        return

    # Row problems: exactly the bad lines are quarantined, with a reason that says why.
    by_line: dict[int, list[str]] = {}
    for line, _rule, reason, record in quarantined:
        by_line.setdefault(line, []).append(reason)
        assert json.loads(record), "the quarantined row keeps its content"
    assert set(by_line) == set(case.bad), by_line
    for line, pattern in case.bad.items():
        assert any(re.search(pattern, r) for r in by_line[line]), (line, by_line[line])
        assert any(f"{file}:{line}: " in p for p in result.problems), reported
    # Nothing valid lost, nothing invalid loaded: every other line is in raw, as written.
    decoded_text = content.decode("utf-8", errors="replace")
    records = expected_records(decoded_text)
    assert loaded_lines == set(records) - set(case.bad), \
        sorted(loaded_lines ^ (set(records) - set(case.bad)))[:10]
    for line in case.keeps_first:
        assert line in loaded_lines
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = ", ".join(f'"{c}"' for c in res.columns)
        got = {r[0]: list(r[1:]) for r in con.execute(
            f"select _line, {cols} from {res.table} where _file = ?", [file]).fetchall()}
    finally:
        con.close()
    header = next(csv.reader([decoded_text.split("\n")[0]]))
    order = [header.index(c) for c in res.columns]
    for line in sorted(loaded_lines)[:: max(1, len(loaded_lines) // 200)]:
        assert got[line] == [records[line][i] for i in order], line


# ---- incremental: unchanged inputs are not ingested again ----

def test_unchanged_files_are_skipped_and_changed_ones_reloaded(
        workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    db = tmp_path / "incr.duckdb"
    shutil.copy(ws.template, db)
    cfg = dataclasses.replace(ws.cfg, build_db=db)
    con = duckdb.connect(str(db))
    try:
        report = run_ingest(con, cfg)
        assert {r.status for r in report.results if r.file in map(str, [
            (ws.data / p).resolve() for p in SHIPPED])} == {"unchanged"}
        # Change one file: only it is loaded again.
        target = ws.data / CPI
        original = target.read_bytes()
        target.write_bytes(edits(CPI, [(2, "Pi0101", "114.0000")]))
        try:
            report = run_ingest(con, cfg)
            status = {Path(r.file).name: r.status for r in report.results
                      if Path(r.file).name in {Path(p).name for p in SHIPPED}}
            assert status.pop("province_cpi.csv") == "loaded"
            assert set(status.values()) == {"unchanged"}
            # Back to the old bytes: loaded again (the table holds the changed rows now).
            target.write_bytes(original)
            report = run_ingest(con, cfg)
            again = next(r for r in report.results if r.file.endswith("province_cpi.csv"))
            assert again.status == "loaded"
            assert con.execute("select \"Pi0101\" from raw.yearbook_province_cpi "
                               "where _line = 2 and _file = ?",
                               [shown(ws, CPI)]).fetchone()[0] == \
                lines(CPI)[1].split(",")[3].strip()
        finally:
            target.write_bytes(original)
        # --force reloads everything.
        report = run_ingest(con, cfg, force=True)
        assert all(r.status == "loaded" for r in report.results if r.status != "absent")
    finally:
        con.close()


# ---- a deleted or renamed file leaves raw at the next ingest ----

def test_rows_of_a_deleted_or_renamed_file_leave_raw(workspace: Workspace,
                                                     tmp_path: Path) -> None:
    """Issue 12: a long-format file with a bad row was deleted, and its rows stayed in
    raw.observations for good. Now they leave raw (and raw.quarantine) at the next
    ingest, and raw.loads keeps its loads plus a 'removed' entry."""
    ws = workspace
    db = tmp_path / "removed.duckdb"
    shutil.copy(ws.template, db)
    cfg = dataclasses.replace(ws.cfg, build_db=db)
    folder = ws.data / "observations"
    first, renamed = folder / "a.csv", folder / "b.csv"
    first.write_text(OBS_HEADER + "\n320583,gdp,,2019,4045.06,亿元,final,,\n"
                     "320583,gdp,,2018,-1,亿元,final,,\n", encoding="utf-8")
    a, b = str(first.resolve()), str(renamed.resolve())

    def state() -> tuple[list, list, list]:
        with duckdb.connect(str(db), read_only=True) as con:
            return (con.execute("select _file, _line from raw.observations order by 1, 2")
                    .fetchall(),
                    con.execute("select file, line from raw.quarantine where file in (?, ?) "
                                "order by 1, 2", [a, b]).fetchall(),
                    con.execute("select file, status, rows_loaded from raw.loads "
                                "where file in (?, ?) order by finished_at", [a, b]).fetchall())

    try:
        with duckdb.connect(str(db)) as con:
            run_ingest(con, cfg)
        assert state()[:2] == ([(a, 2)], [(a, 3)])
        first.rename(renamed)
        with duckdb.connect(str(db)) as con:
            report = run_ingest(con, cfg)
        rows, quarantined, loads = state()
        assert rows == [(b, 2)] and quarantined == [(b, 3)]
        assert loads == [(a, "loaded", 1), (b, "loaded", 1), (a, "removed", 0)], loads
        assert report.removed == [f"{a}: no longer among the inputs; its 1 row(s) left raw "
                                  "(its earlier loads stay in raw.loads)"]
        renamed.unlink()
        with duckdb.connect(str(db)) as con:
            run_ingest(con, cfg)
        rows, quarantined, loads = state()
        assert rows == [] and quarantined == []
        assert loads[-1] == (b, "removed", 0)
    finally:
        first.unlink(missing_ok=True)
        renamed.unlink(missing_ok=True)


# ---- a very large file ----

_PEAK_WRAPPER = """
import resource, runpy, sys
sys.argv[0] = "yrd"
try:
    runpy.run_module("yrd.cli", run_name="__main__")
finally:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"YRD-PEAK-KB {kb}", file=sys.stderr)
"""

BIG_ROW = {  # column -> SQL over i (0-based row number); other columns are empty
    "figure_id": "'of-' || i", "source_line": "'1'", "entity_as_written": "'Kunshan 昆山'",
    "level_as_written": "'county-level city'", "level": "'county'", "place_code": "'320583'",
    "year": "(1990 + i % 30)::varchar", "period": "(1990 + i % 30)::varchar",
    "indicator_as_written": "'GDP'", "indicator": "'gdp'", "kind": "'actual'",
    "qualifier": "'eq'", "value_as_written": "(100 + i % 997)::varchar",
    "value": "(100 + i % 997)::varchar", "unit_as_written": "'亿元'", "unit": "'亿元'",
    "published": "'2011-03'", "source_url": "'http://example.org/' || i",
    "source_kind": "'test'", "reliability": "'low'", "reliability_rank": "'4'",
}


@pytest.mark.slow
def test_very_large_file_loads_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """A million rows (about 160 MB) with three bad ones in the middle: loaded by a real
    `yrd ingest` process in bounded time and memory; exactly the three are quarantined."""
    n_rows = 1_000_000
    data = copy_data(tmp_path / "data")
    header = next(csv.reader([lines(FIG)[0]]))
    bad = {300_001: ("unit", "'bushels'"), 600_001: ("value", "'lots'"),
           900_001: ("kind", "'guess'")}
    exprs = []
    for col in header:
        expr = BIG_ROW.get(col, "''")
        for line, (bad_col, value) in bad.items():
            if bad_col == col:
                expr = f"case when i + 2 = {line} then {value} else {expr} end"
        exprs.append(f'{expr} as "{col}"')
    with duckdb.connect() as gen:
        gen.execute(f"copy (select {', '.join(exprs)} from range({n_rows}) as t(i) order by i) "
                    f"to '{data / FIG}' (header, delimiter ',')")
    size_mb = (data / FIG).stat().st_size / 1e6
    env = isolated_env(tmp_path, data)
    start = time.monotonic()
    # The child reports its own peak memory (RUSAGE_CHILDREN would mix in earlier builds).
    proc = subprocess.run(
        [sys.executable, "-c", _PEAK_WRAPPER, "ingest", "--show", "5"], env=env, cwd=PROJECT,
        capture_output=True, text=True, timeout=300, check=False)
    seconds = time.monotonic() - start
    peak = re.search(r"YRD-PEAK-KB (\d+)", proc.stderr)
    peak_mb = int(peak[1]) / 1024 if peak else float("nan")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    con = duckdb.connect(str(tmp_path / "build" / "yrd.duckdb"), read_only=True)
    try:
        file = str((data / FIG).resolve())
        loaded = con.execute("select count(*) from raw.official_figures where _file = ?",
                             [file]).fetchone()[0]
        q = con.execute("select line, reason from raw.quarantine where file = ? order by line",
                        [file]).fetchall()
    finally:
        con.close()
    print(f"{size_mb:.0f} MB, {seconds:.1f} s, peak {peak_mb:.0f} MB")
    assert loaded == n_rows - len(bad)
    assert [line for line, _ in q] == sorted(bad), q
    assert "unknown unit" in q[0][1] and "text in numeric column value" in q[1][1] \
        and "unexpected value in kind: guess" in q[2][1]
    assert "quarantined 3" in proc.stdout
    # Bounded: well under a minute on a CI runner, and memory a small multiple of the file
    # (the loader builds Arrow columns in chunks instead of Python lists of millions).
    assert seconds < 120, f"{size_mb:.0f} MB took {seconds:.0f} s"
    assert peak_mb < max(2000, 10 * size_mb), f"{size_mb:.0f} MB file: peak {peak_mb:.0f} MB"


# ---- a document in an unexpected language or encoding ----

def _load_documents(tmp_path: Path, files: dict[str, bytes]) -> tuple[object, dict, list]:
    try:
        from ingest.documents.parse import parse_document  # noqa: F401
        from ingest.sources.documents import load_folder
    except ImportError as exc:
        pytest.skip(f"the documents loader is not there yet ({exc}); "
                    "ingest/documents is being written")
    from ingest.load import ensure_raw_schema

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    con = duckdb.connect(str(tmp_path / "docs.duckdb"))
    try:
        ensure_raw_schema(con)
        report = load_folder(con, folder, "test")
        q = {Path(f).name: reason for f, reason in
             con.execute("select file, reason from raw.quarantine").fetchall()}
        docs = [Path(r[0]).name for r in con.execute("select _file from raw.documents").fetchall()]
    finally:
        con.close()
    return report, q, docs


ENGLISH = b"Shanghai's GDP reached 4,721.8 billion yuan in 2023, up 5.0% on the year.\n"


def test_document_in_unexpected_language_is_quarantined(tmp_path: Path) -> None:
    korean = "상하이시 2023년 지역총생산은 4조 7,218억 위안으로 전년 대비 5.0% 증가했다.\n" * 5
    report, q, docs = _load_documents(tmp_path, {
        "korean.txt": korean.encode("utf-8"),
        "declared.txt": ("lang: ko\n\n" + korean).encode("utf-8"), "english.txt": ENGLISH})
    assert "declared.txt" in q, q
    assert "korean.txt" in q and re.search(r"language", q["korean.txt"]), q
    assert "english.txt" in docs and "korean.txt" not in docs
    assert any("korean.txt" in p for p in report.problems)


def test_document_in_unexpected_encoding_is_quarantined(tmp_path: Path) -> None:
    latin = "Le PIB de Shanghai a atteint 4 721,8 milliards de yuans en 2023 (città).\n" * 5
    _, q, docs = _load_documents(tmp_path, {
        "cp1252.txt": latin.encode("cp1252"), "english.txt": ENGLISH})
    assert "cp1252.txt" in q and re.search(r"UTF-8|GB18030|decod", q["cp1252.txt"]), q
    assert "english.txt" in docs and "cp1252.txt" not in docs


def test_document_in_big5_is_not_read_as_gbk(tmp_path: Path) -> None:
    big5 = "上海市二○二三年國內生產總值為四萬七千二百一十八億元，比上年增長百分之五。\n" * 5
    _, q, docs = _load_documents(tmp_path, {"big5.txt": big5.encode("big5")})
    assert "big5.txt" in q and "big5.txt" not in docs


def test_impossible_extracted_figures_are_quarantined_and_the_rest_load(
        tmp_path: Path) -> None:
    """Issue 12: figures extracted from a folder of documents skipped the loader's rules,
    so a GDP read as negative ("-4,721.8 billion yuan") reached the marts and failed a
    blocking check. They now meet document_figures' rules; the document's other figures
    load."""
    doc = (b"Shanghai's GDP reached -4,721.8 billion yuan in 2023, up 5.0% on the year.\n"
           b"Kunshan's GDP reached 999,999,999 trillion yuan in 2023.\n")
    report, _, docs = _load_documents(tmp_path, {"odd.txt": doc, "english.txt": ENGLISH})
    assert sorted(docs) == ["english.txt", "odd.txt"]
    with duckdb.connect(str(tmp_path / "docs.duckdb"), read_only=True) as con:
        held = con.execute("select line, reason from raw.quarantine where file like '%odd.txt' "
                           "order by line").fetchall()
        kept = con.execute("select f.indicator, f.value from raw.document_figures as f "
                           "join raw.documents as d using (doc_id) "
                           "where d._file like '%odd.txt'").fetchall()
    assert [line for line, _ in held] == [1, 2], held
    assert re.search(r"-4,721.8 billion yuan.*impossible value in value \(gdp\)", held[0][1])
    assert re.search(r"impossible value in value \(gdp\): 999999999000000000", held[1][1])
    assert kept == [("gdp_growth", "5")], kept  # the growth rate of the same sentence loads
    assert sum("odd.txt:1: " in p for p in report.problems) == 1, report.problems


def test_compressed_document_is_quarantined_with_a_true_reason(tmp_path: Path) -> None:
    """Issue 12: a gzip file named .txt was refused as "not CSV". It is not a CSV that
    was expected; the reason says what the file is and what to do."""
    import bz2

    _, q, docs = _load_documents(tmp_path, {
        "gz.txt": gzip.compress(ENGLISH * 5), "bz.md": bz2.compress(ENGLISH * 5),
        "english.txt": ENGLISH})
    assert re.search(r"gz\.txt:1: file is gzip-compressed: decompress it first", q["gz.txt"]), q
    assert re.search(r"file is bzip2-compressed: decompress it first", q["bz.md"]), q
    assert not any("CSV" in reason for reason in q.values()), q
    assert docs == ["english.txt"]


# ---- representative bad rows through a full build: nothing invalid in the marts ----
# The build runs in tests/test_wap.py (its scenario's recovery build publishes these
# inputs while a reader queries the warehouse), to save a full build in CI time:
# test_wap.py::test_bad_rows_are_held_back_and_only_valid_rows_are_published.

def write_representative_bad_rows(data: Path) -> set[tuple[str, int]]:
    """Put bad rows of several kinds into a copy of data/; returns (file, line) of each
    row that must be held back (the file named as the loader names it)."""
    conflicting = edit_field(GDP, 3, "Gdpct01", "999.0")[2]
    gdp = edits(GDP, [(8, "Gdpct01", "-81.33"), (2, "Gdpct01", "1780300"),
                      (9, "Sgnyea", "2099"), (7, "Ctnm_id", "999999"),
                      (11, "Gdpct01", "约180")]).decode()
    (data / GDP).write_text(gdp.rstrip("\n") + "\n" + conflicting + "\n", encoding="utf-8")
    fig = edits(FIG, [(3, "unit", "bushels")]).decode().split("\n")
    (data / FIG).write_bytes(b"\n".join(ln.encode("gbk" if i == 10 else "utf-8")
                                        for i, ln in enumerate(fig, 1)))
    gdp_file, fig_file = str((data / GDP).resolve()), str((data / FIG).resolve())
    return ({(gdp_file, n) for n in (2, 3, 7, 8, 9, 11, GDP_N + 1)}
            | {(fig_file, 10), (fig_file, 3)})


def assert_only_valid_rows_published(warehouse: Path, bad: set[tuple[str, int]],
                                     gdp_file: str) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        q = set(con.execute("select file, line from raw.quarantine").fetchall())
        assert bad <= q, bad - q
        con.execute("create temp table bad (f varchar, n integer)")
        con.executemany("insert into bad values (?, ?)", [list(b) for b in q])
        leaked = con.execute(
            "select source_file, source_line, indicator, value from marts.fct_observations "
            "where (source_file, source_line) in (select (f, n) from bad)").fetchall()
        assert leaked == []
        assert con.execute("select count(*) from marts.fct_observations where "
                           "indicator = 'gdp' and unit = 'CNY' and (value < 0 or value > 1.5e14)"
                           ).fetchone()[0] == 0
        assert con.execute("select max(year) from marts.fct_observations").fetchone()[0] < 2099
        # ...and the valid rows of the bad file are there.
        lines_in_marts = con.execute("select count(distinct source_line) from "
                                     "marts.fct_observations where source_file = ?",
                                     [gdp_file]).fetchone()[0]
        assert lines_in_marts >= GDP_N - 1 - 7 - 50  # a line without any figure may be absent
        run = con.execute("select status, quarantined_rows from meta.build_runs "
                          "order by started_at desc limit 1").fetchone()
        assert run[0] == "published" and run[1] == len(q)
    finally:
        con.close()


# ---- issue 12: bad rows never stop a build; a deleted file's rows leave raw ----

OBS = "observations/long.csv"
OBS_ROWS = [  # (row, reason regex or None for a valid row); line = index + 2
    ("320583,gdp,,2019,4045.06,亿元,final,2020-03-20,valid", None),
    ("320583,gdp,,2020,NaN,亿元,final,,nan", r"not a finite number in value: NaN"),
    ("320583,gdp,,2021,Inf,亿元,final,,inf", r"not a finite number in value: Inf"),
    ("320583,gdp,,2022,1e309,亿元,final,,overflow", r"number out of range in value: 1e309"),
    ("320583,gdp,,2018,-3800,亿元,final,,negative", r"impossible value in value \(gdp\): -3800"),
    ('320583,gdp,,2017,"4748,5",亿元,final,,decimal comma',
     r"ambiguous number format in value: 4748,5"),
    ('320583,gdp,,2016,"12,34",亿元,final,,', r"ambiguous number format in value: 12,34"),
    ("320583,gdp,,2015,1_000,亿元,final,,", r"ambiguous number format in value: 1_000"),
    ("320583,gdp,,2014,999999999999,亿元,final,,absurd",
     r"impossible value in value \(gdp\): 999999999999 亿元 = 1e\+20 CNY"),
    ("320583,value_added,secondary industry,2021,-12,亿元,final,,",
     r"impossible value in value \(value_added\): -12 亿元"),
    ("320583,gdp,,2021xyz,4000,亿元,final,,", r"malformed period in period: 2021xyz"),
    ("320583,gdp,,2011,2.5,Mrd.,final,,a scale word alone",
     r"unknown unit in unit: Mrd\. \(in seeds/units.csv only as a scale word, not a unit"),
    ("320583,gdp,,2013,3000,亿元,final,2023-99,",
     r"published is not a date \(YYYY-MM-DD or YYYY-MM\): 2023-99"),
    ('320583,gdp,,2012,"3,000.5",亿元,preliminary,2013-01,grouped thousands', None),
    ("320583,gdp_growth,,2019,-5.2,%,final,,a fall", None),
    ("320583,retail_sales,,2023-01..07,1000,亿元,preliminary,2023-08,months", None),
]
OBS_HEADER = "place_code,indicator,sector,period,value,unit,vintage,published,source"


def _write_all_bad_rows(data: Path) -> dict[tuple[str, int], str]:
    """Every VALUE_EDITS edit and the OBS_ROWS file in one copy of data/: (file, line) ->
    reason regex of each row that must be held back."""
    bad: dict[tuple[str, int], str] = {}
    by_file: dict[str, list[tuple[int, str, str]]] = {}
    for _name, rel, line, col, value, pattern in VALUE_EDITS:
        by_file.setdefault(rel, []).append((line, col, value))
        bad[(str((data / rel).resolve()), line)] = pattern
    for rel, changes in by_file.items():
        (data / rel).write_bytes(edits(rel, changes))
    (data / OBS).write_text("\n".join([OBS_HEADER, *(r for r, _ in OBS_ROWS)]) + "\n",
                            encoding="utf-8")
    for i, (_row, pattern) in enumerate(OBS_ROWS, 2):
        if pattern:
            bad[(str((data / OBS).resolve()), i)] = pattern
    return bad


def _query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_bad_rows_are_quarantined_and_the_build_publishes(tmp_path: Path) -> None:
    """Issue 12. Every bad value of VALUE_EDITS and OBS_ROWS at once, through a real
    `yrd build`: it exits 0 and publishes; each bad row is in raw.quarantine with its
    reason and reaches no mart; the valid rows of the same files are in the marts; the
    output names file and line and points to `yrd quarantine`, which lists them. Then the
    long-format file is deleted: the next build takes its rows out of raw and the marts,
    and raw.loads keeps what was loaded."""
    from yrd_testing import run_yrd

    data = copy_data(tmp_path / "data")
    bad = _write_all_bad_rows(data)
    env = isolated_env(tmp_path, data)
    proc = run_yrd(env, "build")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-5000:]
    warehouse = tmp_path / "warehouse" / "yrd.duckdb"
    obs_file = str((data / OBS).resolve())
    assert f"{obs_file}:3: not a finite number in value: NaN" in out
    assert "rows quarantined in this load" in out and "`yrd quarantine`" in out

    quarantined: dict[tuple[str, int], list[str]] = {}
    for file, line, reason in _query(warehouse, "select file, line, reason from raw.quarantine"):
        quarantined.setdefault((file, line), []).append(reason)
    assert set(quarantined) == set(bad), set(quarantined) ^ set(bad)
    for key, pattern in bad.items():
        assert any(re.search(pattern, r) for r in quarantined[key]), (key, quarantined[key])
    in_marts = {(f, n) for f, n in _query(
        warehouse, "select distinct source_file, source_line from marts.fct_observations")}
    assert not set(bad) & in_marts, set(bad) & in_marts
    # The valid rows of every damaged file reach the marts.
    for rel, column in ((GDP, "Gdpct01"), (POP, "Eect01"), (FIG, "value")):
        file = str((data / rel).resolve())
        with (data / rel).open(encoding="utf-8", newline="") as fh:
            valid = {i for i, row in enumerate(csv.DictReader(fh), 2)
                     if row[column].strip() and (file, i) not in bad}
        missing = {(file, n) for n in valid} - in_marts
        assert not missing, sorted(missing)[:10]
    obs_values = dict(_query(
        warehouse, "select source_line, value from marts.fct_observations "
        "where source_file = ?", [obs_file]))
    assert obs_values == {2: 4045.06e8, 15: 3000.5e8, 16: -5.2, 17: 1000e8}, obs_values
    run = _query(warehouse, "select status, quarantined_rows from meta.build_runs "
                 "order by started_at desc limit 1")[0]
    assert run == ("published", len(bad)), run

    listing = run_yrd(env, "quarantine", "--limit", "0")
    assert listing.returncode == 0, listing.stderr
    for file, line in bad:
        assert f"{file}:{line}" in listing.stdout.replace("\n", ""), (file, line)
    as_json = json.loads(run_yrd(env, "quarantine", "--format", "json", "--file",
                                 "long.csv").stdout)
    assert {r["line"] for r in as_json} == {n for f, n in bad if f == obs_file}
    assert all(r["file"] == obs_file and r["reason"] for r in as_json)

    # The file is deleted: its rows leave raw and the marts at the next build.
    (data / OBS).unlink()
    proc = run_yrd(env, "build")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    assert f"{obs_file}: no longer among the inputs; its 4 row(s) left raw" in proc.stdout
    assert _query(warehouse, "select count(*) from raw.observations where _file = ?",
                  [obs_file]) == [(0,)]
    assert _query(warehouse, "select count(*) from raw.quarantine where file = ?",
                  [obs_file]) == [(0,)]
    assert _query(warehouse, "select count(*) from marts.fct_observations "
                  "where source_file = ?", [obs_file]) == [(0,)]
    loads = _query(warehouse, "select status, rows_loaded, rows_quarantined from raw.loads "
                   "where file = ? order by finished_at", [obs_file])
    assert loads == [("loaded", 4, len(OBS_ROWS) - 4), ("removed", 0, 0)], loads
