"""The document frame and the document type, on headers and sentences written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.documents.doctype import document_type
from ingest.documents.frame import document_frame
from ingest.documents.model import Document


@pytest.mark.parametrize(("title", "body", "date", "expected"), [
    ("2024年宁海县国民经济和社会发展统计公报", "全年实现地区生产总值900亿元。", (2025, 3), "2024"),
    ("Wuxi sees 6.2% GDP growth in H1", "The GDP of Wuxi grew.", (2024, 7), "2024-H1"),
    ("Jiaxing's economy in the first three quarters of 2024", "...", (2024, 10), "2024-Q1..Q3"),
    (None, "过去的一年，全市经济稳中有进。", (2024, 2), "2023"),
    (None, "Last year the city grew.", (2024, 1), "2023"),
    (None, "Last year the city grew.", (2024, 6), "2024"),  # outside the results season
    (None, "The city opened a new port.", (2024, 1), "2024"),  # nothing about a whole year
])
def test_frame_period(title, body, date, expected) -> None:
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in (title or "") + body) else "en"
    assert document_frame(title, body, lang, *date).render() == expected


def _doc(title: str | None, body: str, **header: str) -> Document:
    return Document("0" * 64, Path("x.txt"), header.get("source"), "2024-03-01", "zh", title,
                    body, header)


def test_document_type_by_its_name_or_header() -> None:
    assert document_type(_doc("2023年海宁市国民经济和社会发展统计公报", "一、综合")) == "communique"
    assert document_type(_doc(None, "Jiaxing Statistical Communique on 2023 ...")) == \
        "communique"
    assert document_type(_doc(None, "某市召开新闻发布会。", type="communique")) == "communique"
    assert document_type(_doc("海宁签约20个项目", "海宁签约20个项目。")) == "press"
    assert document_type(_doc(None, "x", source="https://tjj.example.gov.cn/tjgb/2024.html")) \
        == "communique"
