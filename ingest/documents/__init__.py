"""Document figure extractor: press releases, news and communiqués in → figures with provenance
out.

Pure Python (standard library + `regex`); see LABELS.md of the shared corpus for the contract.
Modules: extract (pipeline), scan, scan_numbers, scan_counts and counted (number phrases,
counted nouns), periods, period_patterns and frame (period phrases, the document's own
period), places, geo and tables (where a figure is), label_indicator / label_period /
label_kind (the labels), pairing (coordinated lists), doctype (communiqué or press), verify
(`yrd verify`), evaluate (`yrd eval`); lexicon is the word tables. The commands themselves
are yrd.desk.documents.

May import: the standard library, regex, ingest.decode (the loader's decoding).
Must not import: the rest of ingest (load, sources, run_ingest) or yrd: text in, figures out.

Known weaknesses (measured on the sealed set tests/documents/sealed, see the README):
- a Chinese list whose items are split by ；carries its place but not its indicator
  ("杭州实现地区生产总值…；宁波8380亿元": 宁波's figure gets `other`);
- places missing from seeds/places.csv stay with their city: national-level new areas without
  a statistical division code (南京江北新区) and zones outside the NBS list (昆山开发区);
- a present-tense stock in an H1 or Q1–Q3 report takes the report's part of the year
  (gold: the year), and a period named only in the headline does not reach the body when the
  title is absent;
- "the tertiary sector" in German/Spanish/Portuguese communiqués and their verbs for decline
  (gingen … zurück) are not all known;
- look-alike names keep the seed's English name (宿州 and 苏州 are both "Suzhou"; the place
  code tells them apart);
- sector and subject are best effort.
"""

from ingest.documents.model import Document, DocumentError, Figure

__all__ = ["Document", "DocumentError", "Figure"]
