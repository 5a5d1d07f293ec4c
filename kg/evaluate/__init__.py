"""Score a built graph against gold annotations: precision, recall and F1.

Gold annotations are JSON files, one per article, in the format of the
annotation guidelines (``tests/data/gold/GUIDELINES.md``): entities with a
type, a canonical name and aliases, and relations between them.  The graph is
read by local names (the part of an IRI after the last ``#`` or ``/``), so any
vocabulary that uses the same names scores; no inference is made.

The rules are those of the shared scorer (``shared/eval/score.py``), and the
figures agree with it:

* **entities** match when the types agree (exactly, or by family: regions,
  organisations) and a predicted label or alias equals the gold name or an
  alias after NFKC normalisation and removal of white space; the matching is
  one to one over the whole corpus, canonical-name hits before alias hits;
* provinces and cities that no gold entity matches but that a matched region
  reaches through ``partOf``/``locatedIn`` (parents added from the division
  table) are not counted, nor are their ``partOf`` links;
* **relations** match when both ends match (on the family mapping) and the
  predicate is the same; ``locatedIn`` between two regions counts as
  ``partOf``; post titles match when one ends with the other, a post's owner
  may be the body or its region, and a statement that fits several gold posts
  stands for the first of them (no preference for the same title); amounts
  match within 0.5 % in the same currency; dates by month and day, and by year
  where both give one.  The same fact stated twice counts once.

>>> gold = Gold.from_json({"a1": {"entities": [
...     {"id": "c", "type": "Company", "name": "宜宾丝丽雅集团", "aliases": ["丝丽雅"]}],
...     "relations": []}})
>>> report = score(gold, '''@prefix kg: <https://w3id.org/cnkg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <https://e.org/c1> a kg:Company ; rdfs:label "丝丽雅" .''')
>>> report.entity_f1
1.0
"""

from __future__ import annotations

from kg.evaluate.gold import Gold, GoldEntity, gold_fact
from kg.evaluate.graph import GraphData, PredEntity, PredRelation, read_graph
from kg.evaluate.report import Counts, Miss, Report, Table, render
from kg.evaluate.rules import Amount, Date, Fact, local_name, norm, post_owner_match, title_match
from kg.evaluate.scoring import score

__all__ = [
    "Amount",
    "Counts",
    "Date",
    "Fact",
    "Gold",
    "GoldEntity",
    "GraphData",
    "Miss",
    "PredEntity",
    "PredRelation",
    "Report",
    "Table",
    "gold_fact",
    "local_name",
    "norm",
    "post_owner_match",
    "read_graph",
    "render",
    "score",
    "title_match",
]
