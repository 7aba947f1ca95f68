"""Throughput of the document figure extractor on a generated multilingual corpus.

The corpus is recombined from sentence templates written here (never from the shared texts):
documents in en, fr, de, es, pt, zh and ja with money, rates, counts, periods and non-figures.
One process, one core. A baseline in the same run (read + decode + a digit regex over the same
files) gives a machine-independent ratio. Results go to bench/results/extract-<time>.json.

    python bench/bench_extract.py [--mb 20] [--seed 7] [--against HEAD] [--rounds 3]

--against REV also loads the extractor (ingest/documents and seeds) of git revision REV under
another package name and times both in the same process, round by round in alternating order,
so a busy shared machine slows both alike; the ratio of their CPU times is the speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CITIES = {"en": ["Wuxi", "Nantong", "Hangzhou", "Hefei", "Ningbo", "Suzhou", "Kunshan"],
          "zh": ["无锡", "南通", "杭州", "合肥", "宁波", "苏州", "昆山"],
          "ja": ["無錫", "南通", "杭州", "合肥", "寧波", "蘇州", "昆山"]}
# Narrative without figures: real releases carry about one figure per 200 characters.
FILLER: dict[str, list[str]] = {
    "en": ["{c} has been speeding up its integration with neighbouring cities and improving its "
           "business environment.", "Officials said the new measures would support innovation "
           "in advanced manufacturing, digital services and green energy.",
           "The event brought together investors, research institutes and local enterprises."],
    "fr": ["{c} accélère son intégration régionale et améliore son environnement des affaires.",
           "Les responsables ont présenté des mesures de soutien à l'innovation industrielle."],
    "de": ["{c} beschleunigt die regionale Integration und verbessert das Geschäftsumfeld.",
           "Die Verantwortlichen stellten neue Maßnahmen zur Förderung der Innovation vor."],
    "es": ["{c} acelera su integración regional y mejora su entorno empresarial.",
           "Las autoridades presentaron nuevas medidas de apoyo a la innovación industrial."],
    "pt": ["{c} acelera sua integração regional e melhora o ambiente de negócios.",
           "As autoridades apresentaram novas medidas de apoio à inovação industrial."],
    "zh": ["{c}持续优化营商环境,加快推进区域一体化发展,推动产业转型升级和科技创新。",
           "会上,多家企业代表围绕数字经济、智能制造和绿色发展进行了交流。"],
    "ja": ["{c}は地域統合を加速し、ビジネス環境の改善に取り組んでいる。",
           "会議では、デジタル経済やスマート製造について意見が交わされた。"],
}
TEMPLATES: dict[str, list[str]] = {
    "en": [
        "In {y}, {c}'s GDP reached {d} billion yuan, up {p} percent year on year.",
        "Exports fell {p} percent, while imports rose by {p2} percent over the period.",
        "The city signed {n} projects with a total investment of over {d} billion yuan "
        "(about {d2} billion U.S. dollars).",
        "{c} aims to attract {n} Fortune 500 companies and build {n2} industrial parks by {y2}.",
        "Founded in {y0}, the zone celebrated its 30th anniversary on May 5 at Hall {n}.",
        "Retail sales of consumer goods grew {p}% in the first {m} months of {y}.",
    ],
    "fr": [
        "En {y}, le PIB de {c} a atteint {d} milliards de yuans, en hausse de {p} %.",
        "La ville a signé {n} projets représentant plus de {d} milliards de yuans "
        "(environ {d2} milliards de dollars américains).",
        "Les exportations ont reculé de {p} % et l'industrie compte {n} entreprises.",
        "Il y a 2 500 ans d'histoire et la ligne 11 du métro relie les {n} quartiers.",
    ],
    "de": [
        "Im Jahr {y} stieg das BIP von {c} um {p} Prozent auf {d} Mrd. Yuan.",
        "Rund {n} Unternehmen haben mehr als {d} Milliarden Yuan investiert.",
        "Die Exporte sanken um {p} %, während {n2} Projekte abgeschlossen wurden.",
        "Am 5. Januar feierte die Zone ihr 30-jähriges Bestehen im 14. Fünfjahresplan.",
    ],
    "es": [
        "En {y}, el PIB de {c} alcanzó {d} mil millones de yuanes, un aumento del {p} por "
        "ciento.",
        "Se firmaron {n} proyectos con una inversión de {d} millones de dólares.",
    ],
    "pt": [
        "Em {y}, o PIB de {c} chegou a {d} bilhões de yuans, alta de {p}%.",
        "Foram assinados {n} projetos e as exportações caíram {p}%.",
        "A cidade atraiu investimentos estrangeiros de USD {d} bilhões de {n} países e regiões.",
    ],
    "zh": [
        "{y}年,{c}市实现地区生产总值{d}亿元,同比增长{p}%。",
        "全市新增外资企业{n}家,实际使用外资{d2}亿美元,增长{p2}%。",
        "规上工业增加值增长{p}%,高于全省{p2}个百分点;新能源汽车产量超{n}万辆。",
        "第二届博览会于5月6日举行,连续5年位居第一,地铁11号线通车。",
        "今年1-{m}月,全市签约{n}个重大项目,总投资超{d}亿元。",
    ],
    "ja": [
        "{y}年の{c}市のGDPは{d}億元で、前年比{p}%増加した。",
        "市内には約{n}社の外資系企業があり、{n2}件のプロジェクトが調印された。",
    ],
}


def _sentence(rng: random.Random, lang: str) -> str:
    cities = CITIES.get(lang, CITIES["en"])
    t = rng.choice(TEMPLATES[lang] if rng.random() < 0.45 else FILLER[lang])
    dec = "," if lang in ("fr", "de", "es", "pt") else "."

    def num(lo: int, hi: int, digits: int = 1) -> str:
        return f"{rng.uniform(lo, hi):.{digits}f}".replace(".", dec)
    return t.format(y=rng.randint(2019, 2024), y0=rng.randint(1980, 2000),
                    y2=rng.randint(2025, 2030), c=rng.choice(cities), d=num(10, 9000, 2),
                    d2=num(1, 900, 2), p=num(0, 15), p2=num(0, 9), n=rng.randint(2, 900),
                    n2=rng.randint(2, 90), m=rng.randint(2, 11))


def generate(folder: Path, megabytes: float, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)
    langs = list(TEMPLATES)
    total, count = 0, 0
    while total < megabytes * 1_000_000:
        lang = langs[count % len(langs)]
        sep = "" if lang in ("zh", "ja") else " "
        paras = [sep.join(_sentence(rng, lang) for _ in range(rng.randint(3, 6)))
                 for _ in range(rng.randint(3, 8))]
        text = f"date: 2024-0{rng.randint(1, 9)}-15\nlang: {lang}\n\n" + "\n\n".join(paras) + "\n"
        data = text.encode("utf-8")
        (folder / f"doc{count:06d}_{lang}.txt").write_bytes(data)
        total += len(data)
        count += 1
    return count, total


def _load_revision(rev: str, into: Path):
    """extract_figures, parse_document and the vocabulary of git revision `rev`, imported as
    package `ingest_rev` from a copy under `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "ingest/documents",
                              "seeds"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    pkg = into / "ingest_rev"
    (into / "ingest").rename(pkg)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    for f in pkg.rglob("*.py"):
        f.write_text(f.read_text(encoding="utf-8").replace("ingest.documents",
                                                           "ingest_rev.documents"),
                     encoding="utf-8")
    sys.path.insert(0, str(into))
    from ingest_rev.documents.extract import extract_figures  # type: ignore[import-not-found]
    from ingest_rev.documents.parse import parse_document  # type: ignore[import-not-found]
    from ingest_rev.documents.vocab import (  # type: ignore[import-not-found]
        vocabulary_from_files,
    )
    seeds = into / "seeds"
    vocab = vocabulary_from_files(seeds / "units.csv", seeds / "indicators.csv",
                                  seeds / "places.csv")
    return extract_figures, parse_document, vocab


def _compare(paths: list[Path], mb: float, rev: str, rounds: int, ours) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        theirs = _load_revision(rev, Path(tmp))
        for ex, parse, vocab in (ours, theirs):
            for p in paths[:40]:
                ex(parse(p), vocab)
        cpu: list[list[float]] = [[], []]
        for r in range(rounds):
            for which in ((0, 1) if r % 2 == 0 else (1, 0)):
                ex, parse, vocab = (ours, theirs)[which]
                c0 = time.process_time()
                for p in paths:
                    ex(parse(p), vocab)
                cpu[which].append(time.process_time() - c0)
    best_ours, best_theirs = min(cpu[0]), min(cpu[1])
    return {"against": rev, "rounds": rounds,
            "cpu_seconds_ours": [round(x, 3) for x in cpu[0]],
            "cpu_seconds_against": [round(x, 3) for x in cpu[1]],
            "mb_per_cpu_s_ours_best": round(mb / best_ours, 3),
            "mb_per_cpu_s_against_best": round(mb / best_theirs, 3),
            "speedup_best": round(best_theirs / best_ours, 3),
            "speedup_median": round(sorted(cpu[1])[len(cpu[1]) // 2]
                                    / sorted(cpu[0])[len(cpu[0]) // 2], 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--against", metavar="REV", help="also time git revision REV, same run")
    ap.add_argument("--rounds", type=int, default=3, help="rounds per side with --against")
    args = ap.parse_args()

    from ingest.documents.extract import extract_figures
    from ingest.documents.parse import decode, parse_document
    from ingest.documents.vocab import default_vocabulary

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n_docs, n_bytes = generate(folder, args.mb, args.seed)
        paths = sorted(folder.iterdir())
        vocab = default_vocabulary()
        for lang in TEMPLATES:  # build each language's matchers outside the timing
            extract_figures(parse_document(next(p for p in paths if p.stem.endswith(lang))),
                            vocab)

        t0 = time.perf_counter()
        digits = 0
        for p in paths:
            digits += sum(1 for _ in re.finditer(r"\d+(?:[.,]\d+)*", decode(p.read_bytes(),
                                                                               str(p))))
        baseline_s = time.perf_counter() - t0

        t0, c0 = time.perf_counter(), time.process_time()
        figures = 0
        for p in paths:
            figures += len(extract_figures(parse_document(p), vocab))
        extract_s = time.perf_counter() - t0
        extract_cpu = time.process_time() - c0
        compared = _compare(paths, n_bytes / 1_000_000, args.against, args.rounds,
                            (extract_figures, parse_document, vocab)) if args.against else None

    mb = n_bytes / 1_000_000
    result = {
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S"), "python": sys.version.split()[0],
        "documents": n_docs, "megabytes": round(mb, 3), "figures": figures,
        "extract_seconds": round(extract_s, 3), "extract_mb_per_s": round(mb / extract_s, 3),
        "extract_docs_per_s": round(n_docs / extract_s, 1),
        "extract_cpu_seconds": round(extract_cpu, 3),
        "extract_mb_per_cpu_s": round(mb / extract_cpu, 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "baseline": "read + decode + re.finditer(digits)", "baseline_seconds": round(baseline_s, 3),
        "baseline_mb_per_s": round(mb / baseline_s, 3), "baseline_numbers": digits,
        "slowdown_vs_baseline": round(extract_s / baseline_s, 1),
    }
    if compared:
        result["comparison"] = compared
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"extract-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{n_docs} documents, {mb:.1f} MB, {figures} figures")
    print(f"extract : {result['extract_mb_per_s']} MB/s, {result['extract_docs_per_s']} docs/s "
          f"({extract_s:.1f} s wall, one core); {result['extract_mb_per_cpu_s']} MB per CPU-second")
    print(f"baseline: {result['baseline_mb_per_s']} MB/s (read + decode + digit regex); "
          f"extraction is {result['slowdown_vs_baseline']}x slower")
    if compared:
        print(f"against : {compared['against']}: {compared['mb_per_cpu_s_against_best']} MB per "
              f"CPU-second vs ours {compared['mb_per_cpu_s_ours_best']} (best of "
              f"{compared['rounds']}); speed-up {compared['speedup_best']}x best, "
              f"{compared['speedup_median']}x median")
    print(f"written : {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
