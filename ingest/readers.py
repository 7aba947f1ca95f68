"""Split delimited text files into records, keeping the line number of every record.

Bad structure is reported per line (never raised for one row), so the loader can
quarantine it and keep the rest of the file. Only what makes a whole file unreadable
(no text, not a CSV, not the expected columns) raises `InputFileError`. Decoding
(encodings, BOMs, refusals) is ingest.decode's job; its names are re-exported here.

Line numbers are physical lines of the file (the header is line 1); a record that
spans lines (a quoted field with a line break) is numbered by its first line.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.decode import Decoded, InputFileError, decode

__all__ = ["BadLine", "Decoded", "InputFileError", "Record", "decode", "looks_like_html",
           "read_delimited"]


@dataclass(slots=True)
class Record:
    line: int  # 1-based physical line where the record starts (header is line 1)
    values: list[str]  # in the expected column order
    raw: str = ""  # the record's text as in the file (its lines, line breaks included)


@dataclass
class BadLine:
    line: int
    reason: str
    text: str


def looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body", "<table",
                            "<meta", "<!--")) or "<table" in head or "<html" in head


class _Lines:
    """Physical lines of a text (line breaks kept), with push-back so the parser can
    start again on the line after a broken one."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._sep = "\n" if "\n" in text or "\r" not in text else "\r"  # old Mac files
        self._pos = 0
        self._pending: deque[str] = deque()
        self.taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._pending:
            line = self._pending.popleft()
        else:
            if self._pos >= len(self._text):
                raise StopIteration
            end = self._text.find(self._sep, self._pos)
            end = len(self._text) if end < 0 else end + 1
            line = self._text[self._pos:end]
            self._pos = end
        self.taken.append(line)
        return line

    def push_back(self, lines: list[str]) -> None:
        self._pending.extendleft(reversed(lines))


def _reader(lines: _Lines) -> Iterator[list[str]]:
    return csv.reader(lines, delimiter=",", quotechar='"', strict=True)


def read_delimited(
    path: Path, expected_header: list[str], data: bytes | None = None, shown: str = ""
) -> tuple[Decoded, Iterator[Record | BadLine]]:
    """Check the header, then yield records and bad lines in file order."""
    shown = shown or str(path)
    decoded = decode(path, data, shown)
    text = decoded.text
    if looks_like_html(text):
        raise InputFileError(f"{shown}:1: file is HTML, not CSV (saved from a web page?)", 1)
    lines = _Lines(text)
    reader = _reader(lines)
    try:
        header = next(reader)
        while not any(h.strip() for h in header):  # blank lines before the header
            header = next(reader)
    except StopIteration as exc:
        raise InputFileError(f"{shown}: file is empty") from exc
    except csv.Error as exc:
        raise InputFileError(f"{shown}:1: header is not valid CSV: {exc}", 1) from exc
    header_line = len(lines.taken)
    if header_line in decoded.bad_lines:
        raise InputFileError(f"{shown}:{header_line}: header: {decoded.bad_lines[header_line]}",
                             header_line)
    header = [h.strip().lstrip("\ufeff").strip() for h in header]
    if sorted(header) != sorted(expected_header) or len(set(header)) != len(header):
        if len(header) == 1 and any(d in header[0] for d in (";", "\t", "|")):
            delim = next(d for d in (";", "\t", "|") if d in header[0])
            raise InputFileError(
                f"{shown}:{header_line}: header has one column; wrong delimiter "
                f"({delim!r} instead of ',')? (expected comma-separated "
                f"{', '.join(expected_header[:4])}, …)", header_line)
        missing = [h for h in expected_header if h not in header]
        extra = [h for h in header if h not in expected_header]
        dup = sorted({h for h in header if header.count(h) > 1})
        raise InputFileError(
            f"{shown}:{header_line}: header does not match the expected columns"
            f" (missing: {', '.join(missing) or 'none'}; unexpected: {', '.join(extra) or 'none'}"
            + (f"; repeated: {', '.join(dup)}" if dup else "") + ")", header_line)
    # Columns may come in any order; records are returned in the expected order.
    decoded.header = header
    order = [header.index(h) for h in expected_header]
    return decoded, _records(lines, reader, order, header, header_line + 1, decoded.bad_lines)


def _records(
    lines: _Lines, reader: Iterator[list[str]], order: list[int], header: list[str],
    start: int, bad_lines: dict[int, str],
) -> Iterator[Record | BadLine]:
    width = len(order)
    identity = order == list(range(width))
    while True:
        lines.taken = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            taken = lines.taken
            reason = f"broken CSV: {exc}"
            if "unexpected end of data" in str(exc) or len(taken) > 1:
                reason += " (an unclosed quote?)"
            yield BadLine(start, reason, taken[0].rstrip("\r\n")[:500] if taken else "")
            # Start again on the next physical line, so one stray quote loses one line.
            if len(taken) > 1:
                lines.push_back(taken[1:])
            start += 1
            reader = _reader(lines)
            continue
        taken = lines.taken
        span = len(taken)
        if not any(row) or (len(row) == 1 and not row[0].strip()):  # a blank line
            start += span
            continue
        if bad_lines and any(n in bad_lines for n in range(start, start + span)):
            n = next(n for n in range(start, start + span) if n in bad_lines)
            yield BadLine(start, bad_lines[n], "".join(taken).rstrip("\r\n")[:500])
            start += span
            continue
        if len(row) != width:
            if span > 1:
                # A quote opened on this line swallowed the next ones: only this line is bad.
                yield BadLine(start, f"broken CSV: unbalanced quote; {len(row)} fields where "
                              f"the header has {width}", taken[0].rstrip("\r\n")[:500])
                lines.push_back(taken[1:])
                start += 1
                reader = _reader(lines)
                continue
            truncated = not taken[-1].endswith(("\n", "\r"))
            reason = f"ragged row: {len(row)} fields where the header has {width}"
            if truncated and len(row) < width:
                reason = "truncated file: the last line ends early, " + reason
            yield BadLine(start, reason, taken[0].rstrip("\r\n")[:500])
        elif row[0].strip() == header[0] and [c.strip() for c in row] == header:
            yield BadLine(start, "header repeated inside the file (two exports joined?)",
                          taken[0].rstrip("\r\n")[:500])
        else:
            yield Record(start, row if identity else [row[i] for i in order],
                         taken[0] if span == 1 else "".join(taken))
        start += span
