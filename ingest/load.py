"""Declared load semantics for file sources, executed by one generic loader.

A source module declares `Resource`s (which file, which columns, which rules a
row must pass, how it is written). This module reads the file, runs every rule
as one SQL statement over the whole file in DuckDB, sends failing rows to
`raw.quarantine` with their file, line and reason, and writes the rest.
Nothing is dropped: a quarantined row keeps its full record as JSON.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa

from ingest.readers import BadLine, InputFileError, Record, read_delimited

WriteDisposition = Literal["replace_file", "append"]

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
class Rule:
    """A row is quarantined when `bad_when` (SQL over the file's columns) is true.

    `reason` is a SQL expression that builds the message, so it can quote the value.
    """

    name: str
    bad_when: str
    reason: str


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


def q(ident: str) -> str:
    return '"' + ident.replace('"', '""') + '"'


def lit(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


# ---- rule builders: the vocabulary source modules use to declare their checks ----

def _blank(col: str) -> str:
    return f"({q(col)} is null or trim({q(col)}) = '')"


def required(*cols: str) -> list[Rule]:
    return [Rule(f"required:{c}", _blank(c), f"'missing value in required column {c}'")
            for c in cols]


def numeric(*cols: str) -> list[Rule]:
    return [
        Rule(
            f"numeric:{c}",
            f"not {_blank(c)} and try_cast(replace(trim({q(c)}), ',', '') as double) is null",
            f"'text in numeric column {c}: ' || {q(c)}",
        )
        for c in cols
    ]


def non_negative(*cols: str) -> list[Rule]:
    return [
        Rule(
            f"non_negative:{c}",
            f"try_cast(replace(trim({q(c)}), ',', '') as double) < 0",
            f"'impossible negative value in {c}: ' || {q(c)}",
        )
        for c in cols
    ]


def at_most(col: str, limit: float, why: str) -> Rule:
    return Rule(
        f"at_most:{col}",
        f"try_cast(replace(trim({q(col)}), ',', '') as double) > {limit}",
        f"'impossible value in {col}: ' || {q(col)} || {lit(' (' + why + ')')}",
    )


def year_in_range(col: str, first: int = 1949) -> Rule:
    this_year = datetime.now(UTC).year
    return Rule(
        f"year:{col}",
        f"coalesce(try_cast(trim({q(col)}) as integer) not between {first} and {this_year}, true)",
        f"'year out of range {first}..{this_year} in {col}: ' || coalesce({q(col)}, 'NULL')",
    )


def known_place(col: str) -> Rule:
    return Rule(
        f"known_place:{col}",
        f"not {_blank(col)} and trim({q(col)}) not in (select place_code from _places)",
        f"'unknown place code in {col}: ' || {q(col)} || ' (not in seeds/places.csv)'",
    )


def known_unit(col: str) -> Rule:
    return Rule(
        f"known_unit:{col}",
        f"{_blank(col)} or trim({q(col)}) not in (select surface_form from _units)",
        f"'unknown unit in {col}: ' || coalesce({q(col)}, 'NULL') || ' (not in seeds/units.csv)'",
    )


def in_set(col: str, allowed: Sequence[str], allow_blank: bool = True) -> Rule:
    values = ", ".join("'" + v.replace("'", "''") + "'" for v in allowed)
    blank_ok = f"not {_blank(col)} and " if allow_blank else ""
    return Rule(
        f"in_set:{col}",
        f"{blank_ok}coalesce(trim({q(col)}), '') not in ({values})",
        f"'unexpected value in {col}: ' || coalesce({q(col)}, 'NULL')",
    )


# ---- the loader ----

def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_SCHEMA_SQL)


REFERENCE_SEEDS = ("places.csv", "units.csv", "indicators.csv")


def reference_sha256(seeds_dir: Path) -> str:
    """Rows are validated against these seeds: when they change, files are checked again."""
    h = hashlib.sha256()
    for name in REFERENCE_SEEDS:
        p = seeds_dir / name
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()


def register_reference(con: duckdb.DuckDBPyConnection, seeds_dir: Path) -> None:
    """Place codes and unit surface forms come from the same seeds dbt loads."""
    con.execute(
        "create or replace temp table _places as select place_code from read_csv(?, "
        "header=true, all_varchar=true)",
        [str(seeds_dir / "places.csv")],
    )
    con.execute(
        "create or replace temp table _units as select surface_form from read_csv(?, "
        "header=true, all_varchar=true, quote='\"')",
        [str(seeds_dir / "units.csv")],
    )
    con.execute(
        "create or replace temp table _indicators as select indicator_code from read_csv(?, "
        "header=true, all_varchar=true, quote='\"')",
        [str(seeds_dir / "indicators.csv")],
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
    ensure_raw_schema(con)
    cols = list(res.columns)
    con.execute(
        f"create table if not exists {res.table} ("
        + ", ".join(f"{q(c)} varchar" for c in cols)
        + ", _file varchar, _line integer, _load_id varchar, _loaded_at timestamp,"
        " _file_sha256 varchar)"
    )
    if not path.exists():
        if res.optional:
            result.status = "absent"
            return result
        result.problems.append(f"{shown}: file not found")
        _log_load(con, load_id, res, shown, "", "", started, result, "file not found")
        return result
    sha = file_sha256(path)
    ref_sha = reference_sha256(root / "seeds")
    if not force:
        seen = con.execute(
            "select 1 from raw.loads where resource = ? and file = ? and file_sha256 = ? "
            "and reference_sha256 = ? and status = 'loaded' limit 1",
            [res.name, shown, sha, ref_sha],
        ).fetchone()
        if seen:
            result.status = "unchanged"
            return result

    try:
        decoded, items = read_delimited(path, cols, shown=shown)
    except InputFileError as exc:
        # The whole file is unreadable: record it once in quarantine, keep what raw had.
        result.problems.append(str(exc))
        _quarantine_file(con, load_id, res, shown, str(exc), path)
        result.rows_quarantined = 1
        _log_load(con, load_id, res, shown, sha, "", started, result, str(exc))
        return result
    result.encoding = decoded.encoding
    result.problems += [f"{shown}: {n}" for n in decoded.notes]

    lines: list[int] = []
    columns: list[list[str]] = [[] for _ in cols]
    bad: list[BadLine] = []
    for item in items:
        if isinstance(item, Record):
            lines.append(item.line)
            for i, v in enumerate(item.values):
                columns[i].append(v)
        else:
            bad.append(item)
    result.rows_read = len(lines) + len(bad)
    if progress:
        progress(f"{shown}: {result.rows_read:,} rows read ({decoded.encoding})")

    con.execute("begin transaction")
    try:
        table = pa.table({"_line": pa.array(lines, pa.int32()),
                          **{c: pa.array(columns[i], pa.string()) for i, c in enumerate(cols)}})
        con.register("_incoming_arrow", table)
        con.execute("create or replace temp table _incoming as select * from _incoming_arrow")
        con.unregister("_incoming_arrow")
        con.execute(
            "create or replace temp table _bad (line integer, rule varchar, reason varchar)"
        )
        for bl in bad:
            con.execute("insert into _bad values (?, 'structure', ?)", [bl.line, bl.reason])
        for rule in res.rules:
            con.execute(
                f"insert into _bad select _line, ?, {rule.reason} from _incoming "
                f"where {rule.bad_when}",
                [rule.name],
            )
        if res.key:
            _duplicate_rules(con, res)
        # Record: the row as written, keyed by column name (bad lines keep their text).
        record_sql = "to_json(struct_pack(" + ", ".join(f"{q(c)} := i.{q(c)}" for c in cols) + "))"
        now = datetime.now(UTC).replace(tzinfo=None)
        con.execute("delete from raw.quarantine where resource = ? and file = ?", [res.name, shown])
        con.execute(
            f"""insert into raw.quarantine
            select ?, ?, ?, ?, b.line, b.rule, b.reason,
                   coalesce({record_sql}, to_json(struct_pack(text := null)))
            from _bad as b left join _incoming as i on i._line = b.line
            order by b.line""",
            [load_id, now, res.name, shown],
        )
        for bl in bad:
            con.execute(
                "update raw.quarantine set record = to_json(struct_pack(text := ?)) "
                "where load_id = ? and file = ? and line = ? and rule = 'structure'",
                [bl.text, load_id, shown, bl.line],
            )
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
        _log_load(con, load_id, res, shown, sha, decoded.encoding, started, result, "", ref_sha)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return result


def _duplicate_rules(con: duckdb.DuckDBPyConnection, res: Resource) -> None:
    """Exact repeats keep their first line; rows that share a key but disagree are all
    quarantined, since choosing one would be a silent edit."""
    key = ", ".join(q(k) for k in res.key)
    whole = ", ".join(q(c) for c in res.columns)
    con.execute(
        f"""insert into _bad
        with ok as (select * from _incoming where _line not in (select line from _bad)),
        ranked as (
            select _line, {key},
                   row_number() over (partition by {whole} order by _line) as copy_no,
                   min(_line) over (partition by {whole}) as first_line,
                   count(distinct md5(concat_ws(chr(31), {whole})))
                       over (partition by {key}) as versions,
                   string_agg(_line::varchar, ', ') over (partition by {key}) as key_lines
            from ok
        )
        select _line, 'duplicate',
               case when versions > 1
                    then 'conflicting duplicate: key ({', '.join(res.key)}) = ('
                         || concat_ws(', ', {key}) || ') differs on lines ' || key_lines
                    else 'exact duplicate of line ' || first_line end
        from ranked where versions > 1 or copy_no > 1"""
    )


def _quarantine_file(con, load_id, res, shown, reason, path: Path) -> None:
    con.execute("delete from raw.quarantine where resource = ? and file = ?", [res.name, shown])
    line = 0
    head, _, _ = reason.partition(": ")
    if ":" in head and head.rsplit(":", 1)[1].isdigit():
        line = int(head.rsplit(":", 1)[1])
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
