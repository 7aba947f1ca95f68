"""Fixtures for the document extractor tests: the project's unit and indicator seeds plus a
small places fixture (so these tests do not move when seeds/places.csv grows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.documents.extract import extract_figures
from ingest.documents.model import Document, Figure
from ingest.documents.vocab import Vocabulary, vocabulary_from_files

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    seeds = ROOT / "seeds"
    return vocabulary_from_files(seeds / "units.csv", seeds / "indicators.csv",
                                 FIXTURES / "places_small.csv")


@pytest.fixture(scope="session")
def extract(vocab: Vocabulary):
    def run(lang: str, body: str, date: str | None = "2024-03-15",
            title: str | None = None) -> list[Figure]:
        doc = Document("0" * 64, Path(f"t_{lang}.txt"), None, date, lang, title, body)
        return extract_figures(doc, vocab)
    return run


def by_quote(figures: list[Figure]) -> dict[str, Figure]:
    return {f.quote: f for f in figures}


@pytest.fixture(scope="session")
def full_vocab_extract():
    """The extractor with the project's real seeds (every place level of seeds/places.csv)."""
    from ingest.documents.vocab import load_vocabulary

    vocab = load_vocabulary(ROOT)

    def run(lang: str, body: str, date: str | None = "2024-03-15",
            title: str | None = None) -> list[Figure]:
        doc = Document("0" * 64, Path(f"t_{lang}.txt"), None, date, lang, title, body)
        return extract_figures(doc, vocab)
    return run
