"""Units and kinds of the marts' numeric columns, from the models' yml (`meta:`).

The yml is the one home of what a column measures; exports, the report and `yrd export
--all`'s catalog read it here. Kinds:

- money_total: an amount that adds up (GDP); scaled by `--unit 亿元`;
- money_per_person: an amount per head (GDP per capita); never scaled;
- money_by_indicator: money whose row's indicator says total or per person (indicators
  that add up across places are totals);
- value_by_unit_column: a value whose unit is in the row's `unit` column (long tables);
- rate (percent), ratio, count, rank, year, index, exchange_rate, position.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ingest.config import settings

MONEY_TOTAL = "money_total"
MONEY_PER_PERSON = "money_per_person"
MONEY_BY_INDICATOR = "money_by_indicator"
BY_UNIT_COLUMN = "value_by_unit_column"
KINDS = (MONEY_TOTAL, MONEY_PER_PERSON, MONEY_BY_INDICATOR, BY_UNIT_COLUMN, "rate", "ratio",
         "count", "rank", "year", "index", "exchange_rate", "position")


@dataclass(frozen=True)
class ColumnMeta:
    model: str
    column: str
    kind: str
    unit: str = ""
    description: str = ""
    repeats: str = ""  # the column holds the same figures as another, in another unit


@dataclass(frozen=True)
class ModelDoc:
    name: str
    description: str
    grain: list[str]
    columns: dict[str, dict[str, Any]]  # name -> {description, meta}


def _models_dir() -> Path:
    return settings().project_root / "models" / "marts"


@cache
def mart_docs() -> dict[str, ModelDoc]:
    """Every mart model documented in models/marts/*.yml."""
    docs: dict[str, ModelDoc] = {}
    for path in sorted(_models_dir().glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in data.get("models") or []:
            grain: list[str] = []
            for test in model.get("data_tests") or []:
                if isinstance(test, dict) and "unique_combination_of_columns" in test:
                    spec = test["unique_combination_of_columns"] or {}
                    grain = list((spec.get("arguments") or spec).get(
                        "combination_of_columns") or [])
            cols = {}
            for col in model.get("columns") or []:
                cols[col["name"]] = {"description": " ".join(
                    str(col.get("description") or "").split()), "meta": col.get("meta") or {}}
                if not grain and any(
                        t == "unique" or (isinstance(t, dict) and "unique" in t)
                        for t in col.get("data_tests") or []):
                    grain = [col["name"]]
            docs[model["name"]] = ModelDoc(model["name"], " ".join(
                str(model.get("description") or "").split()), grain, cols)
    return docs


@cache
def _by_name() -> dict[str, ColumnMeta]:
    found: dict[str, ColumnMeta] = {}
    for model, doc in mart_docs().items():
        for col, spec in doc.columns.items():
            meta = spec["meta"]
            if "kind" in meta and col not in found:
                found[col] = _meta(model, col, spec)
    return found


def _meta(model: str, col: str, spec: dict[str, Any]) -> ColumnMeta:
    meta = spec["meta"]
    return ColumnMeta(model, col, str(meta["kind"]), str(meta.get("unit") or ""),
                      spec["description"], str(meta.get("repeats") or ""))


def lookup(column: str, model: str | None = None) -> ColumnMeta | None:
    """The column's unit and kind: of `model` (e.g. 'city_comparison' or
    'marts.city_comparison') if it documents it, else of any mart with that column."""
    if model:
        doc = mart_docs().get(model.removeprefix("marts."))
        spec = doc.columns.get(column) if doc else None
        if spec and "kind" in spec["meta"]:
            return _meta(doc.name, column, spec)  # type: ignore[union-attr]
    return _by_name().get(column)
