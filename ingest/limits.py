"""Bounded memory for every connection the build opens: one memory limit, one thread
count and one spill folder, set here once and applied to ingest, dbt, the checks and
publish alike.

Defaults come from the machine; environment variables override them:

- `YRD_MEMORY_LIMIT` (e.g. `3GB`): DuckDB's memory limit per build connection. Default:
  the smaller of 2 GiB and 40% of the machine's memory. Above it DuckDB spills to disk
  (sorts, joins, aggregates and large inserts) instead of taking 80% of RAM (DuckDB's own
  default). The limit is not the process's peak: DuckDB keeps its buffer pool (table
  blocks it read) filled up to the limit on large data, and on top of it come what the
  buffer manager does not count (allocator caches, per-thread and query state) and the
  Python side (dbt's manifest, ~0.2 GB). Measured at 3M rows with a 3 GiB limit: `dbt
  run` 3.2–3.4 GB, `dbt test` 3.1–3.3 GB peak RSS; so the default leaves ~1.5 GB under a
  4 GB peak for what grows beyond the limit at 27M.
- `YRD_THREADS`: DuckDB threads per build connection. Default: the CPUs this process may
  use.
- `YRD_DBT_THREADS`: how many models dbt builds at once. Default: 2, or 1 when the input
  files (the data folder) hold more than `LARGE_INPUT_BYTES` (1 GiB; the 27M-row panel of
  the benchmark is 2.6 GB, 3M rows 0.3 GB). Concurrent models share the one
  memory limit of the file's DuckDB instance, and each query already uses every DuckDB
  thread: on small data two at a time hide dbt's own per-model work (most of a default
  build), on large data they only spill against each other (at 27M rows, one model took
  7 s alone and 26–38 s beside another).
- `YRD_TEMP_DIR`: where the build's own connections spill. Default: `tmp/` under the
  build directory. (dbt spills where DuckDB does by default, beside the build file: see
  profiles.yml.)

A new build file is created in the storage format of the published file
(`STORAGE_VERSION`, an older one than DuckDB 2.0's own: yrd/build/publish.py says why), so
that publishing is a copy of its bytes rather than a rewrite of every table (the
default build: 0.3 s instead of 1 s; at 27M rows about 30 s instead of 525 s). DuckDB 2.0
writes that format as fast as its own (v1.1.0 and v1.2.0 it writes a third slower:
bench/results/NOTES.md, session 5). A build file in another format (made before this, or
by a bare `dbt` run) is converted once by `yrd build` (`convert_build_file`); publish
still rewrites any file it is handed in another format.

Readers of the published file (yrd.desk.readonly) keep their own, stricter contract: a
limit of their own (`YRD_READER_MEMORY_LIMIT`, 4 GB by default) and no spill folder at
all, since nothing may be written beside the published file. The build's default stays
below the readers' so that what a build computed a reader can read back.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.rules import lit

_DEFAULT_CAP = 2 * 1024**3  # bytes; peak RSS runs above it: see the docstring
_DEFAULT_SHARE = 0.4  # of physical memory, for smaller machines
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(B|KB|KIB|MB|MIB|GB|GIB|TB|TIB)?\s*", re.I)
_UNITS = {"B": 1, "KB": 1000, "KIB": 1024, "MB": 1000**2, "MIB": 1024**2,
          "GB": 1000**3, "GIB": 1024**3, "TB": 1000**4, "TIB": 1024**4}


class LimitError(ValueError):
    """An environment variable holds a size or count that cannot be used."""


@dataclass(frozen=True)
class Limits:
    memory_limit: str  # as DuckDB reads it, e.g. "3GB"
    memory_bytes: int
    threads: int
    temp_directory: Path

    def settings(self) -> dict[str, str]:
        """DuckDB settings, as `SET name = value` takes them."""
        return {"memory_limit": self.memory_limit, "threads": str(self.threads),
                "temp_directory": self.temp_directory.as_posix()}


def parse_size(text: str, name: str) -> int:
    """'3GB', '512MB', '2.5GiB' -> bytes (a bare number is bytes)."""
    m = _SIZE.fullmatch(text)
    if not m:
        raise LimitError(f"{name}={text!r}: expected a size such as 3GB or 512MB")
    value = float(m.group(1)) * _UNITS[(m.group(2) or "B").upper()]
    if value < 16 * 1024**2:
        raise LimitError(f"{name}={text!r}: below 16MB, DuckDB cannot build anything")
    return int(value)


def machine_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 8 * 1024**3


def machine_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def limits(build_dir: Path) -> Limits:
    raw = os.environ.get("YRD_MEMORY_LIMIT", "").strip()
    if raw:
        memory = parse_size(raw, "YRD_MEMORY_LIMIT")
    else:
        memory = min(_DEFAULT_CAP, int(machine_memory() * _DEFAULT_SHARE))
    text = f"{max(memory // 1024**2, 16)}MiB"
    threads_raw = os.environ.get("YRD_THREADS", "").strip()
    if threads_raw:
        if not threads_raw.isdigit() or int(threads_raw) < 1:
            raise LimitError(f"YRD_THREADS={threads_raw!r}: expected a whole number ≥ 1")
        threads = int(threads_raw)
    else:
        threads = machine_threads()
    temp = Path(os.environ.get("YRD_TEMP_DIR", "").strip() or build_dir / "tmp").resolve()
    return Limits(text, memory, threads, temp)


def apply(con: duckdb.DuckDBPyConnection, lim: Limits) -> duckdb.DuckDBPyConnection:
    """Set the limits on a build connection (the spill folder is created on demand)."""
    lim.temp_directory.mkdir(parents=True, exist_ok=True)
    for name, value in lim.settings().items():
        if name == "temp_directory":
            current = con.execute("select current_setting('temp_directory')").fetchone()[0]
            if current and Path(current) == lim.temp_directory:
                continue
        try:
            con.execute(f"set {name} = '{value.replace(chr(39), chr(39) * 2)}'")
        except duckdb.NotImplementedException:
            # Another connection of this process to the same file (dbt's) has spilled
            # already: DuckDB keeps the folder in use, which is under the build dir too.
            if name != "temp_directory":
                raise
    return con


# The storage format of the published file and of new build files (DuckDB 1.3 and later
# read it; see yrd/build/publish.py).
STORAGE_VERSION = "v1.3.0"


def storage_tag(con: duckdb.DuckDBPyConnection, database: str | None = None) -> str:
    """The storage format DuckDB reports for an attached file (e.g. 'v1.0.0+')."""
    row = con.execute("select tags['storage_version'] from duckdb_databases() "
                      "where database_name = coalesce(?, current_database())",
                      [database]).fetchone()
    return str(row[0]) if row and row[0] is not None else ""


def storage_tag_of(version: str, scratch_dir: Path) -> str:
    """The storage tag DuckDB gives a file written in `version`'s format (learnt from an
    empty file made in `scratch_dir` and removed again)."""
    probe = scratch_dir / f".storage-probe-{os.getpid()}.duckdb"
    scratch_dir.mkdir(parents=True, exist_ok=True)
    probe.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"attach {lit(str(probe))} as yrd_probe (storage_version {lit(version)})")
        return storage_tag(con, "yrd_probe")
    finally:
        con.close()
        probe.unlink(missing_ok=True)
        probe.with_name(probe.name + ".wal").unlink(missing_ok=True)


def in_format(con: duckdb.DuckDBPyConnection, version: str, scratch_dir: Path) -> bool:
    """Whether `con`'s database file is in `version`'s storage format."""
    return storage_tag(con) == storage_tag_of(version, scratch_dir)


def copy_database(con: duckdb.DuckDBPyConnection, dest: Path, version: str) -> None:
    """Every schema, table, view and macro of `con`'s database into a new file `dest` in
    `version`'s storage format. (Through a connection to the source itself: DuckDB will
    not attach a file twice in one process.)"""
    src = con.execute("select current_database()").fetchone()[0]
    con.execute(f"attach {lit(str(dest))} as yrd_copy (storage_version {lit(version)})")
    con.execute(f'copy from database "{src}" to yrd_copy')
    con.execute("detach yrd_copy")


def create_build_file(db: Path) -> None:
    """A new, empty build file in `STORAGE_VERSION`'s format (nothing if it exists)."""
    if db.exists():
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"attach {lit(str(db))} as yrd_new (storage_version {lit(STORAGE_VERSION)})")
        con.execute("detach yrd_new")
    finally:
        con.close()


def convert_build_file(db: Path, build_dir: Path) -> bool:
    """A build file in another storage format than `STORAGE_VERSION` (made before the
    build file was created in it, or by a bare `dbt` run) rewritten once into it, every
    schema, table, view and macro, so that publishing it is a copy of its bytes from then
    on. Costs what one publish by rewrite costs (at 27M rows about 9 minutes), once.
    Returns whether it converted. A run killed midway leaves the old file as it was."""
    if not db.exists():
        return False
    new = db.with_name(db.name + ".converting")
    new.unlink(missing_ok=True)
    new.with_name(new.name + ".wal").unlink(missing_ok=True)
    con = apply(duckdb.connect(str(db)), limits(build_dir))
    try:
        if in_format(con, STORAGE_VERSION, build_dir):
            return False
        con.execute("checkpoint")  # the old file whole, its write-ahead log emptied
        copy_database(con, new, STORAGE_VERSION)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    os.replace(new, db)
    return True


def connect(db: Path, build_dir: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A build connection (ingest, checks, publish) with the build's limits applied.
    Set after opening, not as connect() config: DuckDB refuses a second connection to an
    open file with a different config, and the limits are the database's anyway."""
    if not read_only:
        create_build_file(db)
    con = duckdb.connect(str(db), read_only=read_only)
    try:
        return apply(con, limits(build_dir))
    except Exception:
        con.close()
        raise


LARGE_INPUT_BYTES = 1 << 30


def input_bytes(data_dir: Path) -> int:
    """The size of every file under the data folder (what raw is loaded from)."""
    return sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file())


def dbt_threads(data_dir: Path) -> int:
    """dbt's thread count for a build of the files in `data_dir` (see the module
    docstring). By the input, not the build file: the same for a full build and the
    incremental ones after it."""
    raw = os.environ.get("YRD_DBT_THREADS", "").strip()
    if raw:
        if not raw.isdigit() or int(raw) < 1:
            raise LimitError(f"YRD_DBT_THREADS={raw!r}: expected a whole number of threads, "
                             "at least 1")
        return int(raw)
    return 1 if input_bytes(data_dir) > LARGE_INPUT_BYTES else 2


def dbt_env(build_dir: Path) -> dict[str, str]:
    """The same limits for dbt: profiles.yml reads them with env_var()."""
    lim = limits(build_dir)
    return {"YRD_MEMORY_LIMIT": lim.memory_limit, "YRD_THREADS": str(lim.threads)}
