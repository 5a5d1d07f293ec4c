"""Projects: ``…项目`` names, enumerations of projects, named facilities being built.

* ``X项目`` with a good left boundary (``共签约华兴集团物流项目`` -> ``华兴集团物流项目``);
  generic labels (重点项目, 5个超亿元项目) are not projects;
* enumerations ``A、B、C等N个项目``: an item ending in a facility word
  (产业园, 基地, 广场, 中心…) is a project as written; any other item is a label:
  project ``label + 项目`` with the label as alias, and, when the label looks
  like a company (head + industry word, ``兴业汽配``), the company too, linked
  by ``investor``;
* a named facility (``…驿站``, ``…基地``) in a sentence about signing or
  starting work.

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

import re
from collections.abc import Iterable

from kg.components import component
from kg.extract.company_names import company_head, valid_company
from kg.extract.divisions import forms
from kg.extract.mentions import add_mention, blocked
from kg.extract.names import enumeration_items, is_generic_head, name_start
from kg.extract.text import NUMERIC, PUNCT, longest_first, token_boundary, tokens
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
# the tail of an enumeration of projects: 等(N个)(modifiers)项目 | N个项目 | 等(项目)?签约/落地/开工
_COUNT = r"(?:\d+|[一二两三四五六七八九十几多]+)(?:个|项|大)"
_ENUM_TAIL = re.compile(
    r"(?:等(?:" + _COUNT + r")?|" + _COUNT + r"|\s*" + _COUNT + r")"
    r"[\u4e00-\u9fff]{0,8}?项目"
    f"|等(?=(?:项目)?(?:{alternation('project_list_tail_words')}))"
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


# a capacity figure (200兆瓦, 10万吨): the only figure a project's name may begin with
_CAPACITY_FIGURE = re.compile(r"[\d.]+(?:" + alternation("capacity_units") + ")")
_ZONE_END = re.compile(r"(?<![小院校社])(?:区|区块|片区|园区)$")


_MEETING = re.compile(alternation("project_meeting_words"))
_NOT_A_ZONE = re.compile(r"(?:度假区|景区|街区|厂区)$")


def label_ok(label: str) -> bool:
    """A project label that names a particular project.

    >>> (label_ok("华兴物流"), label_ok("3个重点"), label_ok("高新区招商"),
    ...  label_ok("50万千瓦风光制氢"))
    (True, False, False, True)
    """
    if len(label) < 2 or is_generic_label(label) or PUNCT.search(
            re.sub(r"(?<=[A-Za-z0-9]) (?=[A-Za-z])|(?<=[吨台套件])[/／](?=年)", "", label)):
        return False  # (a space between Latin words is part of a name: Micro LED)
    if re.search(r"\d+(?:个|项|家|批)|个|等$|类$", label) or label.startswith("项目"):
        return False  # (总部类项目: a kind of project)
    if _MEETING.search(label):
        return False  # 招商引资推介会暨项目签约仪式: a meeting, not a project
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
    for t in tokens(doc, sent):
        if start <= t.start and t.end <= end and len(t.text) == 1 and t.tag in ("v", "p", "c", "r"):
            return False
    return doc.text[end - 1] not in "以的和与及"


def _strip_leading_generic(doc: Document, start: int, end: int) -> int:
    """Skip generic place words at the start of a label (开发区瑞达科… -> 瑞达科…)."""
    text = doc.text
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
    if start > sent.start and text[start - 1] in "”\"」" and start < pos:
        k = start - 2
        while k >= sent.start and text[k] not in "“\"「" and start - k <= 12:
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
    doc: Document, name: str, start: int, end: int, aliases: tuple[str, ...] = ()
) -> bool:
    if blocked(doc, start, end, ("Province", "City", "District", "GovernmentBody", "Person")):
        return False
    for m in doc.mentions:
        if m.type == "Zone" and m.start == start and m.end >= end:
            return False
    return add_mention(doc, "Project", name, start, end, "projects", aliases=aliases) is not None


def _named_projects(doc: Document, sent: Sentence) -> None:
    text = doc.text
    for m in _PROJECT.finditer(text, sent.start, sent.end):
        s, e = m.span()
        if not token_boundary(doc, sent, s) and text[s - 2:s] not in ("合作",):
            continue
        start = min(_quoted_start(doc, sent, s), _after_invested_de(doc, sent, s))
        start = _strip_leading_generic(doc, start, s)
        while start < s and text[start] in _QUOTES:
            start += 1  # the mention begins with the name, not with its opening quote
        label = _clean_name(text[start:s])
        if not label_ok(label) or not _name_like(doc, sent, start, s):
            continue
        # a zone + 项目 (翠屏区临港商务集聚区项目施工现场) is the zone's site, not a project
        if any(
            z.type in ("Zone", "District", "City", "Province") and z.start <= start and z.end >= s
            for z in doc.mentions
        ):
            continue
        _add_project(doc, label + "项目", start, e)


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
        if "项目" in tail and is_generic_label(tail.replace("项目", "").lstrip("等")) is False:
            continue  # 等国家项目: not a count/modifier tail
        items = enumeration_items(doc, sent, m.start(), works=True)
        if items and _TO_ATTRACT.search(text, max(sent.start, items[0][0] - 8), items[0][0]):
            continue  # 将重点引进算力应用、工业互联网等项目: kinds of project still to be found
        for s, e in items:
            while s < e and text[s] in _QUOTES:
                s += 1
            while e > s and text[e - 1] in _QUOTES:
                e -= 1
            s = _strip_leading_generic(doc, s, e)
            item = text[s:e]
            if (
                len(item) < 2
                or PUNCT.search(item)
                or is_generic_label(item)
                or NUMERIC.search(item)
            ):
                continue
            _enumerated_item(doc, sent, s, e, item, labels)


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
    if not event and not _INVEST_BUILD.search(sent.text) and not _SITE.search(sent.text):
        return
    for m in suffix_regex("project_facility_words").finditer(doc.text, sent.start, sent.end):
        _facility(doc, sent, m, event)


def _facility(doc: Document, sent: Sentence, m: re.Match[str], event: bool) -> None:
    """The facility whose name ends with the facility word ``m``, if it is built in this
    sentence."""
    text = doc.text
    s, e = m.span()
    works = _WORKS.match(text, e)  # 长江大道|改造工程: the works on the facility are the project
    if not _facility_word_ends(doc, sent, m, works):
        return
    start = _route_start(doc, sent, name_start(doc, sent, s, limit=20))
    # 开发区|纬三路, 县城|东环路; a bare 开发区 alone stays (开发区污水处理厂: the zone's own plant)
    start = _strip_leading_generic(doc, start, s)
    # X公路改扩建工程施工现场
    on_site = works is not None and _SITE.match(text, works.end()) is not None
    if _LOCATION_BEFORE.search(text, sent.start, start) and not on_site or blocked(doc, start, e):
        return
    if not _built(doc, sent, start, e, works, event or on_site):
        return
    label = text[start:e]
    if not _facility_head_ok(label[: -len(m.group())], works):
        return
    if works and works.end() <= sent.end:
        label, e = text[start:works.end()], works.end()
    _add_project(doc, label, start, e)


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
    built_by = _BUILT_BY_AFTER.match(text, works.end() if works else e)
    if not event_or_site and not built_by \
            and not _BUILD_BEFORE.search(text, max(sent.start, start - 12), start):
        return False  # without an event, only 投资…建设X基地 names a project
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
    """
    a, b = short.removesuffix("项目"), full.removesuffix("项目")
    if a == b:
        return True
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
        and (head_b in companies or ends_with_any(head_b, "org_company_suffixes"))
    ):
        # 酒庄二期扩建项目 ~ 宁夏鸿沙葡萄酒业有限公司酒庄二期扩建项目: the company named before it
        return True
    return tail >= 6 and tail >= 0.5 * len(a) and (head_a in head_b if head_a else tail >= 8)


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
    if not rename:
        return
    for m in doc.mentions:
        if m.type == "Project" and m.name in rename:
            m.aliases = (*m.aliases, m.name)
            m.name = rename[m.name]
    for f in doc.facts:
        if f.subject[0] == "Project" and f.subject[1] in rename:
            f.subject = ("Project", rename[f.subject[1]])


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
    for sent in doc.sentences:
        _named_projects(doc, sent)
    for sent in doc.sentences:
        _project_enumerations(doc, sent)
        _facilities(doc, sent)
    merge_projects(doc)
    _bracket_companies(doc)
