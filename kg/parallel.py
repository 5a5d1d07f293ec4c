"""Streaming, parallel extraction: files in, one article's N-Triples out, in input order.

:func:`process_file` reads one file and turns it into the triples of its
named graph (or says why it was skipped, or that the store already holds the
same text).  :func:`extract_stream` runs it over many files, in this process
(``jobs=1``) or in a pool of worker processes, and yields the results in
input order whatever the number of jobs: the graph built is the same, byte
for byte.  At most ``jobs * WINDOW`` results are in flight, so memory does
not grow with the corpus: texts are read in the workers and dropped once
their triples are sent back.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("淄博市张店区委书记王小明出席。", encoding="utf-8")
>>> [r.status for r in extract_stream([d / "a.txt", d / "missing.txt"])]
['new', 'skipped']
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from kg import article
from kg.files import file_stem
from kg.merge import article_ntriples
from kg.pipeline import Pipeline
from kg.rdf import article_quads
from kg.read import ReadError, read_document
from kg.vocab import article_iri

WINDOW = 8  # results in flight per worker


@dataclass
class Extracted:
    """What extraction made of one file.

    ``status`` is ``"new"`` (``ntriples`` holds the article's graph),
    ``"unchanged"`` (the store holds the same text: nothing to do) or
    ``"skipped"`` (``reason`` says why).
    """

    path: str
    status: str
    graph: str = ""
    digest: str = ""
    ntriples: str = ""
    quads: int = 0
    chars: int = 0
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(names: list[str] | None) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(names) if names is not None else None


def process_file(path: str, known_digest: str | None = None,
                 pipeline: Pipeline | None = None) -> Extracted:
    """Read and extract one file; skip the extraction when its digest is ``known_digest``."""
    pipeline = pipeline or _WORKER_PIPELINE
    try:
        doc = read_document(path)
    except ReadError as e:
        return Extracted(path=e.path, status="skipped", reason=e.reason)
    except Exception as e:  # one bad file never stops the batch
        return Extracted(path=str(path), status="skipped",
                         reason=f"cannot read: {type(e).__name__}: {e}")
    graph = article_iri(doc.stem)
    digest = doc.digest
    if known_digest is not None and digest == known_digest:
        return Extracted(path=str(path), status="unchanged", graph=graph, digest=digest)
    try:
        quads = article_quads(article.extract(doc, pipeline))
    except Exception as e:
        return Extracted(path=str(path), status="skipped",
                         reason=f"extraction failed: {type(e).__name__}: {e}")
    return Extracted(path=str(path), status="new", graph=graph, digest=digest,
                     ntriples=article_ntriples(quads), quads=len(quads), chars=len(doc.text),
                     warnings=list(doc.warnings))


def extract_stream(
    paths: Iterable[str | os.PathLike],
    *,
    known: Mapping[str, str] | None = None,
    jobs: int = 1,
    pipeline: Pipeline | None = None,
) -> Iterator[Extracted]:
    """Yield :class:`Extracted` for every path, in input order.

    Parameters
    ----------
    paths : iterable of paths
        Article files (not folders: see :func:`kg.read.iter_inputs`).
    known : mapping, optional
        Article graph IRI -> digest of the version already stored; those
        articles are read and hashed but not extracted again.
    jobs : int
        Worker processes; 1 extracts in this process.
    pipeline : Pipeline, optional
        The components to run (the default pipeline when omitted).  Workers
        rebuild it from its component names.
    """
    known = known or {}

    def known_for(path: str) -> str | None:
        if not known:
            return None
        return known.get(article_iri(file_stem(path)))

    if jobs <= 1:
        for p in paths:
            yield process_file(str(p), known_for(str(p)), pipeline)
        return
    names = pipeline.names if pipeline is not None else None
    # workers load their own models; no fork of a live store
    ctx = multiprocessing.get_context("spawn")
    ex = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(names,))
    pending: deque[Future] = deque()
    try:
        for p in paths:
            pending.append(ex.submit(process_file, str(p), known_for(str(p))))
            if len(pending) >= jobs * WINDOW:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
