"""`yrd report`: one self-contained HTML file with the charts an economist draws by hand.

Inline CSS and inline SVG only: the file opens from disk with no network and no script.
Sections: GDP ranking of the 41 YRD cities (or of the cities reporting, with their count);
coverage of the 41 cities' GDP by year and vintage; a chosen city against its peers and its
province; GDP per capita under two population concepts; targets and their progress
(marts.targets_vs_actuals, when the warehouse has it); press figures that conflict with
official ones (marts.figure_conflicts, when present).

This module assembles the page; report_common holds what sections share, report_gdp the
GDP figures, report_tables the targets and conflicts tables.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape, unescape
from pathlib import Path

import duckdb

from yrd.desk import charts as C
from yrd.desk import fonts
from yrd.desk import labels as L
from yrd.desk.coverage import coverage_section
from yrd.desk.queries import build_info, relation_exists
from yrd.desk.report_common import (
    DEFAULT_CITY,
    YRD_CITIES,
    ReportError,
    ReportOptions,
    Text,
    figure,
    latest_complete_year,
    source_note,
)
from yrd.desk.report_gdp import city_sections, per_capita_section, ranking_section
from yrd.desk.report_tables import conflicts_section, targets_section

__all__ = ["DEFAULT_CITY", "ReportError", "ReportOptions", "render_report", "write_report"]

CSS = """
:root { --ink:#1f2933; --muted:#52606d; --line:#d9e2ec; --accent:#1f3a5f; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6f8; color: var(--ink);
  font-family: FONT; font-size: 15px; line-height: 1.5; }
header { background: var(--accent); color: #fff; padding: 28px 40px 22px; }
header h1 { margin: 0 0 6px; font-size: 26px; font-weight: 700; }
header p { margin: 0; opacity: .85; font-size: 13px; }
nav { padding: 10px 40px; background: #fff; border-bottom: 1px solid var(--line);
  font-size: 14px; }
nav a { margin-right: 18px; color: var(--accent); text-decoration: none; }
main { max-width: 1000px; margin: 0 auto; padding: 20px 24px 40px; }
.figure { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 18px 22px 10px; margin: 18px 0; }
.figure h2 { margin: 0 0 4px; font-size: 19px; }
.caption { margin: 0 0 10px; color: var(--muted); font-size: 13.5px; }
.plot svg { max-width: 100%; height: auto; display: block; }
.notes { margin: 8px 0 4px; padding-left: 18px; color: var(--muted); font-size: 12.5px; }
.kpis { display: flex; gap: 14px; flex-wrap: wrap; margin: 8px 0 0; }
.kpi { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 16px; min-width: 170px; }
.kpi b { display: block; font-size: 21px; }
.kpi span { color: var(--muted); font-size: 12.5px; }
table.targets { border-collapse: collapse; width: 100%; font-size: 13px; }
table.targets th { text-align: left; border-bottom: 2px solid var(--ink); padding: 6px;
  font-size: 12.5px; }
table.targets td { border-bottom: 1px solid var(--line); padding: 6px; vertical-align: middle; }
td.num { text-align: right; white-space: nowrap; }
.badge { color: #fff; border-radius: 10px; padding: 2px 9px; font-size: 12px;
  white-space: nowrap; }
.note-box { background: #fff8e1; border: 1px solid #f0d58c; padding: 10px 14px;
  border-radius: 6px; }
footer { max-width: 1000px; margin: 0 auto 40px; padding: 0 24px; color: var(--muted);
  font-size: 12.5px; }
@media print { body { background: #fff; } .figure { break-inside: avoid; } }
"""


def _kpis(con: duckdb.DuckDBPyConnection, opts: ReportOptions, t: Text, year: int) -> str:
    money = L.money_unit(opts.money)
    row = con.execute("""
        select sum(gdp), count(*), sum(gdp) filter (where yrd_central_area)
        from marts.city_comparison where comparison_group = 'city' and year = ?""",
                      [year]).fetchone()
    total, n, central = row if row else (0, 0, 0)
    uz, ue = t.unit(money)
    complete = n >= YRD_CITIES
    items = [
        (f"{year}", t("最近完整年份", "latest complete year") if complete
         else t("报告年份", "report year")),
        (f"{(total or 0) / money.yuan:,.0f}",
         t(f"41城GDP合计（{uz}）", f"GDP of the 41 cities ({ue})") if complete
         else t(f"有数据的{n}城GDP合计（{uz}）", f"GDP of the {n} cities reporting ({ue})")),
        (f"{100 * (central or 0) / (total or 1):.1f}%", t("中心区27城占比",
                                                          "share of the 27 central-area cities")),
        (f"{n} / {YRD_CITIES}", t("有数据的城市", "cities reporting")),
    ]
    return '<div class="kpis">' + "".join(
        f'<div class="kpi"><b>{escape(v)}</b><span>{escape(k)}</span></div>'
        for v, k in items) + "</div>"


def render_report(con: duckdb.DuckDBPyConnection, opts: ReportOptions) -> str:
    if opts.lang not in ("zh", "en", "both"):
        raise ReportError(f"--lang {opts.lang}: use zh, en or both")
    L.money_unit(opts.money)  # fail early on an unknown unit
    if not relation_exists(con, "marts.city_comparison"):
        raise ReportError("this warehouse has no marts.city_comparison; run `yrd build`")
    t = Text(opts.lang)
    build = build_info(con)
    year = opts.year or latest_complete_year(con)
    sections = [
        ranking_section(con, opts, t, year, build),
        city_sections(con, opts, t, year, build),
        per_capita_section(con, opts, t, year, build),
        targets_section(con, opts, t, build),
        conflicts_section(con, t, build),
    ]
    if relation_exists(con, "marts.coverage"):
        sections.insert(1, coverage_section(
            con, t, year, L.money_unit(opts.money),
            source_note(t, ["marts.coverage", "marts.dim_place"], build), figure))
    nav_items = [("ranking", t("GDP排名", "GDP ranking")),
                 ("coverage", t("数据覆盖", "Coverage")),
                 ("city", t("城市对比", "City and peers")),
                 ("growth", t("实际增速", "Real growth")),
                 ("per-capita", t("人均GDP", "Per capita")),
                 ("targets", t("目标", "Targets"))]
    if "id=\"conflicts\"" in sections[-1]:
        nav_items.append(("conflicts", t("数据冲突", "Conflicts")))
    nav = "".join(f'<a href="#{a}">{escape(s)}</a>' for a, s in nav_items)
    title = t("长三角经济指标报告", "Yangtze River Delta economic indicators", " · ")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    meta = (f"{t('数据仓库', 'Warehouse', ' ')}: {opts.warehouse or '—'} · "
            f"{t('构建批次', 'build run', ' ')}: {build.run_id} ({build.finished_at}) · "
            f"{t('代码版本', 'code', ' ')}: {build.code_version} · "
            f"{t('生成于', 'generated', ' ')}: {generated}")
    lang_attr = "zh-Hans" if opts.lang == "zh" else "en" if opts.lang == "en" else "zh-Hans"
    footer = t(
        "数值为各指标的现行值（marts.fct_current_values）：统计年鉴、公报与报道按来源优先级和版本择优。"
        "GDP为当年价；增速为可比价公布值。代码与数据见项目仓库。",
        "Values are the current values of each series (marts.fct_current_values): yearbook, "
        "communiqués and press reconciled by source precedence and vintage. GDP at current "
        "prices; growth at comparable prices as published.", " ")
    body = (f"<header><h1>{escape(title)}</h1><p>{escape(meta)}</p></header>"
            f"<nav>{nav}</nav><main>{_kpis(con, opts, t, year)}{''.join(sections)}</main>"
            f"<footer><p>{escape(footer)}</p></footer>")
    # The embedded font holds exactly the characters of this page (markup's ASCII included).
    font_face = fonts.font_face_css(unescape(title + body))
    return (f'<!DOCTYPE html><html lang="{lang_attr}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f"<style>{font_face}\n{CSS.replace('FONT', C.FONT)}</style></head><body>"
            f"{body}</body></html>")


def write_report(con: duckdb.DuckDBPyConnection, out: Path, opts: ReportOptions) -> Path:
    html = render_report(con, opts)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out
