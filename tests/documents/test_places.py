"""Look-alike place names resolved by context, never by the name alone."""

from pathlib import Path

from ingest.documents.vocab import load_vocabulary, read_places
from tests.documents.conftest import FIXTURES


def test_suzhou_of_jiangsu_and_of_anhui(extract) -> None:
    js = extract("en", "Suzhou, in Jiangsu province, reported exports of 2.4 trillion yuan.")[0]
    ah = extract("en", "Suzhou, in Anhui province, reported exports of 12 billion yuan.")[0]
    assert (js.geo, js.place_code) == ("Suzhou", "320500")
    assert (ah.geo, ah.place_code) == ("Suzhou", "341300")


def test_neighbouring_places_decide(extract) -> None:
    # Kunshan is a county-level city of Suzhou (Jiangsu): the Jiangsu one is meant.
    f = extract("en", "Kunshan and Suzhou signed 14 projects; Suzhou invested 3 billion yuan.")
    assert {x.place_code for x in f if x.geo == "Suzhou"} == {"320500"}


def test_taizhou_by_province(extract) -> None:
    zj = extract("en", "Taizhou in Zhejiang saw retail sales grow 6.1 percent in 2023.")[0]
    js = extract("en", "Taizhou, a city of Jiangsu, saw retail sales grow 5.2 percent.")[0]
    assert zj.place_code == "331000"
    assert js.place_code == "321200"


def test_chinese_names_are_distinct(extract) -> None:
    a = extract("zh", "宿州市地区生产总值2200亿元。")[0]
    b = extract("zh", "台州市地区生产总值6200亿元。")[0]
    assert (a.geo, a.place_code) == ("Suzhou", "341300")
    assert (b.geo, b.place_code) == ("Taizhou", "331000")


def test_ambiguous_without_context_is_flagged(extract) -> None:
    f = extract("en", "Taizhou reported 35 new projects.")[0]
    assert f.geo == "Taizhou"
    assert f.place_code == ""
    assert "geo_ambiguous" in f.flags


def test_world_wide_figures_have_no_geo(extract) -> None:
    f = extract("zh", "昆山市发布消息后,全球300余家媒体进行了报道。")[0]
    assert f.quote == "300余家媒体"
    assert f.geo == ""


def test_loader_reads_the_column_contract(tmp_path: Path) -> None:
    places = read_places(FIXTURES / "places_small.csv")
    codes = {p.code for p in places}
    assert {"CN", "YRD", "320500", "341300"} <= codes
    suzhou = next(p for p in places if p.code == "341300")
    assert suzhou.province_code == "340000" and "宿州" in suzhou.names
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("units.csv", "indicators.csv"):
        (seeds / name).write_text((FIXTURES.parents[2] / "seeds" / name).read_text("utf-8"),
                                  encoding="utf-8")
    vocab = load_vocabulary(tmp_path)  # no places.csv yet: still loads, without places
    assert vocab.places == [] and vocab.units
    assert load_vocabulary(tmp_path) is vocab  # cached
