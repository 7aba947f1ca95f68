"""The extractor on sentences written for these tests, one trap at a time."""

from tests.documents.conftest import by_quote


def test_english_money_growth_and_decline(extract) -> None:
    figs = by_quote(extract("en", "In 2023, Ningbo's GDP reached 1.65 trillion yuan, up 6.2 "
                                  "percent year on year, while exports fell 3 percent."))
    gdp = figs["1.65 trillion yuan"]
    assert (gdp.value, gdp.unit, gdp.indicator, gdp.geo, gdp.period) == (
        "1650000000000", "CNY", "gdp", "Ningbo", "2023")
    growth = figs["6.2 percent"]
    assert (growth.indicator, growth.growth_of, growth.value) == ("gdp_growth", "gdp", "6.2")
    fall = figs["3 percent"]
    assert (fall.value, fall.indicator, fall.growth_of) == ("-3", "exports", "exports")


def test_scale_abbreviations_and_currency_prefixes(extract) -> None:
    figs = by_quote(extract("en", "Wuxi attracted RMB84.8bln of investment and $1.2 billion "
                                  "of foreign investment."))
    assert figs["RMB84.8bln"].value == "84800000000"
    assert figs["RMB84.8bln"].unit == "CNY"
    assert (figs["$1.2 billion"].value, figs["$1.2 billion"].unit) == ("1200000000", "USD")


def test_conversion_restatement_inherits_labels(extract) -> None:
    figs = extract("en", "Nanjing signed deals worth over 60 billion yuan (about 8.3 billion "
                         "U.S. dollars) in 2022.")
    assert [f.quote for f in figs] == ["60 billion yuan", "8.3 billion U.S. dollars"]
    main, usd = figs
    assert (main.conversion, main.qualifier) == (0, "gt")
    assert (usd.conversion, usd.qualifier, usd.unit, usd.value) == (1, "approx", "USD",
                                                                    "8300000000")
    assert usd.period == "2022"


def test_percentage_points_copy_the_rate_they_compare(extract) -> None:
    figs = extract("zh", "2023年,全市地区生产总值增长5.6%,高于全省1.2个百分点;"
                         "居民消费价格上涨0.4%,涨幅回落1.8个百分点。")
    got = [(f.quote, f.value, f.unit, f.indicator, f.growth_of) for f in figs]
    assert got == [
        ("5.6%", "5.6", "percent", "gdp_growth", "gdp"),
        ("1.2个百分点", "1.2", "percentage_point", "gdp_growth", "gdp"),
        ("0.4%", "0.4", "percent", "other", "other"),
        ("1.8个百分点", "-1.8", "percentage_point", "other", "other"),
    ]


def test_chinese_units_scales_and_qualifiers(extract) -> None:
    figs = by_quote(extract("zh", "2023年,南通市一般公共预算收入达661.9亿元,下降2.3%;"
                                  "外资企业新增120余家,进出口总额超过3.1万亿元,"
                                  "新能源汽车产量近25万辆,约为上年的1.8倍。"))
    assert figs["661.9亿元"].value == "66190000000"
    assert figs["661.9亿元"].indicator == "budget_revenue"
    assert figs["2.3%"].value == "-2.3"
    assert (figs["120余家"].value, figs["120余家"].qualifier, figs["120余家"].indicator) == (
        "120", "gt", "enterprise_count")
    assert (figs["3.1万亿元"].value, figs["3.1万亿元"].qualifier) == ("3100000000000", "gt")
    assert (figs["25万辆"].value, figs["25万辆"].unit, figs["25万辆"].qualifier) == (
        "250000", "vehicles", "approx")
    assert (figs["1.8倍"].unit, figs["1.8倍"].indicator) == ("times", "industrial_output")


def test_chinese_numerals_and_counted_nouns(extract) -> None:
    figs = by_quote(extract("zh", "该市举办三十五场招商活动,签约四十二个重大项目,"
                                  "共有两万余名观众参加。"))
    assert figs["三十五场招商活动"].value == "35"
    assert figs["四十二个重大项目"].indicator == "project_count"
    assert (figs["两万余名"].value, figs["两万余名"].unit) == ("20000", "persons")


def test_traditional_chinese_with_converter_artefacts(extract) -> None:
    body = "2023年,全市生產(chǎn)總值達8200.5億元,同比增長4.9%。"
    figs = extract("zh", body)
    assert [f.quote for f in figs] == ["8200.5億元", "4.9%"]
    assert figs[0].indicator == "gdp"
    assert body[figs[0].start:figs[0].end] == "8200.5億元"


def test_french_long_scale_and_trillion_ambiguity(extract) -> None:
    figs = by_quote(extract("fr", "En 2023, la production de Ningbo a dépassé un billion de "
                                  "yuans et le PIB de la région a atteint 3,1 trillions de "
                                  "yuans, soit plus de 474,5 milliards de dollars."))
    assert figs["un billion de yuans"].value == "1000000000000"
    assert figs["un billion de yuans"].flags == ""
    tri = figs["3,1 trillions de yuans"]
    assert tri.value == "3100000000000"  # meant 3.1e12, never 3.1e18
    assert "scale_ambiguous" in tri.flags
    assert figs["474,5 milliards de dollars"].value == "474500000000"


def test_german_scales_and_number_words(extract) -> None:
    figs = by_quote(extract("de", "Im Jahr 2022 erzielte Hangzhou ein BIP von 1,88 Billionen "
                                  "Yuan, investierte 12,4 Mrd. Euro und unterzeichnete "
                                  "siebenundzwanzig Projekte. Die Exporte sanken um 2,1 Prozent."))
    assert figs["1,88 Billionen Yuan"].value == "1880000000000"
    assert figs["12,4 Mrd. Euro"].value == "12400000000"
    assert figs["12,4 Mrd. Euro"].unit == "EUR"
    assert figs["siebenundzwanzig Projekte"].value == "27"
    assert figs["2,1 Prozent"].value == "-2.1"


def test_spanish_and_portuguese_scales(extract) -> None:
    es = by_quote(extract("es", "En 2023 se firmaron treinta y dos proyectos con una inversión "
                                "de 8.500 millones de yuanes y 3 mil millones de euros."))
    assert es["treinta y dos proyectos"].value == "32"
    assert es["8.500 millones de yuanes"].value == "8500000000"
    assert es["3 mil millones de euros"].value == "3000000000"
    pt = by_quote(extract("pt", "Em 2023, o PIB chegou a 1,55 trilhão de yuans e as "
                                "exportações a USD 36 bilhões; 300 mil metros quadrados."))
    assert pt["1,55 trilhão de yuans"].value == "1550000000000"
    assert pt["USD 36 bilhões"].value == "36000000000"
    assert (pt["300 mil metros quadrados"].value, pt["300 mil metros quadrados"].unit) == (
        "300000", "m2")


def test_non_figures_are_ignored(extract) -> None:
    body = ("Founded in 1998, the 30th edition of the fair opened on May 5, 2023 at Hall 3; "
            "the city ranked 1st for 12 consecutive years and has 2,500 years of history. "
            "Call +86 512 5555 1234. Metro Line 11 links the top 10 districts. "
            "One of the two major contributors is the Fortune 500 list.")
    assert extract("en", body) == []
    zh = "第二届论坛于2023年5月6日举行,连续5年位居全国前10名,地铁11号线通车,江苏、浙江三省一市。"
    assert extract("zh", zh) == []


def test_count_quotes_run_to_the_head_noun(extract) -> None:
    en = [f.quote for f in extract("en", "The zone hosts 48 advanced manufacturing projects "
                                         "and 17 Fortune 500 companies from 12 countries and "
                                         "regions; 310 of the world's largest firms came.")]
    assert en == ["48 advanced manufacturing projects", "17 Fortune 500 companies",
                  "12 countries and regions", "310"]
    fr = [f.quote for f in extract("fr", "Vingt-deux projets de coopération et deux nouvelles "
                                         "plateformes ont été lancés.")]
    assert fr == ["Vingt-deux projets", "deux nouvelles plateformes"]


def test_kind_and_period_of_targets_and_forecasts(extract) -> None:
    figs = by_quote(extract("en", "Under the plan, Nantong aims to build 50 smart factories and "
                                  "raise industry revenue to 300 billion yuan by 2026. GDP was "
                                  "expected to reach 1.2 trillion yuan in 2023.",
                            date="2023-12-01"))
    assert (figs["50 smart factories"].kind, figs["50 smart factories"].period) == ("target",
                                                                                   "2026")
    assert figs["300 billion yuan"].kind == "target"
    assert (figs["1.2 trillion yuan"].kind, figs["1.2 trillion yuan"].period) == ("forecast",
                                                                                 "2023")


def test_periods_from_context(extract) -> None:
    figs = by_quote(extract("en", "Over the first seven months of 2023, exports rose 4.1 "
                                  "percent. Since the beginning of this year, Wuxi has signed "
                                  "64 projects.", date="2024-05-20"))
    assert figs["4.1 percent"].period == "2023-01..07"
    assert figs["64 projects"].period == "2024-01..05"
    zh = by_quote(extract("zh", "2024年上半年,全市实现工业增加值2100亿元。截至2023年末,"
                                "贷款余额1.2万亿元。", date="2024-07-20"))
    assert zh["2100亿元"].period == "2024-H1"
    assert zh["1.2万亿元"].period == "2023"


def test_share_of_the_whole(extract) -> None:
    f = extract("zh", "2023年,全市第三产业增加值占地区生产总值比重为55.2%。")[0]
    assert (f.indicator, f.growth_of, f.sector) == ("value_added", "gdp", "tertiary industry")


# -- generalisation rules (sentences written for these tests) -------------------------------

def test_year_between_verb_and_figure_sets_the_period(extract) -> None:
    figs = by_quote(extract("de", "Die Wirtschaftsleistung von Nanjing wuchs 2023 um 4,8 "
                                  "Prozent auf 1,74 Billionen Yuan.", date="2024-02-01"))
    assert figs["4,8 Prozent"].period == "2023"
    assert figs["1,74 Billionen Yuan"].period == "2023"
    assert figs["1,74 Billionen Yuan"].value == "1740000000000"


def test_year_after_until_is_never_the_count(extract) -> None:
    for lang, body, quote in (
            ("de", "Wuhu will bis 2026 rund 40 neue Fabriken errichten.", "40 neue Fabriken"),
            ("en", "Hefei plans to add by 2027 about 60 new listed companies.",
             "60 new listed companies"),
            ("es", "Ningbo sumará hasta 2026 unos 25 nuevos proyectos.", "25 nuevos proyectos")):
        figs = extract(lang, body, date="2024-01-10")
        assert [f.quote for f in figs] == [quote], (lang, figs)
        f = figs[0]
        assert (f.kind, f.qualifier, f.unit) == ("target", "approx", "count"), (lang, f)
        assert f.period in ("2026", "2027") and f.value == quote.split()[0]


def test_comparison_year_is_not_the_period(extract) -> None:
    figs = by_quote(extract("de", "Im vergangenen Jahr stieg der Umsatz der Branche auf 90 "
                                  "Milliarden Yuan, 12 Prozent mehr als 2021.",
                            date="2023-02-01"))
    assert figs["12 Prozent"].period == "2022"


def test_month_spans_and_months_of_this_year(extract) -> None:
    figs = by_quote(extract("es", "De febrero a octubre de 2023, las exportaciones de Wuxi "
                                  "crecieron un 4,2 por ciento.", date="2023-11-20"))
    assert figs["4,2 por ciento"].period == "2023-02..10"
    figs = by_quote(extract("en", "In 2022 the city grew fast. In the first seven months of "
                                  "this year, retail sales rose 6.1 percent.",
                            date="2023-08-20"))
    assert figs["6.1 percent"].period == "2023-01..07"


def test_decline_said_after_the_rate(extract) -> None:
    de = by_quote(extract("de", "Die Importe von Wuxi sind um 2,7 Prozent zurückgegangen."))
    assert de["2,7 Prozent"].value == "-2.7"
    es = by_quote(extract("es", "La inversión en Hefei fue un 3,3 por ciento menos que en "
                                "2022."))
    assert es["3,3 por ciento"].value == "-3.3"
    up = by_quote(extract("de", "Die Exporte legten um 5 Prozent zu."))
    assert up["5 Prozent"].value == "5"


def test_sharp_s_terms_match(extract) -> None:
    figs = by_quote(extract("de", "Der Außenhandel von Ningbo erreichte 1,3 Billionen Yuan."))
    assert figs["1,3 Billionen Yuan"].indicator == "trade"


def test_number_of_frame_and_pronoun_partitive(extract) -> None:
    figs = extract("pt", "Em Hefei, o número de empresas estrangeiras chegou a 2.150.")
    assert [(f.quote, f.value, f.unit, f.indicator) for f in figs] == [
        ("2.150", "2150", "count", "enterprise_count")]
    figs = by_quote(extract("en", "Wuxi launched 120 new projects, and 35 of them are "
                                  "backed by foreign investors."))
    assert (figs["35"].unit, figs["35"].indicator) == ("count", "project_count")
    assert extract("en", "The number of visitors in 2023.") == []


def test_generic_units_of_vehicles(extract) -> None:
    figs = by_quote(extract("es", "La producción de vehículos de nueva energía de Hefei "
                                  "alcanzó 430 mil unidades en 2023."))
    f = figs["430 mil unidades"]
    assert (f.value, f.unit, f.indicator) == ("430000", "vehicles", "industrial_output")


def test_verb_qualifiers_with_articles(extract) -> None:
    figs = by_quote(extract("es", "Se prevé que las ventas minoristas de Wuxi superen los "
                                  "500 mil millones de yuanes."))
    f = figs["500 mil millones de yuanes"]
    assert (f.qualifier, f.kind) == ("gt", "forecast")


def test_forecast_word_governs_what_follows(extract) -> None:
    figs = by_quote(extract("en", "Nanjing will build 12 industrial parks by 2026, and its "
                                  "exports are expected to exceed 600 billion yuan.",
                            date="2024-01-05"))
    assert figs["12 industrial parks"].kind == "target"
    assert figs["600 billion yuan"].kind == "forecast"


def test_relative_now_takes_the_document_year(extract) -> None:
    figs = by_quote(extract("en", "In 2022, Wuhu's GDP reached 460 billion yuan.\n\n"
                                  "The city currently hosts 75 research institutes.",
                            date="2024-04-01"))
    assert figs["460 billion yuan"].period == "2022"
    assert figs["75 research institutes"].period == "2024"


def test_share_words_and_sector_names_in_portuguese(extract) -> None:
    figs = by_quote(extract("pt", "Em 2023, o setor terciário de Ningbo respondeu por 51,2% "
                                  "do PIB."))
    f = figs["51,2%"]
    assert (f.indicator, f.growth_of, f.sector) == ("value_added", "gdp", "tertiary industry")
