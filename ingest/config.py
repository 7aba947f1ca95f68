"""Where things live. Every path can be moved with an environment variable.

Shared by the loader and the application, so it lives in ingest (the bottom layer): the
loader needs the data folder, and ingest never imports the application (yrd)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    project_root: Path
    data_dir: Path
    build_dir: Path
    build_db: Path
    warehouse: Path
    documents_dir: Path | None

    @property
    def history_log(self) -> Path:
        # JSON-lines run history beside the published file.
        return self.warehouse.with_name(self.warehouse.stem + ".runs.jsonl")

    @property
    def lock_file(self) -> Path:
        return self.build_dir / "build.lock"


def settings() -> Settings:
    root = Path(os.environ.get("YRD_PROJECT_ROOT", PROJECT_ROOT)).resolve()
    build_dir = Path(os.environ.get("YRD_BUILD_DIR", root / "build")).resolve()
    docs = os.environ.get("YRD_DOCUMENTS_DIR")
    return Settings(
        project_root=root,
        data_dir=Path(os.environ.get("YRD_DATA_DIR", root / "data")).resolve(),
        build_dir=build_dir,
        build_db=Path(os.environ.get("YRD_BUILD_DB", build_dir / "yrd.duckdb")).resolve(),
        warehouse=Path(
            os.environ.get("YRD_WAREHOUSE", root / "warehouse" / "yrd.duckdb")
        ).resolve(),
        documents_dir=Path(docs).resolve() if docs else None,
    )


def versions_dir(warehouse: Path) -> Path:
    """Where publish keeps the earlier versions of a published file (for rollback)."""
    return warehouse.parent / "versions"
