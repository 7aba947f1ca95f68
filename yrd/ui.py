"""Terminal output: numbered steps with timing, and tables.

Messages and cells carry data (file names, values, quarantine reasons, query results):
they are printed as plain Text, never as rich markup, with control characters written
out (yrd.textsafe), so a `[/]` or an ESC sequence in data is shown, not obeyed."""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from yrd.textsafe import cell_text, visible

# Piped output (cron logs, CI) gets wide lines instead of 80-column wrapping.
console = Console(stderr=False, highlight=False, soft_wrap=True,
                  width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class StepFailed(Exception):
    pass


@contextmanager
def step(name: str, timings: dict[str, float]) -> Iterator[None]:
    console.print(f"[bold cyan]▶ {name}[/]")
    start = time.perf_counter()
    try:
        yield
    except Exception:
        timings[name] = time.perf_counter() - start
        console.print(f"[bold red]✗ {name} failed after {timings[name]:.1f} s[/]")
        raise
    timings[name] = time.perf_counter() - start
    console.print(f"[green]✓ {name}[/] [dim]({timings[name]:.1f} s)[/]")


def info(msg: str) -> None:
    console.print(Text(f"  {visible(msg)}"))


def warn(msg: str) -> None:
    console.print(Text(f"  ! {visible(msg)}", style="yellow"))


def error(msg: str) -> None:
    err_console.print(Text.assemble(("error:", "bold red"), " ", visible(msg)))


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> None:
    table = Table(title=Text(visible(title)) if title else None, show_lines=False)
    for c in columns:
        table.add_column(Text(cell_text(c)), overflow="fold")
    for r in rows:
        table.add_row(*(Text(cell_text(v)) for v in r))
    console.print(table)


def is_tty() -> bool:
    return sys.stdout.isatty()


def emit(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> None:
    """Rows on stdout as a table, CSV or JSON (what `--format` asks for)."""
    if fmt != "table" and sys.stdout.isatty():  # data must not drive the terminal
        columns = [visible(str(c)) for c in columns]
        rows = [[visible(v) if isinstance(v, str) else v for v in r] for r in rows]
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)
    elif fmt == "json":
        json.dump([dict(zip(columns, r, strict=True)) for r in rows], sys.stdout,
                  ensure_ascii=False, default=str, indent=1)
        sys.stdout.write("\n")
    else:
        print_table(columns, rows)
