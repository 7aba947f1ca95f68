import hashlib
from pathlib import Path

import pytest

from ingest.documents.model import DocumentError
from ingest.documents.parse import parse_document

HEADER = "source: https://example.org/a\ndate: 2023-05-02\nlang: en\ntitle: A test\n\n"
BODY = "Exports grew 4 percent in 2022.\n"


def test_plain_text_header_and_body(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(HEADER + BODY, encoding="utf-8")
    doc = parse_document(p)
    assert doc.body == BODY
    assert (doc.source, doc.date, doc.lang, doc.title) == (
        "https://example.org/a", "2023-05-02", "en", "A test")
    assert doc.doc_id == hashlib.sha256(p.read_bytes()).hexdigest()
    assert doc.name == "a"


def test_no_header_keeps_whole_text_and_detects_language(tmp_path: Path) -> None:
    p = tmp_path / "b.txt"
    p.write_text("Die Exporte stiegen im Jahr 2022 um 4 Prozent.\n", encoding="utf-8")
    doc = parse_document(p)
    assert doc.body.startswith("Die Exporte")
    assert doc.lang == "de"
    assert doc.date is None


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "c.txt"
    p.write_bytes("lang: zh\n\n全市出口增长4.2%。\n".encode(encoding))
    doc = parse_document(p)
    assert doc.body == "全市出口增长4.2%。\n"
    assert doc.lang == "zh"


def test_empty_and_undecodable_files_raise_naming_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(DocumentError, match=r"empty\.txt"):
        parse_document(empty)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x81\x30\xff\xfe\x00\x00\xff")
    with pytest.raises(DocumentError, match=r"bin\.txt"):
        parse_document(binary)


def test_html_text_meta_and_offsets(tmp_path: Path) -> None:
    p = tmp_path / "d.html"
    p.write_text(
        '<!doctype html><html lang="fr"><head><title>Bilan</title>'
        '<meta name="date" content="2024-01-10"><meta name="source" content="https://ex.fr/x">'
        "<style>p{color:red}</style><script>var x = 99;</script></head><body>"
        "<h1>Bilan</h1><p>Les exportations ont atteint <b>12,5 milliards</b> d'euros.</p>"
        "</body></html>", encoding="utf-8")
    doc = parse_document(p)
    assert (doc.lang, doc.date, doc.source, doc.title) == ("fr", "2024-01-10",
                                                          "https://ex.fr/x", "Bilan")
    assert "99" not in doc.body and "color" not in doc.body
    i = doc.body.index("12,5 milliards d'euros")
    assert doc.body[i:i + 22] == "12,5 milliards d'euros"


def test_markdown_front_matter_and_markup(tmp_path: Path) -> None:
    p = tmp_path / "e.md"
    p.write_text("---\ndate: 2023-02-01\nlang: en\n---\n# Annual report\n\n"
                 "Output rose **7 percent**, see [the table](http://x).\n", encoding="utf-8")
    doc = parse_document(p)
    assert doc.title == "Annual report"
    assert "Output rose 7 percent, see the table." in doc.body
    assert "**" not in doc.body and "http" not in doc.body
