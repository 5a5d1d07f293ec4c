"""Matching predictions to gold: entities one to one, then relations fact by fact."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluate.gold import Gold
from kg.evaluate.graph import PredEntity, PredRelation
from kg.evaluate.report import Counts, Table
from kg.evaluate.rules import (
    COMPLETION_TYPES,
    ENTITY_RELATIONS,
    ENTITY_TYPES,
    FAMILY,
    Fact,
    Key,
    post_owner_match,
    title_match,
)

# ---------------------------------------------------------------- matching

def same_type(gold_type: str, pred_type: str, lenient: bool) -> bool:
    return FAMILY[gold_type] == FAMILY[pred_type] if lenient else gold_type == pred_type


def match_entities(gold: Gold, pred: Mapping[Any, PredEntity], lenient: bool) -> dict[Any, Key]:
    """Match predicted nodes to gold entities one to one: canonical names first, then aliases.

    Nodes are taken in graph order; each node's names in sorted order, and
    for a name the gold entities in annotation order.
    """
    by_name: dict[str, list[Key]] = defaultdict(list)
    for key, e in gold.entities.items():
        for n in e.names:
            by_name[n].append(key)
    mapping: dict[Any, Key] = {}
    used: set[Key] = set()
    for canonical_only in (True, False):
        for node, e in pred.items():
            if node in mapping:
                continue
            key = _first_match(e, by_name, gold, used, lenient, canonical_only)
            if key is not None:
                mapping[node] = key
                used.add(key)
    return mapping


def _first_match(e: PredEntity, by_name: Mapping[str, list[Key]], gold: Gold, used: set[Key],
                 lenient: bool, canonical_only: bool) -> Key | None:
    for n in sorted(e.names):
        for key in by_name.get(n, []):
            if key in used or not same_type(gold.entities[key].type, e.type, lenient):
                continue
            if canonical_only and n != key[1]:
                continue
            return key
    return None


def completion(mapping: Mapping[Any, Key], edges: Mapping[Any, set],
               ents: Mapping[Any, PredEntity]) -> set:
    """Unmatched provinces and cities a matched node reaches through partOf/locatedIn."""
    seen: set = set()
    todo = list(mapping)
    while todo:
        node = todo.pop()
        for parent in edges.get(node, ()):
            if (parent not in mapping and parent not in seen
                    and ents[parent].type in COMPLETION_TYPES):
                seen.add(parent)
                todo.append(parent)
    return seen


def entity_table(gold: Gold, pred: Mapping[Any, PredEntity], mapping: Mapping[Any, Key],
                 extra: set, lenient: bool) -> Table:
    """Counts per type (or family), the completed parents left out of the predictions."""
    def kind(t: str) -> str:
        return FAMILY[t] if lenient else t

    rows = {}
    for k in dict.fromkeys(kind(t) for t in ENTITY_TYPES):
        rows[k] = Counts(
            tp=sum(1 for n in mapping if kind(pred[n].type) == k),
            predicted=sum(1 for n, e in pred.items() if kind(e.type) == k and n not in extra),
            gold=sum(1 for e in gold.entities.values() if kind(e.type) == k))
    return Table(rows)


@dataclass
class Scoring:
    """The state of relation scoring: what is mapped, counted and matched."""

    gold: Gold
    ents: Mapping[Any, PredEntity]
    key_of: Mapping[Any, Key]
    seen: set = field(default_factory=set)
    matched: set = field(default_factory=set)
    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    spurious: list[tuple[PredRelation, Fact | None]] = field(default_factory=list)

    def add(self, rel: PredRelation) -> None:
        """Count one predicted relation (once per distinct fact)."""
        fact = self.map(rel)
        if fact is not None:
            if fact in self.seen:
                return                      # the same fact stated twice counts once
            self.seen.add(fact)
        self.counts[fact.predicate if fact else rel.predicate][1] += 1
        if fact in self.gold.relations and fact not in self.matched:
            self.matched.add(fact)
            self.counts[fact.predicate][0] += 1
        else:
            self.spurious.append((rel, fact))

    def map(self, rel: PredRelation) -> Fact | None:
        """The gold fact ``rel`` stands for, or its own fact in gold terms; None when unmapped."""
        s = self.key_of.get(rel.subject)
        if s is None:
            return None
        if rel.predicate in ENTITY_RELATIONS or rel.predicate == "reportedBy":
            return self._entity_fact(s, rel)
        if rel.predicate == "holdsPost":
            return self._post_fact(s, rel)
        same = self.gold.facts_about(s, rel.predicate)
        hit = next((f for f in same if f.object.matches(rel.object)), None)
        return hit or Fact(s, rel.predicate, rel.object)

    def _entity_fact(self, s: Key, rel: PredRelation) -> Fact | None:
        o = self.key_of.get(rel.object)
        if o is None:
            return None
        p = rel.predicate
        if p == "locatedIn" and FAMILY.get(s[0]) == "Region" and FAMILY.get(o[0]) == "Region":
            p = "partOf"
        return Fact(s, p, o)

    def _post_fact(self, s: Key, rel: PredRelation) -> Fact:
        """The first gold post ``rel`` fits (compatible title; the same owner or one named
        alike), in annotation order, as the shared scorer takes its first hit: no preference
        for the same owner or the same title, so two statements that fit the same posts
        count as one fact."""
        o = self.key_of.get(rel.object)
        names = self.ents[rel.object].names if rel.object in self.ents else set()
        hit = next((f for f in self.gold.facts_about(s, "holdsPost")
                    if title_match(f.title, rel.title)
                    and (f.object == o or post_owner_match(self.gold.names_of(f.object), names))),
                   None)
        return hit or Fact(s, "holdsPost", o, rel.title)


def relation_stems(gold: Gold, docs: Iterable[str] | None) -> list[str]:
    """Articles whose nodes are looked for: those with gold bylines, and ``docs``."""
    stems = {f.subject[1] for f in gold.relations if f.subject[0] == "Article"}
    return sorted(stems | {Path(d).stem for d in docs or ()})
