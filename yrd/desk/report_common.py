"""What every section of `yrd report` shares: options, bilingual text, queries, figure frame."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import duckdb

from yrd.desk import charts as C
from yrd.desk import labels as L
from yrd.desk.queries import BuildInfo

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


def fetch_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
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


def figure(anchor: str, title: str, svg: str, caption: str, notes: list[str]) -> str:
    note_html = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return (f'<section class="figure" id="{anchor}"><h2>{escape(title)}</h2>'
            f'<p class="caption">{escape(caption)}</p><div class="plot">{svg}</div>'
            f'<ul class="notes">{note_html}</ul></section>')


def source_note(t: Text, marts: list[str], build: BuildInfo) -> str:
    return (t("来源", "Source", " ") + ": " + ", ".join(marts) + " · "
            + t("构建批次", "build run", " ") + f" {build.run_id}")


PROVINCE_NAMES = {"310000": ("上海", "Shanghai"), "320000": ("江苏", "Jiangsu"),
                  "330000": ("浙江", "Zhejiang"), "340000": ("安徽", "Anhui")}


def province_legend(t: Text, rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    codes = sorted({r["province_code"] for r in rows})
    return [(t(*PROVINCE_NAMES.get(code, (code, code)), sep=" "),
             C.PROVINCE_COLOURS.get(code, C.PALETTE[0])) for code in codes]
