"""The ``kg`` command line.

Each command is a small function ``cmd_<name>(args) -> int`` registered in
:func:`parser`; ``main`` dispatches and turns expected errors into one-line
messages with documented exit codes.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.files import atomic_write, first_line, os_reason
from kg.formats import EXPORT_FORMATS, WRITERS, format_from_path, writer

EXIT_CODES = """exit codes:
  0  success (files that could not be read are reported and skipped)
  1  some input files were skipped and --strict was given; or an unexpected
     system error (one line: the path and the reason)
  2  usage error, or no article could be read at all
  3  a query could not be parsed or run
  4  an input graph or store could not be read (or the store is locked)
  5  the SPARQL server could not start, the endpoint refused a push, or the
     Dask scheduler (kg build --executor) could not be reached
  6  the output files could not be written (the previous ones are left as they were)
     or the store could not be written (it keeps every article written before)
  130  interrupted (Ctrl-C); output files are left as they were
  kg remove: 1 when an article given is not in the store"""

MAIN_HELP = """Turn Chinese regional-economy news into a knowledge graph.

examples:
  kg build seeds --out output              build Turtle, TriG and an HTML view
  kg query output/graph.trig ontology/queries/officials.rq
  kg query output/graph.ttl "SELECT ?c WHERE { ?c a kg:Company }" --format csv
  kg export output/graph.trig -o graph.graphml   (for Gephi)
  kg view output/graph.ttl -o view.html --types Company,Project
  kg build news/ --store kgstore           keep the graph in an on-disk store
  kg build more-news/ --store kgstore      add only new or changed articles
  kg remove --store kgstore news/old.txt   drop an article and what only it said
  kg query --store kgstore ontology/queries/projects.rq
  kg serve --store kgstore                 SPARQL endpoint on http://127.0.0.1:7878/
  kg push --store kgstore --endpoint http://localhost:3030/ds/update
"""


class CliError(Exception):
    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def _fmt(p: argparse.ArgumentParser, name: str, help: str, epilog: str):
    return p.add_parser(name, help=help, description=help, epilog=epilog,
                        formatter_class=argparse.RawDescriptionHelpFormatter)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description=MAIN_HELP, epilog=EXIT_CODES,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version", version=f"kg {_version()}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    b = _fmt(sub, "build", "read articles and build the knowledge graph", """examples:
  kg build seeds --out output
  kg build news/ more/article.html --out out -q
  curl -s https://example.org/news.html | kg build - --name news.html --out out
  kg build news/ --store kgstore --jobs 2        on-disk store, two worker processes
  kg build news/ --store kgstore --out output    store, then files from the whole store
  kg build news/ --store kgstore --executor dask://sched:8786   extract on a Dask cluster

Reads .txt, .md, .html and .htm files (UTF-8, UTF-16 with or without BOM,
GB18030/GBK, Big5 detected) from the files and folders given, and writes into DIR:
  graph.ttl   the merged graph (Turtle, deterministic order)
  graph.trig  the same facts, one named graph per article (provenance)
  graph.html  the interactive view (works offline)
PATH - reads one article from standard input (named stdin.txt, or --name).
Files that cannot be read (empty, binary, undecodable, larger than 20 MB,
missing, symbolic-link loops) are reported, one line each with the reason,
and skipped; the rest of the batch goes on (--strict: exit 1 if any was).
Symbolic links in a folder are followed when they point inside it; a link
that leads out of it (to /etc/passwd, say) is skipped and reported unless
--follow-links is given.  Files and folders named on the command line are
read wherever they are.

The three files are replaced as one unit, and only once all of them are
written: a failed or interrupted build leaves the previous ones as they
were, and says so (exit 6 names the path and the reason: a read-only
folder, a full disk, a name too long, a folder where a file should go).
A build killed while switching the files in is undone by the next build
into the same folder, which also removes the staging folders (.kg-build-*)
of killed builds.

With --store DIR the graph is kept in an on-disk store (created if needed),
one named graph per article.  Building again adds only what changed: an
article whose text is already stored (same SHA-256, kg:sha256) is skipped,
a changed one replaces its graph, a new one is added.  The same entity gets
the same IRI whatever batch its articles came in.  Each article is written
in one transaction: an interrupted build (Ctrl-C, kill, power cut) leaves
every article fully in the store or not at all; run it again to continue.
Without --out, a --store build writes no files (use kg export/view/serve).
The store's default graph is the merge of the article graphs (each triple
once), kept up to date with every article.  See also: kg remove, kg query
--store, kg serve --store, kg push --store.

--jobs N extracts in N worker processes.  Without --jobs: in worker
processes (up to one per core) for a batch of 256 KB of files or more
(about 90 news articles) where cores are idle, else in this process, where
a pool would not finish sooner.
--executor dask://HOST:PORT extracts on a Dask cluster instead (dask-local:
a cluster of --jobs workers on this machine; needs pip install 'kg[dask]').
The graph and the files are identical, byte for byte, for any N and any
executor.  Texts stream through the workers: memory does not grow with the
corpus.
A progress bar (articles/s, time left) is shown on a terminal unless -q.

""" + EXIT_CODES)
    b.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files or folders; - reads one article from stdin")
    b.add_argument("--out", "-o", metavar="DIR",
                   help="output folder (default: output, or none when --store is given)")
    b.add_argument("--store", metavar="DIR", help="build into this on-disk store (incremental)")
    b.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="worker processes for extraction (default: one per idle core, "
                        "for batches of 256 KB or more)")
    b.add_argument("--executor", metavar="SPEC",
                   help="extract on a Dask cluster: dask://HOST:PORT or dask-local")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    b.add_argument("--strict", action="store_true", help="exit 1 if any file was skipped")
    b.add_argument("--no-view", action="store_true", help="do not write graph.html")
    b.add_argument("--follow-links", action="store_true",
                   help="follow symbolic links that lead out of the folders given")
    b.add_argument("--name", metavar="FILE",
                   help="file name of the article read from stdin (default: stdin.txt)")
    b.set_defaults(func=cmd_build)

    q = _fmt(sub, "query", "run a SPARQL query over a graph file or a store", """examples:
  kg query output/graph.trig ontology/queries/officials.rq
  kg query output/graph.trig ontology/queries/officials.rq --param place=长清
  kg query output/graph.ttl "SELECT ?n WHERE { ?c a kg:Company ; rdfs:label ?n }"
  kg query output/graph.trig "ASK { ?p a kg:Person }"
  kg query output/graph.trig "CONSTRUCT { ?s ?p ?o } WHERE { ?s a kg:Project ; ?p ?o }"
  kg query output/graph.trig my.rq --format json > results.srj
  kg query output/graph.trig - < my.rq                 the query from stdin
  kg export g.trig -o - -f nq | kg query - my.rq --input-format nq   the graph from stdin
  kg query --store kgstore ontology/queries/companies_by_district.rq --param city=淄博市
  kg query --store kgstore "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

GRAPH comes first, then QUERY: SPARQL text, a .rq file, or - (stdin).  GRAPH -
reads the graph from stdin in --input-format (default trig, which also reads
Turtle and N-Triples).  The prefixes kg, id, rdf, rdfs, xsd, skos, org, prov,
schema and dcterms are predeclared.  Without GRAPH, a query sees the merge of
all articles: each fact once, however many articles state it (for a graph file
as for a store); GRAPH ?g names the article each fact came from.  A term of
these vocabularies that is in neither the graph nor the ontology (kg:Compnay)
gets a warning on stderr: it matches nothing.

Formats: table (default), csv (plain values), and the W3C SPARQL 1.1 Query
Results formats json, tsv and xml; for CONSTRUCT, Turtle (table, csv),
JSON-LD (json), N-Triples (tsv) or RDF/XML (xml).

Example queries, each with one parameter: set it with --param NAME=VALUE or
change the name in the query's VALUES line (a region matches by any of its
names: 历下区, 历下, 歷下區):
""" + _example_help() + "\n\n" + EXIT_CODES)
    q.add_argument("graph", metavar="GRAPH", nargs="?",
                   help="graph file (.ttl .trig .nt .nq .jsonld), or - for stdin")
    q.add_argument("--store", metavar="DIR",
                   help="query this store instead of a file (opened read-only)")
    q.add_argument("query", metavar="QUERY", help="SPARQL text, a .rq file, or - for stdin")
    q.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="put VALUE in the query's VALUES ?NAME line (repeatable)")
    q.add_argument("--format", "-f", choices=_query_formats(), default="table")
    _input_format(q)
    q.add_argument("--min-support", type=int, default=1, metavar="N",
                   help="leave out facts, posts, events and entities that fewer than N "
                        "articles state (kg:supportCount)")
    q.set_defaults(func=cmd_query)

    e = _fmt(sub, "export", "convert a graph to another format", """examples:
  kg export output/graph.trig -o graph.jsonld
  kg export output/graph.trig --format graphml -o graph.graphml   (Gephi)
  kg export output/graph.ttl --format nt -o -                     (stdout)
  kg export --store kgstore -o graph.trig
  curl -s https://example.org/g.ttl | kg export - --input-format ttl -o g.nt

Formats: ttl, trig, nt, nq, jsonld, graphml, gexf (guessed from the file
extension of -o when --format is not given; ttl for stdout).  ttl and nt
hold the merged graph; trig, nq and jsonld keep one named graph per article.
Prints one line saying what was written (on stderr with -o -) unless -q.

""" + EXIT_CODES)
    e.add_argument("graph", metavar="GRAPH", nargs="?", help="graph file, or - for stdin")
    e.add_argument("--store", metavar="DIR", help="export this store instead of a file")
    e.add_argument("--format", "-f", choices=EXPORT_FORMATS)
    e.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="output file, or - for stdout")
    e.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    _input_format(e)
    e.set_defaults(func=cmd_export)

    v = _fmt(sub, "view", "write the interactive HTML view of a graph", """examples:
  kg view output/graph.trig -o view.html
  kg view output/graph.trig -o companies.html --types Company,Project --region 张店区
  kg view big.trig -o big.html --max-nodes 2000
  kg view --store kgstore -o view.html --region 张店区
  kg view output/graph.trig -o - > view.html                      (stdout)

The page works offline (everything inlined).  Click a node to see its
names, relations and the sentences they were read from.

--types takes entity types (Province, City, District, Zone, Company,
GovernmentBody, Organization, Project, Person, Article; any case, or the
legend's Chinese names); --region a region or zone of the graph by any of
its names, its IRI or its division code.  Either wrong is a usage error (2).

""" + EXIT_CODES)
    v.add_argument("graph", metavar="GRAPH", nargs="?", help="graph file, or - for stdin")
    v.add_argument("--store", metavar="DIR", help="view this store instead of a file")
    v.add_argument("-o", "--output", required=True, metavar="FILE.html",
                   help="the page, or - for stdout")
    v.add_argument("--types", help="comma-separated entity types to show (e.g. Company,Project)")
    v.add_argument("--region", help="only this region and what is in it (e.g. 张店区)")
    v.add_argument("--max-nodes", type=int, help="show at most N nodes (highest degree first)")
    v.add_argument("--layout", choices=["static", "physics"], default="static")
    v.add_argument("--min-support", type=int, default=1, metavar="N",
                   help="leave out facts, posts, events and entities that fewer than N "
                        "articles state (kg:supportCount)")
    _input_format(v)
    v.set_defaults(func=cmd_view)

    ev = _fmt(sub, "eval", "score a built graph against gold annotations", """examples:
  kg build seeds --out output && kg eval --gold tests/data/gold output/graph.ttl
  kg eval --gold my-gold/ output/graph.ttl --misses
  kg eval --gold my-gold/ --store kgstore --json
  kg eval --set tests/data/real2                 build a gold set's articles, then score them

Gold files are JSON, one per article (named after the article: 001.txt ->
001.json), listing the entities and relations a careful reader takes from
it; the format is in docs/gold-format.md, with examples in tests/data/gold.
Prints precision, recall and F1 per entity type and per relation.  A gold set
(--set) is a folder with gold/ and either articles/ or articles.tsv (corpus
files and their variants, rebuilt from a corpus folder: --corpus, or
shared/corpus/articles found beside a folder above the set).

""" + EXIT_CODES)
    ev.add_argument("graph", metavar="GRAPH", nargs="?",
                    help="graph file (.ttl, .trig, .nt, .nq, .jsonld)")
    ev.add_argument("--store", metavar="DIR", help="score this store instead of a file")
    ev.add_argument("--gold", metavar="DIR", help="folder of gold JSON files")
    ev.add_argument("--set", metavar="DIR", help="a gold set: build its articles and score them")
    ev.add_argument("--corpus", metavar="DIR", help="where --set finds corpus articles")
    ev.add_argument("--misses", action="store_true", help="list missed and spurious items")
    ev.add_argument("--json", action="store_true", help="the full report as JSON")
    ev.set_defaults(func=cmd_eval)
    _store_commands(sub)
    return ap


def _store_commands(sub) -> None:
    r = _fmt(sub, "remove", "remove articles from a store", """examples:
  kg remove --store kgstore news/000_85f0a25b40f2a772.txt
  kg remove --store kgstore 000_85f0a25b40f2a772.txt 001_deed63db01c5d05a.html
  kg remove --store kgstore https://w3id.org/cnkg/id/article/000_85f0a25b40f2a772
  kg remove --store kgstore news/2019/        (every article file in the folder)

ARTICLE is the article's file path or name (the file need not exist any
more: articles are known by file name without extension) or its IRI.  The
article's named graph is dropped, one transaction per article: the facts
only it supported disappear; entities and facts other articles also report
stay.

""" + EXIT_CODES)
    r.add_argument("articles", nargs="+", metavar="ARTICLE",
                   help="article file, name, folder or IRI")
    r.add_argument("--store", required=True, metavar="DIR")
    r.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    r.set_defaults(func=cmd_remove)

    s = _fmt(sub, "serve", "serve a store as a SPARQL 1.1 endpoint (with a query UI)", """examples:
  kg serve --store kgstore                     http://127.0.0.1:7878/ (read-only)
  kg serve --store kgstore --port 8000 --timeout 10 --max-result-mb 20
  kg serve --store kgstore --writable          also accept SPARQL Update

Then query it with any SPARQL 1.1 client, e.g.
  curl http://127.0.0.1:7878/query --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
or open http://127.0.0.1:7878/ in a browser for the query UI.

Endpoints (SPARQL 1.1 Protocol): /query (also /sparql), /update (only with
--writable), /store (Graph Store Protocol; reads only unless --writable).
The default graph is the merge of all article graphs (each triple once);
GRAPH ?g names the article each fact came from.

Safety: binds 127.0.0.1 unless --host says otherwise; read-only unless
--writable (updates get 403 Forbidden).  A query or update running longer
than --timeout seconds gets 503 and is really stopped: if Oxigraph has not
cancelled it one second later, the Oxigraph process is killed and started
again (queries running beside it are sent again).  A result larger than
--max-result-mb is refused (422: add a LIMIT) or, once it is being sent,
cut; the time limit covers sending the answer too, so a large answer to
a slow client is cut at the limit.  SERVICE (and LOAD on a --writable
server) make the server fetch URLs: they are refused (400) unless the URL
starts with an --allow-service prefix; file: URLs are never fetched.  The
Oxigraph server runs on a private loopback port behind a small proxy that
enforces these limits and streams the answers.

The prefixes of kg query (kg:, id:, rdf:, rdfs:, xsd:, skos:, org:, prov:,
schema:, dcterms:, region:, company: ...) are declared in every query: a
query's own PREFIX lines override them.

Updates sent to a --writable server change what they name and nothing
else: the merge (the default graph) follows only if the update writes to
it too.  To add articles, prefer kg build --store (stop the server first).

A read-only server works beside other readers (kg query --store) but sees
the store as it was when it started: restart it after a build.  Do not
build into a store while a read-only server reads it.  --writable holds the
store's write lock: builds wait until it stops.  Ctrl-C stops the server.

""" + EXIT_CODES)
    s.add_argument("--store", required=True, metavar="DIR")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=7878,
                   help="port (default: 7878; 0 picks a free one)")
    s.add_argument("--writable", action="store_true",
                   help="accept SPARQL Update and Graph Store writes")
    s.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="stop queries and updates running longer, sending the answer included "
                   "(default: 30)")
    s.add_argument("--max-result-mb", type=float, default=50.0, metavar="MB",
                   help="refuse query results larger than this (default: 50)")
    s.add_argument("--allow-service", action="append", default=[], metavar="URL_PREFIX",
                   help="allow SERVICE (and LOAD) for URLs starting with this prefix (repeatable)")
    s.set_defaults(func=cmd_serve)

    p = _fmt(sub, "push", "load a graph into a remote SPARQL endpoint", """examples:
  kg push output/graph.trig --endpoint http://localhost:7878/store          (Oxigraph)
  kg push --store kgstore --endpoint http://localhost:3030/ds/update        (Fuseki)
  kg push --store kgstore --endpoint http://localhost:7200/repositories/kg/statements  (GraphDB)
  kg push --store kgstore --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba
  kg push output/graph.ttl --endpoint http://localhost:7878/update --graph https://example.org/news

Each article goes into its own named graph (the article's IRI), replacing
what the endpoint held under that name: pushing twice does not duplicate.
With --graph IRI the merged graph goes into that one graph, replacing it
(required for Turtle and N-Triples files, which have no article graphs).
To query the pushed article graphs without GRAPH, turn on the endpoint's
union default graph (Oxigraph: --union-default-graph; Fuseki:
unionDefaultGraph) or push the merge as well with --graph.

--protocol auto (the default) uses the SPARQL 1.1 Graph Store Protocol
(HTTP PUT) for URLs ending in /store, /data, /rdf-graphs/service or
/sparql-graph-crud(-auth), and SPARQL 1.1 Update (POST) otherwise.  With
--user, HTTP basic authentication is used; the password is read from the
KG_PUSH_PASSWORD environment variable, or asked for on the terminal.
The http_proxy/https_proxy/no_proxy environment variables are followed.

A request not completely answered within --timeout seconds, a connection
lost, an answer cut short, a redirect or an HTTP error stops the push with
exit code 5 and one line; the graphs sent before it are in place, and
pushing again replaces them all.

""" + EXIT_CODES)
    p.add_argument("graph", metavar="GRAPH", nargs="?", help="graph file (.trig .nq .ttl ...)")
    p.add_argument("--store", metavar="DIR", help="push this store instead of a file")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="SPARQL Update or Graph Store URL")
    p.add_argument("--graph", dest="target", metavar="IRI",
                   help="put the merged graph into this named graph")
    p.add_argument("--protocol", choices=["auto", "update", "gsp"], default="auto")
    p.add_argument("--user", metavar="NAME", help="HTTP basic authentication user")
    p.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                   help="for each request, from connecting to the answer's last byte "
                   "(default: 120)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=cmd_push)


def _example_help() -> str:
    """One line per example query: its file, its parameter, what it answers."""
    from kg.query import example_queries, query_params

    lines = []
    for name, path in example_queries().items():
        text = path.read_text(encoding="utf-8")
        params = " ".join(f"--param {p}=…" for p in query_params(text))
        about = text.splitlines()[0].lstrip("# ")
        lines.append(f"  ontology/queries/{name}.rq  {params}\n      {about}")
    return "\n".join(lines)


def _query_formats() -> tuple[str, ...]:
    from kg.query import FORMATS

    return FORMATS


def _input_format(p: argparse.ArgumentParser) -> None:
    """The ``--input-format`` option: the syntax of a graph read from stdin (or a file)."""
    readable = [w.name for w in WRITERS if w.rdf_format is not None]
    p.add_argument("--input-format", choices=readable, metavar="FMT",
                   help=f"syntax of the input graph: {', '.join(readable)} (default: from the "
                        "file extension; trig for stdin, which also reads Turtle and N-Triples)")


def _version() -> str:
    """The installed package's version (the source tree's when not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kg")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown (not installed)"


def load_graph(path: str, fmt: str | None = None):
    """The graph file ``path`` (``-``: standard input, in ``fmt`` or TriG), as it is."""
    from kg.graph import KnowledgeGraph, LoadedGraph

    if path == "-":
        kg = LoadedGraph()
        try:
            kg.load_string(sys.stdin.buffer.read().decode("utf-8"), fmt or "trig")
        except (SyntaxError, ValueError) as e:
            raise CliError(f"stdin: cannot read graph ({fmt or 'trig'}): {first_line(e)}", 4) \
                from None
        return kg
    p = Path(path)
    try:
        if not p.exists():
            raise CliError(f"{path}: no such file", 4)
        if p.is_dir():
            raise CliError(f"{path}: is a folder; give a graph file (or --store DIR)", 4)
        return KnowledgeGraph.load(p, fmt)
    except (SyntaxError, ValueError, OSError) as e:
        raise CliError(f"{path}: cannot read graph: {os_reason(e)}", 4) from None


def open_store_arg(path: str, *, read_only: bool = True, create: bool = False):
    from kg.store import StoreError, open_store

    try:
        return open_store(path, read_only=read_only, create=create)
    except StoreError as e:
        raise CliError(str(e), 4) from None


def load_source(args):
    """The graph named by ``args.graph`` or ``args.store`` (exactly one of them)."""
    if args.store and args.graph:
        raise CliError("give a graph file or --store DIR, not both", 2)
    if args.store:
        return open_store_arg(args.store)
    if not args.graph:
        raise CliError("give a graph file or --store DIR", 2)
    return load_graph(args.graph, getattr(args, "input_format", None))


def cmd_build(args) -> int:
    from kg.build import output_names, summary, write_outputs
    from kg.files import OutputError, check_output_folder

    out = Path(args.out) if args.out else (None if args.store else Path("output"))
    check_out_folder(out)
    if args.jobs is not None and args.jobs < 1:
        raise CliError("--jobs must be at least 1", 2)
    if args.executor:
        _check_executor(args.executor)
    try:
        if out is not None:  # before a build that may take hours
            check_output_folder(out, output_names(view=not args.no_view))
    except OutputError as e:
        raise CliError(str(e), 6) from None
    kg = _build_graph(args)
    report = kg.report
    if report.articles == 0:
        for path, reason in report.skipped:
            print(f"skipped: {path}: {reason}", file=sys.stderr)
        raise CliError("no article could be read; nothing written", 2)
    try:
        files = write_outputs(kg, out, view=not args.no_view) if out is not None else []
    except OutputError as e:
        raise CliError(str(e), 6) from None
    if not args.quiet:
        print(summary(kg, report))
        if files:
            print("wrote: " + ", ".join(str(f) for f in files))
    else:
        for path, reason in report.skipped:
            print(f"skipped: {path}: {reason}", file=sys.stderr)
    return 1 if (args.strict and report.skipped) else 0


def _check_executor(spec: str) -> None:
    """A usage error unless ``spec`` names an executor that can be used here."""
    from kg.parallel import ExecutorError, check_executor

    try:
        check_executor(spec)
    except ExecutorError as e:
        raise CliError(f"--executor: {e}", 2) from None


def check_out_folder(out: Path | None) -> None:
    """Refuse, before anything is read, an ``--out`` that cannot become a folder.

    ``out`` (or the nearest part of it that exists) must be a folder: a file
    there, or inside ``out``'s path, is a usage error (2).  Whether it can be
    written (permissions, a name too long) is :func:`kg.files.check_output_folder`'s
    question (an output error, 6).
    """
    if out is None:
        return
    for p in (out, *out.parents):
        try:
            if not p.exists():
                continue
        except OSError:  # a name too long: the output check says so
            return
        if not p.is_dir():
            where = "is a file" if p == out else f"{p} is a file, not a folder"
            raise CliError(f"{out}: {where}; --out needs a folder", 2)
        return


@contextlib.contextmanager
def stdin_article(paths: list[str], name: str | None) -> Iterator[tuple[list[str], str | None]]:
    """``paths`` with ``-`` replaced by a file holding standard input (named ``name``).

    Yields the paths and that file's path (``None`` without ``-``); the file
    lives in a temporary folder removed afterwards.  The article is known by
    ``name`` (default ``stdin.txt``): its IRI and ``schema:name`` come from it.
    """
    if "-" not in paths:
        if name:
            raise CliError("--name is the file name of an article read from stdin: give - too", 2)
        yield paths, None
        return
    name = name or "stdin.txt"
    if paths.count("-") > 1 or Path(name).name != name or name in (".", ".."):
        raise CliError("- (stdin) is one article, given once; --name is a file name "
                       "without folders", 2)
    with tempfile.TemporaryDirectory(prefix="kg-stdin-") as d:
        tmp = Path(d) / name
        tmp.write_bytes(sys.stdin.buffer.read())
        yield [str(tmp) if p == "-" else p for p in paths], str(tmp)


def _build_graph(args):
    """Build into memory or into ``--store``; an interrupted store build says how to go on."""
    from kg.build import build
    from kg.parallel import ExecutorError
    from kg.store import StoreWriteError

    with stdin_article(args.paths, args.name) as (paths, tmp):
        store = open_store_arg(args.store, read_only=False, create=True) if args.store else None
        try:
            kg = build(paths, quiet=args.quiet, store=store, jobs=args.jobs,
                       executor=args.executor, follow_links=args.follow_links)
        except ExecutorError as e:
            raise CliError(f"--executor: {e}", 5) from None
        except StoreWriteError as e:
            raise CliError(str(StoreWriteError(args.store, e.reason)), 6) from None
        except KeyboardInterrupt:
            if args.store:
                print(f"interrupted: every article written so far is complete in {args.store}; "
                      "run the same command again to continue", file=sys.stderr)
            raise
        if tmp:  # the reports name standard input, not the temporary file
            report = kg.report
            report.skipped = [("<stdin>" if p == tmp else p, r) for p, r in report.skipped]
            report.warnings = [w.replace(tmp, "<stdin>") for w in report.warnings]
    if args.store:
        kg.report.store = args.store
    return kg


def cmd_remove(args) -> int:
    from kg.store import StoreWriteError, article_count, remove_articles, store_writes

    kg = open_store_arg(args.store, read_only=False)
    try:
        with store_writes(args.store):
            removed, unknown = remove_articles(kg.store, args.articles)
            kg.store.flush()
    except StoreWriteError as e:
        raise CliError(str(e), 6) from None
    if not args.quiet:
        left = article_count(kg.store)
        print(f"removed {len(removed)} article{'s' if len(removed) != 1 else ''}; "
              f"{left} left in {args.store}")
    for iri in unknown:
        print(f"not in the store: {iri}", file=sys.stderr)
    return 1 if unknown else 0


def cmd_serve(args) -> int:
    from kg.server import Endpoint, ServerError, check_allow_prefix

    if args.max_result_mb <= 0 or args.timeout <= 0:
        raise CliError("--timeout and --max-result-mb must be positive", 2)
    try:
        allow = tuple(check_allow_prefix(p) for p in args.allow_service)
    except ValueError as e:
        raise CliError(f"--allow-service {e}", 2) from None
    ep = Endpoint(args.store, host=args.host, port=args.port, writable=args.writable,
                  timeout=args.timeout, max_bytes=int(args.max_result_mb * 1024 * 1024),
                  allow_service=allow)
    try:
        ep.start()
    except ServerError as e:
        raise CliError(str(e), 5) from None
    try:
        mode = "read-write" if args.writable else "read-only"
        print(f"SPARQL endpoint: {ep.url}/query ({mode}; queries stopped after {args.timeout:g} s, "
              f"results up to {args.max_result_mb:g} MB)", flush=True)
        if args.writable:
            print(f"SPARQL Update:   {ep.url}/update", flush=True)
        print(f"query UI:        {ep.url}/   (Ctrl-C to stop)", flush=True)
        if allow:
            print(f"SERVICE allowed: {', '.join(allow)}", flush=True)
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"warning: listening on {args.host}: reachable from other machines, "
                  "without authentication",
                  file=sys.stderr, flush=True)
        failure = ep.wait()
    finally:
        ep.stop()
    if failure:
        raise CliError(failure, 5)
    return 0


def cmd_push(args) -> int:
    import os

    from kg.push import PushError, push

    kg = load_source(args)
    password = None
    if args.user:
        password = os.environ.get("KG_PUSH_PASSWORD")
        if password is None and sys.stdin.isatty():
            import getpass

            password = getpass.getpass(f"password for {args.user} at {args.endpoint}: ")
    if args.timeout <= 0:
        raise CliError("--timeout must be positive", 2)
    try:
        report = push(kg, args.endpoint, graph=args.target, protocol=args.protocol, user=args.user,
                      password=password, timeout=args.timeout)
    except PushError as e:
        raise CliError(str(e), 5) from None
    except ValueError as e:
        raise CliError(str(e), 2) from None
    if not args.quiet:
        graphs = "graph" if report.graphs == 1 else "graphs"
        requests = "request" if report.requests == 1 else "requests"
        print(f"pushed {report.triples} triples in {report.graphs} {graphs} "
              f"to {args.endpoint} ({report.requests} {requests}, "
              f"{'Graph Store Protocol' if report.protocol == 'gsp' else 'SPARQL Update'})")
    return 0


def supported(kg, n: int):
    """``kg`` without what fewer than ``n`` articles state (``--min-support``)."""
    if n < 1:
        raise CliError("--min-support must be at least 1", 2)
    try:
        return kg.min_support(n)
    except ValueError as e:
        raise CliError(f"--min-support: {e}", 4) from None


def cmd_query(args) -> int:
    from kg.query import QueryError, execute, format_results, read_query, set_param, unknown_terms

    check_query_order(args)
    if args.graph == "-" and args.query == "-":
        raise CliError("the graph and the query cannot both come from stdin", 2)
    try:
        sparql = read_query(args.query)
    except QueryError as e:
        raise CliError(str(e), 3) from None
    for name, value in _params(args.param).items():
        try:
            sparql = set_param(sparql, name, value)
        except QueryError as e:
            raise CliError(f"--param {name}: {e}", 2) from None
    kg = supported(load_source(args), args.min_support)
    try:
        text = format_results(execute(kg, sparql), args.format)
        warnings = unknown_terms(kg, sparql)
    except QueryError as e:
        raise CliError(str(e), 3) from None
    for w in warnings:
        print(f"kg query: warning: {w}", file=sys.stderr)
    print(text)
    return 0


def _params(items: list[str]) -> dict[str, str]:
    """``--param NAME=VALUE`` options as a dict; a malformed one is a usage error."""
    params = {}
    for item in items:
        name, eq, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not eq or not re.fullmatch(r"\w+", name):
            raise CliError(f"--param {item}: give NAME=VALUE, e.g. --param place=张店区", 2)
        params[name] = value.strip()
    return params


_QUERY_START = re.compile(r"\s*(?:#.*\n\s*)*(?:PREFIX|BASE|SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I)


def check_query_order(args) -> None:
    """Explain ``kg query QUERY GRAPH`` (swapped) instead of "QUERY: no such file"."""
    first = args.graph
    if not first or first == "-" or args.store:
        return
    from kg.query import example_queries

    try:
        exists = Path(first).exists()
    except OSError:  # a name too long: load_graph says so
        return
    if Path(first).suffix.lower() in (".rq", ".sparql"):
        shown = f"{first} is a query file"
    elif not exists and first.removesuffix(".rq") in example_queries():
        shown = f"{first} is an example query"
    elif not exists and _QUERY_START.match(first):
        text = " ".join(first.split())
        shown = repr(text if len(text) <= 40 else text[:39] + "…") + " is a query"
    else:
        return
    raise CliError(f"{shown}, not a graph file: the graph comes first, then the query "
                   "(kg query GRAPH QUERY)", 2)


def cmd_export(args) -> int:
    kg = load_source(args)
    guessed = format_from_path(args.output, default="") if args.output != "-" else "ttl"
    fmt = args.format or guessed
    if not fmt:
        raise CliError(f"{args.output}: cannot guess the format from the extension; "
                       "give --format", 2)
    counted = Counted(kg)
    if args.output == "-":
        with _writing("-"):
            writer(fmt).write(counted, sys.stdout.buffer)
            sys.stdout.flush()
    else:
        with _writing(args.output):  # = kg.write, counted
            atomic_write(args.output, lambda f: writer(fmt).write(counted, f))
    if not args.quiet:
        print(f"wrote {'stdout' if args.output == '-' else args.output} ({fmt}): {counted}",
              file=sys.stderr if args.output == "-" else sys.stdout)
    return 0


@contextlib.contextmanager
def _writing(path: str) -> Iterator[None]:
    """Turn an ``OSError`` while writing ``path`` (``-``: stdout) into a one-line error, exit 6."""
    previous = path != "-" and os.path.isfile(path)
    try:
        yield
    except BrokenPipeError:
        raise  # the reader went away: see main
    except OSError as e:
        if path == "-":
            kept = "the output is incomplete"
        else:
            kept = f"{path} is left as it was" if previous else "nothing was written"
        raise CliError(f"{path}: cannot write: {os_reason(e)}; {kept}", 6) from None


class Counted:
    """A graph as a writer reads it (:class:`kg.formats.Serializable`), counting what it reads.

    ``str()`` says what was written: quads and graphs, triples, or nodes and edges.
    """

    def __init__(self, kg) -> None:
        self.kg = kg
        self.what = ""

    def iter_quads(self):
        n, graphs = 0, set()
        for q in self.kg.iter_quads():
            n += 1
            graphs.add(q.graph_name)
            yield q
        self.what = f"{n} quads in {len(graphs)} graph{'s' if len(graphs) != 1 else ''}"

    def iter_triples(self):
        n = 0
        for t in self.kg.iter_triples():
            n += 1
            yield t
        self.what = f"{n} triples (the merged graph)"

    def to_networkx(self):
        g = self.kg.to_networkx()
        self.what = f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
        return g

    def __str__(self) -> str:
        return self.what


def cmd_view(args) -> int:
    from kg.view import render_html

    kg = supported(load_source(args), args.min_support)
    options = view_options(kg, args)
    try:
        if args.output == "-":
            with _writing("-"):
                sys.stdout.buffer.write(render_html(kg.store, **options).encode("utf-8"))
                sys.stdout.flush()
            return 0
        with _writing(args.output):
            kg.view(args.output, **options)
    except ValueError as e:  # an option the checks above let through and the view refuses
        raise CliError(first_line(e), 2) from None
    print(f"wrote: {args.output}")
    return 0


def view_options(kg, args) -> dict:
    """The view's options from ``--types``, ``--region`` and ``--max-nodes``, checked here.

    A type that does not exist or a region the graph does not hold is a
    usage error (2) with one line saying what there is.
    """
    if args.max_nodes is not None and args.max_nodes < 1:
        raise CliError("--max-nodes must be at least 1", 2)
    types = view_types(args.types) if args.types is not None else None
    if args.region is not None:
        check_region(kg, args.region)
    return {"types": types, "region": args.region, "max_nodes": args.max_nodes,
            "layout": args.layout}


def view_types(text: str) -> list[str]:
    """``--types`` as a list, each an entity type (any case) or its Chinese legend name."""
    from kg.model import ENTITY_TYPES
    from kg.view.data import TYPE_STYLES

    english = (*ENTITY_TYPES, "Article")
    known = {t.lower(): t for t in english} | {style[1]: style[0] for style in TYPE_STYLES}
    types = [t.strip() for t in text.split(",") if t.strip()]
    if not types:
        raise CliError(f"--types: give types, e.g. --types Company,Project ({', '.join(english)})",
                       2)
    for t in types:
        if t.lower() not in known:
            close = difflib.get_close_matches(t.lower(), [e.lower() for e in english], n=1)
            hint = f" (did you mean {known[close[0]]}?)" if close else ""
            raise CliError(f"--types {t}: no such type{hint}; the types are {', '.join(english)}",
                           2)
    return types


def check_region(kg, region: str) -> None:
    """Raise a usage error unless a region or zone of ``kg`` has ``region`` as a name or code."""
    from kg.model import REGION_TYPES
    from kg.vocab import ONT

    want = region.strip()
    types = " ".join(f"<{ONT}{t}>" for t in REGION_TYPES)
    text = want.replace("\\", "\\\\").replace('"', '\\"')
    iri = f"<{want}>" if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", want) else "<urn:kg:none>"
    found = kg.query(f"""ASK {{ VALUES ?t {{ {types} }} ?r a ?t .
        {{ VALUES ?n {{ "{text}"@zh "{text}" }} ?r rdfs:label|skos:altLabel|kg:divisionCode ?n }}
        UNION {{ VALUES ?r {{ {iri} }} }} }}""")
    if bool(found):
        return
    labels = sorted({r["l"].value for r in kg.query(
        f"SELECT DISTINCT ?l WHERE {{ VALUES ?t {{ {types} }} ?r a ?t ; rdfs:label ?l }}")})
    close = difflib.get_close_matches(want, labels, n=3, cutoff=0.5)
    hint = f"; did you mean {'、'.join(close)}?" if close else ""
    some = "、".join(labels[:12]) + ("…" if len(labels) > 12 else "")
    raise CliError(f"--region {region}: no region or zone of that name in the graph{hint}"
                   + (f" (regions in it: {some})" if some else " (it holds no regions)"), 2)


def _eval_set(args) -> int:
    from kg import evaluate
    from kg.evaluate.sets import GoldSet

    gs = GoldSet(Path(args.set))
    if not gs.gold.is_dir():
        raise CliError(f"{args.set}: not a gold set (no gold/ folder)", 2)
    try:
        articles = gs.materialise(corpus=Path(args.corpus) if args.corpus else None)
    except (FileNotFoundError, OSError) as e:
        raise CliError(str(e), 2) from None
    from kg.build import build

    graph = build([str(articles)])
    report = evaluate.score(gs.gold, graph)
    print(evaluate.render(report, misses=args.misses, as_json=args.json))
    return 0


def cmd_eval(args) -> int:
    from kg import evaluate

    if args.set:
        return _eval_set(args)
    if not args.gold:
        raise CliError("give --gold DIR (and a graph or --store), or --set DIR", 2)
    if not Path(args.gold).is_dir():
        raise CliError(f"{args.gold}: not a folder of gold JSON files", 2)
    if args.graph and not Path(args.graph).exists():
        raise CliError(f"{args.graph}: no such file", 4)
    graph = Path(args.graph) if args.graph and not args.store else load_source(args)
    try:
        report = evaluate.score(Path(args.gold), graph)
    except ValueError as e:
        raise CliError(str(e), 2) from None
    print(evaluate.render(report, misses=args.misses, as_json=args.json))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    try:
        return args.func(args)
    except CliError as e:
        print(f"kg {args.command}: {e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (kg query ... | head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as e:  # one the command did not expect: still one line, no traceback
        where = f"{e.filename}: " if e.filename else ""
        print(f"kg {args.command}: {where}{os_reason(e)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
