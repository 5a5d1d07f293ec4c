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


@dataclass
class Document:
    """One article.

    ``raw`` is the text as decoded (original script); ``text`` is the
    normalised, simplified text used by extractors.  ``offsets[i]`` is the
    index in ``raw`` of ``text[i]`` (``None`` means identity: same length).
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
    # free-form context extractors share: e.g. "region" -> the article's main district key
    context: dict = field(default_factory=dict)

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
