"""End-to-end: a real build of the shipped data, queried as an economist would.

Expected values are read from the shipped input files, never typed in here, so the
tests fail if the pipeline loses, converts or attributes a figure wrongly.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def con(built_warehouse):
    c = duckdb.connect(str(built_warehouse.warehouse), read_only=True)
    yield c
    c.close()


def yearbook_row(year: int, code: str) -> tuple[int, dict[str, str]]:
    path = ROOT / "data" / "yearbook" / "city_gdp.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            if row["Sgnyea"] == str(year) and row["Ctnm_id"] == code:
                return reader.line_num, row
    raise AssertionError(f"no yearbook row for {code} {year}")


def test_city_gdp_2021_matches_the_yearbook(con):
    # Shanghai's 2021 figure in the export is the preliminary one; the bureau's final
    # verified figure (43653.2) is a later vintage and current (tests/test_communique_data.py).
    for code in ("320500", "320100"):
        _, row = yearbook_row(2021, code)
        got = con.execute(
            "select gdp, gdp_100m_yuan from marts.city_comparison "
            "where place_code = ? and year = 2021", [code]
        ).fetchone()
        assert got is not None, code
        assert got[0] == pytest.approx(float(row["Gdpct01"]) * 1e8, rel=1e-12)
        assert got[1] == pytest.approx(float(row["Gdpct01"]), rel=1e-12)


def test_2021_ranking_of_the_41_cities(con):
    rows = con.execute(
        "select place_code, gdp, rank_in_yrd from marts.city_comparison "
        "where year = 2021 and comparison_group = 'city' order by rank_in_yrd"
    ).fetchall()
    assert len(rows) == 41
    assert [r[2] for r in rows] == list(range(1, 42))
    gdps = [r[1] for r in rows]
    assert gdps == sorted(gdps, reverse=True)
    # the top city is the one with the largest GDP in the input file
    with (ROOT / "data/yearbook/city_gdp.csv").open(encoding="utf-8") as fh:
        top = max((r for r in csv.DictReader(fh) if r["Sgnyea"] == "2021"),
                  key=lambda r: float(r["Gdpct01"] or 0))
    assert rows[0][0] == top["Ctnm_id"]
    share = con.execute(
        "select sum(share_of_yrd_pct) from marts.city_comparison "
        "where year = 2021 and comparison_group = 'city'"
    ).fetchone()[0]
    assert share == pytest.approx(100.0)


def test_kunshan_gdp_2019_2024_traces_to_its_source_line(con):
    rows = con.execute(
        "select cv.period, cv.value, o.source_file, o.source_line, cv.chosen_observation_id "
        "from marts.fct_current_values cv join marts.fct_observations o "
        "on o.observation_id = cv.chosen_observation_id "
        "where cv.place_code = '320583' and cv.indicator = 'gdp' and cv.unit = 'CNY' "
        "and cv.growth_of = '' and cv.period between '2019' and '2024' order by period"
    ).fetchall()
    assert [r[0] for r in rows] == [str(y) for y in range(2019, 2025)]
    for period, value, source_file, source_line, _ in rows:
        lines = (ROOT / source_file).read_text(encoding="utf-8").splitlines()
        record = next(csv.DictReader([lines[0], lines[source_line - 1]]))
        assert record["place_code"] == "320583" and record["period"] == period
        assert record["unit"] == "亿元"
        assert float(record["value"]) * 1e8 == pytest.approx(value, rel=1e-12)


def test_every_yearbook_observation_points_at_its_line(con):
    rows = con.execute(
        "select source_file, source_line, source_field, value_as_written "
        "from marts.fct_observations where source_type = 'yearbook'"
    ).fetchall()
    assert len(rows) > 10_000
    files: dict[str, dict[int, dict[str, str]]] = {}
    for source_file, line, field, written in rows:
        if source_file not in files:
            with (ROOT / source_file).open(encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                by_line: dict[int, dict[str, str]] = {}
                for record in reader:
                    by_line[reader.line_num] = record
                files[source_file] = by_line
        assert files[source_file][line][field].strip() == written, (source_file, line, field)


def test_unit_slip_is_found_and_corrected_with_provenance(con):
    failed = con.execute(
        "select sample_rows from meta.quality_results where suite = 'gdp_sector_consistency' "
        "and not success"
    ).fetchall()
    samples = [row for (s,) in failed for row in json.loads(s)]
    assert any(r.get("place_code") == "310000" and r.get("year") == 2020 for r in samples)
    current = con.execute(
        "select source_type, value from marts.fct_current_values where place_code = '310000' "
        "and indicator = 'value_added' and sector = 'secondary industry' and unit = 'CNY' "
        "and period = '2020'"
    ).fetchone()
    _, row = yearbook_row(2020, "310000")
    assert current[0] == "correction"
    assert current[1] == pytest.approx(float(row["GDP_SecInd"]) * 1e8)
    original = con.execute(
        "select value, quality_flags from marts.fct_observations where source_type = 'yearbook' "
        "and place_code = '310000' and period = '2020' and source_field = 'GDP_SecInd'"
    ).fetchone()
    assert original[0] == pytest.approx(float(row["GDP_SecInd"]) * 1e4)  # kept as written
    assert "superseded_by_correction" in original[1]


def test_findings_cover_the_known_problem_kinds(con):
    suites = {s for (s,) in con.execute(
        "select distinct suite from meta.quality_results where not success "
        "and severity = 'warning'").fetchall()}
    for expected in ("gdp_sector_consistency", "year_on_year_plausibility", "completeness",
                     "place_names", "structural_breaks", "per_capita_consistency"):
        assert expected in suites
    blocking = con.execute(
        "select count(*) from meta.quality_results where not success and severity = 'error'"
    ).fetchone()[0]
    assert blocking == 0


def test_kunshan_metaverse_target(con):
    row = con.execute(
        "select horizon, status, target_value from marts.targets_vs_actuals "
        "where place_code = '320583' and indicator = 'industry_scale' and sector = 'metaverse'"
    ).fetchone()
    assert row is not None
    assert row[0] == "2025"
    assert row[1] == "no_actual_yet"  # nothing reports the 2025 metaverse output
    assert row[2] == pytest.approx(1e11)


def test_revisions_and_as_of(con):
    n = con.execute(
        "select count(*) from marts.revisions where place_code = '320583' and indicator = 'gdp' "
        "and period = '2020' and unit = 'CNY'"
    ).fetchone()[0]
    assert n >= 1
    dated = con.execute(
        "select min(published_date) from marts.fct_observations where place_code = '320583' "
        "and indicator = 'gdp' and unit = 'CNY' and published_date is not null"
    ).fetchone()[0]
    before = con.execute(
        "select count(*) from marts.observations_as_of(cast(? as date) - 1) "
        "where place_code = '320583' and indicator = 'gdp'", [dated]
    ).fetchone()[0]
    on = con.execute(
        "select count(*) from marts.observations_as_of(cast(? as date)) "
        "where place_code = '320583' and indicator = 'gdp'", [dated]
    ).fetchone()[0]
    assert on > before


def test_yrd_sql_answers_read_only(built_warehouse):
    env = built_warehouse.env
    out = subprocess.run(
        [sys.executable, "-m", "yrd.cli", "sql",
         "select name_en, gdp_100m_yuan from marts.city_comparison "
         "where year = 2021 and place_code = '320500'", "--format", "csv"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )
    assert out.returncode == 0, out.stderr
    _, row = yearbook_row(2021, "320500")
    assert out.stdout.splitlines()[1] == f"Suzhou,{float(row['Gdpct01'])}"
    bad = subprocess.run(
        [sys.executable, "-m", "yrd.cli", "sql", "delete from marts.city_comparison"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )
    assert bad.returncode != 0


def test_press_statements_of_kunshan_2021_gdp_reconcile(con):
    rows = con.execute(
        "select r.stated_as_written, r.qualifier, r.status, r.official_value, o.value "
        "from marts.figure_reconciliation as r "
        "join marts.fct_observations as o on o.observation_id = r.official_observation_id "
        "where r.place_code = '320583' and r.indicator = 'gdp' and r.period = '2021' "
        "and r.unit = 'CNY'"
    ).fetchall()
    assert len(rows) >= 4  # the release in several languages
    assert {r[1] for r in rows} >= {"gt", "eq"}  # "exceeded 470 billion" and "474.81 billion"
    assert all(r[2] == "consistent" for r in rows), rows
    assert all(r[3] == r[4] for r in rows)
    # the official side is the communiqué figure in the shipped file
    with (ROOT / "data/figures/official_figures.csv").open(encoding="utf-8") as fh:
        official = [r for r in csv.DictReader(fh) if r["place_code"] == "320583"
                    and r["indicator"] == "gdp" and r["period"] == "2021" and r["unit"] == "亿元"]
    assert official and all(float(o["value"]) * 1e8 == pytest.approx(rows[0][3]) for o in official)


def test_dbt_log_keeps_results_not_every_statement(built_warehouse):
    """yrd build runs dbt with its file log at info (yrd/build/dbt_runner.py): each node's
    result is in build/logs/dbt.log, the statements of the debug level are not."""
    if built_warehouse.env.get("DBT_LOG_LEVEL_FILE"):
        pytest.skip("DBT_LOG_LEVEL_FILE is set: dbt's level applies")
    log = (built_warehouse.build_dir / "logs" / "dbt.log").read_text(encoding="utf-8")
    assert " PASS " in log
    assert "OK created" in log
    assert "[debug]" not in log
