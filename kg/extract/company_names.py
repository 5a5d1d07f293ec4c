"""Company names: their proper part, what makes one plausible, and their short forms.

A full company name (``四川兴业食品有限公司``) is written again in the same
article by a short form (``兴业食品``): :func:`short_forms` lists the likely
ones and :func:`link_short_forms` turns those the text holds into mentions
of the full name.

>>> company_head("广东华美电子科技有限公司")
'广东华美'
>>> sorted(short_forms("四川兴业食品有限公司", places=["四川"]))
['兴业食品', '兴业食品有限公司', '四川兴业食品']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kg.extract.divisions import DIVISION_TYPES, PROVINCES, is_place_name
from kg.extract.mentions import add_mention, blocked, overlapping
from kg.extract.names import LEGAL_FORMS, enumeration_items, is_generic_head
from kg.extract.text import (
    CLOSE,
    NUMERIC,
    PUNCT,
    dictionary_tag,
    longest_first,
    occurrences,
    word_frequency,
)
from kg.lexicons import ends_with_any, lexicon, lexicon_set
from kg.model import Document, Mention
from kg.segment import segment

_GENERIC_TAIL = re.compile(r"(?:有限|责任|股份|集团|控股)+$")
_LATIN_SPACE = re.compile(r"(?<=[A-Za-z]) (?=[A-Za-z])")  # Arrow Energy公司
_ONE_IN_BRACKETS = re.compile(r"[(（].?[)）]")  # 子(分)公司
_BRACKETED_PLACE = re.compile(r"[(（][^()（）]{1,8}[)）]")
_PLACEHOLDER = re.compile(r"[XxＸｘ×*＊某]+")  # XX公司: a company the text will not name
# what a name ends with when it says how a company stands to another (华美集团|成员公司) or
# which kind it is (纳斯达克|上市公司), not what it is called
_RELATION_ENDS = ("子公司", "母公司", "成员公司", "母体公司", "关联公司", "下属公司", "旗下公司",
                  "上市公司")
_GROUP_END = re.compile(r"集团(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)?$")


def company_head(name: str) -> str:
    """The proper part of a company name: without legal suffixes and industry words.

    Examples
    --------
    >>> company_head("广东华美电子科技有限公司")
    '广东华美'
    >>> company_head("投资公司")
    ''
    """
    s = name
    changed = True
    while changed and s:
        changed = False
        for lex in ("org_company_suffixes", "org_industry_words"):
            w = ends_with_any(s, lex)
            if w and len(w) < len(s) + 1:
                s = s[: -len(w)]
                changed = True
        s2 = _GENERIC_TAIL.sub("", s)
        if s2 != s:
            s, changed = s2, True
        if s.endswith(CLOSE):
            k = max(s.rfind("("), s.rfind("（"))
            if k > 0:
                s, changed = s[:k], True
    return s


def valid_company(name: str) -> bool:
    """A plausible company name: a non-generic head of at least 2 characters, not a description.

    Examples
    --------
    >>> valid_company("该公司"), valid_company("华美电子"), valid_company("集团公司")
    (False, True, False)
    >>> valid_company("华美集团全资子公司")  # a relation to 华美集团, not a name
    False
    >>> valid_company("华美集团成员公司"), valid_company("纳斯达克上市公司")  # a relation, a kind
    (False, False)
    >>> valid_company("上述期货公司"), valid_company("今年公司"), valid_company("XX公司")
    (False, False, False)
    """
    if len(name) < 3 or len(name) > 40 or PUNCT.search(_LATIN_SPACE.sub("", name)) \
            or name.endswith(_RELATION_ENDS) or _ONE_IN_BRACKETS.search(name):
        return False
    head = company_head(name)
    if len(head) < 2 or is_generic_head(head) or _PLACEHOLDER.fullmatch(head) \
            or head in lexicon_set("org_boundary_words"):  # 仍为|公司控股股东
        return False
    return not NUMERIC.search(head) and not descriptive(name)


# a bare suffix: a company named so may be a description (上述期货公司); a legal form is a name
_BARE_SUFFIX = re.compile(r"(?<!有限)(?<!股份)(?<!责任)(?:集团公司|[总分]?公司|集团)$")
# counted companies: 一家, 两大, 各大, 三家, 多家, 几个
_COUNT = re.compile(r"^(?:[一二两三四五六七八九十几多数各每某]+[家大些批个类位]|"
                    r"[一两几多数各每某])$")
_TIME_OR_FIGURE = ("t", "tg", "mq", "q", "r", "rr", "rz", "rg")  # not m: 九三粮油, 三一重工
_ACTIVITY = ("v", "vn", "vi", "vd")
# tags of words that may be a name's own part (a brand, a person's or a place's name, an
# abbreviation, a word jieba does not know)
_COMMON = ("n", "ng", *_TIME_OR_FIGURE, *_ACTIVITY)


def _head_word_class(word: str) -> str:
    """``desc`` (describes), ``activity`` (a verb), ``place``, ``noun`` or ``name`` (a word that
    may be a name's own part)."""
    tag = dictionary_tag(word)
    if word in lexicon_set("org_descriptive_words") or _COUNT.match(word) \
            or tag in _TIME_OR_FIGURE:
        return "desc"
    if is_place_name(word) or word in lexicon_set("countries"):
        return "place"
    if word in lexicon_set("org_industry_words"):  # 光伏, 石化: nouns of a trade; 投资: a verb
        return "activity" if tag in _ACTIVITY else "noun"
    if tag not in _COMMON or len(word) == 1:  # a single character: a piece of an unknown name
        return "name"
    return "activity" if tag in _ACTIVITY else "noun"


def proper_head(name: str) -> bool:
    """Does the head of the company name ``name`` hold a word that may be a name's own part (a
    brand, a person's name, a word jieba does not know), not only common nouns, verbs and
    places (华星公司, not 工程机械股份有限公司 or 供销有限公司)?

    >>> proper_head("华星电子公司"), proper_head("工程机械股份有限公司")
    (True, False)
    """
    return "name" in {_head_word_class(w) for w in segment(company_head(name))}


def common_kind(name: str) -> bool:
    """Is ``name`` (a group, an enterprise) a kind of firm, named by common nouns and verbs
    alone, no place and no word of a name (食品集团, 合营企业; not 中国华星集团 or 华星集团)?

    >>> common_kind("食品集团"), common_kind("中国兵器集团"), common_kind("华星集团")
    (True, False, False)
    """
    classes = {_head_word_class(w) for w in segment(name[:-2])}  # without 集团, 企业
    return bool(classes) and classes <= {"noun", "activity", "desc"}


# what, written right before a company's name, makes it a description: 一|期货公司, 上述|期货公司
_DESCRIBED_BEFORE = re.compile(r"(?:[一两几多数各每某这那该此]|上述|前述|这些|那些|一些|有些"
                               r"|部分|其他|其它|另一|许多|不少|众多|诸多)[家个类]?$")


def described(text: str, start: int, end: int) -> bool:
    """Is the company name ``text[start:end]`` a description, by itself (:func:`descriptive`) or by
    what is written before it: a count or a demonstrative before a head of common nouns only
    (北京一|期货公司, 上述|期货公司; not 这家|华通公司)?

    Examples
    --------
    >>> described("北京一期货公司的分析师", 3, 7), described("这家华通公司", 2, 6)
    (True, False)
    """
    name = text[start:end]
    if descriptive(name):
        return True
    suffix = _BARE_SUFFIX.search(name)
    if suffix is None or not _DESCRIBED_BEFORE.search(text, max(0, start - 3), start):
        return False
    classes = {_head_word_class(w) for w in segment(name[:suffix.start()])}
    return bool(classes) and classes <= {"noun", "activity"}


# a noun this frequent in jieba's corpus, alone before 公司 or 集团, is a description
_WORD_OF_THE_LANGUAGE = 2000


@functools.lru_cache(maxsize=1 << 12)
def descriptive(name: str) -> bool:
    """Is ``name``, ending in a bare 公司 or 集团, a description rather than a name?

    Its head (what comes before the suffix) holds no word that may be a name's own
    part, and describes: descriptive words or counts before common nouns
    (上述期货公司, 一家咨询公司), a verb of what the company does at its end with no
    place before it (氧化铝生产公司), or only places and descriptive words (中国公司,
    国际大公司, 今年公司), or one noun so frequent that it is a word of the language
    (工程公司).  Rarer common nouns alone may be a brand (期货公司 and 苹果公司
    look alike), and a place before what a company does is the form of an official
    name (深圳出版发行集团, 贵州电网公司): they stay names.

    Examples
    --------
    >>> [descriptive(n) for n in ("上述期货公司", "氧化铝生产公司", "国际大公司", "今年公司")]
    [True, True, True, True]
    >>> [descriptive(n) for n in ("苹果公司", "华美电子公司", "贵州电网公司", "华美有限公司")]
    [False, False, False, False]
    >>> descriptive("工程公司"), descriptive("目标集团")  # one frequent noun of the language
    (True, True)
    """
    suffix = _BARE_SUFFIX.search(name)
    if suffix is None or suffix.start() == 0:
        return False
    head = segment(name[:suffix.start()])
    if len(head) == 1 and dictionary_tag(head[0]) == "n" \
            and word_frequency(head[0]) >= _WORD_OF_THE_LANGUAGE:
        return True  # one frequent noun: 工程公司, 目标公司 (not 苹果公司, a brand's word)
    classes = [_head_word_class(w) for w in head]
    if "name" in classes:
        return False
    kinds = set(classes)
    if "desc" in kinds and kinds & {"noun", "activity"}:
        return True
    if classes[-1] == "activity":  # 硅片生产公司; not 突破电气公司, where a verb is the brand
        return "place" not in kinds
    return "noun" not in kinds and (name.endswith("公司") or "desc" in kinds)


_COMMON_FREQUENCY = 1000  # a noun this frequent in jieba's corpus is a word of the language


def _plain_word(word: str) -> bool:
    """Is ``word`` a plain word of the language, not a piece of a name: an adjective or a
    distinguishing word (清洁, 大型, 中小型), or a frequent common noun (工程, 传统)?"""
    tag = dictionary_tag(word)
    return tag in ("a", "b") or tag == "n" and word_frequency(word) >= _COMMON_FREQUENCY


@functools.lru_cache(maxsize=1 << 12)
def trade_phrase(name: str) -> bool:
    """Is ``name`` (a head and a trade, written before 企业 or 负责人) the name of a trade rather
    than of a company: one common noun of the dictionary (工程机械, 新能源), or a trade after
    plain words only, a place aside (清洁|能源, 中国|工程|机械, 中小型|清洁|能源)?  A head that
    may be a name's own part (兴业汽配, 华美电子) or a place alone (四川电力) leaves it a name.

    Examples
    --------
    >>> [trade_phrase(n) for n in ("工程机械", "清洁能源", "中国工程机械", "许多清洁能源")]
    [True, True, True, True]
    >>> [trade_phrase(n) for n in ("兴业汽配", "华美电子", "四川电力", "瑞丰食品", "东方模塑")]
    [False, False, False, False, False]
    """
    words = segment(name)
    if len(words) == 1:
        return dictionary_tag(name) == "n"
    head = [w for w in segment(company_head(name)) if not _place_word(w)]
    return bool(head) and all(_plain_word(w) or _head_word_class(w) == "desc" for w in head)


def _place_word(word: str) -> bool:
    return is_place_name(word) or word in lexicon_set("countries") or word in ("中国", "我国")


def short_forms(name: str, places: Iterable[str] = ()) -> set[str]:
    """Short forms a full company name is likely to appear as in the same article.

    Without the legal suffix (``蜀南铝业有限公司`` -> ``蜀南铝业``), without a
    leading place (``四川兴业食品公司`` -> ``兴业食品``), head plus industry
    word (``兴达联合(宜宾)橡胶工业有限公司`` -> ``兴达橡胶``).

    Parameters
    ----------
    name : str
        A full company name.
    places : iterable of str
        Place names that may begin it (see :func:`place_names`).

    Returns
    -------
    set of str
        Plausible company names other than ``name``.

    Examples
    --------
    >>> sorted(short_forms("四川兴业食品有限公司", places=["四川"]))
    ['兴业食品', '兴业食品有限公司', '四川兴业食品']
    >>> "兴达橡胶" in short_forms("兴达联合(宜宾)橡胶工业有限公司")
    True
    >>> "华星材料集团" in short_forms("浙江华星材料集团有限公司", places=["浙江"])
    True
    >>> "华星集团" in short_forms("浙江华星材料集团有限公司", places=["浙江"])
    True
    >>> "华星集团" in short_forms("浙江华星集团材料股份有限公司", places=["浙江"])  # its group's
    False
    """
    return set(_short_forms(name, frozenset(places)))


def _without_place(text: str, ordered: list[str], rest: int) -> str | None:
    """``text`` without the first of the ``ordered`` places it begins with, if ``rest`` characters
    remain; None if none fits."""
    for p in ordered:
        if p and text.startswith(p) and len(text) - len(p) >= rest:
            return text[len(p):]
    return None


def _without_suffix(base: str) -> str:
    """``base`` without the longest company suffix that leaves two characters (itself if none)."""
    for suf in lexicon("org_company_suffixes"):
        if base.endswith(suf) and len(base) - len(suf) >= 2:
            return base[: -len(suf)]
    return base


def _without_legal_form(base: str, core: str, ordered: list[str]) -> list[str]:
    """Only the legal form dropped, the business word kept: 浙江华星材料集团有限公司 ->
    (浙江)华星材料集团."""
    legal = next((f for f in LEGAL_FORMS if base.endswith(f) and base[: -len(f)] != core
                  and len(base) - len(f) >= 4), None)
    if legal is None:
        return []
    kept = base[: -len(legal)]
    without = _without_place(kept, ordered, 4)
    return [kept] if without is None else [kept, without]


def _head_forms(core: str, base: str) -> set[str]:
    """The first two or three characters plus an industry word of the rest (兴达橡胶), or plus
    集团 for a group (上海骏驰汽车部件集团有限公司 -> 骏驰集团)."""
    out: set[str] = set()
    # a group's name, not one of its companies' (徐工集团|工程机械股份有限公司 is not 徐工集团)
    group = _GROUP_END.search(base) is not None
    for h in (core[:2], core[:3]):
        rest = core[len(h):]
        for w in lexicon("org_industry_words"):
            if len(w) >= 2 and w in rest and rest != w and (group or w != "集团"):
                out.add(h + w)
        if group and rest:
            out.add(h + "集团")
    return out


@functools.lru_cache(maxsize=1 << 12)
def _short_forms(name: str, places: frozenset[str]) -> frozenset[str]:
    ordered = longest_first(places)
    base = _BRACKETED_PLACE.sub("", name)
    core = _without_suffix(base)
    out: set[str] = set()
    if core != base:
        out.add(core)
        without = _without_place(base, ordered, 4)  # 上海华星集团 -> 华星集团
        if without is not None:
            out.add(without)
    out.update(_without_legal_form(base, core, ordered))
    without = _without_place(core, ordered, 3)
    if without is not None:
        core = without
        out.add(core)
    out |= _head_forms(core, base)
    return frozenset(f for f in out if f != name and len(f) >= 3 and valid_company(f))


def _subsequence(short: str, full: str) -> bool:
    """Are the characters of ``short`` in ``full``, in order?"""
    it = iter(full)
    return all(c in it for c in short)


def abbreviates(short: str, full: str) -> bool:
    """Is ``short`` an abbreviation of the longer company name ``full``, made by keeping some of
    its characters in order (省公航旅集团 of 甘肃省公路航空旅游投资集团, 中石油 of
    中国石油天然气集团公司, 卓群公司 of 江苏卓群纳米稀土股份有限公司)?

    Its head (without a bare 公司 or 集团, which ``full`` must hold too) begins with two
    characters that stand together in ``full``, or with ``full``'s first character when it has
    three or more; a head that begins ``full`` and is followed there by more than a suffix
    names a parent company (中石油 of 中石油宁夏石化公司), not an abbreviation.

    Examples
    --------
    >>> abbreviates("省公投集团", "甘肃省公路航空旅游投资集团")
    True
    >>> abbreviates("中石油", "中国石油天然气集团公司")
    True
    >>> abbreviates("中石油", "中石油宁夏石化公司"), abbreviates("华能公司", "华电能源集团公司")
    (False, False)
    >>> abbreviates("华星公司", "华星电子有限公司"), abbreviates("华星", "华星新疆公司")
    (True, False)
    >>> abbreviates("华星集团", "湖北华星集团供销有限公司")  # the group of that company
    False
    """
    # 中国电信 of 中国电信江苏公司 is its parent; 鸿海公司 after 提供商台湾鸿海公司 is the name a
    # wrong left boundary was read around
    if len(full) <= len(short) + 1 or full.startswith(short) or full.endswith(short):
        return False
    suffix = _BARE_SUFFIX.search(short)
    if suffix and short in full:  # 华星集团 in 华星集团供销有限公司: the group it belongs to
        return False
    head = short[:suffix.start()] if suffix else short
    if len(head) < 2 or (suffix and suffix.group().lstrip("总分") not in full) \
            or not _subsequence(head, full):
        return False
    if full.startswith(head) and _names_a_branch(full[len(head):]):
        return False
    return head[:2] in full or len(head) >= 3 and head[0] == full[0]


def _names_a_branch(rest: str) -> bool:
    """Does ``rest``, after a company's name, name a branch of it (新疆公司, 江苏盐城分公司)?"""
    if "分" in rest:
        return True
    return any(is_place_name(rest[:k]) or rest[:k] in lexicon_set("countries") for k in (2, 3, 4))


def place_names(doc: Document) -> set[str]:
    """Province names and the surface forms of the regions the article names: what may begin a
    company's name.

    Examples
    --------
    >>> from kg.model import Mention
    >>> d = Document(path="a", name="a", raw="", text="张店区")
    >>> d.mentions = [Mention("District", "张店区", 0, 3, "t")]
    >>> {"张店区", "山东", "山东省"} <= place_names(d)
    True
    """
    # a country before a foreign firm's name: 美国|AGY公司
    # (not 中国: 中国铁路通信信号集团 is not 铁路通信信号)
    out = set(PROVINCES) | {p + "省" for p in PROVINCES} | lexicon_set("countries") - {"中国"}
    for m in doc.mentions:
        if m.type in DIVISION_TYPES:
            out.add(doc.text[m.start:m.end])
            out.add(m.name)
    return {p for p in out if len(p) >= 2}


def _forms_of(doc: Document, companies: list[Mention], full: list[str]) -> dict[str, str]:
    """The short forms of the ``full`` names (and their aliases), and the names of companies
    that abbreviate one of them alone, each mapped to its full name."""
    places = place_names(doc)
    forms: dict[str, str] = {}
    for name in full:
        for f in short_forms(name, places):
            forms.setdefault(f, name)
        for m in companies:
            if m.name == name:
                for a in m.aliases:
                    forms.setdefault(a, name)
    names = {m.name for m in companies}
    for m in companies:
        # 首钢公司 and 首钢集团 in one article: one company, named as the group
        if m.name.endswith("公司") and not m.name.endswith(LEGAL_FORMS) \
                and (group := m.name.removesuffix("集团公司").removesuffix("公司") + "集团") \
                in names and group != m.name:
            forms.setdefault(m.name, group)
    for m in companies:
        if m.name not in forms:
            longer = [f for f in full if abbreviates(m.name, f)]
            if len(longer) == 1:
                forms[m.name] = longer[0]
    return forms


def link_short_forms(doc: Document) -> None:
    """Give every full company name its short forms found in the text, as mentions.

    Existing company mentions whose name is a short form of a full name are
    renamed to the full name (their surface stays an alias).  The new mentions
    are the companies extractor's, whichever component asks.

    Examples
    --------
    >>> from kg.model import Mention
    >>> d = Document(path="a", name="a", raw="", text="兴业食品有限公司签约。兴业食品负责人表示")
    >>> d.mentions = [Mention("Company", "兴业食品有限公司", 0, 8, "companies")]
    >>> link_short_forms(d)
    >>> [(m.name, d.text[m.start:m.end]) for m in d.mentions]
    [('兴业食品有限公司', '兴业食品有限公司'), ('兴业食品有限公司', '兴业食品')]
    """
    companies = [m for m in doc.mentions if m.type == "Company"]
    full = longest_first(
        {m.name for m in companies if ends_with_any(m.name, "org_company_suffixes")}
    )
    if not full:
        return
    forms = _forms_of(doc, companies, full)
    names = {m.name for m in companies}
    for m in companies:
        if m.name in forms:
            m.aliases = (*m.aliases, m.name)
            m.name = forms[m.name]
        elif not ends_with_any(m.name, "org_company_suffixes"):
            # 国电 beside 国电集团: a group called by its bare name (renamed where found; the
            # bare name is not looked for elsewhere: 国电 begins 国电电力 too)
            full_of = [m.name + w for w in ("集团", "公司") if m.name + w in names]
            if len(full_of) == 1:
                m.aliases, m.name = (*m.aliases, m.name), full_of[0]
    if not forms:
        return
    for s, e in occurrences(doc.text, forms):
        if blocked(doc, s, e):
            continue
        add_mention(doc, "Company", forms[doc.text[s:e]], s, e, "companies")


# ---------------------------------------------------------------- lists of firms

_ITEM_NOISE = re.compile(r"(?:[(（][^()（）]{1,12}[)）]|…+|\.{2,})$")


def clean_item(text: str) -> str:
    """An item of a list without quotes, and without a bracket or an ellipsis after it.

    >>> clean_item("华星汽车(微博)"), clean_item("“华星”"), clean_item("华星机械……")
    ('华星汽车', '华星', '华星机械')
    """
    return _ITEM_NOISE.sub("", text.strip("“”\"‘’「」 "))


def after_verb(text: str, s: int, e: int) -> int:
    """Where the first item of a list begins after a verb or adverb its span took in
    (先后有|哈麻、…等企业), if two characters or more remain."""
    pos, cut = s, s
    for w in segment(text[s:e]):
        tag = dictionary_tag(w)
        if tag is None and len(w) >= 3 and w[0] in "有是为在由从":  # jieba: 先后|有哈麻
            cut = pos + 1 if e - pos - 1 >= 2 else cut
        pos += len(w)
        if tag in ("v", "d", "p", "c", "t", "s") and e - pos >= 2:
            cut = pos
    return cut


def split_pair(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The item ``text[s:e]`` of a list, as two items where 和, 与 or 及 joins two words of two
    characters or more (A、B和C等企业: B和C is two items).

    >>> t = "华软和东宝"
    >>> [t[a:b] for a, b in split_pair(t, 0, 5)], split_pair("和记", 0, 2)
    (['华软', '东宝'], [(0, 2)])
    >>> split_pair("华软等企业与东宝", 0, 8)
    [(0, 8)]
    """
    if "等" in text[s:e]:  # A等X企业与B: a list of its own before, not a pair
        return [(s, e)]
    for pos in range(s + 2, e - 2):
        if text[pos] in "和与及":
            return [(s, pos), (pos + 1, e)]
    return [(s, e)]


_LIST_END = re.compile(r"等|以及|[和与及]|[，。；,;！？]|$")
# what ends the name of an organ, an institution or a place, not of a firm (税务局, 图书馆,
# 热电厂, 广场): such items do not make a list one of firms, nor are its firms
_NOT_FIRM_END = re.compile(r"(?:[局部委厅办署院所馆堂场厂矿站校会]|设备|政府|中心)$")


def not_firm(item: str) -> bool:
    """Is ``item`` of a list an organ, an institution or a place rather than a firm?

    >>> [not_firm(n) for n in ("青州税务局", "市图书馆", "热电厂", "星海日报", "华星", "Kestra")]
    [True, True, True, True, False, False]
    """
    return bool(_NOT_FIRM_END.search(item) or ends_with_any(item, "org_organisation_suffixes"))


def _list_item(item: str) -> bool:
    """May ``item`` of a list be a firm's name: two to eight characters (twenty in Latin
    letters), no figure, no 等, not generic?"""
    return 2 <= len(item) <= (20 if item.isascii() else 8) and "等" not in item \
        and not NUMERIC.search(item) and not is_generic_head(item)


_NOT_FIRMS = ("Person", "GovernmentBody", "Organization", "Project")


def listed_with_companies(doc: Document) -> None:
    """The other items of a list whose items are companies (彩虹集团、长虹集团、上海天马等):
    companies too, when two items or more are, or one of three items or more (A、B集团、C等).
    The list ends at 等, at a clause's end, or at a conjunction before its last item (A、B以及
    C集团); its items are names of eight characters or less
    (twenty in Latin letters) that no other mention covers, none an organ or a place."""
    text = doc.text
    for sent in doc.sentences:
        spans = {(m.start, m.end) for m in doc.mentions if m.type == "Company"}
        for m in _LIST_END.finditer(text, sent.start, sent.end):
            k = m.start()
            if text[k - 1:k] in ("", "、", "等") or "、" not in text[max(sent.start, k - 10):k]:
                continue
            items = enumeration_items(doc, sent, k)
            # the last item a name too (not 太平洋保险等企业, 金融街5个项目2月底前复工)
            if not items or not _list_item(clean_item(text[slice(*items[-1])])):
                continue
            items[0] = (after_verb(text, *items[0]), items[0][1])
            named = sum(1 for s, e in items if (s, e) in spans and not not_firm(text[s:e]))
            # A、B以及|C集团: the company after the conjunction is the list's last item
            last = m.end() > k and any(a == m.end() and not not_firm(text[a:b])
                                       and not text[a:b].endswith(LEGAL_FORMS) for a, b in spans)
            if not (named + last >= 2 or named + last and len(items) + last >= 3):
                continue
            for s, e in items:
                item = clean_item(text[s:e])
                if (s, e) in spans or not _list_item(item) or not_firm(item) \
                        or blocked(doc, s, e) or overlapping(doc, s, e, _NOT_FIRMS):
                    continue
                add_mention(doc, "Company", item, s, e, "companies")
