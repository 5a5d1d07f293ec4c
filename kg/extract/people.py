"""Person names: after post titles, before speech verbs, in lists of leaders.

A name is a surname from ``kg/lexicon/surnames.txt`` plus one or two
characters (two or three after a compound surname), or a transliterated
foreign name with ``·``.  Where it ends is decided from what follows it (a
speech verb, a preposition, punctuation), jieba's word boundaries and, on the
few sentences that have a person cue, Baidu LAC's ``PER`` spans.  A name that
has been confirmed once is found again wherever it stands with a good
boundary.

Patterns (``X`` a name):

* a post title before the name: ``市委副书记、区委书记X``, ``公司外联科科长X``;
  the title chain is kept in ``Document.person_posts`` for
  :mod:`kg.extract.posts`;
* speech: ``X说``, ``X表示``, ``X介绍``, ``据X介绍``;
* a title or form of address after the name: ``X总书记``, ``X同志``;
* lists after a group descriptor: ``区领导X、Y、Z出席`` (no post);
* a role and 为 or a colon before the name: ``法定代表人为X`` (a post), ``联系人：X``,
  ``主持人：X`` (no post).

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="县委书记刘海涛出席。王晓红表示，将做好服务。区领导赵一鸣、钱多多参加活动。"))
>>> find_people(d, use_lac=False)
>>> sorted({m.name for m in d.mentions})
['刘海涛', '王晓红', '赵一鸣', '钱多多']
"""

from __future__ import annotations

import re

from kg.components import component
from kg.extract.lac_model import lac_model
from kg.extract.names import GLUED_PREPOSITIONS
from kg.extract.person_names import (
    BOUNDARY,
    FOREIGN,
    HAN_ONLY,
    LATIN_NAME,
    surname_len,
    title_ending_at,
    title_regex,
    valid_name,
)
from kg.extract.text import clause_at, common_word, longest_first, token_boundary, tokens
from kg.extract.title_chains import title_chain
from kg.lexicons import alternation, lexicon_set, words
from kg.model import REGION_TYPES, Document, Mention, PostChain, Sentence

EXTRACTOR = "people"

# words that typically follow a person's name
_FOLLOW = words("person_follow_words")
SPEECH = re.compile(f"(?:{alternation('person_speech_verbs')})")
# a form of address or title right after a name: 习近平总书记, 张三同志
_AFTER_TITLE = re.compile(r"(?:总书记|书记|同志|主席|总理)")
# group descriptors before a list of names (not posts)
_GROUP = re.compile(r"(?:(?:省|市|区|县|州|镇|乡|街道)?领导|负责同志|嘉宾|出席人员|陪同人员)")
# single-character words that follow names and glue onto them: 王五等, 陈晓说
_GLUE = set("等说在和与及向对为也就称曾还又都已正则所的从到来赴率")
# a name's last character glued to the verb after it
_GLUE_WORDS = lexicon_set("person_glued_words")


_NAME_TAGS = ("nr", "ns", "nz")  # dictionary words that may be names (江山, 石磊)
_PREP_SURNAMES = set("于向和从对为将与由在到")  # surnames that are also prepositions


def words_inside(doc: Document, sent: Sentence, start: int, end: int) -> bool:
    """True if a dictionary word that is not a name overlaps ``start:end`` (强调, 于|近日, 向|记者).

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="书记强调，厂长石磊说"))
    >>> words_inside(d, d.sentences[0], 2, 4), words_inside(d, d.sentences[0], 7, 9)
    (True, False)
    """
    for t in tokens(doc, sent):
        if t.end <= start or t.start >= end or len(t.text) < 2:
            continue
        if t.start < start < t.end:  # the title and the name share a word: 镇|长江|堤
            return True
        word = t.tag is not None and not t.tag.startswith(_NAME_TAGS)
        if word and t.start < end < t.end and end - start >= 3 and _glued_follow(doc, sent, end):
            continue  # 宋立|明说: the name's last character glued onto the speech verb after it
        if word and (t.start == start or t.start < end < t.end):  # 强调, 时间|紧, 李旭|同样
            return True
        if word and t.start == start + 1 and doc.text[start] in _PREP_SURNAMES:  # 向|记者, 于|近日
            return True
    return False


def _follow_score(doc: Document, sent: Sentence, pos: int) -> int:
    """How well ``pos`` ends a name: punctuation 3, a follow word 2, a dictionary word 1."""
    text = doc.text
    if pos >= sent.end or text[pos] in BOUNDARY:
        return 3
    for w in _FOLLOW:
        if text.startswith(w, pos):
            return 2
    for t in tokens(doc, sent):
        if t.start == pos:
            return 1 if len(t.text) >= 2 and t.tag is not None else 0
    return 0


def _trim_foreign(doc: Document, sent: Sentence, start: int, end: int) -> int | None:
    """End of a foreign name ``start:end`` without a follow word glued on (马克·施耐德说)."""
    dot = max(doc.text.rfind("·", start, end), doc.text.rfind("•", start, end))
    for cut in range(dot + 2, min(end, sent.end) + 1):
        if _follow_score(doc, sent, cut) >= 2:
            return cut
    return end if end <= sent.end else None


def name_after(doc: Document, sent: Sentence, pos: int, lac: set[tuple[int, int]] | None = None,
               known: set[str] | None = None) -> int | None:
    """End of the person name that begins at ``pos``, or None.

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="区长王士强在会上说"))
    >>> d.text[2:name_after(d, d.sentences[0], 2)]
    '王士强'
    """
    end = _name_after(doc, sent, pos, lac, known)
    if end is None and isinstance(lac, LacSpans):
        if surname_len(doc.text[pos:pos + 2]):
            # the patterns found none: ask LAC (区长江旭, 主任何静)
            if lac.tag([clause_at(doc, sent, pos)]):
                end = _name_after(doc, sent, pos, lac, known)
        elif _unknown_word_at(doc, sent, pos):
            end = _minority_name(doc, sent, pos, lac)
    return end


def _unknown_word_at(doc: Document, sent: Sentence, pos: int) -> bool:
    """Does a word jieba does not know as a common word start at ``pos`` (额尔敦巴雅尔,
    扎西次仁)?"""
    tok = next((t for t in tokens(doc, sent) if t.start == pos), None)
    if (
        tok is None
        or not "\u4e00" <= tok.text[0] <= "\u9fff"
        or tok.tag not in (None, "nr", "nrt", "nrfg", "nz")
    ):
        return False
    # not a preposition jieba glued on (从区情), not a place or body already read there
    # (丹棱|县委书记)
    return tok.text[0] not in GLUED_PREPOSITIONS and not any(
        m.start <= pos < m.end for m in doc.mentions
    )


def _minority_name(doc: Document, sent: Sentence, pos: int, lac: LacSpans) -> int | None:
    """A name without a Han surname right after a title (旗长额尔敦巴雅尔, 州长扎西次仁): LAC must
    tag it a person, and what follows must end a name."""
    lac.tag([clause_at(doc, sent, pos)])
    ends = [e for (s, e) in lac if s == pos and 2 <= e - s <= 8 and HAN_ONLY.match(doc.text[s:e])]
    if len(ends) == 1 and _follow_score(doc, sent, ends[0]) >= 1:
        return ends[0]
    return None


def _name_after(doc: Document, sent: Sentence, pos: int, lac: set[tuple[int, int]] | None,
                known: set[str] | None) -> int | None:
    text = doc.text
    m = FOREIGN.match(text, pos)
    if m:
        return _trim_foreign(doc, sent, m.start(), m.end())
    latin = LATIN_NAME.match(text, pos, sent.end)
    k = surname_len(text[pos:pos + 2])
    if latin or not k:
        return latin.end() if latin else None
    best: tuple[int, int] | None = None
    for size in (k + 1, k + 2):
        end = pos + size
        if end > sent.end or not valid_name(text[pos:end]):
            continue
        if words_inside(doc, sent, pos, end) and not (lac and (pos, end) in lac):
            continue  # 区委书记强调, 局长时间紧, 主任向记者介绍
        score = _follow_score(doc, sent, end)
        if size > k + 1 and (text[end - 1] in _GLUE or text[end - 1:end + 1] in _GLUE_WORDS):
            score -= 3  # 王五等出席, 陈晓说, 陈佳作了推介, 李明作为代表
        if token_boundary(doc, sent, end) or size > k + 1 and _glued_follow(doc, sent, end):
            # (宋立|明说, 孟凡|超作: jieba glued the name's last character onto the verb after it)
            score += 1
        else:
            score -= 2
        if lac and (pos, end) in lac:
            score += 2
        if known and text[pos:end] in known:
            score += 2
        if best is None or score > best[0]:
            best = (score, end)
    if best is None or best[0] < 0:
        return None
    return best[1]


def _glued_follow(doc: Document, sent: Sentence, end: int) -> bool:
    """Does the jieba token across ``end`` hold one character of the name and a follow word's
    start (明说, 超作)?"""
    tok = next((t for t in tokens(doc, sent) if t.start < end < t.end), None)
    return tok is not None and tok.start == end - 1 and doc.text.startswith(_FOLLOW, end) \
        and doc.text[end:end + 2] not in _GLUE_WORDS


def name_before(
    doc: Document, sent: Sentence, end: int, lac: set[tuple[int, int]] | None = None
) -> int | None:
    """Start of a person name that ends at ``end`` and stands after a boundary, or None.

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="。李旭说"))
    >>> name_before(d, d.sentences[0], 3)
    1
    """
    text = doc.text
    for size in (3, 2, 4):
        start = end - size
        if start < sent.start:
            continue
        left_ok = start == sent.start or text[start - 1] in BOUNDARY or text[start - 1] == "据"
        if not left_ok or not valid_name(text[start:end]):
            continue
        if (
            lac is not None
            and lac
            and (start, end) not in lac
            and any(a < end and start < b for a, b in lac)
        ):
            continue
        if common_word(text[start:end]):
            continue
        return start
    for m in FOREIGN.finditer(text, max(sent.start, end - 16), end + 1):
        if _trim_foreign(doc, sent, m.start(), m.end()) == end and (
                m.start() == sent.start or text[m.start() - 1] in BOUNDARY):
            return m.start()
    return None


# ---------------------------------------------------------------- LAC


def _candidate_clauses(doc: Document, sents: list[Sentence]) -> list[tuple[int, int]]:
    """Clauses where a name may stand without a title before it: before a speech verb.

    Only these go through LAC up front, as LAC is the slow part; a clause
    where a title or list head comes before a surname is tagged only when
    the patterns find no name there (see :func:`name_after`).
    """
    text = doc.text
    out: set[tuple[int, int]] = set()
    for sent in sents:
        for rx in (SPEECH, _AFTER_TITLE):
            for m in rx.finditer(text, sent.start, sent.end):
                a, b = clause_at(doc, sent, m.start())
                if name_before(doc, sent, m.start()) is not None or (
                        rx is SPEECH and a < m.start() - 2 and surname_len(text[a:a + 2])):
                    out.add((a, b))
    return sorted(out)


class LacSpans(set):
    """Document spans that LAC tags PER, filled clause by clause.

    ``enabled`` is False when LAC is not to be used (then the set stays empty).
    """

    def __init__(self, doc: Document, enabled: bool = True) -> None:
        super().__init__()
        self.doc, self.enabled = doc, enabled
        self.tagged: set[tuple[int, int]] = set()

    def tag(self, clauses: list[tuple[int, int]]) -> bool:
        """Tag the clauses not tagged yet; True if that added spans."""
        todo = [(a, b) for a, b in clauses if b - a >= 2 and (a, b) not in self.tagged]
        if not todo or not self.enabled:
            return False
        self.tagged.update(todo)
        try:
            tagged = lac_model().run([self.doc.text[a:b] for a, b in todo])
        except Exception:  # pragma: no cover - LAC missing or broken: patterns alone
            self.enabled = False
            return False
        before = len(self)
        for (a, _b), tagged_words in zip(todo, tagged, strict=True):
            pos = a
            for w, tag in tagged_words:
                if tag == "PER":
                    self.add((pos, pos + len(w)))
                pos += len(w)
        return len(self) > before


def _lac_spans(doc: Document, sents: list[Sentence], enabled: bool = True) -> LacSpans:
    """LAC's PER spans in the candidate clauses of ``sents`` (empty without LAC)."""
    spans = LacSpans(doc, enabled)
    spans.tag(_candidate_clauses(doc, sents))
    return spans


_CUE_EXTRA = re.compile(alternation("person_cues"))


def _cue(text: str) -> bool:
    return bool(title_regex().search(text) or SPEECH.search(text) or _GROUP.search(text)
                or _CUE_EXTRA.search(text) or _SPEAKER.match(text))


def _lac_only(doc: Document, lac: set[tuple[int, int]], found: list[tuple[int, int, int]]) -> None:
    """LAC's PER spans that stand like names: after punctuation or 、, before a follow word."""
    text = doc.text
    for s, e in sorted(lac):
        sent = doc.sentence_at(s)
        if sent is None or e > sent.end or not valid_name(text[s:e]) or common_word(text[s:e]):
            continue
        left = s == sent.start or (text[s - 1] in BOUNDARY and text[s - 1] not in "(（")
        if left and _follow_score(doc, sent, e) >= 2 and not _in_place(doc, s, e):
            found.append((s, e, sent.index))


# ---------------------------------------------------------------- the component


def _add_person(doc: Document, name: str, start: int, end: int) -> bool:
    for m in doc.mentions:
        if m.type == "Person" and m.start < end and start < m.end:
            return False
    # a region read inside a name (江山 of 江山洪亮) gives way to the person
    doc.mentions[:] = [
        m
        for m in doc.mentions
        if not (m.type in ("City", "District", "Zone") and start <= m.start and m.end <= end)
    ]
    doc.mentions.append(Mention("Person", name, start, end, EXTRACTOR))
    return True


_GLOSS = re.compile(r"[(（][^()（）\u4e00-\u9fff]{1,30}[)）]")


def _after_titles(doc: Document, sent: Sentence, lac: set[tuple[int, int]], known: set[str],
                  found: list[tuple[int, int, int]], title_ends: dict[int, int]) -> None:
    text = doc.text
    for m in title_regex().finditer(text, sent.start, sent.end):
        # the longest title ending here (副书记 inside 区委副书记 is found once)
        if m.end() < sent.end and title_regex().match(text, m.end()):
            continue
        pos = m.end()
        gloss = _GLOSS.match(text, pos)  # a pinyin gloss between title and name: 区长(qū zhǎng)
        if gloss and gloss.end() < sent.end:
            pos = gloss.end()
        end = name_after(doc, sent, pos, lac, known)
        if end is None:
            continue
        found.append((pos, end, sent.index))
        title_ends[pos] = m.end()
        # names listed under one title share it: 副区长张三、李四出席
        while end + 1 < sent.end and text[end] == "、":
            nxt = name_after(doc, sent, end + 1, lac, known)
            if nxt is None or title_regex().match(text, end + 1):
                break
            found.append((end + 1, nxt, sent.index))
            title_ends[end + 1] = m.end()
            end = nxt


# a role written before a name with 为 or a colon between: 法定代表人为X, 联系人：X
_ROLE = re.compile(r"(法定代表人|法人代表|联系人|主持人)(?:为|是|[ \t\u3000]*[：:])?[ \t\u3000]*")
_ROLE_POSTS = ("法定代表人", "法人代表")


def _roles(doc: Document, sent: Sentence, lac: set[tuple[int, int]], known: set[str],
           found: list[tuple[int, int, int]], titled: list[tuple[int, int, int]],
           title_ends: dict[int, int]) -> None:
    """``法定代表人为X`` (the role is X's post), ``联系人：X``, ``主持人：X`` (no post).

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="该公司法定代表人为赵一鸣。联系人： 钱多多。有关联系人孙小川处"))
    >>> found, titled, ends = [], [], {}
    >>> for s in d.sentences:
    ...     _roles(d, s, set(), set(), found, titled, ends)
    >>> [d.text[a:b] for a, b, _ in titled], [d.text[a:b] for a, b, _ in found], ends
    (['赵一鸣'], ['钱多多', '孙小川'], {9: 8})
    """
    text = doc.text
    for m in _ROLE.finditer(text, sent.start, sent.end):
        pos = m.end()
        end = name_after(doc, sent, pos, lac, known) if pos < sent.end else None
        if end is None:
            continue
        if m.group(1) in _ROLE_POSTS:
            titled.append((pos, end, sent.index))
            title_ends[pos] = m.end(1)
        else:
            found.append((pos, end, sent.index))


def _group_lists(doc: Document, sent: Sentence, lac: set[tuple[int, int]], known: set[str],
                 found: list[tuple[int, int, int]]) -> None:
    text = doc.text
    for g in _GROUP.finditer(text, sent.start, sent.end):
        pos = g.end()
        while pos < sent.end:
            end = name_after(doc, sent, pos, lac, known)
            if end is None or common_word(text[pos:end]):
                break
            listed = end < sent.end and text[end] == "、"
            # a lone item needs LAC or an earlier sighting (区级领导包挂街道 is no list)
            if not (listed or pos > g.end() or (pos, end) in lac or text[pos:end] in known):
                break
            found.append((pos, end, sent.index))
            if listed:
                pos = end + 1
                continue
            break


def _speech(
    doc: Document, sent: Sentence, lac: set[tuple[int, int]], found: list[tuple[int, int, int]]
) -> None:
    text = doc.text
    for rx in (SPEECH, _AFTER_TITLE):
        for m in rx.finditer(text, sent.start, sent.end):
            start = name_before(doc, sent, m.start(), lac)
            if start is None and rx is SPEECH:
                start = name_after_words(doc, sent, m.start(), lac)
            if start is not None and not _in_place(doc, start, m.start()):
                found.append((start, m.start(), sent.index))
            elif rx is SPEECH:
                _clause_subject(doc, sent, m.start(), lac, found)
    speaker = _SPEAKER.match(text, sent.start)
    if speaker:
        end = sent.start + len(speaker.group(1))
        if _lac_name(doc, sent, sent.start, end, lac, sent.start) \
                and not _in_place(doc, sent.start, end):
            found.append((sent.start, end, sent.index))


def _lac_name(doc: Document, sent: Sentence, start: int, end: int,
              lac: set[tuple[int, int]], at: int) -> bool:
    """Is ``text[start:end]`` a name by its form (a surname, no common word) that LAC tags a
    person? The clause at ``at`` is tagged first if it was not."""
    name = doc.text[start:end]
    if not valid_name(name) or common_word(name):
        return False
    if isinstance(lac, LacSpans):
        lac.tag([clause_at(doc, sent, at)])
    return (start, end) in lac


# a head of government's title written after the name: 张三副市长, 李四县长
_HEAD_AFTER = re.compile(r"(?:常务)?(?:副|代)?[省市区县州]长")


def _heads_after_names(doc: Document, sent: Sentence, lac: set[tuple[int, int]],
                       found: list[tuple[int, int, int]],
                       after: dict[int, tuple[int, int]]) -> None:
    """``，张三副市长表示``: a name after a boundary and before a head of government's title; the
    title is the name's post.

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="会上，赵一鸣副市长指出"))
    >>> found, after = [], {}
    >>> _heads_after_names(d, d.sentences[0], set(), found, after)
    >>> [d.text[a:b] for a, b, _ in found], after
    (['赵一鸣'], {3: (6, 9)})
    """
    text = doc.text
    for m in _HEAD_AFTER.finditer(text, sent.start, sent.end):
        start = name_before(doc, sent, m.start(), lac)
        if start is None or _in_place(doc, start, m.start()):
            continue
        found.append((start, m.start(), sent.index))
        after[start] = (m.start(), m.end())


# a speaker's name opening a line of an interview: 张三：我们认为
_SPEAKER = re.compile(r"([\u4e00-\u9fff]{2,3})[：:]")


def name_after_words(doc: Document, sent: Sentence, verb: int,
                     lac: set[tuple[int, int]]) -> int | None:
    """Start of a name glued between other words and a speech verb (中投证券张三表示, 某局李四透露),
    which LAC must tag a person; or None."""
    for size in (3, 2):
        start = verb - size
        if start <= sent.start \
                or any(m.end == start and m.type in REGION_TYPES for m in doc.mentions):
            continue  # 上海|梅林表示: a company named after its place
        if _lac_name(doc, sent, start, verb, lac, verb):
            return start
    return None


_SUBJECT_FOLLOW = words("person_subject_follow")


def _clause_subject(doc: Document, sent: Sentence, verb: int, lac: set[tuple[int, int]],
                    found: list[tuple[int, int, int]]) -> None:
    """``X在会上表示``: a name LAC confirms at the start of the clause of a speech verb."""
    text = doc.text
    a, _b = clause_at(doc, sent, verb)
    while a < verb and text[a] in "“”\"‘’「」 ":
        a += 1
    end = name_after(doc, sent, a, lac)
    if (
        end is None
        or end >= verb
        or (a, end) not in lac
        or not text.startswith(_SUBJECT_FOLLOW, end)
    ):
        return
    if not _in_place(doc, a, end) and not common_word(text[a:end]):
        found.append((a, end, sent.index))


_APPOINT = re.compile(r"(?:聘请|聘任|特聘|聘|任命|授予)")


def _appointments(doc: Document, sent: Sentence, lac: set[tuple[int, int]], known: set[str],
                  found: list[tuple[int, int, int]], after: dict[int, tuple[int, int]]) -> None:
    """``聘请X为区招商大使``: the name, and the title chunk after 为."""
    text = doc.text
    for m in _APPOINT.finditer(text, sent.start, sent.end):
        end = name_after(doc, sent, m.end(), lac, known)
        if end is None:
            continue
        k = end + (2 if text.startswith(("先生", "女士"), end) else 0)
        if not text.startswith(("为", "担任"), k):
            continue
        k += 1 if text[k] == "为" else 2
        t = title_regex().search(text, k, min(sent.end, k + 30))
        while t and t.end() < sent.end and title_regex().match(text, t.end()):
            t = title_regex().match(text, t.end())
        if t and not any(c in BOUNDARY for c in text[k:t.end()]):
            found.append((m.end(), end, sent.index))
            after[m.end()] = (k, t.end())


def _prefer_known(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A name one character longer than a name found earlier is that name (江山 / 江山洪)."""
    names: list[str] = []
    out = []
    for s, e, i in sorted(spans):
        name = text[s:e]
        short = next((n for n in names if len(n) + 1 == len(name) and name.startswith(n)), None)
        if short is not None:
            e = s + len(short)
            name = short
        if name not in names:
            names.append(name)
        out.append((s, e, i))
    return out


def _in_place(doc: Document, start: int, end: int) -> bool:
    """True if a region or zone mention overlaps ``start:end`` (陈仓 of 陈仓区)."""
    return any(m.type in REGION_TYPES and m.start < end and start < m.end for m in doc.mentions)


def _propagate(doc: Document, names: set[str]) -> None:
    """Mentions for the other occurrences of confirmed names, where boundaries allow."""
    text = doc.text
    for name in longest_first(names):
        s = text.find(name)
        while s >= 0:
            e, nxt = s + len(name), text.find(name, s + len(name))
            sent = doc.sentence_at(s)
            if sent is not None and e <= sent.end and not _in_place(doc, s, e):
                left = (
                    s == sent.start
                    or text[s - 1] in BOUNDARY
                    or title_ending_at(text, sent.start, s) is not None
                )
                right = _follow_score(doc, sent, e) >= 2
                if (left or right) and (right or token_boundary(doc, sent, e)):
                    _add_person(doc, name, s, e)
            s = nxt


@component("people", requires=("sentences",), assigns=("person_posts",))
def find_people(doc: Document, use_lac: bool = True) -> None:
    """Add ``Person`` mentions; record title chains in ``doc.person_posts``."""
    cue_sents = [s for s in doc.sentences if len(s.text) <= 600 and _cue(s.text)]
    lac = _lac_spans(doc, cue_sents, enabled=use_lac)
    known = {m.name for m in doc.mentions if m.type == "Person"}
    found: list[tuple[int, int, int]] = []
    titled: list[tuple[int, int, int]] = []
    title_ends: dict[int, int] = {}
    appointed: dict[int, tuple[int, int]] = {}
    for sent in cue_sents:
        _after_titles(doc, sent, lac, known, titled, title_ends)
        _appointments(doc, sent, lac, known, found, appointed)
        _group_lists(doc, sent, lac, known, found)
        _roles(doc, sent, lac, known, found, titled, title_ends)
        _heads_after_names(doc, sent, lac, found, appointed)
        _speech(doc, sent, lac, found)
    _lac_only(doc, lac, found)
    spans = _prefer_known(doc.text, titled + found)
    titled_set = set(titled)
    posts = doc.person_posts
    by_sent = {s.index: s for s in doc.sentences}
    for (s, e, i), orig in zip(spans, sorted(titled + found), strict=True):
        name = doc.text[s:e]
        known.add(name)
        _add_person(doc, name, s, e)
        if orig in titled_set:
            chain = title_chain(doc, by_sent[i], title_ends.get(s, s))
        else:
            chain = [appointed[s]] if s in appointed else []
        if chain and not any(p.start == s for p in posts):
            posts.append(PostChain(name, s, chain, i))
    _propagate(doc, known)
