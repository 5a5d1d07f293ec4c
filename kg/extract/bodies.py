"""Government bodies: party and state organs, bureaus, commissions, zone committees.

An organ of ``kg/lexicon/body_organs.txt`` (``委`` too, after a level or a
region) is a :data:`GovernmentBody` when something tells whose organ it is:

* a region or zone mention right before it: ``张店区委``, ``海门开发区管委会``;
* a level character before it (``区委``, ``区投促局``, ``市委``): the article's
  region at that level, by :func:`kg.extract.organs.qualify` (``区投促局`` in an article about
  历下区 -> ``历下区投促局``, with ``区投促局`` kept as an alias);
* nothing before it, for organs that stand alone in local news (``管委会``,
  ``党工委``, ``政协``, ``企业服务中心``): the zone or region the article is about.

Bodies are always named with their region or zone, so two ``区委`` of two
districts never merge.  National and provincial organs named as such
(``国家发改委``) keep their own name.

>>> from kg.model import Document, Mention
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="翠屏区召开会议，区委、区政府和区投促局参加。"))
>>> d.mentions.append(Mention("District", "翠屏区", 0, 3, "regions", code="511502"))
>>> d.region = ("District", "翠屏区")
>>> find_bodies(d)
>>> sorted((m.start, m.name,
...     d.text[m.start:m.end]) for m in d.mentions if m.type == "GovernmentBody")
[(8, '翠屏区委', '区委'), (11, '翠屏区政府', '区政府'), (15, '翠屏区投促局', '区投促局')]
"""

from __future__ import annotations

import re

from kg.components import component
from kg.extract.mentions import overlapping
from kg.extract.names import is_generic_head, name_start
from kg.extract.organs import ZONE_ORGANS, qualifier, qualify, zone_is_main
from kg.extract.text import HAN, PUNCT, token_boundary, token_starts, tokens
from kg.lexicons import alternation, lexicon, lexicon_set, suffix_regex, table, words
from kg.model import REGION_TYPES, Document, EntityKey, Mention, Sentence

EXTRACTOR = "bodies"
# organs that name the article's own body even with nothing before them
STANDALONE = ZONE_ORGANS + words("body_standalone_organs")
# organs that need a name or descriptive head before them when no level or region precedes
_NEEDS_HEAD = ("领导小组", "指挥部", "委员会", "办公室")
# the longest description before them that, with no region to own it, names only a kind
_OWNERLESS = 4
_NATIONAL = re.compile(f"^(?:{alternation('body_national_prefixes')})")
_NATIONAL_ANY = re.compile(alternation("body_national_prefixes"))
_CPC = "中共"
_LEVEL = re.compile(r"(?:街道|[省市区县镇乡旗州])$")
# what may not follow an organ: it is then a person's role or another word (人大代表, 政协委员,
# 委托)
_NOT_AFTER = table("body_not_after")
_WEI = re.compile(r"委(?![员托屈婉实派])")


def _mentions(doc: Document, types: tuple[str, ...]) -> list[Mention]:
    return [m for m in doc.mentions if m.type in types]


# ---------------------------------------------------------------- finding organs


def _organ_regex() -> re.Pattern[str]:
    return suffix_regex("body_organs")


def _place_before(doc: Document, pos: int) -> Mention | None:
    """The longest region or zone mention that ends at ``pos``."""
    cands = [m for m in _mentions(doc, REGION_TYPES) if m.end == pos and m.start < m.end]
    return max(cands, key=lambda m: m.end - m.start) if cands else None




def _add(doc: Document, name: str, start: int, end: int, aliases: tuple[str, ...] = ()) -> None:
    for m in doc.mentions:
        if m.type == "GovernmentBody" and (m.start, m.end) == (start, end):
            return
    doc.mentions.append(Mention("GovernmentBody", name, start, end, EXTRACTOR, aliases=aliases))


_TOP = words("body_top_organs")
_GLUE = set("到在向由和与及对为从经至赴")
# (…普建明任|县优化营商环境工作领导小组)
_DATE_LEAD = re.compile(r"[年月日号]?(?:[0-9０-９]+[年月日号])+")
_HEAD_STOP = re.compile(r"[的，,、。；;：:“”\"（）()\s任]")


def _level_start(doc: Document, s: int, starts: frozenset[int]) -> int | None:
    """Where a level word (区, 县, 街道 ...) ending at ``s`` begins, if it begins a word.

    jieba glues a preposition to the level character (``到区``): that counts too.
    """
    text = doc.text
    lv = _LEVEL.search(text, max(0, s - 2), s)
    if not lv or lv.end() != s:
        return None
    k = lv.start()
    if k in starts or (s - k == 1 and k - 1 in starts and text[k - 1] in _GLUE):
        return k
    return None


def _higher(doc: Document, region: EntityKey | None) -> bool:
    """Is ``region`` above the article's own region (the province or city of a district article)?"""
    main = doc.region
    return (
        region is not None
        and main is not None
        and region != main
        and region[0] in ("Province", "City")
    )


def _descriptive_head(doc: Document, sent: Sentence, s: int) -> int:
    """Start of the description before 领导小组/指挥部/委员会: back to 的, punctuation, or 14
    characters."""
    k = s
    while k > max(sent.start, s - 14) and not _HEAD_STOP.match(doc.text[k - 1]):
        k -= 1
    # nor across a preposition or 是 (评标结果由|政府采购领导小组)
    for t in tokens(doc, sent):
        if k <= t.start and t.end <= s and (t.text == "是" or (t.tag or "").startswith("p")):
            k = t.end
    # nor from a date or a verb (3月4日获得|X委员会, 呈报|X领导小组)
    date = _DATE_LEAD.match(doc.text, k, s)
    k = date.end() if date else k
    first = next((t for t in tokens(doc, sent) if t.start == k and t.end < s), None)
    if first is not None and first.tag == "v" and len(first.text) == 2:
        k = first.end
    return k


def _zone_context(doc: Document, sent: Sentence) -> bool:
    """May a bare zone organ (管委会) stand for the article's zone here?"""
    return zone_is_main(doc) or any(
        m.type == "Zone" and sent.start <= m.start < sent.end for m in doc.mentions
    )


def _town_body(doc: Document, sent: Sentence, k: int, e: int) -> None:
    """A town's or subdistrict's organ is named by the town (棠下镇政府, 白沙街道办事处)."""
    text = doc.text
    start = name_start(doc, sent, k, limit=9)
    head = text[start:k]
    if 2 <= len(head) <= 8 and not is_generic_head(head) and not PUNCT.search(head):
        _add(doc, head + text[k:e], start, e)


def _organ_at(doc: Document, sent: Sentence, s: int, e: int, organ: str,
              starts: frozenset[int]) -> None:
    """Name the organ ``text[s:e]`` after what stands before it."""
    text = doc.text
    if any(text.startswith(w, e) for w in _NOT_AFTER.get(organ, ())):
        return
    place = _place_before(doc, s)
    if place is not None:  # 张店区委, 海门开发区管委会
        start = (
            place.start - 2 if text[max(0, place.start - 2):place.start] == _CPC else place.start
        )
        written = text[start:e]  # 合肥招标投标中心, named 合肥市招标投标中心
        _add(doc, place.name + organ, start, e,
             aliases=(written,) if written != place.name + organ else ())
        return
    k = _level_start(doc, s, starts)
    if k is not None:
        _organ_at_level(doc, sent, k, e, organ)
    elif organ.startswith("街道") and s - 2 >= sent.start:
        _town_body(doc, sent, s, e)
    else:
        _organ_after_head(doc, sent, s, e, organ)


def _organ_at_level(doc: Document, sent: Sentence, k: int, e: int, organ: str) -> None:
    """An organ after a level word at ``k`` (区委, 区投促局, 镇政府): the article's region at that
    level, or the town named before it; not the province or city above the article's own region
    for its top organs."""
    text = doc.text
    if text[k] in "镇乡街":
        _town_body(doc, sent, k, e)
        return
    bare = text[k:e]
    q = qualifier(doc, bare)
    if q and not (organ in _TOP and _higher(doc, q[1])):
        _add(doc, q[0], k, e, aliases=(bare,))


def _organ_after_head(doc: Document, sent: Sentence, s: int, e: int, organ: str) -> None:
    """An organ after a name or description (国家发改委, 县优化营商环境工作领导小组), or standing
    alone for the article's own (管委会, 政协)."""
    text = doc.text
    if organ in _NEEDS_HEAD:
        head_start = _descriptive_head(doc, sent, s)
    else:
        head_start = name_start(doc, sent, s, limit=16)
    national = list(_NATIONAL_ANY.finditer(text, head_start, s))
    if national:
        head_start = national[-1].start()
    head_start -= len(_country_before(text, max(sent.start, head_start - 6), head_start))
    head = text[head_start:s]
    if head.startswith(_CPC):
        head = head[2:]
    if head and not is_generic_head(head):
        if _NATIONAL.match(head) or head in _FOREIGN or _NATIONAL.match(
                head.removeprefix(_country_before(head, 0, len(head), whole=False))):
            _add(doc, head + organ, head_start, e)
            _department(doc, sent, head_start, e)
        elif organ in _NEEDS_HEAD and organ != "办公室" and len(head) >= 2:
            # a head that begins with a region keeps it (重庆市经济和信息化委员会), else the
            # article's
            # a short description with no owner is a kind of committee (评标委员会, 业主委员会)
            name = qualify(doc, head + organ)
            if name is not None or len(head) > _OWNERLESS:
                _add(doc, name or head + organ, head_start, e, aliases=(head + organ,))
        return
    if organ in ZONE_ORGANS and not _zone_context(doc, sent):
        return
    if organ in STANDALONE and organ not in _NEEDS_HEAD:
        q = qualifier(doc, organ)
        if q:
            _add(doc, q[0], s, e, aliases=(organ,))


_FOREIGN = lexicon_set("countries") - {"中国"}


def _country_before(text: str, lo: int, hi: int, whole: bool = True) -> str:
    """The foreign country written right before ``hi`` (印度|中央政府), or at the start of
    ``text[lo:hi]`` when ``whole`` is False; '' if none."""
    for c in sorted(_FOREIGN, key=len, reverse=True):
        if whole and text.startswith(c, hi - len(c)) and hi - len(c) >= lo:
            return c
        if not whole and text.startswith(c, lo) and len(c) < hi - lo:
            return c
    return ""


def _bodies_in_sentence(doc: Document, sent: Sentence) -> None:
    text = doc.text
    organs = list(_organ_regex().finditer(text, sent.start, sent.end))
    if not organs and not _WEI.search(text, sent.start, sent.end):
        return  # no organ named: no need to segment the sentence
    starts = token_starts(doc, sent)
    taken: list[tuple[int, int]] = []
    for m in organs:
        s, e = m.span()
        if PUNCT.search(m.group()) or m.group().endswith("办") and text.startswith("公", e):
            continue  # 市政府办|公大楼: an office building, not the office
        taken.append((s, e))
        _organ_at(doc, sent, s, e, m.group(), starts)
    for m in _WEI.finditer(text, sent.start, sent.end):
        s = m.start()
        if any(a <= s < b for a, b in taken):
            continue
        before = _place_before(doc, s)
        if before is not None or _level_start(doc, s, starts | {s}) is not None:
            _organ_at(doc, sent, s, s + 1, "委", starts | {s})


# a bureau or department named by its field after a region (贵州省水利厅, 济南市知识产权局,
# 黑龙江省粮食局): up to eight characters of field, no function word inside
_BUREAU = re.compile(r"[\u4e00-\u9fff]{1,8}?[局厅]")
_BUREAU_STOP = re.compile(r"[的和与及在是了将对从为把被]")
_NOT_BUREAU = words("body_not_bureau_words")
_LEVEL_END = set("省市县区州旗盟")


def _place_after(doc: Document, pos: int) -> bool:
    """Does a region mention begin at ``pos`` (安徽省|宁国市水务局: the bureau is the city's)?"""
    return any(m.start == pos for m in _mentions(doc, REGION_TYPES))


def _generic_bureau(doc: Document, sent: Sentence) -> None:
    """A bureau or department (局/厅) right after a region written with its level (省/市/县)."""
    text = doc.text
    for place in _mentions(doc, REGION_TYPES):
        if not (sent.start <= place.start and place.end < sent.end):
            continue
        if text[place.end - 1] not in _LEVEL_END or _place_after(doc, place.end):
            continue
        m = _BUREAU.match(text, place.end, sent.end)
        if m is None or _BUREAU_STOP.search(m.group()) or m.group().endswith(_NOT_BUREAU) \
                or _NATIONAL.match(m.group()):
            continue
        if token_boundary(doc, sent, m.end()):
            _add(doc, place.name + m.group(), place.start, m.end())


# tags of a word before a central organ that leave it the organ itself (据|财政部, 经|国务院,
# 今年|水利部): not a name or a noun, whose organ it would be (项目|建设部)
_BEFORE_CENTRAL = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "v", "vd", "d",
                             "t", "m", "q", "r", "rr", "rz", "f", "y", "e", "o"})


def _central_start(doc: Document, sent: Sentence, s: int) -> int | None:
    """Where a central organ found at ``s`` begins: with the country written before it
    (越南财政部, 中国证监会), at ``s`` after punctuation or a function word or verb; None after a
    name or a noun (another organ's department)."""
    text = doc.text
    country = next((c for c in lexicon("countries") if text.startswith(c, s - len(c))
                    and s - len(c) >= sent.start), None)
    if country is not None:
        return s - len(country)
    if s == sent.start or not HAN.match(text[s - 1]):
        return s
    before = next((t for t in tokens(doc, sent) if t.end == s), None)
    return s if before is not None and before.tag in _BEFORE_CENTRAL else None


def _central_organs(doc: Document, sent: Sentence) -> None:
    """The central organs of ``body_central_organs.txt`` (财政部, 工信部, 中国证监会), named as
    written, a country before them included (越南财政部)."""
    text = doc.text
    for m in suffix_regex("body_central_organs").finditer(text, sent.start, sent.end):
        s, e = m.span()
        if not (token_boundary(doc, sent, s) and token_boundary(doc, sent, e)):
            continue  # 财政部门, 建设部署
        start = _central_start(doc, sent, s)
        if start is None or overlapping(doc, start, e, ("GovernmentBody", "Organization",
                                                        "Company", "Person")):
            continue
        _add(doc, text[start:e], start, e)
        _department(doc, sent, start, e)


# a department (司) of a central organ: 国家能源局|新能源和可再生能源司, 发改委|价格司
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,10}?司")
_DEPARTMENT_STOP = re.compile(r"^[内各该所其下属]|[的与及在是了将对从为把被等各]")


def _department(doc: Document, sent: Sentence, start: int, e: int) -> None:
    """The department written right after the central organ ``text[start:e]``."""
    text = doc.text
    m = _DEPARTMENT.match(text, e, sent.end)
    if m is None or m.group().endswith(("公司", "上司")) or _DEPARTMENT_STOP.search(m.group()):
        return
    if token_boundary(doc, sent, m.end()):
        _add(doc, text[start:m.end()], start, m.end())


def _with_country(doc: Document) -> None:
    """A central organ named bare where the article names it with a country too is that
    country's (财政部 after 越南财政部, 中央政府 before 印度中央政府)."""
    bodies = [m for m in doc.mentions if m.type == "GovernmentBody"]
    names = {m.name for m in bodies}
    for m in bodies:
        full = [n for n in names if n.endswith(m.name) and n[: -len(m.name)] in
                lexicon("countries")]
        if len(full) == 1 and (m.name in lexicon("body_central_organs")
                               or _NATIONAL.match(m.name)):  # 中央政府 after 印度中央政府
            m.aliases, m.name = (*m.aliases, m.name), full[0]
        elif m.name.endswith("政府") and m.name[:-2] in _FOREIGN \
                and m.name[:-2] + "中央政府" in names:  # 印度政府 beside 印度中央政府
            m.aliases, m.name = (*m.aliases, m.name), m.name[:-2] + "中央政府"


def _people_s_government(doc: Document) -> None:
    """``X区政府`` is ``X区人民政府`` where the article uses the full form too."""
    bodies = [m for m in doc.mentions if m.type == "GovernmentBody"]
    names = {m.name for m in bodies}
    for m in bodies:
        if m.name.endswith("政府") and not m.name.endswith("人民政府"):
            full = m.name[:-2] + "人民政府"
            if full in names:
                m.aliases, m.name = (*m.aliases, m.name), full


@component("bodies", requires=("sentences",), reads=("region", "city", "province", "zone"))
def find_bodies(doc: Document) -> None:
    """GovernmentBody mentions, always qualified with their region or zone."""
    for sent in doc.sentences:
        _central_organs(doc, sent)
        _bodies_in_sentence(doc, sent)
        _generic_bureau(doc, sent)
    _people_s_government(doc)
    _with_country(doc)
