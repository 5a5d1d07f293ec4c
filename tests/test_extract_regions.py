"""Regions from the division table, on invented sentences of the genre."""

from __future__ import annotations

import pytest
from conftest import facts, run

from kg.build import extract
from kg.extract.divisions import forms, short_name, table
from kg.model import Document

PIPELINE = ["normalise", "metadata", "sentences", "regions"]


def regions(doc: Document) -> set[tuple[str, str]]:
    """(type, name) of the regions the text names (parents added from the table excluded)."""
    return {(m.type, m.name) for m in doc.mentions if m.end > m.start}


def test_table_parents_and_types():
    t = table()
    assert t["511502"].name == "翠屏区" and t["511502"].parent == "511500"
    assert t["500000"].type == "Province"  # municipalities are provinces
    assert t["440703"].parent == "440700"
    assert len(t) > 3000


def test_short_names():
    assert short_name("江门市") == "江门"
    assert short_name("宁夏回族自治区") == "宁夏"
    assert short_name("恩施土家族苗族自治州") == "恩施"
    assert short_name("城区") is None and short_name("市中区") is None


def test_full_names_partof_chain_and_parents(pipeline):
    doc = run(pipeline, "广东省江门市蓬江区举行重点项目集中签约仪式。")
    assert regions(doc) == {("Province", "广东省"), ("City", "江门市"), ("District", "蓬江区")}
    assert facts(doc, "partOf") == {("蓬江区", "江门市"), ("江门市", "广东省")}
    assert next(m.code for m in doc.mentions if m.name == "蓬江区") == "440703"


def test_parent_never_named_is_a_zero_width_mention(pipeline):
    doc = run(pipeline, "宜宾市翠屏区招商引资成效明显。")
    prov = [m for m in doc.mentions if m.type == "Province"]
    assert [(m.name, m.start == m.end) for m in prov] == [("四川省", True)]
    assert ("宜宾市", "四川省") in facts(doc, "partOf")


def test_short_form_needs_support(pipeline):
    alone = run(pipeline, "蓬江招商工作会议召开。")
    assert regions(alone) == set()
    supported = run(pipeline, "江门市蓬江区召开会议。蓬江将全力招商。")
    spans = [supported.text[m.start:m.end] for m in supported.mentions if m.name == "蓬江区"]
    assert spans == ["蓬江区", "蓬江"]


def test_no_regions_inside_words(pipeline):
    doc = run(pipeline, "浙江的企业家江山洪亮投入真金白银，双方深化合作，开拓市场。")
    assert ("District", "江山市") not in regions(doc)
    assert ("City", "白银市") not in regions(doc)
    assert ("District", "合作市") not in regions(doc)


def test_level_character_starting_another_word(pipeline):
    doc = run(pipeline, "南通市海门区企业开拓海门市场。")
    assert all(doc.text[m.start:m.end] != "海门市" for m in doc.mentions)


def test_former_name_maps_to_current_division(pipeline):
    doc = run(pipeline, "2017年，南通市海门市举行签约仪式。")
    hits = [(m.name, m.code, doc.text[m.start:m.end]) for m in doc.mentions if m.type == "District"]
    assert hits == [("海门区", "320614", "海门市")]
    assert [f.code for f in forms()["海门市"]] == ["320614"]


def test_ambiguous_names_resolve_by_other_regions(pipeline):
    nanjing = run(pipeline, "南京市鼓楼区召开会议，鼓楼区委书记出席。")
    fuzhou = run(pipeline, "福州鼓楼区召开会议。")
    codes = [next(m.code for m in d.mentions if m.name == "鼓楼区") for d in (nanjing, fuzhou)]
    assert codes == ["320106", "350102"]
    alone = run(pipeline, "鼓楼区召开会议。")
    assert regions(alone) == set()


def test_municipality_district(pipeline):
    doc = run(pipeline, "重庆市渝北区签约。")
    assert regions(doc) == {("Province", "重庆市"), ("District", "渝北区")}
    assert facts(doc, "partOf") == {("渝北区", "重庆市")}


def test_autonomous_prefecture_short_form(pipeline):
    doc = run(pipeline, "凉山州西昌市举行签约仪式。")
    assert ("City", "凉山彝族自治州") in regions(doc)
    assert ("西昌市", "凉山彝族自治州") in facts(doc, "partOf")


def test_main_region_is_most_mentioned_county(pipeline):
    doc = run(pipeline, "江门市蓬江区与江海区签约。蓬江区委书记出席。蓬江将加快建设。")
    assert doc.region == ("District", "蓬江区")
    assert doc.city == "江门市" and doc.province == "广东省"


def test_main_region_falls_back_to_city(pipeline):
    doc = run(pipeline, "宜宾市召开招商大会。")
    assert doc.region == ("City", "宜宾市")


def test_traditional_script_keeps_offsets_and_aliases(pipeline):
    result = extract(
        Document(path="t.txt", name="t.txt", raw="贛州市信豐縣舉行簽約儀式。"), pipeline
    )
    ent = result.entities[("District", "信丰县")]
    assert "信豐縣" in ent.aliases and ent.code == "360722"


def test_site_menu_of_places_is_not_news(pipeline):
    doc = run(pipeline, "北京 上海 天津 重庆 | 首页\n江苏省南通市海门区召开会议。")
    assert regions(doc) == {("Province", "江苏省"), ("City", "南通市"), ("District", "海门区")}


def test_enumerated_provinces_in_text_are_kept(pipeline):
    doc = run(pipeline, "来自山东、江苏、浙江等地的客商参加签约。")
    assert regions(doc) == {("Province", "山东省"), ("Province", "江苏省"), ("Province", "浙江省")}


@pytest.mark.parametrize("short", ["白沙", "金沙", "平桥"])
def test_a_park_named_after_a_local_place_is_not_a_county_of_another_province(short):
    from kg.build import extract_text

    r = extract_text(f"宜宾市翠屏区召开招商大会。会上，华岳科技有限公司签约落户{short}产业园。")
    regions = {k for k in r.entities if k[0] in ("Province", "City", "District")}
    assert regions == {("Province", "四川省"), ("City", "宜宾市"), ("District", "翠屏区")}, regions


def test_route_end_points_are_not_places_of_the_article(pipeline):
    doc = run(pipeline, "江西省今年开工建设宁都至瑞金高速公路。")
    assert regions(doc) == {("Province", "江西省")}
    doc = run(pipeline, "江西省今年开工建设宁都至瑞金高速公路。项目落户瑞金市。")
    assert ("District", "瑞金市") in regions(doc)  # named elsewhere too: a place of the article
    assert regions(run(pipeline, "甘肃省明年新建张掖、庆阳和嘉峪关等机场。")) == {
        ("Province", "甘肃省")}


def test_until_and_even_are_no_route_connectors(pipeline):
    doc = run(pipeline, "产品直达上海乃至整个华东沿海铁路沿线。")
    assert ("Province", "上海市") in regions(doc)


def test_short_forms_in_a_list_of_places(pipeline):
    doc = run(pipeline, "华强地产重点布局扬州、芜湖和衡阳等地。")
    assert {("City", "扬州市"), ("City", "芜湖市"), ("City", "衡阳市")} <= regions(doc)
    assert doc.region is None  # places listed are not the article's region
    # alone, a city's short form needs a word boundary after it (see the test below)
    assert regions(run(pipeline, "华强地产进军芜湖。")) == {("City", "芜湖市")}
    assert regions(run(pipeline, "华强地产进军芜湖路。")) == set()


def test_a_city_over_the_county_of_its_name(pipeline):
    doc = run(pipeline, "湖南省招商大会在长沙召开。")
    assert ("City", "长沙市") in regions(doc)


def test_a_province_written_before_its_county_is_its_parent(pipeline):
    doc = run(pipeline, "华北最大的家具市场在河北霸州开业。")
    assert ("Province", "河北省") in regions(doc)
    assert ("霸州市", "河北省") in facts(doc, "partOf")
    doc = run(pipeline, "华北最大的家具市场在河北河北岸开业。")
    assert ("Province", "河北省") not in regions(doc)


def test_taiwan_hong_kong_and_macau_divisions(pipeline):
    doc = run(pipeline, "台湾雲林縣農會與香港沙田區的企業簽約。")
    assert {("Province", "台湾省"), ("District", "云林县"), ("Province", "香港特别行政区"),
            ("District", "沙田区")} <= regions(doc)
    assert {("云林县", "台湾省"), ("沙田区", "香港特别行政区")} <= facts(doc, "partOf")
    assert next(m.code for m in doc.mentions if m.name == "云林县") == "719005"
    doc = run(pipeline, "台湾台北縣與高雄市簽約。")  # former names: today's divisions
    assert {("City", "新北市"), ("City", "高雄市")} <= regions(doc)


def test_foreign_states_and_their_cities(pipeline):
    doc = run(pipeline, "美国俄亥俄州坎顿市(Canton)的工厂投产，新南威尔士州和加州也将建厂。")
    assert {("Province", "俄亥俄州"), ("City", "坎顿市"), ("Province", "新南威尔士州"),
            ("Province", "加州")} <= regions(doc)
    assert ("坎顿市", "俄亥俄州") in facts(doc, "partOf")
    assert doc.region is None  # a foreign place is not the article's region
    doc = run(pipeline, "巴西圣保罗州、米纳斯州的代表与美国各州官员座谈。")
    assert {("Province", "圣保罗州"), ("Province", "米纳斯州")} <= regions(doc)
    assert not any(name.startswith("各") for _, name in regions(doc))
    doc = run(pipeline, "一款名为“加州金熊(Golden)”的杏仁首府珀斯上市，德州签约。")
    assert ("Province", "加州") in regions(doc) and ("City", "金熊") not in regions(doc)
    assert ("Province", "德州") not in regions(doc)  # the mainland's 德州市


def test_a_county_short_form_inside_its_province_name_needs_strong_support(pipeline):
    doc = run(pipeline, "黑龙江省召开会议，推进和谐龙江建设。")
    assert regions(doc) == {("Province", "黑龙江省")}
    doc = run(pipeline, "黑龙江省齐齐哈尔市龙江县的工业园开工。")
    assert ("District", "龙江县") in regions(doc)


def test_a_city_short_form_known_as_a_place_stands_alone(pipeline):
    """A prefecture-level city's short form that jieba knows as a place name, read as one word
    (followed by punctuation, a verb or a function word), needs no other region in the article."""
    doc = run(pipeline, "记者走访了厦门、佛山各卖场。双方在太原正式签署协议。")
    assert {("City", "厦门市"), ("City", "佛山市"), ("City", "太原市")} <= regions(doc)
    doc = run(pipeline, "太原铁路局召开会议。")  # part of a longer name: no place of its own
    assert ("City", "太原市") not in regions(doc)
    doc = run(pipeline, "蓬江招商工作会议召开。")  # a county's short form still needs support
    assert regions(doc) == set()


def test_city_short_form_that_is_a_word_in_a_list_of_places(pipeline):
    doc = run(pipeline, "公司在长春、大连和济南设有仓库。")
    assert ("City", "大连市") in regions(doc)
    assert not regions(run(pipeline, "销量大连续三个月上涨。"))
