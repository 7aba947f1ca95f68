"""Read a document file (plain text with a `key: value` header, Markdown or HTML) into a
Document. Offsets of figures count characters of Document.body; for HTML and Markdown the
body is the extracted plain text."""

from __future__ import annotations

import codecs
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from ingest.decode import InputFileError
from ingest.decode import decode as read_text
from ingest.documents.langdetect import detect_language, normalise_tag
from ingest.documents.model import Document, DocumentError

_HEADER_LINE = re.compile(r"^([A-Za-z][\w-]{0,30}):[ \t]*(.*)$")


def decode(data: bytes, name: str) -> str:
    """The loader's decoding (ingest.decode.decode: BOMs, UTF-16, whole-file GBK, refusal
    of other legacy encodings and binaries), plus UTF-32, which data files never are.
    A document with lines in another encoding is refused as a whole."""
    for bom in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):  # before UTF-16: same prefix
        if data.startswith(bom):
            try:
                return data.decode("utf-32")
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{name}: not valid utf-32 despite its BOM ({exc})") from exc
    try:
        decoded = read_text(Path(name), data, name, kind="text")
    except InputFileError as exc:
        raise DocumentError(str(exc)) from exc
    if decoded.bad_lines:
        line = min(decoded.bad_lines)
        raise DocumentError(f"{name}:{line}: {decoded.bad_lines[line]}")
    return decoded.text


def parse_document(path: Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc})") from exc
    if not data.strip():
        raise DocumentError(f"{path}: empty document")
    text = decode(data, str(path)).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{path}: empty document")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml") or re.match(r"\s*(<!doctype html|<html)", text, re.I):
        header, body = _html(text)
    elif suffix in (".md", ".markdown"):
        header, body = _markdown(text)
    else:
        header, body = _plain(text)
    if not body.strip():
        raise DocumentError(f"{path}: no body text")
    lang = normalise_tag(header.get("lang") or header.get("language")) or detect_language(body)
    return Document(
        doc_id=hashlib.sha256(data).hexdigest(), path=path, source=header.get("source") or None,
        date=header.get("date") or None, lang=lang, title=header.get("title") or None,
        body=body, header=header,
    )


def _plain(text: str) -> tuple[dict[str, str], str]:
    """Header lines at the top, then a blank line, then the body (as in the corpus)."""
    lines = text.split("\n")
    header: dict[str, str] = {}
    i = 0
    while i < len(lines) and _HEADER_LINE.match(lines[i]):
        key, value = _HEADER_LINE.match(lines[i]).groups()  # type: ignore[union-attr]
        header[key.lower()] = value.strip()
        i += 1
    if header and i < len(lines) and lines[i].strip() == "":
        return header, "\n".join(lines[i + 1:])
    return {}, text


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _markdown(text: str) -> tuple[dict[str, str], str]:
    header: dict[str, str] = {}
    m = _FRONT.match(text)
    if m:
        for line in m.group(1).split("\n"):
            hm = _HEADER_LINE.match(line)
            if hm:
                header[hm.group(1).lower()] = hm.group(2).strip().strip("\"'")
        text = text[m.end():]
    else:
        header, text = _plain(text)
    out = []
    fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fence = not fence
            continue
        if fence:
            continue
        h = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if h:
            line = h.group(2)
            if h.group(1) == "#" and "title" not in header:
                header["title"] = _inline(line)
        line = re.sub(r"^\s{0,3}(?:[-*+]|\d+\.|>)\s+", "", line)  # list markers, quotes
        out.append(_inline(line))
    return header, re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n") + "\n"


def _inline(s: str) -> str:
    s = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", s)
    s = re.sub(r"`([^`]*)`", r"\1", s)
    return re.sub(r"<[^>]+>", "", s)


_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
          "table", "section", "article", "header", "footer", "blockquote", "pre", "hr",
          "figure", "figcaption", "dd", "dt"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.header: dict[str, str] = {}
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.header.setdefault("lang", a["lang"])
        elif tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("http-equiv") or "").lower()
            mapped = {"date": "date", "language": "lang", "content-language": "lang",
                      "source": "source", "dc.date": "date", "article:published_time": "date",
                      "og:url": "source", "dc.language": "lang", "title": "title",
                      "og:title": "title"}.get(key)
            if mapped and a.get("content"):
                self.header.setdefault(mapped, a["content"].strip())
        elif tag == "title":
            self.in_title = True
        if tag in _SKIP and tag != "head":
            self.skip += 1
        if tag in _BLOCK:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP and tag != "head" and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def _html(text: str) -> tuple[dict[str, str], str]:
    parser = _Html()
    parser.feed(text)
    parser.close()
    header = dict(parser.header)
    title = " ".join("".join(parser.title).split())
    if title:
        header.setdefault("title", title)
    body = "".join(parser.parts)
    body = re.sub(r"[ \t]*\n[ \t]*", "\n", body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    return header, body
