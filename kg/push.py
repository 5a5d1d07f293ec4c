"""Load a graph into a remote SPARQL 1.1 endpoint, with the standard library only.

Two standard protocols, so it works with Oxigraph, Fuseki, GraphDB, Virtuoso
and others:

* **SPARQL 1.1 Update** (``protocol="update"``): ``POST`` of
  ``application/sparql-update`` bodies ``DROP SILENT GRAPH <g> ; INSERT DATA
  { GRAPH <g> { ... } }``, several article graphs per request;
* **SPARQL 1.1 Graph Store HTTP Protocol** (``protocol="gsp"``): ``PUT
  URL?graph=<g>`` with the graph as Turtle (N-Triples syntax), one request
  per graph (big graphs: ``PUT`` the first part, ``POST`` the rest).

``protocol="auto"`` picks the Graph Store Protocol for URLs whose path ends
in ``/store`` (Oxigraph), ``/data`` (Fuseki), ``/rdf-graphs/service``
(GraphDB) or ``/sparql-graph-crud`` (Virtuoso), and SPARQL Update otherwise
(``/update``, ``/sparql``, ``/statements``).

Every article keeps its own named graph (pushing twice replaces, never
duplicates); with ``graph=IRI`` the merged graph goes into that one graph
instead, replacing it.

>>> choose_protocol("http://localhost:7878/store"), choose_protocol("http://localhost:3030/ds/update")
('gsp', 'update')
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.graph import KnowledgeGraph, LoadedGraph
from kg.merge import iter_union_triples
from kg.rdf import quad_sort_key, term_key

GSP_SUFFIXES = ("/store", "/data", "/rdf-graphs/service", "/sparql-graph-crud", "/sparql-graph-crud-auth")
BATCH = 20_000  # triples per request


class PushError(Exception):
    """The endpoint refused or could not be reached; ``str()`` says why, in one line."""


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    protocol: str = ""


def choose_protocol(endpoint: str) -> str:
    """``gsp`` or ``update`` for an endpoint URL (see the module docstring)."""
    path = urllib.parse.urlsplit(endpoint).path.rstrip("/")
    return "gsp" if path.endswith(GSP_SUFFIXES) else "update"


def _nt(triples: Iterable[ox.Triple]) -> bytes:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""


def _chunks(triples: Iterable[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    chunk: list[ox.Triple] = []
    for t in triples:
        chunk.append(t)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Client:
    """Sends requests to one endpoint (basic authentication optional)."""

    def __init__(self, endpoint: str, *, user: str | None = None, password: str | None = None,
                 timeout: float = 120.0) -> None:
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PushError(f"{endpoint}: not an http(s) URL")
        self.endpoint = endpoint
        self.timeout = timeout
        self.auth = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            self.auth = f"Basic {token}"
        self.requests = 0

    def send(self, method: str, url: str, body: bytes, ctype: str) -> None:
        req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": ctype})
        if self.auth:
            req.add_header("Authorization", self.auth)
        self.requests += 1
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as e:
            detail = e.read(2000).decode("utf-8", "replace").strip().splitlines()
            raise PushError(f"{self.endpoint}: HTTP {e.code} {e.reason}"
                            + (f": {detail[0]}" if detail else "")) from None
        except urllib.error.URLError as e:
            raise PushError(f"{self.endpoint}: cannot connect: {e.reason}") from None
        except TimeoutError:
            raise PushError(f"{self.endpoint}: no answer within {self.timeout:g} s") from None

    def gsp(self, method: str, graph: str, triples: list[ox.Triple]) -> None:
        sep = "&" if "?" in self.endpoint else "?"
        url = f"{self.endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"
        self.send(method, url, _nt(triples), "text/turtle; charset=utf-8")

    def update(self, text: str) -> None:
        self.send("POST", self.endpoint, text.encode("utf-8"), "application/sparql-update; charset=utf-8")


def _graph_triples(store: ox.Store, g) -> list[ox.Triple]:
    return [q.triple for q in sorted(store.quads_for_pattern(None, None, None, g), key=quad_sort_key)]


def push(kg: KnowledgeGraph, endpoint: str, *, graph: str | None = None, protocol: str = "auto",
         user: str | None = None, password: str | None = None, timeout: float = 120.0,
         batch: int = BATCH, progress=None) -> PushReport:
    """Load ``kg`` into the endpoint; see the module docstring for what is sent.

    Parameters
    ----------
    kg : KnowledgeGraph
        A graph loaded from a file, or an opened store.
    endpoint : str
        The Update or Graph Store URL (e.g. ``http://localhost:7878/update``).
    graph : str, optional
        Put the merged graph into this one named graph (replacing it) instead
        of one named graph per article.
    protocol : str
        ``auto``, ``update`` or ``gsp``.
    progress : callable, optional
        Called with the number of graphs sent so far.
    """
    if protocol == "auto":
        protocol = choose_protocol(endpoint)
    if protocol not in ("update", "gsp"):
        raise ValueError(f"unknown protocol {protocol!r}")
    if graph is not None:
        ox.NamedNode(graph)  # raises ValueError
    client = Client(endpoint, user=user, password=password, timeout=timeout)
    report = PushReport(protocol=protocol)
    store = kg.store
    merged = not isinstance(kg, LoadedGraph)  # its default graph is the merge of the article graphs

    if graph is not None:
        for i, chunk in enumerate(_chunks(iter_union_triples(store, merged), batch)):
            if protocol == "gsp":
                client.gsp("PUT" if i == 0 else "POST", graph, chunk)
            else:
                drop = f"DROP SILENT GRAPH <{graph}> ;\n" if i == 0 else ""
                client.update(f"{drop}INSERT DATA {{ GRAPH <{graph}> {{\n{_nt(chunk).decode('utf-8')}}} }}")
            report.triples += len(chunk)
        report.graphs = 1
        report.requests = client.requests
        return report

    if not merged and next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        raise ValueError("the graph has triples outside named graphs (a Turtle or N-Triples file?): "
                        "give --graph IRI to say which graph to put them in")
    names = sorted(store.named_graphs(), key=term_key)
    pending: list[str] = []
    pending_size = 0
    for g in names:
        if not isinstance(g, ox.NamedNode):
            continue
        triples = _graph_triples(store, g)
        report.graphs += 1
        report.triples += len(triples)
        if protocol == "gsp":
            for i, chunk in enumerate(_chunks(triples, batch) if triples else [[]]):
                client.gsp("PUT" if i == 0 else "POST", g.value, chunk)
        else:
            for i, chunk in enumerate(_chunks(triples, batch) if triples else [[]]):
                drop = f"DROP SILENT GRAPH <{g.value}> ;\n" if i == 0 else ""
                pending.append(f"{drop}INSERT DATA {{ GRAPH <{g.value}> {{\n{_nt(chunk).decode('utf-8')}}} }}")
                pending_size += len(chunk)
                if pending_size >= batch:
                    client.update(" ;\n".join(pending))
                    pending, pending_size = [], 0
        if progress is not None:
            progress(report.graphs)
    if pending:
        client.update(" ;\n".join(pending))
    report.requests = client.requests
    return report
