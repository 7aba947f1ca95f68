"""Write data/documents/{documents,document_figures}.csv from a folder of documents.

The texts of ../shared/corpus are not ours to ship; their figures are facts. So the shipped
files carry each document's id (SHA-256 of its bytes), name, address, date and language, and
for each figure the quoted number phrase, offsets and labels, never a sentence or a title.
Run: .venv/bin/python scripts/ship_document_figures.py [DOCS_DIR...]
(default ../shared/corpus/docs and ../shared/corpus/communiques/docs)
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.documents.ship import corpus_figure_rows  # noqa: E402
from ingest.documents.vocab import load_vocabulary  # noqa: E402
from ingest.sources.documents import (  # noqa: E402
    DOCUMENT_COLUMNS,
    EXTRACTOR_VERSION,
    FIGURE_COLUMNS,
)

OUT = ROOT / "data" / "documents"


def main(docs_dirs: list[Path]) -> None:
    vocab = load_vocabulary(ROOT)
    rows = [r for d in docs_dirs for r in corpus_figure_rows(d, vocab)]
    docs: dict[str, dict[str, str]] = {}
    from ingest.documents.doctype import document_type
    from ingest.documents.evaluate import document_paths
    from ingest.documents.parse import parse_document

    for path in document_paths(docs_dirs):
        d = parse_document(path)
        docs[d.doc_id] = {"doc_id": d.doc_id, "doc": d.name, "source": d.source or "",
                          "date": d.date or "", "lang": d.lang, "title": "",
                          "chars": str(len(d.body)), "text": "", "doc_type": document_type(d)}
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "documents.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, DOCUMENT_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(sorted(docs.values(), key=lambda r: r["doc"]))
    with (OUT / "document_figures.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, FIGURE_COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in sorted(rows, key=lambda r: (str(r["doc"]), int(r["start"]))):
            out = {c: "" if r.get(c) is None else str(r.get(c, "")) for c in FIGURE_COLUMNS}
            out["confidence"] = f"{float(r.get('confidence') or 0):.2f}"
            out["extractor_version"] = EXTRACTOR_VERSION
            w.writerow(out)
    print(f"wrote {len(docs)} documents and {len(rows)} figures to {OUT}")


if __name__ == "__main__":
    corpus = ROOT.parent / "shared" / "corpus"
    main([Path(a) for a in sys.argv[1:]] or [corpus / "docs", corpus / "communiques" / "docs"])
