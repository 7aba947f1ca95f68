"""Charts as inline SVG strings: no JavaScript, no fonts or files fetched, any browser.

Text uses the report's embedded font (FONT names it first), never a system one alone.

Each chart is an <svg> with role="img", a <title>, axis labels with units, and the class
"chart" (the report test counts them). Colours come from CSS variables of the report so
the palette lives in one place. Line charts are in line_chart.py.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# The report embeds a subset of Noto Sans CJK SC under this first name (yrd.desk.fonts),
# so charts and text draw Chinese the same on a machine with no CJK font.
FONT = ("'YRD Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',"
        "'PingFang SC','Microsoft YaHei','Helvetica Neue',Arial,sans-serif")
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2", "#bcbd22", "#7f7f7f")
PROVINCE_COLOURS = {"310000": "#c0392b", "320000": "#1f6fb2", "330000": "#1e9e6a",
                    "340000": "#d48a06"}
MUTED = "#b8c2cc"
SECONDARY = "#3e4c59"
INK = "#1f2933"
GRID = "#e4e8ec"


def place_colour(province_code: str | None) -> str:
    """The one colour of a place in every chart: its province's hue.

    A place keyed by anything else (rank, position among peers) changed colour between
    charts; the line charts tell places of one province apart by label and dash instead.
    """
    return PROVINCE_COLOURS.get(province_code or "", PALETTE[0])


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not math.isfinite(lo) or not math.isfinite(hi):
        return [0.0, 1.0]
    if hi == lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks: list[float] = []
    t = start
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < hi:
        ticks.append(round(t, 10))
    return ticks


def fmt_number(v: float, digits: int | None = None) -> str:
    if digits is None:
        a = abs(v)
        digits = 0 if a >= 1000 else 1 if a >= 10 else 2 if a >= 1 else 3
    return f"{v:,.{digits}f}"


def tick_labels(ticks: Sequence[float]) -> list[str]:
    """Tick labels with the digits the step needs: 0, 5, 10 or 0.5, 1.0, 1.5."""
    step = min((b - a for a, b in itertools.pairwise(ticks) if b > a), default=1.0)
    if step >= 1:
        digits = 0
    else:
        k = -math.floor(math.log10(step))
        digits = min(6, k + (round(step * 10**k, 6) % 1 > 0))
    return [f"{t:,.{digits}f}" for t in ticks]


def svg_text(x: float, y: float, s: str, *, size: int = 12, anchor: str = "start",
          weight: str = "normal", fill: str = INK, extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}" {extra}>{escape(s)}</text>')


def svg_open(width: int, height: int, title: str, desc: str, kind: str) -> str:
    return (f'<svg class="chart chart-{kind}" role="img" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'font-family="{escape(FONT)}"><title>{escape(title)}</title>'
            f'<desc>{escape(desc)}</desc>'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>')


@dataclass
class Bar:
    label: str
    value: float | None
    colour: str = PALETTE[0]
    note: str = ""  # printed after the value
    emphasis: bool = False
    secondary: float | None = None  # a second, thinner bar (another concept)
    place: str = ""  # place code, written as data-place so a test can follow a place


def bar_chart(bars: Sequence[Bar], *, title: str, x_label: str, width: int = 900,
              row_height: int = 20, label_width: int = 200, digits: int | None = None,
              secondary_label: str = "", primary_label: str = "",
              legend: Sequence[tuple[str, str]] = ()) -> str:
    """Horizontal bars, one row per item, largest first as given; value at the bar's end."""
    legend_items = list(legend)
    if secondary_label:
        legend_items = [*legend, (secondary_label, SECONDARY)]
        if primary_label:
            legend_items.insert(len(legend), (primary_label, "#9aa5b1"))
    # Legend entries flow left to right and wrap; each row is 18 px.
    placed_legend: list[tuple[float, float, str, str]] = []
    lx, ly = float(label_width), 10.0
    for name, colour in legend_items:
        w = 24 + 6.6 * len(name) + sum(5.4 for ch in name if ord(ch) > 0x2E80)
        if lx + w > width - 10 and lx > label_width:
            lx, ly = float(label_width), ly + 18
        placed_legend.append((lx, ly, name, colour))
        lx += w
    top = int(ly + 24) if legend_items else 14
    plot_w = width - label_width - 110
    values = [b.value for b in bars if b.value is not None]
    values += [b.secondary for b in bars if b.secondary is not None]
    vmax = max(values, default=1.0)
    ticks = nice_ticks(0, vmax, 5)
    scale = plot_w / (ticks[-1] or 1)
    height = top + row_height * len(bars) + 48
    x0 = label_width
    out = [svg_open(width, height, title, f"{title}. Horizontal bar chart, {x_label}.", "bar")]
    # grid and ticks
    base_y = top + row_height * len(bars)
    for t, tl in zip(ticks, tick_labels(ticks), strict=True):
        x = x0 + t * scale
        out.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{base_y}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(svg_text(x, base_y + 16, tl, size=11, anchor="middle", fill="#52606d"))
    out.append(svg_text(x0 + plot_w / 2, base_y + 38, x_label, size=12, anchor="middle",
                     weight="600"))
    for lx, ly, name, colour in placed_legend:
        out.append(f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{colour}" rx="2"/>')
        out.append(svg_text(lx + 16, ly + 10, name, size=11))
    for i, b in enumerate(bars):
        y = top + i * row_height
        weight = "700" if b.emphasis else "normal"
        if b.emphasis:
            out.append(f'<rect x="2" y="{y + 1}" width="{width - 4}" height="{row_height - 2}" '
                       f'fill="#fff4d6"/>')
        out.append(svg_text(x0 - 8, y + row_height * 0.68, b.label, size=12, anchor="end",
                         weight=weight))
        bar_h = row_height * (0.5 if b.secondary is not None else 0.7)
        if b.value is not None:
            w = max(b.value * scale, 0.5)
            data = f' data-place="{escape(b.place)}"' if b.place else ""
            out.append(f'<rect class="bar" x="{x0}" y="{y + row_height * 0.15:.1f}"{data} '
                       f'width="{w:.1f}" height="{bar_h:.1f}" fill="{b.colour}" rx="2">'
                       f'<title>{escape(b.label)}: {fmt_number(b.value, digits)}</title></rect>')
            tail = fmt_number(b.value, digits) + (f"  {b.note}" if b.note else "")
            out.append(svg_text(x0 + w + 5, y + row_height * 0.15 + bar_h * 0.8, tail, size=11,
                             fill="#334e68", weight=weight))
        if b.secondary is not None:
            w2 = max(b.secondary * scale, 0.5)
            y2 = y + row_height * 0.15 + bar_h
            out.append(f'<rect class="bar bar-secondary" x="{x0}" y="{y2:.1f}" width="{w2:.1f}" '
                       f'height="{row_height * 0.25:.1f}" fill="{SECONDARY}" rx="1">'
                       f'<title>{escape(b.label)}: {fmt_number(b.secondary, digits)}</title>'
                       '</rect>')
    out.append(f'<line x1="{x0}" y1="{top - 4}" x2="{x0}" y2="{base_y}" stroke="{INK}"/>')
    out.append("</svg>")
    return "".join(out)


def progress_bar(fraction: float | None, *, width: int = 260, colour: str = PALETTE[0],
                 label: str = "") -> str:
    """A small bar showing progress towards a target (fraction of the target; capped)."""
    h = 16
    out = [f'<svg class="chart chart-progress" role="img" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {h}" width="{width}" height="{h}">'
           f'<title>{escape(label or "progress")}</title>'
           f'<rect width="{width}" height="{h}" rx="8" fill="#e9edf2"/>']
    if fraction is not None and math.isfinite(fraction):
        w = max(0.0, min(fraction, 1.0)) * width
        out.append(f'<rect class="bar" width="{w:.1f}" height="{h}" rx="8" fill="{colour}"/>')
        out.append(svg_text(width - 6, 12, f"{100 * fraction:.0f}%", size=11, anchor="end",
                         weight="700", fill=INK))
    else:
        out.append(svg_text(width / 2, 12, "no actual yet", size=11, anchor="middle",
                         fill="#52606d"))
    out.append("</svg>")
    return "".join(out)


@dataclass
class Cell:
    colour: str
    tip: str = ""  # a <title> tooltip: value, source, vintage


def grid_chart(rows: Sequence[str], columns: Sequence[int], cells: dict[tuple[int, int], Cell],
               *, title: str, legend: Sequence[tuple[str, str]] = (), label_width: int = 190,
               cell_width: int = 20, row_height: int = 16) -> str:
    """A coverage grid: one row per place, one column per year, a filled cell where the
    warehouse has a value (cells keyed by row and column index; empty cells stay blank)."""
    top = 40 + 18 * (1 + len(legend) // 4)
    width = label_width + cell_width * len(columns) + 20
    height = top + row_height * len(rows) + 30
    out = [svg_open(width, height, title, f"{len(rows)} rows × {len(columns)} years", "grid")]
    for k, (name, colour) in enumerate(legend):
        lx, ly = label_width + 190 * (k % 4), 14 + 18 * (k // 4)
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{colour}"/>')
        out.append(svg_text(lx + 16, ly + 10, name, size=11))
    for j, year in enumerate(columns):
        if year % 5 == 0 or j in (0, len(columns) - 1):
            x = label_width + cell_width * j + cell_width / 2
            out.append(svg_text(x, top - 6, str(year), size=10, anchor="middle"))
    for i, name in enumerate(rows):
        y = top + row_height * i
        out.append(svg_text(label_width - 6, y + row_height - 4, name, size=11, anchor="end"))
        out.append(f'<rect x="{label_width}" y="{y}" width="{cell_width * len(columns)}" '
                   f'height="{row_height - 2}" fill="{GRID}" opacity="0.45"/>')
        for j in range(len(columns)):
            cell = cells.get((i, j))
            if cell is None:
                continue
            x = label_width + cell_width * j
            tip = f"<title>{escape(cell.tip)}</title>" if cell.tip else ""
            out.append(f'<rect class="cell" x="{x + 1}" y="{y}" width="{cell_width - 2}" '
                       f'height="{row_height - 2}" fill="{cell.colour}">{tip}</rect>')
    out.append("</svg>")
    return "".join(out)
