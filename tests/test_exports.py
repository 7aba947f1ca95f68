"""`yrd export`: marts, analyses and queries to CSV, Parquet and xlsx that open in pandas
and openpyxl, with bilingual headers, units and an About sheet."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from yrd.desk.export import export
from yrd.desk.queries import QueryError
from yrd.desk.readonly import connect

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def con(built_warehouse: object) -> Iterator[duckdb.DuckDBPyConnection]:
    c = connect(built_warehouse.warehouse)  # type: ignore[attr-defined]
    yield c
    c.close()


def yrd(built: object, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yrd.cli", *args],
                          env=built.env, cwd=PROJECT,  # type: ignore[attr-defined]
                          capture_output=True, text=True, timeout=120, check=False)


def run_id(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select run_id from meta.build_runs "
                       "order by finished_at desc nulls last limit 1").fetchone()[0]


def test_csv_of_a_mart_from_the_command_line(built_warehouse: object, tmp_path: Path,
                                             con: duckdb.DuckDBPyConnection) -> None:
    out = tmp_path / "cc.csv"
    proc = yrd(built_warehouse, "export", "marts.city_comparison", "-o", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    df = pd.read_csv(out, dtype={"place_code": str, "province_code": str})
    n = con.execute("select count(*) from marts.city_comparison").fetchone()[0]
    assert len(df) == n
    assert list(df.columns) == [d[0] for d in con.execute(
        "select * from marts.city_comparison limit 0").description]
    assert "苏州市" in set(df["name_zh"]) and "Suzhou" in set(df["name_en"])
    assert df["place_code"].str.len().eq(6).all(), "codes keep their leading digits as text"


def test_csv_without_bom_and_bare_model_name(tmp_path: Path,
                                             con: duckdb.DuckDBPyConnection) -> None:
    out = tmp_path / "dim.csv"
    res = export(con, "dim_indicator", out, bom=False)
    assert res.resolved.name == "marts.dim_indicator"
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out)
    assert "地区生产总值" in set(df["name_zh"])


def test_parquet_of_a_query_in_billion_yuan(tmp_path: Path,
                                            con: duckdb.DuckDBPyConnection) -> None:
    out = tmp_path / "q.parquet"
    sql = ("select place_code, name_zh, name_en, year, gdp, gdp_100m_yuan "
           "from marts.city_comparison where year = 2021 and comparison_group = 'city'")
    res = export(con, sql, out, unit="billion yuan")
    assert res.resolved.kind == "query"
    df = pd.read_parquet(out)
    assert len(df) == 41
    # gdp in billion yuan; gdp_100m_yuan repeats it and is dropped.
    assert "gdp_billion_yuan" in df.columns and "gdp_100m_yuan" not in df.columns
    sh = df.set_index("place_code").loc["310000", "gdp_billion_yuan"]
    assert sh == pytest.approx(4365.32, rel=1e-6)  # the final verified 43653.2亿
    meta = json.loads(pq.read_schema(out).metadata[b"yrd"])
    assert meta["build_run_id"] == run_id(con)
    assert meta["query"] == sql and meta["money_unit"] == "billion yuan"
    assert meta["labels"]["gdp_billion_yuan"].startswith("GDP 地区生产总值")


def test_xlsx_of_an_analysis_with_bilingual_headers(tmp_path: Path,
                                                    con: duckdb.DuckDBPyConnection) -> None:
    out = tmp_path / "ranking.xlsx"
    res = export(con, "analyses/yrd_gdp_ranking.sql", out, unit="亿元", warehouse="wh.duckdb",
                 variables={"ranking_year": 2021})
    assert res.resolved.kind == "analysis" and res.rows == 41
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["yrd_gdp_ranking", "About"]
    ws = wb["yrd_gdp_ranking"]
    headers = [c.value for c in ws[1]]
    codes = [c.value for c in ws[2]]
    assert "GDP 地区生产总值 (亿元, 100 million yuan)" in headers
    assert "Name (Chinese) 中文名称" in headers and "Real GDP growth GDP实际增速 (%)" in headers
    assert "gdp_100m_yuan" in codes and "name_zh" in codes
    assert ws["D3"].value == "上海市" and ws.freeze_panes == "A3"
    df = pd.read_excel(out, header=1, dtype={"place_code": str})
    assert len(df) == 41 and df.iloc[0]["name_en"] == "Shanghai"
    assert df.iloc[0]["gdp_100m_yuan"] == pytest.approx(43653.2)  # final verified
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True) if r[0]}
    assert about["Build run 构建批次"] == run_id(con)
    assert about["Warehouse 数据仓库文件"] == "wh.duckdb"
    assert "city_comparison" in about["Query 查询"]
    assert about["Money unit 金额单位"].startswith("亿元")
    assert "Sources 来源说明" in about


def test_xlsx_of_long_values_adds_names_and_converts_money(
        tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    out = tmp_path / "values.xlsx"
    export(con, "select place_code, indicator, unit, period, value from "
                "marts.fct_current_values where place_code = '320500' and period = '2021'",
           out, unit="亿元", lang="en")
    df = pd.read_excel(out, header=1, dtype={"place_code": str})
    assert {"place_name_zh", "place_name_en", "indicator_name_zh",
            "indicator_name_en"} <= set(df.columns)
    assert set(df["place_name_zh"]) == {"苏州市"}
    gdp = df[(df["indicator"] == "gdp") & (df["unit"] == "亿元")]
    assert gdp["value"].iloc[0] == pytest.approx(22718.34, rel=1e-6)
    # Totals are scaled; amounts per person (GDP per capita, income) stay in yuan.
    per_person = df[df["indicator"].isin(["gdp_per_capita", "income"])]
    assert len(per_person) and set(per_person["unit"]) == {"CNY"}
    assert "CNY" not in set(df[~df["indicator"].isin(["gdp_per_capita", "income"])]["unit"])
    headers = [c.value for c in openpyxl.load_workbook(out).worksheets[0][1]]
    assert "Indicator" in headers and "Place (Chinese)" in headers  # lang=en: English only


def test_bad_targets_fail_cleanly(built_warehouse: object, tmp_path: Path,
                                  con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(QueryError):
        export(con, "marts.no_such_mart", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="money unit"):
        export(con, "dim_place", tmp_path / "x.csv", unit="dollars")
    proc = yrd(built_warehouse, "export", "no_such_table", "-o", str(tmp_path / "y.csv"))
    assert proc.returncode == 1 and "no such table" in proc.stderr
    assert not (tmp_path / "y.csv").exists()
    # The connection is read-only: an export cannot change the warehouse.
    with pytest.raises(duckdb.Error):
        export(con, "select 1; create table marts.x as select 1", tmp_path / "z.csv")


def test_per_capita_survives_unit_unscaled_and_labelled(
        built_warehouse: object, tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    stored = con.execute(
        "select gdp_per_capita_published, gdp from marts.city_comparison "
        "where place_code = '320500' and year = 2021").fetchone()
    out = tmp_path / "cc.csv"
    proc = yrd(built_warehouse, "export", "marts.city_comparison", "-o", str(out),
               "--unit", "亿元")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    df = pd.read_csv(out, dtype={"place_code": str})
    row = df[(df["place_code"] == "320500") & (df["year"] == 2021)].iloc[0]
    assert row["gdp_per_capita_published"] == pytest.approx(stored[0]), "per capita: yuan"
    assert row["gdp_100m_yuan"] == pytest.approx(stored[1] / 1e8), "totals: 亿元"
    assert "gdp_per_capita_published_100m_yuan" not in df.columns
    assert "yuan per person, not scaled" in proc.stdout + proc.stderr
    xlsx = tmp_path / "cc.xlsx"
    export(con, "marts.city_comparison", xlsx, unit="亿元")
    headers = [c.value for c in openpyxl.load_workbook(xlsx).worksheets[0][1]]
    assert "GDP per capita, as published 人均GDP(公布值) (yuan per person 元/人)" in headers
    assert "GDP 地区生产总值 (亿元, 100 million yuan)" in headers
    # money_values: totals scaled, per-person rows not, and the row says which.
    mv = tmp_path / "mv.parquet"
    export(con, "marts.money_values", mv, unit="亿元")
    m = pd.read_parquet(mv)
    pc = m[(m["indicator"] == "gdp_per_capita") & (m["place_code"] == "320500")
           & (m["period"] == "2021")]
    assert set(pc["money_unit"]) == {"CNY per person"}
    assert pc["value_cny"].iloc[0] > 10_000, "yuan per person, not 亿元"
    gdp = m[(m["indicator"] == "gdp") & (m["place_code"] == "320500")
            & (m["period"] == "2021") & (m["growth_of"] == "")]
    assert set(gdp["money_unit"]) == {"亿元"}
    assert gdp["value_cny"].iloc[0] == pytest.approx(stored[1] / 1e8)


def test_every_numeric_mart_column_has_a_kind_in_the_yml(
        con: duckdb.DuckDBPyConnection) -> None:
    from yrd.desk import column_meta as CM

    numeric = con.execute(
        "select table_name, column_name from duckdb_columns() where schema_name = 'marts' "
        "and (data_type in ('DOUBLE', 'FLOAT', 'INTEGER', 'BIGINT', 'HUGEINT', 'SMALLINT') "
        "or data_type like 'DECIMAL%')").fetchall()
    missing = [f"{t}.{c}" for t, c in numeric if CM.lookup(c, t) is None]
    assert not missing, missing
    kinds = {CM.lookup(c, t).kind for t, c in numeric}  # type: ignore[union-attr]
    assert kinds <= set(CM.KINDS), kinds - set(CM.KINDS)


def test_export_all_round_trips_every_mart_through_pandas(
        built_warehouse: object, tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    out = tmp_path / "all"
    proc = yrd(built_warehouse, "export", "--all", str(out), "--csv")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    marts = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' union "
        "select view_name from duckdb_views() where schema_name = 'marts' and not internal"
    ).fetchall()]
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert set(catalog["marts"]) == set(marts)
    assert catalog["build_run_id"] == run_id(con)
    for name in marts:
        expected = con.execute(f"select * from marts.{name}").df()
        got = pd.read_parquet(out / f"{name}.parquet")
        assert list(got.columns) == list(expected.columns), name
        assert len(got) == len(expected), name
        grain = catalog["marts"][name]["grain"]
        assert grain, f"{name}: no grain in the yml"
        # Sorted by the grain, and the same rows and values as the warehouse.
        keys = got[grain].astype("string").fillna("")
        assert keys.apply(tuple, axis=1).is_monotonic_increasing, name
        pd.testing.assert_frame_equal(
            got.sort_values(list(got.columns)).reset_index(drop=True),
            expected.sort_values(list(expected.columns)).reset_index(drop=True),
            check_dtype=False, obj=name)
        csv = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(csv) == len(expected) and list(csv.columns) == list(expected.columns)
    cc = {c["name"]: c for c in catalog["marts"]["city_comparison"]["columns"]}
    assert cc["gdp"]["kind"] == "money_total" and cc["gdp"]["unit"] == "CNY"
    assert cc["gdp_per_capita_published"]["kind"] == "money_per_person"
    assert cc["real_gdp_growth_pct"]["unit"] == "percent"
    assert "{{" not in (out / "README.md").read_text(encoding="utf-8")
    assert "marts.city_comparison" in (out / "README.md").read_text(encoding="utf-8")


def test_file_names_that_promise_another_format_are_refused(
        built_warehouse: object, tmp_path: Path) -> None:
    for name in ("x.xls", "x.txt"):
        proc = yrd(built_warehouse, "export", "marts.dim_indicator", "-o", str(tmp_path / name))
        assert proc.returncode == 1, name
        assert ".xlsx" in proc.stderr and not (tmp_path / name).exists()
    proc = yrd(built_warehouse, "export", "marts.dim_indicator", "-o", str(tmp_path / "x.txt"),
               "--format", "csv")
    assert proc.returncode == 0 and (tmp_path / "x.txt").exists()
    proc = yrd(built_warehouse, "export", "select 1 as a", "-o", str(tmp_path / "one.csv"))
    assert "wrote 1 row × 1 column of" in " ".join(proc.stdout.split()), proc.stdout
