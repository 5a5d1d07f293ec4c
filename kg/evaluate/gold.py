"""Gold annotations: JSON files, one per article, read into entities and facts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluate.rules import (
    DATE_RELATIONS,
    ENTITY_RELATIONS,
    FAMILY,
    Amount,
    Date,
    Fact,
    Key,
    norm,
)

# ---------------------------------------------------------------- gold

@dataclass
class GoldEntity:
    """A gold entity: all its names (normalised) and the articles naming it."""

    type: str
    name: str
    names: set[str] = field(default_factory=set)
    articles: list[str] = field(default_factory=list)


@dataclass
class Gold:
    """Gold entities and relations over a set of articles.

    Entities of the same type and canonical name are one entity across
    articles (their aliases are pooled).
    """

    entities: dict[Key, GoldEntity] = field(default_factory=dict)
    relations: dict[Fact, list[str]] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)
    by_subject: dict[tuple[Key, str], list[Fact]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, folder: str | Path, docs: Iterable[str] | None = None) -> Gold:
        """Read every ``*.json`` in ``folder`` (only the articles ``docs`` names, if given).

        Raises
        ------
        ValueError
            A file is not valid gold JSON, or ``docs`` names an article with no gold.
        """
        files = sorted(Path(folder).glob("*.json"))
        if not files:
            raise ValueError(f"{folder}: no gold JSON files")
        if docs is not None:
            stems = {Path(d).stem for d in docs}
            files = [f for f in files if f.stem in stems]
            missing = stems - {f.stem for f in files}
            if missing:
                raise ValueError(f"no gold for: {', '.join(sorted(missing))}")
        data = {}
        for f in files:
            try:
                data[f.stem] = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
                raise ValueError(f"{f}: not readable gold JSON: {e}") from None
        return cls.from_json(data)

    @classmethod
    def from_json(cls, articles: Mapping[str, Mapping[str, Any]]) -> Gold:
        """Gold from parsed JSON objects keyed by article stem, in that order.

        >>> g = Gold.from_json({"a": {"entities": [{"id": "d", "type": "District", "name": "翠屏区",
        ...     "aliases": ["翠屏"]}], "relations": []}})
        >>> sorted(g.entities[("District", "翠屏区")].names)
        ['翠屏', '翠屏区']
        """
        gold = cls()
        for stem, doc in articles.items():
            try:
                gold._add_article(stem, doc)
            except (KeyError, TypeError, ValueError) as e:
                raise ValueError(f"{stem}: bad gold annotation: {e!r}") from None
        return gold

    def _add_article(self, stem: str, doc: Mapping[str, Any]) -> None:
        self.articles.append(stem)
        ids: dict[str, Key] = {"article": ("Article", stem)}
        for e in doc["entities"]:
            if e["type"] not in FAMILY:
                raise ValueError(f"unknown entity type {e['type']}")
            key = (e["type"], norm(e["name"]))
            entity = self.entities.setdefault(key, GoldEntity(e["type"], key[1]))
            entity.names |= {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
            if stem not in entity.articles:
                entity.articles.append(stem)
            ids[e["id"]] = key
        for r in doc["relations"]:
            fact = gold_fact(r, ids)
            if fact not in self.relations:
                self.relations[fact] = []
                self.by_subject.setdefault((fact.subject, fact.predicate), []).append(fact)
            if stem not in self.relations[fact]:
                self.relations[fact].append(stem)

    def facts_about(self, subject: Key, predicate: str) -> list[Fact]:
        """The gold facts with this subject and predicate, in annotation order."""
        return self.by_subject.get((subject, predicate), [])

    def names_of(self, key: Key) -> set[str]:
        entity = self.entities.get(key)
        return entity.names if entity else set()


def gold_fact(r: Mapping[str, Any], ids: Mapping[str, Key]) -> Fact:
    """One gold relation as a :class:`Fact`, its ends resolved through ``ids``.

    >>> ids = {"j": ("Project", "x项目")}
    >>> gold_fact({"s": "j", "p": "totalInvestment", "amount": 2e8, "currency": "USD"}, ids).object
    Amount(value=200000000.0, currency='USD')
    """
    s, p = ids[r["s"]], r["p"]
    if p in ENTITY_RELATIONS or p == "reportedBy":
        return Fact(s, p, ids[r["o"]])
    if p == "holdsPost":
        return Fact(s, p, ids[r["o"]], norm(r.get("title", "")))
    if p == "totalInvestment":
        return Fact(s, p, Amount(float(r["amount"]), r.get("currency", "CNY")))
    if p in DATE_RELATIONS:
        return Fact(s, p, Date(r["date"]))
    raise ValueError(f"unknown predicate {p}")
