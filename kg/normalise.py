"""Normalise a document's text: script, web noise, offsets kept.

``Document.raw`` stays as decoded; ``Document.text`` becomes the simplified
text the extractors read, and ``Document.offsets`` maps every character of it
back to ``raw`` so surface forms (traditional script as written) are kept.

* traditional -> simplified with OpenCC ``t2s`` (length-preserving: measured
  on 53,647 dictionary strings, none changes length);
* pinyin glosses inserted after characters are dropped: ``區(qū)委`` -> ``区委``;
* lines that are web noise (navigation, share buttons, "related articles",
  image placeholders, URLs) are blanked (kept as newlines, so offsets stay).

>>> from kg.model import Document
>>> d = Document(path="a", name="a", raw="區(qū)委書(shū)記馬曉磊")
>>> normalise(d).text
'区委书记马晓磊'
>>> d.surface(0, 4)
'區委書記'
"""

from __future__ import annotations

import functools
import re

from kg.model import Document
from kg.pipeline import component

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（]\s*(?=[a-zA-Z" + _TONED + r"]*[" + _TONED + r"])[a-zA-Z" + _TONED + r"]{1,7}\s*[)）]"
)

# Whole lines that carry no article text.
NOISE_LINE = re.compile(
    r"^\s*(?:"
    r"!\[[^\]]*\]\([^)]*\)\s*\|?"  # markdown image placeholder
    r"|https?://\S+"  # bare URL
    r"|(?:首页|网站首页|当前位置|您的位置|您现在的位置)\s*[:：>»].*"  # breadcrumbs
    r"|(?:分享到|分享至|一键分享|扫一扫|打印本页|关闭窗口|返回顶部|【?字号|责任编辑|相关新闻|相关阅读|相关文章|相关推荐|推荐阅读|延伸阅读|上一篇|下一篇).{0,60}"
    r"|[|｜\s]+"  # table borders
    r")\s*$"
)


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional to simplified script, keeping the length.

    >>> to_simplified("張店區委書記")
    '张店区委书记'
    """
    out = _converter().convert(text)
    if len(out) != len(text):  # never seen; fall back per character to keep offsets
        out = "".join(_converter().convert(c) if len(_converter().convert(c)) == 1 else c for c in text)
    return out


def strip_spans(raw: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """Remove ``spans`` from ``raw``; return the text and the offset map."""
    keep: list[int] = []
    pos = 0
    for s, e in sorted(spans):
        keep.extend(range(pos, s))
        pos = max(pos, e)
    keep.extend(range(pos, len(raw)))
    return "".join(raw[i] for i in keep), keep


def noise_spans(raw: str) -> list[tuple[int, int]]:
    """Spans of ``raw`` to drop: pinyin glosses and the content of noise lines."""
    spans = [m.span() for m in PINYIN_GLOSS.finditer(raw)]
    pos = 0
    for line in raw.split("\n"):
        if line.strip() and NOISE_LINE.match(line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


@component("normalise")
def normalise(doc: Document) -> Document:
    raw = doc.raw.replace("\u3000", " ")
    spans = noise_spans(raw)
    if spans:
        text, offsets = strip_spans(raw, spans)
        doc.offsets = offsets
    else:
        text = raw
        doc.offsets = None
    doc.text = to_simplified(text)
    return doc
