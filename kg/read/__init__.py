"""Read input files into :class:`~kg.model.Document` objects.

Finds articles in files and folders (``.txt``, ``.md``, ``.html``/``.htm``),
detects the encoding (UTF-8, UTF-16/32 with BOM, UTF-16 without BOM,
GB18030/GBK, Big5; an HTML ``<meta charset>`` is honoured when it decodes)
and turns HTML into text.  A file that cannot be read raises
:class:`ReadError` with a one-line reason; the caller reports it and goes on
with the batch.  Repairs that change the text (invalid bytes replaced, NUL
bytes dropped, mojibake undone) are recorded in ``Document.warnings``.

>>> decode("区委书记".encode("utf-16"))
('区委书记', 'utf-16')
"""

from __future__ import annotations

from kg.read.decode import decode, invalid_bytes
from kg.read.document import read_document
from kg.read.files import MAX_BYTES, SUFFIXES, ReadError, Skipped, iter_inputs, read_bytes
from kg.read.markup import html_to_text, looks_like_html
from kg.read.mojibake import repair_mojibake

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "ReadError",
    "Skipped",
    "decode",
    "html_to_text",
    "invalid_bytes",
    "iter_inputs",
    "looks_like_html",
    "read_bytes",
    "read_document",
    "repair_mojibake",
]
