"""Worker processes die with the build: kill -9, SIGTERM or Ctrl-C of `kg build --jobs 2`.

Each test starts the build in a session of its own (so every process it
starts, fork server and workers included, is in one process group), waits
for the workers, signals the build process only, and checks /proc: within a
few seconds no process of the group may remain.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store import make_corpus

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc"),
]


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """Enough articles for a two-worker build to run well past its workers' start."""
    d = tmp_path_factory.mktemp("big")
    make_corpus(d, 400, seed=5)
    return d


def group_members(pgid: int) -> list[tuple[int, int, str]]:
    """(pid, parent pid, command) of the live (not zombie) processes in process group ``pgid``."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # gone meanwhile
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        state, ppid, group = fields[0], int(fields[1]), int(fields[2])
        if group == pgid and state not in ("Z", "X"):
            out.append((int(entry), ppid, name))
    return out


def workers_of(pid: int) -> list[int]:
    """The pool workers of build process ``pid``: the leaves of its process tree.

    Besides the workers, the group holds multiprocessing's resource tracker
    and, for a fork-server pool, the fork server, parent of the workers.
    """
    members = [(p, ppid) for p, ppid, _ in group_members(pid) if p != pid]
    tracker = {p for p, _ in members if b"resource_tracker" in _cmdline(p)}
    parents = {ppid for _, ppid in members}
    return [p for p, _ in members if p not in tracker and p not in parents]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def start_build(corpus: Path, out: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--jobs", "2",
         "--no-view", "-q"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def wait_for_workers(proc: subprocess.Popen, n: int = 2, timeout: float = 180.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        assert proc.poll() is None, "the build ended before its workers were seen"
        if len(workers_of(proc.pid)) >= n:
            time.sleep(1.0)  # the workers are busy with articles
            return
        time.sleep(0.1)
    pytest.fail(f"no {n} workers after {timeout:.0f} s")


def left_after(pgid: int, seconds: float) -> list[tuple[int, int, str]]:
    """The group's live processes once they are all gone, or after ``seconds``."""
    end = time.monotonic() + seconds
    while True:
        members = group_members(pgid)
        if not members or time.monotonic() > end:
            return members
        time.sleep(0.1)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT],
                         ids=["kill-9", "sigterm", "sigint"])
def test_no_worker_outlives_the_build(big_corpus, tmp_path, sig):
    proc = start_build(big_corpus, tmp_path / "out")
    try:
        wait_for_workers(proc)
        os.kill(proc.pid, sig)  # the build process alone, not its group
        proc.wait(timeout=60)
        left = left_after(proc.pid, 10.0)
        assert left == [], f"still running 10 s after {sig.name}: {left}"
        err = proc.stderr.read().decode()
        assert "Traceback" not in err, err
        if sig == signal.SIGINT:
            assert proc.returncode == 130 and "interrupted" in err
        else:
            assert proc.returncode == -sig
    finally:
        for pid, _, _ in group_members(proc.pid):  # never leave strays behind, pass or fail
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.stderr.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
