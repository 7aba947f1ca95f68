"""The report's GDP figures: the ranking, a city against its peers and province, per capita."""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

import duckdb

from yrd.desk import charts as C
from yrd.desk import labels as L
from yrd.desk import line_chart as LC
from yrd.desk.queries import BuildInfo
from yrd.desk.report_common import (
    CITY_GROUP,
    YRD_CITIES,
    ReportError,
    ReportOptions,
    Text,
    fetch_rows,
    figure,
    province_legend,
    source_note,
)

PEER_DASHES = ("5 3", "2 2", "8 3 2 3", "1 3")


def ranking_section(con: duckdb.DuckDBPyConnection, opts: ReportOptions, t: Text, year: int,
                    build: BuildInfo) -> str:
    money = L.money_unit(opts.money)
    rows = fetch_rows(con, """
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
    legend = province_legend(t, rows)
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
    notes = [source_note(t, ["marts.city_comparison", "marts.dim_place"], build),
             t("同一指标的多个来源按 fct_current_values 的规则取现行值。",
               "Where sources differ, the current value follows the rule of "
               "fct_current_values (precedence, vintage, publication date).")]
    return figure("ranking", title, svg, caption, notes)


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
    for r in fetch_rows(con, """
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
    province_rows = fetch_rows(
        con, "select name_zh, name_en from marts.dim_place where place_code = ?", [prov])
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
    lines: list[LC.Line] = []
    for code in same_province:
        rows = series[code]
        lines.append(LC.Line(t.name(rows[-1]["name_zh"], rows[-1]["name_en"]),
                            [(r["year"], r["gdp"] / money.yuan) for r in rows],
                            colour=C.place_colour(rows[-1]["province_code"]), width=1.0,
                            label_end=False, place=code, opacity=0.35))
    for k, code in enumerate(peers):
        rows = series[code]
        lines.append(LC.Line(t.name(rows[-1]["name_zh"], rows[-1]["name_en"]),
                            [(r["year"], r["gdp"] / money.yuan) for r in rows],
                            colour=C.place_colour(rows[-1]["province_code"]), width=1.6,
                            dash=PEER_DASHES[k % len(PEER_DASHES)], place=code))
    lines.append(LC.Line(city_name, [(r["year"], r["gdp"] / money.yuan) for r in mine],
                        colour=C.place_colour(prov), width=3.0, emphasis=True,
                        place=opts.city))
    title = t(f"{me['name_zh']}与同级城市的地区生产总值，{opts.since}–{year}年",
              f"GDP of {me['name_en']} against its peers, {opts.since}–{year}")
    svg = LC.line_chart(LC.LineChart(title=title, y_label=t(f"GDP（{uz}）", f"({ue})", " "),
                                   x_label=t("年份", "Year", " / "), lines=lines))
    caption = t(f"粗线：{me['name_zh']}；虚线：{year}年排名相邻的{group_zh}；"
                f"浅色细线：{prov_name}其他{group_zh}。颜色表示省份。当年价，未扣除价格因素。",
                f"Thick line: {me['name_en']}; dashed: the {group_en} next to it in the "
                f"{year} ranking; pale thin lines: the other {group_en} of {prov_name}. "
                "Colours are provinces. Current prices.", " ")
    notes = [source_note(t, ["marts.city_comparison"], build)]
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
    levels = figure("city", title, svg, caption, notes)

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
    band = LC.Band(t(f"{pz}其他{group_zh}（最低–最高）", f"other {group_en} of {pe} (min–max)"),
                  [(y, min(by_year[y])) for y in years], [(y, max(by_year[y])) for y in years])
    growth_lines = [
        LC.Line(t(f"{pz}中位数", f"{pe} median", " "),
               [(y, statistics.median(by_year[y])) for y in years], colour="#52606d",
               width=1.5, dash="4 3"),
        LC.Line(city_name, [(r["year"], r["real_gdp_growth_pct"]) for r in mine
                           if r["real_gdp_growth_pct"] is not None],
               colour=C.place_colour(prov), width=3.0, emphasis=True, place=opts.city),
    ]
    g_title = t(f"{me['name_zh']}与{pz}其他{group_zh}的GDP实际增速",
                f"Real GDP growth of {me['name_en']} against its province's {group_en}")
    g_svg = LC.line_chart(LC.LineChart(
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
    growth = figure("growth", g_title, g_svg, g_caption,
                     [source_note(t, ["marts.city_comparison"], build)])
    return levels + growth


def per_capita_section(con: duckdb.DuckDBPyConnection, opts: ReportOptions, t: Text, year: int,
                       build: BuildInfo) -> str:
    rows = fetch_rows(con, """
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
                      legend=province_legend(t, rows),
                      label_width=200 if t.lang == "both" else 130, row_height=22, digits=0)
    caption = t("人口口径不同，数值不同：统计部门公布的人均GDP以常住人口（含外来常住人口）为分母；"
                "深色细条以户籍人口为分母，外来人口多的城市因此偏高。颜色表示省份。",
                "The population concept matters: the published figure divides by the resident "
                "population (常住人口, including migrants who live there); the thin dark bar "
                "divides GDP by the registered (hukou, 户籍) population, which overstates "
                "output per head in cities with many migrants. Colours are provinces.", " ")
    notes = [source_note(t, ["marts.city_comparison"], build),
             t("户籍人口为年末数（统计年鉴 Eect01）。",
               "Registered population is the year-end figure (yearbook field Eect01).")]
    return figure("per-capita", title, svg, caption, notes)
