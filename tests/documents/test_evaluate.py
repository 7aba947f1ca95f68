from ingest.documents.evaluate import evaluate
from ingest.documents.model import Figure


def _gold(start: int, end: int, quote: str, value: str, unit: str = "CNY",
          **kw: str) -> dict[str, str]:
    row = {"doc": "d", "start": str(start), "end": str(end), "quote": quote, "value": value,
           "unit": unit, "geo": "Wuxi", "indicator": "gdp", "period": "2023", "kind": "actual",
           "qualifier": "eq"}
    row.update(kw)
    return row


def _pred(start: int, end: int, quote: str, value: str, unit: str = "CNY", **kw) -> Figure:
    f = Figure("d", start, end, quote, value, unit, geo="Wuxi", indicator="gdp",
               period="2023")
    for k, v in kw.items():
        setattr(f, k, v)
    return f


def test_overlap_matching_is_one_to_one_and_scores_labels() -> None:
    gold = {"d": [_gold(0, 10, "5 billion", "5000000000"), _gold(20, 24, "3.1%", "3.1",
                                                                 "percent"),
                  _gold(40, 45, "7 km", "7", "km")]}
    pred = {"d": [_pred(0, 8, "5 billio", "5000000000"), _pred(2, 9, "billion", "1"),
                  _pred(20, 24, "3.1%", "3.1", "percent", period="2022"),
                  _pred(60, 62, "xx", "1")]}
    r = evaluate(gold, pred, {"d": "en"})
    s = r.overall
    assert (s.tp, s.fp, s.fn) == (2, 2, 1)
    assert round(s.precision, 3) == 0.5 and round(s.recall, 3) == 0.667
    assert s.accuracy("value_unit") == 1.0
    assert s.accuracy("period") == 0.5
    assert {m.kind for m in r.misses} == {"FN", "FP"}
    assert "| all | 3 | 4 |" in r.markdown()
    assert set(r.by_language) == {"en"}


def test_fully_right_counts_gold_figures_whose_landing_is_all_right() -> None:
    gold = {"d": [_gold(0, 10, "5 billion", "5000000000"),
                  _gold(20, 24, "3.1%", "3.1", "percent", indicator="gdp_growth"),
                  _gold(40, 45, "7 km", "7", "km", indicator="other"),
                  _gold(60, 64, "9.9%", "9.9", "percent", indicator="gdp_growth")]}
    pred = {"d": [_pred(0, 10, "5 billion", "5000000000"),
                  _pred(20, 24, "3.1%", "3.1", "percent", indicator="gdp_growth",
                        geo="Nanjing"),  # wrong place: lands elsewhere
                  _pred(40, 45, "7 km", "7", "km", indicator="other", kind="target")]}
    r = evaluate(gold, pred, {"d": "en"})
    assert r.overall.fully == 2  # kind is not part of where a figure lands; 9.9% was missed
    assert r.overall.fully_right == 0.5
    assert r.by_indicator["gdp_growth"].fully_right == 0.0
    assert r.by_indicator["gdp"].fully_right == 1.0
    assert "fully right" in r.markdown(by_indicator=True)
    assert "indicator=gdp_growth" in r.markdown(by_indicator=True)


def test_core_scoring_leaves_out_unlabelled_non_core_predictions() -> None:
    gold = {"d": [_gold(0, 10, "5 billion", "5000000000")]}
    pred = {"d": [_pred(0, 10, "5 billion", "5000000000"),
                  _pred(30, 40, "12 patents", "12", "count", indicator="other"),
                  _pred(50, 55, "4.4%", "4.4", "percent", indicator="retail_sales")]}
    full = evaluate(gold, pred, {"d": "zh"})
    core = evaluate(gold, pred, {"d": "zh"}, core=True)
    assert (full.overall.fp, core.overall.fp) == (2, 1)  # the core retail figure still counts
    assert core.overall.fully_right == 1.0
