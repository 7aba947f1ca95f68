"""What a reader may run on the published warehouse: queries that read, within limits.

DuckDB's own settings are not enough. With `enable_external_access` off it still lets SQL
write the database file, its WAL and its temp folder (`copy (…) to '<warehouse>'` replaces
the published file), and a relation's `write_parquet()` writes there too. So every
statement is parsed by DuckDB first and refused unless it is a query (SELECT, WITH, FROM,
VALUES, SHOW, DESCRIBE, SUMMARIZE, or EXPLAIN of one). The connection and its relations
are wrapped so that every way of running SQL passes this check, nothing writes files,
and every statement runs under a timer: DuckDB has no statement timeout, so a timer
thread calls `interrupt()`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import duckdb

# Methods that only read results or state; everything else on the connection is absent.
_FETCH = frozenset({"fetchone", "fetchmany", "fetchall", "fetchdf", "fetch_df", "df",
                    "fetchnumpy", "arrow", "fetch_arrow_table", "fetch_record_batch", "pl",
                    "fetch_df_chunk", "tf", "torch"})
_STATE = frozenset({"description", "rowcount", "interrupt", "query_progress",
                    "extract_statements"})
# Relation methods that write files or tables, or run SQL of their own.
_RELATION_WRITES = frozenset({"write_csv", "to_csv", "write_parquet", "to_parquet", "to_table",
                              "create", "insert_into", "insert", "create_view", "to_view",
                              "update", "map"})
_EXPLAIN = re.compile(r"^\s*explain\s+(analy[sz]e\s+)?", re.IGNORECASE)
_HINT = ("the published warehouse is read-only: only queries run (SELECT, WITH, FROM, "
         "VALUES, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN)")


class ReadOnlyError(duckdb.Error):
    """A statement that is not a query, or a method that would write."""


class QueryTimeoutError(duckdb.Error):
    """A statement ran longer than the readers' limit and was stopped."""


class ReaderLimitError(duckdb.Error):
    """A statement needed more memory than readers are given."""


def _first_words(sql: str, n: int = 60) -> str:
    one_line = " ".join(sql.split())
    return one_line if len(one_line) <= n else one_line[: n - 1] + "…"


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise ReadOnlyError unless every statement of `sql` is a query.

    DuckDB's parser decides (a parse error is raised as DuckDB raises it)."""
    for st in con.extract_statements(sql):
        kind = st.type
        if kind == duckdb.StatementType.EXPLAIN:
            inner = _EXPLAIN.sub("", st.query, count=1)
            inner_kinds = [s.type for s in con.extract_statements(inner)]
            if inner_kinds == [duckdb.StatementType.SELECT]:
                continue
        elif kind == duckdb.StatementType.SELECT:
            continue
        raise ReadOnlyError(
            f"refused {kind.name} statement {_first_words(st.query)!r}: {_HINT}")


class _Limits:
    """The timer and the messages shared by a connection and its relations."""

    def __init__(self, con: duckdb.DuckDBPyConnection, timeout: float, memory: str) -> None:
        self.con, self.timeout, self.memory = con, timeout, memory

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        fired = threading.Event()
        timer = None
        if self.timeout > 0:
            def expire() -> None:
                fired.set()
                self.con.interrupt()

            timer = threading.Timer(self.timeout, expire)
            timer.daemon = True
            timer.start()
        try:
            return fn(*args, **kwargs)
        except duckdb.InterruptException as exc:
            if fired.is_set():
                raise QueryTimeoutError(
                    f"the statement ran longer than {self.timeout:g} s and was stopped; "
                    "narrow it (a where clause, a limit) or raise YRD_READER_TIMEOUT"
                ) from exc
            raise
        except duckdb.OutOfMemoryException as exc:
            raise ReaderLimitError(
                f"{exc}\nreaders get at most {self.memory} of memory and do not spill to "
                "disk; narrow the query or raise YRD_READER_MEMORY_LIMIT") from exc
        finally:
            if timer is not None:
                timer.cancel()


class ReaderRelation:
    """A DuckDB relation that reads only, under the readers' limits."""

    def __init__(self, rel: duckdb.DuckDBPyRelation, limits: _Limits) -> None:
        self._rel, self._limits = rel, limits

    def __getattr__(self, name: str) -> Any:
        if name in _RELATION_WRITES:
            raise ReadOnlyError(f"relation.{name}() is not available: the warehouse "
                                    "is read-only (use .df() and write the frame)")
        attr = getattr(self._rel, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            if name == "query":  # relation.query(view_name, sql) runs SQL of its own
                sql = args[1] if len(args) > 1 else kwargs.get("sql_query", "")
                check_read_only(self._limits.con, str(sql))
            return _wrap(self._limits.run(attr, *args, **kwargs), self._limits)

        return call

    def __repr__(self) -> str:  # printing a relation runs it
        return str(self._limits.run(repr, self._rel))

    def __len__(self) -> int:
        return int(self._limits.run(len, self._rel))


def _wrap(value: Any, limits: _Limits) -> Any:
    return ReaderRelation(value, limits) if isinstance(value, duckdb.DuckDBPyRelation) else value


class ReaderConnection:
    """The readers' connection: `execute`, `sql`/`query`, `table`, `view`, the fetch
    methods and `close`, like duckdb.DuckDBPyConnection; only queries that read."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, timeout: float, memory: str,
                 on_close: Callable[[], None] | None = None) -> None:
        self._con = con
        self._limits = _Limits(con, timeout, memory)
        self._on_close = on_close

    @property
    def timeout(self) -> float:
        return self._limits.timeout

    def execute(self, query: str, parameters: object = None) -> ReaderConnection:
        check_read_only(self._con, query)
        self._limits.run(self._con.execute, query, parameters)
        return self

    def sql(self, query: str, *, alias: str = "", params: object = None) -> Any:
        check_read_only(self._con, query)
        return _wrap(self._limits.run(self._con.sql, query, alias=alias, params=params),
                     self._limits)

    query = sql
    from_query = sql

    def table(self, name: str) -> ReaderRelation:
        return ReaderRelation(self._con.table(name), self._limits)

    def view(self, name: str) -> ReaderRelation:
        return ReaderRelation(self._con.view(name), self._limits)

    def close(self) -> None:
        self._con.close()
        if self._on_close is not None:
            self._on_close()

    def __enter__(self) -> ReaderConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        if name in _STATE:
            return getattr(self._con, name)
        if name in _FETCH:
            fetch = getattr(self._con, name)
            return lambda *a, **k: self._limits.run(fetch, *a, **k)
        raise AttributeError(f"{name} is not available on a reader connection: the published "
                             "warehouse is read-only (execute, sql, table, view and fetch "
                             "methods are)")
