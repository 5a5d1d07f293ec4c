"""The ``kg`` command line.

Each command is a small function ``cmd_<name>(args) -> int`` registered in
:func:`parser`; ``main`` dispatches and turns expected errors into one-line
messages with documented exit codes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_CODES = """exit codes:
  0  success (files that could not be read are reported and skipped)
  1  some input files were skipped and --strict was given
  2  usage error, or no article could be read at all
  3  a query could not be parsed or run
  4  an input graph or store could not be read"""

MAIN_HELP = """Turn Chinese regional-economy news into a knowledge graph.

examples:
  kg build seeds --out output              build Turtle, TriG and an HTML view
  kg query output/graph.trig ontology/queries/officials.rq
  kg query output/graph.ttl "SELECT ?c WHERE { ?c a kg:Company }" --format csv
  kg export output/graph.trig -o graph.graphml   (for Gephi)
  kg view output/graph.ttl -o view.html --types Company,Project
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
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    b = _fmt(sub, "build", "read articles and build the knowledge graph", """examples:
  kg build seeds --out output
  kg build news/ more/article.html --out out -q

Reads .txt, .md, .html and .htm files (UTF-8, UTF-16 with BOM, GB18030/GBK,
Big5 detected) from the files and folders given, and writes into DIR:
  graph.ttl   the merged graph (Turtle, deterministic order)
  graph.trig  the same facts, one named graph per article (provenance)
  graph.html  the interactive view (works offline)
Files that cannot be read are reported with the reason and skipped.

""" + EXIT_CODES)
    b.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    b.add_argument("--out", "-o", metavar="DIR", help="output folder (default: output)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    b.add_argument("--strict", action="store_true", help="exit 1 if any file was skipped")
    b.add_argument("--no-view", action="store_true", help="do not write graph.html")
    b.set_defaults(func=cmd_build)

    q = _fmt(sub, "query", "run a SPARQL query over a graph file", """examples:
  kg query output/graph.trig ontology/queries/officials.rq
  kg query output/graph.ttl "SELECT ?n WHERE { ?c a kg:Company ; rdfs:label ?n }"
  kg query output/graph.trig "ASK { ?p a kg:Person }"
  kg query output/graph.trig "CONSTRUCT { ?s ?p ?o } WHERE { ?s a kg:Project ; ?p ?o }"

QUERY is SPARQL text or a .rq file.  The prefixes kg, id, rdf, rdfs, xsd,
skos, org, prov, schema and dcterms are predeclared.  The default graph is
the union of all articles' named graphs; use GRAPH ?g to see which article
said what.  Example queries: """ + " ".join(sorted(_example_names())) + "\n\n" + EXIT_CODES)
    q.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .trig .nt .nq .jsonld)")
    q.add_argument("query", metavar="QUERY", help="SPARQL text or a .rq file")
    q.add_argument("--format", "-f", choices=["table", "csv", "tsv", "json"], default="table")
    q.set_defaults(func=cmd_query)

    e = _fmt(sub, "export", "convert a graph to another format", """examples:
  kg export output/graph.trig -o graph.jsonld
  kg export output/graph.trig --format graphml -o graph.graphml   (Gephi)
  kg export output/graph.ttl --format nt -o -                     (stdout)

Formats: ttl, trig, nt, nq, jsonld, graphml, gexf (guessed from the file
extension of -o when --format is not given).  ttl and nt hold the merged
graph; trig, nq and jsonld keep one named graph per article.

""" + EXIT_CODES)
    e.add_argument("graph", metavar="GRAPH", help="graph file")
    e.add_argument("--format", "-f", choices=["ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf"])
    e.add_argument("-o", "--output", required=True, metavar="FILE", help="output file, or - for stdout")
    e.set_defaults(func=cmd_export)

    v = _fmt(sub, "view", "write the interactive HTML view of a graph", """examples:
  kg view output/graph.trig -o view.html
  kg view output/graph.trig -o companies.html --types Company,Project --region 张店区
  kg view big.trig -o big.html --max-nodes 2000

The page works offline (everything inlined).  Click a node to see its
names, relations and the sentences they were read from.

""" + EXIT_CODES)
    v.add_argument("graph", metavar="GRAPH", help="graph file")
    v.add_argument("-o", "--output", required=True, metavar="FILE.html")
    v.add_argument("--types", help="comma-separated entity types to show (e.g. Company,Project)")
    v.add_argument("--region", help="only this region and what is in it (e.g. 张店区)")
    v.add_argument("--max-nodes", type=int, help="show at most N nodes (highest degree first)")
    v.add_argument("--layout", choices=["static", "physics"], default="static")
    v.set_defaults(func=cmd_view)

    ev = _fmt(sub, "eval", "score a built graph against gold annotations", """examples:
  kg eval --gold ../shared/gold output/graph.ttl
  kg eval --gold my-gold/ output/graph.ttl --misses

Gold files are JSON, one per article, in the annotation guidelines' format.
Prints precision, recall and F1 per entity type and per relation.

""" + EXIT_CODES)
    ev.add_argument("graph", metavar="GRAPH")
    ev.add_argument("--gold", required=True, metavar="DIR")
    ev.add_argument("--misses", action="store_true", help="list missed and spurious items")
    ev.add_argument("--json", action="store_true", help="the full report as JSON")
    ev.set_defaults(func=cmd_eval)
    return ap


def _example_names() -> list[str]:
    from kg.query import example_queries

    return [f"ontology/queries/{p.name}" for p in example_queries().values()]


def load_graph(path: str):
    from kg.graph import KnowledgeGraph

    p = Path(path)
    if not p.exists():
        raise CliError(f"{path}: no such file", 4)
    if p.is_dir():
        raise CliError(f"{path}: is a folder; give a graph file (or --store DIR)", 4)
    try:
        return KnowledgeGraph.load(p)
    except (SyntaxError, ValueError, OSError) as e:
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise CliError(f"{path}: cannot read graph: {msg}", 4) from None


def cmd_build(args) -> int:
    from kg.build import build, summary, write_outputs

    out = Path(args.out or "output")
    kg = build(args.paths, quiet=args.quiet)
    report = kg.report
    if report.articles == 0:
        for path, reason in report.skipped:
            print(f"skipped: {path}: {reason}", file=sys.stderr)
        raise CliError("no article could be read; nothing written", 2)
    files = write_outputs(kg, out) if not args.no_view else _write_rdf_only(kg, out)
    if not args.quiet:
        print(summary(kg, report))
        print("wrote: " + ", ".join(str(f) for f in files))
    else:
        for path, reason in report.skipped:
            print(f"skipped: {path}: {reason}", file=sys.stderr)
    return 1 if (args.strict and report.skipped) else 0


def _write_rdf_only(kg, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for name in ("graph.ttl", "graph.trig"):
        kg.serialize(out / name)
    return [out / "graph.ttl", out / "graph.trig"]


def cmd_query(args) -> int:
    from kg.query import QueryError, run

    kg = load_graph(args.graph)
    try:
        print(run(kg, args.query, args.format))
    except QueryError as e:
        raise CliError(str(e), 3) from None
    return 0


def cmd_export(args) -> int:
    from kg.graph import format_from_path

    kg = load_graph(args.graph)
    fmt = args.format or (format_from_path(args.output, default="") if args.output != "-" else "ttl")
    if not fmt:
        raise CliError(f"{args.output}: cannot guess the format from the extension; give --format", 2)
    data = kg.serialize(None if args.output == "-" else args.output, fmt=fmt)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_view(args) -> int:
    kg = load_graph(args.graph)
    types = [t.strip() for t in args.types.split(",")] if args.types else None
    kg.view(args.output, types=types, region=args.region, max_nodes=args.max_nodes, layout=args.layout)
    print(f"wrote: {args.output}")
    return 0


def cmd_eval(args) -> int:
    from kg import evaluate

    if not Path(args.gold).is_dir():
        raise CliError(f"{args.gold}: not a folder of gold JSON files", 2)
    if not Path(args.graph).exists():
        raise CliError(f"{args.graph}: no such file", 4)
    report = evaluate.score(Path(args.gold), Path(args.graph))
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


if __name__ == "__main__":
    sys.exit(main())
