"""Which of an entity's names is its label: the longest, then the smallest.

Articles may give one entity different canonical names (``张店区`` and
``淄博市张店区``); wherever one name must be shown or kept as ``rdfs:label``
(the merged graph, the network export, the HTML view, the scorer's reports),
this rule picks it, and the others become aliases.

>>> canonical_label({"张店", "张店区", "张店区委"})
'张店区委'
>>> ranked_labels(["b", "a", "cc"])
['cc', 'a', 'b']
"""

from __future__ import annotations

from collections.abc import Iterable


def label_rank(name: str) -> tuple[int, str]:
    """The sort key of a name among its entity's names: longest first, then smallest."""
    return (-len(name), name)


def ranked_labels(names: Iterable[str]) -> list[str]:
    """The names, the label first and the aliases after it in :func:`label_rank` order."""
    return sorted(names, key=label_rank)


def canonical_label(names: Iterable[str]) -> str:
    """The label among ``names`` (which must not be empty)."""
    return min(names, key=label_rank)
