"""kg push against endpoints that fail: closed connections, cut answers, drips, no server at all.

Each test starts a small local server that misbehaves in one way and checks
that ``kg push`` ends with exit code 5 and one line naming the problem (no
traceback), within its ``--timeout`` however the server drips.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.push import push
from kg.server import free_port

TRIG = """<https://e.org/g1> { <https://e.org/a> <https://e.org/b> "1" . }
<https://e.org/g2> { <https://e.org/a> <https://e.org/b> "2" . }
"""


class FaultServer:
    """A TCP server on loopback: reads each request, then does ``behave(connection)``."""

    def __init__(self, behave: Callable[[socket.socket, bytes], None]) -> None:
        self.behave = behave
        self.requests: list[bytes] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            try:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    head += chunk
                self.requests.append(head.split(b"\r\n", 1)[0])
                self.behave(conn, head)
            except OSError:
                pass

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def read_body(conn: socket.socket, head: bytes) -> None:
    """Read the rest of the request body announced by Content-Length."""
    headers, _, got = head.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in headers.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        0,
    )
    while len(got) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return
        got += chunk


@pytest.fixture()
def trig(tmp_path) -> Path:
    p = tmp_path / "g.trig"
    p.write_text(TRIG, encoding="utf-8")
    return p


@pytest.fixture()
def fault():
    servers: list[FaultServer] = []

    def start(behave) -> FaultServer:
        servers.append(FaultServer(behave))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def push_fails(trig: Path, url: str, capsys, *extra: str, within: float = 8.0) -> str:
    """Run kg push; check exit code 5, one line, no traceback, and the time; return the line."""
    start = time.monotonic()
    assert main(["push", str(trig), "--endpoint", url, *extra]) == 5
    assert time.monotonic() - start < within
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_a_server_that_closes_without_answering(trig, fault, capsys):
    def close(conn, head):
        read_body(conn, head)

    s = fault(close)
    assert "closed the connection without answering" in push_fails(trig, s.url + "/update", capsys)


def test_an_answer_shorter_than_its_content_length(trig, fault, capsys):
    def cut(conn, head):
        read_body(conn, head)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")

    s = fault(cut)
    assert "the answer was cut: 10 bytes received, 90 more announced" in push_fails(
        trig, s.url + "/update", capsys
    )


def test_a_chunked_answer_cut_in_the_middle(trig, fault, capsys):
    def cut(conn, head):
        read_body(conn, head)
        conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123")

    s = fault(cut)
    assert "the answer was cut" in push_fails(trig, s.url + "/store", capsys)


def test_a_server_that_resets_while_the_body_is_sent(fault, capsys, tmp_path):
    big = tmp_path / "big.trig"
    big.write_text(
        "<https://e.org/g> {\n"
        + "".join(f'<https://e.org/s{i}> <https://e.org/p> "{"x" * 200}" .\n' for i in range(20000))
        + "}\n",
        encoding="utf-8",
    )

    def reset(conn, _head):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")

    s = fault(reset)
    err = push_fails(big, s.url + "/update", capsys)
    assert "the request may not have been applied" in err


@pytest.mark.parametrize("where", ["status line", "body"])
def test_timeout_bounds_the_whole_request_however_the_server_drips(trig, fault, capsys, where):
    # one byte every 0.3 s: each read returns well within the timeout, the whole never does
    def drip(conn, head):
        read_body(conn, head)
        answer = b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n" + b"x" * 40
        if where == "body":
            conn.sendall(answer[:-40])
            answer = answer[-40:]
        for i in range(len(answer)):
            conn.sendall(answer[i : i + 1])
            time.sleep(0.3)

    s = fault(drip)
    err = push_fails(trig, s.url + "/update", capsys, "--timeout", "1.5", within=4)
    assert "no complete answer within 1.5 s" in err


def test_no_server_there_says_how_to_start_one(trig, capsys):
    err = push_fails(trig, f"http://127.0.0.1:{free_port()}/store", capsys)
    assert "cannot connect" in err and "oxigraph serve --location" in err and "Fuseki" in err


def test_not_http_and_redirects_are_failures(trig, fault, capsys):
    def garbage(conn, head):
        read_body(conn, head)
        conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")

    assert "not an HTTP answer" in push_fails(trig, fault(garbage).url + "/update", capsys)

    def moved(conn, head):  # urllib turned a redirected POST into a GET and called it a success
        read_body(conn, head)
        conn.sendall(
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: http://elsewhere.example/update\r\n"
            b"Content-Length: 0\r\n\r\n"
        )

    err = push_fails(trig, fault(moved).url + "/update", capsys)
    assert "HTTP 301" in err and "http://elsewhere.example/update" in err


def test_an_early_refusal_is_reported_with_its_status(fault, capsys, tmp_path):
    big = tmp_path / "big.trig"
    big.write_text(
        "<https://e.org/g> {\n"
        + "".join(f'<https://e.org/s{i}> <https://e.org/p> "{"x" * 200}" .\n' for i in range(20000))
        + "}\n",
        encoding="utf-8",
    )

    def refuse(conn, _head):  # answers at once, without reading the body
        conn.sendall(
            b"HTTP/1.1 413 Payload Too Large\r\nContent-Length: 9\r\n"
            b"Connection: close\r\n\r\ntoo large"
        )
        conn.shutdown(socket.SHUT_WR)
        time.sleep(0.5)

    err = push_fails(big, fault(refuse).url + "/update", capsys)
    assert "HTTP 413" in err or "the request may not have been applied" in err


def test_the_environment_proxy_is_used(trig, fault, monkeypatch):
    def ok(conn, head):
        read_body(conn, head)
        conn.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")

    proxy = fault(ok)
    monkeypatch.setenv("http_proxy", proxy.url)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    report = push(KnowledgeGraph.load(trig), "http://sparql.example:3030/ds/update")
    assert report.requests == 1
    assert proxy.requests == [b"POST http://sparql.example:3030/ds/update HTTP/1.1"]
