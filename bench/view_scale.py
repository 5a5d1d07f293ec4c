"""The view's cost on a real-shaped corpus: ``kg build --out`` with and without graph.html.

Real corpora repeat: a city's news names the same districts, bodies,
officials and companies in hundreds of articles.  This benchmark takes the
first 25 real articles of ``../shared/corpus/articles`` (by file name) that
name a post (``书记``; override with ``--corpus``, ``--articles``,
``--match``) and copies them until there are N files, each
copy made unique (its title line gets a ``（第k稿）`` suffix, so its digest
and article IRI differ) while its entities, facts and posts recur exactly as
in the original.  The corpus is written to a temporary folder and deleted
afterwards: no corpus text enters the repository.

For each size it times ``kg build DIR --out OUT`` and ``kg build DIR --out OUT
--no-view`` under ``/usr/bin/time -v`` (wall seconds, CPU seconds, peak
resident memory of the ``kg`` process), then ``kg view OUT/graph.trig`` alone
(the view from a TriG file: every article in its own named graph).  Prints a
Markdown table for ``docs/benchmarks.md``.

Usage (from the repository root)::

    .venv/bin/python bench/view_scale.py                      # 200, 400, 2000 files
    .venv/bin/python bench/view_scale.py --sizes 400 --jobs 2
    .venv/bin/python bench/view_scale.py --code /tmp/old-checkout --max-mb 8000   # an older kg

``--code DIR`` runs the ``kg`` package found in ``DIR`` (``python -m kg.cli``
with ``PYTHONPATH=DIR``, from a temporary folder so that the checkout's own
``kg`` does not come first), to measure the code before a change on the
same corpus.  ``--max-mb`` caps the address space of the build (``ulimit -v``), so
a runaway build fails instead of exhausting a shared machine.

>>> titled("标题\\n正文", 3)
'标题（第3稿）\\n正文'
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_corpus import titled  # noqa: E402  (the same copy marker as the --real series)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def make_corpus(folder: Path, sources: list[Path], n: int) -> list[Path]:
    """Write ``n`` files into ``folder``: the sources in turn, each copy with its own title."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    out = []
    for i in range(n):
        copy, k = divmod(i, len(texts))
        path = folder / f"{copy:04d}-{sources[k].name}"
        path.write_text(titled(texts[k], copy + 1), encoding="utf-8")
        out.append(path)
    return out


def machine() -> str:
    """One line naming the machine: cores, CPU model, RAM, kernel, Python."""
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (f"{os.cpu_count()} cores (`nproc`), {cpu}, {kb / 1024 / 1024:.0f} GiB RAM, "
            f"Linux {platform.release()}, Python {platform.python_version()}")


def timed(cmd: list[str], env: dict[str, str], max_mb: int | None, max_seconds: float | None = None,
          cwd: Path | None = None) -> dict:
    """Run ``cmd`` under ``/usr/bin/time -v``: wall and CPU seconds, peak RSS in MB, exit status.

    With ``max_seconds`` the command is stopped (SIGTERM, then SIGKILL to its
    process group) once it has run that long; ``stopped`` says so.
    """
    limit = f"ulimit -v {max_mb * 1024}; " if max_mb else ""
    shell = limit + 'exec /usr/bin/time -v "$@"'
    start = time.monotonic()
    proc = subprocess.Popen(["bash", "-c", shell, "bash", *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=cwd, start_new_session=True)
    stopped = False
    try:
        out, err = proc.communicate(timeout=max_seconds)
    except subprocess.TimeoutExpired:
        stopped = True
        # stop kg, the child of time(1), so that time still reports its peak memory
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        for pid in children.read_text().split() if children.exists() else ():
            os.kill(int(pid), signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # our own process group (start_new_session)
            out, err = proc.communicate()
    wall = time.monotonic() - start
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", err))
    tail = [ln for ln in err.splitlines() if not ln.startswith("\t")][-3:]
    return {"seconds": wall, "cpu": cpu, "peak_mb": int(rss.group(1)) / 1024 if rss else float("nan"),
            "status": proc.returncode, "stopped": stopped, "tail": " | ".join(tail)}


def main(argv: list[str] | None = None) -> int:
    """Build the repeated corpus at each size and time the build with and without the view."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 400, 2000])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of real articles (.txt)")
    parser.add_argument("--articles", type=int, default=25, help="distinct articles to repeat")
    parser.add_argument("--match", default="书记", help="only articles whose text matches this regex")
    parser.add_argument("--jobs", type=int, default=1, help="kg build --jobs (default 1)")
    parser.add_argument("--code", type=Path, help="run the kg package of this folder instead")
    parser.add_argument("--max-mb", type=int, help="address-space cap for each build (ulimit -v)")
    parser.add_argument("--max-seconds", type=float, help="stop a build that runs longer than this")
    parser.add_argument("--no-baseline", action="store_true", help="skip the --no-view builds")
    parser.add_argument("--no-kg-view", action="store_true", help="skip `kg view graph.trig`")
    args = parser.parse_args(argv)

    match = re.compile(args.match)
    sources = [p for p in sorted(args.corpus.glob("*.txt"))
               if match.search(p.read_text(encoding="utf-8"))][: args.articles]
    if len(sources) < args.articles:
        print(f"need {args.articles} articles in {args.corpus}, found {len(sources)}", file=sys.stderr)
        return 2
    env = dict(os.environ)
    if args.code:
        env["PYTHONPATH"] = str(args.code.resolve())
        kg = [sys.executable, "-m", "kg.cli"]
    else:
        kg = [str(Path(sys.executable).parent / "kg")]

    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-view-bench-") as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"corpus-{n}"
            corpus.mkdir()
            make_corpus(corpus, sources, n)
            chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus.iterdir())
            row: dict = {"n": n, "chars": chars}
            for mode in ("view", "no-view"):
                if mode == "no-view" and args.no_baseline:
                    continue
                out = Path(tmp) / f"out-{n}-{mode}"
                cmd = [*kg, "build", str(corpus), "--out", str(out), "-q", "--jobs", str(args.jobs)]
                if mode == "no-view":
                    cmd.append("--no-view")
                r = timed(cmd, env, args.max_mb, args.max_seconds, cwd=Path(tmp))
                html = out / "graph.html"
                r["html_mb"] = html.stat().st_size / 1e6 if html.exists() else 0.0
                row[mode] = r
                print(f"{n} files, {mode}: {r['seconds']:.1f} s (CPU {r['cpu']:.1f} s), {r['peak_mb']:.0f} MB, "
                      f"exit {r['status']} {r['tail'] if r['status'] else ''}", file=sys.stderr)
            trig = Path(tmp) / f"out-{n}-{'view' if args.no_baseline else 'no-view'}" / "graph.trig"
            if trig.exists() and not args.no_kg_view:
                r = timed([*kg, "view", str(trig), "-o", str(Path(tmp) / f"view-{n}.html")], env, args.max_mb,
                          args.max_seconds, cwd=Path(tmp))
                row["kg view"] = r
                print(f"{n} files, kg view: {r['seconds']:.1f} s (CPU {r['cpu']:.1f} s), {r['peak_mb']:.0f} MB, "
                      f"exit {r['status']} {r['tail'] if r['status'] else ''}", file=sys.stderr)
            rows.append(row)

    code = f"code in {args.code}" if args.code else "this checkout"
    print(f"Machine: {machine()}; {code}; `--jobs {args.jobs}`; {len(sources)} articles matching "
          f"`{args.match}` ({sources[0].name} … {sources[-1].name}).\n")
    print("| files (chars) | `kg build --out` with the view | `--no-view` | ratio (wall / CPU) | graph.html "
          "| `kg view graph.trig` |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        def cell(m: dict | None) -> str:
            if m is None:
                return "–"
            fail = "" if m["status"] == 0 else f" **failed (exit {m['status']})**"
            if m["stopped"]:
                fail = " **stopped**"
            return f"{m['seconds']:.1f} s (CPU {m['cpu']:.1f} s), {m['peak_mb']:,.0f} MB{fail}"
        v, b = r.get("view"), r.get("no-view")
        ok = v and b and not v["status"] and not b["status"]
        ratio = f"{v['seconds'] / b['seconds']:.2f}× / {v['cpu'] / b['cpu']:.2f}×" if ok else "–"
        size = f"{v['html_mb']:.2f} MB" if v and v["html_mb"] else "–"
        print(f"| {r['n']:,} ({r['chars'] / 1000:,.0f} K) | {cell(v)} | {cell(b)} | {ratio} | {size} "
              f"| {cell(r.get('kg view'))} |")
    modes = ("view", "no-view", "kg view")
    return 0 if all(r[m]["status"] == 0 for r in rows for m in modes if m in r) else 1


if __name__ == "__main__":
    sys.exit(main())
