"""Person names and post titles: what a name looks like, where a title ends.

A name is a surname from ``kg/lexicon/surnames.txt`` plus one or two
characters (two or three after a compound surname), or a transliterated
foreign name with ``·``.  Titles are the post titles of
``kg/lexicon/post_titles.txt`` (``区委书记``, ``董事长``).

>>> valid_name("李旭"), valid_name("王局长")
(True, False)
>>> title_ending_at("区委副书记王某", 0, 5)
'副书记'
"""

from __future__ import annotations

import functools
import re

from kg.lexicons import lexicon, lexicon_by_length, lexicon_set

HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
"""A string of Han characters only."""

FOREIGN = re.compile(r"[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}")
"""A transliterated foreign name: 马克·施耐德."""

LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ ·][A-Z][a-z]+(?:-[A-Z]?[a-z]+)?){1,2}(?![A-Za-z])")
"""A person's name in Latin letters, given name first (Tim Wilson, Juan Carlos Guajardo): only
after a post title, where a brand cannot stand."""

BOUNDARY = frozenset("，,。：:；;“”\"‘’'「」『』、（）()[]【】 \t\n!！?？—…<>《》/|｜□■●◆•·")
"""Characters that end a name on the left or right."""

# given names never end with these (王局长, 李总, 张某)
_BAD_GIVEN = frozenset("总某氏家们记长任员理副正省市区县州旗镇乡村说等称")
# nor hold a pronoun or a negation (但他未透露, 但并不表示: a conjunction read as a surname)
_FUNCTION_CHARS = frozenset("他她它我你您并不却")


@functools.cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single, compound) surnames from ``kg/lexicon/surnames.txt``.

    Examples
    --------
    >>> single, compound = surnames()
    >>> "王" in single, "欧阳" in compound
    (True, True)
    """
    words = lexicon("surnames")
    return (frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2))


def surname_len(text: str) -> int:
    """Length of the surname ``text`` starts with (2 compound, 1 single, 0 none).

    Examples
    --------
    >>> surname_len("欧阳修"), surname_len("李旭"), surname_len("春光")
    (2, 1, 0)
    """
    single, compound = surnames()
    if text[:2] in compound:
        return 2
    return 1 if text[:1] in single else 0


def valid_name(name: str) -> bool:
    """A plausible person name: surname + 1–2 characters, or a foreign name with ``·``.

    Examples
    --------
    >>> [valid_name(n) for n in ("李旭", "欧阳晓东", "马克·施耐德", "春光明媚", "王局长", "张")]
    [True, True, True, False, False, False]
    >>> valid_name("但他未"), valid_name("但并不")
    (False, False)
    """
    if FOREIGN.fullmatch(name):
        return True
    if not HAN_ONLY.match(name):
        return False
    k = surname_len(name)
    if not k or not 1 <= len(name) - k <= 2:
        return False
    return name[-1] not in _BAD_GIVEN and name not in lexicon_set("post_titles") \
        and not _FUNCTION_CHARS.intersection(name[k:])


@functools.cache
def title_regex() -> re.Pattern[str]:
    """A regex that matches any post title, the longest where several fit.

    Examples
    --------
    >>> title_regex().search("区委副书记王某").group()  # 区委 is the owner, not the title
    '副书记'
    """
    return re.compile("|".join(re.escape(w) for w in lexicon("post_titles")))


def title_ending_at(text: str, start: int, end: int) -> str | None:
    """The longest post title of the lexicon that ends at ``end`` (not before ``start``).

    Examples
    --------
    >>> title_ending_at("区委副书记王某", 0, 5)
    '副书记'
    >>> title_ending_at("区委副书记王某", 0, 6) is None
    True
    """
    words, lengths = lexicon_by_length("post_titles")
    for n in lengths:
        if end - n >= start and text[end - n:end] in words:
            return text[end - n:end]
    return None
