"""What a source declares (`Resource`) and what loading one file gave (`LoadResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ingest.rules import Rule

WriteDisposition = Literal["replace_file", "append"]


@dataclass(frozen=True)
class Resource:
    name: str
    table: str  # e.g. raw.yearbook_city_gdp
    path: Path  # relative to the data dir unless absolute
    columns: tuple[str, ...]
    key: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    write_disposition: WriteDisposition = "replace_file"
    description: str = ""
    optional: bool = False  # a missing file is normal (e.g. no shipped documents)

    @property
    def declaration(self) -> tuple[object, ...]:
        """Everything but the file: resources that share it are loaded as one batch."""
        return (self.name, self.table, self.columns, self.key, self.rules,
                self.write_disposition, self.optional)


@dataclass
class LoadResult:
    resource: str
    file: str
    status: str  # loaded | unchanged | failed | absent
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    problems: list[str] = field(default_factory=list)
    encoding: str = ""
