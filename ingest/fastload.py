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
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
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
        try:
            header = [h.strip() for h in next(csv.reader([head.decode("utf-8")], strict=True))]
        except (csv.Error, StopIteration, UnicodeDecodeError):
            plain = False
    return Scan(plain, lines, header, quoted)


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
