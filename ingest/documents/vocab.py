"""The seeds the extractor reads: places, indicators (with their multilingual terms) and
units (units, scale words, currency words). Loaded once per project root and cached."""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ingest.documents.textnorm import to_simplified

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnitEntry:
    surface: str
    lang: str  # "" = every language
    kind: str  # unit | scale | currency
    base_unit: str
    multiplier: Decimal


@dataclass(frozen=True)
class Place:
    code: str
    level: int  # 0 country, 1 region/province, 2 prefecture, 3 county or district
    parent_code: str
    province_code: str
    name_en: str
    names: tuple[str, ...]  # every surface form (en, pinyin, zh, aliases)


@dataclass(frozen=True)
class Indicator:
    code: str
    base_unit: str
    terms: tuple[str, ...]


@dataclass
class Vocabulary:
    units: list[UnitEntry]
    places: list[Place]
    indicators: dict[str, Indicator]
    # Compiled matchers, built lazily per language by the modules that use them.
    cache: dict[object, object] = field(default_factory=dict, repr=False)

    def place(self, code: str) -> Place | None:
        for p in self.places:
            if p.code == code:
                return p
        return None


_LEVEL_WORDS = (("country", 0), ("nation", 0), ("region", 1), ("province", 1),
                ("municipality", 1), ("prefecture", 2), ("county", 3), ("district", 3))


def _level(row: dict[str, str]) -> int:
    text = f"{row.get('level', '')} {row.get('division_type', '')}".lower()
    code = row.get("place_code", "")
    if code == "CN":
        return 0
    if code == "YRD":
        return 1
    if code.isdigit() and len(code) == 6:
        if code.endswith("0000"):
            return 1
        if code.endswith("00"):
            return 2
        return 3
    for word, level in _LEVEL_WORDS:
        if word in text:
            return level
    return 2


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


def read_units(path: Path) -> list[UnitEntry]:
    out = []
    for row in _read(path):
        surface = row.get("surface_form", "")
        if not surface or surface[0].isdigit():  # '100 million yuan' is a yearbook label
            continue
        try:
            mult = Decimal(row.get("multiplier") or "1")
        except ArithmeticError:
            continue
        out.append(UnitEntry(surface, row.get("lang", ""), row.get("kind", "unit"),
                             row.get("base_unit", ""), mult))
    return out


def read_places(path: Path) -> list[Place]:
    out = []
    for row in _read(path):
        code = row.get("place_code", "")
        if not code or row.get("valid_to"):  # abolished divisions do not name today's places
            continue
        names = {row.get(k, "") for k in ("name_en", "name_pinyin", "name_zh", "name_zh_short",
                                          "name_zh_hant")}
        names.update(a.strip() for a in row.get("aliases", "").split("|"))
        names = {to_simplified(n) if not n.isascii() else n for n in names if n}
        names.discard("")
        out.append(Place(code, _level(row), row.get("parent_code", ""),
                         row.get("province_code", ""), row.get("name_en", "") or code,
                         tuple(sorted(names, key=len, reverse=True))))
    return out


def read_indicators(path: Path) -> dict[str, Indicator]:
    out = {}
    for row in _read(path):
        code = row.get("indicator_code", "")
        if code:
            terms = tuple(t.strip() for t in row.get("terms", "").split("|") if t.strip())
            out[code] = Indicator(code, row.get("base_unit", ""), terms)
    return out


def vocabulary_from_files(units: Path, indicators: Path, places: Path | None) -> Vocabulary:
    place_rows: list[Place] = []
    if places is not None and places.exists():
        place_rows = read_places(places)
    else:
        log.warning("no places vocabulary at %s: figures get no geo", places)
    return Vocabulary(read_units(units), place_rows, read_indicators(indicators))


@lru_cache(maxsize=8)
def _cached(root: str, stamp: tuple[float, ...]) -> Vocabulary:
    seeds = Path(root) / "seeds"
    return vocabulary_from_files(seeds / "units.csv", seeds / "indicators.csv",
                                 seeds / "places.csv")


def load_vocabulary(project_root: Path) -> Vocabulary:
    """Read seeds/places.csv, seeds/indicators.csv and seeds/units.csv (cached until they
    change on disk)."""
    seeds = Path(project_root) / "seeds"
    stamp = tuple(p.stat().st_mtime if p.exists() else 0.0
                  for p in (seeds / "units.csv", seeds / "indicators.csv", seeds / "places.csv"))
    return _cached(str(Path(project_root).resolve()), stamp)


def default_vocabulary() -> Vocabulary:
    return load_vocabulary(Path(__file__).resolve().parents[2])
