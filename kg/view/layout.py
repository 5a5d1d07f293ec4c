"""Node positions computed in Python, so the page draws at once with physics off.

A force-directed layout of the whole graph is quadratic; here every group
(a district, city or province with what lies in it, see
:func:`kg.view.data.home_groups`) is laid out on its own with a vectorised
Fruchterman-Reingold (exact below :data:`EXACT_MAX` nodes, sampled repulsion
above), each group becomes a disc whose area grows with its size, and the
discs are placed by a small force layout of the group graph with collisions
resolved.  The cost is about ``sum(k_i**2)`` over groups, plus ``C**2`` for
``C`` groups; deterministic (fixed seeds, positions rounded to integers).

>>> pos = layout(4, [(0, 1), (1, 2), (2, 3)], [0, 0, 0, 0])
>>> pos.shape, pos.dtype.kind
((4, 2), 'i')
>>> bool((layout(4, [(0, 1)], [0, 0, 1, 1]) == layout(4, [(0, 1)], [0, 0, 1, 1])).all())
True
"""

from __future__ import annotations

from collections import defaultdict, deque

import numpy as np

EXACT_MAX = 900  # groups up to this size get exact all-pairs repulsion
SAMPLE = 256  # repulsion sample size for larger groups
SPACING = 100.0  # about the distance between neighbouring nodes, in page pixels


def spiral(k: int) -> np.ndarray:
    """``k`` points of a sunflower spiral filling the unit disc evenly."""
    i = np.arange(k, dtype=float) + 0.5
    r = np.sqrt(i / k)
    theta = i * np.pi * (3.0 - np.sqrt(5.0))
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def bfs_order(k: int, edges: np.ndarray) -> list[int]:
    """Nodes in breadth-first order from the highest-degree node of each component."""
    adj: list[list[int]] = [[] for _ in range(k)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    degree = [len(a) for a in adj]
    seen = [False] * k
    order: list[int] = []
    for start in sorted(range(k), key=lambda i: (-degree[i], i)):
        if seen[start]:
            continue
        seen[start] = True
        queue = deque([start])
        while queue:
            j = queue.popleft()
            order.append(j)
            for n in sorted(adj[j], key=lambda i: (-degree[i], i)):
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


def radius(k: int) -> float:
    """The radius of the disc holding a group of ``k`` nodes, in page pixels."""
    return SPACING * (0.5 + 0.7 * np.sqrt(k))


def place_discs(radii: np.ndarray, links: dict[tuple[int, int], int], *,
                iterations: int = 150) -> np.ndarray:
    """Centres for discs of the given radii: linked discs near, none overlapping."""
    c = len(radii)
    if c == 1:
        return np.zeros((1, 2))
    order = sorted(range(c), key=lambda i: (-radii[i], i))
    if links:
        edges = np.array(sorted(links), dtype=int)
        order = bfs_order(c, edges)
    pos = np.zeros((c, 2))
    pos[order] = spiral(c) * np.sqrt((radii ** 2).sum()) * 1.6
    pairs = np.array(sorted(links), dtype=int).reshape(-1, 2)
    weights = np.array([links[tuple(p)] for p in pairs], dtype=float)
    links_per_disc = np.maximum(np.bincount(pairs.ravel(), minlength=c), 1).astype(float)
    gap = SPACING
    need = radii[:, None] + radii[None, :] + gap
    np.fill_diagonal(need, 0)
    for it in range(iterations):
        step = 1.0 - it / iterations
        # springs between linked discs, towards touching
        if len(pairs):
            a, b = pairs[:, 0], pairs[:, 1]
            e = pos[b] - pos[a]
            dist = np.maximum(np.sqrt((e ** 2).sum(1)), 1e-9)
            ideal = need[a, b]
            f = e * ((dist - ideal) / dist * np.minimum(1.0, np.log1p(weights)))[:, None]
            move = np.zeros_like(pos)
            np.add.at(move, a, f)
            np.subtract.at(move, b, f)
            # each disc moves a fraction of the mean pull of its links: stable for hubs
            pos += move / links_per_disc[:, None] * 0.3 * step
        # gentle gravity keeps the picture compact
        pos *= 1.0 - 0.02 * step
        if it % 3 == 0:
            _collide(pos, need)
    for _ in range(200):
        if not _collide(pos, need):
            break
    return pos


def _collide(pos: np.ndarray, need: np.ndarray) -> bool:
    """Push overlapping discs apart (half the overlap each); True if any overlapped."""
    delta = pos[:, None, :] - pos[None, :, :]
    dist = np.sqrt((delta ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    if dist.min() < 1e-6:  # coincident centres: nudge apart deterministically
        pos += spiral(len(pos)) * 1e-3
        return True
    mask = need > dist
    if not mask.any():
        return False
    push = np.where(mask, (need - np.where(mask, dist, 0.0)) / np.where(mask, dist, 1.0) * 0.5, 0.0)
    pos += np.einsum("ijk,ij->ik", delta, push)
    return True


def layout(n: int, edges: list[tuple[int, int]], groups: list[int], *, seed: int = 0) -> np.ndarray:
    """Integer ``(n, 2)`` positions for ``n`` nodes given their edges and groups.

    Parameters
    ----------
    n : int
        Number of nodes.
    edges : list of (int, int)
        Undirected edges between node indices (duplicates and loops are fine).
    groups : list of int
        A group key per node; each group is laid out as one disc.
    seed : int
        Seed for the sampled repulsion of very large groups.
    """
    if n == 0:
        return np.zeros((0, 2), dtype=np.int64)
    gid: dict[int, int] = {}
    for g in groups:  # groups numbered in order of first appearance
        gid.setdefault(g, len(gid))
    keys = list(gid)
    member: list[list[int]] = [[] for _ in keys]
    for node, g in enumerate(groups):
        member[gid[g]].append(node)
    local = np.zeros(n, dtype=int)
    for m in member:
        local[m] = np.arange(len(m))
    inner: list[list[tuple[int, int]]] = [[] for _ in keys]
    links: dict[tuple[int, int], int] = defaultdict(int)
    for a, b in set((min(a, b), max(a, b)) for a, b in edges if a != b):
        ga, gb = gid[groups[a]], gid[groups[b]]
        if ga == gb:
            inner[ga].append((local[a], local[b]))
        else:
            links[(min(ga, gb), max(ga, gb))] += 1
    radii = np.array([radius(len(m)) for m in member])
    centres = place_discs(radii, dict(links))
    pos = np.zeros((n, 2))
    for i, m in enumerate(member):
        e = np.array(sorted(inner[i]), dtype=int).reshape(-1, 2)
        unit = fruchterman_reingold(len(m), e, seed=seed + i)
        pos[m] = centres[i] + unit * (radii[i] - SPACING * 0.5)
    pos -= pos.mean(axis=0)
    return np.rint(pos).astype(np.int64)
