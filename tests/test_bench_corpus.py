"""The benchmark corpus generator: deterministic, resumable, of this genre."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from test_store import bench_corpus_module

pytestmark = pytest.mark.slow  # generates and builds corpora

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def mc():
    return bench_corpus_module()


def test_corpus_is_deterministic_and_resumes(mc, tmp_path):
    assert mc.make_corpus(tmp_path / "a", 30, quiet=True) == 30
    assert mc.make_corpus(tmp_path / "b", 30, quiet=True) == 30
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.txt"))
    assert len(files) == 30
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
    # delete some: a rerun writes only those, identical to before
    gone = [tmp_path / "a" / files[3], tmp_path / "a" / files[17]]
    before = [g.read_bytes() for g in gone]
    for g in gone:
        g.unlink()
    assert mc.make_corpus(tmp_path / "a", 30, quiet=True) == 2
    assert [g.read_bytes() for g in gone] == before
    assert not list((tmp_path / "a").rglob("*.tmp"))


def test_folders_of_a_thousand(mc, tmp_path):
    assert mc.article_path(tmp_path, 0).parent.name == "00000"
    assert mc.article_path(tmp_path, 1999).parent.name == "00001"
    assert [f.name for f in mc.folders(tmp_path, 10_000)][-1] == "00009"
    assert len(mc.folders(tmp_path, 500)) == 1


def test_articles_look_like_the_genre(mc):
    pool = mc.SentencePool.from_seeds(mc.SEEDS)
    assert len(pool.sentences) > 100
    text = mc.make_article(pool, 42)
    assert 1000 < len(text) < 8000
    assert "{" not in text and "}" not in text  # every slot filled
    assert "有限公司" in text and "签约" in text
    code, district, city, province = mc.districts()[0]
    assert len(code) == 6 and district and city and province
    # different articles, different text; the same district pool recurs
    assert mc.make_article(pool, 43) != text


def test_generated_articles_build(mc, tmp_path):
    from kg.build import build

    mc.make_corpus(tmp_path, 3, quiet=True)
    g = build(mc.folders(tmp_path, 3))
    assert g.report.articles == 3 and not g.report.skipped
    assert len(g) > 0


@pytest.fixture(scope="module")
def bench_run(mc):  # noqa: ARG001 - run.py imports the corpus module, which mc loads first
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def test_rate_curve_from_samples(bench_run, tmp_path, monkeypatch):
    monkeypatch.setattr(bench_run, "C", bench_run.SYNTHETIC._replace(work=tmp_path))
    (tmp_path / "samples-50.txt").write_text(
        "10:00:00 1000 0 0 1.0\n"
        "10:03:00 1180 18 90 2.5\n"
        "garbage line\n"
        "10:06:00 1360 36 180 3.0\n"
        "10:09:00 1540 36 180 3.0\n")  # no progress: no row
    rows = bench_run.rate_curve(50)
    assert rows == ["| 10:03:00 | 18 | 0.1 | 5000 | 2.5 |", "| 10:06:00 | 36 | 0.1 | 5000 | 3.0 |"]
    assert bench_run.rate_curve(7) == []


def test_timed_stops_a_command_at_the_limit(bench_run):
    r = bench_run.timed([sys.executable, "-c", "import time; time.sleep(30)"], max_seconds=1)
    assert r["stopped"] and r["seconds"] < 10 and r["status"] != 0
    r = bench_run.timed([sys.executable, "-c", "print('ok')"])
    assert (
        not r["stopped"] and r["status"] == 0 and r["stdout"].strip() == "ok" and r["peak_rss_mb"]
    )


def test_the_real_corpus_is_replicated_deterministically_and_resumes(tmp_path):
    """bench/real_corpus.py: file i is source i mod N, later copies marked in the title."""
    spec = importlib.util.spec_from_file_location("real_corpus", ROOT / "bench" / "real_corpus.py")
    rc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rc)
    src = tmp_path / "src"
    src.mkdir()
    bodies = ["甲标题\n甲区投资项目。", "乙标题\n乙县签约。", "丙标题\n丙市开工。"]
    for i, body in enumerate(bodies):
        (src / f"c{i}.txt").write_text(body, encoding="utf-8")
    root = tmp_path / "out"
    assert rc.make_real_corpus(root, 7, src, quiet=True) == 7
    texts = [rc.real_path(root, i).read_text(encoding="utf-8") for i in range(7)]
    assert texts[0] == "甲标题\n甲区投资项目。" and texts[1].startswith("乙标题\n")
    assert texts[3] == "甲标题（第1稿）\n甲区投资项目。"
    assert texts[6].startswith("甲标题（第2稿）\n")
    assert len(set(texts)) == 7
    rc.real_path(root, 4).unlink()
    assert rc.make_real_corpus(root, 7, src, quiet=True) == 1
    assert rc.real_path(root, 4).read_text(encoding="utf-8") == texts[4]
