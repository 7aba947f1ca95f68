"""The floor of `dbt run`: the SQL dbt compiled for every model, run directly in DuckDB in
the DAG's order (`create or replace view|table … as <compiled SQL>`), no dbt around it.

The manifest comes from `dbt compile` against the same file before any model exists, so
incremental models compile as full builds. Hooks and tests are not part of the floor, but
the chain's state table, which one hook creates, is (create_state_table).

Its connection has the build's limits (ingest/limits.py: memory limit, threads, spill folder
under the build dir), as dbt's has through profiles.yml: a floor without them measures a
different program (DuckDB's default limit is 80% of RAM) and took 4.1 GB at 3M."""

from __future__ import annotations

import json
import time
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

from ingest import limits


def model_order(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = {k: v for k, v in manifest["nodes"].items() if v["resource_type"] == "model"}
    graph = {k: [d for d in v["depends_on"]["nodes"] if d in nodes] for k, v in nodes.items()}
    return [nodes[k] for k in TopologicalSorter(graph).static_order()]


def create_state_table(con: Any, manifest: dict[str, Any]) -> None:
    """The series-incremental chain's state table (macros/incremental_series.sql), which
    int_incremental_batch's pre-hook creates and its compiled SQL reads. Hooks are not part
    of the floor, but without this one the compiled SQL cannot run. The manifest keeps
    hooks unrendered: the one macro call in it is rendered here; anything else left would
    fail the statement, not pass unseen."""
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["name"] == "int_incremental_batch":
            relation = f'"{node["schema"]}".incremental_state'
            con.execute(f'create schema if not exists "{node["schema"]}"')
            for hook in node["config"].get("pre-hook", []):
                con.execute(hook["sql"].replace("{{ incremental_state_relation() }}", relation))


def run_floor(db: Path, manifest_path: Path) -> dict[str, Any]:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    con = limits.connect(db, db.parent)  # the floor's build dir holds its file
    per_model: dict[str, float] = {}
    try:
        create_state_table(con, manifest)
        for node in model_order(manifest):
            kind = "view" if node["config"]["materialized"] == "view" else "table"
            con.execute(f'create schema if not exists "{node["schema"]}"')
            t = time.perf_counter()
            con.execute(f"create or replace {kind} {node['relation_name']} as\n"
                        f"{node['compiled_code']}")
            per_model[node["name"]] = round(time.perf_counter() - t, 3)
    finally:
        con.close()
    return {"models": per_model, "model_count": len(per_model)}
