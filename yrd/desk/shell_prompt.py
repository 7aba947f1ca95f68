"""The interactive line editor of `yrd shell` (prompt_toolkit): tab completion of
tables, columns, SQL keywords and dot commands, and history kept between sessions.

History goes to $YRD_SHELL_HISTORY, else $XDG_STATE_HOME/yrd/shell_history (by default
~/.local/state/yrd/shell_history): never beside the warehouse. The names to complete are
read once, through the same read-only connection the shell runs queries on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory, InMemoryHistory

DOT_COMMANDS = (".tables", ".schema", ".mode", ".timer", ".maxwidth", ".help", ".quit",
                ".exit")
KEYWORDS = ("select", "from", "where", "group by", "order by", "having", "limit", "with",
            "join", "left join", "inner join", "on", "and", "or", "not", "distinct", "as",
            "count", "sum", "avg", "min", "max", "round", "case", "when", "then", "else",
            "end", "between", "like", "ilike", "is null", "is not null", "desc", "asc",
            "union all", "describe", "summarize", "show", "over", "partition by")


def history_path() -> Path:
    explicit = os.environ.get("YRD_SHELL_HISTORY", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    state = os.environ.get("XDG_STATE_HOME", "").strip() or str(Path.home() / ".local/state")
    return Path(state) / "yrd" / "shell_history"


def catalog_names(con: Any) -> tuple[list[str], list[str]]:
    """(tables and views, qualified and bare; column names) of the warehouse."""
    rel = con.execute(
        "select distinct table_schema, table_name from information_schema.tables "
        "where table_catalog = current_database() "
        "and table_schema not in ('information_schema', 'pg_catalog')").fetchall()
    tables = sorted({f"{s}.{t}" for s, t in rel} | {t for _, t in rel}
                    | {"marts.observations_as_of"})
    cols = sorted({r[0] for r in con.execute(
        "select distinct column_name from information_schema.columns "
        "where table_catalog = current_database()").fetchall()})
    return tables, cols


class SqlCompleter(Completer):
    def __init__(self, tables: list[str], columns: list[str]) -> None:
        self.tables, self.columns = tables, columns

    def get_completions(self, document: Document,
                        complete_event: CompleteEvent) -> Iterable[Completion]:
        line = document.text_before_cursor
        if line.lstrip().startswith(".") and " " not in line.strip():
            word, pool = line.strip(), list(DOT_COMMANDS)
        else:
            word = document.get_word_before_cursor(WORD=True).lstrip("(,")
            before = line[: len(line) - len(word)].rstrip().lower()
            after_from = before.endswith(("from", "join", ".schema", "describe", "summarize"))
            pool = self.tables if after_from else [*self.columns, *self.tables, *KEYWORDS]
        low = word.lower()
        seen = set()
        for name in pool:
            if name.lower().startswith(low) and name not in seen:
                seen.add(name)
                yield Completion(name, start_position=-len(word))


def make_session(con: Any) -> PromptSession[str]:
    try:
        path = history_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        history: Any = FileHistory(str(path))
    except OSError:  # a read-only home: history for this session only
        history = InMemoryHistory()
    tables, columns = catalog_names(con)
    return PromptSession(history=history, completer=SqlCompleter(tables, columns),
                         complete_while_typing=False, enable_history_search=True)
