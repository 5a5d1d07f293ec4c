"""Output formats: one registry of writers, as rdflib's serializer plugins.

Each :class:`Writer` has a name (and aliases), the file extensions it is
chosen for, its media type, whether it writes the *dataset* (one named graph
per article: TriG, N-Quads, JSON-LD) or the *merged graph* (Turtle,
N-Triples, RDF/XML, GraphML, GEXF), and the function that writes a graph to
a binary file.  :meth:`kg.graph.KnowledgeGraph.serialize`, ``kg export`` and
``kg build`` all write through it, so a format means the same bytes
everywhere.

>>> writer("turtle").name, writer_for_path("out/graph.json").name
('ttl', 'jsonld')
>>> format_from_path("graph.gexf"), format_from_path("graph.txt")
('gexf', 'ttl')
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import pyoxigraph as ox

from kg.vocab import PREFIXES


class Serializable(Protocol):
    """What a writer reads: the dataset's quads, the merged triples, a networkx view."""

    def iter_quads(self) -> Iterable[ox.Quad]: ...

    def iter_triples(self) -> Iterable[ox.Triple]: ...

    def to_networkx(self): ...


@dataclass(frozen=True)
class Writer:
    """One output format.

    Attributes
    ----------
    name : str
        The format's name (``--format``, ``fmt=``).
    aliases : tuple of str
        Other names accepted for it.
    extensions : tuple of str
        File extensions (without the dot) that choose it.
    media_type : str
        Its IANA media type.
    dataset : bool
        True: writes the article graphs (quads); False: the merged graph.
    write : callable
        ``write(graph, file)`` writes ``graph`` to the open binary ``file``.
    rdf_format : pyoxigraph.RdfFormat or None
        The RDF syntax, for formats kg can also read (None for network formats).
    """

    name: str
    aliases: tuple[str, ...]
    extensions: tuple[str, ...]
    media_type: str
    dataset: bool
    write: Callable[[Serializable, BinaryIO], None]
    rdf_format: ox.RdfFormat | None = None


def _rdf_writer(rdf_format: ox.RdfFormat, dataset: bool, prefixes: bool):
    kw = {"prefixes": PREFIXES} if prefixes else {}

    def write(graph: Serializable, f: BinaryIO) -> None:
        terms = graph.iter_quads() if dataset else graph.iter_triples()
        ox.serialize(terms, f, rdf_format, **kw)

    return write


def _network_writer(name: str):
    def write(graph: Serializable, f: BinaryIO) -> None:
        import networkx as nx

        write_network = nx.write_graphml if name == "graphml" else nx.write_gexf
        write_network(graph.to_networkx(), f, encoding="utf-8")

    return write


def _rdf(name, aliases, extensions, media_type, rdf_format, dataset, prefixes) -> Writer:
    return Writer(name, aliases, extensions, media_type, dataset,
                  _rdf_writer(rdf_format, dataset, prefixes), rdf_format)


T = ox.RdfFormat
WRITERS: tuple[Writer, ...] = (
    _rdf("ttl", ("turtle",), ("ttl", "turtle"), "text/turtle", T.TURTLE, False, True),
    _rdf("trig", (), ("trig",), "application/trig", T.TRIG, True, True),
    _rdf("nt", ("ntriples",), ("nt", "ntriples"), "application/n-triples", T.N_TRIPLES,
         False, False),
    _rdf("nq", ("nquads",), ("nq", "nquads"), "application/n-quads", T.N_QUADS, True, True),
    _rdf("jsonld", ("json-ld",), ("jsonld", "json-ld", "json"), "application/ld+json", T.JSON_LD,
         True, True),
    _rdf("rdf", ("xml",), ("rdf", "xml"), "application/rdf+xml", T.RDF_XML, False, True),
    Writer("graphml", (), ("graphml",), "application/graphml+xml", False,
           _network_writer("graphml")),
    Writer("gexf", (), ("gexf",), "application/gexf+xml", False, _network_writer("gexf")),
)
_BY_NAME = {n: w for w in WRITERS for n in (w.name, *w.aliases)}
_BY_EXTENSION = {e: w for w in WRITERS for e in w.extensions}

#: the formats ``kg export --format`` offers
EXPORT_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf")


def writer(name: str) -> Writer:
    """The writer called ``name`` (or one of its aliases); ValueError if there is none."""
    if name not in _BY_NAME:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(sorted(_BY_NAME))}")
    return _BY_NAME[name]


def writer_for_path(path: str | os.PathLike) -> Writer | None:
    """The writer chosen by the extension of ``path``, or None."""
    return _BY_EXTENSION.get(Path(path).suffix.lower().lstrip("."))


def format_from_path(path: str | os.PathLike, default: str = "ttl") -> str:
    """The name of the format chosen by the extension of ``path`` (``default`` if none)."""
    w = writer_for_path(path)
    return w.name if w is not None else default


def rdf_format(name: str) -> ox.RdfFormat:
    """The RDF syntax of the readable format ``name``; ValueError for others."""
    w = _BY_NAME.get(name)
    if w is None or w.rdf_format is None:
        raise ValueError(f"cannot read format {name!r}")
    return w.rdf_format
