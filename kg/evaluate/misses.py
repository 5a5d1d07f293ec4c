"""What was missed and what is spurious, and which articles each comes from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from kg.evaluate.gold import Gold
from kg.evaluate.graph import GraphData, PredEntity, PredRelation
from kg.evaluate.match import Scoring
from kg.evaluate.report import Miss, Report
from kg.evaluate.rules import ARTICLE_TYPES, RDF_NS, Amount, Date, Fact, Key, local_name
from kg.labels import canonical_label

# ---------------------------------------------------------------- misses

def add_misses(report: Report, gold: Gold, data: GraphData, ents: Mapping[Any, PredEntity],
                mapping: Mapping[Any, Key], extra: set, scoring: Scoring) -> None:
    sources = Provenance(data, gold.articles)
    matched = set(mapping.values())
    report.missed_entities = [Miss(f"{k[0]}:{k[1]}", tuple(e.articles))
                              for k, e in sorted(gold.entities.items()) if k not in matched]
    report.spurious_entities = sorted(
        Miss(f"{e.type}:{'|'.join(sorted(e.names))}", sources.of_node(n))
        for n, e in ents.items() if n not in mapping and n not in extra)
    report.missed_relations = sorted(Miss(f.describe(), tuple(d)) for f, d in gold.relations.items()
                                     if f not in scoring.matched)
    report.spurious_relations = sorted(
        Miss(_describe(rel, fact, ents), sources.of_relation(rel))
        for rel, fact in scoring.spurious)


def _describe(rel: PredRelation, fact: Fact | None, ents: Mapping[Any, PredEntity]) -> str:
    def name(node: Any) -> str:
        if node in ents:
            e = ents[node]
            return f"{e.type}:{canonical_label(e.names) if e.names else local_name(node)}"
        return str(node) if isinstance(node, Amount | Date) else local_name(node)

    if fact is not None and fact.predicate != rel.predicate:
        return f"{name(rel.subject)} {rel.predicate} (as {fact.predicate}) {name(rel.object)}"
    title = f" ({rel.title})" if rel.title else ""
    return f"{name(rel.subject)} {rel.predicate} {name(rel.object)}{title}"


class Provenance:
    """Which articles a node or a fact of the graph comes from.

    Read from the named graphs (one per article), from article nodes that
    point at a node (``schema:mentions``), and from reified statements and
    memberships whose sources (``prov:wasDerivedFrom`` a sentence of the
    article) name the article.
    """

    def __init__(self, data: GraphData, stems: Iterable[str]) -> None:
        self.data = data
        self.stems = sorted(stems, key=lambda s: (-len(s), s))
        self.nodes: dict[Any, set[str]] = defaultdict(set)
        self.facts: dict[tuple, set[str]] = defaultdict(set)
        for s, _, _, g in data.quads:
            stem = self.stem_in(g)
            if stem:
                self.nodes[s].add(stem)
        self._read_links()

    def stem_in(self, value: Any) -> str | None:
        """The article stem ``value`` contains (the longest), if any."""
        text = str(value) if value is not None else ""
        return next((s for s in self.stems if s in text), None)

    def _read_links(self) -> None:
        for s, t in self.data.typed:
            lt = local_name(t)
            if lt in ARTICLE_TYPES:
                stem = self.stem_in(s) or next(
                    (x for _, o in self.data.predicate_objects(s) if (x := self.stem_in(o))), None)
                for _, o in self.data.predicate_objects(s) if stem else ():
                    self.nodes[o].add(stem)
            elif str(t) == RDF_NS + "Statement":
                parts = {local_name(p): o for p, o in self.data.predicate_objects(s)}
                triple = (parts.get("subject"), local_name(parts.get("predicate", "")),
                          parts.get("object"))
                self.facts[triple] |= self.sources(s)

    def sources(self, node: Any) -> set[str]:
        """Articles named by ``node``'s own values or by those of the nodes it points at."""
        found = set()
        for _, o in self.data.predicate_objects(node):
            for v in [o] + [x for _, x in self.data.predicate_objects(o)]:
                if stem := self.stem_in(v):
                    found.add(stem)
        return found

    def of_node(self, node: Any) -> tuple[str, ...]:
        return tuple(sorted(self.nodes.get(node, ())))

    def of_relation(self, rel: PredRelation) -> tuple[str, ...]:
        if rel.source is not None:
            found = self.nodes.get(rel.source, set()) | self.sources(rel.source)
        else:
            found = set(self.facts.get((rel.subject, rel.predicate, rel.object), ()))
        return tuple(sorted(found or self.nodes.get(rel.subject, ())))
