"""The knowledge graph: a pyoxigraph store with one named graph per article.

pyoxigraph is the engine (loading, SPARQL, serialisation); rdflib objects are
built on demand for users who want them (:attr:`KnowledgeGraph.graph`).

A :class:`KnowledgeGraph` keeps the merge of its article graphs as the
store's default graph (see :mod:`kg.merge`): ``kg.build``, ``kg.build_text``,
on-disk stores and ``KnowledgeGraph()`` all add articles the same way.  A
graph file read with :meth:`KnowledgeGraph.load` is a :class:`LoadedGraph`:
kept as the file has it, merged when queried.

>>> kg = KnowledgeGraph()
>>> kg.load_string('<https://e.org/a> a <https://w3id.org/cnkg/ontology#Company> .', "ttl")
>>> [str(r["t"]) for r in kg.query("SELECT ?t WHERE { ?s a ?t }")]
['<https://w3id.org/cnkg/ontology#Company>']
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.derived import rebuild as rebuild_derived
from kg.derived import refresh as refresh_derived
from kg.derived import supported_only
from kg.files import atomic_write
from kg.formats import format_from_path, rdf_format, writer
from kg.labels import ranked_labels
from kg.merge import (
    add_to_merge,
    article_ntriples,
    dataset_sort_key,
    iter_sorted_quads,
    iter_union_triples,
    rebuild_merge,
    replace_article,
    union_triples,
)
from kg.model import ArticleResult
from kg.rdf import article_quads
from kg.vocab import ONT, ORG, PREFIXES, RDFS, SDO, SKOS


class KnowledgeGraph:
    """A graph of regions, organisations, projects and people, with provenance.

    One named graph per article; the store's default graph is their merge,
    which queries run on.  Add articles with :meth:`add_article`.

    Parameters
    ----------
    store : pyoxigraph.Store, optional
        The store to wrap (its default graph must be the merge of its named
        graphs, as :mod:`kg.merge` keeps it); a new in-memory store by default.
    """

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store if store is not None else ox.Store()

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | os.PathLike, fmt: str | None = None) -> LoadedGraph:
        """Read a graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML)."""
        fmt = fmt or format_from_path(path)
        try:
            syntax = rdf_format(fmt)
        except ValueError:
            raise ValueError(f"{path}: cannot read format {fmt!r}") from None
        kg = LoadedGraph()
        with open(path, "rb") as f:
            kg.store.bulk_load(f, format=syntax)
        return kg

    def load_string(self, data: str, fmt: str = "ttl") -> None:
        """Add RDF text: its named graphs are articles; triples outside them join the merge.

        The derived graph (support, intervals, stages) is then recomputed.
        """
        self.store.load(io.BytesIO(data.encode("utf-8")), format=rdf_format(fmt))
        add_to_merge(self.store)
        rebuild_derived(self.store)

    def add_article(self, result: ArticleResult) -> int:
        """Replace the article's named graph (and its part of the merge), in one transaction.

        Then brings the derived graph up to date (:func:`kg.derived.refresh`).
        """
        quads = article_quads(result)
        if quads:
            replace_article(self.store, quads[0].graph_name.value, article_ntriples(quads))
            refresh_derived(self.store)
        return len(quads)

    def rebuild_merge(self) -> None:
        """Recompute the merge from the article graphs (after writing to ``store`` directly)."""
        rebuild_merge(self.store)

    # ------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self.store)

    def iter_quads(self) -> Iterable[ox.Quad]:
        """The article graphs' quads in output order (streamed graph by graph)."""
        return iter_sorted_quads(self.store)

    def iter_triples(self) -> Iterable[ox.Triple]:
        """The merged graph in output order (streamed subject by subject)."""
        return iter_union_triples(self.store)

    def quads(self) -> list[ox.Quad]:
        return list(self.iter_quads())

    def triples(self) -> list[ox.Triple]:
        """The merged graph: every article's triples once."""
        return list(self.iter_triples())

    def query(self, sparql: str):
        """Run a SPARQL query; the default graph is the merge of all articles' graphs.

        The merge is a set: a fact that five articles state matches once (a
        union default graph would match it five times).  ``GRAPH ?g`` still
        reaches each article's graph.

        >>> kg = KnowledgeGraph()
        >>> kg.load_string('<http://a> { <http://x> <http://p> 1 } '
        ...                '<http://b> { <http://x> <http://p> 1 }', "trig")
        >>> len(list(kg.query("SELECT * WHERE { ?s ?p ?o }")))
        1
        """
        return self.store.query(sparql, use_default_graph_as_union=False, prefixes=PREFIXES)

    def min_support(self, n: int) -> KnowledgeGraph:
        """A copy without what fewer than ``n`` distinct articles state (``n`` <= 1: ``self``).

        Facts, posts, events and entities supported by fewer articles are left
        out of every graph of the copy (see :func:`kg.derived.supported_only`);
        queries and views of the copy see the rest.  A graph read from a file
        needs its support counts (written by ``kg build``), or its article
        graphs (TriG, N-Quads) to compute them from.

        >>> from kg.vocab import ID
        >>> g = KnowledgeGraph()
        >>> g.load_string(f"<{ID}article/a> {{ <{ID}company/x> a <{ONT}Company> }}", "trig")
        >>> [len(list(g.min_support(n).query("SELECT * { ?x a kg:Company }"))) for n in (1, 2)]
        [1, 0]
        """
        if n <= 1:
            return self
        copy = ox.Store()
        copy.bulk_extend(self.store.quads_for_pattern(None, None, None, None))
        if isinstance(self, LoadedGraph):
            add_to_merge(copy)
        if next(copy.quads_for_pattern(None, ox.NamedNode(ONT + "supportCount"), None,
                                       ox.DefaultGraph()), None) is None:
            if not any(copy.named_graphs()):
                raise ValueError("the graph has no support counts (kg:supportCount) and no "
                                 "article graphs to count from: build it again with kg build, "
                                 "or read its TriG")
            rebuild_derived(copy)
        supported_only(copy, n)
        return KnowledgeGraph(copy)

    def articles(self) -> list[str]:
        rows = self.query(f"SELECT DISTINCT ?a WHERE {{ ?a a <{ONT}Article> }} ORDER BY ?a")
        return [r["a"].value for r in rows]

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of entities per type and facts per relation."""
        types: dict[str, int] = {}
        q = f"""SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?t .
                FILTER(STRSTARTS(STR(?t), "{ONT}")) }} GROUP BY ?t ORDER BY ?t"""
        for r in self.query(q):
            types[r["t"].value[len(ONT):]] = int(r["n"].value)
        rels: dict[str, int] = {}
        q = f"""SELECT ?p (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o .
                FILTER(STRSTARTS(STR(?p), "{ONT}")) }} }} GROUP BY ?p ORDER BY ?p"""
        for r in self.query(q):
            rels[r["p"].value[len(ONT):]] = int(r["n"].value)
        q = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a <http://www.w3.org/ns/org#Membership> }"
        for r in self.query(q):
            if int(r["n"].value):
                rels["holdsPost"] = int(r["n"].value)
        return {"entities": types, "relations": rels}

    # ------------------------------------------------------------ writing

    def serialize(self, path: str | os.PathLike | None = None, fmt: str | None = None) -> bytes:
        """Serialise deterministically; write atomically to ``path`` if given.

        ``fmt`` is one of ttl, trig, nt, nq, jsonld, rdf, graphml, gexf
        (guessed from ``path`` when omitted; see :mod:`kg.formats`).  Triple
        formats hold the merged graph; dataset formats keep one named graph
        per article.
        """
        buf = io.BytesIO()
        writer(fmt or (format_from_path(path) if path else "ttl")).write(self, buf)
        data = buf.getvalue()
        if path is not None and str(path) != "-":
            atomic_write(path, data)
        return data

    def write(self, path: str | os.PathLike, fmt: str | None = None) -> Path:
        """Write the graph to ``path`` atomically, streamed: the bytes of :meth:`serialize`."""
        w = writer(fmt or format_from_path(path))
        return atomic_write(path, lambda f: w.write(self, f))

    @property
    def graph(self):
        """The graph as an :class:`rdflib.Dataset` (one named graph per article)."""
        import rdflib

        ds = rdflib.Dataset()
        ds.parse(data=self.serialize(fmt="nq").decode("utf-8"), format="nquads")
        return ds

    def to_rdflib(self):
        """The merged graph as an :class:`rdflib.Graph`."""
        import rdflib

        g = rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        g.parse(data=self.serialize(fmt="nt").decode("utf-8"), format="nt")
        return g

    def to_networkx(self):
        """Entities as nodes, relations as edges (``relation`` attribute), for Gephi & co.

        Posts become person -> organisation edges labelled with the title; the
        nodes carry ``type``, ``label``, ``aliases`` (joined with ``|``) and
        ``support`` (the articles naming them: size nodes by it in Gephi).
        Events are nodes too, linked to their projects, companies and officials.
        """
        import networkx as nx

        g = nx.MultiDiGraph()
        types = self._add_network_nodes(g)
        for r in self.query(_NETWORK_RELATIONS):
            s, o = r["s"].value, r["o"].value
            if s in types and o in types:
                g.add_edge(s, o, relation=r["p"].value[len(ONT):], label=r["p"].value[len(ONT):])
        for r in self.query(_NETWORK_POSTS):
            s, o = r["p"].value, r["o"].value
            if s in types and o in types:
                g.add_edge(s, o, relation="holdsPost", label=r["title"].value)
        return g

    def _add_network_nodes(self, g) -> dict[str, str]:
        """Add the entity and article nodes to ``g``; return their types by IRI."""
        labels: dict[str, set[str]] = {}
        types: dict[str, str] = {}
        for r in self.query(_NETWORK_NODES):
            iri = r["e"].value
            types.setdefault(iri, r["t"].value[len(ONT):])
            if r["label"] is not None:
                labels.setdefault(iri, set()).add(r["label"].value)
        aliases: dict[str, set[str]] = {}
        for r in self.query(f"SELECT ?e ?a WHERE {{ ?e <{SKOS}altLabel> ?a }}"):
            aliases.setdefault(r["e"].value, set()).add(r["a"].value)
        for r in self.query(f"SELECT ?e ?n WHERE {{ ?e a <{ONT}Article> ; <{SDO}name> ?n }}"):
            labels.setdefault(r["e"].value, set()).add(r["n"].value)
        support = {r["e"].value: int(r["n"].value)
                   for r in self.query(f"SELECT ?e ?n WHERE {{ ?e <{ONT}supportCount> ?n }}")}
        for iri in sorted(types):
            names = ranked_labels(labels.get(iri, {iri}))
            g.add_node(iri, type=types[iri], label=names[0],
                       aliases="|".join(sorted(aliases.get(iri, set()) | set(names[1:]))),
                       support=support.get(iri, 1))
        return types

    def view(self, path: str | os.PathLike | None = None, **options):
        """Write the interactive HTML view to ``path``, or return it for Jupyter."""
        from kg.view import show, write_html

        if path is None:
            return show(self.store, **options)
        write_html(self.store, path, **options)
        return Path(path)


_NETWORK_NODES = f"""SELECT ?e ?t ?label WHERE {{ ?e a ?t . OPTIONAL {{ ?e <{RDFS}label> ?label }}
    FILTER(STRSTARTS(STR(?t), "{ONT}") && ?t NOT IN (<{ONT}Sentence>, <{ONT}Byline>, <{ONT}Fact>))
    }}"""
_NETWORK_RELATIONS = f"""SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o .
    FILTER(STRSTARTS(STR(?p), "{ONT}") && isIRI(?o)) }} ORDER BY ?s ?p ?o"""
_NETWORK_POSTS = f"""SELECT DISTINCT ?p ?o ?title WHERE {{ ?m a <{ORG}Membership> ;
    <{ORG}member> ?p ; <{ORG}organization> ?o ; <{ORG}role> ?r . ?r <{RDFS}label> ?title }}
    ORDER BY ?p ?o ?title"""


class LoadedGraph(KnowledgeGraph):
    """A graph read from a file (or a store taken as it is), kept as it was read.

    Its default graph is its own (all of a Turtle file, say); queries run on
    the merge of every graph, computed when first needed; exports write the
    quads as read and the merge of all of them.  Read-only: build into a
    :class:`KnowledgeGraph` to add articles.
    """

    def __init__(self, store: ox.Store | None = None) -> None:
        super().__init__(store)
        self._merged: tuple[int, ox.Store] | None = None

    def load_string(self, data: str, fmt: str = "ttl") -> None:
        """Add RDF text as it is."""
        self.store.load(io.BytesIO(data.encode("utf-8")), format=rdf_format(fmt))

    def add_article(self, result: ArticleResult) -> int:
        raise TypeError(f"a graph read from a file is read-only; cannot add {result.doc.name}")

    def iter_quads(self) -> Iterable[ox.Quad]:
        return sorted(self.store.quads_for_pattern(None, None, None, None), key=dataset_sort_key)

    def iter_triples(self) -> Iterable[ox.Triple]:
        return union_triples(self.store.quads_for_pattern(None, None, None, None))

    def query(self, sparql: str, *, union: bool = True):
        """Run a SPARQL query; the default graph is the merge of all graphs.

        With ``union=False`` the default graph is the store's own.

        >>> kg = LoadedGraph()
        >>> kg.load_string('<http://a> { <http://x> <http://p> 1 } '
        ...                '<http://b> { <http://x> <http://p> 1 }', "trig")
        >>> len(list(kg.query("SELECT * WHERE { ?s ?p ?o }"))), len(kg)
        (1, 2)
        """
        store = self._merge() if union else self.store
        return store.query(sparql, use_default_graph_as_union=False, prefixes=PREFIXES)

    def _merge(self) -> ox.Store:
        """A copy of the store whose default graph also holds every named graph's triples."""
        size = len(self.store)
        if self._merged is None or self._merged[0] != size:
            merged = ox.Store()
            merged.bulk_extend(self.store.quads_for_pattern(None, None, None, None))
            add_to_merge(merged)
            self._merged = (size, merged)
        return self._merged[1]

