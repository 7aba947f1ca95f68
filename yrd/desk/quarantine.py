"""`yrd quarantine`: the rows the loader held back, with file, line and reason.

Reads raw.quarantine of the published warehouse (read-only, like `yrd sql`), or with
`--build` of the build file, which is where a build that did not publish left them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ingest.config import settings
from yrd import ui

_QUERY = """
select file, line, reason, rule, record::varchar as record, resource,
       strftime(quarantined_at, '%Y-%m-%d %H:%M') as quarantined_at
from raw.quarantine
where (? is null or contains(file, ?))
order by file, line, rule
"""


def _open(args: argparse.Namespace) -> Any:
    import duckdb

    from yrd.desk.readonly import WarehouseError, connect, reader_limits, reader_settings

    if not args.build:
        try:
            return connect(args.warehouse), None
        except WarehouseError as exc:
            return None, str(exc)
    path = Path(settings().build_db)
    if not path.exists():
        return None, f"{path}: no build file yet; run `yrd build` first"
    try:
        # A reader of the build file, with the settings connect() gives the warehouse's.
        memory, _ = reader_limits()
        return duckdb.connect(str(path), read_only=True,
                              config=reader_settings(memory)), None
    except duckdb.Error as exc:
        return None, (f"{path}: cannot open the build file ({exc}); is a build running? "
                      "Try again when it has finished, or leave out --build")


def _record(text: str | None) -> str:
    """The row as written, short: `col=value` pairs, or the line's text."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return text or ""
    if "text" in data and len(data) == 1:
        shown = str(data["text"] or "")
    else:
        shown = ", ".join(f"{k}={v}" for k, v in data.items() if v not in (None, ""))
    return shown if len(shown) <= 120 else shown[:119] + "…"


def cmd_quarantine(args: argparse.Namespace) -> int:
    import duckdb

    con, problem = _open(args)
    if con is None:
        ui.error(problem)
        return 1
    try:
        rows = con.execute(_QUERY, [args.file, args.file]).fetchall()
    except duckdb.CatalogException:
        rows = []  # a file built before raw.quarantine existed: nothing held back
    finally:
        con.close()
    if args.format == "json":
        ui.emit(["file", "line", "reason", "rule", "record", "resource", "quarantined_at"],
              [(*r[:4], json.loads(r[4] or "null"), *r[5:]) for r in rows], "json")
        return 0
    if args.format == "csv":
        ui.emit(["file", "line", "reason", "rule", "record", "resource", "quarantined_at"],
              rows, "csv")
        return 0
    where = "the build file" if args.build else "the published warehouse"
    if not rows:
        ui.info(f"nothing quarantined in {where}"
                + (f" for files matching {args.file!r}" if args.file else ""))
        return 0
    files = sorted({r[0] for r in rows})
    ui.info(f"{len(rows):,} quarantined row(s) in {len(files)} file(s) of {where}")
    # Grouped by file, one line per reason: paths and reasons are long, a table folds them.
    shown = rows if args.limit <= 0 else rows[: args.limit]
    current = None
    for file, line, reason, _rule, record, *_ in shown:
        if file != current:
            current = file
            n = sum(1 for r in rows if r[0] == file)
            ui.info("")
            ui.info(f"{file}  ({n:,} row(s))")
        ui.info(f"  {file}:{line}: {reason}")
        if record and args.rows:
            ui.info(f"      row: {_record(record)}")
    if len(shown) < len(rows):
        ui.info(f"… and {len(rows) - len(shown):,} more (--limit 0 shows all, "
                "--format csv writes them all)")
    ui.info("")
    ui.info("The other rows of these files are loaded and published. Fix these rows in "
            "their files (or delete the files) and build again.")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("quarantine", help="rows held back by the loader: file, line, reason")
    p.add_argument("--file", help="only files whose path contains this text")
    p.add_argument("--limit", type=int, default=50, help="rows to print (0: all)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--rows", action=argparse.BooleanOptionalAction, default=True,
                   help="show each row as written under its reason (default: yes)")
    p.add_argument("--build", action="store_true",
                   help="read the build file instead of the published warehouse")
    p.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    p.set_defaults(func=cmd_quarantine)
