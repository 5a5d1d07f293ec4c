"""Benchmarks of the build: throughput, scale, --jobs, incremental builds, queries.

Each step stores its result in ``bench/work/results.json`` and is skipped
when already there (``--force`` reruns it), so a long series can span
sessions; ``build N`` resumes an interrupted build (the store keeps every
article written so far) and adds up the time of its runs.  ``report`` prints
the Markdown tables of ``docs/benchmarks.md``.

Usage (from the repository root; the corpus comes from bench/make_corpus.py)::

    .venv/bin/python bench/make_corpus.py bench/corpus 100000
    .venv/bin/python bench/run.py throughput            # one core, vs jieba.lcut
    .venv/bin/python bench/run.py segment               # kg.segment vs jieba.lcut, same sentences
    .venv/bin/python bench/run.py build 1000            # also 10000, 100000
    .venv/bin/python bench/run.py jobs 1000             # --jobs 2 vs --jobs 1
    .venv/bin/python bench/run.py incremental 10000     # +1 % new articles
    .venv/bin/python bench/run.py queries 10000         # example queries, median of 7
    .venv/bin/python bench/run.py report

``--real`` runs the same steps on the real articles of ``../shared/corpus`` replicated to N
files (``bench/real_corpus.py``: each copy unique, its entities recurring as in a real feed),
with corpus, stores and results in ``$TMPDIR/kg-bench-real/`` (no corpus text in the
repository)::

    .venv/bin/python bench/run.py --real build 10000 --jobs 2    # resumable, like the others
    .venv/bin/python bench/run.py --real view 10000      # files and the view from the store
    .venv/bin/python bench/run.py --real queries 10000
    .venv/bin/python bench/run.py --real report

Builds run under ``nice`` with ``/usr/bin/time -v`` (peak memory is the
largest resident set of the ``kg`` process and, with ``--jobs 2``, of its
largest worker).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_corpus as synthetic  # noqa: E402
import real_corpus as real  # noqa: E402

KG = str(Path(sys.executable).parent / "kg")


class Corpus(NamedTuple):
    """Where a series' articles and results live, and how its articles are made."""

    root: Path
    work: Path
    make: Callable[..., int]
    path: Callable[[Path, int], Path]
    folders: Callable[[Path, int], list[Path]]
    per_folder: int

    @property
    def results(self) -> Path:
        return self.work / "results.json"


SYNTHETIC = Corpus(ROOT / "bench" / "corpus", ROOT / "bench" / "work", synthetic.make_corpus,
                   synthetic.article_path, synthetic.folders, synthetic.PER_FOLDER)
# --real: the real articles replicated (bench/real_corpus.py), outside the repository
REAL = Corpus(real.DEFAULT_DIR / "corpus", real.DEFAULT_DIR / "work", real.make_real_corpus,
              real.real_path, synthetic.folders, synthetic.PER_FOLDER)
C = SYNTHETIC  # the series being run: set by main()


def load() -> dict:
    return json.loads(C.results.read_text()) if C.results.exists() else {}


def save(results: dict) -> None:
    C.work.mkdir(parents=True, exist_ok=True)
    tmp = C.results.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    os.replace(tmp, C.results)


def machine() -> dict:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) // 1024
    import pyoxigraph

    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_mb": mem, "python": platform.python_version(),
            "pyoxigraph": pyoxigraph.__version__, "kernel": platform.release()}


def sources(n: int) -> list[str]:
    """The paths holding the first ``n`` articles (whole folders, plus single files for a tail)."""
    C.make(C.root, n, quiet=True)
    full, _tail = divmod(n, C.per_folder)
    paths = [str(p) for p in C.folders(C.root, full * C.per_folder)] if full else []
    paths += [str(C.path(C.root, i)) for i in range(full * C.per_folder, n)]
    return paths


def _default_sigint() -> None:
    """Give the child Ctrl-C's default meaning (``nohup … &`` starts us with SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def timed(cmd: list[str], max_seconds: float | None = None) -> dict:
    """Run ``cmd`` under nice and /usr/bin/time -v: wall seconds, peak RSS (MB), exit status.

    After ``max_seconds`` the command gets SIGINT (as Ctrl-C would send it: a build stops
    between two articles, each fully in the store or absent) and ``stopped`` is true.
    """
    full = ["nice", "-n", "10", "/usr/bin/time", "-v", *cmd]
    start, start_wall = time.monotonic(), time.time()
    proc = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=_default_sigint)
    stopped = False
    try:
        out, err = proc.communicate(timeout=max_seconds)
    except subprocess.TimeoutExpired:
        stopped = True
        os.killpg(proc.pid, signal.SIGINT)  # the group: kg and its workers; time(1) ignores SIGINT
        out, err = proc.communicate()
    wall = time.monotonic() - start
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", err))
    return {
        "seconds": round(wall, 2),
        "peak_rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else None,
        "cpu_s": round(cpu, 1),
        "when": time.strftime("%Y-%m-%d %H:%M", time.gmtime(start_wall)),
        "status": proc.returncode,
        "stopped": stopped,
        "stdout": out[-2000:],
        "stderr": "\n".join(line for line in err.splitlines() if "\t" not in line)[-2000:],
    }


def store_info(path: Path) -> dict:
    import pyoxigraph as ox

    from kg.store import disk_bytes, entity_count
    from kg.vocab import article_iri

    st = ox.Store.read_only(str(path))
    prefix = article_iri("")  # not the derived graph
    return {
        "articles": sum(1 for g in st.named_graphs() if g.value.startswith(prefix)),
        "quads": len(st),
        "entities": entity_count(st),
        "disk_mb": round(disk_bytes(path) / 1e6, 1),
    }


# ------------------------------------------------------------------ steps

def step_throughput(args, results: dict) -> None:
    """Extraction chars/s on one core and bare jieba.lcut over the same texts, in one run."""
    import jieba

    from kg.build import extract
    from kg.rdf import article_quads
    from kg.read import read_document

    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass
    paths = [C.path(C.root, i) for i in range(args.articles)]
    C.make(C.root, args.articles, quiet=True)
    docs = [read_document(p) for p in paths]  # read first: reading is not timed
    n_docs = len(docs)
    extract(read_document(paths[0]))  # load the models
    jieba.initialize()
    # Alternating in blocks of 25 documents (the pipeline over a block, then jieba over the
    # same texts), so that both see the same machine load while each runs warm; as in a
    # build, each document is dropped once its quads are made.
    ex_wall = ex_cpu = jb_wall = jb_cpu = 0.0
    chars = 0
    while docs:
        block, docs = docs[:25], docs[25:]
        w, c = time.perf_counter(), time.process_time()
        texts = []
        while block:
            d = block.pop(0)
            article_quads(extract(d))
            texts.append(d.text)
        w2, c2 = time.perf_counter(), time.process_time()
        for t in texts:
            jieba.lcut(t)
        w3, c3 = time.perf_counter(), time.process_time()
        ex_wall, ex_cpu = ex_wall + w2 - w, ex_cpu + c2 - c
        jb_wall, jb_cpu = jb_wall + w3 - w2, jb_cpu + c3 - c2
        chars += sum(map(len, texts))
    r = {
        "articles": n_docs,
        "chars": chars,
        "extract_chars_per_s": round(chars / ex_wall),
        "extract_chars_per_cpu_s": round(chars / ex_cpu),
        "jieba_chars_per_s": round(chars / jb_wall),
        "jieba_chars_per_cpu_s": round(chars / jb_cpu),
        "ratio": round((chars / ex_wall) / (chars / jb_wall), 3),
        "when": time.strftime("%Y-%m-%d %H:%M"),
    }
    results.setdefault("throughput", []).append(r)
    print(json.dumps(r, indent=1))


def step_segment(args, results: dict) -> None:
    """kg.segment against bare jieba.lcut on the same sentences (best of 5 alternating runs, one core).

    The segmenter's HMM memo is emptied before each of its runs, so names are
    remembered only within one pass over the texts, as in one build.
    """
    import jieba

    from kg.build import extract
    from kg.read import read_document
    from kg.segment import Segmenter

    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass
    C.make(C.root, args.articles, quiet=True)
    sentences = []
    for i in range(args.articles):
        doc = read_document(C.path(C.root, i))
        extract(doc)
        sentences += [s.text for s in doc.sentences]
    seg = Segmenter()
    seg("")
    jieba.initialize()
    same = sum(seg(s) == jieba.lcut(s) for s in sentences)
    best = {"jieba": float("inf"), "segment": float("inf")}
    for _ in range(5):
        t = time.perf_counter()
        for s in sentences:
            jieba.lcut(s)
        best["jieba"] = min(best["jieba"], time.perf_counter() - t)
        seg._hmm_cache.clear()
        t = time.perf_counter()
        for s in sentences:
            seg(s)
        best["segment"] = min(best["segment"], time.perf_counter() - t)
    chars = sum(map(len, sentences))
    r = {
        "articles": args.articles,
        "sentences": len(sentences),
        "chars": chars,
        "identical": same,
        "jieba_chars_per_s": round(chars / best["jieba"]),
        "segment_chars_per_s": round(chars / best["segment"]),
        "time_ratio": round(best["segment"] / best["jieba"], 3),
        "when": time.strftime("%Y-%m-%d %H:%M"),
    }
    results.setdefault("segment", []).append(r)
    print(json.dumps(r, indent=1))


def step_build(args, results: dict) -> None:
    n = args.n
    key = str(n)
    store = C.work / f"store-{n}"
    entry = results.setdefault("build", {}).setdefault(key, {"runs": []})
    if args.force:
        shutil.rmtree(store, ignore_errors=True)
        entry = results["build"][key] = {"runs": []}
    if entry.get("done"):
        print(f"build {n}: done already ({entry['seconds']} s)")
        return
    paths = sources(n)
    run = timed([KG, "build", *paths, "--store", str(store), "--jobs", str(args.jobs), "-q"],
                max_seconds=args.max_seconds)
    run["stopped"] = (
        run["stopped"] or run["status"] == 130
    )  # Ctrl-C from outside: stopped, resumable
    run["resumed"] = bool(entry["runs"])
    entry["runs"].append(run)
    save(results)
    if run["status"] != 0 and not run["stopped"]:
        print(run["stderr"], file=sys.stderr)
        raise SystemExit(
            f"build {n} stopped (status {run['status']}); run the same command to resume"
        )
    info = store_info(store)
    entry.update(info)
    entry["done"] = info["articles"] == n
    entry["seconds"] = round(sum(r["seconds"] for r in entry["runs"]), 1)
    entry["peak_rss_mb"] = max(r["peak_rss_mb"] or 0 for r in entry["runs"])
    entry["jobs"] = args.jobs
    print(json.dumps({k: v for k, v in entry.items() if k != "runs"}, indent=1))


def step_jobs(args, results: dict) -> None:
    n = args.n
    paths = sources(n)
    out = {}
    for jobs in (1, 2):
        store = C.work / f"jobs-{n}-{jobs}"
        shutil.rmtree(store, ignore_errors=True)
        out[jobs] = timed([KG, "build", *paths, "--store", str(store), "--jobs", str(jobs), "-q"])
        shutil.rmtree(store, ignore_errors=True)
    r = {"articles": n, "jobs1_s": out[1]["seconds"], "jobs2_s": out[2]["seconds"],
         "speedup": round(out[1]["seconds"] / out[2]["seconds"], 2),
         "peak_rss_mb_1": out[1]["peak_rss_mb"], "peak_rss_mb_2": out[2]["peak_rss_mb"],
         "cpu_s_1": out[1]["cpu_s"], "cpu_s_2": out[2]["cpu_s"], "when": out[1]["when"]}
    results.setdefault("jobs", {})[str(n)] = r
    print(json.dumps(r, indent=1))


def step_incremental(args, results: dict) -> None:
    n = args.n
    base = C.work / f"store-{n}"
    full = results.get("build", {}).get(str(n), {})
    if not full.get("done"):
        raise SystemExit(f"run 'bench/run.py build {n}' first")
    add = max(1, n // 100)
    C.make(C.root, n + add, quiet=True)
    new = [str(C.path(C.root, i)) for i in range(n, n + add)]
    r: dict = {"articles": n, "added": add, "full_build_s": full["seconds"]}
    for mode, paths in (("whole_corpus", sources(n) + new), ("new_files_only", new)):
        copy = C.work / f"inc-{n}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(base, copy)
        run = timed([KG, "build", *paths, "--store", str(copy), "--jobs", "1", "-q"])
        shutil.rmtree(copy, ignore_errors=True)
        if run["status"]:
            raise SystemExit(run["stderr"])
        r[f"{mode}_s"] = run["seconds"]
        r[f"{mode}_ratio"] = round(run["seconds"] / full["seconds"], 4)
    results.setdefault("incremental", {})[str(n)] = r
    print(json.dumps(r, indent=1))


def example_queries(article: str, district: str, city: str,
                    project_place: str | None = None) -> dict[str, str]:
    """The example queries, their ``VALUES`` lines pointed at an article, district and city of the store.

    ``project_place`` (default: ``district``) is the place of the queries about projects.
    """
    out = {}
    for p in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
        text = p.read_text(encoding="utf-8")
        place = project_place if project_place and "project" in p.stem or p.stem == "contradictions" else district
        text = re.sub(r'VALUES \?file \{ "[^"]*" \}', f'VALUES ?file {{ "{article}" }}', text)
        text = re.sub(
            r'VALUES \?(region|place) \{ "[^"]*"@zh \}',
            lambda m, place=place: f'VALUES ?{m[1]} {{ "{place}"@zh }}',
            text,
        )
        text = re.sub(r'VALUES \?city \{ "[^"]*"@zh \}', f'VALUES ?city {{ "{city}"@zh }}', text)
        out[p.stem] = text
    return out


def district_of(store, article: str) -> tuple[str, str]:
    """A district (or county) the article names, and its city."""
    from kg.vocab import PREFIXES

    q = f"""SELECT ?d ?c WHERE {{ ?a schema:name "{article}" .
              GRAPH ?a {{ ?x a kg:District ; rdfs:label ?d ; kg:partOf ?y . ?y a kg:City ; rdfs:label ?c }} }}
            ORDER BY ?d LIMIT 1"""
    row = next(iter(store.query(q, prefixes=PREFIXES)))
    return row["d"].value, row["c"].value


# The busiest places of the store: where the answers are largest (the real series)
BUSIEST = {
    "district": """SELECT ?l (COUNT(?m) AS ?n) WHERE {
        { ?m org:organization ?r } UNION { ?m org:organization ?o . ?o kg:locatedIn ?r }
        ?r a kg:District ; rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1""",
    "project_place": """SELECT ?l (COUNT(DISTINCT ?j) AS ?n) WHERE {
        ?j a kg:Project ; kg:locatedIn ?r . ?r rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1""",
    "city": """SELECT ?l (COUNT(DISTINCT ?c) AS ?n) WHERE {
        ?c a kg:Company ; kg:locatedIn ?p . ?p kg:partOf/kg:partOf? ?y . ?y a kg:City ; rdfs:label ?l }
        GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1""",
    "article": """SELECT ?f (COUNT(*) AS ?n) WHERE { ?a schema:name ?f . GRAPH ?a { ?s ?p ?o } }
        GROUP BY ?f ORDER BY DESC(?n) ?f LIMIT 1""",
}


def pick_values(store) -> dict[str, str]:
    """Where the example queries point: an article, a district, a place of projects, a city.

    The synthetic series uses article 42 and its district and city; the real one the busiest
    of each (the district with the most posts, the place with the most projects, the city with
    the most companies, the article with the most triples): the largest answers of the feed.
    """
    from kg.vocab import PREFIXES

    if C is SYNTHETIC:
        district, city = district_of(store, "a0000042.txt")
        return {"article": "a0000042.txt", "district": district, "city": city,
                "project_place": district}
    out = {}
    for key, q in BUSIEST.items():
        row = next(iter(store.query(q, prefixes=PREFIXES)), None)
        if row is None:
            raise SystemExit(f"the store has no {key} for the example queries")
        out[key] = row[0].value
    return out


def step_view(args, results: dict) -> None:
    """Files and the view from a built store: ``kg build PATHS --store S --out O`` with and without it.

    Every article is already in the store (same text, skipped), so what is timed is reading and
    hashing the corpus again, then writing graph.ttl and graph.trig from the whole store, and the
    view (graph.html) in the first run only.
    """
    n = args.n
    store = C.work / f"store-{n}"
    if not results.get("build", {}).get(str(n), {}).get("done"):
        raise SystemExit(f"run 'bench/run.py build {n}' first")
    paths = sources(n)
    r: dict = {"articles": n}
    for mode, extra in (("no_view", ["--no-view"]), ("view", [])):
        out = C.work / f"out-{n}-{mode}"
        shutil.rmtree(out, ignore_errors=True)
        run = timed([KG, "build", *paths, "--store", str(store), "--out", str(out), "-q", *extra])
        if run["status"]:
            raise SystemExit(run["stderr"])
        r[mode] = {k: run[k] for k in ("seconds", "cpu_s", "peak_rss_mb", "when")}
        r[mode]["files_mb"] = round(sum(p.stat().st_size for p in out.iterdir()) / 1e6, 1)
        shutil.rmtree(out, ignore_errors=True)
        print(mode, r[mode], flush=True)
    results.setdefault("view", {})[str(n)] = r


def step_queries(args, results: dict) -> None:
    import pyoxigraph as ox

    from kg.vocab import PREFIXES

    store = C.work / f"store-{args.n}"
    st = ox.Store.read_only(str(store))
    r = {"store": store_info(store), "when": time.strftime("%Y-%m-%d %H:%M", time.gmtime())}
    r["picked"] = v = pick_values(st)
    for name, text in example_queries(v["article"], v["district"], v["city"],
                                      v["project_place"]).items():
        times, rows, stopped = [], 0, False
        for _ in range(args.repeat):
            t = time.perf_counter()
            res = st.query(text, use_default_graph_as_union=False, prefixes=PREFIXES)
            rows = 0
            for _row in res:
                rows += 1
                if rows % 1000 == 0 and time.perf_counter() - t > args.limit:
                    stopped = True
                    break
            times.append(time.perf_counter() - t)
            if stopped or times[-1] > args.limit:
                break  # one run of a slow query is enough
        r[name] = {"rows": rows, "first_ms": round(times[0] * 1000, 1), "runs": len(times),
                   "median_ms": round(statistics.median(times) * 1000, 1), "stopped": stopped}
        print(name, r[name], flush=True)
    results.setdefault("queries", {})[str(args.n)] = r
    print(json.dumps(r, indent=1, ensure_ascii=False))


def rate_curve(n: int) -> list[str]:
    """Markdown rows from ``bench/sample_build.sh``'s samples of the build of ``n`` articles."""
    path = C.work / f"samples-{n}.txt"
    rows = []
    if path.exists():
        for line in path.read_text().splitlines():
            f = line.split()
            if len(f) == 5 and f[2].isdigit() and f[3].isdigit():
                rows.append((f[0], int(f[1]), int(f[2]), int(f[3]), f[4]))
    out = []
    for (_, t0, a0, c0, _), (hm, t1, a1, c1, load) in zip(rows, rows[1:], strict=False):
        if a1 > a0 and c1 > c0:
            out.append(
                f"| {hm} | {a1:,} | {(a1 - a0) / (t1 - t0):.1f} | {(c1 - c0) / (a1 - a0) * 1000:.0f} | {load} |"
            )
    return out


def step_report(args, results: dict) -> None:
    m = results.get("machine", machine())
    print(
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_mb'] / 1024:.0f} GiB RAM, Python {m['python']}, "
        f"pyoxigraph {m['pyoxigraph']}, Linux {m['kernel']}.\n"
    )
    if results.get("throughput"):
        print(
            "| when | articles | chars | extraction chars/s (wall) | per CPU-s | jieba.lcut chars/s | ratio |"
        )
        print("|---|---|---|---|---|---|---|")
        for r in results["throughput"]:
            print(
                f"| {r['when']} | {r['articles']} | {r['chars']:,} | {r['extract_chars_per_s']:,} | "
                f"{r['extract_chars_per_cpu_s']:,} | {r['jieba_chars_per_s']:,} | {r['ratio']} |"
            )
        print()
    if results.get("segment"):
        print(
            "| when | sentences | chars | identical to jieba.lcut | jieba.lcut chars/s | kg.segment chars/s "
            "| time ratio |"
        )
        print("|---|---|---|---|---|---|---|")
        for r in results["segment"]:
            print(
                f"| {r['when']} | {r['sentences']:,} | {r['chars']:,} | {r['identical']:,} | "
                f"{r['jieba_chars_per_s']:,} | {r['segment_chars_per_s']:,} | {r['time_ratio']} |"
            )
        print()
    if results.get("build"):
        print(
            "| articles | --jobs | build (s) | s / 1k articles | peak RSS (MB) | quads | distinct entities "
            "| store on disk (MB) | runs |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for k, r in sorted(results["build"].items(), key=lambda kv: int(kv[0])):
            if not r.get("seconds") or not r.get("articles"):
                continue
            what = f"{r['articles']:,}" + (
                "" if r.get("done") else f" (of {int(k):,}: stopped at the time limit)"
            )
            print(
                f"| {what} | {r.get('jobs', 1)} | {r['seconds']:,} | "
                f"{r['seconds'] / r['articles'] * 1000:.1f} | {r['peak_rss_mb']} | {r['quads']:,} | "
                f"{r['entities']:,} | {r['disk_mb']:,} | {len(r['runs'])} |"
            )
        print()
    for k in sorted(results.get("build", {}), key=int):
        curve = rate_curve(int(k))
        if curve:
            print(f"build of {int(k):,} articles, sampled (bench/sample_build.sh):\n")
            print(
                "| UTC | articles stored | articles/s (wall) | CPU-s per 1k articles | load (1 min) |"
            )
            print("|---|---|---|---|---|")
            print("\n".join(curve) + "\n")
    for k, r in results.get("jobs", {}).items():
        print(
            f"--jobs: {int(k):,} articles: --jobs 1 {r['jobs1_s']} s, --jobs 2 {r['jobs2_s']} s: "
            f"speed-up {r['speedup']}× (peak RSS {r['peak_rss_mb_1']} / {r['peak_rss_mb_2']} MB)\n"
        )
    for k, r in results.get("incremental", {}).items():
        print(
            f"incremental: {r['added']} new articles into a {int(k):,}-article store: "
            f"{r['whole_corpus_s']} s re-reading the whole corpus ({r['whole_corpus_ratio'] * 100:.1f} % of the "
            f"{r['full_build_s']} s full build), {r['new_files_only_s']} s given only the new files "
            f"({r['new_files_only_ratio'] * 100:.1f} %)\n"
        )
    for k, r in results.get("view", {}).items():
        print(
            f"files from the {int(k):,}-article store: --no-view {r['no_view']['seconds']} s "
            f"({r['no_view']['peak_rss_mb']} MB), with the view {r['view']['seconds']} s "
            f"({r['view']['peak_rss_mb']} MB, {r['view']['files_mb']} MB of files)\n"
        )
    for k, r in results.get("queries", {}).items():
        s = r["store"]
        print(f"queries on the {int(k):,}-article store ({s['quads']:,} quads):\n")
        print("| query | rows | first run (ms) | median (ms) | runs |")
        print("|---|---|---|---|---|")
        for name, q in r.items():
            if name not in ("store", "when", "picked"):
                rows = f"{q['rows']:,}" + (" (stopped)" if q.get("stopped") else "")
                print(
                    f"| {name} | {rows} | {q['first_ms']:,} | {q['median_ms']:,} | {q.get('runs', 7)} |"
                )
        print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", action="store_true",
                    help="the real articles replicated (bench/real_corpus.py) instead of the synthetic corpus")
    sub = ap.add_subparsers(dest="step", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--articles", type=int, default=300)
    t = sub.add_parser("segment")
    t.add_argument("--articles", type=int, default=300)
    for name in ("build", "jobs", "incremental", "queries", "view"):
        p = sub.add_parser(name)
        p.add_argument("n", type=int)
        p.add_argument("--force", action="store_true")
        p.add_argument("--jobs", type=int, default=1)
        p.add_argument("--repeat", type=int, default=7)
        p.add_argument(
            "--limit", type=float, default=60.0, help="seconds after which a query is not repeated"
        )
        p.add_argument("--max-seconds", type=float,
                       help="build: stop after this many seconds (resume by running again)")
    sub.add_parser("report")
    args = ap.parse_args(argv)
    global C
    C = REAL if args.real else SYNTHETIC
    results = load()
    results.setdefault("machine", machine())
    step = {
        "throughput": step_throughput,
        "segment": step_segment,
        "build": step_build,
        "jobs": step_jobs,
        "incremental": step_incremental,
        "queries": step_queries,
        "view": step_view,
        "report": step_report,
    }[args.step]
    try:
        step(args, results)
    finally:
        if args.step != "report":
            save(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
