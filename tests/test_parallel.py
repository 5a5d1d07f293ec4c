"""Parallel, streaming extraction: the same bytes for any --jobs, results in input order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_store import make_corpus

from kg.build import Progress, build, write_outputs
from kg.parallel import default_jobs, extract_stream, process_file

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
