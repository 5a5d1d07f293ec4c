"""The graph as the scorer reads it: typed nodes with their names, relations, amounts, dates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluate.rules import (
    ALT_LABELS,
    AMOUNT_CURRENCY,
    AMOUNT_VALUE,
    ARTICLE_TYPES,
    DATE_RELATIONS,
    ENTITY_RELATIONS,
    HIERARCHY,
    LABELS,
    TYPE_RANK,
    Amount,
    Date,
    local_name,
    norm,
)
from kg.files import first_line

# ---------------------------------------------------------------- graph

RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
               ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}


class GraphData:
    """A graph as the scorer reads it: an rdflib graph, its triples and typed nodes, in order.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to score (a ``Dataset`` with ``default_union=True`` for
        named graphs: the scorer reads the union).
    quads : iterable of (subject, predicate, object, graph name), optional
        The triples per named graph; used only to tell which article a
        spurious item comes from.

    Nodes and values are taken in the order rdflib reports them, the order
    the shared scorer sees, so that ties in matching break the same way.
    """

    def __init__(self, graph: Any, quads: Iterable[tuple] = ()) -> None:
        from rdflib import RDF

        self.graph = graph
        self.triples = list(graph.triples((None, None, None)))
        self.typed = list(graph.subject_objects(RDF.type))
        self.quads = list(quads)

    def predicate_objects(self, node: Any) -> list[tuple]:
        """``(predicate, object)`` pairs of ``node``."""
        return list(self.graph.predicate_objects(node))


def read_graph(source: Any) -> GraphData:
    """The graph to score, from a file, RDF text, a KnowledgeGraph or an rdflib graph.

    Parameters
    ----------
    source : str, Path, KnowledgeGraph, rdflib.Graph or pyoxigraph.Store
        A graph file (``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``,
        ``.rdf``), Turtle text, a :class:`kg.KnowledgeGraph` (or its store)
        or an rdflib graph/dataset.

    >>> len(read_graph('<https://e.org/a> a <https://e.org/Company> .').triples)
    1
    """
    import rdflib

    if isinstance(source, rdflib.Dataset) and not source.default_union:
        union = rdflib.Dataset(default_union=True)
        union.addN(source.quads((None, None, None, None)))
        source = union
    if isinstance(source, rdflib.Graph):
        return _from_rdflib(source)
    if hasattr(source, "quads_for_pattern"):          # a pyoxigraph store
        from kg.graph import LoadedGraph

        source = LoadedGraph(source)
    if hasattr(source, "serialize") and hasattr(source, "store"):
        return _from_knowledge_graph(source)
    ds = rdflib.Dataset(default_union=True)
    is_file = isinstance(source, Path) or (
        "\n" not in str(source) and Path(str(source)).suffix.lower() in RDF_FORMATS)
    try:
        if is_file:
            ds.parse(str(source), format=RDF_FORMATS.get(Path(source).suffix.lower()))
        else:
            ds.parse(data=str(source), format="turtle")
    except Exception as e:  # rdflib's parsers raise many kinds
        raise ValueError(f"{source if is_file else 'graph'}: cannot be read as RDF: "
                         f"{first_line(e)}") from None
    return _from_rdflib(ds)


def _from_rdflib(g: Any) -> GraphData:
    if not hasattr(g, "quads"):
        return GraphData(g)
    return GraphData(g, ((s, p, o, getattr(c, "identifier", c))
                         for s, p, o, c in g.quads((None, None, None, None))))


def _from_knowledge_graph(kg: Any) -> GraphData:
    """The merged graph (as ``graph.ttl`` holds it), with the article graphs for provenance."""
    import rdflib

    g = rdflib.Graph()
    g.parse(data=kg.serialize(fmt="nt").decode("utf-8"), format="nt")
    ds = rdflib.Dataset()
    ds.parse(data=kg.serialize(fmt="nq").decode("utf-8"), format="nquads")
    return GraphData(g, ((s, p, o, c) for s, p, o, c in ds.quads((None, None, None, None))))


@dataclass
class PredEntity:
    """A typed node of the graph and its names (normalised)."""

    node: Any
    type: str
    names: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class PredRelation:
    """A relation read from the graph; ``source`` is its Membership node, if any."""

    subject: Any
    predicate: str
    object: Any
    title: str | None = None
    source: Any = None


def graph_entities(data: GraphData) -> dict[Any, PredEntity]:
    """Every node typed with an entity type, with its labels and aliases."""
    import rdflib

    out: dict[Any, PredEntity] = {}
    for s, t in data.typed:
        lt = local_name(t)
        if lt in TYPE_RANK and (s not in out or TYPE_RANK[lt] < TYPE_RANK[out[s].type]):
            out[s] = PredEntity(s, lt, out[s].names if s in out else set())
    for s, p, o in data.triples:
        if s in out and isinstance(o, rdflib.Literal) and local_name(p) in LABELS | ALT_LABELS:
            out[s].names.add(norm(o))
    return out


def graph_articles(data: GraphData, stems: Iterable[str]) -> dict[Any, str]:
    """Article nodes and the file stem each stands for (any value containing it)."""
    stems = sorted(stems)
    out = {}
    for a in dict.fromkeys(s for s, t in data.typed if local_name(t) in ARTICLE_TYPES):
        values = [str(o) for _, o in data.predicate_objects(a)] + [str(a)]
        for stem in stems:
            if any(stem in v for v in values):
                out[a] = stem
    return out


def parse_amount(data: GraphData, node: Any) -> Amount | None:
    """The amount a ``totalInvestment`` points at: a node with value and currency, or a number."""
    import rdflib

    if isinstance(node, rdflib.Literal):
        try:
            return Amount(float(str(node)))
        except ValueError:
            return None
    value = currency = None
    for p, o in data.predicate_objects(node):
        lp = local_name(p)
        if lp in AMOUNT_VALUE and value is None:
            try:
                value = float(str(o))
            except ValueError:
                pass
        elif lp in AMOUNT_CURRENCY:
            currency = local_name(o) if isinstance(o, rdflib.URIRef) else str(o)
    return Amount(value, currency or "CNY") if value is not None else None


def graph_relations(data: GraphData, ents: Mapping[Any, PredEntity],
                    articles: Mapping[Any, str]) -> list[PredRelation]:
    """The relations of the graph, direct triples first, then memberships."""
    import rdflib

    rels = []
    for s, p, o in data.triples:
        lp = local_name(p)
        if lp in ENTITY_RELATIONS and s in ents and o in ents:
            rels.append(PredRelation(s, lp, o))
        elif lp == "reportedBy" and s in articles and o in ents:
            rels.append(PredRelation(s, lp, o))
        elif lp == "holdsPost" and s in ents and o in ents:
            rels.append(PredRelation(s, lp, o))
        elif lp in DATE_RELATIONS and s in ents and isinstance(o, rdflib.Literal):
            rels.append(PredRelation(s, lp, Date(str(o))))
        elif lp == "totalInvestment" and s in ents:
            amount = parse_amount(data, o)
            if amount:
                rels.append(PredRelation(s, lp, amount))
    for m, t in data.typed:
        if local_name(t) == "Membership":
            post = membership(data, m)
            if post.subject in ents and post.object in ents:
                rels.append(post)
    return rels


def membership(data: GraphData, node: Any) -> PredRelation:
    """An ``org:Membership`` node read as member -holdsPost-> organisation, titled by its role."""
    import rdflib

    member = org = title = None
    for p, o in data.predicate_objects(node):
        lp = local_name(p)
        if lp == "member":
            member = o
        elif lp in ("organization", "organisation"):
            org = o
        elif lp == "role":
            labels = [norm(x) for q, x in data.predicate_objects(o)
                      if local_name(q) in LABELS and isinstance(x, rdflib.Literal)]
            title = labels[0] if labels else (norm(o) if isinstance(o, rdflib.Literal) else None)
    return PredRelation(member, "holdsPost", org, title, source=node)


def parents(data: GraphData, ents: Mapping[Any, PredEntity]) -> dict[Any, set]:
    """``partOf``/``locatedIn`` edges between entities: node -> its parents."""
    out: dict[Any, set] = defaultdict(set)
    for s, p, o in data.triples:
        if local_name(p) in HIERARCHY and s in ents and o in ents:
            out[s].add(o)
    return out
