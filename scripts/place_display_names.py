"""display_name_en of the places seed: the English name, made unique among places.

Look-alike romanisations (苏州 and 宿州 are both "Suzhou") are told apart by the province,
then the parent city, then the kind of division, then (abolished units) the years the
unit existed: "Suzhou (Jiangsu)", "Suzhou (Anhui)", "Gulou (Nanjing, Jiangsu)",
"Hai'an county (Nantong, Jiangsu, until 2018)". name_en stays as it is.
Run by scripts/derive_places.py; `python scripts/place_display_names.py` applies it to
seeds/places.csv in place (no other column changes).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "places.csv"


def display_names(rows: list[dict[str, str]]) -> dict[str, str]:
    by_code = {r["place_code"]: r for r in rows}

    def en(code: str) -> str:
        return by_code[code]["name_en"] if code in by_code else ""

    def years(r: dict[str, str]) -> str:
        if r.get("valid_to"):
            return f"until {r['valid_to'][:4]}"
        return f"since {r['valid_from'][:4]}" if r.get("valid_from") else "current"

    def context(r: dict[str, str], depth: int) -> str:
        parts = []
        parent = r.get("parent_code", "")
        if depth >= 2 and parent and parent != r.get("province_code") and en(parent):
            parts.append(en(parent))
        if r.get("province_code") and r["province_code"] != r["place_code"]:
            parts.append(en(r["province_code"]))
        if depth >= 4:
            parts.append(years(r))
        if depth >= 5:
            parts.append(r["place_code"])
        return ", ".join(p for p in parts if p)

    steps: list[Callable[[dict[str, str]], str]] = [
        lambda r: r["name_en"],
        lambda r: f"{r['name_en']} ({context(r, 1)})",
        lambda r: f"{r['name_en']} ({context(r, 2)})",
        lambda r: f"{r['name_en']} {r['division_type']} ({context(r, 2)})",
        lambda r: f"{r['name_en']} {r['division_type']} ({context(r, 4)})",
        lambda r: f"{r['name_en']} ({context(r, 5)})",
    ]
    names: dict[str, str] = {}
    pending = list(rows)
    for step in steps:
        counts = Counter(step(r) for r in pending)
        taken = set(names.values())
        still = []
        for r in pending:
            name = step(r)
            if counts[name] == 1 and name not in taken:
                names[r["place_code"]] = name
            else:
                still.append(r)
        pending = still
    assert not pending, [r["place_code"] for r in pending]
    return names


def apply(path: Path = SEED) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    names = display_names(rows)
    if "display_name_en" not in fields:
        fields.insert(fields.index("name_en") + 1, "display_name_en")
    for r in rows:
        r["display_name_en"] = names[r["place_code"]]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    apply()
