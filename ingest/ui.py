"""Terminal output: numbered steps with timing, and tables."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.table import Table

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
    console.print(f"  {msg}", markup=False)


def warn(msg: str) -> None:
    console.print(f"  [yellow]! {msg}[/]")


def error(msg: str) -> None:
    err_console.print(f"[bold red]error:[/] {msg}")


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> None:
    table = Table(title=title or None, show_lines=False)
    for c in columns:
        table.add_column(str(c), overflow="fold")
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r))
    console.print(table)


def is_tty() -> bool:
    return sys.stdout.isatty()
