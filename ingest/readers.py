"""Decode and split delimited text files, keeping the line number of every record.

Bad structure is reported per line (never raised for one row), so the loader can
quarantine it and keep the rest of the file.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


class InputFileError(Exception):
    """A whole file cannot be read; the message names the file."""


@dataclass
class Decoded:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(path: Path, data: bytes | None = None, shown: str = "") -> Decoded:
    """UTF-8 is expected; BOMs, UTF-16 and GB18030 (a superset of GBK) are accepted
    and reported, so an operator sees that a file arrived in another encoding."""
    raw = path.read_bytes() if data is None else data
    path = Path(shown) if shown else path  # name files as the user knows them
    if not raw.strip():
        raise InputFileError(f"{path}: file is empty")
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(enc), enc, [f"decoded as {enc} (byte-order mark)"])
            except UnicodeDecodeError as exc:
                raise InputFileError(f"{path}: not valid {enc} despite its BOM: {exc}") from exc
    if b"\x00" in raw[:4096]:
        # UTF-16 without BOM: NULs between ASCII bytes.
        enc = "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"
        try:
            return Decoded(raw.decode(enc), enc, [f"decoded as {enc} (no byte-order mark)"])
        except UnicodeDecodeError as exc:
            raise InputFileError(f"{path}: binary or undecodable content: {exc}") from exc
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise InputFileError(
                f"{path}:{line}: not UTF-8 (byte {utf8_error.start}) and not GB18030 either"
            ) from utf8_error
        line = raw[: utf8_error.start].count(b"\n") + 1
        return Decoded(text, "gb18030", [f"not UTF-8 from line {line}; decoded as GB18030/GBK"])


@dataclass
class Record:
    line: int  # 1-based physical line where the record starts (header is line 1)
    values: list[str]


@dataclass
class BadLine:
    line: int
    reason: str
    text: str


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<table" in head


def read_delimited(
    path: Path, expected_header: list[str], data: bytes | None = None, shown: str = ""
) -> tuple[Decoded, Iterator[Record | BadLine]]:
    """Check the header, then yield records and bad lines in file order."""
    shown = shown or str(path)
    decoded = decode(path, data, shown)
    text = decoded.text
    if looks_like_html(text):
        raise InputFileError(f"{shown}:1: file is HTML, not CSV (saved from a web page?)")
    buf = io.StringIO(text, newline="")
    reader = csv.reader(buf, delimiter=",", quotechar='"', strict=True)
    try:
        header = next(reader)
    except StopIteration as exc:
        raise InputFileError(f"{path}: file is empty") from exc
    except csv.Error as exc:
        raise InputFileError(f"{path}:1: header is not valid CSV: {exc}") from exc
    header = [h.strip().lstrip("\ufeff") for h in header]
    if sorted(header) != sorted(expected_header) or len(set(header)) != len(header):
        if len(header) == 1 and any(d in header[0] for d in (";", "\t", "|")):
            raise InputFileError(
                f"{shown}:1: header has one column; wrong delimiter? "
                f"(expected comma-separated {', '.join(expected_header[:4])}, …)"
            )
        missing = [h for h in expected_header if h not in header]
        extra = [h for h in header if h not in expected_header]
        raise InputFileError(
            f"{shown}:1: header does not match the expected columns"
            f" (missing: {', '.join(missing) or 'none'}; unexpected: {', '.join(extra) or 'none'})"
        )
    # Columns may come in any order; records are returned in the expected order.
    order = [header.index(h) for h in expected_header]
    return decoded, _records(reader, order)


def _records(reader: csv.Reader, order: list[int]) -> Iterator[Record | BadLine]:
    width = len(order)
    identity = order == list(range(width))
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield BadLine(start, f"broken CSV: {exc}", "")
            start = reader.line_num + 1
            continue
        if not row or all(not c.strip() for c in row):
            start = reader.line_num + 1
            continue
        if len(row) != width:
            yield BadLine(
                start,
                f"ragged row: {len(row)} fields where the header has {width}",
                ",".join(row)[:500],
            )
        else:
            yield Record(start, row if identity else [row[i] for i in order])
        start = reader.line_num + 1
