"""The report's coverage section: what the warehouse knows of the 41 cities' GDP, one row
per city and one column per year, each cell coloured by the vintage of its current value
(marts.coverage), so a reader sees at once which years rest on which kind of figure."""

from __future__ import annotations

from typing import Any

import duckdb

from yrd.desk import charts as C

# Vintage status of the current value → (colour, Chinese, English).
STATUS_STYLE = {
    "final": ("#1f6fb2", "最终核实", "final verified"),
    "census_revision": ("#123f6b", "经济普查修订", "census revision"),
    "revised": ("#4f97d1", "修订", "revised"),
    "unknown_vintage": ("#9aa5b1", "二手汇编（版本不明）", "compilation, vintage unknown"),
    "preliminary": ("#1e9e6a", "初步核算", "preliminary"),
    "estimate": ("#d48a06", "预计", "estimate"),
    "press": ("#c0392b", "新闻报道", "press figure"),
}
SUSPECT = "#e377c2"


def coverage_section(con: duckdb.DuckDBPyConnection, t: Any, year: int, money: Any,
                     source_note: str, figure: Any) -> str:
    """`t` is the report's Text, `money` its money unit, `figure` its _figure; passed in to
    keep one home for each."""
    uz, ue = t.unit(money)
    unit = ue if t.lang == "en" else uz
    cur = con.execute("""
        select c.place_code, p.name_zh, p.name_en, p.province_code, c.year,
               c.current_value, c.current_vintage_status, c.current_source_type,
               c.current_published_date, c.current_is_suspect, c.sources
        from marts.coverage as c
        inner join marts.dim_place as p on c.place_code = p.place_code
        where p.comparison_group = 'city' and p.is_current and c.indicator = 'gdp'
            and c.unit = 'CNY' and c.growth_of = '' and c.sector = ''
        order by p.province_code, c.place_code, c.year""")
    cols = [d[0] for d in cur.description or []]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    if not rows:
        return ""
    places: dict[str, str] = {}
    for r in rows:
        places.setdefault(r["place_code"], t.name(r["name_zh"], r["name_en"]))
    years = list(range(min(r["year"] for r in rows), max(r["year"] for r in rows) + 1))
    index = {code: i for i, code in enumerate(places)}
    cells: dict[tuple[int, int], C.Cell] = {}
    for r in rows:
        colour = SUSPECT if r["current_is_suspect"] else \
            STATUS_STYLE.get(r["current_vintage_status"], ("#7b8794", "", ""))[0]
        tip = (f"{r['name_en']} {r['year']}: {r['current_value'] / money.yuan:,.2f} {unit} · "
               f"{r['current_vintage_status']} · {r['current_source_type']} · "
               f"{r['current_published_date']} · sources: {r['sources']}")
        cells[(index[r["place_code"]], r["year"] - years[0])] = C.Cell(colour, tip)
    legend = [(t(zh, en, " / "), colour) for colour, zh, en in STATUS_STYLE.values()]
    legend.append((t("有质量标记", "flagged", " / "), SUSPECT))
    title = t("数据覆盖：各城市各年份的地区生产总值，按现行值的版本着色",
              "Coverage: which years have a GDP figure for each YRD city, coloured by the "
              "vintage of the current value")
    svg = C.grid_chart(list(places.values()), years, cells, title=title, legend=legend,
                       label_width=200 if t.lang == "both" else 130)
    reporting = sum(1 for r in rows if r["year"] == year)
    caption = t(f"每行一个城市，每列一年；空白表示仓库没有该年的数值。"
                f"{year}年有{reporting}个城市有数据。",
                f"One row per city, one column per year; a blank cell means the warehouse has "
                f"no value. {reporting} of {len(places)} cities have a figure for {year}.", " ")
    notes = [source_note, t("每个单元格的提示显示数值、版本、来源和发布日期（marts.coverage）。",
                            "Each cell's tooltip gives value, vintage, source and publication "
                            "date (marts.coverage).")]
    return figure("coverage", title, svg, caption, notes)
