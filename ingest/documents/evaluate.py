"""Score extracted figures against a gold CSV (the columns of LABELS.md).

A predicted figure matches a gold figure of the same document when their [start, end) spans
overlap; matching is one-to-one, largest overlap first. Reported: span precision, recall and
F1; among matches, exact value+unit and the accuracy of geo, indicator, period, kind and
qualifier; overall and per language; and the misses.

What decides where a figure lands in the warehouse is whether value, unit, place, indicator and
period are all right at once: `fully` counts those gold figures (an unmatched gold figure is not
right), over all gold figures, per language and per gold indicator. A core-only gold set (the
communiqués label only the core indicators) is scored with `core=True`: predictions whose
indicator is not a core one are left out of precision.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ingest.documents.model import Figure

ATTRIBUTES = ("geo", "indicator", "period", "kind", "qualifier")
LANDING = ("geo", "indicator", "period")  # with value and unit: where the figure lands
CORE_INDICATORS = frozenset({
    "gdp", "gdp_growth", "gdp_per_capita", "value_added", "budget_revenue", "retail_sales",
    "population", "investment", "trade", "exports", "imports", "income"})


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    value_unit: int = 0
    fully: int = 0  # gold figures whose value, unit, geo, indicator and period are all right
    attrs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        n = self.value_unit if name == "value_unit" else self.attrs[name]
        return n / self.tp if self.tp else 0.0

    @property
    def fully_right(self) -> float:
        """Share of the gold figures that land fully right (missed ones count as wrong)."""
        gold = self.tp + self.fn
        return self.fully / gold if gold else 0.0


@dataclass(frozen=True)
class Miss:
    kind: str  # FN (gold not found), FP (predicted, not in gold), or an attribute name
    doc: str
    start: int
    quote: str
    expected: str = ""
    got: str = ""


@dataclass
class EvalResult:
    overall: Score
    by_language: dict[str, Score]
    misses: list[Miss]
    mismatches: list[Miss]
    by_indicator: dict[str, Score] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        def one(s: Score) -> dict[str, float | int]:
            out: dict[str, float | int] = {
                "tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                "value_unit": round(s.accuracy("value_unit"), 4),
                "fully_right": round(s.fully_right, 4)}
            out.update({a: round(s.accuracy(a), 4) for a in ATTRIBUTES})
            return out
        return {"overall": one(self.overall),
                "by_language": {k: one(v) for k, v in sorted(self.by_language.items())},
                "by_indicator": {k: one(v) for k, v in sorted(self.by_indicator.items())},
                "misses": [m.__dict__ for m in self.misses]}

    def markdown(self, by_language: bool = True, misses: int = 20,
                 by_indicator: bool = False) -> str:
        head = ["scope", "gold", "pred", "P", "R", "F1", "fully right", "value+unit",
                *ATTRIBUTES]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        rows = [("all", self.overall)]
        if by_language:
            rows += sorted(self.by_language.items())
        if by_indicator:
            rows += [(f"indicator={k}", v) for k, v in sorted(self.by_indicator.items())]
        for name, s in rows:
            cells = [name, str(s.tp + s.fn), str(s.tp + s.fp), f"{s.precision:.3f}",
                     f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.fully_right:.3f}",
                     f"{s.accuracy('value_unit'):.3f}"]
            cells += [f"{s.accuracy(a):.3f}" for a in ATTRIBUTES]
            lines.append("| " + " | ".join(cells) + " |")
        if misses and (self.misses or self.mismatches):
            lines += ["", "| miss | doc | start | quote | expected | got |",
                      "|---|---|---|---|---|---|"]
            for m in (self.misses + self.mismatches)[:misses]:
                q = m.quote.replace("|", "\\|")
                lines.append(f"| {m.kind} | {m.doc} | {m.start} | {q} | {m.expected} | {m.got} |")
        return "\n".join(lines) + "\n"


def read_gold(path: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["doc"]].append(row)
    return out


def _same_value(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except (InvalidOperation, ValueError):
        return a == b


def _pairs(gold: list[dict[str, str]], pred: list[Figure]) -> list[tuple[int, int]]:
    cands = []
    for i, g in enumerate(gold):
        gs, ge = int(g["start"]), int(g["end"])
        for j, p in enumerate(pred):
            overlap = min(ge, p.end) - max(gs, p.start)
            if overlap > 0:
                cands.append((-overlap, abs(gs - p.start), i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _o, _d, i, j in sorted(cands):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def evaluate(gold: dict[str, list[dict[str, str]]], predicted: dict[str, list[Figure]],
             languages: dict[str, str], core: bool = False) -> EvalResult:
    overall = Score()
    by_lang: dict[str, Score] = defaultdict(Score)
    by_ind: dict[str, Score] = defaultdict(Score)
    misses: list[Miss] = []
    mismatches: list[Miss] = []
    for doc in sorted(set(gold) | set(predicted)):
        g_rows, p_rows = gold.get(doc, []), predicted.get(doc, [])
        lang = languages.get(doc, "?")
        pairs = _pairs(g_rows, p_rows)
        if core:  # unlabelled non-core figures are neither hits nor false positives
            matched = {j for _, j in pairs}
            keep = [j for j, p in enumerate(p_rows) if j in matched or
                    p.indicator in CORE_INDICATORS]
            index = {j: k for k, j in enumerate(keep)}
            p_rows = [p_rows[j] for j in keep]
            pairs = [(i, index[j]) for i, j in pairs]
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for score in (overall, by_lang[lang]):
            score.tp += len(pairs)
            score.fn += len(g_rows) - len(matched_g)
            score.fp += len(p_rows) - len(matched_p)
        for i, g in enumerate(g_rows):
            if i not in matched_g:
                misses.append(Miss("FN", doc, int(g["start"]), g["quote"]))
        for j, p in enumerate(p_rows):
            if j not in matched_p:
                misses.append(Miss("FP", doc, p.start, p.quote))
        for i, g in enumerate(g_rows):
            by_ind[g.get("indicator", "")].tp += i in matched_g
            by_ind[g.get("indicator", "")].fn += i not in matched_g
        for j, p in enumerate(p_rows):
            if j not in matched_p:
                by_ind[p.indicator].fp += 1
        for i, j in pairs:
            g, p = g_rows[i], p_rows[j]
            ok_vu = _same_value(g["value"], p.value) and g["unit"] == p.unit
            lands = ok_vu and all(g.get(a, "") == str(getattr(p, a)) for a in LANDING)
            for score in (overall, by_lang[lang], by_ind[g.get("indicator", "")]):
                score.value_unit += ok_vu
                score.fully += lands
            if not ok_vu:
                mismatches.append(Miss("value_unit", doc, p.start, p.quote,
                                       f"{g['value']} {g['unit']}", f"{p.value} {p.unit}"))
            for a in ATTRIBUTES:
                ok = g.get(a, "") == str(getattr(p, a))
                for score in (overall, by_lang[lang], by_ind[g.get("indicator", "")]):
                    score.attrs[a] += ok
                if not ok:
                    mismatches.append(Miss(a, doc, p.start, p.quote, g.get(a, ""),
                                           str(getattr(p, a))))
    misses.sort(key=lambda m: (m.doc, m.start))
    return EvalResult(overall, dict(by_lang), misses, mismatches, dict(by_ind))


DOC_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def document_paths(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower()
                          in DOC_SUFFIXES)
        else:
            out.append(p)
    return out


def run(gold_csv: Path, docs_dir: Path, vocab=None, core: bool = False) -> EvalResult:
    from ingest.documents.extract import extract_figures
    from ingest.documents.parse import parse_document

    gold = read_gold(gold_csv)
    predicted: dict[str, list[Figure]] = {}
    languages: dict[str, str] = {}
    for path in document_paths([Path(docs_dir)]):
        doc = parse_document(path)
        predicted[doc.name] = extract_figures(doc, vocab)
        languages[doc.name] = doc.lang
    return evaluate(gold, predicted, languages, core=core)
