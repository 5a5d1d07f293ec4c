"""Undo mojibake: UTF-8 text that was decoded as Latin-1/cp1252 or as GBK."""

from __future__ import annotations

import re

from kg.read.decode import plausibility

_CJK = re.compile(r"[\u4e00-\u9fff]")


# ------------------------------------------------------------------ mojibake

# UTF-8 bytes of CJK text decoded as Latin-1/cp1252: a lead byte (ä å æ ç è é)
# followed by two continuation bytes, at least twice in a row.
_CP1252_CONT = ("\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
                "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a"
                "\u0153\u017e\u0178 ")
LATIN1_MOJIBAKE = re.compile(f"(?:[\u00e3-\u00e9][{_CP1252_CONT}]{{2}}){{2,}}")


def _latin1_bytes(run: str, space: bytes) -> bytes | None:
    out = bytearray()
    for ch in run:
        if ch == " ":
            out += space
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 read as Latin-1/cp1252 or as GBK; return (text, runs repaired).

    A GBK run is repaired only when its bytes are valid UTF-8 and the result
    reads more like Chinese news than the run did (see :func:`kg.read.decode.plausibility`).

    >>> repair_mojibake("记者 å¼ åº— 报道")
    ('记者 张店 报道', 1)
    >>> repair_mojibake("椤圭洰绛剧害 2021")
    ('项目签约 2021', 1)
    >>> repair_mojibake("区委书记")
    ('区委书记', 0)
    """
    fixed = 0

    def latin1(m: re.Match) -> str:
        nonlocal fixed
        for space in (b"\xa0", b" "):
            data = _latin1_bytes(m.group(), space)
            if data is None:
                return m.group()
            try:
                out = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if _CJK.search(out):
                fixed += 1
                return out
        return m.group()

    def gbk(m: re.Match) -> str:
        nonlocal fixed
        run = m.group()
        out = _gbk_mojibake(run)
        if out is None:
            return run
        fixed += 1
        return out

    text = LATIN1_MOJIBAKE.sub(latin1, text)
    return GBK_RUN.sub(gbk, text), fixed


# runs of non-ASCII characters (GBK mojibake keeps ASCII as it is)
GBK_RUN = re.compile(r"[^\x00-\x7f]{3,}")


def _gbk_mojibake(run: str) -> str | None:
    """The text ``run`` stands for if it is UTF-8 decoded as GBK, else ``None``.

    >>> _gbk_mojibake("椤圭洰"), _gbk_mojibake("张店区")
    ('项目', None)
    """
    if len(_CJK.findall(run)) < 2:
        return None
    try:
        out = run.encode("gbk").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if out == run or not _CJK.search(out) or plausibility(out) <= plausibility(run):
        return None
    return out
