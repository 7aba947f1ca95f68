"""Where a figure lands (place, indicator, period): one test per trap, in each language where
it applies. Every sentence is written for these tests; none comes from the shared corpus."""

from __future__ import annotations

import pytest

from tests.documents.conftest import by_quote


def landing(f) -> tuple[str, str, str, str, str]:
    return f.value, f.unit, f.geo, f.indicator, f.period


# -- the document frame -----------------------------------------------------------------------

def test_title_period_and_place_carry_through_the_document(extract) -> None:
    body = ("NANTONG, March 12 -- The city's statistics bureau released its annual figures.\n\n"
            "Gross domestic product came to 1.21 trillion yuan, up 5.8 percent.\n\n"
            "Retail sales of consumer goods totalled 402.7 billion yuan.")
    figs = by_quote(extract("en", body, date="2024-03-12",
                            title="Nantong statistical communique on 2023"))
    assert landing(figs["1.21 trillion yuan"]) == ("1210000000000", "CNY", "Nantong", "gdp",
                                                   "2023")
    assert figs["5.8 percent"].period == "2023"
    assert landing(figs["402.7 billion yuan"])[2:] == ("Nantong", "retail_sales", "2023")


def test_chinese_communique_title_sets_year(extract) -> None:
    figs = extract("zh", "初步核算，全年实现地区生产总值7100.5亿元，按可比价格计算，比上年增长"
                         "6.1%。", date="2024-03-20",
                   title="2023年扬州市国民经济和社会发展统计公报")
    assert [(f.indicator, f.geo, f.period) for f in figs] == [
        ("gdp", "Yangzhou", "2023"), ("gdp_growth", "Yangzhou", "2023")]


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Wuxi's economy grew 5.5 percent last year, the city said."),
    ("zh", "去年，无锡地区生产总值增长5.5%。"),
    ("de", "Die Wirtschaft von Wuxi wuchs im vergangenen Jahr um 5,5 Prozent."),
    ("es", "La economía de Wuxi creció un 5,5 por ciento el año pasado."),
])
def test_last_year_in_a_january_report_is_the_year_before(extract, lang, body) -> None:
    (fig,) = extract(lang, body, date="2024-01-18")
    assert (fig.value, fig.indicator, fig.geo, fig.period) == ("5.5", "gdp_growth", "Wuxi",
                                                               "2023")


def test_whole_year_words_in_a_january_work_report(extract) -> None:
    figs = extract("zh", "过去一年，全年实现地区生产总值2.35万亿元。", date="2023-01-12",
                   title="苏州市政府工作报告")
    assert [(f.geo, f.period) for f in figs] == [("Suzhou", "2022")]


# -- lists and tables of places ---------------------------------------------------------------

def test_chinese_list_each_city_its_own_figure(extract) -> None:
    figs = extract("zh", "2023年，南京实现地区生产总值17400亿元，增长4.6%；无锡15400亿元，增长"
                         "6.0%；南通11800亿元，增长5.8%。")
    assert [(f.quote, f.geo) for f in figs] == [
        ("17400亿元", "Nanjing"), ("4.6%", "Nanjing"), ("15400亿元", "Wuxi"), ("6.0%", "Wuxi"),
        ("11800亿元", "Nantong"), ("5.8%", "Nantong")]


def test_english_list_and_respectively(extract) -> None:
    figs = by_quote(extract("en", "Hefei's GDP reached 1.27 trillion yuan in 2023, Wuhu posted "
                                  "470 billion yuan and Nantong 1.18 trillion yuan. Wuxi and "
                                  "Yangzhou grew 6.0 percent and 6.4 percent respectively."))
    assert figs["1.27 trillion yuan"].geo == "Hefei"
    assert figs["470 billion yuan"].geo == "Wuhu"
    assert figs["1.18 trillion yuan"].geo == "Nantong"
    assert (figs["6.0 percent"].geo, figs["6.4 percent"].geo) == ("Wuxi", "Yangzhou")


def test_german_list(extract) -> None:
    figs = extract("de", "Hangzhou erreichte 2023 ein BIP von 2,0 Billionen Yuan, Ningbo 1,6 "
                         "Billionen Yuan.")
    assert [f.geo for f in figs] == ["Hangzhou", "Ningbo"]


def test_text_table_rows_take_the_row_place_and_heading_indicator(extract) -> None:
    body = ("GDP of selected cities in 2023:\n\nHefei 12673.8 5.8%\n\nWuhu 4741.1 5.9%\n\n"
            "Nantong 11813.3 5.8%\n")
    figs = extract("en", body, date="2024-02-01")
    rows = [(f.quote, f.value, f.unit, f.geo, f.indicator, f.period) for f in figs]
    assert rows[:2] == [("12673.8", "1267380000000", "CNY", "Hefei", "gdp", "2023"),
                        ("5.8%", "5.8", "percent", "Hefei", "gdp_growth", "2023")]
    assert [r[3] for r in rows] == ["Hefei", "Hefei", "Wuhu", "Wuhu", "Nantong", "Nantong"]
    assert "unit_inferred" in figs[0].flags


def test_bracketed_figures_belong_to_the_place_before_them(extract) -> None:
    figs = extract("zh", "昆山地区生产总值增长5.1%，分别高于全省(5.8%)、苏州(4.6%)0.2个百分点和"
                         "0.5个百分点。", date="2024-02-01")
    got = [(f.quote, f.geo) for f in figs]
    assert got[1:3] == [("5.8%", "Jiangsu"), ("4.6%", "Suzhou")]
    assert [g for q, g in got if "百分点" in q] == ["Kunshan", "Kunshan"]


# -- place levels ------------------------------------------------------------------------------

def test_county_level_city_of_the_headline_is_not_replaced_by_its_prefecture(extract) -> None:
    figs = extract("en", "Kunshan, which is administered by Suzhou, saw its economy expand 4.8 "
                         "percent in 2023.", title="Kunshan posts steady growth")
    assert [(f.geo, f.indicator) for f in figs] == [("Kunshan", "gdp_growth")]


def test_development_zone_of_the_places_seed(full_vocab_extract) -> None:
    figs = full_vocab_extract("en", "Suzhou Industrial Park's GDP reached 380 billion yuan in "
                                    "2023, while Suzhou as a whole reported 2.47 trillion yuan.")
    assert [(f.quote, f.geo, f.place_code) for f in figs] == [
        ("380 billion yuan", "Suzhou Industrial Park", "320571"),
        ("2.47 trillion yuan", "Suzhou", "320500")]


def test_place_that_cannot_be_settled_is_flagged(extract) -> None:
    (fig,) = extract("en", "Total retail sales reached 50 billion yuan in 2023.")
    assert fig.geo == "" and "geo_unsettled" in fig.flags


# -- clause-level periods ----------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "body", "quote"), [
    ("en", "In the first half of 2024, Wuxi's GDP rose 5.2 percent.", "5.2 percent"),
    ("fr", "Au premier semestre 2024, le PIB de Wuxi a progressé de 5,2 %.", "5,2 %"),
    ("de", "Im ersten Halbjahr 2024 stieg das BIP von Wuxi um 5,2 Prozent.", "5,2 Prozent"),
    ("es", "En el primer semestre de 2024, el PIB de Wuxi creció un 5,2 por ciento.",
     "5,2 por ciento"),
    ("pt", "No primeiro semestre de 2024, o PIB de Wuxi cresceu 5,2%.", "5,2%"),
    ("zh", "2024年上半年，无锡地区生产总值增长5.2%。", "5.2%"),
])
def test_first_half_is_h1_not_q1(extract, lang, body, quote) -> None:
    figs = by_quote(extract(lang, body, date="2024-07-30"))
    assert (figs[quote].period, figs[quote].indicator) == ("2024-H1", "gdp_growth")


def test_january_to_june_is_the_first_half(extract) -> None:
    (fig,) = extract("zh", "2024年1-6月，宁波外贸进出口总额6700亿元。", date="2024-07-20")
    assert fig.period == "2024-H1"


def test_retrospective_each_clause_its_own_year(extract) -> None:
    figs = extract("zh", "1978年，扬州地区生产总值仅为12.5亿元，1995年突破百亿元，2010年达到"
                         "2200亿元，2023年达到7400亿元。", date="2024-10-01")
    assert [(f.quote, f.period) for f in figs] == [
        ("12.5亿元", "1978"), ("百亿元", "1995"), ("2200亿元", "2010"), ("7400亿元", "2023")]
    en = extract("en", "In 1985, Kunshan's GDP was only 640 million yuan. By 2005 it had "
                       "reached 73 billion yuan, and in 2023 it hit 514 billion yuan.",
                 date="2024-10-01")
    assert [f.period for f in en] == ["1985", "2005", "2023"]


def test_coordinated_years_and_figures_pair_in_order(extract) -> None:
    figs = extract("zh", "2012年、2016年、2021年，南通地区生产总值先后跨越4000亿元、6000亿元、"
                         "10000亿元台阶。", date="2024-10-01")
    assert [f.period for f in figs] == ["2012", "2016", "2021"]


@pytest.mark.parametrize(("lang", "body", "quote"), [
    ("zh", "“十四五”期间，合肥累计完成固定资产投资超过3万亿元。", "3万亿元"),
    ("en", "During the 14th Five-Year Plan period, Hefei invested over 3 trillion yuan in "
           "fixed assets.", "3 trillion yuan"),
    ("en", "From 2021 to 2025, Hefei will invest 3 trillion yuan in fixed assets.",
     "3 trillion yuan"),
])
def test_plan_periods_and_ranges_are_spans(extract, lang, body, quote) -> None:
    assert by_quote(extract(lang, body, date="2024-06-01"))[quote].period == "2021..2025"


def test_comparison_base_is_not_the_period(extract) -> None:
    figs = extract("en", "In the first half of 2024, Wuxi's primary industry added 5.1 billion "
                         "yuan, the same as that of 2023.", date="2024-07-25")
    assert figs[0].period == "2024-H1"


def test_opening_participle_keeps_its_date(extract) -> None:
    figs = extract("en", "Approved as a national development zone in 1992, Kunshan has "
                         "attracted 3,100 projects.", date="2024-05-01")
    assert figs[0].period == "2024"


# -- indicator: head noun and governing verb ---------------------------------------------------

@pytest.mark.parametrize(("lang", "body", "quote"), [
    ("en", "Nantong's economy grew 4.7 percent in 2023.", "4.7 percent"),
    ("fr", "L'économie de Nantong a progressé de 4,7 % en 2023.", "4,7 %"),
    ("de", "Die Wirtschaft von Nantong wuchs 2023 um 4,7 Prozent.", "4,7 Prozent"),
    ("es", "La economía de Nantong creció un 4,7 por ciento en 2023.", "4,7 por ciento"),
    ("pt", "A economia de Nantong cresceu 4,7% em 2023.", "4,7%"),
    ("zh", "2023年，南通经济增长4.7%。", "4.7%"),
])
def test_the_economy_grew_is_gdp_growth(extract, lang, body, quote) -> None:
    fig = by_quote(extract(lang, body))[quote]
    assert (fig.indicator, fig.growth_of, fig.geo) == ("gdp_growth", "gdp", "Nantong")


@pytest.mark.parametrize(("lang", "body", "quote"), [
    ("en", "In 2023, the tertiary industry of Hefei grew 6.2 percent.", "6.2 percent"),
    ("fr", "En 2023, la valeur ajoutée du secteur tertiaire de Hefei a progressé de 6,2 %.",
     "6,2 %"),
    ("zh", "2023年，合肥第三产业增长6.2%。", "6.2%"),
])
def test_sector_growth_is_value_added(extract, lang, body, quote) -> None:
    fig = by_quote(extract(lang, body))[quote]
    assert (fig.indicator, fig.sector, fig.growth_of) == (
        "value_added", "tertiary industry", "value_added")


def test_rate_named_after_de_and_points_after_a_rate(extract) -> None:
    figs = by_quote(extract("zh", "2023年，芜湖6.5%的GDP增速居全省前列。"))
    assert figs["6.5%"].indicator == "gdp_growth"
    en = by_quote(extract("en", "Wuxi's GDP grew 6.0 percent in 2023. The growth rate was "
                                "1.2 percentage points higher than the provincial average."))
    assert en["1.2 percentage points"].indicator == "gdp_growth"


def test_population_change_keeps_the_level_indicator(extract) -> None:
    figs = extract("zh", "年末全市常住人口800.2万人，比上年末增加5.1万人。", date="2024-03-01")
    assert [(f.indicator, f.growth_of) for f in figs] == [("population", ""),
                                                          ("population", "population")]


# -- units: never a currency unless named -------------------------------------------------------

@pytest.mark.parametrize(("lang", "body", "quote", "unit", "indicator"), [
    ("en", "Hefei has 9.85 million permanent residents.", "9.85 million permanent residents",
     "persons", "population"),
    ("en", "Ningbo's port handled 35.3 million TEU in 2023.", "35.3 million TEU", "TEU",
     "throughput"),
    ("en", "Hangzhou now has 1.65 million market entities.", "1.65 million market entities",
     "count", "enterprise_count"),
    ("fr", "Hefei compte 9,85 millions d'habitants.", "9,85 millions d'habitants", "persons",
     "population"),
    ("de", "Hefei hat 9,85 Millionen Einwohner.", "9,85 Millionen Einwohner", "persons",
     "population"),
    ("es", "Hefei cuenta con 9,85 millones de habitantes.", "9,85 millones de habitantes",
     "persons", "population"),
    ("pt", "Hefei tem 9,85 milhões de habitantes.", "9,85 milhões de habitantes", "persons",
     "population"),
])
def test_counts_are_never_money(extract, lang, body, quote, unit, indicator) -> None:
    fig = by_quote(extract(lang, body))[quote]
    assert (fig.unit, fig.indicator) == (unit, indicator)


# -- Chinese number phrases ---------------------------------------------------------------------

def test_percentage_points_across_a_line_break(extract) -> None:
    figs = extract("zh", "第三产业增加值占地区生产总值的比重为52.3%，比上年提高0.8个\n百分点。")
    points = figs[-1]
    assert (points.quote, points.unit, points.value) == ("0.8个\n百分点", "percentage_point",
                                                         "0.8")
    assert (points.indicator, points.growth_of) == ("value_added", "gdp")


def test_fractions_and_bare_scale_figures(extract) -> None:
    figs = by_quote(extract("zh", "2023年，昆山地区生产总值突破五千亿元，工业产值占苏州全市的"
                                  "近三成，其中三分之二来自外资企业。杭州数字经济核心产业增加值"
                                  "超过千亿元。"))
    assert (figs["三成"].value, figs["三成"].unit, figs["三成"].qualifier) == ("30", "percent",
                                                                         "approx")
    assert figs["三分之二"].value == "66.67"
    assert (figs["千亿元"].value, figs["千亿元"].unit, figs["千亿元"].qualifier) == (
        "100000000000", "CNY", "gt")
    assert figs["五千亿元"].value == "500000000000"


# -- counted nouns by grammar -------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "body", "quotes"), [
    ("fr", "Wuxi a accueilli 14 laboratoires et 230 startups.", ["14 laboratoires",
                                                                "230 startups"]),
    ("es", "Wuxi atrajo 23 fábricas y 12 laboratorios.", ["23 fábricas", "12 laboratorios"]),
    ("pt", "Wuxi atraiu 23 fábricas e 12 laboratórios.", ["23 fábricas", "12 laboratórios"]),
    ("de", "Wuxi hat 23 Fabriken und 12 neue Labore angesiedelt.", ["23 Fabriken",
                                                                    "12 neue Labore"]),
])
def test_counted_nouns_outside_the_lexicon(extract, lang, body, quotes) -> None:
    figs = extract(lang, body)
    assert [f.quote for f in figs] == quotes
    assert {f.unit for f in figs} == {"count"}


def test_zone_of_the_statistical_division_codes(full_vocab_extract) -> None:
    figs = full_vocab_extract("zh", "2023年，合肥经开区实现地区生产总值1050亿元，合肥全市"
                                    "12673.8亿元。")
    assert [(f.geo, f.place_code) for f in figs] == [
        ("Hefei Economic and Technological Development Zone", "340172"), ("Hefei", "340100")]


@pytest.mark.parametrize(("lang", "body", "quote"), [
    ("en", "GDP reached 1.3 trillion yuan. At the end of the year, the resident population was "
           "9.85 million.", "9.85 million"),
    ("de", "Das BIP erreichte 1,3 Billionen Yuan. Die Bevölkerung stieg auf 9,85 Millionen.",
     "9,85 Millionen"),
])
def test_a_scale_word_alone_takes_no_currency_from_an_earlier_sentence(extract, lang, body,
                                                                       quote) -> None:
    fig = by_quote(extract(lang, body, title="Hefei 2023"))[quote]
    assert (fig.unit, fig.indicator) == ("persons", "population")
    assert "currency_inferred" not in fig.flags


def test_a_list_lends_its_currency_within_the_sentence(extract) -> None:
    figs = extract("es", "El valor añadido de la industria primaria fue de 17.800 millones de "
                         "yuanes y el de la industria secundaria de 202.300 millones.")
    assert [(f.unit, f.indicator) for f in figs] == [("CNY", "value_added"),
                                                     ("CNY", "value_added")]
