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
from kg.extract.text import longest_first, token_boundary
from kg.lexicons import alternation, lexicon_set, suffix_regex
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
        if name in _GENERIC_ORG or len(name) < 3:
            continue
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


@component("organisations", requires=("sentences",), reads=("region",))
def find_organisations(doc: Document) -> None:
    """Organization mentions by suffix; media brands in bylines; the page's source line."""
    for sent in doc.sentences:
        _org_in_sentence(doc, sent)
    for sent in doc.sentences:
        _media_brands(doc, sent)
    _source_line(doc)
    _masthead(doc)
    _merge_short(doc)
