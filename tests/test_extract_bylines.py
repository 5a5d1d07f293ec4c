"""Bylines on invented article heads and tails (other provinces, traditional script, scraped
pages)."""

from __future__ import annotations

import pytest
from conftest import run

from kg.pipeline import Pipeline

PIPELINE = ["normalise", "metadata", "sentences", "bylines"]


def bylines(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    doc = run(pipeline, text)
    facts = sorted((f.title, f.obj[1]) for f in doc.facts if f.predicate == "reportedBy")
    assert sorted(doc.bylines) == facts
    assert all(f.subject == ("Article", "t.txt") for f in doc.facts)
    return doc.bylines


def test_roles_with_spaces(pipeline):
    text = "江门签约十个项目\n\n□记者 罗志强 特约记者 黄小燕 通讯员 冯立\n\n正文第一句。"
    assert bylines(pipeline, text) == [
        ("记者", "罗志强"),
        ("特约记者", "黄小燕"),
        ("通讯员", "冯立"),
    ]


def test_bracketed_byline_in_traditional_script(pipeline):
    text = "信豐縣簽約項目8個。\n（記者 謝麗萍 通訊員 賴建華）\n【打印】"
    assert bylines(pipeline, text) == [("记者", "谢丽萍"), ("通讯员", "赖建华")]


def test_editor_lines_with_colons(pipeline):
    text = "今日宜宾\n编辑:吴小东\n美编:徐凌云 组版:刘燕\n正文。\n编辑：马宁"
    assert bylines(pipeline, text) == [
        ("编辑", "吴小东"),
        ("美编", "徐凌云"),
        ("组版", "刘燕"),
        ("编辑", "马宁"),
    ]


def test_media_brand_before_reporter(pipeline):
    text = "标题\n珠江晚报·珠江壹点记者 刘飞雄\n正文。"
    assert bylines(pipeline, text) == [("记者", "刘飞雄")]


def test_photo_credits(pipeline):
    text = "蓬勃发展的蓬江区。张宝山 摄\n| 园区一角（王勇摄） |\n图/李大伟"
    assert bylines(pipeline, text) == [("摄影", "张宝山"), ("摄影", "王勇"), ("摄影", "李大伟")]


def test_dateline_names_without_roles_are_authors(pipeline):
    text = "江西新闻网消息(詹明 魏菲 孙正良)7月10日，某县举办路演活动。"
    assert bylines(pipeline, text) == [("作者", "詹明"), ("作者", "魏菲"), ("作者", "孙正良")]


def test_reporter_in_running_text_is_no_byline(pipeline):
    text = "记者从区商务局了解到，今年签约项目20个。他告诉记者，项目进展顺利。"
    assert bylines(pipeline, text) == []


def test_glued_names_after_role(pipeline):
    text = "（本报记者 王红 通讯员 李小四王五）"
    assert bylines(pipeline, text) == [("记者", "王红"), ("通讯员", "李小四"), ("通讯员", "王五")]
    assert bylines(pipeline, "（记者 项目进展顺利）") == []


def test_text_and_photos_by_one_author(pipeline):
    assert bylines(pipeline, "标题\n文/图 张小明\n正文。") == [("作者", "张小明")]


def test_a_name_that_is_also_a_place_word_stands_alone_in_a_byline(pipeline):
    got = bylines(pipeline, "重点项目集中开工\n记者 锡林　通讯员 张海\n正文第一句。")
    assert ("记者", "锡林") in got and ("通讯员", "张海") in got, got
    assert bylines(pipeline, "重点项目集中开工\n记者 北京 报道\n正文第一句。") == []


@pytest.mark.parametrize("text,expected", [
    ("本报讯记者赵明通讯员钱亮报道全省防汛工作有序推进。",
     [("记者", "赵明"), ("通讯员", "钱亮")]),  # glued to a dateline and to the text
    ("（华南网、《建设》杂志特约通讯员 周涛 吴凡）为降低采购成本，公司推行集中采购。",
     [("通讯员", "周涛"), ("通讯员", "吴凡")]),  # a medium's name before the role, in brackets
    ("5月9日讯（本网记者 郑海）从本月起，全市推行阳光采购。", [("记者", "郑海")]),
    ("■ 本报记者 钱 丽\n原材料涨价会如何影响企业？", [("记者", "钱丽")]),  # padded name
    ("本报讯(记者高振省)1-5月全省纺织企业增长。", [("记者", "高振省")]),
])
def test_byline_shapes_of_real_pages(pipeline, text, expected):
    assert bylines(pipeline, text) == expected
