"""Split the normalised text into sentences, and read article metadata.

>>> from kg.model import Document
>>> d = Document(path="a", name="a", raw="", text="标题\\n第一句。第二句！“引语。”后文")
>>> [s.text for s in split_sentences(d).sentences]
['标题', '第一句。', '第二句！', '“引语。”', '后文']
"""

from __future__ import annotations

import re

from kg.model import Document, Sentence
from kg.pipeline import component

# a sentence ends at 。！？!? (with closing quotes/brackets that follow), ；, or a line break
_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")


@component("sentences")
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
    if end > start:
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))


_DATE = re.compile(r"(20\d\d|19\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")


@component("metadata")
def read_metadata(doc: Document) -> Document:
    """Title (first short line) and publication date (first full date in the head).

    >>> from kg.model import Document
    >>> d = read_metadata(Document(path="a", name="a", raw="", text="标题\\n2020年3月30日 星期一\\n正文"))
    >>> d.title, d.published
    ('标题', '2020-03-30')
    """
    lines = [ln.strip(" -•\t") for ln in doc.text.split("\n")]
    lines = [ln for ln in lines if ln.strip()]
    if not doc.title:
        for ln in lines[:5]:
            if 4 <= len(ln) <= 60 and not _DATE.search(ln) and not ln.endswith(("。", "，")):
                doc.title = ln
                break
    if not doc.published:
        head = "\n".join(lines[:15])
        m = _DATE.search(head)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                doc.published = f"{y:04d}-{mo:02d}-{d:02d}"
    return doc
