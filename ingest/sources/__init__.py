"""One module per source; each declares its resources and nothing else.

May import: ingest.load (Resource and the rules' vocabulary), ingest.config, and
ingest.documents (the document folder's extractor). Must not import yrd."""

from __future__ import annotations

from pathlib import Path

from ingest.load import Resource
from ingest.sources import communiques, documents, figures, observations, yearbook


def all_resources(data_dir: Path | None = None) -> list[Resource]:
    if data_dir is None:
        from ingest.config import settings

        data_dir = settings().data_dir
    return [*yearbook.RESOURCES, *figures.RESOURCES, *documents.RESOURCES,
            *observations.resources(data_dir), *communiques.RESOURCES]
