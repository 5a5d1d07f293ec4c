"""Gold sets: a folder of gold annotations and the articles they annotate.

A gold set is a folder with ``gold/*.json`` (the annotation guidelines' format) and either
``articles/`` (the files themselves) or ``articles.tsv``: the real dev batches of
``tests/data/realN/`` do not copy the corpus into the repository but list each corpus file with
a *variant*, and :func:`materialise` writes the exact bytes the annotators read:

- ``plain``: the corpus file as it is (title on the first line);
- ``trad``: traditional script via OpenCC ``s2t`` (``s2tw``, Taiwan forms, for files whose
  name's digest is odd), UTF-8;
- ``html``: a portal page around the text (navigation, breadcrumb, source line, share buttons,
  a related-news list made of other corpus titles, footer), UTF-8;
- ``html-gbk``: the same page encoded as GBK with its ``<meta charset>``;
- ``trad-big5``: traditional script (``s2t``) encoded as Big5 (a character Big5 lacks is
  written in its simplified form, or ``?``).

The corpus is found beside the repository (``../shared/corpus/articles`` from any folder above
the set) or given (``corpus=``, ``kg eval --corpus``, ``$KG_SHARED``).
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_corpus(start: Path) -> Path | None:
    """``$KG_SHARED/corpus/articles``, or ``shared/corpus/articles`` in a folder above ``start``."""
    if os.environ.get("KG_SHARED"):
        p = Path(os.environ["KG_SHARED"]) / "corpus" / "articles"
        return p if p.is_dir() else None
    for parent in [start.resolve(), *start.resolve().parents]:
        p = parent / "shared" / "corpus" / "articles"
        if p.is_dir():
            return p
    return None


def _digest(name: str) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest(), 16)


def _trad(text: str, name: str) -> str:
    import opencc

    conf = "s2tw" if _digest(name) % 2 else "s2t"
    return opencc.OpenCC(conf).convert(text)


def _related(corpus: Path, name: str) -> list[str]:
    files = sorted(p.name for p in corpus.iterdir())
    n = _digest(name)
    picks = [files[(n >> (8 * i)) % len(files)] for i in range(4)]
    return [(corpus / f).read_text("utf-8").splitlines()[0].strip() for f in picks if f != name]


_NAV = (
    '<div class="nav"><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/econ/">经济</a>'
    ' | <a href="/finance/">财经</a> | <a href="/login">登录</a> | <a href="/reg">注册</a></div>\n'
    '<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/econ/">经济频道</a>'
    " &gt; 正文</div>"
)
_INFO = ('<div class="info">来源：经济频道　　发布时间：2011年　　点击数：1024'
         "　　【字体：大 中 小】</div>")

_FOOTER = ('<div class="footer">关于我们 | 联系我们 | 广告服务 | 网站地图<br>'
           "版权所有 经济频道 ICP备05001234号</div>")


def _page(corpus: Path, text: str, name: str, charset: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title, body = lines[0], lines[1:]
    esc = html.escape
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in body)
    related = "\n".join(f'<li><a href="/news/{i}.html">{esc(t)}</a></li>'
                        for i, t in enumerate(_related(corpus, name)))
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{esc(title)}_经济频道_新闻中心</title></head>
<body>
{_NAV}
<h1>{esc(title)}</h1>
{_INFO}
<div class="content">
{paras}
</div>
<div class="share">分享到：微博 微信 QQ空间　【打印本页】【关闭窗口】</div>
<div class="related"><h3>相关新闻</h3><ul>
{related}
</ul></div>
{_FOOTER}
</body></html>
"""


def render(corpus: Path, name: str, variant: str) -> bytes:
    """The bytes of corpus article ``name`` in ``variant`` form."""
    text = (corpus / name).read_text("utf-8")
    if variant == "plain":
        return text.encode("utf-8")
    if variant == "trad":
        return _trad(text, name).encode("utf-8")
    if variant == "trad-big5":
        import opencc

        trad = opencc.OpenCC("s2t").convert(text)
        return "".join(_big5_char(c) for c in trad).encode("big5")
    if variant == "html":
        return _page(corpus, text, name, "utf-8").encode("utf-8")
    if variant == "html-gbk":
        return _page(corpus, text, name, "gbk").encode("gbk", errors="replace")
    raise ValueError(f"{name}: unknown variant {variant!r}")


def _big5_char(c: str) -> str:
    try:
        c.encode("big5")
        return c
    except UnicodeEncodeError:
        import opencc

        s = opencc.OpenCC("t2s").convert(c)
        try:
            s.encode("big5")
            return s
        except UnicodeEncodeError:
            return "?"


def out_name(name: str, variant: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return stem + (".html" if variant.startswith("html") else ".txt")


@dataclass
class GoldSet:
    """A folder of gold annotations and where its articles come from."""

    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def gold(self) -> Path:
        return self.folder / "gold"

    def manifest(self) -> list[tuple[str, str]]:
        """``(corpus file, variant)`` of each article, from ``articles.tsv``."""
        rows = []
        for line in (self.folder / "articles.tsv").read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, variant = line.split("\t")[:2]
                rows.append((name, variant))
        return rows

    def materialise(self, out: Path | None = None, corpus: Path | None = None) -> Path:
        """The folder of the set's articles: ``articles/``, or ``out`` (a new temporary folder
        if not given) filled from the corpus as ``articles.tsv`` says."""
        if (self.folder / "articles").is_dir():
            return self.folder / "articles"
        corpus = corpus or find_corpus(self.folder)
        if corpus is None:
            raise FileNotFoundError(f"{self.folder}: its articles come from the corpus "
                                    "(../shared/corpus/articles), not found: give --corpus")
        out = Path(out) if out else Path(tempfile.mkdtemp(prefix=f"kg-{self.name}-"))
        out.mkdir(parents=True, exist_ok=True)
        for name, variant in self.manifest():
            (out / out_name(name, variant)).write_bytes(render(corpus, name, variant))
        return out
