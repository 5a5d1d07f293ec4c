"""The figures of a scoring: counts, tables, misses, and the report as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------- figures

@dataclass(frozen=True)
class Counts:
    """True positives, predictions and gold items of one row."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are).

        >>> round(Counts(tp=3, predicted=4, gold=6).f1, 3)
        0.6
        """
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Table:
    """Rows of counts (per type or predicate) and their total."""

    rows: dict[str, Counts] = field(default_factory=dict)

    @property
    def total(self) -> Counts:
        return sum(self.rows.values(), Counts())

    def to_dict(self) -> dict[str, Any]:
        return {"rows": {k: v.to_dict() for k, v in self.rows.items()}, "all": self.total.to_dict()}


@dataclass(frozen=True, order=True)
class Miss:
    """One missed or spurious item and the articles it comes from."""

    item: str
    articles: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.item}  [{', '.join(self.articles)}]" if self.articles else self.item


@dataclass
class Report:
    """The scores of one graph against one gold set.

    ``entities_strict`` has a row per exact type, ``entities`` per type
    family, ``relations`` per predicate (on the family matching).
    """

    entities_strict: Table
    entities: Table
    relations: Table
    missed_entities: list[Miss] = field(default_factory=list)
    spurious_entities: list[Miss] = field(default_factory=list)
    missed_relations: list[Miss] = field(default_factory=list)
    spurious_relations: list[Miss] = field(default_factory=list)

    @property
    def entity_f1(self) -> float:
        """Entity F1 over type families."""
        return self.entities.total.f1

    @property
    def relation_f1(self) -> float:
        return self.relations.total.f1

    def to_dict(self) -> dict[str, Any]:
        def misses(items: list[Miss]) -> list[dict[str, Any]]:
            return [{"item": m.item, "articles": list(m.articles)} for m in items]

        return {"entities": {"strict": self.entities_strict.to_dict(),
                             "lenient": self.entities.to_dict()},
                "relations": self.relations.to_dict(),
                "entity_f1": self.entity_f1, "relation_f1": self.relation_f1,
                "missed_entities": misses(self.missed_entities),
                "spurious_entities": misses(self.spurious_entities),
                "missed_relations": misses(self.missed_relations),
                "spurious_relations": misses(self.spurious_relations)}


# ---------------------------------------------------------------- output

def _line(name: str, c: Counts) -> str:
    return (f"  {name:<16} P {c.precision:6.1%}  R {c.recall:6.1%}  F1 {c.f1:6.1%}"
            f"   ({c.tp} of {c.predicted} predicted, {c.gold} gold)")


def render(report: Report, misses: bool = False, as_json: bool = False) -> str:
    """The report as a table (with the misses listed, if asked) or as JSON.

    >>> t = Table({"Company": Counts(1, 2, 2)})
    >>> print(render(Report(t, t, Table({"investor": Counts(0, 0, 1)}))).splitlines()[1])
      Company          P  50.0%  R  50.0%  F1  50.0%   (1 of 2 predicted, 2 gold)
    """
    if as_json:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=1)
    out = []
    for title, table in (("entities (exact types)", report.entities_strict),
                         ("entities (type families)", report.entities),
                         ("relations (lenient entity match)", report.relations)):
        out.append(title)
        out += [_line(k, c) for k, c in table.rows.items() if c.predicted or c.gold]
        out.append(_line("ALL", table.total))
    out.append(f"entity F1 {report.entity_f1:.3f}  relation F1 {report.relation_f1:.3f}")
    if misses:
        for title, items in (("missed entities", report.missed_entities),
                             ("spurious entities", report.spurious_entities),
                             ("missed relations", report.missed_relations),
                             ("spurious relations", report.spurious_relations)):
            out.append(f"\n{title} ({len(items)}):")
            out += [f"  {m}" for m in items]
    return "\n".join(out)
