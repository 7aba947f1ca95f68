"""Run the GX suites of some layers against the build file; persist every result to
meta.quality_results (GX's own stores vanish with its ephemeral context)."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb

from ingest import limits
from ingest.config import Settings
from yrd.quality.expectations import Exp, Suite
from yrd.quality.suites import all_suites

RESULTS_DDL = """
create schema if not exists meta;
create table if not exists meta.quality_results (
    run_id varchar, checked_at timestamp, layer varchar, suite varchar, expectation varchar,
    kwargs json, severity varchar, success boolean, element_count bigint,
    unexpected_count bigint, observed_value varchar, sample_rows json, why varchar
);
-- quality_results keeps every run; readers want each check once, as last checked.
create or replace view meta.latest_quality_results as
select *
from meta.quality_results
qualify row_number() over (
    partition by layer, suite, expectation, cast(kwargs as varchar)
    order by checked_at desc, run_id desc
) = 1;
"""
SAMPLE = 10
_ASSET_SEQ = itertools.count(1)


@dataclass
class CheckResult:
    layer: str
    suite: str
    expectation: str
    kwargs: dict[str, Any]
    severity: str
    success: bool
    element_count: int | None = None
    unexpected_count: int | None = None
    observed_value: Any = None
    sample_rows: list[dict[str, Any]] = field(default_factory=list)
    why: str = ""

    @property
    def label(self) -> str:
        col = self.kwargs.get("column") or ",".join(self.kwargs.get("column_list", []))
        return f"{self.layer}/{self.suite}: {self.expectation}" + (f"({col})" if col else "")


class _Gx:
    """One ephemeral GX context per process: `import great_expectations` costs seconds."""

    _instance: _Gx | None = None

    def __init__(self) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
        os.environ.setdefault("TQDM_DISABLE", "1")
        import great_expectations as gx

        self.gx = gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.ctx = gx.get_context(mode="ephemeral")
        self.ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.ctx.data_sources.add_pandas("yrd")

    @classmethod
    def get(cls) -> _Gx:
        if cls._instance is None:
            cls._instance = _Gx()
        return cls._instance


def _jsonable(v: Any) -> Any:
    if hasattr(v, "item"):
        try:
            return v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def _projected(con: duckdb.DuckDBPyConnection, suite: Suite) -> str:
    """The suite's SQL reduced to the columns its expectations and row ids use."""
    have = [d[0] for d in con.execute(f"select * from ({suite.sql}) limit 0").description]
    used: set[str] = set(suite.id_columns)
    for exp in suite.expectations:
        used.update([exp.kwargs["column"]] if "column" in exp.kwargs else [])
        used.update(exp.kwargs.get("column_list", []))
    cols = [c for c in have if c in used]
    if not cols or len(cols) == len(have):
        return suite.sql
    return "select " + ", ".join('"' + c.replace('"', '""') + '"' for c in cols) + \
        f" from ({suite.sql})"


def run_suite(con: duckdb.DuckDBPyConnection, suite: Suite, run_tag: str) -> list[CheckResult]:
    g = _Gx.get()
    try:
        n = con.execute(f"select count(*) from ({suite.sql})").fetchone()[0]
    except duckdb.Error as exc:
        return [CheckResult(suite.layer, suite.name, "table_exists", {}, "error", False,
                            why=f"cannot read rows for this suite: {exc}".splitlines()[0])]
    # Only the columns the expectations and the row ids need reach pandas: a wide fact
    # table at scale is read by DuckDB, not copied whole into a DataFrame.
    sql = _projected(con, suite)
    if n > suite.max_rows:
        sql = f"select * from ({sql}) using sample reservoir({suite.max_rows} rows) repeatable (42)"
    df = con.execute(sql).df()
    # GX's context lives for the process: every validation gets an asset of its own.
    name = f"{suite.name}-{run_tag}-{next(_ASSET_SEQ)}"
    asset = g.source.add_dataframe_asset(name=name)
    batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
        batch_parameters={"dataframe": df}
    )
    gx_suite = g.gx.ExpectationSuite(name=name)
    for exp in suite.expectations:
        cls = getattr(g.gx.expectations, exp.type)
        gx_suite.add_expectation(cls(**exp.kwargs, meta={"severity": exp.severity, "why": exp.why}))
    gx_suite = g.ctx.suites.add(gx_suite)
    id_cols = [c for c in suite.id_columns if c in df.columns]
    res = batch.validate(
        gx_suite,
        result_format={"result_format": "SUMMARY", "unexpected_index_column_names": id_cols,
                       "partial_unexpected_count": SAMPLE, "return_unexpected_index_query": False},
    )
    out: list[CheckResult] = []
    for r in res.results:
        cfg = r.expectation_config
        meta = cfg.meta or {}
        result = r.result or {}
        kwargs = {k: _jsonable(v) for k, v in cfg.kwargs.items() if k != "batch_id"}
        rows = result.get("partial_unexpected_index_list") or []
        sample = [{k: _jsonable(v) for k, v in row.items()} for row in rows[:SAMPLE]]
        if not sample and not r.success and cfg.type.startswith("expect_table_row_count") and n:
            head = con.execute(f"select * from ({suite.sql}) limit {SAMPLE}").df()
            sample = [{k: _jsonable(v) for k, v in rec.items()}
                      for rec in head.to_dict("records")]
        out.append(CheckResult(
            layer=suite.layer, suite=suite.name, expectation=cfg.type, kwargs=kwargs,
            severity=meta.get("severity", "error"), success=bool(r.success),
            element_count=result.get("element_count", n),
            unexpected_count=result.get("unexpected_count"),
            observed_value=_jsonable(result.get("observed_value")),
            sample_rows=sample, why=meta.get("why", ""),
        ))
    return out


def run_layers(
    cfg: Settings,
    run_id: str,
    layers: list[str],
    progress: Callable[[str], None] | None = None,
    persist: bool = True,
) -> list[CheckResult]:
    con = limits.connect(cfg.build_db, cfg.build_dir)
    results: list[CheckResult] = []
    try:
        for suite in all_suites():
            if suite.layer not in layers:
                continue
            rs = run_suite(con, suite, run_id)
            results += rs
            if progress:
                failed = [r for r in rs if not r.success]
                mark = "ok" if not failed else (
                    "FAILED" if any(r.severity == "error" for r in failed) else "findings")
                progress(f"{suite.layer}/{suite.name}: {len(rs) - len(failed)}/{len(rs)} passed"
                         f" ({mark})")
        if persist:
            save(con, run_id, results)
    finally:
        con.close()
    return results


def save(con: duckdb.DuckDBPyConnection, run_id: str, results: list[CheckResult]) -> None:
    con.execute(RESULTS_DDL)
    now = datetime.now(UTC).replace(tzinfo=None)
    layers = sorted({r.layer for r in results})
    if layers:
        con.execute(
            f"delete from meta.quality_results where run_id = ? and layer in "
            f"({', '.join('?' for _ in layers)})", [run_id, *layers],
        )
    con.executemany(
        "insert into meta.quality_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[run_id, now, r.layer, r.suite, r.expectation, json.dumps(r.kwargs, ensure_ascii=False),
          r.severity, r.success, r.element_count, r.unexpected_count,
          None if r.observed_value is None else str(r.observed_value),
          json.dumps(r.sample_rows, ensure_ascii=False, default=str), r.why] for r in results],
    )


def summarize(results: list[CheckResult], ui: Any, max_rows: int = 5) -> None:
    """Print every failed check with its reason and sample rows."""
    failed = [r for r in results if not r.success]
    for r in sorted(failed, key=lambda r: (r.severity != "error", r.layer, r.suite)):
        head = "BLOCKING" if r.severity == "error" else "finding"
        count = (
            f"{r.unexpected_count} of {r.element_count} rows"
            if r.unexpected_count is not None
            else f"observed {r.observed_value}"
        )
        msg = f"[{head}] {r.label}: {count}" + (f" — {r.why}" if r.why else "")
        (ui.error if r.severity == "error" else ui.warn)(msg)
        for row in r.sample_rows[:max_rows]:
            ui.info("    " + ", ".join(f"{k}={v}" for k, v in row.items()))
    passed = sum(1 for r in results if r.success)
    ui.info(f"quality: {passed} passed, "
            f"{sum(1 for r in failed if r.severity == 'warning')} findings, "
            f"{sum(1 for r in failed if r.severity == 'error')} blocking")


__all__ = ["CheckResult", "Exp", "Suite", "run_layers", "save", "summarize"]
