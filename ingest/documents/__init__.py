"""Document figure extractor: press releases and news in → figures with provenance out.

Pure Python (standard library + `regex`); see LABELS.md of the shared corpus for the contract.
"""

from ingest.documents.model import Document, DocumentError, Figure

__all__ = ["Document", "DocumentError", "Figure"]
