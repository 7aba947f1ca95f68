"""Score extracted figures against a gold CSV (the columns of LABELS.md).

A predicted figure matches a gold figure of the same document when their [start, end) spans
overlap; matching is one-to-one, largest overlap first. Reported: span precision, recall and
F1; among matches, exact value+unit and the accuracy of geo, indicator, period, kind and
qualifier; overall and per language; and the misses.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ingest.documents.model import Figure

ATTRIBUTES = ("geo", "indicator", "period", "kind", "qualifier")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    value_unit: int = 0
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

    def as_dict(self) -> dict[str, object]:
        def one(s: Score) -> dict[str, float | int]:
            out: dict[str, float | int] = {
                "tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                "value_unit": round(s.accuracy("value_unit"), 4)}
            out.update({a: round(s.accuracy(a), 4) for a in ATTRIBUTES})
            return out
        return {"overall": one(self.overall),
                "by_language": {k: one(v) for k, v in sorted(self.by_language.items())},
                "misses": [m.__dict__ for m in self.misses]}

    def markdown(self, by_language: bool = True, misses: int = 20) -> str:
        head = ["scope", "gold", "pred", "P", "R", "F1", "value+unit", *ATTRIBUTES]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        rows = [("all", self.overall)]
        if by_language:
            rows += sorted(self.by_language.items())
        for name, s in rows:
            cells = [name, str(s.tp + s.fn), str(s.tp + s.fp), f"{s.precision:.3f}",
                     f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.accuracy('value_unit'):.3f}"]
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
             languages: dict[str, str]) -> EvalResult:
    overall = Score()
    by_lang: dict[str, Score] = defaultdict(Score)
    misses: list[Miss] = []
    mismatches: list[Miss] = []
    for doc in sorted(set(gold) | set(predicted)):
        g_rows, p_rows = gold.get(doc, []), predicted.get(doc, [])
        lang = languages.get(doc, "?")
        pairs = _pairs(g_rows, p_rows)
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
        for i, j in pairs:
            g, p = g_rows[i], p_rows[j]
            ok_vu = _same_value(g["value"], p.value) and g["unit"] == p.unit
            for score in (overall, by_lang[lang]):
                score.value_unit += ok_vu
            if not ok_vu:
                mismatches.append(Miss("value_unit", doc, p.start, p.quote,
                                       f"{g['value']} {g['unit']}", f"{p.value} {p.unit}"))
            for a in ATTRIBUTES:
                ok = g.get(a, "") == str(getattr(p, a))
                for score in (overall, by_lang[lang]):
                    score.attrs[a] += ok
                if not ok:
                    mismatches.append(Miss(a, doc, p.start, p.quote, g.get(a, ""),
                                           str(getattr(p, a))))
    misses.sort(key=lambda m: (m.doc, m.start))
    return EvalResult(overall, dict(by_lang), misses, mismatches)


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


def run(gold_csv: Path, docs_dir: Path, vocab=None) -> EvalResult:
    from ingest.documents.extract import extract_figures
    from ingest.documents.parse import parse_document

    gold = read_gold(gold_csv)
    predicted: dict[str, list[Figure]] = {}
    languages: dict[str, str] = {}
    for path in document_paths([Path(docs_dir)]):
        doc = parse_document(path)
        predicted[doc.name] = extract_figures(doc, vocab)
        languages[doc.name] = doc.lang
    return evaluate(gold, predicted, languages)
