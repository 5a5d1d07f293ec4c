"""Benchmarks of how extraction is executed: worker pools, Dask, whole-process throughput.

Real articles from ``../shared/corpus/articles`` (or ``$KG_SHARED/corpus/articles``), the first
N in name order.  Every comparison alternates its sides (A B A B …) in one run, so both see the
same load on a shared machine; each result keeps every run, the medians, and the 1-minute load
average.  Results accumulate in ``bench/work/workers.json``; ``report`` prints them as Markdown.

Usage (from the repository root)::

    .venv/bin/python bench/workers.py crossover          # -j 1 vs a 2-worker pool, 1 to 128 articles
    .venv/bin/python bench/workers.py seeds              # kg build seeds: default --jobs vs -j 1
    .venv/bin/python bench/workers.py jobs 300           # 300 articles: -j 1 vs -j 2
    .venv/bin/python bench/workers.py dask 300           # -j 1 vs --executor dask-local -j 2
    .venv/bin/python bench/workers.py throughput 300     # kg build -j 1 (whole process) vs jieba.lcut
    .venv/bin/python bench/workers.py profile 300        # where the time of a -j 1 build goes
    .venv/bin/python bench/workers.py warm               # a worker's first article: cold vs warm
    .venv/bin/python bench/workers.py report

Builds are whole processes: ``kg build FILES --out DIR --no-view -q`` from start to exit (reading,
models, extraction, store, files).  ``crossover`` forces the pool below its threshold
(``kg.parallel.POOL_MIN_BYTES = 0``) to see where it starts to pay.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = WORK / "workers.json"
PYTHON = sys.executable
KG = str(Path(sys.executable).parent / "kg")
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "corpus" / "articles"
# kg's command line with the pool's threshold set first (crossover: a pool for any batch)
FORCED_POOL = ("import sys, kg.parallel; kg.parallel.POOL_MIN_BYTES = int(sys.argv[1]); "
               "from kg.cli import main; sys.exit(main(sys.argv[2:]))")
# kg's command line from another checkout (its workers, started by spawn, inherit the path)
OTHER_REPO = ("import sys; sys.path.insert(0, sys.argv[1]); "
              "from kg.cli import main; sys.exit(main(sys.argv[2:]))")


def load() -> dict:
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}


def save(results: dict) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    tmp = RESULTS.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    os.replace(tmp, RESULTS)


def articles(n: int) -> list[str]:
    files = sorted(ARTICLES.glob("*.txt"))
    if len(files) < n:
        raise SystemExit(f"{ARTICLES}: {len(files)} articles, {n} asked (set KG_SHARED)")
    return [str(p) for p in files[:n]]


def chars_of(files: list[str]) -> int:
    from kg.read import read_document

    return sum(len(read_document(f).raw) for f in files)


def load1() -> float:
    return round(os.getloadavg()[0], 2)


def _group_cpu(pgid: int, seen: dict[int, float]) -> None:
    """Record the CPU-seconds so far of every process in group ``pgid`` (the largest seen)."""
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) == pgid:
                pid = int(entry)
                seen[pid] = max(seen.get(pid, 0.0), (int(fields[11]) + int(fields[12])) / tick)


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds of ``cmd`` (a whole process), which must succeed, and the CPU-seconds of all
    its processes (workers, fork server and Dask's included: sampled every 50 ms)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    seen: dict[int, float] = {}
    while proc.poll() is None:
        _group_cpu(proc.pid, seen)
        time.sleep(0.05)
    wall = time.perf_counter() - start
    _group_cpu(proc.pid, seen)  # helpers that outlive the build process by a moment
    err = proc.stderr.read()
    proc.stderr.close()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd[:6])} …: exit {proc.returncode}\n{err[-2000:]}")
    return wall, sum(seen.values())


def build_cmd(files: list[str], out: Path, *args: str, forced_pool: bool = False,
              repo: str | None = None) -> list[str]:
    """``kg build FILES --out OUT --no-view -q ARGS``; with ``repo``, the code of that checkout."""
    tail = ["build", *files, "--out", str(out), "--no-view", "-q", *args]
    if forced_pool:
        return [PYTHON, "-c", FORCED_POOL, "0", *tail]
    if repo:
        return [PYTHON, "-c", OTHER_REPO, repo, *tail]
    return [KG, *tail]


def alternate(sides: dict[str, list[str]], repeat: int) -> dict:
    """Run the commands of ``sides`` in turn, ``repeat`` rounds: every wall time, the medians."""
    times: dict[str, list[float]] = {k: [] for k in sides}
    cpu: dict[str, list[float]] = {k: [] for k in sides}
    loads = []
    for _ in range(repeat):
        for name, cmd in sides.items():
            loads.append(load1())
            wall, cpu_s = run(cmd)
            times[name].append(round(wall, 2))
            cpu[name].append(round(cpu_s, 2))
    return {"runs": times, "median": {k: round(statistics.median(v), 2) for k, v in times.items()},
            "cpu_s": cpu, "cpu_median": {k: round(statistics.median(v), 2) for k, v in cpu.items()},
            "load1": [min(loads), max(loads)], "when": time.strftime("%Y-%m-%d %H:%M UTC",
                                                                       time.gmtime())}


def same_outputs(a: Path, b: Path) -> bool:
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in ("graph.ttl", "graph.trig"))


# ------------------------------------------------------------------ steps

def step_crossover(args, results: dict) -> None:
    """-j 1 against a 2-worker pool (forced) on 1, 2, 4 … articles: where the pool starts to pay."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for n in args.sizes:
            files = articles(n)
            size = sum(os.stat(f).st_size for f in files)
            r = alternate({"j1": build_cmd(files, t / "1", "-j", "1"),
                           "pool2": build_cmd(files, t / "2", "-j", "2", forced_pool=True)},
                          args.repeat)
            r.update(articles=n, bytes=size, chars=chars_of(files), same=same_outputs(t / "1", t / "2"),
                     pool_over_j1=round(r["median"]["pool2"] / r["median"]["j1"], 3))
            out[str(n)] = r
            print(json.dumps({k: v for k, v in r.items() if k != "runs"}), flush=True)
    results.setdefault("crossover", {}).update(out)


def step_seeds(args, results: dict) -> None:
    """kg build seeds (with the view, as `make demo`): the default --jobs against -j 1."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        seeds = str(ROOT / "seeds")
        r = alternate({"default": [KG, "build", seeds, "--out", str(t / "d"), "-q"],
                       "j1": [KG, "build", seeds, "--out", str(t / "1"), "-q", "-j", "1"]},
                      args.repeat)
        r["same"] = same_outputs(t / "d", t / "1")
    from kg.parallel import default_jobs

    r.update(default_jobs=default_jobs(), default_over_j1=round(r["median"]["default"]
                                                                 / r["median"]["j1"], 3))
    results["seeds"] = r
    print(json.dumps(r, indent=1))


def step_jobs(args, results: dict) -> None:
    """A mid-size batch of real articles: -j 1 against -j 2."""
    files = articles(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        sides = {"j1": build_cmd(files, t / "1", "-j", "1"),
                 "j2": build_cmd(files, t / "2", "-j", "2")}
        if args.baseline:  # the same -j 2 with the code of another checkout (before the change)
            sides["j2_baseline"] = build_cmd(files, t / "b", "-j", "2", repo=args.baseline)
        r = alternate(sides, args.repeat)
        r["same"] = same_outputs(t / "1", t / "2")
        r["baseline"] = args.baseline
    r.update(articles=args.n, chars=chars_of(files),
             speedup=round(r["median"]["j1"] / r["median"]["j2"], 2))
    results.setdefault("jobs", {})[str(args.n)] = r
    print(json.dumps(r, indent=1))


def step_dask(args, results: dict) -> None:
    """-j 1 against a LocalCluster of 2 one-thread worker processes (--executor dask-local -j 2)."""
    files = articles(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        r = alternate({"j1": build_cmd(files, t / "1", "-j", "1"),
                       "dask2": build_cmd(files, t / "d", "--executor", "dask-local", "-j", "2")},
                      args.repeat)
        r["same"] = same_outputs(t / "1", t / "d")
    r.update(articles=args.n, chars=chars_of(files),
             speedup=round(r["median"]["j1"] / r["median"]["dask2"], 2))
    results.setdefault("dask", {})[str(args.n)] = r
    print(json.dumps(r, indent=1))


def step_throughput(args, results: dict) -> None:
    """Whole-process `kg build -j 1 --no-view` against bare jieba.lcut on the same texts, alternating.

    jieba's time is ``jieba.lcut`` over the decoded texts, dictionary loaded
    first (as issue 15 measured it); kg's is the whole process, from start to exit.
    With ``--baseline REPO`` the build of that checkout's code runs in each round too (its
    ratio against the same round's jieba).  CPU-seconds are given beside the wall times: on a
    shared machine they vary less.
    """
    import jieba

    from kg.read import read_document

    files = articles(args.n)
    texts = [read_document(f).raw for f in files]
    chars = sum(map(len, texts))
    jieba.setLogLevel(60)
    jieba.initialize()
    sides = {"kg": {}}
    if args.baseline:
        sides["baseline"] = {"repo": args.baseline}
    wall: dict[str, list[float]] = {k: [] for k in sides}
    cpu: dict[str, list[float]] = {k: [] for k in sides}
    jb_s, jb_cpu, loads = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            loads.append(load1())
            for name, kw in sides.items():
                w, c = run(build_cmd(files, Path(tmp) / name, "-j", "1", **kw))
                wall[name].append(round(w, 2))
                cpu[name].append(round(c, 2))
            start, start_cpu = time.perf_counter(), time.process_time()
            for text in texts:
                jieba.lcut(text)
            jb_s.append(round(time.perf_counter() - start, 2))
            jb_cpu.append(round(time.process_time() - start_cpu, 2))
        same = (args.baseline is None
                or same_outputs(Path(tmp) / "kg", Path(tmp) / "baseline"))
    r = {"articles": args.n, "chars": chars, "kg_s": wall["kg"], "jieba_s": jb_s,
         "kg_cpu_s": cpu["kg"], "jieba_cpu_s": jb_cpu,
         "kg_chars_per_s": round(chars / statistics.median(wall["kg"])),
         "jieba_chars_per_s": round(chars / statistics.median(jb_s)),
         "load1": [min(loads), max(loads)],
         "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    for name in sides:
        ratios = [round(j / k, 3) for k, j in zip(wall[name], jb_s, strict=True)]
        cpu_ratios = [round(j / k, 3) for k, j in zip(cpu[name], jb_cpu, strict=True)]
        prefix = "" if name == "kg" else "baseline_"
        r[prefix + "ratios"] = ratios
        r[prefix + "ratio"] = statistics.median(ratios)
        r[prefix + "cpu_ratios"] = cpu_ratios
        r[prefix + "cpu_ratio"] = statistics.median(cpu_ratios)
    if args.baseline:
        r.update(baseline=args.baseline, baseline_s=wall["baseline"],
                 baseline_cpu_s=cpu["baseline"], same_outputs=same)
    results.setdefault("throughput", []).append(r)
    print(json.dumps(r, indent=1))


def step_profile(args, results: dict) -> None:
    """Where a -j 1 build's time goes, stage by stage and component by component (wall, in-process).

    The same work as ``kg build FILES --no-view -j 1``: imports, models, then per
    article reading, each pipeline component, resolution, quads, N-Triples, the
    store; then writing graph.ttl and graph.trig.  ``--cprofile`` adds the
    functions with the most own time; ``--cpu`` times CPU-seconds of the process instead of
    the wall clock (steadier on a shared machine).  ``PYTHONPATH=REPO`` profiles another
    checkout's code.
    """
    stages: dict[str, float] = {}
    clock = time.process_time if args.cpu else time.perf_counter

    def timed(name: str, fn, *a, **kw):
        start = clock()
        value = fn(*a, **kw)
        stages[name] = stages.get(name, 0.0) + clock() - start
        return value

    t0 = clock()
    import kg.build  # noqa: F401  (what the command imports)

    stages["import kg"] = clock() - t0
    import kg as kg_module
    timed("load models (kg.warm)", __import__, "kg.warm")
    from kg.article import default_pipeline
    from kg.build import write_outputs
    from kg.graph import KnowledgeGraph
    from kg.merge import article_ntriples, replace_article
    from kg.rdf import article_quads
    from kg.read import read_document
    from kg.resolve import resolve
    from kg.vocab import article_iri

    files = articles(args.n)
    pipe = default_pipeline()
    kg = KnowledgeGraph()
    prof = None
    if args.cprofile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    chars = 0
    for f in files:
        doc = timed("read", read_document, f)
        for name, comp in zip(pipe.names, pipe.components, strict=True):
            timed(f"component {name}", comp, doc)
        chars += len(doc.text)
        res = timed("resolve", resolve, doc)
        quads = timed("RDF quads", article_quads, res)
        nt = timed("N-Triples", article_ntriples, quads)
        timed("store (replace_article)", replace_article, kg.store, article_iri(doc.stem), nt)
    with tempfile.TemporaryDirectory() as tmp:
        timed("write graph.ttl + graph.trig", write_outputs, kg, tmp, view=False)
    if prof is not None:
        prof.disable()
    total = sum(stages.values())
    r = {"articles": args.n, "chars": chars, "total_s": round(total, 2),
         "clock": "cpu" if args.cpu else "wall", "kg": str(Path(kg_module.__file__).parent),
         "stages": {k: round(v, 3) for k, v in sorted(stages.items(), key=lambda kv: -kv[1])},
         "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load1": load1()}
    if prof is not None:
        import io
        import pstats

        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(args.top)
        r["cprofile_top"] = s.getvalue().splitlines()[-args.top - 2:]
    results.setdefault("profile", []).append(r)
    print(json.dumps({k: v for k, v in r.items() if k != "cprofile_top"}, indent=1,
                     ensure_ascii=False))
    for line in r.get("cprofile_top", []):
        print(line)


# a worker's first article: CPU-s of its imports and models, then of extracting it
WARM_PROBE = """
import json, sys, time
start = time.process_time()
if sys.argv[1] == "warm":
    import kg.warm
from kg.article import extract_text
ready = time.process_time()
extract_text(open(sys.argv[2], encoding="utf-8").read(), name=sys.argv[2])
print(json.dumps([ready - start, time.process_time() - ready]))
"""


def step_warm(args, results: dict) -> None:
    """A worker's first article, cold (models loaded as extraction needs them) or warm.

    A fresh interpreter extracts one seed article, once after ``import kg.warm``
    (what a worker forked from the fork server, or a Dask worker with
    ``--preload kg.warm``, has done before its first article) and once without it;
    alternating, CPU-seconds of the process.
    """
    article = str(sorted((ROOT / "seeds").glob("*.txt"))[0])
    runs: dict[str, list[list[float]]] = {"cold": [], "warm": []}
    for _ in range(args.repeat):
        for side in runs:
            out = subprocess.run([PYTHON, "-c", WARM_PROBE, side, article], capture_output=True,
                                 text=True, check=True, cwd=ROOT)
            runs[side].append([round(x, 3) for x in json.loads(out.stdout.splitlines()[-1])])
    r = {"article": Path(article).name, "runs": runs,
         "first_article_cpu_s": {k: statistics.median(x[1] for x in v) for k, v in runs.items()},
         "load1": load1(), "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    results["warm"] = r
    print(json.dumps(r, indent=1))


def step_report(args, results: dict) -> None:
    c = results.get("crossover")
    if c:
        print("| articles | KB | chars | -j 1 (s) | 2-worker pool (s) | pool / -j 1 | load |")
        print("|---|---|---|---|---|---|---|")
        for r in c.values():
            print(f"| {r['articles']} | {r['bytes'] / 1000:.0f} | {r['chars']:,} | "
                  f"{r['median']['j1']} | {r['median']['pool2']} | {r['pool_over_j1']} | "
                  f"{r['load1'][0]}–{r['load1'][1]} |")
        print()
    s = results.get("seeds")
    if s:
        print(f"seeds: default (--jobs {s['default_jobs']}) {s['runs']['default']} s, -j 1 "
              f"{s['runs']['j1']} s; medians {s['median']['default']} / {s['median']['j1']} s "
              f"= {s['default_over_j1']}; same files: {s['same']}; load {s['load1']}\n")
    for key, other in (("jobs", "j2"), ("dask", "dask2")):
        for n, r in results.get(key, {}).items():
            base = (f"; -j 2 with {r['baseline']}: {r['runs']['j2_baseline']} s"
                    if r.get("baseline") else "")
            print(f"{key} {n} articles ({r['chars']:,} chars): -j 1 {r['runs']['j1']} s, {other} "
                  f"{r['runs'][other]} s; speed-up {r['speedup']}x; same files: {r['same']}"
                  f"{base}; load {r['load1']}\n")
    for r in results.get("throughput", []):
        print(f"throughput {r['when']}: {r['articles']} articles, {r['chars']:,} chars: kg "
              f"{r['kg_chars_per_s']:,} chars/s (whole process), jieba.lcut "
              f"{r['jieba_chars_per_s']:,} chars/s; ratios {r['ratios']}; load {r['load1']}\n")
    for r in results.get("profile", []):
        print(f"profile {r['when']} ({r['articles']} articles, {r['total_s']} s):\n")
        print("| stage | s | share |\n|---|---|---|")
        for k, v in r["stages"].items():
            print(f"| {k} | {v:.2f} | {v / r['total_s'] * 100:.1f} % |")
        print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="step", required=True)
    p = sub.add_parser("crossover")
    p.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32, 64, 128])
    p.add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("seeds")
    p.add_argument("--repeat", type=int, default=5)
    for name in ("jobs", "dask", "throughput"):
        p = sub.add_parser(name)
        p.add_argument("n", type=int)
        p.add_argument("--repeat", type=int, default=3)
        p.add_argument("--baseline", metavar="REPO",
                       help="jobs: also -j 2 with the code of this checkout; throughput: also "
                            "the build of this checkout")
    p = sub.add_parser("profile")
    p.add_argument("n", type=int)
    p.add_argument("--cprofile", action="store_true")
    p.add_argument("--cpu", action="store_true", help="CPU-seconds instead of wall seconds")
    p.add_argument("--top", type=int, default=30)
    p = sub.add_parser("warm")
    p.add_argument("--repeat", type=int, default=3)
    sub.add_parser("report")
    args = ap.parse_args(argv)
    results = load()
    step = {"crossover": step_crossover, "seeds": step_seeds, "jobs": step_jobs,
            "dask": step_dask, "throughput": step_throughput, "profile": step_profile,
            "warm": step_warm, "report": step_report}[args.step]
    before = json.dumps(results, sort_keys=True)
    step(args, results)
    if args.step != "report":  # keep what steps running beside this one saved meanwhile
        fresh = load()
        fresh.update({k: v for k, v in results.items()
                      if json.dumps(v, sort_keys=True) not in before})
        save(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
