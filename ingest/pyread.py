"""The Python readers' records into DuckDB: files that DuckDB's CSV reader must not read
(another encoding, CR line ends, ragged rows, stray quotes…), in bounded chunks."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv

from ingest.readers import BadLine, Record

_CHUNK = 100_000  # rows per chunk: bounds the Python side's memory


def collect(con: duckdb.DuckDBPyConnection, items: Iterator[Record | BadLine],
            cols: list[str], header: list[str], table: str, fid: int
            ) -> tuple[int, list[BadLine]]:
    """Records appended to `table` (_fid, _line, columns…) in bounded chunks: a chunk of
    Python strings becomes Arrow, is appended and freed, so a file of millions of rows
    never holds more than one chunk outside DuckDB (which can spill the table to its
    temp_directory). The rules then run once over the whole table.

    The reader has checked every record's structure and numbered its line; the chunk's
    text is then parsed again by Arrow's CSV reader (C++), which is several times faster
    than converting Python strings one by one. Should Arrow read a chunk differently
    (count or content), the chunk is built from the Python values instead.
    Returns the number of records and the bad lines."""
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
        chunk = chunk.add_column(0, "_fid", pa.array([fid] * len(lines), pa.int32()))
        con.register("_chunk", chunk)
        try:
            con.execute(f"insert into {table} select * from _chunk")
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
