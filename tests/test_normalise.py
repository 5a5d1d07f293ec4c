"""Normalisation: script, web-page noise, pinyin glosses, invisible characters; offsets back to
raw."""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.normalise import normalise, to_simplified


def norm(raw: str) -> Document:
    return normalise(Document(path="a.txt", name="a.txt", raw=raw))


def assert_offsets_map_back(doc: Document) -> None:
    """Every character of ``text`` is the simplified form of the raw character it maps to."""
    if doc.offsets is None:
        assert len(doc.text) == len(doc.raw)
        pairs = zip(doc.text, doc.raw, strict=True)
    else:
        assert len(doc.offsets) == len(doc.text)
        assert doc.offsets == sorted(set(doc.offsets))  # increasing
        pairs = zip(doc.text, (doc.raw[i] for i in doc.offsets), strict=True)
    for t, r in pairs:
        assert (
            t == to_simplified(r).translate({0x3000: " ", 0x0D: "\n"}) or ord(r) - ord(t) == 0xFEE0
        ), (t, r)


PAGE = """首页 > 新闻中心 > 区县动态
当前位置：首页 > 区县
首页 新闻 政务 民生 视频
江門市蓬江區舉行重大項目集中開工儀式
發布時間：2023-09-18 10:20  來源：江門日報  瀏覽次數：1234
記者 陳某某 通訊員 黃某
9月18日，蓬江區委書(shū)記出席活動。
蓬江區人民政府 攝
分享到：微信 微博 QQ空間
【打印】【關閉】
相关新闻
蓬江区召开招商推介会 2023-09-01
蓬江区新材料产业园开工
版权所有 江门日报社 粤ICP备12345678号
"""


def test_web_page_noise_is_blanked_and_article_lines_kept():
    doc = norm(PAGE)
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    assert lines == [
        "江门市蓬江区举行重大项目集中开工仪式",
        "发布时间：2023-09-18 10:20  来源：江门日报  浏览次数：1234",  # kept: it dates the article
        "记者 陈某某 通讯员 黄某",  # bylines stay
        "9月18日，蓬江区委书记出席活动。",  # the gloss is gone
        "蓬江区人民政府 摄",  # photo credits stay (the bylines extractor reads them)
    ]
    assert_offsets_map_back(doc)
    start = doc.text.index("蓬江区委书记")
    assert doc.surface(start, start + 6) == "蓬江區委書記"


def test_line_count_is_kept_so_sentences_do_not_merge():
    doc = norm(PAGE)
    assert doc.text.count("\n") == PAGE.count("\n")


@pytest.mark.parametrize("line", [
    "分享到：",
    "扫一扫在手机打开当前页",
    "【字号：大 中 小】",
    "字号：大 中 小",
    "上一篇：翠屏区召开全区经济工作会议",
    "下一篇：",
    "相关阅读：",
    "阅读量：3021",
    "Copyright © 2021 宜宾新闻网 All Rights Reserved",
    "未经授权禁止转载",
    "http://www.example.com/news/2021/0302/123.html",
    "[图片]",
    "![](https://img.example.com/a.jpg)",
])
def test_noise_lines(line):
    assert (
        norm(f"翠屏区召开大会。\n{line}\n区委书记出席。").text
        == f"翠屏区召开大会。\n{' ' * 0}\n区委书记出席。"
    )


@pytest.mark.parametrize("line", [
    "区委书记访问3家企业，了解复工复产情况。",
    "打印机生产线项目签约落户翠屏区。",
    "相关部门负责人参加会议。",
    "首页科技有限公司在翠屏区投资建设总部基地。",
    "责任编辑：李某",
    "编辑：王某 美编：张某 组版：刘某",
    "图为项目建设现场。翠屏区融媒体中心 摄",
    "未经批准擅自开工的项目一律停工整改。",
])
def test_article_lines_that_look_like_noise_are_kept(line):
    assert norm(line).text == line


def test_pinyin_glosses_after_characters_are_dropped():
    doc = norm("區(qū)委書(shū)記（shū jì）王某某，ABC公司（abc）签约。")
    assert doc.text == "区委书记王某某，ABC公司（abc）签约。"
    assert_offsets_map_back(doc)
    assert doc.surface(0, 4) == "區委書記"


def test_invisible_characters_and_garbage_are_dropped():
    raw = "翠\u200b屏\u200e区委\ufeff书记\u00ad出席\x07锟斤拷锟斤拷签约\ufffd。"
    doc = norm(raw)
    assert doc.text == "翠屏区委书记出席签约。"
    assert_offsets_map_back(doc)
    assert doc.surface(0, 3) == "翠屏区"


def test_fullwidth_digits_and_letters_become_ascii_with_offsets_kept():
    doc = norm("２０２１年３月，ＡＢＣ科技公司，总投资１０亿元。")
    assert doc.text == "2021年3月，ABC科技公司，总投资10亿元。"
    assert doc.offsets is None and doc.surface(0, 4) == "２０２１"


def test_clean_text_needs_no_offset_map():
    doc = norm("翠屏區委書記出席。\n")
    assert doc.offsets is None and doc.text == "翠屏区委书记出席。\n"


def test_related_headlines_stop_at_the_next_paragraph():
    raw = ("正文。\n相关新闻\n翠屏区召开招商大会\n翠屏区项目集中开工（2021-03-02）\n\n"
           "下一段正文很长，讲述了项目的情况。")
    text = norm(raw).text
    assert "招商大会" not in text and "集中开工" not in text
    assert text.endswith("下一段正文很长，讲述了项目的情况。")


def test_character_lost_before_its_gloss_is_restored():
    from kg.model import Document
    from kg.normalise import normalise

    for raw, text in [("h(xiàn)委書(shū)記張三出席", "县委书记张三出席"),
                      ("市z(zhèng)府召开会议", "市政府召开会议"),
                      ("\ufffd(qū)长王五", "区长王五"),
                      ("ABC(ban)公司", "ABC(ban)公司")]:
        assert normalise(Document(path="a", name="a", raw=raw)).text == text
