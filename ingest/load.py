"""Declared load semantics for file sources, executed by one generic loader.

A source module declares `Resource`s (which file, which columns, which rules a
row must pass, how it is written). This module reads the file, runs every rule
as one SQL statement over the whole file in DuckDB, sends failing rows to
`raw.quarantine` with their file, line and reason, and writes the rest.
Nothing is dropped: a quarantined row keeps its full record as JSON.

The contract for a source module (a new source declares a `Resource` and adds it to
`ingest.sources.all_resources`; nothing else):
- Rules come from `ingest.rules` (re-exported here: `from ingest.load import numeric, …`).
  Declare enough of them that staging can cast every column it casts: a row that passes
  the rules must never fail dbt or a blocking check. One bad row is quarantined, never a
  reason to stop the build. `numeric` is strict (a point as decimal mark, a comma only
  between groups of three, finite, below 1e18); `within_bounds(value, indicator, unit)`
  checks a value against its indicator's bounds in seeds/indicators.csv.
- Rules may read the seeds as temp tables `_places`, `_units`, `_indicators`,
  `_yearbook_fields` and `_bounds` (see `register_reference`); a change to those seeds
  re-checks every file.
- Keys are compared trimmed, as staging reads them.
- The build reflects the files that are there: rows of a file that is no longer declared
  or no longer exists leave its raw table and raw.quarantine at the next ingest
  (`prune_removed`); raw.loads keeps its loads and gets a `removed` entry.
- Rows that do not come from a file of rows (figures extracted from a document) go
  through the same rules with `check_rows`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv

from ingest import fastload
from ingest.readers import BadLine, Decoded, InputFileError, Record, read_delimited
from ingest.rules import (  # noqa: F401  (re-exported: the source modules' vocabulary)
    Rule,
    at_most,
    date,
    in_set,
    integer,
    known_indicator,
    known_place,
    known_unit,
    lit,
    non_negative,
    numeric,
    period,
    place_in_province,
    q,
    required,
    within_bounds,
    year_in_range,
)
from ingest.testhooks import pause_at

WriteDisposition = Literal["replace_file", "append"]
# YRD_LOADER=python: every file through the Python readers (the reference the fast
# path is compared with in tests/test_fastload.py).
def _python_only() -> bool:
    return os.environ.get("YRD_LOADER", "").strip().lower() == "python"

RAW_SCHEMA_SQL = """
create schema if not exists raw;
create table if not exists raw.loads (
    load_id varchar, resource varchar, file varchar, file_sha256 varchar,
    encoding varchar, started_at timestamp, finished_at timestamp,
    rows_read integer, rows_loaded integer, rows_quarantined integer,
    status varchar, message varchar
);
alter table raw.loads add column if not exists reference_sha256 varchar;
create table if not exists raw.quarantine (
    load_id varchar, quarantined_at timestamp, resource varchar, file varchar,
    line integer, rule varchar, reason varchar, record json
);
"""


@dataclass(frozen=True)
class Resource:
    name: str
    table: str  # e.g. raw.yearbook_city_gdp
    path: Path  # relative to the data dir unless absolute
    columns: tuple[str, ...]
    key: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    write_disposition: WriteDisposition = "replace_file"
    description: str = ""
    optional: bool = False  # a missing file is normal (e.g. no shipped documents)


@dataclass
class LoadResult:
    resource: str
    file: str
    status: str  # loaded | unchanged | failed
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    problems: list[str] = field(default_factory=list)
    encoding: str = ""


# ---- the loader ----

def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_SCHEMA_SQL)


REFERENCE_SEEDS = ("places.csv", "units.csv", "indicators.csv", "yearbook_fields.csv")


def ensure_table(con: duckdb.DuckDBPyConnection, res: Resource) -> None:
    """A resource's raw table: its columns as text, plus the provenance columns."""
    ensure_raw_schema(con)
    con.execute(
        f"create table if not exists {res.table} ("
        + ", ".join(f"{q(c)} varchar" for c in res.columns)
        + ", _file varchar, _line integer, _load_id varchar, _loaded_at timestamp,"
        " _file_sha256 varchar)"
    )


def reference_sha256(seeds_dir: Path) -> str:
    """Rows are validated against these seeds: when they change, files are checked again."""
    h = hashlib.sha256()
    for name in REFERENCE_SEEDS:
        p = seeds_dir / name
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()


def register_reference(con: duckdb.DuckDBPyConnection, seeds_dir: Path) -> None:
    """The seeds dbt loads, as temp tables the rules read: `_places`, `_units`,
    `_indicators`, `_yearbook_fields` (every column as text), and `_bounds` (each
    indicator's base unit and declared bounds as numbers)."""
    for name in REFERENCE_SEEDS:
        con.execute(
            f"create or replace temp table _{Path(name).stem} as select * from read_csv(?, "
            "header=true, all_varchar=true, quote='\"')",
            [str(seeds_dir / name)],
        )
    con.execute(
        "create or replace temp table _bounds as select indicator_code, base_unit, "
        "try_cast(nullif(trim(min_value), '') as double) as min_value, "
        "try_cast(nullif(trim(max_value), '') as double) as max_value, bounds_basis "
        "from _indicators"
    )
    # Per indicator and unit surface form: the multiplier into the indicator's base unit
    # and its bounds (what within_bounds looks up once per row).
    con.execute(
        "create or replace temp table _unit_bounds as select b.indicator_code, "
        "u.surface_form, max(try_cast(u.multiplier as double)) as multiplier, "
        "any_value(b.min_value) as min_value, any_value(b.max_value) as max_value "
        "from _bounds as b inner join _units as u "
        "on u.base_unit = b.base_unit and u.kind = 'unit' "
        "group by b.indicator_code, u.surface_form"
    )


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path.resolve())


def load_resource(
    con: duckdb.DuckDBPyConnection,
    res: Resource,
    path: Path,
    root: Path,
    load_id: str | None = None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> LoadResult:
    load_id = load_id or uuid.uuid4().hex[:12]
    shown = _display(path, root)
    result = LoadResult(res.name, shown, "failed")
    started = datetime.now(UTC).replace(tzinfo=None)
    cols = list(res.columns)
    ensure_table(con, res)
    if not path.exists():
        if res.optional:
            result.status = "absent"
            return result
        result.problems.append(f"{shown}: file not found")
        _log_load(con, load_id, res, shown, "", "", started, result, "file not found")
        return result
    sha = file_sha256(path)
    ref_sha = _fingerprint(reference_sha256(root / "seeds"), res)
    if not force:
        # Unchanged means: the last load of this file was of these bytes, checked by these
        # rules against these seeds, and succeeded. (Any earlier load of the same bytes is
        # not enough: after A, B, A the table holds B's rows.)
        last = con.execute(
            "select file_sha256, reference_sha256, status from raw.loads "
            "where resource = ? and file = ? and status in ('loaded', 'failed', 'removed') "
            "order by finished_at desc limit 1",
            [res.name, shown],
        ).fetchone()
        if last == (sha, ref_sha, "loaded"):
            result.status = "unchanged"
            return result

    try:
        con.execute("drop table if exists temp._incoming")
        # A plain file is parsed by DuckDB; any other by the Python readers (same rows).
        fast = None if _python_only() else fastload.read(con, path, cols, fastload.scan(path))
        if fast is not None:
            decoded, n_incoming, bad = Decoded("", "utf-8"), fast, []
        else:
            decoded, items = read_delimited(path, cols, shown=shown)
            n_incoming, bad = _collect(con, items, cols, decoded.header)
            decoded.text = ""  # the rows are in DuckDB now; free the file's text
            del items
        if n_incoming == 0 and not bad and not res.optional:
            raise InputFileError(f"{shown}:1: header only, no data rows (a failed export?)", 1)
    except InputFileError as exc:
        # The whole file is unreadable: record it once in quarantine, keep what raw had.
        result.problems.append(str(exc))
        _quarantine_file(con, load_id, res, shown, exc, path)
        result.rows_quarantined = 1
        _log_load(con, load_id, res, shown, sha, "", started, result, str(exc), ref_sha)
        return result
    result.encoding = decoded.encoding
    result.problems += [f"{shown}: {n}" for n in decoded.notes]
    result.rows_read = n_incoming + len(bad)
    if progress:
        progress(f"{shown}: {result.rows_read:,} rows read ({decoded.encoding})")

    con.execute("begin transaction")
    try:
        bad_table = pa.table({
            "line": pa.array([b.line for b in bad], pa.int32()),
            "rule": pa.array(["structure"] * len(bad), pa.string()),
            "reason": pa.array([b.reason for b in bad], pa.string()),
            "text": pa.array([b.text for b in bad], pa.string()),
        })
        con.register("_bad_arrow", bad_table)
        con.execute("create or replace temp table _bad as select * from _bad_arrow")
        con.unregister("_bad_arrow")
        _apply_rules(con, res)
        if res.key:
            _duplicate_rules(con, res)
        # Record: the row as written, keyed by column name (bad lines keep their text).
        record_sql = "to_json(struct_pack(" + ", ".join(f"{q(c)} := i.{q(c)}" for c in cols) + "))"
        now = datetime.now(UTC).replace(tzinfo=None)
        con.execute("delete from raw.quarantine where resource = ? and file = ?", [res.name, shown])
        con.execute(
            f"""insert into raw.quarantine
            select ?, ?, ?, ?, b.line, b.rule, b.reason,
                   case when b.text is not null or i._line is null
                        then to_json(struct_pack(text := b.text)) else {record_sql} end
            from _bad as b left join _incoming as i on i._line = b.line
            order by b.line""",
            [load_id, now, res.name, shown],
        )
        pause_at("ingest")  # tests kill the build here: mid-transaction, rows half written
        if res.write_disposition == "replace_file":
            con.execute(f"delete from {res.table} where _file = ?", [shown])
        con.execute(
            f"""insert into {res.table} by name
            select * exclude (_line), _line, ? as _file, ? as _load_id, ? as _loaded_at,
                   ? as _file_sha256
            from _incoming where _line not in (select line from _bad)""",
            [shown, load_id, now, sha],
        )
        result.rows_loaded = con.execute(
            "select count(*) from _incoming where _line not in (select line from _bad)"
        ).fetchone()[0]
        problems = con.execute(
            "select line, reason from _bad order by line, rule"
        ).fetchall()
        result.rows_quarantined = len({line for line, _ in problems})
        result.problems += [f"{shown}:{line}: {reason}" for line, reason in problems]
        result.status = "loaded"
        _log_load(con, load_id, res, shown, sha, decoded.encoding, started, result,
                  "; ".join(decoded.notes), ref_sha)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.execute("drop table if exists temp._incoming")
    return result


def prune_removed(con: duckdb.DuckDBPyConnection, tables: Iterable[str], keep: set[str],
                  load_id: str, keep_also: Callable[[str], bool] | None = None) -> list[str]:
    """Rows of files that are no longer inputs leave raw (and their quarantined rows
    leave raw.quarantine): a deleted or renamed file must not haunt later builds.

    `keep` are the files (as the loader names them) this ingest declared and found;
    `keep_also(file)` may keep others (the document folder's files that still exist).
    raw.loads keeps the file's earlier loads and gets one 'removed' entry saying how many
    rows left, so what was there stays on record. Returns one message per file."""
    messages = []
    now = datetime.now(UTC).replace(tzinfo=None)
    con.execute("begin transaction")
    try:
        gone: dict[str, int] = {}
        resources: dict[str, str] = {}
        for table in tables:
            for file, n in con.execute(
                f"select _file, count(*) from {table} group by _file").fetchall():
                if file in keep or (keep_also and keep_also(file)):
                    continue
                con.execute(f"delete from {table} where _file = ?", [file])
                gone[file] = gone.get(file, 0) + n
                resources.setdefault(file, table.split(".")[-1])
        for file, resource in con.execute(
                "select distinct file, resource from raw.quarantine").fetchall():
            if file in keep or (keep_also and keep_also(file)):
                continue
            con.execute("delete from raw.quarantine where file = ?", [file])
            gone.setdefault(file, 0)
            resources.setdefault(file, resource)
        for file, n in sorted(gone.items()):
            last = con.execute(
                "select resource from raw.loads where file = ? order by finished_at desc "
                "limit 1", [file]).fetchone()
            msg = (f"{file}: no longer among the inputs; its {n:,} row(s) left raw "
                   "(its earlier loads stay in raw.loads)")
            con.execute(
                "insert into raw.loads by name select ? as load_id, ? as resource, "
                "? as file, ? as started_at, ? as finished_at, 0 as rows_read, "
                "0 as rows_loaded, 0 as rows_quarantined, 'removed' as status, ? as message",
                [load_id, last[0] if last else resources[file], file, now, now, msg])
            messages.append(msg)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return messages


def _apply_rules(con: duckdb.DuckDBPyConnection, res: Resource) -> None:
    """Every rule of `res` over temp._incoming; failures go to temp._bad."""
    for rule in res.rules:
        con.execute(
            f"insert into _bad select _line, ?, {rule.reason}, null from _incoming "
            f"where {rule.bad_when}",
            [rule.name],
        )


def check_rows(con: duckdb.DuckDBPyConnection, res: Resource,
               rows: Sequence[Sequence[str]]) -> dict[int, list[str]]:
    """The rules of `res` over rows made in memory (values in `res.columns` order), for
    inputs that are not files of rows (figures extracted from a document): the same
    rules as a file of that resource gets. Returns row number (1-based) -> reasons.
    Needs `register_reference` to have run on `con`."""
    if not rows:
        return {}
    cols = list(res.columns)
    table = pa.table([pa.array(["" if r[i] is None else str(r[i]) for r in rows], pa.string())
                      for i in range(len(cols))], names=cols)
    table = table.add_column(0, "_line", pa.array(range(1, len(rows) + 1), pa.int32()))
    con.register("_rows", table)
    try:
        con.execute("create or replace temp table _incoming as select * from _rows")
    finally:
        con.unregister("_rows")
    con.execute("create or replace temp table _bad (line integer, rule varchar, "
                "reason varchar, text varchar)")
    try:
        _apply_rules(con, res)
        out: dict[int, list[str]] = {}
        for line, reason in con.execute("select line, reason from _bad order by line, rule"
                                        ).fetchall():
            out.setdefault(line, []).append(reason)
        return out
    finally:
        con.execute("drop table if exists temp._incoming")


_CHUNK = 100_000  # rows per chunk: bounds the Python side's memory


def _collect(con: duckdb.DuckDBPyConnection, items: Iterator[Record | BadLine],
             cols: list[str], header: list[str]) -> tuple[int, list[BadLine]]:
    """Records into the temp table _incoming (_line, columns…), in bounded chunks: a chunk
    of Python strings becomes Arrow, is appended to the table and freed, so a file of
    millions of rows never holds more than one chunk outside DuckDB (which can spill the
    table to its temp_directory). The rules then run once over the whole table.

    The reader has checked every record's structure and numbered its line; the chunk's
    text is then parsed again by Arrow's CSV reader (C++), which is several times faster
    than converting Python strings one by one. Should Arrow read a chunk differently
    (count or content), the chunk is built from the Python values instead.
    Returns the table and the bad lines."""
    con.execute("create temp table _incoming (_line integer, "
                + ", ".join(f"{q(c)} varchar" for c in cols) + ")")
    count = 0
    bad: list[BadLine] = []
    lines: list[int] = []
    raws: list[str] = []
    ends: list[list[str]] = []  # values of the chunk's first and last record (a check)
    order = [header.index(c) for c in cols]

    def flush() -> None:
        nonlocal count
        if not lines:
            return
        chunk = _arrow_chunk(raws, header, cols, len(lines), ends)
        if chunk is None:  # Arrow disagrees with Python's csv: trust the latter
            rows = [[r[i] for i in order] for raw in raws for r in csv.reader([raw])]
            chunk = pa.table([pa.array(list(c), pa.string())
                              for c in zip(*rows, strict=True)], names=cols)
        chunk = chunk.add_column(0, "_line", pa.array(lines, pa.int32()))
        con.register("_chunk", chunk)
        try:
            con.execute("insert into temp._incoming select * from _chunk")
        finally:
            con.unregister("_chunk")
        count += chunk.num_rows
        lines.clear()
        raws.clear()
        ends.clear()

    for item in items:
        if type(item) is Record:
            if not lines:
                ends[:] = [item.values, item.values]
            ends[1] = item.values
            lines.append(item.line)
            raws.append(item.raw if item.raw.endswith(("\n", "\r")) else item.raw + "\n")
            if len(lines) >= _CHUNK:
                flush()
        else:
            bad.append(item)
    flush()
    return count, bad


def _arrow_chunk(raws: list[str], header: list[str], cols: list[str], n: int,
                 ends: list[list[str]]) -> pa.Table | None:
    data = "".join(raws).encode("utf-8")
    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(column_names=header,
                                            block_size=max(1 << 20, len(data) + 1)),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()), include_columns=cols,
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    if table.num_rows != n:
        return None
    first = [table.column(c)[0].as_py() for c in cols]
    last = [table.column(c)[n - 1].as_py() for c in cols]
    return table if [first, last] == ends else None


def _fingerprint(reference: str, res: Resource) -> str:
    """What a file was checked against: the seeds and the resource's own declaration
    (columns, key, rules), so a changed rule re-checks files whose bytes did not change."""
    h = hashlib.sha256(reference.encode())
    h.update(repr((res.table, res.columns, res.key, res.rules, res.write_disposition)).encode())
    return h.hexdigest()


def _duplicate_rules(con: duckdb.DuckDBPyConnection, res: Resource) -> None:
    """Exact repeats keep their first line; rows that share a key but disagree are all
    quarantined, since choosing one would be a silent edit."""
    # Compared as staging reads them (trimmed): " 320583" and "320583" are one key, or a
    # unique test downstream would fail the build on what the loader let through.
    trimmed = ", ".join(f"trim({q(k)}) as {q(k)}" for k in res.key)
    key = ", ".join(q(k) for k in res.key)
    whole = ", ".join(f"trim({q(c)})" for c in res.columns)
    on = " and ".join(f"c.{q(k)} = k.{q(k)}" for k in res.key)
    shown_key = ", ".join(f"c.{q(k)}" for k in res.key)
    # Grouped, not windowed over the whole file: only keys seen more than once are ranked,
    # and the reason lists at most five lines (a file of a million copies stays linear).
    # Only rows whose key repeats are hashed (most files have none).
    con.execute(
        f"""insert into _bad
        with candidates as (
            select _line, {trimmed} from _incoming where _line not in (select line from _bad)
        ),
        repeated as (
            select _line from candidates
            where ({key}) in (select ({key}) from candidates group by {key}
                              having count(*) > 1)
        ),
        copies as (
            select _line, {trimmed}, md5(concat_ws(chr(31), {whole})) as row_hash
            from _incoming where _line in (select _line from repeated)
        ),
        keys as (
            select {key}, count(distinct row_hash) as versions, count(*) as n,
                   list(_line order by _line)[1:5] as first_lines
            from copies group by {key} having count(*) > 1
        ),
        ranked as (
            select c._line, concat_ws(', ', {shown_key}) as key_text, k.versions, k.n,
                   k.first_lines,
                   row_number() over (partition by c.row_hash order by c._line) as copy_no,
                   min(c._line) over (partition by c.row_hash) as first_line
            from copies as c inner join keys as k on {on}
        )
        select _line, 'duplicate',
               case when versions > 1
                    then 'conflicting duplicate: key ({', '.join(res.key)}) = ('
                         || key_text || ') differs on lines '
                         || array_to_string(first_lines, ', ')
                         || case when n > 5 then ' … (' || n || ' rows)' else '' end
                    else 'exact duplicate of line ' || first_line end,
               null
        from ranked where versions > 1 or copy_no > 1"""
    )


def _quarantine_file(con, load_id, res, shown, exc: InputFileError, path: Path) -> None:
    con.execute("delete from raw.quarantine where resource = ? and file = ?", [res.name, shown])
    reason, line = str(exc), exc.line
    con.execute(
        "insert into raw.quarantine values (?, ?, ?, ?, ?, 'file', ?, ?)",
        [load_id, datetime.now(UTC).replace(tzinfo=None), res.name, shown, line, reason,
         json.dumps({"file": str(path), "bytes": path.stat().st_size})],
    )


def _log_load(con, load_id, res, shown, sha, encoding, started, result: LoadResult, msg,
              ref_sha: str = "") -> None:
    con.execute(
        "insert into raw.loads by name select ? as load_id, ? as resource, ? as file, "
        "? as file_sha256, ? as encoding, ? as started_at, ? as finished_at, ? as rows_read, "
        "? as rows_loaded, ? as rows_quarantined, ? as status, ? as message, "
        "? as reference_sha256",
        [load_id, res.name, shown, sha, encoding, started,
         datetime.now(UTC).replace(tzinfo=None), result.rows_read, result.rows_loaded,
         result.rows_quarantined, result.status, msg, ref_sha],
    )
