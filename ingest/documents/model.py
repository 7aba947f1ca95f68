"""Data classes shared by the parser, the extractor and the evaluator."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path


class DocumentError(Exception):
    """A document cannot be read (undecodable, empty); the message names the file."""


@dataclass(frozen=True)
class Document:
    doc_id: str  # sha256 hex of the file's bytes
    path: Path | None
    source: str | None
    date: str | None
    lang: str
    title: str | None
    body: str  # offsets of figures are Python str indices into this text
    header: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def name(self) -> str:
        """File name without extension, the `doc` column of gold.csv."""
        return self.path.stem if self.path is not None else self.doc_id[:12]


# The columns of gold.csv, in order; Figure carries these plus provenance extras.
GOLD_COLUMNS: tuple[str, ...] = (
    "doc", "start", "end", "quote", "value", "unit", "subject", "geo", "indicator", "sector",
    "period", "kind", "qualifier", "conversion", "growth_of",
)


@dataclass
class Figure:
    doc: str
    start: int
    end: int
    quote: str
    value: str  # plain decimal string, no exponent
    unit: str
    subject: str = ""
    geo: str = ""
    indicator: str = ""
    sector: str = ""
    period: str = ""
    kind: str = "actual"
    qualifier: str = "eq"
    conversion: int = 0
    growth_of: str = ""
    place_code: str = ""
    lang: str = ""
    flags: str = ""
    confidence: float = 1.0

    def gold_row(self) -> dict[str, str]:
        return {c: str(getattr(self, c)) for c in GOLD_COLUMNS}

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def add_flag(self, flag: str) -> None:
        parts = [p for p in self.flags.split("|") if p]
        if flag not in parts:
            parts.append(flag)
        self.flags = "|".join(parts)
