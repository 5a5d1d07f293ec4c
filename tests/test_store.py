"""The persistent store: incremental builds, replacement, removal, crash safety."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build, write_outputs
from kg.cli import main
from kg.derived import DERIVED, PENDING_GRAPH
from kg.rdf import quad_sort_key
from kg.store import article_digests, open_store, remove_articles
from kg.vocab import ONT, article_iri

pytestmark = pytest.mark.slow  # builds into on-disk stores, some in other processes

ROOT = Path(__file__).resolve().parent.parent


def bench_corpus_module():
    """``bench/make_corpus.py``, imported once (it is a script, not a package module)."""
    mc = sys.modules.get("make_corpus")
    if mc is None:
        spec = importlib.util.spec_from_file_location(
            "make_corpus", ROOT / "bench" / "make_corpus.py"
        )
        mc = importlib.util.module_from_spec(spec)
        sys.modules["make_corpus"] = mc
        spec.loader.exec_module(mc)  # type: ignore[union-attr]
    return mc


def make_corpus(folder: Path, n: int, seed: int = 1) -> list[Path]:
    """``n`` synthetic articles (bench/make_corpus.py) in ``folder``, flat."""
    mc = bench_corpus_module()
    pool = mc.SentencePool.from_seeds(mc.SEEDS)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"a{i:03d}.txt"
        p.write_text(mc.make_article(pool, i, seed)[:2500], encoding="utf-8")
        paths.append(p)
    return paths


def graph_quads(store: ox.Store) -> dict[str, list[ox.Quad]]:
    """The quads of the article graphs and the derived graph by graph IRI, after checking the merge.

    The marks of what waits to be derived (a build killed before its end) are left out.
    """
    out: dict[str, list[ox.Quad]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != PENDING_GRAPH:
            out.setdefault(q.graph_name.value, []).append(q)
    assert_merge(store)
    return {g: sorted(qs, key=quad_sort_key) for g, qs in out.items()}


def assert_merge(store: ox.Store) -> None:
    """The default graph holds every triple of the article graphs and the derived graph once."""
    named = {
        q.triple
        for q in store.quads_for_pattern(None, None, None, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != PENDING_GRAPH
    }
    default = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    assert len(default) == len(set(default))
    assert set(default) == named


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    make_corpus(d, 8)
    return d


@pytest.fixture(scope="module")
def clean(corpus) -> dict[str, list[ox.Quad]]:
    """The article graphs of a clean in-memory build of the corpus."""
    return graph_quads(build([corpus]).store)


def test_build_twice_adds_nothing_and_store_is_unchanged(corpus, clean, tmp_path):
    kg = build([corpus], store=tmp_path / "s")
    assert (kg.report.added, kg.report.unchanged) == (8, 0)
    assert graph_quads(kg.store) == clean
    before = sorted(kg.store.quads_for_pattern(None, None, None, None), key=quad_sort_key)
    again = build([corpus], store=kg)
    assert (again.report.added, again.report.replaced, again.report.unchanged) == (0, 0, 8)
    assert again.report.quads == 0
    assert sorted(kg.store.quads_for_pattern(None, None, None, None), key=quad_sort_key) == before


def test_a_new_article_adds_only_its_graph(corpus, clean, tmp_path):
    files = sorted(corpus.glob("*.txt"))
    kg = build(files[:-1], store=tmp_path / "s")
    before = graph_quads(kg.store)
    again = build(files, store=kg)
    assert (again.report.added, again.report.replaced, again.report.unchanged) == (1, 0, 7)
    after = graph_quads(kg.store)
    new = article_iri(files[-1].stem)
    assert set(after) == set(before) | {new}
    others = set(before) - {DERIVED.value}  # the derived graph counts the new article too
    assert {g: after[g] for g in others} == {g: before[g] for g in others}  # the others untouched
    assert after[new] == clean[new] and again.report.quads == len(clean[new])


def test_cli_view_from_a_store(corpus, tmp_path):
    store = str(tmp_path / "s")
    assert (
        main(
            [
                "build",
                str(corpus / "a000.txt"),
                str(corpus / "a001.txt"),
                "--store",
                store,
                "-q",
                "--jobs",
                "1",
            ]
        )
        == 0
    )
    html = tmp_path / "v.html"
    assert main(["view", "--store", store, "-o", str(html)]) == 0
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html") or text.lower().startswith("<!doctype html")
    assert "a000" in text  # the articles are in the page's data


def test_store_reopens_and_every_article_has_its_digest(corpus, tmp_path):
    kg = build([corpus], store=tmp_path / "s")
    del kg
    kg = open_store(tmp_path / "s", read_only=True)
    digests = article_digests(kg.store)
    assert sorted(digests) == sorted(article_iri(p.stem) for p in corpus.glob("*.txt"))
    assert all(len(d) == 64 for d in digests.values())


def test_batches_give_the_same_graph_as_one_build(corpus, clean, tmp_path):
    """Entity IRIs do not depend on the batch an article came in."""
    files = sorted(corpus.glob("*.txt"))
    store = tmp_path / "s"
    for batch in (files[:3], files[3:5], files[5:]):
        build(batch, store=store)
    kg = open_store(store)
    assert graph_quads(kg.store) == clean
    one = tmp_path / "one"
    write_outputs(build([corpus]), one, view=False)
    two = tmp_path / "two"
    write_outputs(kg, two, view=False)
    for name in ("graph.ttl", "graph.trig"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_changed_article_replaces_its_graph(corpus, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    store = tmp_path / "s"
    build([src], store=store)
    # a.txt gets the text of another article: its graph must become that article's graph, renamed
    target = src / "a000.txt"
    other = make_corpus(tmp_path / "other", 1, seed=99)[0]
    target.write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    kg = build([src], store=store)
    assert (kg.report.added, kg.report.replaced, kg.report.unchanged) == (0, 1, 7)
    expected = graph_quads(build([target]).store)
    g = article_iri("a000")
    assert graph_quads(kg.store)[g] == expected[g]


def test_remove_drops_what_only_the_article_supported(corpus, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    shutil.copy(src / "a001.txt", src / "twin.txt")  # the same facts in another article
    clean = graph_quads(build([src]).store)
    kg = build([src], store=tmp_path / "s")
    gone = article_iri("a002")
    removed, unknown = remove_articles(kg.store, [str(src / "a002.txt"), "nothere.txt"])
    assert removed == [gone] and unknown == [article_iri("nothere")]
    left = graph_quads(kg.store)
    assert gone not in left and len(set(left) - {DERIVED.value}) == 8
    assert remove_articles(kg.store, [str(src / "a001.txt")])[0] == [article_iri("a001")]
    union = {q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    for g in (gone, article_iri("a001")):
        only_removed = {q.triple for q in clean[g]} - {
            q.triple for h, qs in clean.items() if h not in (gone, article_iri("a001")) for q in qs
        }
        assert only_removed, "the removed article's own node at least"
        assert not (only_removed & union)
    shared = {q.triple for q in clean[article_iri("a001")]} & {
        q.triple for q in clean[article_iri("twin")]
    }
    assert len(shared) > 10, "the twin states the same facts"
    assert shared <= union  # facts another article also reports stay
    assert not bool(kg.query(f"ASK {{ <{gone}> ?p ?o }}"))


def test_cli_remove_by_iri_and_by_name(corpus, tmp_path, capsys):
    store = str(tmp_path / "s")
    assert main(["build", str(corpus), "--store", store, "-q", "--jobs", "1"]) == 0
    assert main(["remove", "--store", store, article_iri("a002"), "a003.txt"]) == 0
    assert "removed 2 articles; 6 left" in capsys.readouterr().out
    assert main(["remove", "--store", store, "a002.txt"]) == 1  # no longer there
    assert "not in the store" in capsys.readouterr().err


def test_cli_store_query_export_and_union(corpus, tmp_path, capsys):
    store = str(tmp_path / "s")
    out = tmp_path / "out"
    assert (
        main(
            [
                "build",
                str(corpus),
                "--store",
                store,
                "--out",
                str(out),
                "--no-view",
                "-q",
                "--jobs",
                "1",
            ]
        )
        == 0
    )
    assert (out / "graph.ttl").stat().st_size > 0
    q = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{ONT}Article> }}"
    assert main(["query", "--store", store, q, "-f", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "8"]
    q = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g a <{ONT}Article> }} }}"
    assert main(["query", "--store", store, q, "-f", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "8"]
    assert main(["export", "--store", store, "-o", str(tmp_path / "x.trig")]) == 0
    assert (tmp_path / "x.trig").read_bytes() == (out / "graph.trig").read_bytes()
    assert main(["query", "--store", str(tmp_path / "nope"), "ASK {}"]) == 4
    assert "no such store" in capsys.readouterr().err
    assert main(["query", "--store", store, str(out / "graph.ttl"), "ASK {}"]) == 2


def test_a_second_writer_gets_a_clear_message(corpus, tmp_path, capsys):
    store = tmp_path / "s"
    open_store(store).store.flush()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(60)",
            str(store),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert (
            main(["build", str(corpus / "a000.txt"), "--store", str(store), "-q", "--jobs", "1"])
            == 4
        )
        assert "in use by another process" in capsys.readouterr().err
        # readers are not blocked by the writer
        assert main(["query", "--store", str(store), "ASK { ?s ?p ?o }"]) == 0
    finally:
        holder.kill()
        holder.wait()


def _stored_articles(store: Path) -> int:
    """Articles in the store as a reader sees it now (0 if it cannot be read yet)."""
    try:
        graphs = ox.Store.read_only(str(store)).named_graphs()
        return sum(1 for g in graphs if g not in (DERIVED, PENDING_GRAPH))
    except (OSError, RuntimeError):
        return 0


def test_killed_build_leaves_only_complete_articles(tmp_path, corpus):
    """SIGKILL a build while it writes: every stored article is whole; a rerun completes it."""
    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    for p in make_corpus(tmp_path / "extra", 16, seed=5):
        shutil.copy(p, src / f"b{p.name}")
    full = graph_quads(build([src]).store)
    store = tmp_path / "s"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [
        sys.executable,
        "-m",
        "kg.cli",
        "build",
        str(src),
        "--store",
        str(store),
        "-q",
        "--jobs",
        "1",
    ]
    partial = 0
    for target in (2, 8, 14, 20):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            if (store / "CURRENT").exists() and _stored_articles(store) >= target:
                break
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not (store / "CURRENT").exists():
            continue
        kg = open_store(store)
        stored = graph_quads(kg.store)
        stored.pop(DERIVED.value, None)  # up to date for what the last refresh saw
        assert set(article_digests(kg.store)) == set(stored), (
            "an article graph without its kg:sha256"
        )
        for g, quads in stored.items():
            assert quads == full[g], f"{g} is not complete"
        partial += 0 < len(stored) < len(full) - 1
        del kg
    assert partial >= 2, "the kills should have landed in the middle of the build"
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert graph_quads(open_store(store).store) == full  # the derived graph too: marks completed


def test_help_of_the_store_commands_has_examples():
    for cmd in ("build", "remove", "serve", "push", "query", "export", "view"):
        out = subprocess.run(
            [sys.executable, "-m", "kg.cli", cmd, "--help"],
            capture_output=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert out.returncode == 0, cmd
        assert "examples:" in out.stdout and "--store" in out.stdout, cmd


def test_cli_build_in_a_fresh_process_writes_all_three_files(corpus, tmp_path):
    """As a user runs it: in a new process."""
    out = tmp_path / "out"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(corpus / "a000.txt"),
            "--store",
            str(tmp_path / "s"),
            "--out",
            str(out),
            "-q",
            "--jobs",
            "1",
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert r.returncode == 0, r.stderr
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).stat().st_size > 0, name


def test_same_file_name_twice_in_a_batch_the_later_wins_for_any_jobs(corpus, tmp_path):
    a, b = (
        (corpus / "a000.txt").read_text(encoding="utf-8"),
        (corpus / "a001.txt").read_text(encoding="utf-8"),
    )
    first = tmp_path / "first"
    (first / "x").mkdir(parents=True)
    (first / "x" / "same.txt").write_text(a, encoding="utf-8")
    results = []
    for jobs in (1, 2):
        store = tmp_path / f"s{jobs}"
        build([first], store=store)  # the store holds text a
        batch = tmp_path / f"batch{jobs}"
        (batch / "1").mkdir(parents=True)
        (batch / "2").mkdir(parents=True)
        (batch / "1" / "same.txt").write_text(b, encoding="utf-8")  # replaces a with b ...
        (batch / "2" / "same.txt").write_text(
            a, encoding="utf-8"
        )  # ... and the later file puts a back
        kg = build([batch], store=store, jobs=jobs)
        assert any("same file name" in w for w in kg.report.warnings)
        results.append(graph_quads(kg.store))
        del kg
    assert results[0] == results[1]
    digest = __import__("hashlib").sha256(a.encode()).hexdigest()
    assert article_digests(open_store(tmp_path / "s1").store)[article_iri("same")] == digest


def test_a_store_in_a_folder_not_made_yet_is_created(tmp_path):
    """``--store a/b/store`` makes the missing parents, as ``--out`` does."""
    path = tmp_path / "not" / "yet" / "store"
    store = open_store(path, create=True)
    assert len(store) == 0 and (path / "CURRENT").exists()
    del store
    with pytest.raises(Exception, match="no such store"):
        open_store(tmp_path / "other" / "store", read_only=True)
