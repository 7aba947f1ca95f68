import pytest

from ingest.documents.langdetect import detect_language, normalise_tag


@pytest.mark.parametrize(("text", "lang"), [
    ("The city said that its exports of machinery were higher than in the year before.", "en"),
    ("La ville a annoncé que les exportations de machines sont en hausse pour la troisième "
     "année.", "fr"),
    ("Die Stadt teilte mit, dass die Exporte von Maschinen im Vorjahr gestiegen sind.", "de"),
    ("La ciudad anunció que las exportaciones de maquinaria crecieron por tercer año.", "es"),
    ("A cidade anunciou que as exportações de máquinas cresceram pelo terceiro ano.", "pt"),
    ("该市去年机械出口增长较快，高于全省平均水平。", "zh"),
    ("該市去年機械出口增長較快，高於全省平均水準。", "zh"),
    ("市は昨年、機械の輸出が増加したと発表した。", "ja"),
])
def test_detects_each_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_tags_are_reduced_to_the_base_language() -> None:
    assert normalise_tag("zh-Hant") == "zh"
    assert normalise_tag("pt-BR") == "pt"
    # a declared language the extractor does not read is kept, for the loader to refuse
    assert normalise_tag("ko-KR") == "ko"
    assert normalise_tag("1.0") is None
    assert normalise_tag("") is None


def test_other_scripts_are_not_read_as_english() -> None:
    assert detect_language("서울과 부산의 경제 성장률은 작년보다 높았다. " * 3) == "ko"
    assert detect_language("Экономика города выросла на пять процентов. " * 3) == "ru"
