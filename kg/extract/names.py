"""Where a name begins: the left boundary of company, organisation, project and zone names.

A name found by what ends it (``有限公司``, ``项目``, ``产业园``) begins where
the words before it stop being part of it.  :func:`name_start` reads jieba
tokens leftwards from the end of the name and stops at the first token that
cannot belong to a name: punctuation, an amount of money, a verb or
preposition, a pronoun or particle, a figure.  :func:`enumeration_items`
reads the items of a list ``A、B、C`` the same way.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="园区将广东华美电子科技有限公司推介给客户"))
>>> d.text[name_start(d, d.sentences[0], 9):15]
'广东华美电子科技有限公司'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.extract.divisions import is_place_name
from kg.extract.text import CLOSE, HAN, LATIN, NUMERIC, OPEN, PUNCT, Token, is_han, tokens
from kg.lexicons import alternation, lexicon, lexicon_set, strip_words, suffix_regex, words
from kg.model import Document, Sentence

CAPACITY_UNITS = words("capacity_units")
"""Units of a capacity figure (``万吨``, ``兆瓦``): such a figure may begin a project's name."""

LEGAL_FORMS = words("org_legal_forms")
"""Legal forms of a company (``有限公司``), in the order they are tried."""

GLUED_PREPOSITIONS = frozenset("由在对把被从让给将据继受")
"""Prepositions that jieba's HMM glues onto the first characters of a name it does not know
(``由|华通``); not 于 or 向: they are surnames and begin place names (于家堡)."""

# jieba tags that never begin a name: prepositions, conjunctions, particles, pronouns, adverbs...
_STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "rr", "rz", "rg",
                        "d", "df", "y", "e", "o"})
_VERB_TAGS = ("v", "vi", "vd")
_INNER_OK = frozenset({"之"})  # tagged as a particle but found inside names
_CLASSIFIERS = frozenset("个家项座条批期亿万千百元年月日号")
_LEVEL_CHARS = "省市区县镇乡村"
_LEGAL_FORMS_ALL = frozenset({*LEGAL_FORMS, "集团有限公司"})  # as jieba may tokenise them
# a verb after a capacity figure is part of the product's name: 年产15万吨光伏|压延|玻璃项目
_PRODUCT_AFTER_CAPACITY = re.compile(
    r"[\d.]+(?:" + alternation("capacity_units") + r")[\u4e00-\u9fff]{0,8}$")
_CAPACITY_TOKEN = re.compile(r"[\d.]+(?:" + alternation("capacity_units") + ")")
_NUMBER_END = re.compile(r"[\d０-９零〇一二两三四五六七八九十百千万亿余多几]$")


@functools.lru_cache(maxsize=1 << 14)
def is_generic_head(head: str) -> bool:
    """True if ``head`` is empty or made only of generic words (该, 平台, 区内...).

    The words are those of ``org_generic_heads.txt``.

    Examples
    --------
    >>> is_generic_head("平台"), is_generic_head("华美"), is_generic_head("")
    (True, False, True)
    """
    return not strip_words(head, lexicon("org_generic_heads"))


def _money_unit(toks: list[Token], i: int) -> bool:
    """Is token ``i`` the unit of an amount of money (45|亿元, 三千|万元, 5|元)?"""
    t = toks[i].text
    if t in lexicon_set("money_units"):
        return True
    return t == "元" and i > 0 and _NUMBER_END.search(toks[i - 1].text) is not None


@functools.cache
def _inner_verbs(works: bool) -> frozenset[str]:
    """Verbs that stay inside a name, with the works verbs of a project's name when ``works``."""
    inner = lexicon_set("org_inner_verbs")
    return inner | lexicon_set("project_works_verbs") if works else inner


# ---------------------------------------------------------------- the scan


@dataclass(slots=True)
class _Scan:
    """A leftward scan over the tokens before ``pos``: the options and how far the name reaches.

    ``start`` is where the name begins so far, ``i`` the token read next and
    ``first`` whether no token has been taken into the name yet.
    """

    doc: Document
    sent: Sentence
    pos: int
    toks: list[Token]
    limit: int
    first_free: bool
    allow_and: bool
    boundary: frozenset[str]
    works_verbs: frozenset[str]
    inner_verbs: frozenset[str]
    start: int
    i: int
    first: bool = True

    def prev(self) -> Token | None:
        """The token before the one read now."""
        return self.toks[self.i - 1] if self.i > 0 else None

    def take(self, start: int, i: int) -> bool:
        """The name reaches back to ``start``; read token ``i`` next."""
        self.start, self.i = start, i
        return True


def _start_scan(doc: Document, sent: Sentence, pos: int, limit: int, first_free: bool,
          allow_and: bool, works: bool) -> _Scan:
    """The scan's state before the first token: a token that straddles ``pos`` is in the name."""
    toks = tokens(doc, sent)
    start, i = pos, len(toks) - 1
    while i >= 0 and toks[i].start >= pos:
        i -= 1
    if i >= 0 and toks[i].end > pos:
        start, i = toks[i].start, i - 1
    works_verbs = lexicon_set("project_works_verbs") if works else frozenset()
    return _Scan(doc, sent, pos, toks, limit, first_free, allow_and,
                 lexicon_set("org_boundary_words"), works_verbs, _inner_verbs(works), start, i)


# Each rule looks at the token ``t`` being read: True takes it (and maybe more) into the name
# and goes on leftwards, False ends the name (at ``scan.start``), None leaves it to the next rule.


def _bracketed(scan: _Scan, t: Token) -> bool | None:
    """A short bracketed group without punctuation stays in the name: 华通联合(南通)塑胶."""
    if not (t.text and t.text[-1] in CLOSE):
        return None
    toks, i = scan.toks, scan.i
    j = i
    while j >= 0 and not (toks[j].text and toks[j].text[0] in OPEN):
        j -= 1
    if j < 0 or toks[i].end - toks[j].start > 10 or j == i and len(t.text) < 2:
        return False
    content = scan.doc.text[toks[j].start + 1:toks[i].end - 1]
    if not content or PUNCT.search(content):
        return False
    scan.first = False
    return scan.take(toks[j].start, j - 1)


def _joining_mark(scan: _Scan, t: Token) -> bool | None:
    """A space between Latin words (Micro LED显示模组) or the slash of a capacity per year or day
    (20万吨/年, 6000吨/日) stays in the name."""
    toks, i = scan.toks, scan.i
    if not 0 < i < len(toks) - 1:
        return None
    before, after = toks[i - 1], toks[i + 1]
    latin = t.text == " " and LATIN.fullmatch(before.text) and LATIN.fullmatch(after.text)
    per_year = t.text in ("/", "／") and after.text in ("年", "日") \
        and scan.doc.text.startswith(CAPACITY_UNITS, before.start)
    # a project's two products with their capacities: 年产45万吨合成氨/80万吨尿素
    products = bool(scan.works_verbs) and t.text in ("/", "／") and HAN.fullmatch(before.text) \
        and _CAPACITY_TOKEN.match(scan.doc.text, after.start) is not None
    return scan.take(t.start, i - 1) if latin or per_year or products else None


def _hard_stop(scan: _Scan, t: Token) -> bool | None:
    """Punctuation, an opening bracket, the unit of an amount of money (总投资45亿元|功率芯片
    封测基地) or the length limit end the name."""
    if PUNCT.search(t.text) or t.text[0] in OPEN or _money_unit(scan.toks, scan.i):
        return False
    return False if scan.pos - t.start > scan.limit else None


# a date written right before a name: 2011年|宝钢集团, 8月上旬|华星集团, 3日|华星公司
_DATE_TAIL = re.compile(r"(?:\d{1,4}|[〇零一二三四五六七八九十]{1,3})[年月日号]"
                        r"(?:[上中下]旬|[初底末中]|以来)?$")


def _date(scan: _Scan, t: Token) -> bool | None:
    """A date (a figure, 年, 月 or 日, and 上旬, 初, 底 after it) ends the name."""
    m = _DATE_TAIL.search(scan.doc.text, max(scan.sent.start, t.start - 8), t.end)
    return False if m is not None and m.start() <= t.start else None


def _joining_and(scan: _Scan, t: Token) -> bool | None:
    """With ``allow_and``, 与 between nouns stays in the name (科技与创新中心)."""
    prev = scan.prev()
    if (
        scan.allow_and
        and t.text == "与"
        and prev is not None
        and prev.tag == "n"
        and not scan.first
    ):
        return scan.take(t.start, scan.i - 1)
    return None


def _glued_char(scan: _Scan, t: Token) -> bool:
    """Is ``t`` a name's character jieba reads as a conjunction between single characters
    (湖南|安|和|医疗集团)?"""
    prev = scan.prev()
    if t.text not in ("和", "与") or scan.first or prev is None or len(prev.text) != 1 \
            or not is_han(prev.text) or prev.tag in _STOP_TAGS or prev.text in _LEVEL_CHARS:
        return False
    # a one-character place after a preposition is no name's character: 在京|与|首钢公司
    return scan.i < 2 or scan.toks[scan.i - 2].tag != "p"


def _joining_ji(scan: _Scan, t: Token) -> bool:
    """In a project's name, 及 between two nouns joins its products (太阳能电池及组件项目)."""
    if not scan.works_verbs or t.text != "及" or scan.first or scan.i == 0:
        return False
    after, before = scan.toks[scan.i + 1], scan.toks[scan.i - 1]
    return after.tag == "n" and before.tag == "n"


_PRODUCT_TAGS = frozenset({None, "n", "nz", "j", "eng", "nr", "ns"})


def _product_verb(scan: _Scan, t: Token) -> bool:
    """In a project's name, a verb of ``project_process_verbs.txt`` right before 项目 after a
    product is the project's process (LED|封装|项目, 铅锌|冶炼|项目)."""
    if not (scan.works_verbs and scan.first and t.text in lexicon_set("project_process_verbs")):
        return False
    if scan.i == 0:
        return False
    before = scan.toks[scan.i - 1]
    return before.tag in _PRODUCT_TAGS and not PUNCT.search(before.text) \
        and before.text not in scan.boundary


def _is_verb(scan: _Scan, t: Token) -> bool:
    """Is ``t`` a verb that does not belong to names (not 怀化, a city jieba tags as a verb, nor
    a verb of a product after a capacity figure)?"""
    text, sent = scan.doc.text, scan.sent
    return t.tag in _VERB_TAGS and t.text not in scan.inner_verbs \
        and not _PRODUCT_AFTER_CAPACITY.search(text, max(sent.start, t.start - 16), t.start) \
        and not is_place_name(t.text)


def _boundary_word(scan: _Scan, t: Token, verb: bool) -> bool:
    """Is ``t`` a word of ``org_boundary_words.txt`` that ends the name here?

    Not where it joins a business verb of the name (城市建设投资集团), is a works verb of a
    project's name, or is the first word before ``pos`` that ``first_free`` keeps
    (XX建设集团).
    """
    if t.text not in scan.boundary or t.text in scan.works_verbs:
        return False
    nxt = scan.toks[scan.i + 1] if scan.i + 1 < len(scan.toks) else None
    compound = t.text in scan.inner_verbs and nxt is not None and nxt.start == scan.start \
        and nxt.text in lexicon_set("org_business_verbs")
    # (not after a token that straddles ``pos``: 下称|宝钢集团 has a name before its suffix)
    kept_first = scan.first and scan.first_free and scan.start == scan.pos and len(t.text) > 1 \
        and not verb
    return not compound and not kept_first


def _capacity_start(scan: _Scan, t: Token) -> int:
    """Where a name that begins with the capacity figure ``t`` begins: with the verb written
    before it (年加工30万吨玉米深加工项目), or with a substation's name before its voltage
    (兴业110千伏变电站)."""
    text, sent = scan.doc.text, scan.sent
    before = text[max(sent.start, t.start - 4):t.start]
    verb = max((w for w in words("capacity_verbs") if before.endswith(w)), key=len, default="")
    if verb:
        return t.start - len(verb)
    prev = scan.prev()
    if text.startswith("千伏", t.end) and prev is not None and len(prev.text) >= 2 \
            and HAN.fullmatch(prev.text) and prev.text not in scan.boundary \
            and not is_generic_head(prev.text) and prev.tag not in ("v", "vn", "m"):
        return prev.start
    return t.start


def _figure(scan: _Scan, t: Token) -> bool | None:
    """A figure ends the name, unless a capacity verb stands right before it (年产|5|万台): a
    capacity figure begins it (200兆瓦分布式光伏发电项目)."""
    toks, i = scan.toks, scan.i
    if any(toks[k].text in lexicon_set("capacity_verbs") for k in range(max(0, i - 2), i)):
        return None
    numeric = NUMERIC.search(t.text) is not None
    # (a project's name may hold the figure and its unit as one token: 1GW太阳能电池)
    unit_after = scan.doc.text.startswith(CAPACITY_UNITS, t.end) \
        or bool(scan.works_verbs) and _CAPACITY_TOKEN.fullmatch(t.text) is not None
    if numeric and unit_after and t.end < scan.pos and not scan.first:
        if scan.works_verbs and i >= 2 and toks[i - 1].text in ("/", "／") \
                and HAN.fullmatch(toks[i - 2].text):
            return None  # the second of two products: 年产30万吨合成氨/|52万吨尿素
        scan.start = _capacity_start(scan, t)
        return False
    counted = t.tag == "m" and i + 1 < len(toks) and toks[i + 1].text[:1] in _CLASSIFIERS
    return False if numeric or counted else None


# a time word that points to a moment (当时, 此前, 月初, 前些年), not one a brand may be
# (现代, 未来, 青年, 明日)
_POINTING_TIME = re.compile("[时前后初末底此去昨近早]")


_GLUED_AFTER = "着了过对把被让给从"


def _stop_word(scan: _Scan, t: Token) -> bool | None:
    """A word that cannot be in a name ends it: a preposition, pronoun, adverb or particle, a
    boundary word, a time word that points to a moment, a verb of two characters or more, a
    figure."""
    if t.text in _INNER_OK or _glued_char(scan, t) or _joining_ji(scan, t) \
            or _product_verb(scan, t):
        return None
    if t.tag in _STOP_TAGS and not (scan.first and scan.first_free and t.tag == "d"):
        return False
    if t.tag in ("t", "tg") and _POINTING_TIME.search(t.text) and t.start < scan.start:
        return False
    # a word jieba does not know, glued to an aspect particle (控着, 买下了) or to a preposition
    # after it (吉欧对|华兴集团): the name begins after it
    if t.tag is None and len(t.text) >= 2 and t.text[-1] in _GLUED_AFTER and HAN.fullmatch(t.text):
        return False
    verb = _is_verb(scan, t)
    if _boundary_word(scan, t, verb) or verb and len(t.text) > 1:
        return False
    return _figure(scan, t)


def _other_company(scan: _Scan, t: Token) -> bool | None:
    """Another company's legal form ends the name (A有限公司系B控股有限公司); a branch keeps its
    parent (A有限公司分公司)."""
    text, pos = scan.doc.text, scan.pos
    if t.text in _LEGAL_FORMS_ALL and not text.startswith(words("org_branch_words"), pos) \
            and suffix_regex("org_company_suffixes").match(text, pos):
        return False
    return None


def _glued_preposition(scan: _Scan, t: Token) -> bool | None:
    """jieba glued a preposition onto an unknown name (由|华通, 在|鑫源): the name begins after
    it."""
    if t.text[0] in GLUED_PREPOSITIONS and len(t.text) >= 2 and t.tag is None:
        scan.start = t.start + 1
        return False
    return None


_RULES = (_bracketed, _joining_mark, _hard_stop, _date, _joining_and, _stop_word, _other_company,
          _glued_preposition)


def _step(scan: _Scan) -> bool:
    """Read the next token leftwards: True if the scan goes on."""
    t = scan.toks[scan.i]
    for rule in _RULES:
        verdict = rule(scan, t)
        if verdict is not None:
            return verdict
    scan.first = False
    return scan.take(t.start, scan.i - 1)


def _skip_leading(text: str, start: int, pos: int) -> int:
    """Never begin a name on a bracketed group, a particle kept inside it (之, 与), or the kind
    of company before it (台资|企业|B新材料有限公司)."""
    while start < pos:
        c = text[start]
        if c in OPEN:
            k = start + 1
            while k < pos and text[k] not in CLOSE:
                k += 1
            start = k + 1
        elif c in CLOSE or c in "之与":
            start += 1
        elif text.startswith(("企业", "公司"), start) and pos - start >= 4:
            start += 2
        else:
            break
    return min(start, pos)


def name_start(doc: Document, sent: Sentence, pos: int, limit: int = 24, first_free: bool = True,
               allow_and: bool = False, works: bool = False) -> int:
    """Where a name that ends just before ``pos`` begins, scanning jieba tokens leftwards.

    Parameters
    ----------
    doc : Document
        The document.
    sent : Sentence
        The sentence that holds ``pos``.
    pos : int
        Where the name ends (often where its suffix begins).
    limit : int
        The name holds at most this many characters before ``pos``.
    first_free : bool
        Keep the token right before ``pos`` even if it is a boundary word or an
        adverb (``建设`` in ``XX建设集团``).
    allow_and : bool
        Let ``与`` between nouns stay in the name (``科技与创新中心``).
    works : bool
        A project's name: the verbs of ``project_works_verbs.txt`` stay inside
        it (``历史街区保护提升工程``).

    Returns
    -------
    int
        The start of the name; ``pos`` where no token belongs to it.

    Notes
    -----
    The name stops at punctuation, at a boundary word (a verb or preposition
    from ``org_boundary_words.txt``), at a pronoun, adverb or particle, at a
    figure other than a capacity, at an amount of money, at another company's
    legal form, and after ``limit`` characters.  A bracketed place (``(南通)``)
    is kept.  Each of these is one rule below; they are tried in order on each
    token.

    Examples
    --------
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="主动与东方红电子协商"))
    >>> d.text[name_start(d, d.sentences[0], 8):8]
    '东方红电子'
    """
    scan = _start_scan(doc, sent, pos, limit, first_free, allow_and, works)
    while scan.i >= 0 and _step(scan):
        pass
    return _skip_leading(doc.text, scan.start, pos)


_ITEM_SEPARATORS = "、，,；;：:。“”\"《》 \n"
_QUOTES = {"”": "“", "」": "「", "’": "‘"}


def _quoted_item(text: str, lo: int, e: int) -> int | None:
    """Where the opening quote is of a quoted item of two to twelve characters that ends just
    before ``e`` (“夏王”|), if one does."""
    opening = _QUOTES.get(text[e - 1:e])
    if opening is None:
        return None
    q = text.rfind(opening, max(lo, e - 14), e - 1)
    if q == -1 or not 2 <= e - 1 - (q + 1) <= 12 or any(c in text[q + 1:e - 1] for c in "、，。；"):
        return None
    return q


def enumeration_items(doc: Document, sent: Sentence, end: int,
                      works: bool = False) -> list[tuple[int, int]]:
    """Spans of the items of a list ``A、B、C`` that ends just before ``end``.

    The first item begins where :func:`name_start` says; the others are
    delimited by ``、``.

    Examples
    --------
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="支持兴业汽配、华美电子等企业"))
    >>> [d.text[s:e] for s, e in enumeration_items(d, d.sentences[0], 11)]
    ['兴业汽配', '华美电子']
    """
    text = doc.text
    items: list[tuple[int, int]] = []
    e = end
    while e > sent.start:
        q = _quoted_item(text, sent.start, e)
        if q is not None:  # “仙鹤”、“夏王”等: an item in quotes
            items.append((q + 1, e - 1))
            if q > sent.start and text[q - 1] == "、":
                e = q - 1
                continue
            break
        k = e
        while k > sent.start and text[k - 1] not in _ITEM_SEPARATORS:
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
