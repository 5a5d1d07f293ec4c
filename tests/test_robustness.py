"""`kg build` over folders nobody curated: bad files reported and skipped, nothing lost,
exit codes kept."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import article as kgarticle
from kg import view as kgview
from kg.build import build
from kg.cli import main
from kg.read import MAX_BYTES

pytestmark = pytest.mark.slow  # builds messy folders through the CLI

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")

ARTICLE = ("宜宾市翠屏区委书记李某某出席重大项目集中签约仪式。"
           "宜宾翠兴科技有限公司投资建设新能源电池项目，总投资30亿元。\n")
TRADITIONAL = ("宜賓市翠屏區委書記李某某出席重大項目集中簽約儀式。"
               "宜賓翠興科技有限公司投資建設新能源電池項目，總投資30億元。\n")


def bad_inputs(folder: Path) -> dict[str, str]:
    """Write every kind of unreadable input into ``folder``; return {file name: expected reason}."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "report.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (folder / "archive.md").write_bytes(b"PK\x03\x04" + bytes(100))
    (folder / "nul.txt").write_bytes(b"\x00" * 1000)
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 20)
    with open(folder / "huge 大文件.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without using the disk
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    return {
        "empty.txt": "empty file",
        "image.txt": "PNG image",
        "report.html": "PDF",
        "archive.md": "zip",
        "nul.txt": "only NUL bytes",
        "garbage.txt": "binary file",
        "huge 大文件.txt": f"the limit is {MAX_BYTES // 1024 // 1024} MB",
        "loop.txt": "symbolic link loop",
        "broken.txt": "broken symbolic link",
        "up": "symbolic link loop",
    }


def encoded_copies(folder: Path) -> None:
    """The same invented article in other encodings, names with spaces and Chinese."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "翠屏区 签约 gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    (folder / "翠屏區 big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    (folder / "utf16 bom.txt").write_bytes(ARTICLE.encode("utf-16"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    assert main(["build", str(SEEDS), "--out", str(out), "-q", "--jobs", "1"]) == 0
    return out


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("messy")
    shutil.copytree(SEEDS, d / "in")
    return d


def test_messy_folder_reports_every_skipped_file_and_keeps_the_seed_facts(messy, clean, capsys):
    expected = bad_inputs(messy / "in")
    missing = messy / "not here"
    out = messy / "out"
    code = main(["build", str(messy / "in"), str(missing), "--out", str(out), "--jobs", "2"])
    captured = capsys.readouterr()
    assert code == 0
    skipped = [ln for ln in captured.out.splitlines() if ln.startswith("skipped: ")]
    assert len(skipped) == len(expected) + 1
    for name, reason in expected.items():
        [line] = [
            ln for ln in skipped if ln.startswith(f"skipped: {messy / 'in'}") and f"/{name}: " in ln
        ]
        assert reason in line, line
    assert f"skipped: {missing}: no such file or folder" in skipped
    assert "articles read: 5, skipped: 11" in captured.out
    assert "Traceback" not in captured.err
    # the good articles give exactly the graph a clean build gives
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_strict_exits_1_and_quiet_still_lists_skipped_files_on_stderr(messy, capsys):
    bad_inputs(messy / "strict")
    shutil.copy(SEEDS / sorted(os.listdir(SEEDS))[0], messy / "strict")
    code = main(
        [
            "build",
            str(messy / "strict"),
            "--out",
            str(messy / "strict-out"),
            "-q",
            "--strict",
            "--jobs",
            "1",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 10 and all(ln.startswith("skipped: ") for ln in lines)


def test_other_encodings_and_odd_file_names_are_read(tmp_path, capsys):
    encoded_copies(tmp_path / "in")
    code = main(
        ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--strict", "--jobs", "1"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "articles read: 3" in out and "skipped" not in out
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "宜宾翠兴科技有限公司" in ttl and "翠屏区" in ttl


def test_nothing_readable_exits_2_and_writes_nothing(tmp_path, capsys):
    bad_inputs(tmp_path / "bad")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.ttl").write_text("previous", encoding="utf-8")
    assert main(["build", str(tmp_path / "bad"), "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "no article could be read; nothing written" in err
    assert err.count("skipped: ") == 10
    assert (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8") == "previous"
    assert main(["build", str(tmp_path / "bad" / "sub"), str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err  # sub/up leads to bad/, out of the folder given
    assert "no such file or folder" in err and "outside the input folder; not followed" in err


def test_help_documents_exit_codes_and_the_size_limit():
    text = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--help"], capture_output=True,
                          text=True, check=True).stdout
    for line in (
        "0  success",
        "1  some input files were skipped and --strict was given",
        "2  usage error, or no article could be read at all",
        "6  the output files could not be written",
    ):
        assert line in text
    assert f"larger than {MAX_BYTES // 1024 // 1024} MB" in " ".join(text.split())


# ------------------------------------------------------------------ nothing lost


@pytest.fixture()
def previous(tmp_path, clean) -> Path:
    """An output folder holding a previous build."""
    out = tmp_path / "output"
    shutil.copytree(clean, out)
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_interrupted_build_leaves_previous_output_intact(tmp_path, previous, monkeypatch, capsys):
    before = snapshot(previous)
    calls = []
    real = kgarticle.extract

    def extract(doc, pipeline=None):
        calls.append(doc.name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(doc, pipeline)

    monkeypatch.setattr(kgarticle, "extract", extract)
    encoded_copies(tmp_path / "in")
    assert main(["build", str(tmp_path / "in"), "--out", str(previous), "-q", "--jobs", "1"]) == 130
    assert len(calls) == 2
    assert snapshot(previous) == before
    assert "interrupted" in capsys.readouterr().err


def test_failure_while_writing_leaves_previous_output_intact(
    tmp_path, previous, monkeypatch, capsys
):
    before = snapshot(previous)

    def disk_full(_store, path, **_options):
        Path(path).write_bytes(b"<!DOCTYPE html> half a page")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kgview, "write_html", disk_full)
    encoded_copies(tmp_path / "in")
    assert main(["build", str(tmp_path / "in"), "--out", str(previous), "-q", "--jobs", "1"]) == 6
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert (f"nothing was replaced: {previous} holds the previous graph.ttl, graph.trig and "
            "graph.html") in err
    assert snapshot(previous) == before  # graph.ttl and graph.trig were written, but not moved in


def test_one_failing_extractor_skips_that_file_only(tmp_path):
    from kg.pipeline import Pipeline, component

    @component("robustness_test_crash")
    def crash(doc):
        if "爆炸" in doc.text:
            raise ValueError("boom\nsecond line")

    encoded_copies(tmp_path)
    (tmp_path / "crash.txt").write_text("翠屏区爆炸性新闻。", encoding="utf-8")
    g = build([tmp_path], pipeline=Pipeline(["normalise", "sentences", "robustness_test_crash"]))
    assert g.report.articles == 3
    [(path, reason)] = g.report.skipped
    assert (
        path.endswith("crash.txt") and reason == "extraction failed: ValueError: boom second line"
    )
