"""The things that flow through the pipeline.

Data flows one way::

    read -> Document -> normalise -> sentences -> Mention -> Entity -> Fact -> RDF

Every extractor reads a :class:`Document` and adds :class:`Mention` and
:class:`Fact` objects to it.  Entities are built from mentions by
:mod:`kg.resolve`; facts refer to entities through their *key*
``(type, canonical name)``, which is what makes resolution deterministic.

>>> doc = Document(path="a.txt", name="a.txt", raw="張店區", text="张店区")
>>> doc.surface(0, 3)
'張店區'
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Entity types, most specific first (the order the scorer uses too).
ENTITY_TYPES = (
    "Province",
    "City",
    "District",
    "Zone",
    "Company",
    "GovernmentBody",
    "Organization",
    "Project",
    "Person",
)
REGION_TYPES = ("Province", "City", "District", "Zone")

# Relation predicates (local names in the ontology).
ENTITY_RELATIONS = ("partOf", "locatedIn", "investor")
DATE_RELATIONS = ("signedOn", "startedOn", "completedOn")
RELATIONS = ENTITY_RELATIONS + DATE_RELATIONS + ("totalInvestment", "holdsPost", "reportedBy")

EntityKey = tuple[str, str]  # (type, canonical simplified name)


@dataclass(frozen=True)
class Money:
    """An amount in whole currency units with an ISO 4217 code."""

    value: float
    currency: str = "CNY"


@dataclass(frozen=True)
class DateValue:
    """A date, possibly partial: ``2020-02-17``, ``2020-02`` or ``--02-17``."""

    iso: str


@dataclass
class Sentence:
    """A sentence of the normalised text; ``start``/``end`` index ``Document.text``."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A span of ``Document.text`` that names an entity.

    ``name`` is the canonical simplified name the span stands for (it may be
    longer than the span: ``区委`` in an article about 张店区 stands for
    ``张店区委``); ``start``/``end`` index the normalised text, so the surface
    form as written is ``doc.surface(start, end)``.
    """

    type: str
    name: str
    start: int
    end: int
    extractor: str
    code: str | None = None  # administrative-division code for regions
    aliases: tuple[str, ...] = ()  # other names this mention is known to stand for


@dataclass
class Fact:
    """A relation between two entities, or an entity and a value.

    ``obj`` is an :data:`EntityKey`, a :class:`Money` or a :class:`DateValue`.
    ``title`` holds a post title (``holdsPost``) or a byline role
    (``reportedBy``; the subject is then ``("Article", doc.name)``).
    ``sentence`` is the index of the sentence the fact was read from.
    """

    subject: EntityKey
    predicate: str
    obj: EntityKey | Money | DateValue
    extractor: str
    sentence: int | None = None
    title: str | None = None


class PostChain(NamedTuple):
    """The post titles written before a person's name (``市委副书记、区委书记X``)."""

    name: str
    """The person's name."""
    start: int
    """Where the name begins in ``Document.text``."""
    chain: list[tuple[int, int]]
    """The spans of the title chunks, left to right."""
    sentence: int
    """The index of the sentence."""


class BylineSpan(NamedTuple):
    """Where a byline names a person: the role and the name as found in the text."""

    role: str
    """The role recorded (记者, 通讯员, 摄影 ...)."""
    name: str
    """The person's name."""
    role_start: int
    """Where the role is written (the name for a photo credit after it)."""
    start: int
    """Where the name begins."""
    end: int
    """Where the name ends."""


class ProjectLabel(NamedTuple):
    """A label in an enumeration of projects that stands for a project (``瑞丰食品`` ->
    ``瑞丰食品项目``)."""

    start: int
    end: int
    project: str
    """The name of the project the label stands for."""


@dataclass
class Document:
    """One article, and what the pipeline components hand on to one another.

    ``raw`` is the text as decoded (original script); ``text`` is the
    normalised, simplified text used by extractors.  ``offsets[i]`` is the
    index in ``raw`` of ``text[i]`` (``None`` means identity: same length).
    The fields after ``warnings`` are set by one component for the ones after
    it (see each component's contract in :mod:`kg.components`).
    """

    path: str
    name: str
    raw: str
    text: str = ""
    offsets: list[int] | None = None
    title: str | None = None
    published: str | None = None  # ISO, possibly partial
    encoding: str = "utf-8"
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    bylines: list[tuple[str, str]] = field(default_factory=list)  # (role, person name)
    warnings: list[str] = field(default_factory=list)
    region: EntityKey | None = None
    """The article's main region: its most-mentioned county-level region, else city (regions)."""
    region_code: str | None = None
    """The division code of :attr:`region` (regions)."""
    city: str | None = None
    """The name of the city of :attr:`region` (regions)."""
    province: str | None = None
    """The name of the province of :attr:`region` (regions)."""
    zone: EntityKey | None = None
    """The zone the article names most (zones)."""
    byline_spans: list[BylineSpan] = field(default_factory=list)
    """Where the bylines name people (bylines), for the posts of reporters."""
    person_posts: list[PostChain] = field(default_factory=list)
    """The title chains written before people's names (people), for their posts."""
    project_labels: list[ProjectLabel] = field(default_factory=list)
    """Labels of enumerated projects (projects), for the statistical tagger to check."""
    token_cache: dict[int, list[Any]] = field(default_factory=dict, repr=False, compare=False)
    """The jieba tokens of each sentence read so far, by sentence index (see kg.extract.text)."""
    token_starts_cache: dict[int, frozenset[int]] = field(default_factory=dict, repr=False,
                                                         compare=False)
    """Where those tokens start, by sentence index."""

    @property
    def digest(self) -> str:
        """SHA-256 of the decoded text: the article's identity for incremental builds."""
        return hashlib.sha256(self.raw.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0] if "." in self.name else self.name

    def surface(self, start: int, end: int) -> str:
        """The span ``text[start:end]`` as written in the original."""
        if self.offsets is None:
            return self.raw[start:end] if len(self.raw) == len(self.text) else self.text[start:end]
        if start >= end:
            return ""
        chars = [self.raw[self.offsets[i]] for i in range(start, end)]
        return "".join(chars)

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence that holds position ``pos``, or None (sentences are in text order)."""
        k = bisect.bisect_right(self.sentences, pos, key=lambda s: s.start) - 1
        if k >= 0 and pos < self.sentences[k].end:
            return self.sentences[k]
        return None


@dataclass
class Entity:
    """A resolved entity: one node in the graph."""

    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    code: str | None = None

    @property
    def key(self) -> EntityKey:
        return (self.type, self.name)


@dataclass
class ArticleResult:
    """What extraction produced for one article, ready to become RDF."""

    doc: Document
    entities: dict[EntityKey, Entity]
    facts: list[Fact]
