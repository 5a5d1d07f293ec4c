"""One article of one long line without sentence punctuation: time and peak memory of
``kg build FILE --no-view -j 1``, before (a baseline commit, main by default) and after
(this tree), in the same run.

The input is real text: the articles of ``../shared/corpus/articles`` in order, with their
sentence punctuation (。！？!?；;) and all white space taken out, joined until the size is
reached (``16K`` counts characters, ``1MB`` bytes of UTF-8).  Each build runs under
``/usr/bin/time -v``; the time reported is CPU time (user + system: on a shared machine it
varies far less than the wall clock, which is given too), with a limit of CPU seconds; a build
past it is stopped and reported as ``> limit``.

Usage (from the repository root)::

    .venv/bin/python bench/long_lines.py                          # 16K 100K 400K 1MB 4MB 20MB
    .venv/bin/python bench/long_lines.py --sizes 16K,100K --limit 300 --baseline main

Prints one Markdown table row per size; the results are also written to
``bench/work/long_lines.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
WORK = ROOT / "bench" / "work"
_SENTENCE_END = re.compile(r"[。！？!?；;\s]+")


def one_line(size: str) -> str:
    """Corpus text without sentence punctuation, ``size`` characters (``16K``) or bytes
    (``1MB``)."""
    if size.upper().endswith("MB"):
        limit, in_bytes = int(float(size[:-2]) * 1024 * 1024), True
    else:
        limit, in_bytes = int(float(size.rstrip("Kk")) * 1000), False
    parts: list[str] = []
    total = 0
    paths = sorted(CORPUS.glob("*.txt"))
    k = 0
    while total < limit:
        t = _SENTENCE_END.sub("", paths[k % len(paths)].read_text(encoding="utf-8",
                                                                  errors="replace"))
        parts.append(t)
        total += len(t.encode("utf-8")) if in_bytes else len(t)
        k += 1
    text = "".join(parts)
    if in_bytes:
        return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
    return text[:limit]


def run(src: Path, folder: Path, out: Path, limit: float) -> dict:
    """Build ``folder`` with the code in ``src``: CPU and wall seconds, peak resident memory
    (MB); at most ``limit`` CPU seconds."""
    env = dict(os.environ, PYTHONPATH=str(src))
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "kg.cli", "build", str(folder),
           "--out", str(out), "--no-view", "-j", "1"]

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (int(limit), int(limit) + 5))

    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=tempfile.gettempdir(), capture_output=True,
                       text=True, preexec_fn=cap)
    wall = time.perf_counter() - t

    def field(name: str) -> float:
        m = re.search(rf"{name}: ([\d.]+)", p.stderr)
        return float(m.group(1)) if m else 0.0

    cpu = field(r"User time \(seconds\)") + field(r"System time \(seconds\)")
    if p.returncode != 0 or cpu >= limit:
        return {"cpu": None, "limit": limit, "wall": round(wall, 1), "rc": p.returncode}
    return {"cpu": round(cpu, 1), "wall": round(wall, 1),
            "peak_mb": round(field(r"Maximum resident set size \(kbytes\)") / 1024)}


def cell(r: dict) -> str:
    if r["cpu"] is None:
        return f"> {r['limit']:.0f} s | – | –"
    return f"{r['cpu']} s | {r['wall']} s | {r['peak_mb']} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="16K,100K,400K,1MB,4MB,20MB")
    ap.add_argument("--baseline", default="main", help="git commit to compare with")
    ap.add_argument("--limit", type=float, default=600, help="CPU seconds per build")
    ap.add_argument("--after-only", action="store_true", help="do not build the baseline")
    ap.add_argument("--before-only", action="store_true", help="build the baseline only")
    a = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        base.mkdir()
        if not a.after_only:
            archive = subprocess.run(["git", "archive", a.baseline], cwd=ROOT, check=True,
                                     capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        print("| input | characters | before: CPU | wall | peak | after: CPU | wall | peak |")
        print("|---|---|---|---|---|---|---|---|")
        for size in a.sizes.split(","):
            folder = Path(tmp) / f"in-{size}"
            folder.mkdir()
            text = one_line(size)
            (folder / "line.txt").write_text(text, encoding="utf-8")
            row = {"characters": len(text)}
            if not a.after_only:
                row["before"] = run(base, folder, Path(tmp) / f"before-{size}", a.limit)
            if not a.before_only:
                row["after"] = run(ROOT, folder, Path(tmp) / f"after-{size}", a.limit)
            results[size] = row
            before = cell(row["before"]) if "before" in row else "– | – | –"
            after = cell(row["after"]) if "after" in row else "– | – | –"
            print(f"| {size} | {len(text):,} | {before} | {after} |", flush=True)
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "long_lines.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
