"""The spreadsheet of `yrd export --format xlsx`: a data sheet with bilingual headers and
units, the column names in a second row (read with pandas.read_excel(path, header=1)),
and an "About" sheet.

Every cell goes through `_put`: text is stored as a text cell even when it starts with `=`
(openpyxl would otherwise write a live formula), and characters XML cannot hold (ESC and
other C0 controls) are written out as `\x1b` instead of making the save fail."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from yrd.desk import labels as L
from yrd.desk.queries import BuildInfo, Resolved
from yrd.textsafe import xml_safe

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
CODE_FONT = Font(italic=True, color="6B7280", size=9)
MAX_CELL = 32_000  # Excel's limit is 32,767 characters per cell


def _cell(v: object) -> object:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if isinstance(v, str) and len(v) > MAX_CELL:
        return v[:MAX_CELL] + "…"
    if hasattr(v, "item") and not isinstance(v, str | bytes):
        try:
            return v.item()  # numpy scalars
        except (AttributeError, ValueError):
            return str(v)
    if isinstance(v, list | dict | tuple):
        return str(v)
    return v


def _put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one value as data: text stays text (never a formula), numbers stay numbers."""
    v = _cell(value)
    if isinstance(v, str):
        v = xml_safe(v)
    c = ws.cell(row=row, column=column, value=v)
    if isinstance(v, str) and c.data_type == "f":
        c.data_type = "s"
    return c


def _number_format(col: str, series: pd.Series) -> str | None:
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return None
    if col in ("year", "horizon_year", "base_year", "latest_actual_period") or col.startswith(
            "rank") or col.endswith("_count") or col in ("places_ranked", "yrd_cities_reporting"):
        return "0"
    lab = L.COLUMNS.get(col)
    if lab and lab.unit_en in ("persons",):
        return "#,##0"
    return "#,##0.00"


def write_xlsx(df: pd.DataFrame, out: Path, *, resolved: Resolved, build: BuildInfo,
               warehouse: str, indicators: dict[str, tuple[str, str]],
               sources: list[tuple[str, str]], money: L.MoneyUnit | None, lang: str,
               notes: list[str]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = (resolved.name.split(".")[-1] or "data")[:31]  # a relation or analysis name
    labels = [L.label_for(c, indicators) for c in df.columns]
    # Row 1: readable names with units; row 2: the column names for SQL and code.
    for j, (col, lab) in enumerate(zip(df.columns, labels, strict=True), start=1):
        head = _put(ws, 1, j, lab.text(lang, money))
        head.fill, head.font = HEADER_FILL, HEADER_FONT
        head.alignment = Alignment(wrap_text=True, vertical="top")
        code = _put(ws, 2, j, col)
        code.font = CODE_FONT
    formats = {col: _number_format(col, df[col]) for col in df.columns}
    for i, row in enumerate(df.itertuples(index=False, name=None), start=3):
        for j, v in enumerate(row, start=1):
            c = _put(ws, i, j, v)
            fmt = formats[df.columns[j - 1]]
            if fmt and c.value is not None:
                c.number_format = fmt
    for j, col in enumerate(df.columns, start=1):
        sample = [str(v) for v in df[col].head(200).tolist() if v is not None]
        width = max([len(labels[j - 1].text(lang, money)) * 0.6, len(col) * 0.9,
                     *[min(len(s), 60) * (1.6 if any(ord(ch) > 0x2E80 for ch in s) else 1.0)
                       for s in sample]], default=10)
        ws.column_dimensions[get_column_letter(j)].width = max(8.0, min(width + 2, 60.0))
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A3"
    if len(df.columns):
        ws.auto_filter.ref = f"A2:{get_column_letter(len(df.columns))}{max(len(df) + 2, 2)}"

    about = wb.create_sheet("About")
    rows: list[tuple[str, object]] = [
        ("About 说明", ""),
        ("Source 数据来源", resolved.name),
        ("Kind 类型", resolved.kind),
        ("Warehouse 数据仓库文件", warehouse),
        ("Build run 构建批次", build.run_id),
        ("Built at 构建时间 (UTC)", build.finished_at),
        ("Code version 代码版本", build.code_version),
        ("Exported at 导出时间 (UTC)", datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")),
        ("Rows 行数", len(df)),
        ("Money unit 金额单位", money.label("both") if money else
         "as stored: yuan (元) unless the column name or unit says 亿元"),
        ("Query 查询", resolved.sql),
        ("Marts read 使用的表", ", ".join(resolved.relations)),
    ]
    rows += [("Note 注", n) for n in notes]
    rows.append(("", ""))
    rows.append(("Sources 来源说明", ""))
    rows += [(name, desc) for name, desc in sources]
    rows.append(("", ""))
    rows.append(("Columns 字段", "Label 标签"))
    rows += [(col, lab.text("both", money)) for col, lab in zip(df.columns, labels, strict=True)]
    for i, (k, v) in enumerate(rows, start=1):
        _put(about, i, 1, k).font = Font(bold=True)
        cell = _put(about, i, 2, v)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 34
    about.column_dimensions["B"].width = 110
    wb.save(out)
