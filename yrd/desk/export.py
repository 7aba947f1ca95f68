"""`yrd export`: a mart, an analysis or a query result to CSV, Parquet or a spreadsheet.

CSV is UTF-8 with a byte-order mark by default: Excel (a Chinese-locale Excel above all)
opens BOM-less UTF-8 as GBK or ANSI and garbles 苏州市; pandas, DuckDB and R read the BOM
transparently. `--no-bom` writes plain UTF-8 for tools that do not.
Text cells a spreadsheet would run as formulas (`=`, `+`, `-`, `@`, tab, CR at the start)
are neutralised in CSV (a leading `'`, OWASP) and stored as text cells in xlsx; numbers
stay numbers. Parquet is data for programs and keeps every value as it is.
Parquet keeps the column names and types, with the query, labels and build run in the
file's metadata. The spreadsheet gets a bilingual header with units, Chinese and English
names beside codes, and an "About" sheet saying where the numbers come from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from yrd.desk import column_meta as CM
from yrd.desk import labels as L
from yrd.desk.queries import (
    BuildInfo,
    Resolved,
    build_info,
    indicator_names,
    relation_exists,
    resolve,
    source_notes,
)
from yrd.textsafe import spreadsheet_text

FORMATS = ("csv", "parquet", "xlsx")


@dataclass
class ExportResult:
    path: Path
    rows: int
    columns: list[str]
    resolved: Resolved
    build: BuildInfo
    notes: list[str] = field(default_factory=list)


def guess_format(path: Path) -> str:
    """The format a file name asks for. An .xls is the old binary Excel format, which this
    does not write, and a .txt or other name does not say: both are refused rather than
    written as something else under that name (give --format, or a .xlsx/.csv name)."""
    ext = path.suffix.lower().lstrip(".")
    known = {"xlsx": "xlsx", "parquet": "parquet", "pq": "parquet", "csv": "csv"}
    if ext in known:
        return known[ext]
    if ext == "xls":
        raise ValueError(f"{path.name}: .xls is the old Excel format, which is not written; "
                         "name the file .xlsx (Excel opens it)")
    raise ValueError(f"{path.name}: cannot tell the format from the name; name it .csv, "
                     ".parquet or .xlsx, or give --format")


def sorted_by_grain(con: duckdb.DuckDBPyConnection, resolved: Resolved) -> str:
    """A mart's query ordered by its grain (from the models' yml); others as they are."""
    if resolved.kind != "relation":
        return resolved.sql
    doc = CM.mart_docs().get(resolved.name.removeprefix("marts."))
    if doc is None or not doc.grain:
        return resolved.sql
    cols = {d[0] for d in con.execute(f"select * from ({resolved.sql}) limit 0").description}
    keys = [c for c in doc.grain if c in cols]
    if not keys:
        return resolved.sql
    order = ", ".join(f'"{c}" nulls first' for c in keys)
    return f"select * from ({resolved.sql}) order by {order}"


def additive_indicators(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Indicators whose money values are totals (they add up across places); the others,
    such as GDP per capita and income, are amounts per person."""
    if not relation_exists(con, "marts.dim_indicator"):
        return set()
    return {r[0] for r in con.execute(
        "select indicator from marts.dim_indicator where additive").fetchall()}


def convert_money(df: pd.DataFrame, unit: L.MoneyUnit, model: str | None = None,
                  additive: set[str] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Money totals to `unit`, renamed with the unit's suffix; repeats of them dropped.

    What a column holds comes from the models' yml (yrd.desk.column_meta): only money
    totals are scaled. Amounts per person (GDP per capita) stay in yuan, and so do rows
    of long tables whose indicator is not a total."""
    df = df.copy()
    notes: list[str] = []
    renames: dict[str, str] = {}
    drop: list[str] = []
    per_person: list[str] = []
    totals = additive or set()
    by_row = df["indicator"].isin(totals) if "indicator" in df.columns else None
    for col in df.columns:
        meta = CM.lookup(col, model)
        if meta is None:
            continue
        if meta.repeats and meta.repeats in df.columns:
            drop.append(col)
            continue
        if meta.kind == CM.MONEY_PER_PERSON:
            per_person.append(col)
        elif meta.kind == CM.MONEY_TOTAL and meta.unit in L.MONEY_UNITS_BY_CODE:
            df[col] = df[col] * L.MONEY_UNITS_BY_CODE[meta.unit].yuan / unit.yuan
            renames[col] = f"{col.removesuffix('_100m_yuan')}_{unit.suffix}"
        elif meta.kind == CM.MONEY_BY_INDICATOR and meta.unit == "CNY" and by_row is not None:
            df[col] = df[col].astype("float64")
            df.loc[by_row, col] = df.loc[by_row, col] / unit.yuan
            if "money_unit" not in df.columns:
                df.insert(list(df.columns).index(col), "money_unit",
                          by_row.map({True: unit.key, False: "CNY per person"}))
    if "unit" in df.columns:
        is_cny = df["unit"] == "CNY"
        if by_row is not None:
            is_cny &= by_row
        if is_cny.any():
            for col in df.columns:
                meta = CM.lookup(col, model)
                if meta is not None and meta.kind == CM.BY_UNIT_COLUMN:
                    df[col] = df[col].astype("float64")
                    df.loc[is_cny, col] = df.loc[is_cny, col] / unit.yuan
            df.loc[is_cny, "unit"] = unit.key
            notes.append(f"money totals with unit CNY are given in {unit.en} ({unit.zh}); "
                         "the unit column says so row by row; amounts per person "
                         "(such as GDP per capita) stay in yuan (CNY)")
    if per_person:
        notes.append(f"{', '.join(per_person)}: yuan per person, not scaled")
    if "money_unit" in df.columns:
        notes.append(f"yuan columns: totals in {unit.en} ({unit.zh}), amounts per person in "
                     "yuan; the money_unit column says which row by row")
    df = df.drop(columns=drop).rename(columns=renames)
    if drop:
        notes.append(f"dropped {', '.join(drop)}: the same figures in another unit")
    return df, notes


def add_names(df: pd.DataFrame, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Chinese and English names beside place and indicator codes that lack them."""
    df = df.copy()
    if "place_code" in df.columns and relation_exists(con, "marts.dim_place"):
        has = {"name_zh", "place_name_zh"} & set(df.columns)
        if not has:
            places = con.execute(
                "select place_code, name_zh, display_name_en from marts.dim_place").df()
            names = places.set_index("place_code")
            pos = list(df.columns).index("place_code") + 1
            codes = df["place_code"].astype("string")
            df.insert(pos, "place_name_zh", codes.map(names["name_zh"]))
            # The unique name: "Suzhou (Jiangsu)", not one of two "Suzhou".
            df.insert(pos + 1, "place_name_en", codes.map(names["display_name_en"]))
    if "indicator" in df.columns and "indicator_name_zh" not in df.columns:
        ind = indicator_names(con)
        if ind:
            pos = list(df.columns).index("indicator") + 1
            names = df["indicator"].map(lambda c: ind.get(c, ("", "")))
            df.insert(pos, "indicator_name_zh", names.map(lambda n: n[1]))
            df.insert(pos + 1, "indicator_name_en", names.map(lambda n: n[0]))
    return df


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells and headers that start like a formula get a leading `'`; numeric
    columns are untouched (a negative number is a number, not a formula)."""
    df = df.rename(columns=lambda c: spreadsheet_text(str(c)))
    for col in df.columns:
        if not (pd.api.types.is_object_dtype(df[col]) or pd.api.types.is_string_dtype(df[col])):
            continue
        df[col] = df[col].map(lambda v: spreadsheet_text(v) if isinstance(v, str) else v)
    return df


def query_frame(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.execute(sql).df()


def export(con: duckdb.DuckDBPyConnection, target: str, out: Path, fmt: str | None = None, *,
           unit: str | None = None, lang: str = "both", variables: dict[str, Any] | None = None,
           names: bool | None = None, bom: bool = True, warehouse: str = "",
           limit: int | None = None) -> ExportResult:
    fmt = fmt or guess_format(out)
    if fmt == "xlsx" and out.suffix.lower() == ".xls":
        guess_format(out)  # refuses: an .xls name would promise the old format
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: use one of {', '.join(FORMATS)}")
    resolved = resolve(con, target, variables)
    sql = sorted_by_grain(con, resolved)
    sql = sql if limit is None else f"select * from ({resolved.sql}) limit {int(limit)}"
    df = query_frame(con, sql)
    notes: list[str] = []
    money = L.money_unit(unit) if unit else None
    if money is not None:
        df, notes = convert_money(df, money, resolved.name if resolved.kind == "relation" else None,
                                  additive_indicators(con))
    if names if names is not None else fmt == "xlsx":
        df = add_names(df, con)
    info = build_info(con)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        # CRLF rows (RFC 4180): the writer then quotes a cell holding a bare CR, too.
        spreadsheet_safe(df).to_csv(out, index=False, encoding="utf-8-sig" if bom else "utf-8",
                                    lineterminator="\r\n")
    elif fmt == "parquet":
        _write_parquet(df, out, resolved, info, con, money, lang, warehouse)
    else:
        from yrd.desk.xlsx import write_xlsx

        write_xlsx(df, out, resolved=resolved, build=info, warehouse=warehouse,
                   indicators=indicator_names(con), sources=source_notes(con),
                   money=money, lang=lang, notes=notes)
    return ExportResult(out, len(df), list(df.columns), resolved, info, notes)


def _write_parquet(df: pd.DataFrame, out: Path, resolved: Resolved, info: BuildInfo,
                   con: duckdb.DuckDBPyConnection, money: L.MoneyUnit | None, lang: str,
                   warehouse: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    ind = indicator_names(con)
    labels = {c: L.label_for(c, ind).text(lang, money) for c in df.columns}
    meta = dict(table.schema.metadata or {})
    meta[b"yrd"] = json.dumps({
        "query": resolved.sql, "source": resolved.name, "warehouse": warehouse,
        "build_run_id": info.run_id, "built_at": info.finished_at,
        "code_version": info.code_version, "labels": labels,
        "money_unit": money.key if money else None,
    }, ensure_ascii=False).encode()
    pq.write_table(table.replace_schema_metadata(meta), out)
