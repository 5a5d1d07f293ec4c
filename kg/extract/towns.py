"""Towns, townships and streets (``X镇``, ``X乡``, ``X街道``) and villages (``X村``), as Zones.

A town's name is two to four characters before its suffix, with none of the
generic words of ``town_not_in_names.txt`` (乡镇, 城镇化, 各乡镇 are no towns).
It is read where the text makes it a place:

* right after a region (``宁海县桃源镇``, ``江北区庄桥街道``) or, for a village,
  after a town or another village (``青云街道石门村``);
* right after a cue of ``town_cues.txt`` (``位于桃坪镇``, ``选址李家湾镇``),
  if the name is no common word of jieba's dictionary;
* as the items of a list that ends in ``等乡镇`` / ``等镇`` / ``等街道``
  (``前童、梅林、桥头胡等乡镇``): the bare names, which the text never completes.

A name read once is a mention wherever the article writes it again.
``partOf`` (guidelines 2026-12-07; villages as the annotators did): a town
belongs to the region written right before it, else to the article's main
region; a village to the town or region written right before it, else to the
town the article names most, else to nothing.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> from kg.extract.regions import find_regions
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="项目位于临川区青云街道石门村。青云街道加快推进城镇化。"))
>>> find_regions(d); find_towns(d)
>>> [(m.name, d.text[m.start:m.end]) for m in d.mentions if m.type == "Zone"]
[('青云街道', '青云街道'), ('石门村', '石门村'), ('青云街道', '青云街道')]
>>> sorted((f.subject[1], f.obj[1]) for f in d.facts if f.subject[0] == "Zone")
[('石门村', '青云街道'), ('青云街道', '临川区')]
"""

from __future__ import annotations

import re
from collections import Counter

from kg.components import component
from kg.extract.divisions import DIVISION_TYPES, ancestors, is_place_name
from kg.extract.text import dictionary_tag, token_boundary
from kg.lexicons import alternation, lexicon, lexicon_set, words
from kg.model import Document, EntityKey, Fact, Mention
from kg.segment import segment

EXTRACTOR = "towns"
_SUFFIX = f"(?:{alternation('town_suffixes')})"
# the shortest name before a suffix that does not begin another word (镇江, 乡镇, 乡村)
_NAME = re.compile(rf"([\u4e00-\u9fff]{{2,4}}?)({_SUFFIX})")
_FALSE_END = re.compile(f"(?:{alternation('town_false_ends')})")
_CUE = re.compile(f"(?:{alternation('town_cues')})")
_LIST_ITEM = r"[\u4e00-\u9fff]{2,3}"
_AND = set("、和及与")
_LEAD = set("的在到去和与及对将从向由")
_LIST = re.compile(rf"((?:{_LIST_ITEM}[、和及与])+{_LIST_ITEM})等(?:乡镇|镇街|镇|乡|街道)")


def _common(word: str) -> bool:
    """Is ``word`` a word of jieba's dictionary other than a name (新兴, 建设; not 桃坪, 黄山)?"""
    tag = dictionary_tag(word)
    return tag is not None and not tag.startswith(("nr", "ns", "nz"))


def _generic(name: str) -> bool:
    """Is ``name`` a generic word after dictionary words (中国农村, 大规模城镇; not 石门村)?

    >>> _generic("中国农村"), _generic("石门村"), _generic("凤城镇")
    (True, False, False)
    """
    toks = segment(name)
    if not toks or toks[-1] not in lexicon_set("town_generic_words"):
        return False
    head = toks[:-1]
    return len("".join(head)) >= 2 and all(dictionary_tag(t) is not None for t in head)


def _name_at(text: str, pos: int, villages: bool = True) -> tuple[int, int, str] | None:
    """(start, end, suffix) of a town's or village's name written at ``pos``, or None.

    >>> _name_at("桃坪镇白杨村附近", 0), _name_at("城镇化建设", 0), _name_at("江苏镇江", 2)
    ((0, 3, '镇'), None, None)
    """
    m = _NAME.match(text, pos)
    if m is None or _FALSE_END.match(text, m.start(2)):
        return None
    own, suffix = m.group(1), m.group(2)
    if suffix == "村" and not villages:
        return None
    if any(w in own for w in lexicon("town_not_in_names")) or _generic(m.group()) \
            or m.group().endswith(words("town_not_endings")):
        return None
    return m.start(), m.end(), suffix


def _has_verb(own: str) -> bool:
    """Does jieba read a verb in ``own`` (经销越, 位于青云)?  Then it is no name."""
    return any(len(w) > 1 and (dictionary_tag(w) or "").startswith("v") for w in segment(own))


def _taken(doc: Document, start: int, end: int) -> bool:
    """Does a mention of another extractor overlap ``[start, end)``?"""
    return any(m.start < end and start < m.end for m in doc.mentions)


def _after_places(doc: Document, cued: list[tuple[int, int, str, EntityKey | None]]
                  ) -> list[tuple[int, int, str, EntityKey | None]]:
    """Towns written right after a region, villages after a region, a town or a village, and the
    towns of a list that goes on after one (桃坪镇、梅林镇): (start, end, suffix, the place
    before).  ``cued`` are towns already read after cues: villages may follow them too."""
    out: list[tuple[int, int, str, EntityKey | None]] = []
    places = sorted((m for m in doc.mentions if m.type in DIVISION_TYPES and m.end > m.start),
                    key=lambda m: m.start)
    todo: list[tuple[int, EntityKey | None]] = [(m.end, (m.type, m.name)) for m in places]
    todo += [(e, None if suffix == "村" else ("Zone", doc.text[s:e])) for s, e, suffix, _ in cued]
    seen: set[int] = set()
    while todo:
        pos, parent = todo.pop(0)
        hit = _name_at(doc.text, pos)
        if pos in seen or hit is None or _taken(doc, hit[0], hit[1]):
            continue
        seen.add(pos)
        out.append((*hit, parent))
        # a village after a village (石门村白杨沟村) belongs where the first one does
        todo.append((hit[1], parent if hit[2] == "村" else ("Zone", doc.text[hit[0]:hit[1]])))
        if doc.text[hit[1]:hit[1] + 1] in _AND:  # 桃坪镇、梅林镇: a list of towns goes on
            todo.append((hit[1] + 1, parent if hit[2] != "村" else None))
    return out


def _after_cues(doc: Document) -> list[tuple[int, int, str, EntityKey | None]]:
    """Towns and villages written right after a cue (位于X镇), named by no common word."""
    out: list[tuple[int, int, str, EntityKey | None]] = []
    for cue in _CUE.finditer(doc.text):
        hit = _name_at(doc.text, cue.end())
        if hit is None or _taken(doc, hit[0], hit[1]):
            continue
        sent = doc.sentence_at(cue.start())
        if sent is None or not token_boundary(doc, sent, cue.end()):
            continue  # 到达, 在于: the cue is part of another word
        own = doc.text[hit[0]:hit[1] - len(hit[2])]
        if _common(own) or _has_verb(own):
            continue
        out.append((*hit, None))
    return out


def _listed(doc: Document) -> list[Mention]:
    """The bare names of a list that ends in 等乡镇 / 等镇 / 等街道 (前童、梅林、桥头胡等乡镇)."""
    out = []
    for m in _LIST.finditer(doc.text):
        for item in re.finditer(_LIST_ITEM, m.group(1)):
            s, e = m.start(1) + item.start(), m.start(1) + item.end()
            if e - s == 3 and doc.text[s] in _LEAD:
                s += 1  # 沿线的前童: the list begins after 的
            word = doc.text[s:e]
            if not _taken(doc, s, e) and not _common(word) and not _has_verb(word):
                out.append(Mention("Zone", word, s, e, EXTRACTOR))
    return out


def _repeats(doc: Document, names: set[str], found: list[Mention]) -> list[Mention]:
    """Every other place where the article writes a name already read."""
    out = []
    for name in sorted(names):
        for m in re.finditer(re.escape(name), doc.text):
            if not _taken(doc, m.start(), m.end()) and not any(
                    f.start < m.end() and m.start() < f.end for f in found + out):
                out.append(Mention("Zone", name, m.start(), m.end(), EXTRACTOR))
    return out


def _parent(doc: Document, name: str, before: EntityKey | None, main_town: str | None
            ) -> EntityKey | None:
    """The place a town or village belongs to (see the module docstring)."""
    if before is not None:
        return before
    if name.endswith("村"):
        return ("Zone", main_town) if main_town and main_town != name else None
    region = doc.region
    return _town_region(doc, region) if isinstance(region, tuple) else None


def _town_region(doc: Document, region: EntityKey) -> EntityKey:
    """The region whose towns the article names: its main region, unless a city above none of
    it is named more than twice as often (an article about 东莞市 naming 彰化县 for its investors:
    the towns are the city's)."""
    counts = Counter((m.type, m.name) for m in doc.mentions if m.end > m.start
                     and m.type in ("City", "District"))
    codes = {m.code for m in doc.mentions if (m.type, m.name) == region and m.code}
    above = {a for c in codes for a in ancestors(c)}
    cities = [(n, m.name) for m in doc.mentions if m.type == "City" and m.code
              and m.code not in above for n in [counts[("City", m.name)]]]
    if cities:
        n, name = max(cities)
        if n > 2 * counts.get(region, 0):
            return ("City", name)
    return region


def _zones_in_towns(doc: Document, towns: set[str]) -> None:
    """A zone named after a town of the article (桃坪乡工业小区, 桃坪工业园 in 桃坪乡) is partOf
    that town, not of the region the zones extractor gave it."""
    stems = {t: t[:-2] if t.endswith("街道") else t[:-1] for t in towns}
    # (not 宁海工业园区 in 宁海镇: the county's name)
    stems = {t: stem for t, stem in stems.items() if not is_place_name(stem)}
    for k, f in enumerate(doc.facts):
        if f.predicate != "partOf" or f.extractor != "zones" or f.subject[0] != "Zone" \
                or f.obj[0] == "Zone":
            continue
        name = f.subject[1]
        town = next((t for t, stem in sorted(stems.items()) if len(stem) >= 2 and name != t
                     and name.startswith(stem)), None)
        if town is not None and f.obj != ("Zone", town):
            doc.facts[k] = Fact(f.subject, "partOf", ("Zone", town), f.extractor,
                                sentence=f.sentence)


@component("towns", requires=("sentences",), reads=("region",))
def find_towns(doc: Document) -> None:
    """Zone mentions of towns, streets and villages, and their partOf facts."""
    cued = _after_cues(doc)
    hits = sorted(set(_after_places(doc, cued) + cued))
    found: list[Mention] = []
    before: dict[str, EntityKey | None] = {}
    for start, end, _suffix, parent in hits:
        if any(f.start < end and start < f.end for f in found):
            continue
        name = doc.text[start:end]
        found.append(Mention("Zone", name, start, end, EXTRACTOR))
        if before.get(name) is None:
            before[name] = parent
    full = {m.name[:-len(suf)]: m.name for m in found
            for suf in ("街道", "镇", "乡") if m.name.endswith(suf)}
    for m in _listed(doc):
        if m.name in full:  # 梅林 in 前童、梅林等乡镇 is the 梅林街道 the article names
            m.name, m.aliases = full[m.name], (m.name,)
        found.append(m)
    found += _repeats(doc, {m.name for m in found}, found)
    found.sort(key=lambda m: m.start)
    doc.mentions.extend(found)
    _zones_in_towns(doc, {m.name for m in found if m.name.endswith(("镇", "乡", "街道"))})
    towns = Counter(m.name for m in found if not m.name.endswith("村"))
    main_town = min(towns, key=lambda n: (-towns[n], n)) if towns else None
    for name in dict.fromkeys(m.name for m in found):
        parent = _parent(doc, name, before.get(name), main_town)
        if parent is not None and parent != ("Zone", name):
            first = next(m for m in found if m.name == name)
            sent = doc.sentence_at(first.start)
            doc.facts.append(Fact(("Zone", name), "partOf", parent, EXTRACTOR,
                                  sentence=sent.index if sent else None))
