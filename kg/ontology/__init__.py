"""The ontology, SHACL shapes and example queries, shipped inside the package.

``kg/ontology/`` is the source; the repository's top-level ``ontology/`` is
its published copy (``tests/test_packaging.py`` checks that the two agree).

>>> ONTOLOGY.name, SHAPES.name, sorted(example_queries())[:2]
('kg.ttl', 'shapes.ttl', ['article_facts', 'companies_by_district'])
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE / "kg.ttl"
SHAPES = HERE / "shapes.ttl"
QUERIES = HERE / "queries"


def example_queries() -> dict[str, Path]:
    """The example queries (``queries/*.rq``) by name."""
    return {p.stem: p for p in sorted(QUERIES.glob("*.rq"))}
