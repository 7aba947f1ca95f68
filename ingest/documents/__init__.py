"""Document figure extractor: press releases and news in → figures with provenance out.

Pure Python (standard library + `regex`); see LABELS.md of the shared corpus for the contract.

Known weaknesses (measured on texts of our own, tests/documents/heldout):
- counted nouns come from lists in lexicon.py: unlisted nouns are missed in fr, es, pt, de
  (English falls back to any plural noun);
- the place of a figure is mostly the document's main place; it switches only when a
  sentence names exactly one other place before the figure, so a paragraph listing several
  cities can be mislabelled; a look-alike name (Suzhou, Taizhou) without province context
  gets no place code and the flag `geo_ambiguous`;
- sector and subject are best effort; "X and Y rose 32% and 21% respectively" is not split;
- French/Spanish `billion`/`billón` are taken as 1e12 and only scaled down (flagged
  `scale_ambiguous`) when a money amount would otherwise exceed 1e15;
- future-tense detection in fr/es/pt uses verb endings; "the economy expanded 5.4 percent"
  has no indicator term for "economy" (indicator `other`);
- stocks at a month end (截至11月末) take the year-to-date period.
"""

from ingest.documents.model import Document, DocumentError, Figure

__all__ = ["Document", "DocumentError", "Figure"]
