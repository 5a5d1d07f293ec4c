"""Read-only folders, full disks, names too long: one line naming the path and the reason, the
documented exit code, no traceback, previous outputs intact (issue 16).

The real file systems are small tmpfs mounts (root only; skipped elsewhere with the reason); the
same failures are also injected, so every path is tested everywhere.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import main

ARTICLE = ("宜宾市翠屏区委书记李某某出席重大项目集中签约仪式。"
           "宜宾翠兴科技有限公司投资建设新能源电池项目。\n")
OTHER = "淄博市张店区委书记王小明出席山东淄博高新科技有限公司项目签约仪式。\n"
NAMES = ("graph.ttl", "graph.trig", "graph.html")
LONG = "/".join(["名" * 80] * 20)  # 4,819 characters (more in bytes): over PATH_MAX


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graph(articles, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("graph")
    assert main(["build", str(articles), "--out", str(out), "-q", "--no-view", "--jobs", "1"]) == 0
    return out / "graph.trig"


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``kg`` in another process, as a user would."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def one_line(err: str, prefix: str) -> str:
    """``err`` is exactly one line starting with ``prefix``, and no traceback."""
    assert "Traceback" not in err, err
    assert err.count("\n") == 1 and err.startswith(prefix), err
    return err


def previous_outputs(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (out / name).write_bytes(f"previous {name}".encode())
    return {name: (out / name).read_bytes() for name in NAMES}


def contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


# ------------------------------------------------------------------ real file systems


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``path``; skips the test where none can be mounted."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    path.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                         capture_output=True, text=True)
    if run.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)


def fill(path: Path) -> None:
    """Fill the file system of ``path`` to the last byte."""
    with open(path / "filler", "wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 4096)


@pytest.mark.slow
def test_export_and_view_into_a_read_only_folder(tmp_path, graph):
    with tmpfs(tmp_path / "ro", "1m") as ro:
        (ro / "old.trig").write_text("previous")
        read_only(ro)
        run = kg("export", str(graph), "-o", str(ro / "g.nt"))
        assert run.returncode == 6
        one_line(run.stderr, f"kg export: {ro}/g.nt: cannot write: Read-only file system; "
                             "nothing was written")
        run = kg("export", str(graph), "-o", str(ro / "old.trig"))
        one_line(run.stderr, f"kg export: {ro}/old.trig: cannot write: Read-only file system; "
                             f"{ro}/old.trig is left as it was")
        assert (ro / "old.trig").read_text() == "previous"
        run = kg("view", str(graph), "-o", str(ro / "v.html"))
        assert run.returncode == 6
        one_line(run.stderr, f"kg view: {ro}/v.html: cannot write: Read-only file system")


@pytest.mark.slow
def test_export_and_view_onto_a_full_disk(tmp_path, graph):
    with tmpfs(tmp_path / "full", "64k") as full:
        fill(full)
        for args in (["export", str(graph), "-o", str(full / "g.trig")],
                     ["view", str(graph), "-o", str(full / "v.html")]):
            run = kg(*args)
            assert run.returncode == 6
            one_line(run.stderr, f"kg {args[0]}: {args[-1]}: cannot write: No space left on "
                                 "device; nothing was written")
        assert [p.name for p in full.iterdir()] == ["filler"]  # no temporary file left behind


@pytest.mark.slow
def test_build_into_a_read_only_folder_fails_at_once(tmp_path, articles):
    with tmpfs(tmp_path / "ro", "1m") as ro:
        before = previous_outputs(ro)
        read_only(ro)
        run = kg("build", str(articles), "--out", str(ro), "-q", "--jobs", "1")
        assert run.returncode == 6
        one_line(run.stderr, f"kg build: {ro}: cannot write: Read-only file system; nothing was "
                             f"replaced: {ro} holds the previous graph.ttl, graph.trig and "
                             "graph.html")
        assert contents(ro) == before


@pytest.mark.slow
def test_build_onto_a_full_disk_keeps_the_previous_files(tmp_path, articles):
    with tmpfs(tmp_path / "full", "256k") as full:
        out = full / "out"
        before = previous_outputs(out)
        fill(full)
        run = kg("build", str(articles), "--out", str(out), "-q", "--jobs", "1")
        assert run.returncode == 6
        one_line(run.stderr, f"kg build: {out}/graph.ttl: cannot write: No space left on device; "
                             f"nothing was replaced: {out} holds the previous graph.ttl, "
                             "graph.trig and graph.html")
        assert contents(out) == before


@pytest.mark.slow
def test_build_into_a_store_on_a_full_disk(tmp_path, articles):
    with tmpfs(tmp_path / "full", "256k") as full:
        run = kg("build", str(articles), "--store", str(full / "st"), "-q", "--jobs", "1")
        # where the disk fills up depends on the store's own files: opening it (exit 4) or
        # writing an article (exit 6); either way one line that names the store
        assert run.returncode in (4, 6), run.stderr
        reason = "cannot write the store" if run.returncode == 6 else "cannot open the store"
        one_line(run.stderr, f"kg build: {full}/st: {reason}: ")
        assert "No space left on device" in run.stderr


@pytest.mark.slow
def test_a_name_too_long_in_another_process(tmp_path, articles):
    run = kg("build", str(articles), "--out", LONG, "-q", "--jobs", "1", cwd=tmp_path)
    assert run.returncode == 6
    one_line(run.stderr, f"kg build: {LONG}: cannot create the folder: File name too long; "
                         "nothing was written")


# ------------------------------------------------------------------ the same failures injected


def test_export_and_view_on_a_disk_that_fills_up(tmp_path, graph, monkeypatch, capsys):
    (tmp_path / "old.ttl").write_text("previous")

    def fsync(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(["export", str(graph), "-o", str(tmp_path / "old.ttl")]) == 6
    assert main(["view", str(graph), "-o", str(tmp_path / "v.html")]) == 6
    err = capsys.readouterr().err.splitlines()
    assert err == [f"kg export: {tmp_path}/old.ttl: cannot write: No space left on device; "
                   f"{tmp_path}/old.ttl is left as it was",
                   f"kg view: {tmp_path}/v.html: cannot write: No space left on device; "
                   "nothing was written"]
    assert [p.name for p in tmp_path.iterdir()] == ["old.ttl"]
    assert (tmp_path / "old.ttl").read_text() == "previous"


def test_export_into_a_read_only_folder_injected(tmp_path, graph, monkeypatch, capsys):
    def mkstemp(*_a, **_k):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / ".g.nt.x.tmp"))

    monkeypatch.setattr("tempfile.mkstemp", mkstemp)
    assert main(["export", str(graph), "-o", str(tmp_path / "g.nt")]) == 6
    assert capsys.readouterr().err == (f"kg export: {tmp_path}/g.nt: cannot write: Read-only "
                                       "file system; nothing was written\n")


def test_export_to_a_full_stdout(graph, monkeypatch, capsys):
    class Full:
        def write(self, _data):
            raise OSError(errno.ENOSPC, "No space left on device")

    class Stdout:
        buffer = Full()

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Stdout())
    assert main(["export", str(graph), "-o", "-", "--format", "nt"]) == 6
    assert capsys.readouterr().err == ("kg export: -: cannot write: No space left on device; "
                                       "the output is incomplete\n")


@pytest.mark.slow
def test_build_on_a_disk_that_fills_up_keeps_the_previous_files(
        tmp_path, articles, monkeypatch, capsys):
    out = tmp_path / "out"
    before = previous_outputs(out)

    def fsync(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(["build", str(articles), "--out", str(out), "-q", "--jobs", "1"]) == 6
    assert capsys.readouterr().err == (
        f"kg build: {out}/graph.ttl: cannot write: No space left on device; nothing was "
        f"replaced: {out} holds the previous graph.ttl, graph.trig and graph.html\n")
    assert contents(out) == before


@pytest.mark.slow
def test_store_that_fills_up_keeps_the_articles_written_before(
        tmp_path, articles, monkeypatch, capsys):
    build = importlib.import_module("kg.build")  # (kg.build is also the function)
    store = tmp_path / "store"
    real = build.replace_article
    calls = []

    def replace_article(st, graph, ntriples):
        calls.append(graph)
        if len(calls) == 2:
            raise OSError(f"IO error: No space left on device: While appending to file: "
                          f"{store}/000008.log: No space left on device")
        return real(st, graph, ntriples)

    monkeypatch.setattr(build, "replace_article", replace_article)
    assert main(["build", str(articles), "--store", str(store), "-q", "--jobs", "1"]) == 6
    err = capsys.readouterr().err
    assert err == (f"kg build: {store}: cannot write the store: IO error: No space left on device:"
                   f" While appending to file: {store}/000008.log: No space left on device; every "
                   "article written before is complete in it\n")
    monkeypatch.undo()
    assert main(["query", "--store", str(store), "SELECT ?g WHERE { GRAPH ?g {} }",
                 "--format", "csv"]) == 0
    # and the marks of what the next build derives for it (support counts, intervals)
    pending = "https://w3id.org/cnkg/id/graph/pending"
    assert sorted(capsys.readouterr().out.splitlines()[1:]) == sorted([calls[0], pending])


@pytest.mark.slow
def test_remove_from_a_store_that_cannot_be_written(tmp_path, articles, monkeypatch, capsys):
    kgstore = importlib.import_module("kg.store")
    store = tmp_path / "store"
    assert main(["build", str(articles), "--store", str(store), "-q", "--jobs", "1"]) == 0

    def remove_article(_store, _iri):
        raise OSError("IO error: No space left on device")

    monkeypatch.setattr(kgstore, "remove_article", remove_article)
    assert main(["remove", "--store", str(store), "a.txt"]) == 6
    assert capsys.readouterr().err == (f"kg remove: {store}: cannot write the store: IO error: "
                                       "No space left on device; every article written before "
                                       "is complete in it\n")


@pytest.mark.slow
def test_names_too_long(tmp_path, articles, graph, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    cases = [
        (["export", str(graph), "-o", f"{LONG}/g.ttl"], 6,
         f"kg export: {LONG}/g.ttl: cannot write: File name too long; nothing was written"),
        (["view", str(graph), "-o", f"{LONG}.html"], 6,
         f"kg view: {LONG}.html: cannot write: File name too long; nothing was written"),
        (["build", str(articles), "--out", LONG, "-q"], 6,
         f"kg build: {LONG}: cannot create the folder: File name too long; nothing was written"),
        (["build", str(articles), "--store", LONG, "-q"], 4,
         f"kg build: {LONG}: cannot open the store: File name too long"),
        (["query", LONG, "ASK {}"], 4, f"kg query: {LONG}: cannot read graph: File name too long"),
        (["query", "--store", LONG, "ASK {}"], 4,
         f"kg query: {LONG}: cannot open the store: File name too long"),
    ]
    for args, code, line in cases:
        assert main(args) == code, args
        assert capsys.readouterr().err == line + "\n"
    assert main(["build", LONG, "-q"]) == 2
    assert capsys.readouterr().err == (f"skipped: {LONG}: cannot be opened: File name too long\n"
                                       "kg build: no article could be read; nothing written\n")
    assert list(tmp_path.iterdir()) == []


def test_an_unexpected_system_error_is_one_line(monkeypatch, capsys):
    def run(_args):
        raise PermissionError(errno.EACCES, "Permission denied", "/somewhere/gold")

    monkeypatch.setattr("kg.cli.cmd_eval", run)
    assert main(["eval", "--gold", "/somewhere/gold", "g.ttl"]) == 1
    assert capsys.readouterr().err == "kg eval: /somewhere/gold: Permission denied\n"


def test_help_documents_the_exit_codes_for_outputs_and_stores():
    text = kg("build", "--help").stdout
    assert "6  the output files could not be written (the previous ones are left as they were)\n" \
           "     or the store could not be written (it keeps every article written before)" in text
