"""The word lists of ``kg/lexicon/``: loading them and looking words up.

A lexicon file holds one entry per line; ``#`` starts a comment, blank lines
are skipped, and every file begins with a comment that says what it holds
and which module reads it.  Files are read once per process.

>>> "有限公司" in lexicon("org_company_suffixes")
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """The entries of ``kg/lexicon/<name>.txt`` in file order, each once.

    Parameters
    ----------
    name : str
        The file name without ``.txt``.

    Returns
    -------
    tuple of str
        The entries, comments and blank lines dropped.

    Examples
    --------
    >>> words("org_legal_forms")[:2]
    ('股份有限公司', '有限责任公司')
    """
    path = LEXICON_DIR / f"{name}.txt"
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and line not in out:
            out.append(line)
    return tuple(out)


@functools.cache
def lexicon(name: str) -> tuple[str, ...]:
    """The entries of lexicon ``name``, longest first (ties in file order).

    Examples
    --------
    >>> lexicon("org_legal_forms")[-1]
    '股份公司'
    """
    return tuple(sorted(words(name), key=len, reverse=True))


@functools.cache
def lexicon_set(name: str) -> frozenset[str]:
    """The entries of lexicon ``name`` as a set.

    Examples
    --------
    >>> "有限公司" in lexicon_set("org_company_suffixes")
    True
    """
    return frozenset(words(name))


@functools.cache
def lexicon_by_length(name: str) -> tuple[frozenset[str], tuple[int, ...]]:
    """The entries of lexicon ``name`` and their distinct lengths, longest first.

    Examples
    --------
    >>> entries, lengths = lexicon_by_length("org_legal_forms")
    >>> lengths
    (6, 4)
    """
    return lexicon_set(name), tuple(sorted({len(w) for w in words(name)}, reverse=True))


@functools.cache
def mapping(name: str) -> dict[str, str]:
    """A lexicon of ``written = meant`` lines as a dict (the written form where ``=`` is absent).

    Examples
    --------
    >>> roles = mapping("byline_roles")
    >>> roles["本报记者"], roles["通讯员"]
    ('记者', '通讯员')
    """
    out: dict[str, str] = {}
    for line in words(name):
        written, _, meant = line.partition("=")
        out[written.strip()] = (meant or written).strip()
    return out


@functools.cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """A lexicon of ``key = word word ...`` lines as a dict (no words after ``=``: an empty tuple).

    Examples
    --------
    >>> table("zone_abbreviations")["经开区"]
    ('经济技术开发区', '经济开发区')
    """
    out: dict[str, tuple[str, ...]] = {}
    for line in words(name):
        key, _, values = line.partition("=")
        out[key.strip()] = tuple(values.split())
    return out


@functools.cache
def suffix_regex(name: str) -> re.Pattern[str]:
    """A regex that matches any entry of lexicon ``name``, the longest where several fit.

    Examples
    --------
    >>> suffix_regex("org_legal_forms").search("华美股份有限公司").group()
    '股份有限公司'
    """
    return re.compile("|".join(re.escape(w) for w in lexicon(name)))


@functools.cache
def alternation(name: str, keys: bool = False) -> str:
    """The entries of lexicon ``name`` as a regex alternation, in file order (no group around it).

    For patterns whose alternatives must keep the order they were written in;
    with ``keys``, the written forms of a :func:`mapping` lexicon.

    Examples
    --------
    >>> alternation("org_legal_forms")
    '股份有限公司|有限责任公司|有限公司|股份公司'
    >>> alternation("currencies", keys=True)[:13]
    '元人民币|人民币|元|美元'
    """
    entries = mapping(name) if keys else words(name)
    return "|".join(re.escape(w) for w in entries)


def ends_with_any(text: str, name: str) -> str | None:
    """The longest entry of lexicon ``name`` that ``text`` ends with, or None.

    Examples
    --------
    >>> ends_with_any("兴业汽配", "org_industry_words")
    '汽配'
    >>> ends_with_any("兴业", "org_industry_words") is None
    True
    """
    entries, lengths = lexicon_by_length(name)
    for n in lengths:
        if n <= len(text) and text[-n:] in entries:
            return text[-n:]
    return None


def strip_words(text: str, entries: Sequence[str]) -> str:
    """What is left of ``text`` after taking ``entries`` off its start, one by one.

    The first of ``entries`` that begins the rest is taken each time (pass them
    longest first); the empty string means ``text`` is made only of entries.

    Examples
    --------
    >>> heads = lexicon("org_generic_heads")
    >>> strip_words("该平台", heads), strip_words("华美", heads)
    ('', '华美')
    """
    rest = text
    while rest:
        word = next((w for w in entries if rest.startswith(w)), None)
        if word is None:
            return rest
        rest = rest[len(word):]
    return rest
