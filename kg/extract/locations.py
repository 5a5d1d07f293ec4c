"""Locations: where companies, projects, organisations and bodies are (``locatedIn`` facts of the
relations extractor), and the regions that are no place of the article.

* the place the text puts a company, project or organisation in (``落户X``,
  ``位于X的``, ``在X的``), else, for a project or organisation, the region its name
  begins with (X省Y协会), else, for a project, the article's main place (its district,
  the zone the article is about, or the province of an article about a province).  A
  company or organisation the text does not place is not placed (real news names them
  from everywhere: most are not the article's place's, and media, banks and national
  bodies are no place's);
* a project of a sentence about "this project" (该项目位于X, 该工程东起A，途经B…): every
  place the sentence names;
* a body: the region or zone its qualified name begins with;
* a region named only inside other names (新疆X建材公司) is forgotten, with the
  parents added for it only.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.divisions import DIVISION_TYPES, ancestors, forms, table
from kg.extract.mentions import Spans, rail_lines
from kg.lexicons import alternation
from kg.model import REGION_TYPES, Document, EntityKey, Fact, Mention, Sentence

_LOC_CUE = re.compile(f"(?:{alternation('relation_location_cues')})(?:位于)?$")


def main_place(doc: Document) -> EntityKey | None:
    """The place the article is about: its region, or the zone it keeps naming.

    A zone named more often than the district (an article about a development
    zone) is the main place for its companies and projects. Without a district, the city named
    most often, if it is one of the division table (a foreign city places nothing by default).
    """
    counts: Counter[EntityKey] = Counter()
    free: Counter[EntityKey] = Counter()  # mentions not inside another name
    inside = Spans([m for m in doc.mentions if m.type in _CONTAINERS])
    for m in doc.mentions:
        if m.type in ("District", "Zone", "City"):
            counts[(m.type, m.name)] += 1
        if m.type in REGION_TYPES and m.end > m.start and not inside.covers(m.start, m.end):
            free[(m.type, m.name)] += 1
    region = doc.region
    districts = [(n, k) for k, n in counts.items() if k[0] == "District"]
    zones = [(n, k) for k, n in counts.items() if k[0] == "Zone"]
    best_d = region if isinstance(region, tuple) else (max(districts)[1] if districts else None)
    if zones:
        nz, kz = max(zones)
        if nz >= 5 and nz > 2 * counts.get(best_d, 0):
            return kz
    province = _province_article(free, best_d)
    if province:
        return province
    if best_d and _outnamed(free, best_d):
        return None
    if best_d:
        return _named_parent(doc, free, best_d) or best_d
    coded = {(m.type, m.name) for m in doc.mentions if m.type == "City" and m.code}
    cities = [(n, k) for k, n in counts.items() if k in coded]  # a foreign city is no fallback
    return max(cities)[1] if cities else None


def _named_parent(doc: Document, free: Counter[EntityKey], best: EntityKey) -> EntityKey | None:
    """An article about a city that names one of its counties in passing (宁波市 four times,
    镇海区 twice): the county's city (or municipality), named at least 4 times and twice as
    often as the county, is the article's place. ``free`` counts mentions outside other names.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("District", "张店区", 0, 3, "t", code="370303")] + [
    ...     Mention("City", "淄博市", 3 * i, 3 * i + 3, "t", code="370300") for i in (1, 2, 3, 4)]
    >>> free = Counter({("District", "张店区"): 1, ("City", "淄博市"): 4})
    >>> _named_parent(d, free, ("District", "张店区"))
    ('City', '淄博市')
    >>> _named_parent(d, Counter({("District", "张店区"): 3, ("City", "淄博市"): 4}),
    ...     ("District", "张店区")) is None
    True
    """
    if best[0] != "District":
        return None
    code = next((m.code for m in doc.mentions if (m.type, m.name) == best and m.code), None)
    if code is None or code not in table():
        return None
    up = ancestors(code)
    if not up:
        return None
    parent = next(((m.type, m.name) for m in doc.mentions if m.code == up[0]), None)
    if parent is None:
        return None
    n = free.get(parent, 0)
    return parent if n >= 4 and n >= 2 * free.get(best, 0) else None


def _outnamed(free: Counter[EntityKey], best: EntityKey) -> bool:
    """Is another region of the main place's level named more often (outside other names)? An
    article about many cities' projects (蚌埠X项目、徐州Y项目…) has no one place for the others."""
    return any(k[0] == best[0] and k != best and n > free.get(best, 0) for k, n in free.items())


def _province_article(free: Counter[EntityKey], best: EntityKey | None) -> EntityKey | None:
    """An article about a province (江西省要开工建设A、B…): the province named again and again
    while the article's county or city is named once, or only inside other names
    (X南绕城高速公路).
    ``free`` counts the mentions of places outside other names."""
    provinces = [(n, k) for k, n in free.items() if k[0] == "Province"]
    if not provinces or best is None:
        return None
    n, key = max(provinces)
    return key if n >= 3 and free.get(best, 0) <= 1 else None


_STRONG_CUE = re.compile(f"(?:{alternation('relation_strong_location_cues')})(?:位于)?$")


_SITE_AFTER = re.compile(r"(?:项目|施工|现场|工地|内|里|中)")


_ALL_OF_THEM = re.compile(f"^(?:{alternation('relation_all_of_them')})")


def _place_after(doc: Document, places: list[Mention], p: Mention) -> Mention:
    """``X的Z`` / ``位于X的Z``: the place meant is the later one."""
    for q in places:
        if q.start > p.end and doc.text[p.end:q.start] in ("的", "境内的", "内的"):
            return q
    return p


def _places_in(doc: Document, start: int, end: int) -> list[Mention]:
    """Place mentions in ``[start, end)``, left to right; of places starting together only the
    longest (翠屏临港开发区, not the 翠屏 inside it)."""
    places = sorted(
        (
            p
            for p in doc.mentions
            if p.type in REGION_TYPES and start <= p.start < end and p.end > p.start
        ),
        key=lambda p: (p.start, -(p.end - p.start)),
    )
    out: list[Mention] = []
    for p in places:
        if out and out[-1].start <= p.start and p.end <= out[-1].end:
            continue
        out.append(p)
    return out


def _explicit_place(doc: Document, m: Mention, cache: dict[int, list[Mention]]) -> EntityKey | None:
    """A place the text puts the mention in: 落户X / 位于X的Y / 在X的Y / X（园区）施工现场…Y.

    ``cache`` keeps each sentence's places while the mentions do not change.
    """
    sent = doc.sentence_at(m.start)
    if sent is None:
        return None
    if sent.index not in cache:
        cache[sent.index] = _places_in(doc, sent.start, sent.end)
    places = cache[sent.index]
    best = None
    for p in places:
        if p.end <= m.start:  # place before the entity: 位于X的Y, 在X的Y, XY
            fit = _placed_before(doc, sent, m, p, places)
            if fit == _SEAT:
                return (p.type, p.name)
            best = p if fit == _PLACED else best
        elif p.start >= m.end:  # 落户X, 落地X, 位于X
            after = _placed_after(doc, m, p, places)
            if after is not None:
                return after
    if best:
        return (best.type, best.name)
    if m.type == "Project":
        return _site_zone(doc, m, places) or _next_sentence_place(doc, sent.index)
    return None


_NOT_PLACED, _PLACED, _SEAT = 0, 1, 2


_BUILD_GAP = re.compile(r"(?:投资|开工|规划)?(?:建设|兴建|新建|打造|建)[^，,。；;、]{0,10}")


_SEAT_CUE = re.compile(r"总部(?:位于|设在|设于)$")


_SEAT_BETWEEN = re.compile(r"总部(?:位于|设在|设于|在)$")


def _placed_before(
    doc: Document, sent: Sentence, m: Mention, p: Mention, places: list[Mention]
) -> int:
    """Does the place ``p`` written before ``m`` place it (位于X的Y, 在X的Y, a zone right before)?
    :data:`_SEAT` for a company's seat (总部位于哈尔滨市的X公司: wherever it invests)."""
    gap = doc.text[p.end:m.start]
    first = p.start  # the cue stands before a chain of places: 位于X开发区Y产业园的Z
    while (q := next((o for o in places if o.end == first and o.start < first), None)) is not None:
        first = q.start
    cue = doc.text[max(sent.start, first - 4):first]
    if m.type == "Project" and _BUILD_GAP.fullmatch(gap) and _LOC_CUE.search(cue):
        return _PLACED  # 在X投资建设Y项目
    if not (gap in ("", "的") and (_LOC_CUE.search(cue) or p.type == "Zone" and gap == "")):
        return _NOT_PLACED
    if m.type == "Company" and _SEAT_CUE.search(cue) and gap == "的":
        return _SEAT
    return _PLACED


def _placed_after(doc: Document, m: Mention, p: Mention, places: list[Mention]) -> EntityKey | None:
    """The place ``p`` written after ``m`` with a cue between them (落户X, 落地X, 位于X), if one."""
    if m.type == "Company" and any(q.type == "Project" and m.end <= q.start and q.end <= p.start
                                   for q in doc.mentions):
        return None  # X公司投资…的Y项目落户Z: the project is in Z, not its investor
    between = doc.text[m.end:p.start]
    if m.type == "Project" and _SEAT_BETWEEN.search(between):
        return None  # X项目由总部位于哈尔滨市的Y公司投资: the company's seat, not the project's
    # a company 在X签约/发布/投资 acts there: only a cue of settling (落户, 位于) gives its seat
    cue = _STRONG_CUE if m.type == "Company" else _LOC_CUE
    near = len(between) <= 12 and cue.search(between) and not re.search(r"[，,；;]", between)
    # (X项目由A公司投资3.5亿元，落户Z: the project's own clauses, however long its investor's name)
    reach = 40 if m.type == "Project" and between.startswith("由") else 24
    strong = (
        len(between) <= reach and _STRONG_CUE.search(between) and not re.search(r"[；;。]", between)
    )
    if near or strong:
        q = _place_after(doc, places, p)
        # 位于加州圣克拉拉市, 落户X市Y区: of a chain of places, the last, narrowest
        while (r := next((o for o in places if o.start == q.end), None)) is not None:
            q = r
        return (q.type, q.name)
    return None


def _site_zone(doc: Document, m: Mention, places: list[Mention]) -> EntityKey | None:
    """One zone named before the project as a building site (X项目施工现场…): the project is
    there."""
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
        if p.type in REGION_TYPES and nxt.start <= p.start < nxt.end:
            if _STRONG_CUE.search(doc.text, nxt.start, p.start):
                return (p.type, p.name)
    return None


def _name_place(doc: Document, m: Mention, main: EntityKey | None) -> EntityKey | None:
    """The place a project's or organisation's name begins with, where the article names it
    (广东省X协会 in 广东省, 龙海X旅游项目 in 龙海市): a provincial association is the province's
    wherever the article is; a project named after a region above the article's main place stays
    in the main place (宁夏X公司Y项目 in the article's district)."""
    inner = [p for p in doc.mentions
             if p.type in REGION_TYPES and p.start == m.start and m.start < p.end < m.end]
    if not inner:
        return None
    p = max(inner, key=lambda p: p.end)
    if m.type == "Project" and main and p.code:
        codes = {q.code for q in doc.mentions if (q.type, q.name) == main and q.code}
        if any(p.code in ancestors(c) for c in codes):
            return None
    return (p.type, p.name)


_ROUTE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:至|到)([\u4e00-\u9fff]{2,6})")


def _divisions(word: str) -> set[str]:
    """The codes of the divisions ``word``'s longest prefix that names one may stand for."""
    for n in range(len(word), 1, -1):
        codes = {f.code for f in forms().get(word[:n], ())}
        if codes:
            return codes
    return set()


def _common_division(a: set[str], b: set[str]) -> str | None:
    """The smallest division that holds a division of ``a`` and a different one of ``b``."""
    best: list[str] = []
    for x in a:
        for y in b - {x}:
            up_y = [y, *ancestors(y)]
            common = next((c for c in (x, *ancestors(x)) if c in up_y), None)
            chain = [common, *ancestors(common)] if common else []
            if len(chain) > len(best):
                best = chain
    return best[0] if best else None


def route_place(doc: Document, name: str, main: EntityKey | None = None) -> EntityKey | None:
    """A route between two places (A至B高速公路, A到B输气管道) is in the smallest division
    that holds both ends, if the article names it, or in the article's main place if that holds
    it (a province's roads): not in A, the place its name begins with.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("Province", "山东省", 0, 3, "t", code="370000"),
    ...     Mention("City", "淄博市", 3, 6, "t", code="370300")]
    >>> route_place(d, "淄博至潍坊高速公路"), route_place(d, "淄博高新区道路工程")
    (('Province', '山东省'), None)
    >>> route_place(d, "淄川至博山公路"), route_place(d, "淄川至博山公路", ("Province", "山东省"))
    (('City', '淄博市'), ('Province', '山东省'))
    """
    m = _ROUTE.match(name)
    if m is None or m.group(1) not in forms():
        return None
    common = _common_division(_divisions(m.group(1)), _divisions(m.group(2)))
    if common is None:
        return None
    named = {p.code: (p.type, p.name) for p in doc.mentions if p.type in DIVISION_TYPES and p.code}
    if main in named.values() and any(named.get(c) == main for c in ancestors(common)):
        return main
    return named.get(common)


def _default_place(key: EntityKey, named: dict[str, EntityKey], together: EntityKey | None,
                   main: EntityKey | None) -> EntityKey | None:
    """Where a company, project or organisation goes when the text does not place it."""
    if key[0] == "Project" and key[1] in named:
        return named[key[1]]  # 杭州地铁1号线: the place its name begins with
    if together and key[0] in ("Company", "Project"):
        return together  # 签约企业将全部落户X: every company and project of the article
    if key[0] in ("Company", "Organization"):
        return None  # real news names companies from everywhere: only the text places one
    return main


_LIST_END = re.compile(r"等(?:\d+|[一二三四五六七八九十几数百千]+|多)?(?:余|多)?家?")
_LIST_OF_PLACE = re.compile(f"(?:(?P<local>{alternation('relation_local_words')})|的)?"
                            r"[^，,。；;、等]{0,8}?(?:企业|公司|厂商|厂家)")
_LIST_SEP = ("、", "和", "及", "以及", "，")


def list_places(doc: Document, main: EntityKey | None) -> dict[EntityKey, EntityKey]:
    """``A、B等南京企业`` / ``A等本地企业``: the companies of a list that ends with the firms of a
    place (the article's own place for 本地, 本市) are there.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="甲电器、乙科技等苏州企业参展")
    >>> d.mentions = [Mention("Company", "甲电器", 0, 3, "t"), Mention("Company", "乙科技", 4, 7,
    ...     "t"), Mention("City", "苏州市", 8, 10, "t")]
    >>> sorted(list_places(d, None).items())
    [(('Company', '乙科技'), ('City', '苏州市')), (('Company', '甲电器'), ('City', '苏州市'))]
    >>> d = Document(path="a", name="a", raw="", text="丙集团等本地企业")
    >>> d.mentions = [Mention("Company", "丙集团", 0, 3, "t")]
    >>> list_places(d, ("City", "苏州市"))
    {('Company', '丙集团'): ('City', '苏州市')}
    """
    companies = {m.end: m for m in doc.mentions if m.type == "Company" and m.end > m.start}
    regions = {}
    for p in doc.mentions:
        if p.type in REGION_TYPES and p.end > p.start:
            if p.start not in regions or p.end > regions[p.start].end:
                regions[p.start] = p
    out: dict[EntityKey, EntityKey] = {}
    for end, last in companies.items():
        tail = _LIST_END.match(doc.text, end)
        if tail is None:
            continue
        p = regions.get(tail.end())
        if p is not None and _LIST_OF_PLACE.match(doc.text, p.end):
            where: EntityKey | None = (p.type, p.name)
        else:
            kind = _LIST_OF_PLACE.match(doc.text, tail.end())
            where = main if kind and kind.group("local") else None
        if where is None:
            continue
        m: Mention | None = last
        while m is not None and "等" not in doc.text[m.start:m.end]:  # not a list of its own
            out[(m.type, m.name)] = where
            m = next((companies[m.start - len(sep)] for sep in _LIST_SEP
                      if doc.text.startswith(sep, m.start - len(sep))
                      and m.start - len(sep) in companies), None)
    return out


def add_locations(doc: Document) -> None:
    main = main_place(doc)
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "locatedIn"}
    placed: dict[EntityKey, EntityKey] = {}
    spans = Spans(doc.mentions)
    places: dict[int, list[Mention]] = {}
    first: dict[EntityKey, Mention] = {}
    for m in doc.mentions:
        first.setdefault((m.type, m.name), m)
        if m.type not in ("Company", "Project", "Organization"):
            continue
        key = (m.type, m.name)
        nested = spans.covers(m.start, m.end)
        where = None if nested else _explicit_place(doc, m, places)
        if where is None and not nested and m.type != "Company":
            where = (route_place(doc, m.name, main) if m.type == "Project" else None) or \
                _name_place(doc, m, main)
        if where and where != key:
            placed[key] = where  # an explicit place wins over the default
        elif key not in placed:
            placed.setdefault(key, None)  # type: ignore[arg-type]
    for key, where in list_places(doc, main).items():
        if not placed.get(key):
            placed[key] = where
    together = _collective_place(doc)
    named = name_places(doc)
    lines = rail_lines(doc)  # a railway line runs through many places: only the text places it
    for key, explicit in placed.items():
        where = explicit or (None if key in lines else _default_place(key, named, together, main))
        if where is None or (key, where) in have:
            continue
        have.add((key, where))
        sent = first.get(key)
        s = doc.sentence_at(sent.start) if sent else None
        doc.facts.append(
            Fact(key, "locatedIn", where, "relations", sentence=s.index if s else None)
        )


_THIS_PROJECT = re.compile(r"\s*(?:该|此|这个|这一|这项|本)(?:项目|工程)")
_WHERE_CUE = re.compile(r"位于|坐落于|地处|落户|选址|途经|经过|穿越|[东西南北]起|起于|止于|终于|至")


_ROUTE_JOIN = ("至", "到")


def add_antecedent_places(doc: Document) -> None:
    """``该项目位于X`` / ``该工程位于X、Y境内，东起A，途经B、C…``: the places of a sentence about
    "this project" are the places of the project named last before it (every place a route
    passes; of ``来宾市兴宾区`` the county)."""
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "locatedIn"}
    projects = sorted((m for m in doc.mentions if m.type == "Project" and m.end > m.start),
                      key=lambda m: m.start)
    for sent in doc.sentences:
        if not _THIS_PROJECT.match(doc.text, sent.start) or not projects:
            continue
        before = [m for m in projects if m.end <= sent.start]
        stop = doc.text.find("。", sent.start)  # the clauses of one sentence: 该工程位于X，途经Y
        stop = sent.end if stop < 0 else max(stop, sent.end)
        cue = _WHERE_CUE.search(doc.text, sent.start, stop)
        if not before or cue is None:
            continue
        key = (before[-1].type, before[-1].name)
        places = _places_in(doc, cue.start(), stop)
        for p in places:
            if any(q.start in (p.end, p.end + 1) and doc.text[p.end:q.start] in ("", "的")
                   for q in places):
                continue  # 来宾市兴宾区, 来宾市的兴宾区: the county
            if doc.text[p.end:p.end + 1] in _ROUTE_JOIN or doc.text[p.start - 1:p.start] in \
                    _ROUTE_JOIN:
                continue  # 连接A至B高速公路: an end of another route
            where = (p.type, p.name)
            if (key, where) not in have:
                have.add((key, where))
                doc.facts.append(Fact(key, "locatedIn", where, "relations", sentence=sent.index))


_COLLECTIVE = re.compile(r"(?:签约|上述|以上|这些|此次签约的?|本次签约的?|新签约的?|签约的)(?:企业|"
                         r"项目|企业和项目|项目和企业)"
                         r"(?:[将均全部都已也拟]){0,4}(?:落户|落地|入驻|位于|选址|布局)(?:在|于)?")


def _collective_place(doc: Document) -> EntityKey | None:
    """The place where ``签约企业将全部落户X`` puts every signing company and project, if the
    article says so.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="签约企业将全部落户江门高新区。")
    >>> d.mentions = [Mention("Zone", "江门高新区", 9, 14, "t")]
    >>> _collective_place(d)
    ('Zone', '江门高新区')
    """
    for m in _COLLECTIVE.finditer(doc.text):
        places = [
            p
            for p in doc.mentions
            if p.type in REGION_TYPES and p.start == m.end() and p.end > p.start
        ]
        if places:
            p = max(places, key=lambda p: p.end - p.start)
            return (p.type, p.name)
    return None


def body_place(doc: Document, name: str) -> EntityKey | None:
    """The region or zone a body's qualified name begins with (the longest), if the article names
    it.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("District", "翠屏区", 0, 0, "t"),
    ...     Mention("Zone", "翠屏区临港开发区", 0, 0, "t")]
    >>> body_place(d, "翠屏区临港开发区管委会"), body_place(d, "翠屏区委"), body_place(d,
    ...     "国家发改委")
    (('Zone', '翠屏区临港开发区'), ('District', '翠屏区'), None)
    """
    best: Mention | None = None
    for m in doc.mentions:
        if m.type in REGION_TYPES and name.startswith(m.name) and len(name) > len(m.name):
            if best is None or len(m.name) > len(best.name):
                best = m
    return (best.type, best.name) if best else None


_LEVEL_ENDINGS = {"省": ("省",), "市": ("市",), "区": ("区",), "县": ("县", "旗"),
                  "自治区": ("自治区",), "自治州": ("自治州",)}


def own_level_place(doc: Document, name: str) -> EntityKey | None:
    """An unqualified body (市科委, 省政府采购中心, 区政府): the article's own region of the level
    its name begins with (the article's city for 市…), if the article names that region.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.region_code = "430281"
    >>> d.mentions = [Mention("City", "株洲市", 0, 3, "t", code="430200"),
    ...     Mention("District", "醴陵市", 3, 6, "t", code="430281")]
    >>> own_level_place(d, "市科委"), own_level_place(d, "省政府"), own_level_place(d, "华兴")
    (('District', '醴陵市'), None, None)
    """
    endings = _LEVEL_ENDINGS.get(name[:3]) or _LEVEL_ENDINGS.get(name[:1])
    if not endings:
        return None
    named = {m.code: m for m in doc.mentions if m.type in DIVISION_TYPES and m.code}
    if not doc.region_code or doc.region_code not in table():
        # no region (an article about a municipality): the one division of that level it names
        level = [m for m in named.values() if m.name.endswith(endings)]
        return (level[0].type, level[0].name) if len(level) == 1 else None
    for code in (doc.region_code, *ancestors(doc.region_code)):
        if table()[code].name.endswith(endings):
            hit = named.get(code)
            return (hit.type, hit.name) if hit else None
    return None


def add_body_locations(doc: Document) -> None:
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "locatedIn"}
    for m in doc.mentions:
        if m.type != "GovernmentBody":
            continue
        where = body_place(doc, m.name) or own_level_place(doc, m.name)
        key = (m.type, m.name)
        if where is None or (key, where) in have:
            continue
        have.add((key, where))
        sent = doc.sentence_at(m.start)
        doc.facts.append(
            Fact(key, "locatedIn", where, "relations", sentence=sent.index if sent else None)
        )


_CONTAINERS = ("Company", "Organization", "Project", "Person")


def name_places(doc: Document) -> dict[str, EntityKey]:
    """The place a project's name begins with, or that follows the company it begins with
    (杭州地铁1号线 -> 杭州市, 华兴电子苏州7.5代生产线 -> 苏州市): a city or province, or a
    county named in full; not a county's short form, which is too often a word.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="杭州地铁1号线贯通")
    >>> d.mentions = [Mention("City", "杭州市", 0, 2, "regions", code="330100"),
    ...               Mention("Project", "杭州地铁1号线", 0, 7, "projects")]
    >>> name_places(d)
    {'杭州地铁1号线': ('City', '杭州市')}
    """
    regions = [m for m in doc.mentions if m.type in DIVISION_TYPES and m.end > m.start]
    companies = [m for m in doc.mentions if m.type == "Company"]
    # the article's own region and those above it: a project of its list is placed more
    # closely by the other rules (淄博海创小镇 of an article about 张店区)
    own = {doc.region_code, *ancestors(doc.region_code)} if doc.region_code in table() else set()
    out: dict[str, EntityKey] = {}
    for p in [m for m in doc.mentions if m.type == "Project"]:
        heads = {p.start} | {c.end for c in companies if c.start == p.start and c.end < p.end}
        for r in regions:
            if r.start in heads and r.end < p.end and r.code not in own \
                    and not (r.type == "District" and r.end - r.start < 3):
                out.setdefault(p.name, (r.type, r.name))
    return out


def drop_nested_regions(doc: Document) -> None:
    """Forget regions named only inside other names (新疆X建材公司, 昆山X产业园 as a project).

    Such a region is not a place of the article.  Its mentions, the parents
    the regions extractor added for it only, and their partOf facts go; the
    article's main region and regions that another fact uses stay.

    >>> from kg.model import Document, Fact, Mention
    >>> d = Document(path="a", name="a", raw="", text="新疆华美建材公司落户翠屏区")
    >>> d.mentions = [Mention("Province", "新疆维吾尔自治区", 0, 2, "regions", code="650000"),
    ...               Mention("Company", "新疆华美建材公司", 0, 8, "companies"),
    ...               Mention("District", "翠屏区", 10, 13, "regions", code="511502")]
    >>> drop_nested_regions(d)
    >>> [m.name for m in d.mentions]
    ['新疆华美建材公司', '翠屏区']
    """
    real = [m for m in doc.mentions if m.type in DIVISION_TYPES and m.end > m.start]
    containers = Spans([m for m in doc.mentions if m.type in _CONTAINERS])
    keep_codes = {m.code for m in real if not containers.covers(m.start, m.end)}
    main = doc.region_code
    if main:
        keep_codes.add(main)
    used = {k for f in doc.facts if f.predicate != "partOf" or f.extractor != "regions"
            for k in (f.subject, f.obj) if isinstance(k, tuple)}
    for m in real:
        if (m.type, m.name) in used:
            keep_codes.add(m.code)
    needed = set(keep_codes)
    for c in keep_codes:
        if c in table():
            needed.update(ancestors(c))
    gone = {
        (m.type, m.name)
        for m in doc.mentions
        if m.type in DIVISION_TYPES and m.code and m.code not in needed
    }
    if not gone:
        return
    doc.mentions = [m for m in doc.mentions if (m.type, m.name) not in gone]
    doc.facts = [f for f in doc.facts if f.subject not in gone and f.obj not in gone]
