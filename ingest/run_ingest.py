"""Ingest step: every declared resource (and the document folder) into the build file."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb

from ingest.config import Settings
from ingest.load import LoadResult, load_resource, register_reference
from ingest.sources import all_resources
from ingest.sources.documents import FolderReport, load_folder


@dataclass
class IngestReport:
    load_id: str
    results: list[LoadResult] = field(default_factory=list)
    folder: FolderReport | None = None

    @property
    def quarantined(self) -> int:
        folder = len(self.folder.problems) if self.folder else 0
        return sum(r.rows_quarantined for r in self.results) + folder

    @property
    def loaded(self) -> int:
        return sum(r.rows_loaded for r in self.results)

    @property
    def failed(self) -> list[LoadResult]:
        return [r for r in self.results if r.status == "failed"]


def run_ingest(
    con: duckdb.DuckDBPyConnection,
    cfg: Settings,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    report = IngestReport(uuid.uuid4().hex[:12])
    # A large file's rows may not fit in memory: DuckDB spills them under the build dir.
    spill = cfg.build_dir / "tmp"
    spill.mkdir(parents=True, exist_ok=True)
    con.execute(f"set temp_directory = '{spill.as_posix()}'")
    register_reference(con, cfg.project_root / "seeds")
    for res in all_resources(cfg.data_dir):
        path = res.path if res.path.is_absolute() else cfg.data_dir / res.path
        result = load_resource(con, res, path, cfg.project_root, report.load_id, force, progress)
        report.results.append(result)
        if progress and result.status != "absent":
            progress(_describe(result))
    if cfg.documents_dir:
        report.folder = load_folder(con, cfg.documents_dir, report.load_id, progress)
        if progress:
            f = report.folder
            progress(f"{cfg.documents_dir}: {f.loaded} new documents ({f.figures} figures), "
                     f"{f.unchanged} unchanged, {len(f.problems)} quarantined")
    return report


def _describe(r: LoadResult) -> str:
    if r.status == "unchanged":
        return f"{r.file}: unchanged since last load (same SHA-256), skipped"
    if r.status == "failed":
        return f"{r.file}: FAILED: {'; '.join(r.problems) or 'see raw.loads'}"
    text = f"{r.file}: {r.rows_loaded:,} rows loaded"
    if r.rows_quarantined:
        text += f", {r.rows_quarantined:,} quarantined (see raw.quarantine)"
    return text
