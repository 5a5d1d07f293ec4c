"""HTML pages to text: scripts, styles and page furniture dropped; title and date kept."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# ------------------------------------------------------------------ HTML

_BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "dd", "dt", "dl", "h1", "h2", "h3", "h4", "h5",
          "h6", "section", "article", "main", "header", "footer", "title", "table", "ul", "ol",
          "blockquote", "pre", "figure", "figcaption", "hr", "aside", "nav", "address"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "iframe", "button", "select",
         "form", "footer", "aside", "textarea", "object", "head", "math", "canvas", "video",
         "audio"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
# class/id words marking page furniture rather than article text
_SKIP_WORDS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb",
               "crumbs", "share", "sharing", "social", "related", "recommend", "recommended",
               "sidebar", "footer", "copyright", "comment", "comments", "ad", "ads", "advert",
               "advertisement", "banner", "toolbar", "login", "search", "pagination", "pager",
               "hot", "rank", "qrcode", "subscribe", "popup", "modal", "cookie", "topbar", "bottom"}
_WORD = re.compile(r"[a-z]+")
_CJK_CHAR = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_CJK_BREAK = re.compile(rf"(?<={_CJK_CHAR})[ \t\r\f]*\n\s*(?={_CJK_CHAR})")
_META_DATE = {"article:published_time", "pubdate", "publishdate", "publish_date", "publishtime",
              "og:release_date", "date", "dc.date", "dcterms.date", "datepublished"}


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
    text, title, _ = parse_html(markup)
    return text, title


def parse_html(markup: str) -> tuple[str, str | None, str | None]:
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
    start = r"\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|meta|body)\b"
    return bool(re.match(start, text[:1000], re.I | re.S))
