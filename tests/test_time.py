"""Knowledge over time (issue 17): posts with intervals, support counts, events, stages.

The corpus ``tests/data/timeline/articles`` is invented: five articles from 2019 to 2023 about
张店区, in which the post of 区委书记 passes from 周建国 to 李文华 to 王海涛 and 区长 from 陈立明
to 赵志刚; 华鑫新材料产业园项目 is signed, started and completed, with two amounts and two
completion dates; 鲁中智能装备制造基地项目 is signed and never heard of again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.build import build
from kg.cli import main
from kg.derived import DERIVED, PENDING_GRAPH, pending_count, rebuild, refresh
from kg.graph import KnowledgeGraph
from kg.merge import remove_article, replace_article
from kg.ontology import example_queries
from kg.query import run
from kg.store import open_store, remove_articles
from kg.validate import validate
from kg.vocab import ID

CORPUS = Path(__file__).parent / "data" / "timeline" / "articles"
HOLDERS = example_queries()["post_holders"].read_text(encoding="utf-8")
CONTRADICTIONS = example_queries()["contradictions"].read_text(encoding="utf-8")
STALLED = example_queries()["stalled_projects"].read_text(encoding="utf-8")
COMPLETION = "t2022_07_completion.txt"


def rows(kg: KnowledgeGraph, sparql: str, *names: str) -> list[tuple]:
    return [tuple(r[n].value if r[n] is not None else None for n in names)
            for r in kg.query(sparql)]


def holders(kg: KnowledgeGraph) -> list[tuple]:
    return rows(kg, HOLDERS, "post", "holder", "from", "to", "lastSeen", "support")


def derived_quads(store: ox.Store) -> list[str]:
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, DERIVED))


def merged_triples(store: ox.Store) -> list[str]:
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


@pytest.fixture(scope="module")
def timeline() -> KnowledgeGraph:
    return build([CORPUS])


# ---------------------------------------------------------------- posts over time

BEFORE = [
    ("区长", "陈立明", "2019-05-20", "2021-09-15", "2021-09-15", "2"),
    ("区长", "赵志刚", "2022-07-01", "2023-03-10", "2023-03-10", "2"),
    ("区委书记", "周建国", "2019-05-20", "2020-04-10", "2020-04-10", "2"),
    ("区委书记", "李文华", "2021-09-15", "2022-07-01", "2022-07-01", "2"),
    ("区委书记", "王海涛", "2023-03-10", "2023-03-10", "2023-03-10", "1"),
]
# without the 2022 article: 李文华 is seen once, 赵志刚 first in 2023
AFTER = [
    ("区长", "陈立明", "2019-05-20", "2021-09-15", "2021-09-15", "2"),
    ("区长", "赵志刚", "2023-03-10", "2023-03-10", "2023-03-10", "1"),
    ("区委书记", "周建国", "2019-05-20", "2020-04-10", "2020-04-10", "2"),
    ("区委书记", "李文华", "2021-09-15", "2021-09-15", "2021-09-15", "1"),
    ("区委书记", "王海涛", "2023-03-10", "2023-03-10", "2023-03-10", "1"),
]


def test_post_holders_in_order_with_intervals(timeline):
    assert holders(timeline) == BEFORE


def test_successors_link_the_holders_of_a_post(timeline):
    q = """SELECT ?a ?b WHERE { ?m kg:followedBy ?n . ?m org:member/rdfs:label ?a .
           ?n org:member/rdfs:label ?b } ORDER BY ?a"""
    assert rows(timeline, q, "a", "b") == [("周建国", "李文华"), ("李文华", "王海涛"),
                                           ("陈立明", "赵志刚")]


def test_an_interval_ends_where_the_next_holder_is_first_seen(tmp_path):
    """A later article still calling 周建国 区委书记 does not stretch his term over 李文华's."""
    for f in CORPUS.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "t2021_11_late.txt").write_text(
        "张店区召开座谈会\n2021年11月20日 星期六\n淄博日报记者 孙明\n\n"
        "11月18日，张店区召开企业家座谈会。区委书记周建国出席会议。\n", encoding="utf-8")
    got = {(r[0], r[1]): r[2:5] for r in holders(build([tmp_path]))}
    assert got[("区委书记", "周建国")] == ("2019-05-20", "2021-09-15", "2021-11-20")
    assert got[("区委书记", "李文华")] == ("2021-09-15", "2022-07-01", "2022-07-01")


def test_remove_shrinks_intervals_and_counts(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(CORPUS), "--store", str(store), "-q", "-j", "1"]) == 0
    kg = open_store(store)
    assert holders(kg) == BEFORE
    del kg
    assert main(["remove", "--store", str(store), str(CORPUS / COMPLETION)]) == 0
    assert "4 left" in capsys.readouterr().out
    kg = open_store(store)
    assert holders(kg) == AFTER
    assert pending_count(kg.store) == 0
    # the same as building the four articles afresh
    rest = tmp_path / "rest"
    rest.mkdir()
    for f in CORPUS.iterdir():
        if f.name != COMPLETION:
            shutil.copy(f, rest / f.name)
    fresh = build([rest])
    assert derived_quads(kg.store) == derived_quads(fresh.store)
    assert merged_triples(kg.store) == merged_triples(fresh.store)
    # and adding it back gives the five articles' graph again
    del kg
    assert main(["build", str(CORPUS), "--store", str(store), "-q", "-j", "1"]) == 0
    kg = open_store(store)
    assert holders(kg) == BEFORE
    assert derived_quads(kg.store) == derived_quads(build([CORPUS]).store)


# ---------------------------------------------------------------- support and confidence

def test_support_counts_are_distinct_articles(timeline):
    facts = """SELECT ?n (COUNT(DISTINCT ?a) AS ?k) WHERE {
        ?f a kg:Fact ; kg:supportCount ?n ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        GRAPH ?a { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }
        GROUP BY ?f ?n"""
    posts = """SELECT ?n (COUNT(DISTINCT ?a) AS ?k) WHERE {
        ?m a org:Membership ; kg:supportCount ?n . GRAPH ?a { ?m org:member ?p } } GROUP BY ?m ?n"""
    entities = """SELECT ?n (COUNT(DISTINCT ?a) AS ?k) WHERE { ?e a kg:Person ; kg:supportCount ?n .
        GRAPH ?a { ?e a kg:Person } } GROUP BY ?e ?n"""
    for q in (facts, posts, entities):
        got = rows(timeline, q, "n", "k")
        assert got and all(n == k for n, k in got)
    # a fact every article states: 张店区 partOf 淄博市
    q = f"""SELECT ?n ?c ?first ?last WHERE {{ ?f rdf:subject <{ID}region/370303> ;
        rdf:predicate kg:partOf ; kg:supportCount ?n ; kg:confidence ?c ;
        kg:firstObservedOn ?first ; kg:lastObservedOn ?last }}"""
    assert rows(timeline, q, "n", "c", "first", "last") == [("5", "1", "2019-05-20",
                                                            "2023-03-10")]


def test_confidence_grows_with_support_and_the_rule(timeline):
    q = """SELECT ?o ?n ?c WHERE { ?f rdf:subject ?j ; rdf:predicate kg:locatedIn ; rdf:object ?z ;
        kg:supportCount ?n ; kg:confidence ?c . ?j rdfs:label "华鑫新材料产业园项目"@zh .
        ?z rdfs:label ?o } ORDER BY ?o"""
    # located-in is the weakest rule (0.7 for one article): two articles 0.91, three 0.973
    assert rows(timeline, q, "o", "n", "c") == [("张店区", "2", "0.91"),
                                                ("张店经济开发区", "3", "0.973")]


def test_min_support_leaves_out_facts_fewer_articles_state(timeline, tmp_path, capsys):
    two = timeline.min_support(2)
    assert [r[1] for r in holders(two)] == ["陈立明", "赵志刚", "周建国", "李文华"]
    counts = rows(two, "SELECT ?n WHERE { ?x kg:supportCount ?n }", "n")
    assert counts and min(int(n) for (n,) in counts) >= 2
    assert not rows(two, "SELECT ?x WHERE { ?x a kg:Fact ; kg:contradicts ?y }", "x")
    path = tmp_path / "g.trig"
    timeline.serialize(path)
    ask = "ASK { ?p rdfs:label '王海涛'@zh }"
    assert main(["query", str(path), ask, "--min-support", "2"]) == 0
    assert capsys.readouterr().out.strip() == "false"
    assert main(["query", str(path), ask]) == 0
    assert capsys.readouterr().out.strip() == "true"


def test_contradictions_are_kept_and_listed(timeline):
    got = rows(timeline, CONTRADICTIONS, "relation", "value", "support", "articles")
    assert got == [
        ("completedOn", "2022-06-28", "1", COMPLETION),
        ("completedOn", "2022-12", "1", "t2023_03_review.txt"),
        ("totalInvestment", "1000000000 CNY", "1", "t2019_05_signing.txt"),
        ("totalInvestment", "1200000000 CNY", "1", "t2021_09_investment.txt"),
    ]
    # both values stay as the project's shortcut triples (what the scorer reads)
    q = """SELECT ?d WHERE { ?j rdfs:label "华鑫新材料产业园项目"@zh ; kg:completedOn ?d }
           ORDER BY ?d"""
    assert rows(timeline, q, "d") == [("2022-06-28",), ("2022-12",)]


# ---------------------------------------------------------------- events and life cycle

def test_events_with_date_place_projects_companies_and_officials(timeline):
    q = """SELECT ?kind ?date ?place (GROUP_CONCAT(DISTINCT ?pl; separator="、") AS ?projects)
              (GROUP_CONCAT(DISTINCT ?cl; separator="、") AS ?companies)
              (GROUP_CONCAT(DISTINCT ?ol; separator="、") AS ?officials)
              (GROUP_CONCAT(DISTINCT ?file; separator=" ") AS ?articles) WHERE {
        VALUES ?t { kg:Signing kg:Groundbreaking kg:Completion }
        ?e a ?t ; schema:startDate ?date ; schema:location/rdfs:label ?place ;
           kg:project/rdfs:label ?pl ; schema:subjectOf/schema:name ?file .
        OPTIONAL { ?e kg:participant/rdfs:label ?cl } OPTIONAL { ?e kg:official/rdfs:label ?ol }
        BIND(REPLACE(STR(?t), "^.*#", "") AS ?kind) }
        GROUP BY ?kind ?date ?place ORDER BY ?date ?kind ?place"""
    got = rows(timeline, q, "kind", "date", "place", "projects", "companies", "officials",
               "articles")  # no official is named beside the two events without one
    assert got == [
        ("Signing", "2019-05-18", "张店区", "鲁中智能装备制造基地项目", "鲁中智能装备有限公司",
         None, "t2019_05_signing.txt"),
        ("Signing", "2019-05-18", "张店经济开发区", "华鑫新材料产业园项目", "华鑫新材料有限公司",
         "周建国、陈立明", "t2019_05_signing.txt"),
        ("Groundbreaking", "2020-04-08", "张店经济开发区", "华鑫新材料产业园项目",
         "华鑫新材料有限公司", "周建国", "t2020_04_groundbreaking.txt"),
        ("Completion", "2022-06-28", "张店经济开发区", "华鑫新材料产业园项目", "华鑫新材料有限公司",
         "李文华、赵志刚", COMPLETION),
        ("Completion", "2022-12", "张店区", "华鑫新材料产业园项目", "华鑫新材料有限公司", None,
         "t2023_03_review.txt"),
    ]


def test_project_stages_and_stalled_projects(timeline):
    q = """SELECT ?p ?stage WHERE { ?j kg:stage ?s ; rdfs:label ?p .
           BIND(REPLACE(STR(?s), "^.*#", "") AS ?stage) } ORDER BY ?p"""
    assert rows(timeline, q, "p", "stage") == [("华鑫新材料产业园项目", "Completed"),
                                               ("鲁中智能装备制造基地项目", "Signed")]
    assert rows(timeline, STALLED, "project", "signedOn", "newest", "since") == [
        ("鲁中智能装备制造基地项目", "2019-05-18", "2023-03-10", "46")]
    assert rows(timeline, STALLED.replace("{ 12 }", "{ 46 }"), "project") == []


# ---------------------------------------------------------------- incremental correctness

def test_any_order_of_adds_and_removes_gives_the_same_derived_graph(tmp_path):
    files = sorted(CORPUS.iterdir())
    once = build([CORPUS])
    store = open_store(tmp_path / "s")
    for f in reversed(files):  # one at a time, newest first
        build([f], store=store)
    assert derived_quads(store.store) == derived_quads(once.store)
    removed, _ = remove_articles(store.store, [str(files[0]), str(files[2])])
    assert len(removed) == 2
    build([files[2], files[0]], store=store)
    assert derived_quads(store.store) == derived_quads(once.store)
    assert merged_triples(store.store) == merged_triples(once.store)
    rebuild(store.store)
    assert derived_quads(store.store) == derived_quads(once.store)


def test_marks_survive_until_refreshed(timeline):
    """A write marks what it touched in its own transaction; a crash before refresh keeps them."""
    store = ox.Store()
    quads = list(timeline.store.quads_for_pattern(None, None, None, None))
    g = f"{ID}article/t2019_05_signing"
    text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads
                   if q.graph_name == ox.NamedNode(g))
    replace_article(store, g, text)
    assert pending_count(store) > 0 and not store.contains_named_graph(DERIVED)
    assert refresh(store) > 0
    assert pending_count(store) == 0 and not store.contains_named_graph(PENDING_GRAPH)
    assert remove_article(store, g)
    assert pending_count(store) > 0  # the removal is one transaction with its marks
    refresh(store)
    assert len(store) == 0 and list(store.named_graphs()) == []


def test_the_derived_graph_is_not_an_article(timeline):
    assert not remove_article(timeline.store, DERIVED.value)
    with pytest.raises(ValueError):
        replace_article(timeline.store, DERIVED.value, "")
    assert timeline.articles() == sorted(f"{ID}article/{f.stem}" for f in CORPUS.iterdir())


# ---------------------------------------------------------------- shapes, syntax, determinism

def test_timeline_graph_validates_and_reparses(timeline):
    ok, report = validate(timeline)
    assert ok, report
    for fmt in ("ttl", "trig", "nq"):
        data = timeline.serialize(fmt=fmt)
        parsed = rdflib.Dataset() if fmt != "ttl" else rdflib.Graph()
        parsed.parse(data=data.decode("utf-8"), format={"ttl": "turtle", "trig": "trig",
                                                        "nq": "nquads"}[fmt])
        assert len(parsed) > 0
        again = ox.Store()
        again.load(data, format={"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                                 "nq": ox.RdfFormat.N_QUADS}[fmt])
    assert timeline.serialize(fmt="trig") == build([CORPUS]).serialize(fmt="trig")


def test_queries_run_on_graph_files_as_on_the_store(timeline, tmp_path):
    for fmt in ("ttl", "trig"):
        path = tmp_path / f"g.{fmt}"
        timeline.serialize(path)
        loaded = KnowledgeGraph.load(path)
        assert holders(loaded) == BEFORE
        for q in (CONTRADICTIONS, STALLED):
            assert run(loaded, q, "csv") == run(timeline, q, "csv")


def test_observed_on_is_on_each_facts_provenance(timeline):
    q = f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?a {{ {{ ?x a rdf:Statement }}
        UNION {{ ?x a org:Membership }} FILTER NOT EXISTS {{ ?x kg:observedOn ?d }} }}
        FILTER(?a != <{DERIVED.value}>) }}"""
    assert rows(timeline, q, "n") == [("0",)]
    q = f"""SELECT DISTINCT ?d WHERE {{ GRAPH <{ID}article/t2020_04_groundbreaking> {{
        ?x kg:observedOn ?d }} }}"""
    assert rows(timeline, q, "d") == [("2020-04-10",)]


def test_a_changed_article_moves_its_counts(tmp_path):
    """An article rebuilt with other text (same name) takes its old observations away."""
    src = tmp_path / "src"
    src.mkdir()
    for f in CORPUS.iterdir():
        shutil.copy(f, src / f.name)
    store = open_store(tmp_path / "s")
    build([src], store=store)
    review = src / "t2023_03_review.txt"
    review.write_text(review.read_text(encoding="utf-8").replace("王海涛", "刘国强"),
                      encoding="utf-8")
    assert build([src], store=store).report.replaced == 1
    got = [(r[0], r[1]) for r in holders(store)]
    assert ("区委书记", "刘国强") in got and ("区委书记", "王海涛") not in got
    assert derived_quads(store.store) == derived_quads(build([src]).store)


# ---------------------------------------------------------------- in the view


def view_posts(data, title: str) -> list[tuple]:
    return sorted((f.first, f.last, data.nodes[f.subject].label, f.support) for f in data.facts
                  if f.relation == "holdsPost" and f.label == title)


def test_view_data_carries_support_dates_and_stages(timeline):
    from kg.view.data import extract

    data = extract(timeline.store)
    node = {n.label: n for n in data.nodes}
    assert (node["周建国"].support, node["周建国"].first, node["周建国"].last) == (
        2, "2019-05-20", "2020-04-10")
    company = node["华鑫新材料有限公司"]
    assert (company.support, company.last) == (5, "2023-03-10")
    assert node["华鑫新材料产业园项目"].stage == "Completed"
    assert node["鲁中智能装备制造基地项目"].stage == "Signed"
    assert node["华鑫新材料产业园项目落户张店"].first == "2019-05-20"  # an article: its date
    assert not any(n.type == "Fact" for n in data.nodes)
    assert not {"supportCount", "firstObservedOn", "stage"} & {f.relation for f in data.facts}
    assert view_posts(data, "区委书记") == [("2019-05-20", "2020-04-10", "周建国", 2),
                                         ("2021-09-15", "2022-07-01", "李文华", 2),
                                         ("2023-03-10", "2023-03-10", "王海涛", 1)]
    amounts = sorted((f.value, f.support, f.first) for f in data.facts
                     if f.relation == "totalInvestment" and f.subject == data.nodes.index(
                         node["华鑫新材料产业园项目"]))
    assert amounts == [("10亿元", 1, "2019-05-20"), ("12亿元", 1, "2021-09-15")]
    located = [(f.support, f.first, f.last) for f in data.facts if f.relation == "locatedIn"
               and data.nodes[f.subject].label == "华鑫新材料有限公司"]
    assert located == [(2, "2019-05-20", "2020-04-10")]


def test_view_shows_a_post_for_its_interval(timeline):
    """A post's dates in the view are its org:memberDuring interval (which a successor can cut
    short), not the observations."""
    from kg.view.data import extract

    store = ox.Store()
    store.bulk_extend(timeline.store.quads_for_pattern(None, None, None, None))
    date = ox.NamedNode("http://www.w3.org/2006/time#inXSDDate")
    ends = [q for q in store.quads_for_pattern(None, date, ox.Literal(
        "2020-04-10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")), None)]
    assert ends and all(q.subject.value.endswith("-end") for q in ends)
    for q in ends:
        store.remove(q)
        store.add(ox.Quad(q.subject, q.predicate, ox.Literal(
            "2019-12-31", datatype=q.object.datatype), q.graph_name))
    assert view_posts(extract(store), "区委书记")[0] == ("2019-05-20", "2019-12-31", "周建国", 2)


def test_view_page_lists_a_regions_officials_and_projects_in_time(timeline):
    from kg.view.data import extract
    from kg.view.render import payload, select

    data = extract(timeline.store)
    body = payload(data, select(data), title="t", physics=False, initial=100)
    assert body["years"] == [2019, 2023]
    nodes, facts = body["nodes"], body["facts"]
    district = next(i for i, n in enumerate(nodes) if n[2] == "张店区")
    posts, projects = body["regionTime"][str(district)]
    held = [(facts[fi][4], nodes[facts[fi][0]][2], facts[fi][9], facts[fi][10]) for fi in posts]
    assert held == [
        ("区委书记", "周建国", "2019-05-20", "2020-04-10"),
        ("区委书记", "李文华", "2021-09-15", "2022-07-01"),
        ("区委书记", "王海涛", "2023-03-10", "2023-03-10"),
        ("区长", "陈立明", "2019-05-20", "2021-09-15"),
        ("区长", "赵志刚", "2022-07-01", "2023-03-10")]
    assert [(nodes[j][2], nodes[j][13]) for j in projects] == [
        ("华鑫新材料产业园项目", "Completed"), ("鲁中智能装备制造基地项目", "Signed")]
    # better attested, larger: the company five articles name is drawn larger than the one
    # named once, though both have few neighbours
    size = {n[2]: n[9] for n in nodes}
    assert size["华鑫新材料有限公司"] > size["鲁中智能装备有限公司"]


def test_view_min_support_on_the_one_pass_data(tmp_path):
    """kg view --min-support on a store: the one-pass view data sees the filtered copy."""
    out, store = tmp_path / "g.html", tmp_path / "store"
    assert main(["build", str(CORPUS), "--store", str(store), "-q", "-j", "1"]) == 0
    assert main(["view", "--store", str(store), "-o", str(out), "--min-support", "2"]) == 0
    names = page_labels(out)
    assert "周建国" in names and "王海涛" not in names and "鲁中智能装备制造基地项目" not in names
    assert main(["view", "--store", str(store), "-o", str(out)]) == 0
    assert "王海涛" in page_labels(out)


def page_labels(path: Path) -> set[str]:
    """The node names in a view page's data."""
    import json

    text = path.read_text(encoding="utf-8")
    start = text.index('id="kg-data">') + len('id="kg-data">')
    return {n[2] for n in json.loads(text[start:text.index("</script>", start)])["nodes"]}
