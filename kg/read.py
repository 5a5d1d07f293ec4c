"""Read input files into :class:`~kg.model.Document` objects.

Finds articles in files and folders (``.txt``, ``.md``, ``.html``/``.htm``),
detects the encoding (UTF-8, UTF-16/32 with BOM, UTF-16 without BOM,
GB18030/GBK, Big5; an HTML ``<meta charset>`` is honoured when it decodes)
and turns HTML into text.  A file that cannot be read raises
:class:`ReadError` with a one-line reason; the caller reports it and goes on
with the batch.  Repairs that change the text (invalid bytes replaced, NUL
bytes dropped, mojibake undone) are recorded in ``Document.warnings``.

>>> decode("区委书记".encode("utf-16"))
('区委书记', 'utf-16')
"""

from __future__ import annotations

import codecs
import functools
import html
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.model import Document

SUFFIXES = {".txt", ".md", ".html", ".htm"}
MAX_BYTES = 20 * 1024 * 1024  # larger files are refused with a clear message
_MB = 1024 * 1024
SCORE_CHARS = 1 << 16  # encodings are judged on the first 64K characters


class ReadError(Exception):
    """A file that cannot be read as an article; ``str()`` is the reason."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class Skipped:
    """A path found while walking the inputs that is not read, with the reason."""

    path: str
    reason: str


def _missing_reason(path: Path) -> str:
    """Why ``path`` cannot be opened: missing, a broken link or a link loop."""
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == 40:  # ELOOP
            return "symbolic link loop; not followed"
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        return "no such file or folder"
    return "cannot be opened"


def iter_inputs(paths: list[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Yield article files under ``paths`` in sorted order, or :class:`Skipped` entries.

    Folders are walked recursively (hidden files and folders skipped, symbolic
    links followed once); a file given by name is read whatever its suffix.

    >>> [type(x).__name__ for x in iter_inputs(["/nonexistent/x.txt"])]
    ['Skipped']
    """
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Skipped(str(p), _missing_reason(path))
            continue
        if not path.is_dir():
            yield path
            continue
        found = False
        errors: list[Skipped] = []
        seen: set[tuple[int, int]] = set()

        def on_error(e: OSError, errors: list[Skipped] = errors, top: str = str(p)) -> None:
            errors.append(Skipped(str(e.filename or top), f"cannot list folder: {e.strerror or e}"))

        for root, dirs, files in os.walk(path, followlinks=True, onerror=on_error):
            st = os.stat(root)
            ident = (st.st_dev, st.st_ino)
            if ident in seen:
                yield Skipped(root, "symbolic link loop; not followed")
                dirs[:] = []
                continue
            seen.add(ident)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                fp = Path(root) / f
                if f.startswith("."):
                    continue
                if fp.suffix.lower() in SUFFIXES:
                    found = True
                    yield fp
        yield from errors
        if not found:
            yield Skipped(str(p), "folder holds no .txt, .md, .html or .htm files")


# ------------------------------------------------------------------ decoding

_CJK = re.compile(r"[\u4e00-\u9fff]")

# Frequent characters of Chinese news (simplified); the traditional forms are
# added with OpenCC.  Used to tell GB18030 from Big5: text decoded with the
# wrong one is made of rare characters.
_COMMON_SIMPLIFIED = (
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其"
    "里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公"
    "从已向关本动外很开意把老现因给实力相长样明正使名点两全新立合期问通高位及民最变制机部重理系情提内加果"
    "物接平化知记表各利路更度先体放区市县省镇乡村街委书政府企业项目工程建设投资元亿万美签约产园济展技术科"
    "限司集团股份银行医院校议研究管服务计划基心协社组织总副任员党局厅处办人代常农商贸易招引实施推完达米亩"
    "公里月周季同比百分点面重点新开发高经营销售额收入税财金融保险能源电力交运输物流城乡规划环境保护生态文化"
    "旅游教育卫健康疫情防控复工产线厂房车间设备材料智能制造数字网络信息平台创新研发专利品牌质量标准安全应急"
    "会见调研座谈出席讲话指出强调要求坚持落实推动加快提升优化促进稳定增长完成任务目标工作领导干部群众代表"
    "书记长主席理事董事经理记者通讯员编辑报道消息日报晚报时间来源北京上海天津重庆山东江苏浙江广东四川湖南"
    "河南河北安徽福建江西湖北广西云南贵州陕西甘肃青海宁夏新疆西藏内蒙古辽宁吉林黑龙江海南台湾香港澳门济南"
    "青岛淄博烟台潍坊南京苏州无锡杭州宁波广州深圳成都武汉西安郑州长沙合肥福州厦门昆明南宁哈尔滨沈阳大连"
    "签署协议框架合作战略伙伴举行仪式集中开工竣工投产达产入驻落户占地建筑面积总投资年产值预计实现亩均"
)


@functools.lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    chars = set(_COMMON_SIMPLIFIED)
    try:
        import opencc

        chars |= set(opencc.OpenCC("s2t").convert(_COMMON_SIMPLIFIED))
    except Exception:  # pragma: no cover - opencc is a dependency; the set still works without it
        pass
    return frozenset(chars)


def _score(text: str) -> float:
    """How plausible ``text`` is as Chinese news: higher is better.

    Frequent Chinese characters count +1, other CJK +0.2, ASCII and common
    punctuation 0; replacement characters, controls, private-use and other
    odd characters count -3.  The sum is divided by the number of non-space
    characters.

    >>> _score("区委书记") > _score("鍖哄")
    True
    """
    common = _common_chars()
    total = 0.0
    n = 0
    for c in text:
        if c.isspace():
            continue
        n += 1
        o = ord(c)
        if c in common:
            total += 1.0
        elif 0x4E00 <= o <= 0x9FFF:
            total += 0.2
        elif o < 0x80 and (o >= 0x20):
            continue
        elif 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or 0x2010 <= o <= 0x201F or o in (0xB7, 0x2026):
            continue
        else:
            total -= 3.0
    return total / n if n else 0.0


_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or a Word/Excel file)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BM", None),  # checked further below (too short to trust alone)
    (b"\x7fELF", "an executable"),
    (b"MZ", None),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.I)
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
    "big5": "big5", "x-big5": "big5", "big5-hkscs": "big5hkscs", "utf8": "utf-8",
}


def _declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in ``<meta>``, normalised; ``None`` if absent or unknown.

    >>> _declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    """
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _looks_binary(data: bytes) -> str | None:
    """A reason if ``data`` is evidently not text (magic number, NUL or control bytes)."""
    for magic, kind in _BINARY_MAGIC:
        if kind and data.startswith(magic):
            return f"binary file ({kind}), not text"
    sniff = data[:8192]
    controls = sum(1 for b in sniff if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls > len(sniff) // 10:
        what = "many NUL bytes" if sniff.count(0) > len(sniff) // 10 else "many control bytes"
        return f"binary file ({what}), not text"
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 when NUL bytes sit at every other position."""
    if len(data) % 2 or len(data) < 4:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros >= half // 4 and zeros > 2 * (even + odd - zeros):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _score(text) > 0:
                return text, enc
    return None


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes; return (text, encoding).  Raises :class:`ReadError`.

    >>> decode("張店區".encode("big5"))
    ('張店區', 'big5')
    >>> decode("张店区".encode("gb18030"))
    ('张店区', 'gb18030')
    >>> decode(b"\\x89PNG\\r\\n")
    Traceback (most recent call last):
    kg.read.ReadError: <bytes>: binary file (a PNG image), not text
    """
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise ReadError(path, "only NUL bytes, no text" if b"\x00" in data else "empty file")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                     (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            if not text.strip():
                raise ReadError(path, "empty file (only a byte-order mark)")
            return text, enc
    utf16 = _utf16_without_bom(data[: 1 << 20] if len(data) > 1 << 20 else data)
    if utf16 is not None:
        return data.decode(utf16[1], errors="replace"), utf16[1]
    reason = _looks_binary(data)
    if reason:
        raise ReadError(path, reason)
    head = data[:4096]
    if re.search(rb"<(?:meta|html|!doctype)", head, re.I):
        declared = _declared_charset(head)
        if declared:
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # the declaration is wrong: detect instead
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few invalid bytes (a damaged file): keep UTF-8 if it is mostly valid
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good_multibyte = sum(1 for c in lossy if ord(c) > 0x7F and c != "\ufffd")
    if good_multibyte >= 10 * bad:
        return lossy, "utf-8"
    candidates = []
    # BOM-less UTF-16 of mostly-CJK text has few NUL bytes: it competes on plausibility
    utf16 = ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ()
    for enc in ("gb18030", "big5", "cp950", "big5hkscs", *utf16):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text[:SCORE_CHARS]), enc, text))
    if all(enc in utf16 for _, enc, _ in candidates):  # every CJK decoder failed somewhere: allow replacements
        for enc in ("gb18030", "big5"):
            text = data.decode(enc, errors="replace")
            candidates.append((_score(text[:SCORE_CHARS]), enc, text))
    best = max(candidates, key=lambda c: c[0])  # first wins a tie
    if best[0] <= -0.5:
        raise ReadError(path, "not text in a known encoding (UTF-8, UTF-16, GB18030/GBK, Big5)")
    return best[2], best[1]


def invalid_bytes(text: str) -> int:
    """The number of U+FFFD replacement characters in ``text``."""
    return text.count("\ufffd")


# ------------------------------------------------------------------ mojibake

# UTF-8 bytes of CJK text decoded as Latin-1/cp1252: a lead byte (ä å æ ç è é)
# followed by two continuation bytes, at least twice in a row.
_CP1252_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d" \
               "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178 "
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
    reads more like Chinese news than the run did (see :func:`_score`).

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
    if out == run or not _CJK.search(out) or _score(out) <= _score(run):
        return None
    return out


# ------------------------------------------------------------------ HTML

_BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "dd", "dt", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
          "section", "article", "main", "header", "footer", "title", "table", "ul", "ol", "blockquote",
          "pre", "figure", "figcaption", "hr", "aside", "nav", "address"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "iframe", "button", "select", "form",
         "footer", "aside", "textarea", "object", "head", "math", "canvas", "video", "audio"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}
# class/id words marking page furniture rather than article text
_SKIP_WORDS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "share",
               "sharing", "social", "related", "recommend", "recommended", "sidebar", "footer", "copyright",
               "comment", "comments", "ad", "ads", "advert", "advertisement", "banner", "toolbar", "login",
               "search", "pagination", "pager", "hot", "rank", "qrcode", "subscribe", "popup", "modal",
               "cookie", "topbar", "bottom"}
_WORD = re.compile(r"[a-z]+")
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t\r\f]*\n\s*(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
_META_DATE = {"article:published_time", "pubdate", "publishdate", "publish_date", "publishtime", "og:release_date",
              "date", "dc.date", "dcterms.date", "datepublished"}


class _TextExtractor(HTMLParser):
    """Collects the visible article text, the ``<title>``, the first ``<h1>`` and a meta date."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, starts a skipped region)
        self.skipping = 0
        self.title: list[str] = []
        self.h1: list[str] | None = None
        self.in_h1 = False
        self.in_title = False
        self.pre = 0
        self.date: str | None = None

    def _skips(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP:
            return True
        if tag == "header" and not any(t in ("article", "main") for t, _ in self.stack):
            return True
        a = {k.lower(): (v or "") for k, v in attrs}
        if "hidden" in a or a.get("aria-hidden") == "true":
            return True
        if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", a.get("style", ""), re.I):
            return True
        if a.get("role", "").lower() in ("navigation", "banner", "contentinfo", "complementary"):
            return True
        words = set(_WORD.findall((a.get("class", "") + " " + a.get("id", "")).lower()))
        return bool(words & _SKIP_WORDS)

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _META_DATE and not self.date:
                m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", a.get("content", ""))
                if m:
                    self.date = "-".join(m.groups())
            return
        if tag in _BLOCK and not self.skipping:
            self.parts.append("\n")
        if tag in _VOID:
            return
        skip = self._skips(tag, attrs)
        self.stack.append((tag, skip))
        self.skipping += skip
        if tag == "title":
            self.in_title = True
        elif tag == "h1" and self.h1 is None and not self.skipping:
            self.h1, self.in_h1 = [], True
        elif tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            t, skip = self.stack.pop()
            self.skipping -= skip
            if t == "title":
                self.in_title = False
            elif t == "h1":
                self.in_h1 = False
            elif t == "pre":
                self.pre = max(0, self.pre - 1)
            if t == tag:
                break
        if tag in _BLOCK and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if self.skipping:
            return
        if not self.pre:
            data = _CJK_BREAK.sub("", data)  # a line break between CJK characters is no space
            data = re.sub(r"[ \t\r\n\f]+", " ", data)
        self.parts.append(data)
        if self.in_h1 and self.h1 is not None:
            self.h1.append(data)


def _clean_title(title: str) -> str | None:
    """Strip the site name a ``<title>`` usually ends with.

    >>> _clean_title("雁江区上半年重点项目_四川新闻网")
    '雁江区上半年重点项目'
    """
    title = re.sub(r"\s+", " ", title).strip()
    parts = re.split(r"\s*(?:_|\||｜| - | — | – |--)\s*", title)
    if len(parts) > 1 and parts[0]:
        title = max(parts[:-1], key=len) if len(parts) > 2 else parts[0]
    return title or None


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Return (text, title) of an HTML page: scripts, styles and navigation dropped.

    The title is the first ``<h1>``, else the ``<title>`` without the site name.

    >>> html_to_text("<title>T</title><script>x()</script><p>正文&amp;</p>")
    ('正文&', 'T')
    >>> html_to_text('<nav>首页</nav><div class="share">分享</div><p>张店\\n区委</p>')
    ('张店区委', None)
    """
    text, title, _ = _parse_html(markup)
    return text, title


def _parse_html(markup: str) -> tuple[str, str | None, str | None]:
    p = _TextExtractor()
    try:
        p.feed(markup)
        p.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient
        pass
    text = "".join(p.parts)
    text = "\n".join(line.strip() for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    h1 = re.sub(r"\s+", " ", "".join(p.h1 or [])).strip()
    title = h1 or _clean_title(html.unescape("".join(p.title)))
    return text, title or None, p.date


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML page (used for files without an .html suffix)."""
    return bool(re.match(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|meta|body)\b", text[:1000], re.I | re.S))


# ------------------------------------------------------------------ documents

def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, at most :data:`MAX_BYTES`; raises :class:`ReadError`."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == 40:
            raise ReadError(path, "symbolic link loop; not followed") from None
        if path.is_symlink():
            raise ReadError(path, "broken symbolic link (its target does not exist)") from None
        raise ReadError(path, f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(path, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(path, "not a regular file (a pipe, socket or device); not read")
    if st.st_size > MAX_BYTES:
        raise ReadError(path, f"file too large ({st.st_size / _MB:.0f} MB; the limit is {MAX_BYTES // _MB} MB"
                              " per article): split it into articles")
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise ReadError(path, f"cannot read: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:  # grew while we looked
        raise ReadError(path, f"file too large (over the {MAX_BYTES // _MB} MB limit per article)")
    return data


def read_document(path: str | os.PathLike) -> Document:
    """Read one file into a :class:`Document` (``raw`` set; ``text`` filled by normalise)."""
    p = Path(path)
    data = read_bytes(p)
    text, enc = decode(data, str(p))
    warnings = []
    bad = invalid_bytes(text)
    if bad:
        warnings.append(f"{p}: {bad} invalid byte sequence(s) in {enc} replaced")
    title = published = None
    if p.suffix.lower() in (".html", ".htm") or looks_like_html(text):
        text, title, published = _parse_html(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        warnings.append(f"{p}: {text.count(chr(0))} NUL byte(s) removed")
        text = text.replace("\x00", "")
    text, fixed = repair_mojibake(text)
    if fixed:
        warnings.append(f"{p}: {fixed} run(s) of mojibake (UTF-8 read as Latin-1/GBK) repaired")
    if not text.strip():
        raise ReadError(p, "no text after removing markup" if title is not None or "<" in data[:2000].decode(
            "latin-1") else "no text (only white space)")
    doc = Document(path=str(p), name=p.name, raw=text, encoding=enc)
    doc.warnings.extend(warnings)
    if title:
        doc.title = title
    if published:
        doc.published = published
    return doc
