"""Symbolic links in input folders: those leading out of the folder are skipped with a message
unless --follow-links; links inside still work; loops still end (issue 16)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.read import Skipped, iter_inputs

ARTICLE = "宜宾市翠屏区委书记李某某出席重大项目集中签约仪式。\n"
SECRET = "成都市武侯区委书记张某某出席成都秘密科技有限公司签约仪式。\n"
NOT_FOLLOWED = "outside the input folder; not followed (--follow-links follows it)"


@pytest.fixture()
def tree(tmp_path) -> Path:
    """``in/`` with articles, links inside it, links out of it and a loop; ``outside/``."""
    outside = tmp_path / "outside"
    (outside / "more").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "more" / "hidden.txt").write_text(SECRET, encoding="utf-8")
    top = tmp_path / "in"
    (top / "sub").mkdir(parents=True)
    (top / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (top / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (top / "inner.txt").symlink_to(top / "sub" / "b.txt")  # inside: read
    (top / "sub" / "rel.txt").symlink_to(Path("..") / "a.txt")  # inside, relative: read
    (top / "sub" / "up").symlink_to(top, target_is_directory=True)  # a loop: reported
    (top / "passwd.txt").symlink_to("/etc/passwd")  # outside: skipped
    (top / "secret.txt").symlink_to(outside / "secret.txt")
    (top / "sub" / "escape.txt").symlink_to(Path("..") / ".." / "outside" / "secret.txt")
    (top / "more").symlink_to(outside / "more", target_is_directory=True)
    (top / "notes").symlink_to("/etc/passwd")  # not an article name: not looked at
    return top


def found(items) -> tuple[list[str], dict[str, str]]:
    paths = [str(i) for i in items if not isinstance(i, Skipped)]
    skipped = {i.path: i.reason for i in items if isinstance(i, Skipped)}
    return paths, skipped


def test_links_out_of_the_folder_are_skipped_with_their_target(tree):
    paths, skipped = found(list(iter_inputs([tree])))
    assert paths == [f"{tree}/a.txt", f"{tree}/inner.txt", f"{tree}/sub/b.txt",
                     f"{tree}/sub/rel.txt"]
    outside = tree.parent / "outside"
    assert skipped == {
        f"{tree}/more": f"symbolic link to {outside}/more, {NOT_FOLLOWED}",
        f"{tree}/passwd.txt": f"symbolic link to /etc/passwd, {NOT_FOLLOWED}",
        f"{tree}/secret.txt": f"symbolic link to {outside}/secret.txt, {NOT_FOLLOWED}",
        f"{tree}/sub/escape.txt": f"symbolic link to {outside}/secret.txt, {NOT_FOLLOWED}",
        f"{tree}/sub/up": "symbolic link loop; not followed",
    }


def test_follow_links_reads_them(tree):
    paths, skipped = found(list(iter_inputs([tree], follow_links=True)))
    assert f"{tree}/passwd.txt" in paths and f"{tree}/more/hidden.txt" in paths
    assert f"{tree}/secret.txt" in paths and f"{tree}/sub/escape.txt" in paths
    assert skipped == {f"{tree}/sub/up": "symbolic link loop; not followed"}


def test_paths_named_on_the_command_line_are_read_wherever_they_lead(tree, tmp_path):
    (tmp_path / "link-to-in").symlink_to(tree, target_is_directory=True)
    paths, _ = found(list(iter_inputs([tree / "secret.txt", tmp_path / "link-to-in"])))
    assert paths[0] == f"{tree}/secret.txt"
    assert f"{tmp_path}/link-to-in/inner.txt" in paths  # inside the folder the link names


@pytest.mark.slow
def test_kg_build_skips_them_and_says_so(tree, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(tree), "--out", str(out), "-q", "--no-view", "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert f"skipped: {tree}/passwd.txt: symbolic link to /etc/passwd, {NOT_FOLLOWED}\n" in err
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "root:" not in trig and "秘密" not in trig and "article:passwd" not in trig
    assert "article:inner" in trig and "article:rel" in trig

    assert main(["build", str(tree), "--out", str(out), "-q", "--no-view", "--jobs", "1",
                 "--follow-links"]) == 0
    err = capsys.readouterr().err
    assert "passwd.txt" not in err and "secret.txt" not in err
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "article:secret" in trig and "article:hidden" in trig and "秘密" in trig


def test_build_help_documents_follow_links():
    text = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--help"],
                          capture_output=True, text=True, check=True).stdout
    assert "--follow-links" in text
    assert "a link\nthat leads out of it (to /etc/passwd, say) is skipped" in text
