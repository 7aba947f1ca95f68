"""`yrd sql` and `yrd shell`: queries on the published warehouse, read-only."""

from __future__ import annotations

import argparse
from typing import Any

from ingest.config import settings
from yrd import ui


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    from yrd.desk.readonly import WarehouseError, connect

    try:
        statements = [st.query for st in duckdb.extract_statements(args.query)]
    except duckdb.Error as exc:
        ui.error(f"{type(exc).__name__}: {exc}")
        return 1
    if not statements:
        ui.error("no SQL statement to run (the query is empty or only comments); "
                 "e.g. yrd sql \"select * from marts.dim_indicator\"")
        return 2
    if len(statements) > 1 and args.format != "table":
        ui.error(f"{len(statements)} statements given: --format {args.format} takes one "
                 "(run them one by one, or use the table format to see each result)")
        return 2
    try:
        con = connect(args.warehouse)
    except WarehouseError as exc:
        ui.error(str(exc))
        return 1
    try:
        for n, sql in enumerate(statements, 1):
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchall()
            if len(statements) > 1:
                ui.info(f"statement {n} of {len(statements)}: {' '.join(sql.split())[:80]}")
            ui.emit(columns, rows, args.format)
    except duckdb.Error as exc:
        ui.error(f"{type(exc).__name__}: {exc}")
        return 1
    finally:
        con.close()
    return 0


def cmd_shell(args: argparse.Namespace) -> int:
    from yrd.desk.readonly import WarehouseError, connect
    from yrd.desk.shell import run

    try:
        con = connect(args.warehouse)
    except WarehouseError as exc:
        ui.error(str(exc))
        return 1
    try:
        return run(con, path=args.warehouse or settings().warehouse)
    finally:
        con.close()


def add_sql(sub: Any) -> None:
    s = sub.add_parser(
        "sql", help="query the published warehouse (read-only)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run SQL queries on the published warehouse, read-only. Several "
                    "statements separated by ';' are run one by one and each result is "
                    "shown (table format only).",
        epilog="examples:\n"
               "  yrd sql \"select name_en, gdp_100m_yuan from marts.city_comparison "
               "where year = 2021 order by rank_in_yrd\"\n"
               "  yrd sql \"select * from meta.latest_quality_results\" --format csv\n"
               "  yrd sql \"describe marts.targets_vs_actuals\"\n"
               "tables: docs/economists.md")
    s.add_argument("query", help="SQL: SELECT, WITH, FROM, VALUES, SHOW, DESCRIBE, SUMMARIZE")
    s.add_argument("--format", choices=["table", "csv", "json"], default="table")
    s.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    s.set_defaults(func=cmd_sql)


def add_shell(sub: Any) -> None:
    sh = sub.add_parser("shell", help="interactive SQL prompt on the published warehouse "
                        "(read-only)")
    sh.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    sh.set_defaults(func=cmd_shell)
