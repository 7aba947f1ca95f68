"""`yrd verify FILE...` against a real built warehouse, with press releases written for these
tests: a consistent figure, a conflict and a figure the warehouse has no official value for.
The verdict rule is the one of marts.figure_reconciliation: checked on every shipped press
figure the mart judges."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from yrd_testing import run_yrd

from ingest.documents.verify import judge, rounding_tolerance, stated_number

HEADER = "source: test release written for tests/test_verify.py\ndate: {date}\nlang: {lang}\n\n"
CONSISTENT = ("KUNSHAN, Feb. 9, 2022 -- Kunshan, a county-level city in Jiangsu Province, "
              "reported gross domestic product of 474.81 billion yuan for 2021, up 7.8 percent.")
CONFLICT = ("Kunshan's gross domestic product reached 490 billion yuan in 2021, the city's "
            "statistics bureau said.")
NO_OFFICIAL = "Kunshan's retail sales of consumer goods reached 180.2 billion yuan in 2021."


def write(tmp_path: Path, name: str, body: str, lang: str = "en",
          date: str = "2022-02-09") -> Path:
    p = tmp_path / f"{name}.txt"
    p.write_text(HEADER.format(date=date, lang=lang) + body + "\n", encoding="utf-8")
    return p


def verify(built, *args: str):
    return run_yrd(built.env, "verify", *args)


def test_consistent_figures_exit_zero(built_warehouse, tmp_path: Path) -> None:
    proc = verify(built_warehouse, str(write(tmp_path, "ok", CONSISTENT)), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = {r["quote"]: r for r in json.loads(proc.stdout)}
    gdp = rows["474.81 billion yuan"]
    assert (gdp["place_code"], gdp["indicator"], gdp["period"]) == ("320583", "gdp", "2021")
    assert gdp["verdict"] == "consistent"
    assert Decimal(gdp["official_value"]) == Decimal("474806000000")
    assert gdp["official_source"] == "official_figures" and gdp["official_vintage"]
    assert rows["7.8 percent"]["verdict"] == "consistent"


def test_conflict_exits_one_and_gives_the_difference(built_warehouse, tmp_path: Path) -> None:
    proc = verify(built_warehouse, str(write(tmp_path, "bad", CONFLICT)), "--format", "csv")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    (gdp,) = [r for r in rows if r["indicator"] == "gdp"]
    assert gdp["verdict"] == "conflict"
    assert Decimal(gdp["difference"]) == Decimal("490000000000") - Decimal("474806000000")
    assert "474806000000" in gdp["reason"]


def test_no_official_figure_says_why(built_warehouse, tmp_path: Path) -> None:
    proc = verify(built_warehouse, str(write(tmp_path, "none", NO_OFFICIAL)))
    assert proc.returncode == 0, proc.stderr
    assert "no_official_figure" in proc.stdout
    assert "no official retail_sales for Kunshan in 2021" in proc.stdout


def test_chinese_release_and_folder_input(built_warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    write(folder, "zh", "2021年，昆山市实现地区生产总值4748.06亿元，比上年增长7.8%。", lang="zh")
    write(folder, "en", CONFLICT)
    proc = verify(built_warehouse, str(folder), "--format", "json")
    assert proc.returncode == 1  # one conflict among the files is enough
    verdicts = {(r["doc"], r["indicator"]): r["verdict"] for r in json.loads(proc.stdout)}
    assert verdicts[("zh", "gdp")] == "consistent"
    assert verdicts[("en", "gdp")] == "conflict"


def test_missing_warehouse_is_an_error_not_a_verdict(built_warehouse, tmp_path: Path) -> None:
    proc = verify(built_warehouse, str(write(tmp_path, "ok", CONSISTENT)), "--warehouse",
                  str(tmp_path / "nowhere.duckdb"))
    assert proc.returncode == 2 and "no published warehouse" in proc.stderr


def test_verdicts_agree_with_the_reconciliation_mart(built_warehouse) -> None:
    con = duckdb.connect(str(built_warehouse.warehouse), read_only=True)
    try:
        rows = con.execute(
            "select quote, stated_value, official_value, qualifier, status "
            "from marts.figure_reconciliation where official_value is not null").fetchall()
    finally:
        con.close()
    assert len(rows) >= 10
    for quote, stated, official, qualifier, status in rows:
        stated_d = Decimal(str(stated))
        ok = judge(qualifier, stated_d, Decimal(str(official)),
                   rounding_tolerance(quote, stated_d))
        assert ("consistent" if ok else "conflict") == status, (quote, qualifier, status)


@pytest.mark.parametrize(("quote", "number"), [
    ("474,81 milliards de yuans", "474.81"), ("300 000 m²", "300000"), ("4748.06亿元", "4748.06"),
    ("1,234,567 yuan", "1234567"), ("7,8 %", "7.8")])
def test_stated_number_reads_the_decimal_mark(quote: str, number: str) -> None:
    assert stated_number(quote) == number


def test_rounding_and_qualifiers() -> None:
    stated = Decimal("474810000000")
    tol = rounding_tolerance("474.81 billion yuan", stated)
    assert tol == Decimal("5000000")  # half of 0.01 billion
    assert judge("eq", stated, Decimal("474806000000"), tol)
    assert not judge("eq", stated, Decimal("474700000000"), tol)
    assert judge("gt", Decimal("470000000000"), Decimal("474806000000"), Decimal(0))
    assert not judge("lt", Decimal("470000000000"), Decimal("474806000000"), Decimal(0))
    assert judge("approx", Decimal("480000000000"), Decimal("474806000000"), Decimal(0))
