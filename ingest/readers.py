"""Decode and split delimited text files, keeping the line number of every record.

Bad structure is reported per line (never raised for one row), so the loader can
quarantine it and keep the rest of the file. Only what makes a whole file unreadable
(no text, not a CSV, not the expected columns) raises `InputFileError`.

Line numbers are physical lines of the file (the header is line 1); a record that
spans lines (a quoted field with a line break) is numbered by its first line.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


class InputFileError(Exception):
    """A whole file cannot be read; the message names the file (and line when known)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Decoded:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)
    # Physical lines that could not be decoded as the file's encoding: line -> reason.
    bad_lines: dict[int, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)  # the file's columns, in its order


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of files that are not text at all (saved under a text name by mistake).
# `{kind}` is what the reader expected (CSV, a text document).
_BINARY = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook saved as .csv?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel/Office file (.xls), not {kind}"),
    (b"%PDF-", "a PDF document, not {kind}"),
    (b"\x1f\x8b", "gzip-compressed: decompress it first (gunzip), then load the {kind}"),
    (b"BZh", "bzip2-compressed: decompress it first (bunzip2), then load the {kind}"),
    (b"\xfd7zXZ\x00", "xz-compressed: decompress it first (unxz), then load the {kind}"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed: decompress it first (unzstd), then load the {kind}"),
    (b"SQLite format 3\x00", "a SQLite database, not {kind}"),
)

# A real GBK/GB18030 export of Chinese statistics is nearly all GB2312 characters;
# bytes of another legacy encoding (Big5, Shift-JIS, Windows-1252) decoded as GB18030
# give mostly rare or 4-byte characters instead.
_MIN_GB2312_SHARE = 0.9


def _gb_plausible(text: str) -> bool:
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return True
    common = 0
    for c in wide:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(wide) >= _MIN_GB2312_SHARE


def _preview(text: str, n: int = 60) -> str:
    text = text.strip().replace("\r", " ").replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def decode(path: Path, data: bytes | None = None, shown: str = "",
           kind: str = "CSV") -> Decoded:
    """UTF-8 is expected. A byte-order mark, UTF-16 and a whole file in GB18030 (a
    superset of GBK) are decoded and reported, so an operator sees that a file arrived
    in another encoding. Lines in another encoding inside a UTF-8 file are marked bad
    (mixed encodings); a file in an encoding that is neither is refused."""
    raw = path.read_bytes() if data is None else data
    name = shown or str(path)  # name files as the user knows them
    if not raw.strip():
        raise InputFileError(f"{name}: file is empty" + (" (whitespace only)" if raw else ""))
    for magic, what in _BINARY:
        if raw.startswith(magic) and not (magic == b"BZh" and not raw[3:4].isdigit()):
            raise InputFileError(f"{name}:1: file is {what.format(kind=kind)}", 1)
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(enc), enc, [f"decoded as {enc} (byte-order mark)"])
            except UnicodeDecodeError as exc:
                line = _line_of(raw, exc.start, enc)
                raise InputFileError(
                    f"{name}:{line}: not valid {enc} despite its byte-order mark: {exc.reason}",
                    line) from exc
    head = raw[:4096]
    if b"\x00" in head:
        # UTF-16 without BOM: NULs between ASCII bytes (every other byte).
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) // 4 and min(even, odd) < len(head) // 50 + 1:
            enc = "utf-16-le" if odd > even else "utf-16-be"
            try:
                return Decoded(raw.decode(enc), enc, [f"decoded as {enc} (no byte-order mark)"])
            except UnicodeDecodeError as exc:
                raise InputFileError(
                    f"{name}: looks like {enc} but does not decode: {exc.reason}") from exc
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputFileError(f"{name}:{line}: binary content (NUL bytes), not a text file",
                             line)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        first_bad = raw[: utf8_error.start].count(b"\n") + 1
    return _decode_legacy(raw, name, first_bad)


def _line_of(raw: bytes, offset: int, enc: str) -> int:
    if enc.startswith("utf-16"):
        return raw[:offset].decode(enc, errors="replace").count("\n") + 1
    return raw[:offset].count(b"\n") + 1


_UTF8_EVIDENCE = re.compile("[\u3000-\u9fff\uff00-\uffef\u00c0-\u00ff]")


def _decode_legacy(raw: bytes, name: str, first_bad: int) -> Decoded:
    """Not UTF-8: either the whole file is GBK/GB18030, or some lines are (mixed)."""
    lines = raw.split(b"\n")
    utf8_wide, bad = 0, {}
    for i, line in enumerate(lines, 1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            bad[i] = line
            continue
        # GBK bytes can happen to be valid UTF-8 (元 is D4 AA), but they then decode to
        # Cyrillic, Greek or Arabic letters, never to CJK: only CJK or Latin-1 letters
        # count as evidence that the file is UTF-8.
        if _UTF8_EVIDENCE.search(text):
            utf8_wide += 1
    if utf8_wide:
        # Mixed: the file is UTF-8 (it has valid UTF-8 text), these lines are not.
        out, reasons = [], {}
        for i, line in enumerate(lines, 1):
            if i in bad:
                try:
                    as_gb = line.decode("gb18030")
                    guess = (f"it reads as GBK: {_preview(as_gb)}" if _gb_plausible(as_gb)
                             else "in an unknown encoding")
                except UnicodeDecodeError:
                    guess = "in an unknown encoding"
                reasons[i] = f"mixed encodings: this line is not UTF-8 like the rest ({guess})"
                out.append(line.decode("utf-8", errors="replace"))
            else:
                out.append(line.decode("utf-8"))
        return Decoded("\n".join(out), "utf-8",
                       [f"{len(bad)} line(s) not UTF-8 (mixed encodings), first at line "
                        f"{min(bad)}; quarantined"], reasons)
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError(
            f"{name}:{line}: not UTF-8 and not GBK/GB18030 either; convert the file to UTF-8",
            line) from exc
    if not _gb_plausible(text):
        raise InputFileError(
            f"{name}:{first_bad}: not UTF-8, and as GBK it gives unlikely characters "
            f"({_preview(text.splitlines()[first_bad - 1])}): another encoding (Big5, "
            "Shift-JIS, Windows-1252?); convert the file to UTF-8", first_bad)
    return Decoded(text, "gb18030",
                   [f"not UTF-8 from line {first_bad}; decoded as GB18030/GBK"])


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
