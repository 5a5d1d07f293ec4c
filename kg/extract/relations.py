"""Relations between companies, projects, organisations and places (runs last).

* ``investor`` (Project -> Company): the project's name begins with the
  company's name or one of its short forms (``华兴集团物流项目``), the project is
  ``由X投资/建设``, or a company's name is the label before a bracketed place
  (``兴业汽配(宜宾)产业园``);
* ``locatedIn`` (Company/Project/Organization -> region or zone): the place
  the text puts it in (``落户X``, ``位于X的``, ``在X的``), else the article's main
  place (its district, or the zone the article is about).  A company that
  only appears as a project's investor, or whose name begins with another
  province, is not placed; media and provincial bodies are not placed.

>>> from kg.model import Document, Mention
>>> d = Document(path="a", name="a", raw="", text="华兴集团物流项目落户宜宾区")
>>> from kg.sentences import split_sentences
>>> _ = split_sentences(d)
>>> d.mentions = [Mention("Project", "华兴集团物流项目", 0, 8, "t"), Mention("Company", "华兴集团", 0, 4, "t"),
...               Mention("District", "宜宾区", 10, 13, "t")]
>>> find_relations(d)
>>> sorted((f.predicate, f.obj[1]) for f in d.facts)
[('investor', '华兴集团'), ('locatedIn', '宜宾区')]
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.companies import PROVINCES
from kg.model import Document, EntityKey, Fact, Mention
from kg.pipeline import component

PLACES = ("Province", "City", "District", "Zone")
_FOREIGN = re.compile(r"^(?:新加坡|美国|日本|韩国|德国|法国|英国|瑞士|荷兰|意大利|加拿大|澳大利亚|中国)")
_LOC_CUE = re.compile(r"(?:落户|位于|坐落于|地处|落地|入驻|在|于|来到|扎根)(?:位于)?$")
_BUILT_BY = re.compile(r"由([^，,。；;]{2,30}?)(?:投资|出资|建设|开发|承建|投建|打造|运营)")
_MEDIA = re.compile(r"(?:报|网|台|社|杂志|电台|频道|客户端|壹点)$")


def _mentions(doc: Document, type_: str) -> list[Mention]:
    return [m for m in doc.mentions if m.type == type_]


def main_place(doc: Document) -> EntityKey | None:
    """The place the article is about: the context's region, or the zone it keeps naming.

    A zone named more often than the district (an article about a development
    zone) is the main place for its companies and projects.
    """
    counts: Counter[EntityKey] = Counter()
    for m in doc.mentions:
        if m.type in ("District", "Zone", "City"):
            counts[(m.type, m.name)] += 1
    region = doc.context.get("region")
    if isinstance(region, str):
        region = next((k for k in counts if k[1] == region), None)
    districts = [(n, k) for k, n in counts.items() if k[0] == "District"]
    zones = [(n, k) for k, n in counts.items() if k[0] == "Zone"]
    best_d = region if isinstance(region, tuple) else (max(districts)[1] if districts else None)
    if zones:
        nz, kz = max(zones)
        if nz >= 5 and nz > 2 * counts.get(best_d, 0):
            return kz
    if best_d:
        return best_d
    cities = [(n, k) for k, n in counts.items() if k[0] == "City"]
    return max(cities)[1] if cities else None


_STRONG_CUE = re.compile(r"(?:落户|落地|入驻|位于|坐落于|扎根)(?:位于)?$")
_SITE_AFTER = re.compile(r"(?:项目|施工|现场|工地|内|里|中)")
_ALL_OF_THEM = re.compile(r"^(?:全部|均|都|上述|以上|这些|以上项目|上述项目)")


def _place_after(doc: Document, places: list[Mention], p: Mention) -> Mention:
    """``X的Z`` / ``位于X的Z``: the place meant is the later one."""
    for q in places:
        if q.start > p.end and doc.text[p.end:q.start] in ("的", "境内的", "内的"):
            return q
    return p


def _explicit_place(doc: Document, m: Mention) -> EntityKey | None:
    """A place the text puts the mention in: 落户X / 位于X的Y / 在X的Y / X（园区）施工现场…Y."""
    sent = doc.sentence_at(m.start)
    if sent is None:
        return None
    places = sorted((p for p in doc.mentions if p.type in PLACES and sent.start <= p.start < sent.end),
                    key=lambda p: p.start)
    best = None
    for p in places:
        if p.end <= m.start:  # place before the entity: 位于X的Y, 在X的Y, XY
            gap = doc.text[p.end:m.start]
            cue = doc.text[max(sent.start, p.start - 4):p.start]
            if gap in ("", "的") and (_LOC_CUE.search(cue) or p.type == "Zone" and gap == ""):
                best = p
        elif p.start >= m.end:  # 落户X, 落地X, 位于X
            between = doc.text[m.end:p.start]
            if len(between) <= 12 and _LOC_CUE.search(between) and not re.search(r"[，,；;]", between):
                p = _place_after(doc, places, p)
                return (p.type, p.name)
            if len(between) <= 24 and _STRONG_CUE.search(between) and not re.search(r"[；;。]", between):
                p = _place_after(doc, places, p)
                return (p.type, p.name)
    if best:
        return (best.type, best.name)
    if m.type == "Project":
        return _site_zone(doc, m, places) or _next_sentence_place(doc, sent.index)
    return None


def _site_zone(doc: Document, m: Mention, places: list[Mention]) -> EntityKey | None:
    """One zone named before the project as a building site (X项目施工现场…): the project is there."""
    zones = {(p.type, p.name) for p in places if p.type == "Zone" and p.end <= m.start
             and _SITE_AFTER.match(doc.text, p.end)}
    return zones.pop() if len(zones) == 1 else None


def _next_sentence_place(doc: Document, index: int) -> EntityKey | None:
    """``…签约A、B项目。全部…落地X``: the next sentence places them all."""
    if index + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[index + 1]
    if not _ALL_OF_THEM.search(nxt.text):
        return None
    for p in doc.mentions:
        if p.type in PLACES and nxt.start <= p.start < nxt.end:
            if _STRONG_CUE.search(doc.text, nxt.start, p.start):
                return (p.type, p.name)
    return None


def _investors(doc: Document) -> None:
    companies = _mentions(doc, "Company")
    forms: dict[str, str] = {}
    for c in companies:
        for f in (c.name, doc.text[c.start:c.end], *c.aliases):
            if len(f) >= 2:
                forms.setdefault(f, c.name)
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "investor"}
    for p in _mentions(doc, "Project"):
        company = None
        for f in sorted(forms, key=len, reverse=True):
            if p.name.startswith(f) and len(p.name) > len(f) and f + "项目" != p.name or p.name == f + "项目":
                company = forms[f]
                break
        sent = doc.sentence_at(p.start)
        if company is None and sent is not None:
            b = _BUILT_BY.search(sent.text)
            if b and b.group(1) in forms and len({m.name for m in _mentions(doc, "Project")
                                                  if sent.start <= m.start < sent.end}) == 1:
                company = forms[b.group(1)]
            elif b:
                inner = b.group(1)
                hit = [forms[f] for f in forms if inner.endswith(f)]
                if hit:
                    company = hit[0]
        if company:
            key = (("Project", p.name), ("Company", company))
            if key not in have:
                have.add(key)
                doc.facts.append(Fact(key[0], "investor", key[1], "relations",
                                      sentence=sent.index if sent else None))


def _external(doc: Document, name: str, place: EntityKey | None) -> bool:
    """Is a company named after a place other than the article's (新疆X in a Sichuan article)?"""
    if _FOREIGN.match(name):
        return True
    regions = {m.name for m in doc.mentions if m.type in ("Province", "City", "District")}
    regions |= {m.name.rstrip("省市区县") for m in doc.mentions if m.type in ("Province", "City", "District")}
    for p in PROVINCES:
        if name.startswith(p):
            return not any(r.startswith(p) for r in regions)
    return False


def _located(doc: Document) -> None:
    main = main_place(doc)
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "locatedIn"}
    investors = {f.obj for f in doc.facts if f.predicate == "investor"}
    placed: dict[EntityKey, EntityKey] = {}
    for m in doc.mentions:
        if m.type not in ("Company", "Project", "Organization"):
            continue
        key = (m.type, m.name)
        nested = any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                     for o in doc.mentions)
        where = None if nested else _explicit_place(doc, m)
        if where and where != key:
            placed[key] = where  # an explicit place wins over the default
        elif key not in placed:
            placed.setdefault(key, None)  # type: ignore[arg-type]
    for key, where in placed.items():
        if where is None:
            if main is None or not _default_placed(doc, key, investors, main):
                continue
            where = main
        if (key, where) in have:
            continue
        have.add((key, where))
        sent = next((m for m in doc.mentions if (m.type, m.name) == key), None)
        s = doc.sentence_at(sent.start) if sent else None
        doc.facts.append(Fact(key, "locatedIn", where, "relations", sentence=s.index if s else None))


def _default_placed(doc: Document, key: EntityKey, investors: set, main: EntityKey) -> bool:
    type_, name = key
    if type_ == "Project":
        return True
    if type_ == "Company":
        if key in investors:
            return False
        return not _external(doc, name, main)
    # organisations: local ones only (not media, not provincial or national bodies)
    if _MEDIA.search(name) or name.startswith(("省", "市", "国家", "中国", "全国")):
        return False
    return not _external(doc, name, main)


@component("relations")
def find_relations(doc: Document) -> None:
    """investor and locatedIn facts."""
    _investors(doc)
    _located(doc)


