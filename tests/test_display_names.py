"""Every place has an English display name unique among places ("Suzhou (Jiangsu)",
"Suzhou (Anhui)"), used by the report and exports; name_en stays as romanised."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd

from yrd.desk.export import export
from yrd.desk.readonly import connect
from yrd.desk.report import ReportOptions, render_report

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "scripts"))
from place_display_names import display_names  # noqa: E402


def seed_rows() -> list[dict[str, str]]:
    with (PROJECT / "seeds" / "places.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_seed_display_names_are_unique_and_derived() -> None:
    rows = seed_rows()
    shown = [r["display_name_en"] for r in rows]
    assert len(shown) == len(set(shown))
    by_code = {r["place_code"]: r for r in rows}
    assert by_code["320500"]["display_name_en"] == "Suzhou (Jiangsu)"
    assert by_code["341300"]["display_name_en"] == "Suzhou (Anhui)"
    assert by_code["320500"]["name_en"] == by_code["341300"]["name_en"] == "Suzhou"
    assert by_code["310000"]["display_name_en"] == "Shanghai", "unique names stay as they are"
    # The seed holds what the rule derives (the derive script and the seed agree).
    assert display_names(rows) == {r["place_code"]: r["display_name_en"] for r in rows}


def test_display_names_in_report_and_exports(built_warehouse: object, tmp_path: Path) -> None:
    con = connect(built_warehouse.warehouse)  # type: ignore[attr-defined]
    try:
        html = render_report(con, ReportOptions(lang="en"))
        ranking = html[html.index('id="ranking"'):html.index('id="city"')]
        assert "Suzhou (Jiangsu)" in ranking and "Suzhou (Anhui)" in ranking
        assert "Taizhou (Jiangsu)" in ranking and "Taizhou (Zhejiang)" in ranking
        out = tmp_path / "v.xlsx"
        export(con, "select place_code, indicator, period, value from "
                    "marts.fct_current_values where place_code in ('320500', '341300') "
                    "and indicator = 'gdp' and period = '2021' and growth_of = ''", out)
        df = pd.read_excel(out, header=1, dtype={"place_code": str})
        assert set(df["place_name_en"]) == {"Suzhou (Jiangsu)", "Suzhou (Anhui)"}
    finally:
        con.close()
