"""Decode a text file's bytes, keeping what the reader must know about each line.

BOMs, UTF-16 and whole-file GBK are read; mixed or unlikely encodings are refused with
the file and line named (`InputFileError`), never guessed. Used by the delimited
readers (ingest.readers) and by the document extractor (ingest.documents.parse), so
both read text the same way.
"""

from __future__ import annotations

import codecs
import re
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
