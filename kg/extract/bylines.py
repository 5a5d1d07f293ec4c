"""Bylines: who reported, wrote, edited or photographed the article.

Three shapes (roles from ``kg/lexicon/byline_roles.txt``, written form ->
recorded role):

* a role followed by names: ``记者 张三 李四``, ``（记者 张三 通讯员 李四）``,
  ``本报记者张三``, ``编辑：王五``, ``图/李四``, ``齐鲁晚报·齐鲁壹点记者 刘某``;
* a photo credit after the name: ``(张三 摄)``, ``张三摄``;
* names in brackets after a dateline without any role: ``某某网消息(张三 李四)``
  -> role ``作者``.

Each gives a ``Person`` mention, a ``reportedBy`` fact from the article with
the role as ``title``, and an entry in ``doc.bylines``.

>>> from kg.model import Document
>>> from kg.sentences import split_sentences
>>> d = split_sentences(Document(path="a", name="a", raw="",
...     text="标题\\n（记者 谢明辉 通讯员 赖小华）\\n园区一角（周立波摄）\\n编辑：吴晓东"))
>>> find_bylines(d)
>>> d.bylines
[('记者', '谢明辉'), ('通讯员', '赖小华'), ('摄影', '周立波'), ('编辑', '吴晓东')]
"""

from __future__ import annotations

import functools
import re

from kg.components import component
from kg.extract.person_names import BOUNDARY, surname_len, valid_name
from kg.extract.text import common_word, dictionary_tag
from kg.lexicons import mapping
from kg.model import BylineSpan, Document, Fact, Mention
from kg.segment import segment

EXTRACTOR = "bylines"
_SEP = " \t\u3000、,，"
_CLOSE = set(")）]】\n。；;|｜")
_AFTER = ("报道", "报导", "摄")  # what may follow the names: 记者张三报道, 张三摄
# and a slash before the dateline: 记者张三／台中报导
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff·•]")
# photo credit: 张三 摄 / 张三摄影 / (张三摄)
_CREDIT = re.compile(r"([\u4e00-\u9fff·•]{2,8})[ \t\u3000]*(?:摄影|摄)(?=[ \t\u3000]*(?:[)）\]】|"
                     r"｜。\n]|$))")
# what may stand before a role in a long line: a dateline (本报讯记者张三报道…), or an open bracket
# with a medium's name (（华南网、《建设》杂志特约通讯员 张三）)
_OPENS_BYLINE = re.compile(r"(?:(?:讯|电|消息)[ \t]*|[（(][^（）()，,。；;\n]{0,25})$")
# dateline brackets without roles: 某某网消息(张三 李四)
_DATELINE = re.compile(r"(?:讯|消息|电)[ \t]*[(（]([^()（）\n]{2,40})[)）]")


@functools.cache
def roles() -> dict[str, str]:
    """Written byline role -> recorded role, from ``kg/lexicon/byline_roles.txt``.

    >>> roles()["本报记者"], roles()["摄"], roles()["通讯员"]
    ('记者', '摄影', '通讯员')
    """
    return mapping("byline_roles")


@functools.cache
def _role_regex() -> re.Pattern[str]:
    # single-character roles (摄 图 文) only with a slash or colon: 图/李四, 文：张三
    multi = sorted((w for w in roles() if len(w) > 1), key=len, reverse=True)
    single = [w for w in roles() if len(w) == 1]
    return re.compile(
        "|".join([re.escape(w) for w in multi] + [f"{w}(?=[/／:：])" for w in single])
    )


def _split_run(run: str) -> list[str] | None:
    """Names in a run of characters without separators (one name, or two glued).

    >>> _split_run("张小明"), _split_run("张三李四"), _split_run("项目进展顺利")
    (['张小明'], ['张三', '李四'], None)
    """
    if valid_name(run) and not common_word(run):
        return [run]
    if not 4 <= len(run) <= 6 or any(len(w) > 1 and common_word(w) for w in segment(run)):
        return None  # words, not names: 项目进展顺利
    for k in (2, 3):
        a, b = run[:k], run[k:]
        if valid_name(a) and valid_name(b) and not common_word(a) and not common_word(b):
            return [a, b]
    return None


def _proper_noun_alone(text: str, i: int, j: int, limit: int, rx: re.Pattern[str]) -> bool:
    """A place-like word standing alone between spaces before the next role or the line's end is a
    name too (记者 乌兰　通讯员 …: names that are also words, as many Mongolian and Tibetan names
    are)."""
    if not 2 <= j - i <= 4 or i == 0 or text[i - 1] not in " \t\u3000":
        return False
    tag = dictionary_tag(text[i:j]) or ""
    if not tag.startswith(("ns", "nz")):
        return False
    k = j
    while k < limit and text[k] in " \t\u3000":
        k += 1
    return k >= limit or text[k] in "\r\n" or (k > j and rx.match(text, k) is not None)


def _run_names(text: str, i: int, j: int, limit: int, rx: re.Pattern[str]
               ) -> tuple[list[tuple[int, int]], int] | None:
    """The name spans of the run ``text[i:j]`` and where the run ends, or None: one name or two
    glued, a proper noun standing alone, a two-character name padded with a space (钱 丽), or
    a surname and one or two characters closing a bracket (（记者高振省）).

    >>> import re
    >>> _run_names("钱 丽\\n", 0, 1, 4, re.compile("记者"))
    ([(0, 3)], 3)
    """
    names = _split_run(text[i:j])
    if names is None and _proper_noun_alone(text, i, j, limit, rx):
        names = [text[i:j]]
    if names is None and j - i == 1 and surname_len(text[i]) and text[j:j + 1] == " " \
            and _NAME_CHAR.match(text[j + 1:j + 2] or "x") \
            and not _NAME_CHAR.match(text[j + 2:j + 3] or "x"):
        return [(i, j + 2)], j + 2
    if names is None and 2 <= j - i <= 3 and surname_len(text[i:j]) == 1 \
            and text[j:j + 1] in (")", "）") and not common_word(text[i:j]):
        names = [text[i:j]]
    if names is None:
        return None
    out, k = [], i
    for n in names:
        out.append((k, k + len(n)))
        k += len(n)
    return out, j


def names_after(text: str, pos: int, limit: int) -> tuple[list[tuple[int, int]], int]:
    """Name spans from ``pos`` on, separated by spaces or 、, up to a closing mark or role.

    Returns the spans and where reading stopped; no spans if what follows is
    not a list of names (``记者从园区了解到``).

    >>> text = "记者 张三 李四）"
    >>> names_after(text, 2, len(text))
    ([(3, 5), (6, 8)], 8)
    >>> names_after("记者林雅婷／台中报导", 2, 10)
    ([(2, 5)], 5)
    """
    spans: list[tuple[int, int]] = []
    rx = _role_regex()
    i = pos
    while i < limit and text[i] in " \t\u3000:：/／":
        i += 1
    while i < limit:
        j = i
        while (
            j < limit
            and _NAME_CHAR.match(text[j])
            and not (j > i and (rx.match(text, j) or text.startswith(_AFTER, j)))
        ):
            j += 1
        if j == i:
            break
        found = _run_names(text, i, j, limit, rx)
        if found is None:
            return ([], pos) if not spans else (spans, i)
        spans += found[0]
        i = j = found[1]
        while i < limit and text[i] in _SEP:
            i += 1
        if i < limit and rx.match(text, i):
            break
    end = i
    # names must be followed by the end of the byline
    if (
        spans
        and end < limit
        and not (
            text[end] in _CLOSE
            or text[end] in BOUNDARY
            or rx.match(text, end)
            or text.startswith(_AFTER, end)
            or text[end] in "/／"
        )
    ):
        return [], pos
    return spans, end


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


def _record(doc: Document, role: str, start: int, end: int, role_start: int, found: list) -> None:
    name = doc.text[start:end].replace(" ", "")  # 钱 丽: a name padded to three characters
    found.append((role, name, start, end, role_start))


def _role_led(doc: Document, found: list) -> None:
    text = doc.text
    for m in _role_regex().finditer(text):
        a, b = _line_bounds(text, m.start())
        left = text[m.start() - 1] if m.start() > 0 else "\n"
        # after punctuation, or a media brand opening a short line (齐鲁晚报·齐鲁壹点记者 X)
        brand = (
            b - a <= 60
            and m.start() - a <= 20
            and not re.search(r"[，,。；;！？]", text[a:m.start()])
        )
        opened = _OPENS_BYLINE.search(text, a, m.start()) is not None \
            or any(f[3] == m.start() for f in found)  # 记者赵明通讯员钱亮: the byline goes on
        if not (left in BOUNDARY or left == "\n" or brand or opened):
            continue
        spans, _ = names_after(text, m.end(), b)
        role = roles()[m.group()]
        for s, e in spans:
            _record(doc, role, s, e, m.start(), found)


def _credits(doc: Document, found: list) -> None:
    text = doc.text
    for m in _CREDIT.finditer(text):
        run = m.group(1)
        s = m.start(1)
        # the name is the end of the run, after a boundary: 历下区。张三 摄 / (王勇摄)
        for size in (len(run), 4, 3, 2):
            if size > len(run):
                continue
            start = m.end(1) - size
            left = text[start - 1] if start > 0 else "\n"
            if (start == s and (left in BOUNDARY or left == "\n")) and valid_name(
                text[start:m.end(1)]
            ):
                _record(doc, "摄影", start, m.end(1), m.end(1), found)
                break


def _datelines(doc: Document, found: list) -> None:
    text = doc.text
    for m in _DATELINE.finditer(text):
        inner = m.group(1)
        if _role_regex().search(inner):
            continue
        spans, end = names_after(text, m.start(1), m.end(1))
        if spans and end >= m.end(1):
            for s, e in spans:
                _record(doc, "作者", s, e, m.start(1), found)


@component("bylines", requires=("text", "sentences"), assigns=("bylines", "byline_spans"))
def find_bylines(doc: Document) -> None:
    """Add bylines: ``Person`` mentions, ``reportedBy`` facts and ``doc.bylines``."""
    found: list[tuple[str, str, int, int, int]] = []
    _role_led(doc, found)
    _credits(doc, found)
    _datelines(doc, found)
    found.sort(key=lambda f: (f[2], f[0]))
    for role, name, s, e, role_start in found:
        if (role, name) not in doc.bylines:
            doc.bylines.append((role, name))
        sent = doc.sentence_at(s)
        if not any(m.type == "Person" and m.start == s and m.end == e for m in doc.mentions):
            doc.mentions.append(Mention("Person", name, s, e, EXTRACTOR))
        doc.facts.append(Fact(("Article", doc.name), "reportedBy", ("Person", name), EXTRACTOR,
                              sentence=sent.index if sent else None, title=role))
        doc.byline_spans.append(BylineSpan(role, name, role_start, s, e))
