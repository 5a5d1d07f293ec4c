"""Amounts and dates of projects: totalInvestment, signedOn, startedOn, completedOn.

* an investment amount goes to the one project its sentence is about (see
  :mod:`kg.extract.investments`; amounts are read by :mod:`kg.extract.money`);
* a date with a signing / ground-breaking / completion event goes to the
  projects of its sentence or of the list that follows it (see
  :mod:`kg.extract.dates`).

>>> from kg.model import Document
>>> from kg.pipeline import Pipeline
>>> d = Pipeline(["normalise", "metadata", "sentences", "projects", "values"])(
...     Document(path="a", name="a", raw="2024年3月19日，华兴物流项目签约，总投资3亿元。"))
>>> sorted((f.predicate, str(f.obj)) for f in d.facts)  # doctest: +NORMALIZE_WHITESPACE
[('signedOn', "DateValue(iso='2024-03-19')"),
 ('totalInvestment', "Money(value=300000000.0, currency='CNY')")]
"""

from __future__ import annotations

from kg.components import component
from kg.extract.dates import add_event_dates
from kg.extract.investments import add_investments
from kg.model import Document


@component("values", requires=("sentences",), reads=("published",))
def find_values(doc: Document) -> None:
    """totalInvestment and event dates of projects."""
    add_investments(doc)
    add_event_dates(doc)
