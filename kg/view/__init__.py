"""The interactive HTML view of a knowledge graph.

Pages are self-contained (vis-network, styles and data inlined), work
offline, show every string from the data as text, and are deterministic.

>>> from kg.view import render_html
>>> from kg.view.sample import sample_store
>>> html = render_html(sample_store(30))
>>> 'id="kg-data"' in html
True

See :func:`render_html` for the options, :func:`write_html` to write a file,
:func:`show` for Jupyter and ``python -m kg.view.screenshot`` for a PNG.
"""

from __future__ import annotations

import sys
import types

from kg.view.render import INITIAL_NODES, HtmlView, render_html, show, write_html

__all__ = ["INITIAL_NODES", "HtmlView", "render_html", "show", "write_html"]


class _CallableModule(types.ModuleType):
    """Lets ``kg.view(graph)`` keep working once this package has replaced the
    ``kg.view`` function as an attribute of :mod:`kg`."""

    def __call__(self, graph, path=None, **options):
        store = getattr(graph, "store", graph)
        if path is None:
            return show(store, **options)
        return write_html(store, path, **options)


sys.modules[__name__].__class__ = _CallableModule
