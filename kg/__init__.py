"""kg: turn Chinese regional-economy news into a knowledge graph.

>>> import kg
>>> g = kg.build_text("淄博市张店区委书记王小明出席。")
>>> len(g) > 0
True
"""

from __future__ import annotations

from kg.article import extract_text
from kg.build import build
from kg.graph import KnowledgeGraph

__all__ = ["KnowledgeGraph", "build", "build_text", "extract_text"]
__version__ = "0.1.0"


def build_text(text: str, name: str = "text.txt") -> KnowledgeGraph:
    """Build a graph from one article given as a string (as :func:`build` builds from files)."""
    g = KnowledgeGraph()
    g.add_article(extract_text(text, name))
    return g
