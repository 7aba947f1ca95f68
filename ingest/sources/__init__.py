"""One module per source; each declares its resources and nothing else."""

from __future__ import annotations

from ingest.load import Resource
from ingest.sources import documents, figures, yearbook


def all_resources() -> list[Resource]:
    return [*yearbook.RESOURCES, *figures.RESOURCES, *documents.RESOURCES]
