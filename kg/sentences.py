"""Split the normalised text into sentences, and read article metadata.

A run of more than :data:`MAX_SENTENCE` characters without sentence punctuation
is cut into windows of at most that length (at the last comma, else the last space,
else at the limit), so that the work of every extractor per sentence is bounded and
a long line costs time in proportion to its length.  No sentence of the real corpus
comes near the limit (the longest of its 2,863 articles has 392 characters), so
the cut changes nothing on ordinary articles.

>>> from kg.model import Document
>>> d = Document(path="a", name="a", raw="", text="标题\\n第一句。第二句！“引语。”后文")
>>> [s.text for s in split_sentences(d).sentences]
['标题', '第一句。', '第二句！', '“引语。”', '后文']
>>> d = Document(path="a", name="a", raw="", text="甲" * 1200)
>>> [len(s.text) for s in split_sentences(d).sentences]
[500, 500, 200]
"""

from __future__ import annotations

import re

from kg.components import component
from kg.lexicons import alternation
from kg.model import Document, Sentence

MAX_SENTENCE = 500
"""The most characters one sentence holds: longer runs are cut into windows."""
_CUTS = ("，,、；;：:", " \t\u3000")  # where a window is cut, in order of preference

# a sentence ends at 。！？!? (with closing quotes/brackets that follow), ；, or a line break
_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")


@component("sentences", requires=("text",), assigns=("sentences",))
def split_sentences(doc: Document) -> Document:
    text = doc.text
    sentences: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        _add(sentences, text, start, end)
        start = m.end()
    _add(sentences, text, start, len(text))
    doc.sentences = sentences
    return doc


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = window_end(text, start)
        _add(out, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))


def window_end(text: str, start: int) -> int:
    """Where the window of a long run that begins at ``start`` ends.

    After the last comma (or enumeration comma, semicolon, colon) in the
    second half of the next :data:`MAX_SENTENCE` characters; else after its last
    space; else at the limit.

    >>> window_end("甲" * 300 + "，" + "乙" * 300, 0)
    301
    >>> window_end("甲" * 300 + " " + "乙" * 300, 0)
    301
    >>> window_end("甲" * 100 + "，" + "乙" * 600, 0)
    500
    """
    limit = start + MAX_SENTENCE
    for marks in _CUTS:
        cut = max(text.rfind(c, start + MAX_SENTENCE // 2, limit) for c in marks)
        if cut >= 0:
            return cut + 1
    return limit


_DATE = re.compile(r"(20\d\d|19\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
# a line that is no title: a date or weekday, a byline, a photo credit, a source, a URL, a page
# header
_NOT_TITLE = re.compile(
    r"(?:\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]|周[一二三四五六日])"
    r"|^[□■◆●]?\s*(?:本报)?(?:" + alternation("metadata_byline_heads") + ")"
    r"|\s摄(?:影)?$|https?://|www\.|[|｜]"
)
_BODY_END = ("。", "，", "；", "：", ":", ",")
_SENTENCE_END = re.compile(r"[。！？!?]")
_DATELINE_CHARS = 20  # a date this close to a line's start is a dateline (agency and place first)
TITLE_LINES = 8  # the title is looked for in the first lines, before the first paragraph


def _title_candidates(lines: list[str]) -> list[str]:
    """Lines before the first paragraph that could be the article's title.

    >>> _title_candidates(["06月26日 星期三", "翠屏区重大项目集中开工", "记者 张某",
    ...     "正文第一段很长。"])
    ['翠屏区重大项目集中开工']
    """
    out = []
    for ln in lines[:TITLE_LINES]:
        if len(ln) > 60 or ln.endswith(_BODY_END):
            break  # the body has started
        cjk = sum(1 for c in ln if "\u4e00" <= c <= "\u9fff")
        if cjk >= 2 and not _DATE.search(ln) and not _NOT_TITLE.search(ln):
            out.append(ln)
    return out


@component("metadata", requires=("text",), assigns=("title", "published"))
def read_metadata(doc: Document) -> Document:
    """Title (the longest heading-like line before the body) and date (first full date in the head).

    >>> from kg.model import Document
    >>> d = read_metadata(Document(path="a", name="a", raw="",
    ...     text="标题\\n2020年3月30日 星期一\\n正文"))
    >>> d.title, d.published
    ('标题', '2020-03-30')
    >>> d = Document(path="a", name="a", raw="", text="江门市蓬江区召开大会，部署全年工作。\\n正文")
    >>> read_metadata(d).title is None
    True
    """
    lines = [ln.strip(" -•\t\u3000") for ln in doc.text.split("\n")]
    lines = [ln for ln in lines if ln.strip()]
    if not doc.title:
        candidates = _title_candidates(lines)
        if candidates:
            doc.title = max(candidates, key=len)  # first of the longest
    if not doc.published:
        doc.published = _publication_date(lines[:15])
    return doc


def _publication_date(lines: list[str]) -> str | None:
    """The first full date of the page head that dates the page, not an event of the body.

    A date counts on a line of the head (short, not ending as a sentence does) or opening a line
    as a dateline does (``2020年3月30日 星期一``, ``新华网 2020年3月30日电``); a date inside a
    paragraph (``……。2020年3月5日，项目正式签约``) is the date of what the sentence reports.

    >>> _publication_date(["标题", "2020年3月30日 星期一", "正文。"])
    '2020-03-30'
    >>> _publication_date(["标题", "县政府与公司举行仪式。2020年3月5日，项目正式签约。"]) is None
    True
    """
    for ln in lines:
        for m in _DATE.finditer(ln):
            head_line = len(ln) <= 60 and not ln.endswith(_BODY_END + ("！", "？"))
            dateline = m.start() <= _DATELINE_CHARS and not _SENTENCE_END.search(ln, 0, m.start())
            if not (head_line or dateline):
                continue
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None
