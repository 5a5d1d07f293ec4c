"""Pipeline components, registered by name and composed from a config list.

A component is a callable ``(Document) -> None`` with one job: it reads the
document and adds sentences, mentions, facts or context to it.  Register one
with :func:`component`; a :class:`Pipeline` runs the names it is given, in
order.

>>> @component("demo_upper")
... def demo_upper(doc):
...     doc.context["upper"] = doc.text.upper()
>>> from kg.model import Document
>>> d = Document(path="x", name="x", raw="abc", text="abc")
>>> Pipeline(["demo_upper"])(d).context["upper"]
'ABC'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from kg.model import Document

Component = Callable[[Document], None]

REGISTRY: dict[str, Component] = {}

# The default pipeline: the order matters (later components read what earlier ones wrote).
DEFAULT_PIPELINE = [
    "normalise",
    "metadata",
    "sentences",
    "regions",
    "zones",
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
    "kg.normalise",
    "kg.sentences",
    "kg.extract",
]


def component(name: str) -> Callable[[Component], Component]:
    """Register ``func`` as the pipeline component ``name``."""

    def register(func: Component) -> Component:
        REGISTRY[name] = func
        func.component_name = name  # type: ignore[attr-defined]
        return func

    return register


def _load_components() -> None:
    for mod in COMPONENT_MODULES:
        importlib.import_module(mod)


class Pipeline:
    """Run named components over documents, in order."""

    def __init__(self, names: Iterable[str] | None = None) -> None:
        if names is None:
            _load_components()
            names = [n for n in DEFAULT_PIPELINE if n in REGISTRY]
        self.names = list(names)
        missing = [n for n in self.names if n not in REGISTRY]
        if missing:
            _load_components()
            missing = [n for n in self.names if n not in REGISTRY]
        if missing:
            raise KeyError(f"unknown pipeline components: {', '.join(missing)}")
        self.components = [REGISTRY[n] for n in self.names]

    def __call__(self, doc: Document) -> Document:
        for comp in self.components:
            comp(doc)
        return doc
