"""dbt's unit tests (the `unit_tests:` of models/*.yml): the models' logic on fixed inputs.

`yrd build` leaves them out (yrd/build/pipeline.py): they say nothing about the data, so
they run here, in `make test`, against a copy of the shared build (a unit test needs the
tables its model reads to exist, for their column types)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from yrd_testing import PROJECT, Built, copy_of

pytestmark = pytest.mark.slow

DBT = Path(sys.executable).parent / "dbt"


@pytest.fixture(scope="module")
def unit_run(built_warehouse: Built, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[dict, dict]:
    """`dbt test --select test_type:unit` on a copy of the build: (manifest, run results)."""
    copy = copy_of(built_warehouse, tmp_path_factory.mktemp("unit"))
    target = copy.root / "target"
    env = {**os.environ, **copy.env, "YRD_BUILD_DB": str(copy.build_db),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    proc = subprocess.run(
        [str(DBT), "test", "--select", "test_type:unit", "--project-dir", str(PROJECT),
         "--profiles-dir", str(PROJECT), "--target-path", str(target),
         "--log-path", str(copy.root / "logs")],
        env=env, cwd=PROJECT, capture_output=True, text=True)
    assert (target / "run_results.json").exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    return manifest, results


def test_every_unit_test_runs_and_passes(unit_run: tuple[dict, dict]) -> None:
    manifest, results = unit_run
    declared = set(manifest["unit_tests"])
    ran = {r["unique_id"]: r["status"] for r in results["results"]
           if r["unique_id"].startswith("unit_test.")}  # not the on-run-end hook
    assert len(declared) >= 9
    assert set(ran) == declared
    failing = {k: v for k, v in ran.items() if v != "pass"}
    assert not failing, failing


def test_the_build_leaves_unit_tests_out(built_warehouse: Built,
                                         unit_run: tuple[dict, dict]) -> None:
    manifest, _ = unit_run
    names = {u["name"] for u in manifest["unit_tests"].values()}
    shown = [n for n in names if f"] {n}:" in built_warehouse.output]
    assert not shown, shown
    assert "dbt: " in built_warehouse.output  # the build did report its dbt nodes
