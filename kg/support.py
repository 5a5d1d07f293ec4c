"""How well a fact is supported, and when it held: pure functions, no RDF.

:mod:`kg.derived` reads the article graphs and calls these to compute what it
writes into the derived graph.

**Confidence.**  Each article that states a fact is an independent witness
that is right with probability ``p`` (the *prior* of the rule that read the
fact there, :func:`prior`); the fact is wrong only if every witness is::

    confidence = 1 - (1 - p_1) * (1 - p_2) * ... * (1 - p_n)

over its ``n`` supporting articles (where one article states a fact through
two rules, the higher prior counts).  A fact read once by a weak rule scores
its prior (0.5 for the statistical tagger, 0.7 for a located-in read from
sentence structure); two articles lift a 0.7 to 0.91, three to 0.973.
Reposts of one story count as separate articles: the formula cannot tell.

>>> confidence([0.7])
0.7
>>> confidence([0.7, 0.7])
0.91
>>> confidence([0.5]) < confidence([0.9]) < confidence([0.9, 0.5])
True

**Dates.**  Dates are ISO strings, possibly partial (``2020``, ``2020-03``,
``2020-03-05``, ``--03-05``); ISO order is time order where both have a year.

**Posts over time.**  :func:`holder_intervals` turns the dates on which each
person was seen in one post into intervals; in a post one person holds at a
time (:func:`single_holder`), each holder's interval ends no later than the
first observation of the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: The precision of one statement by each rule, by (extractor, relation) or extractor, from
#: ``kg eval`` over the seven held-out sets (tests/data/heldout*): per relation, the share of
#: predicted facts that were right, rounded down, at most 0.95 (one article is never certainty).
PRIORS: dict[tuple[str, str] | str, float] = {
    ("relations", "locatedIn"): 0.7,   # 264 of 369 right: the weakest relation
    ("relations", "investor"): 0.9,    # 120 of 127
    ("values", "completedOn"): 0.9,    # 30 of 33
    "values": 0.9,                     # dates 93 of 98, amounts 121 of 126
    "regions": 0.95,                   # partOf 130 of 135 (regions and zones)
    "zones": 0.9,
    "posts": 0.95,                     # holdsPost 286 of 292
    "bylines": 0.95,                   # reportedBy 101 of 101
    "projects": 0.6,                   # investors named inside project names: few, unmeasured
    "lac_entities": 0.5,               # the statistical tagger: the weakest rule
}
DEFAULT_PRIOR = 0.6

#: Relations a project has one value of: two values that cannot both be true contradict.
FUNCTIONAL = ("totalInvestment", "signedOn", "startedOn", "completedOn")

#: Project stages in life-cycle order, with the relation that reports each.
STAGES = (("Signed", "signedOn"), ("Started", "startedOn"), ("Completed", "completedOn"))

# titles several people hold at once: deputies, members, directors, representatives
_SHARED_TITLE = re.compile(r"副|(?:委员|常委|成员|理事|董事|代表|调研员|巡视员|干部|助理|专员|顾问|"
                           r"项目经理|记者|通讯员|编辑|摄影|工作人员)$")


def prior(extractor: str, relation: str) -> float:
    """The precision of one statement of ``relation`` by the rule ``extractor``.

    >>> prior("relations", "locatedIn"), prior("relations", "investor"), prior("nobody", "x")
    (0.7, 0.9, 0.6)
    """
    return PRIORS.get((extractor, relation), PRIORS.get(extractor, DEFAULT_PRIOR))


def confidence(priors: Iterable[float]) -> float:
    """``1 - prod(1 - p)`` over one prior per supporting article, rounded to 3 decimals.

    >>> confidence([0.95, 0.95, 0.95])
    1.0
    >>> confidence([])
    0.0
    """
    wrong = 1.0
    for p in priors:
        wrong *= 1.0 - min(max(p, 0.0), 1.0)
    return round(1.0 - wrong, 3)


def dated(iso: str | None) -> bool:
    """True for a date with a year (``2020``, ``2020-03``, ``2020-03-05``): one that can be ordered.

    >>> dated("2020-03"), dated("--03-05"), dated(None)
    (True, False, False)
    """
    return bool(iso) and bool(re.match(r"\d{4}(?:-\d{2}){0,2}$", iso))


def compatible(a: str, b: str) -> bool:
    """Whether two dates can describe the same day: one refines the other.

    >>> compatible("2020-03", "2020-03-05"), compatible("--03-05", "2020-03-05")
    (True, True)
    >>> compatible("2020-03-05", "2020-04-01"), compatible("--03-05", "--03-06")
    (False, False)
    """
    if a.startswith("--") or b.startswith("--"):
        return _month_day(a).startswith(_month_day(b)) or _month_day(b).startswith(_month_day(a))
    return a.startswith(b) or b.startswith(a)


def _month_day(iso: str) -> str:
    """The month and day of a date, as far as it gives them: ``03-05``, ``03`` or ``""``."""
    return iso[2:] if iso.startswith("--") else iso[5:]


def contradictions(relation: str, values: Iterable[str]) -> list[tuple[str, str]]:
    """The pairs of ``values`` of one subject's ``relation`` that cannot both hold, sorted.

    Dates contradict when neither refines the other (:func:`compatible`);
    amounts (their IRIs) whenever they differ.  Other relations never do.

    >>> contradictions("completedOn", ["2021-06", "2021-06-30", "2022-01"])
    [('2021-06', '2022-01'), ('2021-06-30', '2022-01')]
    >>> contradictions("locatedIn", ["a", "b"])
    []
    """
    if relation not in FUNCTIONAL:
        return []
    vals = sorted(set(values))
    same = compatible if relation != "totalInvestment" else (lambda a, b: a == b)
    return [(a, b) for i, a in enumerate(vals) for b in vals[i + 1:] if not same(a, b)]


def stage(relations: Iterable[str]) -> str | None:
    """The furthest life-cycle stage the relations of a project report.

    >>> stage(["locatedIn", "signedOn"]), stage(["signedOn", "completedOn"]), stage([])
    ('Signed', 'Completed', None)
    """
    have = set(relations)
    reached = [name for name, rel in STAGES if rel in have]
    return reached[-1] if reached else None


def single_holder(title: str) -> bool:
    """Whether one person at a time holds a post with this title (no deputies, no members).

    >>> single_holder("区委书记"), single_holder("区委副书记"), single_holder("市委常委")
    (True, False, False)
    >>> single_holder("董事长"), single_holder("董事")
    (True, False)
    """
    return not _SHARED_TITLE.search(title)


def span(dates: Iterable[str | None]) -> tuple[str, str] | None:
    """The earliest and latest of the dates that have a year, or None.

    >>> span(["2021-05-01", None, "2019-03", "--02-01"])
    ('2019-03', '2021-05-01')
    """
    ds = sorted(d for d in dates if dated(d))
    return (ds[0], ds[-1]) if ds else None


def holder_intervals(seen: Mapping[str, Iterable[str | None]],
                     sequential: bool) -> dict[str, tuple[str, str]]:
    """When each holder of one post held it: from the first observation to the last.

    ``seen`` maps each holder to the dates they were observed in the post.
    With ``sequential`` (one holder at a time), holders are ordered by their
    first observation and each interval ends no later than the first
    observation of the next holder.  Holders never observed on a dated
    article have no interval.

    >>> seen = {"A": ["2019-01-10", "2020-06-01", "2021-02-01"], "B": ["2020-09-01"]}
    >>> holder_intervals(seen, sequential=True)
    {'A': ('2019-01-10', '2020-09-01'), 'B': ('2020-09-01', '2020-09-01')}
    >>> holder_intervals(seen, sequential=False)["A"]
    ('2019-01-10', '2021-02-01')
    """
    spans = {h: s for h, ds in seen.items() if (s := span(ds)) is not None}
    order = sorted(spans, key=lambda h: (spans[h][0], h))
    out = {}
    for h in order:
        begin, end = spans[h]
        if sequential:
            later = [spans[k][0] for k in order if spans[k][0] > begin]
            if later and later[0] < end:
                end = later[0]
        out[h] = (begin, end)
    return out


def successors(intervals: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Each holder's successor in a one-at-a-time post: the next to be first observed.

    >>> successors({"A": ("2019", "2020"), "B": ("2020", "2021"), "C": ("2021", "2022")})
    {'A': 'B', 'B': 'C'}
    >>> successors({"A": ("2019", "2020"), "B": ("2020", "2021"), "C": ("2020", "2020")})
    {}
    """
    order = sorted(intervals, key=lambda h: (intervals[h][0], h))
    out = {}
    for h in order:
        later = [k for k in order if intervals[k][0] > intervals[h][0]]
        first = [k for k in later if intervals[k][0] == intervals[later[0]][0]] if later else []
        if len(first) == 1:  # two holders first seen the same day: no one successor
            out[h] = first[0]
    return out
