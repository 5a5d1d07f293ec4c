"""Places of other countries: states and provinces, and a city written right after its state.

The annotators type a state or province of another country as a Province (``马里兰州``,
``加州``) and a city named right after it as a City ``partOf`` it (``马里兰州巴尔的摩``); the
country itself is no entity.  Such places have no national division code.  A state is found

* in the public table of the states and provinces the press names most (lexicon
  ``region_foreign_states``: the United States', Australia's, Canada's), or
* right after a country's name (lexicon ``region_countries``) when its stem is a
  transliteration, no common word (``美国俄亥俄州``, ``巴西圣保罗州``, and the list that goes
  on: ``美国密西西比州、乔治亚州``; not ``美国各州``), and then wherever the article writes it.

A state may also be written by its stem, without 州 (``内华达`` of ``内华达州``, three
characters or more, so no 纽约, and no city of the table below: 华盛顿): such a stem is a state
where it stands right after a country's name, not in an organisation's name
(``澳大利亚昆士兰``; not ``美国弗吉尼亚理工大学``), or in a list of states that ends in 州
(``印第安纳和俄亥俄州``, ``亚利桑那、内华达及新泽西等州``; not ``密西西比及俄亥俄河``), and then
wherever the article writes it.

A city of the public table of the cities the press names alone (lexicon
``region_foreign_cities``: capitals and the largest cities) is a City where it is written as a
place of its own, right after a country (``美国凤凰城``) or as a word between words that end a
place (``在华盛顿呼吁``, ``位于墨尔本的``); not inside a longer name (``纽约商品交易所``) nor
after a single character (a surname: ``陈柏林说``).

A city right after a state is one when its stem is a transliteration too and it ends in 市 or
is glossed in Latin letters (``纽约州白原市``, ``马里兰州巴尔的摩(Baltimore)``; not
``西澳大利亚州首府珀斯``, ``“加州金熊(...)”``).

>>> text = "美国俄亥俄州坎顿市的工厂，俄亥俄州、加州各一家。"
>>> ms, fs = foreign_places(Document(path="a", name="a", raw="", text=text))
>>> [(m.type, m.name, m.start) for m in ms]  # doctest: +NORMALIZE_WHITESPACE
[('Province', '俄亥俄州', 2), ('City', '坎顿市', 6), ('Province', '俄亥俄州', 13),
 ('Province', '加州', 18)]
>>> [(f.subject[1], f.obj[1]) for f in fs]
[('坎顿市', '俄亥俄州')]

>>> text = "项目在亚利桑那、内华达及新泽西等州，内华达的电站；澳大利亚昆士兰的矿，内华达大学。"
>>> sorted({m.name for m in foreign_places(Document(path="a", name="a", raw="", text=text))[0]})
['亚利桑那', '内华达', '新泽西', '昆士兰']
>>> text = "会议在柏林举行，伦敦金属交易所，陈柏林说，美国华盛顿。"
>>> [(m.type, m.name) for m in foreign_places(Document(path="a", name="a", raw="", text=text))[0]]
[('City', '柏林'), ('City', '华盛顿')]
>>> text = "内华达的电站，亚利桑那及内华达河谷，美国弗吉尼亚理工大学。"
>>> foreign_places(Document(path="a", name="a", raw="", text=text))[0]
[]
"""

from __future__ import annotations

import functools
import re

from kg.extract.text import PLACE_END_TAGS, common_word, dictionary_tag, occurrences
from kg.lexicons import alternation, lexicon
from kg.model import Document, Fact, Mention
from kg.segment import segment

_AFTER_COUNTRY = re.compile(
    rf"(?:{alternation('region_countries')})([\u4e00-\u9fff]{{1,6}}?(?:州|省))")
_STATE_LIST = re.compile(r"[、和及与]([\u4e00-\u9fff]{1,6}?(?:州|省))")
_CITY_AFTER = re.compile(r"([\u4e00-\u9fff]{2,5}?)(?:市|(?=[(（][A-Za-z]))")
# characters no transliterated name has: determiners and deictics (美国各州, 本省)
_NOT_TRANSLITERATED = set("各全联该本其每驻首")


@functools.cache
def _state_stems() -> tuple[str, ...]:
    """Stems of the table's states, three characters or more (内华达 of 内华达州), longest first."""
    stems = {w[:-1] for w in lexicon("region_foreign_states") if w.endswith("州") and len(w) > 3}
    stems -= set(lexicon("region_foreign_cities"))  # 华盛顿: the city
    return tuple(sorted(stems, key=len, reverse=True))


@functools.cache
def _stem_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a stem right after a country's name, a list of states and stems), built once."""
    stems = _state_stems()
    states = sorted(lexicon("region_foreign_states"), key=len, reverse=True)
    item = f"(?:{'|'.join(map(re.escape, [*states, *stems]))})"
    after = re.compile(rf"(?:{alternation('region_countries')})({'|'.join(stems)})(?!州)")
    return after, re.compile(rf"{item}(?:[、和及与]{item})+(等?州)?")


_NAME_REST = re.compile(r"[\u4e00-\u9fff]{0,8}")


def _stems_written(text: str) -> set[str]:
    """Stems of states written as states: after a country's name, or in a list of states."""
    stems = _state_stems()
    if not stems:
        return set()
    after, listed = _stem_patterns()
    names: set[str] = set()
    org_ends = lexicon("org_organisation_suffixes")
    for m in after.finditer(text):
        name_rest = _NAME_REST.match(text, m.end()).group(0)
        if not any(w in name_rest for w in org_ends):
            names.add(m.group(1))
    for m in listed.finditer(text):
        if m.group(1) or m.group(0).endswith("州"):
            run = text[m.start():m.start(1) if m.group(1) else m.end()]
            names.update(w for w in re.split("[、和及与]", run) if w in stems)
    return names


def _word_alone(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a word of its own between words that end a place (在X呼吁, 位于X的)?"""
    left = segment(text[max(0, start - 6):start])
    right = segment(text[end:end + 6])
    if not segment(text[max(0, start - 6):end + 6]) or not right and end < len(text):
        return False
    before_ok = not left or not "\u4e00" <= left[-1][-1] <= "\u9fff" or len(left[-1]) > 1 \
        or (dictionary_tag(left[-1]) or "").startswith(("p", "v"))
    after_ok = not right or not "\u4e00" <= right[0][0] <= "\u9fff" \
        or (dictionary_tag(right[0]) or "").startswith(PLACE_END_TAGS)
    return before_ok and after_ok


def _cities_alone(text: str) -> list[tuple[int, int]]:
    """Spans of the table's cities written as places of their own (美国凤凰城, 在华盛顿呼吁)."""
    countries = tuple(lexicon("countries")) + tuple(lexicon("region_countries"))
    return [(start, end) for start, end in occurrences(text, lexicon("region_foreign_cities"))
            if text.endswith(countries, 0, start) or _word_alone(text, start, end)]


def _transliterated(stem: str) -> bool:
    """Is ``stem`` no common word and made of no common words (德克萨斯; not 重型德, 各)?"""
    return not any(len(w) > 1 and common_word(w) and not (dictionary_tag(w) or "").startswith("ns")
                   for w in segment(stem)) and not _NOT_TRANSLITERATED & set(stem)


def _states_after_countries(text: str) -> set[str]:
    """Names of the states written right after a country, and the lists that go on from them."""
    names: set[str] = set()
    for m in _AFTER_COUNTRY.finditer(text):
        start, end = m.span(1)
        while start is not None and _transliterated(text[start:end - 1]):
            names.add(text[start:end])
            more = _STATE_LIST.match(text, end)
            start, end = more.span(1) if more else (None, None)
    return names


def _city_after(doc: Document, state: Mention) -> tuple[Mention, Fact] | None:
    """The city written right after ``state`` (纽约州白原市), and its partOf the state."""
    m = _CITY_AFTER.match(doc.text, state.end)
    quoted = state.start > 0 and doc.text[state.start - 1] in "“《「"  # a brand (“加州金熊”)
    if quoted or not m or m.group(1)[0] == "的" or not _transliterated(m.group(1)):
        return None
    city = Mention("City", m.group(0), state.end, m.end(), "regions")
    sent = doc.sentence_at(city.start)
    fact = Fact(("City", city.name), "partOf", ("Province", state.name), "regions",
                sentence=sent.index if sent else None)
    return city, fact


def foreign_places(doc: Document) -> tuple[list[Mention], list[Fact]]:
    """Mentions of foreign states and the cities right after them, and the cities' partOf."""
    names = (set(lexicon("region_foreign_states")) | _states_after_countries(doc.text)
             | _stems_written(doc.text))
    mentions: list[Mention] = []
    facts: list[Fact] = []
    for start, end in occurrences(doc.text, names):
        state = Mention("Province", doc.text[start:end], start, end, "regions")
        mentions.append(state)
        city = _city_after(doc, state)
        if city:
            mentions.append(city[0])
            if city[1] not in facts:
                facts.append(city[1])
    taken = [(m.start, m.end) for m in mentions]
    for start, end in _cities_alone(doc.text):
        if not any(s < end and start < e for s, e in taken):
            mentions.append(Mention("City", doc.text[start:end], start, end, "regions"))
    return mentions, facts
