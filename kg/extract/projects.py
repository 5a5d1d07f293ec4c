"""Projects: ``…项目`` names, enumerations of projects, named facilities being built.

* ``X项目`` with a good left boundary (``共签约华兴集团物流项目`` -> ``华兴集团物流项目``);
  generic labels (重点项目, 5个超亿元项目) are not projects;
* enumerations ``A、B、C等N个项目``: an item ending in a facility word
  (产业园, 基地, 广场, 中心…) is a project as written; any other item is a label:
  project ``label + 项目`` with the label as alias, and, when the label looks
  like a company (head + industry word, ``兴业汽配``), the company too, linked
  by ``investor``;
* a named facility (``…驿站``, ``…基地``) in a sentence about signing or
  starting work, with a route's section after it (``X高速公路东线``);
* works named like projects (``X输气管道三线工程``), display lines named by their
  generation (``第8代X面板试验线``), a city's metro line and its sections
  (``X地铁1号线``, ``…A站-B站盾构区间``), joint projects (``甲—乙项目``);
* the company a project's name begins with (``华兴光伏一期1GW…项目``,
  ``X管业生产基地``), which then invests in it.

The spans of project labels are kept in ``Document.project_labels`` for
:mod:`kg.extract.lac` to check.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="今年共签约华兴集团物流项目、长江大桥等5个项目，总投资30亿元。"))
>>> find_projects(d)
>>> sorted(m.name for m in d.mentions if m.type == "Project")
['华兴集团物流项目', '长江大桥']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kg.components import component
from kg.extract.company_names import company_head, valid_company
from kg.extract.divisions import forms, is_place_name, table
from kg.extract.mentions import RAIL_LINES, add_mention, blocked
from kg.extract.names import enumeration_items, is_generic_head, name_start
from kg.extract.text import (
    NUMERIC,
    PUNCT,
    Token,
    dictionary_tag,
    is_han,
    longest_first,
    token_boundary,
    tokens,
)
from kg.lexicons import (
    alternation,
    ends_with_any,
    lexicon,
    lexicon_set,
    strip_words,
    suffix_regex,
    words,
)
from kg.model import Document, Fact, Mention, ProjectLabel, Sentence

_PROJECT = re.compile(r"项目")
_KIND_WORDS = tuple(sorted({*lexicon("project_generic_words"), *lexicon("org_industry_words")},
                           key=len, reverse=True))
# the tail of an enumeration of projects: 等(N个)(modifiers)项目 | N个项目 | 等(项目)?签约/落地/开工
_COUNT = r"(?:\d+|[一二两三四五六七八九十几多]+)(?:个|项|大)"
_ENUM_TAIL = re.compile(
    r"(?:等(?:" + _COUNT + r")?|" + _COUNT + r"|\s*" + _COUNT + r")"
    r"[\u4e00-\u9fff]{0,8}?项目"
    f"|等(?=(?:项目)?(?:{alternation('project_list_tail_words')}))"
    # A、B等(N大)(重点)工程: works named by their labels, each named label + 项目
    r"|等(?:" + _COUNT + r")?[\u4e00-\u9fff]{0,4}?工程(?![师院局队部处款量学机技公中兵])"
)
_EVENT_WORDS = re.compile(alternation("project_event_words"))
_LOCATION_BEFORE = re.compile(f"(?:{alternation('project_location_cues')})$")
_QUOTES = "“”\"「」‘’"


def is_generic_label(label: str) -> bool:
    """True if a project label names no particular project.

    >>> (is_generic_label("超亿元重点产业"), is_generic_label("华兴物流"),
    ...  is_generic_label("临泽县招商引资"))
    (True, False, True)
    """
    s = re.sub(r"[\d.]+|[一二两三四五六七八九十百千几多]+(?:个|项|大|家)|[个项家批]", "", label)
    if not s:
        return True
    if _only_generic(s):
        return True
    # a region's own list: 临泽县招商引资(项目), 全县重点(项目)
    region = next((s[:k] for k in (5, 4, 3, 2) if len(s) > k and s[:k] in forms()), None)
    return region is not None and _only_generic(s[len(region):])


def _only_generic(s: str) -> bool:
    """Is ``s`` made only of the words of ``project_generic_words.txt``?"""
    return not strip_words(s, lexicon("project_generic_words"))


def _only_kinds(s: str) -> bool:
    """Is ``s`` made only of generic words and industries (大型新能源, 天然气大)?"""
    return not strip_words(s, _KIND_WORDS)


# a capacity figure (200兆瓦, 10万吨): the only figure a project's name may begin with
_CAPACITY_FIGURE = re.compile(r"[\d.]+(?:" + alternation("capacity_units") + ")")
_ZONE_END = re.compile(r"(?<![小院校社])(?:区|区块|片区|园区)$")


_MEETING = re.compile(alternation("project_meeting_words"))
# a kind of product still to be built (新建多晶硅, 拟建电解铝), a threshold, a time to come
# (未来两年: not 未来 alone, which may begin a name)
_CLASS_OF_PROJECTS = re.compile(r"^(?:地区)?(?:新建|拟建|在建|续建)[\u4e00-\u9fff]{1,4}$"
                                r"|以下|今后|未来[\d一二两三四五六七八九十几]+年")
_NOT_A_ZONE = re.compile(r"(?:度假区|景区|街区|厂区)$")


_PER_TIME = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])[/／](?=[年日天]|[\d.]+(?:"
                       + alternation("capacity_units") + "))")


def without_joining_marks(label: str) -> str:
    """The label without the marks that stay inside a name: a space between Latin words (Micro
    LED) and, after a capacity figure, the slash of a capacity per year or day (20万吨/年,
    6000吨/日, 800吨镉/年).

    >>> without_joining_marks("800吨镉/年"), without_joining_marks("华兴/恒达")
    ('800吨镉年', '华兴/恒达')
    """
    label = re.sub(r"(?<=[A-Za-z0-9]) (?=[A-Za-z])", "", label)
    figure = _CAPACITY_FIGURE.search(label)
    return _PER_TIME.sub("", label) if figure else label


def label_ok(label: str) -> bool:
    """A project label that names a particular project.

    >>> (label_ok("华兴物流"), label_ok("3个重点"), label_ok("高新区招商"),
    ...  label_ok("50万千瓦风光制氢"))
    (True, False, False, True)
    """
    if len(label) < 2 or is_generic_label(label) or PUNCT.search(without_joining_marks(label)):
        return False  # (a space between Latin words is part of a name: Micro LED)
    if re.search(r"\d+(?:个|项|家|批)|个|等|类$", label) or label.startswith("项目"):
        return False  # (总部类项目: a kind of project)
    if _MEETING.search(label):
        return False  # 招商引资推介会暨项目签约仪式: a meeting, not a project
    if _only_kinds(label):
        return False  # 大型新能源项目, 天然气大项目: a kind of project
    if label.endswith(words("project_not_project_kinds")):
        return False  # 空调采购项目: procurement, design, research
    if _CLASS_OF_PROJECTS.search(label):
        return False  # 新建多晶硅, 5万千瓦以下风电场, 未来两年节能改造: a class of projects
    if label[0].isdigit() and not _CAPACITY_FIGURE.match(label):
        return False  # a figure starts a name only as a capacity: 200兆瓦分布式光伏发电
    core = label
    generic = lexicon("project_generic_words")
    changed = True
    while changed:
        changed = False
        for w in generic:
            if len(w) > 1 and core.endswith(w) and len(core) > len(w):
                core, changed = core[: -len(w)], True
                break
    if _NOT_A_ZONE.search(core):
        return True  # a resort, scenic area, street block or plant site is built as a project
    return not (_ZONE_END.search(label) or _ZONE_END.search(core) or re.search(r"(?<![小院校社])"
                                                                               r"区.{0,2}$", core))


def _name_like(doc: Document, sent: Sentence, start: int, end: int) -> bool:
    """A label read leftwards from 项目 looks like a name: 4+ characters, no bare verb in it."""
    if end - start < 4:
        return False
    toks = tokens(doc, sent)
    for k, t in enumerate(toks):
        if start <= t.start and t.end <= end and len(t.text) == 1 \
                and t.tag in ("v", "p", "c", "r") and not _joining_ji(toks, k) \
                and not (t.text in "至到" and _ROUTE.search(doc.text, start, end)):
            return False
    return doc.text[end - 1] not in "以的和与及"


def _joining_ji(toks: list[Token], k: int) -> bool:
    """Is token ``k`` a 及 that joins two products of one name (电池及组件, 电池及50MW组件)?"""
    if toks[k].text != "及" or not 0 < k < len(toks) - 1 or toks[k - 1].tag != "n":
        return False
    return toks[k + 1].tag == "n" or _CAPACITY_HEAD.match(toks[k + 1].text) is not None


_UNIT_AFTER_FIGURE = re.compile(
    r"(?:年|公里|千米|米|万元|亿元|元|月|日|天|人)(?!产|加工|处理|生产|出栏|吞吐)")


def _strip_leading_generic(doc: Document, start: int, end: int) -> int:
    """Skip generic place words at the start of a label (开发区瑞达科… -> 瑞达科…), and the unit
    of a figure before it (2011年|九黄机场…, 80公里|动车组…)."""
    text = doc.text
    unit = _UNIT_AFTER_FIGURE.match(text, start)
    if unit and start > 0 and text[start - 1].isdigit() and end - unit.end() >= 2:
        start = unit.end()
    changed = True
    while changed and start < end:
        changed = False
        for w in words("project_leading_generic_words"):
            if text.startswith(w, start) and end - start - len(w) >= 2:
                start += len(w)
                changed = True
    return start


def _quoted_start(doc: Document, sent: Sentence, pos: int) -> int:
    """Extend a label over a quoted part right before it: “江岸明珠城”三大超高层项目."""
    start = name_start(doc, sent, pos, limit=30, works=True)
    text = doc.text
    if start > sent.start and text[start - 1] in "”\"」":
        k = start - 2
        while k >= sent.start and text[k] not in "“\"「" and start - k <= (12 if start < pos
                                                                           else 20):
            k -= 1
        if k >= sent.start and text[k] in "“\"「" and start - k > 2 and pos - start <= 6:
            return k
    return start


_INVESTED_DE = re.compile(r"(?:投资|总投资|计划投资)(?:额)?(?:约|超|逾|近)?[\d.,，]+(?:万|"
                          r"亿)?(?:元|美元|港元|欧元)的"
                          r"|(?:投资|出资)(?:新建|建设|兴建)的")


def _after_invested_de(doc: Document, sent: Sentence, pos: int) -> int:
    """Start of a project name written as 投资18亿元的Y项目 / 投资建设的Y项目: all of Y, verbs
    inside included (绿色环保包装新材料, 农光互补发电); ``pos`` itself when there is no such 的
    before it."""
    text = doc.text
    k = text.rfind("的", max(sent.start, pos - 25), pos)
    if k < 0 or pos - k - 1 < 4 or PUNCT.search(text, k + 1, pos) or "的" in text[k + 1:pos]:
        return pos
    head = text[max(sent.start, k - 20):k + 1]
    if not any(m.end() == len(head) for m in _INVESTED_DE.finditer(head)):
        return pos
    return k + 1


def _clean_name(s: str) -> str:
    return "".join(c for c in s if c not in _QUOTES).strip()


def _add_project(
    doc: Document, name: str, start: int, end: int, aliases: tuple[str, ...] = (),
    extractor: str = "projects",
) -> bool:
    if blocked(doc, start, end, ("Province", "City", "District", "GovernmentBody", "Person")):
        return False
    for m in doc.mentions:
        if m.type == "Zone" and m.start == start and m.end >= end:
            return False
    return add_mention(doc, "Project", name, start, end, extractor, aliases=aliases) is not None


def _named_projects(doc: Document, sent: Sentence) -> None:
    text = doc.text
    for m in _PROJECT.finditer(text, sent.start, sent.end):
        s, e = m.span()
        if not token_boundary(doc, sent, s) and text[s - 2:s] not in ("合作", "工程"):
            continue
        start = min(_quoted_start(doc, sent, s), _after_invested_de(doc, sent, s))
        start = _route_start(doc, sent, start)  # 抚州至|吉安高速公路项目
        start = _place_before_capacity(doc, sent, _joined_capacity_start(
            doc, sent, _strip_leading_generic(doc, start, s)))
        while start < s and text[start] in _QUOTES:
            start += 1  # the mention begins with the name, not with its opening quote
        label = _clean_name(text[start:s])
        if re.search(r"\d代$", text[max(sent.start, start - 2):start]) \
                or label.startswith("代") and text[start - 1:start].isdigit():
            continue  # 8.5代|液晶面板项目: named with its generation by _generation_lines
        joint = _joint_start(doc, sent, start)
        if not label_ok(label) or not _name_like(doc, sent, joint, s):
            continue
        if joint < start:  # 首钢—凯西项目: a project of two companies, named by both
            start, label = joint, text[joint:s]
        # a zone + 项目 (翠屏区临港商务集聚区项目施工现场) is the zone's site, not a project
        if any(
            z.type in ("Zone", "District", "City", "Province") and z.start <= start and z.end >= s
            for z in doc.mentions
        ):
            continue
        _add_project(doc, label + "项目", start, e)


_WORKS_NAME = re.compile(r"工程(?![师院局队部处款量学机技公中兵])")


def _named_works(doc: Document, sent: Sentence) -> None:
    """``X工程`` named like ``X项目`` (输气管道三线工程, 通信信号系统集成工程): the works are the
    project, named as written."""
    text = doc.text
    for m in _WORKS_NAME.finditer(text, sent.start, sent.end):
        s, e = m.span()
        if not token_boundary(doc, sent, s) or not token_boundary(doc, sent, e):
            continue
        start = min(_quoted_start(doc, sent, s), _after_invested_de(doc, sent, s))
        start = _route_start(doc, sent, start)
        start = _place_before_capacity(doc, sent, _strip_leading_generic(doc, start, s))
        while start < s and text[start] in _QUOTES:
            start += 1
        start = _skip_leading_modifiers(doc, sent, start, s)
        if any(text.startswith(w, start) for w in _FACILITY_WORDS if len(w) >= 2):
            start = name_start(doc, sent, start, limit=12, works=True)  # 氢能装备|产业园220千伏…
        label = _clean_name(text[start:s])
        if not label_ok(label) or not _name_like(doc, sent, start, s) \
                or _COUNTED.match(label) or not _proper_word(doc, sent, start, s):
            continue
        if any(z.type in ("Zone", "District", "City", "Province") and z.start <= start
               and z.end >= s for z in doc.mentions):
            continue
        _add_project(doc, label + "工程", start, e)


_FACILITY_WORDS = words("project_facility_words")
# 一项重要交通工程, 三项地铁工程, 第三批示范工程: a count of works, not a name
_COUNTED = re.compile(r"[一二两三四五六七八九十几多\d]+[项批个类]"
                      r"|第[一二三四五六七八九十\d]+[批类]")


def _skip_leading_modifiers(doc: Document, sent: Sentence, start: int, end: int) -> int:
    """Skip adjectives, adverbs and verbs before a works' name (最大|光伏工程, 补贴|X示范工程),
    but not 新建, which names a railway still to be built (新建铁路X线)."""
    for t in tokens(doc, sent):
        if t.start < start:
            continue
        if t.start != start or t.end >= end or t.tag not in ("a", "ad", "d", "v", "vn", "m") \
                or t.text == "新建":
            break
        start = t.end
    return start


def _proper_word(doc: Document, sent: Sentence, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold a word of a name (a place, a name jieba does not know, Latin
    letters, a figure, a route 至), not only common nouns (公路整治, 通信信号)?"""
    if re.search(r"[A-Za-z\d]|至", doc.text[start:end]):
        return True
    return any(start <= t.start and t.end <= end and (t.tag in _HOLDER_TAGS or
                                                       is_place_name(t.text))
               for t in tokens(doc, sent))


# a display line named by its generation: 7.5代液晶面板生产线, 第8代AM-OLED面板试验线
_GENERATION_LINE = re.compile(r"(?:第)?\d+(?:\.\d+)?代"
                              r"(?:[A-Za-z\-]+|[\u4e00-\u9fff]|[(（][^()（）]{1,10}[)）]){1,14}?"
                              r"(?:生产线|试验线|项目)")
_LINE_CONTEXT = re.compile(r"开工|投产|量产|投资|建设|投入使用|动工|竣工|奠基")


def _generation_lines(doc: Document, sent: Sentence) -> None:
    """Production lines named by their generation (第8代AM-OLED面板试验线), with the company and
    place written before them (华兴电子苏州|7.5代液晶面板生产线), in a sentence about building,
    investing or producing."""
    if not _LINE_CONTEXT.search(sent.text):
        return
    text = doc.text
    for m in _GENERATION_LINE.finditer(text, sent.start, sent.end):
        s, e = m.span()
        if "的" in m.group() or text[s - 1:s] in "、和至到" or text[e:e + 1] in "、":
            continue  # 10代、11代液晶面板生产线: a list of kinds
        if text[max(sent.start, s - 2):s] in ("每条", "一条", "两条", "多条", "这条", "该条"):
            continue
        start = _place_before_capacity_any(doc, sent, s)
        company = next((c for c in doc.mentions if c.type == "Company" and c.end == start
                        and c.start >= sent.start), None)
        if company is not None:
            start = company.start
        _add_project(doc, text[start:e], start, e)


_METRO_LINE = re.compile(r"(?:地铁|轨道交通)(?:\d+|[一二三四五六七八九十]+)号线")
_METRO_SECTION = re.compile(r"[\u4e00-\u9fff]{1,6}站[-—－至到][\u4e00-\u9fff]{1,6}站[\d.]*米?"
                            r"(?:盾构|隧道)?(?:区间|段)")
_METRO_WORKS = re.compile(r"(?:[一二三四五六七八九十]期)?工程(?![师院局队部处款量学机技公中兵])")
_METRO_CONTEXT = re.compile(r"建设|施工|开工|贯通|通车|竣工|盾构|开通|工程|招标")


_CAPACITY_BUILT = re.compile(
    r"(?:建设|新建|投建|兴建|上马)(?P<name>(?:" + alternation("project_capacity_verbs") + r")"
    r"[\d.]+(?:" + alternation("capacity_units") + r")[\u4e00-\u9fff]{2,10}?)(?=[，,。；;]|$)")


def _capacity_builds(doc: Document, sent: Sentence) -> None:
    """A plant named by its yearly capacity and product, built with no 项目 after it (投资2亿元
    建设年产6万吨果汁饮料。): the project ``年产6万吨果汁饮料项目``, its words as alias."""
    text = doc.text
    for m in _CAPACITY_BUILT.finditer(text, sent.start, sent.end):
        s, e = m.span("name")
        product = _CAPACITY_FIGURE.sub("", text[s:e])
        if _only_kinds(product) or any(c in product for c in "的和及与等"):
            continue
        _add_project(doc, text[s:e] + "项目", s, e, (text[s:e],))


def _metro_lines(doc: Document, sent: Sentence) -> None:
    """A city's metro line being built (华城地铁2号线, 华城地铁2号线一期工程) and a section of it
    (华城地铁2号线东站-西站1200米盾构区间): projects, with the city written before them."""
    if not _METRO_CONTEXT.search(sent.text):
        return
    text = doc.text
    for m in _METRO_LINE.finditer(text, sent.start, sent.end):
        start = m.start()
        city = next((k for k in (4, 3, 2) if start - k >= sent.start
                     and is_place_name(text[start - k:start])), 0)
        if not city:
            continue  # 地铁1号线 alone: which city's is not said
        start -= city
        e = m.end()
        works = _METRO_WORKS.match(text, e)
        section = _METRO_SECTION.match(text, e)
        if works:
            e = works.end()
        if section:  # the section, not the whole line, is what this sentence is about
            _add_project(doc, text[start:section.end()], start, section.end())
        else:
            _add_project(doc, text[start:e], start, e)



# railway lines named by their end points' abbreviations: 京沪线, 甬台温客运专线,
# 黔（江）张（家界）铁路
_RAIL_KIND = re.compile(r"快速铁路线|客运高速铁路专线|铁路客运专线|客运高铁|高速铁路"
                        r"|城际铁路|客运专线|铁路新线|快速铁路|铁路|高铁|城际|客专|新线|二线|线")
_RAIL_SECTION = re.compile(r"[\u4e00-\u9fff]{2,4}(?:至|到)[\u4e00-\u9fff]{2,4}段")
_RAIL_UNIT = re.compile(r"[\u4e00-\u9fff](?:[(（][\u4e00-\u9fff]{1,4}[)）])?$")
# 北京铁路局, 铁路部门, 铁路交通事故, 线上: not a line's name
_RAIL_NOT_NAME = re.compile(r"局|部门|总公司|公司|集团|系统|概念|股|交通|运输|事故"
                            r"|动车|特别|上|下|城市|路(?!段)")
_RAIL_WORDS = re.compile(r"铁路|高铁|动车|列车|客运专线|铁道部")
_RAIL_TAGS = frozenset({None, "ns", "nz", "nr", "j", "n"})


@functools.cache
def _abbreviation_chars() -> frozenset[str]:
    """Characters that may stand for a place in a line's name: the first character of a
    province's or a prefecture-level city's name, and the usual one-character abbreviations."""
    chars = set(words("place_abbreviations"))
    chars.update(d.name[0] for d in table().values() if d.type in ("Province", "City"))
    return frozenset(chars)


def _rail_abbreviation(doc: Document, sent: Sentence, end: int) -> int | None:
    """The start of the two or three abbreviated end points written right before ``end``
    (京沪|线, 甬台温|客运专线, 黔（江）张（家界）常（德）|铁路), or None."""
    text, chars = doc.text, _abbreviation_chars()
    starts = []
    k = end
    while len(starts) < 3:
        u = _RAIL_UNIT.search(text, max(sent.start, k - 7), k)
        if not u or u.group()[0] not in chars:
            break
        k = u.start()
        starts.append(k)
    toks = tokens(doc, sent)
    for start in reversed(starts[1:]):
        abbr = re.sub(r"[(（][^)）]*[)）]", "", text[start:end])
        if _rail_abbreviation_ok(toks, abbr, start, end):
            return start
    return None


def _rail_abbreviation_ok(toks: list[Token], abbr: str, start: int, end: int) -> bool:
    """Is ``abbr`` (at ``start``..``end``) a line's abbreviated end points: not a common word
    (成本, 重大), a place's own name (北京), directions (东西), nor cut out of a longer word
    (澄清|潮, 国内|三四线)?"""
    tag = dictionary_tag(abbr)
    if is_place_name(abbr) or not strip_words(abbr, ("东", "西", "南", "北", "中")) \
            or tag not in _RAIL_TAGS or len(abbr) == 2 and tag == "n":
        return False
    for t in toks:
        if t.start < start < t.end and t.end < end:
            return False  # 国内|三四线: the abbreviation begins inside a word
        if start < t.start < end < t.end and dictionary_tag(t.text) is not None:
            return False  # 和无|线 -> 无线: the kind's first character ends a word
        if t.start == start and t.end == start + 1 and t.tag in ("c", "p", "v", "r", "f",
                                                                  "uj", "ul"):
            return False  # 和|成渝…: a conjunction before the line's name
    return True


def _rail_lines(doc: Document) -> None:
    """Railway lines named by their end points' abbreviations (京沪线, 甬台温客运专线, 渝黔铁路新线)
    in an article about railways: projects; every form of one line's name (甬台温线, 甬温线,
    甬台温客运专线) is one project, named by its longest form."""
    text = doc.text
    if len(_RAIL_WORDS.findall(text)) < 3:
        return
    found: list[tuple[int, int, str]] = []
    for sent in doc.sentences:
        for m in _RAIL_KIND.finditer(text, sent.start, sent.end):
            start = _rail_abbreviation(doc, sent, m.start())
            if start is None or _RAIL_NOT_NAME.match(text, m.end()) \
                    or text[start - 1:start] in ("老", "至", "到"):
                continue
            section = _RAIL_SECTION.match(text, m.end())
            if section:  # 广深港客运专线|广州至深圳段: the section is a project of its own
                _add_project(doc, text[start:section.end()], start, section.end(),
                             extractor=RAIL_LINES)
                continue
            found.append((start, m.end(), m.start()))
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for start, end, kind in found:
        abbr = re.sub(r"[(（][^)）]*[)）]", "", text[start:kind])
        groups.setdefault(abbr, []).append((start, end, re.sub(r"[(（][^)）]*[)）]", "",
                                                              text[start:end])))
    for abbr in sorted(groups, key=len):  # 甬温 is 甬台温: same ends, a point left out
        longer = [b for b in groups if len(b) > len(abbr) and b[0] == abbr[0]
                  and b[-1] == abbr[-1] and _subsequence(abbr, b)]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(abbr))
    for spans in groups.values():
        if not any(_RAIL_BUILT.search(doc.sentences[_sentence_at(doc, start)].text)
                   for start, _, _ in spans):
            continue  # 与甲乙线相连: a line in service, named only as a link, is no project
        name = max((n for _, _, n in spans), key=len)
        for start, end, form in spans:
            written = text[start:end]
            aliases = tuple(a for a in dict.fromkeys((form, written)) if a != name)
            _add_project(doc, name, start, end, aliases, extractor=RAIL_LINES)


# what is said of a line that is built, run or worked on (not 与X线相连, X铁路站点)
_RAIL_BUILT = re.compile(r"建设|建成|在建|新建|开工|动工|施工|竣工|完工|通车|开通|贯通|铺轨"
                         r"|招标|中标|工程|系统|投资|规划|项目|试运行|运营")


def _sentence_at(doc: Document, pos: int) -> int:
    """The index of the sentence that holds ``pos``."""
    return next((k for k, s in enumerate(doc.sentences) if s.start <= pos < s.end), 0)


def _subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(c in it for c in a)


def _place_before_capacity_any(doc: Document, sent: Sentence, start: int) -> int:
    """Like :func:`_place_before_capacity` for a figure that is not a capacity (7.5代): the place or
    company words written right before it."""
    prev = [t for t in tokens(doc, sent) if t.end <= start]
    taken: list = []
    end = start
    while prev and len(taken) < 2 and prev[-1].end == end \
            and _holder_word(prev[-1], inner=not taken) and not _PHASE.search(prev[-1].text):
        taken.append(prev.pop())
        end = taken[-1].start
    while taken and taken[-1].tag not in _HOLDER_TAGS and not is_place_name(taken[-1].text):
        taken.pop()
    if not taken:
        return start
    if len(taken) == 2 and prev and prev[-1].end == end and is_place_name(prev[-1].text):
        taken.append(prev.pop())  # 深圳|华星|光电8.5代: the company's city before its name
    # 从旭硝子: a preposition jieba glued to a name it does not know
    glued = taken[-1].tag is None and len(taken[-1].text) >= 3 and taken[-1].text[0] in _GLUED
    return taken[-1].start + 1 if glued else taken[-1].start


_GLUED = "从在于对向把被将为与和及据"


def _joint_start(doc: Document, sent: Sentence, start: int) -> int:
    """The start of ``A—B项目`` where the label ``B`` begins at ``start``: A is one name-like word
    (a name jieba does not know, a place, a short form, a word of a company's name) before a
    dash."""
    text = doc.text
    if start - 3 < sent.start or text[start - 1] not in "—－-" or not is_han(text[start]):
        return start
    prev = [t for t in tokens(doc, sent) if t.end == start - 1]
    if not (prev and 2 <= len(prev[0].text) <= 4 and HAN_OR_LATIN.fullmatch(prev[0].text)) \
            or _only_generic(prev[0].text):
        return start
    word = prev[0].text
    company = any(c.type == "Company" and word in c.name for c in doc.mentions)
    return prev[0].start if prev[0].tag in _HOLDER_TAGS or company else start
    return start


def _joined_capacity_start(doc: Document, sent: Sentence, start: int) -> int:
    """Two capacities joined by 及 in one name (100MW太阳能电池及50MW配套电池组件生产线项目): the
    name begins with the first."""
    if start - 1 <= sent.start or doc.text[start - 1] != "及" \
            or not _CAPACITY_HEAD.match(doc.text, start):
        return start
    first = name_start(doc, sent, start - 1, limit=16, works=True)
    return first if first < start - 1 and _CAPACITY_HEAD.match(doc.text, first) else start


_PHASE = re.compile(r"[一二三四五六七八九十\d]期$")
_HOLDER_TAGS = frozenset({None, "ns", "nz", "nt", "nr", "nrt", "j", "eng"})


def _place_before_capacity(doc: Document, sent: Sentence, start: int) -> int:
    """A name that begins with a capacity figure begins with the place or company written right
    before it, and its phase (呼伦贝尔|20万吨/年铅锌项目, 海润光伏一期|1.3GW太阳能电池项目): one or
    two name-like words (unknown to jieba, places, short forms), not verbs or generic words."""
    if not _CAPACITY_HEAD.match(doc.text, start):
        return start
    prev = [t for t in tokens(doc, sent) if t.end <= start]
    end = start
    if prev and prev[-1].end == end and _PHASE.search(prev[-1].text):
        end = prev.pop().start
    taken: list = []
    while prev and len(taken) < 2 and prev[-1].end == end \
            and _holder_word(prev[-1], inner=not taken):
        taken.append(prev.pop())
        end = taken[-1].start
    while taken and taken[-1].tag not in _HOLDER_TAGS and not is_place_name(taken[-1].text):
        taken.pop()  # the first word must be a name's (海润|光伏, not 公司|太阳能)
    first = taken[-1].start if taken else start
    if taken and is_place_name(taken[-1].text):
        owner = next((t for t in tokens(doc, sent) if t.end == first), None)
        if owner is not None and _short_company(doc, owner.text):
            return owner.start  # 华钢|莆田|100万吨冷轧项目: the company, then the place
    return first


def _short_company(doc: Document, word: str) -> bool:
    """Is ``word`` a company of the article, or the short form its name begins with (华钢 ~
    华钢集团)?"""
    return len(word) >= 2 and HAN_OR_LATIN.fullmatch(word) is not None and any(
        m.type == "Company" and m.name.startswith(word) for m in doc.mentions)


def _holder_word(t: Token, inner: bool) -> bool:
    """Can jieba token ``t`` be a word of the company or place before a capacity figure?"""
    if len(t.text) < 2 or not HAN_OR_LATIN.fullmatch(t.text) or is_generic_head(t.text):
        return False
    if t.text in lexicon_set("org_boundary_words") or t.text in lexicon_set("project_works_verbs") \
            or t.text in lexicon_set("org_inner_verbs") or _only_generic(t.text):
        return False
    return t.tag in _HOLDER_TAGS or is_place_name(t.text) or inner and t.tag == "n"


HAN_OR_LATIN = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


_BEFORE_SIBLING = re.compile(r"(?:以及|、|和)$")


def _capacity_siblings(doc: Document, sent: Sentence) -> None:
    """``1200万吨/年炼油和100万吨级/年PX项目``: the capacity-named labels joined to a capacity-named
    project before it are projects too (label + 项目)."""
    text = doc.text
    heads = [m for m in doc.mentions if m.type == "Project" and sent.start <= m.start < sent.end
             and m.name.endswith("项目") and _CAPACITY_HEAD.match(_name_core(doc, m))]
    for m in heads:
        pos = m.start
        while True:
            conj = _BEFORE_SIBLING.search(text, max(sent.start, pos - 2), pos)
            if not conj:
                break
            start = name_start(doc, sent, conj.start(), limit=20, works=True)
            start = _place_before_capacity(doc, sent, start)
            label = text[start:conj.start()]
            if not (_CAPACITY_FIGURE.search(label) and label_ok(label)) \
                    or label.endswith(("项目", "工程")):
                break
            _add_project(doc, label + "项目", start, conj.start(), (label,))
            pos = start


def _name_core(doc: Document, m: Mention) -> str:
    """The mention's text without a place before its capacity figure."""
    t = doc.text[m.start:m.end]
    k = _CAPACITY_FIGURE.search(t)
    return t[k.start():] if k and k.start() <= 6 else t


def _company_like(label: str) -> bool:
    """Does an enumerated project label look like a company (head + industry word)?"""
    if ends_with_any(label, "org_company_suffixes"):
        return valid_company(label)
    w = ends_with_any(label, "org_industry_words")
    if not w:
        return False
    head = company_head(label)
    return 2 <= len(head) <= 6 and not is_generic_head(head)


_TO_ATTRACT = re.compile(f"(?:{alternation('project_attract_verbs')})$")


def _project_enumerations(doc: Document, sent: Sentence) -> None:
    text = doc.text
    labels = doc.project_labels
    for m in _ENUM_TAIL.finditer(text, sent.start, sent.end):
        tail = m.group()
        if any(w in tail for w in words("project_not_project_kinds")):
            continue  # 空调、办公家具等采购项目
        kind = _route_kind(tail)  # 6个高速公路项目: a kind of facility
        if "项目" in tail and not kind \
                and is_generic_label(tail.replace("项目", "").lstrip("等")) is False:
            continue  # 等国家项目: not a count/modifier tail
        items = _split_items(doc, sent, enumeration_items(doc, sent, m.start(), works=True))
        if _not_projects(doc, sent, items, tail):
            continue
        if items:
            first = _place_before_capacity(doc, sent, items[0][0])
            items[0] = (_route_item_start(doc, sent, first), items[0][1])
        for s, e in items:
            while s < e and text[s] in _QUOTES:
                s += 1
            while e > s and text[e - 1] in _QUOTES:
                e -= 1
            s = _strip_leading_generic(doc, s, e)
            item = text[s:e]
            if len(item) < 2 or PUNCT.search(without_joining_marks(item)) \
                    or is_generic_label(item) or "等" in item or "的" in item \
                    or _starts_with_verbs(doc, sent, s, e) \
                    or NUMERIC.search(item) and not _CAPACITY_FIGURE.match(item):
                continue
            if kind and _ROUTE.search(item) and not ends_with_any(item, "project_facility_words"):
                _add_project(doc, item + kind, s, e, (item,))  # 抚州至吉安(等)…高速公路项目
                continue
            _enumerated_item(doc, sent, s, e, item, labels)


# 开工建设的A、B和C(迁建)等机场: one facility of that kind in each place
_KIND_COUNT = r"(?:" + _COUNT + r"|[一二两三四五六七八九十\d]+[座条处])"
_PLACES_KIND = re.compile(r"(?:等" + _KIND_COUNT + r"?|" + _KIND_COUNT + r")("
                          + alternation("project_kinds_of_works") + r")")
_BUILT_HERE = re.compile(r"建设|新建|兴建|迁建|扩建|建成|开工|动工|竣工|通车|通航")
_BRACKETED_NOTE = re.compile(r"[(（][^()（）]{1,6}[)）]$")


def _places_before_a_kind(doc: Document, sent: Sentence) -> None:
    """A list of places before 等 and a kind of works that is built in the sentence (开工建设
    A、B和C等机场): each place's facility is a project, named place + kind (A机场)."""
    text = doc.text
    for m in _PLACES_KIND.finditer(text, sent.start, sent.end):
        if not _BUILT_HERE.search(text, sent.start, m.start()):
            continue
        items = _split_items(doc, sent, enumeration_items(doc, sent, m.start()))
        spans = []
        for s, e in items:
            note = _BRACKETED_NOTE.search(text, s, e)
            e = note.start() if note else e
            spans.append((s, e))
        if len(spans) < 2 or not all(is_place_name(text[s:e]) for s, e in spans):
            continue
        for s, e in spans:
            _add_project(doc, text[s:e] + m.group(1), s, e)


def _not_projects(doc: Document, sent: Sentence, items: list[tuple[int, int]],
                  tail: str) -> bool:
    """Does a list name no particular projects: kinds still to be attracted, what is procured,
    or kinds of works?"""
    text = doc.text
    if items and _TO_ATTRACT.search(text, max(sent.start, items[0][0] - 8), items[0][0]):
        return True  # 将重点引进算力应用、工业互联网等项目: kinds of project still to be found
    if items and _procured(doc, sent, items[0][0]):
        return True  # 涉及A、B等采购单位的服务器、平台等项目: what is bought, not built
    # 承建铁路、公路、通信等基础设施项目: kinds of works, not projects
    return _a_list_of_kinds(text, items, works="项目" not in tail)


def _a_list_of_kinds(text: str, items: list[tuple[int, int]], works: bool = False) -> bool:
    """Is one item of a list a bare kind of facility (铁路, 公路, 码头): then the list names
    kinds of works (铁路、公路、水利水电等), not particular projects. Before 等工程 (``works``) a
    short item or an industry says the same (道路、桥梁等工程, 水利、交通等重点工程)."""
    def kind(item: str) -> bool:
        return item in lexicon_set("project_kinds_of_works") \
            or works and (len(item) <= 2 or _only_kinds(item))
    return (len(items) >= 2 or works) \
        and any(kind(text[s:e].strip(_QUOTES)) for s, e in items)


def _starts_with_verbs(doc: Document, sent: Sentence, s: int, e: int) -> bool:
    """Does a list item begin with two verbs (开发生产高科技含量): a description of what is
    done, not a project's label?"""
    toks = [t for t in tokens(doc, sent) if s <= t.start and t.end <= e]
    return len(toks) >= 3 and toks[0].start == s and toks[0].tag == "v" \
        and toks[1].tag in ("v", "vn")


def _procured(doc: Document, sent: Sentence, first: int) -> bool:
    """Is a list of projects a list of what is procured: 采购 in its first item's clause before
    it, or inside that item (师范大学等采购单位的云计算服务器)?"""
    text = doc.text
    k = first
    while k > sent.start and text[k - 1] not in "，,；;：:":
        k -= 1
    e = text.find("、", first, sent.end)
    return "采购" in text[k:first] or "采购" in text[first:e if e > 0 else sent.end]


# a route from one place to another: 抚州至吉安, 车岗头至大岚段
_ROUTE = re.compile(r"[\u4e00-\u9fff]{2}(?:至|到)[\u4e00-\u9fff]{2}")
_CONJUNCTIONS = ("以及", "和", "及", "与")


def _route_item_start(doc: Document, sent: Sentence, s: int) -> int:
    """The start of a list's first item that is a route (开工建设井冈山夏坪|至睦村): the place
    before 至 and the words before it."""
    p = _route_start(doc, sent, s)
    if p == s:
        return s
    return max(name_start(doc, sent, p, limit=10, first_free=False), sent.start)


def _route_kind(tail: str) -> str:
    """The kind of facility a list's tail names (6个高速公路项目 -> 高速公路), or ''."""
    core = re.sub(r"项目$|^等|" + _COUNT, "", tail)
    kind = ends_with_any(core, "project_facility_words")
    return kind if kind and len(kind) >= 2 else ""


def _split_items(doc: Document, sent: Sentence,
                 items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split list items at a conjunction jieba reads as one (A、B以及C, 敦煌、平凉和天水), or at
    及/与 before a capacity figure (1200万吨/年炼油及100万吨/年乙烯); a 及 inside a name
    (太阳能电池及组件) stays."""
    conj = [t for t in tokens(doc, sent) if t.text in _CONJUNCTIONS and t.tag == "c"]
    out: list[tuple[int, int]] = []
    for s, e in items:
        cut = s
        for t in conj:
            if not (cut + 2 <= t.start and t.end + 2 <= e):
                continue
            if t.text in ("及", "与") and not _CAPACITY_HEAD.match(doc.text, t.end):
                continue
            out.append((cut, t.start))
            cut = t.end
        out.append((cut, e))
    return out


def _enumerated_item(
    doc: Document, sent: Sentence, s: int, e: int, item: str, labels: list
) -> None:
    existing = [m for m in doc.mentions if m.type == "Project" and m.start == s and m.end == e]
    if existing:
        return
    if item.endswith(("项目", "工程")):  # (东环路改造工程等重点项目)
        if label_ok(item[:-2]):
            _add_project(doc, item, s, e)
        return
    # a label that begins an already named project: that project's short form (瑞达科 ~ 瑞达科…项目)
    for m in list(doc.mentions):
        if m.type == "Project" and m.name.startswith(item) and len(m.name) > len(item) + 2:
            doc.mentions.append(Mention("Project", m.name, s, e, "projects"))
            _label_company(doc, sent, s, e, item, m.name, force=True)
            return
    stem = item[:-2] if item.endswith("建设") else item
    if ends_with_any(stem, "project_facility_words") and not _company_like(item):
        aliases = (stem,) if stem != item else ()
        _add_project(doc, item, s, e, aliases)
        return
    name = item + "项目"
    if _add_project(doc, name, s, e, (item,)):
        labels.append(ProjectLabel(s, e, name))
        _label_company(doc, sent, s, e, item, name)
    elif _place_label(doc, s, e):  # A、B等4个项目 of places: each place's project, named by it
        doc.mentions.append(Mention("Project", name, s, e, "projects", aliases=(item,)))


def _place_label(doc: Document, s: int, e: int) -> bool:
    """Is ``text[s:e]`` a place's name in a list of places (not a region's own count: 江华4个
    重大项目), written as a region's mention of exactly that span?"""
    listed = doc.text[e:e + 1] in "、和及与" or doc.text[s - 1:s] in "、和及与"
    return listed and is_place_name(doc.text[s:e]) and any(
        m.start == s and m.end == e and m.type in ("District", "City") for m in doc.mentions)


def _label_company(doc: Document, sent: Sentence, s: int, e: int, item: str, project: str,
                   force: bool = False) -> None:
    """A project label that is a company: the company and the investor fact."""
    if not (force or _company_like(item)) or item in forms():
        return  # a place is not a company (陆良县5个重大项目)
    # the label may be the short form of a company already named (华兴 ~ 华兴集团)
    known = [m.name for m in doc.mentions if m.type == "Company" and m.name.startswith(item)]
    company = min(known, key=len) if known else item
    doc.mentions.append(Mention("Company", company, s, e, "projects"))
    doc.facts.append(Fact(("Project", project), "investor", ("Company", company), "projects",
                          sentence=sent.index))


def _facilities(doc: Document, sent: Sentence) -> None:
    """Named facilities in a sentence about signing or starting work, or that a company invests
    to build."""
    event = _EVENT_WORDS.search(sent.text) is not None
    capacity_only = not event and not _INVEST_BUILD.search(sent.text) \
        and not _SITE.search(sent.text)
    if capacity_only and not _BUILD_VERB.search(sent.text) and "援建" not in sent.text:
        return
    for m in suffix_regex("project_facility_words").finditer(doc.text, sent.start, sent.end):
        _facility(doc, sent, m, event, capacity_only)


def _facility(doc: Document, sent: Sentence, m: re.Match[str], event: bool,
              capacity_only: bool = False) -> None:
    """The facility whose name ends with the facility word ``m``, if it is built in this
    sentence (with ``capacity_only``, only one named by its capacity: 建设30万吨级原油码头)."""
    text = doc.text
    s, e = m.span()
    works = _WORKS.match(text, e)  # 长江大道|改造工程: the works on the facility are the project
    if capacity_only and _BUILT_AFTER.match(text, works.end() if works else e):
        capacity_only = False  # 支持X基地的建设
    if not _facility_word_ends(doc, sent, m, works):
        return
    start = _route_start(doc, sent, name_start(doc, sent, s, limit=20))
    # 开发区|纬三路, 县城|东环路; a bare 开发区 alone stays (开发区污水处理厂: the zone's own plant)
    start = _strip_leading_generic(doc, start, s)
    if (capacity_only or m.group() in lexicon_set("project_capacity_facility_words")) \
            and not _CAPACITY_HEAD.match(text, start):
        return
    # X公路改扩建工程施工现场
    on_site = works is not None and _SITE.match(text, works.end()) is not None
    if _LOCATION_BEFORE.search(text, sent.start, start) and not on_site or blocked(doc, start, e):
        return
    if not _built(doc, sent, start, e, works, event or on_site):
        return
    label = text[start:e]
    if not _facility_head_ok(label[: -len(m.group())], works) or _COUNTED_FACILITY.match(
            text, max(sent.start, start - 1)):
        return
    if works and works.end() <= sent.end:
        label, e = text[start:works.end()], works.end()
    elif m.group() in _ROUTE_WORDS:
        sec = _ROUTE_SECTION.match(text, e)  # 绕城高速公路|东线, 新藏公路|新疆段
        if sec and (sec.group(1) is None or is_place_name(sec.group(1))):
            label, e = text[start:sec.end()], sec.end()
    _add_project(doc, label, start, e)


_ROUTE_WORDS = frozenset({"公路", "高速公路", "铁路", "大道", "快速路", "快速通道", "环线",
                          "输气管道", "输油管道"})
_ROUTE_SECTION = re.compile(r"(?:[东西南北]线|[东西南北]段|([\u4e00-\u9fff]{2,4})段)"
                            r"(?![\u4e00-\u9fff]{0,2}(?:工程|项目))")


def _facility_word_ends(doc: Document, sent: Sentence, m: re.Match[str],
                        works: re.Match[str] | None) -> bool:
    """Does the facility word ``m`` end a name: at the end of a word, or with works after it?"""
    text, word, e = doc.text, m.group(), m.end()
    if word in ("路", "河", "厂房") and not works:
        return False  # only with its works: 东环路改造工程, 舞水河生态治理工程, 标准化厂房三期工程
    # the end of a word, or works follow (滨河|大道北|延伸段|工程)
    ends_word = token_boundary(doc, sent, e) or works is not None
    if not ends_word or word in ("中心", "城", "港", "谷", "街", "桥", "园区"):
        event_at = e + 2 if text.startswith("正式", e) else e
        if not (word in ("中心", "城", "谷", "港", "街") and _EVENT_WORDS.match(text, event_at)):
            return False
    tok_end = [t for t in tokens(doc, sent) if t.start < e <= t.end]
    return not (tok_end and tok_end[0].end != e and not works)


def _built(doc: Document, sent: Sentence, start: int, e: int, works: re.Match[str] | None,
           event_or_site: bool) -> bool:
    """Is the facility ``text[start:e]`` built as a project here: by an event of the sentence, on
    its site, or invested in and built (投资…建设X基地, X产业园由A公司投资3.2亿元建设)?"""
    text = doc.text
    after = works.end() if works else e
    built_by = _BUILT_BY_AFTER.match(text, after) or _BUILT_AFTER.match(text, after)
    if not event_or_site and not built_by \
            and not _BUILD_BEFORE.search(text, max(sent.start, start - 12), start) \
            and not (_CAPACITY_HEAD.match(text, start) and _BUILD_VERB.search(text, sent.start,
                                                                              start)):
        return False  # without an event, only 投资…建设X基地 (or 建设A、B和C: capacity-named)
    # names a project
    # 投资3亿元(建设)的X大道
    invested = _INVESTED_BEFORE.search(text[max(sent.start, start - 12):start])
    if not invested and text[max(sent.start, start - 1):start] == "的" \
            and not _EVENT_WORDS.search(text, e, min(sent.end, e + 6)):
        # 在位于…的X基地举行开工仪式: the facility is the event's place and its project
        return _CEREMONY.search(sent.text) is not None
    return True


def _facility_head_ok(head: str, works: re.Match[str] | None) -> bool:
    """Does ``head`` name the facility: a label, or a bare zone before its works (开发区污水处理厂
    提标改造工程), not a kind of facility (将建设康养酒店)?"""
    zone_own = head in _BARE_ZONES and works is not None
    if len(head) < 2 or not (zone_own or label_ok(head)):
        return False
    return head not in lexicon_set("org_inner_verbs") \
        and ends_with_any(head, "org_industry_words") != head


_BUILD_VERB = re.compile(r"建设|新建|兴建|投建|扩建|建成|上马")
# 建成21座|中型水库, 3条|高速公路: a count of facilities, not a name
_COUNTED_FACILITY = re.compile(r"[\d一二两三四五六七八九十几多][座条个处所家批]")
# 参与了X铁路的建设, 对X水库的无偿援建: the facility is what is built
_BUILT_AFTER = re.compile(r"的(?:无偿|开工|全面)?(?:建设|兴建|援建|扩建)")
_INVESTED_BEFORE = re.compile(r"[\d.]+[亿万]元(?:建设|新建|投建|兴建)?的$")
_CEREMONY = re.compile(r"(?:签约|开工|竣工|投产|奠基)(?:仪式|活动)")


def _route_start(doc: Document, sent: Sentence, start: int) -> int:
    """Extend a facility's name over ``A至`` before it: roads run from one place to another
    (A至B快速通道)."""
    if start - 1 <= sent.start or doc.text[start - 1] not in "至到":
        return start
    prev = [t for t in tokens(doc, sent) if t.end == start - 1]
    if prev and len(prev[0].text) >= 2 and prev[0].tag in (None, "ns", "nr", "nz", "nrt"):
        return prev[0].start
    return start


_SITE = re.compile(r"施工现场|建设现场|项目现场|工地")
_BARE_ZONES = words("project_bare_zone_words")
_BUILT_BY_AFTER = re.compile(r"由[^，,。；;]{2,40}?(?:投资|出资)[^，,。；;]{0,12}(?:建设|兴建|打造|"
                             r"建成)")
_INVEST_BUILD = re.compile(r"投资[^，,。；;]{0,12}(?:建设|新建|打造|投建|兴建|[亿万]元的)")
_BUILD_BEFORE = re.compile(r"(?:(?:建设|新建|打造|投建|兴建)的?|投资[\d.]+[亿万]元的)$")
_WORKS = re.compile(r"(?:[一二三四五六七八九十\d]+期)?(?:[东西南北]?(?:延伸|延长|延)(?:段|线)?|"
                    r"拓宽|综合)?"
                    r"(?:及配套(?:管网|设施)?)?"
                    f"(?:{alternation('project_works_after_facility')})?"
                    r"(?:工程|项目)(?!部|师|队|款|处)")


_CAPACITY_HEAD = re.compile(
    f"(?:{alternation('project_capacity_verbs')})?{_CAPACITY_FIGURE.pattern}"
)


_SECTION_END = re.compile(r"(?:段|区间)(?:工程)?$")


def _same_project(short: str, full: str, companies: Iterable[str] = ()) -> bool:
    """Is ``short`` another name of the project ``full`` in the same article?

    >>> _same_project("华兴物流园", "华兴物流园项目"), _same_project("华兴食品二期项目",
    ...     "华兴食品西南基地二期项目")
    (True, True)
    >>> _same_project("华兴物流项目", "华兴医药项目")
    False
    >>> _same_project("华兴新材料年产5万吨尼龙切片项目",
    ...     "浙江华兴新材料有限公司年产5万吨尼龙切片项目")
    True
    >>> _same_project("恒达年产5万吨尼龙切片项目", "浙江华兴新材料有限公司年产5万吨尼龙切片项目")
    False
    >>> _same_project("冷链仓储项目", "5万吨冷链仓储项目"), _same_project("华兴冷链仓储项目",
    ...     "5万吨冷链仓储项目")
    (True, False)
    >>> _same_project("华兴冷链仓储项目", "5万吨冷链仓储项目", ["华兴物流有限公司"])
    True
    >>> _same_project("酒庄二期扩建项目", "宁夏鸿沙葡萄酒业有限公司酒庄二期扩建项目")
    True
    >>> _same_project("华城地铁2号线", "华城地铁2号线东站-西站盾构区间")
    False
    """
    a, b = short.removesuffix("项目"), full.removesuffix("项目")
    if a == b or _route_abbreviation(a, b):
        return True
    if _SECTION_END.search(b) and not _SECTION_END.search(a) and b.startswith(a):
        return False  # a section of a route is a project of its own (X地铁1号线A站-B站区间)
    if len(a) < 3 or len(a) >= len(b):
        return False
    phase = re.search(r"[一二三四五六七八九]期$", a)
    if phase and b.endswith(phase.group()) and b.startswith(a[: -2]) and len(a) - 2 >= 3:
        return True
    common = 0
    while common < len(a) and a[common] == b[common]:
        common += 1
    if common >= 5 and common >= 0.6 * len(a):
        return True
    # the same works after a shorter name of the same company: 华兴新材料年产5万吨… ~
    # 浙江华兴新材料有限公司年产5万吨…
    tail = 0
    while tail < len(a) and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    head_a, head_b = a[: len(a) - tail], b[: len(b) - tail]
    if (
        tail >= 3
        and _CAPACITY_HEAD.fullmatch(head_b)
        and (not head_a or any(head_a in c for c in companies))
    ):
        # 苹果精深加工项目 ~ 10万吨苹果精深加工项目; 绿源玉米加工项目 ~ 年加工30万吨玉米加工项目 of
        # 绿源…公司
        return True
    if (
        not head_a
        and tail >= 4
        and (head_b in companies or ends_with_any(head_b, "org_company_suffixes")
             or is_place_name(head_b))
    ):
        # 酒庄二期扩建项目 ~ 宁夏鸿沙葡萄酒业有限公司酒庄二期扩建项目: the company named before it
        return True
    return tail >= 6 and tail >= 0.5 * len(a) and (head_a in head_b if head_a else tail >= 8)


_ROUTE_KIND = re.compile(r"(.{2,6}?)(?:至|到)(.{2,6}?)"
                         r"(高速公路|高速铁路|城际铁路|铁路|一级公路|公路|快速路|快速通道)$")


def _route_abbreviation(a: str, b: str) -> bool:
    """Is ``a`` the usual abbreviation of the route ``b``: for each of its two ends the first
    character or a usual one-character abbreviation in it, and its kind or the start of its kind
    (抚州至吉安高速公路 -> 抚吉高速, 抚吉高速公路; 华京至天津城际铁路 -> 京津城际)?

    >>> _route_abbreviation("抚吉高速", "抚州至吉安高速公路"), _route_abbreviation("抚安高速",
    ...     "抚州至吉安高速公路")
    (True, False)
    >>> _route_abbreviation("京津城际", "华京至天津城际铁路")
    True
    """
    m = _ROUTE_KIND.search(b)
    if not m or len(a) < 4:
        return False
    kind = m.group(3)
    return _stands_for(a[0], m.group(1)) and _stands_for(a[1], m.group(2)) \
        and len(a) - 2 >= 2 and kind.startswith(a[2:])


def _stands_for(char: str, place: str) -> bool:
    """Can ``char`` stand for ``place`` in a route's abbreviation (抚 for 抚州, 津 for 天津)?"""
    return place.startswith(char) or char in place and char in words("place_abbreviations")


def merge_projects(doc: Document) -> None:
    """Rename projects that are short forms of a longer project of the article."""
    names = longest_first({m.name for m in doc.mentions if m.type == "Project"})
    companies = sorted({m.name for m in doc.mentions if m.type == "Company"})
    rename: dict[str, str] = {}
    for i, short in enumerate(names):
        for full in names[:i]:
            if full not in rename and _same_project(short, full, companies):
                rename[short] = full
                break
    _rename_projects(doc, rename)


def _rename_projects(doc: Document, rename: dict[str, str]) -> None:
    for m in doc.mentions:
        if m.type == "Project" and m.name in rename:
            m.aliases = (*m.aliases, m.name)
            m.name = rename[m.name]
    for f in doc.facts:
        if f.subject[0] == "Project" and f.subject[1] in rename:
            f.subject = ("Project", rename[f.subject[1]])


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def headline_projects(doc: Document) -> None:
    """A project named only in the headline, by another name than the body gives it
    (信丰县新型材料产业园项目 over an article about 华瑞新材料产业园项目), is the body's project
    when exactly one of them ends the same way: four characters or more before 项目, and at
    least half of the shorter name.

    >>> from kg.model import Mention
    >>> text = "甲县新型材料产业园项目签约\\n乙新材料产业园项目签约。"
    >>> d = Document(path="a", name="a", raw="", text=text)
    >>> d.mentions = [Mention("Project", "甲县新型材料产业园项目", 0, 11, "projects"),
    ...               Mention("Project", "乙新材料产业园项目", 14, 23, "projects")]
    >>> headline_projects(d)
    >>> [(m.name, m.aliases) for m in d.mentions][0]
    ('乙新材料产业园项目', ('甲县新型材料产业园项目',))
    """
    head = doc.text.find("\n")
    if head <= 0:
        return
    projects = [m for m in doc.mentions if m.type == "Project"]
    in_body = sorted({m.name for m in projects if m.start > head})
    rename = {}
    for name in sorted({m.name for m in projects if m.end <= head} - set(in_body)):
        a = name.removesuffix("项目")
        same = [b for b in in_body
                if (t := _common_tail(a, b.removesuffix("项目"))) >= 4
                and 2 * t >= min(len(a), len(b.removesuffix("项目")))]
        if len(same) == 1:
            rename[name] = same[0]
    _rename_projects(doc, rename)


_BRACKETED = re.compile(r"([^()（）]{2,14}?)[(（][\u4e00-\u9fff]{2,6}[)）]")


def _bracket_companies(doc: Document) -> None:
    """``兴业汽配加工(宜宾)基地``: the part before the bracketed place names the company."""
    for m in [m for m in doc.mentions if m.type == "Project"]:
        b = _BRACKETED.match(doc.text, m.start, m.end)
        if not b:
            continue
        label = b.group(1)
        if not ends_with_any(label, "org_industry_words") and not ends_with_any(
            label, "org_company_suffixes"
        ):
            cut = [
                x.end()
                for x in suffix_regex("org_industry_words").finditer(label)
                if x.start() >= 2
            ]
            if not cut:
                continue
            label = label[: cut[-1]]
        if not _company_like(label):
            continue
        known = [c.name for c in doc.mentions if c.type == "Company" and c.name.startswith(label)]
        if known:
            continue
        doc.mentions.append(Mention("Company", label, m.start, m.start + len(label), "projects"))


@component("projects", requires=("sentences",), assigns=("project_labels",))
def find_projects(doc: Document) -> None:
    """Project mentions (and the companies that label them)."""
    _rail_lines(doc)
    for sent in doc.sentences:
        _named_projects(doc, sent)
        _capacity_siblings(doc, sent)
        _generation_lines(doc, sent)
        _metro_lines(doc, sent)
        _capacity_builds(doc, sent)
    for sent in doc.sentences:
        _project_enumerations(doc, sent)
        _places_before_a_kind(doc, sent)
        _facilities(doc, sent)
        _named_works(doc, sent)
    merge_projects(doc)
    headline_projects(doc)
    _bracket_companies(doc)
    _leading_companies(doc)
    repeat_mentions(doc)


def _short_forms(name: str) -> list[str]:
    """Shorter names an article gives a project: a route's abbreviation (抚州至吉安高速公路 ->
    抚吉高速公路, 抚吉高速) and the name without the place it begins with (兰州南绕城高速公路 ->
    南绕城高速公路).

    >>> _short_forms("抚州至吉安高速公路"), _short_forms("兰州南绕城高速公路")
    (['抚吉高速公路', '抚吉高速'], ['南绕城高速公路'])
    """
    out = []
    m = _ROUTE_KIND.search(name.removesuffix("项目"))
    if m:
        head = m.group(1)[0] + m.group(2)[0]
        out = [head + m.group(3), *([head + m.group(3)[:2]] if len(m.group(3)) > 3 else [])]
    place = next((k for k in (3, 2) if is_place_name(name[:k])), 0)
    if place and len(name) - place >= 5 and HAN_OR_LATIN.match(name[place]) \
            and not name[place].isdigit() and "至" not in name[place:place + 3]:
        out.append(name[place:])
    return out


def repeat_mentions(doc: Document) -> None:
    """Every other place the article writes a project's name (four characters or more) is a
    mention of it too, so that the facts of those sentences reach it (A工程…。A工程总投资10亿元).

    >>> from kg.model import Document
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="华兴大桥项目开工。华兴大桥项目总投资3亿元。"))
    >>> d.mentions = [Mention("Project", "华兴大桥项目", 0, 6, "projects")]
    >>> repeat_mentions(d); [(m.start, m.end) for m in d.mentions]
    [(0, 6), (9, 15)]
    """
    projects = [m for m in doc.mentions if m.type == "Project"]
    forms: dict[str, str] = {}
    for m in projects:
        for f in (doc.text[m.start:m.end], m.name, *m.aliases, *_short_forms(m.name)):
            if len(f) >= 4:
                forms.setdefault(f, m.name)
    for form in longest_first(forms):
        for hit in re.finditer(re.escape(form), doc.text):
            s, e = hit.span()
            if any(o.start < e and s < o.end for o in doc.mentions if o.type == "Project"):
                continue
            if not blocked(doc, s, e):
                doc.mentions.append(Mention("Project", forms[form], s, e, "projects"))


_PHASE_AT = re.compile(r"[一二三四五六七八九十\d]期")


def _leading_company(name: str) -> str | None:
    """The company a project's name begins with, where a place or a capacity figure follows it
    (华兴怀化|物流园项目, 华兴光伏|1.3GW电池项目, 华兴光伏一期|1GW…): a short name-like head that is
    neither a place nor a kind of product.

    >>> (_leading_company("华兴光伏一期1.3GW太阳能电池项目"),
    ...  _leading_company("华兴怀化物流园项目"), _leading_company("怀化20万吨铅锌项目"),
    ...  _leading_company("湖北恒达管业生产基地"))
    ('华兴光伏', '华兴', None, '湖北恒达管业')
    """
    for k in range(2, min(7, len(name) - 3) + 1):
        head, rest = name[:k], name[k:]
        phase = _PHASE_AT.match(rest)
        after = rest[phase.end():] if phase else rest
        place = any(_city_or_province(after[:j]) for j in (2, 3, 4)) and not phase
        if not (place or _CAPACITY_FIGURE.match(after)):
            continue
        return head if _company_head_word(head) else None
    # 华兴管业|生产基地: a company's name (a head and its trade) before its plant
    plant = _PLANT.search(name)
    label = name[:plant.start()] if plant else ""
    if label and ends_with_any(label, "org_industry_words") and _company_like(label) \
            and len(company_head(label)) <= 4 and _company_head_word(company_head(label)):
        return label
    return None


_PLANT = re.compile(r"(?:生产基地|生产线|工厂|产业园)(?:项目)?$")


def _city_or_province(word: str) -> bool:
    """Is ``word`` the name of a city or province, or the full name of a division (a county's
    short form is too often a common word: 大化, 资源)?"""
    return len(word) >= 2 and any(f.kind == "full" or f.code.endswith("00")
                                  for f in forms().get(word, ()))


def _company_head_word(head: str) -> bool:
    """Can ``head`` be a company's short name: letters only, not a place, a country, a kind of
    product or a generic word, no verb or boundary word in it?"""
    if not HAN_OR_LATIN.fullmatch(head) or is_place_name(head) or _only_kinds(head) \
            or head[0] in "一二两三四五六七八九十几多每各该本此这" \
            or re.search(alternation("project_capacity_verbs"), head):
        return False
    if head in lexicon_set("countries") or any(is_place_name(head[:j]) and len(head) - j < 2
                                                for j in (2, 3)):
        return False
    if any(w in head for w in lexicon_set("org_boundary_words") if len(w) >= 2):
        return False
    if ends_with_any(head, "project_facility_words") or is_generic_head(head):
        return False
    return not any(t.isdigit() for t in head)


def _leading_companies(doc: Document) -> None:
    """A project whose name begins with a company's short name (华兴光伏一期1GW电池项目): that
    company, where no company is named there already (its investor follows from the name)."""
    for m in [m for m in doc.mentions if m.type == "Project" and m.extractor != RAIL_LINES]:
        if doc.text[m.start:m.end] != m.name and not m.name.startswith(doc.text[m.start:m.end]):
            continue
        head = _leading_company(doc.text[m.start:m.end])
        if head is None:
            continue
        e = m.start + len(head)
        if any(o.type in ("Company", "Organization", "GovernmentBody", "Person")
               and o.start < e and m.start < o.end for o in doc.mentions):
            continue
        doc.mentions.append(Mention("Company", head, m.start, e, "projects"))
