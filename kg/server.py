"""A SPARQL 1.1 endpoint over a store: the Oxigraph server behind a small safety proxy.

``kg serve --store DIR`` runs the native Oxigraph server (the ``oxigraph``
PyPI package) on a private loopback port and puts a standard-library HTTP
proxy (:class:`ProxyServer`) in front of it, on 127.0.0.1 by default.  The
proxy adds what the Oxigraph server does not do by itself:

* **read-only by default**: SPARQL Update (``/update``, or an update sent to
  ``/sparql``) and Graph Store Protocol writes (``PUT``/``POST``/``DELETE`` on
  ``/store``) are refused with ``403 Forbidden`` and a message, unless
  ``writable`` is set (then Oxigraph runs in read-write mode and holds the
  store's write lock);
* **a time limit**: a query running longer than ``timeout`` seconds is
  stopped (Oxigraph's own ``--timeout-s`` cancels it; the proxy also gives up
  waiting) and the client gets ``503 Service Unavailable`` with a message,
  instead of the ``200`` with a truncated body that Oxigraph sends when it
  cancels a query whose results had started;
* **a result-size limit**: a query response larger than ``max_bytes`` is not sent;
  the client gets ``422 Unprocessable Content`` asking for a ``LIMIT``;
* request bodies over :data:`MAX_QUERY_BYTES` (queries) are refused with 413.

The default graph of queries is the merge of all article graphs, which the
store keeps (see :mod:`kg.store`: every triple once, however many articles
state it); ``GRAPH ?g`` still tells which article said what.
The query UI (YASGUI) is served at ``/``.

>>> ProxyServer.classify("POST", "/sparql", "application/sparql-update", b"")
'update'
>>> ProxyServer.classify("GET", "/query", "", b"")
'query'
>>> ProxyServer.classify("PUT", "/store", "text/turtle", b"")
'write'
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0  # seconds per query
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # per response
MAX_QUERY_BYTES = 1024 * 1024  # request body of a query
MAX_WRITE_BYTES = 512 * 1024 * 1024  # request body of an update or upload (writable only)
CANCELLED = b"The SPARQL operation has been cancelled"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authenticate", "proxy-authorization", "content-length", "server", "date"}


class ServerError(Exception):
    """The server cannot start; ``str()`` says why, in one line."""


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
    """Ask Linux to kill the Oxigraph child if the kg process dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def start_oxigraph(store: str | os.PathLike, *, writable: bool = False, timeout: float = DEFAULT_TIMEOUT,
                   port: int | None = None, wait: float = 60.0) -> tuple[subprocess.Popen, str]:
    """Start the Oxigraph server on a private loopback port; return (process, base URL).

    Raises :class:`ServerError` with Oxigraph's message if it does not come up.
    """
    store = Path(store)
    if not (store / "CURRENT").exists():
        raise ServerError(f"{store}: no such store (build one with: kg build PATH... --store {store})")
    port = port or free_port()
    cmd = [oxigraph_executable(), "serve" if writable else "serve-read-only", "--location", str(store),
           "--bind", f"127.0.0.1:{port}",
           "--timeout-s", str(max(1, int(round(timeout))))]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    deadline = time.monotonic() + wait
    while True:
        if proc.poll() is not None:
            err = (proc.stderr.read() if proc.stderr else b"").decode("utf-8", "replace").strip()
            msg = err.splitlines()[-1] if err else f"exit status {proc.returncode}"
            if "lock" in err.lower():
                msg = "the store is in use by a process that writes to it (a build, or kg serve --writable): " + msg
            raise ServerError(f"the oxigraph server stopped: {msg}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if time.monotonic() > deadline:
                stop_process(proc)
                raise ServerError(f"the oxigraph server did not start within {wait:.0f} s") from None
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


class ProxyServer(ThreadingHTTPServer):
    """The HTTP front: forwards to ``upstream`` with the limits described in the module."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], upstream: str, *, writable: bool = False,
                 timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, ProxyHandler)
        parts = urllib.parse.urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self.writable = writable
        self.timeout = timeout
        self.max_bytes = max_bytes

    @staticmethod
    def classify(method: str, path: str, content_type: str, body: bytes, query: str = "") -> str:
        """What a request does: ``query``, ``update``, ``write`` (Graph Store) or ``other``."""
        ctype = content_type.split(";")[0].strip().lower()
        if path in ("/update",):
            return "update"
        if path in ("/query", "/sparql"):
            if ctype == "application/sparql-update":
                return "update"
            form = urllib.parse.parse_qs(query)
            if ctype == "application/x-www-form-urlencoded":
                form.update(urllib.parse.parse_qs(body.decode("utf-8", "replace")))
            return "update" if "update" in form else "query"
        if path == "/store":
            return "write" if method in ("PUT", "POST", "DELETE", "PATCH") else "query"
        return "other" if method in ("GET", "HEAD") else "write"


class ProxyHandler(BaseHTTPRequestHandler):
    server: ProxyServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"

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
        self._reply(204, b"", extra={"Allow": "GET, HEAD, POST" + (", PUT, DELETE" if self.server.writable else "")})

    def _reply(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8",
               extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if body or status not in (204, 304):
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _message(self, status: int, text: str) -> None:
        self._reply(status, (text.rstrip("\n") + "\n").encode("utf-8"))

    def _handle(self) -> None:
        srv = self.server
        parts = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        ctype = self.headers.get("Content-Type", "")
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            return self._message(411, "send a Content-Length (chunked request bodies are not accepted)")
        limit = MAX_WRITE_BYTES if srv.writable else MAX_QUERY_BYTES
        if length > limit:
            self.close_connection = True
            return self._message(413, f"request body over the {limit // 1024} KB limit")
        body = self.rfile.read(length) if length else b""
        kind = srv.classify(self.command, parts.path, ctype, body, parts.query)
        if kind in ("update", "write") and not srv.writable:
            what = "SPARQL Update" if kind == "update" else f"{self.command} (Graph Store Protocol write)"
            return self._message(403, f"{what} refused: this endpoint is read-only. "
                                      "Start it with 'kg serve --store DIR --writable' to allow changes.")
        self._forward(body, kind)

    def _forward(self, body: bytes, kind: str) -> None:
        srv = self.server
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() in ("accept", "content-type", "accept-language")}
        headers["Content-Length"] = str(len(body))
        deadline = time.monotonic() + srv.timeout + 1.0
        conn = http.client.HTTPConnection(srv.upstream_host, srv.upstream_port, timeout=srv.timeout + 1.0)
        try:
            conn.request(self.command, self.path, body=body if body or self.command in ("POST", "PUT") else None,
                         headers=headers)
            resp = conn.getresponse()
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    return self._timeout()
                chunk = resp.read1(65536) if self.command != "HEAD" else b""
                if not chunk:
                    break
                size += len(chunk)
                if kind == "query" and size > srv.max_bytes:
                    return self._message(422, f"result too large: over the {srv.max_bytes / 1e6:g} MB limit "
                                              "of this endpoint; add a LIMIT or narrow the query "
                                              "(kg serve --max-result-mb)")
                chunks.append(chunk)
            data = b"".join(chunks)
            if kind == "query" and CANCELLED in data[-200:]:
                return self._timeout()
            extra = {k: v for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP
                     and k.lower() != "content-type"}
            self._reply(resp.status, data, resp.getheader("Content-Type", "application/octet-stream"), extra)
        except TimeoutError:
            self._timeout()
        except (ConnectionError, http.client.HTTPException, OSError) as e:
            self._message(502, f"the SPARQL server behind this endpoint failed: {e}")
        finally:
            conn.close()

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

    def __init__(self, store: str | os.PathLike, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 writable: bool = False, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.store = Path(store)
        self.host, self.port = host, port
        self.writable, self.timeout, self.max_bytes = writable, timeout, max_bytes
        self.proc: subprocess.Popen | None = None
        self.proxy: ProxyServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> Endpoint:
        self.proc, upstream = start_oxigraph(self.store, writable=self.writable, timeout=self.timeout)
        try:
            self.proxy = ProxyServer((self.host, self.port), upstream, writable=self.writable,
                                     timeout=self.timeout, max_bytes=self.max_bytes)
        except OSError as e:
            stop_process(self.proc)
            raise ServerError(f"cannot listen on {self.host}:{self.port}: {e.strerror or e}") from None
        self.port = self.proxy.server_address[1]
        self._thread = threading.Thread(target=self.proxy.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.shutdown()
            self.proxy.server_close()
            self.proxy = None
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None

    def wait(self) -> None:
        """Block until SIGINT/SIGTERM or until the Oxigraph server exits."""
        stop = threading.Event()
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.is_set() and self.proc is not None and self.proc.poll() is None:
                stop.wait(0.5)
        except KeyboardInterrupt:
            pass

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
