"""The vocabulary the suites are declared in: a Suite (which rows, by SQL) and its
expectations (Exp: a GX expectation class, its arguments, its severity and why), with the
short constructors suites.py and finding_suites.py use, and dbt_project.yml `vars`, the
thresholds' one home. Split from suites.py, which declares the suites themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ingest.config import settings


@dataclass(frozen=True)
class Exp:
    type: str  # GX expectation class name, e.g. ExpectColumnValuesToNotBeNull
    kwargs: dict[str, Any]
    severity: str = "error"
    why: str = ""


@dataclass(frozen=True)
class Suite:
    layer: str
    name: str
    sql: str
    id_columns: tuple[str, ...]
    expectations: tuple[Exp, ...] = field(default_factory=tuple)
    # Frames larger than this are sampled (the rule checks stay exact in dbt tests); at
    # 27 million observations a full frame made GX the slowest step of the build.
    max_rows: int = 250_000


@cache
def dbt_vars() -> dict[str, Any]:
    path = Path(settings().project_root) / "dbt_project.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("vars", {})


def var(name: str) -> Any:
    return dbt_vars()[name]


def not_null(*cols: str, severity: str = "error") -> list[Exp]:
    return [Exp("ExpectColumnValuesToNotBeNull", {"column": c}, severity) for c in cols]


def between(col: str, lo: float | None, hi: float | None, severity: str = "error",
            why: str = "") -> Exp:
    return Exp("ExpectColumnValuesToBeBetween", {"column": col, "min_value": lo, "max_value": hi},
               severity, why)


def unique(*cols: str, severity: str = "error") -> Exp:
    if len(cols) == 1:
        return Exp("ExpectColumnValuesToBeUnique", {"column": cols[0]}, severity)
    return Exp("ExpectCompoundColumnsToBeUnique", {"column_list": list(cols)}, severity)


def in_set(col: str, values: list[Any], severity: str = "error", why: str = "") -> Exp:
    return Exp("ExpectColumnValuesToBeInSet", {"column": col, "value_set": values}, severity, why)


def some_rows(severity: str = "error") -> Exp:
    return Exp("ExpectTableRowCountToBeBetween", {"min_value": 1}, severity,
               "an empty table means a load or model silently produced nothing")


def no_rows(why: str, severity: str = "warning") -> Exp:
    return Exp("ExpectTableRowCountToEqual", {"value": 0}, severity, why)
