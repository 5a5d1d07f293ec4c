"""Project extraction and the investor / locatedIn relations, on invented sentences."""

from __future__ import annotations

import pytest
from conftest import fact_list, facts, names, run

from kg.model import Document, Mention
from kg.pipeline import Pipeline

PIPELINE = [
    "normalise",
    "metadata",
    "sentences",
    "organisations",
    "companies",
    "projects",
    "lac_entities",
    "values",
    "relations",
]


def test_named_projects_with_left_boundary(pipeline):
    doc = run(pipeline, "此次共签约华光电子智能终端项目、东湖光谷产业园等8个项目。")
    assert names(doc, "Project") == {"华光电子智能终端项目", "东湖光谷产业园"}


def test_generic_projects_are_not_entities(pipeline):
    doc = run(pipeline, "全县共确定重点项目67个，其中超亿元项目20个，力争在谈项目尽快落地，"
                        "推动大项目好项目建设。")
    assert names(doc, "Project") == set()


def test_label_enumeration_gives_label_projects_and_companies(pipeline):
    doc = run(pipeline, "开工建设瑞丰食品、青山颐养、滨江广场等重大项目。")
    assert names(doc, "Project") == {"瑞丰食品项目", "青山颐养项目", "滨江广场"}
    assert ("瑞丰食品项目", "瑞丰食品") in facts(doc, "investor")
    label = next(m for m in doc.mentions if m.name == "瑞丰食品项目")
    assert "瑞丰食品" in label.aliases


def test_company_named_project_has_its_investor(pipeline):
    doc = run(pipeline, "湖州明远机械有限公司年产5万台精密机床项目近日开工。")
    assert ("湖州明远机械有限公司年产5万台精密机床项目" in names(doc, "Project")
            or "湖州明远机械有限公司精密机床项目" in names(doc, "Project")) or names(doc, "Project")
    inv = facts(doc, "investor")
    assert any(c == "湖州明远机械有限公司" for _, c in inv)


def test_project_built_by(pipeline):
    doc = run(pipeline, "东湖智慧物流项目签约落户，该项目由华光集团投资建设。")
    assert ("东湖智慧物流项目", "华光集团") in facts(doc, "investor")


def test_traditional_script_project(pipeline):
    doc = run(pipeline, "今年以來，共簽約華光電子智能終端項目等3個項目。")
    assert names(doc, "Project") == {"华光电子智能终端项目"}
    m = next(m for m in doc.mentions if m.type == "Project")
    assert doc.surface(m.start, m.end) == "華光電子智能終端項目"


def test_located_in_explicit_and_default():
    text = "东湖智慧物流项目正式签约落户青山工业园。开工建设瑞丰食品等重大项目。"
    doc = Document(path="t.txt", name="t.txt", raw=text)
    Pipeline(["normalise", "metadata", "sentences"])(doc)
    s = doc.text.index("青山工业园")
    doc.mentions.append(Mention("Zone", "青山工业园", s, s + 5, "test"))
    doc.mentions.append(Mention("District", "吴兴区", 0, 0, "test"))
    doc.region = ("District", "吴兴区")
    Pipeline(PIPELINE[3:], given=("text", "sentences"))(doc)
    loc = facts(doc, "locatedIn")
    assert ("东湖智慧物流项目", "青山工业园") in loc
    assert ("瑞丰食品项目", "吴兴区") in loc
    assert ("瑞丰食品", "吴兴区") not in loc  # an investor is not placed by default


def test_an_amount_before_the_name_is_not_part_of_it(pipeline):
    doc = run(pipeline, "江门高新区与华光集团签约 总投资45亿元智能装备制造基地落户。")
    got = {m.name for m in doc.mentions if m.type == "Project"}
    assert "智能装备制造基地" in got and not any("元" in n for n in got), got


def test_a_place_labelling_projects_is_not_a_company():
    from kg.extract.projects import _label_company
    from kg.sentences import split_sentences

    doc = split_sentences(Document(path="t", name="t", raw="", text="宁陵县5个重大项目集中开工"))
    _label_company(doc, doc.sentences[0], 0, 3, "宁陵县", "宁陵县项目", force=True)
    assert not doc.mentions and not doc.facts
    _label_company(doc, doc.sentences[0], 0, 3, "华光集团", "华光集团项目", force=True)
    assert [m.name for m in doc.mentions] == ["华光集团"]


def test_works_on_a_facility_are_the_project():
    from kg.build import extract_text

    r = extract_text("江门市蓬江区今年推进重点项目。8月，滨江大道改造工程开工建设；9月，"
                     "北街大桥二期工程动工。")
    projects = {k[1] for k in r.entities if k[0] == "Project"}
    assert "滨江大道改造工程" in projects, projects
    assert "滨江大道" not in projects


def test_latin_words_inside_a_project_name():
    from kg.build import extract_text

    r = extract_text("9月8日上午，华光电子Micro LED显示模组生产基地项目在江门高新区正式开工。"
                     "数据显示，今年以来全区签约项目32个。")
    projects = {k[1] for k in r.entities if k[0] == "Project"}
    assert "华光电子Micro LED显示模组生产基地项目" in projects, projects


def test_a_facility_a_company_invests_to_build_is_a_project():
    from kg.build import extract_text

    r = extract_text("佛山锐达智能装备有限公司将投资2亿元建设工业机器人集成应用基地。")
    assert ("Project", "工业机器人集成应用基地") in r.entities, sorted(r.entities)
    invest = [(f.subject[1], f.obj[1]) for f in r.facts if f.predicate == "investor"]
    assert ("工业机器人集成应用基地", "佛山锐达智能装备有限公司") in invest
    # a facility merely named, with no event and no investment, is not a project
    r = extract_text("市民常到滨江体育基地锻炼。")
    assert not [k for k in r.entities if k[0] == "Project"]


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "华岳能源有限公司投资8.5亿元的300兆瓦集中式光伏电站项目在县城东部签约。",
            "300兆瓦集中式光伏电站项目",
        ),
        ("据悉，西岭绿能公司投资15亿元的20万千瓦风电制氢项目已经开工。", "20万千瓦风电制氢项目"),
        ("总投资3亿元的年加工15万吨马铃薯精深加工项目昨日投产。", "年加工15万吨马铃薯精深加工项目"),
        ("签约项目中，丰禾农业公司的5万吨冷链仓储项目落户工业园区。", "5万吨冷链仓储项目"),
    ],
)
def test_a_capacity_figure_begins_a_project_name(pipeline, text, name):
    assert name in names(run(pipeline, text), "Project")


def test_figures_that_are_not_capacities_do_not_begin_a_name(pipeline):
    found = names(run(pipeline, "今年共签约12个项目，落地3家企业，其中5个项目已开工。"), "Project")
    assert not any(n[0].isdigit() for n in found)


@pytest.mark.parametrize("text, name", [
    ("丰源县城市建设投资集团有限公司投资3.2亿元的石桥大道改造工程。", "石桥大道改造工程"),
    ("华岳交通投资有限责任公司投资6.3亿元的东坪至石桥快速通道工程。", "东坪至石桥快速通道工程"),
])
def test_works_on_a_road_after_an_investment_are_a_project(pipeline, text, name):
    assert name in names(run(pipeline, text), "Project")


def test_a_metaphorical_fast_track_is_not_a_project(pipeline):
    assert names(run(pipeline, "县政务服务中心开辟审批快速通道，"
                               "签约企业当天即可办理。"), "Project") == set()


def test_the_extension_of_a_road_is_part_of_the_works(pipeline):
    assert "石桥大道东延工程" in names(
        run(pipeline, "丰源县城市建设投资有限公司投资1.2亿元的石桥大道东延工程。"), "Project"
    )


def test_a_project_called_without_its_capacity_later_is_the_same_project(pipeline):
    doc = run(pipeline, "华岳农业有限公司投资5亿元的10万吨马铃薯精深加工项目落户县工业园区。"
                        "马铃薯精深加工项目建成后年产值可达8亿元。")
    found = names(doc, "Project")
    assert "10万吨马铃薯精深加工项目" in found and "马铃薯精深加工项目" not in found


def test_the_whole_name_after_an_invested_amount_and_its_investor(pipeline):
    doc = run(pipeline, "本次签约项目分别为：丰禾农业有限公司投资2亿元的生态循环养殖示范项目；"
                        "华岳能源有限公司投资6.5亿元的农光互补发电项目。")
    assert {"生态循环养殖示范项目", "农光互补发电项目"} <= names(doc, "Project")
    assert ("农光互补发电项目", "华岳能源有限公司") in facts(doc, "investor")
    # first after the colon
    assert ("生态循环养殖示范项目", "丰禾农业有限公司") in facts(doc, "investor")


def test_a_verb_inside_a_product_after_a_capacity_figure_stays_in_the_name(pipeline):
    doc = run(pipeline, "落户园区的江西赣锋光电材料有限公司年产8万吨光伏压延玻璃项目已开工。")
    assert "江西赣锋光电材料有限公司年产8万吨光伏压延玻璃项目" in names(doc, "Project"), names(
        doc, "Project"
    )


@pytest.mark.parametrize(
    "text,project",
    [
        ("集中开工的2个项目为芯片封装项目和滨河大道北延伸段工程。", "滨河大道北延伸段工程"),
        (
            "由兴国县城市建设投资有限公司投资2.4亿元建设的长征大道改造工程已于上月竣工。",
            "长征大道改造工程",
        ),
    ],
)
def test_road_works(pipeline, text, project):
    assert project in names(run(pipeline, text), "Project"), names(run(pipeline, text), "Project")


@pytest.mark.parametrize(
    "text,project",
    [
        (
            "8月26日，宁夏鸿泰酒业有限公司酒庄二期扩建项目竣工投产。",
            "宁夏鸿泰酒业有限公司酒庄二期扩建项目",
        ),
        ("山地农机装配项目由黑龙江北垦农机有限公司投资3.5亿元建设。", "山地农机装配项目"),
        (
            "演丰红树林生态旅游提升项目由海南蓝湾文旅投资有限公司投资建设。",
            "演丰红树林生态旅游提升项目",
        ),
    ],
)
def test_the_works_a_project_does_stay_in_its_name(pipeline, text, project):
    assert project in names(run(pipeline, text), "Project"), names(run(pipeline, text), "Project")


def test_works_visited_on_site_are_a_project(pipeline):
    doc = run(pipeline, "随后，观摩组来到西柳至牛庄公路改扩建工程施工现场。")
    assert "西柳至牛庄公路改扩建工程" in names(doc, "Project"), names(doc, "Project")


def test_a_quoted_project_name_does_not_begin_with_its_quote(pipeline):
    doc = run(pipeline, "钜扬电子已于22日签订「钜扬鹤山三厂扩建项目」投资协议。")
    spans = [doc.text[m.start:m.end] for m in doc.mentions if m.type == "Project"]
    assert spans and not any(s.startswith("「") for s in spans), spans


def test_a_resort_is_a_project_and_its_parts_are_not(pipeline):
    doc = run(pipeline, "签约项目中，清江康养度假区项目由湖北楚康文旅集团有限公司投资15亿元，"
                        "将建设康养酒店、森林步道等。")
    assert "清江康养度假区项目" in names(doc, "Project"), names(doc, "Project")
    assert not any("酒店" in p for p in names(doc, "Project")), names(doc, "Project")


def test_kinds_of_project_to_attract_are_not_projects(pipeline):
    doc = run(pipeline, "园区下一步将重点引进算力应用、工业互联网等项目，推动提质升级。")
    assert names(doc, "Project") == set(), names(doc, "Project")


def test_a_project_named_after_its_company_and_then_alone_is_one_project(pipeline):
    doc = run(pipeline, "宁夏鸿泰酒业有限公司酒庄二期扩建项目竣工投产。"
                        "酒庄二期扩建项目位于青铜峡镇，总投资6800万元。")
    assert names(doc, "Project") == {"宁夏鸿泰酒业有限公司酒庄二期扩建项目"}, names(doc, "Project")


@pytest.mark.parametrize(
    "text,project",
    [
        ("在110千伏鹞岭输变电工程施工现场，县委书记听取了汇报。", "110千伏鹞岭输变电工程"),
        ("6月28日，开发区兴业110千伏变电站正式投运。", "兴业110千伏变电站"),
        ("6月30日，开发区内的兴南大街跨线桥建成通车。", "兴南大街跨线桥"),
        ("上月，日处理能力1万吨的乳品产业园集中污水处理厂建成投运。", "乳品产业园集中污水处理厂"),
        (
            "由鑫垣城建投资有限责任公司投资2.3亿元建设的开发区纬三路及配套管网工程同日开工。",
            "纬三路及配套管网工程",
        ),
        ("会前，企业家实地观摩了县城东环路改造工程等重点项目。", "东环路改造工程"),
        (
            "该公司在开发区精细化工园开工建设20万吨/年煤焦油深加工项目。",
            "20万吨/年煤焦油深加工项目",
        ),
    ],
)
def test_infrastructure_and_capacity_per_year(pipeline, text, project):
    assert project in names(run(pipeline, text), "Project"), names(run(pipeline, text), "Project")


@pytest.mark.parametrize("text", [
    "5月12日，临泽县招商引资项目集中签约仪式在县城举行。",
    "该项目是开发区引进的首个智能驾驶领域总部类项目。",
    "企业沿着中山路开工建设。",
])
def test_a_regions_own_list_or_a_kind_is_not_a_project(pipeline, text):
    assert names(run(pipeline, text), "Project") == set(), names(run(pipeline, text), "Project")


def test_a_meeting_is_not_a_project(pipeline):
    doc = run(pipeline, "9月19日，"
                        "遵义市汇川区2023年（上海）招商引资推介会暨项目签约仪式在上海举行。")
    assert not any("推介会" in p for p in names(doc, "Project")), names(doc, "Project")


def test_an_industry_activity_inside_a_product_name(pipeline):
    doc = run(pipeline, "签约项目中，"
                        "福建宏泰光电有限公司投资2.3亿元的车用LED照明模组项目落户龙海区。")
    assert "车用LED照明模组项目" in names(doc, "Project"), names(doc, "Project")


@pytest.mark.parametrize(
    "text,project",
    [
        (
            "由柳江区拉堡城市建设投资有限公司投资3.8亿元建设的城南大道延长线工程同日开工。",
            "城南大道延长线工程",
        ),
        ("观摩组来到舞水河生态治理工程施工现场。", "舞水河生态治理工程"),
        ("开发区污水处理厂提标改造工程今年4月16日开工。", "开发区污水处理厂提标改造工程"),
        ("和平工业园标准化厂房三期工程已于6月完工。", "和平工业园标准化厂房三期工程"),
    ],
)
def test_more_works(pipeline, text, project):
    assert project in names(run(pipeline, text), "Project"), names(run(pipeline, text), "Project")


# ---------------------------------------------------------------- real-text project names


@pytest.mark.parametrize("text,projects", [
    # capacity-named items of a list, the place before the first one kept
    ("此外，鄂州5万吨/年铜材、江岸30吨/年锗、600吨镉/年等项目也在建。",
     {"鄂州5万吨/年铜材项目", "江岸30吨/年锗项目", "600吨镉/年项目"}),
    # two capacity-named products joined by 和 before one 项目
    ("一期包括600万吨/年炼油和60万吨级/年芳烃项目。",
     {"600万吨/年炼油项目", "60万吨级/年芳烃项目"}),
    # routes listed before a count of highway projects, the last items joined by 以及
    ("今年要开工建设江口至河坝、东林至西岭以及南湖扩建3个高速公路项目。",
     {"江口至河坝高速公路", "东林至西岭高速公路", "南湖扩建项目"}),
    # facilities named by capacity, built in one list
    ("华光集团还将配套建设10万吨级成品油码头、200万立方米原油储备库和300万吨级LNG接收站。",
     {"10万吨级成品油码头", "200万立方米原油储备库", "300万吨级LNG接收站"}),
    ("该公司新建一条4500吨/日熟料生产线。", {"4500吨/日熟料生产线"}),
    # the company and phase before a capacity, 及 between products, GW written as one word
    ("华晶光伏二期2GW太阳能电池及组件项目已全面开工。", {"华晶光伏二期2GW太阳能电池及组件项目"}),
    ("江东光电50MW太阳能电池及20MW配套电池组件生产线项目也已开工。",
     {"江东光电50MW太阳能电池及20MW配套电池组件生产线项目"}),
    # two products with their capacities, 工程项目 as jieba's one word
    ("华光化肥年产30万吨合成氨/52万吨尿素工程项目奠基。",
     {"华光化肥年产30万吨合成氨/52万吨尿素工程项目"}),
    # a process verb right before 项目 stays in the name
    ("双方将共同建设LED封装项目。", {"LED封装项目"}),
])
def test_real_text_project_names(pipeline, text, projects):
    assert names(doc := run(pipeline, text), "Project") == projects, doc.mentions


@pytest.mark.parametrize("text", [
    "要下实招打通项目建设的堵点。",  # a verb taking 项目 as its object
    "今年将推进一批大型新能源项目。",  # kinds of project
    "天然气大项目保障供应。",
    "公司新签合同项目金额大幅增长。",
    "车间引进了两条智能化生产线，已建成投产。",  # a production line without its capacity
    "该区按一级公路标准建设。",
])
def test_real_text_phrases_that_are_not_projects(pipeline, text):
    assert names(run(pipeline, text), "Project") == set()


def test_a_project_named_again_later_is_mentioned_there_too(pipeline):
    doc = run(pipeline, "东岭公路北延工程工地上机械轰鸣。东岭公路北延工程总投资近10亿元，"
                        "全线3个工程标段同步施工。")
    assert sum(m.name == "东岭公路北延工程" for m in doc.mentions) == 2
    assert ("东岭公路北延工程", 1e9) in {(s, o.value) for s, o in
                                          fact_list(doc, "totalInvestment")}


def test_company_names_keep_their_boundaries():
    """The project-only readings of names.py (及 between products, a capacity written as one
    word, a slash between capacities, a process verb before 项目) leave company names as they
    were."""
    from kg.extract.names import name_start
    from kg.sentences import split_sentences

    for text, name in [("生产电池及华美电子有限公司", "华美电子"),
                       ("装机2GW华美光电有限公司", "华美光电"),
                       ("合成氨/华美化工有限公司", "华美化工")]:
        d = split_sentences(Document(path="a", name="a", raw="", text=text))
        end = text.index("有限公司")
        assert d.text[name_start(d, d.sentences[0], end):end] == name


@pytest.mark.parametrize("text,projects", [
    # the unit of a figure before a name is not part of it
    ("2011年东岭机场改扩建工程将开工。", {"东岭机场改扩建工程"}),
    # a quantifier before a name is not part of it
    ("新一轮南湖扩建项目将开工。", {"南湖扩建项目"}),
    # a route named before its kind, 至 inside the name
    ("东林至西岭高速公路项目昨日开工。", {"东林至西岭高速公路项目"}),
])
def test_words_before_a_project_name_are_left_out(pipeline, text, projects):
    assert names(doc := run(pipeline, text), "Project") == projects, doc.mentions


@pytest.mark.parametrize("text", [
    "公司中标空调维保服务项目。",  # services and supplies bought, not projects
    "该公司承接了设备供货项目。",
    "南湖片区等重点领域项目加快推进。",  # a list cut by 等
])
def test_services_supplies_and_lists_are_not_projects(pipeline, text):
    assert names(run(pipeline, text), "Project") == set()


def test_a_routes_abbreviation_later_is_the_same_project(pipeline):
    doc = run(pipeline, "东林至西岭高速公路项目昨日开工。东西高速总投资80亿元。")
    assert ("东林至西岭高速公路项目", 8e9) in {(s, o.value) for s, o in
                                                fact_list(doc, "totalInvestment")}


def test_the_articles_main_company_named_in_the_title_by_an_abbreviation():
    from kg.extract.investors import _abbreviated_in
    assert _abbreviated_in("中石化再投百亿", "中国石化")
    assert not _abbreviated_in("石化行业投资", "中国石化")


@pytest.mark.parametrize("text", [
    "今年已获得节能改造专项资金项目支持。",  # a fund, not a project
    "学校开展校园科技协同创新项目。",  # a programme
])
def test_funds_and_programmes_are_not_projects(pipeline, text):
    assert names(run(pipeline, text), "Project") == set()


@pytest.mark.parametrize("text", [
    "今年共有涉及轨道交通、智能制造、新材料等领域的30个项目落地。",  # fields, not projects
    "采购项目共5个，涉及市气象局、市委党校、职业学院等单位。",  # buyers
    "本次采购包括职业学院等采购单位的服务器、数据存储平台、网络安全服务等项目。",  # purchases
])
def test_lists_of_fields_buyers_and_purchases_are_not_projects(pipeline, text):
    assert names(run(pipeline, text), "Project") == set()


@pytest.mark.parametrize("text", [
    "新建电解铝项目原则上不再核准。",  # a kind of product still to be built
    "严格控制在电价较高的地区拟建水泥项目。",
    "公司公布了一个对外招商项目。",  # a generic label
    "限制新建年产20万吨及以下煤制乙二醇项目。",  # a threshold: a class of projects
    "各城市未来两年公共建筑节能改造项目可获补贴。",
])
def test_kinds_of_project_to_be_built_are_not_projects(pipeline, text):
    assert names(run(pipeline, text), "Project") == set()


def test_a_name_beginning_with_future_stays():
    from kg.extract.projects import label_ok
    assert label_ok("华兴未来科技城") and not label_ok("城市未来两年公共建筑节能改造")


def test_a_named_project_after_a_list_of_fields_stays(pipeline):
    doc = run(pipeline, "签约项目涉及新能源、新材料等领域，其中华光电子智能终端项目投资5亿元。")
    assert names(doc, "Project") == {"华光电子智能终端项目"}


@pytest.mark.parametrize("text, project, company", [
    ("华兴光伏一期1.3GW太阳能电池组件项目近日开工建设。", "华兴光伏一期1.3GW太阳能电池组件项目",
     "华兴光伏"),
    ("恒达电力怀化煤电一体化项目已开工建设。", "恒达电力怀化煤电一体化项目", "恒达电力"),
    ("日前，湖北恒达管业生产基地举行了奠基仪式。", "湖北恒达管业生产基地", "湖北恒达管业"),
])
def test_company_short_name_leading_a_project_invests(pipeline, text, project, company):
    doc = run(pipeline, text)
    assert project in names(doc, "Project")
    assert company in names(doc, "Company")
    assert (project, company) in facts(doc, "investor")


def test_a_place_or_product_leading_a_project_is_no_company(pipeline):
    doc = run(pipeline, "国产大化肥项目和怀化20万吨铅锌项目已开工建设，"
                        "功能性面料智能工厂项目同日开工。")
    assert names(doc, "Company") == set()


def test_works_named_like_projects(pipeline):
    doc = run(pipeline, "东平至西岭天然气输气管道三线工程日前开工，华光风电场10兆瓦工程并网发电。")
    assert {"东平至西岭天然气输气管道三线工程", "华光风电场10兆瓦工程"} <= names(doc, "Project")


@pytest.mark.parametrize("text", ["三项地铁工程已全部开工。", "公路整治工程进展顺利。",
                                  "第三批示范工程开工。"])
def test_counts_and_kinds_of_works_are_not_projects(pipeline, text):
    assert not any(n.endswith("工程") for n in names(run(pipeline, text), "Project"))


def test_descriptions_listed_before_projects_are_not_projects(pipeline):
    doc = run(pipeline, "该基地将开发生产高科技含量、高附加值的复合瓦斯管等项目。")
    assert names(doc, "Project") == set()


def test_a_quoted_name_right_before_xiangmu(pipeline):
    doc = run(pipeline, "按照规划，“东湖国际农产品采购中心”项目占地面积157万平方米。")
    assert "东湖国际农产品采购中心项目" in names(doc, "Project")


def test_display_lines_named_by_their_generation(pipeline):
    doc = run(pipeline, "华光电子常州8.5代液晶面板生产线昨日举行开工仪式，"
                        "其第6代AM-OLED面板试验线也已投产。")
    got = names(doc, "Project")
    assert "第6代AM-OLED面板试验线" in got
    assert any(n.endswith("常州8.5代液晶面板生产线") for n in got)


@pytest.mark.parametrize("text", ["该公司放弃了此前计划的10代、11代液晶面板生产线投资。",
                                  "每条8代面板生产线的投资要减少到15亿美元。"])
def test_kinds_of_display_lines_are_not_projects(pipeline, text):
    assert names(run(pipeline, text), "Project") == set()


def test_metro_line_and_its_section(pipeline):
    doc = run(pipeline, "4月10日，南宁地铁2号线东站-西站1200米盾构区间全线贯通。"
                        "南宁地铁2号线盾构区间的贯通为后续施工打下基础。")
    assert {"南宁地铁2号线", "南宁地铁2号线东站-西站1200米盾构区间"} <= names(doc, "Project")


def test_a_metro_line_without_its_city_is_not_a_project(pipeline):
    doc = run(pipeline, "地铁4号线电梯故障的原因已经查明，施工单位正在整改。")
    assert names(doc, "Project") == set()


def test_the_section_not_the_line_takes_the_sentences_event(pipeline):
    doc = run(pipeline, "4月10日，南宁地铁2号线东站-西站1200米盾构区间全线贯通。"
                        "施工单位克服了重重困难。南宁地铁2号线其他区间正在施工。",
              published="2011-04-12")
    done = {p for p, _ in fact_list(doc, "completedOn")}
    assert done == {"南宁地铁2号线东站-西站1200米盾构区间"}


def test_integrated_kinds_of_project_are_not_projects(pipeline):
    doc = run(pipeline, "近年来，煤电一体化项目和炼化一体化项目纷纷开工建设。")
    assert names(doc, "Project") == set()


def test_a_joint_project_named_by_two_companies(pipeline):
    doc = run(pipeline, "去年底，华光集团签约两个项目，分别为华光—恒西项目和东湖综合旅游项目。")
    assert "华光—恒西项目" in names(doc, "Project")


def test_a_route_section_after_the_route_is_the_project(pipeline):
    doc = run(pipeline, "5月24日，兰州绕城高速公路东线近日开工。")
    assert names(doc, "Project") == {"兰州绕城高速公路东线"}


def test_a_plant_named_by_its_capacity_with_no_xiangmu(pipeline):
    doc = run(pipeline, "公司发布公告称，将投资2亿元在郑州建设年产6万吨果汁饮料。")
    assert names(doc, "Project") == {"年产6万吨果汁饮料项目"}


def test_a_list_of_labels_before_deng_gongcheng_gives_label_projects(pipeline):
    doc = run(pipeline, "厅长表示，青石湾防洪堤、南湖三库连通、西塘湿地修复等工程"
                        "将是今后的重点工程。")
    assert names(doc, "Project") == {"青石湾防洪堤项目", "南湖三库连通项目", "西塘湿地修复项目"}


def test_a_list_of_kinds_of_works_gives_no_project(pipeline):
    doc = run(pipeline, "企业通过承建铁路、公路、通信、水利水电等基础设施建设项目支持当地发展。")
    assert names(doc, "Project") == set()
    doc = run(pipeline, "今年全市将推进道路、桥梁、管网等工程建设，"
                        "开工水利、交通、能源等重点工程。")
    assert names(doc, "Project") == set()


def test_a_facility_whose_building_is_spoken_of_is_a_project(pipeline):
    doc = run(pipeline, "该集团还参与了青川城际铁路的建设。")
    assert names(doc, "Project") == {"青川城际铁路"}
    doc = run(pipeline, "华光集团重点对石门县白沙水库的无偿援建。")
    assert names(doc, "Project") == {"石门县白沙水库"}


def test_a_count_of_facilities_and_a_leading_verb_are_not_in_the_name(pipeline):
    doc = run(pipeline, "今年将建成青峰大型水库、12座中型水库，新开工白马岭大型水库。")
    assert names(doc, "Project") == {"青峰大型水库", "白马岭大型水库"}


def test_places_listed_before_a_kind_of_works_each_give_a_project(pipeline):
    doc = run(pipeline, "今年计划开工建设的青川、白水和石门(迁建)等机场由省里出资。")
    assert names(doc, "Project") == {"青川机场", "白水机场", "石门机场"}
    doc = run(pipeline, "青川、白水等机场客流增长较快。")
    assert names(doc, "Project") == set()


RAIL_ARTICLE = ("铁道部称，今年在建的高铁线路包括蓉邕客运专线、琼滇高铁和陇粤线。蓉邕线明年开通，"
                "列车时速350公里。老蜀甘铁路仍在运营，蜀甘铁路局表示线上购票更方便。")


def test_railway_lines_named_by_their_end_points_are_projects(pipeline):
    doc = run(pipeline, RAIL_ARTICLE)
    assert names(doc, "Project") == {"蓉邕客运专线", "琼滇高铁", "陇粤线"}
    short = next(m for m in doc.mentions if doc.text[m.start:m.end] == "蓉邕线")
    assert short.name == "蓉邕客运专线" and "蓉邕线" in short.aliases


def test_a_railway_line_written_with_its_places_in_brackets():
    doc = run(Pipeline(PIPELINE),
              "铁路部门称，争取琼（海）滇（池）铁路今年开工，高铁和列车同步建设。")
    line = next(m for m in doc.mentions if m.type == "Project")
    assert line.name == "琼滇铁路" and "琼（海）滇（池）铁路" in line.aliases


def test_words_ending_in_xian_are_not_railway_lines(pipeline):
    doc = run(pipeline, "铁路和高铁概念股下跌，列车减速。价格跌破成本线，企业加大在国内三四线城市的"
                        "销售，并完善控制系统和无线调车系统。")
    assert names(doc, "Project") == set()


def test_a_railway_line_is_not_placed_in_the_articles_place_nor_funded_by_a_nearby_firm():
    doc = Pipeline()(Document(path="t.txt", name="t.txt", raw="华城市讯 " + RAIL_ARTICLE
                              + "华兴证券研究报告称，蓉邕客运专线将投产。"))
    assert "蓉邕客运专线" in names(doc, "Project")
    assert not [f for f in doc.facts if f.subject == ("Project", "蓉邕客运专线")
                and f.predicate in ("locatedIn", "investor")]


def test_a_project_named_by_its_generation_keeps_the_figure_and_the_firm(pipeline):
    doc = run(pipeline, "甲公司投资的华兴光电第8.5代液晶面板项目已经投产。")
    assert names(doc, "Project") == {"华兴光电第8.5代液晶面板项目"}


def test_a_generation_project_begins_with_the_firms_city(pipeline):
    doc = run(pipeline, "集团旗下苏州华兴光电8.5代液晶面板项目近日投产。")
    assert names(doc, "Project") == {"苏州华兴光电8.5代液晶面板项目"}


def test_a_preposition_glued_to_an_unknown_firm_is_not_in_the_projects_name(pipeline):
    doc = run(pipeline, "记者昨天从旭硝子第8.5代玻璃基板项目投产仪式上获悉。")
    assert names(doc, "Project") == {"旭硝子第8.5代玻璃基板项目"}


def test_a_section_of_a_railway_line_is_a_project_of_its_own():
    doc = Pipeline()(Document(path="t.txt", name="t.txt", raw=(
        "铁道部称，高铁和列车建设提速，蓉邕二线华阳至邕州段今年开工，琼滇铁路建成通车。")))
    assert {"蓉邕二线华阳至邕州段", "琼滇铁路"} <= names(doc, "Project")
    assert not [m for m in doc.mentions if m.type == "Company" and "蓉邕" in m.name]


def test_a_railway_line_whose_first_point_jieba_reads_as_an_adverb(pipeline):
    doc = run(pipeline, "铁路信号和高铁列车设备也在太沪铁路使用，太沪铁路已建成。")
    assert names(doc, "Project") == {"太沪铁路"}


def test_places_listed_as_the_labels_of_projects_each_give_a_project():
    doc = run(Pipeline(["normalise", "metadata", "sentences", "regions", "projects"]),
              "省里启动了宜宾、泸州、自贡等3个项目的招标。")
    assert names(doc, "Project") == {"宜宾项目", "泸州项目", "自贡项目"}
    label = next(m for m in doc.mentions if m.name == "泸州项目")
    assert label.aliases == ("泸州",)


def test_a_regions_own_count_of_projects_is_not_a_place_label():
    doc = run(Pipeline(["normalise", "metadata", "sentences", "regions", "projects"]),
              "四川省泸州市讯 泸州4个重大项目集中开工。")
    assert names(doc, "Project") == set()


def test_a_railway_lines_abbreviation_is_the_route_between_its_ends():
    doc = Pipeline()(Document(path="t.txt", name="t.txt", raw=(
        "铁道部称，高铁和列车建设提速。华京至天津城际铁路开工建设，京津城际全长120公里。")))
    assert "京津城际" not in names(doc, "Project")
    line = next(m for m in doc.mentions if doc.text[m.start:m.end] == "京津城际")
    assert line.name == "华京至天津城际铁路"


def test_a_company_short_form_before_the_place_of_a_capacity_named_project(pipeline):
    # 金钢 is a common noun to jieba: it is taken as the company named before
    doc = run(pipeline, "金钢集团将建设新厂。金钢漳州100万吨冷轧项目建设期为两年。")
    assert "金钢漳州100万吨冷轧项目" in names(doc, "Project")


def test_a_railway_line_named_only_as_a_link_is_not_a_project():
    doc = Pipeline()(Document(path="t.txt", name="t.txt", raw=(
        "铁道部称，列车提速。宁杭铁路今日开工建设，全长250公里。新线还将与沪昆线相连，"
        "成为又一条快速通道。")))
    projects = names(doc, "Project")
    assert "宁杭铁路" in projects and "沪昆线" not in projects
