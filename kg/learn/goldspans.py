"""Gold annotations projected onto the text the extractors read.

A gold file names entities (name and aliases), not spans.  To train a tagger
we read each article the way the pipeline does (decode, strip markup,
normalise to simplified script, split sentences) and mark every occurrence of
an entity's forms in the normalised text, longest first, without overlaps:
an entity inside a longer name (a company inside its project's name) belongs
to the longer name there.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.model import Document
from kg.pipeline import Pipeline
from kg.read import read_document

FAMILY = {
    "Province": "Region", "City": "Region", "District": "Region", "Zone": "Zone",
    "Company": "Company", "GovernmentBody": "Org", "Organization": "Org",
    "Project": "Project", "Person": "Person",
}


@dataclass
class Example:
    """One article: its normalised document and the gold spans ``(start, end, family)``."""

    doc: Document
    spans: list[tuple[int, int, str]]
    gold: dict


def simplified(s: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(unicodedata.normalize("NFKC", s))


def project(doc: Document, gold: dict) -> list[tuple[int, int, str]]:
    """Occurrences of the gold entities' forms in ``doc.text``: longest first, no overlaps."""
    forms: dict[str, str] = {}
    for e in gold["entities"]:
        fam = FAMILY.get(e["type"])
        if fam is None:
            continue
        for f in [e["name"], *e.get("aliases", [])]:
            f = simplified("".join(f.split()))
            if len(f) >= 2:
                forms.setdefault(f, fam)
    text = doc.text
    taken = bytearray(len(text))
    spans = []
    for f in sorted(forms, key=lambda x: (-len(x), x)):
        i = text.find(f)
        while i >= 0:
            j = i + len(f)
            if not any(taken[i:j]):
                spans.append((i, j, forms[f]))
                taken[i:j] = b"\x01" * (j - i)
            i = text.find(f, i + 1)
    return sorted(spans)


_PRE = None


def read(path: Path) -> Document:
    """Read and normalise one article as the pipeline does, up to sentences."""
    global _PRE
    if _PRE is None:
        _PRE = Pipeline(["normalise", "metadata", "sentences"])
    return _PRE(read_document(path))


def examples(gold_dir: Path, articles_dir: Path) -> Iterator[Example]:
    """The examples of one gold set, in file order."""
    for g in sorted(gold_dir.glob("*.json")):
        gold = json.loads(g.read_text("utf-8"))
        path = articles_dir / gold["doc"]
        if not path.exists():
            continue
        doc = read(path)
        yield Example(doc, project(doc, gold), gold)


def entity_mentions(doc: Document, gold: dict) -> dict[str, list[tuple[int, int]]]:
    """Gold entity id -> its occurrences in ``doc.text`` (longest form first, no overlaps)."""
    forms: dict[str, str] = {}
    for e in gold["entities"]:
        for f in [e["name"], *e.get("aliases", [])]:
            f = simplified("".join(f.split()))
            if len(f) >= 1:
                forms.setdefault(f, e["id"])
    text = doc.text
    taken = bytearray(len(text))
    out: dict[str, list[tuple[int, int]]] = {e["id"]: [] for e in gold["entities"]}
    for f in sorted(forms, key=lambda x: (-len(x), x)):
        i = text.find(f)
        while i >= 0:
            j = i + len(f)
            if not any(taken[i:j]):
                out[forms[f]].append((i, j))
                taken[i:j] = b"\x01" * (j - i)
            i = text.find(f, i + 1)
    return {k: sorted(v) for k, v in out.items()}
