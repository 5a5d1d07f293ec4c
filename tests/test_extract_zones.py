"""Development zones and parks, on invented sentences of the genre."""

from __future__ import annotations

import pytest
from conftest import facts, names, run

PIPELINE = ["normalise", "metadata", "sentences", "regions", "zones"]


def test_named_zone_with_region_prefix(pipeline):
    doc = run(pipeline, "兴业汽配落户江门市蓬江区棠下产业园，预计年底投产。")
    assert names(doc, "Zone") == {"棠下产业园"}
    assert facts(doc, "partOf", "Zone") == {("棠下产业园", "蓬江区")}


def test_short_region_prefix_stays_in_the_name(pipeline):
    doc = run(pipeline, "宜宾市翠屏区召开会议。企业入驻翠屏临港经济技术开发区。")
    assert names(doc, "Zone") == {"翠屏临港经济技术开发区"}
    assert facts(doc, "partOf", "Zone") == {("翠屏临港经济技术开发区", "翠屏区")}


def test_bare_development_zone_takes_the_article_zone(pipeline):
    doc = run(pipeline, "江门市蓬江区高新技术产业开发区企业复工。开发区主动服务企业，"
                        "开发区内企业全部复产。")
    bare = [m for m in doc.mentions if m.type == "Zone" and doc.text[m.start:m.end] == "开发区"]
    assert len(bare) == 2 and {m.name for m in bare} == names(doc, "Zone") == {
        "蓬江区高新技术产业开发区"
    }
    assert doc.zone[0] == "Zone"


def test_bare_zone_without_full_name_gets_region_stem(pipeline):
    doc = run(pipeline, "江门市蓬江区加快发展。今年以来，开发区引进项目12个。")
    assert names(doc, "Zone") == {"蓬江开发区"}
    assert any("开发区" in m.aliases for m in doc.mentions if m.type == "Zone")


def test_goals_and_undertakings_are_not_zones(pipeline):
    doc = run(pipeline, "宜宾市翠屏区将打造国家级绿色食品示范区，签约兴达物流产业园，"
                        "加快华美电子产业园建设。")
    assert names(doc, "Zone") == set()


def test_generic_mentions_are_not_zones(pipeline):
    doc = run(pipeline, "宜宾市翠屏区现有特色园区5个，五大产业功能区和各园区企业稳定生产。")
    assert names(doc, "Zone") == set()


def test_zone_inside_zone(pipeline):
    doc = run(pipeline, "宜宾市翠屏区城南新区发展迅速。城南新区医药产业园已有企业30家入驻。")
    assert ("城南新区医药产业园", "城南新区") in facts(doc, "partOf", "Zone")
    assert ("城南新区", "翠屏区") in facts(doc, "partOf", "Zone")


def test_two_zones_joined_by_and(pipeline):
    doc = run(pipeline, "江门市蓬江区聚焦滨江商务集聚区和白沙片区两大主战场。")
    assert names(doc, "Zone") == {"滨江商务集聚区", "白沙片区"}


def test_division_named_like_a_zone_is_a_region(pipeline):
    doc = run(pipeline, "天津市滨海新区于家堡金融区引进企业。")
    assert names(doc, "Zone") == {"于家堡金融区"}
    assert ("District", "滨海新区") in {(m.type, m.name) for m in doc.mentions}


def test_zone_starting_a_project_name_is_left_to_projects(pipeline):
    doc = run(pipeline, "宜宾市翠屏区签约自贸区跨境金融港项目。")
    assert names(doc, "Zone") == set()


def test_short_region_before_a_zone_suffix_is_a_region(pipeline):
    doc = run(pipeline, "江门高新区企业复工。高新区主动服务企业。")
    assert names(doc, "Zone") == {"江门高新区"}
    assert facts(doc, "partOf", "Zone") == {("江门高新区", "江门市")}


def test_park_inside_a_formal_zone(pipeline):
    doc = run(pipeline, "据悉，该项目位于成都高新区天府软件园。")
    assert names(doc, "Zone") == {"成都高新区", "成都高新区天府软件园"}
    assert facts(doc, "partOf", "Zone") == {
        ("成都高新区天府软件园", "成都高新区"),
        ("成都高新区", "成都市"),
    }


def test_formal_zone_after_its_city_belongs_to_the_city(pipeline):
    doc = run(pipeline, "珠海市横琴新区与香洲区签约。香洲区将加快发展。")
    assert ("横琴新区", "珠海市") in facts(doc, "partOf", "Zone")


def test_zone_called_by_its_proper_part(pipeline):
    doc = run(pipeline, "江门市蓬江区滨江总部中心产业集聚区招商成效明显。"
                        "签约项目全部落地滨江总部中心。")
    heads = [
        m for m in doc.mentions if m.type == "Zone" and doc.text[m.start:m.end] == "滨江总部中心"
    ]
    assert [m.name for m in heads] == ["滨江总部中心产业集聚区"]


def test_county_industry_cluster_zone():
    from kg.build import extract_text

    r = extract_text("华光新材料有限公司投资15亿元的负极材料项目落户宁陵县产业集聚区。"
                     "宁陵县产业集聚区管委会负责同志出席。")
    assert ("Zone", "宁陵县产业集聚区") in r.entities
    assert ("GovernmentBody", "宁陵县产业集聚区管委会") in r.entities


def test_time_word_is_not_a_zone_head():
    from kg.build import extract_text

    r = extract_text("江门经济技术开发区管委会主任表示，近年来开发区坚持以商招商，"
                     "目前园区已集聚企业56家。")
    zones = {k[1] for k in r.entities if k[0] == "Zone"}
    assert not any(z.startswith(("近年来", "目前")) for z in zones), zones
    assert "江门经济技术开发区" in zones


def test_a_zone_in_full_and_by_its_short_form_is_one_zone(pipeline):
    doc = run(pipeline, "活动在丰源高新技术产业园区举行。今年一季度，丰源高新区新签约项目11个。"
                        "今年丰源经开区计划实施重点项目48个，丰源经济开发区管委会负责落实。")
    assert names(doc, "Zone") == {"丰源高新技术产业园区", "丰源经济开发区"}


def test_a_park_named_after_its_zone_is_also_known_by_its_own_name(pipeline):
    doc = run(pipeline, "项目位于丰源经济开发区石桥产业园，园区配套完善。"
                        "丰源经济开发区管委会介绍了情况。")
    park = next(
        m for m in doc.mentions if m.type == "Zone" and m.name == "丰源经济开发区石桥产业园"
    )
    assert "石桥产业园" in park.aliases
    assert ("丰源经济开发区石桥产业园", "丰源经济开发区") in facts(doc, "partOf", "Zone")


def test_the_end_of_a_date_does_not_name_a_zone(pipeline):
    assert names(run(pipeline, "今年1-6月园区规上工业增加值增长18%，"
                               "3月开发区新签约项目5个。"), "Zone") == set()
    assert names(run(pipeline, "企业落户日照经济开发区。"), "Zone") == {"日照经济开发区"}


def test_a_park_inside_a_formal_zone_written_alone_is_the_same_park(pipeline):
    doc = run(pipeline, "赣州市信丰县重大项目集中开工仪式在信丰经济开发区桃江智造园举行。"
                        "3个项目均位于桃江智造园。")
    assert names(doc, "Zone") == {"信丰经济开发区", "信丰经济开发区桃江智造园"}
    assert ("信丰经济开发区桃江智造园", "信丰经济开发区") in facts(doc, "partOf", "Zone")
    alone = [m for m in doc.mentions if doc.text[m.start:m.end] == "桃江智造园"]
    assert alone and all(m.name == "信丰经济开发区桃江智造园" for m in alone), alone


def test_a_park_after_a_formal_zone_its_name_read_as_a_verb(pipeline):
    doc = run(pipeline, "汉中市南郑区召开会议。"
                        "位于南郑经济开发区通用航空产业园的无人机总装项目今年开工。")
    assert "南郑经济开发区通用航空产业园" in names(doc, "Zone"), names(doc, "Zone")
    assert ("南郑经济开发区通用航空产业园", "南郑经济开发区") in facts(doc, "partOf", "Zone")


def test_no_park_after_a_verb_of_the_sentence(pipeline):
    doc = run(pipeline, "南通市海门区召开会议。同时，开发区加快特色园区建设。")
    assert not any("加快" in z for z in names(doc, "Zone")), names(doc, "Zone")


@pytest.mark.parametrize("text,zone", [
    ("江门市鹤山市召开会议。企业在鹤山工业城兴建厂房。", "鹤山工业城"),
    ("重庆市垫江县召开会议。项目位于垫江工业园区桂阳组团，已建成投产。", "垫江工业园区桂阳组团"),
])
def test_parks_named_as_towns_or_clusters(pipeline, text, zone):
    assert zone in names(run(pipeline, text), "Zone"), names(run(pipeline, text), "Zone")


def test_a_delegation_is_not_a_cluster(pipeline):
    doc = run(pipeline, "重庆市垫江县召开会议。县商务局组团赴深圳招商。")
    assert not any(z.endswith("组团") for z in names(doc, "Zone")), names(doc, "Zone")


def test_a_park_after_a_bare_holder_word_takes_the_articles_zone(pipeline):
    doc = run(pipeline, "晋中市榆次区召开会议。榆次工业园区3个项目投产，均位于园区锂电装备产业园。")
    assert "榆次工业园区锂电装备产业园" in names(doc, "Zone"), names(doc, "Zone")
    assert ("榆次工业园区锂电装备产业园", "榆次工业园区") in facts(doc, "partOf", "Zone")


def test_a_park_of_a_county_park_keeps_the_county(pipeline):
    doc = run(pipeline, "曲靖市陆良县召开会议。"
                        "观摩组来到位于陆良县产业园区硅材料产业园的工业硅项目。")
    assert "陆良县产业园区硅材料产业园" in names(doc, "Zone"), names(doc, "Zone")
    assert ("陆良县产业园区硅材料产业园", "陆良县产业园区") in facts(doc, "partOf", "Zone")


def test_a_quarter_is_not_a_zones_name(pipeline):
    doc = run(pipeline, "晋中市榆次区召开会议。"
                        "榆次工业园区3个项目集中竣工投产 一季度园区签约项目9个")
    assert not any("季度" in z for z in names(doc, "Zone")), names(doc, "Zone")


def test_a_park_with_projects_in_it_is_a_place(pipeline):
    doc = run(pipeline, "晋中市榆次区召开会议。榆次工业园区3个项目集中投产。")
    assert names(doc, "Zone") == {"榆次工业园区"}, names(doc, "Zone")


def test_jointly_with_the_zone_is_not_a_zone(pipeline):
    doc = run(pipeline, "北京市大兴区召开会议。区商务局将联合开发区举办专场招商活动。")
    assert not any(z.startswith("联合") for z in names(doc, "Zone")), names(doc, "Zone")


def test_a_park_and_its_area_are_one_zone(pipeline):
    doc = run(pipeline, "天水市麦积区召开会议。社棠工业园区已入驻企业56家。"
                        "企业优先利用社棠工业园闲置厂房。")
    assert names(doc, "Zone") == {"社棠工业园区"}, names(doc, "Zone")


def test_a_zone_placed_in_another_zone(pipeline):
    doc = run(pipeline, "华强机械产业园位于斗门区龙山工业园，紧邻港区。")
    assert ("华强机械产业园", "龙山工业园") in facts(doc, "partOf")
    doc = run(pipeline, "项目将建设在位于滁州经济技术开发区的“华强科技工业园”内。")
    assert ("华强科技工业园", "滁州经济技术开发区") in facts(doc, "partOf")


def test_a_zone_after_this_city(pipeline):
    doc = run(pipeline, "产业园区位于本市西青区杨庄工业区，占地1100亩。")
    assert ("杨庄工业区", "西青区") in facts(doc, "partOf")


def test_a_phrase_of_a_slogan_is_no_zone(pipeline):
    doc = run(pipeline, "江海区举办“山水之城 临港新城 活力江海”网络推介会。")
    assert "临港新城" not in names(doc, "Zone")


def test_a_route_passing_through_a_zone(pipeline):
    doc = run(pipeline, "江门市新建公路，沿线途经江门高新技术产业开发区、蓬江区。")
    assert "江门高新技术产业开发区" in names(doc, "Zone"), names(doc, "Zone")
    assert not any(n.startswith(("沿线", "途经")) for n in names(doc, "Zone"))


def test_economic_regions_and_mining_areas_are_zones(pipeline):
    doc = run(pipeline, "国家支持加快沿江东岸经济区建设。集团已在白石矿区开采煤层气。")
    assert {"沿江东岸经济区", "白石矿区"} <= names(doc, "Zone")
    doc = run(pipeline, "该矿区和各经济区都在推进。")  # generic mentions
    assert names(doc, "Zone") == set()
