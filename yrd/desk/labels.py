"""Readable names and units for the warehouse's columns, in Chinese and English.

Money is stored in yuan (CNY) or, in columns named *_100m_yuan, in 亿元 (1e8 yuan). People
read it in 亿元 or in billion yuan: `MoneyUnit` converts and names the unit either way.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from ingest.config import settings
from yrd.desk.column_labels import MORE_COLUMNS

# Kinds of quantity a column holds; "money" and "money_100m" can be converted.
MONEY = "money"  # yuan
MONEY_100M = "money_100m"  # 亿元


@dataclass(frozen=True)
class MoneyUnit:
    key: str
    zh: str
    en: str
    yuan: float  # how many yuan one unit is
    suffix: str  # for machine-readable column names

    def label(self, lang: str = "both") -> str:
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        return self.zh if self.zh == self.en else f"{self.zh}, {self.en}"


@cache
def _yuan_per(surface_form: str) -> float:
    """Multipliers come from seeds/units.csv, the warehouse's one home for units."""
    with (settings().project_root / "seeds" / "units.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if (row["surface_form"] == surface_form and row["kind"] == "unit"
                    and row["base_unit"] == "CNY"):
                return float(row["multiplier"])
    raise KeyError(f"{surface_form!r} is not a CNY unit in seeds/units.csv")


MONEY_UNITS: dict[str, MoneyUnit] = {
    "亿元": MoneyUnit("亿元", "亿元", "100 million yuan", _yuan_per("亿元"), "100m_yuan"),
    "billion yuan": MoneyUnit("billion yuan", "十亿元", "billion yuan",
                              _yuan_per("billion yuan"), "billion_yuan"),
    "yuan": MoneyUnit("yuan", "元", "yuan", _yuan_per("元"), "yuan"),
    "万元": MoneyUnit("万元", "万元", "10 thousand yuan", _yuan_per("万元"), "10k_yuan"),
}
# The money units of the models' yml (`meta: {unit: ...}`), by code.
MONEY_UNITS_BY_CODE: dict[str, MoneyUnit] = {
    "CNY": MONEY_UNITS["yuan"], "亿元": MONEY_UNITS["亿元"]}
MONEY_ALIASES = {
    "亿元": "亿元", "yi": "亿元", "100m": "亿元", "1e8": "亿元", "100 million yuan": "亿元",
    "billion yuan": "billion yuan", "billion": "billion yuan", "bn": "billion yuan",
    "1e9": "billion yuan", "十亿元": "billion yuan",
    "yuan": "yuan", "元": "yuan", "cny": "yuan",
    "万元": "万元", "wan": "万元", "10k": "万元",
}


def money_unit(name: str) -> MoneyUnit:
    key = MONEY_ALIASES.get(name.strip().lower(), MONEY_ALIASES.get(name.strip()))
    if key is None:
        raise ValueError(f"unknown money unit {name!r}; use one of: 亿元, billion yuan, yuan, 万元")
    return MONEY_UNITS[key]


@dataclass(frozen=True)
class Label:
    en: str
    zh: str
    unit_en: str = ""
    unit_zh: str = ""
    kind: str = ""  # MONEY, MONEY_100M, or "" for anything that is not converted
    # A column that repeats another one in another unit (gdp_100m_yuan repeats gdp).
    repeats: str = ""

    def text(self, lang: str = "both", money: MoneyUnit | None = None) -> str:
        if lang == "zh":
            name = self.zh or self.en
        elif lang == "en":
            name = self.en
        else:
            name = f"{self.en} {self.zh}" if self.zh else self.en
        unit = self.unit(lang, money)
        return f"{name} ({unit})" if unit else name

    def unit(self, lang: str = "both", money: MoneyUnit | None = None) -> str:
        if self.kind in (MONEY, MONEY_100M):
            chosen = money or (MONEY_UNITS["yuan"] if self.kind == MONEY else MONEY_UNITS["亿元"])
            return chosen.label(lang)
        if lang == "zh":
            return self.unit_zh or self.unit_en
        if lang == "en":
            return self.unit_en
        if self.unit_zh and self.unit_zh != self.unit_en:
            return f"{self.unit_en} {self.unit_zh}" if self.unit_en else self.unit_zh
        return self.unit_en


def _l(en: str, zh: str, unit_en: str = "", unit_zh: str = "", kind: str = "",
       repeats: str = "") -> Label:
    return Label(en, zh, unit_en, unit_zh, kind, repeats)


PCT = ("%", "%")
PP = ("percentage points", "百分点")
PERSONS = ("persons", "人")
BY_MONEY_UNIT = ("yuan; with --unit: see money_unit", "元；换算时见金额单位列")

COLUMNS: dict[str, Label] = {
    # places
    "place_code": _l("Place code", "行政区划代码"),
    "name_zh": _l("Name (Chinese)", "中文名称"),
    "name_en": _l("Name (English)", "英文名称"),
    "name_zh_hant": _l("Name (traditional Chinese)", "繁体名称"),
    "place_name_zh": _l("Place (Chinese)", "地区"),
    "place_name_en": _l("Place (English)", "地区英文名"),
    "province_code": _l("Province code", "省级代码"),
    "province_name_en": _l("Province", "省份英文名"),
    "province_name_zh": _l("Province (Chinese)", "省份"),
    "comparison_group": _l("Comparison group", "比较组"),
    "level": _l("Administrative level", "行政级别"),
    "division_type": _l("Division type", "区划类型"),
    "yrd_central_area": _l("In the YRD central area", "长三角中心区"),
    "is_yrd_city": _l("One of the 41 YRD cities", "长三角41城"),
    # series keys
    "indicator": _l("Indicator", "指标代码"),
    "indicator_name_zh": _l("Indicator (Chinese)", "指标"),
    "indicator_name_en": _l("Indicator (English)", "指标英文名"),
    "sector": _l("Sector", "行业/范围"),
    "growth_of": _l("Growth or share of", "增速/比重对象"),
    "unit": _l("Unit", "单位"),
    "money_unit": _l("Money unit", "金额单位"),
    "period": _l("Period", "时期"),
    "year": _l("Year", "年份"),
    "value": _l("Value", "数值"),
    "qualifier": _l("Qualifier", "限定词"),
    "source_type": _l("Source type", "来源类型"),
    "source_ref": _l("Source reference", "来源出处"),
    "vintage": _l("Vintage", "版本"),
    "vintage_status": _l("Vintage status", "数据状态"),
    "published_date": _l("Published", "发布日期"),
    "is_suspect": _l("Suspect (quality flags)", "存疑"),
    "quality_flags": _l("Quality flags", "质量标记"),
    # city_comparison
    "gdp": _l("GDP", "地区生产总值", kind=MONEY),
    "gdp_100m_yuan": _l("GDP", "地区生产总值", kind=MONEY_100M, repeats="gdp"),
    "gdp_billion_yuan": _l("GDP", "地区生产总值", "billion yuan", "十亿元", repeats="gdp"),
    "real_gdp_growth_pct": _l("Real GDP growth", "GDP实际增速", *PCT),
    "gdp_per_capita_published": _l("GDP per capita, as published", "人均GDP(公布值)",
                                   kind=MONEY),
    "gdp_per_capita_registered_population": _l(
        "GDP per registered (hukou) resident", "户籍人口人均GDP", kind=MONEY),
    "gdp_per_capita_resident_population": _l(
        "GDP per permanent resident", "常住人口人均GDP", kind=MONEY),
    "registered_population": _l("Registered (hukou) population", "户籍人口", *PERSONS),
    "resident_population": _l("Resident population", "常住人口", *PERSONS),
    "primary_share_pct": _l("Primary industry share of GDP", "第一产业占比", *PCT),
    "secondary_share_pct": _l("Secondary industry share of GDP", "第二产业占比", *PCT),
    "tertiary_share_pct": _l("Tertiary industry share of GDP", "第三产业占比", *PCT),
    "rank": _l("Rank", "排名"),
    "rank_in_yrd": _l("Rank in the YRD (within group)", "长三角排名"),
    "rank_in_province": _l("Rank in province", "省内排名"),
    "places_ranked": _l("Places ranked", "参与排名数"),
    "share_of_province_pct": _l("Share of the province's cities' GDP", "占全省比重", *PCT),
    "share_of_yrd_pct": _l("Share of the 41 cities' GDP", "占长三角比重", *PCT),
    "ratio_to_shanghai": _l("GDP relative to Shanghai", "相当于上海的倍数", "×", "倍"),
    "yrd_cities_reporting": _l("YRD cities reporting", "有数据的城市数"),
    "gdp_source_type": _l("GDP source type", "GDP来源类型"),
    "gdp_observation_id": _l("GDP observation id", "GDP观测编号"),
    "gdp_is_suspect": _l("GDP suspect", "GDP存疑"),
    # analyses
    "nominal_index": _l("Nominal GDP index (base year = 100)", "名义GDP指数(基期=100)"),
    "real_index": _l("Real GDP index (base year = 100)", "实际GDP指数(基期=100)"),
    "nominal_cagr_pct": _l("Nominal GDP, compound annual growth", "名义GDP年均增速", *PCT),
    "base_year": _l("Base year", "基期"),
    "ratio_to_focus": _l("GDP relative to the focus city", "相当于对比城市的倍数", "×", "倍"),
    "rank_among_county_level_cities": _l("Rank among county-level cities", "县级市排名"),
    # targets
    "target_id": _l("Target id", "目标编号"),
    "target_value": _l("Target", "目标值"),
    "baseline_value": _l("Baseline", "基期值"),
    "baseline_period": _l("Baseline period", "基期"),
    "latest_actual_value": _l("Latest actual", "最新实际值"),
    "latest_actual_period": _l("Latest actual period", "最新实际值时期"),
    "horizon": _l("Horizon", "目标期限"),
    "horizon_year": _l("Horizon year", "目标年份"),
    "attainment": _l("Attainment (actual ÷ target)", "完成度", "×", "倍"),
    "attainment_pct": _l("Attainment", "完成度", *PCT),
    "required_annual_growth_pct": _l("Required annual growth", "所需年均增速", *PCT),
    "achieved_annual_growth_pct": _l("Achieved annual growth", "实际年均增速", *PCT),
    "status": _l("Status", "状态"),
    "announced": _l("Announced", "提出日期"),
    "plan": _l("Plan", "规划/文件"),
    # reconciliation and revisions
    "stated_value": _l("Stated value", "报道值"),
    "stated_as_written": _l("As written", "原文"),
    "official_value": _l("Official value", "官方值"),
    "relative_difference": _l("Relative difference", "相对差异", "share", "比例"),
    "difference_pct": _l("Difference from the official figure", "与官方值差异", *PCT),
    "quote": _l("Quote", "原文摘录"),
    "document_id": _l("Document", "文档编号"),
    "official_source_ref": _l("Official source", "官方来源"),
    "from_value": _l("Earlier value", "修订前"),
    "to_value": _l("Revised value", "修订后"),
    "change": _l("Change", "变化"),
    "change_pct": _l("Change", "变化率", *PCT),
    "from_vintage": _l("Earlier vintage", "修订前版本"),
    "to_vintage": _l("Revised vintage", "修订后版本"),
    "from_published": _l("Earlier published", "修订前发布日期"),
    "to_published": _l("Revised published", "修订后发布日期"),
    "value_cny": _l("Value, nominal yuan", "名义值", *BY_MONEY_UNIT),
    "value_real_cny": _l("Value, constant yuan", "不变价值", *BY_MONEY_UNIT),
}
COLUMNS.update({k: _l(*v) for k, v in MORE_COLUMNS.items()})

# Columns whose money unit is given row by row in a `unit` column (long tables).
UNIT_COLUMN_VALUES = (
    "value", "target_value", "baseline_value", "latest_actual_value", "stated_value",
    "official_value", "from_value", "to_value", "change", "min_candidate_value",
    "max_candidate_value",
)

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("Achieved", "已完成"),
    "on_track": ("On track", "进度正常"),
    "behind": ("Behind", "进度落后"),
    "missed": ("Missed", "未完成"),
    "no_actual_yet": ("No actual yet", "暂无实际值"),
    "consistent": ("Consistent", "一致"),
    "conflict": ("Conflict", "冲突"),
    "no_official_figure": ("No official figure", "无官方数据"),
}


PER_PERSON = ("yuan per person", "元/人")


def label_for(column: str, indicators: dict[str, tuple[str, str]] | None = None,
              model: str | None = None) -> Label:
    """The label of a column: the map above, else an indicator's names, else the name.
    Whether it is money, and per person or a total, comes from the models' yml."""
    from yrd.desk import column_meta as CM

    if column in COLUMNS:
        lab = COLUMNS[column]
    elif indicators and column in indicators:
        en, zh = indicators[column]
        lab = Label(en, zh)
    else:
        lab = Label(column.replace("_", " ").capitalize(), "")
    meta = CM.lookup(column, model)
    if meta is None:
        return lab
    if meta.kind == CM.MONEY_PER_PERSON:
        return Label(lab.en, lab.zh, *PER_PERSON, kind="", repeats=lab.repeats)
    if meta.kind == CM.MONEY_TOTAL and meta.unit in ("CNY", "亿元"):
        return Label(lab.en, lab.zh, kind=MONEY if meta.unit == "CNY" else MONEY_100M,
                     repeats=meta.repeats)
    return lab


def both(zh: str | None, en: str | None, lang: str = "both") -> str:
    """A name as people write it: 苏州市 Suzhou, or one language only."""
    zh, en = zh or "", en or ""
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en or zh
    return f"{zh} {en}".strip() if zh != en else zh
