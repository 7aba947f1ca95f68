"""Documents: press releases and news, and the figures extracted from them.

Two inputs share the raw tables `raw.documents` and `raw.document_figures`:
- the shipped files data/documents/documents.csv and document_figures.csv (figures the
  extractor found in texts the project may not ship: metadata and number phrases only);
- a folder of the user's own documents (setting YRD_DOCUMENTS_DIR), parsed and extracted
  at ingest. A document's id is the SHA-256 of its bytes: an unchanged document is never
  loaded twice, and a changed one is a new version beside the old.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.load import (
    Resource,
    check_rows,
    ensure_table,
    in_set,
    integer,
    known_place,
    known_unit,
    numeric,
    period,
    register_reference,
    required,
    within_bounds,
)

DOCUMENT_COLUMNS = ("doc_id", "doc", "source", "date", "lang", "title", "chars", "text",
                    "doc_type")  # doc_type: communique | press (ingest.documents.doctype)
FIGURE_COLUMNS = (
    "doc_id", "doc", "start", "end", "quote", "value", "unit", "subject", "geo", "place_code",
    "indicator", "sector", "period", "kind", "qualifier", "conversion", "growth_of", "lang",
    "flags", "confidence", "extractor_version",
)
SUPPORTED_LANGUAGES = ("en", "fr", "de", "es", "pt", "zh", "zh-Hant", "ja")
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
EXTRACTOR_VERSION = "1"

documents = Resource(
    name="documents",
    table="raw.documents",
    path=Path("documents/documents.csv"),
    columns=DOCUMENT_COLUMNS,
    key=("doc_id",),
    rules=(*required("doc_id", "doc"),),
    description="Documents whose figures the project ships (metadata only, no text).",
    optional=True,
)

document_figures = Resource(
    name="document_figures",
    table="raw.document_figures",
    path=Path("documents/document_figures.csv"),
    columns=FIGURE_COLUMNS,
    key=("doc_id", "start", "end"),
    rules=(
        *required("doc_id", "start", "end", "quote", "value", "unit", "kind", "qualifier"),
        *integer("start", "end"),
        *numeric("value"),
        period("period", last=2100),  # targets look ahead
        within_bounds("value", '"indicator"', '"unit"'),
        known_place("place_code"),
        known_unit("unit"),
        in_set("kind", ["actual", "target", "forecast"], allow_blank=False),
        in_set("qualifier", ["eq", "gt", "gte", "lt", "lte", "approx"], allow_blank=False),
    ),
    description="Figures extracted from documents, with offsets and quoted number phrase.",
    optional=True,
)

RESOURCES = [documents, document_figures]


@dataclass
class FolderReport:
    seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    figures: int = 0
    problems: list[str] = field(default_factory=list)


def load_folder(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    load_id: str,
    progress: Callable[[str], None] | None = None,
) -> FolderReport:
    """Parse and extract every new document of a folder (append semantics by content hash)."""
    from ingest.documents.doctype import document_type
    from ingest.documents.extract import extract_figures
    from ingest.documents.model import DocumentError
    from ingest.documents.parse import parse_document
    from ingest.documents.vocab import load_vocabulary

    report = FolderReport()
    for res in RESOURCES:
        ensure_table(con, res)
    root = Path(__file__).resolve().parents[2]
    vocab = load_vocabulary(root)
    register_reference(con, root / "seeds")
    known = {r[0] for r in con.execute("select doc_id from raw.documents").fetchall()}
    now = datetime.now(UTC).replace(tzinfo=None)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    for n, path in enumerate(files, 1):
        report.seen += 1
        shown = str(path)
        try:
            doc = parse_document(path)
        except (DocumentError, UnicodeDecodeError, ValueError) as exc:
            _quarantine(con, load_id, now, shown, str(exc))
            report.problems.append(f"{shown}: {exc}")
            continue
        if doc.doc_id in known:
            report.unchanged += 1
            continue
        if doc.lang not in SUPPORTED_LANGUAGES:
            reason = (f"language {doc.lang!r} is not one the extractor reads "
                      f"({', '.join(SUPPORTED_LANGUAGES)}); document kept out of the warehouse")
            _quarantine(con, load_id, now, shown, reason)
            report.problems.append(f"{shown}: {reason}")
            continue
        figures = extract_figures(doc, vocab)
        # The figures meet the rules a shipped document_figures.csv meets: an extracted
        # negative GDP or an absurd magnitude is quarantined, the document's other
        # figures load.
        rows = [_figure_row(doc, f) for f in figures]
        held = check_rows(con, document_figures, rows)
        if held:
            _quarantine_figures(con, load_id, now, shown, doc.body, figures, held)
            report.problems += [f"{shown}:{_line_of(doc.body, figures[i - 1].start)}: "
                                f"{'; '.join(reasons)}" for i, reasons in held.items()]
            figures = [f for i, f in enumerate(figures, 1) if i not in held]
        con.execute("begin transaction")
        try:
            con.execute(
                "insert into raw.documents values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?)",
                [doc.doc_id, doc.name, doc.source, doc.date, doc.lang, doc.title,
                 str(len(doc.body)), doc.body, document_type(doc), shown, load_id, now,
                 doc.doc_id],
            )
            con.executemany(
                "insert into raw.document_figures values "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?)",
                [[*_figure_row(doc, f), shown, load_id, now, doc.doc_id] for f in figures],
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        known.add(doc.doc_id)
        report.loaded += 1
        report.figures += len(figures)
        if progress and (n % 50 == 0 or n == len(files)):
            progress(f"{folder}: {n}/{len(files)} documents read, {report.figures} figures")
    return report


def _figure_row(doc, f) -> list[str]:
    """A figure as a row of FIGURE_COLUMNS (as written to raw.document_figures)."""
    return [doc.doc_id, doc.name, str(f.start), str(f.end), f.quote, f.value, f.unit,
            f.subject, f.geo, f.place_code, f.indicator, f.sector, f.period, f.kind,
            f.qualifier, str(f.conversion), f.growth_of, f.lang or doc.lang, f.flags,
            f"{f.confidence:.2f}", EXTRACTOR_VERSION]


def _line_of(body: str, offset: int) -> int:
    return body.count("\n", 0, max(offset, 0)) + 1


def _quarantine_figures(con, load_id: str, now: datetime, shown: str, body: str,
                        figures: list, held: dict[int, list[str]]) -> None:
    """One quarantine row per held-back figure: the line of the document's body where
    its quote starts, the reasons, and the figure as extracted."""
    con.execute(
        "delete from raw.quarantine where resource = 'documents_folder' and file = ?", [shown])
    for i, reasons in held.items():
        f = figures[i - 1]
        record = dict(zip(FIGURE_COLUMNS, map(str, [
            "", "", f.start, f.end, f.quote, f.value, f.unit, f.subject, f.geo, f.place_code,
            f.indicator, f.sector, f.period, f.kind, f.qualifier]), strict=False))
        for reason in reasons:
            con.execute(
                "insert into raw.quarantine values (?, ?, 'documents_folder', ?, ?, "
                "'figure', ?, ?)",
                [load_id, now, shown, _line_of(body, f.start),
                 f"figure {f.start}-{f.end} {f.quote!r}: {reason}", json.dumps(record)])


def _quarantine(con, load_id: str, now: datetime, shown: str, reason: str) -> None:
    con.execute(
        "delete from raw.quarantine where resource = 'documents_folder' and file = ?", [shown]
    )
    con.execute(
        "insert into raw.quarantine values (?, ?, 'documents_folder', ?, 0, 'document', ?, ?)",
        [load_id, now, shown, reason, json.dumps({"file": shown})],
    )


__all__ = ["RESOURCES", "FolderReport", "load_folder"]
