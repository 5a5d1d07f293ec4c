"""Validate a graph against the SHACL shapes in ``kg/ontology/shapes.ttl``.

>>> from kg.graph import KnowledgeGraph
>>> ok, text = validate(KnowledgeGraph())
>>> ok
True
"""

from __future__ import annotations

from kg.ontology import SHAPES


def validate(kg) -> tuple[bool, str]:
    """Run pySHACL over the merged graph; return (conforms, report text)."""
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, text = pyshacl.validate(kg.to_rdflib(), shacl_graph=shapes, inference="none",
                                         advanced=False, allow_warnings=False)
    return bool(conforms), str(text)
