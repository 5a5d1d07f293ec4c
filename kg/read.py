"""Read input files into :class:`~kg.model.Document` objects.

Finds articles in files and folders (``.txt``, ``.md``, ``.html``/``.htm``),
detects the encoding (UTF-8, UTF-16 with BOM, GB18030/GBK, Big5) and turns
HTML into text.  A file that cannot be read raises :class:`ReadError` with a
one-line reason; the caller reports it and goes on with the batch.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.model import Document

SUFFIXES = {".txt", ".md", ".html", ".htm"}
MAX_BYTES = 20 * 1024 * 1024  # larger files are refused with a clear message


class ReadError(Exception):
    """A file that cannot be read as an article; ``str()`` is the reason."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class Skipped:
    """A path found while walking the inputs that is not read, with the reason."""

    path: str
    reason: str


def iter_inputs(paths: list[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Yield article files under ``paths`` in sorted order, or :class:`Skipped` entries."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Skipped(str(p), "no such file or folder")
            continue
        if path.is_file():
            yield path
            continue
        found = False
        seen: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(path, followlinks=True):
            st = os.stat(root)
            ident = (st.st_dev, st.st_ino)
            if ident in seen:
                yield Skipped(root, "symbolic link loop; not followed")
                dirs[:] = []
                continue
            seen.add(ident)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                fp = Path(root) / f
                if f.startswith("."):
                    continue
                if fp.suffix.lower() in SUFFIXES:
                    found = True
                    yield fp
        if not found:
            yield Skipped(str(p), "folder holds no .txt, .md, .html or .htm files")


# ------------------------------------------------------------------ decoding

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _score(text: str) -> float:
    """Share of CJK characters among non-space characters (higher is more plausible)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    bad = sum(1 for c in chars if c == "\ufffd" or (ord(c) < 32) or 0xE000 <= ord(c) <= 0xF8FF)
    return (len(_CJK.findall(text)) - 5 * bad) / len(chars)


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes; return (text, encoding).  Raises :class:`ReadError`.

    >>> decode("張店區".encode("big5"))
    ('張店區', 'big5')
    >>> decode("张店区".encode("gb18030"))
    ('张店区', 'gb18030')
    """
    if not data.strip():
        raise ReadError(path, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").lstrip("\ufeff"), "utf-16"
    sniff = data[:4096]
    for magic, kind in ((b"%PDF", "a PDF"), (b"PK\x03\x04", "a zip archive"), (b"\x89PNG", "a PNG image"),
                        (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"\x7fELF", "an executable")):
        if sniff.startswith(magic):
            raise ReadError(path, f"binary file ({kind}), not text")
    if sniff.count(b"\x00") > len(sniff) // 10:
        raise ReadError(path, "binary file (many NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
            candidates.append((_score(text), enc, text))
        except UnicodeDecodeError:
            continue
    if candidates:
        candidates.sort(key=lambda c: -c[0])
        return candidates[0][2], candidates[0][1]
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > len(text) // 4:
        raise ReadError(path, "not text in a known encoding (UTF-8, UTF-16, GB18030, Big5)")
    return text, "utf-8 (invalid bytes replaced)"


# ------------------------------------------------------------------ HTML

_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
          "header", "footer", "title", "table", "ul", "ol", "blockquote", "pre", "figcaption"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "iframe", "button", "select", "form"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Return (text, title) of an HTML page: scripts, styles and navigation dropped.

    >>> html_to_text("<title>T</title><script>x()</script><p>正文&amp;</p>")
    ('正文&', 'T')
    """
    p = _TextExtractor()
    p.feed(markup)
    p.close()
    text = "".join(p.parts)
    text = "\n".join(line.strip() for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = html.unescape("".join(p.title)).strip() or None
    return text, title


# ------------------------------------------------------------------ documents

def read_document(path: str | os.PathLike) -> Document:
    """Read one file into a :class:`Document` (``raw`` set; ``text`` filled by normalise)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise ReadError(p, f"cannot read: {e.strerror or e}") from None
    if size > MAX_BYTES:
        raise ReadError(p, f"file too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB limit)")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(p, f"cannot read: {e.strerror or e}") from None
    text, enc = decode(data, str(p))
    title = None
    if p.suffix.lower() in (".html", ".htm") or re.match(r"\s*<(!doctype|html)", text[:200], re.I):
        text, title = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise ReadError(p, "no text after removing markup")
    doc = Document(path=str(p), name=p.name, raw=text, encoding=enc)
    if title:
        doc.title = title
    return doc
