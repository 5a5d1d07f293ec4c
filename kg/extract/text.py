"""Reading the text: jieba tokens of a sentence, jieba's dictionary, character classes.

Every extractor reads sentences through these: :func:`tokens` segments a
sentence once per document (:mod:`kg.segment`, jieba's words) and tags each
word with its part of speech from jieba's dictionary; :func:`token_boundary`
asks whether a word ends at a position.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="", text="张店区招商引资"))
>>> [(t.text, t.start, t.end) for t in tokens(d, d.sentences[0])]
[('张店区', 0, 3), ('招商引资', 3, 7)]
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from typing import NamedTuple

from kg.model import Document, Sentence
from kg.segment import segment

# ---------------------------------------------------------------- character classes

PUNCT = re.compile(r"[\s,，。；;：:！!？?、“”\"'‘’《》<>【】\[\]{}|｜/\\·•…—\-~～=+*#@%&^`]")
"""Punctuation and spaces: a name never holds one (a figure's ``-`` and ``/`` included)."""

NUMERIC = re.compile(r"^[\d.％%]+$|^[0-9０-９]")
"""A figure, or a word that begins with a digit."""

OPEN, CLOSE = "(（", ")）"
"""Opening and closing round brackets, half and full width."""

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")
"""A Latin word of a name (``LED``, ``C++``)."""

HAN = re.compile(r"[\u4e00-\u9fff]+")
"""A run of Han characters."""


def is_han(char: str) -> bool:
    """Is ``char`` one Han character (of the basic block)?

    Examples
    --------
    >>> is_han("区"), is_han("A"), is_han("区委")
    (True, False, False)
    """
    return len(char) == 1 and "\u4e00" <= char <= "\u9fff"


# ---------------------------------------------------------------- jieba's dictionary


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's word frequencies and part-of-speech tags (loaded once)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


# the parts of speech of a dictionary word that may follow a place name and end it (a verb, a
# preposition, a conjunction, an adverb, a particle, a locative, a pronoun, a figure, a time, an
# adjective: 在成都|正式签署, 在华盛顿|呼吁), not a noun that would make it part of a longer name
PLACE_END_TAGS = ("v", "p", "c", "d", "u", "f", "r", "m", "t", "a")


def dictionary_tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives ``word``, or None for a word it does not know.

    Examples
    --------
    >>> dictionary_tag("项目"), dictionary_tag("华美电子科技")
    ('n', None)
    """
    return _dictionary()[1].get(word)


def word_frequency(word: str) -> int:
    """How often ``word`` occurs in jieba's dictionary corpus (0 for an unknown word).

    Examples
    --------
    >>> word_frequency("项目") > 1000, word_frequency("华美电子科技")
    (True, 0)
    """
    return _dictionary()[0].get(word, 0)


def common_word(word: str) -> bool:
    """Does jieba's dictionary know ``word`` as a word that is not a person's name?

    Examples
    --------
    >>> common_word("项目"), common_word("李明"), common_word("华美电子科技")
    (True, False, False)
    """
    tag = dictionary_tag(word)
    return tag is not None and not tag.startswith("nr")


# ---------------------------------------------------------------- tokens


class Token(NamedTuple):
    """A jieba token: its text, its document offsets and its dictionary part of speech."""

    text: str
    start: int
    end: int
    tag: str | None


_make_token = functools.partial(tuple.__new__, Token)  # Token(*fields) without a Python-level call


def tokens(doc: Document, sent: Sentence) -> list[Token]:
    """The jieba tokens of ``sent``, tagged from the dictionary (cached on the document).

    Parameters
    ----------
    doc : Document
        The document; its token cache is filled for ``sent``.
    sent : Sentence
        A sentence of ``doc``.

    Returns
    -------
    list of Token
        Tokens in text order; they cover the sentence without gaps.

    Examples
    --------
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="王强出席"))
    >>> [(t.text, t.tag) for t in tokens(d, d.sentences[0])]
    [('王强', None), ('出席', 'v')]
    """
    cache = doc.token_cache
    toks = cache.get(sent.index)
    if toks is None:
        tags = _dictionary()[1]
        words = segment(sent.text)
        ends = list(itertools.accumulate(map(len, words), initial=sent.start))
        toks = list(
            map(_make_token, zip(words, ends[:-1], ends[1:], map(tags.get, words), strict=True))
        )
        cache[sent.index] = toks
    return toks


def token_starts(doc: Document, sent: Sentence) -> frozenset[int]:
    """Where the jieba tokens of ``sent`` start (cached on the document).

    The tokens cover the sentence without gaps, so a token ends where the next
    starts, and the last ends at ``sent.end``.

    Examples
    --------
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="王强出席"))
    >>> sorted(token_starts(d, d.sentences[0]))
    [0, 2]
    """
    cache = doc.token_starts_cache
    starts = cache.get(sent.index)
    if starts is None:
        starts = cache[sent.index] = frozenset(t.start for t in tokens(doc, sent))
    return starts


def token_boundary(doc: Document, sent: Sentence, pos: int) -> bool:
    """True if no jieba token of ``sent`` straddles ``pos`` (a word ends there).

    Examples
    --------
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="建设大学城"))
    >>> token_boundary(d, d.sentences[0], 4), token_boundary(d, d.sentences[0], 5)
    (False, True)
    """
    return not sent.start < pos < sent.end or pos in token_starts(doc, sent)


# ---------------------------------------------------------------- clauses


CLAUSE_END = "，,。；;：:！!？?\n"
"""What ends a clause: commas, colons, semicolons, sentence ends and line breaks."""


def clause_at(doc: Document, sent: Sentence, pos: int, ends: str = CLAUSE_END) -> tuple[int, int]:
    """The clause of ``sent`` around ``pos``: between commas, colons and semicolons (``ends``).

    Examples
    --------
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...                              text="5月8日，华兴公司签约；项目开工。"))
    >>> a, b = clause_at(d, d.sentences[0], 7); d.text[a:b]
    '华兴公司签约'
    """
    text = doc.text
    a = pos
    while a > sent.start and text[a - 1] not in ends:
        a -= 1
    b = pos
    while b < sent.end and text[b] not in ends:
        b += 1
    return a, b


# ---------------------------------------------------------------- words in a text


def longest_first(words: Iterable[str]) -> list[str]:
    """Longest first, ties in code-point order: the same order in every process (a set's is not).

    Examples
    --------
    >>> longest_first({"张店", "淄博", "张店区"})
    ['张店区', '张店', '淄博']
    """
    return sorted(words, key=lambda w: (-len(w), w))


def occurrences(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``words`` in ``text``, left to right, never overlapping.

    The longest word wins where several start at one place: what a regex
    ``longest|...|shortest`` finds, without compiling one per article.

    Examples
    --------
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
