"""Rebuild the article files of the real dev batches from ``../shared/corpus/articles``.

The corpus is read where it lies and never copied into the repository: each batch lists its
articles in ``tests/data/realN/articles.tsv`` (file, variant) and this script writes the texts
the annotators read, the same bytes every time::

    python tests/data/real/make_articles.py tests/data/real2 /tmp/real2-articles

Variants make a clean article look like a real page:

- ``plain``: the corpus file as it is (title on the first line).
- ``trad``: traditional script via OpenCC ``s2t`` (``s2tw`` for files whose digest is odd:
  Taiwan forms), UTF-8.
- ``html``: a portal page around the text (navigation, breadcrumb, source line, share
  buttons, a related-news list made of other corpus titles, footer), UTF-8.
- ``html-gbk``: the same page encoded as GBK with its ``<meta charset>``.
- ``trad-big5``: traditional script (``s2t``) encoded as Big5 (characters Big5 lacks become
  ``&#NNNN;`` references are *not* used: they are replaced by their simplified form).
"""

from __future__ import annotations

import hashlib
import html
import os
import sys
from pathlib import Path

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[4] / "shared")
CORPUS = SHARED / "corpus" / "articles"


def _digest(name: str) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest(), 16)


def _trad(text: str, name: str) -> str:
    import opencc

    conf = "s2tw" if _digest(name) % 2 else "s2t"
    return opencc.OpenCC(conf).convert(text)


def _related(name: str) -> list[str]:
    files = sorted(p.name for p in CORPUS.iterdir())
    n = _digest(name)
    picks = [files[(n >> (8 * i)) % len(files)] for i in range(4)]
    return [(CORPUS / f).read_text("utf-8").splitlines()[0].strip() for f in picks if f != name]


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


def _page(text: str, name: str, charset: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title, body = lines[0], lines[1:]
    esc = html.escape
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in body)
    related = "\n".join(f'<li><a href="/news/{i}.html">{esc(t)}</a></li>'
                        for i, t in enumerate(_related(name)))
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


def render(name: str, variant: str) -> bytes:
    """The bytes of corpus article ``name`` in ``variant`` form."""
    text = (CORPUS / name).read_text("utf-8")
    if variant == "plain":
        return text.encode("utf-8")
    if variant == "trad":
        return _trad(text, name).encode("utf-8")
    if variant == "trad-big5":
        import opencc

        trad = opencc.OpenCC("s2t").convert(text)
        return "".join(_big5_char(c) for c in trad).encode("big5")
    if variant == "html":
        return _page(text, name, "utf-8").encode("utf-8")
    if variant == "html-gbk":
        return _page(text, name, "gbk").encode("gbk", errors="replace")
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


def build(batch: Path, out: Path) -> list[Path]:
    """Write the articles of ``batch`` (its articles.tsv) into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for line in (batch / "articles.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, variant = line.split("\t")[:2]
        path = out / out_name(name, variant)
        path.write_bytes(render(name, variant))
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_articles.py BATCH_DIR OUT_DIR")
    for p in build(Path(sys.argv[1]), Path(sys.argv[2])):
        print(p)
