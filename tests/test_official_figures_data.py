"""Checks on the shipped figures file data/figures/official_figures.csv.

The first group needs only the project. The second compares the file with the hand-copied
source in ../shared (skipped cleanly where that folder is absent): values copied verbatim, one
level row per source line, the file up to date with its script, and none of the source's
Chinese sentences (quote_zh) copied in.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES_DIR = ROOT / "data" / "figures"
FIGURES = FIGURES_DIR / "official_figures.csv"
SCRIPT = ROOT / "scripts" / "curate_official_figures.py"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_FIGURES = SHARED / "data" / "figures" / "official_figures.csv"

COLUMNS = [
    "figure_id", "source_line", "entity_as_written", "level_as_written", "level", "place_code",
    "year", "period", "indicator_as_written", "indicator", "sector", "growth_of", "kind",
    "qualifier", "value_as_written", "value", "unit_as_written", "unit", "growth_pct_stated",
    "growth_basis", "status_as_written", "vintage_status", "published", "source_url",
    "source_kind", "reliability", "reliability_rank", "notes", "curation_note",
]  # fmt: skip
KINDS = {"actual", "target", "forecast"}
QUALIFIERS = {"eq", "gt", "gte", "lt", "lte", "approx"}
LEVELS = {"provincial", "prefecture", "county", "zone"}
VINTAGES = {"preliminary", "estimate", "final", "yearbook", "communique", "unknown", "target"}
RANKS = {"high": "1", "high (mirror of official table)": "1", "medium-high": "2", "medium": "3",
         "low-medium": "4"}  # fmt: skip
FIGURE_ID = re.compile(r"of-\d{4}(-g)?")
PERIOD = re.compile(r"\d{4}(-H[12]|-Q[1-4](\.\.Q[1-4])?|\.\.\d{4})?")
PUBLISHED = re.compile(r"\d{4}-\d{2}(-\d{2})?")
GRAM = 12

shared_only = pytest.mark.skipif(not SHARED_FIGURES.exists(), reason="../shared is absent")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def seed_column(name: str, column: str) -> set[str]:
    return {r[column] for r in read_csv(ROOT / "seeds" / name)}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_csv(FIGURES)


@pytest.fixture(scope="module")
def shared_rows() -> list[dict[str, str]]:
    return read_csv(SHARED_FIGURES)


def is_number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return bool(re.fullmatch(r"-?\d+(\.\d+)?", text))


# --- the file on its own -------------------------------------------------------------------


def test_header_and_encoding():
    raw = FIGURES.read_bytes()
    assert b"\r" not in raw, "line endings must be LF"
    assert raw.endswith(b"\n")
    header = raw.decode("utf-8").split("\n", 1)[0]
    assert header.split(",") == COLUMNS


def test_figure_ids_unique_and_well_formed(rows):
    ids = [r["figure_id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert FIGURE_ID.fullmatch(r["figure_id"]), r["figure_id"]
        n = int(r["figure_id"][3:7])
        assert r["source_line"] == str(n + 1), r["figure_id"]


def test_growth_rows_follow_a_level_row(rows):
    ids = {r["figure_id"] for r in rows}
    for r in rows:
        if r["figure_id"].endswith("-g"):
            assert r["figure_id"][:-2] in ids
            assert r["unit"] == "%" and r["unit_as_written"] == "%"
            assert r["growth_of"], r["figure_id"]
            assert r["curation_note"].startswith("growth stated on the same source row")
            assert r["value_as_written"] == r["growth_pct_stated"]


def test_gdp_growth_is_real_growth_only(rows):
    for r in rows:
        if r["indicator"] == "gdp_growth":
            assert r["unit"] == "%" and r["growth_of"] == "gdp", r["figure_id"]
            assert "nominal" not in r["growth_basis"].lower(), r["figure_id"]
        if r["indicator"] == "gdp" and r["growth_of"] == "gdp":
            assert "nominal growth" in r["curation_note"], r["figure_id"]


def test_indicators_are_seed_codes(rows):
    codes = seed_column("indicators.csv", "indicator_code")
    assert {r["indicator"] for r in rows} <= codes
    assert {r["growth_of"] for r in rows if r["growth_of"]} <= codes


def test_units_are_seed_surface_forms(rows):
    forms = seed_column("units.csv", "surface_form")
    bad = {(r["figure_id"], r["unit"]) for r in rows if r["unit"] and r["unit"] not in forms}
    assert not bad
    for r in rows:
        if not r["unit"]:
            assert r["curation_note"], f"{r['figure_id']}: empty unit needs a reason"


def test_place_codes(rows):
    for r in rows:
        if r["place_code"]:
            assert re.fullmatch(r"\d{6}", r["place_code"]), r["figure_id"]
        else:
            assert r["curation_note"], f"{r['figure_id']}: empty place_code needs a reason"
    by_entity: dict[str, set[str]] = {}
    for r in rows:
        by_entity.setdefault(r["entity_as_written"], set()).add(r["place_code"])
    assert all(len(codes) == 1 for codes in by_entity.values()), by_entity
    assert by_entity["Taizhou 泰州(JS)"] == {"321200"}
    assert by_entity["Kunshan 昆山"] == {"320583"}


def test_closed_sets(rows):
    for r in rows:
        fid = r["figure_id"]
        assert r["kind"] in KINDS, fid
        assert r["qualifier"] in QUALIFIERS, fid
        assert r["level"] in LEVELS, fid
        assert r["vintage_status"] in VINTAGES, fid
        assert r["reliability_rank"] == RANKS[r["reliability"]], fid
        assert r["sector"] == r["sector"].lower(), fid
        assert (r["kind"] == "target") == (r["vintage_status"] == "target"), fid


def test_values_parse_as_numbers(rows):
    for r in rows:
        assert is_number(r["value"]), (r["figure_id"], r["value"])
        if r["growth_pct_stated"]:
            assert is_number(r["growth_pct_stated"]), r["figure_id"]


def test_periods_years_and_dates(rows):
    for r in rows:
        fid = r["figure_id"]
        assert PERIOD.fullmatch(r["period"]), (fid, r["period"])
        assert re.fullmatch(r"\d{4}", r["year"]), fid
        assert r["year"] in (r["period"][:4], r["period"][-4:]), fid
        if r["published"]:
            assert PUBLISHED.fullmatch(r["published"]), (fid, r["published"])


# --- against the hand-copied source in ../shared -------------------------------------------


@shared_only
def test_one_level_row_per_source_line(rows, shared_rows):
    lines = [r["source_line"] for r in rows if not r["figure_id"].endswith("-g")]
    assert lines == [str(n + 2) for n in range(len(shared_rows))]


@shared_only
def test_values_copied_verbatim(rows, shared_rows):
    for r in rows:
        src = shared_rows[int(r["source_line"]) - 2]
        fid = r["figure_id"]
        if fid.endswith("-g"):
            assert r["value_as_written"] == src["growth_pct_stated"], fid
        else:
            assert r["value_as_written"] == src["value"], fid
            assert r["unit_as_written"] == src["unit"], fid
        assert r["entity_as_written"] == src["entity"], fid
        assert r["indicator_as_written"] == src["indicator"], fid
        assert r["growth_pct_stated"] == src["growth_pct_stated"], fid
        assert r["source_url"] == src["source_url"], fid
        assert r["notes"] == src["notes"], fid


@shared_only
def test_file_is_what_the_script_writes(monkeypatch):
    spec = importlib.util.spec_from_file_location("curate_official_figures", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve string annotations through sys.modules
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    expected = module.render(module.build_rows(SHARED_FIGURES))
    assert FIGURES.read_text(encoding="utf-8") == expected, "rerun the curate script"


def grams(text: str) -> set[str]:
    return {text[i : i + GRAM] for i in range(len(text) - GRAM + 1)}


@shared_only
def test_no_source_sentence_is_copied(shared_rows):
    quotes = [r["quote_zh"] for r in shared_rows if r["quote_zh"].strip()]
    assert quotes
    quote_grams = set().union(*(grams(q) for q in quotes))
    # a 12-character run that the source's own fact columns also hold (the English unit
    # "billion yuan" of an English quote) is a fact, not a copied sentence
    facts = "\n".join(v for r in shared_rows for k, v in r.items() if k != "quote_zh")
    quote_grams -= grams(facts)
    checked = [*sorted(FIGURES_DIR.rglob("*")), SCRIPT, Path(__file__)]
    for path in checked:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for quote in quotes:
            assert quote not in text, f"{path.name} holds a source sentence"
        leaked = grams(text) & quote_grams
        assert not leaked, f"{path.name} holds source text: {sorted(leaked)[:5]}"
