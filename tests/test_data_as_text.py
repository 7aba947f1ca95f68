"""[issue 12] Data never runs as code: not as rich markup, not as terminal escape
sequences, not as spreadsheet formulas, not as Jinja, and an export never lands on the
warehouse. The hostile values come from SQL literals and input files; they travel the same
output paths as values of the marts."""

from __future__ import annotations

import hashlib
import os
import pty
import select
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from yrd_testing import PROJECT, Built, copy_data, copy_of, isolated_env, run_yrd, yrd_command

from yrd.textsafe import is_formula_like, spreadsheet_text, visible

ESC = "\x1b"
# An OSC 8 hyperlink, an OSC window title, a colour, a one-byte CSI and a bidi override.
HOSTILE_SQL = ("select chr(27) || ']8;;http://evil.example/' || chr(7) || 'click' "
               "|| chr(27) || ']8;;' || chr(7) as link, "
               "chr(27) || ']0;pwned' || chr(7) || 'title' as title, "
               "chr(27) || '[31mred' as colour, chr(155) || '2J' as csi, "
               "chr(8238) || 'txt.exe' as bidi")
MARKUP_SQL = "select '[/]' as closing, '[bold]loud[/bold]' as bold, '[link=x]y[/link]' as l"


@pytest.fixture
def private(built_warehouse: Built, tmp_path: Path) -> Built:
    return copy_of(built_warehouse, tmp_path / "copy", with_build_dir=False)


def assert_inert(text: str) -> None:
    """None of the data's sequences reached the terminal (rich's own styling may)."""
    for seq in (ESC + "]", ESC + "[31m", "\x07", "\x9b", "\u202e"):
        assert seq not in text, f"{seq!r} reached the terminal: {text!r}"


def on_a_terminal(env: dict[str, str], *args: str, stdin: str = "") -> str:
    """Run `yrd` with its stdout on a pseudo-terminal; what the terminal received."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(yrd_command(*args), env={**env, "COLUMNS": "400"}, cwd=PROJECT,
                            stdin=subprocess.PIPE, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    assert proc.stdin is not None
    proc.stdin.write(stdin.encode())
    proc.stdin.close()
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(master)
    return out.decode("utf-8", errors="replace")


# ---- rich markup ----

def test_yrd_sql_prints_markup_in_data_as_text(built_warehouse: Built) -> None:
    proc = run_yrd(built_warehouse.env, "sql", MARKUP_SQL)
    assert proc.returncode == 0, proc.stderr
    for literal in ("[/]", "[bold]loud[/bold]", "[link=x]y[/link]"):
        assert literal in proc.stdout


def test_yrd_shell_survives_markup_in_data(built_warehouse: Built) -> None:
    proc = run_yrd(built_warehouse.env, "shell", input=f"{MARKUP_SQL};\nselect 'after' as a;\n")
    assert proc.returncode == 0, proc.stderr
    assert "[/]" in proc.stdout and "[bold]loud[/bold]" in proc.stdout
    assert "after" in proc.stdout


def test_error_messages_quoting_data_are_printed_as_text(built_warehouse: Built) -> None:
    proc = run_yrd(built_warehouse.env, "sql",
                   "select cast('[/]' || chr(27) || '[2J' as integer)")
    assert proc.returncode == 1
    assert "[/]" in proc.stderr and "\\x1b[2J" in proc.stderr, proc.stderr
    assert_inert(proc.stderr)
    assert "Traceback" not in proc.stderr


def test_yrd_ingest_prints_a_problem_quoting_markup_and_escapes(tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    (data / "observations" / "hostile.csv").write_text(
        "place_code,indicator,sector,period,value,unit,vintage,published,source\n"
        f"[/]{ESC}]0;pwned\x07,gdp,,2021,1,亿元,final,,test\n"
        "320583,gdp,,2021,5000,亿元,final,,test\n", encoding="utf-8")
    proc = run_yrd(isolated_env(tmp_path, data), "ingest")
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "MarkupError" not in out, out[-3000:]
    assert "hostile.csv" in out and "[/]" in out
    assert_inert(out)


# ---- control characters and escape sequences ----

def test_yrd_sql_table_shows_control_characters_instead_of_obeying_them(
        built_warehouse: Built) -> None:
    proc = run_yrd(built_warehouse.env, "sql", HOSTILE_SQL)
    assert proc.returncode == 0, proc.stderr
    assert_inert(proc.stdout)
    assert "\\x1b]0;pwned\\x07title" in proc.stdout.replace("\n", "").replace("│", "")


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_yrd_sql_on_a_terminal_is_inert_in_every_format(built_warehouse: Built,
                                                        fmt: str) -> None:
    out = on_a_terminal(built_warehouse.env, "sql", HOSTILE_SQL, "--format", fmt)
    assert "click" in out and "title" in out
    assert_inert(out)


def test_piped_csv_keeps_the_data_as_it_is(built_warehouse: Built) -> None:
    proc = run_yrd(built_warehouse.env, "sql", HOSTILE_SQL, "--format", "csv")
    assert proc.returncode == 0 and f"{ESC}]0;pwned\x07title" in proc.stdout


def test_yrd_shell_on_a_terminal_is_inert(built_warehouse: Built) -> None:
    out = on_a_terminal(built_warehouse.env, "shell",
                        stdin=f"{HOSTILE_SQL};\n.mode csv\n{HOSTILE_SQL};\n.mode json\n"
                              f"{HOSTILE_SQL};\n")
    assert out.count("title") >= 3
    assert_inert(out)


def test_visible_keeps_ordinary_text() -> None:
    text = "苏州市 GDP 22718.34亿元\n\tsecond line — «ok»"
    assert visible(text) == text
    assert visible("a\x1b[31mb\x00c\x9bd\u202ee") == "a\\x1b[31mb\\x00c\\x9bd\\u202ee"


# ---- spreadsheets ----

SPREADSHEET_SQL = (
    "select '=HYPERLINK(\"http://evil.example\",\"open\")' as sector, "
    "'+cmd|'' /C calc''!A0' as plus, '@SUM(1+1)*cmd|'' /C calc''!A0' as at, "
    "chr(9) || '=1+1' as tab, chr(13) || '=1+1' as cr, '-2+3' as minus_formula, "
    "'-3.5' as minus_number_text, '+12%' as plus_percent, -5.25 as negative, "
    "0 - 7 as negative_int, 'plain' as plain, "
    "'ESC:' || chr(27) || '[31m' as esc, '1' as \"=HYPERLINK(\"\"x\"\")\"")


def test_xlsx_stores_formula_like_text_as_text_and_numbers_as_numbers(
        built_warehouse: Built, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    proc = run_yrd(built_warehouse.env, "export", SPREADSHEET_SQL, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    ws = openpyxl.load_workbook(out).worksheets[0]
    codes = [c.value for c in ws[2]]
    cells = {code: ws.cell(row=3, column=j) for j, code in enumerate(codes, start=1)}
    for name in ("sector", "plus", "at", "tab", "cr", "minus_formula"):
        assert cells[name].data_type == "s", f"{name} is stored as a formula"
    assert cells["sector"].value == '=HYPERLINK("http://evil.example","open")'
    assert cells["negative"].data_type == "n" and cells["negative"].value == -5.25
    assert cells["negative_int"].value == -7
    assert cells["esc"].value == "ESC:\\x1b[31m"  # an illegal XML character, written out
    header = [c for c in ws[2] if str(c.value).startswith("=")]
    assert header and all(c.data_type == "s" for c in header)
    for sheet in openpyxl.load_workbook(out).worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row), "a live formula in the workbook"


def test_xlsx_of_fct_observations_with_an_escape_character_does_not_crash(
        built_warehouse: Built, tmp_path: Path) -> None:
    out = tmp_path / "obs.xlsx"
    sql = ("select place_code, indicator, chr(27) || '[2J' || coalesce(sector, '') as sector, "
           "period, value from marts.fct_observations limit 50")
    proc = run_yrd(built_warehouse.env, "export", sql, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    df = pd.read_excel(out, header=1)
    assert len(df) == 50 and df["sector"].str.startswith("\\x1b[2J").all()


def test_csv_neutralises_formula_like_text_and_keeps_numbers(built_warehouse: Built,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    proc = run_yrd(built_warehouse.env, "export", SPREADSHEET_SQL, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    row = df.iloc[0]
    assert row["sector"] == "'=HYPERLINK(\"http://evil.example\",\"open\")"
    for name in ("plus", "at", "tab", "cr", "minus_formula"):
        assert row[name].startswith("'"), name
    assert row["minus_number_text"] == "-3.5" and row["plus_percent"] == "+12%"
    assert row["negative"] == "-5.25" and row["negative_int"] == "-7"
    assert row["plain"] == "plain"
    assert "'=HYPERLINK(\"x\")" in df.columns


def test_spreadsheet_rules() -> None:
    for text in ("=1", "+1+1", "-1+1", "@x", "\t1", "\r1", "-", "=", "+ 1"):
        assert is_formula_like(text), text
    for text in ("-1", "+1", "-1.5", "-1,234.5", "-3e5", "+12%", "-.5", "1=1", "", "苏州"):
        assert not is_formula_like(text), text
    assert spreadsheet_text("=A1") == "'=A1" and spreadsheet_text("-2") == "-2"


# ---- Jinja in analysis files ----

def test_export_of_an_analysis_file_renders_in_a_sandbox(built_warehouse: Built,
                                                         tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.sql"
    evil.write_text("select '{{ cycler.__init__.__globals__.os.popen('touch " + str(marker)
                    + "').read() }}' as x\n", encoding="utf-8")
    proc = run_yrd(built_warehouse.env, "export", str(evil), "-o", str(tmp_path / "x.csv"))
    assert not marker.exists(), "the template ran a command"
    assert proc.returncode == 1 and "cannot render" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    # Ordinary analyses still render: ref(), var() and loops.
    ok = tmp_path / "ok.sql"
    ok.write_text("{% set ys = [2020, 2021] %}select count(*) as n from {{ ref('dim_place') }}"
                  " where {{ var('n', 1) }} = 1 and 2021 in ({{ ys | join(', ') }})\n",
                  encoding="utf-8")
    proc = run_yrd(built_warehouse.env, "export", str(ok), "-o", str(tmp_path / "ok.csv"))
    assert proc.returncode == 0, proc.stderr


# ---- exports never land on the warehouse ----

def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_export_and_report_refuse_to_write_over_the_warehouse(private: Built,
                                                              tmp_path: Path) -> None:
    w = private.warehouse
    build_db = tmp_path / "copy" / "build" / "yrd.duckdb"
    link = tmp_path / "link.duckdb"
    link.symlink_to(w)
    hard = tmp_path / "hard.duckdb"
    os.link(w, hard)
    before = digest(w)
    targets = [w, Path(os.path.relpath(w)), link, hard, Path(f"{w}.wal"),
               w.parent / "x" / ".." / w.name, build_db, Path(f"{build_db}.wal"),
               w.parent / "versions" / "yrd-1.duckdb"]
    for target in targets:
        for args in (["export", "marts.dim_place", "-o", str(target), "--format", "csv"],
                     ["report", "-o", str(target)]):
            proc = run_yrd(private.env, *args)
            assert proc.returncode == 1, f"{args}: {proc.stdout}"
            assert "refusing to write there" in proc.stderr, proc.stderr
    assert digest(w) == before
    assert not Path(f"{w}.wal").exists() and not build_db.exists()
    # Beside it, under another name, is fine.
    proc = run_yrd(private.env, "export", "marts.dim_place", "-o", str(w.parent / "dim.csv"))
    assert proc.returncode == 0, proc.stderr
