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
from itertools import product

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
#: source sentences kept per fact (the page says how many more state it)
MAX_SOURCES = 5


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
    a post or a byline.  ``sources`` are the first :data:`MAX_SOURCES`
    sentences in reading order, ``more`` counts the others, and
    ``articles`` lists every article that states the fact.
    """

    subject: int
    relation: str
    object: int
    value: str | None
    label: str | None
    sources: tuple[int, ...]
    more: int = 0  # sentences stating the fact beyond ``sources`` (see MAX_SOURCES)
    articles: tuple[int, ...] = ()  # every article with a sentence stating the fact


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


# ---------------------------------------------------------------- reading the store
#
# One pass over the quads, one article graph at a time.  What is joined inside
# an article (a statement with its sentences, a post with its person, body and
# role, a byline) is joined while that graph's quads are at hand and then
# dropped; what spans articles (types, names, the facts themselves, sentences
# per fact) is kept once per entity or fact.  Memory grows with the number of
# distinct entities and facts, plus at most ``max_sources`` sentences per fact
# and the articles stating it; time grows with the number of quads.

_TYPE = RDF + "type"
_BYLINE = ONT + "Byline"
_BYLINE_ROLE = ONT + "role"
_VALUE = RDF + "value"
_QUOTED = PROV + "wasQuotedFrom"
# what each predicate is to the reader; a predicate not here is skipped
(_C_TYPE, _C_FACT, _C_STATEMENT, _C_DERIVED, _C_VALUE, _C_QUOTED, _C_MENTIONS, _C_LABEL, _C_ALT,
 _C_POST, _C_BYLINE, _C_ARTICLE, _C_AMOUNT) = range(13)
_CODES: dict[str, int] = {
    _TYPE: _C_TYPE,
    RDF + "subject": _C_STATEMENT, RDF + "predicate": _C_STATEMENT, RDF + "object": _C_STATEMENT,
    PROV + "wasDerivedFrom": _C_DERIVED,
    _VALUE: _C_VALUE,
    _QUOTED: _C_QUOTED,
    SDO + "mentions": _C_MENTIONS,
    RDFS + "label": _C_LABEL,
    SKOS + "altLabel": _C_ALT,
    ORG + "member": _C_POST, ORG + "organization": _C_POST, ORG + "role": _C_POST,
    ONT + "article": _C_BYLINE, ONT + "person": _C_BYLINE, _BYLINE_ROLE: _C_BYLINE,
    DCT + "title": _C_ARTICLE, SDO + "name": _C_ARTICLE, SDO + "datePublished": _C_ARTICLE,
    SDO + "value": _C_AMOUNT, SDO + "currency": _C_AMOUNT,
}
# the position of a part in a statement, post, byline or amount
_PARTS: dict[str, int] = {
    RDF + "subject": 0, RDF + "predicate": 1, RDF + "object": 2,
    ORG + "member": 0, ORG + "organization": 1, ORG + "role": 2,
    ONT + "article": 0, ONT + "person": 1, _BYLINE_ROLE: 2,
    SDO + "value": 0, SDO + "currency": 1,
}


def _code(predicate: str) -> int | None:
    """How the reader treats ``predicate``: a known part, a kg: fact, or nothing (None)."""
    if predicate in _CODES:
        return _CODES[predicate]
    if predicate.startswith(ONT) and predicate[len(ONT):] not in INTERNAL_PREDICATES:
        return _C_FACT
    return None


def _sentence_key(iri: str, article: str) -> tuple[str, int, str]:
    """Order of sentences: by article, then as written (``…/s2`` before ``…/s10``)."""
    return (article, len(iri), iri)


@dataclass
class _Sources:
    """The sentences stating one fact: the first ``cap`` in reading order, and how many in all.

    ``kept`` holds ``(sort key, sentence IRI, text, article IRI)``.
    """

    kept: list[tuple[tuple[str, int, str], str, str, str]] = field(default_factory=list)
    count: int = 0
    articles: set[str] = field(default_factory=set)

    def add(self, sentence: str, text: str, article: str, cap: int) -> None:
        """Count one sentence; keep it if it is among the first ``cap``."""
        item = (_sentence_key(sentence, article), sentence, text, article)
        for kept in self.kept:
            if kept[1] == sentence:  # the same sentence from another graph (a copied graph)
                return
        self.count += 1
        if article:
            self.articles.add(article)
        if len(self.kept) < cap:
            self.kept.append(item)
        else:
            worst = max(self.kept)
            if item < worst:
                self.kept[self.kept.index(worst)] = item

    def merged(self, other: _Sources, cap: int) -> _Sources:
        """A new record with the sentences of both (two facts that show the same, e.g. a date
        in two datatypes)."""
        out = _Sources(list(self.kept), self.count, set(self.articles))
        for _, sentence, text, article in other.kept:
            out.add(sentence, text, article, cap)
        out.count += other.count - len(other.kept)
        out.articles |= other.articles
        return out


class _Reader:
    """Accumulates what the view needs from the store's quads, one graph at a time."""

    def __init__(self, store: ox.Store, cap: int) -> None:
        self.store = store
        self.cap = cap
        self.types: dict[str, str] = {}
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.art_fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.quoted_articles: set[str] = set()  # articles that sentences are quoted from
        # (subject, kg: local name, object term)
        self.triples: set[tuple[str, str, object]] = set()
        # amount IRI -> (values, currencies)
        self.amounts: dict[str, tuple[set[str], set[str]]] = {}
        self.mentions: set[tuple[str, str]] = set()
        self.byline_role: dict[tuple[str, str], str] = {}  # (article, person) -> role
        self.posts: set[tuple[str, str, str | None]] = set()  # (member, organisation, role IRI)
        # (subject, predicate IRI, object key) of a direct fact, or ("", member, organisation, role)
        # of a post -> its sentences
        self.sources: dict[tuple, _Sources] = {}
        self.codes: dict[str, int | None] = dict(_CODES)  # predicate -> _code(predicate), cached

    def add_type(self, iri: str, local: str) -> None:
        """Record that ``iri`` has the kg: class ``local``; the first in legend order wins."""
        if local in HIDDEN_CLASSES:
            return
        old = self.types.get(iri)
        if old is None or (TYPE_ORDER.get(local, 99), local) < (TYPE_ORDER.get(old, 99), old):
            self.types[iri] = local

    def read_graph(self, quads) -> None:
        """Read the quads of one graph (an article's, or a default graph's)."""
        graph = _Graph(self)
        handlers = graph.handlers
        codes = self.codes
        for q in quads:
            p = q.predicate.value
            c = codes.get(p, -1)
            if c == -1:
                c = codes[p] = _code(p)
            if c is not None:
                handlers[c](q.subject, p, q.object)
        graph.join()

    def text(self, sentence: str) -> str | None:
        """The sentence's text from any graph (the smallest, if several)."""
        texts = [q.object.value
                 for q in self.store.quads_for_pattern(N(sentence), N(_VALUE), None, None)
                 if isinstance(q.object, ox.Literal)]
        return min(texts) if texts else None

    def article(self, sentence: str) -> str | None:
        """The article the sentence is quoted from, from any graph (the smallest IRI if several)."""
        found = [q.object.value
                 for q in self.store.quads_for_pattern(N(sentence), N(_QUOTED), None, None)]
        return min(found) if found else None

    # ------------------------------------------------------------ the view's data
    def finish(self) -> ViewData:
        """Nodes, articles and facts with their capped sentences, as :class:`ViewData`."""
        data = ViewData()
        art_index = self._articles(data)
        index = self._nodes(data, art_index)
        facts = _merge_records(self._shown(index), self.cap)
        sent_index: dict[str, int] = {}
        for key, acc in sorted(facts.items(), key=_fact_key):
            src = []
            for _, sentence, text, article in sorted(acc.kept):
                if sentence not in sent_index:
                    sent_index[sentence] = len(data.sentences)
                    data.sentences.append((text, art_index.get(article, -1)))
                src.append(sent_index[sentence])
            arts = tuple(sorted(art_index[a] for a in acc.articles if a in art_index))
            data.facts.append(Fact(*key, tuple(src), more=acc.count - len(src), articles=arts))
        data.mentions = sorted({(index[a], index[e]) for a, e in self.mentions
                                if a in index and e in index and a != e})
        _count_neighbours(data)
        return data

    def _articles(self, data: ViewData) -> dict[str, int]:
        """Add the articles (typed, or quoted from) to ``data``; their indices by IRI."""
        article_iris = {i for i, t in self.types.items() if t == "Article"} | self.quoted_articles
        art_index: dict[str, int] = {}
        for iri in sorted(article_iris):
            f = self.art_fields.get(iri, {})
            title = ranked_labels(f.get(DCT + "title", set()))
            name = sorted(f.get(SDO + "name", set()))
            date = sorted(f.get(SDO + "datePublished", set()))
            art_index[iri] = len(data.articles)
            data.articles.append(Article(iri, title[0] if title else "", name[0] if name else "",
                                         format_date(ox.Literal(date[0])) if date else ""))
        return art_index

    def _nodes(self, data: ViewData, art_index: dict[str, int]) -> dict[str, int]:
        """Add a node per typed IRI (sorted by IRI) to ``data``; their indices by IRI."""
        index: dict[str, int] = {}
        for iri in sorted(self.types):
            t = self.types[iri]
            if t == "Article":
                a = data.articles[art_index[iri]]
                names = [n for n in (a.title, a.name) if n]
                node = Node(iri, t, names[0] if names else iri, tuple(names[1:]),
                            article=art_index[iri])
            else:
                names = ranked_labels(self.labels.get(iri, set()))
                label = names[0] if names else iri.rsplit("/", 1)[-1]
                alias = sorted((self.aliases.get(iri, set()) | set(names[1:])) - {label})
                node = Node(iri, t, label, tuple(alias))
            index[iri] = len(data.nodes)
            data.nodes.append(node)
        return index

    def _shown(self, index: dict[str, int]) -> dict[tuple, list[_Sources]]:
        """Each fact as shown -> the records of the triples that show as it (usually one)."""
        shown: dict[tuple, list[_Sources]] = defaultdict(list)
        none = _Sources()

        def add(key: tuple, sources: _Sources | None) -> None:
            shown[key].append(none if sources is None else sources)

        for s, rel, o in self.triples:
            si = index.get(s)
            if si is None:
                continue
            sources = self.sources.get((s, ONT + rel, _key(o)))
            if isinstance(o, ox.Literal):
                add((si, rel, -1, format_date(o) if rel.endswith("On") else o.value, None), sources)
            elif o.value in index:
                label = self.byline_role.get((s, o.value)) if rel == "reportedBy" else None
                add((si, rel, index[o.value], None, label), sources)
            elif o.value in self.amounts:
                values, currencies = self.amounts[o.value]
                for value in values:
                    for currency in currencies or {""}:
                        add((si, rel, -1, format_amount(value, currency), None), sources)
        other_labels = {s: min(v) for s, v in self.labels.items() if s not in self.types and v}
        for member, organisation, role in self.posts:
            if member in index and organisation in index:
                title = other_labels.get(role) if role is not None else None
                add((index[member], "holdsPost", index[organisation], None, title or None),
                    self.sources.get(("", member, organisation, role)))
        return shown


class _Graph:
    """What one graph's quads say, joined inside the graph when they have all been read.

    ``handlers[code]`` takes ``(subject, predicate IRI, object)`` of a quad
    whose predicate has that :func:`_code`.
    """

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.sent_text: dict[str, str] = {}
        self.sent_article: dict[str, str] = {}
        self.statements: dict[str, tuple[set, set, set]] = {}  # subject, predicate, object terms
        self.derived: dict[str, set[str]] = defaultdict(set)
        self.memberships: dict[str, tuple[set, set, set]] = {}  # member, organisation, role
        self.bylines: dict[str, tuple[set, set, set]] = {}  # article, person, role
        self.typed_bylines: set[str] = set()
        handlers = {
            _C_TYPE: self._on_type, _C_FACT: self._on_fact, _C_STATEMENT: self._on_statement,
            _C_DERIVED: self._on_derived, _C_VALUE: self._on_value, _C_QUOTED: self._on_quoted,
            _C_MENTIONS: self._on_mentions, _C_LABEL: self._on_label, _C_ALT: self._on_alt,
            _C_POST: self._on_post, _C_BYLINE: self._on_byline, _C_ARTICLE: self._on_article,
            _C_AMOUNT: self._on_amount,
        }
        self.handlers = [handlers[c] for c in range(len(handlers))]

    # ---- one quad
    def _on_type(self, s, _p: str, o) -> None:
        t = o.value
        if t == _BYLINE:
            self.typed_bylines.add(s.value)
        elif t.startswith(ONT) and isinstance(s, ox.NamedNode):
            self.reader.add_type(s.value, t[len(ONT):])

    def _on_fact(self, s, p: str, o) -> None:
        self.reader.triples.add((s.value, p[len(ONT):], o))

    def _on_statement(self, s, p: str, o) -> None:
        _part(self.statements, s.value, 3)[_PARTS[p]].add(o)

    def _on_derived(self, s, _p: str, o) -> None:
        self.derived[s.value].add(o.value)

    def _on_value(self, s, _p: str, o) -> None:
        sv = s.value
        if isinstance(o, ox.Literal) and (sv not in self.sent_text
                                          or o.value < self.sent_text[sv]):
            self.sent_text[sv] = o.value

    def _on_quoted(self, s, _p: str, o) -> None:
        sv = s.value
        if sv not in self.sent_article or o.value < self.sent_article[sv]:
            self.sent_article[sv] = o.value

    def _on_mentions(self, s, _p: str, o) -> None:
        self.reader.mentions.add((s.value, o.value))

    def _on_label(self, s, _p: str, o) -> None:
        if isinstance(o, ox.Literal):
            self.reader.labels[s.value].add(o.value)

    def _on_alt(self, s, _p: str, o) -> None:
        if isinstance(o, ox.Literal):
            self.reader.aliases[s.value].add(o.value)

    def _on_post(self, s, p: str, o) -> None:
        _part(self.memberships, s.value, 3)[_PARTS[p]].add(o.value)

    def _on_byline(self, s, p: str, o) -> None:
        _part(self.bylines, s.value, 3)[_PARTS[p]].add(o.value)

    def _on_article(self, s, p: str, o) -> None:
        if isinstance(o, ox.Literal):
            self.reader.art_fields[s.value][p].add(o.value)

    def _on_amount(self, s, p: str, o) -> None:
        _part(self.reader.amounts, s.value, 2)[_PARTS[p]].add(o.value)

    # ---- the graph read
    def join(self) -> None:
        """Give the reader this graph's quoted articles, sentences per fact and byline roles."""
        reader = self.reader
        for s in self.sent_text:
            if s in self.sent_article:
                reader.quoted_articles.add(self.sent_article[s])
        for st, (subjects, predicates, objects) in self.statements.items():
            sentences = self.derived.get(st)
            if not sentences:
                continue
            for s, p, o in product(subjects, predicates, objects):
                self._cite((s.value, p.value, _key(o)), sentences)
        for m, (members, organisations, roles) in self.memberships.items():
            for member, organisation, role in product(members, organisations, roles or {None}):
                key = ("", member, organisation, role)
                reader.posts.add(key[1:])
                self._cite(key, self.derived.get(m, ()))
        for b, (articles, people, roles) in self.bylines.items():
            if b not in self.typed_bylines:
                continue
            for k, role in product(product(articles, people), roles):
                if k not in reader.byline_role or role < reader.byline_role[k]:
                    reader.byline_role[k] = role

    def _cite(self, key: tuple, sentences) -> None:
        """Count ``sentences`` as stating the fact ``key``."""
        reader = self.reader
        acc = reader.sources.get(key)
        if acc is None:
            acc = reader.sources[key] = _Sources()
        for sentence in sentences:
            text = self.sent_text[sentence] if sentence in self.sent_text else reader.text(sentence)
            if text is None:
                continue
            if sentence in self.sent_article:
                article = self.sent_article[sentence]
            else:
                article = reader.article(sentence) or ""
            acc.add(sentence, text, article, reader.cap)


def _part(table: dict[str, tuple], key: str, n: int) -> tuple:
    """The ``n`` sets of parts of ``key`` in ``table``, made empty on first use."""
    parts = table.get(key)
    if parts is None:
        parts = table[key] = tuple(set() for _ in range(n))
    return parts


def _merge_records(shown: dict[tuple, list[_Sources]], cap: int) -> dict[tuple, _Sources]:
    """One record per shown fact: its triples' records merged, in an order independent of
    set iteration."""
    facts: dict[tuple, _Sources] = {}
    for key, records in shown.items():
        records.sort(key=lambda r: ([k[1] for k in sorted(r.kept)], r.count, sorted(r.articles)))
        facts[key] = records[0]
        for other in records[1:]:
            facts[key] = facts[key].merged(other, cap)
    return facts


def _count_neighbours(data: ViewData) -> None:
    """Set each node's degree (distinct neighbours over drawn edges) and relations (the same
    without mentions)."""
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


def graphs(store: ox.Store):
    """The store's quads, one graph at a time: each named graph, then the default graph.

    Quads of the default graph that a named graph also holds are left out,
    so a store whose default graph is the merge of its article graphs (a
    ``kg build --store``) is read once, not twice.
    """
    named = False
    for g in store.named_graphs():
        named = True
        yield store.quads_for_pattern(None, None, None, g)
    default = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    if not named:
        yield default
        return

    def only_default():
        for q in default:
            others = store.quads_for_pattern(q.subject, q.predicate, q.object, None)
            if not any(not isinstance(other.graph_name, ox.DefaultGraph) for other in others):
                yield q

    yield only_default()


def extract(store: ox.Store, *, max_sources: int = MAX_SOURCES) -> ViewData:
    """Read nodes, facts, provenance and articles from ``store``.

    Nodes come sorted by IRI here; :func:`kg.view.render.select` ranks them.
    Every fact keeps its first ``max_sources`` sentences in reading order
    (by article IRI, then position in the article); :attr:`Fact.more` counts
    the others and :attr:`Fact.articles` lists every article stating it.
    One pass over the quads: time grows with the store, memory with its
    distinct entities and facts.

    Parameters
    ----------
    store : pyoxigraph.Store
        One named graph per article, and/or everything in the default graph.
    max_sources : int
        Sentences kept per fact.

    Returns
    -------
    ViewData
    """
    if max_sources < 1:
        raise ValueError("max_sources must be at least 1")
    reader = _Reader(store, max_sources)
    for quads in graphs(store):
        reader.read_graph(quads)
    return reader.finish()


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
    home = _region_homes(data, anc)
    adj = _adjacency(data)
    for _ in range(2):
        _take_neighbours_group(home, adj)
    _group_components(home, adj)
    return home


def _region_homes(data: ViewData, anc: list[frozenset[int]]) -> list[int]:
    """Each node's most specific region other than a zone (a zone if it lies in nothing else),
    or -1."""
    depth = {i: len(anc[i]) for i, node in enumerate(data.nodes) if node.type in REGION_TYPES}
    home = [-1] * len(data.nodes)
    for i in range(len(data.nodes)):
        cands = [r for r in anc[i] if data.nodes[r].type != "Zone"] or list(anc[i])
        if cands:
            home[i] = max(cands, key=lambda r: (depth.get(r, 0), -r))
    return home


def _adjacency(data: ViewData) -> dict[int, list[int]]:
    """Each node's neighbours over facts between nodes and mentions."""
    adj: dict[int, list[int]] = defaultdict(list)
    for f in data.facts:
        if f.object >= 0:
            adj[f.subject].append(f.object)
            adj[f.object].append(f.subject)
    for a, e in data.mentions:
        adj[a].append(e)
        adj[e].append(a)
    return adj


def _take_neighbours_group(home: list[int], adj: dict[int, list[int]]) -> None:
    """Give each node without a group the most common group of its neighbours (one round)."""
    updates = {}
    for i in range(len(home)):
        if home[i] < 0:
            votes = Counter(home[j] for j in adj.get(i, ()) if home[j] >= 0)
            if votes:
                updates[i] = min(votes, key=lambda g: (-votes[g], g))
    for i, g in updates.items():
        home[i] = g


def _group_components(home: list[int], adj: dict[int, list[int]]) -> None:
    """Group the nodes still without a group by connected component; components of fewer than
    three nodes share one group."""
    misc = -1
    for i in range(len(home)):
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
