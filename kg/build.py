"""Build a knowledge graph from article files: read -> extract -> resolve -> RDF.

Files stream through :func:`kg.parallel.extract_stream` (in this process or
in ``jobs`` worker processes; the result is the same byte for byte) and each
article's named graph is written in one transaction, into memory or into an
on-disk store (``store=``), where unchanged articles are skipped.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("淄博市张店区委书记王小明出席。", encoding="utf-8")
>>> g = build([d])
>>> g.report.articles
1
>>> g2 = build([d], store=d / "store")
>>> g2.report.added, build([d], store=g2).report.unchanged
(1, 1)
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import view as html_view
from kg.article import default_pipeline, extract, extract_file, extract_text
from kg.derived import refresh as refresh_derived
from kg.files import replace_outputs
from kg.graph import KnowledgeGraph, LoadedGraph
from kg.merge import replace_article
from kg.model import ENTITY_TYPES, RELATIONS
from kg.parallel import default_jobs, extract_stream, pool_size, process_file
from kg.pipeline import Pipeline
from kg.read import Skipped, iter_inputs
from kg.store import (
    article_count,
    article_digests,
    disk_bytes,
    entity_count,
    open_store,
    store_writes,
)

__all__ = ["BuildReport", "Progress", "build", "extract", "extract_file", "extract_text",
           "list_inputs", "output_names", "summary", "write_outputs"]


@dataclass
class BuildReport:
    """What a build did: articles read, files skipped (with reasons), warnings.

    ``articles`` counts the articles read (``added + replaced + unchanged``);
    ``unchanged`` ones were already in the store with the same text and were
    not extracted again; ``replaced`` ones were in the store with other text.
    """

    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    quads: int = 0  # quads written by this build
    jobs: int = 1
    executor: str | None = None  # the Dask cluster that extracted, if one did
    store: str | None = None


FLUSH_QUADS = 250_000  # flush an on-disk store after this many quads (keeps memory flat)

class Progress:
    """A one-line progress bar on stderr; silent when quiet or not a terminal.

    Shows done/total, articles per second, the time left and an optional
    note (e.g. how many articles were unchanged).

    >>> p = Progress(10, quiet=True)
    >>> p.step(note="1 unchanged"); p.done, p.enabled
    (1, False)
    """

    def __init__(self, total: int | None, quiet: bool = False, label: str = "articles") -> None:
        self.total = total
        self.enabled = not quiet and sys.stderr.isatty() and not os.environ.get("CI")
        self.label = label
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0

    def step(self, n: int = 1, note: str = "") -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done != self.total:
            return
        self._last = now
        rate = self.done / max(now - self.start, 1e-9)
        tail = f" ({note})" if note else ""
        if self.total:
            frac = self.done / self.total
            bar = "█" * int(frac * 30) + "·" * (30 - int(frac * 30))
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            eta = f" {int(left // 60)}:{int(left % 60):02d} left" if self.done < self.total else ""
            sys.stderr.write(f"\r{bar} {self.done}/{self.total} {self.label} {rate:.1f}/s{eta}"
                             f"{tail}\x1b[K")
        else:
            sys.stderr.write(f"\r{self.done} {self.label} {rate:.1f}/s{tail}\x1b[K")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def list_inputs(paths: Iterable[str | os.PathLike], report: BuildReport,
                follow_links: bool = False) -> list[Path]:
    """The article files under ``paths`` (sorted per argument); skipped paths go to ``report``.

    Symbolic links that lead out of a folder given are skipped unless
    ``follow_links`` (see :func:`kg.read.iter_inputs`).
    """
    files: list[Path] = []
    for item in iter_inputs(list(paths), follow_links=follow_links):
        if isinstance(item, Skipped):
            report.skipped.append((item.path, item.reason))
        else:
            files.append(item)
    return files


def _workers(files: list[Path], jobs: int | None, executor: str | None,
             pipeline: Pipeline | None) -> tuple[int, str | None]:
    """How to extract: worker processes (1: this process) and the Dask executor, if any."""
    if pipeline is not None and pipeline.names != default_pipeline().names:
        return 1, None  # components registered at run time may not exist in a worker
    if executor is None:
        return pool_size(files, jobs), None
    return max(1, jobs or default_jobs()), executor


def build(
    paths: Iterable[str | os.PathLike],
    *,
    pipeline: Pipeline | None = None,
    quiet: bool = True,
    store: str | os.PathLike | KnowledgeGraph | None = None,
    jobs: int | None = 1,
    executor: str | None = None,
    follow_links: bool = False,
) -> KnowledgeGraph:
    """Build a :class:`~kg.graph.KnowledgeGraph` from files and folders of articles.

    The graph holds one named graph per article and their merge as the
    default graph, which queries run on (see :mod:`kg.merge`).

    Parameters
    ----------
    paths : iterable of paths
        Article files and folders.
    pipeline : Pipeline, optional
        The extraction components (the default pipeline when omitted).
    quiet : bool
        No progress bar.
    store : path or KnowledgeGraph, optional
        Build into this on-disk store (see :mod:`kg.store`) instead of memory:
        articles whose text is already stored are skipped, changed ones are
        replaced, each in one transaction.
    jobs : int or None
        Worker processes for extraction (1: in this process; never more
        than files).  None: as many as cores for a batch of at least
        :data:`kg.parallel.POOL_MIN_BYTES`, this process for a smaller one
        (a pool would not finish it sooner).  The graph is the same for any
        number.
    executor : str, optional
        ``"dask://HOST:PORT"`` or ``"dask-local"``: extract on a Dask cluster
        instead (see :func:`kg.parallel.extract_stream`); ``jobs`` is then
        the number of workers of ``dask-local`` (None: as many as cores).
        The same graph again.
    follow_links : bool
        Follow symbolic links in the folders given that lead out of them
        (by default they are skipped and reported in ``report.skipped``).

    The returned graph has a ``report`` attribute (:class:`BuildReport`).
    """
    start = time.monotonic()
    report = BuildReport()
    if isinstance(store, KnowledgeGraph):
        kg = KnowledgeGraph(store.store) if isinstance(store, LoadedGraph) else store
    elif store is not None:
        kg = open_store(store)
        report.store = str(store)
    else:
        kg = KnowledgeGraph()
    known = article_digests(kg.store) if store is not None else {}
    files = list_inputs(paths, report, follow_links=follow_links)
    jobs, executor = report.jobs, report.executor = _workers(files, jobs, executor, pipeline)
    bar = Progress(len(files), quiet=quiet)
    seen: dict[str, str] = {}
    unflushed = 0
    # workers compare with the digests stored when the build started (a snapshot, whatever
    # the number of jobs); a file whose name an earlier file of this batch rewrote is redone
    stream = extract_stream(files, known=dict(known), jobs=jobs, pipeline=pipeline,
                            executor=executor)
    try:
        for r in stream:
            if r.status == "unchanged" and known.get(r.graph) != r.digest:
                r = process_file(r.path, None, pipeline)
            if r.status == "skipped":
                report.skipped.append((r.path, " ".join((r.reason or "").split())))  # one line
            else:
                if r.graph in seen:
                    report.warnings.append(
                        f"{r.path}: same file name as {seen[r.graph]}; "
                        "the later file replaces the earlier")
                seen[r.graph] = r.path
                report.articles += 1
                if r.status == "unchanged":
                    report.unchanged += 1
                else:
                    with store_writes(report.store):
                        replace_article(kg.store, r.graph, r.ntriples)
                    if r.graph in known:
                        report.replaced += 1
                    else:
                        report.added += 1
                    known[r.graph] = r.digest
                    report.quads += r.quads
                    unflushed += r.quads
                    if store is not None and unflushed >= FLUSH_QUADS:
                        with store_writes(report.store):  # without it, pyoxigraph's memory
                            kg.store.flush()              # grows with the store
                        unflushed = 0
                    report.chars += r.chars
                    report.warnings.extend(r.warnings)
            bar.step(note=f"{report.unchanged} unchanged" if report.unchanged else "")
    finally:
        stream.close()  # if the loop stopped early (Ctrl-C, an error): stops the workers now
        bar.close()
    with store_writes(report.store):
        refresh_derived(kg.store)  # support counts, intervals, stages of what the batch touched
    if store is not None:
        with store_writes(report.store):
            kg.store.flush()
    report.seconds = time.monotonic() - start
    kg.report = report  # type: ignore[attr-defined]
    return kg


def output_names(view: bool = True) -> list[str]:
    """The files a build writes into its output folder (``view``: with graph.html)."""
    return ["graph.ttl", "graph.trig"] + (["graph.html"] if view else [])


def write_outputs(
    kg: KnowledgeGraph,
    out: str | os.PathLike,
    *,
    view_options: dict | None = None,
    view: bool = True,
) -> list[Path]:
    """Write graph.ttl, graph.trig and graph.html into ``out``, replaced as one unit.

    The RDF files are streamed from the store one graph (TriG) or one subject
    (Turtle) at a time; their bytes equal :meth:`KnowledgeGraph.serialize`.
    All files are first written into a hidden staging folder inside ``out``
    and moved into place only once every one is complete; a move that fails
    undoes the others (see :func:`kg.files.replace_outputs`).  A failure
    raises :class:`~kg.files.OutputError`, whose message says what ``out``
    holds: the previous files, as they were.
    """
    writers: dict[str, Callable[[Path], object]] = {
        "graph.ttl": lambda p: kg.write(p, "ttl"),
        "graph.trig": lambda p: kg.write(p, "trig"),
    }
    if view:
        writers["graph.html"] = lambda p: html_view.write_html(kg.store, p,
                                                               **(view_options or {}))
    return replace_outputs(out, writers)


def summary(kg: KnowledgeGraph, report: BuildReport) -> str:
    """A short human summary of a build."""
    st = kg.stats()
    skipped = f", skipped: {len(report.skipped)}" if report.skipped else ""
    workers = report.executor or f"{report.jobs} job" + ("s" if report.jobs != 1 else "")
    lines = [f"articles read: {report.articles}" + skipped
             + f" ({report.chars / max(report.seconds, 1e-9):,.0f} chars/s, {workers}"
             + f", {report.seconds:.1f} s)"]
    if report.store is not None:
        n_articles = article_count(kg.store)
        lines.append(f"store {report.store}: added {report.added}, replaced {report.replaced}, "
                     f"unchanged {report.unchanged}; now {n_articles} articles, "
                     f"{entity_count(kg.store)} distinct entities (the entity index), "
                     f"{disk_bytes(report.store) / 1e6:.1f} MB on disk")
    ents = {k: v for k, v in st["entities"].items() if k in ENTITY_TYPES}
    lines.append("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(ents.items()))
                 if ents else "entities: none")
    rels = {k: v for k, v in st["relations"].items() if k in RELATIONS}
    lines.append("facts: " + ", ".join(f"{k} {v}" for k, v in sorted(rels.items()))
                 if rels else "facts: none")
    for path, reason in report.skipped:
        lines.append(f"skipped: {path}: {reason}")
    for w in report.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines)
