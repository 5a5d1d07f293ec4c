"""Article graphs and their merge, kept together in one pyoxigraph store.

Each article has its own named graph; the store's **default graph holds the
merge** of them all: every triple once, however many articles state it.
Queries without ``GRAPH`` run on the merge (set semantics, as the SPARQL
spec's RDF merge has it: an entity named in 500 articles gives one row, not
500); ``GRAPH ?g`` still tells which article said what.

* :func:`replace_article` writes an article's graph and adds its triples to
  the merge, in one transaction: a reader or a crash never sees half an
  article;
* :func:`remove_article` drops an article's graph and takes out of the merge
  the triples no other article states, in one transaction: facts only it
  supported disappear, entities other articles mention stay (they carry the
  same IRI there: IRIs are pure functions of ``(type, name)`` or the
  division code, see :mod:`kg.vocab`);
* :func:`iter_sorted_quads` and :func:`iter_union_triples` stream the
  dataset and the merged graph in the order every output is written in.

Both writes also mark, in the same transaction, what the article touches
(its entities, the subjects of its facts, its posts) for :mod:`kg.derived`,
whose :func:`~kg.derived.refresh` then brings support counts, intervals and
stages up to date; the derived graph ``id/graph/derived`` is the one named
graph that is no article (:func:`article_graphs` lists the others).

>>> store = ox.Store()
>>> g, h = "https://w3id.org/cnkg/id/article/a", "https://w3id.org/cnkg/id/article/b"
>>> replace_article(store, g, '<https://e.org/x> <https://e.org/p> "1" .\\n')
>>> replace_article(store, h, '<https://e.org/x> <https://e.org/p> "1" .\\n')
>>> len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
1
>>> remove_article(store, g), len(store)
(True, 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.derived import DERIVED, NOT_ARTICLES, PENDING_GRAPH, mark, rebuild
from kg.labels import label_rank
from kg.rdf import ALT, LABEL, quad_sort_key, term_key, triple_sort_key

# the triples of graph <{g}> that no other article graph states: they leave the merge with it
_UNSUPPORTED = """DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != <{g}>) }} }}"""


def article_ntriples(quads: Iterable[ox.Quad]) -> str:
    """The triples of one article's quads as N-Triples text (order kept).

    >>> q = ox.Quad(ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p"),
    ...             ox.Literal("张店区", language="zh"), ox.NamedNode("http://e.org/g"))
    >>> article_ntriples([q])
    '<http://e.org/s> <http://e.org/p> "张店区"@zh .\\n'
    """
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return (data or b"").decode("utf-8")


def replace_article(store: ox.Store, graph: str, ntriples: str) -> None:
    """Replace the named graph ``graph`` by the triples ``ntriples``, in one transaction.

    ``ntriples`` is N-Triples text (what :func:`article_ntriples` returns).
    The triples only the old version stated leave the merge (the default
    graph), the new ones join it.  All of it is one SPARQL update, which
    pyoxigraph runs as a single transaction: an interrupted write leaves the
    old article or the new one, never a mixture or half of it.
    """
    node = ox.NamedNode(graph)  # raises ValueError on a malformed IRI
    if node in NOT_ARTICLES:
        raise ValueError(f"{graph} holds no article: it is kg's own")
    ops = []
    if store.contains_named_graph(node):
        ops += [mark(graph), _UNSUPPORTED.format(g=graph), f"DROP SILENT GRAPH <{graph}>"]
    ops.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}}} }}")
    ops.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    ops.append(mark(graph))
    store.update(" ;\n".join(ops))


def remove_article(store: ox.Store, graph: str) -> bool:
    """Drop the named graph ``graph`` and its part of the merge, in one transaction.

    Returns False when the store has no such article graph.
    """
    node = ox.NamedNode(graph)
    if node in NOT_ARTICLES or not store.contains_named_graph(node):
        return False
    store.update(f"{mark(graph)} ;\n{_UNSUPPORTED.format(g=graph)} ;\nDROP SILENT GRAPH <{graph}>")
    return True


def article_graphs(store: ox.Store) -> list:
    """The named graphs of ``store`` that hold articles (not kg's derived graph)."""
    return [g for g in store.named_graphs() if g not in NOT_ARTICLES]


_NOT_PENDING = f"FILTER(?g != <{PENDING_GRAPH.value}>)"


def rebuild_merge(store: ox.Store) -> None:
    """Recompute the merge and the derived graph from the article graphs.

    For a store written to directly (not through :func:`replace_article`).
    """
    store.update("DROP SILENT DEFAULT ; "
                 f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_PENDING} }}")
    rebuild(store)


def add_to_merge(store: ox.Store) -> None:
    """Add every named graph's triples to the default graph (which keeps its own)."""
    store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_PENDING} }}")


def _demote_labels(triples: set[ox.Triple], subject, labels: list) -> None:
    """Keep one ``rdfs:label`` of ``subject`` (:mod:`kg.labels`); the others become altLabels."""
    if len(labels) < 2:
        return
    keep = min(labels, key=lambda o: label_rank(o.value))
    for o in labels:
        if o != keep:
            triples.discard(ox.Triple(subject, LABEL, o))
            triples.add(ox.Triple(subject, ALT, o))


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The merged graph of any quads, in memory: every triple once, one rdfs:label per entity.

    Where articles gave the same entity different canonical labels, the
    label rule (:mod:`kg.labels`) keeps one and the others become altLabels.
    """
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    labels: dict = {}
    for t in triples:
        if t.predicate == LABEL:
            labels.setdefault(t.subject, []).append(t.object)
    for subject, objs in labels.items():
        _demote_labels(triples, subject, objs)
    return sorted(triples, key=triple_sort_key)


def graph_sort_key(g) -> tuple:
    """The order graphs are written in: the articles by IRI, then the derived graph."""
    return (g == DERIVED, term_key(g))


def dataset_sort_key(q: ox.Quad) -> tuple:
    """The order quads are written in: graph by graph (:func:`graph_sort_key`), then as N-Quads."""
    return (graph_sort_key(q.graph_name), quad_sort_key(q))


def iter_sorted_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """The article graphs' quads, graph by graph, each sorted.

    One graph is in memory at a time; the default graph (the merge) is left
    out, and so are the marks of what waits for :func:`kg.derived.refresh`.
    The derived graph (``…/graph/derived``) comes after the articles.
    """
    for g in sorted(store.named_graphs(), key=graph_sort_key):
        if g == PENDING_GRAPH:
            continue
        yield from sorted(store.quads_for_pattern(None, None, None, g), key=quad_sort_key)


def iter_union_triples(store: ox.Store, merged: bool = True) -> Iterator[ox.Triple]:
    """The merged graph as :func:`union_triples` makes it, one subject at a time.

    Reads the merge (the store's default graph; with ``merged=False``, all
    graphs); holds the set of distinct subjects in memory, not the triples.
    """
    default = ox.DefaultGraph() if merged else None
    subjects = sorted({q.subject for q in store.quads_for_pattern(None, None, None, default)},
                      key=term_key)
    for s in subjects:
        triples = {ox.Triple(s, q.predicate, q.object)
                   for q in store.quads_for_pattern(s, None, None, default)}
        _demote_labels(triples, s, [t.object for t in triples if t.predicate == LABEL])
        yield from sorted(triples, key=triple_sort_key)
