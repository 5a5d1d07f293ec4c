"""Posts: ``holdsPost`` facts from the title chains that :mod:`kg.extract.people` found.

One fact per post (``市委副书记、区委书记X`` gives two).  The owner of a post is
resolved from the title as written:

* an organisation, company or project named in the title
  (``安井食品公司外联科科长`` -> the company, title ``外联科科长``);
* a government organ (``区委书记``, ``开发区党工委委员``, ``县商务局局长``): the
  body, qualified with its region (``区委`` -> ``历下区委``) by
  :func:`kg.extract.organs.qualify`, else by the region at its level; a bare
  organ after a qualified one in the same chain takes its place
  (``开发区党工委委员、管委会副主任`` -> ``开发区管委会``);
* a head of government (``区长``, ``县长``, ``市长``) -> the region itself;
* an enterprise title alone (``董事长``, ``车间主任``) -> the company named
  nearest before it in the sentence or the two before;
* a reporter byline after a media brand (``某某日报讯（记者 X``) -> the medium.

>>> from kg.model import Document, Mention
>>> from kg.sentences import split_sentences
>>> from kg.extract.people import find_people
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="翠屏区召开大会。区委书记刘海涛出席。"))
>>> d.mentions.append(Mention("District", "翠屏区", 0, 3, "regions"))
>>> d.region = ("District", "翠屏区")
>>> find_people(d, use_lac=False)
>>> find_posts(d)
>>> [(f.subject[1], f.obj, f.title) for f in d.facts]
[('刘海涛', ('GovernmentBody', '翠屏区委'), '区委书记')]
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kg.components import component
from kg.extract.company_names import valid_company
from kg.extract.divisions import is_place_name
from kg.extract.names import is_generic_head
from kg.extract.organs import qualify, qualify_by_level, region_for_level
from kg.extract.person_names import title_ending_at
from kg.extract.text import dictionary_tag, word_frequency
from kg.lexicons import alternation, suffix_regex
from kg.model import REGION_TYPES, Document, EntityKey, Fact, Mention, Sentence
from kg.segment import segment

EXTRACTOR = "posts"
OWNER_TYPES = ("Company", "Organization", "Project", "GovernmentBody")
_LEVELS = "省市区县州旗"
# organs that are government bodies wherever they stand
_ORGAN = re.compile(f"(?:{alternation('post_organs')})$")
# units that are government bodies only with a level or place before them (区项目办, 市招商中心)
_UNIT = re.compile(f"(?:{alternation('post_units')})$")
# heads of government: the post belongs to the region
_HEAD = re.compile(r"^(?:常务)?(?:副|代)?([省市区县州旗])长$")
# the head of an autonomous region (自治区主席, 自治区副主席)
_CHAIR = re.compile(r"^(?:常务)?副?主席$")
# titles that belong to a government body, never to a company
_GOV_ONLY = re.compile(f"(?:{alternation('post_government_titles')})$")
# enterprise titles that, alone, belong to the company named just before
_ENTERPRISE = re.compile(f"(?:{alternation('post_enterprise_titles')})$")
# appointed titles of a region: 招商大使, 招商顾问
_APPOINTED = re.compile(r"(?:大使|顾问)$")
# organs every enterprise and institution has: after a post in one, they are its own
_INNER_ORGANS = ("党组", "党委", "纪委", "工会")
# what may stand between a medium and a reporter role: ·齐鲁壹点, 讯（
_BRAND_GAP = re.compile(r"^(?:[·•][\u4e00-\u9fffA-Za-z0-9]{1,10})?(?:讯|消息|"
                        r"电)?[ \t\u3000]*[（(]?[ \t\u3000]*$")
REPORTER_ROLES = ("记者", "特约记者")
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_PUNCT_OR_SPACE = re.compile(r"[\s，,。；;：:、“”\"（）()]")


# ---------------------------------------------------------------- qualifying organs


def _organ_name(doc: Document, bare: str) -> str | None:
    """The canonical name of a bare organ: the bodies extractor's rule, else the region at its
    level found from the division table or the article (see :mod:`kg.extract.organs`)."""
    return qualify(doc, bare) or qualify_by_level(doc, bare)


# ---------------------------------------------------------------- owners


def _ensure(
    doc: Document, type_: str, name: str, start: int, end: int, alias: str | None = None
) -> EntityKey:
    """The key of a mention ``(type_, name)``, adding one at ``start:end`` if none exists."""
    if not any(m.type == type_ and m.name == name for m in doc.mentions):
        aliases = (alias,) if alias and alias != name else ()
        doc.mentions.append(Mention(type_, name, start, end, EXTRACTOR, aliases=aliases))
    return (type_, name)


def _known(doc: Document, key: EntityKey) -> bool:
    return any((m.type, m.name) == key for m in doc.mentions)


def _place_at(doc: Document, start: int, end: int) -> Mention | None:
    """The longest region or zone mention that starts at ``start`` and ends before ``end``."""
    best = None
    for m in doc.mentions:
        if m.type in REGION_TYPES and m.start == start and m.end < end:
            if best is None or m.end > best.end:
                best = m
    return best


def _split(text: str) -> tuple[str, str]:
    """(owner part, position) of a title chunk: the longest title suffix after an organ.

    >>> _split("区委副书记"), _split("开发区管委会副主任"), _split("车间主任"), _split("县长")
    (('区委', '副书记'), ('开发区管委会', '副主任'), ('', '车间主任'), ('', '县长'))
    """
    for k in range(1, len(text)):
        head, pos = text[:k], text[k:]
        if title_ending_at(pos, 0, len(pos)) == pos and (_ORGAN.search(head) or _UNIT.search(head)):
            return head, pos
    if title_ending_at(text, 0, len(text)) == text:  # a title as a whole: 副区长, 车间主任
        return "", text
    # an owner name glued to a title: 某某电子董事长 (the longest title suffix)
    for k in range(1, len(text)):
        if title_ending_at(text[k:], 0, len(text) - k) == text[k:]:
            return text[:k], text[k:]
    return "", text


def _nearest(doc: Document, sent: Sentence, pos: int, types: tuple[str, ...]) -> Mention | None:
    """The mention of ``types`` ending nearest before ``pos`` in this sentence or the two before."""
    lo = sent.start
    for s in doc.sentences[max(0, sent.index - 2):sent.index]:
        if "\n" not in doc.text[s.end:sent.start]:
            lo = min(lo, s.start)
    best = None
    for m in doc.mentions:
        if (
            m.type in types
            and lo <= m.start
            and m.end <= pos
            and (best is None or m.end > best.end)
        ):
            best = m
    return best


def _short_form_owner(doc: Document, s: int, head: str) -> EntityKey | None:
    """A company named elsewhere in full whose short form opens ``head`` (海德精密中国区 ->
    德国海德精密有限公司).

    The short form gets a mention of the company, so that it becomes an alias.
    """
    best: tuple[int, Mention] | None = None
    for m in doc.mentions:
        if m.type not in ("Company", "Organization"):
            continue
        k = len(head)
        while k >= 3 and head[:k] not in m.name:
            k -= 1
        if k >= 3 and not is_generic_head(head[:k]) and (best is None or k > best[0]):
            best = (k, m)
    if best is None and len(head) >= 2 and not is_generic_head(head):
        # a two-character short name (巨扬董事长): the company that begins so, named first in the
        # article
        first = [
            m
            for m in doc.mentions
            if m.type == "Company" and m.name.startswith(head) and len(m.name) > len(head)
        ]
        if first:
            best = (len(head), min(first, key=lambda m: m.start))
    if best is None:
        return None
    k, m = best
    _ensure_span(doc, m.type, m.name, s, s + k)
    return (m.type, m.name)


def _ensure_span(doc: Document, type_: str, name: str, start: int, end: int) -> None:
    if not any(m.type == type_ and m.start == start and m.end == end for m in doc.mentions):
        doc.mentions.append(Mention(type_, name, start, end, EXTRACTOR))


def _owner_mention(doc: Document, start: int, pos_start: int) -> Mention | None:
    """An organisation, company or project named inside the chunk, before the position."""
    best = None
    for m in doc.mentions:
        if m.type in OWNER_TYPES and start <= m.start < pos_start and m.end <= pos_start + 2:
            if best is None or m.end > best.end or (m.end == best.end and m.start < best.start):
                best = m
    return best


_SECTION = re.compile(r"[\u4e00-\u9fff]{1,10}[处科室]$")


def _without_section(head: str) -> str:
    """An organ without the section of it a title names (粮食局|农村处处长, 商务局|外联科科长): the
    post is held in the organ, the section stays in the title.

    >>> _without_section("省粮食局农村处"), _without_section("区委")
    ('省粮食局', '区委')
    """
    if not _SECTION.search(head):
        return head
    for k in range(len(head) - 2, 1, -1):
        if _ORGAN.search(head[:k]) and _SECTION.fullmatch(head[k:]) \
                and not _ORGAN.search(head[:k + 1]):
            return head[:k]
    return head


def _organ_owner(
    doc: Document, s: int, head: str, prefix: str | None
) -> tuple[EntityKey, str | None] | None:
    """(body key, place prefix) for an organ ``head`` written at ``s``."""
    head = _without_section(head)
    e = s + len(head)
    place = _place_at(doc, s, e)
    if place is not None:
        rest = head[len(doc.text[place.start:place.end]):]
        if rest[:1] in _LEVELS and place.name.endswith(rest[:1]):
            rest = rest[1:]  # a level written twice: 信丰县县委 is 信丰县委
        name = place.name + rest
        return _ensure(doc, "GovernmentBody", name, s, e, head), place.name
    if head[0] in _LEVELS:
        name = _organ_name(doc, head) or head
        return _ensure(doc, "GovernmentBody", name, s, e, head), None
    if prefix:
        return _ensure(doc, "GovernmentBody", prefix + head, s, e, head), prefix
    organ = _ORGAN.search(head)
    if not organ:
        return None
    written = head[:organ.start()]  # a place written before the organ: 开发区党工委, 经开区管委会
    if len(written) >= 2:
        return _ensure(doc, "GovernmentBody", _organ_name(doc, head) or head, s, e, head), written
    name = _organ_name(doc, head) or head
    return _ensure(doc, "GovernmentBody", name, s, e, head), None


def _strip_place(doc: Document, s: int, title: str) -> str:
    """The title without a leading place name, keeping its level: 历下区委书记 -> 区委书记.

    A level written twice keeps one: 祁东县县委书记 -> 县委书记.
    """
    place = _place_at(doc, s, s + len(title))
    if place is None:
        return title
    cut = place.end - s
    level = doc.text[place.end - 1]
    if place.type != "Zone" and level in _LEVELS and not title[cut:].startswith(level):
        cut -= 1
    return title[cut:] if cut < len(title) else title


Owner = tuple[EntityKey, str, str | None]
"""(owner key, title, place prefix for the next chunk of the chain)."""


class _Chunk(NamedTuple):
    """A title chunk ``text[s:e]``: the owner part written in it (``head``) and the position."""

    s: int
    e: int
    text: str
    head: str
    pos: str

    @property
    def pos_start(self) -> int:
        """Where the position begins."""
        return self.s + len(self.head)


def post_owner(doc: Document, sent: Sentence, s: int, e: int, prefix: str | None,
               prev: EntityKey | None = None) -> Owner | None:
    """(owner key, title, place prefix for the next chunk) of the title chunk ``s:e``.

    ``prev`` is the owner of the title before in the chain: a bare department
    after a body belongs to it (``区委常委、宣传部部长`` -> ``<区委>宣传部``).
    """
    chunk = _Chunk(s, e, doc.text[s:e], *_split(doc.text[s:e]))
    owned = _owner_in_chunk(doc, chunk, prefix, prev)
    if owned is not None:
        return owned
    return _owner_by_title(doc, sent, chunk, prefix, prev)


def _body_before(doc: Document, s: int, pos_start: int) -> Mention | None:
    """The body read before the position, also where it begins before the chunk (县住房和|城乡建设局
    局长: 和 cut the chunk)."""
    return next((m for m in doc.mentions if m.type == "GovernmentBody" and m.end == pos_start
                 and (s <= m.start
                      or m.start < s and not _PUNCT_OR_SPACE.search(doc.text, m.start, s))), None)


def _owner_in_chunk(doc: Document, c: _Chunk, prefix: str | None,
                    prev: EntityKey | None) -> Owner | None:
    """The owner the chunk names: a department of the body before in the chain, a body read
    before, an organisation, company or project named in it, an organ; None if it names none."""
    head, s, pos_start = c.head, c.s, c.pos_start
    if head in _INNER_ORGANS and prev is not None and prev[0] in ("Company", "Organization"):
        return prev, c.text, prefix  # 集团公司总经理、党组书记: the company's party group
    if (head and _UNIT.search(head) and head[0] not in _LEVELS and prev
            and prev[0] == "GovernmentBody" and not _place_at(doc, s, pos_start)
            and not _owner_mention(doc, s, pos_start)):
        return _ensure(doc, "GovernmentBody", prev[1] + head, s, pos_start, head), c.text, prefix
    unit = _UNIT.search(head) is not None and (head[0] in _LEVELS or prefix
                                               or _place_at(doc, s, pos_start))
    gov = bool(head) and (_ORGAN.search(head) is not None or bool(unit))
    body = _body_before(doc, s, pos_start)
    if body is not None:
        a = min(s, body.start)
        place = _place_at(doc, a, pos_start)
        title = _strip_place(doc, a, doc.text[a:c.e])
        return (body.type, body.name), title, place.name if place else prefix
    owner = _owner_mention(doc, s, pos_start)
    if owner is not None and not (gov and owner.type == "GovernmentBody"):
        title = doc.text[owner.end:c.e] if owner.end <= pos_start else c.pos
        title = title.lstrip(")）") or title  # X有限公司(下称X)|董事长
        return (owner.type, owner.name), title, prefix
    if gov:
        got = _organ_owner(doc, s, head, prefix)
        if got:
            return got[0], _strip_place(doc, s, c.text), got[1]
    return None


def _owner_by_title(doc: Document, sent: Sentence, c: _Chunk, prefix: str | None,
                    prev: EntityKey | None) -> Owner | None:
    """The owner the position implies: a region for its head of government, the body before in
    the chain, a company by its short form, a project or company named before, a region for
    an appointed title."""
    head_of = _HEAD.match(c.pos)
    if head_of:
        return _head_of_government(doc, c, head_of.group(1), prefix)
    if _CHAIR.match(c.pos) and c.head.endswith("自治区"):  # 自治区主席: the region's head
        return _head_of_government(doc, c, "省", prefix)
    if not c.head and prev is not None and prev[0] == "GovernmentBody" \
            and not _ENTERPRISE.search(c.pos):
        return prev, c.pos, prefix  # 区商务局党组书记、局长 -> the same bureau
    if not c.head and prev is not None and not c.pos.startswith("项目") and (
            prev[0] == "Organization" or prev[0] == "Company" and not _GOV_ONLY.search(c.pos)):
        return prev, c.pos, prefix  # 协会常务副会长兼秘书长, 公司总裁兼首席执行官 -> the same firm
    if _GOV_ONLY.search(c.pos):
        return None
    anaphoric = _anaphoric_owner(doc, c, prefix)
    if anaphoric is not None:
        return anaphoric
    short = _short_form_owner(doc, c.s, c.head)
    if short is not None:
        return short, c.pos, prefix
    named = _company_at_head(doc, c)
    if named is not None:
        return named, c.text[c.text.find(named[1]) + len(named[1]):], prefix
    if c.pos.startswith("项目"):
        near = _nearest(doc, sent, c.s, ("Project",))
        return ((near.type, near.name), c.pos, prefix) if near else None
    if _APPOINTED.search(c.pos) and (
        not c.head or c.head in _LEVELS or _place_named_before(doc, c)
    ):
        return _appointed_owner(doc, c, prefix)
    return _enterprise_owner(doc, sent, c, prefix)


# a company's name in Latin letters: JP Morgan, J.D.Power, AutoPacific
_LATIN_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9&'\-]*(?:[ .][A-Za-z0-9][A-Za-z0-9&'\-]*)*")


# a research or learned body named in Latin letters (DIGITIMES Research): an organisation
_LATIN_INSTITUTE = re.compile(r"(?:Research|Institute|Association|Council|Foundation|University|"
                              r"Academy|Society)$")


def _company_at_head(doc: Document, c: _Chunk) -> EntityKey | None:
    """A company named where the chunk begins, before a department and a post: in Latin letters
    (JP Morgan亚太区销售总裁), or a short name with an industry word (华通电气产品研发中心总监).

    It gets a mention; its key is returned.
    """
    head = c.head
    kind = _KIND_BEFORE.match(head)  # 研究机构|Displaysearch: a kind of firm written before it
    if kind and kind.end() < len(head) and _LATIN_HEAD.match(head, kind.end()):
        c = c._replace(s=c.s + kind.end(), head=head[kind.end():])
        head = c.head
    latin = _LATIN_HEAD.match(head)
    if latin and latin.end() >= 2 and not latin.group().isdigit():
        end = latin.end()
    elif (brand := _brand_before_title(c)) is not None:
        c = c._replace(s=c.s + brand[0], head=head[brand[0]:])
        head, end = c.head, brand[1] - brand[0]
    else:
        end = next((m.end() for m in suffix_regex("org_industry_words").finditer(head)
                    if 2 <= m.start() <= 4), 0)
        if not end or not valid_company(head[:end]) or is_place_name(head[:end - 2]) \
                or suffix_regex("org_organisation_suffixes").match(head, end) or \
                head.startswith("网", end):
            return None  # 联合钢铁网: a website
    type_ = "Organization" if _LATIN_INSTITUTE.search(head[:end]) else "Company"
    return _ensure(doc, type_, head[:end], c.s, c.s + end)


_KIND_BEFORE = re.compile(r"(?:市场)?(?:研究|调研|咨询|调查)(?:机构|公司)|投行|券商")
# where in a firm a post is held, written between the firm's name and the post: 友达|全球执行|副总
_AREA = re.compile(r"(?:全球|海外|大中华区|中国区|亚太区|亚洲区|欧洲区|[华东南西北中]{1,2}区)?"
                   r"(?:执行|常务|高级|资深|首席)?$")
_FIRM_TITLE = re.compile(r"(?:董事长|董事局主席|总裁|总经理|副总|CEO|创始人|管理人|接管人)$")


_COMMON = 300  # a word this frequent in jieba's corpus is a word of the language (时任, 全球)
_NOT_FIRST = set("该其原前现时本此这那各每某")


def _brand_before_title(c: _Chunk) -> tuple[int, int] | None:
    """Where a firm's short name ends when the chunk is that name, maybe where in the firm, and
    a firm's post (友达全球执行副总, 华星奶业破产管理人): a name of two to six characters that is
    no place, no frequent word of the language and no generic head."""
    if not _FIRM_TITLE.search(c.pos):
        return None
    area = _AREA.search(c.head)
    name = c.head[:area.start()] if area else c.head
    # a date or a verb glued before it: 8月|上海梅林董事长, 反诉|易博士董事长
    first = segment(name)[0] if name else ""
    start = len(first) if first in "年月日号" or dictionary_tag(first) in ("v", "vn") \
        and len(name) - len(first) >= 2 else 0
    name = name[start:]
    words = segment(name) if name else [""]
    if dictionary_tag(words[0]) in ("d", "p", "c", "r", "f", "m", "q"):
        return None  # 再到|接管人: an adverb, no name
    if not (2 <= len(name) <= 6) or not HAN_RUN.fullmatch(name) or is_place_name(name) \
            or is_generic_head(name) or word_frequency(name) >= _COMMON or name[0] in _NOT_FIRST \
            or name[-1] in _LEVELS \
            or _ORGAN.search(name) or _UNIT.search(name):
        return None
    return start, start + len(name)


def _head_of_government(doc: Document, c: _Chunk, level: str, prefix: str | None) -> Owner | None:
    """区长, 县长, 市长: the region named in the chunk, the place prefix of the chain, else the
    article's region at that level, if the article names it."""
    place = _place_at(doc, c.s, c.e)
    key = (place.type, place.name) if place is not None else None
    if key is None and prefix and level in "区县旗":
        key = next(((m.type, m.name) for m in doc.mentions
                    if m.name == prefix and m.type in REGION_TYPES), None)
    key = key or region_for_level(doc, level)
    return (key, c.pos, prefix) if key and _known(doc, key) else None


def _place_named_before(doc: Document, c: _Chunk) -> bool:
    """Is a place named right before the position (翠屏区|招商大使)?"""
    place = _place_at(doc, c.s, c.e) if c.head else None
    return place is not None and place.end == c.pos_start


def _appointed_owner(doc: Document, c: _Chunk, prefix: str | None) -> Owner | None:
    """招商大使, 招商顾问: the place named before the title, else the article's region (at the
    level written before it), if the article names it."""
    place = _place_at(doc, c.s, c.e) if c.head else None
    if place is not None and place.end == c.pos_start:
        return (place.type, place.name), c.pos, prefix
    key = region_for_level(doc, c.head) if c.head else doc.region
    return (key, c.pos, prefix) if key and _known(doc, key) else None


# a firm referred back to before an enterprise title: 该公司|运营副总裁, 公司|前董事长, 其|总经理
_ANAPHOR = re.compile(r"(?:(?:该|本)?(?:公司|集团|企业)|其)")


def _anaphoric_owner(doc: Document, c: _Chunk, prefix: str | None) -> Owner | None:
    """An enterprise title after 该公司, 公司 or 其: the company named last before it in the
    article.

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="华星科技有限公司成立于2001年。此后多年亏损。今年大幅增长。该公司副总裁赵一鸣说"))
    >>> d.mentions.append(Mention("Company", "华星科技有限公司", 0, 8, "companies"))
    >>> s = d.text.find("该公司")
    >>> _anaphoric_owner(d, _Chunk(s, s + 6, "该公司副总裁", "该公司", "副总裁"), None)
    (('Company', '华星科技有限公司'), '副总裁', None)
    """
    anaphor = _ANAPHOR.match(c.text)
    if anaphor is None or anaphor.end() > len(c.head) or not _ENTERPRISE.search(c.text):
        return None
    before = [m for m in doc.mentions if m.type == "Company" and m.end <= c.s]
    if not before:
        return None
    near = max(before, key=lambda m: m.end)
    return (near.type, near.name), c.text[anaphor.end():], prefix


def _enterprise_owner(doc: Document, sent: Sentence, c: _Chunk, prefix: str | None) -> Owner | None:
    """An enterprise title (董事长, 车间主任): the company or organisation named nearest before."""
    if not _ENTERPRISE.search(c.text):
        return None
    near = _nearest(doc, sent, c.s, ("Company", "Organization"))
    if near is None:
        return None
    # 巨扬董事长: the head is the company's short name, the post is 董事长
    title = c.pos if c.head and near.name.startswith(c.head) else c.text
    return (near.type, near.name), title, prefix


def _reporter_posts(doc: Document) -> None:
    """Reporters after a media brand hold a post at the medium (某某日报讯（记者 X）."""
    for role, name, role_start, s, _e in doc.byline_spans:
        if role not in REPORTER_ROLES:
            continue
        line_start = doc.text.rfind("\n", 0, role_start) + 1
        media = [m for m in doc.mentions if m.type == "Organization" and line_start <= m.start
                 and m.end <= role_start and _BRAND_GAP.match(doc.text[m.end:role_start])]
        if media:
            # the medium, not its brand: 齐鲁晚报·齐鲁壹点记者
            m = min(media, key=lambda x: x.start)
            sent = doc.sentence_at(s)
            doc.facts.append(Fact(("Person", name), "holdsPost", (m.type, m.name), EXTRACTOR,
                                  sentence=sent.index if sent else None, title=role))


def _split_at_firms(doc: Document, chain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The chunks of a chain, one cut where a post ends right before a firm that the chunk names
    before its own post (X重整管理人|Y律师事务所律师: two posts in two firms)."""
    out = []
    for s, e in chain:
        firms = [m for m in doc.mentions if m.type in ("Company", "Organization")
                 and s < m.start and m.end < e]
        cut = next((m.start for m in sorted(firms, key=lambda m: m.start)
                    if title_ending_at(doc.text, s, m.start)
                    and (title_ending_at(doc.text, m.end, e) or "") == doc.text[m.end:e]), None)
        out.extend([(s, cut), (cut, e)] if cut is not None else [(s, e)])
    return out


@component("posts", requires=("sentences",),
           reads=("person_posts", "byline_spans", "region", "city", "province", "zone"))
def find_posts(doc: Document) -> None:
    """Add ``holdsPost`` facts (and the owning bodies they need) for the people found."""
    by_index = {s.index: s for s in doc.sentences}
    for entry in doc.person_posts:
        sent = by_index.get(entry.sentence)
        if sent is None:
            continue
        prefix: str | None = None
        owner: EntityKey | None = None
        for s, e in _split_at_firms(doc, entry.chain):
            got = post_owner(doc, sent, s, e, prefix, owner)
            if got is None:
                continue
            owner, title, prefix = got
            doc.facts.append(Fact(("Person", entry.name), "holdsPost", owner, EXTRACTOR,
                                  sentence=sent.index, title=title))
    _reporter_posts(doc)
