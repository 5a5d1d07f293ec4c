"""locatedIn for bodies, companies and projects; regions named only inside other names."""

from __future__ import annotations

import pytest
from conftest import facts, run

from kg.extract.locations import body_place, drop_nested_regions, own_level_place
from kg.model import Document, Mention

PIPELINE = [
    "normalise",
    "metadata",
    "sentences",
    "regions",
    "zones",
    "bodies",
    "organisations",
    "companies",
    "projects",
    "relations",
]


def test_bodies_are_located_in_their_region_or_zone(pipeline):
    doc = run(pipeline, "江门市蓬江区召开会议，区委、区投促局参加。"
                        "江门高新区管委会负责人介绍情况。")
    got = facts(doc, "locatedIn")
    assert ("蓬江区委", "蓬江区") in got
    assert ("蓬江区投促局", "蓬江区") in got
    assert ("江门高新区管委会", "江门高新区") in got


def test_national_body_is_not_placed(pipeline):
    doc = run(pipeline, "宜宾市翠屏区项目获国家发改委批复。")
    assert not any(s == "国家发改委" for s, _ in facts(doc, "locatedIn"))


def test_body_place_prefers_the_longest_prefix():
    d = Document(path="a", name="a", raw="", text="")
    d.mentions = [
        Mention("District", "蓬江区", 0, 0, "t"),
        Mention("Zone", "蓬江区高新区", 0, 0, "t"),
    ]
    assert body_place(d, "蓬江区高新区管委会") == ("Zone", "蓬江区高新区")
    assert body_place(d, "蓬江区委") == ("District", "蓬江区")
    assert body_place(d, "江海区委") is None


def test_company_settling_in_a_zone(pipeline):
    doc = run(pipeline, "宜宾市翠屏区召开会议。"
                        "四川华美电子科技有限公司落户翠屏临港经济技术开发区。")
    assert ("四川华美电子科技有限公司", "翠屏临港经济技术开发区") in facts(doc, "locatedIn")


def test_region_only_inside_a_company_name_is_dropped(pipeline):
    doc = run(pipeline, "宜宾市翠屏区签约。新疆华美建材有限公司将在翠屏区投资建厂。")
    names = {m.name for m in doc.mentions}
    assert "新疆维吾尔自治区" not in names
    assert "翠屏区" in names and "四川省" in names


def test_nested_region_kept_when_named_elsewhere():
    d = Document(path="a", name="a", raw="", text="宜宾华美公司落户宜宾市")
    d.mentions = [Mention("City", "宜宾市", 0, 2, "regions", code="511500"),
                  Mention("Company", "宜宾华美公司", 0, 6, "companies"),
                  Mention("City", "宜宾市", 8, 11, "regions", code="511500")]
    drop_nested_regions(d)
    assert [m.name for m in d.mentions if m.type == "City"] == ["宜宾市", "宜宾市"]


def test_company_is_not_placed_in_the_articles_place_by_default(pipeline):
    # only the text places a company (落户X, 位于X的): taking part in the district's ceremony
    # does not, whichever city its name begins with
    doc = run(pipeline, "江门市蓬江区举行签约仪式，"
                        "宜宾华美电子科技有限公司和江门兴达电子科技有限公司参加。")
    got = facts(doc, "locatedIn")
    assert not any(s.endswith("有限公司") for s, _ in got)


def test_company_placed_by_its_text_keeps_that_place(pipeline):
    doc = run(pipeline, "江门市蓬江区举行签约仪式，兴达电子科技有限公司落户蓬江区。")
    assert ("兴达电子科技有限公司", "蓬江区") in facts(doc, "locatedIn")


def test_short_form_of_a_company_from_elsewhere_is_not_placed(pipeline):
    doc = run(pipeline, "江门市蓬江区签约宜宾华美电子科技有限公司智能终端项目。"
                        "华美电子董事长介绍情况。")
    assert not any(
        "华美" in s and o == "蓬江区" for s, o in facts(doc, "locatedIn") if not s.endswith("项目")
    )


def test_company_investing_in_a_project_in_its_clause(pipeline):
    doc = run(pipeline, "江门市蓬江区集中签约3个项目。其中，"
                        "江门华兴新材料有限公司拟投资5亿元建设高性能薄膜生产线项目；"
                        "佛山锐达机械有限公司投资2亿元的智能装备制造项目，将带动就业500人。")
    got = {(f.subject[1], f.obj[1]) for f in doc.facts if f.predicate == "investor"}
    assert ("高性能薄膜生产线项目", "江门华兴新材料有限公司") in got
    assert ("智能装备制造项目", "佛山锐达机械有限公司") in got
    # a company that is not the subject of the clause does not invest
    doc = run(pipeline, "记者从佛山锐达机械有限公司获悉，市里将投资2亿元建设智能装备制造项目。")
    assert not [f for f in doc.facts if f.predicate == "investor"]


def test_signing_companies_settle_together(pipeline):
    doc = run(pipeline, "江门市蓬江区集中签约2个项目。其中，"
                        "佛山锐达机械有限公司拟投资2亿元建设智能装备制造项目；"
                        "广州华光新材料有限公司投资5亿元建设高性能薄膜项目。签约企业将全部落户江门高新区。")
    got = facts(doc, "locatedIn")
    for name in (
        "佛山锐达机械有限公司",
        "广州华光新材料有限公司",
        "智能装备制造项目",
        "高性能薄膜项目",
    ):
        assert (name, "江门高新区") in got, (name, got)


def test_company_signing_a_project_agreement_invests(pipeline):
    doc = run(pipeline, "11月3日，"
                        "江门市蓬江区与广州华光新材料集团有限公司签订年产5万吨高性能薄膜项目合作协议。")
    got = {(f.subject[1], f.obj[1]) for f in doc.facts if f.predicate == "investor"}
    assert ("年产5万吨高性能薄膜项目", "广州华光新材料集团有限公司") in got, got


def test_the_place_after_an_investors_project_is_the_projects():
    from kg.build import extract_text

    r = extract_text("签约项目包括：杭州华岳汽车零部件有限公司投资8亿元的新能源电驱系统项目，"
                     "落户宜宾市翠屏区临港产业园。")
    located = {(f.subject, f.obj) for f in r.facts if f.predicate == "locatedIn"}
    assert any(s == ("Project", "新能源电驱系统项目") for s, _ in located), located
    assert not any(s[0] == "Company" for s, _ in located), located


def test_a_subsidiary_named_after_its_parent_invests(pipeline):
    doc = run(
        pipeline,
        "福建永辉泰机械集团有限公司全资子公司南平永辉泰精工有限公司投资5亿元的精密铸件项目签约。",
    )
    got = {(f.subject[1], f.obj[1]) for f in doc.facts if f.predicate == "investor"}
    assert ("精密铸件项目", "南平永辉泰精工有限公司") in got, got


def test_a_joint_venture_gives_both_investors(pipeline):
    doc = run(pipeline, "位于开发区的无人机总装基地项目，"
                        "由汉中翔宇航空科技有限公司与南郑区城市发展投资集团有限公司"
                        "合资建设，总投资5亿元。")
    assert facts(doc, "investor") >= {
        ("无人机总装基地项目", "汉中翔宇航空科技有限公司"),
        ("无人机总装基地项目", "南郑区城市发展投资集团有限公司"),
    }, facts(doc, "investor")


def test_an_investor_after_a_list_head_and_its_kind(pipeline):
    doc = run(
        pipeline,
        "当天同场签约的还有台资企业鹤壁佳鸿新材料有限公司投资人民币3.2亿元的工程塑料改性项目。",
    )
    assert ("工程塑料改性项目", "鹤壁佳鸿新材料有限公司") in facts(doc, "investor"), facts(
        doc, "investor"
    )


def test_a_companys_seat_is_not_its_projects_place(pipeline):
    doc = run(pipeline, "宜昌市长阳土家族自治县在武汉举行推介会。"
                        "山地农机装配项目由总部位于哈尔滨市的黑龙江北垦智能农机有限公司"
                        "投资3.5亿元，落户长阳经济开发区龙舟坪工业园。")
    got = facts(doc, "locatedIn")
    assert ("山地农机装配项目", "长阳经济开发区龙舟坪工业园") in got, got
    assert ("黑龙江北垦智能农机有限公司", "哈尔滨市") in got, got


def test_a_project_built_by_a_company_named_with_an_investment_word(pipeline):
    doc = run(pipeline, "演丰红树林生态旅游提升项目由海南蓝湾文旅投资有限公司投资4.5亿元建设。"
                        "土家茶旅融合产业园由湖北武陵茗茶股份有限公司投资3.2亿元建设，位于资丘镇。")
    assert facts(doc, "investor") >= {
        ("演丰红树林生态旅游提升项目", "海南蓝湾文旅投资有限公司"),
        ("土家茶旅融合产业园", "湖北武陵茗茶股份有限公司"),
    }, facts(doc, "investor")


@pytest.mark.parametrize("text,pair", [
    ("位于新材料园的云南陆丰硅材料有限公司，副总经理谈起审批经历。该公司投资5.2亿元的高纯硅粉深加工项目今年5月签约。",
     ("高纯硅粉深加工项目", "云南陆丰硅材料有限公司")),
    ("去年3月，该集团旗下的江西宏达新能源材料有限公司签约入驻泰和工业园区，投资建设年产3000万套动力电池结构件项目。",
     ("年产3000万套动力电池结构件项目", "江西宏达新能源材料有限公司")),
    ("在湘西南智慧物流港项目现场，塔吊林立。该项目由通途物流集团有限公司投资7亿元建设。",
     ("湘西南智慧物流港项目", "通途物流集团有限公司")),
])
def test_investors_by_reference_or_across_a_comma(pipeline, text, pair):
    assert pair in facts(run(pipeline, text), "investor"), facts(run(pipeline, text), "investor")


def test_the_projects_of_an_article_about_one_company_are_its_own():
    from kg.build import extract_text

    text = ("华光锌业扩产能\n华光锌业股份有限公司今日公告，华光锌业股份有限公司将增发新股。"
            "目前华光锌业股份有限公司具有年产锌18万吨的能力。此外，鄂州20万吨/年铅锌、"
            "江岸30吨/年锗等项目也在建。华光锌业股份有限公司表示产能将大幅提升。")
    r = extract_text(text)
    inv = {(f.subject[1], f.obj[1]) for f in r.facts if f.predicate == "investor"}
    assert ("鄂州20万吨/年铅锌项目", "华光锌业股份有限公司") in inv, inv
    # the same text with two companies named as often: neither is the article's
    two = text.replace("目前华光锌业股份", "目前青山矿业股份有限公司、青山矿业股份有限公司和"
                       "青山矿业股份有限公司、青山矿业股份")
    r = extract_text(two)
    assert not [f for f in r.facts if f.predicate == "investor"
                and f.subject[1] == "鄂州20万吨/年铅锌项目"]
    # a paragraph about another company: its projects are not the article's company's
    other = text + "\n另据了解，恒达置业股份有限公司募集资金投向滨湖花园二期项目，用于住宅开发。"
    inv = {(f.subject[1], f.obj[1]) for f in extract_text(other).facts if f.predicate == "investor"}
    assert ("鄂州20万吨/年铅锌项目", "华光锌业股份有限公司") in inv, inv
    assert not any("滨湖花园" in p and c == "华光锌业股份有限公司" for p, c in inv), inv


def test_a_foreign_city_is_no_default_place_for_companies(pipeline):
    # Without a mainland district the article's main place is its most-named coded city; a city
    # found after a foreign state (no division code) places nothing by default.
    doc = run(pipeline, "美国马里兰州巴尔的摩市举行展会。巴尔的摩市的企业参展。"
                        "华通电子有限公司和瑞丰机械有限公司参加展会。")
    assert ("City", "巴尔的摩市") in {(m.type, m.name) for m in doc.mentions}
    companies = ("华通电子有限公司", "瑞丰机械有限公司")
    assert not any(s in companies for s, _ in facts(doc, "locatedIn"))


def test_unqualified_body_is_in_the_articles_own_region_of_its_level():
    d = Document(path="a", name="a", raw="", text="")
    d.region_code = "511502"
    d.mentions = [Mention("City", "宜宾市", 0, 3, "regions", code="511500"),
                  Mention("District", "翠屏区", 3, 6, "regions", code="511502")]
    assert own_level_place(d, "区政府") == ("District", "翠屏区")
    assert own_level_place(d, "市科委") == ("City", "宜宾市")
    assert own_level_place(d, "县政府") is None and own_level_place(d, "省政府") is None


def test_unqualified_body_without_article_region_takes_the_one_division_of_its_level():
    d = Document(path="a", name="a", raw="", text="")
    d.mentions = [Mention("Province", "北京市", 0, 3, "regions", code="110000")]
    assert own_level_place(d, "市金融局") == ("Province", "北京市")
    d.mentions.append(Mention("City", "天津市", 3, 6, "regions", code="120000"))
    assert own_level_place(d, "市金融局") is None


def test_a_project_named_after_its_companys_own_name(pipeline):
    doc = run(pipeline, "华光所与东湖鞋业有限公司共同组建了中科华宇科技发展有限公司。"
                        "中科华宇水溶性聚氨酯万吨级项目日前投产。")
    assert ("中科华宇水溶性聚氨酯万吨级项目", "中科华宇科技发展有限公司") in facts(doc, "investor")


def test_a_project_is_in_the_place_its_name_begins_with(pipeline):
    doc = run(pipeline, "青岛市黄岛区企业赴兰州市考察。黄岛区多家企业走出去。"
                        "据了解，兰州南绕城高速公路日前开工建设，全长40公里。")
    assert facts(doc, "locatedIn", "Project") == {("兰州南绕城高速公路", "兰州市")}


def test_a_joint_venture_with_a_company_placed_between(pipeline):
    doc = run(pipeline, "东湖钢板项目由华光钢铁有限公司与位于漳州开发区的恒西钢铁有限公司"
                        "共同出资建设。")
    assert {("东湖钢板项目", "华光钢铁有限公司"), ("东湖钢板项目", "恒西钢铁有限公司")} \
        <= facts(doc, "investor")


def test_the_projects_of_an_article_about_a_province_are_in_the_province(pipeline):
    # the province named again and again, the one county once: a province's list of projects
    doc = run(pipeline, "湖南省今年加快交通建设。湖南省交通厅表示，湖南省将开工建设"
                        "长宁至永新高速公路、青石大桥项目，其中长宁至永新高速公路途经攸县。")
    got = facts(doc, "locatedIn", "Project")
    assert ("青石大桥项目", "湖南省") in got, got
    assert not any(o == "攸县" for _, o in got), got


def test_projects_and_associations_are_in_the_region_their_name_begins_with(pipeline):
    doc = run(pipeline, "宜宾市翠屏区招商引资成效显著。翠屏区今年签约多个项目，翠屏区将加快建设。"
                        "南溪区也在推进，南溪滨江旅游项目开工，四川省物流行业协会参加。")
    got = facts(doc, "locatedIn")
    assert ("南溪滨江旅游项目", "南溪区") in got, got
    assert ("四川省物流行业协会", "四川省") in got, got


def test_an_organisation_the_text_does_not_place_is_not_placed(pipeline):
    # institutes, banks and councils are named from everywhere: not the article's own
    doc = run(pipeline, "宜宾市翠屏区招商引资成效显著。翠屏区今年签约多个项目。"
                        "铁道科学研究院车辆研究所的专家参加了会议。")
    orgs = {m.name for m in doc.mentions if m.type == "Organization"}
    assert orgs, orgs
    assert not [s for s, _ in facts(doc, "locatedIn") if s in orgs], facts(doc, "locatedIn")


def test_no_default_place_when_another_city_is_named_more_often(pipeline):
    # an article about several cities' projects: the main city is not every project's place
    doc = run(pipeline, "宜宾市华兴公司公告\n宜宾市的华兴公司发布公告。泸州市的华兴中心将开工，"
                        "泸州市政府支持，泸州市还将建设物流园。公司还将推进鄂州30万吨铜冶炼项目。")
    assert doc.region == ("City", "宜宾市")
    got = facts(doc, "locatedIn", "Project")
    assert not any(s == "鄂州30万吨铜冶炼项目" for s, _ in got), got


def test_a_company_acting_somewhere_is_not_placed_there(pipeline):
    # 在X签约 / 在X投资 says where the company acts, not where it is; 落户X does
    doc = run(pipeline, "宜宾市翠屏区招商引资。华兴控股集团在成都市签署合作协议。"
                        "瑞丰机械有限公司落户翠屏区。")
    got = facts(doc, "locatedIn", "Company")
    assert ("华兴控股集团", "成都市") not in got, got
    assert ("瑞丰机械有限公司", "翠屏区") in got, got


def test_an_autonomous_region_body_is_in_the_articles_autonomous_region():
    d = Document(path="a", name="a", raw="", text="")
    d.region_code = "640104"
    d.mentions = [Mention("Province", "宁夏回族自治区", 0, 2, "regions", code="640000"),
                  Mention("District", "兴庆区", 2, 5, "regions", code="640104")]
    assert own_level_place(d, "自治区党委") == ("Province", "宁夏回族自治区")


def test_this_project_sentence_places_the_project_named_before_it(pipeline):
    doc = run(pipeline, "宜宾市翠屏区今年开工建设华兴大道。该工程东起翠屏区，"
                        "途经南溪区，止于江安县，全长20公里。")
    got = facts(doc, "locatedIn", "Project")
    project = next(s for s, _ in got)
    for place in ("南溪区", "江安县"):
        assert (project, place) in got, got


def test_a_project_built_in_a_place_is_there(pipeline):
    doc = run(pipeline, "宜宾市翠屏区招商引资。华兴集团将在南溪区投资建设年产10万吨纸浆项目。"
                        "翠屏区还将加快建设。")
    got = facts(doc, "locatedIn", "Project")
    assert ("年产10万吨纸浆项目", "南溪区") in got, got


def test_companies_of_a_list_of_a_places_firms_are_there(pipeline):
    doc = run(pipeline, "江门市蓬江区与佛山市举行推介会。"
                        "兴达电子科技有限公司、华美建材有限公司等佛山企业参加推介会。"
                        "宏远机械有限公司等本地企业也参加。")
    got = facts(doc, "locatedIn", "Company")
    assert ("兴达电子科技有限公司", "佛山市") in got
    assert ("华美建材有限公司", "佛山市") in got
    assert ("宏远机械有限公司", "蓬江区") in got


def test_project_of_a_city_article_naming_a_county_in_passing_is_the_citys(pipeline):
    doc = run(pipeline, "淄博市召开重点项目推进会。淄博市张店区代表发言。"
                        "淄博市要求加快建设。会上，华兴物流园项目开工。淄博市领导出席。")
    assert ("华兴物流园项目", "淄博市") in facts(doc, "locatedIn", "Project")


def test_company_placed_after_a_cue_is_in_the_narrowest_place_of_a_chain(pipeline):
    doc = run(pipeline, "江门市蓬江区举行签约仪式，兴达电子科技有限公司将落户广东省佛山市。")
    got = facts(doc, "locatedIn", "Company")
    assert ("兴达电子科技有限公司", "佛山市") in got
    assert ("兴达电子科技有限公司", "广东省") not in got


def test_a_route_between_two_cities_is_in_their_province_not_the_first(pipeline):
    doc = run(pipeline, "山东省交通厅介绍，山东省今年开工建设淄博至潍坊高速公路。淄博市积极配合。")
    got = facts(doc, "locatedIn", "Project")
    assert ("淄博至潍坊高速公路", "山东省") in got
    assert ("淄博至潍坊高速公路", "淄博市") not in got


def test_this_projects_sentence_does_not_place_it_at_the_ends_of_other_routes(pipeline):
    doc = run(pipeline, "济南市、青岛市代表参会。会上，华兴大道工程开工。"
                        "该工程途经淄博市的张店区、淄川区，北接济南至青岛高速公路。")
    got = {o for s, o in facts(doc, "locatedIn", "Project") if s.endswith("华兴大道工程")}
    assert {"张店区", "淄川区"} <= got
    assert not {"济南市", "青岛市", "淄博市"} & got
