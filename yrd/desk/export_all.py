"""`yrd export --all DIR`: every mart as Parquet (and CSV on request), with a catalog.

R, Stata, Power Query and pandas users take the whole warehouse in one command. The
catalog (catalog.json and README.md beside the files) is generated from the models' yml:
each mart's description and grain, and each column's type, description, unit and kind.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from ingest.config import settings
from yrd.desk import column_meta as CM
from yrd.desk import labels as L
from yrd.desk.export import export
from yrd.desk.queries import build_info


@dataclass
class ExportAllResult:
    directory: Path
    files: list[Path] = field(default_factory=list)
    marts: dict[str, int] = field(default_factory=dict)  # name -> rows


@cache
def _doc_blocks() -> dict[str, str]:
    blocks: dict[str, str] = {}
    for md in (settings().project_root / "models").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        for name, body in re.findall(r"{%\s*docs\s+(\w+)\s*%}(.*?){%\s*enddocs\s*%}", text,
                                     flags=re.S):
            blocks[name] = " ".join(body.split())
    return blocks


def render_description(text: str) -> str:
    """dbt's `{{ doc('name') }}` references replaced by their text."""
    return re.sub(r"{{\s*doc\(\s*['\"](\w+)['\"]\s*\)\s*}}",
                  lambda m: _doc_blocks().get(m.group(1), ""), text).strip()


def mart_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' union "
        "select view_name from duckdb_views() where schema_name = 'marts' and not internal "
        "order by 1").fetchall()]


def export_all(con: duckdb.DuckDBPyConnection, directory: Path, *, csv: bool = False,
               bom: bool = True, warehouse: str = "") -> ExportAllResult:
    directory.mkdir(parents=True, exist_ok=True)
    result = ExportAllResult(directory)
    info = build_info(con)
    docs = CM.mart_docs()
    catalog: dict[str, Any] = {
        "warehouse": warehouse, "build_run_id": info.run_id, "built_at": info.finished_at,
        "code_version": info.code_version, "marts": {}}
    for name in mart_names(con):
        res = export(con, f"marts.{name}", directory / f"{name}.parquet", "parquet",
                     warehouse=warehouse)
        result.files.append(res.path)
        files = [res.path.name]
        if csv:
            c = export(con, f"marts.{name}", directory / f"{name}.csv", "csv", bom=bom,
                       warehouse=warehouse)
            result.files.append(c.path)
            files.append(c.path.name)
        result.marts[name] = res.rows
        doc = docs.get(name)
        types = dict(con.execute(
            "select column_name, data_type from duckdb_columns() "
            "where schema_name = 'marts' and table_name = ?", [name]).fetchall())
        columns = []
        for col in res.columns:
            meta = CM.lookup(col, name)
            spec = (doc.columns.get(col) if doc else None) or {}
            lab = L.label_for(col, model=name)
            columns.append({
                "name": col, "type": types.get(col, ""),
                "label_en": lab.en, "label_zh": lab.zh,
                "description": render_description(str(spec.get("description") or "")),
                "unit": meta.unit if meta else "", "kind": meta.kind if meta else "",
            })
        catalog["marts"][name] = {
            "description": render_description(doc.description) if doc else "",
            "grain": doc.grain if doc else [], "rows": res.rows, "files": files,
            "columns": columns}
    (directory / "catalog.json").write_text(
        json.dumps(catalog, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (directory / "README.md").write_text(_readme(catalog), encoding="utf-8")
    result.files += [directory / "catalog.json", directory / "README.md"]
    return result


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _readme(catalog: dict[str, Any]) -> str:
    out = ["# YRD warehouse export", "",
           f"Build run {catalog['build_run_id']} ({catalog['built_at']}). One Parquet file "
           "per mart (CSV too if asked), rows sorted by the mart's grain. Money totals are "
           "in yuan (CNY) unless the column says otherwise; `kind` says what a number is "
           "(money_total, money_per_person, rate in percent, count, …). The same in "
           "machine-readable form: catalog.json.", ""]
    for name, mart in catalog["marts"].items():
        out += [f"## marts.{name}", "", mart["description"], "",
                f"Grain: {', '.join(mart['grain']) or '—'}. Rows: {mart['rows']:,}. "
                f"Files: {', '.join(mart['files'])}.", "",
                "| column | 中文 | type | unit | kind | description |", "|---|---|---|---|---|---|"]
        for c in mart["columns"]:
            out.append(f"| `{c['name']}` | {_cell(c['label_zh'])} | {c['type']} | "
                       f"{_cell(c['unit'])} | {c['kind']} | {_cell(c['description'])} |")
        out.append("")
    return "\n".join(out)
