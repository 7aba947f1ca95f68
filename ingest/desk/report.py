"""`yrd report`: one self-contained HTML file with the charts an economist draws by hand.

Inline CSS and inline SVG only: the file opens from disk with no network and no script.
Sections: GDP ranking of the 41 YRD cities (or of the cities reporting, with their count);
coverage of the 41 cities' GDP by year and vintage; a chosen city against its peers and its
province; GDP per capita under two population concepts; targets and their progress
(marts.targets_vs_actuals, when the warehouse has it); press figures that conflict with
official ones (marts.figure_conflicts, when present).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape, unescape
from pathlib import Path
from typing import Any

import duckdb

from ingest.desk import charts as C
from ingest.desk import fonts
from ingest.desk import labels as L
from ingest.desk.coverage import coverage_section
from ingest.desk.queries import BuildInfo, build_info, relation_exists

DEFAULT_CITY = "320500"  # Suzhou
CITY_GROUP = "city"
YRD_CITIES = 41


class ReportError(ValueError):
    pass


@dataclass
class ReportOptions:
    city: str = DEFAULT_CITY
    year: int | None = None
    lang: str = "both"  # zh, en or both
    money: str = "亿元"
    since: int = 2000
    warehouse: str = ""


class Text:
    """Bilingual strings: both languages, or the one chosen."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, zh: str, en: str, sep: str = " · ") -> str:
        if self.lang == "zh":
            return zh
        if self.lang == "en":
            return en
        return f"{zh}{sep}{en}"

    def name(self, zh: str | None, en: str | None) -> str:
        return L.both(zh, en, self.lang)

    def unit(self, money: L.MoneyUnit) -> tuple[str, str]:
        """(Chinese, English) names of a money unit: 亿元 / 100 million yuan."""
        return money.zh, money.en


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
          ) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def latest_complete_year(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(
        "select max(year) from marts.city_comparison "
        "where comparison_group = 'city' and places_ranked = ?", [YRD_CITIES]).fetchone()
    if not row or row[0] is None:
        raise ReportError("marts.city_comparison has no year in which all 41 cities report")
    return int(row[0])


def _figure(anchor: str, title: str, svg: str, caption: str, notes: list[str]) -> str:
    note_html = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return (f'<section class="figure" id="{anchor}"><h2>{escape(title)}</h2>'
            f'<p class="caption">{escape(caption)}</p><div class="plot">{svg}</div>'
            f'<ul class="notes">{note_html}</ul></section>')


def _source_note(t: Text, marts: list[str], build: BuildInfo) -> str:
    return (t("来源", "Source", " ") + ": " + ", ".join(marts) + " · "
            + t("构建批次", "build run", " ") + f" {build.run_id}")


PROVINCE_NAMES = {"310000": ("上海", "Shanghai"), "320000": ("江苏", "Jiangsu"),
                  "330000": ("浙江", "Zhejiang"), "340000": ("安徽", "Anhui")}


def _province_legend(t: Text, rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    codes = sorted({r["province_code"] for r in rows})
    return [(t(*PROVINCE_NAMES.get(code, (code, code)), sep=" "),
             C.PROVINCE_COLOURS.get(code, C.PALETTE[0])) for code in codes]


def ranking_section(con: duckdb.DuckDBPyConnection, opts: ReportOptions, t: Text, year: int,
                    build: BuildInfo) -> str:
    money = L.money_unit(opts.money)
    rows = _rows(con, """
        select c.place_code, c.name_zh, c.display_name_en as name_en, c.province_code, c.gdp,
               c.rank_among_reporting, c.share_of_reporting_pct, c.real_gdp_growth_pct,
               p.province_name_zh
        from marts.city_comparison as c
        left join marts.dim_place as p on c.place_code = p.place_code
        where c.comparison_group = 'city' and c.year = ?
        order by c.rank_among_reporting, c.place_code""", [year])
    if not rows:
        raise ReportError(f"no GDP ranking for {year} in marts.city_comparison")
    # In a year where not all 41 cities report, ranks and shares are among the reporting
    # cities, and the text says how many: never "the 41 cities".
    n = len(rows)
    bars = [C.Bar(label=f'{r["rank_among_reporting"]}. {t.name(r["name_zh"], r["name_en"])}',
                  value=r["gdp"] / money.yuan,
                  colour=C.place_colour(r["province_code"]), place=r["place_code"],
                  note=f'{r["share_of_reporting_pct"]:.1f}%'
                  if r["share_of_reporting_pct"] else "",
                  emphasis=r["place_code"] == opts.city) for r in rows]
    legend = _province_legend(t, rows)
    uz, ue = t.unit(money)
    title = t(f"{year}年长三角41城地区生产总值排名", f"GDP ranking of the 41 YRD cities, {year}") \
        if n >= YRD_CITIES else \
        t(f"{year}年长三角有数据的{n}个城市（共41城）地区生产总值排名",
          f"GDP ranking of the {n} YRD cities reporting (of 41), {year}")
    svg = C.bar_chart(bars, title=title, x_label=t(f"地区生产总值（{uz}，当年价）",
                                                   f"GDP ({ue}, current prices)", " / "),
                      legend=legend, label_width=230 if t.lang == "both" else 150,
                      digits=0 if money.yuan <= 1e8 else 1)
    total = sum(r["gdp"] for r in rows) / money.yuan
    caption = t(f"上海与40个地级市，按当年价GDP由高到低排列；条形末端为数值和占41城合计的比重。"
                f"41城合计 {total:,.0f} {uz}。",
                f"Shanghai and the 40 prefecture-level cities by nominal GDP; each bar ends "
                f"with the value and the share of the 41 cities' total ({total:,.0f} {ue}).",
                " ") if n >= YRD_CITIES else \
        t(f"{year}年只有{n}个城市有GDP数据：排名与比重均在这{n}个城市之间计算，"
          f"不是长三角41城的排名；它们合计 {total:,.0f} {uz}。",
          f"Only {n} of the 41 cities have a GDP figure for {year}: ranks and shares are "
          f"among these {n} reporting cities (their total {total:,.0f} {ue}), not the YRD's.",
          " ")
    notes = [_source_note(t, ["marts.city_comparison", "marts.dim_place"], build),
             t("同一指标的多个来源按 fct_current_values 的规则取现行值。",
               "Where sources differ, the current value follows the rule of "
               "fct_current_values (precedence, vintage, publication date).")]
    return _figure("ranking", title, svg, caption, notes)


def resolve_city(con: duckdb.DuckDBPyConnection, city: str) -> tuple[str, str]:
    """(place code, comparison group) of a city given by code or by name (苏州市, Kunshan)."""
    rows = con.execute("""
        select distinct p.place_code, p.comparison_group, p.name_zh, p.display_name_en as name_en
        from marts.dim_place as p
        inner join marts.city_comparison as c on p.place_code = c.place_code
        where ? in (p.place_code, p.name_zh, p.name_zh_short, lower(p.name_en))
        order by p.place_code""", [city.strip().lower() if city.isascii() else city.strip()
                                   ]).fetchall()
    if not rows:
        raise ReportError(f"--city {city}: not a city with GDP figures in marts.city_comparison "
                          "(a place code such as 320500, or a name such as 苏州市 or Kunshan)")
    if len(rows) > 1:
        options = ", ".join(f"{r[0]} {r[2]} {r[3]}" for r in rows)
        raise ReportError(f"--city {city} is ambiguous: {options}; give the place code")
    return rows[0][0], rows[0][1]


def _series(con: duckdb.DuckDBPyConnection, since: int, until: int, group: str = CITY_GROUP
            ) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(con, """
            select place_code, name_zh, display_name_en as name_en, province_code, year, gdp,
                   real_gdp_growth_pct, share_of_province_pct, rank_in_yrd, rank_in_province,
                   rank_among_reporting, places_ranked, rank_in_province_among_reporting
            from marts.city_comparison
            where comparison_group = ? and year between ? and ?
            order by place_code, year""", [group, since, until]):
        out[r["place_code"]].append(r)
    return out


def city_sections(con: duckdb.DuckDBPyConnection, opts: ReportOptions, t: Text, year: int,
                  build: BuildInfo) -> str:
    money = L.money_unit(opts.money)
    uz, ue = t.unit(money)
    code, group = resolve_city(con, opts.city)
    opts.city = code
    series = _series(con, opts.since, year, group)
    if opts.city not in series:
        raise ReportError(f"--city {opts.city}: no GDP figures from {opts.since} to {year}")
    mine = series[opts.city]
    group_zh, group_en = ("县级市", "county-level cities") if group != CITY_GROUP else \
        ("城市", "cities")
    me = next((r for r in mine if r["year"] == year), mine[-1])
    city_name = t.name(me["name_zh"], me["name_en"])
    prov = me["province_code"]
    province_rows = _rows(con, "select name_zh, name_en from marts.dim_place where place_code = ?",
                          [prov])
    prov_name = t.name(province_rows[0]["name_zh"], province_rows[0]["name_en"]) if \
        province_rows else prov
    # Peers: the cities next to it in the YRD ranking of the report year.
    latest = {c: next((r for r in rows if r["year"] == me["year"]), None)
              for c, rows in series.items()}
    ranking = sorted((r["rank_among_reporting"], c) for c, r in latest.items() if r is not None)
    order = [code for _, code in ranking]
    i = order.index(opts.city) if opts.city in order else 0
    lo = max(0, min(i - 2, len(order) - 5))
    peers = [c for c in order[lo:lo + 5] if c != opts.city]
    same_province = [c for c, rows in series.items()
                     if rows[0]["province_code"] == prov and c != opts.city and c not in peers]
    lines: list[C.Line] = []
    for code in same_province:
        rows = series[code]
        lines.append(C.Line(t.name(rows[-1]["name_zh"], rows[-1]["name_en"]),
                            [(r["year"], r["gdp"] / money.yuan) for r in rows],
                            colour=C.place_colour(rows[-1]["province_code"]), width=1.0,
                            label_end=False, place=code, opacity=0.35))
    for k, code in enumerate(peers):
        rows = series[code]
        lines.append(C.Line(t.name(rows[-1]["name_zh"], rows[-1]["name_en"]),
                            [(r["year"], r["gdp"] / money.yuan) for r in rows],
                            colour=C.place_colour(rows[-1]["province_code"]), width=1.6,
                            dash=PEER_DASHES[k % len(PEER_DASHES)], place=code))
    lines.append(C.Line(city_name, [(r["year"], r["gdp"] / money.yuan) for r in mine],
                        colour=C.place_colour(prov), width=3.0, emphasis=True,
                        place=opts.city))
    title = t(f"{me['name_zh']}与同级城市的地区生产总值，{opts.since}–{year}年",
              f"GDP of {me['name_en']} against its peers, {opts.since}–{year}")
    svg = C.line_chart(C.LineChart(title=title, y_label=t(f"GDP（{uz}）", f"({ue})", " "),
                                   x_label=t("年份", "Year", " / "), lines=lines))
    caption = t(f"粗线：{me['name_zh']}；虚线：{year}年排名相邻的{group_zh}；"
                f"浅色细线：{prov_name}其他{group_zh}。颜色表示省份。当年价，未扣除价格因素。",
                f"Thick line: {me['name_en']}; dashed: the {group_en} next to it in the "
                f"{year} ranking; pale thin lines: the other {group_en} of {prov_name}. "
                "Colours are provinces. Current prices.", " ")
    notes = [_source_note(t, ["marts.city_comparison"], build)]
    if me["rank_among_reporting"]:
        n_rank = me["places_ranked"]
        notes.insert(0, t(
            f"{year}年：{me['name_zh']} GDP {me['gdp'] / money.yuan:,.0f} {uz}，"
            f"在长三角有数据的{n_rank}个{group_zh}中第{me['rank_among_reporting']}位，"
            f"省内第{me['rank_in_province_among_reporting']}位。",
            f"{year}: GDP of {me['name_en']} {me['gdp'] / money.yuan:,.0f} {ue}, "
            f"rank {me['rank_among_reporting']} of {n_rank} among the YRD {group_en} with "
            f"figures and {me['rank_in_province_among_reporting']} in its province.",
            " "))
        if group == CITY_GROUP and me["share_of_province_pct"]:
            notes.insert(1, t(f"占全省各市GDP合计的{me['share_of_province_pct']:.1f}%。",
                              f"{me['share_of_province_pct']:.1f}% of the GDP of the cities "
                              "of its province.", " "))
    levels = _figure("city", title, svg, caption, notes)

    # Real growth against the province's cities: median line and min–max band.
    by_year: dict[int, list[float]] = defaultdict(list)
    for code, rows in series.items():
        if rows[0]["province_code"] != prov or code == opts.city:
            continue
        for r in rows:
            if r["real_gdp_growth_pct"] is not None:
                by_year[r["year"]].append(r["real_gdp_growth_pct"])
    years = sorted(y for y, v in by_year.items() if len(v) >= 2)
    pz, pe = (province_rows[0]["name_zh"], province_rows[0]["name_en"]) if province_rows \
        else (prov, prov)
    band = C.Band(t(f"{pz}其他{group_zh}（最低–最高）", f"other {group_en} of {pe} (min–max)"),
                  [(y, min(by_year[y])) for y in years], [(y, max(by_year[y])) for y in years])
    growth_lines = [
        C.Line(t(f"{pz}中位数", f"{pe} median", " "),
               [(y, statistics.median(by_year[y])) for y in years], colour="#52606d",
               width=1.5, dash="4 3"),
        C.Line(city_name, [(r["year"], r["real_gdp_growth_pct"]) for r in mine
                           if r["real_gdp_growth_pct"] is not None],
               colour=C.place_colour(prov), width=3.0, emphasis=True, place=opts.city),
    ]
    g_title = t(f"{me['name_zh']}与{pz}其他{group_zh}的GDP实际增速",
                f"Real GDP growth of {me['name_en']} against its province's {group_en}")
    g_svg = C.line_chart(C.LineChart(
        title=g_title, y_label=t("实际增速（%）", "Real growth (%)", " "),
        x_label=t("年份", "Year", " / "), lines=growth_lines, bands=[band] if years else [],
        y_zero=False, zero_line=True))
    # The caption describes what is drawn: the band and median need two other places with
    # published growth in a year, which county-level cities often lack.
    g_caption = t("按可比价格计算的同比增速（公布值，不由名义值推算）；"
                  + (f"阴影为省内其他{group_zh}的范围，虚线为其中位数。" if years else
                     f"省内其他{group_zh}公布增速的不足两个，未画范围与中位数。"),
                  "Year-on-year growth at comparable prices as published (never derived from "
                  "nominal levels); "
                  + (f"the shaded band spans the province's other {group_en}, the dashed line "
                     "is their median." if years else
                     f"fewer than two other {group_en} of the province publish it, so no band "
                     "or median is drawn."), " ")
    growth = _figure("growth", g_title, g_svg, g_caption,
                     [_source_note(t, ["marts.city_comparison"], build)])
    return levels + growth


def per_capita_section(con: duckdb.DuckDBPyConnection, opts: ReportOptions, t: Text, year: int,
                       build: BuildInfo) -> str:
    rows = _rows(con, """
        select place_code, name_zh, display_name_en as name_en, province_code,
            gdp_per_capita_published,
               gdp_per_capita_registered_population
        from marts.city_comparison
        where comparison_group = 'city' and year = ?
        order by gdp_per_capita_published desc nulls last,
                 gdp_per_capita_registered_population desc nulls last""", [year])
    bars = [C.Bar(label=t.name(r["name_zh"], r["name_en"]),
                  value=r["gdp_per_capita_published"],
                  secondary=r["gdp_per_capita_registered_population"],
                  colour=C.place_colour(r["province_code"]), place=r["place_code"],
                  emphasis=r["place_code"] == opts.city) for r in rows]
    title = t(f"{year}年长三角41城人均地区生产总值",
              f"GDP per capita of the 41 YRD cities, {year}") if len(rows) >= YRD_CITIES else \
        t(f"{year}年长三角有数据的{len(rows)}个城市（共41城）人均地区生产总值",
          f"GDP per capita of the {len(rows)} YRD cities reporting (of 41), {year}")
    svg = C.bar_chart(bars, title=title,
                      x_label=t("人均GDP（元）", "GDP per capita (yuan)", " / "),
                      primary_label=t("粗条：公布值（按常住人口）",
                                      "thick bar: published, per resident", " / "),
                      secondary_label=t("细条：GDP ÷ 户籍人口",
                                        "thin bar: GDP ÷ registered population", " / "),
                      legend=_province_legend(t, rows),
                      label_width=200 if t.lang == "both" else 130, row_height=22, digits=0)
    caption = t("人口口径不同，数值不同：统计部门公布的人均GDP以常住人口（含外来常住人口）为分母；"
                "深色细条以户籍人口为分母，外来人口多的城市因此偏高。颜色表示省份。",
                "The population concept matters: the published figure divides by the resident "
                "population (常住人口, including migrants who live there); the thin dark bar "
                "divides GDP by the registered (hukou, 户籍) population, which overstates "
                "output per head in cities with many migrants. Colours are provinces.", " ")
    notes = [_source_note(t, ["marts.city_comparison"], build),
             t("户籍人口为年末数（统计年鉴 Eect01）。",
               "Registered population is the year-end figure (yearbook field Eect01).")]
    return _figure("per-capita", title, svg, caption, notes)


PEER_DASHES = ("5 3", "2 2", "8 3 2 3", "1 3")

STATUS_COLOURS = {"achieved": "#1e9e6a", "on_track": "#1f6fb2", "behind": "#d48a06",
                  "missed": "#c0392b", "no_actual_yet": "#7b8794"}


def _money_scale(v: float, money: L.MoneyUnit) -> L.MoneyUnit:
    """The unit a figure reads best in: the chosen one unless the figure is under one of
    it (30,000,000 yuan is 3,000 万元, not "0 亿元"); then 万元, then yuan."""
    for unit in (money, L.MONEY_UNITS["万元"], L.MONEY_UNITS["yuan"]):
        if unit.yuan <= money.yuan and abs(v) >= unit.yuan:
            return unit
    return L.MONEY_UNITS["yuan"]


def _fmt_value(v: float | None, unit: str | None, money: L.MoneyUnit, t: Text,
               subject: str | None = None) -> str:
    """A figure with its unit; counts name what is counted (the target's subject)."""
    if v is None:
        return "—"
    if unit == "CNY":
        scale = _money_scale(v, money)
        unit_name = scale.en if t.lang == "en" else scale.zh
        shown = v / scale.yuan
        digits = 0 if abs(shown) >= 100 or float(shown).is_integer() else 2
        return f"{shown:,.{digits}f} {unit_name}"
    if unit == "percent":
        return f"{v:,.2f}%"
    number = f"{v:,.0f}" if float(v).is_integer() else C.fmt_number(v)
    counted = subject or t("个", "items", " ")
    shown = {"count": counted, "m2": t("平方米", "m²", " "),
             "persons": t("人", "persons", " ")}.get(unit or "", unit)
    return f"{number} {shown or ''}".strip()


def targets_section(con: duckdb.DuckDBPyConnection, opts: ReportOptions, t: Text,
                    build: BuildInfo) -> str:
    title = t("发展目标与进展", "Targets and their progress")
    if not relation_exists(con, "marts.targets_vs_actuals"):
        return (f'<section class="figure" id="targets"><h2>{escape(title)}</h2>'
                f'<p class="note-box">{escape(t("此版本的数据仓库尚无 marts.targets_vs_actuals。", "This warehouse has no marts.targets_vs_actuals yet; targets appear here once it does.", " "))}'  # noqa: E501
                "</p></section>")
    money = L.money_unit(opts.money)
    rows = _rows(con, """
        select t.*, i.name_zh as indicator_name_zh, i.name_en as indicator_name_en
        from marts.targets_vs_actuals as t
        left join marts.dim_indicator as i on t.indicator = i.indicator
        order by t.horizon_year nulls last, t.place_code, t.indicator, t.target_id""")
    counts: dict[str, int] = defaultdict(int)
    body = []
    for r in rows:
        status = r.get("status") or "no_actual_yet"
        counts[status] += 1
        en, zh = L.STATUS_LABELS.get(status, (status, status))
        colour = STATUS_COLOURS.get(status, "#7b8794")
        what = t.name(r.get("indicator_name_zh"), r.get("indicator_name_en") or r["indicator"])
        if r.get("sector"):
            what += f" · {r['sector']}"
        qualifier = {"gt": "> ", "ge": "≥ ", "lt": "< ", "le": "≤ "}.get(r.get("qualifier") or "",
                                                                       "")
        place_en = r.get("place_display_name_en") or r.get("place_name_en")
        bar = C.progress_bar(r.get("attainment"), width=160, colour=colour,
                             label=f"{what}: {status}")
        body.append(
            "<tr>"
            f"<td>{escape(t.name(r.get('place_name_zh'), place_en))}</td>"
            f"<td>{escape(what)}</td>"
            f"<td class=num>{escape(str(r.get('horizon') or ''))}</td>"
            f"<td class=num>{escape(qualifier + _fmt_value(r.get('target_value'), r.get('unit'), money, t, r.get('subject')))}</td>"  # noqa: E501
            f"<td class=num>{escape(_fmt_value(r.get('latest_actual_value'), r.get('unit'), money, t, r.get('subject')))}"  # noqa: E501
            f"<br><small>{escape(str(r.get('latest_actual_period') or ''))}</small></td>"
            f"<td>{bar}</td>"
            f'<td><span class="badge" style="background:{colour}">'
            f"{escape(t(zh, en, ' '))}</span></td>"
            f"<td><small>{escape(str(r.get('plan') or r.get('source_ref') or ''))}</small></td>"
            "</tr>")
    head = "".join(f"<th>{escape(h)}</th>" for h in (
        t("地区", "Place"), t("指标", "Indicator"), t("期限", "Horizon"), t("目标", "Target"),
        t("最新实际值", "Latest actual"), t("完成度", "Attainment"), t("状态", "Status"),
        t("出处", "Source")))
    summary = " · ".join(f'{t(*reversed(L.STATUS_LABELS.get(s, (s, s))), sep=" ")}: {n}'
                         for s, n in sorted(counts.items()))
    caption = t("完成度 = 最新实际值 ÷ 目标值；进度条封顶于100%。",
                "Attainment = latest actual ÷ target; bars are capped at 100%.", " ")
    return (f'<section class="figure" id="targets"><h2>{escape(title)}</h2>'
            f'<p class="caption">{escape(caption)} {escape(summary)}</p>'
            f'<table class="targets"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}'
            f'</tbody></table><ul class="notes"><li>'
            f'{escape(_source_note(t, ["marts.targets_vs_actuals", "marts.dim_indicator"], build))}'
            "</li></ul></section>")


def conflicts_section(con: duckdb.DuckDBPyConnection, t: Text, build: BuildInfo) -> str:
    if not relation_exists(con, "marts.figure_conflicts"):
        return ""
    rows = _rows(con, """
        select f.*, p.name_zh, p.display_name_en as name_en
        from marts.figure_conflicts as f
        left join marts.dim_place as p on f.place_code = p.place_code
        order by abs(f.relative_difference) desc nulls last limit 15""")
    title = t("与官方数据冲突的报道数字", "Press figures in conflict with official figures")
    if not rows:
        return (f'<section class="figure" id="conflicts"><h2>{escape(title)}</h2>'
                f'<p class="caption">{escape(t("没有冲突。", "No conflicts.", " "))}</p></section>')
    body = "".join(
        "<tr>"
        f"<td>{escape(t.name(r.get('name_zh'), r.get('name_en')))}</td>"
        f"<td>{escape(str(r.get('indicator')))} {escape(str(r.get('sector') or ''))}</td>"
        f"<td class=num>{escape(str(r.get('period')))}</td>"
        f"<td class=num>{escape(str(r.get('stated_as_written') or r.get('stated_value')))}</td>"
        f"<td class=num>{escape(C.fmt_number(r['official_value']) if r.get('official_value') is not None else '—')} {escape(str(r.get('unit') or ''))}</td>"  # noqa: E501
        f"<td class=num>{100 * (r.get('relative_difference') or 0):+.1f}%</td>"
        f"<td><small>{escape(str(r.get('quote') or '')[:160])}</small></td>"
        "</tr>" for r in rows)
    head = "".join(f"<th>{escape(h)}</th>" for h in (
        t("地区", "Place"), t("指标", "Indicator"), t("时期", "Period"), t("报道", "Stated"),
        t("官方", "Official"), t("差异", "Difference"), t("原文", "Quote")))
    return (f'<section class="figure" id="conflicts"><h2>{escape(title)}</h2>'
            f'<table class="targets"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            f'<ul class="notes"><li>{escape(_source_note(t, ["marts.figure_conflicts"], build))}'
            "</li></ul></section>")


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
            _source_note(t, ["marts.coverage", "marts.dim_place"], build), _figure))
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
