"""kg: turn Chinese regional-economy news into a knowledge graph.

>>> import kg
>>> g = kg.build_text("淄博市张店区委书记王小明出席。")
>>> len(g) > 0
True
"""

from __future__ import annotations

from kg.build import build, extract_text
from kg.graph import KnowledgeGraph

__all__ = ["KnowledgeGraph", "build", "build_text", "extract_text", "view"]
__version__ = "0.1.0"


def build_text(text: str, name: str = "text.txt") -> KnowledgeGraph:
    """Build a graph from one article given as a string."""
    g = KnowledgeGraph()
    g.add_article(extract_text(text, name))
    return g


def view(graph, path=None, **options):
    """Show ``graph`` (a :class:`KnowledgeGraph`) as an interactive view.

    In Jupyter the return value displays inline; with ``path`` the page is
    written there.
    """
    return graph.view(path, **options)
