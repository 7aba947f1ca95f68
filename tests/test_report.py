"""`yrd report`: one HTML file that opens with no network and draws its charts.

Headless Chromium (Debian's `chromium`) renders it with name resolution switched off; the
screenshot must show the charts' colours and the console must stay quiet. Skipped
cleanly where Chromium is not installed. Set YRD_TEST_ARTIFACTS=DIR to keep the PNGs.
"""

from __future__ import annotations

import base64
import html as html_lib
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from yrd.desk import browser, fonts
from yrd.desk.browser import colour_counts, console_errors, decode_png, near
from yrd.desk.charts import PROVINCE_COLOURS
from yrd.desk.queries import relation_exists
from yrd.desk.readonly import connect
from yrd.desk.report import ReportOptions, render_report

PROJECT = Path(__file__).resolve().parents[1]
@pytest.fixture(scope="module")
def con(built_warehouse: object) -> Iterator[duckdb.DuckDBPyConnection]:
    c = connect(built_warehouse.warehouse)  # type: ignore[attr-defined]
    yield c
    c.close()


@pytest.fixture(scope="module")
def report(built_warehouse: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = subprocess.run([sys.executable, "-m", "yrd.cli", "report", "-o", str(out)],
                          env=built_warehouse.env, cwd=PROJECT,  # type: ignore[attr-defined]
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_report_is_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html and "<link" not in html and "<img" not in html
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls
    # The one url( is the embedded font, inline as data: nothing is fetched.
    assert re.findall(r"url\((?!data:font/otf;base64,)", html) == [] and "@import" not in html
    assert html.count("url(") == 1


def test_report_has_its_charts(report: Path, con: duckdb.DuckDBPyConnection) -> None:
    html = report.read_text(encoding="utf-8")
    for anchor in ("ranking", "city", "growth", "per-capita", "targets"):
        assert f'id="{anchor}"' in html, anchor
    charts = re.findall(r'<svg class="chart chart-(\w+)"', html)
    assert charts.count("bar") == 2 and charts.count("line") == 2
    ranking = html[html.index('id="ranking"'):html.index('id="city"')]
    assert len(re.findall(r'<rect class="bar"', ranking)) == 41
    assert "2021年长三角41城地区生产总值排名" in ranking
    assert "GDP ranking of the 41 YRD cities, 2021" in ranking
    assert "上海市 Shanghai" in ranking and "亿元" in ranking
    # Axis labels with units, source notes naming the marts and the build run.
    assert "GDP per capita (yuan)" in html and "Real growth (%)" in html
    build = con.execute("select run_id from meta.build_runs "
                        "order by finished_at desc nulls last limit 1").fetchone()[0]
    assert html.count(f"build run {build}") >= 4
    assert "常住人口" in html and "户籍人口" in html  # population concepts are named
    if relation_exists(con, "marts.targets_vs_actuals"):
        n = con.execute("select count(*) from marts.targets_vs_actuals").fetchone()[0]
        targets = html[html.index('id="targets"'):]
        assert targets.count('class="chart chart-progress"') == n
        assert targets.count('class="badge"') == n
    else:
        assert "has no marts.targets_vs_actuals yet" in html


def test_report_options(con: duckdb.DuckDBPyConnection) -> None:
    html = render_report(con, ReportOptions(city="330100", year=2020, lang="en",
                                            money="billion"))
    assert "GDP ranking of the 41 YRD cities, 2020" in html
    assert "GDP of Hangzhou against its peers" in html
    # Quotes of press figures (the conflicts table) are printed as written, 亿元 and all.
    charts = re.sub(r'<section class="figure" id="conflicts">.*?</section>', "", html, flags=re.S)
    assert "billion yuan" in charts and "亿元" not in charts
    assert "地区生产总值排名" not in html  # English only
    zh = render_report(con, ReportOptions(lang="zh"))
    assert "长三角41城地区生产总值排名" in zh and "GDP ranking of" not in zh
    with pytest.raises(ValueError, match="not a city with GDP figures"):
        render_report(con, ReportOptions(city="999999"))
    with pytest.raises(ValueError, match=r"ambiguous: 320500 苏州市 Suzhou \(Jiangsu\), "
                                         r"341300 宿州市 Suzhou \(Anhui\)"):
        render_report(con, ReportOptions(city="Suzhou"))
    # A county-level city by name: compared with the other county-level cities.
    ks = render_report(con, ReportOptions(city="昆山市", lang="en"))
    assert "GDP of Kunshan against its peers" in ks
    assert "among the YRD county-level cities with figures" in ks


def render_in_chromium(url: str, out: Path, profile: Path, **kw: object) -> tuple[bytes, str]:
    """A screenshot, or a clean skip where Chromium is not installed."""
    try:
        return browser.render_in_chromium(url, out, profile, **kw)  # type: ignore[arg-type]
    except browser.NoChromium as exc:
        pytest.skip(str(exc))


def dump_dom(url: str, profile: Path, **kw: object) -> str:
    try:
        return browser.dump_dom(url, profile, **kw)  # type: ignore[arg-type]
    except browser.NoChromium as exc:
        pytest.skip(str(exc))


def test_report_draws_in_headless_chromium(report: Path, tmp_path: Path) -> None:
    png, stderr = render_in_chromium(report.as_uri(), tmp_path / "report.png",
                                     tmp_path / "profile", budget_ms=2000)
    assert not console_errors(stderr), console_errors(stderr)
    width, height, rows = decode_png(png)
    assert (width, height) == (1280, 2400)
    counts = colour_counts(rows)
    total = sum(counts.values())
    background = counts.most_common(1)[0][1]
    assert background / total < 0.9, "the page is (nearly) blank"
    assert len(counts) > 200, "too few colours for text and charts"
    # The ranking's bars, in the provinces' colours, and the header band drew.
    for code, colour in PROVINCE_COLOURS.items():
        assert near(counts, colour) > 50, f"no bars in {colour} ({code})"
    assert near(counts, "#1f3a5f", tol=4) > 5000, "no header band"
    dom = dump_dom(report.as_uri(), tmp_path / "profile2")
    assert dom.count('class="chart chart-bar"') == 2


def _target_rows(html: str) -> list[list[str]]:
    section = html[html.index('id="targets"'):]
    table = section[section.index("<tbody>"):section.index("</tbody>")]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)
        rows.append([html_lib.unescape(re.sub(r"<[^>]+>", " ", c)).strip() for c in cells])
    return rows


def test_targets_table_has_one_row_per_target_with_units(report: Path) -> None:
    rows = _target_rows(report.read_text(encoding="utf-8"))
    assert rows, "the shipped data has targets"
    # One target, one row: the same place, indicator (without the sector), horizon and
    # target figure never twice (a target stated with and without its sector is one).
    keys = [(r[0], r[1].split(" · ")[0], r[2], r[3]) for r in rows]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    for r in rows:
        target = r[3]
        # Every target carries its unit: a number followed by words, never a bare number.
        m = re.fullmatch(r"[>≥<≤]?\s*([\d,.]+)\s+(\S.*)", target)
        assert m, f"no unit in {target!r}"
        # A scale is chosen per figure: no nonzero target shows as 0.
        assert float(m.group(1).replace(",", "")) > 0, target
    # Suzhou's 30,000,000 yuan funding target reads as 3,000 万元.
    assert any("3,000 万元" in r[3] for r in rows), [r[3] for r in rows]


def _figure_html(html: str, anchor: str) -> str:
    m = re.search(rf'<section class="figure" id="{anchor}">.*?</section>', html, flags=re.S)
    assert m, anchor
    return m.group(0)


def test_every_place_has_one_colour_in_every_chart(con: duckdb.DuckDBPyConnection) -> None:
    # Suzhou's peers include Shanghai, which also heads the ranking: one colour in both.
    html = render_report(con, ReportOptions(city="320500", lang="en"))
    colours: dict[str, set[str]] = {}
    for m in re.finditer(r'<(?:rect|polyline) [^>]*?data-place="(\d+)"[^>]*?'
                         r'(?:fill|stroke)="(#[0-9a-f]{6})"', html):
        colours.setdefault(m.group(1), set()).add(m.group(2))
    for m in re.finditer(r'<(?:rect|polyline) [^>]*?(?:fill|stroke)="(#[0-9a-f]{6})"[^>]*?'
                         r'data-place="(\d+)"', html):
        colours.setdefault(m.group(2), set()).add(m.group(1))
    assert "310000" in colours and len(colours) >= 41
    lines = re.findall(r'<polyline [^>]*data-place="310000"', _figure_html(html, "city"))
    assert lines, "Shanghai is one of Suzhou's peers in the levels chart"
    assert {p: c for p, c in colours.items() if len(c) > 1} == {}
    assert colours["310000"] == {PROVINCE_COLOURS["310000"]}


@pytest.mark.parametrize("city", ["320500", "昆山市"])
def test_growth_caption_promises_only_what_is_drawn(con: duckdb.DuckDBPyConnection,
                                                    city: str) -> None:
    growth = _figure_html(render_report(con, ReportOptions(city=city, lang="en")), "growth")
    caption = re.search(r'<p class="caption">(.*?)</p>', growth, flags=re.S).group(1)  # type: ignore[union-attr]
    drawn = '<polygon class="band"' in growth
    assert ("shaded band spans" in caption) == drawn
    assert ("no band" in caption) == (not drawn)


def _embedded_font(html: str) -> bytes:
    m = re.search(r"url\(data:font/otf;base64,([A-Za-z0-9+/=]+)\)", html)
    assert m, "no embedded font"
    return base64.b64decode(m.group(1))


def test_embedded_font_covers_every_character_of_the_report(report: Path) -> None:
    from fontTools.ttLib import TTFont

    html = report.read_text(encoding="utf-8")
    font = TTFont(io.BytesIO(_embedded_font(html)))
    cmap = font.getBestCmap()
    text = html_lib.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", "", html, flags=re.S))
    missing = sorted({c for c in text if c.isprintable() and ord(c) not in cmap})
    assert missing == []
    assert any(0x4E00 <= cp <= 0x9FFF for cp in cmap), "no Chinese glyphs"
    # A subset, not the 30 MB collection: glyphs for this page only.
    assert len(cmap) < 2000 and len(_embedded_font(html)) < 3_000_000
    assert "Open Font License" in str(font["name"].getDebugName(13) or "")


PROBE = """<script>
document.fonts.ready.then(() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (family) => { ctx.font = '40px ' + family;
                              return ctx.measureText('SAMPLE').width; };
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({
    embedded: width('"FAMILY"'), missing: width('"No Such Font"'),
    faces: [...document.fonts].map((f) => f.family.replace(/"/g, '') + '=' + f.status),
    h1: getComputedStyle(document.querySelector('h1')).fontFamily});
  document.body.appendChild(out);
});
</script>"""


def test_chinese_renders_with_the_embedded_font_in_chromium(report: Path,
                                                           tmp_path: Path) -> None:
    """This machine (and CI) has no CJK system font: without the embedded font the probe's
    Chinese falls back to .notdef boxes, whose width is not one em per character."""
    html = report.read_text(encoding="utf-8")
    sample = "长三角经济指标报告"
    assert sample in html
    probe = PROBE.replace("SAMPLE", sample).replace("FAMILY", fonts.FAMILY)
    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = dump_dom(page.as_uri(), tmp_path / "profile", budget_ms=5000)
    m = re.search(r'<pre id="probe">(.*?)</pre>', dom, flags=re.S)
    assert m, dom[-2000:]
    got = json.loads(html_lib.unescape(m.group(1)))
    assert f"{fonts.FAMILY}=loaded" in got["faces"], got
    assert got["h1"].startswith(f'"{fonts.FAMILY}"'), got
    # CJK ideographs in Noto Sans CJK are one em wide: 9 characters at 40 px.
    assert got["embedded"] == pytest.approx(40 * len(sample), abs=1), got
