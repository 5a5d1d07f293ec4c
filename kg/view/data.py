"""Read the view's data out of a store: nodes, facts with provenance, regions.

The store holds one named graph per article (or everything in the default
graph, when it was loaded from a merged Turtle file); quads are read from all
graphs and deduplicated.  Nothing here depends on the order of the store.

>>> from kg.view.sample import sample_store
>>> data = extract(sample_store(30))
>>> sorted({n.type for n in data.nodes})[:3]
['Article', 'City', 'Company']
>>> all(isinstance(f.sources, tuple) for f in data.facts)
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.labels import ranked_labels
from kg.model import REGION_TYPES
from kg.vocab import DCT, ONT, ORG, PROV, RDF, RDFS, SDO, SKOS

N = ox.NamedNode

# (local name, Chinese label, vis-network shape, colour); the order is the legend order
TYPE_STYLES: tuple[tuple[str, str, str, str], ...] = (
    ("Province", "省", "hexagon", "#6a3d9a"),
    ("City", "市", "hexagon", "#9467bd"),
    ("District", "区县", "square", "#1f77b4"),
    ("Zone", "园区", "triangleDown", "#17becf"),
    ("GovernmentBody", "政府机构", "diamond", "#d62728"),
    ("Organization", "组织", "diamond", "#e377c2"),
    ("Company", "企业", "dot", "#ff7f0e"),
    ("Project", "项目", "triangle", "#2ca02c"),
    ("Person", "人物", "star", "#b8860b"),
    ("Article", "文章", "square", "#7f7f7f"),
)
OTHER_STYLE = ("dot", "#a0a0a0")
TYPE_ORDER = {t[0]: i for i, t in enumerate(TYPE_STYLES)}
# kg: classes that are not drawn as nodes
HIDDEN_CLASSES = {"Sentence", "Byline"}

# relation key -> (label, inverse label); keys are kg.model.RELATIONS plus mentions and divisionCode
RELATION_LABELS: dict[str, tuple[str, str]] = {
    "partOf": ("隶属", "下辖"),
    "locatedIn": ("位于", "辖内"),
    "investor": ("投资方", "投资项目"),
    "holdsPost": ("任职", "任职人员"),
    "reportedBy": ("报道者", "报道"),
    "mentions": ("提及", "见于"),
    "totalInvestment": ("总投资", "总投资"),
    "signedOn": ("签约日期", "签约日期"),
    "startedOn": ("开工日期", "开工日期"),
    "completedOn": ("竣工日期", "竣工日期"),
    "divisionCode": ("行政区划代码", "行政区划代码"),
}
CONTAINMENT = ("partOf", "locatedIn")
# kg: predicates that are bookkeeping, not facts to show
INTERNAL_PREDICATES = {"sha256", "sentenceIndex", "extractor", "article", "person", "role"}

@dataclass
class Node:
    """One drawn node: an entity or an article."""

    iri: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    degree: int = 0  # distinct neighbours, article mentions included
    relations: int = 0  # distinct neighbours through facts (what ranks nodes)
    article: int = -1  # index into ViewData.articles for article nodes


@dataclass(frozen=True)
class Fact:
    """A relation or value of a node, with the sentences it was read from.

    ``subject``/``object`` are node indices; ``object`` is -1 for a value
    (then ``value`` holds the text to show).  ``label`` is the role title of
    a post or a byline.
    """

    subject: int
    relation: str
    object: int
    value: str | None
    label: str | None
    sources: tuple[int, ...]


@dataclass(frozen=True)
class Article:
    iri: str
    title: str
    name: str
    published: str


@dataclass
class ViewData:
    """Everything the page shows; node indices refer to :attr:`nodes`."""

    nodes: list[Node] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (article node, entity node)
    sentences: list[tuple[str, int]] = field(default_factory=list)  # (text, article index)
    articles: list[Article] = field(default_factory=list)


def format_amount(value: str, currency: str) -> str:
    """Show a monetary amount the way Chinese news writes it.

    >>> format_amount("200000000.0", "CNY")
    '2亿元'
    >>> format_amount("35000000", "CNY")
    '3500万元'
    >>> format_amount("1500.5", "USD")
    '1500.5 USD'
    """
    try:
        v = float(value)
    except ValueError:
        return f"{value} {currency}".strip()
    if currency in ("CNY", ""):
        for unit, name in ((1e8, "亿元"), (1e4, "万元")):
            if abs(v) >= unit:
                return f"{v / unit:.4f}".rstrip("0").rstrip(".") + name
        return f"{v:.2f}".rstrip("0").rstrip(".") + "元"
    return f"{v:.2f}".rstrip("0").rstrip(".") + f" {currency}"


def format_date(term) -> str:
    """``2021-03-05`` → ``2021年3月5日``; partial dates likewise; others unchanged.

    >>> format_date(ox.Literal("--04-01", datatype=N("http://www.w3.org/2001/XMLSchema#gMonthDay")))
    '4月1日'
    >>> format_date(ox.Literal("2022-06"))
    '2022年6月'
    """
    s = term.value if isinstance(term, ox.Literal) else str(term)
    parts = s.split("-")
    try:
        if len(parts) == 3 and parts[0]:
            return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
        if len(parts) == 2:
            return f"{int(parts[0])}年{int(parts[1])}月"
        if len(parts) == 4 and parts[0] == parts[1] == "":
            return f"{int(parts[2])}月{int(parts[3])}日"
        if len(parts) == 1 and len(s) == 4:
            return f"{int(s)}年"
    except ValueError:
        pass
    return s


def _rows(store: ox.Store, query: str):
    """Rows of a SPARQL SELECT over the union of all graphs (default graph included)."""
    return store.query(PROLOGUE + query, use_default_graph_as_union=True)


PROLOGUE = f"""PREFIX kg: <{ONT}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
PREFIX org: <{ORG}>
PREFIX prov: <{PROV}>
PREFIX schema: <{SDO}>
PREFIX dcterms: <{DCT}>
"""
_INTERNAL = ", ".join(f"kg:{p}" for p in sorted(INTERNAL_PREDICATES))
_HIDDEN = ", ".join(f"kg:{c}" for c in sorted(HIDDEN_CLASSES))


def extract(store: ox.Store) -> ViewData:
    """Read nodes, facts, provenance and articles from ``store``.

    Nodes come sorted by IRI here; :func:`kg.view.render.select` ranks them.
    """
    # ---- nodes: every IRI typed with a kg: class (not Sentence/Byline)
    types: dict[str, str] = {}
    for s, o in _rows(store, f"""SELECT DISTINCT ?s ?t WHERE {{ ?s a ?t
            FILTER(isIRI(?s) && STRSTARTS(STR(?t), STR(kg:)) && ?t NOT IN ({_HIDDEN})) }}"""):
        t = o.value[len(ONT):]
        old = types.get(s.value)
        if old is None or (TYPE_ORDER.get(t, 99), t) < (TYPE_ORDER.get(old, 99), old):
            types[s.value] = t

    labels: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    other_labels: dict[str, str] = {}  # role nodes and the like
    for s, o in _rows(store, "SELECT DISTINCT ?s ?l WHERE { ?s rdfs:label ?l FILTER(isLiteral(?l)) }"):
        if s.value in types:
            labels[s.value].add(o.value)
        elif s.value not in other_labels or o.value < other_labels[s.value]:
            other_labels[s.value] = o.value
    for s, o in _rows(store, "SELECT DISTINCT ?s ?l WHERE { ?s skos:altLabel ?l FILTER(isLiteral(?l)) }"):
        if s.value in types:
            aliases[s.value].add(o.value)

    # ---- articles: title, file name, date
    art_fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for a, p, v in _rows(store, """SELECT DISTINCT ?a ?p ?v WHERE {
            VALUES ?p { dcterms:title schema:name schema:datePublished } ?a ?p ?v FILTER(isLiteral(?v)) }"""):
        art_fields[a.value][p.value].add(v.value)
    article_iris = {i for i, t in types.items() if t == "Article"}

    # ---- sentences
    sent_text: dict[str, str] = {}
    sent_article: dict[str, str] = {}
    for s, text, a in _rows(store, """SELECT DISTINCT ?s ?text ?a WHERE {
            ?s rdf:value ?text FILTER(isLiteral(?text)) OPTIONAL { ?s prov:wasQuotedFrom ?a } }"""):
        if s.value not in sent_text or text.value < sent_text[s.value]:
            sent_text[s.value] = text.value
        if a is not None and (s.value not in sent_article or a.value < sent_article[s.value]):
            sent_article[s.value] = a.value
    article_iris |= set(sent_article.values())

    data = ViewData()
    art_index: dict[str, int] = {}
    for iri in sorted(article_iris):
        f = art_fields.get(iri, {})
        title = ranked_labels(f.get(DCT + "title", set()))
        name = sorted(f.get(SDO + "name", set()))
        date = sorted(f.get(SDO + "datePublished", set()))
        art_index[iri] = len(data.articles)
        data.articles.append(Article(iri, title[0] if title else "", name[0] if name else "",
                                     format_date(ox.Literal(date[0])) if date else ""))

    index: dict[str, int] = {}
    for iri in sorted(types):
        t = types[iri]
        if t == "Article":
            a = data.articles[art_index[iri]]
            names = [n for n in (a.title, a.name) if n]
            node = Node(iri, t, names[0] if names else iri, tuple(names[1:]), article=art_index[iri])
        else:
            names = ranked_labels(labels.get(iri, set()))
            label = names[0] if names else iri.rsplit("/", 1)[-1]
            alias = sorted((aliases.get(iri, set()) | set(names[1:])) - {label})
            node = Node(iri, t, label, tuple(alias))
        index[iri] = len(data.nodes)
        data.nodes.append(node)

    sent_index: dict[str, int] = {}

    def sources(iris) -> tuple[int, ...]:
        out = []
        for s in sorted(iris):
            if s not in sent_text:
                continue
            if s not in sent_index:
                sent_index[s] = len(data.sentences)
                data.sentences.append((sent_text[s], art_index.get(sent_article.get(s, ""), -1)))
            out.append(sent_index[s])
        return tuple(out)

    # ---- provenance of direct facts: rdf:Statement -> sentences
    prov: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, sent in _rows(store, """SELECT DISTINCT ?s ?p ?o ?sent WHERE {
            ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sent }"""):
        prov[(s.value, p.value, _key(o))].add(sent.value)

    # byline roles: (article, person) -> role
    byline_role: dict[tuple[str, str], str] = {}
    for a, person, role in _rows(store, """SELECT DISTINCT ?a ?p ?r WHERE {
            ?b a kg:Byline ; kg:article ?a ; kg:person ?p ; kg:role ?r }"""):
        k = (a.value, person.value)
        if k not in byline_role or role.value < byline_role[k]:
            byline_role[k] = role.value

    # ---- direct facts: every kg: predicate whose subject is a node
    facts: dict[tuple, set[int]] = defaultdict(set)
    for s, p, o, value, currency in _rows(store, f"""SELECT DISTINCT ?s ?p ?o ?v ?c WHERE {{
            ?s ?p ?o FILTER(STRSTARTS(STR(?p), STR(kg:)) && ?p NOT IN ({_INTERNAL}))
            OPTIONAL {{ ?o schema:value ?v OPTIONAL {{ ?o schema:currency ?c }} }} }}
            ORDER BY ?s ?p ?o ?v ?c"""):
        si = index.get(s.value)
        if si is None:
            continue
        rel = p.value[len(ONT):]
        src = sources(prov.get((s.value, p.value, _key(o)), ()))
        if isinstance(o, ox.Literal):
            text = format_date(o) if rel.endswith("On") else o.value
            facts[(si, rel, -1, text, None)].update(src)
        elif o.value in index:
            label = byline_role.get((s.value, o.value)) if rel == "reportedBy" else None
            facts[(si, rel, index[o.value], None, label)].update(src)
        elif value is not None:
            text = format_amount(value.value, currency.value if currency is not None else "")
            facts[(si, rel, -1, text, None)].update(src)

    # ---- posts: org:Membership
    for _m, member, organisation, role, sent in _rows(store, """SELECT DISTINCT ?m ?p ?o ?r ?sent WHERE {
            ?m org:member ?p ; org:organization ?o OPTIONAL { ?m org:role ?r }
            OPTIONAL { ?m prov:wasDerivedFrom ?sent } } ORDER BY ?m ?p ?o ?r ?sent"""):
        if member.value in index and organisation.value in index:
            title = other_labels.get(role.value) if role is not None else None
            key = (index[member.value], "holdsPost", index[organisation.value], None, title or None)
            facts[key].update(sources([sent.value] if sent is not None else []))

    data.facts = [Fact(*k, tuple(sorted(v))) for k, v in sorted(facts.items(), key=_fact_key)]
    data.mentions = sorted(
        {(index[a.value], index[e.value])
         for a, e in _rows(store, "SELECT DISTINCT ?a ?e WHERE { ?a schema:mentions ?e }")
         if a.value in index and e.value in index and a.value != e.value}
    )
    # degree: distinct neighbours over drawn edges; relations: the same without mentions
    neigh: dict[int, set[int]] = defaultdict(set)
    for f in data.facts:
        if f.object >= 0 and f.object != f.subject:
            neigh[f.subject].add(f.object)
            neigh[f.object].add(f.subject)
    for i, node in enumerate(data.nodes):
        node.relations = len(neigh.get(i, ()))
    for a, e in data.mentions:
        neigh[a].add(e)
        neigh[e].add(a)
    for i, node in enumerate(data.nodes):
        node.degree = len(neigh.get(i, ()))
    return data


def _key(term) -> str:
    """A string key telling literals from IRIs."""
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        return f"L{term.value}\x1f{dt}\x1f{term.language or ''}"
    return f"I{term.value}"


def _fact_key(item) -> tuple:
    (s, rel, o, value, label), _ = item
    return (s, rel, o, value or "", label or "")


def containment_parents(data: ViewData) -> dict[int, list[int]]:
    """node -> the regions it is directly part of / located in."""
    regions = {i for i, n in enumerate(data.nodes) if n.type in REGION_TYPES}
    parents: dict[int, set[int]] = defaultdict(set)
    for f in data.facts:
        if f.relation in CONTAINMENT and f.object in regions and f.object != f.subject:
            parents[f.subject].add(f.object)
    return {k: sorted(v) for k, v in parents.items()}


def ancestors(data: ViewData) -> list[frozenset[int]]:
    """For each node, the regions it lies in (transitively), itself included if a region."""
    parents = containment_parents(data)
    memo: dict[int, frozenset[int]] = {}

    def anc(i: int) -> frozenset[int]:
        if i in memo:
            return memo[i]
        # iterative DFS, safe for cycles and deep chains
        seen: set[int] = set()
        stack = [i]
        while stack:
            j = stack.pop()
            for p in parents.get(j, ()):
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        if data.nodes[i].type in REGION_TYPES:
            seen.add(i)
        memo[i] = frozenset(seen)
        return memo[i]

    return [anc(i) for i in range(len(data.nodes))]


def region_scopes(data: ViewData, anc: list[frozenset[int]] | None = None) -> list[frozenset[int]]:
    """For each node, the regions whose view includes it.

    A region's view is what lies in it (``partOf``/``locatedIn``,
    transitively) and what is directly related to those: the people holding
    posts there, investors of projects there, the articles mentioning them.
    """
    anc = ancestors(data) if anc is None else anc
    scope = [set(a) for a in anc]
    for f in data.facts:
        if f.object < 0 or f.relation in CONTAINMENT:
            continue
        scope[f.subject] |= anc[f.object]
        scope[f.object] |= anc[f.subject]
    for a, e in data.mentions:
        scope[a] |= anc[e]
    return [frozenset(s) for s in scope]


def home_groups(data: ViewData, anc: list[frozenset[int]] | None = None) -> list[int]:
    """A layout group per node: its most specific district/city/province.

    Nodes outside any region take the most common group of their neighbours;
    the rest are grouped by connected component (small ones pooled).
    """
    anc = ancestors(data) if anc is None else anc
    n = len(data.nodes)
    depth: dict[int, int] = {}
    for i in range(n):
        if data.nodes[i].type in REGION_TYPES:
            depth[i] = len(anc[i])
    home = [-1] * n
    for i in range(n):
        cands = [r for r in anc[i] if data.nodes[r].type != "Zone"] or list(anc[i])
        if cands:
            home[i] = max(cands, key=lambda r: (depth.get(r, 0), -r))
    adj: dict[int, list[int]] = defaultdict(list)
    for f in data.facts:
        if f.object >= 0:
            adj[f.subject].append(f.object)
            adj[f.object].append(f.subject)
    for a, e in data.mentions:
        adj[a].append(e)
        adj[e].append(a)
    for _ in range(2):
        updates = {}
        for i in range(n):
            if home[i] < 0:
                votes = Counter(home[j] for j in adj.get(i, ()) if home[j] >= 0)
                if votes:
                    updates[i] = min(votes, key=lambda g: (-votes[g], g))
        for i, g in updates.items():
            home[i] = g
    # components of the rest
    misc = -1
    for i in range(n):
        if home[i] >= 0:
            continue
        comp, stack = [i], [i]
        home[i] = i
        while stack:
            j = stack.pop()
            for k in adj.get(j, ()):
                if home[k] < 0:
                    home[k] = i
                    comp.append(k)
                    stack.append(k)
        if len(comp) < 3:
            misc = i if misc < 0 else misc
            for j in comp:
                home[j] = misc
    return home
