"""The fast path of the loader: DuckDB parses a well-formed file itself.

The Python readers (ingest.readers) handle everything, line by line; they are exact
but about 0.2M rows/s. Most files are plain: UTF-8 without a byte-order mark, one record
per line, no blank lines, every quote part of a well-formed quoted field. Such a file
is read by DuckDB's CSV reader (all_varchar, strict, in parallel) into the same
`temp._incoming` table (`_line`, columns as text, '' for empty) the Python path builds,
and the rules then run as always.

Which path a file takes never changes what lands in raw or in raw.quarantine: a file
goes to DuckDB only when every check below says both readers read it the same way, and
DuckDB's rejects table must stay empty. Anything else (another encoding, CR line ends,
ragged rows, a stray quote, a blank or repeated header line, a record over lines, a field
longer than Python's csv allows) is left to the Python readers, which quarantine each
bad line with its own reason. tests/test_fastload.py compares the two paths.

`read_many` reads all plain files of a batch in one scan (one `read_csv` over the list
of files, `filename=true`), checks each file as `read` does, and leaves the files it
accepts in a temp table the loader reads through a view (no copy): a file's records keep
the scan's insertion order, so a record's line is its rowid minus its file's first rowid,
plus 2 (the header is line 1). A file the checks refuse is read by the Python readers.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.rules import lit, q

_BLOCK = 8 << 20
# One line of well-formed CSV: unquoted fields without quotes, or quoted fields whose
# inner quotes are doubled. On such a line DuckDB's reader and Python's csv agree.
_FIELD = r'(?:[^",\r\n]*|"(?:[^"]|"")*")'
_LINE = _FIELD + r"(?:," + _FIELD + r")*"
_MAX_LINE = csv.field_size_limit()  # Python's csv refuses a longer field


@dataclass
class Scan:
    plain: bool  # UTF-8, no BOM, no CR or NUL, every quoted line well-formed
    lines: int  # physical lines (a last line without a line break counts)
    header: list[str]  # the first line's fields, as the Python reader strips them
    quoted: bool = False  # holds a quote: its lines are checked before DuckDB parses
    first: list[str] = field(default_factory=list)  # the first record, as Python reads it


def scan(path: Path) -> Scan:
    """One pass over the file's bytes, in blocks (bounded memory)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    plain, quoted, newlines, first, last = True, False, 0, b"", b""
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            if not first:
                first = block[:4]
            newlines += block.count(b"\n")
            last = block[-1:]
            if plain:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    plain = False
            if plain and (b"\r" in block or b"\x00" in block or b"\x01" in block):
                plain = False
            quoted = quoted or b'"' in block
    if plain:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            plain = False
    if first.startswith(codecs.BOM_UTF8):
        plain = False
    lines = newlines + (1 if last and last != b"\n" else 0)
    header: list[str] = []
    if plain:
        with path.open("rb") as fh:
            head = fh.readline(_MAX_LINE + 2)
            second = fh.readline(_MAX_LINE + 2)
        try:
            header = [h.strip() for h in next(csv.reader([head.decode("utf-8")], strict=True))]
            first_record = next(csv.reader([second.decode("utf-8")], strict=True), [])
        except (csv.Error, StopIteration, UnicodeDecodeError):
            plain = False
    s = Scan(plain, lines, header, quoted)
    if plain:
        s.first = first_record
    return s


def _quotes_well_formed(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Every line that holds a quote is a line of well-formed fields (checked by DuckDB,
    the file read as lines: no delimiter (\\x01 is not in a plain file), no quoting)."""
    bad = con.execute(
        f"select count(*) from read_csv({lit(str(path))}, header=false, auto_detect=false, "
        "columns={'line': 'VARCHAR'}, delim='\x01', quote='', escape='', new_line='\\n', "
        f"max_line_size={_MAX_LINE + 2}) "
        f"where contains(line, '\"') and not regexp_full_match(line, {lit(_LINE)})"
    ).fetchone()[0]
    return bad == 0


def read(con: duckdb.DuckDBPyConnection, path: Path, cols: list[str], s: Scan) -> int | None:
    """The file into temp._incoming by DuckDB; None when the Python readers must read it
    (nothing is left behind then). Returns the number of records."""
    header = s.header
    if (not s.plain or sorted(header) != sorted(cols) or len(set(header)) != len(header)
            or s.lines < 1):
        return None
    try:
        if s.quoted and not _quotes_well_formed(con, path):
            return None
    except duckdb.Error:  # a line too long to check
        return None
    columns = "{" + ", ".join(f"{lit(h)}: 'VARCHAR'" for h in header) + "}"
    con.execute("drop table if exists temp._csv")
    con.execute("drop table if exists temp._csv_rejects")
    con.execute("drop table if exists temp._csv_scans")
    try:
        # Insertion order is kept (preserve_insertion_order), so a row's rowid is its
        # record number: with one record per line, line = rowid + 2 (the header is 1).
        con.execute(
            "create temp table _csv as select "
            + ", ".join(f"coalesce({q(c)}, '') as {q(c)}" for c in cols)
            + f" from read_csv({lit(str(path))}, header=false, skip=1, auto_detect=false, "
            f"columns={columns}, delim=',', quote='\"', escape='\"', new_line='\\n', "
            "strict_mode=true, null_padding=false, store_rejects=true, "
            "rejects_table='_csv_rejects', rejects_scan='_csv_scans', "
            f"max_line_size={_MAX_LINE + 2})"
        )
        rejected = con.execute("select count(*) from _csv_rejects").fetchone()[0]
        n = con.execute("select count(*) from _csv").fetchone()[0]
        blank = " and ".join(f"trim({q(c)}) = ''" for c in cols)
        repeated = " and ".join(f"trim({q(c)}) = {lit(c)}" for c in cols)
        odd = con.execute(
            f"select count(*) from _csv where ({blank}) or ({repeated})").fetchone()[0]
        if rejected or odd or n != s.lines - 1:
            return None
        con.execute(
            "create temp table _incoming as select (rowid + 2)::integer as _line, "
            + ", ".join(q(c) for c in cols) + " from _csv")
        return n
    finally:
        con.execute("drop table if exists temp._csv")
        con.execute("drop table if exists temp._csv_rejects")
        con.execute("drop table if exists temp._csv_scans")


@dataclass
class Batch:
    """Plain files DuckDB read in one scan: `_fid -> records`, and the SQL of their rows
    (`_fid`, `_line`, columns) for the loader's `_incoming` view."""

    counts: dict[int, int] = field(default_factory=dict)
    selects: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        for t in self.tables:
            con.execute(f"drop table if exists temp.{t}")
        self.tables.clear()


def _suitable(s: Scan, cols: list[str]) -> bool:
    h = s.header
    return s.plain and sorted(h) == sorted(cols) and len(set(h)) == len(h) and s.lines >= 1


def _quote_failures(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> set[str] | None:
    """The files among `paths` with a line holding a quote that is not a line of
    well-formed fields (one scan over all of them); None when the scan fails."""
    if not paths:
        return set()
    listed = "[" + ", ".join(lit(str(p)) for p in paths) + "]"
    try:
        return {f for (f,) in con.execute(
            f"select distinct filename from read_csv({listed}, header=false, "
            "auto_detect=false, columns={'line': 'VARCHAR'}, delim='\x01', quote='', "
            f"escape='', new_line='\\n', max_line_size={_MAX_LINE + 2}, filename=true) "
            f"where contains(line, '\"') and not regexp_full_match(line, {lit(_LINE)})"
        ).fetchall()}
    except duckdb.Error:
        return None


def read_many(con: duckdb.DuckDBPyConnection, files: list[tuple[int, Path, Scan]],
              cols: list[str], batch: Batch | None = None) -> Batch:
    """The plain files among `files` ((fid, path, scan)), read by DuckDB; every file not
    in the returned `counts` must be read by the Python readers."""
    batch = batch or Batch()
    todo = [(fid, p, s) for fid, p, s in files if _suitable(s, cols)]
    refused = _quote_failures(con, [p for _, p, s in todo if s.quoted])
    if refused is None:  # a line too long to check: check (and read) each file alone
        if len(todo) > 1:
            for f in todo:
                read_many(con, [f], cols, batch)
        return batch
    todo = [(fid, p, s) for fid, p, s in todo if str(p) not in refused]
    groups: dict[tuple[str, ...], list[tuple[int, Path, Scan]]] = {}
    for f in todo:  # one scan per column order (DuckDB applies one to every file)
        groups.setdefault(tuple(f[2].header), []).append(f)
    for header, group in groups.items():
        try:
            _read_group(con, list(header), group, cols, batch)
        except duckdb.Error:
            if len(group) > 1:
                for f in group:
                    read_many(con, [f], cols, batch)
    return batch


def _read_group(con: duckdb.DuckDBPyConnection, header: list[str],
                group: list[tuple[int, Path, Scan]], cols: list[str], batch: Batch) -> None:
    table = f"_fast{len(batch.tables)}"
    columns = "{" + ", ".join(f"{lit(h)}: 'VARCHAR'" for h in header) + "}"
    paths = "[" + ", ".join(lit(str(p)) for _, p, _ in group) + "]"
    for t in ("_csv_rejects", "_csv_scans"):
        con.execute(f"drop table if exists temp.{t}")
    try:
        # _pos: the file's place in the list (1-based), a scalar of the row, so the
        # table keeps the scan's order (preserve_insertion_order) and rowids follow it.
        con.execute(
            f"create or replace temp table {table} as select "
            f"list_position({paths}, filename)::integer as _pos, "
            + ", ".join(f"coalesce({q(c)}, '') as {q(c)}" for c in cols)
            + f" from read_csv({paths}, header=false, skip=1, auto_detect=false, "
            f"columns={columns}, delim=',', quote='\"', escape='\"', new_line='\\n', "
            "strict_mode=true, null_padding=false, store_rejects=true, filename=true, "
            "rejects_table='_csv_rejects', rejects_scan='_csv_scans', "
            f"max_line_size={_MAX_LINE + 2})"
        )
        batch.tables.append(table)
        rejected = {f for (f,) in con.execute(
            "select distinct s.file_path from _csv_rejects as r inner join _csv_scans as s "
            "using (scan_id, file_id)").fetchall()}
    finally:
        for t in ("_csv_rejects", "_csv_scans"):
            con.execute(f"drop table if exists temp.{t}")
    blank = " and ".join(f"trim({q(c)}) = ''" for c in cols)
    repeated = " and ".join(f"trim({q(c)}) = {lit(c)}" for c in cols)
    # (The odd rows are counted by a query of their own: as a filtered aggregate DuckDB
    # evaluates every term of the condition on every row, as a WHERE it stops early.)
    odd = dict(con.execute(f"select _pos, count(*) from {table} "
                           f"where ({blank}) or ({repeated}) group by _pos").fetchall())
    stats = {pos: (n, lo, hi, odd.get(pos, 0)) for pos, n, lo, hi in con.execute(
        f"select _pos, count(*), min(rowid), max(rowid) from {table} group by _pos"
    ).fetchall()}
    firsts = {pos: list(vals) for pos, *vals in con.execute(
        f"select _pos, {', '.join(q(c) for c in cols)} from {table} "
        f"where rowid in (select min(rowid) from {table} group by _pos)").fetchall()}
    fids, bases, accepted = [], [], []
    for pos, (fid, path, s) in enumerate(group, 1):
        n, lo, hi, odd = stats.get(pos, (0, 0, -1, 0))
        # The first record as Python's csv reads it must be the file's first row here:
        # a check that the rows of each file are where the line numbers say.
        expect = ([s.first[s.header.index(c)] for c in cols]
                  if n and len(s.first) == len(s.header) else [])
        if (str(path) in rejected or odd or n != s.lines - 1 or hi - lo + 1 != n
                or (n and firsts.get(pos) != expect)):
            fids.append(0)
            bases.append(0)
            continue
        fids.append(fid)
        bases.append(lo)
        accepted.append(pos)
        batch.counts[fid] = n
    if accepted:
        batch.selects.append(
            f"select ([{', '.join(map(str, fids))}])[_pos] as _fid, "
            f"(rowid - ([{', '.join(map(str, bases))}])[_pos] + 2)::integer as _line, "
            + ", ".join(q(c) for c in cols)
            + f" from temp.{table} where _pos in ({', '.join(map(str, accepted))})")
