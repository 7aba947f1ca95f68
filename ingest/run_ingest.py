"""Ingest step: every declared resource (and the document folder) into the build file."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import limits
from ingest.config import Settings
from ingest.load import LoadResult, load_resources, prune_removed, register_reference
from ingest.sources import all_resources
from ingest.sources.documents import FolderReport, load_folder


@dataclass
class IngestReport:
    load_id: str
    results: list[LoadResult] = field(default_factory=list)
    folder: FolderReport | None = None
    removed: list[str] = field(default_factory=list)  # files whose rows left raw

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
    # A large file's rows may not fit in memory: DuckDB spills them under the build dir,
    # within the build's memory limit (also when the caller opened `con` itself).
    limits.apply(con, limits.limits(cfg.build_dir))
    register_reference(con, cfg.project_root / "seeds")
    resources = all_resources(cfg.data_dir)
    present: set[str] = set()
    items = [(res, res.path if res.path.is_absolute() else cfg.data_dir / res.path)
             for res in resources]
    # Files of one declaration (data/observations/*.csv) load as one batch.
    report.results = load_resources(con, items, cfg.project_root, report.load_id, force,
                                    progress)
    for (_, path), result in zip(items, report.results, strict=True):
        if path.exists():
            present.add(result.file)
        if progress and result.status != "absent":
            progress(_describe(result))
    if cfg.documents_dir:
        report.folder = load_folder(con, cfg.documents_dir, report.load_id, progress)
        if progress:
            f = report.folder
            progress(f"{cfg.documents_dir}: {f.loaded} new documents ({f.figures} figures), "
                     f"{f.unchanged} unchanged, {len(f.problems)} quarantined")
    docs = cfg.documents_dir

    def in_folder(file: str) -> bool:
        p = Path(file)
        return docs is not None and p.is_relative_to(docs) and p.is_file()

    report.removed = prune_removed(con, dict.fromkeys(r.table for r in resources), present,
                                   report.load_id, keep_also=in_folder)
    if progress:
        for msg in report.removed:
            progress(msg)
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
