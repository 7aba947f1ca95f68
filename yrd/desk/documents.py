"""`yrd extract`, `yrd verify` and `yrd eval` over the document extractor (ingest.documents):
extract a press release's figures, check them against the published warehouse, score the
extractor on a gold set. The CLI registers them with register().

Imports stay light (standard library only at import time); the extractor loads on use."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path

from ingest.documents.model import GOLD_COLUMNS


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "extract", help="extract figures from press releases and news texts",
        description="Extract every figure (number with what it measures) from documents.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    p.set_defaults(func=extract_command)

    v = subparsers.add_parser(
        "verify", help="check the figures of a press release against the warehouse",
        description="For every figure of the files: the place, indicator and period read, the "
        "warehouse's current official value of the same series (source, vintage) and a "
        "verdict: consistent (given qualifier and rounding), conflict (with the difference) "
        "or no official figure. Exit 0 when nothing conflicts, 1 when something does.")
    v.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="documents or folders")
    v.add_argument("--format", choices=("table", "csv", "json"), default="table")
    v.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    v.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    v.set_defaults(func=verify_command)

    e = subparsers.add_parser(
        "eval", help="score the extractor against a gold CSV",
        description="Span precision/recall/F1, the share of figures that land fully right "
        "(value, unit, place, indicator, period) and label accuracy against GOLD.csv.")
    e.add_argument("gold", type=Path, metavar="GOLD.csv")
    e.add_argument("docs_dir", type=Path, metavar="DOCS_DIR")
    e.add_argument("--by-language", action="store_true", help="one row per language")
    e.add_argument("--by-indicator", action="store_true",
                   help="one row per gold indicator (label)")
    e.add_argument("--core", action="store_true",
                   help="core-only gold set: score precision over core indicators only")
    e.add_argument("--misses", type=int, default=0, metavar="N", help="list N misses")
    e.add_argument("-o", "--output", type=Path, help="also write the Markdown table here")
    e.set_defaults(func=eval_command)


def _vocabulary():
    from ingest.documents.vocab import default_vocabulary, load_vocabulary

    root = os.environ.get("YRD_PROJECT_ROOT")
    return load_vocabulary(Path(root)) if root else default_vocabulary()


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")


def extract_command(args: argparse.Namespace) -> int:
    from ingest.documents.evaluate import document_paths
    from ingest.documents.extract import extract_figures
    from ingest.documents.model import DocumentError
    from ingest.documents.parse import parse_document

    vocab = _vocabulary()
    figures = []
    failed = 0
    for path in document_paths(list(args.paths)):
        try:
            doc = parse_document(path)
        except DocumentError as exc:
            print(f"yrd extract: {exc}", file=sys.stderr)
            failed += 1
            continue
        figures.extend(extract_figures(doc, vocab))
    if args.format == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(GOLD_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(f.gold_row() for f in figures)
        text = buf.getvalue()
    elif args.format == "json":
        text = json.dumps([f.as_dict() for f in figures], ensure_ascii=False, indent=1) + "\n"
    else:
        text = _table(figures)
    _write(text, args.output)
    return 1 if failed else 0


def _table(figures: list) -> str:
    cols = ("doc", "start", "quote", "value", "unit", "indicator", "geo", "period", "kind",
            "qualifier", "flags")
    rows = [[str(getattr(f, c)) for c in cols] for f in figures]
    widths = [min(40, max([len(c)] + [len(r[i]) for r in rows])) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)))
    lines.append(f"{len(figures)} figures")
    return "\n".join(lines) + "\n"


def eval_command(args: argparse.Namespace) -> int:
    from ingest.documents.evaluate import run

    if not args.gold.exists() or not args.docs_dir.is_dir():
        print(f"yrd eval: need a gold CSV and a folder of documents ({args.gold}, "
              f"{args.docs_dir})", file=sys.stderr)
        return 2
    result = run(args.gold, args.docs_dir, _vocabulary(), core=args.core)
    table = result.markdown(by_language=args.by_language, misses=args.misses,
                            by_indicator=args.by_indicator)
    sys.stdout.write(table)
    if args.output is not None:
        _write(table, args.output)
    return 0


VERIFY_COLUMNS = ("doc", "quote", "geo", "place_code", "indicator", "sector", "growth_of",
                  "period", "qualifier", "value", "unit", "official_value", "official_source",
                  "official_vintage", "official_source_ref", "difference",
                  "relative_difference", "verdict", "reason")


def verify_command(args: argparse.Namespace) -> int:
    from ingest.documents.evaluate import document_paths
    from ingest.documents.extract import extract_figures
    from ingest.documents.model import DocumentError
    from ingest.documents.parse import parse_document
    from ingest.documents.verify import verify_figures
    from yrd.desk.readonly import WarehouseMissing, connect

    try:
        con = connect(args.warehouse)
    except WarehouseMissing as exc:
        print(f"yrd verify: {exc}", file=sys.stderr)
        return 2
    vocab = _vocabulary()
    verdicts = []
    try:
        for path in document_paths(list(args.paths)):
            try:
                doc = parse_document(path)
            except DocumentError as exc:
                print(f"yrd verify: {exc}", file=sys.stderr)
                return 2
            verdicts += verify_figures(con, extract_figures(doc, vocab))
    finally:
        con.close()
    rows = [{c: str(v.as_dict()[c]) for c in VERIFY_COLUMNS} for v in verdicts]
    if args.format == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(VERIFY_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        text = buf.getvalue()
    elif args.format == "json":
        text = json.dumps([v.as_dict() for v in verdicts], ensure_ascii=False, indent=1) + "\n"
    else:
        text = _verify_table(rows)
    _write(text, args.output)
    return 1 if any(v.verdict == "conflict" for v in verdicts) else 0


def _verify_table(rows: list[dict[str, str]]) -> str:
    cols = ("quote", "geo", "indicator", "period", "qualifier", "value", "official_value",
            "official_source", "official_vintage", "verdict", "reason")
    widths = [min(36, max([len(c)] + [len(r[c]) for r in rows])) for c in cols]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    for r in rows:
        cells = [r[c].replace("\n", " ") for c in cols]
        cells[-1] = r["reason"]  # the reason is read whole
        lines.append("  ".join(v[:w].ljust(w) if i < len(cols) - 1 else v
                               for i, (v, w) in enumerate(zip(cells, widths, strict=True))))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    lines.append(", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no figures")
    return "\n".join(lines) + "\n"
