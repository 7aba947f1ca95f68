"""Integration: the extractor against the hand-labelled corpus in ../shared (skipped when
that folder is absent). The texts are read from there, never copied into the project."""

import pytest

from ingest.documents.evaluate import run
from ingest.documents.ship import SHIP_COLUMNS, corpus_figure_rows
from ingest.documents.vocab import default_vocabulary
from tests.documents.conftest import ROOT, SHARED

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SHARED / "gold.csv").exists(), reason="../shared/corpus absent"),
]


@pytest.fixture(scope="module")
def corpus_vocab(vocab):
    return default_vocabulary() if (ROOT / "seeds" / "places.csv").exists() else vocab


def test_meets_the_quality_bar(corpus_vocab) -> None:
    result = run(SHARED / "gold.csv", SHARED / "docs", corpus_vocab)
    s = result.overall
    assert s.f1 >= 0.90, result.markdown()
    assert s.accuracy("value_unit") >= 0.95, result.markdown()
    for lang, score in result.by_language.items():
        assert score.f1 >= 0.80, f"{lang}: {result.markdown()}"


def test_labels_that_decide_where_a_figure_lands(corpus_vocab) -> None:
    result = run(SHARED / "gold.csv", SHARED / "docs", corpus_vocab)
    for name in ("geo", "indicator", "period"):
        assert result.overall.accuracy(name) >= 0.95, f"{name}: {result.markdown()}"


@pytest.mark.skipif(not (SHARED / "communiques" / "gold.csv").exists(),
                    reason="../shared/corpus/communiques absent")
def test_communique_core_figures_land_fully_right(corpus_vocab) -> None:
    folder = SHARED / "communiques"
    result = run(folder / "gold.csv", folder / "docs", corpus_vocab, core=True)
    assert result.overall.fully_right >= 0.95, result.markdown(misses=40)


def test_ship_rows_carry_provenance_not_text(corpus_vocab) -> None:
    rows = corpus_figure_rows(SHARED / "docs", corpus_vocab)
    assert rows and set(rows[0]) == set(SHIP_COLUMNS)
    longest = max(len(str(r["quote"])) for r in rows)
    assert longest < 80  # number phrases only, never sentences
