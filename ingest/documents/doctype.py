"""What kind of document a text is: a statistical communiqué (or a city's official results
report) or press and news. A communiqué's figures are the city's own statistics, so they load
as their own source, ranked above press and news (seeds/sources.csv).

A header line `type: communique` (or `press`) decides. Otherwise the title, the source address
and the opening of the body are read for the names a communiqué gives itself in each language
(统计公报, "Statistical Communiqué", communiqué statistique, Statistisches Kommuniqué,
comunicado estadístico, boletim estatístico) or the path statistics bureaus publish them under
(tjgb, 统计公报 pages).
"""

from __future__ import annotations

import regex

from ingest.documents.model import Document

COMMUNIQUE = "communique"
PRESS = "press"
_NAMES = regex.compile(
    r"统计公报|統計公報|国民经济和社会发展.{0,6}公报|statistical\s+communiqu|"
    r"communiqué\s+statistique|statistisches?\s+kommuniqu|comunicado\s+estad[ií]stico|"
    r"boletim\s+estat[ií]stico|/tjgb", regex.I)
_OPENING = 400


def document_type(doc: Document) -> str:
    declared = (doc.header.get("type") or doc.header.get("doc_type") or "").strip().lower()
    if declared in (COMMUNIQUE, "communiqué", PRESS):
        return COMMUNIQUE if declared.startswith("communiq") else PRESS
    probe = " ".join(x for x in (doc.title or "", doc.source or "", doc.body[:_OPENING]) if x)
    return COMMUNIQUE if _NAMES.search(probe) else PRESS
