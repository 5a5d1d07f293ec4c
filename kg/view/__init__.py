"""The interactive HTML view of a knowledge graph.

Pages are self-contained (vis-network, styles and data inlined), work
offline, show every string from the data as text, and are deterministic.

>>> from kg.view import render_html
>>> from kg.view.sample import sample_store
>>> html = render_html(sample_store(30))
>>> 'id="kg-data"' in html
True

See :func:`render_html` for the options, :func:`write_html` to write a file,
:func:`show` for Jupyter, :func:`view` for either and ``python -m kg.view.screenshot`` for a PNG.
"""

from __future__ import annotations

from kg.view.render import INITIAL_NODES, HtmlView, render_html, show, write_html

__all__ = ["INITIAL_NODES", "HtmlView", "render_html", "show", "view", "write_html"]


def view(graph, path=None, **options):
    """Show ``graph`` (a :class:`~kg.graph.KnowledgeGraph` or a pyoxigraph store) as a view.

    In Jupyter the return value displays inline; with ``path`` the page is
    written there (and the path returned).  ``options`` are those of
    :func:`render_html`.
    """
    store = getattr(graph, "store", graph)
    if path is None:
        return show(store, **options)
    return write_html(store, path, **options)
