"""The raw schema and its ledger: raw.loads (one entry per file and load), whole-file
entries in raw.quarantine, the reference seeds the rules read, and pruning the rows of
files that are no longer inputs."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.readers import InputFileError
from ingest.resource import LoadResult, Resource
from ingest.rules import q

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

REFERENCE_SEEDS = ("places.csv", "units.csv", "indicators.csv", "yearbook_fields.csv")


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_hashes(paths: Iterable[Path]) -> dict[Path, str]:
    """`file_sha256` of each path that exists, on every core: hashlib and file reads
    release the GIL, and a build hashes every input file (2.4 GB at 27M observations) to
    find the ones that changed."""
    todo = list(dict.fromkeys(p for p in paths if p.exists()))
    if len(todo) < 2:
        return {p: file_sha256(p) for p in todo}
    with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1, 8)) as pool:
        return dict(zip(todo, pool.map(file_sha256, todo), strict=True))


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_SCHEMA_SQL)


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


def fingerprint(reference: str, res: Resource) -> str:
    """What a file was checked against: the seeds and the resource's own declaration
    (columns, key, rules), so a changed rule re-checks files whose bytes did not change."""
    h = hashlib.sha256(reference.encode())
    h.update(repr((res.table, res.columns, res.key, res.rules, res.write_disposition)).encode())
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


def display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path.resolve())


def last_loads(con: duckdb.DuckDBPyConnection, resource: str
               ) -> dict[str, tuple[str, str, str]]:
    """Per file of `resource`: (sha, reference sha, status) of its last load, removal or
    failure (one query for all files of a batch)."""
    rows = con.execute(
        "select file, arg_max((file_sha256, reference_sha256, status), finished_at) "
        "from raw.loads where resource = ? and status in ('loaded', 'failed', 'removed') "
        "group by file", [resource]).fetchall()
    return {file: tuple(v) for file, v in rows}


def quarantine_file(con: duckdb.DuckDBPyConnection, load_id: str, res: Resource, shown: str,
                    exc: InputFileError, path: Path) -> None:
    con.execute("delete from raw.quarantine where resource = ? and file = ?", [res.name, shown])
    reason, line = str(exc), exc.line
    con.execute(
        "insert into raw.quarantine values (?, ?, ?, ?, ?, 'file', ?, ?)",
        [load_id, now(), res.name, shown, line, reason,
         json.dumps({"file": str(path), "bytes": path.stat().st_size})],
    )


def log_load(con: duckdb.DuckDBPyConnection, load_id: str, res: Resource, shown: str,
             sha: str, encoding: str, started: datetime, result: LoadResult, msg: str,
             ref_sha: str = "") -> None:
    con.execute(
        "insert into raw.loads by name select ? as load_id, ? as resource, ? as file, "
        "? as file_sha256, ? as encoding, ? as started_at, ? as finished_at, ? as rows_read, "
        "? as rows_loaded, ? as rows_quarantined, ? as status, ? as message, "
        "? as reference_sha256",
        [load_id, res.name, shown, sha, encoding, started, now(), result.rows_read,
         result.rows_loaded, result.rows_quarantined, result.status, msg, ref_sha],
    )


def prune_removed(con: duckdb.DuckDBPyConnection, tables: Iterable[str], keep: set[str],
                  load_id: str, keep_also: Callable[[str], bool] | None = None) -> list[str]:
    """Rows of files that are no longer inputs leave raw (and their quarantined rows
    leave raw.quarantine): a deleted or renamed file must not haunt later builds.

    `keep` are the files (as the loader names them) this ingest declared and found;
    `keep_also(file)` may keep others (the document folder's files that still exist).
    raw.loads keeps the file's earlier loads and gets one 'removed' entry saying how many
    rows left, so what was there stays on record. Returns one message per file."""
    messages = []
    stamp = now()
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
                [load_id, last[0] if last else resources[file], file, stamp, stamp, msg])
            messages.append(msg)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return messages
