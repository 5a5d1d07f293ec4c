"""Relations between companies, projects, organisations and places (runs last).

* ``investor`` (Project -> Company): see :mod:`kg.extract.investors`;
* ``locatedIn`` (Company/Project/Organization/GovernmentBody -> region or
  zone): see :mod:`kg.extract.locations`, which also forgets the regions
  named only inside other names before the facts are read.

>>> from kg.model import Document, Mention
>>> d = Document(path="a", name="a", raw="", text="华兴集团物流项目落户宜宾区")
>>> from kg.sentences import split_sentences
>>> _ = split_sentences(d)
>>> d.mentions = [Mention("Project", "华兴集团物流项目", 0, 8, "t"),
...               Mention("Company", "华兴集团", 0, 4, "t"),
...               Mention("District", "宜宾区", 10, 13, "t")]
>>> find_relations(d)
>>> sorted((f.predicate, f.obj[1]) for f in d.facts)
[('investor', '华兴集团'), ('locatedIn', '宜宾区')]
"""

from __future__ import annotations

from kg.components import component
from kg.extract.investors import add_investors
from kg.extract.locations import (
    add_antecedent_places,
    add_body_locations,
    add_locations,
    drop_nested_regions,
)
from kg.model import Document


@component("relations", requires=("sentences",), reads=("region", "region_code"))
def find_relations(doc: Document) -> None:
    """investor and locatedIn facts (after dropping regions named only inside other names)."""
    drop_nested_regions(doc)
    add_investors(doc)
    add_locations(doc)
    add_antecedent_places(doc)
    add_body_locations(doc)
