"""Pipeline components and their contracts, registered by name.

A component is a function ``(Document) -> None`` with one job.  It declares,
as spaCy's factories do, what it needs and what it gives, in terms of the
:class:`~kg.model.Document` fields that components hand on to one another:

* ``requires``: fields it cannot work without (``sentences``); an earlier
  component of the pipeline must assign them, or the documents must come
  with them;
* ``reads``: fields it reads when they are there (``region``); none of them
  may be assigned only by a later component;
* ``assigns``: fields it sets.

``mentions`` and ``facts`` are not declared: every extractor reads and adds
to them, in the order of :data:`kg.pipeline.DEFAULT_PIPELINE`.
:class:`kg.pipeline.Pipeline` checks the declarations when it is built.

>>> @component("demo_title", requires=("text",), assigns=("title",))
... def demo_title(doc):
...     doc.title = doc.text[:2]
>>> REGISTRY["demo_title"].requires
('text',)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.model import Document

ComponentFunc = Callable[[Document], object]

# what every extractor reads and adds to, and the token caches: not part of a contract
NOT_IN_CONTRACTS = frozenset({"mentions", "facts", "warnings", "token_cache", "token_starts_cache"})


@dataclass(frozen=True)
class Component:
    """A registered component: its name, its function and its contract."""

    name: str
    func: ComponentFunc
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    module: str = ""

    def __call__(self, doc: Document) -> object:
        return self.func(doc)


REGISTRY: dict[str, Component] = {}
"""Every registered component, by name."""


class ContractError(ValueError):
    """A component's contract names something that is not a field components hand on."""

    def __init__(self, component: str, field: str) -> None:
        known = ", ".join(sorted(contract_fields()))
        super().__init__(f"component {component!r} declares {field!r}, which is not a Document "
                         f"field components hand on ({known})")


def contract_fields() -> frozenset[str]:
    """The :class:`~kg.model.Document` fields a contract may name.

    Examples
    --------
    >>> {"sentences", "region",
    ...     "person_posts"} <= contract_fields(), "mentions" in contract_fields()
    (True, False)
    """
    return frozenset(f.name for f in dataclasses.fields(Document) if f.name not in NOT_IN_CONTRACTS)


def _checked(name: str, fields: Iterable[str]) -> tuple[str, ...]:
    out = tuple(fields)
    known = contract_fields()
    for f in out:
        if f not in known:
            raise ContractError(name, f)
    return out


def component(name: str, requires: Iterable[str] = (), reads: Iterable[str] = (),
              assigns: Iterable[str] = ()) -> Callable[[ComponentFunc], ComponentFunc]:
    """Register the decorated function as the pipeline component ``name``.

    Parameters
    ----------
    name : str
        The name pipelines list it by.
    requires : iterable of str
        Document fields it cannot work without.
    reads : iterable of str
        Document fields it reads when they are there.
    assigns : iterable of str
        Document fields it sets.

    Returns
    -------
    callable
        A decorator that registers the function and returns it unchanged.

    Raises
    ------
    ContractError
        If a declared name is not a Document field components hand on.

    Examples
    --------
    >>> @component("demo_bad", requires=("colour",))  # doctest: +ELLIPSIS
    ... def demo_bad(doc):
    ...     pass
    Traceback (most recent call last):
    ...
    kg.components.ContractError: component 'demo_bad' declares 'colour', which is not ...
    """
    contract = (_checked(name, requires), _checked(name, reads), _checked(name, assigns))

    def register(func: ComponentFunc) -> ComponentFunc:
        REGISTRY[name] = Component(name, func, *contract, module=func.__module__)
        return func

    return register
