"""Extraction on a Dask cluster: the same files and store as `--jobs 1`, results in input order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_store import make_corpus

from kg.build import build
from kg.parallel import ExecutorError, check_executor

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", *args], env=env,
                          capture_output=True, text=True, timeout=600)


def _distributed():
    return pytest.importorskip(
        "distributed", reason="dask.distributed cannot be imported: pip install 'kg[dask]'")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("dcorpus")
    make_corpus(d, 16, seed=7)
    (d / "broken.txt").write_bytes(b"")  # skipped on the driver: no text
    return d


def _store_quads(path: Path) -> list[str]:
    return sorted(str(q) for q in ox.Store.read_only(str(path)))


@pytest.mark.slow
def test_a_two_worker_cluster_builds_what_jobs_1_builds(corpus, tmp_path):
    distributed = _distributed()
    one = _cli(str(corpus), "--out", str(tmp_path / "o1"), "--store", str(tmp_path / "s1"),
               "--jobs", "1", "--no-view", "-q")
    assert one.returncode == 0, one.stderr
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        spec = "dask://" + cluster.scheduler_address.removeprefix("tcp://")
        r = _cli(str(corpus), "--out", str(tmp_path / "o2"), "--store", str(tmp_path / "s2"),
                 "--executor", spec, "--no-view")
        again = _cli(str(corpus), "--store", str(tmp_path / "s2"), "--executor", spec)
    assert r.returncode == 0, r.stderr
    assert spec in r.stdout and "articles read: 16" in r.stdout
    assert "broken.txt" in r.stdout  # skipped and reported, as with --jobs 1
    assert again.returncode == 0, again.stderr
    assert "added 0, replaced 0, unchanged 16" in again.stdout  # digests compared on the driver
    # and the cluster kg starts itself
    local = _cli(str(corpus), "--out", str(tmp_path / "o3"), "--executor", "dask-local",
                 "--jobs", "2", "--no-view")
    assert local.returncode == 0, local.stderr
    assert "dask-local" in local.stdout
    for name in ("graph.ttl", "graph.trig"):
        first = (tmp_path / "o1" / name).read_bytes()
        assert first and first == (tmp_path / "o2" / name).read_bytes(), name
        assert first == (tmp_path / "o3" / name).read_bytes(), name
    assert _store_quads(tmp_path / "s1") == _store_quads(tmp_path / "s2")


def test_an_unknown_executor_is_a_usage_error(tmp_path):
    r = _cli("seeds", "--out", str(tmp_path), "--executor", "spark://x:1")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "kg build: --executor: unknown executor 'spark://x:1': expected dask://HOST:PORT "
        "(a Dask scheduler) or dask-local (a Dask cluster on this machine)"]


def test_without_dask_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(ExecutorError, match=r"pip install 'kg\[dask\]'"):
        check_executor("dask-local")


def test_an_unreachable_scheduler_is_one_error(monkeypatch, tmp_path):
    _distributed()
    monkeypatch.setattr("kg.parallel.CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_text("淄博市张店区委书记王小明出席。", encoding="utf-8")
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:1"):
        build([tmp_path], executor="dask://127.0.0.1:1")
