"""The persistent store: an on-disk pyoxigraph store, one named graph per article.

An article's named graph holds everything read from it (its entities, facts,
sentences and the ``kg:sha256`` digest of its text), and the default graph
holds the merge of all article graphs (see :mod:`kg.merge`).  Opened with
:func:`open_store`, a store is a :class:`~kg.graph.KnowledgeGraph`, as a
graph built in memory is.

* adding an article writes its graph and its part of the merge in one
  transaction (:func:`kg.merge.replace_article`);
* an unchanged article (same digest) is skipped (:func:`article_digests`);
* removing articles (:func:`remove_articles`) drops each graph with the
  triples of the merge that only it stated, one transaction per article;
* after either, the derived graph (support counts, intervals, stages: see
  :mod:`kg.derived`) is brought up to date for what those articles touched.

>>> import tempfile
>>> kg = open_store(tempfile.mkdtemp() + "/store")
>>> g, h = "https://w3id.org/cnkg/id/article/a", "https://w3id.org/cnkg/id/article/b"
>>> company = f'<https://e.org/x> a <{ONT}Company> .\\n'
>>> replace_article(kg.store, g, f'<{g}> <{ONT}sha256> "d1" .\\n' + company)
>>> replace_article(kg.store, h, f'<{h}> <{ONT}sha256> "d3" .\\n' + company)
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

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.derived import refresh as refresh_derived
from kg.files import file_stem, os_reason
from kg.graph import KnowledgeGraph
from kg.merge import article_graphs, article_ntriples, remove_article, replace_article
from kg.model import ENTITY_TYPES
from kg.read import iter_inputs
from kg.vocab import ID, ONT, article_iri

ARTICLE_PREFIX = f"{ID}article/"


class StoreError(Exception):
    """A store that cannot be opened or written; ``str()`` says why, in one line."""


class StoreWriteError(StoreError):
    """A write to a store failed (e.g. the disk is full); what was committed before stays.

    ``str()`` is one line naming the store (``path``, when known) and the ``reason``.
    """

    def __init__(self, path: str | os.PathLike | None, reason: str) -> None:
        self.path = None if path is None else str(path)
        self.reason = reason
        super().__init__(f"{self.path or 'the store'}: cannot write the store: {reason}; "
                         "every article written before is complete in it")


@contextlib.contextmanager
def store_writes(path: str | os.PathLike | None) -> Iterator[None]:
    """Turn an ``OSError`` raised by store writes inside the block into :class:`StoreWriteError`.

    >>> with store_writes("kgstore"):
    ...     raise OSError("IO error: No space left on device")
    Traceback (most recent call last):
    kg.store.StoreWriteError: kgstore: cannot write the store: IO error: No space left on device; \
every article written before is complete in it
    """
    try:
        yield
    except OSError as e:
        raise StoreWriteError(path, os_reason(e)) from None


def open_store(path: str | os.PathLike, *, read_only: bool = False,
               create: bool = True) -> KnowledgeGraph:
    """Open (or create) the on-disk store at ``path`` as a :class:`~kg.graph.KnowledgeGraph`.

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
    try:
        _check_store_folder(path, read_only=read_only, create=create)
        if create and not read_only:
            Path(path).mkdir(parents=True, exist_ok=True)  # like --out: missing parents are made
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError) as e:
        msg = os_reason(e)
        if "lock" in msg.lower():
            raise StoreError(f"{path}: the store is in use by another process that writes to it "
                             f"(a build, or kg serve --writable); wait for it or stop it ({msg})"
                             ) from None
        raise StoreError(f"{path}: cannot open the store: {msg}") from None
    return KnowledgeGraph(store)


def _check_store_folder(path: str | os.PathLike, *, read_only: bool, create: bool) -> None:
    """Raise :class:`StoreError` if ``path`` is a file, missing (and not to be created) or no store.

    Raises ``OSError`` when ``path`` cannot be looked at (e.g. its name is too long).
    """
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder")
    if not p.exists() and (read_only or not create):
        raise StoreError(f"{path}: no such store (build one with: kg build PATH... --store {path})")
    if p.is_dir() and any(p.iterdir()) and not (p / "CURRENT").exists():
        raise StoreError(f"{path}: not a kg store (a folder with other files in it)")


def article_digests(store: ox.Store) -> dict[str, str]:
    """Map every article graph in ``store`` to the ``kg:sha256`` digest of its text."""
    rows = store.query(f"SELECT ?g ?d WHERE {{ GRAPH ?g {{ ?g <{ONT}sha256> ?d }} }}")
    return {r["g"].value: r["d"].value for r in rows}


def article_ref(ref: str) -> str:
    """The graph IRI of an article given by IRI, file path or file name.

    >>> article_ref("news/000_85f0a25b40f2a772.txt")
    'https://w3id.org/cnkg/id/article/000_85f0a25b40f2a772'
    >>> article_ref("https://w3id.org/cnkg/id/article/x")
    'https://w3id.org/cnkg/id/article/x'
    """
    if ref.startswith(("http://", "https://", "urn:")):
        return ref
    return article_iri(file_stem(ref))


def expand_refs(refs: Iterable[str]) -> list[str]:
    """Article graph IRIs for ``refs``: IRIs, file paths (existing or not) and folders."""
    out: list[str] = []
    for ref in refs:
        if not ref.startswith(("http://", "https://", "urn:")) and os.path.isdir(ref):
            out.extend(article_ref(str(p)) for p in iter_inputs([ref]) if isinstance(p, Path))
        else:
            out.append(article_ref(ref))
    return list(dict.fromkeys(out))


def remove_articles(store: ox.Store, refs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Drop the named graphs of the articles ``refs`` (IRIs, paths or folders).

    Each article is dropped in its own transaction, with the triples of the
    merge that no other article states; then support counts, intervals and
    stages are recomputed where they changed (:func:`kg.derived.refresh`).
    Returns the IRIs removed and the references that matched no article in
    the store.
    """
    removed, unknown = [], []
    for iri in expand_refs(refs):
        if remove_article(store, iri):
            removed.append(iri)
        else:
            unknown.append(iri)
    refresh_derived(store)
    return removed, unknown


# ---------------------------------------------------------------- statistics

def entity_count(store: ox.Store) -> int:
    """Distinct entities (regions, organisations, projects, people) in the store's merge."""
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


def article_count(store: ox.Store) -> int:
    """Articles in ``store``: its named graphs but the derived one."""
    return len(article_graphs(store))


def store_stats(store: ox.Store) -> dict[str, int]:
    """Articles, quads and distinct entities in ``store``."""
    return {
        "articles": article_count(store),
        "quads": len(store),
        "entities": entity_count(store),
    }


__all__ = [
    "ARTICLE_PREFIX",
    "article_count",
    "StoreError",
    "StoreWriteError",
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
    "store_writes",
]
