"""Run SPARQL over a graph and format the results (table, CSV, TSV, JSON).

>>> from kg.graph import KnowledgeGraph
>>> g = KnowledgeGraph()
>>> g.load_string('<https://e.org/a> <https://e.org/p> "张店区" .', "ttl")
>>> print(run(g, "SELECT ?o WHERE { ?s ?p ?o }"))
o
------
张店区
(1 row)
>>> print(run(g, "ASK { ?s ?p ?o }"))
true
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox

from kg import ontology
from kg.files import first_line
from kg.graph import KnowledgeGraph
from kg.vocab import PREFIXES


class QueryError(Exception):
    """A query that cannot be parsed or run; ``str()`` says where and why."""


def read_query(text_or_path: str) -> str:
    """The query text: ``text_or_path`` itself, or the content of a ``.rq``/``.sparql`` file."""
    if "\n" not in text_or_path and len(text_or_path) < 4096:
        p = Path(text_or_path)
        if p.suffix.lower() in (".rq", ".sparql", ".txt") or (p.exists() and p.is_file()):
            try:
                return p.read_text(encoding="utf-8")
            except OSError as e:
                raise QueryError(f"{p}: cannot read query file: {e.strerror or e}") from None
    return text_or_path


def execute(kg: KnowledgeGraph, sparql: str):
    """Run ``sparql``; a query that cannot be parsed or run raises :class:`QueryError`.

    >>> from kg.graph import KnowledgeGraph
    >>> execute(KnowledgeGraph(), "SELECT ?x\\nWHERE { ?x }")
    Traceback (most recent call last):
    kg.query.QueryError: SPARQL syntax error at line 2, column 13: expected one of BIND, [_]
    """
    if not sparql.strip():
        raise QueryError("empty query")
    try:
        return kg.query(sparql)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error{syntax_message(_clean(e))}") from None
    except (ValueError, OSError, RuntimeError) as e:
        raise QueryError(f"SPARQL error: {_clean(e)}") from None


_AT = re.compile(r"^error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)$")


def syntax_message(message: str) -> str:
    """The parser's message as `` at line L, column C: reason`` (one line).

    >>> syntax_message("error at 3:18: expected one of ABS, AVG")
    ' at line 3, column 18: expected one of ABS, AVG'
    >>> syntax_message("unexpected end")
    ': unexpected end'
    """
    m = _AT.match(message)
    if not m:
        return f": {message}"
    line, col, reason = m.groups()
    return f" at line {line}, column {col}: {reason}"


def _clean(e: Exception) -> str:
    """The first line of an exception's message, white space collapsed (messages stay one line)."""
    return re.sub(r"\s+", " ", first_line(e))


def term_text(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode | ox.BlankNode | ox.Literal):
        return t.value
    return str(t)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def format_results(results, fmt: str = "table") -> str:
    """Format SELECT/ASK/CONSTRUCT results as ``table``, ``csv``, ``tsv`` or ``json``."""
    if isinstance(results, ox.QueryBoolean):
        b = bool(results)
        return json.dumps({"boolean": b}) if fmt == "json" else ("true" if b else "false")
    if isinstance(results, ox.QueryTriples):
        triples = list(results)
        if fmt == "json":
            data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]"
        else:
            data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        return data.decode("utf-8").rstrip("\n")
    names = [v.value for v in results.variables]
    rows = [[term_text(sol[n]) for n in names] for sol in results]
    if fmt == "json":
        return json.dumps([dict(zip(names, r, strict=True)) for r in rows], ensure_ascii=False,
                          indent=1)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    short = [[_shorten(c) for c in r] for r in rows]
    widths = [max([_width(n)] + [_width(r[i]) for r in short]) for i, n in enumerate(names)]
    out = ["  ".join(_pad(n, w) for n, w in zip(names, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in short]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _shorten(s: str, limit: int = 60) -> str:
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns):
            s = f"{prefix}:{s[len(ns):]}"
            break
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def run(kg: KnowledgeGraph, query: str, fmt: str = "table") -> str:
    """Run ``query`` (SPARQL text or a ``.rq`` file) and format the results as ``fmt``."""
    return format_results(execute(kg, read_query(query)), fmt)


def example_queries() -> dict[str, Path]:
    """The example queries shipped in ``kg/ontology/queries`` (also in ``ontology/queries``)."""
    return ontology.example_queries()
