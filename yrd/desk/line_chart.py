"""Line charts (lines over years, with optional shaded min–max bands) as inline SVG, for
the report's GDP and growth sections. Split from charts.py, whose conventions (role="img",
a <title>, axis labels with units, the embedded font) and primitives it uses."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from yrd.desk.charts import (
    GRID,
    INK,
    PALETTE,
    nice_ticks,
    svg_open,
    svg_text,
    tick_labels,
)


@dataclass
class Line:
    name: str
    points: list[tuple[float, float]]
    colour: str = PALETTE[0]
    width: float = 1.5
    dash: str = ""
    label_end: bool = True
    emphasis: bool = False
    place: str = ""  # place code, written as data-place so a test can follow a place
    opacity: float = 1.0


@dataclass
class Band:
    name: str
    lower: list[tuple[float, float]]
    upper: list[tuple[float, float]]
    colour: str = "#cfd8e3"


@dataclass
class LineChart:
    title: str
    y_label: str
    x_label: str = ""
    lines: list[Line] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    width: int = 900
    height: int = 380
    log_y: bool = False
    y_zero: bool = True
    digits: int | None = None
    zero_line: bool = False


def line_chart(chart: LineChart) -> str:
    """Lines over years, with optional shaded bands; labels at the right end of lines."""
    left, right, top, bottom = 70, 190, 16, 52
    pw, ph = chart.width - left - right, chart.height - top - bottom
    xs = [x for ln in chart.lines for x, _ in ln.points]
    xs += [x for b in chart.bands for x, _ in b.lower + b.upper]
    ys = [y for ln in chart.lines for _, y in ln.points]
    ys += [y for b in chart.bands for _, y in b.lower + b.upper]
    if not xs:
        xs, ys = [0.0, 1.0], [0.0, 1.0]
    x_lo, x_hi = min(xs), max(xs)
    if x_hi == x_lo:
        x_hi = x_lo + 1
    fy: Callable[[float], float]
    if chart.log_y:
        pos = [y for y in ys if y > 0] or [1.0]
        lo_e = math.floor(math.log10(min(pos)))
        hi_e = math.ceil(math.log10(max(pos)))
        y_ticks = [m * 10 ** e for e in range(lo_e, hi_e + 1) for m in (1, 2, 5)
                   if min(pos) / 2 <= m * 10 ** e <= max(pos) * 2]
        y_lo, y_hi = math.log10(min(pos)), math.log10(max(pos))

        def fy(v: float) -> float:
            return top + ph - (math.log10(max(v, 1e-12)) - y_lo) / ((y_hi - y_lo) or 1) * ph
    else:
        lo = min([*ys, 0.0]) if chart.y_zero else min(ys)
        y_ticks = nice_ticks(lo, max(ys), 5)
        y_lo, y_hi = y_ticks[0], y_ticks[-1]

        def fy(v: float) -> float:
            return top + ph - (v - y_lo) / ((y_hi - y_lo) or 1) * ph

    def fx(v: float) -> float:
        return left + (v - x_lo) / (x_hi - x_lo) * pw

    out = [svg_open(chart.width, chart.height, chart.title,
                     f"{chart.title}. Line chart, {chart.y_label}.", "line")]
    for t, tl in zip(y_ticks, tick_labels(y_ticks), strict=True):
        y = fy(t)
        if top - 1 <= y <= top + ph + 1:
            out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" '
                       f'stroke="{GRID}"/>')
            out.append(svg_text(left - 6, y + 4, tl, size=11, anchor="end", fill="#52606d"))
    if chart.zero_line and y_lo < 0 < y_hi:
        out.append(f'<line x1="{left}" y1="{fy(0):.1f}" x2="{left + pw}" y2="{fy(0):.1f}" '
                   f'stroke="{INK}" stroke-width="1"/>')
    span = int(x_hi - x_lo)
    step = next(s for s in (1, 2, 5, 10, 20, 50) if span / s <= 12)
    for xv in range(int(math.ceil(x_lo / step) * step), int(x_hi) + 1, step):
        x = fx(xv)
        out.append(f'<line x1="{x:.1f}" y1="{top + ph}" x2="{x:.1f}" y2="{top + ph + 4}" '
                   f'stroke="{INK}"/>')
        out.append(svg_text(x, top + ph + 17, str(xv), size=11, anchor="middle", fill="#52606d"))
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" '
               f'stroke="{INK}"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="{INK}"/>')
    out.append(svg_text(16, top + ph / 2, chart.y_label, size=12, anchor="middle", weight="600",
                     extra=f'transform="rotate(-90 16 {top + ph / 2:.1f})"'))
    if chart.x_label:
        out.append(svg_text(left + pw / 2, chart.height - 10, chart.x_label, size=12,
                         anchor="middle", weight="600"))
    for b in chart.bands:
        pts = [(fx(x), fy(y)) for x, y in b.upper] + [(fx(x), fy(y)) for x, y in
                                                      reversed(b.lower)]
        if pts:
            d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            out.append(f'<polygon class="band" points="{d}" fill="{b.colour}" opacity="0.55">'
                       f'<title>{escape(b.name)}</title></polygon>')
    labels: list[tuple[float, Line]] = []
    for ln in sorted(chart.lines, key=lambda ln: ln.emphasis):
        pts = sorted(ln.points)
        if not pts:
            continue
        # A gap of more than a year breaks the line.
        segments: list[list[tuple[float, float]]] = [[pts[0]]]
        for p in pts[1:]:
            if p[0] - segments[-1][-1][0] > 1:
                segments.append([p])
            else:
                segments[-1].append(p)
        for seg in segments:
            d = " ".join(f"{fx(x):.1f},{fy(y):.1f}" for x, y in seg)
            dash = f' stroke-dasharray="{ln.dash}"' if ln.dash else ""
            if len(seg) == 1:
                x, y = seg[0]
                out.append(f'<circle cx="{fx(x):.1f}" cy="{fy(y):.1f}" r="3" fill="{ln.colour}"/>')
            else:
                data = f' data-place="{escape(ln.place)}"' if ln.place else ""
                fade = f' stroke-opacity="{ln.opacity}"' if ln.opacity < 1 else ""
                out.append(f'<polyline class="series" points="{d}" fill="none"{data} '
                           f'stroke="{ln.colour}" stroke-width="{ln.width}"{dash}{fade} '
                           f'stroke-linejoin="round"><title>{escape(ln.name)}</title></polyline>')
        if ln.label_end:
            labels.append((fy(pts[-1][1]), ln))
    # Right-hand labels, pushed apart so they do not overlap.
    labels.sort(key=lambda t: t[0])
    placed: list[float] = []
    for y, _ in labels:
        y = max(y, (placed[-1] + 13) if placed else top)
        placed.append(y)
    overflow = (placed[-1] - (top + ph + 8)) if placed else 0
    if overflow > 0:
        placed = [y - overflow for y in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - 13)
    for y, (_, ln) in zip(placed, labels, strict=True):
        out.append(svg_text(left + pw + 6, y + 4, ln.name, size=11, fill=ln.colour,
                         weight="700" if ln.emphasis else "normal"))
    out.append("</svg>")
    return "".join(out)
