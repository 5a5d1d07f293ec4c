"""One article, from its text to resolved entities and facts: pipeline, then resolve.

>>> r = extract_text("淄博市张店区委书记王小明出席。")
>>> ("Person", "王小明") in r.entities
True
"""

from __future__ import annotations

import os

from kg.model import ArticleResult, Document
from kg.pipeline import Pipeline
from kg.read import read_document
from kg.resolve import resolve

_PIPELINE: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The default pipeline, built once per process."""
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    return _PIPELINE


def extract(doc: Document, pipeline: Pipeline | None = None) -> ArticleResult:
    """Run the pipeline over one document and resolve its mentions into entities."""
    (pipeline or default_pipeline())(doc)
    return resolve(doc)


def extract_file(path: str | os.PathLike, pipeline: Pipeline | None = None) -> ArticleResult:
    """Read one article file and extract from it."""
    return extract(read_document(path), pipeline)


def extract_text(text: str, name: str = "text.txt",
                 pipeline: Pipeline | None = None) -> ArticleResult:
    """Extract from a string (handy in notebooks and tests)."""
    return extract(Document(path=name, name=name, raw=text), pipeline)
