"""`yrd`: the command line of the warehouse. Each stage's commands live with the stage
(yrd.build.commands, yrd.quality.commands, yrd.desk.*); this module orders them and runs one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from yrd import ui
from yrd.build import commands as build_commands
from yrd.desk import commands as desk_commands
from yrd.desk import documents as document_commands
from yrd.desk import quarantine, sql
from yrd.quality import commands as quality_commands


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="yrd", description="Yangtze River Delta economic-indicators warehouse",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Start here: docs/economists.md (which tables to query, exports, the report)."
               "\nOperations: docs/operations.md. `yrd COMMAND --help` shows examples.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_commands.add_build(sub)
    build_commands.add_ingest(sub)
    quality_commands.add_check(sub)
    sql.add_sql(sub)
    build_commands.add_status(sub)
    build_commands.add_rollback(sub)
    sql.add_shell(sub)
    build_commands.add_schedule(sub)
    quarantine.register(sub)
    document_commands.register(sub)
    desk_commands.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        ui.error("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
