"""Every analysis in analyses/ is compiled by dbt and run against the built warehouse,
with checks on its result. Analyses over marts that a warehouse may not have yet
(targets_vs_actuals, figure_conflicts, revisions) skip while the mart is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from yrd.desk.queries import relation_exists, render_analysis
from yrd.desk.readonly import connect

PROJECT = Path(__file__).resolve().parents[1]
ANALYSES = PROJECT / "analyses"
DUE_YEAR = 2025  # the targets analysis is compiled for this year (default: this year)
TESTED = {
    "yrd_gdp_ranking", "kunshan_vs_county_level_cities", "central_area_growth_paths",
    "targets_due_this_year", "press_claims_in_conflict", "series_revisions",
}
STATUSES = {"achieved", "on_track", "behind", "missed", "no_actual_yet"}


@dataclass
class Compiled:
    directory: Path
    warehouse: Path

    def sql(self, name: str) -> str:
        text = (self.directory / f"{name}.sql").read_text(encoding="utf-8")
        # dbt names relations "<database>"."schema"."table"; the database is the file stem
        # of the copy it compiled against, the same stem as the published file.
        return re.sub(rf'"{re.escape(self.warehouse.stem)}"\.', "", text)


@pytest.fixture(scope="session")
def compiled_analyses(built_warehouse: object,
                      tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    """`dbt compile` of the analyses against a copy of the published warehouse."""
    root = tmp_path_factory.mktemp("analyses")
    warehouse = Path(built_warehouse.warehouse)  # type: ignore[attr-defined]
    db = root / warehouse.name
    shutil.copyfile(warehouse, db)
    env = dict(built_warehouse.env)  # type: ignore[attr-defined]
    env["YRD_BUILD_DB"] = str(db)
    dbt = Path(sys.executable).with_name("dbt")
    proc = subprocess.run(
        [str(dbt) if dbt.exists() else "dbt", "compile", "--select", "resource_type:analysis",
         "--vars", f"{{due_year: {DUE_YEAR}}}", "--project-dir", str(PROJECT),
         "--profiles-dir", str(PROJECT), "--target-path", str(root / "target"),
         "--log-path", str(root / "logs"), "--quiet"],
        env=env, cwd=PROJECT, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, f"dbt compile failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
    return Compiled(root / "target" / "compiled" / "yrd" / "analyses", warehouse)


@pytest.fixture(scope="module")
def con(built_warehouse: object) -> Iterator[duckdb.DuckDBPyConnection]:
    c = connect(built_warehouse.warehouse)  # type: ignore[attr-defined]
    yield c
    c.close()


def run(con: duckdb.DuckDBPyConnection, compiled: Compiled, name: str) -> pd.DataFrame:
    return con.execute(compiled.sql(name)).df()


def need(con: duckdb.DuckDBPyConnection, relation: str) -> None:
    if not relation_exists(con, relation):
        pytest.skip(f"{relation} is not in this warehouse yet (issue 4 adds it); "
                    "the analysis runs once it is")


def test_every_analysis_is_tested_and_compiled(compiled_analyses: Compiled) -> None:
    names = {p.stem for p in ANALYSES.glob("*.sql")}
    assert names == TESTED, f"analyses without a test here: {names - TESTED}"
    assert {p.stem for p in compiled_analyses.directory.glob("*.sql")} == names


def test_gdp_ranking_latest_complete_year(con: duckdb.DuckDBPyConnection,
                                          compiled_analyses: Compiled) -> None:
    df = run(con, compiled_analyses, "yrd_gdp_ranking")
    assert len(df) == 41
    assert df["year"].nunique() == 1
    year = int(df["year"].iloc[0])
    assert year >= 2021
    top = df.iloc[0]
    assert (top["rank"], top["place_code"], top["name_en"], top["name_zh"]) == \
        (1, "310000", "Shanghai", "上海市")
    assert df.iloc[1]["place_code"] == "320500"  # Suzhou second
    assert list(df["rank"]) == list(range(1, 42))
    assert df["gdp_100m_yuan"].is_monotonic_decreasing
    assert df["share_of_yrd_pct"].sum() == pytest.approx(100, abs=0.1)
    assert set(df["province_name_zh"]) == {"上海市", "江苏省", "浙江省", "安徽省"}
    assert df["name_zh"].notna().all() and df["name_en"].notna().all()


def test_gdp_ranking_for_a_chosen_year(con: duckdb.DuckDBPyConnection) -> None:
    sql, used = render_analysis(ANALYSES / "yrd_gdp_ranking.sql", con, {"ranking_year": 2021})
    df = con.execute(sql).df()
    assert "marts.city_comparison" in used
    assert len(df) == 41 and set(df["year"]) == {2021}
    assert df.iloc[0]["name_en"] == "Shanghai"
    # the final verified figure (最终核实), a later vintage than the export's 43214.85
    assert df.iloc[0]["gdp_100m_yuan"] == pytest.approx(43653.2, rel=1e-6)


def test_rendered_without_dbt_matches_dbt(con: duckdb.DuckDBPyConnection,
                                          compiled_analyses: Compiled) -> None:
    for name in ("yrd_gdp_ranking", "kunshan_vs_county_level_cities",
                 "central_area_growth_paths"):
        sql, _ = render_analysis(ANALYSES / f"{name}.sql", con)
        pd.testing.assert_frame_equal(con.execute(sql).df(), run(con, compiled_analyses, name))


def test_kunshan_leads_the_county_level_cities(con: duckdb.DuckDBPyConnection,
                                               compiled_analyses: Compiled) -> None:
    df = run(con, compiled_analyses, "kunshan_vs_county_level_cities")
    assert not df.empty
    # Every year in the result has Kunshan in it (the join is on Kunshan's years).
    assert (df.groupby("year")["is_focus"].sum() == 1).all()
    y2021 = df[df["year"] == 2021].sort_values("rank_among_county_level_cities")
    assert len(y2021) >= 2
    first = y2021.iloc[0]
    assert (first["place_code"], first["name_zh"], first["is_focus"]) == ("320583", "昆山市", True)
    assert first["rank_among_county_level_cities"] == 1
    assert first["ratio_to_focus"] == pytest.approx(1.0)
    assert (y2021.iloc[1:]["ratio_to_focus"] < 1).all()
    smaller = con.execute(
        "select count(*) from marts.city_comparison where comparison_group = 'city' "
        "and year = 2021 and gdp < (select gdp from marts.city_comparison "
        "where place_code = '320583' and year = 2021)").fetchone()[0]
    assert first["focus_larger_than_yrd_cities"] == smaller > 15
    assert first["yrd_cities_ranked"] == 41


def test_central_area_growth_paths(con: duckdb.DuckDBPyConnection,
                                   compiled_analyses: Compiled) -> None:
    df = run(con, compiled_analyses, "central_area_growth_paths")
    central = {r[0] for r in con.execute(
        "select place_code from marts.dim_place where yrd_central_area").fetchall()}
    assert len(central) == 27
    assert set(df["place_code"]) == central
    for code, path in df.groupby("place_code"):
        path = path.sort_values("year")
        assert len(path) >= 20, f"{code}: a short growth path ({len(path)} years)"
        assert path.iloc[0]["nominal_index"] == pytest.approx(100.0), code
        assert path["year"].max() >= 2021, code
        last = path.iloc[-1]
        span = last["year"] - last["base_year"]
        assert (1 + last["nominal_cagr_pct"] / 100) ** span * 100 == pytest.approx(
            last["nominal_index"], rel=0.01), code
    sh = df[(df["place_code"] == "310000") & (df["year"] == 2000)].iloc[0]
    assert sh["real_index"] == pytest.approx(100.0)
    # Anhui's central-area cities start in 1996 in the yearbook: base 2000 for all.
    assert set(df.groupby("place_code")["base_year"].first()) == {2000}
    # The real index grows more slowly than the nominal one (prices rose since 2000).
    sh21 = df[(df["place_code"] == "310000") & (df["year"] == 2021)].iloc[0]
    assert 100 < sh21["real_index"] < sh21["nominal_index"]


def test_targets_due(con: duckdb.DuckDBPyConnection, compiled_analyses: Compiled) -> None:
    need(con, "marts.targets_vs_actuals")
    df = run(con, compiled_analyses, "targets_due_this_year")
    expected = con.execute("select count(*) from marts.targets_vs_actuals "
                           "where horizon_year = ?", [DUE_YEAR]).fetchone()[0]
    assert len(df) == expected
    assert set(df["horizon_year"]) <= {DUE_YEAR}
    assert set(df["status"]) <= STATUSES
    both = df.dropna(subset=["latest_actual_value", "target_value"])
    assert ((both["attainment_pct"] - 100 * both["latest_actual_value"] / both["target_value"])
            .abs() < 0.1).all()
    assert df["indicator_name_zh"].notna().all()
    # The default (this calendar year) renders and runs too.
    sql, _ = render_analysis(ANALYSES / "targets_due_this_year.sql", con)
    con.execute(sql).fetchall()


def test_press_claims_in_conflict(con: duckdb.DuckDBPyConnection,
                                  compiled_analyses: Compiled) -> None:
    need(con, "marts.figure_conflicts")
    df = run(con, compiled_analyses, "press_claims_in_conflict")
    assert len(df) == con.execute("select count(*) from marts.figure_conflicts").fetchone()[0]
    assert set(df["status"]) <= {"conflict"}
    assert (df["official_value"].notna()).all()
    assert (df["stated_value"] != df["official_value"]).all()
    assert df["difference_pct"].abs().is_monotonic_decreasing


def test_series_revisions(con: duckdb.DuckDBPyConnection, compiled_analyses: Compiled) -> None:
    need(con, "marts.revisions")
    df = run(con, compiled_analyses, "series_revisions")
    expected = con.execute(
        "select count(*) from marts.revisions where place_code = '320583' "
        "and indicator = 'gdp' and coalesce(sector, '') = ''").fetchone()[0]
    assert len(df) == expected
    assert set(df["place_code"]) <= {"320583"} and set(df["indicator"]) <= {"gdp"}
    assert ((df["to_value"] - df["from_value"] - df["change"]).abs()
            <= 1e-6 * df["from_value"].abs().clip(lower=1)).all()
    if len(df):
        assert set(df["place_name_zh"]) == {"昆山市"}
