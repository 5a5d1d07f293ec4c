"""Resolve mentions into entities, within one article.

Mentions with the same ``(type, name)`` become one :class:`~kg.model.Entity`;
every surface form seen (traditional script as written, short forms) becomes
an alias.  Across articles, entities meet through their IRIs, which are a pure
function of ``(type, name)`` or the division code (:mod:`kg.vocab`), so the same
thing gets the same IRI whether its articles come in one batch or ten.

>>> from kg.model import Document, Mention
>>> d = Document(path="a", name="a", raw="張店區張店", text="张店区张店")
>>> d.mentions = [Mention("District", "张店区", 0, 3, "t", code="370303"),
...               Mention("District", "张店区", 3, 5, "t", code="370303")]
>>> sorted(resolve(d).entities[("District", "张店区")].aliases)
['张店', '張店', '張店區']
"""

from __future__ import annotations

from kg.model import ArticleResult, Document, Entity, EntityKey, Fact


def resolve(doc: Document) -> ArticleResult:
    entities: dict[EntityKey, Entity] = {}
    for m in doc.mentions:
        key = (m.type, m.name)
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = Entity(type=m.type, name=m.name, code=m.code)
        elif m.code and not ent.code:
            ent.code = m.code
        for form in (doc.text[m.start:m.end], doc.surface(m.start, m.end), *m.aliases):
            form = form.strip()
            if form and form != m.name:
                ent.aliases.add(form)
    facts: list[Fact] = []
    seen: set[tuple] = set()
    for f in doc.facts:
        ends = [f.subject] + ([f.obj] if isinstance(f.obj, tuple) else [])
        missing = [k for k in ends if k[0] != "Article" and k not in entities]
        if missing:
            doc.warnings.append(f"{doc.name}: fact {f.predicate} refers to unknown entity "
                                f"{missing[0]}")
            continue
        ident = (f.subject, f.predicate, f.obj, f.title, f.sentence)
        if ident in seen:
            continue
        seen.add(ident)
        facts.append(f)
    return ArticleResult(doc=doc, entities=entities, facts=facts)
