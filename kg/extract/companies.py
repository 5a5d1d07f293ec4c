"""Companies: full legal names by suffix, short forms, enumerations of enterprises.

* a name ending in a suffix of ``kg/lexicon/org_company_suffixes.txt``
  (``有限公司``, ``集团``), begun where :func:`kg.extract.names.name_start` says;
* the items of an enumeration of enterprises (``A、B等企业``);
* a head plus an industry word before a company cue (``兴业汽配负责人``);
* the short forms of the full names (:func:`kg.extract.company_names.link_short_forms`).

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = Document(path="a", name="a", raw="",
...     text="园区将广东华美电子科技有限公司推介给兴业汽配等企业。")
>>> _ = split_sentences(d)
>>> find_companies(d)
>>> sorted({m.name for m in d.mentions})
['兴业汽配', '广东华美电子科技有限公司']
"""

from __future__ import annotations

import re

from kg.components import component
from kg.extract.company_names import (
    after_verb,
    clean_item,
    common_kind,
    company_head,
    described,
    descriptive,
    link_short_forms,
    listed_with_companies,
    proper_head,
    split_pair,
    trade_phrase,
    valid_company,
)
from kg.extract.mentions import add_mention, blocked
from kg.extract.names import enumeration_items, is_generic_head, name_start
from kg.extract.person_names import title_ending_at, title_regex
from kg.extract.text import NUMERIC, dictionary_tag, token_boundary, word_frequency
from kg.lexicons import alternation, suffix_regex
from kg.model import Document, Sentence

# ---------------------------------------------------------------- patterns

_ABBR = re.compile(r"[(（]\s*(?:以下)?[简下]称\s*[“\"「]?([^“”\"「」()（）]{2,12})[”\"」]?\s*[)）]")
# the kinds of firm that close a list of firms (A、B等大钢企, A、B等超市)
_FIRMS = ("企业|公司|巨头|龙头|厂商|厂家|大厂|集团|钢企|车企|房企|药企|工厂|超市|卖场|商场|品牌"
          "|银行|券商|生产商|制造商|供应商|运营商|开发商|零售商")
# an enumeration of enterprises: A、B、C等(N家)(区内/本地)企业
_ENTERPRISE_TAIL = re.compile(
    r"(?:(?:等|这)(?:\d+|[一二两三四五六七八九十几多]+)?(?:家|户)?"
    f"(?:{alternation('org_enterprise_modifiers')})?"
    r"(?:企业|公司|平台公司|单位|厂家|厂商)"
    # or their trade between: A、B等日韩消费电子巨头, A、B等电力企业, A、B等面板厂商
    r"|等(?!(?:地区|地方|城市|国家|省份|领域|行业|产品|项目|部门|单位|机构|方面|[地类多诸种]))"
    r"(?P<trade>[^的和与及在是等为对向从把被给让使，。、；：()（）\s]{0,6}?)"
    rf"(?:{_FIRMS})"
    # or counted: A、B两家车企, A、B、C三大家电集团
    r"|(?<!等)(?P<count>[两三四五六七八九十][家大])"
    rf"[^的和与及在是等为对向从把被给让使，。、；：\s]{{0,6}}?(?:{_FIRMS})"
    # or counted alone at a clause's end: A、B两家。
    r"|(?<![等于过到])(?P<bare>[两三四五六七八九十]家)(?=[，。；！？,;]))"
    # (not costs of enterprises: 折旧费和大修理费等企业运营成本)
    r"(?![\u4e00-\u9fff]{0,2}(?:成本|费用|负担|利润|收入|数量))")


# a kind of company written before a full name: 地产公司|X集团, 美国市场研究公司|X集团
_KIND_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:公司|企业|集团)")
_LEGAL_BEFORE = ("有限公司", "股份公司", "集团公司", "总公司", "分公司", "子公司")


def _after_kind(text: str, start: int, s: int, e: int | None = None) -> int:
    """Where a full name begins when a bare kind of company (``…公司`` without a legal form)
    stands glued before it: after that kind, if two characters or more of name remain before
    its suffix and the rest is a valid, not descriptive company name (not 华星公司|合资公司).

    >>> _after_kind("地产公司长江置业集团", 0, 8), _after_kind("甲乙有限公司长江置业集团", 0, 10)
    (4, 0)
    >>> _after_kind("华星公司合资公司", 0, 6)  # a joint venture of 华星公司: not a kind
    0
    >>> _after_kind("食品集团瑞丰公司", 0, 6), _after_kind("徐工集团工程机械有限公司", 0, 10)
    (4, 0)
    """
    m = _KIND_BEFORE.match(text, start, s)
    if m is None or m.group().endswith(_LEGAL_BEFORE) or s - m.end() < 2:
        return start
    rest = text[m.end():s + 2 if e is None else e]
    # a group or an enterprise is a kind when common words alone name it (no place), the rest a
    # name of its own: 食品集团|华星公司, not a group's company (华星集团|工程机械股份有限公司)
    if not m.group().endswith("公司") and (not common_kind(m.group()) or not proper_head(rest)):
        return start
    return m.end() if valid_company(rest) and not descriptive(rest) else start


def _after_title(text: str, start: int, s: int) -> int:
    """Where a name begins after a post of three characters or more written before it
    (X重整管理人|Y律师事务所), if two characters of name remain."""
    for p in range(s - 2, start + 2, -1):
        title = title_ending_at(text, start, p)
        if title and len(title) >= 3:
            return p
    return start


def _full_names(doc: Document, sent: Sentence) -> None:
    rx = suffix_regex("org_company_suffixes")
    text = doc.text
    spans = []
    for m in rx.finditer(text, sent.start, sent.end):
        s, e = m.span()
        if m.group() in ("公司", "集团") and text[e:e + 2] in ("公司", "集团"):
            continue
        # (jieba may glue a post onto the suffix: 事务所律师)
        if token_boundary(doc, sent, e) or title_regex().match(text, e):
            spans.append((_after_title(text, name_start(doc, sent, s), s), s, e))
    # a bare kind glued before a name is no company of its own (市场研究公司|X集团)
    kinds = {k for start, s, e in spans if (k := _after_kind(text, start, s, e)) != start}
    for start, s, e in spans:
        if e not in kinds:
            _full_name(doc, _after_kind(text, start, s, e), e)


def _kind_after_list(text: str, start: int, e: int) -> bool:
    """Is ``text[start:e]``, right after the 等 that closes a list, the kind of the companies
    listed (A、B等系统集成公司), its head one common word of the dictionary?"""
    if text[start - 1:start] != "等":
        return False
    head = company_head(text[start:e])
    return dictionary_tag(head) in ("n", "vn", "v", "a", "b", "l")


# a count in a name: the kind of the companies listed before it (A、B、长虹|三大家电集团), or a
# description (后两家新公司, 第一家公司, 14|个省级公司)
_COUNT_INSIDE = re.compile(r"[两三四五六七八九十几多数][家大个]|第[一二三四五六七八九十]+家"
                           r"|^[个家]")


def _full_name(doc: Document, start: int, e: int) -> None:
    text = doc.text
    name = text[start:e]
    if not valid_company(name) or described(text, start, e) or _kind_after_list(text, start, e) \
            or _COUNT_INSIDE.search(name):
        return
    if blocked(doc, start, e, ("GovernmentBody", "Organization")):
        return
    ment = add_mention(doc, "Company", name, start, e, "companies")
    if ment is None:
        return
    a = _ABBR.match(text, e)
    if a and len(a.group(1)) >= 2:
        ment.aliases = (*ment.aliases, a.group(1))


def _industry_end(text: str, s: int, e: int) -> int | None:
    """End of the first industry word (and the ones right after it) in ``text[s:e]``.

    >>> _industry_end("瑞丰食品月饼", 0, 6), _industry_end("东方模塑科技产品", 0, 8)
    (4, 6)
    """
    rx = suffix_regex("org_industry_words")
    first = None
    for k in range(s + 2, e):
        first = rx.match(text, k, e)
        if first:
            break
    if first is None:
        return None
    end = first.end()
    while (m := rx.match(text, end, e)) is not None:
        end = m.end()
    return end


def _enumerated_companies(doc: Document, sent: Sentence) -> None:
    text = doc.text
    for m in _ENTERPRISE_TAIL.finditer(text, sent.start, sent.end):
        products = text.startswith("产品", m.end())
        # (A、B和C等企业: the conjunction before the last item joins two items)
        items = [p for a, b in enumeration_items(doc, sent, m.start())
                 for p in split_pair(text, a, b)]
        if (m.group("trade") or m.group("count") or m.group("bare")) and len(items) < 2:
            continue  # a trade between: a list only (A、B等电力企业), not one name (船机等…企业)
        if m.group("bare") and any(len(text[a:b]) > 4 or _KIND_INSIDE.search(text, a, b)
                                   for a, b in items):
            continue  # short names only (美的、海尔两家), not 电池、组件企业不少于五家
        for k, (s, e) in enumerate(items):
            if k == 0:
                s = after_verb(text, s, e)
            # 兴业家纺口罩等企业产品: the enterprise is the part up to the industry word
            if products:
                e = _industry_end(text, s, e)
                if e is None:
                    continue
            item = clean_item(text[s:e])
            if not (2 <= len(item) <= 16) or NUMERIC.search(item) or is_generic_head(item):
                continue
            if blocked(doc, s, e, ("Province", "City", "District", "Zone", "GovernmentBody",
                                        "Organization", "Person", "Project")):
                continue
            add_mention(doc, "Company", item, s, e, "companies")


_KIND_INSIDE = re.compile("企业|公司|集团|单位")
_CONTEXT_AFTER = re.compile(alternation("org_company_cues_after"))
_RANK = re.compile("首席|高级|资深")  # the rank of a post: X顾问|首席能源分析师 is no name


def _industry_short_forms(doc: Document, sent: Sentence) -> None:
    """Head + industry word followed by a company cue (``兴业汽配负责人``)."""
    text = doc.text
    rx = suffix_regex("org_industry_words")
    for m in rx.finditer(text, sent.start, sent.end):
        s, e = m.span()
        if not _CONTEXT_AFTER.match(text, e) or not token_boundary(doc, sent, e):
            continue
        start = name_start(doc, sent, s, limit=10, first_free=False)
        start = _after_kind(text, start, s, e)
        name = text[start:e]
        if not (3 <= len(name) <= 12) or not valid_company(name) or _RANK.search(name):
            continue
        head = company_head(name)
        # 交通投资公司, 国有稀土矿业企业; 清洁能源企业, 我国工程机械企业
        if len(head) > 6 or descriptive(name + "公司") or trade_phrase(name):
            continue
        add_mention(doc, "Company", name, start, e, "companies")


# a firm's name in Latin letters: capitalised words, ending in a legal or business word
# (Hawaii Asia Holdings Limited, Noront Resources), or after a kind of firm (风场运营商|Mainstream
# Renewable Power, 上市公司|Arrow Energy)
_LATIN_WORDS = r"[A-Z][A-Za-z0-9&\-]*\.?(?: (?:[A-Z0-9][A-Za-z0-9&\-]*\.?|of|and|&))*"
_LATIN_LEGAL = re.compile(
    rf"(?<![A-Za-z0-9])({_LATIN_WORDS} (?:Limited|Ltd\.?|Inc\.?|Corp\.?|Corporation|Company|"
    r"Holdings?|Group|Partners(?: [IVX]+)?|Resources|Power|Energy|Capital|LLC|PLC|AG|GmbH))"
    r"(?![A-Za-z0-9])")
_LATIN_AFTER_KIND = re.compile(
    r"(?:公司|集团|企业|运营商|开发商|制造商|生产商|供应商|投资商|厂商|矿商|银行)"
    rf"({_LATIN_WORDS})(?![A-Za-z0-9])")


def _latin_names(doc: Document, sent: Sentence) -> None:
    text = doc.text
    for rx in (_LATIN_LEGAL, _LATIN_AFTER_KIND):
        for m in rx.finditer(text, sent.start, sent.end):
            s, e = m.span(1)
            name = m.group(1).rstrip(".") if rx is _LATIN_AFTER_KIND else m.group(1)
            if len(name.replace(" ", "")) < 3 or name.isupper() and len(name) <= 3:
                continue
            if blocked(doc, s, s + len(name), ("GovernmentBody", "Organization", "Person",
                                               "Project")):
                continue
            add_mention(doc, "Company", name, s, s + len(name), "companies")


# a kind of firm, then the firms of that kind: 面板商——A、B、C等, 三大品牌如A(HP)、B与C
_KIND_THEN_LIST = re.compile(r"(?:商|公司|企业|厂家|巨头|品牌)(?:[^，。；、,;]{1,6}[，,])?"
                             r"(?:——|—|：|:|如(?![何果期今此同下])|包括|例如|像)")
_LISTED_FIRM = re.compile(r"([A-Za-z][A-Za-z0-9.&\-－]*(?: [A-Za-z0-9][A-Za-z0-9.&\-]*)*"
                          r"|[\u4e00-\u9fff]{2,6}?(?:[A-Za-z][A-Za-z0-9]*)?)(?:[(（][^()（）]{1,12}[)）])?"
                          r"(?=[、与和及等，。；]|都|也|均)")


def _kind_then_list(doc: Document, sent: Sentence) -> None:
    """The firms listed right after their kind (面板商——A、B等, 三大品牌如A、B与C): two or more."""
    text = doc.text
    for m in _KIND_THEN_LIST.finditer(text, sent.start, sent.end):
        pos, found = m.end(), []
        while (item := _LISTED_FIRM.match(text, pos, sent.end)) is not None:
            found.append(item.span(1))
            pos = item.end()
            if pos >= sent.end or text[pos] not in "、与和及":
                break
            pos += 1
        if len(found) < 2:
            continue
        for s, e in found:
            name = text[s:e]
            if is_generic_head(name) or NUMERIC.fullmatch(name) or blocked(doc, s, e) \
                    or dictionary_tag(name) in ("vn", "a", "d") \
                    or word_frequency(name) >= 5000:  # 企业包括生产、销售: activities
                continue
            add_mention(doc, "Company", name, s, e, "companies")


@component("companies", requires=("sentences",))
def find_companies(doc: Document) -> None:
    """Company mentions: legal names, enumerated enterprises, short forms."""
    for sent in doc.sentences:
        _full_names(doc, sent)
    for sent in doc.sentences:
        _latin_names(doc, sent)
        _kind_then_list(doc, sent)
        _enumerated_companies(doc, sent)
        _industry_short_forms(doc, sent)
    listed_with_companies(doc)
    link_short_forms(doc)
