"""Whether the project's dbt code changed since the last dbt build that succeeded.

The incremental models keep rows computed by an earlier run's code: int_long_observations
by load, the observation chain by series (macros/incremental_series.sql). After a change
to a model, macro, seed or dbt_project.yml those rows can be stale (a seed that estimates
a publication date, a macro that converts a unit: no data file changed, so no load is
new) or no longer fit their table (a new column: the models say on_schema_change='fail').
So `yrd build` runs `dbt build --full-refresh` when this fingerprint differs from the one
recorded after the last successful dbt build. Data-only changes, the nightly case, stay
incremental. The fingerprint is kept beside the build's file (`<file>.dbt_code`), so it
describes that file's rows: a missing record (first build, a build file from before this
record existed, another YRD_BUILD_DB) means a full refresh, which is always right.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ingest.load import file_sha256
from yrd.build.history import input_hashes

# What dbt builds rows from. Data files are not here: the loader tracks them by load.
CODE_PATHS = ("models", "macros", "seeds")


def code_fingerprint(project_root: Path) -> str:
    # The same per-file hashes a run records of its inputs (history.input_hashes).
    hashes = input_hashes(project_root, [project_root / name for name in CODE_PATHS])
    project = project_root / "dbt_project.yml"
    if project.exists():
        hashes["dbt_project.yml"] = file_sha256(project)
    return hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()


def _record(build_db: Path) -> Path:
    return build_db.with_name(build_db.name + ".dbt_code")


def needs_full_refresh(project_root: Path, build_db: Path) -> bool:
    record = _record(build_db)
    try:
        return record.read_text(encoding="utf-8").strip() != code_fingerprint(project_root)
    except FileNotFoundError:
        return True


def record_code(project_root: Path, build_db: Path) -> None:
    """Called after a dbt build succeeded: the file's rows are those of this code."""
    _record(build_db).write_text(code_fingerprint(project_root) + "\n", encoding="utf-8")
