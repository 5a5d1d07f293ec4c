"""The knowledge graph: a pyoxigraph store with one named graph per article.

pyoxigraph is the engine (loading, SPARQL, serialisation); rdflib objects are
built on demand for users who want them (:attr:`KnowledgeGraph.graph`).

>>> kg = KnowledgeGraph()
>>> kg.load_string('<https://e.org/a> a <https://w3id.org/cnkg/ontology#Company> .', "ttl")
>>> [str(r["t"]) for r in kg.query("SELECT ?t WHERE { ?s a ?t }")]
['<https://w3id.org/cnkg/ontology#Company>']
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.model import ArticleResult
from kg.rdf import quad_sort_key, union_triples
from kg.vocab import ONT, PREFIXES, SDO

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = {"trig", "nq", "nquads", "jsonld", "json-ld"}
NETWORK_FORMATS = {"graphml", "gexf"}


def format_from_path(path: str | os.PathLike, default: str = "ttl") -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "json":
        return "jsonld"
    if suffix in FORMATS or suffix in NETWORK_FORMATS:
        return suffix
    return default


def atomic_write(path: str | os.PathLike, data: bytes | Callable[[BinaryIO], object]) -> Path:
    """Write ``data`` to ``path`` via a temporary file and rename: never half-written.

    ``data`` is the bytes to write, or a function that writes them to the open
    binary file (for output streamed by a serialiser).  The file is synced
    before the rename, gets the usual permissions (``0o666`` less the umask),
    and a failure leaves any previous ``path`` as it was.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write(p, b"x").read_bytes(), atomic_write(p, lambda f: f.write(b"y")).read_bytes()
    (b'x', b'y')
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            if callable(data):
                data(f)
            else:
                f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


class KnowledgeGraph:
    """A graph of regions, organisations, projects and people, with provenance.

    Parameters
    ----------
    store : pyoxigraph.Store, optional
        The store to wrap; a new in-memory store by default.
    """

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store if store is not None else ox.Store()
        self._merged: tuple[int, ox.Store] | None = None

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | os.PathLike, fmt: str | None = None) -> KnowledgeGraph:
        """Read a graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML)."""
        kg = cls()
        fmt = fmt or format_from_path(path)
        if fmt not in FORMATS:
            raise ValueError(f"{path}: cannot read format {fmt!r}")
        with open(path, "rb") as f:
            kg.store.bulk_load(f, format=FORMATS[fmt])
        return kg

    def load_string(self, data: str, fmt: str = "ttl") -> None:
        self.store.load(io.BytesIO(data.encode("utf-8")), format=FORMATS[fmt])

    def add_article(self, result: ArticleResult) -> int:
        """Replace the article's named graph with its new quads, in one transaction."""
        from kg.rdf import article_quads

        quads = article_quads(result)
        if quads:
            graph = quads[0].graph_name
            self.store.update(f"DROP SILENT GRAPH <{graph.value}>")
        self.store.extend(quads)
        return len(quads)

    # ------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self.store)

    def quads(self) -> list[ox.Quad]:
        return sorted(self.store.quads_for_pattern(None, None, None, None), key=quad_sort_key)

    def triples(self) -> list[ox.Triple]:
        """The merged graph: every article's triples once (plus the default graph)."""
        return union_triples(self.store.quads_for_pattern(None, None, None, None))

    def query(self, sparql: str, *, union: bool = True):
        """Run a SPARQL query; the default graph is the merge of all articles' graphs.

        The merge is a set: a fact that five articles state matches once, as
        with ``kg query --store`` (oxigraph's union default graph would match
        it five times).  ``GRAPH ?g`` still reaches each article's graph.
        With ``union=False`` the default graph is the store's own.

        >>> kg = KnowledgeGraph()
        >>> kg.load_string('<http://a> { <http://x> <http://p> 1 } <http://b> { <http://x> <http://p> 1 }', "trig")
        >>> len(list(kg.query("SELECT * WHERE { ?s ?p ?o }")))
        1
        """
        store = self._merge() if union else self.store
        return store.query(sparql, use_default_graph_as_union=False, prefixes=PREFIXES)

    def _merge(self) -> ox.Store:
        """A copy of the store whose default graph also holds every named graph's triples (cached)."""
        size = len(self.store)
        if self._merged is None or self._merged[0] != size:
            merged = ox.Store()
            merged.bulk_extend(self.store.quads_for_pattern(None, None, None, None))
            merged.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            self._merged = (size, merged)
        return self._merged[1]

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
        (guessed from ``path`` when omitted).  Triple formats hold the merged
        graph; dataset formats keep one named graph per article.
        """
        fmt = fmt or (format_from_path(path) if path else "ttl")
        if fmt in NETWORK_FORMATS:
            data = self._network_bytes(fmt)
        elif fmt in DATASET_FORMATS:
            data = ox.serialize(self.quads(), format=FORMATS[fmt], prefixes=PREFIXES) or b""
        elif fmt in FORMATS:
            kw = {"prefixes": PREFIXES} if FORMATS[fmt] in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else {}
            data = ox.serialize(self.triples(), format=FORMATS[fmt], **kw) or b""
        else:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(sorted(set(FORMATS) | NETWORK_FORMATS))}")
        if path is not None and str(path) != "-":
            atomic_write(path, data)
        return data

    def _network_bytes(self, fmt: str) -> bytes:
        import networkx as nx

        g = self.to_networkx()
        buf = io.BytesIO()
        if fmt == "graphml":
            nx.write_graphml(g, buf, encoding="utf-8")
        else:
            nx.write_gexf(g, buf, encoding="utf-8")
        return buf.getvalue()

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
        nodes carry ``type``, ``label`` and ``aliases`` (joined with ``|``).
        """
        import networkx as nx

        g = nx.MultiDiGraph()
        q = f"""SELECT ?e ?t ?label WHERE {{ ?e a ?t . OPTIONAL {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
               FILTER(STRSTARTS(STR(?t), "{ONT}") && ?t NOT IN (<{ONT}Sentence>, <{ONT}Byline>)) }}"""
        labels: dict[str, set[str]] = {}
        types: dict[str, str] = {}
        for r in self.query(q):
            iri = r["e"].value
            types.setdefault(iri, r["t"].value[len(ONT):])
            if r["label"] is not None:
                labels.setdefault(iri, set()).add(r["label"].value)
        aliases: dict[str, set[str]] = {}
        for r in self.query("SELECT ?e ?a WHERE { ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?a }"):
            aliases.setdefault(r["e"].value, set()).add(r["a"].value)
        for r in self.query(f"SELECT ?e ?n WHERE {{ ?e a <{ONT}Article> ; <{SDO}name> ?n }}"):
            labels.setdefault(r["e"].value, set()).add(r["n"].value)
        for iri in sorted(types):
            names = sorted(labels.get(iri, {iri}), key=lambda s: (-len(s), s))
            g.add_node(iri, type=types[iri], label=names[0],
                       aliases="|".join(sorted(aliases.get(iri, set()) | set(names[1:]))))
        q = f"""SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o . FILTER(STRSTARTS(STR(?p), "{ONT}") && isIRI(?o)) }}
                ORDER BY ?s ?p ?o"""
        for r in self.query(q):
            s, o = r["s"].value, r["o"].value
            if s in types and o in types:
                g.add_edge(s, o, relation=r["p"].value[len(ONT):], label=r["p"].value[len(ONT):])
        q = """SELECT DISTINCT ?p ?o ?title WHERE { ?m a <http://www.w3.org/ns/org#Membership> ;
                 <http://www.w3.org/ns/org#member> ?p ; <http://www.w3.org/ns/org#organization> ?o ;
                 <http://www.w3.org/ns/org#role> ?r . ?r <http://www.w3.org/2000/01/rdf-schema#label> ?title }
                ORDER BY ?p ?o ?title"""
        for r in self.query(q):
            s, o = r["p"].value, r["o"].value
            if s in types and o in types:
                g.add_edge(s, o, relation="holdsPost", label=r["title"].value)
        return g

    def view(self, path: str | os.PathLike | None = None, **options):
        """Write the interactive HTML view to ``path``, or return it for Jupyter."""
        from kg.view.render import show, write_html

        if path is None:
            return show(self.store, **options)
        write_html(self.store, path, **options)
        return Path(path)

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        self.store.extend(quads)
