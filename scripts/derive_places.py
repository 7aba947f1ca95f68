#!/usr/bin/env python3
"""Derive the places seed (seeds/places.csv) from jionlp's administrative-division dictionary.

What it does
------------
1. Reads the province / prefecture / county tree of Shanghai, Jiangsu, Zhejiang and Anhui from
   jionlp's ``dictionary/china_location.zip`` (GB/T 2260-style six-digit codes).
2. Keeps the development-zone entries that dictionary mixes in (codes whose fifth digit is 7, e.g.
   苏州工业园区 320571) as level `zone`: statistical areas, not GB/T 2260 county-level units.
3. Applies the hand-checked corrections in the dicts below (codes jionlp still carries from before
   the 2020 re-coding, wrong pinyin readings, odd traditional-character variants, aliases, the
   27-city central area, abolished units).
4. Derives name_en / name_pinyin with ``jionlp.pinyin`` and name_zh_hant with ``jionlp.sim2tra``.
5. Writes seeds/places.csv deterministically (same input -> byte-identical output).
6. Cross-checks against the CSMAR yearbook export in ../shared/data/yearbook when it is present
   (every Ctnm_id must be in the seed, every Ctnm_en must be name_en or an alias); when ../shared is
   absent the check is skipped with a warning.

How to run
----------
jionlp is a dev-time dependency only; the project does not install it. Use a scratch venv:

    python3.11 -m venv /tmp/jio
    /tmp/jio/bin/pip install jionlp==1.5.31
    /tmp/jio/bin/python scripts/derive_places.py

Provenance of every column is documented in seeds/places.SOURCE.md.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import jionlp as jio

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "seeds" / "places.csv"
YEARBOOK_DIR = ROOT.parent / "shared" / "data" / "yearbook"

JIONLP_VERSION = "1.5.31"
JIONLP_DICT = Path(jio.__file__).resolve().parent / "dictionary"

COLUMNS = [
    "place_code", "code_system", "level", "division_type", "parent_code", "province_code",
    "prefecture_code", "name_zh", "name_zh_short", "name_zh_hant", "name_en", "name_pinyin",
    "aliases", "yrd_central_area", "valid_from", "valid_to", "successor_code", "source", "notes",
]

YRD_PROVINCES = ("310000", "320000", "330000", "340000")
GB = "GB/T 2260"

SRC_LOC = f"jionlp {JIONLP_VERSION} dictionary/china_location.zip"
SRC_CHG = f"jionlp {JIONLP_VERSION} dictionary/china_location_change.txt"
SRC_YB = "name_en checked against CSMAR yearbook export"
SRC_PLAN = "central area: 长江三角洲区域一体化发展规划纲要 (2019)"
SRC_MCA = "code per MCA 县以上行政区划代码"

# ---------------------------------------------------------------------------------------------
# Manual facts. Each dict says where its content comes from.
# ---------------------------------------------------------------------------------------------

# Project-level rows (not GB/T 2260). Names are the usual ones; the YRD's four-province scope is
# the planning area (规划范围) of the 2019 Outline, 长江三角洲区域一体化发展规划纲要.
PROJECT_ROWS = [
    {
        "place_code": "CN", "level": "national", "division_type": "country", "parent_code": "",
        "name_zh": "中华人民共和国", "name_zh_short": "中国", "name_en": "China",
        "name_pinyin": "zhōng guó",
        "aliases": ["People's Republic of China", "PRC"],
        "notes": "Project root row (not a GB/T 2260 code).",
    },
    {
        "place_code": "YRD", "level": "region", "division_type": "economic region",
        "parent_code": "CN",
        "name_zh": "长江三角洲", "name_zh_short": "长三角", "name_en": "Yangtze River Delta",
        "name_pinyin": "cháng sān jiǎo",
        "aliases": ["YRD", "Yangtze Delta"],
        "notes": "Project region row: Shanghai, Jiangsu, Zhejiang and Anhui in full, the planning "
                 "area of the 2019 Outline (长江三角洲区域一体化发展规划纲要).",
    },
]

# Codes jionlp 1.5.31 still lists under their pre-2020 code (the names are already the new
# ones, or in the case of 无为县 the name is stale too). GB/T 2260 codes in force since 2020 are
# from the Ministry of Civil Affairs county-and-above code list (民政部《县以上行政区划代码》);
# cross-checked against a third-party copy of the current list. The dates are the change dates in
# jionlp's china_location_change.txt.
# jionlp code -> (GB/T 2260 code, name_zh, name_zh_short, valid_from, note)
CODE_FIXES = {
    "320602": ("320613", "崇川区", "崇川", "2020-06-05",
               "New code after 港闸区 (320611) was merged into 崇川区; jionlp still lists the old "
               "code 320602."),
    "320684": ("320614", "海门区", "海门", "2020-06-05",
               "海门市 (320684) became 海门区; jionlp lists 海门区 under the old code 320684."),
    "340203": ("340209", "弋江区", "弋江", "2020-06-05",
               "New code after 三山区 (340208) was merged into 弋江区; jionlp still lists the old "
               "code 340203."),
    "340221": ("340210", "湾沚区", "湾沚", "2020-06-05",
               "芜湖县 (340221) became 湾沚区; jionlp lists 湾沚区 under the old code 340221."),
    "340222": ("340212", "繁昌区", "繁昌", "2020-06-05",
               "繁昌县 (340222) became 繁昌区; jionlp lists 繁昌区 under the old code 340222."),
    "340225": ("340281", "无为市", "无为", "2019-11-20",
               "无为县 (340225) became the county-level city 无为市; jionlp's tree still lists "
               "无为县 340225 although its change file records the change."),
}

# New units whose creation date is in china_location_change.txt but whose code jionlp already
# has right. code -> (valid_from, note)
VALID_FROM = {
    "331083": ("2017-04-09", "Formerly 玉环县 (331021). jionlp's change file writes the target as "
                             "'玉环区'; it is the county-level city 玉环市, as jionlp's own tree "
                             "has."),
    "320685": ("2018-02-22", "Formerly 海安县 (320621)."),
    "340882": ("2018-07-02", "Formerly 潜山县 (340824)."),
    "341882": ("2019-07-12", "Formerly 广德县 (341822)."),
}

# Units that kept their code but absorbed an abolished neighbour (dates: change file).
ABSORBED_NOTES = {
    "330105": "Absorbed 下城区 (330103) on 2021-04-09 (change file).",
    "330102": "Absorbed 江干区 (330104) on 2021-04-09 (change file; part of 江干 also went to the "
              "new 钱塘区 330114).",
}

# Abolished units. Two groups:
#  (a) the units on the "from" side of every Shanghai/Jiangsu/Zhejiang/Anhui entry in jionlp's
#      china_location_change.txt, plus the two codes retired when their unit was re-coded
#      (320602, 340203). Dates: the change file. Codes: MCA code lists in force before the change
#      (the same codes jionlp's tree still carries for 320602/320684/340203/340221/340222/340225;
#      320611, 320621, 330103, 330104, 331021, 340208, 340824, 341822 cross-checked against
#      third-party copies of the pre-2020 MCA list). Kept so that older county-level data joins.
#  (b) 巢湖市 341400, used by the yearbook export (1990-2010). Abolished by the State Council in
#      2011; 2011-08-22 is the date the Anhui provincial government announced it (date from the
#      project brief; the change file has no entry for it).
# Fields: code -> (name_zh, name_zh_short, level, division_type, parent, valid_to, successor, note)
ABOLISHED = {
    "320602": ("崇川区", "崇川", "county", "district", "320600", "2020-06-05", "320613",
               "Old code of 崇川区, retired when 港闸区 was merged in and the district re-coded."),
    "320611": ("港闸区", "港闸", "county", "district", "320600", "2020-06-05", "320613",
               "Merged into 崇川区."),
    "320621": ("海安县", "海安", "county", "county", "320600", "2018-02-22", "320685",
               "Became the county-level city 海安市."),
    "320684": ("海门市", "海门", "county", "county-level city", "320600", "2020-06-05", "320614",
               "Became 海门区."),
    "330103": ("下城区", "下城", "county", "district", "330100", "2021-04-09", "330105",
               "Merged into 拱墅区."),
    "330104": ("江干区", "江干", "county", "district", "330100", "2021-04-09", "330102",
               "Merged into 上城区 (change file); its eastern part went to the new 钱塘区 "
               "330114."),
    "331021": ("玉环县", "玉环", "county", "county", "331000", "2017-04-09", "331083",
               "Became the county-level city 玉环市 (the change file says '玉环区', which is "
               "wrong)."),
    "340203": ("弋江区", "弋江", "county", "district", "340200", "2020-06-05", "340209",
               "Old code of 弋江区, retired when 三山区 was merged in and the district re-coded."),
    "340208": ("三山区", "三山", "county", "district", "340200", "2020-06-05", "340209",
               "Merged into 弋江区."),
    "340221": ("芜湖县", "芜湖县", "county", "county", "340200", "2020-06-05", "340210",
               "Became 湾沚区."),
    "340222": ("繁昌县", "繁昌", "county", "county", "340200", "2020-06-05", "340212",
               "Became 繁昌区."),
    "340225": ("无为县", "无为", "county", "county", "340200", "2019-11-20", "340281",
               "Became the county-level city 无为市. Under 巢湖市 (as 341422) until 2011."),
    "340824": ("潜山县", "潜山", "county", "county", "340800", "2018-07-02", "340882",
               "Became the county-level city 潜山市."),
    "341822": ("广德县", "广德", "county", "county", "341800", "2019-07-12", "341882",
               "Became the county-level city 广德市."),
    "341400": ("巢湖市", "巢湖", "prefecture", "prefecture-level city", "340000", "2011-08-22", "",
               "Abolished 2011 and split, so no single successor: 居巢区 became the county-level "
               "city 巢湖市 (340181) and 庐江县 (340124) went to Hefei 340100; 无为县 (340225) "
               "to Wuhu 340200; 含山县 (340522) and 和县 (340523) to Ma'anshan 340500. "
               "Prefecture-level city from 1999 (巢湖地区 before); the yearbook reports it under "
               "341400 for "
               "1990-2010 and labels it 'City (Sub-provincial level)'. valid_to is the date Anhui "
               "announced the State Council approval; not in jionlp's change file."),
}

# name_en / name_pinyin overrides where jionlp.pinyin picks the wrong reading of a polyphonic or
# rare character. Readings: the standard romanised names (民政部/国家测绘地理信息局 place-name
# romanisation, as used on the governments' own English sites).
# code -> (name_en, tone-marked pinyin, what jionlp gave)
PINYIN_OVERRIDES = {
    "320116": ("Luhe", "lù hé", "liù hé"),          # 六合: 六 reads lù in place names
    "320903": ("Yandu", "yán dū", "yán dōu"),       # 盐都: 都 reads dū
    "331102": ("Liandu", "lián dū", "lián dōu"),    # 莲都: 都 reads dū
    "340303": ("Bengshan", "bèng shān", "bàng shān"),  # 蚌山: 蚌 reads bèng, as in 蚌埠
    "341621": ("Guoyang", "guō yáng", "wō yáng"),   # 涡阳: 涡 reads guō (涡河 Guo River)
    "341126": ("Fengyang", "fèng yáng", "<py_unk> yáng"),  # 凤阳: 凤 missing in context
    "341323": ("Lingbi", "líng bì", "líng <py_unk>"),      # 灵璧: 璧 not in jionlp's table
}

# jionlp.sim2tra maps some characters to rare variant forms (异体字) instead of the standard
# traditional form used in Taiwan/Hong Kong (e.g. 和 -> 咊, 德 -> 悳, 溪 -> 谿, 昆 -> 崐). These are
# mapped back to the standard form (教育部《國字標準字體》 / the form used by the places
# themselves). variant -> standard
HANT_CHAR_FIXES = {
    "幑": "徽", "悳": "德", "咊": "和", "鞌": "鞍", "朢": "望", "緐": "繁", "皷": "鼓", "湻": "淳",
    "臯": "皋", "喦": "岩", "淛": "浙", "僊": "仙", "芲": "花", "坵": "丘", "樑": "梁", "薑": "姜",
    "谿": "溪", "菴": "庵", "愽": "博", "瑯": "琅", "遊": "游", "乾": "干",
    "崐": "崑",  # 昆山 is written 崑山 in traditional characters; 崐 is a rarer variant
}
# Whole-name fixes where 台 stands for 臺 (terrace) in the traditional form (台州/天台 keep 台).
# simplified short name -> traditional short name
HANT_SHORT_OVERRIDES = {
    "雨花台": "雨花臺",
    "东台": "東臺",
    "凤台": "鳳臺",
}

# The 27 cities of the central area (中心区) of the Outline of the Yangtze River Delta Regional
# Integrated Development Plan (长江三角洲区域一体化发展规划纲要), CPC Central Committee and State
# Council, December 2019, section 规划范围.
# Development zones are statistical areas (fifth digit 7), not GB/T 2260 units: the National
# Bureau of Statistics codes them in its 统计用区划代码 (statistical division codes), which
# jionlp's dictionary carries. Every YRD zone it lists is kept, so a figure a text gives for a
# zone lands on the zone and not on its city. English names follow the zones' own usage
# (经济技术开发区 Economic and Technological Development Zone, 高新技术产业开发区 High-tech
# Industrial Development Zone, 经济开发区 Economic Development Zone, 现代产业园(区) Modern
# Industrial Park, 新区 New Area). The short name is the city's name with the zone's short
# form, as Chinese texts write it (合肥经开区): jionlp's bare short forms (经开区, 高新区, 新区)
# are shared by many zones and would name none.
_ZONE_NOTE = ("Development zone with a statistical division code (统计用区划代码, fifth digit 7), "
              "not a GB/T 2260 county-level unit; its territory lies in its city's districts.")
ZONES_KEPT = {
    "320571": ("Suzhou Industrial Park", "苏州工业园"),
    "320371": ("Xuzhou Economic and Technological Development Zone", "徐州经开区"),
    "320671": ("Nantong Economic and Technological Development Zone", "南通经开区"),
    "320771": ("Lianyungang Economic and Technological Development Zone", "连云港经开区"),
    "320772": ("Lianyungang High-tech Industrial Development Zone", "连云港高新区"),
    "320871": ("Huai'an Economic and Technological Development Zone", "淮安经开区"),
    "320971": ("Yancheng Economic and Technological Development Zone", "盐城经开区"),
    "321071": ("Yangzhou Economic and Technological Development Zone", "扬州经开区"),
    "321171": ("Zhenjiang New Area", "镇江新区"),
    "321271": ("Taizhou Medical High-tech Industrial Development Zone", "泰州医药高新区"),
    "321371": ("Suqian Economic and Technological Development Zone", "宿迁经开区"),
    "330371": ("Wenzhou Economic and Technological Development Zone", "温州经开区"),
    "340171": ("Hefei High-tech Industrial Development Zone", "合肥高新区"),
    "340172": ("Hefei Economic and Technological Development Zone", "合肥经开区"),
    "340173": ("Hefei Xinzhan High-tech Industrial Development Zone", "合肥新站区"),
    "340271": ("Wuhu Economic and Technological Development Zone", "芜湖经开区"),
    "340272": ("Wuhu Yangtze River Bridge Economic Development Zone", "芜湖长江经开区"),
    "340371": ("Bengbu High-tech Development Zone", "蚌埠高新区"),
    "340372": ("Bengbu Economic Development Zone", "蚌埠经开区"),
    "340871": ("Anqing Economic Development Zone", "安庆经开区"),
    "341171": ("Suchu Modern Industrial Park", "苏滁产业园"),
    "341172": ("Chuzhou Economic and Technological Development Zone", "滁州经开区"),
    "341271": ("Fuyang-Hefei Modern Industrial Park", "阜合产业园"),
    "341272": ("Fuyang Economic and Technological Development Zone", "阜阳经开区"),
    "341371": ("Suzhou-Ma'anshan Modern Industrial Park", "宿马产业园"),
    "341372": ("Suzhou Economic and Technological Development Zone (Anhui)", "宿州经开区"),
    "341871": ("Xuancheng Economic Development Zone", "宣城经开区"),
}

CENTRAL_AREA = {
    "310000",  # 上海
    "320100", "320200", "320400", "320500", "320600", "321000", "321100", "320900", "321200",
    "330100", "330200", "330300", "330500", "330400", "330600", "330700", "330900", "331000",
    "340100", "340200", "340500", "340700", "340800", "341100", "341700", "341800",
}

# Spellings used by the CSMAR yearbook export (Ctnm_en, after removing '(city)' / ' city') when
# they differ from name_en. They go into aliases. Source: /work/shared/data/yearbook/*.csv.
YEARBOOK_SPELLINGS = {
    "320800": "Huaian",
    "340500": "Ma’Anshan",   # sic, with U+2019 and a capital A
    "341500": "Liuan",       # reads 六 as liù; the city is Lù'ān
}

# Other spellings a press release may use. Kept modest: the one-character official abbreviations
# of the provincial-level units (沪 苏 浙 皖), Chinese Postal Map / Wade-Giles forms that are still
# met in English (treaty ports, university and company names), and the usual French, German,
# Spanish and Portuguese exonyms of Shanghai and Nanjing.
ALIASES = {
    "310000": ["沪", "Shanghaï", "Schanghai", "Shanghái", "Xangai"],
    "320000": ["苏", "Kiangsu"],
    "330000": ["浙", "Chekiang"],
    "340000": ["皖", "Anhwei"],
    "310115": ["Pudong New Area"],
    "320100": ["Nanking", "Nankin", "Nankín"],
    "320200": ["Wusih"],
    "320500": ["Soochow"],
    "321000": ["Yangchow"],
    "321100": ["Chinkiang"],
    "330100": ["Hangchow"],
    "330200": ["Ningpo"],
    "330300": ["Wenchow"],
    "330400": ["Kashing"],
    "330600": ["Shaohing"],
    "330700": ["Kinhwa"],
    "330900": ["Chusan"],
    "340800": ["Anking"],
}

# Notes about the yearbook's labels and other facts that do not fit a column.
EXTRA_NOTES = {
    "310000": "Municipality; also its own prefecture-level unit in city tables (the yearbook's "
              "Ctnm_id 310000), so prefecture_code is 310000 for it and its districts.",
    "320100": "Sub-provincial city. The yearbook's Cttyp_en calls it 'City (Prefectural level)' "
              "while calling ordinary prefecture-level cities 'City (Sub-provincial level)': "
              "the two labels look swapped.",
    "330100": "Sub-provincial city; yearbook Cttyp_en says 'City (Prefectural level)' (labels "
              "look swapped, see 320100).",
    "330200": "Sub-provincial city; yearbook Cttyp_en says 'City (Prefectural level)' (labels "
              "look swapped, see 320100).",
    "341282": "County-level city under Fuyang. The yearbook (city_population_employment.csv, "
              "1991 only) reports it as a city with Cttyp_en 'City (Sub-provincial level)', "
              "which is wrong: it is county-level.",
    "341500": "Yearbook spelling 'Liuan' reads 六 as liù; the standard romanisation is Lu'an.",
    "340500": "Yearbook spelling 'Ma’Anshan' (curly apostrophe, capital A).",
    "320800": "Yearbook spelling 'Huaian' (no apostrophe).",
}

# County-level counts in force (民政部 statistics for 2021 onward, equal to the current MCA code
# list): a sanity check on the jionlp tree after the fixes above.
EXPECTED_COUNTIES = {"310000": 16, "320000": 95, "330000": 90, "340000": 104}
EXPECTED_PREFECTURES = {"320000": 13, "330000": 11, "340000": 16}

# ---------------------------------------------------------------------------------------------

TONE_MARKS = re.compile(r"[\u0300-\u036f]")


def load_tree() -> list[tuple[int, str, str, str]]:
    """(depth, name, code, short) for provinces, prefectures and counties of the YRD."""
    with zipfile.ZipFile(JIONLP_DICT / "china_location.zip") as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    rows = []
    province = None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue
        parts = line.strip("\t").split("\t")
        if depth == 0:
            province = parts[1] if len(parts) > 1 else None
        if province in YRD_PROVINCES and len(parts) == 3:
            rows.append((depth, parts[0], parts[1], parts[2]))
    return rows


def load_changes() -> list[dict[str, str]]:
    out = []
    for line in (JIONLP_DICT / "china_location_change.txt").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        left, right = line.split("=>")
        lp, rp = left.split("\t"), right.split("\t")
        out.append({"date": lp[0], "province": lp[2], "from": lp[-2], "to": rp[-1]})
    return out


def division_type(name: str, level: str) -> str:
    if level == "prefecture":
        return "prefecture-level city"
    if name.endswith("自治县"):
        return "autonomous county"
    if name.endswith("县"):
        return "county"
    if name.endswith("区"):
        return "district"
    if name.endswith("市"):
        return "county-level city"
    raise ValueError(f"unknown county-level type: {name}")


def syllables(name_zh: str, base: str) -> list[str]:
    """Tone-marked syllables for `base`, taken from the pinyin of the full name (context helps
    jionlp pick the reading of polyphonic characters)."""
    full = jio.pinyin(name_zh, formater="standard")
    if name_zh.startswith(base) and len(full) == len(name_zh):
        return full[: len(base)]
    return jio.pinyin(base, formater="standard")


def romanise(sylls: list[str]) -> str:
    """Join tone-marked syllables into a place-name spelling: no tones, no spaces, capitalised,
    apostrophe before a non-initial syllable starting with a, o or e (Lu'an, Ma'anshan)."""
    out = ""
    for i, s in enumerate(sylls):
        plain = TONE_MARKS.sub("", unicodedata.normalize("NFD", s))
        plain = unicodedata.normalize("NFC", plain)
        if not plain.isascii():
            raise SystemExit(f"non-ASCII syllable {s!r}: decide the spelling in PINYIN_OVERRIDES")
        if i and plain[:1] in "aoe":
            out += "'"
        out += plain
    return out[:1].upper() + out[1:]


def to_hant(text: str) -> str:
    for simp, trad in HANT_SHORT_OVERRIDES.items():
        if text.startswith(simp):
            return trad + to_hant(text[len(simp):])
    raw = jio.sim2tra(text)
    return "".join(HANT_CHAR_FIXES.get(ch, ch) for ch in raw)


def names(code: str, name_zh: str, short: str, notes: list[str]) -> dict[str, str]:
    """name_zh_hant, name_en, name_pinyin for one unit, with override notes appended."""
    suffix_en = ""
    base = short
    if short == name_zh and short[-1] in "区县" and len(short) > 1:
        # jionlp keeps the suffix in the short name when the bare name is one character (歙县) or
        # clashes with another unit (黄山区 vs 黄山市): the English name then keeps the type word.
        base = short[:-1]
        suffix_en = " District" if short.endswith("区") else " County"
    sylls = syllables(name_zh, short)
    base_sylls = sylls[: len(base)]
    if code in PINYIN_OVERRIDES:
        en, py, jio_gave = PINYIN_OVERRIDES[code]
        derived = " ".join(base_sylls)
        if derived != jio_gave:
            raise SystemExit(f"{code}: jionlp now gives {derived!r}, expected {jio_gave!r}; "
                             "re-check PINYIN_OVERRIDES")
        notes.append(f"name_en/name_pinyin override: jionlp gives '{jio_gave}', standard "
                     f"reading is '{py}'.")
        name_en, name_pinyin = en + suffix_en, " ".join([py, *sylls[len(base_sylls):]])
    else:
        if any("<py_unk>" in s for s in sylls):
            raise SystemExit(f"{code} {name_zh}: jionlp has no pinyin for a character; add it to "
                             "PINYIN_OVERRIDES")
        name_en, name_pinyin = romanise(base_sylls) + suffix_en, " ".join(sylls)
    raw_hant = jio.sim2tra(name_zh)
    hant = to_hant(name_zh)
    if hant != raw_hant:
        notes.append(f"name_zh_hant corrected from jionlp.sim2tra output '{raw_hant}'.")
    return {"name_zh_hant": hant, "name_en": name_en, "name_pinyin": name_pinyin}


def where(by_code: dict[str, dict[str, str]], code: str) -> str:
    """'Anhui' for a prefecture, 'Xuzhou, Jiangsu' for a county."""
    row = by_code[code]
    prov = by_code[row["province_code"]]["name_en"]
    if row["level"] == "county" and row["parent_code"] != row["province_code"]:
        return f"{by_code[row['parent_code']]['name_en']}, {prov}"
    return prov


def blank_row(**kw: str) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(kw)
    return row


def build() -> list[dict[str, str]]:
    tree = load_tree()
    changes = [c for c in load_changes()
               if c["province"] in ("上海市", "江苏省", "浙江省", "安徽省")]
    rows: list[dict[str, str]] = []
    dropped: list[str] = []

    for pr in PROJECT_ROWS:
        notes = [pr["notes"]]
        hant = to_hant(pr["name_zh"])
        row = blank_row(
            place_code=pr["place_code"], code_system="project", level=pr["level"],
            division_type=pr["division_type"], parent_code=pr["parent_code"],
            name_zh=pr["name_zh"], name_zh_short=pr["name_zh_short"], name_zh_hant=hant,
            name_en=pr["name_en"], name_pinyin=pr["name_pinyin"], source="project",
        )
        row["_aliases"] = list(pr["aliases"])
        row["_notes"] = notes
        rows.append(row)

    province = prefecture = None
    for depth, name_zh, code, short in tree:
        notes: list[str] = []
        if depth == 0:
            province, prefecture = code, None
            level = "provincial"
            dtype = "municipality" if code == "310000" else "province"
            parent, prov_code, pref_code = "YRD", code, ("310000" if code == "310000" else "")
        elif depth == 1:
            prefecture = code
            if province == "310000":
                continue  # jionlp repeats 上海市 as its own prefecture; districts hang off 310000
            level, dtype = "prefecture", "prefecture-level city"
            parent, prov_code, pref_code = province, province, code
        else:
            level = "county"
            parent, prov_code, pref_code = prefecture, province, prefecture
            if code[4] == "7":
                if code not in ZONES_KEPT:
                    dropped.append(f"{code} {name_zh}")
                    continue
                level = "zone"
        valid_from, source = "", SRC_LOC
        if code in CODE_FIXES:
            code, name_zh, short, valid_from, note = CODE_FIXES[code]
            notes.append(note)
            source = f"{SRC_LOC}; {SRC_MCA}; valid_from: {SRC_CHG}"
        elif code in VALID_FROM:
            valid_from, note = VALID_FROM[code]
            notes.append(note)
            source = f"{SRC_LOC}; valid_from: {SRC_CHG}"
        if level == "county":
            dtype = division_type(name_zh, level)
        elif level == "zone":
            dtype = "development zone"
        row = blank_row(
            place_code=code, code_system=GB, level=level, division_type=dtype,
            parent_code=parent, province_code=prov_code, prefecture_code=pref_code,
            name_zh=name_zh, name_zh_short=short, valid_from=valid_from, source=source,
        )
        row.update(names(code, name_zh, short, notes))
        if level == "zone":
            row["code_system"] = "statistical division code"
            row["name_en"], row["name_zh_short"] = ZONES_KEPT[code]
            row["name_zh_hant"] = to_hant(name_zh)
            notes.append(_ZONE_NOTE)
        row["_notes"] = notes
        row["_aliases"] = []
        rows.append(row)

    for code, (name_zh, short, level, dtype, parent, valid_to, successor, note) in (
        ABOLISHED.items()
    ):
        notes = [note]
        prov_code = parent[:2] + "0000"
        pref_code = code if level == "prefecture" else parent
        source = (f"{SRC_CHG}; {SRC_MCA}" if code != "341400"
                  else "manual (2011 abolition, see notes)")
        row = blank_row(
            place_code=code, code_system=GB, level=level, division_type=dtype,
            parent_code=parent, province_code=prov_code, prefecture_code=pref_code,
            name_zh=name_zh, name_zh_short=short, valid_to=valid_to, successor_code=successor,
            source=source,
        )
        row.update(names(code, name_zh, short, notes))
        if level == "zone":
            row["code_system"] = "statistical division code"
            row["name_en"], row["name_zh_short"] = ZONES_KEPT[code]
            notes.append(_ZONE_NOTE)
        row["_notes"] = notes
        row["_aliases"] = []
        rows.append(row)

    # Cross-check the abolished rows against the change file: every YRD "from" unit is covered.
    abolished_names = {(v[0], v[5]) for v in ABOLISHED.values()}
    for ch in changes:
        if (ch["from"], ch["date"]) not in abolished_names:
            raise SystemExit(f"change file entry not covered by ABOLISHED: {ch}")

    by_code = {r["place_code"]: r for r in rows}
    if len(by_code) != len(rows):
        dup = [c for c, n in Counter(r["place_code"] for r in rows).items() if n > 1]
        raise SystemExit(f"duplicate place_code: {dup}")

    for code, note in ABSORBED_NOTES.items():
        by_code[code]["_notes"].append(note)
    for code, note in EXTRA_NOTES.items():
        by_code[code]["_notes"].append(note)

    # Aliases: manual list, yearbook spelling, apostrophe-less form for prefecture-level and
    # above, traditional short name when it differs.
    for row in rows:
        code = row["place_code"]
        al = list(row["_aliases"]) + ALIASES.get(code, [])
        if code in YEARBOOK_SPELLINGS:
            al.append(YEARBOOK_SPELLINGS[code])
        if "'" in row["name_en"] and row["level"] in ("provincial", "prefecture"):
            al.append(row["name_en"].replace("'", ""))
        hant_short = to_hant(row["name_zh_short"])
        al.append(hant_short)
        seen = {row["name_en"], row["name_zh"], row["name_zh_short"]}
        clean = []
        for a in al:
            if a and a not in seen:
                seen.add(a)
                clean.append(a)
        row["aliases"] = "|".join(clean)

    # Central area flag.
    for row in rows:
        row["yrd_central_area"] = "true" if row["place_code"] in CENTRAL_AREA else "false"
        if row["place_code"] in CENTRAL_AREA:
            row["source"] += f"; {SRC_PLAN}"

    # Look-alikes: current units whose English names are the same once a " District" /
    # " County" type word is dropped (Suzhou 320500 / 341300, Fuyang 341200 / 富阳区 330111).
    current = [r for r in rows if not r["valid_to"] and r["code_system"] == GB]
    groups: dict[str, list[str]] = defaultdict(list)
    for r in current:
        groups[re.sub(r" (District|County)$", "", r["name_en"])].append(r["place_code"])
    for codes in groups.values():
        if len(codes) > 1:
            for c in codes:
                others = ", ".join(f"{o} ({by_code[o]['name_zh']}, {where(by_code, o)})"
                                   for o in codes if o != c)
                by_code[c]["_notes"].insert(0, f"look-alike of {others}.")

    # Yearbook-checked names.
    for code in YEARBOOK_CODES:
        if code in by_code and SRC_YB not in by_code[code]["source"]:
            by_code[code]["source"] += f"; {SRC_YB}"

    for row in rows:
        row["notes"] = " ".join(row.pop("_notes"))
        row.pop("_aliases")

    check(rows, dropped)
    project = [r for r in rows if r["code_system"] == "project"]
    rest = sorted((r for r in rows if r["code_system"] != "project"),
                  key=lambda r: r["place_code"])
    return project + rest


# Codes present in the CSMAR yearbook export (recorded here so that the output does not depend on
# ../shared being present; verified against the files by check_yearbook()).
YEARBOOK_CODES = [
    "310000", "320100", "320200", "320300", "320400", "320500", "320600", "320700", "320800",
    "320900", "321000", "321100", "321200", "321300", "330100", "330200", "330300", "330400",
    "330500", "330600", "330700", "330800", "330900", "331000", "331100", "340000", "320000",
    "330000", "340100", "340200", "340300", "340400", "340500", "340600", "340700", "340800",
    "341000", "341100", "341200", "341282", "341300", "341400", "341500", "341600", "341700",
    "341800",
]


def check(rows: list[dict[str, str]], dropped: list[str]) -> None:
    current = [r for r in rows if not r["valid_to"]]
    counties = Counter(r["province_code"] for r in current if r["level"] == "county")
    prefs = Counter(r["province_code"] for r in current if r["level"] == "prefecture")
    problems = []
    if dict(counties) != EXPECTED_COUNTIES:
        problems.append(f"county-level counts {dict(counties)} != {EXPECTED_COUNTIES}")
    if dict(prefs) != EXPECTED_PREFECTURES:
        problems.append(f"prefecture counts {dict(prefs)} != {EXPECTED_PREFECTURES}")
    central = [r for r in rows if r["yrd_central_area"] == "true"]
    if len(central) != 27:
        problems.append(f"{len(central)} central-area rows, expected 27")
    codes = {r["place_code"] for r in rows}
    for r in rows:
        if r["parent_code"] and r["parent_code"] not in codes:
            problems.append(f"{r['place_code']}: parent {r['parent_code']} missing")
        if r["successor_code"] and r["successor_code"] not in codes:
            problems.append(f"{r['place_code']}: successor {r['successor_code']} missing")
        if TONE_MARKS.search(unicodedata.normalize("NFD", r["name_en"])):
            problems.append(f"{r['place_code']}: tone mark in name_en {r['name_en']!r}")
    for code in YEARBOOK_CODES:
        if code not in codes:
            problems.append(f"yearbook code {code} missing")
    if problems:
        raise SystemExit("checks failed:\n  " + "\n  ".join(problems))
    print(f"dropped {len(dropped)} development-zone entries: {', '.join(sorted(dropped))}",
          file=sys.stderr)


def normalise_yearbook_en(s: str) -> str:
    """'Hangzhou(city)', 'Taizhou city', 'Anhui (province)' -> the bare name."""
    s = re.sub(r"\s*\((city|province)\)\s*$", "", s.strip())
    s = re.sub(r"\s+city$", "", s)
    return s.strip()


def check_yearbook(rows: list[dict[str, str]]) -> None:
    if not YEARBOOK_DIR.is_dir():
        print(f"WARNING: {YEARBOOK_DIR} not found; yearbook cross-check skipped.",
              file=sys.stderr)
        return
    by_code = {r["place_code"]: r for r in rows}
    seen: dict[str, set[str]] = defaultdict(set)
    for path in sorted(YEARBOOK_DIR.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for rec in csv.DictReader(fh):
                if rec.get("Ctnm_id"):
                    seen[rec["Ctnm_id"]].add(rec.get("Ctnm_en", ""))
                if rec.get("Prvcnm_id"):
                    seen[rec["Prvcnm_id"]].add(rec.get("Prvcnm_en", ""))
    errors, warnings = [], []
    for code in sorted(seen):
        if code not in by_code:
            errors.append(f"yearbook code {code} ({sorted(seen[code])}) not in seed")
            continue
        if code not in YEARBOOK_CODES:
            errors.append(f"yearbook code {code} missing from YEARBOOK_CODES")
        row = by_code[code]
        accepted = {row["name_en"], *row["aliases"].split("|")}
        for en in sorted(seen[code] - {""}):
            norm = normalise_yearbook_en(en)
            if norm not in accepted:
                warnings.append(f"{code}: yearbook '{en}' is neither name_en "
                                f"'{row['name_en']}' nor an alias")
    for w in warnings:
        print("WARNING:", w, file=sys.stderr)
    if errors:
        raise SystemExit("yearbook cross-check failed:\n  " + "\n  ".join(errors))
    print(f"yearbook cross-check: {len(seen)} codes, all in seed; {len(warnings)} name warnings",
          file=sys.stderr)


def main() -> None:
    rows = build()
    check_yearbook(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    levels = Counter((r["level"], r["division_type"], "abolished" if r["valid_to"] else "current")
                     for r in rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}", file=sys.stderr)
    for key in sorted(levels):
        print(f"  {key}: {levels[key]}", file=sys.stderr)


if __name__ == "__main__":
    main()
