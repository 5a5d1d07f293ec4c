"""Synthetic graphs in the shape :mod:`kg.rdf` writes, for tests, docs and benchmarks.

``sample_store(n)`` makes about ``n`` nodes (regions, bodies, companies,
projects, people and the articles that report them), every fact with its
``rdf:Statement`` and source sentence, posts as ``org:Membership`` nodes, one
named graph per article.  The output depends only on ``n`` and ``seed``.

>>> store = sample_store(50)
>>> len(store) > 200
True
>>> from kg.view.data import extract
>>> 40 <= len(extract(store).nodes) <= 60
True
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.vocab import (
    DCT,
    ORG,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    article_iri,
    digest,
    entity_iri,
    mint,
    ont,
)

N = ox.NamedNode
A = N(RDF + "type")

# simplified -> traditional, for the characters the names are made of
TRAD = dict(zip(
    "华兴东车丰龙门云阳区县业发园长开马书国宁广庆汉泽湾岭乡顺达丽锦荣鸿银铁电汇远进连项设"
    "机纸织药经济术团会协镇为产务资亿万约签动实现运营总设备绿储气张联胶鲁观",
    "華興東車豐龍門雲陽區縣業發園長開馬書國寧廣慶漢澤灣嶺鄉順達麗錦榮鴻銀鐵電匯遠進連項設"
    "機紙織藥經濟術團會協鎮為產務資億萬約簽動實現運營總設備綠儲氣張聯膠魯觀", strict=True))
SYL = "华兴东丰龙云阳长开宁广庆汉泽岭顺达丽锦荣鸿银远山川金石林安平新和永泰明光中海江河"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "明华国强军平伟芳娜敏静丽涛磊洋勇艳杰娟超秀霞刚桂英"
INDUSTRY = ("科技", "新材料", "化工", "机械", "电子", "纺织", "医药", "能源", "物流", "食品")
PROJECT = ("产业园", "生产线", "研发中心", "储能电站", "物流基地", "智能工厂", "综合体", "光伏电站")
BODY_TITLES = (("区委", "区委书记"), ("区政府", "区长"), ("区委", "区委副书记"), ("区政府", "副区长"))


def to_traditional(s: str) -> str:
    """The traditional-script form of a synthetic name.

    >>> to_traditional("华兴科技有限公司")
    '華興科技有限公司'
    """
    return "".join(TRAD.get(c, c) for c in s)


def _name(i: int, width: int = 2) -> str:
    """A distinct two- or three-character name for every ``i``."""
    out = []
    for _ in range(width):
        out.append(SYL[i % len(SYL)])
        i //= len(SYL)
    return "".join(out)


@dataclass
class _Entity:
    iri: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    code: str | None = None


@dataclass
class _Article:
    iri: str
    name: str
    title: str
    date: str
    entities: set[str] = field(default_factory=set)
    sentences: list[str] = field(default_factory=list)
    quads: list[ox.Quad] = field(default_factory=list)


class _Builder:
    def __init__(self) -> None:
        self.entities: dict[str, _Entity] = {}
        self.articles: list[_Article] = []
        self._article_iris: set[str] = set()

    def entity(self, type_: str, name: str, aliases: tuple[str, ...] = (), code: str | None = None) -> str:
        iri = entity_iri(type_, name, code)
        if iri not in self.entities:
            trad = to_traditional(name)
            alias = tuple(sorted(set(aliases) | ({trad} if trad != name else set())))
            self.entities[iri] = _Entity(iri, type_, name, alias, code)
        return iri

    def article(self, k: int, title: str, day: int) -> _Article:
        stem = f"news-{k:05d}"
        a = _Article(article_iri(stem), f"{stem}.txt", title, f"2023-{1 + day % 12:02d}-{1 + day % 28:02d}")
        if a.iri in self._article_iris:
            raise ValueError(f"article {stem} twice")
        self._article_iris.add(a.iri)
        self.articles.append(a)
        return a

    def _sentence(self, art: _Article, text: str) -> N:
        node = N(f"{art.iri}/s{len(art.sentences)}")
        art.sentences.append(text)
        return node

    def fact(self, art: _Article, s: str, pred: str, o, text: str) -> None:
        g, sent = N(art.iri), self._sentence(art, text)
        subj = N(s)
        obj = N(o) if isinstance(o, str) else o
        if isinstance(o, str) and o in self.entities:
            art.entities.add(o)
        if s in self.entities:
            art.entities.add(s)
        p = ont(pred)
        art.quads.append(ox.Quad(subj, p, obj, g))
        stmt = N(mint("statement", digest(art.iri, s, p.value, str(obj), n=16)))
        for q in ((stmt, A, N(RDF + "Statement")), (stmt, N(RDF + "subject"), subj),
                  (stmt, N(RDF + "predicate"), p), (stmt, N(RDF + "object"), obj),
                  (stmt, N(PROV + "wasDerivedFrom"), sent), (stmt, ont("extractor"), ox.Literal("sample"))):
            art.quads.append(ox.Quad(*q, g))

    def money(self, art: _Article, project: str, yuan: int, text: str) -> None:
        amount = N(mint("amount", digest(project, str(yuan), "CNY", n=16)))
        g = N(art.iri)
        art.quads += [ox.Quad(amount, A, N(SDO + "MonetaryAmount"), g),
                      ox.Quad(amount, N(SDO + "value"), ox.Literal(f"{yuan}.0", datatype=N(XSD + "decimal")), g),
                      ox.Quad(amount, N(SDO + "currency"), ox.Literal("CNY"), g)]
        self.fact(art, project, "totalInvestment", amount, text)

    def post(self, art: _Article, person: str, org: str, title: str, text: str) -> None:
        g, sent = N(art.iri), self._sentence(art, text)
        art.entities |= {person, org}
        m = N(mint("membership", digest(person, org, title, n=16)))
        role = N(mint("role", title))
        art.quads += [ox.Quad(m, A, N(ORG + "Membership"), g), ox.Quad(m, N(ORG + "member"), N(person), g),
                      ox.Quad(m, N(ORG + "organization"), N(org), g), ox.Quad(m, N(ORG + "role"), role, g),
                      ox.Quad(role, A, N(ORG + "Role"), g),
                      ox.Quad(role, N(RDFS + "label"), ox.Literal(title, language="zh"), g),
                      ox.Quad(m, N(PROV + "wasDerivedFrom"), sent, g)]

    def byline(self, art: _Article, person: str) -> None:
        g = N(art.iri)
        art.entities.add(person)
        art.quads.append(ox.Quad(g, ont("reportedBy"), N(person), g))
        b = N(mint("byline", digest(art.iri, person, "记者", n=16)))
        art.quads += [ox.Quad(b, A, ont("Byline"), g), ox.Quad(b, ont("article"), g, g),
                      ox.Quad(b, ont("person"), N(person), g),
                      ox.Quad(b, ont("role"), ox.Literal("记者", language="zh"), g)]

    def quads(self) -> list[ox.Quad]:
        out: list[ox.Quad] = []
        for art in self.articles:
            g = N(art.iri)
            out += art.quads
            out += [ox.Quad(g, A, ont("Article"), g), ox.Quad(g, N(SDO + "name"), ox.Literal(art.name), g),
                    ox.Quad(g, N(DCT + "title"), ox.Literal(art.title, language="zh"), g),
                    ox.Quad(g, N(SDO + "datePublished"), ox.Literal(art.date, datatype=N(XSD + "date")), g)]
            for k, text in enumerate(art.sentences):
                s = N(f"{art.iri}/s{k}")
                out += [ox.Quad(s, A, ont("Sentence"), g), ox.Quad(s, N(RDF + "value"), ox.Literal(text, language="zh"), g),
                        ox.Quad(s, ont("sentenceIndex"), ox.Literal(str(k), datatype=N(XSD + "integer")), g),
                        ox.Quad(s, N(PROV + "wasQuotedFrom"), g, g)]
            for iri in sorted(art.entities):
                e = self.entities[iri]
                node = N(iri)
                out += [ox.Quad(node, A, ont(e.type), g), ox.Quad(node, N(RDFS + "label"), ox.Literal(e.label, language="zh"), g),
                        ox.Quad(g, N(SDO + "mentions"), node, g)]
                out += [ox.Quad(node, N(SKOS + "altLabel"), ox.Literal(a, language="zh"), g) for a in e.aliases]
                if e.code:
                    out.append(ox.Quad(node, ont("divisionCode"), ox.Literal(e.code), g))
        return out


def sample_quads(n: int, *, seed: int = 0) -> list[ox.Quad]:
    """The quads of a synthetic graph with about ``n`` nodes (see :func:`sample_store`)."""
    rng = random.Random(seed)
    b = _Builder()
    n = max(n, 12)
    n_dist = max(2, n // 100)
    n_city = max(1, math.ceil(n_dist / 6))
    province = b.entity("Province", "山东省", code="370000")
    cities = [b.entity("City", _name(c + 3) + "市", code=f"37{c + 1:02d}00") for c in range(n_city)]
    districts, zones, bodies = [], defaultdict(list), defaultdict(list)
    for d in range(n_dist):
        city = d % n_city
        code = f"37{city + 1:02d}{d // n_city + 1:02d}"
        name = _name(d + 40, 2) + ("区" if d % 3 else "县")
        districts.append(b.entity("District", name, code=code))
    # each article reports on one district
    n_articles = max(n_dist, n // 12)
    per_district: dict[int, list[_Article]] = defaultdict(list)
    for k in range(n_articles):
        d = k % n_dist
        art = b.article(k, f"{b.entities[districts[d]].label}经济要闻（第{k // n_dist + 1}期）", k)
        per_district[d].append(art)
    counter = defaultdict(int)

    def art_for(d: int) -> _Article:
        counter[d] += 1
        arts = per_district[d]
        return arts[counter[d] % len(arts)]

    # the region hierarchy, as the articles state it
    a0 = art_for(0)
    for city in cities:
        b.fact(a0, city, "partOf", province, f"{b.entities[city].label}是山东省辖市。")
    for d, dist in enumerate(districts):
        city = cities[d % n_city]
        b.fact(art_for(d), dist, "partOf", city, f"{b.entities[dist].label}隶属于{b.entities[city].label}。")
        if d % 2 == 0:
            z = b.entity("Zone", b.entities[dist].label[:2] + "经济开发区", aliases=(b.entities[dist].label[:2] + "经开区",))
            zones[d].append(z)
            b.fact(art_for(d), z, "partOf", dist, f"{b.entities[z].label}位于{b.entities[dist].label}。")
        for suffix, _ in BODY_TITLES[:2]:
            body = b.entity("GovernmentBody", b.entities[dist].label[:-1] + suffix)
            bodies[d].append(body)
            b.fact(art_for(d), body, "locatedIn", dist, f"{b.entities[body].label}驻{b.entities[dist].label}。")
    reporters = [b.entity("Person", f"{SURNAMES[r % len(SURNAMES)]}记者{r + 1}") for r in range(max(1, n_city * 2))]
    for k, art in enumerate(b.articles):
        b.byline(art, reporters[k % len(reporters)])

    companies: dict[int, list[str]] = defaultdict(list)
    placed = len(b.entities) + len(b.articles)
    i = 0
    while placed < n:
        d = i % n_dist
        dist = districts[d]
        dname = b.entities[dist].label
        kind = rng.random()
        place = zones[d][0] if zones[d] and rng.random() < 0.4 else dist
        pname = b.entities[place].label
        if kind < 0.34 or not companies[d]:
            short = _name(i + 1000, 3)
            name = f"{short}{INDUSTRY[i % len(INDUSTRY)]}有限公司"
            co = b.entity("Company", name, aliases=(short + INDUSTRY[i % len(INDUSTRY)],))
            companies[d].append(co)
            b.fact(art_for(d), co, "locatedIn", place, f"{name}坐落于{pname}。")
        elif kind < 0.60:
            name = f"{_name(i + 2000, 2)}{PROJECT[i % len(PROJECT)]}项目"
            pr = b.entity("Project", name)
            art = art_for(d)
            b.fact(art, pr, "locatedIn", place, f"{name}落户{pname}。")
            inv = rng.choice(companies[d])
            if rng.random() < 0.1:  # an investor from elsewhere
                other = companies[rng.randrange(n_dist)]
                inv = rng.choice(other) if other else inv
            b.fact(art, pr, "investor", inv, f"{name}由{b.entities[inv].label}投资建设。")
            yuan = rng.randrange(1, 300) * 10_000_000
            b.money(art, pr, yuan, f"{name}总投资{yuan / 1e8:g}亿元。")
            day = f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            b.fact(art, pr, "signedOn", ox.Literal(day, datatype=N(XSD + "date")), f"{name}于{day}签约。")
        elif kind < 0.92:
            name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + (
                GIVEN[(i // 7) % len(GIVEN)] if i % 3 else "") + (str(i // 400) if i >= 400 else "")
            p = b.entity("Person", name)
            if rng.random() < 0.5:
                suffix, title = BODY_TITLES[i % len(BODY_TITLES)]
                body = bodies[d][0] if suffix == "区委" else bodies[d][1]
                b.post(art_for(d), p, body, title, f"{dname}{title}{name}出席会议。")
            else:
                co = rng.choice(companies[d])
                b.post(art_for(d), p, co, "董事长", f"{b.entities[co].label}董事长{name}介绍了企业情况。")
        else:
            name = f"{dname[:-1]}{_name(i + 3000, 2)}商会"
            org = b.entity("Organization", name)
            b.fact(art_for(d), org, "locatedIn", dist, f"{name}在{dname}成立。")
        placed = len(b.entities) + len(b.articles)
        i += 1
    return b.quads()


def sample_store(n: int, *, seed: int = 0) -> ox.Store:
    """A store holding a synthetic graph of about ``n`` nodes.

    Parameters
    ----------
    n : int
        About how many nodes (entities and articles) to make; at least 12.
    seed : int
        Seed of the (deterministic) generator.

    Returns
    -------
    pyoxigraph.Store
        One named graph per synthetic article.
    """
    store = ox.Store()
    store.bulk_extend(sample_quads(n, seed=seed))
    return store


#: names that must show as text in the page and never run
HOSTILE_NAMES = (
    "<script>window.__pwned=1</script>",
    '"onmouseover=window.__pwned=1 x="',
    '</script><img src=x onerror="window.__pwned=1">',
    "javascript:window.__pwned=1",
)


def demo_store(*, hostile: bool = False) -> ox.Store:
    """A small hand-made graph: 张店区, a project, its investors, an official, two articles.

    With ``hostile=True`` it also holds entities, an alias, a role title,
    an article title and an IRI made to break out of HTML or JavaScript
    (see :data:`HOSTILE_NAMES`); they set ``window.__pwned`` if they ever run.

    >>> from kg.view.data import extract
    >>> sorted(n.label for n in extract(demo_store()).nodes if n.type == "District")
    ['张店区']
    """
    b = _Builder()
    province = b.entity("Province", "山东省", code="370000")
    city = b.entity("City", "淄博市", code="370300")
    district = b.entity("District", "张店区", code="370303")
    zone = b.entity("Zone", "张店经济开发区", aliases=("张店经开区",))
    committee = b.entity("GovernmentBody", "张店区委")
    company = b.entity("Company", "华通联合塑胶工业有限公司", aliases=("华通联合",))
    other = b.entity("Company", "齐鲁石化有限公司")
    project = b.entity("Project", "新材料产业园项目")
    official = b.entity("Person", "王小明")
    reporter = b.entity("Person", "李记者")
    a1 = b.article(1, "张店区新材料产业园项目签约", 2)
    a2 = b.article(2, "淄博市重点项目观摩", 4)
    b.fact(a2, city, "partOf", province, "淄博市是山东省辖市。")
    b.fact(a1, district, "partOf", city, "张店区是淄博市的中心城区。")
    b.fact(a1, zone, "partOf", district, "张店经济开发区位于张店区东部。")
    b.fact(a1, committee, "locatedIn", district, "张店区委召开常委会议。")
    b.fact(a1, company, "locatedIn", zone, "华通联合塑胶工业有限公司坐落于张店经济开发区。")
    b.fact(a1, project, "locatedIn", zone, "新材料产业园项目落户张店经济开发区。")
    b.fact(a1, project, "investor", company, "新材料产业园项目由华通联合塑胶工业有限公司投资建设。")
    b.money(a1, project, 200_000_000, "项目总投资2亿元。")
    b.fact(a1, project, "signedOn", ox.Literal("2023-03-05", datatype=N(XSD + "date")), "项目于3月5日签约。")
    b.post(a1, official, committee, "区委书记", "张店区委书记王小明出席签约仪式。")
    b.fact(a2, other, "locatedIn", city, "齐鲁石化有限公司位于淄博市。")
    b.fact(a2, project, "investor", other, "齐鲁石化有限公司参与投资新材料产业园项目。")
    b.byline(a1, reporter)
    if hostile:
        x_script, x_attr, x_break, x_js = HOSTILE_NAMES
        a3 = b.article(3, '<img src=x onerror="window.__pwned=1">观察', 6)
        c = b.entity("Company", x_script, aliases=("<b onclick=window.__pwned=1>别名</b>",))
        o = b.entity("Organization", x_attr)
        p = b.entity("Person", x_break)
        js = "javascript:window.__pwned=1"
        b.entities[js] = _Entity(js, "Project", x_js)
        b.fact(a3, c, "locatedIn", district, f"{x_script}位于张店区。")
        b.fact(a3, o, "locatedIn", district, f"{x_attr}在张店区成立。")
        b.post(a3, p, c, "<img src=x onerror=window.__pwned=1>", f"{x_break}任职。")
        b.fact(a3, js, "investor", c, f"{x_js}由{x_script}投资。")
        b.fact(a3, js, "locatedIn", zone, f"{x_js}位于张店经济开发区。")
    store = ox.Store()
    store.bulk_extend(b.quads())
    return store
