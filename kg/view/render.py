"""Build the self-contained HTML page of a graph.

One template of our own (``template.html``, ``style.css``, ``app.js``), the
vis-network standalone bundle from the pyvis wheel inlined, and the data in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped.  A Content-Security-Policy allows only these two inline scripts (by
hash) and no network access at all, so the page works offline and strings
from the data cannot run as script.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.files import atomic_write
from kg.model import REGION_TYPES
from kg.view.data import (
    OTHER_STYLE,
    RELATION_LABELS,
    TYPE_ORDER,
    TYPE_STYLES,
    Node,
    ViewData,
    ancestors,
    extract,
    home_groups,
    region_scopes,
)
from kg.view.layout import page_layout
from kg.vocab import ID

#: nodes drawn when the page opens (most connected first); the rest of the
#: page's nodes are reachable by search, "expand" and the "show more" button
INITIAL_NODES = 2000
LAYOUTS = ("static", "physics")
VIS_BUNDLES = ("templates/lib/vis-9.1.2/vis-network.min.js", "lib/vis-9.1.2/vis-network.min.js")


@lru_cache(maxsize=1)
def vis_bundle() -> str:
    """The vis-network standalone bundle shipped in the pyvis wheel, ready to inline."""
    # locate the package without importing it (pyvis imports jinja2, networkx, ...)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a core dependency
        raise ImportError("the HTML view needs the vis-network bundle from pyvis: "
                          "pip install pyvis")
    root = Path(next(iter(spec.submodule_search_locations)))
    for rel in VIS_BUNDLES:
        f = root / rel
        if f.is_file():
            text = f.read_text(encoding="utf-8")
            break
    else:  # pragma: no cover
        raise ImportError(f"vis-network.min.js not found in the pyvis package ({root})")
    text = re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", text)
    if re.search(r"</script|<!--", text, re.IGNORECASE):  # pragma: no cover
        raise ValueError("the vis-network bundle cannot be inlined safely")
    return text


@lru_cache(maxsize=4)
def asset(name: str) -> str:
    return resources.files("kg.view").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def json_for_script(value) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> json_for_script({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)  # lone surrogates cannot be written as UTF-8
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass
class Selection:
    """The nodes of the page (ranked) and a description of the filters."""

    keep: list[int]
    scope: str


def resolve_types(types: list[str] | None) -> set[str] | None:
    """Type names (English, any case, or the Chinese legend label) to kg: local names.

    >>> sorted(resolve_types(["company", "项目"]))
    ['Company', 'Project']
    """
    if types is None:
        return None
    known = {t[0].lower(): t[0] for t in TYPE_STYLES} | {t[1]: t[0] for t in TYPE_STYLES}
    out = set()
    for t in types:
        key = t.strip()
        if not key:
            continue
        if key.lower() not in known and key not in known:
            names = ", ".join(t[0] for t in TYPE_STYLES)
            raise ValueError(f"unknown type {t!r}; choose from {names}")
        out.add(known.get(key.lower()) or known[key])
    return out


def find_regions(data: ViewData, region: str) -> list[int]:
    """Region nodes named ``region`` (label, alias, IRI or division code)."""
    want = region.strip()
    codes = {f.subject: f.value for f in data.facts if f.relation == "divisionCode"}
    found = [i for i, n in enumerate(data.nodes) if n.type in REGION_TYPES
             and (want == n.label or want in n.aliases or want == n.iri or want == codes.get(i))]
    if not found:
        names = sorted(n.label for n in data.nodes if n.type in REGION_TYPES)
        hint = "、".join(names[:12]) + ("…" if len(names) > 12 else "")
        raise ValueError(f"no region named {region!r} in the graph"
                         + (f" (regions: {hint})" if hint else ""))
    return found


def rank_key(node: Node) -> tuple:
    """Sort key: most related first, then most mentioned, then by type, name and IRI."""
    return (-node.relations, -node.degree, TYPE_ORDER.get(node.type, 99), node.label, node.iri)


def select(data: ViewData, *, types: list[str] | None = None, region: str | None = None,
           max_nodes: int | None = None, scopes: list[frozenset[int]] | None = None) -> Selection:
    """The nodes to put in the page, most connected first.

    Nodes rank by the number of entities they are related to through facts,
    then by degree counting article mentions too; articles, related to few
    entities by facts, come after the entities they report.  Filters apply
    in this order: ``region``, ``types``, then ``max_nodes``.
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    rank = sorted(range(len(data.nodes)), key=lambda i: rank_key(data.nodes[i]))
    scope = []
    if region is not None:
        regions = set(find_regions(data, region))
        scopes = region_scopes(data) if scopes is None else scopes
        rank = [i for i in rank if scopes[i] & regions]
        scope.append(f"地区：{region}")
    wanted = resolve_types(types)
    if wanted is not None:
        rank = [i for i in rank if data.nodes[i].type in wanted]
        labels = [t[1] for t in TYPE_STYLES if t[0] in wanted]
        scope.append("类型：" + "、".join(labels))
    if max_nodes is not None and len(rank) > max_nodes:
        rank = rank[:max_nodes]
        scope.append(f"连接数最多的 {max_nodes} 个节点")
    return Selection(rank, "；".join(scope))


def _page_facts(data: ViewData, new: dict[int, int]) -> tuple[list[list], list[tuple[int, int]]]:
    """Facts touching a kept node (an end outside the page becomes text), and the drawn edges."""
    facts, edges = [], []
    for f in data.facts:
        s, o = new.get(f.subject, -1), new.get(f.object, -1) if f.object >= 0 else -1
        if s < 0 and o < 0:
            continue
        value = f.value
        if f.object >= 0 and o < 0:
            value = _outside(data, f.object)
        elif s < 0:
            value = _outside(data, f.subject)
        facts.append([s, f.relation, o, value, f.label, list(f.sources), f.more,
                      list(f.articles)])
        if s >= 0 and o >= 0:
            edges.append((s, o))
    return facts, edges


def _page_sources(data: ViewData, keep: list[int], new: dict[int, int],
                  facts: list[list]) -> tuple[list, list, dict[int, int]]:
    """The sentences and articles referenced from the page, renumbered (``facts`` too)."""
    sent_new: dict[int, int] = {}
    for f in facts:
        f[5] = [sent_new.setdefault(si, len(sent_new)) for si in f[5]]
    art_new: dict[int, int] = {}
    for old in keep:
        if data.nodes[old].article >= 0:
            art_new.setdefault(data.nodes[old].article, len(art_new))
    for f in facts:  # the articles stating a fact: those drawn as nodes
        f[7] = sorted(art_new[a] for a in f[7] if a in art_new)
    sentences = []
    for si in sent_new:  # insertion order = numbering
        text, art = data.sentences[si]
        sentences.append([text, art_new.setdefault(art, len(art_new)) if art >= 0 else -1])
    article_node = {data.nodes[old].article: new[old] for old in keep
                    if data.nodes[old].article >= 0}
    articles: list = [None] * len(art_new)
    for old, i in art_new.items():
        a = data.articles[old]
        articles[i] = [a.title, a.name, a.published, _short(a.iri), article_node.get(old, -1)]
    return sentences, articles, art_new


def _region_counts(nodes: list[list], present: list[str]) -> list[list[int]]:
    """The page's regions, most general type first, then by the nodes in their scope."""
    count: dict[int, int] = {}
    for node in nodes:
        for r in node[7]:
            count[r] = count.get(r, 0) + 1
    regions = sorted((i for i, node in enumerate(nodes) if present[node[1]] in REGION_TYPES),
                     key=lambda i: (TYPE_ORDER.get(present[nodes[i][1]], 99), -count.get(i, 0),
                                    nodes[i][2], i))
    return [[i, count.get(i, 0)] for i in regions]


def payload(data: ViewData, sel: Selection, *, title: str, physics: bool, initial: int) -> dict:
    """The JSON the page's script reads (compact arrays; see app.js for the columns)."""
    keep = sel.keep
    new = {old: i for i, old in enumerate(keep)}
    anc = ancestors(data)
    scopes = region_scopes(data, anc)
    groups = home_groups(data, anc)

    present = sorted({data.nodes[i].type for i in keep}, key=lambda t: (TYPE_ORDER.get(t, 99), t))
    styles = {t[0]: t for t in TYPE_STYLES}
    types = [list(styles.get(t, (t, t, *OTHER_STYLE))) for t in present]
    type_index = {t: i for i, t in enumerate(present)}

    facts, edges = _page_facts(data, new)
    mentions = [[new[a], new[e]] for a, e in data.mentions if a in new and e in new]
    edges += [(a, e) for a, e in mentions]
    sentences, articles, art_new = _page_sources(data, keep, new, facts)

    positions, sizes = page_layout([data.nodes[old] for old in keep], edges,
                                   [groups[old] for old in keep])
    nodes = []
    for i, old in enumerate(keep):
        n = data.nodes[old]
        scope = sorted(new[r] for r in scopes[old] if r in new)
        art = art_new.get(n.article, -1) if n.article >= 0 else -1
        nodes.append([_short(n.iri), type_index[n.type], n.label, list(n.aliases), n.degree,
                      int(positions[i][0]), int(positions[i][1]), scope, art, sizes[i]])
    rels = sorted({f[1] for f in facts} | {"mentions"})
    return {
        "title": title,
        "scope": ("筛选：" + sel.scope) if sel.scope else "",
        "prefix": ID,
        "total": len(data.nodes),
        "initial": initial,
        "physics": physics,
        "types": types,
        "rels": {k: list(RELATION_LABELS.get(k, (k, k))) for k in rels},
        "nodes": nodes,
        "facts": facts,
        "mentions": mentions,
        "sentences": sentences,
        "articles": articles,
        "regions": _region_counts(nodes, present),
        "fold": fold_map([name for node in nodes for name in [node[2], *node[3]]]),
    }


@lru_cache(maxsize=1)
def _opencc():
    try:
        import opencc
    except ImportError:  # pragma: no cover
        return None
    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


def fold_map(names: list[str]) -> dict[str, str]:
    """Traditional → simplified for the characters of ``names``, so search finds 張店區 as 张店区.

    The page folds both the names and the query through this map, so a
    traditional-script query matches even names that have no traditional
    alias.  Empty if OpenCC is not installed.

    >>> fold_map(["张店区", "華通"])["區"], fold_map(["张店区", "華通"])["華"]
    ('区', '华')
    """
    converters = _opencc()
    if converters is None:  # pragma: no cover - opencc is a core dependency
        return {}
    s2t, t2s = converters
    out: dict[str, str] = {}
    for c in sorted(set("".join(names))):
        if c.isascii():
            continue
        simple = t2s.convert(c)
        if len(simple) == 1 and simple != c:
            out[c] = simple
        trad = s2t.convert(c)
        if len(trad) == 1 and trad != c and trad not in out:
            out[trad] = c if len(simple) != 1 else simple
    return dict(sorted(out.items()))


def _short(iri: str) -> str:
    """IRIs under the id namespace are written ``:rest`` to keep the page small."""
    return ":" + iri[len(ID):] if iri.startswith(ID) else iri


def _outside(data: ViewData, i: int) -> str:
    n = data.nodes[i]
    label = dict((t[0], t[1]) for t in TYPE_STYLES).get(n.type, n.type)
    return f"{n.label}（{label}，未显示）"


def page(data_json: str, title: str) -> str:
    """Fill the template: CSS, data, vis bundle and app script, under a strict CSP."""
    vis, app = vis_bundle(), asset("app.js")
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(vis)} {_csp_hash(app)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "base-uri 'none'; form-action 'none'")
    parts = {"CSP": csp, "TITLE": html.escape(title), "CSS": asset("style.css"),
             "DATA": data_json, "VIS": vis, "APP": app}
    # one pass: text put in is never scanned for placeholders again
    return re.sub(r"\{\{([A-Z]+)\}\}", lambda m: parts[m.group(1)], asset("template.html"))


def render_html(store: ox.Store, *, types: list[str] | None = None, region: str | None = None,
                max_nodes: int | None = None, layout: str = "static", title: str | None = None,
                initial_nodes: int = INITIAL_NODES) -> str:
    """The interactive view of a graph as one self-contained HTML page.

    The page needs no network: the vis-network script, styles and data are
    inlined, and its Content-Security-Policy forbids any request.  Positions
    are computed here, so the page draws at once.  Output is deterministic:
    the same store gives byte-identical HTML.

    Parameters
    ----------
    store : pyoxigraph.Store
        The graph: one named graph per article, or everything in the
        default graph (a merged Turtle file).
    types : list of str, optional
        Only entities of these types, e.g. ``["Company", "Project"]``
        (English names in any case, or the Chinese legend names such as
        ``"企业"``).  ``"Article"`` keeps article nodes.
    region : str, optional
        Only this region and what lies in it (transitively, through
        ``kg:partOf``/``kg:locatedIn``), plus what is directly related to
        those (office holders, investors, the articles reporting them).  Matched
        against labels, aliases (e.g. traditional script), IRIs and division
        codes.  ``ValueError`` if no region matches.
    max_nodes : int, optional
        Keep at most this many nodes, most connected first (see
        :func:`select`), after the other filters.
    layout : {"static", "physics"}
        ``"static"`` (default) draws the precomputed positions with physics
        off; ``"physics"`` starts from them, lets vis-network stabilise, then
        turns physics off.
    title : str, optional
        The page title; by default "知识图谱" with the node count.
    initial_nodes : int
        How many nodes to draw when the page opens (most connected first);
        the others stay in the page and show up through search, double-click
        ("expand") and the "再显示" button.

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> from kg.view.sample import sample_store
    >>> store = sample_store(40)
    >>> page = render_html(store, types=["Company", "Project"], title="<示例>")
    >>> page.startswith("<!DOCTYPE html>") and "<title>&lt;示例&gt;</title>" in page
    True
    >>> page == render_html(store, types=["Company", "Project"], title="<示例>")
    True
    >>> "https://cdn" in page or "<script src" in page
    False
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if initial_nodes < 1:
        raise ValueError("initial_nodes must be at least 1")
    data = extract(store)
    sel = select(data, types=types, region=region, max_nodes=max_nodes)
    if title is None:
        title = f"知识图谱（{len(sel.keep)} 个节点）"
    body = payload(data, sel, title=title, physics=layout == "physics", initial=initial_nodes)
    return page(json_for_script(body), title)


def write_html(store: ox.Store, path: str | os.PathLike, **options) -> Path:
    """Write :func:`render_html` ``(store, **options)`` to ``path`` atomically.

    The page goes to a temporary file in the same folder, then replaces
    ``path`` in one step, so readers never see half a page.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kg.view.sample import sample_store
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_html(sample_store(20), pathlib.Path(d) / "g.html")
    ...     out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    return atomic_write(path, render_html(store, **options).encode("utf-8"))


class HtmlView:
    """A rendered page that Jupyter displays inline (a sandboxed ``<iframe srcdoc>``).

    Examples
    --------
    >>> v = HtmlView("<p>图</p>", height=300)
    >>> print(v._repr_html_().replace(" style", "\\n style"))
    <iframe srcdoc="&lt;p&gt;图&lt;/p&gt;" sandbox="allow-scripts"
     style="width:100%;height:300px;border:1px solid #ddd" title="kg view"></iframe>
    """

    def __init__(self, html_text: str, *, height: int = 650) -> None:
        self.html = html_text
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
                'title="kg view"></iframe>')

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page to ``path``."""
        path = Path(path)
        path.write_text(self.html, encoding="utf-8")
        return path

    def __str__(self) -> str:
        return self.html


def show(store: ox.Store, *, height: int = 650, **options) -> HtmlView:
    """The view for Jupyter: ``show(store)`` as the last line of a cell draws it inline.

    Takes the options of :func:`render_html`, plus ``height`` (pixels) of the
    frame.  The page runs in a sandboxed iframe (scripts allowed, no access to
    the notebook).

    Examples
    --------
    >>> from kg.view.sample import sample_store
    >>> v = show(sample_store(20), max_nodes=10)
    >>> v._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """
    return HtmlView(render_html(store, **options), height=height)
