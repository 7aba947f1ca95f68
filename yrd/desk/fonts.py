"""The report's own CJK font: Noto Sans CJK SC, cut down to the characters one report uses.

A reader without a CJK system font (most Linux servers and containers) would otherwise see
Chinese as boxes. The font comes from the pinned PyPI package `manimgx-fonts-cjk` (Noto
Sans CJK as Noto publishes it, SIL Open Font License 1.1, licence in the package's
dist-info); fontTools' subsetter keeps only the glyphs the page needs, and the result is
embedded as a base64 @font-face, so the HTML stays one self-contained file with no fetch.
The font stays variable (weights 100–900), so headings and bold labels use real bold.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

FAMILY = "YRD Noto Sans SC"
PACKAGE = "manimgx_fonts_cjk"
COLLECTION = "NotoSansCJK-VF.otf.ttc"


class NoFont(RuntimeError):
    pass


def collection_path() -> Path:
    try:
        path = Path(str(resources.files(PACKAGE) / COLLECTION))
    except ModuleNotFoundError as exc:
        raise NoFont(f"the {PACKAGE} package is not installed (make setup installs it)") \
            from exc
    if not path.is_file():
        raise NoFont(f"{path}: missing from the {PACKAGE} package")
    return path


@lru_cache(maxsize=1)
def sc_index() -> int:
    """Which font of the collection is the Simplified Chinese one (glyph shapes differ)."""
    from fontTools.ttLib import TTCollection

    coll = TTCollection(str(collection_path()), lazy=True)
    try:
        for i, font in enumerate(coll.fonts):
            if "SC" in str(font["name"].getDebugName(1) or "").split():
                return i
    finally:
        coll.close()
    raise NoFont(f"{COLLECTION}: no Simplified Chinese (SC) font in the collection")


def subset_font(text: str) -> bytes:
    """An OpenType font with exactly the glyphs for the characters of `text`."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(collection_path()), fontNumber=sc_index(), lazy=False)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence records the OFL asks for
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in text if c.isprintable() or c == " "})
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    font.close()
    return buf.getvalue()


def font_face_css(text: str) -> str:
    """The @font-face rule with the subset inline, for the characters of `text`."""
    data = base64.b64encode(subset_font(text)).decode("ascii")
    return (f"@font-face {{ font-family: '{FAMILY}'; font-style: normal; "
            f"font-weight: 100 900; font-display: block; "
            f"src: url(data:font/otf;base64,{data}) format('opentype'); }}")
