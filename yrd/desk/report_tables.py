"""The report's tables: targets and their progress, press figures against official ones."""

from __future__ import annotations

from collections import defaultdict
from html import escape

import duckdb

from yrd.desk import charts as C
from yrd.desk import labels as L
from yrd.desk.queries import BuildInfo, relation_exists
from yrd.desk.report_common import ReportOptions, Text, fetch_rows, source_note

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
    rows = fetch_rows(con, """
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
            f'{escape(source_note(t, ["marts.targets_vs_actuals", "marts.dim_indicator"], build))}'
            "</li></ul></section>")


def conflicts_section(con: duckdb.DuckDBPyConnection, t: Text, build: BuildInfo) -> str:
    if not relation_exists(con, "marts.figure_conflicts"):
        return ""
    rows = fetch_rows(con, """
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
            f'<ul class="notes"><li>{escape(source_note(t, ["marts.figure_conflicts"], build))}'
            "</li></ul></section>")
