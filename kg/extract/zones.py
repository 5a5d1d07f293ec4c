"""Development zones, industrial parks, functional areas and new districts (type Zone).

A zone is a suffix of ``kg/lexicon/zone_suffixes.txt`` (``开发区``, ``产业园``,
``功能区``, ``新区`` ...) with the place words before it, stopped at verbs,
particles and punctuation by :func:`kg.extract.names.name_start`.  Not
zones: a park followed by ``项目`` or after a goal or undertaking cue of
``zone_goal_cues.txt`` (``打造X示范区``, ``签约X产业园``), generic mentions
(``各园区``, ``该开发区``).

A bare ``开发区`` / ``高新区`` / ``经开区`` stands for the article's zone of that
kind: the full zone name the article uses, else the main region's short
name before it (``开发区`` in an article about 海门区 -> ``海门开发区``), the
bare form kept as an alias.

``partOf``: the region or zone the name begins with (``翠屏临港产业园`` ->
翠屏区; ``城东新区医药产业园`` -> 城东新区), else the zone the article is about,
else the article's main region.  The most-named zone goes to
``Document.zone`` as ``("Zone", name)``.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> from kg.extract.regions import find_regions
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="宜宾市翠屏区临港经济技术开发区招商。企业落户开发区。将打造绿色食品示范区。"))
>>> find_regions(d); find_zones(d)
>>> [(m.name, d.text[m.start:m.end]) for m in d.mentions if m.type == "Zone"]
[('临港经济技术开发区', '临港经济技术开发区'), ('临港经济技术开发区', '开发区')]
>>> [(f.subject[1], f.obj[1]) for f in d.facts if f.subject[0] == "Zone"]
[('临港经济技术开发区', '翠屏区')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kg.components import component
from kg.extract.divisions import DIVISION_TYPES, ancestors, forms, short_name
from kg.extract.names import name_start
from kg.extract.text import NUMERIC, dictionary_tag, token_boundary, token_starts, tokens
from kg.lexicons import alternation, ends_with_any, lexicon, lexicon_set, suffix_regex, table, words
from kg.model import Document, EntityKey, Fact, Mention, Sentence

EXTRACTOR = "zones"
# bare zone words that name the article's zone of that kind
BARE_OK = words("zone_bare_names")
_BAD_HEAD = re.compile(r"(?:各|等|该|本|全|其|这|那|个|家|多|级|类|型|大|省级|国家级)$|^(?:各|该|"
                       r"本|全|其|这|那|多)"
                       f"|^(?:{alternation('zone_time_heads')}"
                       r"|(?:今年|去年|明年)?(?:[一二三四]季度|上半年|下半年|前三季度|年初|年底|年末))$")
# a zone name that begins a project's name (山东自贸区产业金融港项目)
_AFTER_PROJECT = re.compile(r"([\u4e00-\u9fff]{0,6}?)(?:[一二三四五六七八九十\d]+期)?(?:项目|工程)"
                            r"(?!施工|现场|工地|一线|建设现场)")
_NOT_IN_PROJECT = re.compile(alternation("zone_not_in_project_words"))
_MAX = 24
_LOCATED = re.compile(r"(?:位于|坐落于|地处|落户于?|入驻)[^，,。；;、]{0,16}$")
_PROJECTS_IN = re.compile(r"(?:内|里|中)?(?:共有|已有|有|新增|此次|今年|"
                          r"本次)?[\d一二三四五六七八九十两几多]+(?:个|家|项|批)")
_AFTER_CLUSTER = set("，,。；;、和与及的内）)")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


# formal development zones named after their city or province: they belong to it
# (嘉兴经济技术开发区)
FORMAL = words("zone_formal_suffixes")
PARKS = words("zone_park_suffixes")
# zones that hold parks named after them (缙云经济开发区五云智造园, 垫江工业园区桂阳组团)
HOLDERS = (*FORMAL, "园区")
# a holder written bare before a park's name: 园区新能源装备产业园, 开发区智能制造产业园
HOLDER_WORDS = words("zone_holder_words")
_COUNT = re.compile(r"[\d一二三四五六七八九十百千万两]+(?:大|个|家|类|平方米|亩)|万平方米|平方米")
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?]")


def _cue_before(doc: Document, sent: Sentence, start: int, lex: str) -> bool:
    """A cue of lexicon ``lex`` right before the name (打造X, 签约X)."""
    before = doc.text[max(sent.start, start - 6):start]
    return any(before.endswith(w) for w in lexicon(lex))


def _undertaking_after(doc: Document, sent: Sentence, end: int) -> bool:
    """The rest of the clause makes the park an undertaking (X产业园建设, X产业园等签约落地)."""
    stop = _CLAUSE_END.search(doc.text, end, sent.end)
    rest = doc.text[end:stop.start() if stop else sent.end]
    if _PROJECTS_IN.match(rest):
        return False  # X工业园区3个项目集中投产: projects in the park, the park is their place
    return any(w in rest for w in lexicon("zone_undertaking_cues"))


def _cut_head(doc: Document, sent: Sentence, start: int, s: int) -> int:
    """Start the name after the last boundary word (a whole jieba token) in ``text[start:s]``.

    >>> from kg.model import Document
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="企业落户临港开发区，组建服务业功能区"))
    >>> _cut_head(d, d.sentences[0], 0, 6), _cut_head(d, d.sentences[0], 12, 15)
    (4, 12)
    """
    words = lexicon_set("zone_boundary_words")
    cut = start
    for t in tokens(doc, sent):
        if start <= t.start and t.end <= s and t.text in words:
            cut = t.end
    return cut


def generic_zone_head(head: str) -> bool:
    """Is ``head`` made only of generic words, or a count (五大, 万平方米)?

    >>> generic_zone_head("现有特色"), generic_zone_head("五大产业"), generic_zone_head("临港")
    (True, True, False)
    """
    if _COUNT.search(head) or NUMERIC.search(head):
        return True
    words = sorted(
        lexicon("zone_generic_heads") + lexicon("org_generic_heads"), key=len, reverse=True
    )
    rest = head
    while rest:
        w = next((w for w in words if rest.startswith(w)), None)
        if w is None:
            return False
        rest = rest[len(w):]
    return True


def _after_other_zone(text: str, start: int, s: int) -> int:
    """Start after another zone joined by 和/与/及 (A集聚区和B片区 -> B片区).

    >>> _after_other_zone("临港产业园和城东片区", 0, 8)
    6
    """
    head = text[start:s]
    cut = 0
    for m in re.finditer(rf"(?:{suffix_regex('zone_suffixes').pattern})[和与及、]", head):
        cut = m.end()
    return start + cut


def _common_noun(word: str) -> bool:
    """Is ``word`` one common noun of jieba's dictionary (蔬菜, 医药), not a place name?"""
    return dictionary_tag(word) == "n" or ends_with_any(word, "org_industry_words") == word


def _strip_regions(doc: Document, start: int, s: int, park: bool = False) -> int:
    """Skip full region names that begin the name (宜宾市翠屏区临港开发区 -> 临港开发区) if a
    head remains."""
    pos = start
    while True:
        nxt = [m for m in doc.mentions if m.type in DIVISION_TYPES and m.start == pos and m.end <= s
               and doc.text[m.start:m.end] == m.name]
        if not nxt:
            return pos
        end = max(m.end for m in nxt)
        rest = doc.text[end:s]
        if s - end < 2 or park and _common_noun(rest) or doc.text.startswith(HOLDER_WORDS, end):
            # 寿光市蔬菜产业园区 keeps its place: 蔬菜 alone names nothing;
            # 陆良县产业园区硅材料产业园 too: the place names the 园区 the park is in
            return pos
        pos = end


def _in_project_name(text: str, end: int) -> bool:
    """Does a project's name go on after the zone (山东自贸区产业金融港项目)?

    >>> _in_project_name("自贸区产业金融港项目", 3), _in_project_name("集聚区项目施工现场", 3)
    (True, False)
    >>> _in_project_name("自贸试验区历下招商项目", 5)
    False
    """
    m = _AFTER_PROJECT.match(text, end)
    return m is not None and not _NOT_IN_PROJECT.search(m.group(1))


def _organ_after(text: str, end: int) -> bool:
    """Does an organ follow (开发区管委会)? Then the zone's name ends there, whatever jieba says."""
    return suffix_regex("body_organs").match(text, end) is not None


def _candidates(doc: Document, sent: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, suffix) of zone names in ``sent``; names inside longer ones dropped."""
    text = doc.text
    out: list[tuple[int, int, str]] = []
    for m in suffix_regex("zone_suffixes").finditer(text, sent.start, sent.end):
        s, e = m.span()
        suffix = m.group()
        organ = _organ_after(text, e)
        if not organ and (not token_boundary(doc, sent, e) or _in_project_name(text, e)):
            continue
        if suffix == "组团" and e < sent.end and text[e] not in _AFTER_CLUSTER:
            continue  # 组团招商, 组团赴…: a verb, not a cluster of a park
        start = _zone_start(doc, sent, s, suffix, out)
        if _not_a_zone(doc, sent, start, e, suffix, organ) or _in_slogan(text, start, e):
            continue
        out.append((start, e, suffix))
    return [c for c in out if not any(o != c and o[0] <= c[0] and c[1] <= o[1] for o in out)
            or _park_in_formal_zone(c, out)]


_SLOGAN = re.compile(r"[“\"「]((?:[\u4e00-\u9fff]{2,6} +){2,}[\u4e00-\u9fff]{2,6})[”\"」]")


def _in_slogan(text: str, start: int, end: int) -> bool:
    """Is ``[start, end)`` one phrase of a quoted slogan of short phrases (“山水之城 临港新城 活力
    江海”)?  A slogan names what a place wants to be, not a zone.

    >>> t = "举办“山水之城 临港新城 活力江海”推介会"
    >>> _in_slogan(t, 8, 12), _in_slogan("落户临港新城", 2, 6)
    (True, False)
    """
    found = _SLOGAN.finditer(text, max(0, start - 40), end + 40)
    return any(m.start(1) <= start and end <= m.end(1) for m in found)


def _zone_start(doc: Document, sent: Sentence, s: int, suffix: str,
                found: list[tuple[int, int, str]]) -> int:
    """Where the name of the zone whose suffix begins at ``s`` begins (``s`` for a bare suffix):
    after the boundary words and another zone before it, without the regions that begin it."""
    text = doc.text
    start = _cut_head(doc, sent, name_start(doc, sent, s, limit=_MAX), s)
    start = _after_other_zone(text, start, s)
    start = _strip_regions(doc, start, s, park=suffix in PARKS)
    start = _holder_start(doc, sent, start, found)
    head = text[start:s]
    date_unit = start > sent.start and text[start - 1].isdigit() \
        and head[:1] in ("月", "日", "年", "号")
    if head and (_BAD_HEAD.search(head) or generic_zone_head(head) or date_unit):
        return s  # (1-6月园区…: the end of a date, not a zone's name)
    return start


def _holder_start(doc: Document, sent: Sentence, start: int,
                  found: list[tuple[int, int, str]]) -> int:
    """A park inside a formal zone whose name a word jieba reads as a verb cut (陈仓经济开发区|通用|
    航空产业园) begins with the zone; not where a boundary word, a verb of the sentence, stands
    between them (开发区|加快|特色园区建设)."""
    text = doc.text
    # a named zone, not a bare 园区
    holder = next((c for c in reversed(found) if c[2].endswith(HOLDERS) and c[1] < start
                   and c[1] - c[0] > len(c[2])), None)
    if holder is None or start - holder[1] > 4 or not _HAN_ONLY.fullmatch(text, holder[1], start):
        return start
    boundary = lexicon_set("org_boundary_words") | lexicon_set("zone_boundary_words")
    if any(holder[1] <= t.start < start and t.text in boundary for t in tokens(doc, sent)):
        return start
    return holder[0]


def _not_a_zone(doc: Document, sent: Sentence, start: int, e: int, suffix: str,
                organ: bool) -> bool:
    """A division named like a zone (浦东新区), a park being undertaken (签约X产业园, X产业园建设),
    a goal (打造X示范区)."""
    if any(r.type in DIVISION_TYPES and (r.start, r.end) == (start, e) for r in doc.mentions):
        return True
    if suffix in PARKS and not _LOCATED.search(doc.text, max(sent.start, start - 16), start):
        # (位于X产业园的Y项目: X is the project's place, not an undertaking)
        return _cue_before(doc, sent, start, "zone_undertaking_cues") or (
            not organ and _undertaking_after(doc, sent, e))
    return _cue_before(doc, sent, start, "zone_goal_cues")


def _park_in_formal_zone(inner: tuple[int, int, str], cands: list[tuple[int, int, str]]) -> bool:
    """Is ``inner`` a formal zone that begins a park's name (成都高新区 in 成都高新区天府软件园)?
    It is kept."""
    return inner[2].endswith(HOLDERS) and any(
        o[0] == inner[0] and o[1] > inner[1] and o[2] in PARKS for o in cands
    )


def _region_prefix(doc: Document, start: int, end: int) -> Mention | None:
    """The region mention a zone name ``[start, end)`` begins with or follows right away (the
    longest)."""
    cands = [m for m in doc.mentions if m.type in DIVISION_TYPES and m.end > m.start
             and (m.start == start and m.end < end or m.end == start)]
    return max(cands, key=lambda m: m.end) if cands else None


def _bare_name(doc: Document, word: str, full: list[str]) -> str | None:
    """The name a bare ``开发区`` stands for: the article's full zone of that kind, or region +
    word."""
    same = [n for n in full if n.endswith(word) and n != word]
    if same:
        counts = Counter(same)
        return min(counts, key=lambda n: (-counts[n], n))
    region = doc.region
    if region is not None:
        stem = short_name(region[1]) or region[1]
        return stem + word
    return None


def _merge_prefixed(doc: Document, mentions: list[Mention]) -> None:
    """A zone named with and without a place before it is one zone: the fuller, most-used name wins.

    >>> ms = [Mention("Zone", "临港产业园", 0, 5, "z"),
    ...     Mention("Zone", "宜宾临港产业园", 9, 16, "z")]
    >>> _merge_prefixed(Document(path="a", name="a", raw="", text=""), ms)
    >>> [(m.name, m.aliases) for m in ms]
    [('宜宾临港产业园', ('临港产业园',)), ('宜宾临港产业园', ())]
    """
    counts = Counter(m.name for m in mentions)
    for m in mentions:
        longer = [n for n in counts if n != m.name and n.endswith(m.name) and len(m.name) >= 4
                  and m.name not in BARE_OK and _place_word(doc, n[: -len(m.name)])]
        if longer:
            best = min(longer, key=lambda n: (-counts[n], -len(n), n))
            m.aliases, m.name = (*m.aliases, m.name), best


def _qualify_bare_holder(mentions: list[Mention]) -> None:
    """A park written after a bare holder word (``园区新能源装备产业园``) is named after the
    article's zone of that kind (``榆次工业园区新能源装备产业园``), its own name kept as an
    alias.

    >>> ms = [Mention("Zone", "榆次工业园区", 0, 6, "z"),
    ...     Mention("Zone", "园区新能源装备产业园", 9, 19, "z")]
    >>> _qualify_bare_holder(ms)
    >>> ms[1].name, ms[1].aliases
    ('榆次工业园区新能源装备产业园', ('园区新能源装备产业园', '新能源装备产业园'))
    """
    named = [
        m.name for m in mentions if m.name.endswith(HOLDERS) and not m.name.startswith(HOLDER_WORDS)
    ]
    for m in mentions:
        word = next((w for w in HOLDER_WORDS if m.name.startswith(w)), None)
        own = m.name[len(word):] if word else ""
        if not word or len(own) < 4 or not own.endswith(PARKS):
            continue
        same = Counter(n for n in named if n.endswith(word))
        if same:
            zone = min(same, key=lambda n: (-same[n], n))
            m.name, m.aliases = zone + own, tuple(dict.fromkeys((*m.aliases, m.name, own)))


def _merge_park_area(mentions: list[Mention]) -> None:
    """``X工业园`` and ``X工业园区`` in one article are one zone, by its longer name.

    >>> ms = [Mention("Zone", "社棠工业园区", 0, 6, "z"), Mention("Zone", "社棠工业园", 9, 14, "z")]
    >>> _merge_park_area(ms); [(m.name, m.aliases) for m in ms]
    [('社棠工业园区', ()), ('社棠工业园区', ('社棠工业园',))]
    """
    names = {m.name for m in mentions}
    for m in mentions:
        if m.name.endswith("园") and m.name + "区" in names:
            m.name, m.aliases = m.name + "区", (*m.aliases, m.name)


# short forms of formal zone names: X经开区 is X经济开发区 or X经济技术开发区 where the article
# names it so
ABBREVIATIONS = table("zone_abbreviations")


def _merge_abbreviations(mentions: list[Mention]) -> None:
    """A zone written in full and by its usual short form is one zone, named in full.

    >>> ms = [Mention("Zone", "信丰高新技术产业园区", 0, 10, "z"),
    ...     Mention("Zone", "信丰高新区", 20, 25, "z")]
    >>> _merge_abbreviations(ms)
    >>> [(m.name, m.aliases) for m in ms]
    [('信丰高新技术产业园区', ()), ('信丰高新技术产业园区', ('信丰高新区',))]
    """
    counts = Counter(m.name for m in mentions)
    for m in mentions:
        short = next((a for a in ABBREVIATIONS if m.name.endswith(a)), None)
        if short is None or len(m.name) == len(short):
            continue
        stem = m.name[: -len(short)]
        full = [stem + f for f in ABBREVIATIONS[short] if counts.get(stem + f)]
        if full:
            best = min(full, key=lambda n: (-counts[n], n))
            m.aliases, m.name = (*m.aliases, m.name), best


def _own_names(mentions: list[Mention]) -> dict[str, str]:
    """A park named after the formal zone it lies in is also known by its own name
    (准格尔经济开发区大路产业园: 大路产业园), kept as an alias, and that name written alone is the
    same park (its full name keeps parks of two zones apart).  Returns park -> that zone
    (by its name in full where the article also writes it so: 信丰高新区… -> 信丰高新技术产业园区).

    >>> ms = [Mention("Zone", "准格尔经济开发区", 0, 8, "z"),
    ...     Mention("Zone", "准格尔经济开发区大路产业园", 9, 22, "z")]
    >>> ms.append(Mention("Zone", "大路产业园", 30, 35, "z"))
    >>> _own_names(ms), ms[1].aliases, ms[2].name  # doctest: +NORMALIZE_WHITESPACE
    ({'准格尔经济开发区大路产业园': '准格尔经济开发区'}, ('大路产业园',),
     '准格尔经济开发区大路产业园')
    """
    formal: dict[str, str] = {}
    for m in mentions:
        for form in (m.name, *m.aliases):
            if form.endswith(HOLDERS) and len(form) > 3:
                formal.setdefault(form, m.name)
    parents: dict[str, str] = {}
    for m in mentions:
        parent = max(
            (n for n in formal if m.name.startswith(n) and len(n) < len(m.name)),
            key=len,
            default="",
        )
        own = m.name[len(parent):]
        if parent and len(own) >= 4 and own.endswith(PARKS):
            if own not in m.aliases:
                m.aliases = (*m.aliases, own)
            parents[m.name] = formal[parent]
    # the park written alone elsewhere in the article is the same park
    # (…五云智造园举行。…位于五云智造园)
    full = {own: m.name for m in mentions if m.name in parents for own in m.aliases}
    for m in mentions:
        if m.name in full and m.name not in parents:
            m.name, m.aliases = full[m.name], tuple(dict.fromkeys((*m.aliases, m.name)))
    return parents


def _place_word(doc: Document, prefix: str) -> bool:
    """Is ``prefix`` a region name or short form (济南, 历下区)?"""
    return prefix in forms() or any(
        m.type in DIVISION_TYPES and prefix in (m.name, doc.text[m.start:m.end])
        for m in doc.mentions
    )


def zone_head(name: str, places: Iterable[str] = ()) -> str:
    """The proper part of a zone name: no leading place of ``places``, no suffix, no trailing
    generic words.

    >>> zone_head("宜宾临港商务金融集聚区", ["宜宾"]), zone_head("翠屏区白沙片区", ["翠屏区"])
    ('临港', '白沙')
    """
    pre = max((len(p) for p in places if name.startswith(p) and len(p) < len(name)), default=0)
    rest = name[pre:]
    suffix = next((w for w in lexicon("zone_suffixes") if rest.endswith(w)), "")
    rest = rest[: len(rest) - len(suffix)]
    words = sorted(lexicon("zone_generic_heads"), key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for w in words:
            if rest.endswith(w) and len(rest) > len(w):
                rest, changed = rest[: -len(w)], True
                break
    return rest


def _head_mentions(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """A zone called by its proper part alone (落地国际金融中心 for 济南国际金融中心产业金融集聚区).

    Only heads of four characters or more that one zone of the article has,
    standing as a word after a boundary word or punctuation, outside other mentions.
    """
    places = {
        doc.text[m.start:m.end]
        for m in doc.mentions
        if m.type in DIVISION_TYPES and m.end > m.start
    }
    heads: dict[str, set[str]] = {}
    for m in mentions:
        heads.setdefault(zone_head(m.name, places), set()).add(m.name)
    out: list[Mention] = []
    words = lexicon_set("zone_boundary_words")
    for head, names in sorted(heads.items()):
        if len(head) < 4 or len(names) != 1:
            continue
        for m in re.finditer(re.escape(head), doc.text):
            s, e = m.span()
            sent = doc.sentence_at(s)
            if sent is None:
                continue
            toks = tokens(doc, sent)  # segment only the sentences where a head is written
            starts = token_starts(doc, sent)
            if s not in starts or any(o.start < e and s < o.end for o in doc.mentions + out):
                continue
            prev = next((t for t in toks if t.end == s), None)
            if not (prev is None or prev.text in words or _CLAUSE_END.match(prev.text)):
                continue
            if e < sent.end and e not in starts and not _CLAUSE_END.match(doc.text, e):
                continue
            if suffix_regex("zone_suffixes").match(doc.text, e):
                continue
            out.append(Mention("Zone", next(iter(names)), s, e, EXTRACTOR))
    doc.mentions.extend(out)
    return out


def _main_zone(mentions: list[Mention]) -> EntityKey | None:
    counts = Counter(m.name for m in mentions)
    if not counts:
        return None
    first = {}
    for m in mentions:
        first.setdefault(m.name, m.start)
    return ("Zone", min(counts, key=lambda n: (-counts[n], first[n])))


def _part_of(
    doc: Document, zone: Mention, zone_names: list[str], main: EntityKey | None
) -> EntityKey | None:
    """The region or zone a zone belongs to (see the module docstring)."""
    text_name = zone.name
    parents = [n for n in zone_names if text_name.startswith(n) and len(n) < len(text_name)]
    if parents:
        return ("Zone", max(parents, key=len))
    region = _region_prefix(doc, zone.start, zone.end)
    main_region = doc.region
    if region is not None:
        if (
            isinstance(main_region, tuple)
            and region.code
            and _is_above(region.code, doc.region_code)
            and not _formal(text_name, doc.text[region.start:region.end])
        ):
            # a city's brand on an area of the article's district (济南X集聚区 in 历下区)
            return main_region
        return (region.type, region.name)
    if main and main[1] != text_name and _zone_is_main(doc, main):
        return main
    return main_region if isinstance(main_region, tuple) else None


def _formal(name: str, prefix: str) -> bool:
    """A formal development zone named after its region: the region + at most two characters + the
    suffix.

    >>> _formal("嘉兴经济技术开发区", "嘉兴"), _formal("济南国际金融中心暨自贸试验区",
    ...     "济南"), _formal("横琴新区", "珠海市")
    (True, False, True)
    """
    suffix = next((f for f in FORMAL if name.endswith(f)), None)
    if suffix is None:
        return False
    head = name[len(prefix) if name.startswith(prefix) else 0:-len(suffix)]
    return len(head) <= 2 or head in ("经济技术", "高新技术产业", "经济", "高新技术")


def _is_above(code: str, other: str | None) -> bool:
    """Is the division ``code`` above the division ``other``?"""
    return bool(other) and code in ancestors(other or "")


def _zone_is_main(doc: Document, zone: EntityKey) -> bool:
    counts = Counter((m.type, m.name) for m in doc.mentions if m.end > m.start)
    return counts[zone] >= 5 and counts[zone] > 2 * counts.get(doc.region, 0)


_PLACED = re.compile(r"\s*(?:位于|坐落于|坐落在|地处)(?:本市|本县|本区)?")
_PLACED_BEFORE = re.compile(r"(?:位于|坐落于|坐落在|地处)(?:本市|本县|本区)?$")
_OF = re.compile(r"的[“\"「]?")


def _after_regions(doc: Document, pos: int) -> int:
    """``pos`` moved past the region mentions written from there on (斗门区龙山工业园 -> 龙山)."""
    moved = True
    while moved:
        moved = False
        for m in doc.mentions:
            if m.type in DIVISION_TYPES and m.start == pos and m.end > m.start:
                pos, moved = m.end, True
    return pos


def _stated_zone(doc: Document, zone: Mention, mentions: list[Mention]) -> str | None:
    """The zone the text places ``zone`` in: ``X位于斗门区Y``, ``位于Y的“X”`` -> Y.

    >>> from kg.model import Document
    >>> d = Document(path="a", name="a", raw="", text="华强产业园位于龙山工业园")
    >>> ms = [Mention("Zone", "华强产业园", 0, 5, "z"), Mention("Zone", "龙山工业园", 7, 12, "z")]
    >>> _stated_zone(d, ms[0], ms), _stated_zone(d, ms[1], ms)
    ('龙山工业园', None)
    """
    text = doc.text
    placed = _PLACED.match(text, zone.end)
    if placed:
        pos = _after_regions(doc, placed.end())
        after = next((m for m in mentions if m.start == pos and m.name != zone.name), None)
        if after is not None:
            return after.name
    for m in mentions:
        if m.end <= zone.start and m.name != zone.name \
                and _OF.fullmatch(text, m.end, zone.start) \
                and _PLACED_BEFORE.search(text, max(0, m.start - 12), _start_of_regions(doc, m)):
            return m.name
    return None


def _start_of_regions(doc: Document, m: Mention) -> int:
    """Where the region mentions written right before ``m`` begin (位于芜湖市Y: at 芜湖市)."""
    pos = m.start
    moved = True
    while moved:
        moved = False
        for r in doc.mentions:
            if r.type in DIVISION_TYPES and r.end == pos and r.end > r.start:
                pos, moved = r.start, True
    return pos


@component("zones", requires=("sentences",), reads=("region", "region_code"), assigns=("zone",))
def find_zones(doc: Document) -> None:
    """Zone mentions, bare 开发区 resolved to the article's zone, partOf facts, ``doc.zone``."""
    found: list[tuple[int, int, str, Sentence]] = []
    for sent in doc.sentences:
        for start, end, suffix in _candidates(doc, sent):
            found.append((start, end, suffix, sent))
    full = [doc.text[s:e] for s, e, suffix, _ in found if e - s > len(suffix)]
    mentions: list[Mention] = []
    for start, end, suffix, _sent in found:
        surface = doc.text[start:end]
        if surface == suffix:
            if suffix not in BARE_OK:
                continue
            name = _bare_name(doc, suffix, full)
            if not name:
                continue
            mentions.append(Mention("Zone", name, start, end, EXTRACTOR, aliases=(suffix,)))
        else:
            mentions.append(Mention("Zone", surface, start, end, EXTRACTOR))
    _merge_prefixed(doc, mentions)
    _merge_park_area(mentions)
    _merge_abbreviations(mentions)
    _qualify_bare_holder(mentions)
    in_zone = _own_names(mentions)
    doc.mentions.extend(mentions)
    mentions.extend(_head_mentions(doc, mentions))
    main = _main_zone(mentions)
    doc.zone = main
    names = sorted({m.name for m in mentions})
    done: set[str] = set()
    for m in mentions:
        if m.name in done:
            continue
        done.add(m.name)
        stated = _stated_zone(doc, m, mentions)
        parent = ("Zone", stated) if stated else ("Zone", in_zone[m.name]) if m.name in in_zone \
            else _part_of(doc, m, names, main)
        if parent and parent != ("Zone", m.name):
            sent = doc.sentence_at(m.start)
            doc.facts.append(Fact(("Zone", m.name), "partOf", parent, EXTRACTOR,
                                  sentence=sent.index if sent else None))
