"""Synthetic graphs made by :mod:`kg.rdf` as a real build makes them: for tests, docs, benchmarks.

Every synthetic article is an :class:`~kg.model.ArticleResult` (a document of
sentences, its entities and its facts) turned into quads by
:func:`kg.rdf.article_quads`, so the graphs have whatever shape the real
extraction writes.  ``sample_store(n)`` makes about ``n`` nodes (regions,
bodies, companies, projects, people and the articles that report them).  The
output depends only on ``n`` and ``seed``.

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

from kg.model import ArticleResult, DateValue, Document, Entity, EntityKey, Fact, Money, Sentence
from kg.rdf import ArticleGraph, article_quads

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
BODY_TITLES = (("区委", "区委书记"), ("区政府", "区长"), ("区委", "区委副书记"),
               ("区政府", "副区长"))


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


EXTRACTOR = "sample"  # the kg:extractor of every synthetic fact


@dataclass
class _Article:
    """One synthetic article while it is written: its sentences and the facts read from them."""

    name: str
    title: str
    published: str
    sentences: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def document(self) -> Document:
        """The article as a :class:`~kg.model.Document`: its sentences joined, nothing between."""
        text = "".join(self.sentences)
        doc = Document(path=self.name, name=self.name, raw=text, text=text, title=self.title,
                       published=self.published)
        start = 0
        for i, s in enumerate(self.sentences):
            doc.sentences.append(Sentence(i, start, start + len(s), s))
            start += len(s)
        return doc


class _GivenIris(ArticleGraph):
    """An article graph in which some entities have given IRIs instead of minted ones."""

    def __init__(self, result: ArticleResult, iris: dict[EntityKey, str]) -> None:
        super().__init__(result)
        self.given = iris

    def iri(self, key: EntityKey) -> ox.NamedNode:
        return ox.NamedNode(self.given[key]) if key in self.given else super().iri(key)


class _Builder:
    """Writes synthetic articles as extraction results; :meth:`quads` turns them into RDF.

    >>> b = _Builder()
    >>> art = b.article(1, "翠屏区要闻", 0)
    >>> zone = b.entity("Zone", "翠屏经济开发区")
    >>> district = b.entity("District", "翠屏区", code="511502")
    >>> b.fact(art, zone, "partOf", district, "翠屏经济开发区位于翠屏区。")
    >>> b.byline(art, b.entity("Person", "张记者"))
    >>> r = b.result(art)
    >>> sorted(r.entities), r.doc.sentences[0].end, r.facts[0].sentence
    ([('District', '翠屏区'), ('Person', '张记者'), ('Zone', '翠屏经济开发区')], 13, 0)
    >>> sorted(r.entities[("District", "翠屏区")].aliases)
    ['翠屏區']
    """

    def __init__(self) -> None:
        self.entities: dict[EntityKey, Entity] = {}
        self.articles: list[_Article] = []
        self.iris: dict[EntityKey, str] = {}  # IRIs given, not minted (for hostile ones)
        self._names: set[str] = set()

    def entity(self, type_: str, name: str, aliases: tuple[str, ...] = (),
               code: str | None = None) -> EntityKey:
        """The key of an entity, made on first use with its traditional-script name as an alias."""
        ent = Entity(type_, name, (set(aliases) | {to_traditional(name)}) - {name}, code)
        return self.entities.setdefault(ent.key, ent).key

    def article(self, k: int, title: str, day: int) -> _Article:
        """A new article ``news-<k>.txt`` published in 2023 (``day`` picks the date)."""
        name = f"news-{k:05d}.txt"
        if name in self._names:
            raise ValueError(f"article {name} twice")
        self._names.add(name)
        art = _Article(name, title, f"2023-{1 + day % 12:02d}-{1 + day % 28:02d}")
        self.articles.append(art)
        return art

    def fact(self, art: _Article, subject: EntityKey, predicate: str,
             obj: EntityKey | Money | DateValue, text: str | None,
             title: str | None = None) -> None:
        """A fact of ``art`` read from a new sentence ``text`` (None: from no sentence)."""
        index = None
        if text is not None:
            index = len(art.sentences)
            art.sentences.append(text)
        art.facts.append(Fact(subject, predicate, obj, EXTRACTOR, index, title))

    def money(self, art: _Article, project: EntityKey, yuan: int, text: str) -> None:
        """The total investment of ``project``, in yuan."""
        self.fact(art, project, "totalInvestment", Money(float(yuan)), text)

    def post(self, art: _Article, person: EntityKey, org: EntityKey, title: str, text: str) -> None:
        """``person`` holds the post ``title`` in ``org``."""
        self.fact(art, person, "holdsPost", org, text, title=title)

    def byline(self, art: _Article, person: EntityKey, role: str = "记者") -> None:
        """``person`` reported ``art``."""
        self.fact(art, ("Article", art.name), "reportedBy", person, None, title=role)

    def result(self, art: _Article) -> ArticleResult:
        """What extraction would have produced for ``art``: document, entities named, facts."""
        keys = {k for f in art.facts for k in (f.subject, f.obj)
                if isinstance(k, tuple) and k[0] != "Article"}
        return ArticleResult(art.document(), {k: self.entities[k] for k in sorted(keys)},
                             list(art.facts))

    def quads(self) -> list[ox.Quad]:
        """Every article's quads as :func:`kg.rdf.article_quads` writes them, article by article."""
        out: list[ox.Quad] = []
        for art in self.articles:
            result = self.result(art)
            out += _GivenIris(result, self.iris).build() if self.iris else article_quads(result)
        return out


def _sample(n: int, seed: int) -> _Builder:
    """The synthetic articles of :func:`sample_quads`."""
    rng = random.Random(seed)
    b = _Builder()
    n = max(n, 12)
    n_dist = max(2, n // 100)
    n_city = max(1, math.ceil(n_dist / 6))
    province = b.entity("Province", "山东省", code="370000")
    cities = [b.entity("City", _name(c + 3) + "市", code=f"37{c + 1:02d}00") for c in range(n_city)]
    districts: list[EntityKey] = []
    zones: dict[int, list[EntityKey]] = defaultdict(list)
    bodies: dict[int, list[EntityKey]] = defaultdict(list)
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
        title = f"{districts[d][1]}经济要闻（第{k // n_dist + 1}期）"
        per_district[d].append(b.article(k, title, k))
    counter: dict[int, int] = defaultdict(int)

    def art_for(d: int) -> _Article:
        counter[d] += 1
        arts = per_district[d]
        return arts[counter[d] % len(arts)]

    # the region hierarchy, as the articles state it
    a0 = art_for(0)
    for city in cities:
        b.fact(a0, city, "partOf", province, f"{city[1]}是山东省辖市。")
    for d, dist in enumerate(districts):
        _sample_district(b, d, dist, cities[d % n_city], zones[d], bodies[d],
                         lambda d=d: art_for(d))
    reporters = [b.entity("Person", f"{SURNAMES[r % len(SURNAMES)]}记者{r + 1}")
                 for r in range(max(1, n_city * 2))]
    for k, art in enumerate(b.articles):
        b.byline(art, reporters[k % len(reporters)])

    companies: dict[int, list[EntityKey]] = defaultdict(list)
    placed = len(b.entities) + len(b.articles)
    i = 0
    while placed < n:
        d = i % n_dist
        dist = districts[d]
        dname = dist[1]
        kind = rng.random()
        place = zones[d][0] if zones[d] and rng.random() < 0.4 else dist
        pname = place[1]
        if kind < 0.34 or not companies[d]:
            short = _name(i + 1000, 3)
            name = f"{short}{INDUSTRY[i % len(INDUSTRY)]}有限公司"
            co = b.entity("Company", name, aliases=(short + INDUSTRY[i % len(INDUSTRY)],))
            companies[d].append(co)
            b.fact(art_for(d), co, "locatedIn", place, f"{name}坐落于{pname}。")
        elif kind < 0.60:
            _sample_project(b, rng, i, art_for(d), place, companies[d], companies, n_dist)
        elif kind < 0.92:
            _sample_person(b, rng, i, dname, bodies[d], companies[d], lambda d=d: art_for(d))
        else:
            name = f"{dname[:-1]}{_name(i + 3000, 2)}商会"
            org = b.entity("Organization", name)
            b.fact(art_for(d), org, "locatedIn", dist, f"{name}在{dname}成立。")
        placed = len(b.entities) + len(b.articles)
        i += 1
    return b


def _sample_district(b: _Builder, d: int, dist: EntityKey, city: EntityKey, zones: list[EntityKey],
                     bodies: list[EntityKey], art_for) -> None:
    """A district's place in its city, its zone (every other district) and two bodies."""
    dname = dist[1]
    b.fact(art_for(), dist, "partOf", city, f"{dname}隶属于{city[1]}。")
    if d % 2 == 0:
        z = b.entity("Zone", dname[:2] + "经济开发区", aliases=(dname[:2] + "经开区",))
        zones.append(z)
        b.fact(art_for(), z, "partOf", dist, f"{z[1]}位于{dname}。")
    for suffix, _ in BODY_TITLES[:2]:
        body = b.entity("GovernmentBody", dname[:-1] + suffix)
        bodies.append(body)
        b.fact(art_for(), body, "locatedIn", dist, f"{body[1]}驻{dname}。")


def _sample_project(b: _Builder, rng: random.Random, i: int, art: _Article, place: EntityKey,
                    local: list[EntityKey], companies: dict[int, list[EntityKey]],
                    n_dist: int) -> None:
    """A project in ``place``: its investor (now and then from elsewhere), amount and date."""
    name = f"{_name(i + 2000, 2)}{PROJECT[i % len(PROJECT)]}项目"
    pr = b.entity("Project", name)
    b.fact(art, pr, "locatedIn", place, f"{name}落户{place[1]}。")
    inv = rng.choice(local)
    if rng.random() < 0.1:  # an investor from elsewhere
        other = companies[rng.randrange(n_dist)]
        inv = rng.choice(other) if other else inv
    b.fact(art, pr, "investor", inv, f"{name}由{inv[1]}投资建设。")
    yuan = rng.randrange(1, 300) * 10_000_000
    b.money(art, pr, yuan, f"{name}总投资{yuan / 1e8:g}亿元。")
    day = f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    b.fact(art, pr, "signedOn", DateValue(day), f"{name}于{day}签约。")


def _sample_person(b: _Builder, rng: random.Random, i: int, dname: str, bodies: list[EntityKey],
                   companies: list[EntityKey], art_for) -> None:
    """A person holding a post in a district body or a company of the district."""
    name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + (
        GIVEN[(i // 7) % len(GIVEN)] if i % 3 else "") + (str(i // 400) if i >= 400 else "")
    p = b.entity("Person", name)
    if rng.random() < 0.5:
        suffix, title = BODY_TITLES[i % len(BODY_TITLES)]
        body = bodies[0] if suffix == "区委" else bodies[1]
        b.post(art_for(), p, body, title, f"{dname}{title}{name}出席会议。")
    else:
        co = rng.choice(companies)
        b.post(art_for(), p, co, "董事长", f"{co[1]}董事长{name}介绍了企业情况。")


def sample_results(n: int, *, seed: int = 0) -> list[ArticleResult]:
    """The synthetic articles of :func:`sample_store`, as extraction results.

    >>> results = sample_results(50)
    >>> [r.doc.name for r in results][:2]
    ['news-00000.txt', 'news-00001.txt']
    >>> from kg.rdf import article_quads
    >>> [q for r in results for q in article_quads(r)] == sample_quads(50)
    True
    """
    b = _sample(n, seed)
    return [b.result(art) for art in b.articles]


def sample_quads(n: int, *, seed: int = 0) -> list[ox.Quad]:
    """The quads of a synthetic graph with about ``n`` nodes (see :func:`sample_store`)."""
    return _sample(n, seed).quads()


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
    b.fact(a1, project, "signedOn", DateValue("2023-03-05"), "项目于3月5日签约。")
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
        js = b.entity("Project", x_js)
        b.iris[js] = x_js  # the IRI, too
        b.fact(a3, c, "locatedIn", district, f"{x_script}位于张店区。")
        b.fact(a3, o, "locatedIn", district, f"{x_attr}在张店区成立。")
        b.post(a3, p, c, "<img src=x onerror=window.__pwned=1>", f"{x_break}任职。")
        b.fact(a3, js, "investor", c, f"{x_js}由{x_script}投资。")
        b.fact(a3, js, "locatedIn", zone, f"{x_js}位于张店经济开发区。")
    store = ox.Store()
    store.bulk_extend(b.quads())
    return store
