"""Output files replaced as one unit: a failing rename, a folder in the way, a killed build,
stale staging folders (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg import files
from kg.cli import main

STAGE_PREFIX = ".kg-build-"  # the staging folders of builds, in the output folder

NAMES = ["graph.ttl", "graph.trig", "graph.html"]
ARTICLE = ("宜宾市翠屏区委书记李某某出席重大项目集中签约仪式。"
           "宜宾翠兴科技有限公司投资建设新能源电池项目。\n")


def previous_outputs(out: Path) -> dict[str, bytes]:
    """Fill ``out`` with a previous build's files; return their bytes."""
    out.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (out / name).write_bytes(f"previous {name}".encode())
    return contents(out)


def contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def stages(out: Path) -> list[Path]:
    return sorted(out.glob(STAGE_PREFIX + "*"))


def writers(text: str = "new") -> dict:
    return {name: (lambda p, name=name: p.write_text(f"{text} {name}")) for name in NAMES}


def fail_on_third_rename(monkeypatch, out: Path) -> list[str]:
    """Make renaming a staged file onto ``out/graph.html`` fail; return the renames seen."""
    real = os.replace
    seen: list[str] = []

    def replace(src, dst, **kw):
        if Path(src).parent.name.startswith(STAGE_PREFIX) and Path(dst).parent == out:
            seen.append(Path(dst).name)
            if Path(dst).name == "graph.html":
                raise OSError(5, "Input/output error")
        return real(src, dst, **kw)

    monkeypatch.setattr(os, "replace", replace)
    return seen


# ------------------------------------------------------------------ the switch, in the library


def test_all_files_are_replaced(tmp_path):
    previous_outputs(tmp_path)
    assert files.replace_outputs(tmp_path, writers()) == [tmp_path / n for n in NAMES]
    assert contents(tmp_path) == {n: f"new {n}".encode() for n in NAMES}
    assert stages(tmp_path) == []


def test_a_failing_third_rename_puts_the_first_two_back(tmp_path, monkeypatch):
    before = previous_outputs(tmp_path)
    seen = fail_on_third_rename(monkeypatch, tmp_path)
    with pytest.raises(files.OutputError) as e:
        files.replace_outputs(tmp_path, writers())
    assert seen == NAMES  # two files were switched in before the third failed
    assert contents(tmp_path) == before
    assert str(e.value) == (f"{tmp_path}/graph.html: cannot replace: Input/output error; "
                            f"nothing was replaced: {tmp_path} holds the previous graph.ttl, "
                            "graph.trig and graph.html")
    assert stages(tmp_path) == []


def test_a_failing_rename_without_previous_files_leaves_none(tmp_path, monkeypatch):
    fail_on_third_rename(monkeypatch, tmp_path)
    with pytest.raises(files.OutputError, match="holds none of graph.ttl, graph.trig and graph"):
        files.replace_outputs(tmp_path, writers())
    assert list(tmp_path.iterdir()) == []


def test_a_folder_appearing_where_graph_html_goes_undoes_the_switch(tmp_path):
    before = previous_outputs(tmp_path)
    (tmp_path / "graph.html").unlink()
    del before["graph.html"]

    def html_then_a_folder(p: Path) -> None:  # someone makes a folder there meanwhile
        p.write_text("new")
        (tmp_path / "graph.html").mkdir()
        (tmp_path / "graph.html" / "keep.txt").write_text("mine")

    with pytest.raises(files.OutputError) as e:
        files.replace_outputs(tmp_path, {**writers(), "graph.html": html_then_a_folder})
    assert contents(tmp_path) == before
    assert (tmp_path / "graph.html" / "keep.txt").read_text() == "mine"
    assert str(e.value).startswith(f"{tmp_path}/graph.html: cannot replace: ")
    assert str(e.value).endswith(f"nothing was replaced: {tmp_path} holds the previous graph.ttl"
                                 " and graph.trig (no graph.html)")


def test_when_putting_back_fails_too_the_message_says_what_is_new(tmp_path, monkeypatch):
    previous_outputs(tmp_path)
    real = os.replace

    def replace(src, dst, **kw):  # the third rename fails, and so do those putting files back
        if Path(dst).parent == tmp_path and (Path(dst).name == "graph.html"
                                             or Path(src).parent.name == "previous"):
            raise OSError(30, "Read-only file system")
        return real(src, dst, **kw)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(files.OutputError) as e:
        files.replace_outputs(tmp_path, writers())
    assert str(e.value).endswith(f"only partly replaced: {tmp_path} holds the new graph.ttl and "
                                 "graph.trig and the previous graph.html; build again to replace "
                                 "them all")
    assert contents(tmp_path)["graph.ttl"] == b"new graph.ttl"


def test_a_failing_write_replaces_nothing(tmp_path):
    before = previous_outputs(tmp_path)

    def disk_full(p: Path) -> None:
        p.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(files.OutputError) as e:
        files.replace_outputs(tmp_path, {**writers(), "graph.trig": disk_full})
    assert str(e.value).startswith(f"{tmp_path}/graph.trig: cannot write: No space left on device;")
    assert contents(tmp_path) == before and stages(tmp_path) == []


def test_describe_outputs():
    assert files.describe_outputs("out", ["a"], new=["a"]) == (
        "only partly replaced: out holds the new a; build again to replace them all")


# ------------------------------------------------------------------ stale staging folders


def stale_stage(out: Path, pid: int = 99_999_999) -> Path:
    """A staging folder as a killed build leaves it: complete files, an old mtime, a dead pid."""
    stage = out / f"{STAGE_PREFIX}{pid}-x1y2z3"
    stage.mkdir(parents=True)
    (stage / "graph.trig").write_bytes(b"x" * 1_000_000)
    os.utime(stage, (time.time() - 86_400, time.time() - 86_400))
    return stage


def test_a_stale_staging_folder_is_removed_by_the_next_write(tmp_path):
    stage = stale_stage(tmp_path)
    files.replace_outputs(tmp_path, writers())
    assert not stage.exists()
    assert stages(tmp_path) == []


def test_a_live_concurrent_builds_staging_folder_is_left_alone(tmp_path):
    """Build A stages its files and waits; build B writes meanwhile; then A finishes."""
    writing, go_on = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def slow(p: Path) -> None:
        p.write_text("A graph.html")
        writing.set()
        go_on.wait(30)

    def build_a() -> None:
        try:
            files.replace_outputs(tmp_path, {**writers("A"), "graph.html": slow})
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    a = threading.Thread(target=build_a)
    a.start()
    assert writing.wait(30)
    [a_stage] = stages(tmp_path)
    files.replace_outputs(tmp_path, writers("B"))  # B cleans up stale folders: A's is live
    assert a_stage.is_dir() and (a_stage / "graph.html").exists()
    go_on.set()
    a.join(30)
    assert not errors
    assert contents(tmp_path) == {n: f"A {n}".encode() for n in NAMES}
    assert stages(tmp_path) == []


KILLED_SWITCH = """
import os, signal, sys
from pathlib import Path
from kg.files import replace_outputs
out = Path(sys.argv[1])
real = os.replace
def replace(src, dst, **kw):
    if Path(dst) == out / "graph.trig":
        os.kill(os.getpid(), signal.SIGKILL)  # killed between two renames
    return real(src, dst, **kw)
os.replace = replace
replace_outputs(out, {n: (lambda p, n=n: p.write_text("new " + n))
                      for n in ["graph.ttl", "graph.trig", "graph.html"]})
"""


def test_a_build_killed_between_renames_is_undone_by_the_next(tmp_path):
    before = previous_outputs(tmp_path)
    run = subprocess.run([sys.executable, "-c", KILLED_SWITCH, str(tmp_path)], timeout=120)
    assert run.returncode == -9
    assert contents(tmp_path)["graph.ttl"] == b"new graph.ttl"  # the half-switched state
    assert len(stages(tmp_path)) == 1
    assert len(files.remove_stale_stages(tmp_path)) == 1  # what the next build does first
    assert contents(tmp_path) == before
    assert stages(tmp_path) == []


# ------------------------------------------------------------------ through kg build


@pytest.fixture()
def article(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_kg_build_with_a_failing_third_rename_keeps_the_previous_files(
        tmp_path, article, monkeypatch, capsys):
    out = tmp_path / "out"
    before = previous_outputs(out)
    stale = stale_stage(out)
    seen = fail_on_third_rename(monkeypatch, out)
    assert main(["build", str(article), "--out", str(out), "-q", "--jobs", "1"]) == 6
    assert seen == NAMES
    assert contents(out) == before
    assert not stale.exists() and stages(out) == []
    err = capsys.readouterr().err
    assert err == (f"kg build: {out}/graph.html: cannot replace: Input/output error; nothing was "
                   f"replaced: {out} holds the previous graph.ttl, graph.trig and graph.html\n")


def built_anyway(*_args, **_kwargs):
    pytest.fail("built, though the output folder could not take the files")


@pytest.mark.slow
def test_kg_build_with_a_folder_where_graph_html_goes_fails_before_building(
        tmp_path, article, monkeypatch, capsys):
    out = tmp_path / "out"
    before = previous_outputs(out)
    (out / "graph.html").unlink()
    (out / "graph.html").mkdir()
    del before["graph.html"]
    monkeypatch.setattr(sys.modules["kg.build"], "build", built_anyway)
    assert main(["build", str(article), "--out", str(out), "-q", "--jobs", "1"]) == 6
    assert contents(out) == before
    assert capsys.readouterr().err == (
        f"kg build: {out}/graph.html: is a folder, not a file: remove or rename it; nothing was "
        f"replaced: {out} holds the previous graph.ttl and graph.trig (no graph.html)\n")
    monkeypatch.undo()  # without the view, graph.html is not ours to mind: the build goes ahead
    assert main(["build", str(article), "--out", str(out), "-q", "--no-view", "--jobs", "1"]) == 0
    assert (out / "graph.html").is_dir() and b"@prefix" in (out / "graph.ttl").read_bytes()
