"""Curate the hand-copied official figures into the project's own data file.

Reads ``../shared/data/figures/official_figures.csv`` (145 figures copied by hand from statistical
communiqués, government sites and news reports) and writes ``data/figures/official_figures.csv``:
one row per source figure (a *level row*, ``of-NNNN``) plus one row per growth rate stated on the
same source row (a *growth row*, ``of-NNNN-g``), with indicator codes, GB/T 2260 place codes,
periods, kinds, qualifiers, surface units and vintages normalised. See data/figures/SOURCE.md.

The source's ``quote_zh`` sentences are not ours: this script never reads them into the output.
Decisions that needed them (qualifier words such as 超 or 突破) are written down below as facts.

Every distinct entity, level, year text, indicator text, unit, value text, growth basis, status,
source kind and reliability grade must have an entry in the tables below; an unknown one stops
the run with the line numbers that need a new entry, so that a changed input is noticed.

Run once by developers, from the project root::

    .venv/bin/python scripts/curate_official_figures.py          # write the data file
    .venv/bin/python scripts/curate_official_figures.py --check  # fail if it is out of date

The product never reads ../shared at run time; the written file is committed.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "figures" / "official_figures.csv"
DEFAULT_OUTPUT = ROOT / "data" / "figures" / "official_figures.csv"
UNITS_SEED = ROOT / "seeds" / "units.csv"
INDICATORS_SEED = ROOT / "seeds" / "indicators.csv"

SOURCE_COLUMNS = [
    "entity", "level", "year", "indicator", "value", "unit", "growth_pct_stated",
    "growth_basis", "status", "source_url", "source_kind", "reliability", "quote_zh", "notes",
]  # fmt: skip

OUTPUT_COLUMNS = [
    "figure_id", "source_line", "entity_as_written", "level_as_written", "level", "place_code",
    "year", "period", "indicator_as_written", "indicator", "sector", "growth_of", "kind",
    "qualifier", "value_as_written", "value", "unit_as_written", "unit", "growth_pct_stated",
    "growth_basis", "status_as_written", "vintage_status", "published", "source_url",
    "source_kind", "reliability", "reliability_rank", "notes", "curation_note",
]  # fmt: skip

GROWTH_NOTE = "growth stated on the same source row"

SIP_NOTE = (
    "development zone (Suzhou Industrial Park), not a county in GB/T 2260 proper; 320571 is the "
    "code the project's division-code tree lists for it (statistical-use code, 71 range for "
    "development zones)"
)

# entity as written -> (place code, name the code carries in the division-code tree, note)
ENTITIES: dict[str, tuple[str, str, str]] = {
    "Shanghai 上海": ("310000", "上海市", ""),
    "Jiangsu 江苏": ("320000", "江苏省", ""),
    "Zhejiang 浙江": ("330000", "浙江省", ""),
    "Anhui 安徽": ("340000", "安徽省", ""),
    "Nanjing 南京": ("320100", "南京市", ""),
    "Wuxi 无锡": ("320200", "无锡市", ""),
    "Xuzhou 徐州": ("320300", "徐州市", ""),
    "Changzhou 常州": ("320400", "常州市", ""),
    "Suzhou 苏州": ("320500", "苏州市", ""),
    "Nantong 南通": ("320600", "南通市", ""),
    "Lianyungang 连云港": ("320700", "连云港市", ""),
    "Huai'an 淮安": ("320800", "淮安市", ""),
    "Yancheng 盐城": ("320900", "盐城市", ""),
    "Yangzhou 扬州": ("321000", "扬州市", ""),
    "Zhenjiang 镇江": ("321100", "镇江市", ""),
    "Taizhou 泰州(JS)": ("321200", "泰州市", "Taizhou 泰州 in Jiangsu, not Taizhou 台州 (331000)"),
    "Suqian 宿迁": ("321300", "宿迁市", ""),
    "Jiangyin 江阴": ("320281", "江阴市", ""),
    "Huqiu district 虎丘区": ("320505", "虎丘区", ""),
    "Wuzhong district 吴中区": ("320506", "吴中区", ""),
    "Xiangcheng district 相城区": ("320507", "相城区", ""),
    "Wujiang district 吴江区": ("320509", "吴江区", ""),
    "Suzhou Industrial Park 苏州工业园区": ("320571", "苏州工业园区", SIP_NOTE),
    "Changshu 常熟": ("320581", "常熟市", ""),
    "Zhangjiagang 张家港": ("320582", "张家港市", ""),
    "Kunshan 昆山": ("320583", "昆山市", ""),
    "Taicang 太仓": ("320585", "太仓市", ""),
    "Cixi 慈溪": ("330282", "慈溪市", ""),
    "Yiwu 义乌": ("330782", "义乌市", ""),
}

# entities whose level is not what the level text says
LEVEL_BY_ENTITY = {"Suzhou Industrial Park 苏州工业园区": "zone"}

LEVELS = {
    "province": "provincial",
    "province-level municipality": "provincial",
    "prefecture-level city": "prefecture",
    "county-level city": "county",
    "county-level unit of Suzhou": "county",
    "district of Suzhou": "county",
}


@dataclass(frozen=True)
class YearText:
    year: int
    period: str
    stated: str = ""  # a date the year text gives (when a target or policy was set)
    note: str = ""


INFERRED = YearText(
    2015, "2015", note="year 2015 inferred by the copier: the source excerpt does not print it"
)

YEARS: dict[str, YearText] = {
    **{str(y): YearText(y, str(y)) for y in (2010, 2013, 2016, 2017, 2019, 2020, 2021, 2022)},
    **{str(y): YearText(y, str(y)) for y in (2023, 2024)},
    "2015 (INFERRED: excerpt does not print the year)": INFERRED,
    "2023 H1": YearText(2023, "2023-H1"),
    "2025 Q1-Q3": YearText(2025, "2025-Q1..Q3"),
    "2025 (target, set 2022-11)": YearText(2025, "2025", "2022-11", "target set 2022-11"),
    "2025 (target, set 2023-01)": YearText(2025, "2025", "2023-01", "target set 2023-01"),
    "2035 (goal, stated 2024-10)": YearText(2035, "2035", "2024-10", "goal stated 2024-10"),
    "2023-2025 (policy, 2022-11)": YearText(
        2025,
        "2023..2025",
        "2022-11",
        "three-year span 2023..2025 (year = last year of the span); policy set 2022-11",
    ),
}


@dataclass(frozen=True)
class Ind:
    indicator: str
    sector: str = ""
    growth_of: str = ""  # for a figure that is itself a growth rate or a share
    note: str = ""


VA = "value_added"
ABOVE = "industry above designated size"

INDICATORS: dict[str, Ind] = {
    "GDP": Ind("gdp"),
    "GDP (rounded)": Ind("gdp", note="rounded figure written bare: qualifier eq (LABELS.md)"),
    "GDP (rounded, year-end estimate)": Ind(
        "gdp", note="rounded figure written bare: qualifier eq (LABELS.md)"
    ),
    "GDP (rounded, government work report)": Ind(
        "gdp", note="rounded figure written bare: qualifier eq (LABELS.md)"
    ),
    "GDP (estimate in 2014 government work report)": Ind("gdp"),
    "GDP (estimate in 2021 government work report)": Ind("gdp"),
    "GDP (final verified 最终核实)": Ind("gdp"),
    "GDP, first half-year": Ind("gdp"),
    "GDP real growth": Ind("gdp_growth", growth_of="gdp"),
    "GDP real growth, first three quarters": Ind("gdp_growth", growth_of="gdp"),
    "GDP goal: first county-level city above 1 trillion yuan": Ind("gdp"),
    "GDP per capita": Ind("gdp_per_capita"),
    "GDP per capita (resident pop.)": Ind(
        "gdp_per_capita", note="per capita of the resident population"
    ),
    "primary industry VA": Ind(VA, "primary industry"),
    "secondary industry VA": Ind(VA, "secondary industry"),
    "tertiary industry VA": Ind(VA, "tertiary industry"),
    "value added of industry above designated size 规上工业增加值": Ind(VA, ABOVE),
    "gross industrial output 工业总产值": Ind(
        "industrial_output", note="gross industrial output of all sizes (no size threshold)"
    ),
    "output of industry above designated size": Ind("industrial_output", ABOVE),
    "output of industry above designated size 规上工业总产值": Ind("industrial_output", ABOVE),
    "output of industry above designated size 规上工业总产值 (early-Jan estimate)": Ind(
        "industrial_output", ABOVE
    ),
    "output of strategic emerging industries (share of above-size industrial output 55.5%)": Ind(
        "industrial_output",
        "strategic emerging industries",
        note="the 55.5% share of above-size output named in the indicator text is not emitted "
        "as a figure of its own",
    ),
    "metaverse-related industry scale TARGET": Ind("industry_scale", "metaverse"),
    "fixed-asset investment": Ind("investment"),
    "fixed-asset investment (estimate)": Ind("investment"),
    "fixed-asset investment 全社会固定资产投资": Ind("investment"),
    "industrial investment": Ind("investment", "industry"),
    "actually utilised FDI": Ind("foreign_investment"),
    "imports+exports": Ind("trade"),
    "imports+exports (RMB)": Ind("trade", note="trade in yuan here, unlike the US-dollar rows"),
    "foreign trade imports+exports": Ind("trade"),
    "exports": Ind("exports"),
    "general public budget revenue": Ind("budget_revenue"),
    "public budget revenue 公共财政预算收入": Ind(
        "budget_revenue",
        note="公共财政预算收入 is the pre-2015 name of general public budget revenue",
    ),
    "total fiscal revenue 全口径财政收入 (NOT general public budget revenue)": Ind(
        "budget_revenue",
        "total fiscal revenue",
        note="全口径 total fiscal revenue: a wider scope than general public budget revenue",
    ),
    "tax revenue": Ind("budget_revenue", "tax revenue"),
    "total retail sales of consumer goods": Ind("retail_sales"),
    "urban per-capita disposable income": Ind("income", "urban residents"),
    "per-capita disposable income of residents": Ind("income", "all residents"),
    "per-capita disposable income of residents (all residents)": Ind("income", "all residents"),
    "per-capita disposable income, all residents": Ind("income", "all residents"),
    "per-capita disposable income, urban residents": Ind("income", "urban residents"),
    "per-capita disposable income, rural residents": Ind("income", "rural residents"),
    "resident population": Ind("resident_population"),
    "resident population, year-end": Ind("resident_population"),
    "resident (permanent) population": Ind("resident_population"),
    "resident population (2020 census-based city-size list)": Ind(
        "resident_population", note="census-based (2020 census) figure"
    ),
    "registered (hukou) population, year-end": Ind("registered_population"),
    "R&D expenditure as share of GDP": Ind(
        "rd", growth_of="gdp", note="a share of GDP (R&D intensity): growth_of names the whole"
    ),
    "fiscal funds for industrial innovation clusters over three years": Ind(
        "funding", "industrial innovation clusters"
    ),
}

# unit as written -> (clean surface form or "" if none, note)
UNITS: dict[str, tuple[str, str]] = {
    "元": ("元", ""),
    "万元": ("万元", ""),
    "亿元": ("亿元", ""),
    "亿美元": ("亿美元", ""),
    "人": ("人", ""),
    "万人": ("万人", ""),
    "%": ("%", ""),
    "billion yuan": (
        "billion yuan",
        "English source: the English unit (1e9 yuan) is a surface form of seeds/units.csv",
    ),
    "元 (i.e. 137000 亿元, rounded)": (
        "元",
        "unit as written carries the copier's restatement (137000 亿元, rounded)",
    ),
}


@dataclass(frozen=True)
class ValueText:
    value: str
    scale: str  # scale word written inside the value, moved into the unit (万亿 + 元 -> 万亿元)
    qualifier: str
    note: str


PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

# value texts that are not a bare number; qualifiers read from the source wording
VALUES: dict[str, ValueText] = {
    "13.7万亿": ValueText(
        "13.7", "万亿", "eq", "value written with the scale word 万亿: value 13.7, unit 万亿元"
    ),
    "超万亿": ValueText(
        "1",
        "万亿",
        "gt",
        "value written as 超 + 万亿 (more than one 万亿): value 1, unit 万亿元, qualifier gt",
    ),
    "100 (超)": ValueText("100", "", "gt", "value marked 超 (more than): qualifier gt"),
    "7000 (首次突破)": ValueText(
        "7000", "", "gt", "value marked 首次突破 (broke through for the first time): qualifier gt"
    ),
    "6000 (迈上...台阶)": ValueText(
        "6000",
        "",
        "gte",
        "value marked 迈上…台阶 (stepped up to the level of): a milestone reached, qualifier gte",
    ),
}


@dataclass(frozen=True)
class Status:
    vintage: str
    kind: str = "actual"
    published: str = ""
    note: str = ""


STATUSES: dict[str, Status] = {
    "": Status("unknown"),
    "preliminary": Status("preliminary"),
    "preliminary/rounded": Status("preliminary"),
    "preliminary (early estimate)": Status("preliminary"),
    "preliminary (Jan 2023)": Status("preliminary", published="2023-01"),
    "preliminary (2023-01-31)": Status("preliminary", published="2023-01-31"),
    "estimate (预计)": Status(
        "estimate", note="government work report estimate of the year just ended: kind actual"
    ),
    "final": Status("final"),
    "final? (communique-style text)": Status(
        "unknown", note="status doubted by the copier (final?): vintage left unknown"
    ),
    "rounded": Status("unknown"),
    "communique": Status("communique"),
    "communique figure": Status("communique"),
    "communique (2025 copy)": Status("communique"),
    "communique (2024-03-04)": Status("communique", published="2024-03-04"),
    "yearbook figure (Suzhou Statistical Yearbook 2024, as cited)": Status("yearbook"),
    "TARGET": Status("target", "target"),
    "GOAL": Status("target", "target", note="a long-term goal: kind target"),
    "POLICY": Status("target", "target", note="a planned policy commitment: kind target"),
}

# source kind -> publication date it gives ("" if none)
SOURCE_KINDS: dict[str, str] = {
    "repost of 2011-03 news article": "2011-03",
    "copy of 2014 Kunshan government work report": "",
    "Kunshan profile text (unknown site)": "",
    "study-tour report (Wuhan Hanyang district, 2018)": "",
    "study-tour report (2018)": "",
    "wiki-style encyclopedia (求真百科)": "",
    "wiki-style encyclopedia": "",
    "news/blog article": "",
    "news site table (Suzhou districts 2020)": "",
    "Lianhe Zaobao citing CNS (2021-01-03)": "2021-01-03",
    "copy of Kunshan 2021 government work report (page mislabels year)": "",
    "copy of Kunshan 2021 government work report": "",
    "news/blog article quoting Kunshan communique": "",
    "OFFICIAL: Jiangsu provincial government site (source: Kunshan govt office)": "",
    "aggregator article citing 苏州统计年鉴2024": "",
    "forum repost of a news feature": "",
    "encyclopedia copy": "",
    "copy of Kunshan 2024 statistical communique": "",
    "news feature (2025-11-07)": "2025-11-07",
    "PR Newswire (Chinese) / Xinhua Silk Road release (2022-11-14)": "2022-11-14",
    "Securities Daily repost (2023-02-01)": "2023-02-01",
    "ifeng repost of Kunshan official account (2024 Kunshan development conference)": "",
    "Subao (Suzhou Daily) repost": "",
    "mirror of Shanghai Statistics Bureau table (2021-01-24)": "2021-01-24",
    "Sina Finance / China News Service article (2022-01-26) archived in a GitHub RSS repo": (
        "2022-01-26"
    ),
    "repost of Yangtse Evening Post (2022-01-24)": "2022-01-24",
    "repost of Jiangsu 2025 government work report summary": "",
    "news site quoting Suzhou statistics": "",
    "news site table": "",
    "news repost": "",
    "aggregator article": "",
    "copy of Taicang 2022 statistical communique": "",
    "copy of Wujiang 2021 statistical communique": "",
    "English news rewrite": "",
    "OFFICIAL: Zhejiang statistics bureau system site": "",
    "company site reposting Anhui Daily / Anhui statistics bureau": "",
    "OFFICIAL site (Changzhou govt) reposting Xinhua Daily": "",
}

RELIABILITY_RANKS = {
    "high": 1,
    "high (mirror of official table)": 1,
    "medium-high": 2,
    "medium": 3,
    "low-medium": 4,
}

# growth basis as written -> how a GDP growth rate is read:
#   real     -> gdp_growth;  nominal -> indicator gdp, growth_of gdp ("nominal growth");
#   unstated -> the source prints no basis: official GDP growth is at comparable prices by
#               convention, so gdp_growth; unclear -> treated as nominal (see the note)
#   none     -> no basis at all: a GDP growth rate with it stops the run
GROWTH_BASES: dict[str, str] = {
    "": "none",
    "real": "real",
    "real (可比价)": "real",
    "real for GDP/VA": "real",
    "real (不变价) for GDP/VA": "real",
    "real for VA": "real_va",  # the label covers sector VA, not the GDP total
    "nominal": "nominal",
    "NOMINAL (article says 名义增长)": "nominal",
    "(table labels it 增速; equals nominal change)": "nominal",
    "not stated (likely nominal)": "nominal",
    "as stated": "unstated",
    "unclear (table column 增速)": "unclear",
}

# remarks on single source rows: source row -> (value as written it must still have, remark)
ROW_NOTES: dict[int, tuple[str, str]] = {
    11: ("3080.01", "sector values of of-0012..0014 sum to the total"),
    32: ("4276.8", "same figure as of-0024, from a second source"),
    34: ("4250", "estimate 4250 differs from the later preliminary 4276.8 (of-0024, of-0032)"),
    58: (
        "1147.80",
        "the source passage names two districts (Xiangcheng and Gusu) before a single value; "
        "the copier assigns it to Xiangcheng",
    ),
    97: ("2365.4", "the table prints no growth for Changshu"),
    100: (
        "23958.3",
        "sector values of of-0101..0103 sum to 23958.4, 0.1 above the total (rounding)",
    ),
    105: ("26727.0", "no GDP growth given for this row; the sector rows carry real VA growth"),
}

UNCLEAR_TABLE = (
    "basis unclear (table column 增速); the same table's Kunshan entry (of-0032-g) equals the "
    "nominal change, so read as nominal; it may be real"
)

# remarks on growth rows: source row -> (growth_pct_stated it must still have, remark)
GROWTH_ROW_NOTES: dict[int, tuple[str, str]] = {
    1: ("20", "basis not stated; the copier judges it nominal"),
    9: (
        "10",
        "doubtful: in the source passage the income figure ends the list with no growth "
        "attached; the 10 may be carried over from the GDP growth of the same passage",
    ),
    24: ("5.73", "the source says nominal; equals the change from the 2019 level (of-0020)"),
    32: ("5.7", "the table calls it 增速; it equals the nominal change from the 2019 level"),
    34: (
        "5",
        "also close to the nominal change from the 2019 level 4045.06 (of-0020), 5.07%; "
        "real by convention is an assumption",
    ),
    86: ("3.4", "the source sentence states comparable prices"),
    95: ("4.6", UNCLEAR_TABLE),
    96: ("3.9", UNCLEAR_TABLE),
    98: ("0.6", UNCLEAR_TABLE),
    99: ("3.9", UNCLEAR_TABLE),
}


class UnmappedError(ValueError):
    """The input holds something the tables above do not cover."""


def read_seed_column(path: Path, column: str) -> set[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row[column] for row in csv.DictReader(fh)}


def read_source(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != SOURCE_COLUMNS:
            raise UnmappedError(f"{path}: unexpected header {reader.fieldnames}")
        rows = list(reader)
    # one figure per physical line: source_line is the row number + 1 (header is line 1)
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) != len(rows) + 1:
        raise UnmappedError(f"{path}: {len(lines) - 1} lines, {len(rows)} rows (embedded newline?)")
    return rows


def check_coverage(rows: list[dict[str, str]]) -> None:
    """Fail with every unmapped key (and the lines that hold it) at once."""
    tables = {
        "entity": ENTITIES, "level": LEVELS, "year": YEARS, "indicator": INDICATORS,
        "unit": UNITS, "growth_basis": GROWTH_BASES, "status": STATUSES,
        "source_kind": SOURCE_KINDS, "reliability": RELIABILITY_RANKS,
    }  # fmt: skip
    missing: dict[tuple[str, str], list[int]] = {}
    for n, row in enumerate(rows, start=1):
        for column, table in tables.items():
            if row[column] not in table:
                missing.setdefault((column, row[column]), []).append(n + 1)
        value = row["value"]
        if value not in VALUES and not PLAIN_NUMBER.fullmatch(value):
            missing.setdefault(("value", value), []).append(n + 1)
        growth = row["growth_pct_stated"]
        if growth and not PLAIN_NUMBER.fullmatch(growth):
            missing.setdefault(("growth_pct_stated", growth), []).append(n + 1)
    for table_name, table, column in (
        ("ROW_NOTES", ROW_NOTES, "value"),
        ("GROWTH_ROW_NOTES", GROWTH_ROW_NOTES, "growth_pct_stated"),
    ):
        for n, (expected, _) in table.items():
            if n > len(rows) or rows[n - 1][column] != expected:
                key = f"row {n} expects {column} {expected!r}"
                missing.setdefault((table_name, key), []).append(n + 1)
    if missing:
        lines = [f"  {col}={key!r} on source lines {ln}" for (col, key), ln in missing.items()]
        raise UnmappedError("unmapped input; add table entries:\n" + "\n".join(lines))


def first_date(*candidates: str) -> str:
    return next((c for c in candidates if c), "")


def join_notes(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def level_row(n: int, row: dict[str, str]) -> dict[str, str]:
    entity = row["entity"]
    code, _, entity_note = ENTITIES[entity]
    year = YEARS[row["year"]]
    ind = INDICATORS[row["indicator"]]
    status = STATUSES[row["status"]]
    unit, unit_note = UNITS[row["unit"]]

    value_text = VALUES.get(row["value"])
    if value_text is None:
        value, qualifier, value_note = row["value"], "eq", ""
    else:
        value, qualifier, value_note = value_text.value, value_text.qualifier, value_text.note
        if value_text.scale:
            unit = value_text.scale + unit if unit else ""

    published = first_date(status.published, SOURCE_KINDS[row["source_kind"]], year.stated)
    published_note = ""
    from_year = not (status.published or SOURCE_KINDS[row["source_kind"]])
    if published and from_year:
        published_note = "published = the date the year text gives"

    growth_note = ""
    if ind.growth_of and row["growth_pct_stated"]:
        if row["growth_pct_stated"] != row["value"]:
            raise UnmappedError(
                f"line {n + 1}: growth figure whose growth_pct_stated differs from its value"
            )
        growth_note = "growth_pct_stated repeats the value: no separate growth row"

    return {
        "figure_id": f"of-{n:04d}",
        "source_line": str(n + 1),
        "entity_as_written": entity,
        "level_as_written": row["level"],
        "level": LEVEL_BY_ENTITY.get(entity, LEVELS[row["level"]]),
        "place_code": code,
        "year": str(year.year),
        "period": year.period,
        "indicator_as_written": row["indicator"],
        "indicator": ind.indicator,
        "sector": ind.sector,
        "growth_of": ind.growth_of,
        "kind": status.kind,
        "qualifier": qualifier,
        "value_as_written": row["value"],
        "value": value,
        "unit_as_written": row["unit"],
        "unit": unit,
        "growth_pct_stated": row["growth_pct_stated"],
        "growth_basis": row["growth_basis"],
        "status_as_written": row["status"],
        "vintage_status": status.vintage,
        "published": published,
        "source_url": row["source_url"],
        "source_kind": row["source_kind"],
        "reliability": row["reliability"],
        "reliability_rank": str(RELIABILITY_RANKS[row["reliability"]]),
        "notes": row["notes"],
        "curation_note": join_notes(
            entity_note,
            year.note,
            ind.note,
            unit_note,
            value_note,
            status.note,
            published_note,
            growth_note,
            ROW_NOTES.get(n, ("", ""))[1],
        ),
    }


def growth_row(n: int, row: dict[str, str], level: dict[str, str]) -> dict[str, str] | None:
    growth = row["growth_pct_stated"]
    ind = INDICATORS[row["indicator"]]
    if not growth or ind.growth_of:
        return None
    basis = GROWTH_BASES[row["growth_basis"]]
    indicator, growth_of, note = ind.indicator, ind.indicator, ""
    if ind.indicator == "gdp":
        if basis in ("real", "unstated"):
            indicator = "gdp_growth"
            if basis == "unstated":
                note = "basis not printed: official GDP growth is real (comparable prices) by "
                note += "convention"
        elif basis in ("nominal", "unclear"):
            note = "nominal growth"
        else:
            raise UnmappedError(f"line {n + 1}: GDP growth with basis {row['growth_basis']!r}")
    elif ind.indicator != VA and row["growth_basis"].endswith(("for GDP/VA", "for VA")):
        note = "the source's basis label refers to GDP/VA, not to this indicator"
    out = dict(level)
    out.update(
        figure_id=f"of-{n:04d}-g",
        indicator=indicator,
        growth_of=growth_of,
        qualifier="eq",
        value_as_written=growth,
        value=growth,
        unit_as_written="%",
        unit="%",
        curation_note=join_notes(GROWTH_NOTE, note, GROWTH_ROW_NOTES.get(n, ("", ""))[1]),
    )
    return out


def build_rows(source: Path = DEFAULT_SOURCE) -> list[dict[str, str]]:
    rows = read_source(source)
    check_coverage(rows)
    units = read_seed_column(UNITS_SEED, "surface_form")
    indicators = read_seed_column(INDICATORS_SEED, "indicator_code")
    out: list[dict[str, str]] = []
    for n, row in enumerate(rows, start=1):
        level = level_row(n, row)
        out.append(level)
        grow = growth_row(n, row, level)
        if grow is not None:
            out.append(grow)
    for r in out:
        if r["unit"] and r["unit"] not in units:
            raise UnmappedError(f"{r['figure_id']}: unit {r['unit']!r} not in seeds/units.csv")
        if r["indicator"] not in indicators:
            raise UnmappedError(f"{r['figure_id']}: indicator {r['indicator']!r} not a seed code")
        if not PLAIN_NUMBER.fullmatch(r["value"]):
            raise UnmappedError(f"{r['figure_id']}: value {r['value']!r} is not a number")
    return out


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def check_place_codes(locations: Path) -> list[str]:
    """Compare ENTITIES with a tab-indented division-code tree (name<TAB>code<TAB>short)."""
    names: dict[str, set[str]] = {}
    for line in locations.read_text(encoding="utf-8").splitlines():
        parts = line.strip("\t").split("\t")
        if len(parts) >= 2 and parts[1].isdigit():
            names.setdefault(parts[1], set()).add(parts[0])
    return [
        f"{entity}: {code} is {sorted(names.get(code, set())) or 'absent'}, expected {name}"
        for entity, (code, name, _) in ENTITIES.items()
        if name not in names.get(code, set())
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the output is out of date")
    parser.add_argument(
        "--locations", type=Path, help="division-code tree to verify the place codes against"
    )
    args = parser.parse_args(argv)

    if args.locations:
        problems = check_place_codes(args.locations)
        if problems:
            print("place codes do not match:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
        print(f"{len(ENTITIES)} place codes match {args.locations}")

    try:
        text = render(build_rows(args.source))
    except UnmappedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: rerun this script", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"wrote {text.count(chr(10)) - 1} rows to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
