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
from pathlib import Path

# What dbt builds rows from. Data files are not here: the loader tracks them by load.
CODE_PATHS = ("dbt_project.yml", "models", "macros", "seeds")


def code_fingerprint(project_root: Path) -> str:
    digest = hashlib.sha256()
    for name in CODE_PATHS:
        path = project_root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if not f.exists() or "__pycache__" in f.parts:
                continue
            digest.update(f.relative_to(project_root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(f.read_bytes()).digest())
    return digest.hexdigest()


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
