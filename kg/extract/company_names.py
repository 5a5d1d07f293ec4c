"""Company names: their proper part, what makes one plausible, and their short forms.

A full company name (``四川兴业食品有限公司``) is written again in the same
article by a short form (``兴业食品``): :func:`short_forms` lists the likely
ones and :func:`link_short_forms` turns those the text holds into mentions
of the full name.

>>> company_head("广东华美电子科技有限公司")
'广东华美'
>>> sorted(short_forms("四川兴业食品有限公司", places=["四川"]))
['兴业食品', '兴业食品有限公司', '四川兴业食品']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kg.extract.divisions import DIVISION_TYPES, PROVINCES
from kg.extract.mentions import add_mention, blocked
from kg.extract.names import LEGAL_FORMS, is_generic_head
from kg.extract.text import CLOSE, NUMERIC, PUNCT, longest_first, occurrences
from kg.lexicons import ends_with_any, lexicon
from kg.model import Document

_GENERIC_TAIL = re.compile(r"(?:有限|责任|股份|集团|控股)+$")
_BRACKETED_PLACE = re.compile(r"[(（][^()（）]{1,8}[)）]")


def company_head(name: str) -> str:
    """The proper part of a company name: without legal suffixes and industry words.

    Examples
    --------
    >>> company_head("广东华美电子科技有限公司")
    '广东华美'
    >>> company_head("投资公司")
    ''
    """
    s = name
    changed = True
    while changed and s:
        changed = False
        for lex in ("org_company_suffixes", "org_industry_words"):
            w = ends_with_any(s, lex)
            if w and len(w) < len(s) + 1:
                s = s[: -len(w)]
                changed = True
        s2 = _GENERIC_TAIL.sub("", s)
        if s2 != s:
            s, changed = s2, True
        if s.endswith(CLOSE):
            k = max(s.rfind("("), s.rfind("（"))
            if k > 0:
                s, changed = s[:k], True
    return s


def valid_company(name: str) -> bool:
    """A plausible company name: a non-generic head of at least 2 characters.

    Examples
    --------
    >>> valid_company("该公司"), valid_company("华美电子"), valid_company("集团公司")
    (False, True, False)
    >>> valid_company("华美集团全资子公司")  # a relation to 华美集团, not a name
    False
    """
    if len(name) < 3 or len(name) > 40 or PUNCT.search(name) or name.endswith(("子公司", "母公司")):
        return False
    head = company_head(name)
    if len(head) < 2 or is_generic_head(head):
        return False
    return not NUMERIC.search(head)


def short_forms(name: str, places: Iterable[str] = ()) -> set[str]:
    """Short forms a full company name is likely to appear as in the same article.

    Without the legal suffix (``蜀南铝业有限公司`` -> ``蜀南铝业``), without a
    leading place (``四川兴业食品公司`` -> ``兴业食品``), head plus industry
    word (``兴达联合(宜宾)橡胶工业有限公司`` -> ``兴达橡胶``).

    Parameters
    ----------
    name : str
        A full company name.
    places : iterable of str
        Place names that may begin it (see :func:`place_names`).

    Returns
    -------
    set of str
        Plausible company names other than ``name``.

    Examples
    --------
    >>> sorted(short_forms("四川兴业食品有限公司", places=["四川"]))
    ['兴业食品', '兴业食品有限公司', '四川兴业食品']
    >>> "兴达橡胶" in short_forms("兴达联合(宜宾)橡胶工业有限公司")
    True
    >>> "华星材料集团" in short_forms("浙江华星材料集团有限公司", places=["浙江"])
    True
    >>> "华星集团" in short_forms("浙江华星材料集团有限公司", places=["浙江"])
    True
    """
    return set(_short_forms(name, frozenset(places)))


def _without_place(text: str, ordered: list[str], rest: int) -> str | None:
    """``text`` without the first of the ``ordered`` places it begins with, if ``rest`` characters
    remain; None if none fits."""
    for p in ordered:
        if p and text.startswith(p) and len(text) - len(p) >= rest:
            return text[len(p):]
    return None


def _without_suffix(base: str) -> str:
    """``base`` without the longest company suffix that leaves two characters (itself if none)."""
    for suf in lexicon("org_company_suffixes"):
        if base.endswith(suf) and len(base) - len(suf) >= 2:
            return base[: -len(suf)]
    return base


def _without_legal_form(base: str, core: str, ordered: list[str]) -> list[str]:
    """Only the legal form dropped, the business word kept: 浙江华星材料集团有限公司 ->
    (浙江)华星材料集团."""
    legal = next((f for f in LEGAL_FORMS if base.endswith(f) and base[: -len(f)] != core
                  and len(base) - len(f) >= 4), None)
    if legal is None:
        return []
    kept = base[: -len(legal)]
    without = _without_place(kept, ordered, 4)
    return [kept] if without is None else [kept, without]


def _head_forms(core: str, base: str) -> set[str]:
    """The first two or three characters plus an industry word of the rest (兴达橡胶), or plus
    集团 for a group (上海骏驰汽车部件集团有限公司 -> 骏驰集团)."""
    out: set[str] = set()
    group = "集团" in base[len(core):] or base.endswith("集团")
    for h in (core[:2], core[:3]):
        rest = core[len(h):]
        for w in lexicon("org_industry_words"):
            if len(w) >= 2 and w in rest and rest != w:
                out.add(h + w)
        if group and rest:
            out.add(h + "集团")
    return out


@functools.lru_cache(maxsize=1 << 12)
def _short_forms(name: str, places: frozenset[str]) -> frozenset[str]:
    ordered = longest_first(places)
    base = _BRACKETED_PLACE.sub("", name)
    core = _without_suffix(base)
    out: set[str] = set()
    if core != base:
        out.add(core)
        without = _without_place(base, ordered, 4)  # 上海华星集团 -> 华星集团
        if without is not None:
            out.add(without)
    out.update(_without_legal_form(base, core, ordered))
    without = _without_place(core, ordered, 3)
    if without is not None:
        core = without
        out.add(core)
    out |= _head_forms(core, base)
    return frozenset(f for f in out if f != name and len(f) >= 3 and valid_company(f))


def place_names(doc: Document) -> set[str]:
    """Province names and the surface forms of the regions the article names: what may begin a
    company's name.

    Examples
    --------
    >>> from kg.model import Mention
    >>> d = Document(path="a", name="a", raw="", text="张店区")
    >>> d.mentions = [Mention("District", "张店区", 0, 3, "t")]
    >>> {"张店区", "山东", "山东省"} <= place_names(d)
    True
    """
    out = set(PROVINCES) | {p + "省" for p in PROVINCES}
    for m in doc.mentions:
        if m.type in DIVISION_TYPES:
            out.add(doc.text[m.start:m.end])
            out.add(m.name)
    return {p for p in out if len(p) >= 2}


def link_short_forms(doc: Document) -> None:
    """Give every full company name its short forms found in the text, as mentions.

    Existing company mentions whose name is a short form of a full name are
    renamed to the full name (their surface stays an alias).  The new mentions
    are the companies extractor's, whichever component asks.

    Examples
    --------
    >>> from kg.model import Mention
    >>> d = Document(path="a", name="a", raw="", text="兴业食品有限公司签约。兴业食品负责人表示")
    >>> d.mentions = [Mention("Company", "兴业食品有限公司", 0, 8, "companies")]
    >>> link_short_forms(d)
    >>> [(m.name, d.text[m.start:m.end]) for m in d.mentions]
    [('兴业食品有限公司', '兴业食品有限公司'), ('兴业食品有限公司', '兴业食品')]
    """
    companies = [m for m in doc.mentions if m.type == "Company"]
    full = longest_first(
        {m.name for m in companies if ends_with_any(m.name, "org_company_suffixes")}
    )
    if not full:
        return
    places = place_names(doc)
    forms: dict[str, str] = {}
    for name in full:
        for f in short_forms(name, places):
            forms.setdefault(f, name)
        for m in companies:
            if m.name == name:
                for a in m.aliases:
                    forms.setdefault(a, name)
    for m in companies:
        if m.name in forms:
            m.aliases = (*m.aliases, m.name)
            m.name = forms[m.name]
    if not forms:
        return
    for s, e in occurrences(doc.text, forms):
        if blocked(doc, s, e):
            continue
        add_mention(doc, "Company", forms[doc.text[s:e]], s, e, "companies")
