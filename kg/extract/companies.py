"""Companies: full legal names by suffix, short forms, enumerations of enterprises.

Also the shared machinery the other extractors of this family use
(:mod:`kg.extract.orgs`, :mod:`kg.extract.projects`, :mod:`kg.extract.lac`):
generic lexicons, per-sentence jieba tokens and the left-boundary finder
:func:`name_start` that stops a name at the verb or preposition before it.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = Document(path="a", name="a", raw="", text="园区将广东华美电子科技有限公司推介给兴业汽配等企业。")
>>> _ = split_sentences(d)
>>> find_companies(d)
>>> sorted({m.name for m in d.mentions})
['兴业汽配', '广东华美电子科技有限公司']
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from kg.model import Document, Mention, Sentence
from kg.pipeline import component
from kg.segment import segment

LEXICON = Path(__file__).resolve().parent.parent / "lexicon"

# ---------------------------------------------------------------- lexicons


@functools.cache
def lexicon(name: str) -> tuple[str, ...]:
    """Entries of ``kg/lexicon/<name>.txt`` (comments and blanks dropped), longest first.

    >>> "有限公司" in lexicon("org_company_suffixes")
    True
    """
    path = LEXICON / f"{name}.txt"
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and line not in words:
            words.append(line)
    return tuple(sorted(words, key=len, reverse=True))


@functools.cache
def lexicon_set(name: str) -> frozenset[str]:
    """The entries of :func:`lexicon` as a set."""
    return frozenset(lexicon(name))


@functools.cache
def suffix_regex(name: str) -> re.Pattern[str]:
    """A regex matching any entry of lexicon ``name``, longest first."""
    return re.compile("|".join(re.escape(w) for w in lexicon(name)))


def longest_first(words: Iterable[str]) -> list[str]:
    """Longest first, ties in code-point order: the same order in every process (a set's is not).

    >>> longest_first({"张店", "淄博", "张店区"})
    ['张店区', '张店', '淄博']
    """
    return sorted(words, key=lambda w: (-len(w), w))


def ends_with_any(text: str, lex: str) -> str | None:
    """The longest entry of lexicon ``lex`` that ``text`` ends with, or None.

    >>> ends_with_any("兴业汽配", "org_industry_words")
    '汽配'
    """
    words, lengths = lexicon_by_length(lex)
    for n in lengths:
        if n <= len(text) and text[-n:] in words:
            return text[-n:]
    return None


@functools.cache
def lexicon_by_length(lex: str) -> tuple[frozenset[str], tuple[int, ...]]:
    """The entries of lexicon ``lex`` and their distinct lengths, longest first."""
    return lexicon_set(lex), tuple(sorted({len(w) for w in lexicon(lex)}, reverse=True))


# ---------------------------------------------------------------- tokens


class Token(NamedTuple):
    """A jieba token with document offsets and its dictionary part of speech (a tuple: cheap to make)."""

    text: str
    start: int
    end: int
    tag: str | None


_make_token = functools.partial(tuple.__new__, Token)  # Token(*fields) without a Python-level call


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba, jieba.posseg.dt.word_tag_tab


def tokens(doc: Document, sent: Sentence) -> list[Token]:
    """jieba tokens of ``sent`` (cached on the document), tagged from the dictionary."""
    cache = doc.context.setdefault("_tokens", {})
    toks = cache.get(sent.index)
    if toks is None:
        _, tab = _jieba()
        words = segment(sent.text)
        ends = list(itertools.accumulate(map(len, words), initial=sent.start))
        toks = list(map(_make_token, zip(words, ends[:-1], ends[1:], map(tab.get, words), strict=True)))
        cache[sent.index] = toks
    return toks


# tags that never begin a name: prepositions, conjunctions, particles, pronouns, adverbs...
_STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "rr", "rz", "rg", "d", "df",
              "y", "e", "o"}
_INNER_OK = {"之"}  # tagged as particles/prepositions but found inside names
_PUNCT = re.compile(r"[\s,，。；;：:！!？?、“”\"'‘’《》<>【】\[\]{}|｜/\\·•…—\-~～=+*#@%&^`]")
_NUMERIC = re.compile(r"^[\d.％%]+$|^[0-9０-９]")
_CLASSIFIERS = set("个家项座条批期亿万千百元年月日号")
_OPEN, _CLOSE = "(（", ")）"
# capacity figures belong to project names: 年产5万台精密机床项目
_CAPACITY = {"年产", "年加工", "年处理", "年产能", "日产", "日处理", "年出栏", "年吞吐", "年吞吐量", "年生产"}
# units of a capacity figure that starts a project's name (not money: 亿元 ends a name instead)
_CAPACITY_UNITS = ("万千瓦", "千瓦", "兆瓦", "吉瓦", "GW", "MW", "万吨", "千吨", "吨", "万台", "万套", "万件",
                   "万只", "万头", "万羽", "万平方米", "平方米", "万辆", "万片", "万立方米", "立方米", "千伏",
                   "万锭", "万标箱", "万千伏安", "兆瓦时", "GWh", "MWh")


# what a company does, written after 建设 in its name: 城市建设投资(集团), 工业园区建设开发有限公司
_BUSINESS_VERBS = {"投资", "开发", "发展", "管理", "运营", "经营", "控股"}
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]+")
# a verb after a capacity figure is part of the product's name: 年产15万吨光伏|压延|玻璃项目
_PRODUCT_AFTER_CAPACITY = re.compile(r"[\d.]+(?:" + "|".join(_CAPACITY_UNITS) + r")[\u4e00-\u9fff]{0,8}$")


def _place_name(word: str) -> bool:
    """Is ``word`` the name of a division (怀化, 张店), by the national table?"""
    from kg.extract.regions import forms

    return len(word) >= 2 and word in forms()


@functools.cache
def _inner_verbs(works: bool) -> frozenset[str]:
    """Verbs that stay inside a name, with the works verbs of a project's name when ``works``."""
    inner = lexicon_set("org_inner_verbs")
    return inner | lexicon_set("project_works_verbs") if works else inner


def name_start(doc: Document, sent: Sentence, pos: int, limit: int = 24, first_free: bool = True,
               allow_and: bool = False, works: bool = False) -> int:
    """Where a name that ends just before ``pos`` begins, scanning jieba tokens leftwards.

    The name stops at punctuation, at a boundary word (a verb or preposition
    from ``org_boundary_words.txt``), at a pronoun, adverb or particle, and
    after ``limit`` characters.  A bracketed place (``(南通)``) is kept.  With
    ``first_free`` the token right before ``pos`` is kept even if it is a
    boundary word (``建设`` in ``XX建设集团``).  With ``works`` (a project's name) the
    verbs of ``project_works_verbs.txt`` stay inside it (``保护提升工程``).

    >>> from kg.model import Document
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="主动与东方红电子协商"))
    >>> d.text[name_start(d, d.sentences[0], 8):8]
    '东方红电子'
    """
    toks = tokens(doc, sent)
    boundary = lexicon_set("org_boundary_words")
    # a project's name (works): the works done are part of it (历史街区保护提升工程, 酒庄二期扩建项目)
    works_verbs = lexicon_set("project_works_verbs") if works else frozenset()
    inner_verbs = _inner_verbs(works)
    start = pos
    i = len(toks) - 1
    while i >= 0 and toks[i].start >= pos:
        i -= 1
    if i >= 0 and toks[i].end > pos:  # a token straddles pos: it belongs to the name
        start = toks[i].start
        i -= 1
    first = True
    while i >= 0:
        t = toks[i]
        if t.text and t.text[-1] in _CLOSE:
            j = i
            while j >= 0 and not (toks[j].text and toks[j].text[0] in _OPEN):
                j -= 1
            if j < 0 or toks[i].end - toks[j].start > 10 or j == i and len(t.text) < 2:
                break
            content = doc.text[toks[j].start + 1:toks[i].end - 1]
            if not content or _PUNCT.search(content):
                break
            start, i, first = toks[j].start, j - 1, False
            continue
        if t.text == " " and 0 < i < len(toks) - 1 and _LATIN.fullmatch(toks[i - 1].text) \
                and _LATIN.fullmatch(toks[i + 1].text):
            start, i = t.start, i - 1  # a space between Latin words of a name: Micro LED显示模组
            continue
        if t.text in ("/", "／") and 0 < i < len(toks) - 1 and toks[i + 1].text == "年" \
                and doc.text.startswith(_CAPACITY_UNITS, toks[i - 1].start):
            start, i = t.start, i - 1  # 20万吨/年: a capacity per year
            continue
        if _PUNCT.search(t.text) or t.text[0] in _OPEN or _money_unit(toks, i):
            break  # a name never holds an amount of money: 总投资45亿元|功率芯片封测基地
        if pos - t.start > limit:
            break
        if allow_and and t.text == "与" and i > 0 and toks[i - 1].tag == "n" and not first:
            start, i = t.start, i - 1
            continue
        # a name's character jieba reads as a conjunction between single characters: 湖南|安|和|医疗集团
        glued_char = t.text in ("和", "与") and not first and i > 0 and len(toks[i - 1].text) == 1 \
            and "\u4e00" <= toks[i - 1].text <= "\u9fff" and toks[i - 1].tag not in _STOP_TAGS \
            and toks[i - 1].text not in "省市区县镇乡村"
        if t.text not in _INNER_OK and not glued_char:
            if t.tag in _STOP_TAGS and not (first and first_free and t.tag in ("d",)):
                break
            verb = t.tag in ("v", "vi", "vd") and t.text not in inner_verbs \
                and not _PRODUCT_AFTER_CAPACITY.search(doc.text, max(sent.start, t.start - 16), t.start) \
                and not _place_name(t.text)  # (怀化, a city jieba tags as a verb)
            # 建设 ends a name (开工建设|X项目) unless it joins another verb of the name: 城市建设投资(集团)
            compound = t.text in inner_verbs and i + 1 < len(toks) and toks[i + 1].start == start \
                and toks[i + 1].text in _BUSINESS_VERBS
            inner_work = t.text in works_verbs
            if t.text in boundary and not compound and not inner_work \
                    and not (first and first_free and len(t.text) > 1 and not verb):
                break
            if verb and len(t.text) > 1:
                break
            capacity = any(toks[k].text in _CAPACITY for k in range(max(0, i - 2), i))
            if not capacity and _NUMERIC.search(t.text) and doc.text.startswith(_CAPACITY_UNITS, t.end) \
                    and t.end < pos and not first:
                # a capacity figure begins the name (200兆瓦分布式光伏发电项目), with the verb
                # written before it (年加工30万吨玉米深加工项目)
                start = t.start
                before = doc.text[max(sent.start, start - 4):start]
                verb = max((w for w in _CAPACITY if before.endswith(w)), key=len, default="")
                start -= len(verb)
                prev = toks[i - 1] if i > 0 else None
                if not verb and doc.text.startswith("千伏", t.end) and prev is not None and len(prev.text) >= 2 \
                        and _HAN_NAME.fullmatch(prev.text) and prev.text not in boundary \
                        and not is_generic_head(prev.text) and prev.tag not in ("v", "vn", "m"):
                    start = prev.start  # a substation's name before its voltage: 兴业110千伏变电站
                break
            if not capacity and (_NUMERIC.search(t.text) or (t.tag == "m" and i + 1 < len(toks)
                                                           and toks[i + 1].text[:1] in _CLASSIFIERS)):
                break
        if t.text in _LEGAL_FORMS_ALL and not doc.text.startswith(_BRANCHES, pos) \
                and suffix_regex("org_company_suffixes").match(doc.text, pos):
            break  # another company's name ends here (A有限公司系B控股有限公司); a branch keeps its parent
        if t.text[0] in _GLUED_PREP and len(t.text) >= 2 and t.tag is None:
            start = t.start + 1  # jieba glued a preposition onto an unknown name: 由|华通, 在|鑫源
            break
        start, first = t.start, False
        i -= 1
    # never start on a bracketed group or a particle kept as "inner"
    while start < pos:
        c = doc.text[start]
        if c in _OPEN:
            k = start + 1
            while k < pos and doc.text[k] not in _CLOSE:
                k += 1
            start = k + 1
        elif c in _CLOSE or c in "之与":
            start += 1
        elif doc.text.startswith(("企业", "公司"), start) and pos - start > 4:
            start += 2  # the kind before a name, its qualifier cut: 台资|企业|B新材料有限公司
        else:
            break
    return min(start, pos)


_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")
_BRANCHES = ("分公司", "分行", "分厂", "子公司", "分院", "分店", "分中心", "支行")

_MONEY_UNITS = {"亿元", "万元", "千元", "美元", "亿美元", "万美元", "欧元", "亿欧元", "港元", "亿港元", "万亿元"}
_NUMBER_END = re.compile(r"[\d０-９零〇一二两三四五六七八九十百千万亿余多几]$")


def _money_unit(toks: list[Token], i: int) -> bool:
    """Is token ``i`` the unit of an amount of money (45|亿元, 三千|万元, 5|元)?"""
    t = toks[i].text
    if t in _MONEY_UNITS:
        return True
    return t == "元" and i > 0 and _NUMBER_END.search(toks[i - 1].text) is not None

# prepositions that jieba's HMM glues onto the first characters of a name it does not know
_GLUED_PREP = set("由在对把被从让给将据")  # not 于 or 向: surnames and place names (于家堡)


def token_starts(doc: Document, sent: Sentence) -> frozenset[int]:
    """Where the jieba tokens of ``sent`` start (cached on the document).

    The tokens cover the sentence without gaps, so a token ends where the next
    starts, and the last ends at ``sent.end``.
    """
    cache = doc.context.setdefault("_starts", {})
    starts = cache.get(sent.index)
    if starts is None:
        starts = cache[sent.index] = frozenset(t.start for t in tokens(doc, sent))
    return starts


def token_boundary(doc: Document, sent: Sentence, pos: int) -> bool:
    """True if no jieba token of ``sent`` straddles ``pos`` (a word ends there).

    >>> from kg.model import Document
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="建设大学城"))
    >>> token_boundary(d, d.sentences[0], 4), token_boundary(d, d.sentences[0], 5)
    (False, True)
    """
    return not sent.start < pos < sent.end or pos in token_starts(doc, sent)


# ---------------------------------------------------------------- names

_GENERIC_TAIL = re.compile(r"(?:有限|责任|股份|集团|控股)+$")


def company_head(name: str) -> str:
    """The proper part of a company name: without legal suffixes and industry words.

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
        if s.endswith(_CLOSE):
            k = max(s.rfind("("), s.rfind("（"))
            if k > 0:
                s, changed = s[:k], True
    return s


@functools.lru_cache(maxsize=1 << 14)
def is_generic_head(head: str) -> bool:
    """True if ``head`` is empty or made only of generic words (该, 平台, 区内...).

    >>> is_generic_head("平台"), is_generic_head("华美")
    (True, False)
    """
    generic = lexicon("org_generic_heads")
    s = head
    while s:
        for w in generic:
            if s.startswith(w):
                s = s[len(w):]
                break
        else:
            return False
    return True


def valid_company(name: str) -> bool:
    """A plausible company name: a non-generic head of at least 2 characters.

    >>> valid_company("该公司"), valid_company("华美电子"), valid_company("集团公司"), valid_company("华美集团全资子公司")
    (False, True, False, False)
    """
    if len(name) < 3 or len(name) > 40 or _PUNCT.search(name) or name.endswith(("子公司", "母公司")):
        return False  # A集团全资子公司: a relation to A, not a name
    head = company_head(name)
    if len(head) < 2 or is_generic_head(head):
        return False
    return not _NUMERIC.search(head)


# legal forms only (a business word such as 集团 before them stays part of the short form)
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司")
_LEGAL_FORMS_ALL = {*_LEGAL_FORMS, "集团有限公司"}  # as jieba may tokenise them (see name_start)


def short_forms(name: str, places: Iterable[str] = ()) -> set[str]:
    """Short forms a full company name is likely to appear as in the same article.

    Without the legal suffix (``蜀南铝业有限公司`` -> ``蜀南铝业``), without a
    leading place (``四川兴业食品公司`` -> ``兴业食品``), head plus industry
    word (``兴达联合(宜宾)橡胶工业有限公司`` -> ``兴达橡胶``).

    >>> sorted(short_forms("四川兴业食品有限公司", places=["四川"]))
    ['兴业食品', '兴业食品有限公司', '四川兴业食品']
    >>> "兴达橡胶" in short_forms("兴达联合(宜宾)橡胶工业有限公司")
    True
    >>> "华星材料集团" in short_forms("浙江华星材料集团有限公司", places=["浙江"])
    True
    >>> "华星集团" in short_forms("浙江华星材料集团有限公司", places=["浙江"])
    True
    """
    return set(_short_forms(name, frozenset(places)))


@functools.lru_cache(maxsize=1 << 12)
def _short_forms(name: str, places: frozenset[str]) -> frozenset[str]:
    ordered = longest_first(places)
    out: set[str] = set()
    base = re.sub(r"[(（][^()（）]{1,8}[)）]", "", name)
    core = base
    for suf in lexicon("org_company_suffixes"):
        if base.endswith(suf) and len(base) - len(suf) >= 2:
            core = base[: -len(suf)]
            out.add(core)
            break
    for p in ordered:
        if p and base.startswith(p) and len(base) - len(p) >= 4 and base != core:
            out.add(base[len(p):])  # 上海华星集团 -> 华星集团
            break
    # only the legal form dropped, the business word kept: 浙江华星材料集团有限公司 -> (浙江)华星材料集团
    for legal in _LEGAL_FORMS:
        if base.endswith(legal) and base[: -len(legal)] != core and len(base) - len(legal) >= 4:
            kept = base[: -len(legal)]
            out.add(kept)
            for p in ordered:
                if p and kept.startswith(p) and len(kept) - len(p) >= 4:
                    out.add(kept[len(p):])
                    break
            break
    for p in ordered:
        if p and core.startswith(p) and len(core) - len(p) >= 3:
            core = core[len(p):]
            out.add(core)
            break
    group = "集团" in base[len(core):] or base.endswith("集团")
    for h in (core[:2], core[:3]):
        rest = core[len(h):]
        for w in lexicon("org_industry_words"):
            if len(w) >= 2 and w in rest and rest != w:
                out.add(h + w)
        if group and rest:
            out.add(h + "集团")  # 上海骏驰汽车部件集团有限公司 -> 骏驰集团
    return frozenset(f for f in out if f != name and len(f) >= 3 and valid_company(f))


def add_mention(doc: Document, type_: str, name: str, start: int, end: int, extractor: str,
                aliases: tuple[str, ...] = ()) -> Mention | None:
    """Append a mention unless an existing mention covers the span already."""
    for m in doc.mentions:
        if m.start <= start and end <= m.end and (m.end - m.start > end - start or m.type == type_):
            return None
    m = Mention(type_, name, start, end, extractor, aliases=aliases)
    doc.mentions.append(m)
    return m


def overlapping(doc: Document, start: int, end: int, types: Iterable[str] | None = None) -> list[Mention]:
    """Mentions that overlap ``[start, end)`` (of the given types)."""
    ts = set(types) if types else None
    return [m for m in doc.mentions if m.start < end and start < m.end and (ts is None or m.type in ts)]


def blocked(doc: Document, start: int, end: int, types: Iterable[str] | None = None) -> bool:
    """True if a mention (of ``types``) covers ``[start, end)`` or crosses its boundaries.

    Mentions nested strictly inside the span (a place inside a company name) do not block.
    """
    for m in overlapping(doc, start, end, types):
        inside = start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
        if not inside:
            return True
    return False


# province-level names and their short forms: generic knowledge, for stripping a place prefix
PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
             "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门")


def place_names(doc: Document) -> set[str]:
    """Province names and the surface forms of the regions other extractors found."""
    out = set(PROVINCES) | {p + "省" for p in PROVINCES}
    for m in doc.mentions:
        if m.type in ("Province", "City", "District"):
            out.add(doc.text[m.start:m.end])
            out.add(m.name)
    return {p for p in out if len(p) >= 2}


# ---------------------------------------------------------------- patterns

_ABBR = re.compile(r"[(（]\s*(?:以下)?简称\s*[“\"「]([^”\"」]{2,12})[”\"」]\s*[)）]")
# an enumeration of enterprises: A、B、C等(N家)(区内/本地)企业
_ENTERPRISE_TAIL = re.compile(
    r"(?:等|这)(?:\d+|[一二两三四五六七八九十几多]+)?(?:家|户)?(?:区内|辖区|本地|当地|重点|骨干|龙头|规上|平台|民营|国有)?"
    r"(?:企业|公司|平台公司|单位|厂家|厂商)")
_ITEM_SPLIT = re.compile(r"[、和及与]")


def _full_names(doc: Document, sent: Sentence) -> None:
    rx = suffix_regex("org_company_suffixes")
    text = doc.text
    for m in rx.finditer(text, sent.start, sent.end):
        s, e = m.span()
        if m.group() in ("公司", "集团") and text[e:e + 2] in ("公司", "集团"):
            continue
        if not token_boundary(doc, sent, e):
            continue
        start = name_start(doc, sent, s)
        name = text[start:e]
        if not valid_company(name):
            continue
        if blocked(doc, start, e, ("GovernmentBody", "Organization")):
            continue
        ment = add_mention(doc, "Company", name, start, e, "companies")
        if ment is None:
            continue
        a = _ABBR.match(text, e)
        if a and len(a.group(1)) >= 2:
            ment.aliases = (*ment.aliases, a.group(1))


def enumeration_items(doc: Document, sent: Sentence, end: int, works: bool = False) -> list[tuple[int, int]]:
    """Spans of the items of a list ``A、B、C`` that ends just before ``end``.

    >>> from kg.model import Document
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="支持兴业汽配、华美电子等企业"))
    >>> [d.text[s:e] for s, e in enumeration_items(d, d.sentences[0], 11)]
    ['兴业汽配', '华美电子']
    """
    text = doc.text
    items: list[tuple[int, int]] = []
    e = end
    while e > sent.start:
        k = e
        while k > sent.start and text[k - 1] not in "、，,；;：:。“”\"《》 \n":
            k -= 1
        # k is after a separator or at the sentence start; is the separator an enumeration comma?
        if k > sent.start and text[k - 1] == "、":
            if e - k >= 2:
                items.append((k, e))
            e = k - 1
            continue
        s = name_start(doc, sent, e, limit=max(2, e - k), first_free=False, works=works)
        s = max(s, k)
        if e - s >= 2:
            items.append((s, e))
        break
    items.reverse()
    return items


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


def _clean_item(text: str) -> str:
    return text.strip("“”\"‘’「」 ")


def _enumerated_companies(doc: Document, sent: Sentence) -> None:
    text = doc.text
    for m in _ENTERPRISE_TAIL.finditer(text, sent.start, sent.end):
        products = text.startswith("产品", m.end())
        for s, e in enumeration_items(doc, sent, m.start()):
            if products:  # 兴业家纺口罩等企业产品: the enterprise is the part up to the industry word
                e = _industry_end(text, s, e)
                if e is None:
                    continue
            item = _clean_item(text[s:e])
            if not (2 <= len(item) <= 16) or _NUMERIC.search(item) or is_generic_head(item):
                continue
            if blocked(doc, s, e, ("Province", "City", "District", "Zone", "GovernmentBody",
                                        "Organization", "Person", "Project")):
                continue
            add_mention(doc, "Company", item, s, e, "companies")


_CONTEXT_AFTER = re.compile(r"负责人|董事长|总经理|副总经理|经理|厂长|创始人|公司|集团|企业|员工|职工|工人")


def _industry_short_forms(doc: Document, sent: Sentence) -> None:
    """Head + industry word followed by a company cue (``兴业汽配负责人``)."""
    text = doc.text
    rx = suffix_regex("org_industry_words")
    for m in rx.finditer(text, sent.start, sent.end):
        s, e = m.span()
        if not _CONTEXT_AFTER.match(text, e) or not token_boundary(doc, sent, e):
            continue
        start = name_start(doc, sent, s, limit=10, first_free=False)
        name = text[start:e]
        if not (3 <= len(name) <= 12) or not valid_company(name):
            continue
        head = company_head(name)
        if len(head) > 6:
            continue
        add_mention(doc, "Company", name, start, e, "companies")


def link_short_forms(doc: Document) -> None:
    """Give every full company name its short forms found in the text, as mentions.

    Existing company mentions whose name is a short form of a full name are
    renamed to the full name (their surface stays an alias).
    """
    companies = [m for m in doc.mentions if m.type == "Company"]
    full = longest_first({m.name for m in companies if ends_with_any(m.name, "org_company_suffixes")})
    if not full:
        return
    places = place_names(doc)
    forms: dict[str, str] = {}
    for name in full:
        for f in short_forms(name, places):
            forms.setdefault(f, name)
        for m in companies:
            if m.name == name:
                for a in m.aliases:
                    forms.setdefault(a, name)
    for m in companies:
        if m.name in forms:
            m.aliases = (*m.aliases, m.name)
            m.name = forms[m.name]
    if not forms:
        return
    for s, e in occurrences(doc.text, forms):
        if blocked(doc, s, e):
            continue
        add_mention(doc, "Company", forms[doc.text[s:e]], s, e, "companies")


def occurrences(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``words`` in ``text``, left to right, the longest where several start at one place,
    never overlapping: what a regex ``longest|...|shortest`` finds, without compiling one per article.

    >>> occurrences("华为技术华为公司华为", ["华为", "华为技术", "技术华为"])
    [(0, 4), (4, 6), (8, 10)]
    """
    found: list[tuple[int, int]] = []
    for w in set(words):
        if not w:
            continue
        i = text.find(w)
        while i >= 0:
            found.append((i, -len(w)))
            i = text.find(w, i + 1)
    out: list[tuple[int, int]] = []
    pos = 0
    for start, neg in sorted(found):
        if start >= pos:
            out.append((start, start - neg))
            pos = start - neg
    return out


@component("companies")
def find_companies(doc: Document) -> None:
    """Company mentions: legal names, enumerated enterprises, short forms."""
    for sent in doc.sentences:
        _full_names(doc, sent)
    for sent in doc.sentences:
        _enumerated_companies(doc, sent)
        _industry_short_forms(doc, sent)
    link_short_forms(doc)
