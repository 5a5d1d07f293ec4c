"""Organisations that are neither businesses nor government organs.

Media (``XX晚报``, ``XX新闻网``, ``区融媒体中心``), chambers and associations
(``商会``, ``协会``, ``工商联``), research and education (``研究院``, ``创新中心``,
``大学``), hospitals: a name ending in a suffix of
``kg/lexicon/org_organisation_suffixes.txt`` with a good left boundary.
A bare ``区融媒体中心`` takes the article's district (``历下区融媒体中心``).

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="据湘江晚报报道，当地积极发挥温州商会作用。"))
>>> find_organisations(d)
>>> [m.name for m in d.mentions]
['湘江晚报', '温州商会']
"""

from __future__ import annotations

import re
from collections import Counter

from kg.components import component
from kg.extract.mentions import add_mention, blocked, overlapping
from kg.extract.names import is_generic_head, name_start
from kg.extract.text import longest_first, token_boundary, tokens
from kg.lexicons import (
    alternation,
    ends_with_any,
    lexicon,
    lexicon_set,
    strip_words,
    suffix_regex,
)
from kg.model import Document, Sentence

# a level prefix that stands for the article's region: 区/县/市 + suffix
_LEVEL = re.compile(r"(?:区|县|市|旗)$")
# "A·B记者": B is a media brand of A (齐鲁晚报·齐鲁壹点记者)
_MEDIA_BRAND = re.compile(r"[·•]([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?:首席|特约|见习)?(?:记者|通讯员|"
                          r"客户端)")
# meetings, not organisations: 招商会, 推介会...
_EVENT = re.compile(f"(?:{alternation('org_meeting_words')})会|政协会")  # 政协会议: not 协会
_GENERIC_ORG = lexicon_set("org_generic_names")
_POST_INSIDE = re.compile(f"(?:{alternation('org_posts_inside')})")
# heads that make a government organ or a generic term, not an organisation
_BAD_HEAD = re.compile(r"(?:各|等|有关|相关|多家|一批|这些|该|本|其)$|^(?:各|等|有关|相关)")


_DESCRIPTIONS = tuple(sorted(lexicon("org_generic_heads") + lexicon("org_field_words"), key=len,
                             reverse=True))


def _descriptive_head(head: str) -> bool:
    """Is ``head`` only a description (行业, 职业技术, 本行业产品检测), no name?

    >>> _descriptive_head("行业"), _descriptive_head("本行业产品检测"), _descriptive_head("青溪")
    (True, True, False)
    """
    return not strip_words(head, _DESCRIPTIONS)


def main_region_name(doc: Document) -> str | None:
    """The simplified name of the article's main district/city, if known."""
    if doc.region is not None:
        return doc.region[1]
    counts = Counter(m.name for m in doc.mentions if m.type == "District")
    return counts.most_common(1)[0][0] if counts else None


def _org_in_sentence(doc: Document, sent: Sentence) -> None:
    text = doc.text
    rx = suffix_regex("org_organisation_suffixes")
    for m in rx.finditer(text, sent.start, sent.end):
        s, e = m.span()
        glued_post = suffix_regex("post_titles").match(text, e) is not None  # jieba: 商会会长
        if not (token_boundary(doc, sent, e) or glued_post) or _EVENT.search(
            text, max(sent.start, s - 2), e + 1
        ):
            continue
        start = name_start(doc, sent, s, limit=20, allow_and=True)
        name = text[start:e]
        head = text[start:s]
        if blocked(doc, start, e, ("GovernmentBody", "Company", "Project", "Person")):
            continue
        if _BAD_HEAD.search(head) or _POST_INSIDE.search(head):
            continue  # 莆田商会会长林某代表异地商会: a post inside is a sentence, not a name
        if name in _GENERIC_ORG or len(name) < 3 or not head or _descriptive_head(head) \
                or text[start - 1:start].isdigit():
            continue  # 交易中心, 行业协会, 5层|交易中心: a kind, not a name
        aliases: tuple[str, ...] = ()
        if _LEVEL.fullmatch(head) or (head and head in ("区", "县", "市")):
            region = main_region_name(doc)
            if not region:
                continue
            if region.endswith(head):
                aliases, name = (name,), region + m.group()
            else:
                continue
        elif head and is_generic_head(head):
            continue
        add_mention(doc, "Organization", name, start, e, "organisations", aliases=aliases)


def _media_brands(doc: Document, sent: Sentence) -> None:
    for m in _MEDIA_BRAND.finditer(doc.text, sent.start, sent.end):
        s, e = m.span(1)
        before = overlapping(doc, m.start() - 1, m.start(), ("Organization",))
        if not before or overlapping(doc, s, e):
            continue
        add_mention(doc, "Organization", m.group(1), s, e, "organisations")


def _drop_heads_of_longer(doc: Document) -> None:
    """An organisation read where a longer one begins is its parent written before a unit of
    it (白河大学|经济学院, X协会|Y分会): the name is the whole, not the parent alone.

    >>> from kg.model import Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("Organization", "白河大学", 0, 4, "organisations"),
    ...               Mention("Organization", "白河大学经济学院", 0, 8, "organisations")]
    >>> _drop_heads_of_longer(d); [m.name for m in d.mentions]
    ['白河大学经济学院']
    """
    orgs = [m for m in doc.mentions if m.type == "Organization"]
    inner = {id(m) for m in orgs if any(o.start == m.start and o.end > m.end for o in orgs)}
    doc.mentions[:] = [m for m in doc.mentions if id(m) not in inner]


def _merge_short(doc: Document) -> None:
    """A name that ends a longer organisation name of the article is that organisation
    (异地商会)."""
    orgs = [m for m in doc.mentions if m.type == "Organization"]
    names = longest_first({m.name for m in orgs})
    for m in orgs:
        for full in names:
            if len(full) > len(m.name) >= 3 and full.endswith(m.name):
                m.aliases, m.name = (*m.aliases, m.name), full
                break


# the source line of a news page: 来源：东南经贸报, 来源：X县人民政府网
_SOURCE = re.compile(r"(?:来源|稿源|出处|信息来源)[:：]\s*([^\s　|｜,，。；;:：/()"
                     r"（）<>《》]{2,20})")
_MEDIA_END = re.compile(f"(?:{alternation('org_media_endings')})$")


# a paper's masthead line on a page: 吉林商讯报　2024年09月27日 08:10
_MASTHEAD = re.compile(r"^[ \t\u3000]*([\u4e00-\u9fff]{2,12}(?:报|新闻网|电视台))[ \t\u3000|"
                       r"｜]+(?:(?:19|20)\d\d[-/.年])",
                       re.MULTILINE)


def _masthead(doc: Document) -> None:
    """The paper named on its own line before the date (``台湾产经新报　2024/10/24 18:32``).

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="标题\\n\\n吉林商讯报　2024年09月27日 08:10\\n正文"))
    >>> _masthead(d); [m.name for m in d.mentions]
    ['吉林商讯报']
    """
    for m in _MASTHEAD.finditer(doc.text):
        s, e = m.span(1)
        if not overlapping(doc, s, e, ("Organization", "GovernmentBody", "Company")):
            add_mention(doc, "Organization", m.group(1), s, e, "organisations")


def _source_line(doc: Document) -> None:
    """The medium a page names as its source (``来源：东南经贸报``).

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="2025-02-13 来源：陆良县人民政府网 记者 张三"))
    >>> _source_line(d); [m.name for m in d.mentions]
    ['陆良县人民政府网']
    """
    for m in _SOURCE.finditer(doc.text):
        s, e = m.span(1)
        if not _MEDIA_END.search(m.group(1)):
            continue
        # what was read inside the medium's name goes (人民政府 of 人民政府网), places stay
        doc.mentions[:] = [
            o
            for o in doc.mentions
            if not (
                o.type in ("Organization", "GovernmentBody", "Company", "Project")
                and s <= o.start
                and o.end <= e
            )
        ]
        if not overlapping(doc, s, e, ("Organization", "GovernmentBody", "Company")):
            add_mention(doc, "Organization", m.group(1), s, e, "organisations")


# a website named as a source or by its staff: 据X网, X网分析师, X网数据显示
# (a few characters of a subject may come first: X网铁矿石分析师)
_SITE_AFTER = re.compile(f"[\u4e00-\u9fff]{{0,4}}?(?:{alternation('org_site_cues_after')})")
_SITE_BEFORE = re.compile(r"(?:据|根据|来自|从|来源[:：]?|援引|引述)$")
# what the website of a named company or body is called: not an organisation of its own
_SITE_OF = re.compile(r"(?:官|官方|本|该|公司|集团|门户)$")


def _common_net(doc: Document, sent: Sentence, e: int) -> bool:
    """Is the 网 before ``e`` part of a word for a network (互联网, 智能电网, 官网) or of a longer
    word (网络), not a site's name (兰格|钢铁网, 中国|化工网)?"""
    tok = next((t for t in tokens(doc, sent) if t.start < e <= t.end), None)
    if tok is not None and tok.end != e:
        return True
    nets = lexicon("org_net_words")
    return any(doc.text.startswith(w, e - len(w)) for w in nets)


def _websites(doc: Document, sent: Sentence) -> None:
    """A website cited as a source (``据中国化工网``, ``联合金属网分析师``): an organisation.

    The head before 网 must be a name (not 互联网, 电网, 官网), jieba must not know the whole
    as a common word, and the site must be cited so.
    """
    text = doc.text
    for m in re.finditer("网", text[sent.start:sent.end]):
        e = sent.start + m.end()
        s = e - 1
        if not (_SITE_AFTER.match(text, e) or text.startswith("》", e)):
            continue
        start = name_start(doc, sent, s, limit=12)
        head = text[start:s]
        if len(head) < 2 or _SITE_OF.search(head) or is_generic_head(head) \
                or _common_net(doc, sent, e):
            continue
        cited = _SITE_BEFORE.search(text, max(sent.start, start - 4), start) or \
            _SITE_AFTER.match(text, e)
        if cited and not blocked(doc, start, e, ("GovernmentBody", "Company", "Person")):
            add_mention(doc, "Organization", text[start:e], start, e, "organisations")


# a paper cited without book-title marks: 据中国证券报报道, X报记者, X报讯
_PAPER_AFTER = re.compile(r"(?:报道|记者|讯|消息称|评论员|援引)")
# what name_start leaves before the paper's name: a date's 月/日, a description (外国媒体)
_PAPER_LEAD = re.compile(r"(?:[^，,。]*媒体|[月日])")


def _cited_papers(doc: Document, sent: Sentence) -> None:
    """A paper (X报) cited as a source or by its reporters, outside book-title marks."""
    text = doc.text
    for m in re.finditer("报", text[sent.start:sent.end]):
        e = sent.start + m.end()
        if not _PAPER_AFTER.match(text, e) or not token_boundary(doc, sent, e):
            continue
        start = name_start(doc, sent, e - 1, limit=10)
        lead = _PAPER_LEAD.match(text, start, e - 1)
        start = lead.end() if lead else start
        head = text[start:e - 1]
        if len(head) < 2 or is_generic_head(head) or _NOT_A_PAPER.search(text[start:e]):
            continue
        if _SITE_BEFORE.search(text, max(sent.start, start - 4), start) or \
                not text.startswith("报道", e):
            if not blocked(doc, start, e, ("GovernmentBody", "Company", "Person")):
                add_mention(doc, "Organization", text[start:e], start, e, "organisations")


# a paper, magazine or news service in book-title marks, named as a medium: 《X报》, 《X》记者,
# 接受《X》采访, 对《X》表示
_TITLED = re.compile(r"《([^《》\s]{2,12})》")
_MEDIUM_CONTEXT_AFTER = re.compile(r"(?:记者|报道|采访|透露|表示|称|介绍|说|披露|获悉|了解到)")
_PERIODICAL_AFTER = re.compile(r"(?:杂志社?|期刊|周刊|月刊|报社|电视台|网站)")  # 《X》杂志
_NOT_A_PAPER = re.compile(r"(?:公报|通报|年报|季报|月报|简报|汇报|情报|预报|快报|周报)$")


def _titled_media(doc: Document, sent: Sentence) -> None:
    """A medium in book-title marks: 《X日报》, 《X报》, 《X》杂志, or any 《X》 whose reporters or
    readers the sentence names (《每日经济新闻》记者, 对《X》表示)."""
    text = doc.text
    for m in _TITLED.finditer(text, sent.start, sent.end):
        s, e = m.span(1)
        name = m.group(1)
        paper = name.endswith("报") and not _NOT_A_PAPER.search(name) \
            or _PERIODICAL_AFTER.match(text, m.end()) is not None
        named = _MEDIUM_CONTEXT_AFTER.match(text, m.end()) and (
            text[m.end():m.end() + 2] == "记者" or text[max(sent.start, m.start() - 2):m.start()]
            in ("对", "接受", "向", "据", "告诉") or text[m.start() - 1:m.start()] in "对向据")
        if (paper or named or ends_with_any(name, "org_organisation_suffixes")) and \
                not overlapping(doc, s, e, ("Organization", "GovernmentBody", "Company")):
            add_mention(doc, "Organization", name, s, e, "organisations")


@component("organisations", requires=("sentences",), reads=("region",))
def find_organisations(doc: Document) -> None:
    """Organization mentions by suffix; media brands in bylines; the page's source line."""
    for sent in doc.sentences:
        _org_in_sentence(doc, sent)
    for sent in doc.sentences:
        _media_brands(doc, sent)
        _websites(doc, sent)
        _titled_media(doc, sent)
        _cited_papers(doc, sent)
    _source_line(doc)
    _masthead(doc)
    _drop_heads_of_longer(doc)
    _merge_short(doc)
