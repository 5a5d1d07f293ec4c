"""kg serve (SPARQL endpoint with safety limits) and kg push (into an Oxigraph server)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_store import make_corpus

from kg.build import build
from kg.cli import main
from kg.server import DEFAULT_HOST, free_port, oxigraph_executable
from kg.store import open_store
from kg.vocab import ONT

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, PYTHONPATH=str(ROOT))

pytestmark = [
    pytest.mark.slow,  # starts oxigraph servers
    pytest.mark.skipif(
        shutil.which("oxigraph") is None
        and not (Path(sys.executable).parent / "oxigraph").exists(),
        reason="the oxigraph server is not installed",
    ),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("srv")
    make_corpus(d / "corpus", 4, seed=11)
    s = d / "store"
    build([d / "corpus"], store=s)
    # enough extra triples that a triple cross join runs for minutes
    kg = open_store(s)
    g = ox.NamedNode("https://example.org/filler")
    kg.store.extend(ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"),
                            ox.Literal("x" * 50 + str(i)), g) for i in range(3000))
    kg.rebuild_merge()
    kg.store.flush()
    del kg
    return s


def http(url: str, data: bytes | None = None, method: str | None = None, ctype: str | None = None,
         accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, method=method, headers={"Accept": accept})
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def query(base: str, q: str) -> tuple[int, bytes]:
    return http(f"{base}/query?query={urllib.parse.quote(q)}")


class Serve:
    """``kg serve`` in a subprocess, stopped with SIGTERM."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--port", str(self.port), *args],
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first = self.proc.stdout.readline()
        assert first.startswith("SPARQL endpoint: http://127.0.0.1:"), (
            first + self.proc.stderr.read()
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(20)
        self.proc.stdout.close()
        self.proc.stderr.close()


@pytest.fixture(scope="module")
def served(store):
    s = Serve("--store", str(store), "--timeout", "1", "--max-result-mb", "0.2")
    yield s
    s.stop()


def test_default_host_is_loopback():
    assert DEFAULT_HOST == "127.0.0.1"
    from kg.cli import parser

    args = parser().parse_args(["serve", "--store", "x"])
    assert args.host == "127.0.0.1" and not args.writable


def test_queries_see_the_union_and_named_graphs(served):
    status, body = query(
        served.base, f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{ONT}Article> }}"
    )
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "4"
    status, body = query(
        served.base, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{ONT}Article> }} }}"
    )
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 4
    # POST form, as SPARQL 1.1 Protocol clients send it
    form = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    status, body = http(served.base + "/query", form, "POST", "application/x-www-form-urlencoded")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, body = http(served.base + "/", accept="text/html")
    assert status == 200 and b"<html" in body.lower()


def test_updates_are_refused(served):
    upd = b"INSERT DATA { <https://e.org/a> <https://e.org/b> <https://e.org/c> }"
    for path, data, ctype in (
        ("/update", upd, "application/sparql-update"),
        ("/sparql", upd, "application/sparql-update"),
        (
            "/query",
            b"update=" + urllib.parse.quote(upd).encode(),
            "application/x-www-form-urlencoded",
        ),
    ):
        status, body = http(served.base + path, data, "POST", ctype)
        assert status == 403, (path, body)
        assert b"read-only" in body
    status, body = http(
        served.base + "/store?default",
        b"<https://e.org/a> <https://e.org/b> <https://e.org/c> .",
        "PUT",
        "text/turtle",
    )
    assert status == 403
    status, body = query(served.base, "ASK { <https://e.org/a> ?p ?o }")
    assert json.loads(body)["boolean"] is False


def test_runaway_query_is_stopped(served):
    start = time.monotonic()
    status, body = query(
        served.base, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?q ?r . ?c ?x ?y }"
    )
    assert status == 503, body[:200]
    assert b"1 s limit" in body
    assert time.monotonic() - start < 10
    assert query(served.base, "ASK { ?s ?p ?o }")[0] == 200  # still serving


def test_large_result_is_refused(served):
    status, body = query(served.base, "SELECT ?s ?o WHERE { ?s <https://example.org/p> ?o }")
    assert status == 422 and b"LIMIT" in body
    status, body = query(
        served.base, "SELECT ?s ?o WHERE { ?s <https://example.org/p> ?o } LIMIT 10"
    )
    assert status == 200


@pytest.mark.usefixtures("served")
def test_kg_query_works_beside_the_read_only_server(store, capsys):
    assert main(["query", "--store", str(store), f"ASK {{ ?a a <{ONT}Article> }}"]) == 0
    assert capsys.readouterr().out.strip() == "true"


def test_stop_frees_the_port_and_the_oxigraph_child(store):
    s = Serve("--store", str(store))
    assert query(s.base, "ASK {}")[0] == 200
    children = subprocess.run(
        ["pgrep", "-P", str(s.proc.pid)], capture_output=True, text=True
    ).stdout.split()
    s.stop()
    assert s.proc.returncode == 0
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", s.port), timeout=1).close()
    time.sleep(0.2)
    for pid in children:
        assert (
            not Path(f"/proc/{pid}").exists()
            or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
        )


def test_writable_accepts_updates(store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    s = Serve("--store", str(copy), "--writable")
    try:
        upd = (b"INSERT DATA { GRAPH <https://e.org/g> "
               b"{ <https://e.org/a> <https://e.org/b> <https://e.org/c> } }")
        status, _ = http(s.base + "/update", upd, "POST", "application/sparql-update")
        assert status == 204
        status, body = query(s.base, "ASK { GRAPH <https://e.org/g> { <https://e.org/a> ?p ?o } }")
        assert json.loads(body)["boolean"] is True
    finally:
        s.stop()


def test_missing_store_is_a_clear_error(tmp_path, capsys):
    assert main(["serve", "--store", str(tmp_path / "nope"), "--port", str(free_port())]) == 5
    assert "no such store" in capsys.readouterr().err


# ------------------------------------------------------------------ push

@pytest.fixture()
def oxigraph(tmp_path):
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
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


def _graph_counts(base: str) -> dict[str, int]:
    status, body = query(
        base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    assert status == 200, body
    return {b["g"]["value"]: int(b["n"]["value"]) for b in json.loads(body)["results"]["bindings"]}


def test_push_round_trip(store, oxigraph, tmp_path, capsys):
    local = ox.Store.read_only(str(store))
    expected: dict[str, int] = {}
    for q in local.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):  # the merge (default graph) stays local
            expected[q.graph_name.value] = expected.get(q.graph_name.value, 0) + 1
    # Graph Store Protocol
    assert main(["push", "--store", str(store), "--endpoint", oxigraph + "/store"]) == 0
    assert "Graph Store Protocol" in capsys.readouterr().out
    assert _graph_counts(oxigraph) == expected
    # SPARQL Update: the same graphs again, replaced, not duplicated
    assert main(["push", "--store", str(store), "--endpoint", oxigraph + "/update"]) == 0
    assert "SPARQL Update" in capsys.readouterr().out
    assert _graph_counts(oxigraph) == expected
    # a Turtle file into one named graph
    ttl = tmp_path / "g.ttl"
    assert main(["export", "--store", str(store), "-o", str(ttl)]) == 0
    assert main(["push", str(ttl), "--endpoint", oxigraph + "/update"]) == 2  # needs --graph
    assert "--graph" in capsys.readouterr().err
    assert (
        main(
            [
                "push",
                str(ttl),
                "--endpoint",
                oxigraph + "/store",
                "--graph",
                "https://example.org/merged",
            ]
        )
        == 0
    )
    counts = _graph_counts(oxigraph)
    assert counts["https://example.org/merged"] == len(
        list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    )
    # identical content: compare a few quads through the endpoint
    status, body = query(
        oxigraph,
        f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a a <{ONT}Article> }} }}",
    )
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "4"


def test_push_errors_are_one_line(store, capsys):
    port = free_port()  # nothing listens there
    assert (
        main(["push", "--store", str(store), "--endpoint", f"http://127.0.0.1:{port}/update"]) == 5
    )
    err = capsys.readouterr().err
    assert "cannot connect" in err and "Traceback" not in err
    assert main(["push", "--store", str(store), "--endpoint", "ftp://x/update"]) == 5
