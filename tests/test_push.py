"""kg push: both protocols, batching, replacement, --graph, authentication, errors.

Pushes go to an Oxigraph server the test starts on a free loopback port and
stops; authentication is checked against a small local HTTP server.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.push import PushError, choose_protocol, push
from kg.server import free_port, oxigraph_executable
from kg.store import open_store, replace_article

ID = "https://w3id.org/cnkg/id/"
TRIG = f"""
<{ID}article/x1> {{
  <{ID}article/x1> <https://w3id.org/cnkg/ontology#sha256> "d1" .
  <{ID}company/甲> a <https://w3id.org/cnkg/ontology#Company> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "宜宾甲科技有限公司"@zh .
  <{ID}company/甲> <https://w3id.org/cnkg/ontology#locatedIn> <{ID}region/511502> .
}}
<{ID}article/x2> {{
  <{ID}article/x2> <https://w3id.org/cnkg/ontology#sha256> "d2" .
  <{ID}company/甲> a <https://w3id.org/cnkg/ontology#Company> .
  <{ID}company/乙> a <https://w3id.org/cnkg/ontology#Company> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "江门乙制造有限公司"@zh .
}}
"""
EXPECTED = {f"{ID}article/x1": 4, f"{ID}article/x2": 4}

pytestmark = pytest.mark.skipif(
    shutil.which("oxigraph") is None and not (Path(sys.executable).parent / "oxigraph").exists(),
    reason="the oxigraph server is not installed",
)


@pytest.fixture()
def remote(tmp_path):
    """A writable Oxigraph server on a free loopback port, stopped after the test."""
    port = free_port()
    proc = subprocess.Popen(
        [
            oxigraph_executable(),
            "serve",
            "--location",
            str(tmp_path / "remote"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None, "oxigraph did not start"
            time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture()
def trig(tmp_path) -> Path:
    p = tmp_path / "g.trig"
    p.write_text(TRIG, encoding="utf-8")
    return p


def graph_counts(base: str) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(f"{base}/query?query={urllib.parse.quote(q)}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        rows = json.loads(r.read())["results"]["bindings"]
    return {b["g"]["value"]: int(b["n"]["value"]) for b in rows}


@pytest.mark.parametrize("path", ["/store", "/update"])
def test_each_article_its_graph_and_pushing_twice_replaces(remote, trig, path):
    kg = KnowledgeGraph.load(trig)
    first = push(kg, remote + path, batch=2)  # small batches: several requests per graph
    assert first.protocol == choose_protocol(remote + path)
    assert (first.graphs, first.triples) == (2, 8)
    assert first.requests >= 4 if path == "/store" else first.requests >= 2
    assert graph_counts(remote) == EXPECTED
    push(kg, remote + path)
    assert graph_counts(remote) == EXPECTED  # replaced, not duplicated


def test_a_changed_graph_replaces_the_remote_one(remote, tmp_path):
    store = open_store(tmp_path / "s")
    g = f"{ID}article/x1"
    replace_article(
        store.store,
        g,
        f'<{g}> <https://w3id.org/cnkg/ontology#sha256> "a" .\n'
        f'<{ID}company/甲> <https://e.org/p> "1" .\n',
    )
    push(store, remote + "/update")
    replace_article(store.store, g, f'<{g}> <https://w3id.org/cnkg/ontology#sha256> "b" .\n')
    push(store, remote + "/store")
    assert graph_counts(remote) == {g: 1}


@pytest.mark.parametrize("path", ["/store", "/update"])
def test_merged_graph_into_one_named_graph(remote, tmp_path, capsys, path):
    store = tmp_path / "s"
    kg = open_store(store)
    kg.load_string(TRIG, "trig")
    kg.rebuild_merge()
    kg.store.flush()
    del kg
    target = "https://example.org/news"
    for _ in range(2):
        assert (
            main(["push", "--store", str(store), "--endpoint", remote + path, "--graph", target])
            == 0
        )
    # the merge: 甲's type once; and the derived support counts of 甲 (2 articles) and 乙 (1)
    assert "pushed 9 triples in 1 graph" in capsys.readouterr().out
    assert graph_counts(remote) == {target: 9}


def test_triples_outside_named_graphs_need_a_target(remote, tmp_path, capsys):
    ttl = tmp_path / "g.ttl"
    ttl.write_text(
        f"<{ID}company/甲> a <https://w3id.org/cnkg/ontology#Company> .\n", encoding="utf-8"
    )
    assert main(["push", str(ttl), "--endpoint", remote + "/store"]) == 2
    assert "--graph" in capsys.readouterr().err
    assert main(["push", str(ttl), "--endpoint", remote + "/store", "--graph", "not an iri"]) == 2
    assert graph_counts(remote) == {}


def test_refused_request_is_one_line_with_the_status(remote, trig, capsys):
    # the query endpoint does not take updates: Oxigraph answers with an HTTP error
    assert main(["push", str(trig), "--endpoint", remote + "/query", "--protocol", "update"]) == 5
    err = capsys.readouterr().err.strip()
    assert "HTTP 4" in err and "Traceback" not in err and len(err.splitlines()) == 1


class _Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str | None]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append((self.command, self.path, self.headers.get("Authorization")))
        ok = (
            self.headers.get("Authorization")
            == "Basic " + base64.b64encode(b"editor:s3cret").decode()
        )
        self.send_response(204 if ok else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_basic_authentication_from_the_environment(trig, monkeypatch, capsys):
    srv = HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/ds/update"
    try:
        monkeypatch.setenv("KG_PUSH_PASSWORD", "s3cret")
        assert main(["push", str(trig), "--endpoint", url, "--user", "editor", "-q"]) == 0
        monkeypatch.setenv("KG_PUSH_PASSWORD", "wrong")
        assert main(["push", str(trig), "--endpoint", url, "--user", "editor"]) == 5
        assert "HTTP 401" in capsys.readouterr().err
    finally:
        srv.shutdown()
        srv.server_close()
    assert _Recorder.seen and all(m == "POST" and p == "/ds/update" for m, p, _ in _Recorder.seen)


def test_unreachable_endpoint(trig):
    with pytest.raises(PushError, match="cannot connect"):
        push(KnowledgeGraph.load(trig), f"http://127.0.0.1:{free_port()}/store")
