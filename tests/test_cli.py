"""The command line, end to end on the seeds: build, query, export, view, help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
# the seeds span five months and agree with each other: these two answer on tests/test_time.py's
# corpus instead
QUIET_ON_SEEDS = ("contradictions.rq", "stalled_projects.rq")


def values(srj: str) -> list[dict[str, str]]:
    """The rows of SPARQL 1.1 JSON results as {variable: value} (unbound variables left out)."""
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(srj)["results"]["bindings"]]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SEEDS), "--out", str(out), "-q"]) == 0
    return out


@pytest.mark.slow
def test_build_writes_the_three_files(built):
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (built / name).stat().st_size > 0, name


@pytest.mark.slow
def test_outputs_reparse_in_rdflib_and_pyoxigraph(built):
    import pyoxigraph as ox
    import rdflib

    for name, fmt, oxf in (
        ("graph.ttl", "turtle", ox.RdfFormat.TURTLE),
        ("graph.trig", "trig", ox.RdfFormat.TRIG),
    ):
        ds = rdflib.Dataset(default_union=True)
        ds.parse(built / name, format=fmt)
        n_rdflib = len(set(ds.triples((None, None, None))))
        quads = list(ox.parse(path=str(built / name), format=oxf))
        n_ox = len({(q.subject, q.predicate, q.object) for q in quads})
        assert n_rdflib == n_ox > 0


@pytest.mark.slow
def test_trig_has_one_named_graph_per_article(built):
    import pyoxigraph as ox

    graphs = {
        q.graph_name.value
        for q in ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)
    }
    derived = "https://w3id.org/cnkg/id/graph/derived"  # what holds over all of them
    assert derived in graphs
    assert len(graphs - {derived}) == len(list(SEEDS.glob("*.txt")))


@pytest.mark.slow
def test_seeds_graph_validates_against_shapes(built):
    from kg.graph import KnowledgeGraph
    from kg.validate import validate

    ok, text = validate(KnowledgeGraph.load(built / "graph.ttl"))
    assert ok, text


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
@pytest.mark.slow
def test_example_queries_return_rows(built, query, capsys):
    assert main(["query", str(built / "graph.trig"), str(query), "--format", "json"]) == 0
    rows = values(capsys.readouterr().out)
    assert bool(rows) != (query.name in QUIET_ON_SEEDS), f"{query.name}: {len(rows)} rows on seeds"


@pytest.mark.slow
def test_example_queries_shape(built, capsys):
    def rows(name: str) -> list[dict]:
        assert main(["query", str(built / "graph.trig"), str(ROOT / "ontology" / "queries" / name),
                     "--format", "json"]) == 0
        return values(capsys.readouterr().out)

    projects = rows("projects.rq")
    assert len({r["project"] for r in projects}) == len(projects), (
        "projects.rq: one row per project"
    )
    officials = rows("officials.rq")
    # a government post has its region: the body's region, or the region itself (区长 of a district)
    gov = [r for r in officials if r["organisation"].endswith(("委", "政府", "区", "县", "管委会"))]
    assert gov and all(r.get("region") for r in gov), gov
    facts = rows("article_facts.rq")
    assert facts and all(r.get("sentence") for r in facts), (
        "article_facts.rq: every fact has its sentence"
    )


@pytest.mark.slow
def test_query_output_into_a_closed_pipe_is_not_an_error(built):
    # far more than a pipe buffer, read one byte of: the writer gets EPIPE
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    cmd = (
        f"{sys.executable} -m kg.cli query {built / 'graph.trig'} '{query}' | head -c 1 >/dev/null"
    )
    out = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr, out.stderr
    assert out.returncode == 0


@pytest.mark.slow
def test_query_formats_and_ask_construct(built, capsys):
    g = str(built / "graph.ttl")
    assert main(["query", g, "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Article }", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "5"]
    assert main(["query", g, "ASK { ?p a kg:Person }"]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["query", g, "CONSTRUCT { ?a a kg:Article } WHERE { ?a a kg:Article }"]) == 0
    assert "kg:Article" in capsys.readouterr().out
    assert main(["query", g, "SELECT ?a WHERE { ?a a kg:Article } LIMIT 1", "-f", "tsv"]) == 0
    assert capsys.readouterr().out.startswith("?a\n")  # W3C TSV: variables, then N-Triples terms


@pytest.mark.slow
def test_malformed_query_is_one_line_not_a_traceback(built, capsys):
    assert main(["query", str(built / "graph.ttl"), "SELECT ?x WHERE { ?x ?y }"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("kg query:")


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf"])
@pytest.mark.slow
def test_export_every_format(built, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    assert main(["export", str(built / "graph.trig"), "-o", str(out)]) == 0
    assert out.stat().st_size > 0


def test_export_to_stdout():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "export",
            str(ROOT / "tests" / "data" / "tiny.ttl"),
            "--format",
            "nt",
            "-o",
            "-",
        ],
        capture_output=True,
        check=True,
    )
    assert out.stdout.count(b"\n") == 2


@pytest.mark.slow
def test_view_writes_html(built, tmp_path):
    out = tmp_path / "v.html"
    assert (
        main(["view", str(built / "graph.trig"), "-o", str(out), "--types", "Company,Project"]) == 0
    )
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_missing_graph_file_is_a_clear_error(capsys):
    assert main(["query", "/nonexistent/graph.ttl", "ASK {}"]) == 4
    assert "no such file" in capsys.readouterr().err


@pytest.mark.slow
def test_help_explains_every_command():
    for cmd in ("build", "query", "export", "view", "eval"):
        out = subprocess.run(
            [sys.executable, "-m", "kg.cli", cmd, "--help"], capture_output=True, text=True
        )
        assert out.returncode == 0
        assert "example" in out.stdout, cmd
    out = subprocess.run([sys.executable, "-m", "kg.cli", "--help"], capture_output=True, text=True)
    assert "exit codes" in out.stdout


def test_python_api_builds_and_queries():
    import kg

    g = kg.build([SEEDS])
    assert g.report.articles == 5
    rows = list(g.query("SELECT ?p WHERE { ?p a kg:Person } LIMIT 3"))
    assert rows
    assert g.to_networkx().number_of_nodes() > 10
