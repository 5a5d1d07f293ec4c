"""Detect the encoding of a file's bytes and decode them.

UTF-8, UTF-16/32 with or without a byte-order mark, GB18030/GBK, Big5.
"""

from __future__ import annotations

import codecs
import functools
import re

from kg.read.files import ReadError

SCORE_CHARS = 1 << 16  # encodings are judged on the first 64K characters

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


def plausibility(text: str) -> float:
    """How plausible ``text`` is as Chinese news: higher is better.

    Frequent Chinese characters count +1, other CJK +0.2, ASCII and common
    punctuation 0; replacement characters, controls, private-use and other
    odd characters count -3.  The sum is divided by the number of non-space
    characters.

    >>> plausibility("区委书记") > plausibility("鍖哄")
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
        elif (0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or 0x2010 <= o <= 0x201F
              or o in (0xB7, 0x2026)):
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

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""",
                           re.I)
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "cp936": "gb18030",
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


def _binary_kind(data: bytes) -> str | None:
    """What ``data`` evidently is by its magic number (a PDF, an image...), or ``None``."""
    for magic, kind in _BINARY_MAGIC:
        if kind and data.startswith(magic):
            return kind
    return None


def _control_bytes(data: bytes) -> str | None:
    """``many NUL bytes`` or ``many control bytes`` when over a tenth of the first 8K are."""
    sniff = data[:8192]
    controls = sum(1 for b in sniff if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls > len(sniff) // 10:
        return "many NUL bytes" if sniff.count(0) > len(sniff) // 10 else "many control bytes"
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
            if plausibility(text) > 0:
                return text, enc
    return None


def _utf16_read_as_chinese(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 whose text reads as Chinese (few NUL bytes: mostly CJK).

    Text of Chinese characters in UTF-16 has few NUL bytes but many bytes
    below 32 (the low byte of a code unit is any value), so it looks like
    binary to a count of control bytes.  It decodes without error in its own
    byte order and reads as Chinese news (:func:`plausibility` above 0);
    the other byte order, and binary files, decode to rare and unassigned
    code points (plausibility below -1) or not at all.

    >>> _utf16_read_as_chinese("淄博市张店区".encode("utf-16-be"))
    ('淄博市张店区', 'utf-16-be')
    >>> _utf16_read_as_chinese(bytes(range(32)) * 4) is None
    True
    """
    if len(data) % 2 or len(data) < 4:
        return None
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = plausibility(text[:SCORE_CHARS])
        if score > 0 and (best is None or score > best[0]):
            best = (score, text, enc)
    return (best[1], best[2]) if best else None


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes; return (text, encoding).  Raises :class:`ReadError`.

    >>> decode("張店區".encode("big5"))
    ('張店區', 'big5')
    >>> decode("张店区".encode("gb18030"))
    ('张店区', 'gb18030')
    >>> decode(b"\\x89PNG\\r\\n")
    Traceback (most recent call last):
    kg.read.files.ReadError: <bytes>: binary file (a PNG image), not text
    """
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise ReadError(path, "only NUL bytes, no text" if b"\x00" in data else "empty file")
    return _with_bom(data, path) or _without_bom(data, path)


def _without_bom(data: bytes, path: str) -> tuple[str, str]:
    """Text without a byte-order mark: UTF-16 by its NUL bytes, else refused or detected."""
    utf16 = _utf16_without_bom(data[: 1 << 20] if len(data) > 1 << 20 else data)
    if utf16 is not None:
        return data.decode(utf16[1], errors="replace"), utf16[1]
    kind = _binary_kind(data)
    if kind:
        raise ReadError(path, f"binary file ({kind}), not text")
    controls = _control_bytes(data)
    if controls:
        # mostly-CJK UTF-16 has few NUL bytes but many low bytes below 32: read it if it reads
        utf16 = _utf16_read_as_chinese(data)
        if utf16 is None:
            raise ReadError(path, f"binary file ({controls}), not text")
        return utf16
    return _as_declared(data) or _as_utf8(data) or _most_plausible(data, path)


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _with_bom(data: bytes, path: str) -> tuple[str, str] | None:
    """Text that starts with a byte-order mark, decoded by it."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            if not text.strip():
                raise ReadError(path, "empty file (only a byte-order mark)")
            return text, enc
    return None


def _as_declared(data: bytes) -> tuple[str, str] | None:
    """An HTML page in the charset its ``<meta>`` declares, if it decodes so."""
    head = data[:4096]
    if re.search(rb"<(?:meta|html|!doctype)", head, re.I):
        declared = _declared_charset(head)
        if declared:
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # the declaration is wrong: detect instead
    return None


def _as_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8, or UTF-8 with a few invalid bytes (a damaged file) when it is mostly valid."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good_multibyte = sum(1 for c in lossy if ord(c) > 0x7F and c != "\ufffd")
    if good_multibyte >= 10 * bad:
        return lossy, "utf-8"
    return None


def _most_plausible(data: bytes, path: str) -> tuple[str, str]:
    """The CJK encoding (or BOM-less UTF-16) whose text reads most like Chinese news."""
    candidates = []
    # BOM-less UTF-16 of mostly-CJK text has few NUL bytes: it competes on plausibility
    utf16 = ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ()
    for enc in ("gb18030", "big5", "cp950", "big5hkscs", *utf16):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((plausibility(text[:SCORE_CHARS]), enc, text))
    if all(enc in utf16 for _, enc, _ in candidates):  # every CJK decoder failed somewhere
        for enc in ("gb18030", "big5"):
            text = data.decode(enc, errors="replace")
            candidates.append((plausibility(text[:SCORE_CHARS]), enc, text))
    best = max(candidates, key=lambda c: c[0])  # first wins a tie
    if best[0] <= -0.5:
        raise ReadError(path, "not text in a known encoding (UTF-8, UTF-16, GB18030/GBK, Big5)")
    return best[2], best[1]


def invalid_bytes(text: str) -> int:
    """The number of U+FFFD replacement characters in ``text``."""
    return text.count("\ufffd")
