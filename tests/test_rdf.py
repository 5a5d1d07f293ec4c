"""The RDF shape: every relation kind, provenance, SHACL, and round trips over every format pair."""

from __future__ import annotations

import io
import itertools
import json

import pyoxigraph as ox
import pytest
import rdflib

from kg.graph import KnowledgeGraph
from kg.model import ArticleResult, DateValue, Document, Entity, Fact, Money, Sentence
from kg.rdf import article_quads
from kg.validate import validate
from kg.vocab import ONT

TEXT = "雲溪縣委書記李明出席。華興科技有限公司投資2億元的新材料項目於3月5日簽約。"


def make_result(name: str = "a1.txt", text: str = TEXT) -> ArticleResult:
    from kg.normalise import to_simplified

    doc = Document(path=name, name=name, raw=text, text=to_simplified(text), title="标题",
                   published="2021-03-06")
    doc.sentences = [Sentence(0, 0, 10, doc.text[:10]), Sentence(1, 10, len(text), doc.text[10:])]
    ents = [
        Entity("Province", "湖南省", code="430000"),
        Entity("City", "岳阳市", code="430600"),
        Entity("District", "云溪区", {"雲溪區"}, code="430603"),
        Entity("GovernmentBody", "云溪区委", {"縣委"}),
        Entity("Person", "李明"),
        Entity("Person", "王记者"),
        Entity("Company", "华兴科技有限公司", {"華興科技有限公司", "华兴科技"}),
        Entity("Project", "新材料项目", {"新材料項目"}),
        Entity("Zone", "云溪工业园"),
    ]
    facts = [
        Fact(("District", "云溪区"), "partOf", ("City", "岳阳市"), "regions", 0),
        Fact(("City", "岳阳市"), "partOf", ("Province", "湖南省"), "regions", 0),
        Fact(("Zone", "云溪工业园"), "partOf", ("District", "云溪区"), "zones", 0),
        Fact(("GovernmentBody", "云溪区委"), "locatedIn", ("District", "云溪区"), "bodies", 0),
        Fact(
            ("Person", "李明"),
            "holdsPost",
            ("GovernmentBody", "云溪区委"),
            "posts",
            0,
            title="县委书记",
        ),
        Fact(
            ("Project", "新材料项目"), "investor", ("Company", "华兴科技有限公司"), "relations", 1
        ),
        Fact(("Project", "新材料项目"), "locatedIn", ("Zone", "云溪工业园"), "relations", 1),
        Fact(("Project", "新材料项目"), "totalInvestment", Money(2e8, "CNY"), "values", 1),
        Fact(("Project", "新材料项目"), "signedOn", DateValue("2021-03-05"), "values", 1),
        Fact(("Project", "新材料项目"), "startedOn", DateValue("--04-01"), "values", 1),
        Fact(("Project", "新材料项目"), "completedOn", DateValue("2022-06"), "values", 1),
        Fact(("Article", name), "reportedBy", ("Person", "王记者"), "bylines", None, title="记者"),
    ]
    return ArticleResult(doc=doc, entities={e.key: e for e in ents}, facts=facts)


@pytest.fixture()
def kg() -> KnowledgeGraph:
    g = KnowledgeGraph()
    g.add_article(make_result())
    return g


def ask(kg: KnowledgeGraph, q: str) -> bool:
    return bool(kg.query("ASK { " + q + " }"))


def test_every_relation_kind_is_written(kg):
    assert ask(
        kg,
        "?d a kg:District ; rdfs:label '云溪区'@zh ; skos:altLabel '雲溪區'@zh ; "
        "kg:divisionCode '430603'",
    )
    assert ask(kg, "?d kg:partOf ?c . ?c rdfs:label '岳阳市'@zh")
    assert ask(kg, "?j kg:investor ?c . ?c a kg:Company")
    assert ask(
        kg,
        "?j kg:totalInvestment ?m . ?m a schema:MonetaryAmount ; schema:value 200000000.0 ; "
        "schema:currency 'CNY'",
    )
    assert ask(kg, "?j kg:signedOn '2021-03-05'^^xsd:date")
    assert ask(kg, "?j kg:startedOn '--04-01'^^xsd:gMonthDay")
    assert ask(kg, "?j kg:completedOn '2022-06'^^xsd:gYearMonth")
    assert ask(
        kg,
        "?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r . "
        "?r rdfs:label '县委书记'@zh",
    )
    assert ask(
        kg, "?a a kg:Article ; kg:reportedBy ?p . ?b a kg:Byline ; kg:person ?p ; kg:role '记者'@zh"
    )
    assert ask(
        kg,
        "?a a kg:Article ; schema:name 'a1.txt' ; dcterms:title '标题'@zh ; "
        "schema:datePublished '2021-03-06'^^xsd:date",
    )


def test_regions_use_division_codes(kg):
    assert ask(kg, "<https://w3id.org/cnkg/id/region/430603> a kg:District")


def test_facts_carry_sentence_and_extractor(kg):
    rows = list(
        kg.query("""SELECT ?text ?ex WHERE { GRAPH ?g {
        ?st a rdf:Statement ; rdf:predicate kg:investor ; prov:wasDerivedFrom ?s ;
            kg:extractor ?ex .
        ?s rdf:value ?text ; prov:wasQuotedFrom ?g } }""")
    )
    assert len(rows) == 1
    assert rows[0]["ex"].value == "relations"
    assert "華興科技有限公司" in rows[0]["text"].value  # the sentence as written


def test_one_named_graph_per_article(kg):
    kg.add_article(make_result("b2.txt"))
    graphs = sorted(g.value for g in kg.store.named_graphs())
    assert graphs == ["https://w3id.org/cnkg/id/article/a1", "https://w3id.org/cnkg/id/article/b2",
                      "https://w3id.org/cnkg/id/graph/derived"]  # and what holds over both
    # replacing an article drops its old quads
    n = len(kg)
    kg.add_article(make_result("b2.txt"))
    assert len(kg) == n


def test_union_keeps_one_label(kg):
    # another article gives the same company (same IRI) a shorter canonical name
    r = make_result("b2.txt")
    co = r.entities.pop(("Company", "华兴科技有限公司"))
    co.name = "华兴科技"
    r.entities[co.key] = co
    r.facts = [f for f in r.facts if f.predicate != "investor"]
    from kg.vocab import entity_iri

    kg.add_article(r)
    short, full = entity_iri("Company", "华兴科技"), entity_iri("Company", "华兴科技有限公司")
    assert short != full  # different names, different IRIs: nothing merged here
    labels = [t for t in kg.triples() if t.predicate.value.endswith("#label")]
    assert len(labels) == len({t.subject for t in labels})
    # the same IRI with two labels in two articles: the longest stays the label
    kg.store.add(ox.Quad(ox.NamedNode(full), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                         ox.Literal("华兴", language="zh"), ox.NamedNode("https://w3id.org/cnkg/id/article/x")))
    kg.rebuild_merge()  # written to the store directly
    labels = {
        t.object.value
        for t in kg.triples()
        if t.subject.value == full and t.predicate.value.endswith("#label")
    }
    assert labels == {"华兴科技有限公司"}
    alts = {
        t.object.value
        for t in kg.triples()
        if t.subject.value == full and t.predicate.value.endswith("altLabel")
    }
    assert "华兴" in alts


def test_shacl_validates(kg):
    ok, text = validate(kg)
    assert ok, text


def test_shacl_catches_a_broken_graph(kg):
    kg.store.add(
        ox.Quad(
            ox.NamedNode("https://w3id.org/cnkg/id/person/x"),
            ox.NamedNode(ONT + "investor"),
            ox.NamedNode("https://w3id.org/cnkg/id/region/430603"),
        )
    )
    ok, text = validate(kg)
    assert not ok and "investor" in text


FORMATS = ["ttl", "trig", "nt", "nq", "jsonld"]
RDFLIB_NAME = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}


def triple_set_rdflib(data: bytes, fmt: str) -> set:
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=data.decode("utf-8"), format=RDFLIB_NAME[fmt])
    return {(str(s), str(p), str(o)) for s, p, o in ds.triples((None, None, None))}


def triple_set_ox(data: bytes, fmt: str) -> set:
    from kg.formats import rdf_format

    out = set()
    for q in ox.parse(io.BytesIO(data), format=rdf_format(fmt)):
        out.add((q.subject.value, q.predicate.value, q.object.value))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reparses_in_both_libraries(kg, fmt):
    data = kg.serialize(fmt=fmt)
    a, b = triple_set_rdflib(data, fmt), triple_set_ox(data, fmt)
    assert a == b
    assert len(a) == len(kg.triples())


@pytest.mark.parametrize("src,dst", list(itertools.permutations(FORMATS, 2)))
def test_round_trip_over_format_pairs(kg, tmp_path, src, dst):
    path = tmp_path / f"g.{src}"
    kg.serialize(path)
    again = KnowledgeGraph.load(path)
    out = again.serialize(fmt=dst)
    assert triple_set_ox(out, dst) == triple_set_ox(kg.serialize(fmt=dst), dst)
    if src in ("trig", "nq", "jsonld") and dst in ("trig", "nq", "jsonld"):
        assert again.quads() == kg.quads()  # named graphs survive


def test_serialisation_is_deterministic():
    a, b = KnowledgeGraph(), KnowledgeGraph()
    a.add_article(make_result("a1.txt"))
    a.add_article(make_result("b2.txt"))
    b.add_article(make_result("b2.txt"))
    b.add_article(make_result("a1.txt"))
    for fmt in FORMATS + ["graphml", "gexf"]:
        assert a.serialize(fmt=fmt) == b.serialize(fmt=fmt), fmt


def test_networkx_and_gephi_exports(kg, tmp_path):
    import networkx as nx

    g = kg.to_networkx()
    types = nx.get_node_attributes(g, "type")
    assert types["https://w3id.org/cnkg/id/region/430603"] == "District"
    rels = {d["relation"] for _, _, d in g.edges(data=True)}
    assert {"partOf", "investor", "locatedIn", "holdsPost", "reportedBy"} <= rels
    kg.serialize(tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == g.number_of_nodes()
    kg.serialize(tmp_path / "g.gexf")
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == g.number_of_nodes()


def test_rdflib_objects_for_users(kg):
    ds = kg.graph
    assert isinstance(ds, rdflib.Dataset)
    assert len(list(ds.graphs())) >= 2
    g = kg.to_rdflib()
    assert (None, rdflib.RDF.type, rdflib.URIRef(ONT + "Project")) in g


def test_jsonld_is_json(kg):
    json.loads(kg.serialize(fmt="jsonld"))


def test_article_quads_are_sorted_and_unique():
    quads = article_quads(make_result())
    assert len(quads) == len(set(quads))
    assert quads == sorted(
        quads, key=__import__("kg.rdf", fromlist=["quad_sort_key"]).quad_sort_key
    )
