"""Build a knowledge graph from article files: read -> extract -> resolve -> RDF.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("淄博市张店区委书记王小明出席。", encoding="utf-8")
>>> g = build([d])
>>> g.report.articles
1
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.graph import KnowledgeGraph
from kg.model import ArticleResult, Document
from kg.pipeline import Pipeline
from kg.read import ReadError, Skipped, iter_inputs, read_document
from kg.resolve import resolve


@dataclass
class BuildReport:
    """What a build did: articles read, files skipped (with reasons), warnings."""

    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0


_PIPELINE: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    return _PIPELINE


def extract(doc: Document, pipeline: Pipeline | None = None) -> ArticleResult:
    """Run the pipeline over one document and resolve its mentions into entities."""
    (pipeline or default_pipeline())(doc)
    return resolve(doc)


def extract_file(path: str | os.PathLike, pipeline: Pipeline | None = None) -> ArticleResult:
    return extract(read_document(path), pipeline)


def extract_text(text: str, name: str = "text.txt", pipeline: Pipeline | None = None) -> ArticleResult:
    """Extract from a string (handy in notebooks and tests)."""
    return extract(Document(path=name, name=name, raw=text), pipeline)


class Progress:
    """A one-line progress bar on stderr; silent when quiet or not a terminal."""

    def __init__(self, total: int | None, quiet: bool = False, label: str = "articles") -> None:
        self.total = total
        self.enabled = not quiet and sys.stderr.isatty() and not os.environ.get("CI")
        self.label = label
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done != self.total:
            return
        self._last = now
        rate = self.done / max(now - self.start, 1e-9)
        if self.total:
            frac = self.done / self.total
            bar = "█" * int(frac * 30) + "·" * (30 - int(frac * 30))
            sys.stderr.write(f"\r{bar} {self.done}/{self.total} {self.label} {rate:.1f}/s")
        else:
            sys.stderr.write(f"\r{self.done} {self.label} {rate:.1f}/s")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def iter_results(
    paths: Iterable[str | os.PathLike],
    report: BuildReport,
    pipeline: Pipeline | None = None,
    quiet: bool = True,
) -> Iterator[ArticleResult]:
    """Yield one result per readable article; record skipped files in ``report``."""
    items = list(iter_inputs(list(paths)))
    files = [i for i in items if isinstance(i, Path)]
    for i in items:
        if isinstance(i, Skipped):
            report.skipped.append((i.path, i.reason))
    bar = Progress(len(files), quiet=quiet)
    seen_stems: dict[str, str] = {}
    try:
        for path in files:
            try:
                result = extract_file(path, pipeline)
            except ReadError as e:
                report.skipped.append((e.path, e.reason))
                bar.step()
                continue
            except Exception as e:  # one bad file never stops the batch
                report.skipped.append((str(path), f"extraction failed: {type(e).__name__}: {e}"))
                bar.step()
                continue
            doc = result.doc
            if doc.stem in seen_stems:
                report.warnings.append(
                    f"{path}: same file name as {seen_stems[doc.stem]}; the later file replaces the earlier")
            seen_stems[doc.stem] = str(path)
            report.articles += 1
            report.chars += len(doc.text)
            report.warnings.extend(doc.warnings)
            bar.step()
            yield result
    finally:
        bar.close()


def build(
    paths: Iterable[str | os.PathLike],
    *,
    pipeline: Pipeline | None = None,
    quiet: bool = True,
) -> KnowledgeGraph:
    """Build a :class:`KnowledgeGraph` from files and folders of articles.

    The returned graph has a ``report`` attribute (:class:`BuildReport`).
    """
    start = time.monotonic()
    report = BuildReport()
    kg = KnowledgeGraph()
    for result in iter_results(paths, report, pipeline, quiet=quiet):
        kg.add_article(result)
    report.seconds = time.monotonic() - start
    kg.report = report  # type: ignore[attr-defined]
    return kg


def write_outputs(kg: KnowledgeGraph, out: str | os.PathLike, *, view_options: dict | None = None) -> list[Path]:
    """Write graph.ttl, graph.trig and graph.html into ``out``, each atomically."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("graph.ttl", "graph.trig"):
        kg.serialize(out / name)
        written.append(out / name)
    try:
        kg.view(out / "graph.html", **(view_options or {}))
        written.append(out / "graph.html")
    except ImportError as e:  # the view is optional while it is being built
        print(f"warning: HTML view not written: {e}", file=sys.stderr)
    return written


def summary(kg: KnowledgeGraph, report: BuildReport) -> str:
    """A short human summary of a build."""
    st = kg.stats()
    lines = [f"articles read: {report.articles}" + (f", skipped: {len(report.skipped)}" if report.skipped else "")]
    ents = {k: v for k, v in st["entities"].items() if k not in ("Article", "Sentence", "Byline")}
    lines.append("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(ents.items())) if ents else "entities: none")
    rels = {k: v for k, v in st["relations"].items() if k in (
        "partOf", "locatedIn", "investor", "totalInvestment", "signedOn", "startedOn", "completedOn",
        "reportedBy", "holdsPost")}
    lines.append("facts: " + ", ".join(f"{k} {v}" for k, v in sorted(rels.items())) if rels else "facts: none")
    for path, reason in report.skipped:
        lines.append(f"skipped: {path}: {reason}")
    for w in report.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines)
