"""Benchmark the HTML view: build time, page size, and time to draw in headless Chromium.

Synthetic graphs in the shape kg.rdf writes (kg.view.sample) at 100, 2,000
and 20,000 nodes.  For each page: render_html time (Python), page bytes,
then in Chromium the time from navigation to the first drawn frame (or to
the end of stabilisation with ``layout="physics"``), the time of one full
redraw (what every pan/zoom frame costs), the search-and-focus time, and JS
heap.  Prints a Markdown table.

Usage::

    .venv/bin/python bench/bench_view.py                 # 100, 2000, 20000
    .venv/bin/python bench/bench_view.py --sizes 100 2000 --physics
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.view import INITIAL_NODES, render_html
from kg.view.browser import READY, Browser, find_chromium
from kg.view.sample import sample_store

REDRAW = """(function () {
  var t = [], i, s;
  for (i = 0; i < 5; i++) { s = performance.now(); kgView.network.redraw(); t.push(performance.now() - s); }
  t.sort(function (a, b) { return a - b; });
  return t[2]; })()"""
SEARCH = """(function () {
  var last = kgView.data.nodes.length - 1, s = performance.now();
  var hit = kgView.matches(kgView.data.nodes[last][2], 1)[0];
  kgView.focusNode(hit);
  return [performance.now() - s, hit === last || kgView.data.nodes[hit][2] === kgView.data.nodes[last][2]]; })()"""
FILTER = """(function () {
  var box = document.querySelector('input[data-type="Person"]'), s = performance.now();
  box.click(); var off = performance.now() - s; box.click();
  return off; })()"""


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs (`nproc`), {cpu}, {ram} RAM, {platform.system()} {platform.release()}"


def measure(browser: Browser, path: Path, timeout: float) -> dict:
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(path.as_uri(), timeout=timeout)
    page.wait_for(READY, timeout=timeout, interval=0.02)
    wall = time.perf_counter() - start
    timing = page.evaluate("kgView.timing")
    out = {
        "wall": wall,
        "parse": timing["parsed"],
        "ready": timing["ready"],  # ms since navigation start (performance.now)
        "drawn": page.evaluate("kgView.nodes.length"),
        "edges": page.evaluate("kgView.edges.length"),
        "redraw": page.evaluate(REDRAW),
        "filter": page.evaluate(FILTER),
    }
    search_ms, found = page.evaluate(SEARCH)
    out["search"], out["found"] = search_ms, found
    page.call("Performance.enable")
    metrics = {m["name"]: m["value"] for m in page.call("Performance.getMetrics")["metrics"]}
    out["heap"] = metrics.get("JSHeapUsedSize", 0) / 1e6
    out["errors"] = page.errors()
    out["requests"] = [u for u in page.requests() if u != path.as_uri()]
    page.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000, 20000])
    parser.add_argument("--physics", action="store_true", help="also measure layout='physics'")
    parser.add_argument("--all-drawn", action="store_true",
                        help="also measure the largest size with every node drawn at once")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("chromium not found", file=sys.stderr)
        return 2

    cases = [(n, "static", INITIAL_NODES) for n in args.sizes]
    if args.physics:
        cases += [(n, "physics", INITIAL_NODES) for n in args.sizes if n <= 2000]
    if args.all_drawn:
        cases.append((max(args.sizes), "static", max(args.sizes)))
    rows = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        Browser(width=1400, height=900, timeout=args.timeout) as browser,
    ):
        stores = {}
        for n, mode, initial in cases:
            if n not in stores:
                stores[n] = sample_store(n)
            builds = []
            for _ in range(3 if n <= 2000 else 1):
                t = time.perf_counter()
                html = render_html(stores[n], layout=mode, initial_nodes=initial)
                builds.append(time.perf_counter() - t)
            path = Path(tmp) / f"g{n}-{mode}-{initial}.html"
            path.write_text(html, encoding="utf-8")
            m = measure(browser, path, args.timeout)
            m.update(n=n, mode=mode, initial=initial, build=statistics.median(builds),
                     bytes=len(html.encode("utf-8")), store=len(stores[n]))
            rows.append(m)
            print(f"done: {n} {mode} initial={initial}: ready {m['ready']:.0f} ms", file=sys.stderr)
        version = browser.version.get("product", "?")

    print(f"Machine: {machine()}; {version} headless; Python {platform.python_version()}.\n")
    print("| nodes (quads) | layout | drawn at open | page size | render_html | time to ready | "
          "redraw (pan/zoom frame) | search + focus | type filter | JS heap |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['n']:,} ({r['store']:,}) | {r['mode']} | {r['drawn']:,} nodes, {r['edges']:,} edges | "
            f"{r['bytes'] / 1e6:.2f} MB | {r['build']:.2f} s | {r['ready'] / 1000:.2f} s "
            f"(wall {r['wall']:.2f} s) | {r['redraw']:.0f} ms | {r['search']:.0f} ms | {r['filter']:.0f} ms | "
            f"{r['heap']:.0f} MB |"
        )
    bad = [r for r in rows if r["errors"] or r["requests"] or not r["found"]]
    for r in bad:
        print(f"\nproblem at {r['n']} {r['mode']}: errors={r['errors']} requests={r['requests']} "
              f"found={r['found']}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
