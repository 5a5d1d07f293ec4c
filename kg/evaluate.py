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
  may be the body or its region; amounts match within 0.5 % in the same
  currency; dates by month and day, and by year where both give one.  The same
  fact stated twice counts once.

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

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENTITY_TYPES = ["Province", "City", "District", "Zone", "Company",
                "GovernmentBody", "Organization", "Project", "Person"]
FAMILY = {"Province": "Region", "City": "Region", "District": "Region", "Zone": "Region",
          "GovernmentBody": "Org", "Organization": "Org", "Company": "Company",
          "Project": "Project", "Person": "Person"}
# a node with two entity types takes the most specific: list order, Organization last
TYPE_RANK = {t: i for i, t in enumerate(ENTITY_TYPES)} | {"Organization": len(ENTITY_TYPES)}
ENTITY_RELATIONS = {"partOf", "locatedIn", "investor"}
DATE_RELATIONS = {"signedOn", "startedOn", "completedOn"}
HIERARCHY = {"partOf", "locatedIn"}
LABELS = {"label", "prefLabel", "name"}
ALT_LABELS = {"altLabel", "alternateName", "hiddenLabel"}
ARTICLE_TYPES = {"Article", "NewsArticle"}
AMOUNT_VALUE = ("value", "amount", "amountValue")
AMOUNT_CURRENCY = ("currency", "unitCode", "unit", "priceCurrency")
AMOUNT_TOLERANCE = 0.005
COMPLETION_TYPES = {"Province", "City"}
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

Key = tuple[str, str]
"""A gold entity: ``(type, normalised canonical name)``; articles are ``("Article", stem)``."""


# ---------------------------------------------------------------- names

def local_name(term: object) -> str:
    """The part of an IRI (or any term) after the last ``#`` or ``/``.

    >>> local_name("http://www.w3.org/2000/01/rdf-schema#label"), local_name("https://schema.org/name")
    ('label', 'name')
    """
    return re.split(r"[#/]", str(term))[-1]


def norm(name: object) -> str:
    """A name as compared: Unicode NFKC, white space removed.

    >>> norm("華通聯合（南通） 塑膠")
    '華通聯合(南通)塑膠'
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name)))


# ---------------------------------------------------------------- values

@dataclass(frozen=True)
class Amount:
    """A money value in whole currency units."""

    value: float
    currency: str = "CNY"

    def matches(self, other: Amount) -> bool:
        """Same currency and within 0.5 % of this (gold) amount.

        >>> Amount(9.82e9).matches(Amount(9.8e9)), Amount(9.82e9).matches(Amount(9.82e9, "USD"))
        (True, False)
        """
        return (self.currency == other.currency
                and abs(self.value - other.value) <= AMOUNT_TOLERANCE * max(self.value, 1))

    def __str__(self) -> str:
        return f"{self.value:g} {self.currency}"


@dataclass(frozen=True)
class Date:
    """A date as written: ``YYYY-MM-DD``, ``YYYY-MM``, ``--MM-DD`` or ``YYYY``."""

    text: str

    def parts(self) -> tuple[str | None, str | None, str | None]:
        """Year, month and day (the whole text as the year when it is no date).

        >>> Date("2021-03-19").parts(), Date("--03-19").parts(), Date("2021-03").parts()
        (('2021', '03', '19'), (None, '03', '19'), ('2021', '03', None))
        """
        text = self.text.strip()
        m = re.fullmatch(r"(\d{4})?-?-?(\d{2})?-?(\d{2})?", text)
        return (m.group(1), m.group(2), m.group(3)) if m else (text, None, None)

    def matches(self, other: Date) -> bool:
        """Same month and day; same year where both give one.

        >>> Date("2021-03-19").matches(Date("--03-19")), Date("2021-03-19").matches(Date("2020-03-19"))
        (True, False)
        """
        gy, gm, gd = self.parts()
        py, pm, pd = other.parts()
        return (gm, gd) == (pm, pd) and (gy is None or py is None or gy == py)

    def __str__(self) -> str:
        return self.text


Value = Key | Amount | Date | None


@dataclass(frozen=True)
class Fact:
    """A relation between gold entities (or a value), as compared.

    ``title`` is the post title of ``holdsPost`` (``""`` when the gold gives
    none, ``None`` when a prediction gives none).
    """

    subject: Key
    predicate: str
    object: Value
    title: str | None = None

    def describe(self) -> str:
        """The fact in one line.

        >>> Fact(("Person", "王小明"), "holdsPost", ("GovernmentBody", "翠屏区委"), "区委书记").describe()
        'Person:王小明 holdsPost GovernmentBody:翠屏区委 (区委书记)'
        """
        obj = ":".join(self.object) if isinstance(self.object, tuple) else str(self.object)
        title = f" ({self.title})" if self.title else ""
        return f"{':'.join(self.subject)} {self.predicate} {obj}{title}"


def post_owner_match(gold_names: Iterable[str], pred_names: Iterable[str]) -> bool:
    """A post's owner may be named as the body or as its region: one name begins the other.

    >>> post_owner_match({"翠屏区委"}, {"翠屏区"}), post_owner_match({"翠屏区委"}, {"蓬江区"})
    (True, False)
    """
    pred_names = list(pred_names)
    return any(len(min(a, b, key=len)) >= 2 and (a.startswith(b) or b.startswith(a))
               for a in gold_names for b in pred_names)


def title_match(gold: str | None, pred: str | None) -> bool:
    """Titles match when either is missing or one ends with the other.

    >>> title_match("区委书记", "翠屏区委书记"), title_match("区长", "区委书记"), title_match("", "区长")
    (True, False, True)
    """
    if not gold or not pred:
        return True
    return gold.endswith(pred) or pred.endswith(gold)


# ---------------------------------------------------------------- figures

@dataclass(frozen=True)
class Counts:
    """True positives, predictions and gold items of one row."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are).

        >>> round(Counts(tp=3, predicted=4, gold=6).f1, 3)
        0.6
        """
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Table:
    """Rows of counts (per type or predicate) and their total."""

    rows: dict[str, Counts] = field(default_factory=dict)

    @property
    def total(self) -> Counts:
        return sum(self.rows.values(), Counts())

    def to_dict(self) -> dict[str, Any]:
        return {"rows": {k: v.to_dict() for k, v in self.rows.items()}, "all": self.total.to_dict()}


@dataclass(frozen=True, order=True)
class Miss:
    """One missed or spurious item and the articles it comes from."""

    item: str
    articles: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.item}  [{', '.join(self.articles)}]" if self.articles else self.item


@dataclass
class Report:
    """The scores of one graph against one gold set.

    ``entities_strict`` has a row per exact type, ``entities`` per type
    family, ``relations`` per predicate (on the family matching).
    """

    entities_strict: Table
    entities: Table
    relations: Table
    missed_entities: list[Miss] = field(default_factory=list)
    spurious_entities: list[Miss] = field(default_factory=list)
    missed_relations: list[Miss] = field(default_factory=list)
    spurious_relations: list[Miss] = field(default_factory=list)

    @property
    def entity_f1(self) -> float:
        """Entity F1 over type families."""
        return self.entities.total.f1

    @property
    def relation_f1(self) -> float:
        return self.relations.total.f1

    def to_dict(self) -> dict[str, Any]:
        def misses(items: list[Miss]) -> list[dict[str, Any]]:
            return [{"item": m.item, "articles": list(m.articles)} for m in items]

        return {"entities": {"strict": self.entities_strict.to_dict(),
                             "lenient": self.entities.to_dict()},
                "relations": self.relations.to_dict(),
                "entity_f1": self.entity_f1, "relation_f1": self.relation_f1,
                "missed_entities": misses(self.missed_entities),
                "spurious_entities": misses(self.spurious_entities),
                "missed_relations": misses(self.missed_relations),
                "spurious_relations": misses(self.spurious_relations)}


# ---------------------------------------------------------------- gold

@dataclass
class GoldEntity:
    """A gold entity: all its names (normalised) and the articles naming it."""

    type: str
    name: str
    names: set[str] = field(default_factory=set)
    articles: list[str] = field(default_factory=list)


@dataclass
class Gold:
    """Gold entities and relations over a set of articles.

    Entities of the same type and canonical name are one entity across
    articles (their aliases are pooled).
    """

    entities: dict[Key, GoldEntity] = field(default_factory=dict)
    relations: dict[Fact, list[str]] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)
    by_subject: dict[tuple[Key, str], list[Fact]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, folder: str | Path, docs: Iterable[str] | None = None) -> Gold:
        """Read every ``*.json`` in ``folder`` (only the articles ``docs`` names, if given).

        Raises
        ------
        ValueError
            A file is not valid gold JSON, or ``docs`` names an article with no gold.
        """
        files = sorted(Path(folder).glob("*.json"))
        if not files:
            raise ValueError(f"{folder}: no gold JSON files")
        if docs is not None:
            stems = {Path(d).stem for d in docs}
            files = [f for f in files if f.stem in stems]
            missing = stems - {f.stem for f in files}
            if missing:
                raise ValueError(f"no gold for: {', '.join(sorted(missing))}")
        data = {}
        for f in files:
            try:
                data[f.stem] = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
                raise ValueError(f"{f}: not readable gold JSON: {e}") from None
        return cls.from_json(data)

    @classmethod
    def from_json(cls, articles: Mapping[str, Mapping[str, Any]]) -> Gold:
        """Gold from parsed JSON objects keyed by article stem, in that order.

        >>> g = Gold.from_json({"a": {"entities": [{"id": "d", "type": "District", "name": "翠屏区",
        ...     "aliases": ["翠屏"]}], "relations": []}})
        >>> sorted(g.entities[("District", "翠屏区")].names)
        ['翠屏', '翠屏区']
        """
        gold = cls()
        for stem, doc in articles.items():
            try:
                gold._add_article(stem, doc)
            except (KeyError, TypeError, ValueError) as e:
                raise ValueError(f"{stem}: bad gold annotation: {e!r}") from None
        return gold

    def _add_article(self, stem: str, doc: Mapping[str, Any]) -> None:
        self.articles.append(stem)
        ids: dict[str, Key] = {"article": ("Article", stem)}
        for e in doc["entities"]:
            if e["type"] not in FAMILY:
                raise ValueError(f"unknown entity type {e['type']}")
            key = (e["type"], norm(e["name"]))
            entity = self.entities.setdefault(key, GoldEntity(e["type"], key[1]))
            entity.names |= {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
            if stem not in entity.articles:
                entity.articles.append(stem)
            ids[e["id"]] = key
        for r in doc["relations"]:
            fact = gold_fact(r, ids)
            if fact not in self.relations:
                self.relations[fact] = []
                self.by_subject.setdefault((fact.subject, fact.predicate), []).append(fact)
            if stem not in self.relations[fact]:
                self.relations[fact].append(stem)

    def facts_about(self, subject: Key, predicate: str) -> list[Fact]:
        """The gold facts with this subject and predicate, in annotation order."""
        return self.by_subject.get((subject, predicate), [])

    def names_of(self, key: Key) -> set[str]:
        entity = self.entities.get(key)
        return entity.names if entity else set()


def gold_fact(r: Mapping[str, Any], ids: Mapping[str, Key]) -> Fact:
    """One gold relation as a :class:`Fact`, its ends resolved through ``ids``.

    >>> ids = {"j": ("Project", "x项目")}
    >>> gold_fact({"s": "j", "p": "totalInvestment", "amount": 2e8, "currency": "USD"}, ids).object
    Amount(value=200000000.0, currency='USD')
    """
    s, p = ids[r["s"]], r["p"]
    if p in ENTITY_RELATIONS or p == "reportedBy":
        return Fact(s, p, ids[r["o"]])
    if p == "holdsPost":
        return Fact(s, p, ids[r["o"]], norm(r.get("title", "")))
    if p == "totalInvestment":
        return Fact(s, p, Amount(float(r["amount"]), r.get("currency", "CNY")))
    if p in DATE_RELATIONS:
        return Fact(s, p, Date(r["date"]))
    raise ValueError(f"unknown predicate {p}")


# ---------------------------------------------------------------- graph

RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
               ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}


class GraphData:
    """A graph as the scorer reads it: an rdflib graph, its triples and typed nodes, in order.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to score (a ``Dataset`` with ``default_union=True`` for
        named graphs: the scorer reads the union).
    quads : iterable of (subject, predicate, object, graph name), optional
        The triples per named graph; used only to tell which article a
        spurious item comes from.

    Nodes and values are taken in the order rdflib reports them, the order
    the shared scorer sees, so that ties in matching break the same way.
    """

    def __init__(self, graph: Any, quads: Iterable[tuple] = ()) -> None:
        from rdflib import RDF

        self.graph = graph
        self.triples = list(graph.triples((None, None, None)))
        self.typed = list(graph.subject_objects(RDF.type))
        self.quads = list(quads)

    def predicate_objects(self, node: Any) -> list[tuple]:
        """``(predicate, object)`` pairs of ``node``."""
        return list(self.graph.predicate_objects(node))


def read_graph(source: Any) -> GraphData:
    """The graph to score, from a file, RDF text, a KnowledgeGraph or an rdflib graph.

    Parameters
    ----------
    source : str, Path, KnowledgeGraph, rdflib.Graph or pyoxigraph.Store
        A graph file (``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``,
        ``.rdf``), Turtle text, a :class:`kg.KnowledgeGraph` (or its store)
        or an rdflib graph/dataset.

    >>> len(read_graph('<https://e.org/a> a <https://e.org/Company> .').triples)
    1
    """
    import rdflib

    if isinstance(source, rdflib.Dataset) and not source.default_union:
        union = rdflib.Dataset(default_union=True)
        union.addN(source.quads((None, None, None, None)))
        source = union
    if isinstance(source, rdflib.Graph):
        return _from_rdflib(source)
    if hasattr(source, "quads_for_pattern"):          # a pyoxigraph store
        from kg.graph import LoadedGraph

        source = LoadedGraph(source)
    if hasattr(source, "serialize") and hasattr(source, "store"):
        return _from_knowledge_graph(source)
    ds = rdflib.Dataset(default_union=True)
    is_file = isinstance(source, Path) or (
        "\n" not in str(source) and Path(str(source)).suffix.lower() in RDF_FORMATS)
    try:
        if is_file:
            ds.parse(str(source), format=RDF_FORMATS.get(Path(source).suffix.lower()))
        else:
            ds.parse(data=str(source), format="turtle")
    except Exception as e:  # rdflib's parsers raise many kinds
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ValueError(f"{source if is_file else 'graph'}: cannot be read as RDF: {msg}") from None
    return _from_rdflib(ds)


def _from_rdflib(g: Any) -> GraphData:
    if not hasattr(g, "quads"):
        return GraphData(g)
    return GraphData(g, ((s, p, o, getattr(c, "identifier", c))
                         for s, p, o, c in g.quads((None, None, None, None))))


def _from_knowledge_graph(kg: Any) -> GraphData:
    """The merged graph (as ``graph.ttl`` holds it), with the article graphs for provenance."""
    import rdflib

    g = rdflib.Graph()
    g.parse(data=kg.serialize(fmt="nt").decode("utf-8"), format="nt")
    ds = rdflib.Dataset()
    ds.parse(data=kg.serialize(fmt="nq").decode("utf-8"), format="nquads")
    return GraphData(g, ((s, p, o, c) for s, p, o, c in ds.quads((None, None, None, None))))


@dataclass
class PredEntity:
    """A typed node of the graph and its names (normalised)."""

    node: Any
    type: str
    names: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class PredRelation:
    """A relation read from the graph; ``source`` is its Membership node, if any."""

    subject: Any
    predicate: str
    object: Any
    title: str | None = None
    source: Any = None


def graph_entities(data: GraphData) -> dict[Any, PredEntity]:
    """Every node typed with an entity type, with its labels and aliases."""
    import rdflib

    out: dict[Any, PredEntity] = {}
    for s, t in data.typed:
        lt = local_name(t)
        if lt in TYPE_RANK and (s not in out or TYPE_RANK[lt] < TYPE_RANK[out[s].type]):
            out[s] = PredEntity(s, lt, out[s].names if s in out else set())
    for s, p, o in data.triples:
        if s in out and isinstance(o, rdflib.Literal) and local_name(p) in LABELS | ALT_LABELS:
            out[s].names.add(norm(o))
    return out


def graph_articles(data: GraphData, stems: Iterable[str]) -> dict[Any, str]:
    """Article nodes and the file stem each stands for (any value containing it)."""
    stems = sorted(stems)
    out = {}
    for a in dict.fromkeys(s for s, t in data.typed if local_name(t) in ARTICLE_TYPES):
        values = [str(o) for _, o in data.predicate_objects(a)] + [str(a)]
        for stem in stems:
            if any(stem in v for v in values):
                out[a] = stem
    return out


def parse_amount(data: GraphData, node: Any) -> Amount | None:
    """The amount a ``totalInvestment`` points at: a node with value and currency, or a number."""
    import rdflib

    if isinstance(node, rdflib.Literal):
        try:
            return Amount(float(str(node)))
        except ValueError:
            return None
    value = currency = None
    for p, o in data.predicate_objects(node):
        lp = local_name(p)
        if lp in AMOUNT_VALUE and value is None:
            try:
                value = float(str(o))
            except ValueError:
                pass
        elif lp in AMOUNT_CURRENCY:
            currency = local_name(o) if isinstance(o, rdflib.URIRef) else str(o)
    return Amount(value, currency or "CNY") if value is not None else None


def graph_relations(data: GraphData, ents: Mapping[Any, PredEntity],
                    articles: Mapping[Any, str]) -> list[PredRelation]:
    """The relations of the graph, direct triples first, then memberships."""
    import rdflib

    rels = []
    for s, p, o in data.triples:
        lp = local_name(p)
        if lp in ENTITY_RELATIONS and s in ents and o in ents:
            rels.append(PredRelation(s, lp, o))
        elif lp == "reportedBy" and s in articles and o in ents:
            rels.append(PredRelation(s, lp, o))
        elif lp == "holdsPost" and s in ents and o in ents:
            rels.append(PredRelation(s, lp, o))
        elif lp in DATE_RELATIONS and s in ents and isinstance(o, rdflib.Literal):
            rels.append(PredRelation(s, lp, Date(str(o))))
        elif lp == "totalInvestment" and s in ents:
            amount = parse_amount(data, o)
            if amount:
                rels.append(PredRelation(s, lp, amount))
    for m, t in data.typed:
        if local_name(t) == "Membership":
            post = membership(data, m)
            if post.subject in ents and post.object in ents:
                rels.append(post)
    return rels


def membership(data: GraphData, node: Any) -> PredRelation:
    """An ``org:Membership`` node read as member -holdsPost-> organisation, titled by its role."""
    import rdflib

    member = org = title = None
    for p, o in data.predicate_objects(node):
        lp = local_name(p)
        if lp == "member":
            member = o
        elif lp in ("organization", "organisation"):
            org = o
        elif lp == "role":
            labels = [norm(x) for q, x in data.predicate_objects(o)
                      if local_name(q) in LABELS and isinstance(x, rdflib.Literal)]
            title = labels[0] if labels else (norm(o) if isinstance(o, rdflib.Literal) else None)
    return PredRelation(member, "holdsPost", org, title, source=node)


def parents(data: GraphData, ents: Mapping[Any, PredEntity]) -> dict[Any, set]:
    """``partOf``/``locatedIn`` edges between entities: node -> its parents."""
    out: dict[Any, set] = defaultdict(set)
    for s, p, o in data.triples:
        if local_name(p) in HIERARCHY and s in ents and o in ents:
            out[s].add(o)
    return out


# ---------------------------------------------------------------- matching

def same_type(gold_type: str, pred_type: str, lenient: bool) -> bool:
    return FAMILY[gold_type] == FAMILY[pred_type] if lenient else gold_type == pred_type


def match_entities(gold: Gold, pred: Mapping[Any, PredEntity], lenient: bool) -> dict[Any, Key]:
    """Match predicted nodes to gold entities one to one: canonical names first, then aliases.

    Nodes are taken in graph order; each node's names in sorted order, and
    for a name the gold entities in annotation order.
    """
    by_name: dict[str, list[Key]] = defaultdict(list)
    for key, e in gold.entities.items():
        for n in e.names:
            by_name[n].append(key)
    mapping: dict[Any, Key] = {}
    used: set[Key] = set()
    for canonical_only in (True, False):
        for node, e in pred.items():
            if node in mapping:
                continue
            key = _first_match(e, by_name, gold, used, lenient, canonical_only)
            if key is not None:
                mapping[node] = key
                used.add(key)
    return mapping


def _first_match(e: PredEntity, by_name: Mapping[str, list[Key]], gold: Gold, used: set[Key],
                 lenient: bool, canonical_only: bool) -> Key | None:
    for n in sorted(e.names):
        for key in by_name.get(n, []):
            if key in used or not same_type(gold.entities[key].type, e.type, lenient):
                continue
            if canonical_only and n != key[1]:
                continue
            return key
    return None


def completion(mapping: Mapping[Any, Key], edges: Mapping[Any, set],
               ents: Mapping[Any, PredEntity]) -> set:
    """Unmatched provinces and cities a matched node reaches through partOf/locatedIn."""
    seen: set = set()
    todo = list(mapping)
    while todo:
        node = todo.pop()
        for parent in edges.get(node, ()):
            if (parent not in mapping and parent not in seen
                    and ents[parent].type in COMPLETION_TYPES):
                seen.add(parent)
                todo.append(parent)
    return seen


def entity_table(gold: Gold, pred: Mapping[Any, PredEntity], mapping: Mapping[Any, Key],
                 extra: set, lenient: bool) -> Table:
    """Counts per type (or family), the completed parents left out of the predictions."""
    def kind(t: str) -> str:
        return FAMILY[t] if lenient else t

    rows = {}
    for k in dict.fromkeys(kind(t) for t in ENTITY_TYPES):
        rows[k] = Counts(
            tp=sum(1 for n in mapping if kind(pred[n].type) == k),
            predicted=sum(1 for n, e in pred.items() if kind(e.type) == k and n not in extra),
            gold=sum(1 for e in gold.entities.values() if kind(e.type) == k))
    return Table(rows)


@dataclass
class _Scoring:
    """The state of relation scoring: what is mapped, counted and matched."""

    gold: Gold
    ents: Mapping[Any, PredEntity]
    key_of: Mapping[Any, Key]
    seen: set = field(default_factory=set)
    matched: set = field(default_factory=set)
    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    spurious: list[tuple[PredRelation, Fact | None]] = field(default_factory=list)

    def add(self, rel: PredRelation) -> None:
        """Count one predicted relation (once per distinct fact)."""
        fact = self.map(rel)
        if fact is not None:
            if fact in self.seen:
                return                      # the same fact stated twice counts once
            self.seen.add(fact)
        self.counts[fact.predicate if fact else rel.predicate][1] += 1
        if fact in self.gold.relations and fact not in self.matched:
            self.matched.add(fact)
            self.counts[fact.predicate][0] += 1
        else:
            self.spurious.append((rel, fact))

    def map(self, rel: PredRelation) -> Fact | None:
        """The gold fact ``rel`` stands for, or its own fact in gold terms; None when unmapped."""
        s = self.key_of.get(rel.subject)
        if s is None:
            return None
        if rel.predicate in ENTITY_RELATIONS or rel.predicate == "reportedBy":
            return self._entity_fact(s, rel)
        if rel.predicate == "holdsPost":
            return self._post_fact(s, rel)
        same = self.gold.facts_about(s, rel.predicate)
        hit = next((f for f in same if f.object.matches(rel.object)), None)
        return hit or Fact(s, rel.predicate, rel.object)

    def _entity_fact(self, s: Key, rel: PredRelation) -> Fact | None:
        o = self.key_of.get(rel.object)
        if o is None:
            return None
        p = rel.predicate
        if p == "locatedIn" and FAMILY.get(s[0]) == "Region" and FAMILY.get(o[0]) == "Region":
            p = "partOf"
        return Fact(s, p, o)

    def _post_fact(self, s: Key, rel: PredRelation) -> Fact:
        """The gold post ``rel`` fits: the same owner before an owner named alike, the same
        title before a compatible one, then annotation order."""
        o = self.key_of.get(rel.object)
        names = self.ents[rel.object].names if rel.object in self.ents else set()
        hits = [f for f in self.gold.facts_about(s, "holdsPost") if title_match(f.title, rel.title)
                and (f.object == o or post_owner_match(self.gold.names_of(f.object), names))]
        if not hits:
            return Fact(s, "holdsPost", o, rel.title)
        return min(hits, key=lambda f: (f.object != o, f.title != rel.title))


def relation_stems(gold: Gold, docs: Iterable[str] | None) -> list[str]:
    """Articles whose nodes are looked for: those with gold bylines, and ``docs``."""
    stems = {f.subject[1] for f in gold.relations if f.subject[0] == "Article"}
    return sorted(stems | {Path(d).stem for d in docs or ()})


def score(gold: Gold | str | Path, graph: Any, docs: Iterable[str] | None = None) -> Report:
    """Score ``graph`` against ``gold``.

    Parameters
    ----------
    gold : Gold, str or Path
        The gold annotations, or a folder of gold JSON files.
    graph : str, Path, KnowledgeGraph, rdflib graph or pyoxigraph.Store
        The graph built from the same articles (see :func:`read_graph`).
    docs : iterable of str, optional
        Score only these articles (file names, with or without extension).

    Returns
    -------
    Report
    """
    docs = list(docs) if docs is not None else None
    if not isinstance(gold, Gold):
        gold = Gold.load(gold, docs)
    data = read_graph(graph)
    ents = graph_entities(data)
    edges = parents(data, ents)
    strict = match_entities(gold, ents, lenient=False)
    strict_table = entity_table(gold, ents, strict, completion(strict, edges, ents), lenient=False)
    mapping = match_entities(gold, ents, lenient=True)        # relations use the family matching
    extra = completion(mapping, edges, ents)
    family_table = entity_table(gold, ents, mapping, extra, lenient=True)
    articles = graph_articles(data, relation_stems(gold, docs))
    scoring = _Scoring(gold, ents, {**mapping, **{a: ("Article", s) for a, s in articles.items()}})
    for gf in gold.relations:
        scoring.counts[gf.predicate][2] += 1
    for rel in graph_relations(data, ents, articles):
        if rel.predicate in HIERARCHY and (rel.subject in extra or rel.object in extra):
            continue                        # hierarchy completed from the division table
        scoring.add(rel)
    relations = Table({p: Counts(*v) for p, v in sorted(scoring.counts.items())})
    report = Report(strict_table, family_table, relations)
    _add_misses(report, gold, data, ents, mapping, extra, scoring)
    return report


# ---------------------------------------------------------------- misses

def _add_misses(report: Report, gold: Gold, data: GraphData, ents: Mapping[Any, PredEntity],
                mapping: Mapping[Any, Key], extra: set, scoring: _Scoring) -> None:
    sources = Provenance(data, gold.articles)
    matched = set(mapping.values())
    report.missed_entities = [Miss(f"{k[0]}:{k[1]}", tuple(e.articles))
                              for k, e in sorted(gold.entities.items()) if k not in matched]
    report.spurious_entities = sorted(
        Miss(f"{e.type}:{'|'.join(sorted(e.names))}", sources.of_node(n))
        for n, e in ents.items() if n not in mapping and n not in extra)
    report.missed_relations = sorted(Miss(f.describe(), tuple(d)) for f, d in gold.relations.items()
                                     if f not in scoring.matched)
    report.spurious_relations = sorted(
        Miss(_describe(rel, fact, ents), sources.of_relation(rel)) for rel, fact in scoring.spurious)


def _describe(rel: PredRelation, fact: Fact | None, ents: Mapping[Any, PredEntity]) -> str:
    def name(node: Any) -> str:
        if node in ents:
            e = ents[node]
            return f"{e.type}:{min(e.names, key=lambda n: (-len(n), n)) if e.names else local_name(node)}"
        return str(node) if isinstance(node, Amount | Date) else local_name(node)

    if fact is not None and fact.predicate != rel.predicate:
        return f"{name(rel.subject)} {rel.predicate} (as {fact.predicate}) {name(rel.object)}"
    title = f" ({rel.title})" if rel.title else ""
    return f"{name(rel.subject)} {rel.predicate} {name(rel.object)}{title}"


class Provenance:
    """Which articles a node or a fact of the graph comes from.

    Read from the named graphs (one per article), from article nodes that
    point at a node (``schema:mentions``), and from reified statements and
    memberships whose sources (``prov:wasDerivedFrom`` a sentence of the
    article) name the article.
    """

    def __init__(self, data: GraphData, stems: Iterable[str]) -> None:
        self.data = data
        self.stems = sorted(stems, key=lambda s: (-len(s), s))
        self.nodes: dict[Any, set[str]] = defaultdict(set)
        self.facts: dict[tuple, set[str]] = defaultdict(set)
        for s, _, _, g in data.quads:
            stem = self.stem_in(g)
            if stem:
                self.nodes[s].add(stem)
        self._read_links()

    def stem_in(self, value: Any) -> str | None:
        """The article stem ``value`` contains (the longest), if any."""
        text = str(value) if value is not None else ""
        return next((s for s in self.stems if s in text), None)

    def _read_links(self) -> None:
        for s, t in self.data.typed:
            lt = local_name(t)
            if lt in ARTICLE_TYPES:
                stem = self.stem_in(s) or next(
                    (x for _, o in self.data.predicate_objects(s) if (x := self.stem_in(o))), None)
                for _, o in self.data.predicate_objects(s) if stem else ():
                    self.nodes[o].add(stem)
            elif str(t) == RDF_NS + "Statement":
                parts = {local_name(p): o for p, o in self.data.predicate_objects(s)}
                triple = (parts.get("subject"), local_name(parts.get("predicate", "")), parts.get("object"))
                self.facts[triple] |= self.sources(s)

    def sources(self, node: Any) -> set[str]:
        """Articles named by ``node``'s own values or by those of the nodes it points at."""
        found = set()
        for _, o in self.data.predicate_objects(node):
            for v in [o] + [x for _, x in self.data.predicate_objects(o)]:
                if stem := self.stem_in(v):
                    found.add(stem)
        return found

    def of_node(self, node: Any) -> tuple[str, ...]:
        return tuple(sorted(self.nodes.get(node, ())))

    def of_relation(self, rel: PredRelation) -> tuple[str, ...]:
        if rel.source is not None:
            found = self.nodes.get(rel.source, set()) | self.sources(rel.source)
        else:
            found = set(self.facts.get((rel.subject, rel.predicate, rel.object), ()))
        return tuple(sorted(found or self.nodes.get(rel.subject, ())))


# ---------------------------------------------------------------- output

def _line(name: str, c: Counts) -> str:
    return (f"  {name:<16} P {c.precision:6.1%}  R {c.recall:6.1%}  F1 {c.f1:6.1%}"
            f"   ({c.tp} of {c.predicted} predicted, {c.gold} gold)")


def render(report: Report, misses: bool = False, as_json: bool = False) -> str:
    """The report as a table (with the misses listed, if asked) or as JSON.

    >>> t = Table({"Company": Counts(1, 2, 2)})
    >>> print(render(Report(t, t, Table({"investor": Counts(0, 0, 1)}))).splitlines()[1])
      Company          P  50.0%  R  50.0%  F1  50.0%   (1 of 2 predicted, 2 gold)
    """
    if as_json:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=1)
    out = []
    for title, table in (("entities (exact types)", report.entities_strict),
                         ("entities (type families)", report.entities),
                         ("relations (lenient entity match)", report.relations)):
        out.append(title)
        out += [_line(k, c) for k, c in table.rows.items() if c.predicted or c.gold]
        out.append(_line("ALL", table.total))
    out.append(f"entity F1 {report.entity_f1:.3f}  relation F1 {report.relation_f1:.3f}")
    if misses:
        for title, items in (("missed entities", report.missed_entities),
                             ("spurious entities", report.spurious_entities),
                             ("missed relations", report.missed_relations),
                             ("spurious relations", report.spurious_relations)):
            out.append(f"\n{title} ({len(items)}):")
            out += [f"  {m}" for m in items]
    return "\n".join(out)
