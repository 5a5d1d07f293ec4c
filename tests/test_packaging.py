"""The wheel: it carries the ontology, shapes and example queries, and works installed.

``kg/ontology/`` is the source of the ontology; the repository's top-level
``ontology/`` is its published copy, byte for byte.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from kg import ontology

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "ontology"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in (".ttl", ".rq")}


def test_the_published_ontology_is_the_packaged_one():
    packaged = _files(ontology.HERE)
    assert packaged == _files(PUBLISHED), "copy kg/ontology/*.ttl and queries/*.rq to ontology/"
    assert {"kg.ttl", "shapes.ttl", "queries/officials.rq"} <= set(packaged)


def test_example_queries_come_from_the_package():
    from kg.query import example_queries

    queries = example_queries()
    assert sorted(queries) == ["article_facts", "companies_by_district", "contradictions",
                               "officials", "post_holders", "projects", "stalled_projects"]
    assert all(p.is_file() and p.parent.parent == ontology.HERE for p in queries.values())


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A wheel of the repository built and installed into a fresh venv outside the repository.

    The venv sees this environment's site-packages through a ``.pth`` file, so the
    dependencies are not downloaded again; kg itself comes only from the wheel.
    """
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # a copy, so that building leaves nothing in the repository
    shutil.copytree(ROOT / "kg", src / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "-q", "-w", str(tmp / "dist"), str(src)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    wheel = next((tmp / "dist").glob("kg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/ontology/shapes.ttl" in names and "kg/ontology/queries/officials.rq" in names
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = [
        p for p in site.getsitepackages() + [sysconfig.get_paths()["purelib"]] if Path(p).is_dir()
    ]
    Path(purelib, "deps.pth").write_text("\n".join(dict.fromkeys(deps)) + "\n")
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps",
                        "-q", str(wheel)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return env_dir


def _run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(installed / "bin" / args[0]), *args[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_the_installed_wheel_builds_validates_and_queries(installed, tmp_path):
    where = _run(installed, tmp_path, "python", "-c", "import kg; print(kg.__file__)")
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed), (
        where.stdout
    )  # not the repository's
    seed = ROOT / "seeds" / "002_65e182087df852ac.txt"  # the officials query's district (历下区)
    r = _run(installed, tmp_path, "kg", "build", str(seed), "--out", "out", "-q", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "graph.html").stat().st_size > 0
    check = """
import sys
from kg.graph import KnowledgeGraph
from kg.query import example_queries, run
from kg.validate import validate
g = KnowledgeGraph.load("out/graph.trig")
ok, report = validate(g)
assert ok, report
print(run(g, str(example_queries()["officials"])))
"""
    r = _run(installed, tmp_path, "python", "-c", check)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "(2 rows)", r.stdout
