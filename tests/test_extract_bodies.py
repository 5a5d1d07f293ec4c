"""Government bodies and the qualify() rule the posts extractor shares, on invented sentences."""

from __future__ import annotations

from conftest import names, run

from kg.extract.organs import qualify
from kg.model import Document, Mention
from kg.pipeline import Pipeline

PIPELINE = ["normalise", "metadata", "sentences", "regions", "zones", "bodies"]


def test_qualify_by_level():
    d = Document(path="a", name="a", raw="", text="")
    d.region, d.city, d.province = ("District", "蓬江区"), "江门市", "广东省"
    assert qualify(d, "区委") == "蓬江区委"
    assert qualify(d, "区投促局") == "蓬江区投促局"
    assert qualify(d, "市委") == "江门市委"
    assert qualify(d, "省委") == "广东省委"
    assert qualify(d, "县委") is None  # the article is about a district, not a county
    # already qualified (a region mention exists)
    assert qualify(d, "蓬江区商务局") == "蓬江区商务局"
    d.mentions.append(Mention("District", "蓬江区", 0, 3, "regions"))
    assert qualify(d, "蓬江区商务局") == "蓬江区商务局"


def test_qualify_county_level_city_and_county():
    d = Document(path="a", name="a", raw="", text="")
    d.region, d.city, d.province = ("District", "宜都市"), "宜昌市", "湖北省"
    assert qualify(d, "市委") == "宜都市委"
    d.region, d.city, d.province = ("District", "信丰县"), "赣州市", "江西省"
    assert qualify(d, "县政府") == "信丰县政府"


def test_qualify_zone_organs():
    d = Document(path="a", name="a", raw="", text="")
    d.region, d.city, d.province = ("District", "蓬江区"), "江门市", "广东省"
    assert qualify(d, "管委会") is None
    d.mentions.append(Mention("Zone", "蓬江高新区", 0, 0, "zones", aliases=("高新区",)))
    assert qualify(d, "管委会") == "蓬江高新区管委会"
    assert qualify(d, "高新区党工委") == "蓬江高新区党工委"


def test_bare_organs_take_the_article_region(pipeline):
    doc = run(pipeline, "江门市蓬江区召开会议。区委、区政府主要领导和区投促局、区商务局负责人参加，"
                        "区政协、区人大列席。")
    assert {
        "蓬江区委",
        "蓬江区政府",
        "蓬江区投促局",
        "蓬江区商务局",
        "蓬江区政协",
        "蓬江区人大",
    } <= names(doc, "GovernmentBody")
    alias = {m.name: doc.text[m.start:m.end] for m in doc.mentions if m.type == "GovernmentBody"}
    assert alias["蓬江区投促局"] == "区投促局"


def test_same_bare_name_in_two_districts_never_merges(pipeline):
    a = run(pipeline, "江门市蓬江区召开会议，区委书记出席。")
    b = run(pipeline, "宜宾市翠屏区召开会议，区委书记出席。")
    assert names(a, "GovernmentBody") == {"蓬江区委"} and names(b, "GovernmentBody") == {"翠屏区委"}


def test_region_written_before_the_organ(pipeline):
    doc = run(pipeline, "中共宜宾市翠屏区委与翠屏区人民政府联合发文，区政府办公室印发。")
    assert {"翠屏区委", "翠屏区人民政府"} <= names(doc, "GovernmentBody")


def test_people_s_government_merges_with_short_form(pipeline):
    doc = run(pipeline, "宜宾市翠屏区人民政府召开常务会议。会上，区政府要求各部门加快项目建设。")
    assert "翠屏区政府" not in names(doc, "GovernmentBody")
    assert "翠屏区人民政府" in names(doc, "GovernmentBody")


def test_zone_committee(pipeline):
    doc = run(pipeline, "江门市蓬江区高新区企业复工。高新区党工委、管委会深入企业一线。"
                        "高新区管委会主任出席。"
                        "高新区企业增长。高新区招商。高新区引进项目。")
    assert {"蓬江区高新区党工委", "蓬江区高新区管委会"} <= names(doc, "GovernmentBody")


def test_roles_and_policies_are_not_bodies(pipeline):
    doc = run(pipeline, "江门市蓬江区召开会议，区人大代表、政协委员参加，贯彻落实省委、市委部署，"
                        "委托第三方评估。")
    assert names(doc, "GovernmentBody") == set()


def test_national_body_keeps_its_name(pipeline):
    doc = run(pipeline, "宜宾市翠屏区项目获国家发改委批复。")
    assert "国家发改委" in names(doc, "GovernmentBody")


def test_bare_zone_organ_needs_a_zone(pipeline):
    doc = run(pipeline, "江门市蓬江区推行管委会加平台公司的模式。")
    assert names(doc, "GovernmentBody") == set()


def test_town_bodies_are_named_by_the_town(pipeline):
    doc = run(pipeline, "江门市蓬江区棠下镇政府和白沙街道办事处负责人参加，各镇政府做好服务。")
    got = names(doc, "GovernmentBody")
    assert any(n.endswith("棠下镇政府") for n in got) and "白沙街道办事处" in got
    assert not any(n.startswith("各") for n in names(doc, "GovernmentBody"))


def test_a_leading_group_named_after_an_appointment():
    from kg.build import extract_text

    r = extract_text("陆良县召开会议。县委副书记、县长普建明任县优化营商环境工作领导小组组长。")
    bodies = {n for t, n in r.entities if t == "GovernmentBody"}
    assert "陆良县优化营商环境工作领导小组" in bodies, bodies


def test_central_organs_by_the_public_table(pipeline):
    doc = run(pipeline, "据悉，财政部、工信部和中国证监会联合发文，证监会将跟进。"
                        "项目建设部负责人表示，财政部门将给予支持。")
    bodies = [m for m in doc.mentions if m.type == "GovernmentBody"]
    assert {m.name for m in bodies} == {"财政部", "工信部", "中国证监会"}
    assert "证监会" in {doc.text[m.start:m.end] for m in bodies}


def test_a_foreign_country_s_organ_keeps_the_country():
    doc = run(Pipeline(PIPELINE), "老挝财政部负责分配资金，但财政部内各司也可确定支出。")
    bodies = [m for m in doc.mentions if m.type == "GovernmentBody"]
    assert {m.name for m in bodies} == {"老挝财政部"}, bodies


def test_a_bureau_named_by_its_field_after_a_region():
    doc = run(Pipeline(PIPELINE), "记者从云南省林业厅获悉，昆明市档案局和安徽省宁国市水务局也参加。"
                                  "上海市场格局变化，浙江省内布局加快。")
    got = names(doc, "GovernmentBody")
    assert {"云南省林业厅", "昆明市档案局", "宁国市水务局"} <= got, got
    assert not any(n.endswith(("格局", "布局")) or n.startswith("安徽省宁国") for n in got), got


def test_a_department_of_a_central_organ(pipeline):
    doc = run(pipeline, "国家发改委农经司副司长张三说，财政部国库司和商务部市场秩序司参加，"
                        "铁道部对公司罚款，水利部内各司配合。")
    got = names(doc, "GovernmentBody")
    assert {"国家发改委农经司", "财政部国库司", "商务部市场秩序司", "财政部"} <= got, got
    assert not any(n.endswith(("公司", "各司")) for n in got), got


def test_a_government_procurement_centre():
    doc = run(Pipeline(PIPELINE), "临江市政府采购中心受临江市财政局委托招标，"
                                  "各地的政府采购中心也参与。")
    got = names(doc, "GovernmentBody")
    assert "临江市政府采购中心" in got and "临江市政府" not in got, got


def test_courts_tendering_centres_and_foreign_governments():
    p = Pipeline(PIPELINE)
    doc = run(p, "去年，衡阳市中级人民法院受理此案。项目在衡阳招标投标中心完成招标。"
                 "矿业公司已向几内亚政府付款。印度中央政府启动计划，中央政府将提供补贴。")
    bodies = {m.name: m.aliases for m in doc.mentions if m.type == "GovernmentBody"}
    assert set(bodies) == {"衡阳市中级人民法院", "衡阳市招标投标中心", "几内亚政府",
                           "印度中央政府"}, bodies
    assert "衡阳招标投标中心" in bodies["衡阳市招标投标中心"]


def test_a_court_named_alone_in_a_quoted_law_is_nobody():
    from kg.build import extract_text

    r = extract_text("《破产法》规定：管理人未按期提出重整计划草案的，"
                     "人民法院应当裁定终止重整程序。"
                     "有正当理由的，人民法院可以裁定延期三个月。")
    assert not [k for k in r.entities if k[0] == "GovernmentBody"], r.entities


def test_numbered_intermediate_courts():
    p = Pipeline(PIPELINE)
    doc = run(p, "去年，天津市第二中级人民法院受理此案。")
    bodies = {m.name for m in doc.mentions if m.type == "GovernmentBody"}
    assert bodies == {"天津市第二中级人民法院"}, bodies


def test_a_foreign_government_and_its_central_government_are_one_body():
    p = Pipeline(PIPELINE)
    doc = run(p, "印度中央政府于去年启动计划。印度政府还将提供补贴。")
    bodies = {m.name for m in doc.mentions if m.type == "GovernmentBody"}
    assert bodies == {"印度中央政府"}, bodies


def test_an_office_building_is_not_the_office(pipeline):
    doc = run(pipeline, "记者走进淄博市委市政府办公大楼。根据山东省政府办公厅发布的通知。")
    bodies = names(doc, "GovernmentBody")
    assert "淄博市政府办" not in bodies and "山东省政府办公厅" in bodies


def test_a_described_body_does_not_start_before_a_preposition(pipeline):
    doc = run(pipeline, "五是评标结果由政府采购领导小组审定。县优化营商环境工作领导小组召开会议。")
    bodies = names(doc, "GovernmentBody")
    assert not any(b.startswith(("五是", "由", "评标")) for b in bodies)
    assert any(b.endswith("优化营商环境工作领导小组") for b in bodies)


def test_central_bank_and_party_organs_by_their_short_names(pipeline):
    doc = run(pipeline, "由财政部、人民银行等部门出台政策。中宣部发布通知。中央行政机关采购。")
    assert {"人民银行", "财政部", "中宣部"} <= names(doc, "GovernmentBody")
    assert "央行" not in names(doc, "GovernmentBody")  # 中央|行政: no word boundary


def test_bureaus_and_offices_named_after_a_region():
    p = Pipeline(PIPELINE)
    doc = run(p, "该项目经杭州市商委批准，入驻温州市行政服务中心，并在绍兴市公证处公证。")
    bodies = {m.name for m in doc.mentions if m.type == "GovernmentBody"}
    assert {"杭州市商委", "温州市行政服务中心", "绍兴市公证处"} <= bodies, bodies


def test_government_agencies_and_purchasing_are_not_the_government(pipeline):
    doc = run(pipeline, "目前青州市政府机关的正版软件使用率已达90%。"
                        "中央单位政府集中采购工作有序推进。")
    bodies = names(doc, "GovernmentBody")
    assert "青州市政府" not in bodies and not any(b.endswith("单位政府") for b in bodies), bodies


def test_a_kind_of_committee_without_an_owner_is_no_body(pipeline):
    doc = run(pipeline, "小区如想获得补贴，业主委员会须选定一家企业。结果由评标委员会审定。")
    assert not names(doc, "GovernmentBody"), names(doc, "GovernmentBody")


def test_a_described_body_does_not_start_at_a_date_or_a_verb(pipeline):
    doc = run(pipeline, "合资公司已于2019年5月6日获得东海能源监督管理委员会的批准。")
    bodies = names(doc, "GovernmentBody")
    assert "东海能源监督管理委员会" in bodies, bodies
    assert not any(b[0] in "0123456789日月获" for b in bodies), bodies
