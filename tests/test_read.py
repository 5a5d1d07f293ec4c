"""Reading files: encodings detected, binary and broken input refused with a reason, HTML stripped.

Every fixture is made here by encoding invented text of the genre.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from kg.read import (
    MAX_BYTES,
    ReadError,
    Skipped,
    decode,
    html_to_text,
    iter_inputs,
    read_document,
    repair_mojibake,
)

SIMPLIFIED = (
    "宜宾市翠屏区重大项目集中签约仪式举行\n"
    "本报记者 张某某\n"
    "3月2日，翠屏区举行2021年第一季度重大项目集中签约仪式，共签约项目12个，总投资86.5亿元。"
    "区委书记李某某出席并讲话，区长王某某主持。翠屏区经济开发区管委会主任介绍了园区招商情况。"
    "签约项目涵盖智能制造、新材料、现代物流等产业，其中宜宾翠兴科技有限公司投资建设的新能源电池项目总投资30亿元。\n"
)
TRADITIONAL = (
    "江門市蓬江區舉行重大項目集中開工儀式\n"
    "記者 陳某某 通訊員 黃某\n"
    "9月18日，蓬江區舉行2023年第三季度重大項目集中開工活動，共有15個項目集中開工，總投資約120億元。"
    "區委書記出席活動並宣布開工。其中，江門蓬興新材料有限公司投資建設的高端新材料生產基地項目總投資25億元，"
    "建成後預計年產值可達40億元。蓬江區將持續優化營商環境，推動項目早落地、早投產、早見效。\n"
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312"])
def test_simplified_text_in_every_mainland_encoding(tmp_path, encoding):
    doc = read_document(write(tmp_path / "a.txt", SIMPLIFIED.encode(encoding)))
    assert doc.raw == SIMPLIFIED
    assert doc.warnings == []


@pytest.mark.parametrize("encoding", ["utf-8", "big5", "cp950", "gb18030"])
def test_traditional_text_in_big5_and_others(tmp_path, encoding):
    doc = read_document(write(tmp_path / "a.txt", TRADITIONAL.encode(encoding)))
    assert doc.raw == TRADITIONAL


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_and_without_bom(tmp_path, encoding):
    doc = read_document(write(tmp_path / "a.txt", SIMPLIFIED.encode(encoding)))
    assert doc.raw == SIMPLIFIED


SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_utf16_without_bom_of_mostly_chinese_text_is_read(tmp_path, seed, encoding):
    # few NUL bytes but many low bytes below 32: once refused as "binary (many control bytes)"
    text = seed.read_text(encoding="utf-8")
    for length in (60, 300, None):
        part = text[:length]
        doc = read_document(write(tmp_path / f"{length}.txt", part.encode(encoding)))
        assert (doc.raw, doc.encoding) == (part.replace("\r\n", "\n"), encoding), length


def test_binary_with_many_control_bytes_is_still_refused():
    import random

    noise = random.Random(7).randbytes(20000)
    controls = bytes(range(32))
    for data in (noise, controls * 500, "翠屏区".encode("utf-16-le") + controls * 100):
        with pytest.raises(ReadError, match=r"binary file \(many (control|NUL) bytes\)"):
            decode(data)


def test_short_big5_and_gbk_are_told_apart():
    assert decode("翠屏區委書記".encode("big5")) == ("翠屏區委書記", "big5")
    assert decode("翠屏区委书记".encode("gbk"))[0] == "翠屏区委书记"


def test_invalid_utf8_mid_text_keeps_the_rest_and_warns(tmp_path):
    data = SIMPLIFIED.encode("utf-8")
    cut = data.index("签约项目涵盖".encode())
    doc = read_document(write(tmp_path / "bad.txt", data[:cut] + b"\xff\xfe\x80" + data[cut:]))
    assert doc.encoding == "utf-8"
    assert "区委书记李某某" in doc.raw and "签约项目涵盖" in doc.raw
    assert any("invalid byte" in w and "bad.txt" in w for w in doc.warnings)


def test_nul_bytes_in_text_are_dropped_with_a_warning(tmp_path):
    data = SIMPLIFIED.encode("utf-8")
    doc = read_document(write(tmp_path / "nul.txt", data[:30] + b"\x00\x00" + data[30:]))
    assert "\x00" not in doc.raw and "翠屏区" in doc.raw
    assert any("NUL" in w for w in doc.warnings)


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"  \r\n\t\n", "empty file"),
    (b"\x00" * 100, "only NUL bytes"),
    (b"\xef\xbb\xbf", "empty file"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "zip"),
    (bytes(range(256)) * 40, "binary file"),
    ("翠屏区".encode() + b"\x00" * 500 + "项目".encode(), "binary file"),
])
def test_unreadable_files_raise_a_one_line_reason_naming_the_file(tmp_path, data, reason):
    path = write(tmp_path / "in put 文件.txt", data)
    with pytest.raises(ReadError) as e:
        read_document(path)
    message = str(e.value)
    assert reason in message and str(path) in message and "\n" not in message


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    line = SIMPLIFIED.encode("utf-8")
    with open(path, "wb") as f:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024 > MAX_BYTES
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match=r"too large \(50 MB; the limit is \d+ MB"):
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # the file was not read into memory


def test_folder_given_as_file_and_fifo_are_refused(tmp_path):
    with pytest.raises(ReadError, match="is a folder"):
        read_document(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_document(fifo)  # must not block waiting for a writer


# ------------------------------------------------------------------ walking inputs


def test_missing_paths_and_empty_folders_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"\x89PNG")
    items = list(iter_inputs([tmp_path / "nope.txt", tmp_path / "empty", tmp_path / "images"]))
    assert all(isinstance(i, Skipped) for i in items)
    assert [i.reason for i in items] == ["no such file or folder"] + [
        "folder holds no .txt, .md, .html or .htm files"] * 2


def test_symlink_loops_are_reported_not_followed_forever(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (d / "loop").symlink_to(d, target_is_directory=True)
    (d / "self.txt").symlink_to(d / "self.txt")
    items = list(iter_inputs([d]))
    files = [i for i in items if isinstance(i, Path)]
    skipped = {Path(i.path).name: i.reason for i in items if isinstance(i, Skipped)}
    assert skipped == {"loop": "symbolic link loop; not followed"}
    assert sorted(f.name for f in files) == ["a.txt", "self.txt"]
    with pytest.raises(ReadError, match="symbolic link loop"):
        read_document(d / "self.txt")
    assert [i.reason for i in iter_inputs([d / "self.txt"])] == ["symbolic link loop; not followed"]


def test_file_names_with_spaces_and_chinese(tmp_path):
    d = tmp_path / "区县 新闻"
    d.mkdir()
    path = d / "翠屏区 重大项目 (1).txt"
    path.write_text(SIMPLIFIED, encoding="gb18030")
    [found] = list(iter_inputs([d]))
    doc = read_document(found)
    assert doc.name == "翠屏区 重大项目 (1).txt" and doc.raw == SIMPLIFIED


def test_walk_order_is_sorted_and_hidden_files_are_ignored(tmp_path):
    for name in ("b.txt", "a.md", ".hidden.txt", "c.html", "notes.doc"):
        (tmp_path / name).write_text(SIMPLIFIED, encoding="utf-8")
    assert [p.name for p in iter_inputs([tmp_path])] == ["a.md", "b.txt", "c.html"]


# ------------------------------------------------------------------ HTML


PAGE = """<!DOCTYPE html><html><head><meta charset="gbk">
<title>翠屏区项目集中签约_宜宾新闻网</title>
<style>.x { color: red }</style><script>var tracker = "翠屏区委书记";</script></head>
<body><div class="nav">首页 | 新闻 | 区县</div><nav><a href="/">网站首页</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 区县</div>
<article><h1>翠屏区举行重大项目集中签约仪式</h1>
<p>3月2日，翠屏区举行重大项目集中签约仪式，总投资86.5亿元。</p>
<p>区委书记李某某出席&amp;讲话。</p><noscript>请启用脚本</noscript></article>
<div class="share-bar">分享到：微信 微博</div><div id="related">相关新闻：翠屏区召开大会</div>
<footer>版权所有 宜宾新闻网</footer><script>document.write("广告")</script></body></html>"""


def test_html_page_keeps_the_article_and_drops_scripts_styles_navigation(tmp_path):
    doc = read_document(write(tmp_path / "page.html", PAGE.encode("gbk")))
    assert doc.encoding == "gb18030"
    assert doc.title == "翠屏区举行重大项目集中签约仪式"
    assert "总投资86.5亿元" in doc.raw and "区委书记李某某出席&讲话" in doc.raw
    for noise in (
        "tracker",
        "color",
        "首页",
        "网站首页",
        "当前位置",
        "分享到",
        "相关新闻",
        "版权所有",
        "广告",
        "请启用脚本",
        "<",
        "&amp;",
    ):
        assert noise not in doc.raw, noise


def test_html_without_suffix_is_detected(tmp_path):
    doc = read_document(
        write(tmp_path / "page.txt", PAGE.encode("utf-8").replace(b"gbk", b"utf-8"))
    )
    assert "区委书记李某某" in doc.raw and "tracker" not in doc.raw


def test_html_with_a_wrong_charset_declaration_is_still_decoded(tmp_path):
    page = PAGE.replace('charset="gbk"', 'charset="big5"')
    doc = read_document(write(tmp_path / "page.html", page.encode("gb18030")))
    assert "区委书记李某某" in doc.raw


def test_html_made_only_of_furniture_has_no_text(tmp_path):
    page = "<html><body><nav>首页</nav><script>x()</script></body></html>"
    with pytest.raises(ReadError, match="no text after removing markup"):
        read_document(write(tmp_path / "menu.html", page.encode()))


def test_broken_html_does_not_raise():
    text, _ = html_to_text("<p>翠屏区<b>项目<div></span></p></p><script>unterminated")
    assert text.startswith("翠屏区项目")


# ------------------------------------------------------------------ mojibake


def test_utf8_read_as_latin1_is_repaired(tmp_path):
    bad = "记者 " + "张某某".encode().decode("latin-1") + " 报道"
    doc = read_document(write(tmp_path / "m.txt", bad.encode("utf-8")))
    assert doc.raw == "记者 张某某 报道"
    assert any("mojibake" in w for w in doc.warnings)


def test_utf8_read_as_gbk_is_repaired_and_real_text_is_left_alone():
    mojibake = "项目签约".encode().decode("gbk")
    assert repair_mojibake(f"2021 {mojibake} ok") == ("2021 项目签约 ok", 1)
    assert repair_mojibake(mojibake) == ("项目签约", 1)
    for text in (SIMPLIFIED, TRADITIONAL):
        assert repair_mojibake(text) == (text, 0)


def test_crlf_line_ends_are_normalised(tmp_path):
    doc = read_document(write(tmp_path / "w.txt", SIMPLIFIED.replace("\n", "\r\n").encode("gbk")))
    assert doc.raw == SIMPLIFIED
