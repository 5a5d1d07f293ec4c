"""Mentions already read: adding one unless it is covered, and asking what overlaps a span.

>>> from kg.model import Document
>>> d = Document(path="a", name="a", raw="", text="华美电子科技有限公司")
>>> add_mention(d, "Company", "华美电子科技有限公司", 0, 10, "companies") is not None
True
>>> add_mention(d, "Company", "华美电子", 0, 4, "companies") is None
True
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from kg.model import Document, Mention


def add_mention(doc: Document, type_: str, name: str, start: int, end: int, extractor: str,
                aliases: tuple[str, ...] = ()) -> Mention | None:
    """Append a mention unless an existing mention covers the span already.

    A mention covers the span if it holds it and is longer, or is of the same type.

    Parameters
    ----------
    doc : Document
        The document the mention is added to.
    type_, name : str
        The entity type and the canonical name the span stands for.
    start, end : int
        The span in ``doc.text``.
    extractor : str
        The component that read it.
    aliases : tuple of str
        Other names of the entity.

    Returns
    -------
    Mention or None
        The new mention, or None where one covers the span.

    Examples
    --------
    >>> d = Document(path="a", name="a", raw="", text="华美电子科技有限公司")
    >>> add_mention(d, "Company", "华美电子科技有限公司", 0, 10, "companies").name
    '华美电子科技有限公司'
    >>> add_mention(d, "Company", "华美电子", 0, 4, "companies") is None  # inside a longer one
    True
    """
    for m in doc.mentions:
        if m.start <= start and end <= m.end and (m.end - m.start > end - start or m.type == type_):
            return None
    m = Mention(type_, name, start, end, extractor, aliases=aliases)
    doc.mentions.append(m)
    return m


def mentions_of(doc: Document, *types: str) -> list[Mention]:
    """The mentions of ``types``, in the order they were added.

    Examples
    --------
    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("District", "张店区", 0, 3, "t"),
    ...               Mention("Person", "王强", 5, 7, "t")]
    >>> [m.name for m in mentions_of(d, "Person")]
    ['王强']
    """
    return [m for m in doc.mentions if m.type in types]


def names_by_sentence(doc: Document, type_: str) -> dict[int, list[str]]:
    """Sentence index -> the names of the mentions of ``type_`` in it, each once, in the order
    of the mention list.

    Examples
    --------
    >>> from kg.model import Document, Mention
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="甲项目开工。乙项目签约。"))
    >>> d.mentions = [Mention("Project", "乙项目", 6, 9, "t"),
    ...               Mention("Project", "甲项目", 0, 3, "t")]
    >>> names_by_sentence(d, "Project")
    {1: ['乙项目'], 0: ['甲项目']}
    """
    out: dict[int, list[str]] = {}
    for m in doc.mentions:
        if m.type != type_:
            continue
        sent = doc.sentence_at(m.start)
        if sent is not None:
            names = out.setdefault(sent.index, [])
            if m.name not in names:
                names.append(m.name)
    return out


def overlapping(doc: Document, start: int, end: int,
                types: Iterable[str] | None = None) -> list[Mention]:
    """Mentions that overlap ``[start, end)`` (of the given types).

    Examples
    --------
    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("District", "张店区", 0, 3, "t"),
    ...     Mention("Person", "王强", 5, 7, "t")]
    >>> [m.name for m in overlapping(d, 2, 6)], [m.name for m in overlapping(d, 2, 6, ["Person"])]
    (['张店区', '王强'], ['王强'])
    """
    ts = set(types) if types else None
    return [m for m in doc.mentions
            if m.start < end and start < m.end and (ts is None or m.type in ts)]


def blocked(doc: Document, start: int, end: int, types: Iterable[str] | None = None) -> bool:
    """True if a mention (of ``types``) covers ``[start, end)`` or crosses its boundaries.

    Mentions nested strictly inside the span (a place inside a company name) do not block.

    Examples
    --------
    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("District", "张店区", 0, 3, "t")]
    >>> blocked(d, 0, 8), blocked(d, 2, 8)
    (False, True)
    """
    for m in overlapping(doc, start, end, types):
        inside = start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
        if not inside:
            return True
    return False


class Spans:
    """The spans of some mentions, to ask quickly whether a longer one covers a given span.

    Examples
    --------
    >>> from kg.model import Mention
    >>> s = Spans([Mention("Company", "新疆华美建材公司", 0, 8, "x"),
    ...            Mention("Province", "新疆", 0, 2, "x")])
    >>> s.covers(0, 2), s.covers(0, 8)
    (True, False)
    """

    def __init__(self, mentions: list[Mention]) -> None:
        self.spans = sorted({(m.start, m.end) for m in mentions if m.end > m.start})
        self.longest = max((b - a for a, b in self.spans), default=0)

    def covers(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` inside a longer span?"""
        lo = bisect.bisect_left(self.spans, (start - self.longest, -1))
        hi = bisect.bisect_right(self.spans, (start, float("inf")))
        return any(b >= end and b - a > end - start for a, b in self.spans[lo:hi])


RAIL_LINES = "rail_lines"
"""The extractor of railway lines named by their end points (京沪线), names that the project
filter does not judge (its examples hold none)."""


def rail_lines(doc: Document) -> set[tuple[str, str]]:
    """The railway lines named by their end points (京沪线) among the document's projects: a line
    runs through many places and is built by the railway's owners, so neither the article's
    place nor a company near its name is known to be its place or its investor.

    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("Project", "京沪线", 0, 3, RAIL_LINES),
    ...               Mention("Project", "华兴物流项目", 4, 10, "projects")]
    >>> rail_lines(d)
    {('Project', '京沪线')}
    """
    return {(m.type, m.name) for m in doc.mentions if m.extractor == RAIL_LINES}
