"""Turn a folder of gold JSON files into the Turtle the scorer reads (for annotator agreement).

    python tests/data/real/agreement.py tests/data/real1/agreement /tmp/second.ttl
    python ../shared/eval/score.py --gold tests/data/real1/gold --graph /tmp/second.ttl \\
        --docs c1063 c2505 c2831
"""

import hashlib
import json
import sys
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

K = Namespace("http://example.org/kg#")
LINKS = ("partOf", "locatedIn", "investor", "reportedBy")


def add_article(g: Graph, gold: dict) -> None:
    stem = gold["doc"].rsplit(".", 1)[0]
    art = URIRef(f"http://example.org/article/{stem}")
    g.add((art, RDF.type, K.Article))
    g.add((art, RDFS.label, Literal(stem)))
    ids = {"article": art}
    for e in gold["entities"]:
        digest = hashlib.sha1((e["type"] + e["name"]).encode()).hexdigest()[:16]
        node = ids[e["id"]] = URIRef(f"http://example.org/{e['type']}/{digest}")
        g.add((node, RDF.type, K[e["type"]]))
        g.add((node, RDFS.label, Literal(e["name"])))
        for alias in e.get("aliases", []):
            g.add((node, SKOS.altLabel, Literal(alias)))
    for r in gold["relations"]:
        p, s = r["p"], ids[r["s"]]
        if p in LINKS:
            g.add((s, K[p], ids[r["o"]]))
        elif p == "holdsPost":
            m, role = BNode(), BNode()
            g.add((m, RDF.type, K.Membership))
            g.add((m, K.member, s))
            g.add((m, K.organization, ids[r["o"]]))
            g.add((m, K.role, role))
            g.add((role, RDFS.label, Literal(r["title"])))
        elif p == "totalInvestment":
            v = BNode()
            g.add((s, K[p], v))
            g.add((v, K.value, Literal(r["amount"])))
            g.add((v, K.currency, Literal(r["currency"])))
        else:
            g.add((s, K[p], Literal(r["date"])))


if __name__ == "__main__":
    graph = Graph()
    for f in sorted(Path(sys.argv[1]).glob("*.json")):
        add_article(graph, json.loads(f.read_text("utf-8")))
    graph.serialize(sys.argv[2], format="turtle")
