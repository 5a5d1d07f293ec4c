"""The persistent store: an on-disk pyoxigraph store, one named graph per article.

An article's named graph holds everything read from it (its entities, facts,
sentences and the ``kg:sha256`` digest of its text), and the **default graph
holds the merge** of all article graphs: every triple once, however many
articles state it.  Queries without ``GRAPH`` run on the merge (set semantics,
as the SPARQL spec's RDF merge has it: an entity named in 500 articles gives
one row, not 500); ``GRAPH ?g`` still tells which article said what.  (A
union default graph computed at query time would repeat each triple once per
article that states it, and multiply rows across joins and ``OPTIONAL``s.)

* adding an article writes its graph and adds its triples to the merge, in
  one transaction (:func:`replace_article`): a reader or a crash never sees
  half an article;
* an unchanged article (same digest) is skipped (:func:`article_digests`);
* replacing or removing an article (:func:`remove_articles`) drops its graph
  and takes out of the merge the triples no other article states, in the
  same transaction: facts that only it supported disappear, entities other
  articles mention stay (they carry the same IRI in those articles' graphs:
  IRIs are pure functions of ``(type, name)`` or the division code, see
  :mod:`kg.vocab`).

:class:`MergedGraph` is the :class:`~kg.graph.KnowledgeGraph` over such a
store (on disk or in memory) that keeps this invariant.

>>> import tempfile
>>> kg = open_store(tempfile.mkdtemp() + "/store")
>>> g, h = "https://w3id.org/cnkg/id/article/a", "https://w3id.org/cnkg/id/article/b"
>>> replace_article(kg.store, g, f'<{g}> <{ONT}sha256> "d1" .\\n<https://e.org/x> a <{ONT}Company> .\\n')
>>> replace_article(kg.store, h, f'<{h}> <{ONT}sha256> "d3" .\\n<https://e.org/x> a <{ONT}Company> .\\n')
>>> article_digests(kg.store)[g]
'd1'
>>> replace_article(kg.store, g, f'<{g}> <{ONT}sha256> "d2" .\\n')
>>> article_digests(kg.store)[g], len(list(kg.query("SELECT * WHERE { ?s ?p ?o }")))
('d2', 3)
>>> remove_articles(kg.store, [h])
(['https://w3id.org/cnkg/id/article/b'], [])
>>> [str(r["s"]) for r in kg.query("SELECT ?s WHERE { ?s ?p ?o }")]
['<https://w3id.org/cnkg/id/article/a>']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.graph import KnowledgeGraph, atomic_write
from kg.rdf import ALT, LABEL, quad_sort_key, term_key, triple_sort_key
from kg.vocab import ID, ONT, PREFIXES, article_iri

ARTICLE_PREFIX = f"{ID}article/"


class MergedGraph(KnowledgeGraph):
    """A :class:`KnowledgeGraph` whose default graph is the merge of its article graphs.

    Queries (:meth:`query`) run on the merge; :meth:`quads` (TriG, N-Quads)
    holds the article graphs only, so the files written are the same as for
    a plain graph.  Write through :meth:`add_article`, :func:`replace_article`
    and :func:`remove_articles`, which keep the merge up to date.
    """

    def query(self, sparql: str, *, union: bool = True):
        """Run a SPARQL query; the default graph is the merge of all articles' graphs."""
        return self.store.query(sparql, use_default_graph_as_union=False, prefixes=PREFIXES)

    def quads(self) -> list[ox.Quad]:
        return list(iter_sorted_quads(self.store))

    def triples(self) -> list[ox.Triple]:
        return list(iter_union_triples(self.store))

    def add_article(self, result) -> int:
        """Replace the article's named graph (and its part of the merge), in one transaction."""
        from kg.rdf import article_quads

        quads = article_quads(result)
        if quads:
            replace_article(self.store, quads[0].graph_name.value, article_ntriples(quads))
        return len(quads)

    def rebuild_merge(self) -> None:
        """Recompute the merge from the article graphs (after writing to ``store`` directly)."""
        self.store.update("DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


class StoreError(Exception):
    """A store that cannot be opened or written; ``str()`` says why, in one line."""


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def open_store(path: str | os.PathLike, *, read_only: bool = False, create: bool = True) -> MergedGraph:
    """Open (or create) the on-disk store at ``path`` as a :class:`MergedGraph`.

    Parameters
    ----------
    path : str or os.PathLike
        The store folder (created when missing and ``create`` is true).
    read_only : bool
        Open without taking the write lock: works beside another process that
        reads the store (e.g. ``kg serve``).  A read-only store does not see
        writes made after it was opened.
    create : bool
        Create the store when ``path`` does not exist; otherwise raise.

    Raises
    ------
    StoreError
        The folder is missing (and ``create`` is false), is not a store, or
        another process holds the write lock.
    """
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder")
    if not p.exists() and (read_only or not create):
        raise StoreError(f"{path}: no such store (build one with: kg build PATH... --store {path})")
    if p.is_dir() and any(p.iterdir()) and not (p / "CURRENT").exists():
        raise StoreError(f"{path}: not a kg store (a folder with other files in it)")
    try:
        store = ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except (OSError, RuntimeError) as e:
        msg = _first_line(e)
        if "lock" in msg.lower():
            raise StoreError(f"{path}: the store is in use by another process that writes to it "
                             f"(a build, or kg serve --writable); wait for it or stop it ({msg})") from None
        raise StoreError(f"{path}: cannot open the store: {msg}") from None
    return MergedGraph(store)


def article_digests(store: ox.Store) -> dict[str, str]:
    """Map every article graph in ``store`` to the ``kg:sha256`` digest of its text."""
    rows = store.query(f"SELECT ?g ?d WHERE {{ GRAPH ?g {{ ?g <{ONT}sha256> ?d }} }}")
    return {r["g"].value: r["d"].value for r in rows}


# the triples of graph <{g}> that no other article graph states: they leave the merge with it
_UNSUPPORTED = """DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != <{g}>) }} }}"""


def replace_article(store: ox.Store, graph: str, ntriples: str) -> None:
    """Replace the named graph ``graph`` by the triples ``ntriples``, in one transaction.

    ``ntriples`` is N-Triples text (what :func:`article_ntriples` returns).
    The triples only the old version stated leave the merge (the default
    graph), the new ones join it.  All of it is one SPARQL update, which
    pyoxigraph runs as a single transaction: an interrupted write leaves the
    old article or the new one, never a mixture or half of it.
    """
    ox.NamedNode(graph)  # raises ValueError on a malformed IRI
    ops = []
    if store.contains_named_graph(ox.NamedNode(graph)):
        ops += [_UNSUPPORTED.format(g=graph), f"DROP SILENT GRAPH <{graph}>"]
    ops.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}}} }}")
    ops.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    store.update(" ;\n".join(ops))


def article_ntriples(quads: Iterable[ox.Quad]) -> str:
    """The triples of one article's quads as N-Triples text (order kept).

    >>> q = ox.Quad(ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p"),
    ...             ox.Literal("张店区", language="zh"), ox.NamedNode("http://e.org/g"))
    >>> article_ntriples([q])
    '<http://e.org/s> <http://e.org/p> "张店区"@zh .\\n'
    """
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return (data or b"").decode("utf-8")


def article_ref(ref: str) -> str:
    """The graph IRI of an article given by IRI, file path or file name.

    >>> article_ref("news/000_85f0a25b40f2a772.txt")
    'https://w3id.org/cnkg/id/article/000_85f0a25b40f2a772'
    >>> article_ref("https://w3id.org/cnkg/id/article/x")
    'https://w3id.org/cnkg/id/article/x'
    """
    if ref.startswith(("http://", "https://", "urn:")):
        return ref
    name = Path(ref).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return article_iri(stem)


def expand_refs(refs: Iterable[str]) -> list[str]:
    """Article graph IRIs for ``refs``: IRIs, file paths (existing or not) and folders."""
    from kg.read import iter_inputs

    out: list[str] = []
    for ref in refs:
        if not ref.startswith(("http://", "https://", "urn:")) and Path(ref).is_dir():
            out.extend(article_ref(str(p)) for p in iter_inputs([ref]) if isinstance(p, Path))
        else:
            out.append(article_ref(ref))
    return list(dict.fromkeys(out))


def remove_articles(store: ox.Store, refs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Drop the named graphs of the articles ``refs`` (IRIs, paths or folders).

    Each article is dropped in its own transaction, with the triples of the
    merge that no other article states.  Returns the IRIs removed
    and the references that matched no article in the store.
    """
    removed, unknown = [], []
    for iri in expand_refs(refs):
        node = ox.NamedNode(iri)
        if store.contains_named_graph(node):
            store.update(_UNSUPPORTED.format(g=iri) + f" ;\nDROP SILENT GRAPH <{iri}>")
            removed.append(iri)
        else:
            unknown.append(iri)
    return removed, unknown


# ---------------------------------------------------------------- statistics

def entity_count(store: ox.Store) -> int:
    """Distinct entities (regions, organisations, projects, people) in the store's merge."""
    from kg.model import ENTITY_TYPES

    types = " ".join(f"<{ONT}{t}>" for t in ENTITY_TYPES)
    q = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?t {{ {types} }} ?e a ?t }}"
    return int(next(iter(store.query(q)))["n"].value)


def disk_bytes(path: str | os.PathLike) -> int:
    """Bytes used on disk by the store folder ``path``."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def store_stats(store: ox.Store) -> dict[str, int]:
    """Articles, quads and distinct entities in ``store``."""
    return {
        "articles": sum(1 for _ in store.named_graphs()),
        "quads": len(store),
        "entities": entity_count(store),
    }


# ---------------------------------------------------------------- streaming output

def iter_sorted_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """The article graphs' quads sorted as :meth:`KnowledgeGraph.quads` sorts them.

    One graph is in memory at a time; the default graph (the merge) is left out.
    """
    for g in sorted(store.named_graphs(), key=term_key):
        yield from sorted(store.quads_for_pattern(None, None, None, g), key=quad_sort_key)


def iter_union_triples(store: ox.Store, merged: bool = True) -> Iterator[ox.Triple]:
    """The merged graph as :func:`kg.rdf.union_triples` makes it, one subject at a time.

    Reads the merge (the default graph of a :class:`MergedGraph`; with
    ``merged=False``, all graphs); holds the set of distinct subjects in
    memory, not the triples.
    """
    default = ox.DefaultGraph() if merged else None
    subjects = sorted({q.subject for q in store.quads_for_pattern(None, None, None, default)}, key=term_key)
    for s in subjects:
        triples = {ox.Triple(s, q.predicate, q.object) for q in store.quads_for_pattern(s, None, None, default)}
        labels = [t.object for t in triples if t.predicate == LABEL]
        if len(labels) > 1:
            keep = sorted(labels, key=lambda o: (-len(o.value), o.value))[0]
            for o in labels:
                if o != keep:
                    triples.discard(ox.Triple(s, LABEL, o))
                    triples.add(ox.Triple(s, ALT, o))
        yield from sorted(triples, key=triple_sort_key)


def write_dataset(store: ox.Store, path: str | os.PathLike, fmt: str = "trig") -> None:
    """Write every article graph (TriG or N-Quads), streaming and atomically.

    The bytes equal ``KnowledgeGraph(store).serialize(fmt=fmt)``.
    """
    from kg.graph import FORMATS

    kw = {"prefixes": PREFIXES} if fmt == "trig" else {}
    atomic_write(path, lambda f: ox.serialize(iter_sorted_quads(store), f, FORMATS[fmt], **kw))


def write_merged(store: ox.Store, path: str | os.PathLike, fmt: str = "ttl") -> None:
    """Write the merged graph (Turtle or N-Triples), streaming and atomically.

    The bytes equal ``KnowledgeGraph(store).serialize(fmt=fmt)``.
    """
    from kg.graph import FORMATS

    kw = {"prefixes": PREFIXES} if fmt in ("ttl", "turtle") else {}
    atomic_write(path, lambda f: ox.serialize(iter_union_triples(store), f, FORMATS[fmt], **kw))


__all__ = [
    "ARTICLE_PREFIX",
    "MergedGraph",
    "StoreError",
    "article_digests",
    "article_ntriples",
    "article_ref",
    "disk_bytes",
    "entity_count",
    "expand_refs",
    "open_store",
    "remove_articles",
    "replace_article",
    "store_stats",
    "write_dataset",
    "write_merged",
]
