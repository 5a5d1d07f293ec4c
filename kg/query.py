"""Run SPARQL over a graph and format the results.

Formats: ``table`` (for reading), ``csv`` (plain values), and the W3C SPARQL 1.1
results formats ``json``, ``tsv`` and ``xml``.  Example queries take one
parameter, a ``VALUES`` line that :func:`set_param` fills; :func:`unknown_terms`
finds vocabulary terms that appear nowhere (misspellings, which match nothing).

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
import difflib
import functools
import io
import re
import sys
import unicodedata
from pathlib import Path

import pyoxigraph as ox

from kg import ontology
from kg.files import first_line
from kg.graph import KnowledgeGraph
from kg.vocab import ID, PREFIXES, XSD


class QueryError(Exception):
    """A query that cannot be parsed or run; ``str()`` says where and why."""


def read_query(text_or_path: str) -> str:
    """The query text: ``text_or_path`` itself, or the content of a ``.rq``/``.sparql`` file.

    ``-`` reads the query from standard input; the name of an example query
    (``officials`` or ``officials.rq``, see :func:`example_queries`) reads
    the one shipped with kg, unless a file of that name exists.
    """
    if text_or_path == "-":
        return sys.stdin.read()
    example = example_queries().get(text_or_path.removesuffix(".rq"))
    if example is not None and not Path(text_or_path).exists():  # "officials", "officials.rq"
        return example.read_text(encoding="utf-8")
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
        where = query_form_message(sparql) or syntax_message(_clean(e))
        raise QueryError(f"SPARQL syntax error{where}") from None
    except (ValueError, OSError, RuntimeError) as e:
        raise QueryError(f"SPARQL error: {_clean(e)}") from None


QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_UPDATES = ("INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")
# white space, comments and PREFIX/BASE declarations before the query form
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I)


def query_form_message(sparql: str) -> str | None:
    """`` at line L, column C: …`` when the query does not start with a query form.

    After its prefixes, a query starts with SELECT, CONSTRUCT, ASK or
    DESCRIBE; the parser reports a misspelt one (``SELEC``) as the absence of
    another ("expected CONSTRUCT").  ``None`` when the query form is right.

    >>> print(query_form_message("PREFIX : <http://e.org/>\\n SELEC ?x WHERE { ?x ?p ?o }"))
     at line 2, column 2: SELEC is not a query form (did you mean SELECT?): a query starts \
with SELECT, CONSTRUCT, ASK or DESCRIBE
    >>> query_form_message("select * { ?s ?p ?o") is None
    True
    """
    start = _PROLOGUE.match(sparql).end()
    m = re.match(r"[^\s{(<?$\"'#]+", sparql[start:])
    if not m or m.group(0).upper() in QUERY_FORMS + _UPDATES:
        return None
    word = m.group(0)
    line = sparql.count("\n", 0, start) + 1
    column = start - (sparql.rfind("\n", 0, start) + 1) + 1
    close = difflib.get_close_matches(word.upper(), QUERY_FORMS, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return (f" at line {line}, column {column}: {word} is not a query form{hint}: "
            f"a query starts with {', '.join(QUERY_FORMS[:-1])} or {QUERY_FORMS[-1]}")


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


#: the formats of ``kg query --format``: ``table``, ``csv`` and the W3C results formats
FORMATS = ("table", "csv", "tsv", "json", "xml")
_W3C = {"json": ox.QueryResultsFormat.JSON, "tsv": ox.QueryResultsFormat.TSV,
        "xml": ox.QueryResultsFormat.XML}
# CONSTRUCT and DESCRIBE results (triples): Turtle for table and csv
_TRIPLE_FORMATS = {"json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
                   "tsv": ox.RdfFormat.N_TRIPLES}


def format_results(results, fmt: str = "table") -> str:
    """Format SELECT/ASK/CONSTRUCT results as one of :data:`FORMATS`.

    ``json``, ``tsv`` and ``xml`` are the W3C SPARQL 1.1 Query Results
    formats (JSON: ``head.vars`` and ``results.bindings``, each value with
    its ``type``, ``value``, ``xml:lang`` or ``datatype``; ASK gives
    ``boolean``).  ``csv`` holds plain values (SPARQL 1.1 CSV) and ``table``
    is for reading.  CONSTRUCT and DESCRIBE give triples: JSON-LD for
    ``json``, RDF/XML for ``xml``, N-Triples for ``tsv``, Turtle otherwise.

    >>> from kg.graph import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> g.load_string('<https://e.org/a> <https://e.org/p> "张店区"@zh .', "ttl")
    >>> print(format_results(g.query("SELECT ?o WHERE { ?s ?p ?o }"), "json"))
    {"head":{"vars":["o"]},"results":{"bindings":[{"o":{"type":"literal","value":"张店区",\
"xml:lang":"zh"}}]}}
    >>> print(format_results(g.query("SELECT ?o WHERE { ?s ?p ?o }"), "tsv"))
    ?o
    "张店区"@zh
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if isinstance(results, ox.QueryBoolean):
        if fmt in ("json", "xml"):
            return results.serialize(format=_W3C[fmt]).decode("utf-8")
        return "true" if bool(results) else "false"
    if isinstance(results, ox.QueryTriples):
        return _format_triples(list(results), fmt)
    if fmt in _W3C:
        return results.serialize(format=_W3C[fmt]).decode("utf-8").rstrip("\n")
    names = [v.value for v in results.variables]
    rows = [[term_text(sol[n]) for n in names] for sol in results]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    return _table(names, rows)


def _format_triples(triples: list, fmt: str) -> str:
    """CONSTRUCT/DESCRIBE results in the RDF syntax that ``fmt`` stands for."""
    syntax = _TRIPLE_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
    kw = {} if syntax in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD) else {"prefixes": PREFIXES}
    data = ox.serialize(triples, format=syntax, **kw)
    if not data and syntax == ox.RdfFormat.JSON_LD:
        data = b"[]"
    return (data or b"").decode("utf-8").rstrip("\n")


def _table(names: list[str], rows: list[list[str]]) -> str:
    """Rows as aligned columns (IRIs shortened with the known prefixes), then a row count."""
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


def run(kg: KnowledgeGraph, query: str, fmt: str = "table",
        params: dict[str, str] | None = None) -> str:
    """Run ``query`` (SPARQL text, a ``.rq`` file or ``-``) and format the results as ``fmt``.

    ``params`` fill the query's ``VALUES`` lines (see :func:`set_param`).
    """
    sparql = read_query(query)
    for name, value in (params or {}).items():
        sparql = set_param(sparql, name, value)
    return format_results(execute(kg, sparql), fmt)


def set_param(sparql: str, name: str, value: str) -> str:
    """Put ``value`` in the query's ``VALUES ?name { … }`` line (every such line).

    The example queries take their one parameter this way (``VALUES ?place
    { "历下区"@zh }``).  ``value`` keeps the language tag or datatype of the
    value it replaces, and becomes an IRI where that was one.  A query
    without such a line raises :class:`QueryError`.

    >>> set_param('{ VALUES ?place { "历下区"@zh } ?r rdfs:label ?place }', "place", "张店")
    '{ VALUES ?place { "张店"@zh } ?r rdfs:label ?place }'
    >>> set_param('VALUES ?file { "a.txt" }', "file", 'b "2".txt')
    'VALUES ?file { "b \\\\"2\\\\".txt" }'
    """
    pattern = re.compile(r"(VALUES\s+[?$]" + re.escape(name) + r"\s*\{)([^}]*)(\})", re.I)
    if not pattern.search(sparql):
        names = query_params(sparql)
        have = (f"; its parameters: {', '.join(names)}" if names
                else "; it has no VALUES line to fill")
        raise QueryError(f"the query has no VALUES ?{name} {{ … }} line{have}")

    def fill(m: re.Match) -> str:
        old = m.group(2).strip()
        if old.startswith("<"):
            return f"{m.group(1)} <{value}> {m.group(3)}"
        tag = re.match(r'(?:"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')(@[\w-]+|\^\^\S+)?', old)
        suffix = (tag.group(1) or "") if tag else ""
        return f"{m.group(1)} {_literal(value)}{suffix} {m.group(3)}"

    return pattern.sub(fill, sparql)


def query_params(sparql: str) -> list[str]:
    """The names of the query's ``VALUES`` variables: what ``--param`` can set, in order.

    >>> query_params('SELECT * { VALUES ?place { "历下区"@zh } ?r rdfs:label ?place }')
    ['place']
    """
    return list(dict.fromkeys(re.findall(r"VALUES\s+[?$](\w+)\s*\{", sparql, re.I)))


def _literal(value: str) -> str:
    """``value`` as a SPARQL string literal (quotes and backslashes escaped)."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'


# strings and comments (skipped), IRIs, and prefixed names, in the order they come
_TERMS = re.compile(
    r'''"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'''
    r"|<([^<>\"{}|^`\\\s]*)>"
    r"|(?<![\w$?:])([A-Za-z][\w.-]*)?:([\w-]+(?:\.[\w-]+)*)")
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
# vocabularies whose terms are checked: not the entities' (id:, region: …) nor XML Schema's
CHECKED = tuple(ns for ns in dict.fromkeys(PREFIXES.values())
                if not ns.startswith(ID) and ns != XSD)


def unknown_terms(kg: KnowledgeGraph, sparql: str) -> list[str]:
    """Vocabulary terms of ``sparql`` in neither the graph nor the ontology, one message each.

    A misspelt class or property (``kg:Compnay``) matches nothing, so a
    query gives no rows without saying why; this names it, with the closest
    term of the ontology.  Terms of the kg, rdf, rdfs, skos, org, prov,
    schema and dcterms namespaces are checked (not entities, not datatypes).

    >>> from kg.graph import KnowledgeGraph
    >>> unknown_terms(KnowledgeGraph(), "SELECT ?c WHERE { ?c a kg:Compnay ; rdfs:label ?n }")
    ['kg:Compnay appears nowhere in the graph or the ontology (did you mean kg:Company?)']
    """
    prefixes = dict(PREFIXES) | {p or "": ns for p, ns in _DECLARED.findall(sparql)}
    terms: dict[str, str] = {}  # IRI -> as written
    for m in _TERMS.finditer(sparql):
        iri_ref, prefix, local = m.groups()
        if iri_ref is not None:
            terms.setdefault(iri_ref, f"<{iri_ref}>")
        elif local is not None and (prefix or "") in prefixes:
            terms.setdefault(prefixes[prefix or ""] + local, m.group(0))
    known = _ontology_terms()
    out = []
    for iri, written in terms.items():
        ns = next((n for n in CHECKED if iri.startswith(n) and len(iri) > len(n)), None)
        if ns is None or iri in known or _in_graph(kg, iri):
            continue
        local = iri[len(ns):]
        pool = sorted(t[len(ns):] for t in known if t.startswith(ns) and "/" not in t[len(ns):])
        close = difflib.get_close_matches(local, pool, n=1, cutoff=0.6)
        hint = ""
        if close:
            better = f"<{ns}{close[0]}>" if written.startswith("<") else (
                written[: len(written) - len(local)] + close[0])
            hint = f" (did you mean {better}?)"
        out.append(f"{written} appears nowhere in the graph or the ontology{hint}")
    return out


@functools.lru_cache(maxsize=1)
def _ontology_terms() -> frozenset[str]:
    """Every IRI of the ontology and its shapes (classes, properties, the terms they reuse)."""
    terms = set()
    for path in (ontology.ONTOLOGY, ontology.SHAPES):
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            terms.update(x.value for x in (t.subject, t.predicate, t.object)
                         if isinstance(x, ox.NamedNode))
    return frozenset(terms)


def _in_graph(kg: KnowledgeGraph, iri: str) -> bool:
    """Whether ``iri`` is a subject, predicate or object anywhere in the graph."""
    t = f"<{iri}>"
    try:
        return bool(kg.query(f"ASK {{ {{ {t} ?p ?o }} UNION {{ ?s {t} ?o }} "
                             f"UNION {{ ?s ?p {t} }} }}"))
    except (SyntaxError, ValueError):  # not a valid IRI: the query itself would have failed
        return True


def example_queries() -> dict[str, Path]:
    """The example queries shipped in ``kg/ontology/queries`` (also in ``ontology/queries``)."""
    return ontology.example_queries()
