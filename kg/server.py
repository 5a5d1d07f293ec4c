"""A SPARQL 1.1 endpoint over a store: the Oxigraph server behind a small safety proxy.

``kg serve --store DIR`` runs the native Oxigraph server (the ``oxigraph``
PyPI package) as a child process on a private loopback port and puts a
standard-library HTTP proxy (:class:`ProxyServer`) in front of it, on
127.0.0.1 by default.  The proxy adds what the Oxigraph server does not do by
itself:

* **read-only by default**: SPARQL Update (``/update``, or an update sent to
  ``/sparql`` or ``/query``) and Graph Store Protocol writes
  (``PUT``/``POST``/``DELETE`` on ``/store``) are refused with ``403
  Forbidden`` and a message, unless ``writable`` is set (then Oxigraph runs in
  read-write mode and holds the store's write lock).  Even then, an update
  comes only with ``POST`` and never from a web page of another site (its
  ``Origin`` header);
* **a time limit that really stops a query**: Oxigraph's own
  ``--timeout-s`` cancels most queries, but not all of them (a sort, or a
  join whose filter never matches, goes on for minutes).  So a query or
  update still running one second past ``timeout`` gets ``503`` and the
  Oxigraph process is killed and started again (:class:`Oxigraph`); queries
  that were running beside it in the killed process are sent again if their
  answer had not begun;
* **no fetching of other URLs**: ``SERVICE`` in a query and ``LOAD`` in an
  update are refused with ``400`` unless their IRI starts with a prefix given
  in ``allow_service`` (``kg serve --allow-service URL_PREFIX``); ``file:``
  IRIs and ``SERVICE ?variable`` are never allowed (:func:`check_remote_access`);
* **the prefixes of** ``kg query`` (``kg:``, ``rdfs:``, ``org:`` ... from
  :data:`kg.vocab.PREFIXES`) are declared in every query and update; a
  query's own ``PREFIX`` declarations override them;
* **a result-size limit**: a query answer larger than ``max_bytes`` is refused
  with ``422`` (add a ``LIMIT``) when it is known before the answer begins,
  and cut otherwise (see below);
* **streamed answers**: an answer is held back only up to
  :data:`HOLD_BYTES` (so that errors found early still get their status);
  past that it is sent on in chunks as it comes.  An answer that goes past
  the time or size limit after it began is *cut*: the chunked response ends
  without its last chunk, which clients report as an incomplete read;
* request bodies over :data:`MAX_QUERY_BYTES` (read-only) or
  :data:`MAX_WRITE_BYTES` (writable) are refused with 413, a malformed
  ``Content-Length`` with 400; the listen queue holds :data:`BACKLOG`
  connections (the kernel may cap it at ``net.core.somaxconn``).

The default graph of queries is the merge of all article graphs, which the
store keeps (see :mod:`kg.store`: every triple once, however many articles
state it); ``GRAPH ?g`` still tells which article said what.
The query UI (YASGUI, from the Oxigraph server) is served at ``/`` with a
first query about the graph's companies that says which prefixes are predeclared.

>>> read_operation("POST", "/sparql", "application/sparql-update", b"CLEAR ALL", "").kind
'update'
>>> read_operation("GET", "/query", "", b"", "query=ASK%7B%7D").text
'ASK{}'
>>> read_operation("PUT", "/store", "text/turtle", b"", "").kind
'write'
"""

from __future__ import annotations

import collections
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.vocab import PREFIXES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0  # seconds per query
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # per response
MAX_QUERY_BYTES = 1024 * 1024  # request body of a query
MAX_WRITE_BYTES = 512 * 1024 * 1024  # request body of an update or upload (writable only)
BACKLOG = 1024  # connections waiting to be accepted (the proxy had 5: resets under load)
HOLD_BYTES = 256 * 1024  # an answer is held back up to this size, then streamed
CHUNK = 64 * 1024  # bytes read from Oxigraph at a time
KILL_GRACE = 1.0  # seconds past the time limit before the Oxigraph process is killed
# seconds a client may stay silent (or not read) before its connection is closed
IDLE_TIMEOUT = 60.0
WRITE_TIMEOUT = 3600.0  # seconds Oxigraph may take over a Graph Store upload (not killed)
# a query naming SERVICE (or an update naming LOAD) is parsed up to this size
MAX_CHECKED_BYTES = 256 * 1024
CANCELLED = b"The SPARQL operation has been cancelled"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authenticate", "proxy-authorization", "content-length", "server", "date"}
QUERY_PATHS = ("/query", "/sparql", "/update")

# The prefixes of kg query, on one line put before every query and update (a query's own
# PREFIX declarations come after it, so they win).  One line, so error positions shift by one line.
PREFIX_LINE = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items())

DEFAULT_UI_QUERY = f"""\
# This endpoint declares the prefixes of kg query (kg: rdfs: org: schema: skos: prov: ...):
# the PREFIX lines are optional here (the editor marks an undeclared prefix, the endpoint knows it).
PREFIX kg: <{PREFIXES["kg"]}>
PREFIX rdfs: <{PREFIXES["rdfs"]}>
SELECT ?company ?name ?place WHERE {{
  ?company a kg:Company ;
           rdfs:label ?name .
  OPTIONAL {{ ?company kg:locatedIn/rdfs:label ?place }}
}}
LIMIT 20
"""

UI_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>kg SPARQL endpoint</title>
    <link href="./yasgui.min.css" rel="stylesheet" type="text/css" />
    <script src="./yasgui.min.js"></script>
    <link rel="icon" type="image/svg+xml" href="/logo.svg">
</head>
<body>
<div id="yasgui"></div>
<script>
    const url = window.location.origin;
    new Yasgui(document.getElementById("yasgui"), {
        requestConfig: { endpoint: url + "/query" },
        yasqe: { value: %s },
        endpointCatalogueOptions: {
            getData: function () {
                return [{ endpoint: url + "/query" }, { endpoint: url + "/update" }];
            },
            keys: [],
        }
    });
</script>
</body>
</html>
"""


class ServerError(Exception):
    """The server cannot start; ``str()`` says why, in one line."""


class RequestError(Exception):
    """A request refused by the proxy: an HTTP status and a one-line message."""

    def __init__(self, status: int, message: str, *, close: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.close = close


def ui_page() -> bytes:
    """The query UI's HTML: Oxigraph's YASGUI with :data:`DEFAULT_UI_QUERY` as its first query."""
    value = json.dumps(DEFAULT_UI_QUERY).replace("</", "<\\/")
    return (UI_PAGE % value).encode("utf-8")


# ---------------------------------------------------------------- requests

@dataclass
class Operation:
    """What a request asks for.

    ``kind`` is ``query``, ``update``, ``write`` (a Graph Store write) or
    ``other`` (the UI's files); ``text`` is the SPARQL text of a query or
    update and ``params`` the other protocol parameters (``default-graph-uri``
    ...), from the URL and a form body.
    """

    kind: str
    text: str | None = None
    params: list[tuple[str, str]] = field(default_factory=list)


def read_operation(method: str, path: str, content_type: str, body: bytes, query: str) -> Operation:
    """Read a request into an :class:`Operation`; raise :class:`RequestError` if it is malformed.

    >>> read_operation("POST", "/query", "text/plain", b"ASK {}",
    ...                "")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    kg.server.RequestError: send a query as application/sparql-query, an update as
    application/sparql-update, or either as a form (application/x-www-form-urlencoded),
    not text/plain
    """
    if path == "/store":
        return Operation("write" if method in ("PUT", "POST", "DELETE", "PATCH") else "query")
    if path not in QUERY_PATHS:
        return Operation("other" if method in ("GET", "HEAD", "OPTIONS") else "write")
    ctype = content_type.split(";")[0].strip().lower()
    try:
        params = urllib.parse.parse_qsl(query, keep_blank_values=True)
        text = None
        if ctype == "application/x-www-form-urlencoded":
            params += urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        elif ctype in ("application/sparql-query", "application/sparql-update"):
            text = body.decode("utf-8")
        elif body:
            raise RequestError(415, "send a query as application/sparql-query, an update as "
                                    "application/sparql-update, or either as a form "
                                    "(application/x-www-form-urlencoded), "
                                    f"not {ctype or 'no Content-Type'}")
    except UnicodeDecodeError:
        raise RequestError(400, "the request body is not UTF-8") from None
    queries = [v for k, v in params if k == "query"]
    updates = [v for k, v in params if k == "update"]
    if len(queries) + len(updates) + (text is not None) > 1:
        raise RequestError(400, "send one query or one update per request")
    is_update = path == "/update" or bool(updates) or ctype == "application/sparql-update"
    kind = "update" if is_update else "query"
    rest = [(k, v) for k, v in params if k not in ("query", "update")]
    if text is None and (queries or updates):
        text = (queries or updates)[0]
    return Operation(kind, text, rest)


def with_prefixes(text: str) -> str:
    """``text`` after the prefix line of ``kg query`` (:data:`PREFIX_LINE`).

    >>> with_prefixes("ASK { ?c a kg:Company }").splitlines()[1]
    'ASK { ?c a kg:Company }'
    """
    return f"{PREFIX_LINE}\n{text}"


_ERROR_AT = re.compile(rb"^error at (\d+):(\d+)")


def shift_error_position(body: bytes) -> bytes:
    """Oxigraph's ``error at LINE:COL`` counted in the query as sent, without the prefix line.

    >>> shift_error_position(b"error at 3:5: expected OPTIONAL")
    b'error at 2:5: expected OPTIONAL'
    """
    m = _ERROR_AT.match(body)
    if not m or int(m.group(1)) < 2:
        return body
    return b"error at %d:%s" % (int(m.group(1)) - 1, m.group(2)) + body[m.end():]


# ---------------------------------------------------------------- SERVICE and LOAD

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(text: str) -> str:
    r"""``text`` with SPARQL's ``\uXXXX`` and ``\UXXXXXXXX`` escapes read as their characters."""
    def one(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(one, text)


def _as_oxigraph_reads_it(text: str) -> str:
    r"""``text`` made so that rdflib's parser splits it where Oxigraph's does.

    Two differences would let a ``SERVICE`` pass unseen: rdflib reads
    ``\u`` escapes everywhere before parsing, so ``"\u0022 # "`` ends a
    string and starts a comment for rdflib and is a string of three
    characters for Oxigraph (which reads escapes only inside strings and
    IRIs, where they are plain characters); and a comment ends at a carriage
    return for Oxigraph, at a line feed only for rdflib.  So each escape
    becomes U+FFFD and each carriage return a line feed.

    >>> _as_oxigraph_reads_it('"\\u0022 # "\r') == '"\ufffd # "\n'
    True
    """
    return _ESCAPE.sub("\ufffd", text).replace("\r", "\n")


def allowed(iri: str, prefixes: tuple[str, ...]) -> bool:
    """Whether ``iri`` may be fetched: an http(s) IRI starting with one of ``prefixes``.

    A prefix without a path ends at a ``/``, ``?`` or ``#`` of the IRI, so that
    ``http://example.org`` does not allow ``http://example.org.evil.net/``.

    >>> allowed("http://example.org/sparql", ("http://example.org",))
    True
    >>> allowed("http://example.org.evil.net/", ("http://example.org",))
    False
    >>> allowed("file:///etc/passwd", ("file:",))
    False
    """
    if urllib.parse.urlsplit(iri).scheme.lower() not in ("http", "https"):
        return False
    for prefix in prefixes:
        if iri == prefix:
            return True
        ends_at_separator = prefix.endswith(("/", "?", "#"))
        if iri.startswith(prefix) and (ends_at_separator or iri[len(prefix)] in "/?#"):
            return True
    return False


def _remote_terms(node, found: list[tuple[str, object]]) -> None:
    """Collect (``SERVICE`` or ``LOAD``, its IRI or variable) in rdflib's algebra."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            found.append(("SERVICE", node.get("term")))
        elif node.name == "Load":
            found.append(("LOAD", node.get("iri")))
        for value in node.values():
            _remote_terms(value, found)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _remote_terms(value, found)


def check_remote_access(text: str, kind: str, allow: tuple[str, ...] = ()) -> None:
    """Raise :class:`RequestError` (400) if the query or update would fetch a URL not allowed.

    ``SERVICE`` (in queries and updates) and ``LOAD`` (in updates) make the
    server fetch a URL.  Texts that cannot hold them (no such word once
    ``\\u`` escapes are read, whatever the case) pass at once; the others are
    parsed with rdflib's SPARQL parser, so that the word in a comment, a
    string or an IRI is no reason to refuse.  A text that names them and
    cannot be parsed is refused.

    >>> check_remote_access("SELECT * WHERE { ?s ?p 'SERVICE' } # SERVICE <http://x/>", "query")
    >>> check_remote_access("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ...                     "query")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    kg.server.RequestError: SERVICE <http://127.0.0.1:9/> refused: this endpoint fetches no other
    URL (kg serve --allow-service URL_PREFIX allows some)
    """
    folded = text.casefold() + " " + _unescape(text).casefold()
    words = ("service", "load") if kind == "update" else ("service",)
    if not any(w in folded for w in words):
        return
    if len(text) > MAX_CHECKED_BYTES:
        raise RequestError(400, "a query or update naming SERVICE or LOAD is checked before it "
                                f"runs, up to {MAX_CHECKED_BYTES // 1024} KB: this one is longer")
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    checked = _as_oxigraph_reads_it(text)
    try:
        if kind == "update":
            algebra = translateUpdate(parseUpdate(checked)).algebra
        else:
            algebra = translateQuery(parseQuery(checked)).algebra
    except Exception as e:  # rdflib raises many kinds for a text it cannot read
        detail = " ".join(str(e).split()).split(" (at char")[0][:200] or type(e).__name__
        raise RequestError(400, f"{kind} refused: it names SERVICE or LOAD and could not be "
                                f"checked (rdflib's parser: {detail})") from None
    found: list[tuple[str, object]] = []
    _remote_terms(algebra, found)
    for what, term in found:
        from rdflib.term import URIRef

        if not isinstance(term, URIRef):
            raise RequestError(400, f"{what} {term.n3() if hasattr(term, 'n3') else term} refused: "
                                    "its URL must be written as an IRI")
        iri = str(term)
        if urllib.parse.urlsplit(iri).scheme.lower() == "file":
            raise RequestError(400, f"{what} <{iri}> refused: file: IRIs are never fetched")
        if allowed(iri, allow):
            continue
        if allow:
            raise RequestError(400, f"{what} <{iri}> refused: not under a prefix allowed by "
                                    f"--allow-service ({', '.join(allow)})")
        raise RequestError(400, f"{what} <{iri}> refused: this endpoint fetches no other URL "
                                "(kg serve --allow-service URL_PREFIX allows some)")


def check_allow_prefix(prefix: str) -> str:
    """``prefix`` if it can be given to ``--allow-service``, else ``ValueError`` saying why.

    >>> check_allow_prefix("file:///")
    Traceback (most recent call last):
    ValueError: file:/// cannot be allowed: file: IRIs are never fetched
    """
    parts = urllib.parse.urlsplit(prefix)
    if parts.scheme.lower() == "file":
        raise ValueError(f"{prefix} cannot be allowed: file: IRIs are never fetched")
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{prefix}: give an http:// or https:// URL prefix (e.g. https://query.wikidata.org/)")
    return prefix


# ---------------------------------------------------------------- the Oxigraph process

def oxigraph_executable() -> str:
    """The path of the ``oxigraph`` program (next to this Python, or on ``PATH``)."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.exists():
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServerError("the oxigraph server is not installed: pip install 'oxigraph==0.5.13' "
                      "(or pip install -e '.[server]')")


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port free on ``host`` right now.

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Ask Linux to kill the Oxigraph child if the thread that started it ends (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _drain(stream, lines: collections.deque) -> None:
    """Read the child's stderr to its end (a full pipe would block it), keeping the last lines."""
    with contextlib.suppress(OSError, ValueError):
        for raw in stream:
            line = raw.decode("utf-8", "replace").rstrip()
            lines.append(line)
            if os.environ.get("KG_SERVE_LOG"):
                print(f"oxigraph: {line}", file=sys.stderr, flush=True)


def start_oxigraph(store: str | os.PathLike, *, writable: bool = False,
                   timeout: float = DEFAULT_TIMEOUT, port: int | None = None,
                   wait: float = 60.0) -> tuple[subprocess.Popen, str]:
    """Start the Oxigraph server on a private loopback port; return (process, base URL).

    The process's stderr is read by a thread; its last lines are in
    ``process.stderr_lines``.  On Linux the process is killed when the calling
    thread ends.  Raises :class:`ServerError` with Oxigraph's message if it
    does not come up.
    """
    store = Path(store)
    if not (store / "CURRENT").exists():
        raise ServerError(f"{store}: no such store "
                          f"(build one with: kg build PATH... --store {store})")
    port = port or free_port()
    cmd = [oxigraph_executable(), "serve" if writable else "serve-read-only",
           "--location", str(store),
           "--bind", f"127.0.0.1:{port}",
           "--timeout-s", str(max(1, int(round(timeout))))]
    on_linux = sys.platform.startswith("linux")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=_die_with_parent if on_linux else None)
    lines: collections.deque[str] = collections.deque(maxlen=20)
    proc.stderr_lines = lines  # type: ignore[attr-defined]
    reader = threading.Thread(target=_drain, args=(proc.stderr, lines), name="kg-oxigraph-stderr",
                              daemon=True)
    reader.start()
    deadline = time.monotonic() + wait
    while True:
        if proc.poll() is not None:
            reader.join(2)
            err = "\n".join(lines).strip()
            msg = err.splitlines()[-1] if err else f"exit status {proc.returncode}"
            if "lock" in err.lower():
                msg = ("the store is in use by a process that writes to it "
                       "(a build, or kg serve --writable): " + msg)
            raise ServerError(f"the oxigraph server stopped: {msg}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if time.monotonic() > deadline:
                stop_process(proc)
                raise ServerError(
                    f"the oxigraph server did not start within {wait:.0f} s") from None
            time.sleep(0.02)
    return proc, f"http://127.0.0.1:{port}"


def stop_process(proc: subprocess.Popen, grace: float = 5.0) -> None:
    """Terminate ``proc`` (a process we started), killing it if it does not stop."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stderr:
        proc.stderr.close()


class Oxigraph:
    """The Oxigraph server child: started, killed and started again, stopped.

    Every start happens in one thread that lives as long as this object:
    Linux kills a child when the *thread* that started it ends
    (``PR_SET_PDEATHSIG``), so a request thread must not start it.  A request
    whose query ran past its limit calls :meth:`restart` with the
    :attr:`generation` it was sent to; a second call for the same generation
    does nothing, so several such requests restart the server once.
    """

    def __init__(self, store: str | os.PathLike, *, writable: bool = False,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.store, self.writable, self.timeout = Path(store), writable, timeout
        self.generation = 0  # how many times it was started
        self.restarts = 0  # how many times it was killed to stop a query
        self.error: str | None = None  # why the last start failed
        self._proc: subprocess.Popen | None = None
        self._port = 0
        self._cond = threading.Condition()
        self._wanted = False
        self._closing = False
        self._thread: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        """The process id of the running Oxigraph server."""
        with self._cond:
            return self._proc.pid if self._proc is not None else None

    def start(self) -> None:
        """Start the server (and the thread that starts it); :class:`ServerError` if it fails."""
        self._thread = threading.Thread(target=self._run, name="kg-oxigraph", daemon=True)
        self._thread.start()
        self.restart(0)
        if self.error:
            raise ServerError(self.error)

    def restart(self, generation: int) -> None:
        """Kill the server if it is still ``generation`` and start a new one; wait until done."""
        with self._cond:
            if generation != self.generation or self._closing:
                return
            self._wanted = True
            self._cond.notify_all()
            while self.generation == generation and not self._closing:
                self._cond.wait()

    def address(self) -> tuple[int | None, int]:
        """(port, generation) of the running server; port ``None`` if it is down."""
        with self._cond:
            up = self._proc is not None and self._proc.poll() is None
            return (self._port if up else None), self.generation

    def failure(self) -> str | None:
        """Why the server is not running, or ``None`` while it runs."""
        with self._cond:
            if self._proc is None:
                return self.error or "the oxigraph server is not running"
            if self._proc.poll() is not None:
                last = list(getattr(self._proc, "stderr_lines", []))
                return (f"the oxigraph server exited (status {self._proc.returncode})"
                        + (f": {last[-1]}" if last else ""))
            return None

    def stop(self) -> None:
        """Stop the server and its thread."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(30)
            self._thread = None

    def _run(self) -> None:
        with self._cond:
            while True:
                while not self._wanted and not self._closing:
                    self._cond.wait()
                if self._closing:
                    break
                self._wanted = False
                if self._proc is not None:
                    self._proc.kill()  # busy with a query past its limit: no need to be gentle
                    stop_process(self._proc)
                    self.restarts += 1
                try:
                    self._proc, url = start_oxigraph(self.store, writable=self.writable,
                                                     timeout=self.timeout)
                    self._port = urllib.parse.urlsplit(url).port or 0
                    self.error = None
                except ServerError as e:
                    self._proc, self.error = None, str(e)
                self.generation += 1
                self._cond.notify_all()
            if self._proc is not None:
                stop_process(self._proc)
                self._proc = None
            self._cond.notify_all()


# ---------------------------------------------------------------- the proxy

class _ClientGone(Exception):
    """Writing to the client failed: it went away or stopped reading."""


class ProxyServer(ThreadingHTTPServer):
    """The HTTP front: forwards to ``oxigraph`` with the limits described in the module."""

    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(self, address: tuple[str, int], oxigraph: Oxigraph, *, writable: bool = False,
                 timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                 allow_service: tuple[str, ...] = ()) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, ProxyHandler)
        self.oxigraph = oxigraph
        self.writable = writable
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_service = tuple(allow_service)

    def handle_error(self, request, client_address) -> None:  # noqa: ARG002 (socketserver's signature)
        """One line on stderr for an unexpected error, never a traceback; none for a client gone."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, _ClientGone)):
            return
        print(f"kg serve: error while answering {client_address[0]}: {type(exc).__name__}: {exc}",
              file=sys.stderr, flush=True)


class ProxyHandler(BaseHTTPRequestHandler):
    server: ProxyServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    timeout = IDLE_TIMEOUT  # on the client's socket: a silent or stalled client is dropped

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if os.environ.get("KG_SERVE_LOG"):
            super().log_message(format, *args)

    # every method goes through _handle
    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def do_OPTIONS(self) -> None:
        allow = "GET, HEAD, POST" + (", PUT, DELETE" if self.server.writable else "")
        self._reply(204, b"", extra={"Allow": allow})

    def _reply(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8",
               extra: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            if body or status not in (204, 304):
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError as e:
            raise _ClientGone(str(e)) from None

    def _message(self, status: int, text: str) -> None:
        self._reply(status, (text.rstrip("\n") + "\n").encode("utf-8"))

    def _handle(self) -> None:
        srv = self.server
        try:
            parts = urllib.parse.urlsplit(self.path)
            body = self._read_body(MAX_WRITE_BYTES if srv.writable else MAX_QUERY_BYTES)
            if parts.path == "/" and self.command in ("GET", "HEAD"):
                return self._reply(200, ui_page(), "text/html; charset=utf-8")
            op = read_operation(self.command, parts.path, self.headers.get("Content-Type", ""),
                                body, parts.query)
            if op.kind in ("update", "write") and not srv.writable:
                what = ("SPARQL Update" if op.kind == "update"
                        else f"{self.command} (Graph Store Protocol write)")
                raise RequestError(403, f"{what} refused: this endpoint is read-only. "
                                        "Start it with 'kg serve --store DIR --writable' "
                                        "to allow changes.")
            if op.kind in ("update", "write") and not self._same_origin():
                raise RequestError(403, f"{self.command} from the web page of another site "
                                        f"({self.headers['Origin']}) refused: changes come "
                                        "from this endpoint's own page "
                                        "or from clients that are not browsers")
            if op.text is not None:
                if op.kind == "update" and self.command != "POST":
                    raise RequestError(405, "send SPARQL Update with POST")
                text = with_prefixes(op.text)
                check_remote_access(text, op.kind, srv.allow_service)
                name = "update" if op.kind == "update" else "query"
                form = urllib.parse.urlencode([(name, text)] + op.params)
                self._forward(op, "POST", parts.path, form.encode("utf-8"),
                              {"Content-Type": "application/x-www-form-urlencoded"})
            else:
                headers = {k: v for k, v in self.headers.items() if k.lower() == "content-type"}
                self._forward(op, self.command, self.path, body, headers)
        except RequestError as e:
            if e.close:
                self.close_connection = True
            self._message(e.status, str(e))

    def _same_origin(self) -> bool:
        """Whether a browser sent this request from this endpoint's own page, or no browser did.

        A web page on another site can make the browser POST a form to a
        loopback address; browsers name that page in ``Origin``.
        """
        origin = self.headers.get("Origin")
        if origin is None:
            return True
        return urllib.parse.urlsplit(origin).netloc.lower() == self.headers.get("Host", "").lower()

    def _read_body(self, limit: int) -> bytes:
        """The request body, after checking its framing; :class:`RequestError` if malformed."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise RequestError(411, "send a Content-Length "
                                    "(chunked request bodies are not accepted)", close=True)
        values = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if len(values) > 1:
            raise RequestError(400, "conflicting Content-Length headers", close=True)
        raw = values.pop() if values else ""
        if not raw:
            return b""
        if not (raw.isascii() and raw.isdigit()):
            raise RequestError(400, f"malformed Content-Length {raw[:40]!r}: "
                                    "give the body's size in bytes", close=True)
        if len(raw) > 15 or int(raw) > limit:
            raise RequestError(413, f"request body over the {limit // 1024} KB limit", close=True)
        length = int(raw)
        body = self.rfile.read(length)
        if len(body) < length:
            raise ConnectionError("the client closed the connection before sending its body")
        return body

    # -------------------------------------------------------------- forwarding

    def _forward(self, op: Operation, method: str, path: str, body: bytes,
                 headers: dict[str, str]) -> None:
        """Send the request to Oxigraph and its answer to the client, within the limits."""
        srv = self.server
        headers = {**headers, "Content-Length": str(len(body))}
        for name in ("Accept", "Accept-Language"):
            if self.headers.get(name):
                headers[name] = self.headers[name]
        limited = op.kind in ("query", "update")  # killed when past the time limit
        deadline = time.monotonic() + (srv.timeout + KILL_GRACE if limited else
                                       WRITE_TIMEOUT if op.kind == "write" else
                                       srv.timeout + KILL_GRACE)
        for attempt in (1, 2):
            if not self._send_once(op, method, path, body, headers, deadline, attempt):
                return None
        return None

    def _send_once(self, op: Operation, method: str, path: str, body: bytes,
                   headers: dict[str, str], deadline: float, attempt: int) -> bool:
        """Send the request to Oxigraph and relay its answer, or an error; whether to ask again.

        Asking again (``True``) is for a query that failed because the Oxigraph
        process was restarted (see :meth:`_failed`).
        """
        srv = self.server
        port, generation = srv.oxigraph.address()
        if port is None:
            self._message(502, "the SPARQL server behind this endpoint is down: "
                               f"{srv.oxigraph.failure()}")
            return False
        conn = http.client.HTTPConnection("127.0.0.1", port,
                                          timeout=max(0.05, deadline - time.monotonic()))
        state = {"started": False}
        try:
            conn.request(method, path, body=body if body or method in ("POST", "PUT") else None,
                         headers=headers)
            self._relay(op, conn, deadline, state)
        except _ClientGone:
            self.close_connection = True
        except TimeoutError:
            conn.close()
            self._timed_out(op, generation, state["started"])
        except (OSError, http.client.HTTPException) as e:
            return self._failed(op, e, generation, state["started"], attempt, deadline)
        finally:
            conn.close()
        return False

    def _timed_out(self, op: Operation, generation: int, started: bool) -> None:
        """Answer a request that Oxigraph did not answer in time (its query is killed)."""
        srv = self.server
        limited = op.kind in ("query", "update")  # killed when past the time limit
        if limited:
            # its query may still run: kill it (before answering)
            srv.oxigraph.restart(generation)
        if started:
            return self._cut()
        if limited:
            return self._timeout()
        return self._message(504, "the SPARQL server behind this endpoint did not answer in time")

    def _failed(self, op: Operation, e: BaseException, generation: int, started: bool,
                attempt: int, deadline: float) -> bool:
        """Answer a request whose exchange with Oxigraph failed; whether to ask again instead.

        A query is asked again (once, with time left) when the Oxigraph process
        was killed with a query past its limit beside it.
        """
        restarted = self.server.oxigraph.address()[1] != generation
        if started:
            self._cut()
            return False
        if (restarted and op.kind == "query" and attempt == 1
                and time.monotonic() < deadline - 0.1):
            return True  # killed with a query past its limit beside this one: ask again
        if restarted:
            self._message(503, "the SPARQL server was restarted to stop a query that ran past "
                               "its time limit; this request was not completed: send it again")
        else:
            self._message(502, f"the SPARQL server behind this endpoint failed: {e}")
        return False

    def _relay(self, op: Operation, conn: http.client.HTTPConnection, deadline: float,
               state: dict) -> None:
        """Hold back the start of the answer, then stream the rest.

        ``state['started']`` is set once the start of the answer is sent.
        """
        srv = self.server
        limit = srv.max_bytes if op.kind == "query" else None

        def read() -> bytes:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            conn.sock.settimeout(left)
            # for HEAD too: a query is sent on as POST (no body goes to the client)
            return resp.read1(CHUNK)

        conn.sock.settimeout(max(0.05, deadline - time.monotonic()))
        resp = conn.getresponse()
        if limit is not None and (resp.length or 0) > limit:
            return self._too_large()
        held = bytearray()
        while len(held) <= HOLD_BYTES:
            chunk = read()
            if not chunk:
                return self._send_whole(op, resp, bytes(held))
            held += chunk
            if limit is not None and len(held) > limit:
                return self._too_large()
        # a long answer: stream it.  The last bytes wait for the next chunk: Oxigraph ends an
        # answer it cancelled with its message, which must not reach the client as data.
        keep = len(CANCELLED) + 16
        self._start_stream(resp)
        state["started"] = True
        size = len(held)
        pending = bytes(held)
        while True:
            chunk = read()
            if not chunk:
                break
            size += len(chunk)
            if limit is not None and size > limit:
                return self._cut()
            pending += chunk
            # a client that does not read holds no query past the deadline
            self.connection.settimeout(max(0.05, min(IDLE_TIMEOUT, deadline - time.monotonic())))
            self._send_chunk(pending[:-keep])
            self.connection.settimeout(IDLE_TIMEOUT)
            pending = pending[-keep:]
        if resp.length:  # Oxigraph announced more than it sent
            return self._cut()
        if op.kind == "query" and CANCELLED in pending:
            return self._cut()
        self._send_chunk(pending)
        self._end_stream()
        return None

    def _send_whole(self, op: Operation, resp: http.client.HTTPResponse, data: bytes) -> None:
        if resp.length:
            raise http.client.IncompleteRead(data, resp.length)
        if op.kind == "query" and data.rstrip().endswith(CANCELLED):
            return self._timeout()
        if resp.status == 400 and op.text is not None:
            data = shift_error_position(data)
        self._reply(resp.status, data, resp.getheader("Content-Type", "application/octet-stream"),
                    self._passed_headers(resp))
        return None

    def _passed_headers(self, resp: http.client.HTTPResponse) -> dict[str, str]:
        return {k: v for k, v in resp.getheaders()
                if k.lower() not in HOP_BY_HOP and k.lower() != "content-type"}

    def _start_stream(self, resp: http.client.HTTPResponse) -> None:
        self._chunked = self.request_version != "HTTP/1.0"
        try:
            self.send_response(resp.status)
            self.send_header("Content-Type",
                             resp.getheader("Content-Type", "application/octet-stream"))
            for k, v in self._passed_headers(resp).items():
                self.send_header(k, v)
            if self._chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:  # HTTP/1.0: the end of the connection ends the answer
                self.close_connection = True
                self.send_header("Connection", "close")
            self.end_headers()
        except OSError as e:
            raise _ClientGone(str(e)) from None

    def _write(self, data: bytes) -> None:
        try:
            self.wfile.write(data)
        except OSError as e:
            raise _ClientGone(str(e)) from None

    def _send_chunk(self, data: bytes) -> None:
        if not data or self.command == "HEAD":
            return
        self._write(b"%x\r\n%s\r\n" % (len(data), data) if self._chunked else data)

    def _end_stream(self) -> None:
        if self._chunked and self.command != "HEAD":
            self._write(b"0\r\n\r\n")

    def _cut(self) -> None:
        """End a streamed answer without its last chunk: the client sees an incomplete read."""
        self.close_connection = True

    def _too_large(self) -> None:
        self.close_connection = True  # the rest of the answer is not read
        self._message(422, f"result too large: over the {self.server.max_bytes / 1e6:g} MB limit "
                           "of this endpoint; add a LIMIT or narrow the query "
                           "(kg serve --max-result-mb)")

    def _timeout(self) -> None:
        self._message(503, f"query stopped: it ran longer than the {self.server.timeout:g} s limit "
                           "of this endpoint (kg serve --timeout)")


class Endpoint:
    """Oxigraph plus the proxy, as one thing to start and stop.

    >>> import tempfile, pyoxigraph
    >>> d = tempfile.mkdtemp() + "/s"
    >>> pyoxigraph.Store(d).flush()
    >>> with Endpoint(d, port=free_port()) as ep:
    ...     import urllib.request
    ...     urllib.request.urlopen(ep.url + "/query?query=ASK%7B%7D").read()
    b'{"head":{},"boolean":true}'
    """

    def __init__(self, store: str | os.PathLike, *, host: str = DEFAULT_HOST,
                 port: int = DEFAULT_PORT, writable: bool = False, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, allow_service: tuple[str, ...] = ()) -> None:
        self.store = Path(store)
        self.host, self.port = host, port
        self.writable, self.timeout, self.max_bytes = writable, timeout, max_bytes
        self.allow_service = tuple(allow_service)
        self.oxigraph = Oxigraph(self.store, writable=writable, timeout=timeout)
        self.proxy: ProxyServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> Endpoint:
        try:
            self.oxigraph.start()
        except ServerError:
            self.oxigraph.stop()
            raise
        try:
            self.proxy = ProxyServer((self.host, self.port), self.oxigraph, writable=self.writable,
                                     timeout=self.timeout, max_bytes=self.max_bytes,
                                     allow_service=self.allow_service)
        except OSError as e:
            self.oxigraph.stop()
            raise ServerError(f"cannot listen on {self.host}:{self.port}: "
                              f"{e.strerror or e}") from None
        self.port = self.proxy.server_address[1]
        self._thread = threading.Thread(target=self.proxy.serve_forever, name="kg-serve",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.shutdown()
            self.proxy.server_close()
            self.proxy = None
        self.oxigraph.stop()

    def wait(self) -> str | None:
        """Block until SIGINT/SIGTERM or until the Oxigraph server fails; return why it failed."""
        stop = threading.Event()
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.is_set():
                failure = self.oxigraph.failure()
                if failure:
                    return failure
                stop.wait(0.5)
        except KeyboardInterrupt:
            pass
        return None

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
