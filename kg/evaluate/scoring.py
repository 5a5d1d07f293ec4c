"""Score a graph against gold: the steps of :func:`score`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.evaluate.gold import Gold
from kg.evaluate.graph import graph_articles, graph_entities, graph_relations, parents, read_graph
from kg.evaluate.match import Scoring, completion, entity_table, match_entities, relation_stems
from kg.evaluate.misses import add_misses
from kg.evaluate.report import Counts, Report, Table
from kg.evaluate.rules import HIERARCHY


def score(gold: Gold | str | Path, graph: Any, docs: Iterable[str] | None = None) -> Report:
    """Score ``graph`` against ``gold``.

    Parameters
    ----------
    gold : Gold, str or Path
        The gold annotations, or a folder of gold JSON files.
    graph : str, Path, KnowledgeGraph, rdflib graph or pyoxigraph.Store
        The graph built from the same articles (see :func:`read_graph`).
    docs : iterable of str, optional
        Score only these articles (file names, with or without extension).

    Returns
    -------
    Report
    """
    docs = list(docs) if docs is not None else None
    if not isinstance(gold, Gold):
        gold = Gold.load(gold, docs)
    data = read_graph(graph)
    ents = graph_entities(data)
    edges = parents(data, ents)
    strict = match_entities(gold, ents, lenient=False)
    strict_table = entity_table(gold, ents, strict, completion(strict, edges, ents), lenient=False)
    mapping = match_entities(gold, ents, lenient=True)        # relations use the family matching
    extra = completion(mapping, edges, ents)
    family_table = entity_table(gold, ents, mapping, extra, lenient=True)
    articles = graph_articles(data, relation_stems(gold, docs))
    scoring = Scoring(gold, ents, {**mapping, **{a: ("Article", s) for a, s in articles.items()}})
    for gf in gold.relations:
        scoring.counts[gf.predicate][2] += 1
    for rel in graph_relations(data, ents, articles):
        if rel.predicate in HIERARCHY and (rel.subject in extra or rel.object in extra):
            continue                        # hierarchy completed from the division table
        scoring.add(rel)
    relations = Table({p: Counts(*v) for p, v in sorted(scoring.counts.items())})
    report = Report(strict_table, family_table, relations)
    add_misses(report, gold, data, ents, mapping, extra, scoring)
    return report
