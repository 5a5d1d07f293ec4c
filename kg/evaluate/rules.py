"""The scorer's rules: type families, names as compared, values, facts, titles and owners."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import DATE_RELATIONS, ENTITY_RELATIONS, ENTITY_TYPES

__all__ = ["DATE_RELATIONS", "ENTITY_RELATIONS", "ENTITY_TYPES"]

FAMILY = {"Province": "Region", "City": "Region", "District": "Region", "Zone": "Region",
          "GovernmentBody": "Org", "Organization": "Org", "Company": "Company",
          "Project": "Project", "Person": "Person"}
# a node with two entity types takes the most specific: list order, Organization last
TYPE_RANK = {t: i for i, t in enumerate(ENTITY_TYPES)} | {"Organization": len(ENTITY_TYPES)}
HIERARCHY = {"partOf", "locatedIn"}
LABELS = {"label", "prefLabel", "name"}
ALT_LABELS = {"altLabel", "alternateName", "hiddenLabel"}
ARTICLE_TYPES = {"Article", "NewsArticle"}
AMOUNT_VALUE = ("value", "amount", "amountValue")
AMOUNT_CURRENCY = ("currency", "unitCode", "unit", "priceCurrency")
AMOUNT_TOLERANCE = 0.005
COMPLETION_TYPES = {"Province", "City"}
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

Key = tuple[str, str]
"""A gold entity: ``(type, normalised canonical name)``; articles are ``("Article", stem)``."""


# ---------------------------------------------------------------- names

def local_name(term: object) -> str:
    """The part of an IRI (or any term) after the last ``#`` or ``/``.

    >>> local_name("http://www.w3.org/2000/01/rdf-schema#label"), local_name("https://schema.org/name")
    ('label', 'name')
    """
    return re.split(r"[#/]", str(term))[-1]


def norm(name: object) -> str:
    """A name as compared: Unicode NFKC, white space removed.

    >>> norm("華通聯合（南通） 塑膠")
    '華通聯合(南通)塑膠'
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name)))


# ---------------------------------------------------------------- values

@dataclass(frozen=True)
class Amount:
    """A money value in whole currency units."""

    value: float
    currency: str = "CNY"

    def matches(self, other: Amount) -> bool:
        """Same currency and within 0.5 % of this (gold) amount.

        >>> Amount(9.82e9).matches(Amount(9.8e9)), Amount(9.82e9).matches(Amount(9.82e9, "USD"))
        (True, False)
        """
        return (self.currency == other.currency
                and abs(self.value - other.value) <= AMOUNT_TOLERANCE * max(self.value, 1))

    def __str__(self) -> str:
        return f"{self.value:g} {self.currency}"


@dataclass(frozen=True)
class Date:
    """A date as written: ``YYYY-MM-DD``, ``YYYY-MM``, ``--MM-DD`` or ``YYYY``."""

    text: str

    def parts(self) -> tuple[str | None, str | None, str | None]:
        """Year, month and day (the whole text as the year when it is no date).

        >>> Date("2021-03-19").parts(), Date("--03-19").parts(), Date("2021-03").parts()
        (('2021', '03', '19'), (None, '03', '19'), ('2021', '03', None))
        """
        text = self.text.strip()
        m = re.fullmatch(r"(\d{4})?-?-?(\d{2})?-?(\d{2})?", text)
        return (m.group(1), m.group(2), m.group(3)) if m else (text, None, None)

    def matches(self, other: Date) -> bool:
        """Same month and day; same year where both give one.

        >>> d = Date("2021-03-19")
        >>> d.matches(Date("--03-19")), d.matches(Date("2020-03-19"))
        (True, False)
        """
        gy, gm, gd = self.parts()
        py, pm, pd = other.parts()
        return (gm, gd) == (pm, pd) and (gy is None or py is None or gy == py)

    def __str__(self) -> str:
        return self.text


Value = Key | Amount | Date | None


@dataclass(frozen=True)
class Fact:
    """A relation between gold entities (or a value), as compared.

    ``title`` is the post title of ``holdsPost`` (``""`` when the gold gives
    none, ``None`` when a prediction gives none).
    """

    subject: Key
    predicate: str
    object: Value
    title: str | None = None

    def describe(self) -> str:
        """The fact in one line.

        >>> f = Fact(("Person", "王小明"), "holdsPost", ("GovernmentBody", "翠屏区委"), "区委书记")
        >>> f.describe()
        'Person:王小明 holdsPost GovernmentBody:翠屏区委 (区委书记)'
        """
        obj = ":".join(self.object) if isinstance(self.object, tuple) else str(self.object)
        title = f" ({self.title})" if self.title else ""
        return f"{':'.join(self.subject)} {self.predicate} {obj}{title}"


def post_owner_match(gold_names: Iterable[str], pred_names: Iterable[str]) -> bool:
    """A post's owner may be named as the body or as its region: one name begins the other.

    >>> post_owner_match({"翠屏区委"}, {"翠屏区"}), post_owner_match({"翠屏区委"}, {"蓬江区"})
    (True, False)
    """
    pred_names = list(pred_names)
    return any(len(min(a, b, key=len)) >= 2 and (a.startswith(b) or b.startswith(a))
               for a in gold_names for b in pred_names)


def title_match(gold: str | None, pred: str | None) -> bool:
    """Titles match when either is missing or one ends with the other.

    >>> title_match("区委书记", "翠屏区委书记"), title_match("区长", "区委书记")
    (True, False)
    >>> title_match("", "区长")
    True
    """
    if not gold or not pred:
        return True
    return gold.endswith(pred) or pred.endswith(gold)
