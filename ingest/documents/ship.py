"""Rows of figures (never the texts) for the warehouse: data/documents/corpus_figures.csv."""

from __future__ import annotations

from pathlib import Path

from ingest.documents.model import GOLD_COLUMNS

SHIP_COLUMNS: tuple[str, ...] = (
    "doc", "doc_id", "source", "date", "lang", "title", *GOLD_COLUMNS[1:],
    "place_code", "flags", "confidence",
)


def corpus_figure_rows(docs_dir: Path, vocab=None) -> list[dict[str, object]]:
    """Extract the figures of every document in a folder; the quote is the number phrase only
    (a fact), with the document's address, date and language as provenance."""
    from ingest.documents.evaluate import document_paths
    from ingest.documents.extract import extract_figures
    from ingest.documents.parse import parse_document

    rows: list[dict[str, object]] = []
    for path in document_paths([Path(docs_dir)]):
        doc = parse_document(path)
        for f in extract_figures(doc, vocab):
            row: dict[str, object] = {
                "doc": doc.name, "doc_id": doc.doc_id, "source": doc.source or "",
                "date": doc.date or "", "lang": doc.lang, "title": doc.title or "",
            }
            row.update({c: getattr(f, c) for c in SHIP_COLUMNS if c not in row})
            rows.append(row)
    return rows
