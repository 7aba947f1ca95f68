"""Declared load semantics for file sources, executed by one generic loader.

A source module declares `Resource`s (which file, which columns, which rules a
row must pass, how it is written). This module reads the files, runs every rule
as SQL in DuckDB, sends failing rows to `raw.quarantine` with their file, line and
reason, and writes the rest. Nothing is dropped: a quarantined row keeps its full
record as JSON.

Files of the same declaration (the many files of data/observations/) are loaded as one
batch: DuckDB parses all their plain files in one scan (ingest.fastload), the Python
readers read the others, every rule runs in one pass over the whole batch
(ingest.batchrules), and the rows are written in one transaction. raw.loads still gets
one entry per file, and a file's rows and quarantine are what loading it alone gives.

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

import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest import fastload
from ingest.batchrules import BAD_TABLE, apply_rules, check_rows, duplicate_rules
from ingest.ledger import (  # noqa: F401  (re-exported: the loader's public names)
    RAW_SCHEMA_SQL,
    REFERENCE_SEEDS,
    display,
    ensure_raw_schema,
    ensure_table,
    file_hashes,
    file_sha256,
    fingerprint,
    last_loads,
    log_load,
    now,
    prune_removed,
    quarantine_file,
    reference_sha256,
    register_reference,
)
from ingest.pyread import collect
from ingest.readers import BadLine, InputFileError, read_delimited
from ingest.resource import LoadResult, Resource, WriteDisposition  # noqa: F401
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

__all__ = ["LoadResult", "Resource", "check_rows", "load_resource", "load_resources",
           "prune_removed", "register_reference"]

# Files per batch, by size: bounds the batch's temp tables (DuckDB spills beyond its
# memory limit, but a smaller batch spills less); large enough that per-statement costs
# vanish next to the rows.
BATCH_BYTES = 256 << 20


# YRD_LOADER=python: every file through the Python readers (the reference the fast
# path is compared with in tests/test_fastload.py).
def _python_only() -> bool:
    return os.environ.get("YRD_LOADER", "").strip().lower() == "python"


@dataclass
class _File:
    fid: int
    res: Resource
    path: Path
    sha: str
    ref_sha: str
    started: datetime
    result: LoadResult
    n: int = 0  # records read
    bad: list[BadLine] = field(default_factory=list)  # lines of bad structure
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)

    @property
    def shown(self) -> str:
        return self.result.file


def load_resource(con: duckdb.DuckDBPyConnection, res: Resource, path: Path, root: Path,
                  load_id: str | None = None, force: bool = False,
                  progress: Callable[[str], None] | None = None) -> LoadResult:
    """One file of one resource (a batch of one)."""
    return load_resources(con, [(res, path)], root, load_id, force, progress)[0]


def load_resources(con: duckdb.DuckDBPyConnection, items: Sequence[tuple[Resource, Path]],
                   root: Path, load_id: str | None = None, force: bool = False,
                   progress: Callable[[str], None] | None = None) -> list[LoadResult]:
    """Every (resource, file) of `items`; one result per item, in their order. A file is
    skipped when its last load was of the same bytes, checked by the same rules against
    the same seeds, and succeeded (any earlier load of the same bytes is not enough:
    after A, B, A the table holds B's rows)."""
    load_id = load_id or uuid.uuid4().hex[:12]
    results: list[LoadResult] = []
    groups: dict[tuple[object, ...], list[_File]] = {}
    reference = reference_sha256(root / "seeds")
    last: dict[tuple[object, ...], dict[str, tuple[str, str, str]]] = {}
    shas = file_hashes(path for _, path in items)
    for res, path in items:
        shown, started = display(path, root), now()
        result = LoadResult(res.name, shown, "failed")
        results.append(result)
        if res.declaration not in last:
            ensure_table(con, res)
            last[res.declaration] = {} if force else last_loads(con, res.name)
        if not path.exists():
            if res.optional:
                result.status = "absent"
            else:
                result.problems.append(f"{shown}: file not found")
                log_load(con, load_id, res, shown, "", "", started, result, "file not found")
            continue
        sha, ref_sha = shas.get(path) or file_sha256(path), fingerprint(reference, res)
        if last[res.declaration].get(shown) == (sha, ref_sha, "loaded"):
            result.status = "unchanged"
            continue
        group = groups.setdefault(res.declaration, [])
        group.append(_File(len(group) + 1, res, path, sha, ref_sha, started, result))
    for files in groups.values():
        for batch in _batches(files):
            _load_batch(con, batch, load_id, progress)
    return results


def _batches(files: list[_File]) -> list[list[_File]]:
    out: list[list[_File]] = [[]]
    size = 0
    for f in files:
        n = f.path.stat().st_size
        if out[-1] and size + n > BATCH_BYTES:
            out.append([])
            size = 0
        out[-1].append(f)
        size += n
    return out


def _read(con: duckdb.DuckDBPyConnection, files: list[_File], load_id: str,
          progress: Callable[[str], None] | None) -> tuple[list[_File], fastload.Batch]:
    """The batch's records: plain files by DuckDB (one scan), the others into temp._rows
    by the Python readers. A file that cannot be read at all is recorded (quarantine,
    raw.loads) and left out; returns the files that were read."""
    res = files[0].res
    cols = list(res.columns)
    con.execute("create or replace temp table _rows (_fid integer, _line integer, "
                + ", ".join(f"{q(c)} varchar" for c in cols) + ")")
    batch = fastload.Batch()
    if not _python_only():
        fastload.read_many(con, [(f.fid, f.path, fastload.scan(f.path)) for f in files],
                           cols, batch)
    read: list[_File] = []
    for f in files:
        try:
            if f.fid in batch.counts:
                f.n = batch.counts[f.fid]
            else:
                decoded, items = read_delimited(f.path, cols, shown=f.shown)
                f.n, f.bad = collect(con, items, cols, decoded.header, "_rows", f.fid)
                f.encoding, f.notes = decoded.encoding, decoded.notes
                decoded.text = ""  # the rows are in DuckDB now; free the file's text
                del items
            if f.n == 0 and not f.bad and not res.optional:
                raise InputFileError(f"{f.shown}:1: header only, no data rows (a failed "
                                     "export?)", 1)
        except InputFileError as exc:
            # The whole file is unreadable: record it once in quarantine, keep what raw had.
            con.execute("delete from _rows where _fid = ?", [f.fid])
            f.result.problems.append(str(exc))
            quarantine_file(con, load_id, res, f.shown, exc, f.path)
            f.result.rows_quarantined = 1
            log_load(con, load_id, res, f.shown, f.sha, "", f.started, f.result, str(exc),
                     f.ref_sha)
            continue
        f.result.encoding = f.encoding
        f.result.problems += [f"{f.shown}: {n}" for n in f.notes]
        f.result.rows_read = f.n + len(f.bad)
        if progress:
            progress(f"{f.shown}: {f.result.rows_read:,} rows read ({f.encoding})")
        read.append(f)
    return read, batch


def _load_batch(con: duckdb.DuckDBPyConnection, files: list[_File], load_id: str,
                progress: Callable[[str], None] | None) -> None:
    res = files[0].res
    try:
        read, batch = _read(con, files, load_id, progress)
        if not read:
            return
        con.execute("create or replace temp view _incoming as "
                    + " union all ".join([*batch.selects, "select * from temp._rows"]))
        con.register("_files_arrow", pa.table({
            "_fid": pa.array([f.fid for f in read], pa.int32()),
            "file": pa.array([f.shown for f in read], pa.string()),
            "sha": pa.array([f.sha for f in read], pa.string())}))
        con.execute("create or replace temp table _batch_files as select * from _files_arrow")
        con.unregister("_files_arrow")
        bad = [(f.fid, b) for f in read for b in f.bad]
        con.register("_bad_arrow", pa.table({
            "_fid": pa.array([fid for fid, _ in bad], pa.int32()),
            "line": pa.array([b.line for _, b in bad], pa.int32()),
            "rule": pa.array(["structure"] * len(bad), pa.string()),
            "reason": pa.array([b.reason for _, b in bad], pa.string()),
            "text": pa.array([b.text for _, b in bad], pa.string())}))
        con.execute(BAD_TABLE)
        con.execute("insert into _bad select * from _bad_arrow")
        con.unregister("_bad_arrow")
        _write(con, res, read, load_id)
    finally:
        con.execute("drop view if exists temp._incoming")
        for t in ("_rows", "_bad", "_batch_files"):
            con.execute(f"drop table if exists temp.{t}")
        batch.drop(con)


def _write(con: duckdb.DuckDBPyConnection, res: Resource, read: list[_File],
           load_id: str) -> None:
    """Rules, duplicates, quarantine, raw rows and raw.loads of the batch: one
    transaction, so a file's rows and its raw.loads entry land together or not at all."""
    cols = list(res.columns)
    con.execute("begin transaction")
    try:
        apply_rules(con, res, rows=sum(f.n for f in read))
        if res.key:
            duplicate_rules(con, res)
        # Record: the row as written, keyed by column name (bad lines keep their text).
        record_sql = "to_json(struct_pack(" + ", ".join(f"{q(c)} := i.{q(c)}" for c in cols) + "))"
        stamp = now()
        con.execute("delete from raw.quarantine where resource = ? and file in "
                    "(select file from _batch_files)", [res.name])
        con.execute(
            f"""insert into raw.quarantine
            with hit as (
                select * from _incoming as i
                where exists (select 1 from _bad as b where b._fid = i._fid and b.line = i._line)
            )
            select ?, ?, ?, f.file, b.line, b.rule, b.reason,
                   case when b.text is not null or i._line is null
                        then to_json(struct_pack(text := b.text)) else {record_sql} end
            from _bad as b inner join _batch_files as f on f._fid = b._fid
            left join hit as i on i._fid = b._fid and i._line = b.line
            order by b._fid, b.line""",
            [load_id, stamp, res.name],
        )
        pause_at("ingest")  # tests kill the build here: mid-transaction, rows half written
        if res.write_disposition == "replace_file":
            con.execute(f"delete from {res.table} where _file in (select file from _batch_files)")
        con.execute(
            f"""insert into {res.table} by name
            select i.* exclude (_fid, _line), i._line, f.file as _file, ? as _load_id,
                   ? as _loaded_at, f.sha as _file_sha256
            from _incoming as i inner join _batch_files as f on f._fid = i._fid
            where not exists (select 1 from _bad as b
                              where b._fid = i._fid and b.line = i._line)""",
            [load_id, stamp],
        )
        counts = {fid: (lines, in_rows) for fid, lines, in_rows in con.execute(
            "select _fid, count(distinct line), count(distinct line) filter (where text is null) "
            "from _bad group by _fid").fetchall()}
        problems: dict[int, list[str]] = {}
        for fid, line, reason in con.execute(
                "select _fid, line, reason from _bad order by _fid, line, rule").fetchall():
            problems.setdefault(fid, []).append(f"{line}: {reason}")
        for f in read:
            lines, in_rows = counts.get(f.fid, (0, 0))
            r = f.result
            r.rows_loaded = f.n - in_rows
            r.rows_quarantined = lines
            r.problems += [f"{f.shown}:{p}" for p in problems.get(f.fid, [])]
            r.status = "loaded"
            log_load(con, load_id, res, f.shown, f.sha, f.encoding, f.started, r,
                     "; ".join(f.notes), f.ref_sha)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
