"""Title chains: the post titles written before a person's name (``市委副书记、区委书记X``).

A chain is a run of title chunks joined by ``、``, ``暨`` or ``兼`` (or by a comma
after a clause that holds only titles); each chunk begins after punctuation,
a preposition or ``的`` (``在历下区委书记`` -> ``历下区委书记``).  The people
extractor records the chains it finds; the posts extractor reads who owns
each post from them.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="", text="，市委副书记、区委书记刘某"))
>>> [d.text[a:b] for a, b in title_chain(d, d.sentences[0], 11)]
['市委副书记', '区委书记']
"""

from __future__ import annotations

from kg.extract.person_names import BOUNDARY, title_ending_at, title_regex
from kg.extract.text import clause_at, tokens
from kg.model import REGION_TYPES, Document, Sentence

_STOP_LEFT = set("在由和与及对向是为据请被让给将把从于而")


def chunk_start(doc: Document, sent: Sentence, pos: int, limit: int = 30) -> int:
    """Where the title chunk ending at ``pos`` begins: after punctuation, a preposition or 的.

    A preposition that is part of a place's name (泰和县委书记) does not end the chunk; a
    bracketed group is skipped over; the chunk is at most ``limit`` characters.

    Examples
    --------
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="在历下区委书记"))
    >>> d.text[chunk_start(d, d.sentences[0], 7):7]
    '历下区委书记'
    """
    text = doc.text
    i = pos
    while i > sent.start and pos - i < limit:
        c = text[i - 1]
        if c in ")）":
            j = i - 1
            while j > sent.start and text[j - 1] not in "(（" and i - j < 12:
                j -= 1
            if j > sent.start and text[j - 1] in "(（":
                i = j - 1
                continue
            break
        if c == " " and i - 2 >= sent.start and text[i - 2].isascii() and text[i - 2].isalpha() \
                and text[i].isascii() and text[i].isalpha():
            i -= 1  # a space between Latin words: JP Morgan亚太区总裁
            continue
        if c in BOUNDARY or c == "的" or c.isdigit():
            break
        if c in _STOP_LEFT and not any(
            m.start <= i - 1 < m.end and m.type in REGION_TYPES for m in doc.mentions
        ):
            break  # (not the 和 of 泰和县委书记 or 和平工业园: a place's name)
        i -= 1
    return i


def _posts_before_comma(doc: Document, sent: Sentence, comma: int) -> bool:
    """Is the clause before ``comma`` only a chain of titles (旗委常委、副旗长), so that the posts
    after the comma continue it?  Not a clause that says something (县长主持，…;
    王五任县委书记，…)."""
    text = doc.text
    a, _ = clause_at(doc, sent, comma, "，,；;：:。")
    end = comma
    while end > a:
        head = title_ending_at(text, a, end)
        if head is None:
            return False
        start = chunk_start(doc, sent, end - len(head))
        if start <= a:
            return title_regex().fullmatch(text, a, end - len(head)) is None and not _has_verb(
                doc, sent, a, end
            )
        if text[start - 1] != "、":
            return False
        end = start - 1
    return False


def _has_verb(doc: Document, sent: Sentence, a: int, b: int) -> bool:
    return any(a <= t.start and t.end <= b and t.tag in ("v", "vn") and len(t.text) <= 2
               and t.text not in ("常委", "委员") for t in tokens(doc, sent))


def title_chain(doc: Document, sent: Sentence, pos: int) -> list[tuple[int, int]]:
    """Spans of the post titles that end at ``pos``, joined by ``、``, ``暨`` or ``兼``, left to
    right.

    Parameters
    ----------
    doc : Document
        The document, with the mentions read so far (places inside titles).
    sent : Sentence
        The sentence that holds ``pos``.
    pos : int
        Where the last title ends (where the name after it begins).

    Returns
    -------
    list of (int, int)
        The spans of the title chunks; empty if no post title ends at ``pos``.

    Examples
    --------
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="，市委副书记、区委书记刘某"))
    >>> [d.text[a:b] for a, b in title_chain(d, d.sentences[0], 11)]
    ['市委副书记', '区委书记']
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="，某某公司总裁兼首席执行官刘某"))
    >>> [d.text[a:b] for a, b in title_chain(d, d.sentences[0], 13)]
    ['某某公司总裁', '首席执行官']
    """
    text = doc.text
    chunks: list[tuple[int, int]] = []
    end = pos
    while end > sent.start:
        head = title_ending_at(text, sent.start, end)
        if head is None:
            break
        k = end - len(head)
        joined = k - 1 > sent.start and text[k - 1] in "暨兼"
        if joined and title_ending_at(text, sent.start, k - 1):
            chunks.append((k, end))  # 董事长暨总经理, 总裁兼首席执行官: two posts
            end = k - 1
            continue
        start = chunk_start(doc, sent, k)
        chunks.append((start, end))
        if start - 1 >= sent.start and text[start - 1] == "、":
            end = start - 1
            continue
        if (
            start - 1 > sent.start
            and text[start - 1] in "，,"
            and _posts_before_comma(doc, sent, start - 1)
        ):
            # 区委常委、副区长，开发区党工委书记宋立明: one person's posts across a comma
            end = start - 1
            continue
        break
    return chunks[::-1]
