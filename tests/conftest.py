"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.pipeline import Pipeline
from kg.view.browser import Browser, find_chromium


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the module's tests; skipped, with the reason, where none is."""
    binary = find_chromium()
    if binary is None:
        pytest.skip(
            "chromium not found: install Debian's chromium and fonts-wqy-microhei "
            "(or set KG_CHROMIUM)"
        )
    with Browser(binary, width=1280, height=800) as b:
        yield b


# ---------------------------------------------------------------- extraction tests
# Shared by tests/test_extract_*.py (owned with kg/extract).  A test module lists its components in
# PIPELINE (and in GIVEN the fields its documents hold when they enter, if an earlier pipeline
# prepared them); the fixture ``pipeline`` builds that pipeline once per module.


@pytest.fixture(scope="module")
def pipeline(request: pytest.FixtureRequest) -> Pipeline:
    """The module's ``PIPELINE`` of components, over documents that hold its ``GIVEN`` fields."""
    return Pipeline(request.module.PIPELINE, given=getattr(request.module, "GIVEN", ()))


def run(pipeline: Pipeline, text: str, published: str | None = None) -> Document:
    """``text`` as an article ``t.txt`` (published on ``published``), through ``pipeline``."""
    return pipeline(Document(path="t.txt", name="t.txt", raw=text, published=published))


def names(doc: Document, type_: str) -> set[str]:
    """The names of the mentions of ``type_``."""
    return {m.name for m in doc.mentions if m.type == type_}


def fact_list(doc: Document, predicate: str) -> list[tuple[str, object]]:
    """(subject name, object) of the ``predicate`` facts, in the order they were added."""
    return [(f.subject[1], f.obj) for f in doc.facts if f.predicate == predicate]


def facts(
    doc: Document, predicate: str, subject_type: str | None = None
) -> set[tuple[str, object]]:
    """(subject name, object name or value) of the ``predicate`` facts (of subjects of
    ``subject_type``)."""
    return {(f.subject[1], f.obj[1] if isinstance(f.obj, tuple) else f.obj) for f in doc.facts
            if f.predicate == predicate and subject_type in (None, f.subject[0])}
