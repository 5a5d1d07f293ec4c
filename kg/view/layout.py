"""Node positions computed in Python, so the page draws at once with physics off.

A force-directed layout of the whole graph is quadratic; here every group
(a district, city or province with what lies in it, see
:func:`kg.view.data.home_groups`) is laid out on its own with a vectorised
Fruchterman-Reingold (exact below :data:`EXACT_MAX` nodes, sampled repulsion
above) and spread until no two node boxes (shape and room for the label)
overlap; the groups' bounding boxes are then packed into a picture about as
wide as a screen (:func:`place_groups`: linked groups one after the other,
bottom-left on a skyline).  Articles are *satellites*: they take no part in
the groups (so they do not pull what they mention into a star) and go last,
each to the free spot nearest what it mentions, moving nothing else.  The
cost is about ``sum(k_i**2)`` over groups; deterministic (fixed seeds,
positions rounded to integers).

Every node keeps room for its label at :data:`LAYOUT_FONT` pixels, the most
connected ones (:data:`TOP_NODES`) for theirs as large as the page draws it
at the first zoom.  The page (``app.js``) draws labels at a readable size on
screen, most connected node first, each only where it overlaps no other
label or node: at the first zoom the main names show, and the rest appear
as one zooms in.

>>> pos = layout(4, [(0, 1), (1, 2), (2, 3)], [0, 0, 0, 0])
>>> pos.shape, pos.dtype.kind
((4, 2), 'i')
>>> bool((layout(4, [(0, 1)], [0, 0, 1, 1]) == layout(4, [(0, 1)], [0, 0, 1, 1])).all())
True
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from kg.view.data import Node

EXACT_MAX = 900  # groups up to this size get exact all-pairs repulsion
SAMPLE = 256  # repulsion sample size for larger groups
SPACING = 100.0  # about the distance between neighbouring nodes, in page pixels
GAP = 8.0  # least free space between two node boxes, in page pixels
ALL_PAIRS_MAX = 600  # overlaps among up to this many boxes are found by testing every pair
EXPAND_EVERY = 10  # rounds of pushing apart before a crowd is spread out by EXPAND
EXPAND = 1.1
GROUP_GAP = 50.0  # least free space between two groups
ASPECT = 1.5  # width / height the picture aims at (a screen beside the legend)
SKYLINE_MAX = 400  # up to this many groups are packed on a skyline, more in rows
FIT_MAX = 1.5  # the page never opens zoomed in further
FILL = 0.4  # the share of a group's disc that its node boxes cover before overlaps are removed

ARTICLE_SIZE = 5  # articles are small squares
LABEL_CHARS = 18  # longer labels are cut to 17 characters and "…" (as app.js draws them)
LABEL_OFFSET = 3  # app.js draws a label this far below its shape
#: the label size (page pixels) each node keeps room for; the page draws labels at 12-15 px on
#: screen where they fit, so all fit once the zoom passes about 13 / LAYOUT_FONT
LAYOUT_FONT = 10
#: the most connected nodes keep room for their label as large as app.js draws it (TOP_PX on
#: screen) at the first zoom of a REFERENCE_VIEW, so theirs show at once
TOP_NODES = 12
TOP_PX = 15
TOP_FONT_RANGE = (20.0, 60.0)  # the room kept, in page pixels, whatever the zoom
#: the graph's part of a 1280 x 800 window (beside the legend, under the bar), and the margins
#: app.js's fitVisible() leaves around the nodes for their labels, in screen pixels
REFERENCE_VIEW = (1090, 755)
FIT_MARGINS = (60, 12, 28)  # left and right, top, bottom


def node_size(degree: int) -> int:
    """The radius of a node's shape, from its number of neighbours (as before: 8 to 34).

    >>> node_size(0), node_size(3), node_size(10_000)
    (8, 16, 34)
    """
    return int(round(min(34.0, 8 + 4 * np.log2(1 + degree))))


def shown_label(text: str) -> str:
    """The label as drawn: at most :data:`LABEL_CHARS` characters.

    >>> shown_label("张店区"), shown_label("一" * 20) == "一" * 17 + "…"
    ('张店区', True)
    """
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


def label_width(text: str, font: float) -> float:
    """An upper bound of the drawn width of ``text`` at ``font`` pixels.

    Chinese characters and full-width forms are one em wide in the fonts the
    page asks for; Latin letters, digits and punctuation at most 0.7 em.

    >>> label_width("张店区", 10), label_width("ab", 10)
    (30.0, 14.0)
    """
    wide = sum(1 for c in text if ord(c) >= 0x2E80)
    return font * (wide + 0.7 * (len(text) - wide))


def node_box(label: str, size: float, font: float = LAYOUT_FONT) -> tuple[float, float, float]:
    """The room a node keeps around its centre: (half width, extent above, extent below).

    The shape is a square of side ``2 * size``; the label, one line of
    ``font`` pixels (with a 3 px outline), hangs :data:`LABEL_OFFSET` below it.

    >>> node_box("张店区", 10)
    (18.0, 10, 31.5)
    """
    text = shown_label(label)
    if not text:
        return (size, size, size)
    width = label_width(text, font) + 6
    height = font * 1.25 + 6
    return (max(size, width / 2), size, size + LABEL_OFFSET + height)



def spiral(k: int) -> np.ndarray:
    """``k`` points of a sunflower spiral filling the unit disc evenly."""
    i = np.arange(k, dtype=float) + 0.5
    r = np.sqrt(i / k)
    theta = i * np.pi * (3.0 - np.sqrt(5.0))
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def bfs_order(k: int, edges: np.ndarray, first: list[int] | None = None) -> list[int]:
    """Nodes in breadth-first order from the highest-degree node of each component.

    ``first`` gives another order of preference for the starts (and among neighbours).
    """
    adj: list[list[int]] = [[] for _ in range(k)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    degree = [len(a) for a in adj]
    rank = {node: r for r, node in enumerate(first)} if first is not None else None

    def key(i: int) -> tuple[int, int]:
        return (rank[i], i) if rank is not None else (-degree[i], i)

    seen = [False] * k
    order: list[int] = []
    for start in sorted(range(k), key=key):
        if seen[start]:
            continue
        seen[start] = True
        queue = deque([start])
        while queue:
            j = queue.popleft()
            order.append(j)
            for n in sorted(adj[j], key=key):
                if not seen[n]:
                    seen[n] = True
                    queue.append(n)
    return order


def fruchterman_reingold(k: int, edges: np.ndarray, *, iterations: int = 50,
                         seed: int = 0) -> np.ndarray:
    """Positions of ``k`` nodes in the unit disc (Fruchterman-Reingold, bounded).

    ``edges`` is an ``(m, 2)`` integer array.  Above :data:`EXACT_MAX` nodes
    the repulsion of each node is estimated from :data:`SAMPLE` random nodes.
    """
    if k == 0:
        return np.zeros((0, 2))
    if k == 1:
        return np.zeros((1, 2))
    pos = np.zeros((k, 2))
    pos[bfs_order(k, edges)] = spiral(k)
    rng = np.random.default_rng(seed)
    opt = np.sqrt(np.pi / k) * 0.9  # ideal distance: k discs in the unit disc
    t = 0.1
    dt = t / (iterations + 1)
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    opt2 = opt * opt
    for _ in range(iterations):
        if k <= EXACT_MAX:
            dx = x[:, None] - x[None, :]
            dy = y[:, None] - y[None, :]
            scale = 1.0
        else:
            sample = rng.choice(k, size=SAMPLE, replace=False)
            dx = x[:, None] - x[None, sample]
            dy = y[:, None] - y[None, sample]
            scale = k / SAMPLE
        w = dx * dx + dy * dy
        np.maximum(w, 1e-6, out=w)
        np.divide(opt2 * scale, w, out=w)
        fx = (dx * w).sum(axis=1)
        fy = (dy * w).sum(axis=1)
        if len(src):
            ex = x[src] - x[dst]
            ey = y[src] - y[dst]
            pull = np.sqrt(ex * ex + ey * ey) / opt
            ex *= pull
            ey *= pull
            fx -= np.bincount(src, ex, minlength=k) - np.bincount(dst, ex, minlength=k)
            fy -= np.bincount(src, ey, minlength=k) - np.bincount(dst, ey, minlength=k)
        length = np.sqrt(fx * fx + fy * fy)
        np.maximum(length, 1e-9, out=length)
        step = np.minimum(length, t) / length
        x += fx * step
        y += fy * step
        # keep everything inside the unit disc (the FR "frame")
        r = np.maximum(np.sqrt(x * x + y * y), 1.0)
        x /= r
        y /= r
        t -= dt
    pos = np.column_stack([x, y])
    pos -= pos.mean(axis=0)
    scale = np.percentile(np.sqrt(np.einsum("ij,ij->i", pos, pos)), 98)
    return pos / scale if scale > 0 else pos


def overlapping(pos: np.ndarray, boxes: np.ndarray, gap: float = GAP,
                all_pairs: tuple[np.ndarray, np.ndarray] | None = None,
                ) -> tuple[np.ndarray, np.ndarray]:
    """The pairs ``(i, j)`` of nodes whose boxes come closer than ``gap``.

    ``boxes`` holds a row (half width, extent above, extent below) per node.
    Up to :data:`ALL_PAIRS_MAX` nodes every pair is tested at once; above, a
    sweep over x compares each node with the next ones in x order while they
    are within reach, so the cost grows with the number of nodes times how
    many share a vertical strip, not with its square.  ``all_pairs`` may
    pass ``numpy.triu_indices(len(pos), 1)`` computed once.
    """
    k = len(pos)
    if k < 2:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    x, y = pos[:, 0], pos[:, 1]

    def hits(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        hit = np.abs(x[j] - x[i]) < boxes[i, 0] + boxes[j, 0] + gap
        hit &= y[i] - boxes[i, 1] < y[j] + boxes[j, 2] + gap
        hit &= y[j] - boxes[j, 1] < y[i] + boxes[i, 2] + gap
        return hit

    if k <= ALL_PAIRS_MAX:
        i, j = np.triu_indices(k, 1) if all_pairs is None else all_pairs
        hit = hits(i, j)
        return i[hit], j[hit]
    order = np.argsort(x, kind="stable")
    xs = x[order]
    reach = 2 * boxes[:, 0].max() + gap
    found_i, found_j = [np.zeros(0, dtype=int)], [np.zeros(0, dtype=int)]
    for shift in range(1, k):
        near = xs[shift:] - xs[:-shift] < reach
        if not near.any():
            break
        i, j = order[:-shift][near], order[shift:][near]
        hit = hits(i, j)
        found_i.append(i[hit])
        found_j.append(j[hit])
    return np.concatenate(found_i), np.concatenate(found_j)


def remove_overlaps(pos: np.ndarray, boxes: np.ndarray, *, gap: float = GAP,
                    iterations: int = 400) -> int:
    """Move nodes (in place) until no two boxes overlap; returns the overlaps left (0 but in
    pathological cases).

    Each overlapping pair is pushed apart along the axis where they overlap
    least, half the overlap each (pairs on the same spot by index).  A crowd
    that does not come apart within :data:`EXPAND_EVERY` rounds is spread
    out from its middle by :data:`EXPAND`, which ends the overlaps in the end.
    """
    k = len(pos)
    pairs = np.triu_indices(k, 1) if k <= ALL_PAIRS_MAX else None
    for step in range(1, iterations + 1):
        i, j = overlapping(pos, boxes, gap, pairs)
        if not len(i):
            return 0
        if step % EXPAND_EVERY == 0:
            middle = pos.mean(axis=0)
            pos -= middle
            pos *= EXPAND
            pos += middle
            continue
        x, y = pos[:, 0], pos[:, 1]
        dx = x[j] - x[i]
        over_x = boxes[i, 0] + boxes[j, 0] + gap - np.abs(dx)
        top = np.maximum(y[i] - boxes[i, 1], y[j] - boxes[j, 1])
        bottom = np.minimum(y[i] + boxes[i, 2], y[j] + boxes[j, 2])
        over_y = bottom - top + gap
        # which way: by the middles of the boxes; ties (same spot) by index
        cy = (y[j] + (boxes[j, 2] - boxes[j, 1]) / 2) - (y[i] + (boxes[i, 2] - boxes[i, 1]) / 2)
        sx = np.where(dx != 0, np.sign(dx), np.where(i < j, 1.0, -1.0))
        sy = np.where(cy != 0, np.sign(cy), np.where(i < j, 1.0, -1.0))
        horizontal = over_x <= over_y
        half = (np.where(horizontal, over_x, over_y) + 0.01) / 2
        move = np.zeros_like(pos)
        for axis, sign in ((0, np.where(horizontal, sx, 0.0)), (1, np.where(horizontal, 0.0, sy))):
            np.add.at(move[:, axis], i, -sign * half)
            np.add.at(move[:, axis], j, sign * half)
        # a node in several overlaps moves by the sum of its pushes over the square root of
        # their number: damped, so a crowd spreads without overshooting
        count = np.bincount(np.concatenate([i, j]), minlength=k).astype(float)
        pos += move / np.maximum(count, 1.0)[:, None] ** 0.5
    return len(overlapping(pos, boxes, gap, pairs)[0])


def spread_group(unit: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """A group's unit-disc layout scaled to its boxes' area, with overlaps removed.

    Positions relative to the group's centre, in page pixels.
    """
    width, height = 2 * boxes[:, 0], boxes[:, 1] + boxes[:, 2]
    scale = np.sqrt(float((width * height).sum()) / (np.pi * FILL))
    # boxes are wider than tall (labels): stretch the disc the same way, so a node has as
    # much room beside it as above it
    stretch = np.sqrt(np.clip(width.mean() / height.mean(), 1.0, 3.0))
    pos = unit * scale * np.array([stretch, 1.0 / stretch])
    remove_overlaps(pos, boxes)
    return pos - pos.mean(axis=0) if len(pos) else pos


def layout(n: int, edges: list[tuple[int, int]], groups: list[int], *,
           boxes: np.ndarray | None = None, satellites: list[int] | tuple[int, ...] = (),
           seed: int = 0) -> np.ndarray:
    """Integer ``(n, 2)`` positions for ``n`` nodes given their edges and groups.

    Parameters
    ----------
    n : int
        Number of nodes.
    edges : list of (int, int)
        Undirected edges between node indices (duplicates and loops are fine).
    groups : list of int
        A group key per node; each group is laid out as one disc.
    boxes : numpy.ndarray, optional
        ``(n, 3)``: each node's half width, extent above and extent below its
        centre (see :func:`node_box`); no two boxes overlap in the result.
        By default every node is a ``SPACING / 2`` square.
    satellites : list of int
        Nodes placed last, each next to the mean of its other neighbours,
        moving nothing else (articles: they would pull what they mention
        into a star).
    seed : int
        Seed for the sampled repulsion of very large groups.
    """
    if n == 0:
        return np.zeros((0, 2), dtype=np.int64)
    if boxes is None:
        boxes = np.full((n, 3), SPACING / 4)
    boxes = np.asarray(boxes, dtype=float)
    is_satellite = np.zeros(n, dtype=bool)
    is_satellite[list(satellites)] = True
    pos = arrange(n, edges, groups, boxes, is_satellite, seed=seed)
    return finish(pos, boxes, is_satellite, edges)


def arrange(n: int, edges: list[tuple[int, int]], groups: list[int], boxes: np.ndarray,
            is_satellite: np.ndarray, *, seed: int = 0, units: dict | None = None) -> np.ndarray:
    """Float positions of the nodes that are not satellites, group by group (satellites at 0).

    ``units`` keeps each group's Fruchterman-Reingold layout, and its layout
    spread to its boxes, between calls that differ only in some ``boxes``.
    """
    units = {} if units is None else units
    spread = units.setdefault(-1, {})  # (group, its boxes) -> positions around its centre
    member = group_members(groups, is_satellite)
    inner, links = group_edges(n, edges, is_satellite, member)
    pos = np.zeros((n, 2))
    if not member:
        return pos
    inside = []
    extent = np.zeros((len(member), 4))  # a group's box around its centre: left, right, top, bottom
    for i, m in enumerate(member):
        e = np.array(sorted(inner[i]), dtype=int).reshape(-1, 2)
        if i not in units:
            units[i] = fruchterman_reingold(len(m), e, seed=seed + i)
        key = boxes[m].tobytes()
        if (i, key) not in spread:
            spread[(i, key)] = spread_group(units[i], boxes[m])
        rel = spread[(i, key)]
        extent[i] = [(rel[:, 0] - boxes[m, 0]).min(), (rel[:, 0] + boxes[m, 0]).max(),
                     (rel[:, 1] - boxes[m, 1]).min(), (rel[:, 1] + boxes[m, 2]).max()]
        inside.append(rel)
    centres = place_groups(extent, dict(links))
    for i, m in enumerate(member):
        pos[m] = centres[i] + inside[i]
    return pos


def group_members(groups: list[int], is_satellite: np.ndarray) -> list[list[int]]:
    """The nodes of each group but the satellites; groups numbered in order of first appearance.

    >>> group_members([7, 3, 7, 5], np.array([False, False, False, True]))
    [[0, 2], [1]]
    """
    gid: dict[int, int] = {}
    member: list[list[int]] = []
    for node, g in enumerate(groups):
        if not is_satellite[node]:
            if g not in gid:
                gid[g] = len(member)
                member.append([])
            member[gid[g]].append(node)
    return member


def group_edges(n: int, edges: list[tuple[int, int]], is_satellite: np.ndarray,
                member: list[list[int]]) -> tuple[list[list[tuple[int, int]]], dict]:
    """The edges inside each group (numbered within the group) and the number of edges
    between each two groups, satellites left out."""
    gid = np.zeros(n, dtype=int)
    local = np.zeros(n, dtype=int)
    for i, m in enumerate(member):
        gid[m] = i
        local[m] = np.arange(len(m))
    inner: list[list[tuple[int, int]]] = [[] for _ in member]
    links: dict[tuple[int, int], int] = defaultdict(int)
    pairs = sorted(set((min(a, b), max(a, b)) for a, b in edges if a != b))
    for a, b in pairs:
        if is_satellite[a] or is_satellite[b]:
            continue
        ga, gb = gid[a], gid[b]
        if ga == gb:
            inner[ga].append((local[a], local[b]))
        else:
            links[(min(ga, gb), max(ga, gb))] += 1
    return inner, links


def finish(pos: np.ndarray, boxes: np.ndarray, is_satellite: np.ndarray,
           edges: list[tuple[int, int]]) -> np.ndarray:
    """Place the satellites, centre the picture on the other nodes, round to integers."""
    pos = pos.copy()
    if is_satellite.any():
        pairs = sorted(set((min(a, b), max(a, b)) for a, b in edges if a != b))
        place_satellites(pos, boxes, is_satellite, pairs)
    if (~is_satellite).any():
        pos -= pos[~is_satellite].mean(axis=0)
    return np.rint(pos).astype(np.int64)


def place_groups(extent: np.ndarray, links: dict[tuple[int, int], int]) -> np.ndarray:
    """Centres for the groups, packed into a picture about :data:`ASPECT` times as wide as high.

    ``extent`` holds each group's box around its centre (left, right, top,
    bottom).  Groups are taken in breadth-first order of the links between
    them (from the largest), so linked groups come one after the other, and
    each goes where it lies highest on the skyline of those placed before
    (bottom-left packing, rows for very many groups).  No two boxes overlap.
    """
    c = len(extent)
    w = extent[:, 1] - extent[:, 0] + GROUP_GAP
    h = extent[:, 3] - extent[:, 2] + GROUP_GAP
    width = max(float(w.max()), float(np.sqrt((w * h).sum() * ASPECT)) * 1.05)
    edges = np.array(sorted(links), dtype=int).reshape(-1, 2)
    size = w * h
    order = bfs_order(c, edges, first=sorted(range(c), key=lambda i: (-size[i], i)))
    pack = skyline_pack if c <= SKYLINE_MAX else shelf_pack
    corner = pack(w, h, order, width)
    return corner - extent[:, [0, 2]]


def skyline_pack(w: np.ndarray, h: np.ndarray, order: list[int], width: float) -> np.ndarray:
    """Top-left corners: each box in ``order`` where its top is lowest (then leftmost) within
    ``width``."""
    sky = [(0.0, width, 0.0)]  # segments (x0, x1, y) of the skyline, left to right
    corner = np.zeros((len(w), 2))
    for i in order:
        best = None
        for k, (x0, _, _) in enumerate(sky):
            if x0 + w[i] > width + 1e-6 and k > 0:
                break
            top, m = 0.0, k
            while m < len(sky) and sky[m][0] < x0 + w[i] - 1e-6:
                top = max(top, sky[m][2])
                m += 1
            if best is None or top < best[0] - 1e-6:
                best = (top, x0)
        top, x0 = best
        corner[i] = (x0, top)
        x1 = x0 + w[i]
        new = [seg for seg in sky if seg[1] <= x0 + 1e-6]
        new.append((x0, x1, top + h[i]))
        for a, b, y in sky:
            if b > x1 + 1e-6 and a < x1:
                new.append((x1, b, y))
            elif a >= x1 - 1e-6:
                new.append((a, b, y))
        sky = [seg for seg in new if seg[1] - seg[0] > 1e-6]
    return corner


def shelf_pack(w: np.ndarray, h: np.ndarray, order: list[int], width: float) -> np.ndarray:
    """Top-left corners: boxes in ``order``, left to right in rows of ``width``."""
    corner = np.zeros((len(w), 2))
    x = y = row = 0.0
    for i in order:
        if x > 0 and x + w[i] > width:
            x, y, row = 0.0, y + row, 0.0
        corner[i] = (x, y)
        x += w[i]
        row = max(row, h[i])
    return corner


class BoxGrid:
    """Boxes ``(x0, y0, x1, y1)`` hashed on a grid of ``cell`` pixels, to ask whether a spot is
    free."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = (
            defaultdict(list))

    def _keys(self, box: tuple[float, float, float, float]):
        c = self.cell
        for x in range(int(np.floor(box[0] / c)), int(np.floor(box[2] / c)) + 1):
            for y in range(int(np.floor(box[1] / c)), int(np.floor(box[3] / c)) + 1):
                yield (x, y)

    def free(self, box: tuple[float, float, float, float]) -> bool:
        """True if ``box`` overlaps no box added so far."""
        x0, y0, x1, y1 = box
        for key in self._keys(box):
            for a0, b0, a1, b1 in self.cells.get(key, ()):
                if a0 < x1 and x0 < a1 and b0 < y1 and y0 < b1:
                    return False
        return True

    def add(self, box: tuple[float, float, float, float]) -> None:
        for key in self._keys(box):
            self.cells[key].append(box)


def place_satellites(pos: np.ndarray, boxes: np.ndarray, is_satellite: np.ndarray,
                     pairs: list[tuple[int, int]]) -> None:
    """Put each satellite at the free spot nearest the mean of its placed neighbours (in place).

    Satellites go in index order (most connected first), each to the first
    spot of a spiral around its target where its box overlaps nothing placed
    so far; satellites with the same target (copies of one story mention
    the same things) go on along the same spiral.  Nothing else moves.
    """
    n = len(pos)
    total = np.zeros((n, 2))
    count = np.zeros(n)
    for a, b in pairs:
        for s, t in ((a, b), (b, a)):
            if is_satellite[s] and not is_satellite[t]:
                total[s] += pos[t]
                count[s] += 1
    placed = np.flatnonzero(~is_satellite)
    satellites = np.flatnonzero(is_satellite)
    if len(placed):
        lo = (pos[placed, 0] - boxes[placed, 0]).min()
        hi = (pos[placed, 0] + boxes[placed, 0]).max()
        below = (pos[placed, 1] + boxes[placed, 2]).max() + 2 * SPACING
        home = np.array([(lo + hi) / 2, below])
    else:
        home = np.zeros(2)

    def box(i: int, p: np.ndarray) -> tuple[float, float, float, float]:
        return (p[0] - boxes[i, 0] - GAP / 2, p[1] - boxes[i, 1] - GAP / 2,
                p[0] + boxes[i, 0] + GAP / 2, p[1] + boxes[i, 2] + GAP / 2)

    diagonal = np.hypot(2 * boxes[satellites, 0], boxes[satellites, 1] + boxes[satellites, 2])
    step = float(diagonal.max()) + GAP
    grid = BoxGrid(max(step, SPACING / 2))
    for i in placed:
        grid.add(box(i, pos[i]))
    cursor: dict[tuple[int, int], int] = {}
    golden = np.pi * (3.0 - np.sqrt(5.0))
    for s in satellites:
        target = total[s] / count[s] if count[s] else home
        key = (int(round(target[0])), int(round(target[1])))
        k = cursor.get(key, 0)
        while True:
            turn = np.array([np.cos(k * golden), np.sin(k * golden)])
            p = target + 0.6 * step * np.sqrt(k) * turn
            k += 1
            if grid.free(box(s, p)):
                break
        cursor[key] = k
        pos[s] = p
        grid.add(box(s, p))


def fit_scale(pos: np.ndarray, sizes: np.ndarray,
              view: tuple[float, float] = REFERENCE_VIEW) -> float:
    """The zoom app.js's fitVisible() opens the page at: the nodes' shapes fill ``view`` but the
    margins.

    >>> fit_scale(np.array([[0, 0], [1000, 0]]), np.array([10, 10]), (1200, 800))
    1.0588235294117647
    """
    if not len(pos):
        return 1.0
    lo, hi = (pos - sizes[:, None]).min(0), (pos + sizes[:, None]).max(0)
    side, top, bottom = FIT_MARGINS
    span = np.maximum(hi - lo, 1.0)
    return float(min((view[0] - 2 * side) / span[0], (view[1] - top - bottom) / span[1], FIT_MAX))


def page_layout(nodes: list[Node], edges: list[tuple[int, int]],
                groups: list[int]) -> tuple[np.ndarray, list[int]]:
    """Positions and shape sizes for a page's nodes.

    ``nodes`` come most connected first.  Articles are satellites and small
    (:data:`ARTICLE_SIZE`); the other nodes get :func:`node_size` by
    degree, and the first :data:`TOP_NODES` of them room for their label at
    :data:`TOP_PX` on screen when the page opens: the layout is made once,
    the zoom the page will open at is computed (:func:`fit_scale`), and if
    the room kept is too small the layout is made again with more.
    Returns ``(positions, sizes)``.
    """
    n = len(nodes)
    sizes = [ARTICLE_SIZE if node.type == "Article" else node_size(node.degree) for node in nodes]
    is_satellite = np.array([node.type == "Article" for node in nodes], dtype=bool).reshape(n)
    top = np.flatnonzero(~is_satellite)[:TOP_NODES]

    ems = np.array([label_width(shown_label(node.label), 1.0) for node in nodes],
                   dtype=float).reshape(n)
    size = np.array(sizes, dtype=float).reshape(n)

    def boxes_with(top_font: float) -> np.ndarray:  # node_box() of every node at once
        fonts = np.full(n, float(LAYOUT_FONT))
        fonts[top] = top_font
        label = ems > 0
        half = np.where(label, np.maximum(size, (ems * fonts + 6) / 2), size)
        below = np.where(label, size + LABEL_OFFSET + fonts * 1.25 + 6, size)
        return np.column_stack([half, size, below])

    if n == 0:
        return np.zeros((0, 2), dtype=np.int64), sizes
    font = TOP_FONT_RANGE[0]
    boxes = boxes_with(font)
    units: dict = {}
    pos = arrange(n, edges, groups, boxes, is_satellite, units=units)
    for _ in range(2):
        scale = fit_scale(pos[~is_satellite], np.array(sizes, dtype=float)[~is_satellite])
        need = min(TOP_FONT_RANGE[1], TOP_PX * 1.15 / scale)
        if need <= font:
            break
        font = need
        boxes = boxes_with(font)
        pos = arrange(n, edges, groups, boxes, is_satellite, units=units)
    return finish(pos, boxes, is_satellite, edges), sizes
