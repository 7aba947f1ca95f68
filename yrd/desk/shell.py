"""`yrd shell`: a plain SQL prompt on the published warehouse, read-only.

It uses the same connection as `yrd sql` and `yrd.connect()` (read-only, no other
files, no network, configuration locked). Statements may span lines and end with `;`.
Dot commands, at the start of a statement:

    .tables              the tables and views, by schema
    .schema TABLE        the columns of a table (schema.table or table)
    .mode table|line|csv|json how results are printed (line: one value per line)
    .timer on|off        print how long each statement took
    .maxwidth N          widest a table column is printed (0: no limit; default 40)
    .help                this text
    .quit / .exit        leave (so does Ctrl-D)

On a terminal, Tab completes table, view and column names, keywords and dot commands,
and history is kept between sessions (yrd.desk.shell_prompt). Piped input works too
(`yrd shell < queries.sql`): no prompt is printed, and the exit code is 1 if any
statement failed.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import duckdb

from yrd.textsafe import cell_text, visible

MODES = ("table", "line", "csv", "json")
DEFAULT_MAXWIDTH = 40
TABLE_ROWS = 1000  # table mode prints at most this many rows (csv and json print all)

HELP = """\
.tables              list tables and views
.schema TABLE        columns of TABLE (schema.table or table)
.mode table|line|csv|json output format (now: {mode})
.timer on|off        time each statement (now: {timer})
.maxwidth N          widest column in table mode, 0 = no limit (now: {maxwidth})
.help                this help
.quit / .exit        leave
SQL statements end with ';' and may span several lines. The warehouse is read-only."""


class Shell:
    def __init__(self, con: duckdb.DuckDBPyConnection, out: TextIO, err: TextIO,
                 mode: str = "table") -> None:
        self.con, self.out, self.err, self.mode = con, out, err, mode
        self.errors = 0
        self.timer = False
        self.maxwidth = DEFAULT_MAXWIDTH

    # ---- output ----
    def emit(self, columns: Sequence[str], rows: Sequence[Sequence[Any]],
             more: bool = False) -> None:
        """Print a result. Values are data, not markup; on a terminal their control
        characters are written out (piped csv and json keep them as they are)."""
        if self.mode not in ("table", "line") and self.out.isatty():
            columns = [visible(str(c)) for c in columns]
            rows = [[visible(v) if isinstance(v, str) else v for v in r] for r in rows]
        if self.mode == "csv":
            w = csv.writer(self.out, lineterminator="\n")
            w.writerow(columns)
            w.writerows(rows)
        elif self.mode == "line":
            width = max((len(str(c)) for c in columns), default=0)
            for i, r in enumerate(rows):
                if i:
                    self.out.write("\n")
                for c, v in zip(columns, r, strict=True):
                    self.out.write(f"{cell_text(c):>{width}} = {cell_text(v, null='NULL')}\n")
        elif self.mode == "json":
            json.dump([dict(zip(columns, r, strict=True)) for r in rows], self.out,
                      ensure_ascii=False, default=str, indent=1)
            self.out.write("\n")
        else:
            from rich.console import Console
            from rich.table import Table
            from rich.text import Text

            table = Table(show_lines=False)
            for c in columns:
                table.add_column(Text(cell_text(c)), overflow="ellipsis", no_wrap=True,
                                 max_width=self.maxwidth or None)
            for r in rows:
                table.add_row(*(Text(cell_text(v, null="NULL")) for v in r))
            Console(file=self.out, highlight=False, soft_wrap=True,
                    width=None if self.out.isatty() else 200).print(table)
            note = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
            if more:
                note += " shown; more not printed (.mode csv prints all)"
            self.out.write(f"({note})\n")
        self.out.flush()

    def fail(self, message: str) -> None:
        self.errors += 1
        self.err.write(f"Error: {visible(message)}\n")  # messages quote data, too
        self.err.flush()

    # ---- SQL ----
    def run_sql(self, sql: str) -> None:
        import time

        started = time.perf_counter()
        try:
            self._run_sql(sql)
        finally:
            if self.timer:
                self.out.write(f"Run Time: {time.perf_counter() - started:.3f} s\n")
                self.out.flush()

    def _run_sql(self, sql: str) -> None:
        try:
            cur = self.con.execute(sql)
            if cur.description is None:
                return
            columns = [d[0] for d in cur.description]
            if self.mode == "table":
                rows = cur.fetchmany(TABLE_ROWS + 1)
                self.emit(columns, rows[:TABLE_ROWS], more=len(rows) > TABLE_ROWS)
            else:
                self.emit(columns, cur.fetchall())
        except duckdb.Error as exc:
            self.fail(str(exc).strip())

    # ---- dot commands ----
    def dot(self, line: str) -> bool:
        """Run a dot command; False means quit."""
        parts = line.split()
        name, args = parts[0].lower(), parts[1:]
        if name in (".quit", ".exit", ".q"):
            return False
        if name == ".help":
            self.out.write(HELP.format(mode=self.mode, timer="on" if self.timer else "off",
                                       maxwidth=self.maxwidth) + "\n")
        elif name == ".tables":
            rows = self.con.execute(
                "select table_schema, table_name, case table_type when 'VIEW' then 'view' "
                "else 'table' end from information_schema.tables "
                "where table_catalog = current_database() "
                "and table_schema not in ('information_schema', 'pg_catalog') "
                "order by 1, 2").fetchall()
            self.emit(["schema", "name", "type"], rows)
        elif name == ".schema":
            self.schema(args[0] if args else None)
        elif name == ".mode":
            if len(args) != 1 or args[0] not in MODES:
                self.fail(f".mode takes one of {', '.join(MODES)} (now {self.mode})")
            else:
                self.mode = args[0]
        elif name == ".timer":
            if args not in (["on"], ["off"]):
                self.fail(".timer takes on or off")
            else:
                self.timer = args[0] == "on"
        elif name == ".maxwidth":
            if len(args) != 1 or not args[0].isdigit():
                self.fail(f".maxwidth takes a number of characters, 0 for none "
                          f"(now {self.maxwidth})")
            else:
                self.maxwidth = int(args[0])
        else:
            self.fail(f"unknown command {name}; .help lists them")
        self.out.flush()
        return True

    def schema(self, table: str | None) -> None:
        where, params = "", []
        if table:
            schema, _, name = table.rpartition(".")
            where = " and table_name = ?" + (" and table_schema = ?" if schema else "")
            params = [name.strip('"'), *([schema.strip('"')] if schema else [])]
        rows = self.con.execute(
            "select table_schema || '.' || table_name, column_name, data_type, is_nullable "
            "from information_schema.columns where table_catalog = current_database() "
            "and table_schema not in ('information_schema', 'pg_catalog')" + where
            + " order by table_schema, table_name, ordinal_position", params).fetchall()
        if table and not rows:
            self.fail(f"no such table: {table} (.tables lists them)")
            return
        self.emit(["table", "column", "type", "nullable"], rows)


def _complete(sql: str) -> bool:
    return sql.rstrip().endswith(";")


def run(con: duckdb.DuckDBPyConnection, stdin: TextIO | None = None,
        out: TextIO | None = None, err: TextIO | None = None, path: Path | None = None) -> int:
    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr
    interactive = stdin.isatty()
    shell = Shell(con, out, err)
    prompt = None
    if interactive:
        try:
            from yrd.desk.shell_prompt import make_session

            prompt = make_session(con).prompt
        except ImportError:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (line editing and history for input())
        out.write(f"yrd shell on {path or 'the published warehouse'} (read-only). "
                  "End statements with ';'. .help for commands, .quit to leave.\n")
    buffer: list[str] = []
    while True:
        if interactive:
            try:
                ask = prompt or input
                line = ask("yrd> " if not buffer else "...> ")
            except EOFError:
                out.write("\n")
                break
            except KeyboardInterrupt:
                out.write("\n")
                buffer = []
                continue
        else:
            line = stdin.readline()
            if not line:
                break
        if not buffer and line.strip().startswith("."):
            if not shell.dot(line.strip()):
                break
            continue
        if not buffer and not line.strip():
            continue
        buffer.append(line.rstrip("\n"))
        if _complete(line):
            shell.run_sql("\n".join(buffer))
            buffer = []
    if buffer and "".join(buffer).strip():
        shell.run_sql("\n".join(buffer))  # the last statement may lack its ';'
    return 0 if interactive or not shell.errors else 1
