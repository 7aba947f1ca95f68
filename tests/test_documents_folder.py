"""A user's own folder of documents: parsed, extracted and loaded with provenance;
re-running adds nothing; a changed document is a new version beside the old."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.load import ensure_raw_schema
from ingest.sources.documents import load_folder

RELEASE = (
    "source: https://example.org/releases/ningbo-2023\n"
    "date: 2024-02-01\n"
    "lang: en\n"
    "\n"
    "Ningbo's GDP reached 1,645.28 billion yuan in 2023, up 5.5 percent year on year.\n"
)


def load(con: duckdb.DuckDBPyConnection, folder: Path) -> tuple[int, int]:
    report = load_folder(con, folder, "test")
    return report.loaded, report.unchanged


def test_folder_documents_load_once_and_versions_accumulate(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ningbo.txt").write_text(RELEASE, encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(con)

    assert load(con, folder) == (1, 0)
    doc = con.execute("select doc_id, source, date, lang, text from raw.documents").fetchall()
    assert len(doc) == 1 and doc[0][1].endswith("ningbo-2023") and doc[0][2] == "2024-02-01"
    body = doc[0][4]
    figures = con.execute(
        'select quote, "start", "end", value, unit, place_code, indicator, period '
        "from raw.document_figures order by cast(\"start\" as integer)"
    ).fetchall()
    gdp = next(f for f in figures if f[6] == "gdp")
    # the offsets point at the quote in the stored text
    assert body[int(gdp[1]):int(gdp[2])] == gdp[0] == "1,645.28 billion yuan"
    assert float(gdp[3]) == 1_645_280_000_000 and gdp[4] == "CNY"
    assert gdp[5] == "330200" and gdp[7] == "2023"  # Ningbo, by the places seed

    assert load(con, folder) == (0, 1)  # unchanged: nothing twice
    assert con.execute("select count(*) from raw.documents").fetchone()[0] == 1

    (folder / "ningbo.txt").write_text(RELEASE.replace("5.5 percent", "5.6 percent"),
                                       encoding="utf-8")
    assert load(con, folder) == (1, 0)  # changed: a new version
    assert con.execute("select count(distinct doc_id) from raw.documents").fetchone()[0] == 2
    con.close()
