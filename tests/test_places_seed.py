"""Checks on seeds/places.csv (derived by scripts/derive_places.py; provenance in
seeds/places.SOURCE.md)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "places.csv"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
YEARBOOK = SHARED / "data" / "yearbook"

COLUMNS = [
    "place_code", "code_system", "level", "division_type", "parent_code", "province_code",
    "prefecture_code", "name_zh", "name_zh_short", "name_zh_hant", "name_en",
    "display_name_en", "name_pinyin",
    "aliases", "yrd_central_area", "valid_from", "valid_to", "successor_code", "source", "notes",
]


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return pd.read_csv(SEED, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def current(places: pd.DataFrame) -> pd.DataFrame:
    return places[places["valid_to"] == ""]


def test_columns_in_order(places: pd.DataFrame) -> None:
    assert list(places.columns) == COLUMNS


def test_codes_unique(places: pd.DataFrame) -> None:
    dup = places.loc[places["place_code"].duplicated(keep=False), "place_code"]
    assert dup.empty, f"duplicate place_code: {sorted(set(dup))}"


def test_roots_first(places: pd.DataFrame) -> None:
    assert places["place_code"].iloc[0] == "CN"
    assert places["place_code"].iloc[1] == "YRD"
    rest = places["place_code"].iloc[2:].tolist()
    assert rest == sorted(rest)


def test_every_non_root_parent_exists(places: pd.DataFrame) -> None:
    codes = set(places["place_code"])
    non_root = places[places["place_code"] != "CN"]
    assert (non_root["parent_code"] != "").all(), "a non-root row has no parent"
    missing = non_root.loc[~non_root["parent_code"].isin(codes), ["place_code", "parent_code"]]
    assert missing.empty, f"parents missing: {missing.values.tolist()}"


def test_successors_exist(places: pd.DataFrame) -> None:
    codes = set(places["place_code"])
    succ = places.loc[places["successor_code"] != "", "successor_code"]
    assert succ.isin(codes).all()


def test_four_provincial_units(places: pd.DataFrame) -> None:
    prov = places[places["level"] == "provincial"]
    assert sorted(prov["place_code"]) == ["310000", "320000", "330000", "340000"]
    assert (prov["parent_code"] == "YRD").all()
    types = dict(zip(prov["place_code"], prov["division_type"], strict=True))
    assert types == {"310000": "municipality", "320000": "province",
                     "330000": "province", "340000": "province"}


@pytest.mark.parametrize(("province", "expected"),
                         [("320000", 13), ("330000", 11), ("340000", 16)])
def test_prefecture_counts(current: pd.DataFrame, province: str, expected: int) -> None:
    pref = current[(current["level"] == "prefecture") & (current["province_code"] == province)]
    assert len(pref) == expected, sorted(pref["name_zh"])
    assert (pref["division_type"] == "prefecture-level city").all()
    assert (pref["parent_code"] == province).all()


def test_county_level_types(places: pd.DataFrame) -> None:
    county = places[places["level"] == "county"]
    allowed = {"county-level city", "district", "county", "autonomous county"}
    assert set(county["division_type"]) <= allowed
    # a county-level unit hangs off its prefecture, or off 310000 for Shanghai's districts
    parent_level = county["parent_code"].map(dict(zip(places["place_code"], places["level"],
                                                      strict=True)))
    ok = (parent_level == "prefecture") | (county["parent_code"] == "310000")
    assert ok.all(), county.loc[~ok, "place_code"].tolist()


def test_central_area_is_27_cities(places: pd.DataFrame) -> None:
    assert set(places["yrd_central_area"]) == {"true", "false"}
    central = places[places["yrd_central_area"] == "true"]
    assert len(central) == 27
    assert set(central["level"]) <= {"prefecture", "provincial"}
    assert "310000" in set(central["place_code"])
    by_prov = central["province_code"].value_counts().to_dict()
    assert by_prov == {"310000": 1, "320000": 9, "330000": 9, "340000": 8}


def test_kunshan(places: pd.DataFrame) -> None:
    row = places.set_index("place_code").loc["320583"]
    assert row["name_zh"] == "昆山市"
    assert row["level"] == "county"
    assert row["division_type"] == "county-level city"
    assert row["parent_code"] == "320500"
    assert row["name_en"] == "Kunshan"


def test_both_suzhous(places: pd.DataFrame) -> None:
    p = places.set_index("place_code")
    js, ah = p.loc["320500"], p.loc["341300"]
    assert (js["name_zh"], ah["name_zh"]) == ("苏州市", "宿州市")
    assert js["name_en"] == ah["name_en"] == "Suzhou"
    assert js["province_code"] != ah["province_code"]
    assert "look-alike of 341300" in js["notes"]
    assert "look-alike of 320500" in ah["notes"]


def test_both_taizhous(places: pd.DataFrame) -> None:
    p = places.set_index("place_code")
    assert p.loc["321200", "name_en"] == p.loc["331000", "name_en"] == "Taizhou"
    assert p.loc["321200", "province_code"] != p.loc["331000", "province_code"]


def test_chaohu_abolished(places: pd.DataFrame) -> None:
    row = places.set_index("place_code").loc["341400"]
    assert row["level"] == "prefecture"
    assert row["valid_to"] == "2011-08-22"
    assert row["successor_code"] == ""
    assert row["yrd_central_area"] == "false"


def test_dates_are_iso(places: pd.DataFrame) -> None:
    for col in ("valid_from", "valid_to"):
        vals = places.loc[places[col] != "", col]
        assert vals.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), col
        pd.to_datetime(vals, format="%Y-%m-%d")  # raises on an impossible date


def test_name_en_has_no_tone_marks(places: pd.DataFrame) -> None:
    def has_tone(s: str) -> bool:
        return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", s))

    bad = places.loc[places["name_en"].map(has_tone), "name_en"].tolist()
    assert not bad, bad
    assert (places["name_en"] != "").all()


def test_no_empty_chinese_names(places: pd.DataFrame) -> None:
    for col in ("name_zh", "name_zh_short", "name_zh_hant"):
        assert (places[col].str.strip() != "").all(), col


def test_aliases_do_not_repeat_names(places: pd.DataFrame) -> None:
    for row in places.itertuples():
        if not row.aliases:
            continue
        al = row.aliases.split("|")
        assert len(al) == len(set(al)), row.place_code
        assert "" not in al, row.place_code
        assert not {row.name_en, row.name_zh, row.name_zh_short} & set(al), row.place_code


@pytest.mark.shared
def test_yearbook_codes_in_seed(places: pd.DataFrame) -> None:
    if not YEARBOOK.is_dir():
        pytest.skip(f"{SHARED} not present")
    codes = set(places["place_code"])
    used: set[str] = set()
    for path in sorted(YEARBOOK.glob("*.csv")):
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        for col in ("Ctnm_id", "Prvcnm_id"):
            if col in df.columns:
                used |= set(df[col]) - {""}
    assert used, "no codes read from the yearbook files"
    missing = sorted(used - codes)
    assert not missing, f"yearbook codes missing from the seed: {missing}"
