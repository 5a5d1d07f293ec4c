"""Read one file into a :class:`~kg.model.Document`: bytes, text, repairs, HTML."""

from __future__ import annotations

import os
from pathlib import Path

from kg.model import Document
from kg.read.decode import decode, invalid_bytes
from kg.read.files import ReadError, read_bytes
from kg.read.markup import looks_like_html, parse_html
from kg.read.mojibake import repair_mojibake


def read_document(path: str | os.PathLike) -> Document:
    """Read one file into a :class:`Document` (``raw`` set; ``text`` filled by normalise)."""
    p = Path(path)
    data = read_bytes(p)
    text, enc = decode(data, str(p))
    warnings = []
    bad = invalid_bytes(text)
    if bad:
        warnings.append(f"{p}: {bad} invalid byte sequence(s) in {enc} replaced")
    title = published = None
    if p.suffix.lower() in (".html", ".htm") or looks_like_html(text):
        text, title, published = parse_html(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        warnings.append(f"{p}: {text.count(chr(0))} NUL byte(s) removed")
        text = text.replace("\x00", "")
    text, fixed = repair_mojibake(text)
    if fixed:
        warnings.append(f"{p}: {fixed} run(s) of mojibake (UTF-8 read as Latin-1/GBK) repaired")
    if not text.strip():
        markup = title is not None or "<" in data[:2000].decode("latin-1")
        raise ReadError(p, "no text after removing markup" if markup
                        else "no text (only white space)")
    doc = Document(path=str(p), name=p.name, raw=text, encoding=enc)
    doc.warnings.extend(warnings)
    if title:
        doc.title = title
    if published:
        doc.published = published
    return doc
