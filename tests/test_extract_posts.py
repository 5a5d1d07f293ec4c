"""Posts (holdsPost) and their owners on invented sentences of the genre."""

from __future__ import annotations

import pytest

from kg.extract.organs import qualify_by_level as fallback_qualify
from kg.extract.organs import region_for_level
from kg.model import Document, Mention
from kg.pipeline import Pipeline

BEFORE = ["normalise", "metadata", "sentences"]
AFTER = ["bylines", "people", "organisations", "companies", "projects", "posts"]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Pipeline, Pipeline]:
    return Pipeline(BEFORE), Pipeline(AFTER, given=("text", "sentences"))


def run(
    pipelines, text: str, region: tuple[str, str] | None = None, places=(), code: str | None = None
) -> Document:
    """Run the pipeline with the main region the regions component would give."""
    before, after = pipelines
    doc = before(Document(path="t.txt", name="t.txt", raw=text))
    for type_, name in places:
        start = 0
        while (i := doc.text.find(name, start)) >= 0:
            doc.mentions.append(Mention(type_, name, i, i + len(name), "test",
                                        code=code if (type_, name) == region else None))
            start = i + len(name)
    if region:
        doc.region = region
    return after(doc)


def posts(doc: Document) -> set[tuple[str, tuple[str, str], str]]:
    return {(f.subject[1], f.obj, f.title) for f in doc.facts if f.predicate == "holdsPost"}


def test_one_fact_per_post_and_qualified_organs(pipelines):
    doc = run(pipelines, "宜宾市翠屏区召开大会。市委常委、区委书记黄明远出席。",
              region=("District", "翠屏区"), places=[("City", "宜宾市"), ("District", "翠屏区")])
    assert posts(doc) == {("黄明远", ("GovernmentBody", "宜宾市委"), "市委常委"),
                          ("黄明远", ("GovernmentBody", "翠屏区委"), "区委书记")}
    body = next(m for m in doc.mentions if m.name == "翠屏区委")
    assert doc.text[body.start:body.end] == "区委"


def test_a_level_written_twice_is_kept_once(pipelines):
    # 信丰县县委书记: the title is 县委书记, not 县县委书记 (issue 18, item 7)
    doc = run(pipelines, "信丰县举行签约仪式。信丰县县委书记陈立新出席。",
              region=("District", "信丰县"), places=[("District", "信丰县")])
    assert posts(doc) == {("陈立新", ("GovernmentBody", "信丰县委"), "县委书记")}


def test_head_of_government_owns_the_region(pipelines):
    doc = run(pipelines, "信丰县举行签约仪式。县委副书记、县长陈立新出席。",
              region=("District", "信丰县"), places=[("District", "信丰县")])
    assert posts(doc) == {("陈立新", ("GovernmentBody", "信丰县委"), "县委副书记"),
                          ("陈立新", ("District", "信丰县"), "县长")}


def test_county_level_city_is_the_city_of_its_posts(pipelines):
    doc = run(pipelines, "宜都市签约。市委副书记、市长张国峰见证签约。",
              region=("District", "宜都市"), places=[("District", "宜都市")])
    assert posts(doc) == {("张国峰", ("GovernmentBody", "宜都市委"), "市委副书记"),
                          ("张国峰", ("District", "宜都市"), "市长")}


def test_place_written_in_the_title(pipelines):
    doc = run(pipelines, "长宁区召开大会。长宁区委副书记、区长王士林在会上表示，要抓项目。",
              region=("District", "长宁区"), places=[("District", "长宁区")])
    assert posts(doc) == {("王士林", ("GovernmentBody", "长宁区委"), "区委副书记"),
                          ("王士林", ("District", "长宁区"), "区长")}


def test_zone_organs_share_the_written_zone(pipelines):
    doc = run(pipelines, "经开区党工委委员、管委会副主任樊晓红说，服务要跟上。")
    assert posts(doc) == {("樊晓红", ("GovernmentBody", "经开区党工委"), "经开区党工委委员"),
                          ("樊晓红", ("GovernmentBody", "经开区管委会"), "管委会副主任")}


def test_company_posts(pipelines):
    doc = run(pipelines, "四川兴业食品有限公司外联科科长李明同样感触颇深。"
                         "广东瑞丰电子科技有限公司董事长、总经理陈大文介绍，项目明年投产。")
    assert posts(doc) == {("李明", ("Company", "四川兴业食品有限公司"), "外联科科长"),
                          ("陈大文", ("Company", "广东瑞丰电子科技有限公司"), "董事长"),
                          ("陈大文", ("Company", "广东瑞丰电子科技有限公司"), "总经理")}


def test_enterprise_title_alone_takes_the_company_before(pipelines):
    doc = run(pipelines, "在园区的江门华美纺织有限公司生产车间，机器轰鸣。看着车间的景象，"
                         "车间主任乔立刚告诉记者，订单充足。")
    assert posts(doc) == {("乔立刚", ("Company", "江门华美纺织有限公司"), "车间主任")}


def test_bureau_head(pipelines):
    doc = run(pipelines, "签约仪式由县商务局局长钟文涛主持。", region=("District", "信丰县"),
              places=[("District", "信丰县")])
    assert posts(doc) == {("钟文涛", ("GovernmentBody", "信丰县商务局"), "县商务局局长")}


def test_group_descriptor_gives_no_post(pipelines):
    doc = run(pipelines, "区领导赵一鸣、钱多多出席活动。", region=("District", "翠屏区"),
              places=[("District", "翠屏区")])
    assert posts(doc) == set()


def test_reporter_of_a_medium(pipelines):
    doc = run(pipelines, "荆楚日报讯（记者 王志刚 通讯员 李娟）11月3日，某市签约。")
    assert posts(doc) == {("王志刚", ("Organization", "荆楚日报"), "记者")}


def test_region_levels_and_fallback_names():
    d = Document(path="a", name="a", raw="", text="")
    d.mentions.append(Mention("District", "张店区", 0, 0, "t", code="370303"))
    d.region = ("District", "张店区")
    assert region_for_level(d, "市") == ("City", "淄博市")
    assert region_for_level(d, "省") == ("Province", "山东省")
    assert fallback_qualify(d, "市委") == "淄博市委"
    assert fallback_qualify(d, "县委") is None


def test_short_form_of_a_company_named_before(pipelines):
    doc = run(pipelines, "其中，德国海德精密机械有限公司新能源项目总投资8000万美元。\n"
                         "“营商环境很好。”海德精密机械中国区总经理马克·施耐德说。")
    # the area of a post stays in its title as written (中国区总经理, like 大中华区副总裁)
    assert posts(doc) == {("马克·施耐德", ("Company", "德国海德精密机械有限公司"), "中国区总经理")}
    spans = {doc.text[m.start:m.end] for m in doc.mentions if m.name == "德国海德精密机械有限公司"}
    assert "海德精密机械" in spans


def test_department_after_a_body_and_no_company_for_gov_titles(pipelines):
    doc = run(pipelines, "江门华美纺织有限公司落户。区委常委、宣传部部长林晓燕出席。",
              region=("District", "蓬江区"), places=[("District", "蓬江区")])
    assert posts(doc) == {("林晓燕", ("GovernmentBody", "蓬江区委"), "区委常委"),
                          ("林晓燕", ("GovernmentBody", "蓬江区委宣传部"), "宣传部部长")}


def test_appointed_title(pipelines):
    doc = run(pipelines, "会上，蓬江区聘请李嘉明先生为区招商大使。",
              region=("District", "蓬江区"), places=[("District", "蓬江区")])
    assert posts(doc) == {("李嘉明", ("District", "蓬江区"), "招商大使")}


def test_bare_position_after_a_body_stays_with_it(pipelines):
    doc = run(pipelines, "签约仪式由县商务局党组书记、"
                         "局长钟文涛主持。", region=("District", "信丰县"),
              places=[("District", "信丰县")])
    assert posts(doc) == {("钟文涛", ("GovernmentBody", "信丰县商务局"), "县商务局党组书记"),
                          ("钟文涛", ("GovernmentBody", "信丰县商务局"), "局长")}


def test_party_secretary_of_a_company(pipelines):
    doc = run(pipelines, "浙江华瑞新材料集团有限公司党委书记、董事长陈国庆介绍，项目年内投产。")
    assert posts(doc) == {("陈国庆", ("Company", "浙江华瑞新材料集团有限公司"), "党委书记"),
                          ("陈国庆", ("Company", "浙江华瑞新材料集团有限公司"), "董事长")}


def test_names_listed_under_one_title(pipelines):
    doc = run(pipelines, "蓬江区举行签约仪式，副区长杨春华、"
                         "邓小林出席。", region=("District", "蓬江区"),
              places=[("District", "蓬江区")])
    assert posts(doc) == {("杨春华", ("District", "蓬江区"), "副区长"),
                          ("邓小林", ("District", "蓬江区"), "副区长")}


def test_an_appointed_title_after_a_place_belongs_to_that_place(pipelines):
    doc = run(pipelines, "会上，江门市聘请刘德明为蓬江区招商大使。", region=("City", "江门市"),
              places=[("City", "江门市"), ("District", "蓬江区")])
    assert ("刘德明", ("District", "蓬江区"), "招商大使") in posts(doc)


def test_a_department_whose_name_holds_he_keeps_its_whole_name():
    """和 inside a department's name (经济和信息化委员会, 住房和城乡建设局) neither cuts the body
    nor its post, and a name that begins with a region is not prefixed with the article's."""
    from kg.build import extract_text

    r = extract_text("江西省兴国县召开会议。江西省工业和信息化委员会副主任郭涛出席。"
                     "县住房和城乡建设局局长邱明介绍情况。")
    got = {(f.subject[1], f.obj) for f in r.facts if f.predicate == "holdsPost"}
    assert got == {("郭涛", ("GovernmentBody", "江西省工业和信息化委员会")),
                   ("邱明", ("GovernmentBody", "兴国县住房和城乡建设局"))}, got
    bodies = {name for type_, name in r.entities if type_ == "GovernmentBody"}
    assert not any(n.endswith(("城乡建设局", "信息化委员会")) and "和" not in n for n in bodies), (
        bodies
    )


def test_two_posts_joined_by_ji_at_a_company_named_by_its_short_name():
    from kg.build import extract_text

    r = extract_text("漳州市龙海区签约。昱鼎精密工业股份有限公司今日公告增资。\n\n"
                     "昱鼎董事长暨总经理张国梁表示，龙海交通便利。昱鼎发言人暨财务长林佩君指出，资金为自有资金。")
    got = {(f.subject[1], f.obj[1], f.title) for f in r.facts if f.predicate == "holdsPost"}
    company = "昱鼎精密工业股份有限公司"
    assert got >= {("张国梁", company, "董事长"), ("张国梁", company, "总经理"),
                   ("林佩君", company, "发言人"), ("林佩君", company, "财务长")}, got


def test_one_persons_posts_across_a_comma():
    from kg.build import extract_text

    r = extract_text("伊金霍洛旗开工。旗长主持开工仪式，旗委常委、副旗长，"
                     "伊金霍洛经济开发区党工委书记杜永胜介绍了项目情况。"
                     "县长张三主持，副县长李四出席。")
    got = {(f.subject[1], f.title) for f in r.facts if f.predicate == "holdsPost"}
    assert {("杜永胜", "旗委常委"), ("杜永胜", "副旗长"), ("杜永胜", "党工委书记")} <= got, got
    assert not any(p == "李四" and t != "副县长" for p, t in got), got


def test_a_place_whose_name_holds_he_does_not_cut_the_title_chain():
    from kg.build import extract_text

    r = extract_text("泰和县招商推介会在厦门举行。吉安市委常委、泰和县委书记欧阳明辉出席并致辞。"
                     "副县长、和平工业园管委会主任曾涛介绍情况。")
    got = {(f.subject[1], f.obj[1]) for f in r.facts if f.predicate == "holdsPost"}
    assert {("欧阳明辉", "吉安市委"), ("欧阳明辉", "泰和县委"), ("曾涛", "泰和县"),
            ("曾涛", "和平工业园管委会")} <= got, got


def test_a_company_named_at_the_head_of_a_title(pipelines):
    doc = run(pipelines, "BrightStar亚太区销售总裁Martin Hollis上周表示乐观。"
                         "鹤鸣电气产品研发中心总监郑开元表示，效率更高。华岭证券分析师欧阳晓东认为，"
                         "需求可观。")
    assert posts(doc) == {("Martin Hollis", ("Company", "BrightStar"), "亚太区销售总裁"),
                          ("郑开元", ("Company", "鹤鸣电气"), "产品研发中心总监"),
                          ("欧阳晓东", ("Company", "华岭证券"), "分析师")}


def test_a_party_group_after_a_company_post_is_the_company_s(pipelines):
    doc = run(pipelines, "华岭石油天然气集团公司总经理、党组书记郑开元出席。")
    assert posts(doc) == {("郑开元", ("Company", "华岭石油天然气集团公司"), "总经理"),
                          ("郑开元", ("Company", "华岭石油天然气集团公司"), "党组书记")}


def test_a_firm_named_before_a_firm_post_without_a_company_word():
    from kg.build import extract_text

    r = extract_text("蓝鲸奶业破产管理人陈建华表示，重整顺利。星达全球执行副总彭志远说，面板降价。"
                     "研究机构Panelview大中华区副总裁谢文杰表示看好。8月海风电器董事长王立平到访。")
    got = {(f.subject[1], f.obj, f.title) for f in r.facts if f.predicate == "holdsPost"}
    assert got == {("陈建华", ("Company", "蓝鲸奶业"), "破产管理人"),
                   ("彭志远", ("Company", "星达"), "全球执行副总"),
                   ("谢文杰", ("Company", "Panelview"), "大中华区副总裁"),
                   ("王立平", ("Company", "海风电器"), "董事长")}, got


def test_a_section_named_in_a_title_stays_in_the_title():
    from kg.build import extract_text

    r = extract_text("吉林省粮食局农村处处长高明远介绍，收购进展顺利。")
    got = {(f.subject[1], f.obj) for f in r.facts if f.predicate == "holdsPost"}
    assert got == {("高明远", ("GovernmentBody", "吉林省粮食局"))}, got
    assert ("GovernmentBody", "吉林省粮食局农村处") not in r.entities


def test_two_posts_in_two_firms_in_one_title_chain():
    from kg.build import extract_text

    r = extract_text("蓝鲸奶业重整管理人北京明德律师事务所律师陈建华对记者表示，重整顺利。")
    got = {(f.obj, f.title) for f in r.facts if f.predicate == "holdsPost"}
    assert got == {(("Company", "蓝鲸奶业"), "重整管理人"),
                   (("Company", "北京明德律师事务所"), "律师")}, got


def test_heads_of_an_autonomous_region_and_of_a_municipality():
    from kg.build import extract_text

    r = extract_text("宁夏回族自治区主席王明远致辞。天津市津南区召开大会，副市长李文华出席。")
    got = {(f.subject[1], f.obj) for f in r.facts if f.predicate == "holdsPost"}
    assert ("王明远", ("Province", "宁夏回族自治区")) in got, got
    assert ("李文华", ("Province", "天津市")) in got, got


def test_a_research_body_in_latin_letters_is_an_organisation():
    from kg.build import extract_text

    r = extract_text("PANELVIEW Research资深分析师简明华表示，出货量将增长。")
    got = {(f.subject[1], f.obj) for f in r.facts if f.predicate == "holdsPost"}
    assert got == {("简明华", ("Organization", "PANELVIEW Research"))}, got


def test_the_bracket_of_an_abbreviation_is_not_in_the_title():
    from kg.build import extract_text

    r = extract_text("江河钢铁集团有限公司(下称江河集团)董事长王建新表示将扩产。")
    got = {(f.obj[1], f.title) for f in r.facts if f.predicate == "holdsPost"}
    assert got == {("江河钢铁集团有限公司", "董事长")}, got


@pytest.mark.parametrize("title", ["首席技术官", "总经济师", "品牌代言人", "经理人"])
def test_firm_titles_the_lexicon_now_has(pipelines, title):
    doc = run(pipelines, f"华星科技有限公司召开发布会。华星科技有限公司{title}赵一鸣表示，"
                         "产品已上市。")
    assert ("赵一鸣", ("Company", "华星科技有限公司"), title) in posts(doc)


def test_two_posts_joined_by_jian(pipelines):
    doc = run(pipelines, "华星科技有限公司总裁兼首席执行官赵一鸣表示，产品已上市。")
    assert posts(doc) >= {("赵一鸣", ("Company", "华星科技有限公司"), "总裁"),
                          ("赵一鸣", ("Company", "华星科技有限公司"), "首席执行官")}


def test_legal_representative_after_wei(pipelines):
    doc = run(pipelines, "华星科技有限公司成立于2001年，法定代表人为赵一鸣。")
    assert posts(doc) == {("赵一鸣", ("Company", "华星科技有限公司"), "法定代表人")}


def test_a_bare_post_after_one_in_an_organisation_is_held_there(pipelines):
    doc = run(pipelines, "华星产业协会常务副会长兼秘书长赵一鸣表示，协会将做好服务。")
    assert posts(doc) == {("赵一鸣", ("Organization", "华星产业协会"), "常务副会长"),
                          ("赵一鸣", ("Organization", "华星产业协会"), "秘书长")}


@pytest.mark.parametrize(("written", "title"), [
    ("该公司运营副总裁", "运营副总裁"), ("公司前董事长", "前董事长"), ("其总经理", "总经理")])
def test_a_firm_referred_back_to_holds_the_post(pipelines, written, title):
    doc = run(pipelines, "华星科技有限公司成立于2001年。此后多年亏损。今年大幅增长。"
                         f"据悉，{written}赵一鸣表示，产品已上市。")
    assert posts(doc) == {("赵一鸣", ("Company", "华星科技有限公司"), title)}


def test_a_head_of_government_written_after_the_name(pipelines):
    doc = run(pipelines, "信丰县举行签约仪式。会上，赵一鸣副县长指出，要做好服务。",
              region=("District", "信丰县"), places=[("District", "信丰县")])
    assert posts(doc) == {("赵一鸣", ("District", "信丰县"), "副县长")}
