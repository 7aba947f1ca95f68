"""Headless Chromium for checking what a person would see: screenshots, the DOM after
scripts ran, console errors, and a small PNG decoder (standard library only) to tell a
drawn page from a blank one. Used by the report and docs-site tests.

Debian's `chromium` package; nothing is fetched: host names do not resolve (the local
server at 127.0.0.1 excepted when a test serves one).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path


class NoChromium(RuntimeError):
    pass


class RenderFailed(RuntimeError):
    pass


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
    # Nothing may come from the network: every host name but 127.0.0.1 fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def render_in_chromium(url: str, out: Path, profile: Path, *, size: str = "1280,2400",
                       budget_ms: int = 0, extra: Sequence[str] = ()) -> tuple[bytes, str]:
    """(PNG bytes, Chromium's stderr) of a screenshot of `url`."""
    exe = chromium()
    if exe is None:
        raise NoChromium("Chromium is not installed (Debian: apt-get install chromium)")
    args = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
            "--v=0", f"--screenshot={out}", f"--window-size={size}"]
    if budget_ms:
        args.append(f"--virtual-time-budget={budget_ms}")
    proc = subprocess.run([*args, *extra, url], capture_output=True, text=True, timeout=120,
                          check=False)
    if not out.exists():
        raise RenderFailed(f"no screenshot (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    keep = os.environ.get("YRD_TEST_ARTIFACTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(keep) / out.name)
    return out.read_bytes(), proc.stderr


def dump_dom(url: str, profile: Path, budget_ms: int = 0, extra: Sequence[str] = ()) -> str:
    exe = chromium()
    if exe is None:
        raise NoChromium("Chromium is not installed (Debian: apt-get install chromium)")
    args = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom"]
    if budget_ms:
        args.append(f"--virtual-time-budget={budget_ms}")
    proc = subprocess.run([*args, *extra, url], capture_output=True, text=True, timeout=120,
                          check=False)
    return proc.stdout


def console_errors(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines()
            if ("CONSOLE" in ln and ("Uncaught" in ln or "ERROR" in ln or "Error" in ln))
            or "Uncaught" in ln or "net::ERR_" in ln]


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB bytes) of an 8-bit RGB or RGBA PNG (stdlib only)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    height = colour_type = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour_type not in (2, 6):
                raise ValueError(f"PNG depth {depth}, colour type {colour_type}: not supported")
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        rows.append(bytes(line) if bpp == 3 else bytes(
            v for k, v in enumerate(line) if k % 4 != 3))
    return width, height, rows


def colour_counts(rows: list[bytes], step: int = 2) -> Counter[tuple[int, int, int]]:
    """Pixel colours, sampling every `step`-th pixel of every `step`-th row."""
    counts: Counter[tuple[int, int, int]] = Counter()
    for row in rows[::step]:
        for x in range(0, len(row) - 2, 3 * step):
            counts[(row[x], row[x + 1], row[x + 2])] += 1
    return counts


def near(counts: Counter[tuple[int, int, int]], hex_colour: str, tol: int = 12) -> int:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return sum(n for (x, y, z), n in counts.items()
               if abs(x - r) <= tol and abs(y - g) <= tol and abs(z - b) <= tol)
