"""What holds over all articles: support, confidence, time, stages, kept in one derived graph.

An article graph says what one article states; this module computes what
follows from all of them together and keeps it in the named graph
``id/graph/derived`` (:data:`DERIVED`), mirrored into the merge (the default
graph) so that queries without ``GRAPH`` see it and ``graph.ttl`` holds it:

* a ``kg:Fact`` per distinct reified triple (``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``) with ``kg:supportCount`` (distinct
  articles stating it), ``kg:confidence`` (:func:`kg.support.confidence`),
  ``kg:firstObservedOn`` / ``kg:lastObservedOn`` (the earliest and latest
  publication date of those articles) and ``kg:contradicts`` the facts giving
  another amount or date for the same project (:func:`kg.support.contradictions`);
* per project ``kg:stage`` (``kg:Signed``, ``kg:Started``, ``kg:Completed``):
  the furthest stage any article reports;
* per entity and event ``kg:supportCount`` and first/last observation;
* per post (an ``org:Post``: one role in one organisation) ``org:postIn``,
  ``org:role``, ``org:heldBy`` and ``kg:singleHolder``; per membership
  ``kg:inPost``, support, confidence, first/last observation, an
  ``org:memberDuring`` ``time:Interval`` and, where one person holds the post
  at a time, ``kg:followedBy`` the next holder
  (:func:`kg.support.holder_intervals`).

**Kept right incrementally.**  The derived triples of an entity, a subject's
facts or a post depend only on the article graphs that mention it.  Writing
or removing an article (:mod:`kg.merge`) marks the entities, subjects and
posts it touches as *pending*, in the same transaction, in the graph
``id/graph/pending``; :func:`refresh` recomputes the pending ones from the
article graphs and writes the difference, each batch in one transaction
with the removal of its marks.  So a store is never wrong without knowing
it: after a crash the marks are still there, and the next build or removal
completes them.  :func:`rebuild` recomputes everything (the same result).

>>> import pyoxigraph as ox
>>> from kg.merge import replace_article
>>> from kg.vocab import ONT
>>> store = ox.Store()
>>> s, p = "<https://e.org/x>", f"<{ONT}locatedIn>"
>>> def article(name, day):
...     g = f"https://w3id.org/cnkg/id/article/{name}"
...     return g, (f'<{g}> <https://schema.org/datePublished> "{day}" .\\n'
...                f'<{g}/st> a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ; '
...                f'<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> {s} ; '
...                f'<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> {p} ; '
...                f'<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <https://e.org/y> ; '
...                f'<{ONT}extractor> "relations" .\\n')
>>> for name, day in [("a", "2020-01-05"), ("b", "2021-03-01")]:
...     replace_article(store, *article(name, day))
>>> refresh(store)
1
>>> q = "SELECT ?n ?c ?last { ?f kg:supportCount ?n ; kg:confidence ?c ; kg:lastObservedOn ?last }"
>>> [(r["n"].value, r["c"].value, r["last"].value) for r in store.query(q, prefixes={"kg": ONT})]
[('2', '0.91', '2021-03-01')]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import pyoxigraph as ox

from kg import support
from kg.model import ENTITY_TYPES
from kg.rdf import EVENTS, A, date_literal
from kg.vocab import (
    ID,
    ONT,
    ORG,
    RDF,
    RDFS,
    SDO,
    TIME,
    XSD,
    derived_graph_iri,
    fact_iri,
    ont,
)

N = ox.NamedNode
DERIVED = N(derived_graph_iri())
PENDING_GRAPH = N(f"{ID}graph/pending")
PENDING = ont("pending")
POST_PREFIX = f"{ID}post/"
#: Graphs that hold no article.
NOT_ARTICLES = (DERIVED, PENDING_GRAPH)

EVENT_TYPES = tuple(kind for kind, _ in EVENTS.values())
_NODE_TYPE_IRIS = frozenset(f"{ONT}{t}" for t in ENTITY_TYPES + EVENT_TYPES)
_NODE_TYPES = " ".join(f"<{t}>" for t in sorted(_NODE_TYPE_IRIS))
_R = {k: N(RDF + k) for k in ("subject", "predicate", "object")}
_ORG = {k: N(ORG + k) for k in ("Post", "postIn", "role", "heldBy", "memberDuring")}
_TIME = {k: N(TIME + k) for k in ("Interval", "Instant", "hasBeginning", "hasEnd")}
_INT, _DEC, _BOOL = N(XSD + "integer"), N(XSD + "decimal"), N(XSD + "boolean")
_PUBLISHED = N(SDO + "datePublished")

#: SPARQL for the post IRI of ``?o`` and ``?r``: :func:`kg.vocab.post_iri` in SPARQL.
POST_IRI = f'IRI(CONCAT("{POST_PREFIX}", SUBSTR(SHA1(CONCAT(STR(?o), " ", STR(?r))), 1, 16)))'

# what an article graph touches: subjects of its statements, its entities and events, its posts
_MARK = """INSERT {{ GRAPH <{p}> {{ <{p}> <{pending}> ?x . ?x <{org}postIn> ?o ; <{org}role> ?r }}
}}
WHERE {{ GRAPH {g} {{
  {{ ?st a <{rdf}Statement> ; <{rdf}subject> ?x }}
  UNION {{ ?x a ?t VALUES ?t {{ {types} }} }}
  UNION {{ ?m a <{org}Membership> ; <{org}organization> ?o ; <{org}role> ?r . BIND({post} AS ?x) }}
}} {where} }}"""


def mark(graph: str | None = None) -> str:
    """The SPARQL update marking pending what article ``graph`` touches (every article's: None).

    :mod:`kg.merge` runs it in the transaction that writes or removes the
    article: before the old version goes and after the new one is in.
    """
    g = f"<{graph}>" if graph else "?g"
    where = "" if graph else f"FILTER(?g NOT IN (<{DERIVED.value}>, <{PENDING_GRAPH.value}>))"
    return _MARK.format(p=PENDING_GRAPH.value, pending=PENDING.value, org=ORG, rdf=RDF,
                        types=_NODE_TYPES, post=POST_IRI, g=g, where=where)


def pending_count(store: ox.Store) -> int:
    """How many entities, subjects and posts wait for :func:`refresh`."""
    return sum(1 for _ in store.quads_for_pattern(PENDING_GRAPH, PENDING, None, PENDING_GRAPH))


def refresh(store: ox.Store, batch: int = 1000) -> int:
    """Recompute the derived triples of everything pending; return how many were pending.

    Each batch of ``batch`` is one transaction: its new derived triples in,
    its old ones out (of the derived graph and of the merge), its marks gone.
    """
    done = 0
    last = None
    while True:
        marks = list(itertools.islice(
            store.quads_for_pattern(PENDING_GRAPH, PENDING, None, PENDING_GRAPH), batch))
        if not marks:
            _drop_if_empty(store)
            return done
        if marks[0] == last:  # never expected: the marks of the last batch are still there
            raise RuntimeError(f"kg.derived.refresh: cannot clear the mark of {last.object}")
        last = marks[0]
        nodes = [q.object for q in marks]
        posts = {x: _post_key(store, x) for x in nodes if x.value.startswith(POST_PREFIX)}
        others = [x for x in nodes if x not in posts]
        new = _derive(store, others, posts)
        old = _owned(store, others, list(posts))
        done_marks = marks + [q for x in posts
                              for q in store.quads_for_pattern(x, None, None, PENDING_GRAPH)]
        store.update(_write(old - new, new - old, done_marks))
        done += len(nodes)


def _drop_if_empty(store: ox.Store) -> None:
    """Forget the pending and derived graphs when they hold nothing (a graph outlives its quads)."""
    for g in (PENDING_GRAPH, DERIVED):
        if (store.contains_named_graph(g)
                and next(store.quads_for_pattern(None, None, None, g), None) is None):
            store.remove_graph(g)


def rebuild(store: ox.Store) -> None:
    """Recompute the derived graph from all article graphs (what :func:`refresh` keeps)."""
    d = DERIVED.value
    store.update(f"""DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{d}> {{ ?s ?p ?o }}
        FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != <{d}>) }} }} ;
        DROP SILENT GRAPH <{d}> ; DROP SILENT GRAPH <{PENDING_GRAPH.value}> ;
        {mark()}""")
    refresh(store)


# ---------------------------------------------------------------- computing


def _post_key(store: ox.Store, post: N) -> tuple[N, N] | None:
    """The organisation and role of a pending post (the marks keep them)."""
    o = next(store.quads_for_pattern(post, _ORG["postIn"], None, PENDING_GRAPH), None)
    r = next(store.quads_for_pattern(post, _ORG["role"], None, PENDING_GRAPH), None)
    return (o.object, r.object) if o is not None and r is not None else None


def _values(terms: Iterable) -> str:
    return " ".join(str(t) for t in terms)


def _rows(store: ox.Store, query: str):
    return store.query(query, use_default_graph_as_union=False)


class Dates:
    """The publication date of each article, looked up once: ``dates(article)`` (or None)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.known: dict[str, str | None] = {}

    def __call__(self, article: ox.NamedNode) -> str | None:
        if article.value not in self.known:
            q = next(self.store.quads_for_pattern(article, _PUBLISHED, None, article), None)
            self.known[article.value] = q.object.value if q is not None else None
        return self.known[article.value]


def _derive(store: ox.Store, nodes: list, posts: dict) -> set[ox.Triple]:
    """The derived triples of ``nodes`` (entities, events, subjects) and ``posts``."""
    out: set[ox.Triple] = set()
    dates = Dates(store)
    if nodes:
        out |= _fact_triples(store, nodes, dates)
        out |= _node_triples(store, nodes, dates)
    for post, key in sorted(posts.items(), key=lambda kv: kv[0].value):
        if key is not None:
            out |= _post_triples(store, post, *key, dates=dates)
    return out


def _observed(triples: set, node, dates: list[str | None]) -> None:
    """``kg:firstObservedOn`` and ``kg:lastObservedOn`` of ``node`` from its articles' dates."""
    first_last = support.span(dates)
    if first_last:
        triples.add(ox.Triple(node, ont("firstObservedOn"), date_literal(first_last[0])))
        triples.add(ox.Triple(node, ont("lastObservedOn"), date_literal(first_last[1])))


def _counted(triples: set, node, n: int, priors: list[float] | None = None) -> None:
    triples.add(ox.Triple(node, ont("supportCount"), ox.Literal(str(n), datatype=_INT)))
    if priors is not None:
        c = f"{support.confidence(priors):.3f}".rstrip("0")
        triples.add(ox.Triple(node, ont("confidence"), ox.Literal(c + "0" * c.endswith("."),
                                                                 datatype=_DEC)))


def _fact_triples(store: ox.Store, subjects: list, dates: Dates) -> set[ox.Triple]:
    """``kg:Fact`` nodes of every triple the articles reify about ``subjects``; project stages."""
    q = f"""SELECT ?s ?p ?o ?a ?x WHERE {{ VALUES ?s {{ {_values(subjects)} }}
        GRAPH ?a {{ ?st <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o .
                   OPTIONAL {{ ?st <{ONT}extractor> ?x }} }}
        FILTER(?a != <{DERIVED.value}>) }}"""
    seen: dict[tuple, dict] = {}  # (s, p, o) -> article -> [priors, date]
    for r in _rows(store, q):
        key = (r["s"], r["p"], r["o"])
        p_local = r["p"].value.rsplit("#", 1)[-1]
        obs = seen.setdefault(key, {}).setdefault(r["a"].value, [0.0, None])
        obs[0] = max(obs[0], support.prior(r["x"].value if r["x"] else "", p_local))
        obs[1] = dates(r["a"])
    out: set[ox.Triple] = set()
    facts: dict[tuple, N] = {}
    for (s, p, o), articles in seen.items():
        f = facts[(s, p, o)] = N(fact_iri(str(s), str(p), str(o)))
        out |= {ox.Triple(f, A, ont("Fact")), ox.Triple(f, _R["subject"], s),
                ox.Triple(f, _R["predicate"], p), ox.Triple(f, _R["object"], o)}
        _counted(out, f, len(articles), [v[0] for v in articles.values()])
        _observed(out, f, [v[1] for v in articles.values()])
    out |= _contradictions(facts)
    out |= _stages(facts)
    return out


def _contradictions(facts: dict[tuple, N]) -> set[ox.Triple]:
    """``kg:contradicts`` both ways between facts giving one subject two values that clash."""
    out: set[ox.Triple] = set()
    by_relation: dict[tuple, dict[str, N]] = {}
    for (s, p, o), f in facts.items():
        by_relation.setdefault((s, p.value.rsplit("#", 1)[-1]), {})[o.value] = f
    for (_s, relation), values in by_relation.items():
        for a, b in support.contradictions(relation, values):
            out.add(ox.Triple(values[a], ont("contradicts"), values[b]))
            out.add(ox.Triple(values[b], ont("contradicts"), values[a]))
    return out


def _stages(facts: dict[tuple, N]) -> set[ox.Triple]:
    relations: dict = {}
    for s, p, _o in facts:
        relations.setdefault(s, set()).add(p.value.rsplit("#", 1)[-1])
    return {ox.Triple(s, ont("stage"), ont(st)) for s, rels in relations.items()
            if (st := support.stage(rels)) is not None}


def _node_triples(store: ox.Store, nodes: list, dates: Dates) -> set[ox.Triple]:
    """Support and first/last observation of entities and events: the articles typing them."""
    q = f"""SELECT ?e ?a ?t WHERE {{ VALUES ?e {{ {_values(nodes)} }} GRAPH ?a {{ ?e a ?t }} }}"""
    seen: dict = {}
    for r in _rows(store, q):
        if r["t"].value in _NODE_TYPE_IRIS:
            seen.setdefault(r["e"], {})[r["a"].value] = dates(r["a"])
    out: set[ox.Triple] = set()
    for e, articles in seen.items():
        _counted(out, e, len(articles))
        _observed(out, e, list(articles.values()))
    return out


def _post_triples(store: ox.Store, post: N, org: N, role: N, *,
                  dates: Dates) -> set[ox.Triple]:
    """The post, its memberships' support and time, and the sequence of its holders."""
    q = f"""SELECT ?m ?person ?a ?x WHERE {{
        GRAPH ?a {{ ?m <{ORG}organization> {org} ; <{ORG}role> {role} ; <{ORG}member> ?person .
                   OPTIONAL {{ ?m <{ONT}extractor> ?x }} }}
        FILTER(?a NOT IN (<{DERIVED.value}>, <{PENDING_GRAPH.value}>)) }}"""
    seen: dict = {}  # membership -> article -> [prior, date]
    people: dict = {}
    for r in _rows(store, q):
        people[r["m"]] = r["person"]
        obs = seen.setdefault(r["m"], {}).setdefault(r["a"].value, [0.0, None])
        obs[0] = max(obs[0], support.prior(r["x"].value if r["x"] else "", "holdsPost"))
        obs[1] = dates(r["a"])
    if not seen:
        return set()
    titles = sorted(q.object.value for q in store.quads_for_pattern(role, N(RDFS + "label"), None,
                                                                     ox.DefaultGraph()))
    sequential = support.single_holder(titles[0] if titles else "")
    out = {ox.Triple(post, A, _ORG["Post"]), ox.Triple(post, _ORG["postIn"], org),
           ox.Triple(post, _ORG["role"], role),
           ox.Triple(post, ont("singleHolder"),
                     ox.Literal("true" if sequential else "false", datatype=_BOOL))}
    for m, articles in seen.items():
        out.add(ox.Triple(post, _ORG["heldBy"], people[m]))
        out.add(ox.Triple(m, ont("inPost"), post))
        _counted(out, m, len(articles), [v[0] for v in articles.values()])
        _observed(out, m, [v[1] for v in articles.values()])
    dates = {m.value: [v[1] for v in articles.values()] for m, articles in seen.items()}
    intervals = support.holder_intervals(dates, sequential)
    for m, (begin, end) in intervals.items():
        out |= _interval(N(m), begin, end)
    if sequential:
        for m, nxt in support.successors(intervals).items():
            out.add(ox.Triple(N(m), ont("followedBy"), N(nxt)))
    return out


_IN_XSD = {"date": "inXSDDate", "gYearMonth": "inXSDgYearMonth", "gYear": "inXSDgYear"}


def _interval(m: N, begin: str, end: str) -> set[ox.Triple]:
    """``m org:memberDuring`` a ``time:Interval`` from ``begin`` to ``end`` (OWL-Time instants).

    The interval is ``id/interval/X`` for the membership ``id/membership/X``;
    its instants ``id/instant/X-begin`` and ``id/instant/X-end``.
    """
    local = m.value.rsplit("/", 1)[-1]
    iv = N(f"{ID}interval/{local}")
    out = {ox.Triple(m, _ORG["memberDuring"], iv), ox.Triple(iv, A, _TIME["Interval"])}
    for edge, day in (("hasBeginning", begin), ("hasEnd", end)):
        t = N(f"{ID}instant/{local}-{'begin' if edge == 'hasBeginning' else 'end'}")
        lit = date_literal(day)
        kind = lit.datatype.value.rsplit("#", 1)[-1] if lit.datatype else "date"
        out |= {ox.Triple(iv, _TIME[edge], t), ox.Triple(t, A, _TIME["Instant"]),
                ox.Triple(t, N(TIME + _IN_XSD.get(kind, "inXSDDate")), lit)}
    return out


# ---------------------------------------------------------------- what is there now

_NODE_PREDICATES = tuple(ont(p) for p in ("stage", "supportCount", "firstObservedOn",
                                          "lastObservedOn"))


def _owned(store: ox.Store, nodes: list, posts: list) -> set[ox.Triple]:
    """The derived triples stored for ``nodes`` and ``posts`` (what :func:`_derive` replaces)."""
    out: set[ox.Triple] = set()

    def subject(x) -> None:
        out.update(q.triple for q in store.quads_for_pattern(x, None, None, DERIVED))

    for x in nodes:
        for q in store.quads_for_pattern(None, _R["subject"], x, DERIVED):
            subject(q.subject)
        for p in _NODE_PREDICATES:
            out.update(q.triple for q in store.quads_for_pattern(x, p, None, DERIVED))
    for post in posts:
        subject(post)
        for q in store.quads_for_pattern(None, ont("inPost"), post, DERIVED):
            subject(q.subject)
            for iv in store.quads_for_pattern(q.subject, _ORG["memberDuring"], None, DERIVED):
                subject(iv.object)
                for edge in ("hasBeginning", "hasEnd"):
                    for t in store.quads_for_pattern(iv.object, _TIME[edge], None, DERIVED):
                        subject(t.object)
    return out


def _write(gone: set[ox.Triple], new: set[ox.Triple], marks: list[ox.Quad]) -> str:
    """One update: ``gone`` out of the derived graph and the merge, ``new`` in, ``marks`` done."""
    def nt(triples) -> str:
        return "\n".join(f"{t.subject} {t.predicate} {t.object} ."
                         for t in sorted(triples, key=str))

    ops = []
    if gone:
        ops.append(f"DELETE DATA {{ GRAPH <{DERIVED.value}> {{ {nt(gone)} }}\n{nt(gone)} }}")
    if new:
        ops.append(f"INSERT DATA {{ GRAPH <{DERIVED.value}> {{ {nt(new)} }}\n{nt(new)} }}")
    done = nt(q.triple for q in marks)
    ops.append(f"DELETE DATA {{ GRAPH <{PENDING_GRAPH.value}> {{ {done} }} }}")
    return " ;\n".join(ops)


# ---------------------------------------------------------------- filtering


def supported_only(store: ox.Store, n: int) -> None:
    """Remove from ``store`` (every graph) what fewer than ``n`` distinct articles support.

    ``store``'s default graph must hold the merge with the derived triples
    (as a built store's does).  Gone are: facts (the triple, its statements in
    each article and its ``kg:Fact``), memberships (with their intervals and
    their place in a post), events, and entities with all triples naming them.
    """
    count = ont("supportCount")
    low = [q.subject for q in store.quads_for_pattern(None, count, None, ox.DefaultGraph())
           if int(q.object.value) < n]
    kinds = {x: {t.value for t in _types(store, x)} for x in low}
    for x in low:  # facts first: they are found through their subjects and objects
        if ONT + "Fact" in kinds[x]:
            _drop_fact(store, x)
    for x in low:
        if ORG + "Membership" in kinds[x]:
            _drop_membership(store, x)
    for q in list(store.quads_for_pattern(None, A, _ORG["Post"], ox.DefaultGraph())):
        if next(store.quads_for_pattern(q.subject, _ORG["heldBy"], None, None), None) is None:
            _drop_all(store, q.subject)  # a post none of whose holders is left
    for x in low:  # entities and events
        if not kinds[x] & {ONT + "Fact", ORG + "Membership"}:
            _drop_all(store, x, as_object=True)


def _types(store: ox.Store, x) -> list:
    return [q.object for q in store.quads_for_pattern(x, A, None, ox.DefaultGraph())]


def _drop_all(store: ox.Store, x, as_object: bool = False) -> None:
    quads = list(store.quads_for_pattern(x, None, None, None))
    if as_object:
        quads += store.quads_for_pattern(None, None, x, None)
    for q in quads:
        store.remove(q)


def _drop_fact(store: ox.Store, f) -> None:
    """The triple a ``kg:Fact`` stands for, every statement of it, and the fact node."""
    def part(name: str):
        q = next(store.quads_for_pattern(f, _R[name], None, ox.DefaultGraph()), None)
        return q.object if q is not None else None

    s, p, o = part("subject"), part("predicate"), part("object")
    if s is None or p is None or o is None:
        return
    for q in list(store.quads_for_pattern(s, p, o, None)):
        store.remove(q)
    for q in list(store.quads_for_pattern(None, _R["subject"], s, None)):
        st = q.subject
        if (next(store.quads_for_pattern(st, _R["predicate"], p, None), None) is not None
                and next(store.quads_for_pattern(st, _R["object"], o, None), None) is not None):
            _drop_all(store, st, as_object=True)


def _drop_membership(store: ox.Store, m) -> None:
    """A membership, its interval and instants, its successor links and its post's holder."""
    for iv in list(store.quads_for_pattern(m, _ORG["memberDuring"], None, None)):
        for edge in ("hasBeginning", "hasEnd"):
            for t in list(store.quads_for_pattern(iv.object, _TIME[edge], None, None)):
                _drop_all(store, t.object)
        _drop_all(store, iv.object)
    people = [q.object for q in store.quads_for_pattern(m, N(ORG + "member"), None, None)]
    for post in [q.object for q in store.quads_for_pattern(m, ont("inPost"), None, None)]:
        for person in people:
            for q in list(store.quads_for_pattern(post, _ORG["heldBy"], person, None)):
                store.remove(q)
    _drop_all(store, m, as_object=True)
