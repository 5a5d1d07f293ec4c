"""SPARQL: errors are one line with the parser's position; odd values stay well-formed."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.query import QueryError, execute, run

WEIRD = 'a "quoted", comma\nnew line\t<tab> 张店区 \\ end'


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    g = KnowledgeGraph()
    g.load_string(f'<https://e.org/c> <https://e.org/name> {json.dumps(WEIRD)} .\n'
                  '<https://e.org/c> <https://e.org/name> "翠屏区" .', "nt")
    path = tmp_path_factory.mktemp("q") / "g.ttl"
    g.serialize(path)
    return path


@pytest.mark.parametrize(("query", "where"), [
    ("SELECT ?x WHERE { ?x ?y }", r"line 1, column 2\d"),
    ("SELECT ?x\nWHERE {\n  ?x a kg:Company .\n  FILTER(?x = )\n}", r"line [45], column \d+"),
    ("SELECT ?x WHERE { ?x nope:p ?y }", r"line 1, column \d+"),
    ("PREFIX : <http://e.org/>\nSELEC ?x WHERE { ?x ?p ?o }", r"line 2, column \d+"),
])
def test_malformed_query_gives_one_line_with_line_and_column(graph_file, capsys, query, where):
    assert main(["query", str(graph_file), query]) == 3
    err = capsys.readouterr().err
    assert re.match(r"kg query: SPARQL syntax error at " + where + ": ", err), err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_query_error_from_the_api():
    with pytest.raises(QueryError, match=r"^SPARQL syntax error at line 1, column \d+: "):
        execute(KnowledgeGraph(), "SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="empty query"):
        execute(KnowledgeGraph(), "  \n ")


def test_missing_query_file_is_reported(graph_file, capsys):
    assert main(["query", str(graph_file), "no/such/query.rq"]) == 3
    err = capsys.readouterr().err
    assert "no/such/query.rq: cannot read query file" in err and err.count("\n") == 1


def test_values_with_quotes_commas_and_newlines_stay_well_formed(graph_file, capsys):
    q = "SELECT ?n WHERE { ?s <https://e.org/name> ?n } ORDER BY ?n"
    assert main(["query", str(graph_file), q, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["n"], [WEIRD], ["翠屏区"]]
    assert main(["query", str(graph_file), q, "--format", "json"]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [b["n"]["value"] for b in bindings] == [WEIRD, "翠屏区"]
    table = run(KnowledgeGraph.load(graph_file), q)
    assert len(table.splitlines()) == 5  # header, rule, two rows (one line each), count


def test_graph_file_that_is_not_rdf_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://e.org/a> <https://e.org/p> \"unterminated .\n", encoding="utf-8")
    assert main(["query", str(bad), "ASK { ?s ?p ?o }"]) == 4
    err = capsys.readouterr().err
    assert err.startswith(f"kg query: {bad}: cannot read graph:") and err.count("\n") == 1
