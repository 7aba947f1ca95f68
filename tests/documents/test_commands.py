import argparse
import csv
import io
import json
from pathlib import Path

from ingest.documents.model import GOLD_COLUMNS
from yrd.desk.documents import register


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="yrd")
    register(p.add_subparsers())
    return p


def test_extract_csv_has_exactly_the_gold_columns(tmp_path: Path, capsys) -> None:
    doc = tmp_path / "report_en.txt"
    doc.write_text("date: 2023-04-01\nlang: en\n\nWuxi's GDP rose 6 percent in 2022.\n",
                   encoding="utf-8")
    args = _parser().parse_args(["extract", str(tmp_path), "--format", "csv"])
    assert args.func(args) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0].keys()) == GOLD_COLUMNS
    assert (rows[0]["doc"], rows[0]["quote"], rows[0]["value"]) == ("report_en", "6 percent",
                                                                    "6")


def test_extract_json_to_file_and_bad_file_exit_code(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("lang: zh\n\n全市出口增长4.2%。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out" / "figs.json"
    args = _parser().parse_args(["extract", str(tmp_path), "--format", "json", "-o", str(out)])
    assert args.func(args) == 1  # the empty file is reported, the good one still extracted
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data[0]["value"] == "4.2" and "place_code" in data[0] and "flags" in data[0]


def test_eval_prints_a_table(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "d.txt").write_text("date: 2023\nlang: en\n\nExports rose 4 percent.\n",
                                encoding="utf-8")
    gold = tmp_path / "gold.csv"
    gold.write_text(",".join(GOLD_COLUMNS) + "\nd,13,22,4 percent,4,percent,,,exports,,2023,"
                    "actual,eq,0,exports\n", encoding="utf-8")
    md = tmp_path / "r.md"
    args = _parser().parse_args(["eval", str(gold), str(docs), "--by-language", "--misses",
                                 "5", "-o", str(md)])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "| all | 1 | 1 | 1.000 | 1.000 | 1.000 | 1.000 |" in out
    assert md.read_text(encoding="utf-8") == out
