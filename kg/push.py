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
import contextlib
import http.client
import socket
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.graph import KnowledgeGraph, LoadedGraph
from kg.merge import iter_union_triples
from kg.rdf import quad_sort_key, term_key

GSP_SUFFIXES = ("/store", "/data", "/rdf-graphs/service", "/sparql-graph-crud",
                "/sparql-graph-crud-auth")
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


START_HINT = ("is a SPARQL server running there? Start one with 'oxigraph serve --location DIR' "
              "(then --endpoint http://localhost:7878/store) or Fuseki "
              "('fuseki-server --update --mem /ds', "
              "then --endpoint http://localhost:3030/ds/update)")
KEEP_ANSWER = 2000  # bytes of an answer kept for the error message; the rest is read and dropped


class _Watchdog:
    """Shuts a connection's socket down at a deadline, so that no read or write outlives it.

    Socket timeouts bound each read; a server that sends one byte every few
    seconds would pass them all.  This bounds the whole exchange.
    """

    def __init__(self, conn: http.client.HTTPConnection, seconds: float) -> None:
        self.conn = conn
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self.conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _proxy_for(parts: urllib.parse.SplitResult) -> urllib.parse.SplitResult | None:
    """The HTTP proxy the environment names for this URL (``http_proxy``, ``no_proxy`` ...).

    ``None`` if there is none.
    """
    proxy = urllib.request.getproxies().get(parts.scheme)
    if not proxy or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    found = urllib.parse.urlsplit(proxy)
    return found if found.scheme == "http" and found.hostname else None


class Client:
    """Sends requests to one endpoint (basic authentication optional).

    Each request must be answered completely within ``timeout`` seconds, from
    connecting to the last byte of the answer; a connection lost, an answer
    cut short or one that is not HTTP is a :class:`PushError` with one line.
    """

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

    def _connection(
        self, parts: urllib.parse.SplitResult
    ) -> tuple[http.client.HTTPConnection, str]:
        """A connection for ``parts`` and the request target.

        The connection goes through the environment's proxy, if there is one.
        """
        try:
            port = parts.port
        except ValueError:
            raise PushError(f"{self.endpoint}: not a valid port") from None
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        proxy = _proxy_for(parts)
        if parts.scheme == "https":
            if proxy is not None:
                conn = http.client.HTTPSConnection(proxy.hostname, proxy.port or 80,
                                                   timeout=self.timeout)
                conn.set_tunnel(parts.hostname, port or 443)
                return conn, target
            return http.client.HTTPSConnection(parts.hostname, port, timeout=self.timeout), target
        if proxy is not None:
            conn = http.client.HTTPConnection(proxy.hostname, proxy.port or 80,
                                              timeout=self.timeout)
            return conn, urllib.parse.urlunsplit(parts._replace(fragment=""))
        return http.client.HTTPConnection(parts.hostname, port, timeout=self.timeout), target

    def send(self, method: str, url: str, body: bytes, ctype: str) -> None:
        """Send one request.

        Returns when the endpoint has answered it with a 2xx status and all of its body.
        """
        headers = {"Content-Type": ctype, "Content-Length": str(len(body)), "User-Agent": "kg-push"}
        if self.auth:
            headers["Authorization"] = self.auth
        self.requests += 1
        conn, target = self._connection(urllib.parse.urlsplit(url))
        watchdog = _Watchdog(conn, self.timeout)
        phase = "connect"
        try:
            conn.connect()
            phase = "send"
            try:
                conn.request(method, target, body=body, headers=headers)
            except OSError:
                if watchdog.fired:
                    raise
                # it may have answered before reading all (413 ...): read that answer
                phase = "sent"
            resp = conn.getresponse()
            phase = "receive"
            kept, size = _read_answer(resp)
        except (OSError, http.client.HTTPException) as e:
            raise PushError(_one_line(self._failure(e, phase, watchdog.fired))) from None
        finally:
            watchdog.cancel()
            conn.close()
        if not 200 <= resp.status < 300:
            detail = kept.decode("utf-8", "replace").strip().splitlines()
            where = resp.getheader("Location")
            raise PushError(_one_line(
                f"{self.endpoint}: HTTP {resp.status} {resp.reason}"
                + (f": {detail[0][:300]}" if detail else "")
                + (f" (redirected to {where}: give that URL as --endpoint)" if where else "")))

    def _failure(self, e: BaseException, phase: str, timed_out: bool) -> str:
        """The one-line message for a failed exchange."""
        if timed_out:
            return (f"{self.endpoint}: no complete answer within {self.timeout:g} s "
                    "(--timeout bounds each request, from connecting to the answer's last byte)")
        if isinstance(e, TimeoutError):
            return f"{self.endpoint}: no answer within {self.timeout:g} s"
        if phase == "connect":
            if isinstance(e, socket.gaierror):
                host = urllib.parse.urlsplit(self.endpoint).hostname
                return f"{self.endpoint}: cannot connect: unknown host {host}"
            reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
            return f"{self.endpoint}: cannot connect: {reason}; {START_HINT}"
        if isinstance(e, http.client.IncompleteRead):
            return (f"{self.endpoint}: the answer was cut: {len(e.partial)} bytes received"
                    + (f", {e.expected} more announced" if e.expected else "")
                    + "; the request may not have been applied")
        if isinstance(e, http.client.RemoteDisconnected) or phase == "sent":
            return (f"{self.endpoint}: the server closed the connection without answering; "
                    "the request may not have been applied")
        if isinstance(e, http.client.HTTPException):
            return f"{self.endpoint}: not an HTTP answer ({type(e).__name__}: {e})"
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        return f"{self.endpoint}: connection lost: {reason}; the request may not have been applied"

    def gsp(self, method: str, graph: str, triples: list[ox.Triple]) -> None:
        sep = "&" if "?" in self.endpoint else "?"
        url = f"{self.endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"
        self.send(method, url, _nt(triples), "text/turtle; charset=utf-8")

    def update(self, text: str) -> None:
        self.send("POST", self.endpoint, text.encode("utf-8"),
                  "application/sparql-update; charset=utf-8")


def _one_line(text: str) -> str:
    """``text`` with its line breaks and runs of spaces made single spaces.

    >>> _one_line("not an HTTP answer (SSH-2.0\\r\\n)")
    'not an HTTP answer (SSH-2.0 )'
    """
    return " ".join(text.split())


def _read_answer(resp: http.client.HTTPResponse) -> tuple[bytes, int]:
    """Read the whole answer; return its first :data:`KEEP_ANSWER` bytes and its size.

    Raises ``http.client.IncompleteRead`` when the connection ends before the
    announced length (``read(amt)`` of the standard library does not).
    """
    kept = bytearray()
    size = 0
    while True:
        chunk = resp.read(65536)
        if not chunk:
            break
        size += len(chunk)
        if len(kept) < KEEP_ANSWER:
            kept += chunk[: KEEP_ANSWER - len(kept)]
    if resp.length:  # bytes announced by Content-Length that never came
        raise http.client.IncompleteRead(bytes(kept), resp.length)
    return bytes(kept), size


def _graph_triples(store: ox.Store, g) -> list[ox.Triple]:
    quads = store.quads_for_pattern(None, None, None, g)
    return [q.triple for q in sorted(quads, key=quad_sort_key)]


def push(kg: KnowledgeGraph, endpoint: str, *, graph: str | None = None, protocol: str = "auto",
         user: str | None = None, password: str | None = None, timeout: float = 120.0,
         batch: int = BATCH, progress: Callable[[int], None] | None = None) -> PushReport:
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
    protocol = _protocol(endpoint, protocol)
    if graph is not None:
        ox.NamedNode(graph)  # raises ValueError
    client = Client(endpoint, user=user, password=password, timeout=timeout)
    report = PushReport(protocol=protocol)
    store = kg.store
    merged = not isinstance(kg, LoadedGraph)  # its default graph is the merge of the article graphs

    if graph is not None:
        _push_merged(client, graph, iter_union_triples(store, merged), protocol, batch, report)
    else:
        if not merged and _has_default_graph_triples(store):
            raise ValueError("the graph has triples outside named graphs "
                             "(a Turtle or N-Triples file?): "
                             "give --graph IRI to say which graph to put them in")
        _push_articles(client, store, protocol, batch, report, progress)
    report.requests = client.requests
    return report


def _protocol(endpoint: str, protocol: str) -> str:
    """``protocol``, or for ``auto`` the one :func:`choose_protocol` picks.

    ``ValueError`` if it is none of ``auto``, ``update`` and ``gsp``.
    """
    if protocol == "auto":
        protocol = choose_protocol(endpoint)
    if protocol not in ("update", "gsp"):
        raise ValueError(f"unknown protocol {protocol!r}")
    return protocol


def _has_default_graph_triples(store: ox.Store) -> bool:
    """Whether ``store`` has triples in its default graph (outside named graphs)."""
    quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    return next(iter(quads), None) is not None


def _insert(graph: str, triples: list[ox.Triple], first: bool) -> str:
    """The SPARQL Update that puts ``triples`` into ``graph``, dropped first if ``first``."""
    drop = f"DROP SILENT GRAPH <{graph}> ;\n" if first else ""
    return f"{drop}INSERT DATA {{ GRAPH <{graph}> {{\n{_nt(triples).decode('utf-8')}}} }}"


def _push_merged(client: Client, graph: str, triples: Iterable[ox.Triple], protocol: str,
                 batch: int, report: PushReport) -> None:
    """Put ``triples`` (the merged graph) into the one named graph ``graph``, replacing it."""
    for i, chunk in enumerate(_chunks(triples, batch)):
        if protocol == "gsp":
            client.gsp("PUT" if i == 0 else "POST", graph, chunk)
        else:
            client.update(_insert(graph, chunk, i == 0))
        report.triples += len(chunk)
    report.graphs = 1


class _Updates:
    """SPARQL Updates gathered into requests of at least ``batch`` triples (the last: the rest)."""

    def __init__(self, client: Client, batch: int) -> None:
        self.client = client
        self.batch = batch
        self.pending: list[str] = []
        self.size = 0

    def add(self, text: str, triples: int) -> None:
        """Add an update of ``triples`` triples; send all gathered once they reach ``batch``."""
        self.pending.append(text)
        self.size += triples
        if self.size >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Send the gathered updates, if any, in one request."""
        if self.pending:
            self.client.update(" ;\n".join(self.pending))
            self.pending, self.size = [], 0


def _push_articles(client: Client, store: ox.Store, protocol: str, batch: int,
                   report: PushReport, progress: Callable[[int], None] | None) -> None:
    """Put each article graph of ``store`` into its own named graph, replacing it."""
    names = sorted(store.named_graphs(), key=term_key)
    updates = _Updates(client, batch)
    for g in names:
        if not isinstance(g, ox.NamedNode):
            continue
        triples = _graph_triples(store, g)
        report.graphs += 1
        report.triples += len(triples)
        for i, chunk in enumerate(_chunks(triples, batch) if triples else [[]]):
            if protocol == "gsp":
                client.gsp("PUT" if i == 0 else "POST", g.value, chunk)
            else:
                updates.add(_insert(g.value, chunk, i == 0), len(chunk))
        if progress is not None:
            progress(report.graphs)
    updates.flush()
