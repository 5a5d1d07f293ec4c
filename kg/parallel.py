"""Streaming, parallel extraction: files in, one article's N-Triples out, in input order.

:func:`process_file` reads one file and turns it into the triples of its
named graph (or says why it was skipped, or that the store already holds the
same text).  :func:`extract_stream` runs it over many files and yields the
results in input order, whoever extracts: this process (``jobs=1``), a pool
of worker processes (``jobs=N``) or a Dask cluster (``executor=``).  The
graph built is the same, byte for byte.  At most a few results per worker
are in flight, so memory does not grow with the corpus.

Worker processes are forked from a *fork server* that loaded the models once
(:mod:`kg.warm`), so a worker helps from its first article instead of
spending seconds loading its own models; by default (``jobs=None``) small
batches stay in this process (see :func:`pool_size`).  Workers
die with the process that started them: on Linux the kernel kills them when
their parent goes (``PR_SET_PDEATHSIG``), and everywhere a watchdog thread
ends a worker when the pipe from the build process closes (as it does when
that process is killed, even with ``kill -9``).  SIGTERM kills the workers
before the build process goes; on Ctrl-C they finish the article in hand
and stop.

With a Dask cluster (``pip install kg[dask]``), this process reads the files
and sends each article's text to the workers, which need ``kg`` installed but
no access to the input files; results come back in input order and the
store and files are written here.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("淄博市张店区委书记王小明出席。", encoding="utf-8")
>>> [r.status for r in extract_stream([d / "a.txt", d / "missing.txt"])]
['new', 'skipped']
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from kg import article
from kg.files import file_stem
from kg.merge import article_ntriples
from kg.model import Document
from kg.pipeline import Pipeline
from kg.rdf import article_quads
from kg.read import ReadError, read_document
from kg.vocab import article_iri

WINDOW = 8  # results in flight per worker
# Without --jobs, a pool starts only for a batch of at least this many bytes of files, and only
# where a core is idle.  From the CPU-seconds measured (docs/benchmarks.md, "Workers and Dask"):
# where a core is free, a pool of two pays from about 80 news articles (a pool's start costs
# 0.4-0.6 CPU-s more than loading the models here, an article 18 ms); where none is (load 3-10
# on the shared 2-core machine) it did not pay up to 300 articles, so it is not started there.
POOL_MIN_BYTES = 256_000
WARM_MODULE = "kg.warm"  # importing it loads the models (the fork server does, once)
CONNECT_TIMEOUT = "20s"  # how long to try reaching a Dask scheduler
EXECUTORS = "dask://HOST:PORT (a Dask scheduler) or dask-local (a Dask cluster on this machine)"


class ExecutorError(Exception):
    """An executor that cannot be used (unknown name, Dask missing, scheduler unreachable)."""


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


def idle_cores() -> float:
    """Cores not busy over the last minute: the cores this process may use less the load average."""
    try:
        return default_jobs() - os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this system
        return float(default_jobs())


def pool_size(files: Sequence[str | os.PathLike], jobs: int | None) -> int:
    """The worker processes to start for ``files``: 1 means none (extract in this process).

    ``jobs=None`` is the default: a pool only for a batch of at least
    :data:`POOL_MIN_BYTES` and only where at least one core is idle (see
    :func:`idle_cores`), of one worker per idle core plus the one this
    process leaves while it waits, up to the number of cores; otherwise
    none, since it would not finish sooner (``docs/benchmarks.md``,
    *Workers and Dask*).  A number given is taken as it is.  Never more
    workers than files.

    >>> pool_size(["a.txt"], 4), pool_size(["a.txt", "b.txt"], 4), pool_size([], None)
    (1, 2, 1)
    """
    if jobs is not None:
        return max(1, min(jobs, len(files)))
    idle = idle_cores()
    if idle < 1 or len(files) <= 1:
        return 1
    total = 0
    for f in files:
        with contextlib.suppress(OSError):  # unreadable: reported when it is read
            total += os.stat(f).st_size
        if total >= POOL_MIN_BYTES:
            return min(default_jobs(), len(files), int(idle) + 1)
    return 1


# ------------------------------------------------------------------ one article

def read_or_skip(path: str) -> Document | Extracted:
    """The document of ``path``, or a ``"skipped"`` :class:`Extracted` saying why not."""
    try:
        return read_document(path)
    except ReadError as e:
        return Extracted(path=e.path, status="skipped", reason=e.reason)
    except Exception as e:  # one bad file never stops the batch
        return Extracted(path=str(path), status="skipped",
                         reason=f"cannot read: {type(e).__name__}: {e}")


def unchanged(doc: Document, known_digest: str | None) -> Extracted | None:
    """An ``"unchanged"`` result when the document's digest is ``known_digest``, else None."""
    if known_digest is None or doc.digest != known_digest:
        return None
    return Extracted(path=doc.path, status="unchanged", graph=article_iri(doc.stem),
                     digest=known_digest)


def process_document(doc: Document, pipeline: Pipeline | None = None) -> Extracted:
    """Extract one document read already: its named graph as N-Triples."""
    try:
        quads = article_quads(article.extract(doc, pipeline or _WORKER_PIPELINE))
    except Exception as e:
        return Extracted(path=doc.path, status="skipped",
                         reason=f"extraction failed: {type(e).__name__}: {e}")
    return Extracted(path=doc.path, status="new", graph=article_iri(doc.stem), digest=doc.digest,
                     ntriples=article_ntriples(quads), quads=len(quads), chars=len(doc.text),
                     warnings=list(doc.warnings))


def process_file(path: str, known_digest: str | None = None,
                 pipeline: Pipeline | None = None) -> Extracted:
    """Read and extract one file; skip the extraction when its digest is ``known_digest``."""
    doc = read_or_skip(str(path))
    if isinstance(doc, Extracted):
        return doc
    return unchanged(doc, known_digest) or process_document(doc, pipeline)


_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


def extract_remote(doc: Document, names: list[str] | None) -> Extracted:
    """The task a Dask worker runs: extract a document the build process read."""
    key = tuple(names) if names is not None else ()
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(names) if names is not None else article.default_pipeline()
    return process_document(doc, _PIPELINES[key])


# ------------------------------------------------------------------ worker processes

_WORKER_PIPELINE: Pipeline | None = None
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _init_worker(names: list[str] | None, lifeline: Connection) -> None:
    """Set up a pool worker: die with the build process, ignore Ctrl-C, load the models."""
    global _WORKER_PIPELINE
    die_with_parent(lifeline)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build process's to handle
    importlib.import_module(WARM_MODULE)  # loaded already when forked from the fork server
    _WORKER_PIPELINE = Pipeline(names) if names is not None else None


def die_with_parent(lifeline: Connection) -> None:
    """End this process when the process holding the other end of ``lifeline`` goes.

    Two ways, either enough: the kernel's parent-death signal (Linux; the
    parent is the process that forked this one), and a daemon thread that
    blocks reading ``lifeline`` and exits the process when the pipe closes:
    the build process holds its only write end, which the kernel closes when
    that process ends in any way, ``kill -9`` included.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            while True:
                lifeline.recv_bytes()
        os._exit(1)

    threading.Thread(target=watch, name="kg-lifeline", daemon=True).start()


def _pool_context() -> multiprocessing.context.BaseContext:
    """A fork server that loaded the models (where there is one), else fresh interpreters.

    Not a plain fork: the build process holds a live store and threads.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([WARM_MODULE])
        return ctx
    return multiprocessing.get_context("spawn")


def kill_workers(ex: ProcessPoolExecutor) -> None:
    """Send SIGTERM to a pool's workers; takes no lock (safe in a signal handler).

    Only for a process about to end: a worker killed while sending its result
    leaves the pool's result pipe with half a message, which the pool's thread
    would wait for ever to read.
    """
    for proc in list((getattr(ex, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.terminate()


@contextlib.contextmanager
def _on_sigterm(stop: Callable[[], None]) -> Iterator[None]:
    """While inside, SIGTERM first calls ``stop``, then does what it did before."""
    in_main = threading.current_thread() is threading.main_thread()
    previous = (signal.getsignal(signal.SIGTERM) or signal.SIG_DFL) if in_main else signal.SIG_IGN
    if previous == signal.SIG_IGN:  # not ours to handle: another thread's loop, or ignored
        yield
        return

    def handler(signum: int, _frame) -> None:
        stop()
        signal.signal(signal.SIGTERM, previous)
        os.kill(os.getpid(), signum)  # now as it was: by default, the process ends

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def process_pool(jobs: int, names: list[str] | None) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` worker processes that die with this one (see :func:`die_with_parent`).

    Leaving the block waits for the workers to finish what they hold; leaving
    it by an exception (Ctrl-C included) first drops the articles not yet
    sent to a worker, so that each worker finishes at most two.  SIGTERM
    kills the workers, then ends this process as SIGTERM would have.
    """
    ctx = _pool_context()
    if ctx.get_start_method() == "forkserver":
        # wait for the fork server's models with a process that has nothing to lose: a worker
        # forked after an early Ctrl-C would fail to unpickle the pool's queues, with a traceback
        warm = ctx.Process(target=os.getpid, name="kg-fork-server-ready")
        warm.start()
        warm.join()
    lifeline, keep = ctx.Pipe(duplex=False)  # the workers read; only this process can write
    ex = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                             initargs=(names, lifeline))
    try:
        with _on_sigterm(lambda: kill_workers(ex)):
            yield ex
    except BaseException:
        ex.shutdown(wait=True, cancel_futures=True)  # workers ignore Ctrl-C: they end cleanly
        raise
    else:
        ex.shutdown(wait=True)
    finally:
        keep.close()
        lifeline.close()


# ------------------------------------------------------------------ Dask

def _distributed():
    try:
        import distributed
    except ImportError:
        raise ExecutorError("the Dask executor needs dask.distributed: "
                            "pip install 'kg[dask]'") from None
    return distributed


@contextlib.contextmanager
def dask_client(spec: str, jobs: int) -> Iterator:
    """A Dask ``Client``: of the scheduler ``dask://HOST:PORT``, or of a local cluster.

    ``dask-local`` starts a ``LocalCluster`` of ``jobs`` worker processes of
    one thread each (extraction is pure Python: threads would share one
    core) and stops it on the way out.
    """
    distributed = _distributed()
    if spec == "dask-local":
        cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1,
                                           processes=True, dashboard_address=None,
                                           preload=[WARM_MODULE])
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    if not spec.startswith("dask://") or len(spec) == len("dask://"):
        raise ExecutorError(f"unknown executor {spec!r}: expected {EXECUTORS}")
    address = "tcp://" + spec[len("dask://"):]
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address}: "
                            f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    with client:
        yield client


def check_executor(spec: str) -> None:
    """Raise :class:`ExecutorError` unless ``spec`` names a usable executor (no connection made)."""
    if spec != "dask-local" and (not spec.startswith("dask://") or spec == "dask://"):
        raise ExecutorError(f"unknown executor {spec!r}: expected {EXECUTORS}")
    _distributed()


# ------------------------------------------------------------------ the stream

def _in_order(items: Iterable[Future | Extracted], window: int) -> Iterator[Extracted]:
    """Results of ``items`` (futures or results ready), in order, at most ``window`` pending."""
    pending: deque[Future | Extracted] = deque()
    for item in items:
        pending.append(item)
        if len(pending) >= window:
            first = pending.popleft()
            yield first.result() if isinstance(first, Future) else first
    while pending:
        first = pending.popleft()
        yield first.result() if isinstance(first, Future) else first


def extract_stream(
    paths: Iterable[str | os.PathLike],
    *,
    known: Mapping[str, str] | None = None,
    jobs: int = 1,
    pipeline: Pipeline | None = None,
    executor: str | None = None,
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
        Worker processes; 1 extracts in this process.  With ``executor``
        ``"dask-local"``: the local cluster's workers.  (``kg.build`` turns
        its ``jobs=None`` into a number with :func:`pool_size`.)
    pipeline : Pipeline, optional
        The components to run (the default pipeline when omitted).  Workers
        rebuild it from its component names.
    executor : str, optional
        ``"dask://HOST:PORT"`` or ``"dask-local"``: extract on a Dask cluster
        (this process reads the files and sends the texts).

    Close the generator (or exhaust it) to stop the workers.
    """
    known = known or {}

    def known_for(path: str) -> str | None:
        return known.get(article_iri(file_stem(path))) if known else None

    names = pipeline.names if pipeline is not None else None
    if executor is not None:
        with dask_client(executor, jobs) as client:
            ex = client.get_executor(pure=False)
            window = WINDOW * max(1, sum(client.nthreads().values()))
            yield from _in_order(_remote_items(ex, paths, known_for, names), window)
        return
    if jobs <= 1:
        for p in paths:
            yield process_file(str(p), known_for(str(p)), pipeline)
        return
    with process_pool(jobs, names) as ex:
        yield from _in_order((ex.submit(process_file, str(p), known_for(str(p))) for p in paths),
                             jobs * WINDOW)


def _remote_items(ex: Executor, paths: Iterable[str | os.PathLike],
                  known_for: Callable[[str], str | None],
                  names: list[str] | None) -> Iterator[Future | Extracted]:
    """Read each file here; send the documents to extract to ``ex``."""
    for p in paths:
        doc = read_or_skip(str(p))
        if isinstance(doc, Extracted):
            yield doc
        else:
            yield unchanged(doc, known_for(str(p))) or ex.submit(extract_remote, doc, names)
