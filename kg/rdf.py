"""Turn one article's extraction result into RDF quads (its own named graph).

The shape (see ``ontology/kg.ttl``):

* entity: ``a kg:Company``; ``rdfs:label`` canonical simplified name ``@zh``;
  ``skos:altLabel`` every other surface form; regions ``kg:divisionCode``;
* ``kg:partOf`` / ``kg:locatedIn`` / ``kg:investor``: direct triples;
* ``kg:totalInvestment`` -> a ``schema:MonetaryAmount`` with ``schema:value``
  (xsd:decimal) and ``schema:currency`` (ISO 4217);
* ``kg:signedOn`` / ``kg:startedOn`` / ``kg:completedOn`` -> ``xsd:date``,
  ``xsd:gYearMonth`` or ``xsd:gMonthDay``;
* posts: an ``org:Membership`` with ``org:member``, ``org:organization`` and
  ``org:role`` (an ``org:Role`` with one ``rdfs:label``);
* ``kg:reportedBy`` article -> person, plus a ``kg:Byline`` node keeping the role;
* provenance: every direct fact is reified once per article as an
  ``rdf:Statement`` with ``prov:wasDerivedFrom`` its ``kg:Sentence`` nodes,
  ``kg:extractor`` and ``kg:observedOn`` (the article's publication date,
  when known); memberships carry the same; the named graph of every quad is
  the article;
* events: each signing, start or completion date of a project makes a
  ``kg:Signing`` / ``kg:Groundbreaking`` / ``kg:Completion`` node (an
  ``schema:Event``) with ``schema:startDate``, ``schema:location``, its
  projects (``kg:project``), companies (``kg:participant``), the people whose
  posts the article names beside it (``kg:official``) and ``schema:subjectOf``
  the article (see :meth:`ArticleGraph.events`).

What holds over all articles (support counts, intervals, stages) is not
here: :mod:`kg.derived` computes it.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.model import ArticleResult, DateValue, Entity, EntityKey, Fact, Money
from kg.vocab import (
    DCT,
    ORG,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    article_iri,
    digest,
    entity_iri,
    mint,
    ont,
)

N = ox.NamedNode
A = N(RDF + "type")
LABEL = N(RDFS + "label")
ALT = N(SKOS + "altLabel")

#: The events a project's dates stand for: relation -> (event class, its name in labels).
EVENTS = {"signedOn": ("Signing", "签约"), "startedOn": ("Groundbreaking", "开工"),
          "completedOn": ("Completion", "竣工")}
#: People whose post is named in an event's sentence or this many sentences after it were there.
OFFICIAL_WINDOW = 2
# posts of the press, not of people at the event
_PRESS = re.compile(r"记者|通讯员|编辑|摄影|美编|组版")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(s: str) -> str:
    """Remove characters that cannot appear in an RDF literal we write."""
    return _CONTROL.sub("", s)


def zh(s: str) -> ox.Literal:
    return ox.Literal(clean_text(s), language="zh")


def plain(s: str) -> ox.Literal:
    return ox.Literal(clean_text(s))


def date_literal(iso: str) -> ox.Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        dt = "date"
    elif re.fullmatch(r"\d{4}-\d{2}", iso):
        dt = "gYearMonth"
    elif re.fullmatch(r"--\d{2}-\d{2}", iso):
        dt = "gMonthDay"
    elif re.fullmatch(r"\d{4}", iso):
        dt = "gYear"
    elif re.fullmatch(r"--\d{2}", iso):
        dt = "gMonth"
    else:
        return ox.Literal(iso)
    return ox.Literal(iso, datatype=N(XSD + dt))


def money_literal(value: float) -> ox.Literal:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if "." not in text:
        text += ".0"
    return ox.Literal(text, datatype=N(XSD + "decimal"))


class ArticleGraph:
    """Collects the quads of one article's named graph."""

    def __init__(self, result: ArticleResult) -> None:
        self.result = result
        self.doc = result.doc
        self.graph = N(article_iri(self.doc.stem))
        self.quads: list[ox.Quad] = []
        self._iris: dict[EntityKey, N] = {}
        for key, ent in result.entities.items():
            self._iris[key] = N(entity_iri(ent.type, ent.name, ent.code))

    def add(self, s, p, o) -> None:
        self.quads.append(ox.Quad(s, p, o, self.graph))

    def iri(self, key: EntityKey) -> N:
        if key[0] == "Article":
            return self.graph
        if key not in self._iris:
            self._iris[key] = N(entity_iri(key[0], key[1]))
        return self._iris[key]

    def sentence_node(self, index: int | None) -> N | None:
        if index is None or index >= len(self.doc.sentences):
            return None
        return N(f"{self.graph.value}/s{index}")

    # ---------------------------------------------------------------- parts

    def article(self) -> None:
        d, g = self.doc, self.graph
        self.add(g, A, ont("Article"))
        self.add(g, N(SDO + "name"), plain(d.name))
        if d.title:
            self.add(g, N(DCT + "title"), zh(d.title))
        if d.published:
            self.add(g, N(SDO + "datePublished"), date_literal(d.published))
        self.add(g, ont("sha256"), plain(d.digest))
        used = {f.sentence for f in self.result.facts if f.sentence is not None}
        for s in d.sentences:
            if s.index not in used:
                continue
            node = self.sentence_node(s.index)
            self.add(node, A, ont("Sentence"))
            self.add(node, N(RDF + "value"), zh(d.surface(s.start, s.end)))
            index = ox.Literal(str(s.index), datatype=N(XSD + "integer"))
            self.add(node, ont("sentenceIndex"), index)
            self.add(node, N(PROV + "wasQuotedFrom"), g)

    def entity(self, ent: Entity) -> None:
        node = self.iri(ent.key)
        self.add(node, A, ont(ent.type))
        self.add(node, LABEL, zh(ent.name))
        for alias in sorted(ent.aliases - {ent.name}):
            if clean_text(alias).strip():
                self.add(node, ALT, zh(alias))
        if ent.code:
            self.add(node, ont("divisionCode"), plain(ent.code))
        self.add(self.graph, N(SDO + "mentions"), node)

    def provenance(self, node, fact: Fact) -> None:
        sent = self.sentence_node(fact.sentence)
        if sent is not None:
            self.add(node, N(PROV + "wasDerivedFrom"), sent)
        self.add(node, ont("extractor"), plain(fact.extractor))
        if self.doc.published:
            self.add(node, ont("observedOn"), date_literal(self.doc.published))

    def fact(self, fact: Fact) -> None:
        s = self.iri(fact.subject)
        p = fact.predicate
        if p == "holdsPost":
            org = self.iri(fact.obj)  # type: ignore[arg-type]
            title = fact.title or ""
            m = N(mint("membership", digest(s.value, org.value, title, n=16)))
            role = N(mint("role", title or "member"))
            self.add(m, A, N(ORG + "Membership"))
            self.add(m, N(ORG + "member"), s)
            self.add(m, N(ORG + "organization"), org)
            self.add(m, N(ORG + "role"), role)
            self.add(role, A, N(ORG + "Role"))
            self.add(role, LABEL, zh(title or "成员"))
            self.provenance(m, fact)
            return
        if isinstance(fact.obj, Money):
            o = N(mint("amount", digest(s.value, repr(fact.obj.value), fact.obj.currency, n=16)))
            self.add(o, A, N(SDO + "MonetaryAmount"))
            self.add(o, N(SDO + "value"), money_literal(fact.obj.value))
            self.add(o, N(SDO + "currency"), plain(fact.obj.currency))
        elif isinstance(fact.obj, DateValue):
            o = date_literal(fact.obj.iso)
        else:
            o = self.iri(fact.obj)
        pred = ont(p)
        self.add(s, pred, o)
        if p == "reportedBy":
            b = N(mint("byline", digest(self.graph.value, o.value, fact.title or "", n=16)))
            self.add(b, A, ont("Byline"))
            self.add(b, ont("article"), s)
            self.add(b, ont("person"), o)
            self.add(b, ont("role"), zh(fact.title or "作者"))
        stmt = N(mint("statement", digest(self.graph.value, str(s), str(pred), str(o), n=16)))
        self.add(stmt, A, N(RDF + "Statement"))
        self.add(stmt, N(RDF + "subject"), s)
        self.add(stmt, N(RDF + "predicate"), pred)
        self.add(stmt, N(RDF + "object"), o)
        self.provenance(stmt, fact)

    # ---------------------------------------------------------------- events

    def events(self) -> None:
        """One event node per (kind, date, place) of the project dates this article gives.

        Projects signed (started, completed) on the same day in the same place
        share one event, as a joint signing ceremony does; the same event
        read from another article gets the same IRI.  The place is where the
        article locates the project, else the article's main region.
        """
        groups: dict[tuple[str, str, str], list[Fact]] = {}
        for f in self.result.facts:
            if f.predicate in EVENTS and isinstance(f.obj, DateValue):
                place = self.place_of(f.subject)
                key = (f.predicate, f.obj.iso, place.value if place is not None else "")
                groups.setdefault(key, []).append(f)
        for key in sorted(groups):
            self.event(key, groups[key])

    def place_of(self, project: EntityKey) -> N | None:
        """Where this article locates ``project`` (its first ``locatedIn``), else its region."""
        for f in self.result.facts:
            if f.subject == project and f.predicate == "locatedIn" and isinstance(f.obj, tuple):
                return self.iri(f.obj)
        region = self.doc.region
        return self.iri(region) if region is not None and region in self.result.entities else None

    def event(self, key: tuple[str, str, str], facts: list[Fact]) -> None:
        relation, iso, place = key
        kind, word = EVENTS[relation]
        v = N(mint("event", f"{kind.lower()}-{iso}-{digest(place, n=12)}"))
        self.add(v, A, ont(kind))
        where = ""
        if place:
            self.add(v, N(SDO + "location"), N(place))
            names = sorted(e.name for k, e in self.result.entities.items()
                           if self.iri(k).value == place)
            where = f"{names[0]} " if names else ""
        self.add(v, LABEL, zh(f"{where}{word} {iso}"))
        self.add(v, N(SDO + "startDate"), date_literal(iso))
        self.add(v, N(SDO + "subjectOf"), self.graph)
        sentences = sorted({f.sentence for f in facts if f.sentence is not None})
        for i in sentences:
            self.add(v, N(PROV + "wasDerivedFrom"), self.sentence_node(i))
        projects = {f.subject for f in facts}
        for j in sorted(projects):
            self.add(v, ont("project"), self.iri(j))
        for c in sorted(self.companies_at(projects, sentences)):
            self.add(v, ont("participant"), self.iri(c))
        for p in sorted(self.officials_at(sentences)):
            self.add(v, ont("official"), self.iri(p))

    def companies_at(self, projects: set[EntityKey], sentences: list[int]) -> set[EntityKey]:
        """The investors of ``projects`` in this article, and the companies ``sentences`` name."""
        out = {f.obj for f in self.result.facts  # type: ignore[misc]
               if f.predicate == "investor" and f.subject in projects and isinstance(f.obj, tuple)}
        for m in self.doc.mentions:
            s = self.doc.sentence_at(m.start) if m.type == "Company" else None
            if s is not None and s.index in sentences and (m.type, m.name) in self.result.entities:
                out.add((m.type, m.name))
        return out

    def officials_at(self, sentences: list[int]) -> set[EntityKey]:
        """People whose post is named in ``sentences`` or the :data:`OFFICIAL_WINDOW` after each."""
        near = {i + k for i in sentences for k in range(OFFICIAL_WINDOW + 1)}
        return {f.subject for f in self.result.facts
                if f.predicate == "holdsPost" and f.sentence in near
                and not _PRESS.search(f.title or "")}

    def build(self) -> list[ox.Quad]:
        self.article()
        for key in sorted(self.result.entities):
            self.entity(self.result.entities[key])
        for fact in self.result.facts:
            self.fact(fact)
        self.events()
        # dedupe, deterministic order
        return sorted(set(self.quads), key=quad_sort_key)


def article_quads(result: ArticleResult) -> list[ox.Quad]:
    """All quads of one article's named graph, sorted and without duplicates."""
    return ArticleGraph(result).build()


def term_key(t) -> tuple:
    if isinstance(t, ox.NamedNode):
        return (0, t.value, "", "")
    if isinstance(t, ox.BlankNode):
        return (1, t.value, "", "")
    if isinstance(t, ox.Literal):
        return (2, t.value, t.datatype.value if t.datatype else "", t.language or "")
    return (3, str(t), "", "")


def quad_sort_key(q: ox.Quad) -> str:
    """The quad in N-Quads syntax: a total, deterministic order that is cheap to compute."""
    return str(q)


def triple_sort_key(t: ox.Triple) -> str:
    """The triple in N-Triples syntax (see :func:`quad_sort_key`)."""
    return str(t)
