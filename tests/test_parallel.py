"""Parallel, streaming extraction: the same bytes for any --jobs, results in input order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_store import make_corpus

from kg.build import Progress, build, write_outputs
from kg.parallel import (
    POOL_MIN_BYTES,
    default_jobs,
    extract_stream,
    pool_size,
    process_file,
    process_pool,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pcorpus")
    make_corpus(d, 12, seed=3)
    (d / "broken.txt").write_bytes(b"")  # skipped: no text
    return d


def _cli_build(args: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", *args], env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_jobs_2_gives_byte_identical_outputs_to_jobs_1(corpus, tmp_path):
    for jobs in ("1", "2"):
        r = _cli_build(
            [str(corpus), "--out", str(tmp_path / jobs), "--jobs", jobs, "--no-view", "-q"]
        )
        assert r.returncode == 0, r.stderr
        assert "broken.txt" in r.stderr  # the skipped file is reported either way
    for name in ("graph.ttl", "graph.trig"):
        one, two = (tmp_path / "1" / name).read_bytes(), (tmp_path / "2" / name).read_bytes()
        assert one and one == two, name


@pytest.mark.slow
def test_jobs_2_into_a_store_equals_jobs_1(corpus, tmp_path):
    for jobs in ("1", "2"):
        r = _cli_build(
            [
                str(corpus),
                "--store",
                str(tmp_path / f"s{jobs}"),
                "--out",
                str(tmp_path / f"o{jobs}"),
                "--jobs",
                jobs,
                "--no-view",
                "-q",
            ]
        )
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "o1" / "graph.trig").read_bytes() == (
        tmp_path / "o2" / "graph.trig"
    ).read_bytes()


def test_stream_keeps_input_order_and_matches_one_file_at_a_time(corpus):
    files = sorted(corpus.glob("*.txt"))
    results = list(extract_stream(files, jobs=1))
    assert [r.path for r in results] == [str(f) for f in files]
    assert [r.status for r in results].count("skipped") == 1
    one = process_file(str(files[3]))
    assert one.ntriples == results[3].ntriples and one.quads > 0


def test_known_digest_skips_extraction(corpus):
    f = sorted(corpus.glob("a*.txt"))[0]
    first = process_file(str(f))
    again = process_file(str(f), known_digest=first.digest)
    assert again.status == "unchanged" and again.ntriples == ""
    assert process_file(str(f), known_digest="0" * 64).status == "new"


@pytest.mark.slow
def test_streamed_outputs_equal_serialize(corpus, tmp_path):
    kg = build([corpus])
    write_outputs(kg, tmp_path, view=False)
    assert (tmp_path / "graph.trig").read_bytes() == kg.serialize(fmt="trig")
    assert (tmp_path / "graph.ttl").read_bytes() == kg.serialize(fmt="ttl")


def test_progress_is_quiet_when_not_a_terminal(capsys):
    p = Progress(3)
    assert not p.enabled  # pytest's stderr is not a terminal
    p.step()
    p.close()
    assert capsys.readouterr().err == ""


def test_default_jobs_is_the_cores():
    assert default_jobs() >= 1
    assert default_jobs() <= (os.cpu_count() or 1)


def test_progress_bar_shows_rate_and_note_on_a_terminal(monkeypatch):
    import io

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.delenv("CI", raising=False)
    p = Progress(4)
    for _ in range(4):
        p.step(note="1 unchanged")
    p.close()
    text = err.getvalue()
    assert "4/4 articles" in text and "/s" in text and "(1 unchanged)" in text
    assert not Progress(4, quiet=True).enabled


def test_by_default_a_pool_only_for_big_batches_and_idle_cores(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.parallel.default_jobs", lambda: 4)
    monkeypatch.setattr("kg.parallel.idle_cores", lambda: 3.6)
    small = make_corpus(tmp_path / "small", 3)
    assert sum(p.stat().st_size for p in small) < POOL_MIN_BYTES
    assert pool_size(small, None) == 1
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * POOL_MIN_BYTES)
    assert pool_size([*small, big], None) == 4
    assert pool_size([big, tmp_path / "missing.txt"], None) == 2  # no more workers than files
    monkeypatch.setattr("kg.parallel.idle_cores", lambda: 1.5)  # one core idle: two workers
    assert pool_size([*small, big], None) == 2
    monkeypatch.setattr("kg.parallel.idle_cores", lambda: 0.7)  # every core busy: no pool
    assert pool_size([*small, big], None) == 1
    # a number given is taken as it is
    assert pool_size(small, 2) == 2 and pool_size(small, 8) == 3 and pool_size(small, 1) == 1


@pytest.mark.slow
def test_the_seeds_are_extracted_without_a_pool():
    report = build([ROOT / "seeds"], jobs=None).report  # the default of kg build
    assert report.articles == 5 and report.jobs == 1


def _parent_and_its_libraries() -> tuple[int, str]:
    ppid = os.getppid()
    return ppid, Path(f"/proc/{ppid}/maps").read_text()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux's /proc")
def test_workers_are_forked_from_a_server_that_loaded_the_models():
    with process_pool(2, None) as ex:
        ppid, maps = ex.submit(_parent_and_its_libraries).result(timeout=300)
        assert ppid != os.getpid()  # not started by this process: forked by the fork server
        assert "onnxruntime" in maps  # whose models are loaded (LAC's ONNX runtime)


@pytest.mark.slow
def test_a_pool_of_two_in_process_gives_the_same_results(corpus):
    files = sorted(corpus.glob("*.txt"))
    one = list(extract_stream(files, jobs=1))
    two = list(extract_stream(files, jobs=2))
    assert [r.path for r in two] == [str(f) for f in files]
    assert [(r.status, r.ntriples) for r in one] == [(r.status, r.ntriples) for r in two]
