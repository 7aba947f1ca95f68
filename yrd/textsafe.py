"""Data is text, never code: what a value may not do on a terminal or in a spreadsheet.

Values come from input files, documents and users' queries. On a terminal, a control
character or an ESC/OSC sequence in a value would move the cursor, retitle the window,
plant a hyperlink or hide what follows; in a spreadsheet, a cell that starts with `=`
(or `+ - @`, tab, CR) would run as a formula (OWASP "CSV injection"). These functions
show such values as inert text. They are for display and spreadsheets only: the stored
data, Parquet and piped CSV/JSON keep every character as it is.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls except newline and tab, DEL, C1 controls (0x9b is a one-byte CSI), and the
# bidirectional overrides and isolates that reorder how a line reads ("Trojan Source").
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same, with newline and tab too: inside one table cell or one message line.
_CELL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Characters XML 1.0 cannot hold at all (an xlsx is XML): C0 except tab, LF, CR.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number as a spreadsheet reads it: sign, digits, decimals, exponent, percent.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    r"""`text` with control characters written out (ESC becomes the four characters
    `\x1b`), so a terminal shows them instead of obeying them."""
    pattern = _TERMINAL_UNSAFE if keep_newlines else _CELL_UNSAFE
    return pattern.sub(_escape, text)


def cell_text(value: Any, null: str = "") -> str:
    """A value as one inert table cell (newlines kept: rich folds them in the cell)."""
    return null if value is None else visible(str(value))


def xml_safe(text: str) -> str:
    r"""`text` without the characters an xlsx cannot store, written out as `\x1b`."""
    return _XML_ILLEGAL.sub(_escape, text)


def is_formula_like(text: str) -> bool:
    """A spreadsheet would read this text as a formula (a plain number is not one)."""
    return text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def spreadsheet_text(text: str) -> str:
    """OWASP's neutralisation for CSV: a leading `'` makes Excel and LibreOffice show the
    cell as text; a negative number written as text stays a number."""
    return "'" + text if is_formula_like(text) else text
