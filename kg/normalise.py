"""Normalise a document's text: script, web noise, offsets kept.

``Document.raw`` stays as decoded; ``Document.text`` becomes the simplified
text the extractors read, and ``Document.offsets`` maps every character of it
back to ``raw`` so surface forms (traditional script as written) are kept.

* traditional -> simplified with OpenCC ``t2s`` (length-preserving: measured
  on 53,647 dictionary strings, none changes length);
* full-width digits and Latin letters -> ASCII (``２０２０`` -> ``2020``);
* pinyin glosses inserted after characters are dropped: ``區(qū)委`` -> ``区委``;
  a character the page replaced by a Latin letter or mojibake before its gloss
  is restored from the gloss and the words around it (``h(xiàn)委`` -> ``县委``,
  ``�(shū)记`` -> ``书记``);
* invisible characters (zero-width spaces, direction marks, soft hyphens,
  control characters) and unrepairable mojibake (``锟斤拷``, U+FFFD) are
  dropped;
* lines that are web noise (navigation, breadcrumbs, share and print
  buttons, "related articles" and the headlines listed under them, view
  counters, copyright lines, image placeholders, URLs) are blanked (their
  newline is kept).  Bylines and photo credits stay: the bylines extractor
  reads them.

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

from kg.components import component
from kg.lexicons import alternation
from kg.model import Document

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLE = "[a-zA-Z" + _TONED + "]{1,7}"
# a parenthesised gloss with at least one tone mark, after a CJK character: 區(qū), 书记（shū jì）
PINYIN_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（]\s*(?=[a-zA-Z" + _TONED + r" ]*[" + _TONED + r"])"
    + _SYLLABLE + r"(?:[ '’]" + _SYLLABLE + r"){0,3}\s*[)）]"
)

# characters that carry nothing: zero-width, direction marks, soft hyphen, BOM, C0/C1 controls but
# \t \n,
# lone surrogates (no UTF-8 form: they would break every serialisation)
INVISIBLE = re.compile(
    "[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffd"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]+"
)
# what undecodable bytes become after a GBK round trip: nothing can be recovered
GARBAGE = re.compile(r"(?:锟斤拷|烫烫|屯屯)+")

_SHARE = (
    alternation("web_share_words") + "|"
    "【?字号\\s*[:：]|【?字体\\s*[:：]|[【\\[](?:打印|关闭|纠错|收藏|字号|大|中|小)[】\\]]"
)
_RELATED = alternation("web_related_heads")
_COUNTER = r"(?:阅读|浏览|点击|访问)(?:次数|量|数)\s*[:：]?\s*\d+|(?:阅读|浏览|点击)\s*[:：]\s*\d+"
_COPYRIGHT = alternation("web_copyright_words") + r"|未经(?:本网)?授权(?:不得|禁止|严禁)|转载请注明"

# Whole lines that carry no article text.
NOISE_LINE = re.compile(
    r"^\s*(?:"
    r"!\[[^\]]*\]\([^)]*\)\s*\|?"  # markdown image placeholder
    r"|\[(?:图片|图|视频|image)\]"  # image placeholders
    r"|https?://\S+|www\.\S+"  # bare URL
    r"|(?:" + alternation("web_breadcrumb_heads") + r")\s*[:：>»›/].{0,80}"  # breadcrumbs
    r"|(?:" + _SHARE + r")[^。]{0,60}"
    r"|【?(?:" + _RELATED + r")】?(?:\s*[:：][^。]{0,60})?"
    r"|[^。]{0,30}(?:" + _COUNTER + r")[^。]{0,30}"
    r"|[^。]{0,60}(?:" + _COPYRIGHT + r")[^。]{0,80}"
    r"|(?:上一篇|下一篇|上一条|下一条)\s*[:：]?.{0,60}"
    r"|[|｜\s]+"  # table borders
    r")\s*$",
    re.I,
)
# a menu: four or more short items separated by spaces or bars, one of them 首页
MENU_LINE = re.compile(r"^\s*(?=.*首页)(?:[^\s|｜。，,.]{1,6}[\s|｜·]+){3,}[^\s|｜。，,.]{1,6}\s*$")
RELATED_HEAD = re.compile(r"^\s*【?(?:" + _RELATED + r")】?\s*[:：]?\s*$")
# a headline listed under "related articles": short, no sentence end, maybe a date
HEADLINE = re.compile(r"^\s*[·•\-\d.、]*\s*[^。"
                      r"！？!?]{4,40}?(?:\s*[\[(（]?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[\])）]?)?\s*$")

_FULLWIDTH = str.maketrans(
    {
        chr(c): chr(c - 0xFEE0)
        for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
    }
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
        out = "".join(
            _converter().convert(c) if len(_converter().convert(c)) == 1 else c for c in text
        )
    return out


def halfwidth(text: str) -> str:
    """Full-width digits and Latin letters as ASCII (same length).

    >>> halfwidth("２０２０年ＡＢＣ公司，")
    '2020年ABC公司，'
    """
    return text.translate(_FULLWIDTH)


def strip_spans(raw: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """Remove ``spans`` from ``raw``; return the text and the offset map.

    >>> strip_spans("abcdef", [(1, 3), (2, 4)])
    ('aef', [0, 4, 5])
    """
    keep: list[int] = []
    pos = 0
    for s, e in sorted(spans):
        keep.extend(range(pos, s))
        pos = max(pos, e)
    keep.extend(range(pos, len(raw)))
    return "".join(raw[i] for i in keep), keep


def noise_lines(lines: list[str]) -> list[bool]:
    """Which lines are web noise.

    >>> noise_lines(["首页 > 新闻 > 区县", "相关新闻", "翠屏区召开招商大会 2021-03-02", "",
    ...     "正文。"])
    [True, True, True, False, False]
    """
    out = []
    in_related = False
    for line in lines:
        noise = bool(line.strip()) and bool(NOISE_LINE.match(line) or MENU_LINE.match(line))
        if in_related and line.strip():
            if HEADLINE.match(line):
                noise = True
            else:
                in_related = False
        if RELATED_HEAD.match(line):
            in_related = True
        out.append(noise)
    return out


_GLOSS_AFTER_LOST = re.compile(
    r"((?<![a-zA-Z])[a-zA-Z]|\ufffd|锟斤拷|\?)[(（]\s*(?=[a-zA-Z]*[" + _TONED + r"])("
    + _SYLLABLE + r")\s*[)）]")
_ANY_GLOSS = re.compile(r"[(（]\s*" + _SYLLABLE + r"\s*[)）]")


def _reading(syllable: str) -> tuple[str, ...]:
    """The characters read ``syllable`` (toned pinyin), most frequent first."""
    return pinyin_characters().get(syllable.lower(), ())


@functools.lru_cache(maxsize=1)
def pinyin_characters() -> dict[str, tuple[str, ...]]:
    """Toned pinyin syllable -> the characters read so, most frequent first (lexicon
    ``pinyin_characters``)."""
    from kg.lexicons import table

    return table("pinyin_characters")


@functools.lru_cache(maxsize=1)
def _jieba_frequencies() -> dict[str, int]:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ


def _word_score(before: str, char: str, after: str) -> int:
    """How well ``char`` fits between ``before`` and ``after``: the frequency of the most frequent
    dictionary word of two to four characters it makes with them."""
    freq = _jieba_frequencies()
    best = 0
    for k in range(0, min(3, len(before)) + 1):
        for j in range(0, min(3, len(after)) + 1):
            if 2 <= k + 1 + j <= 4:
                best = max(best, freq.get(before[len(before) - k:] + char + after[:j], 0))
    return best


def restore_glossed(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Restore the characters a page replaced by a Latin letter or mojibake before their pinyin
    gloss; return the text (the same length as ``raw``, the restored character in the first
    position of what it replaces) and the spans to drop (glosses, the rest of the mojibake).

    >>> restore_glossed("h(xiàn)委書(shū)記")
    ('县(xiàn)委書(shū)記', [(1, 7)])
    >>> restore_glossed("区委\ufffd(shū)记"), restore_glossed("A(ban)")
    (('区委书(shū)记', [(3, 8)]), ('A(ban)', []))
    """
    out = list(raw)
    drops: list[tuple[int, int]] = []
    for m in _GLOSS_AFTER_LOST.finditer(raw):
        cands = _reading(m.group(2).replace(" ", ""))
        if not cands:
            continue
        before = to_simplified(_ANY_GLOSS.sub("", raw[max(0, m.start() - 12):m.start()]))[-3:]
        after = to_simplified(_ANY_GLOSS.sub("", raw[m.end():m.end() + 12]))[:3]
        best = max(cands, key=lambda c: (_word_score(before, c, after), -cands.index(c)))
        out[m.start()] = best
        drops.append((m.start() + 1, m.end()))
    return "".join(out), drops


def noise_spans(raw: str) -> list[tuple[int, int]]:
    """Spans of ``raw`` to drop: glosses, invisible characters, garbage and noise lines.

    >>> raw = "分享到：微信\\n张店\\u200b区"
    >>> [raw[s:e] for s, e in noise_spans(raw)]
    ['\\u200b', '分享到：微信']
    """
    spans = [m.span() for m in PINYIN_GLOSS.finditer(raw)]
    spans += [m.span() for m in INVISIBLE.finditer(raw)]
    spans += [m.span() for m in GARBAGE.finditer(raw)]
    lines = raw.split("\n")
    pos = 0
    for line, noise in zip(lines, noise_lines(lines), strict=True):
        if noise:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


@component("normalise", requires=("raw",), assigns=("text", "offsets"))
def normalise(doc: Document) -> Document:
    """Fill ``doc.text`` (simplified, noise dropped) and ``doc.offsets`` (text -> raw)."""
    raw = doc.raw.replace("\u3000", " ").replace("\r", "\n")
    raw, restored = restore_glossed(raw)
    spans = noise_spans(raw) + restored
    if spans:
        text, offsets = strip_spans(raw, spans)
        doc.offsets = offsets
    else:
        text = raw
        doc.offsets = None
    doc.text = to_simplified(halfwidth(text))
    return doc
