"""The command line as a newcomer meets it (issue 18): kg on PATH, clear one-line errors,
stdin/stdout like other RDF tools, W3C results formats, parameters of the example queries,
and the README in step with ``--help``.

Every command runs in a subprocess, with standard input and output through pipes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.cli import main, parser

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
README = (ROOT / "README.md").read_text(encoding="utf-8")
QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))

# a small graph of one article: a district (with a short and a traditional name and its code),
# a company and a project in it, a signing date
TRIG = """\
@prefix kg: <https://w3id.org/cnkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/cnkg/id/> .
id:article\\/a {
  id:article\\/a a kg:Article ; schema:name "a.txt" .
  id:region\\/370303 a kg:District ; rdfs:label "张店区"@zh ;
      skos:altLabel "张店"@zh , "張店區"@zh ; kg:divisionCode "370303" .
  id:company\\/x a kg:Company ; rdfs:label "某某科技有限公司"@zh ; kg:locatedIn id:region\\/370303 .
  id:project\\/y a kg:Project ; rdfs:label "某某项目"@zh ; kg:locatedIn id:region\\/370303 ;
      kg:investor id:company\\/x ; kg:signedOn "2020-02-17"^^xsd:date .
}
"""


def kg(*args: str, stdin: bytes | str | None = None, cwd: Path | None = None,
       text: bool = True) -> subprocess.CompletedProcess:
    """Run ``python -m kg.cli ARGS`` with pipes for stdin, stdout and stderr."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) and not text else stdin
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], input=data, capture_output=True,
                          text=text, cwd=cwd or ROOT, timeout=300)


def one_line_error(out: subprocess.CompletedProcess, code: int, *words: str) -> str:
    """Check that ``out`` failed with ``code`` and one line on stderr holding ``words``."""
    err = out.stderr
    assert out.returncode == code, (out.returncode, err)
    assert "Traceback" not in err and err.count("\n") == 1, err
    for w in words:
        assert w in err, (w, err)
    return err


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("small") / "g.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    assert main(["build", str(SEEDS), "--out", str(out), "-q", "--no-view", "-j", "1"]) == 0
    return out


# ------------------------------------------------------------------ 1. kg on PATH


def quick_start() -> str:
    return README.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def test_quick_start_is_two_commands_then_kg_on_the_path():
    section = quick_start()
    blocks = re.findall(r"\n\n((?:    .*\n)+)", section)
    assert [line.split("#")[0].strip() for line in blocks[0].splitlines()] == [
        "make demo", "make test"]
    last = [line.strip() for line in blocks[-1].splitlines()]
    assert last[0] == ". .venv/bin/activate" and last[1].startswith("kg "), last
    for way in ("pipx install .", "uv tool install .", "pip install ."):
        assert way in section, way


def test_make_demo_says_how_to_run_kg():
    out = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    said = [line for line in out.stdout.splitlines() if line.startswith("echo")]
    assert any(". .venv/bin/activate" in line for line in said), said
    assert any(re.search(r'"\s+kg query ', line) for line in said), said


@pytest.mark.slow
def test_the_quick_starts_kg_command_works_after_activating(built, tmp_path):
    # as after make demo: .venv beside output/; the command as the README writes it
    venv = Path(sys.prefix)
    if not (venv / "bin" / "activate").exists() or not (venv / "bin" / "kg").exists():
        pytest.skip(f"the tests do not run in a venv with kg installed ({venv})")
    (tmp_path / ".venv").symlink_to(venv)
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "graph.trig").symlink_to(built / "graph.trig")
    lines = [line.strip() for line in re.findall(r"\n\n((?:    .*\n)+)", quick_start())[-1]
             .splitlines()]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    env["PATH"] = "/usr/bin:/bin"  # kg is found only through the activation
    out = subprocess.run(["bash", "-c", " && ".join(lines)], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("row)") or out.stdout.strip().endswith("rows)"), out.stdout
    assert "(0 rows)" not in out.stdout, out.stdout


# ------------------------------------------------------------------ 3. no tracebacks


def test_view_region_not_in_the_graph_is_a_usage_error(small, tmp_path):
    out = kg("view", str(small), "-o", str(tmp_path / "v.html"), "--region", "朝阳区")
    one_line_error(out, 2, "朝阳区", "张店区")
    assert not (tmp_path / "v.html").exists()
    assert re.search(r"^  2  usage error", kg("--help").stdout, re.M)  # the code is documented


def test_view_region_by_any_name_or_code(small, tmp_path):
    for name in ("张店区", "张店", "張店區", "370303"):
        out = kg("view", str(small), "-o", str(tmp_path / "v.html"), "--region", name)
        assert out.returncode == 0, (name, out.stderr)


def test_view_unknown_type_is_a_usage_error_with_a_suggestion(small, tmp_path):
    out = kg("view", str(small), "-o", str(tmp_path / "v.html"), "--types", "Companies")
    one_line_error(out, 2, "Companies", "did you mean Company?")
    out = kg("view", str(small), "-o", str(tmp_path / "v.html"), "--types", "company,项目")
    assert out.returncode == 0, out.stderr


def test_misspelt_query_form_names_the_keyword(small):
    out = kg("query", str(small), "SELEC ?n WHERE { ?c rdfs:label ?n }")
    err = one_line_error(out, 3, "line 1, column 1", "SELEC", "did you mean SELECT?")
    assert "CONSTRUCT" not in err.split("did you mean")[0]


def test_misspelt_class_gives_a_warning_and_still_the_rows(small):
    out = kg("query", str(small), "SELECT ?n WHERE { ?c a kg:Compnay ; rdfs:label ?n }")
    assert out.returncode == 0
    assert out.stdout.splitlines()[-1] == "(0 rows)"
    assert "warning" in out.stderr and "kg:Compnay" in out.stderr
    assert "did you mean kg:Company?" in out.stderr
    good = kg("query", str(small), "SELECT ?n WHERE { ?c a kg:Company ; rdfs:label ?n }")
    assert good.stderr == "" and good.stdout.splitlines()[-1] == "(1 row)"


def test_swapped_query_arguments_are_explained(small):
    out = kg("query", "SELECT ?n WHERE { ?c rdfs:label ?n }", str(small))
    one_line_error(out, 2, "is a query, not a graph file", "kg query GRAPH QUERY")
    out = kg("query", str(ROOT / "ontology" / "queries" / "officials.rq"), str(small))
    one_line_error(out, 2, "officials.rq", "the graph comes first")


def test_build_out_inside_a_file_fails_before_reading_anything(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    start = time.monotonic()
    out = kg("build", str(SEEDS), "--out", str(tmp_path / "a-file" / "sub"))
    one_line_error(out, 2, "a-file is a file, not a folder", "--out needs a folder")
    assert time.monotonic() - start < 8, "extracted before failing"


# ------------------------------------------------------------------ 4. stdin and stdout


def test_version():
    out = kg("--version")
    assert out.returncode == 0 and re.fullmatch(r"kg \d+\.\d+\.\d+\S*\n", out.stdout), out.stdout


@pytest.mark.slow
def test_build_reads_one_article_from_stdin(tmp_path):
    article = (SEEDS / "000_85f0a25b40f2a772.txt").read_bytes()
    out = kg("build", "-", "--out", str(tmp_path / "o"), "-q", "--no-view", stdin=article,
             text=False)
    assert out.returncode == 0, out.stderr
    names = kg("query", str(tmp_path / "o" / "graph.trig"),
               "SELECT ?f WHERE { ?a a kg:Article ; schema:name ?f }", "-f", "csv")
    assert names.stdout.splitlines() == ["f", "stdin.txt"]
    empty = kg("build", "-", "--out", str(tmp_path / "e"), "-q", stdin="")
    assert empty.returncode == 2 and "<stdin>: empty file" in empty.stderr


def test_query_reads_the_graph_from_stdin(small):
    nq = kg("export", str(small), "-o", "-", "-f", "nq", "-q")
    assert nq.returncode == 0 and nq.stderr == ""
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    out = kg("query", "-", q, "--input-format", "nq", "-f", "csv", stdin=nq.stdout)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["n", "15"]
    out = kg("query", "-", q, "-f", "csv", stdin=small.read_text(encoding="utf-8"))  # TriG
    assert out.stdout.splitlines() == ["n", "15"]
    bad = kg("query", "-", q, stdin="not RDF <")
    one_line_error(bad, 4, "stdin: cannot read graph")


def test_query_reads_the_query_from_stdin(small):
    out = kg("query", str(small), "-", "-f", "csv",
             stdin="SELECT ?n WHERE { ?c a kg:Company ; rdfs:label ?n }")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["n", "某某科技有限公司"]
    one_line_error(kg("query", "-", "-", stdin=""), 2, "both come from stdin")


def test_view_writes_the_page_to_stdout(small, tmp_path):
    out = kg("view", str(small), "-o", "-", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("<!DOCTYPE html>") and out.stdout.rstrip().endswith("</html>")
    assert list(tmp_path.iterdir()) == [], "no file named -"
    page = tmp_path / "v.html"
    assert kg("view", str(small), "-o", str(page)).returncode == 0
    assert page.read_text(encoding="utf-8") == out.stdout


def test_export_says_what_it_wrote_unless_quiet(small, tmp_path):
    for fmt, what in (("ttl", r"\d+ triples"), ("nq", r"\d+ quads in 1 graph\b"),
                      ("graphml", r"4 nodes, \d+ edges")):
        target = tmp_path / f"g.{fmt}"
        out = kg("export", str(small), "-o", str(target))
        assert out.returncode == 0, out.stderr
        assert re.fullmatch(rf"wrote {re.escape(str(target))} \({fmt}\): {what}.*\n", out.stdout)
        assert target.stat().st_size > 0
    quiet = kg("export", str(small), "-o", str(tmp_path / "q.ttl"), "-q")
    assert quiet.returncode == 0 and quiet.stdout == quiet.stderr == ""
    piped = kg("export", str(small), "-o", "-", "-f", "nt")
    assert piped.stdout.count("\n") == 15 and piped.stderr.startswith("wrote stdout (nt): 15 ")


def test_json_is_sparql_results_json(small):
    q = "SELECT ?c ?n ?d ?none { ?c rdfs:label ?n . OPTIONAL { ?c kg:signedOn ?d } } ORDER BY ?n"
    out = kg("query", str(small), q, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["head"]["vars"] == ["c", "n", "d", "none"]
    bindings = data["results"]["bindings"]
    assert len(bindings) == 3  # the district, the company, the project (the article has no label)
    for b in bindings:
        assert set(b) <= {"c", "n", "d", "none"} and "none" not in b
        for term in b.values():
            assert term["type"] in ("uri", "literal", "bnode") and isinstance(term["value"], str)
            assert set(term) <= {"type", "value", "xml:lang", "datatype"}
    project = next(b for b in bindings if "d" in b)
    assert project["c"] == {"type": "uri", "value": "https://w3id.org/cnkg/id/project/y"}
    assert project["n"] == {"type": "literal", "value": "某某项目", "xml:lang": "zh"}
    assert project["d"] == {"type": "literal", "value": "2020-02-17",
                            "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    ask = json.loads(kg("query", str(small), "ASK { ?s a kg:Company }", "-f", "json").stdout)
    assert ask == {"head": {}, "boolean": True}


def test_tsv_and_xml_are_the_w3c_formats(small):
    q = "SELECT ?n ?d WHERE { ?c a kg:Project ; rdfs:label ?n ; kg:signedOn ?d }"
    tsv = kg("query", str(small), q, "-f", "tsv").stdout.splitlines()
    assert tsv == ["?n\t?d", '"某某项目"@zh\t"2020-02-17"^^<http://www.w3.org/2001/XMLSchema#date>']
    root = ET.fromstring(kg("query", str(small), q, "-f", "xml").stdout)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["n", "d"]
    lit = root.find("r:results/r:result/r:binding[@name='n']/r:literal", ns)
    assert lit.text == "某某项目" and lit.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    csv = kg("query", str(small), q, "-f", "csv").stdout.splitlines()
    assert csv == ["n,d", "某某项目,2020-02-17"]


# ------------------------------------------------------------------ 5. one parameter per query


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_each_example_query_has_one_values_line_the_readme_names(query):
    text = query.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if re.match(r"\s*VALUES\s", line)]
    assert len(lines) == 1, lines
    assert lines[0].rstrip().endswith(": change this name"), lines[0]
    name = re.match(r"\s*VALUES \?(\w+)", lines[0]).group(1)
    assert f"--param {name}=" in text  # the query says how to set it from the command line
    assert query.name in README and f"VALUES ?{name}" in README
    assert (ROOT / "kg" / "ontology" / "queries" / query.name).read_text(encoding="utf-8") == text


def test_param_fills_the_values_line(small):
    q = 'SELECT ?c { VALUES ?place { "历下区"@zh } ?c kg:locatedIn/rdfs:label ?place } ORDER BY ?c'
    out = kg("query", str(small), q, "--param", "place=张店区", "-f", "csv")
    assert out.stdout.splitlines() == ["c", "https://w3id.org/cnkg/id/company/x",
                                       "https://w3id.org/cnkg/id/project/y"]
    one_line_error(kg("query", str(small), q, "--param", "city=x"), 2, "no VALUES ?city",
                   "place")
    one_line_error(kg("query", str(small), q, "--param", "place"), 2, "NAME=VALUE")


@pytest.mark.slow
@pytest.mark.parametrize(("query", "param", "names"), [
    ("officials", "place", ["长清区", "长清", "長清區"]),
    ("projects", "place", ["张店区", "张店", "張店區"]),
    ("companies_by_district", "city", ["济南市", "济南", "濟南"]),
])
def test_a_place_is_found_by_any_of_its_names(built, query, param, names):
    results = []
    for name in names:
        out = kg("query", str(built / "graph.trig"), query, "--param", f"{param}={name}",
                 "-f", "csv")
        assert out.returncode == 0, out.stderr
        results.append(out.stdout)
    assert results[0].count("\n") > 1, results[0]
    assert results.count(results[0]) == len(results)


@pytest.mark.slow
def test_param_gives_the_same_rows_as_editing_the_values_line(built, tmp_path):
    text = (ROOT / "ontology" / "queries" / "projects.rq").read_text(encoding="utf-8")
    edited = tmp_path / "projects.rq"
    edited.write_text(text.replace('"历下区"@zh', '"雁江区"@zh'), encoding="utf-8")
    by_file = kg("query", str(built / "graph.trig"), str(edited), "-f", "csv").stdout
    by_param = kg("query", str(built / "graph.trig"), "ontology/queries/projects.rq",
                  "--param", "place=雁江区", "-f", "csv").stdout
    assert by_file == by_param and by_file.count("\n") > 3


# ------------------------------------------------------------------ 10. docs in step with the tool


def test_query_help_does_not_say_a_fact_matches_once_per_article():
    help_text = kg("query", "--help").stdout
    assert "matches N times" not in help_text and "use DISTINCT" not in help_text
    assert "each fact once" in help_text


def test_readme_links_the_gold_format_and_says_what_news_is():
    assert "(docs/gold-format.md)" in README and "../shared/gold" not in README
    assert "`news/` stands for" in README
    doc = (ROOT / "docs" / "gold-format.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))
    from kg.evaluate.gold import Gold

    gold = Gold.from_json({"000_85f0a25b40f2a772": example})  # the format the scorer reads
    assert len(gold.entities) == 6 and len(gold.relations) == 7
    assert "../shared" not in kg("eval", "--help").stdout


def _subcommands() -> dict[str, set[str]]:
    """Each subcommand of ``kg``, with the option strings of each of its options."""
    sub = next(a for a in parser()._actions if isinstance(a.choices, dict))
    return {name: {frozenset(a.option_strings) for a in p._actions
                   if a.option_strings and "--help" not in a.option_strings}
            for name, p in sub.choices.items()}


def test_readme_reference_matches_help():
    block = README.split("Reference (", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    synopses: dict[str, str] = {}
    for line in block.splitlines():
        if line.startswith("kg "):
            current = line.split()[1]
            synopses[current] = line
        else:
            synopses[current] += " " + line.strip()
    commands = _subcommands()
    assert sorted(synopses) == sorted(commands)
    for name, options in commands.items():
        written = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", synopses[name]))
        known = set().union(*options)
        assert written <= known, (name, written - known)
        missing = [sorted(o) for o in options if not o & written]
        assert not missing, (name, missing)
