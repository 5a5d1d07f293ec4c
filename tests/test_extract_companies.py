"""Company and organisation extraction on invented sentences (other provinces, traditional
script)."""

from __future__ import annotations

import pytest
from conftest import names, run

from kg.model import Document
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


def test_full_name_left_boundary(pipeline):
    doc = run(pipeline, "今年，园区主动将杭州明远精密机械有限公司推介给下游客户。")
    assert names(doc, "Company") == {"杭州明远精密机械有限公司"}


def test_preposition_is_not_part_of_the_name(pipeline):
    doc = run(pipeline, "吴兴区与浙江瑞丰食品有限公司签订合作协议。")
    assert "浙江瑞丰食品有限公司" in names(doc, "Company")
    assert not any(n.startswith(("与", "吴兴区与")) for n in names(doc, "Company"))


def test_preposition_glued_onto_an_unknown_name_is_cut(pipeline):
    # jieba's HMM reads 由恒智 / 由卓达 as one unknown word; the name starts after 由
    doc = run(pipeline, "该项目由恒智电子科技集团有限公司投资建设。"
                        "项目由卓达新材料科技有限公司投资建设。")
    assert names(doc, "Company") == {"恒智电子科技集团有限公司", "卓达新材料科技有限公司"}
    # a dictionary word that starts with such a character stays whole
    assert "向日葵集团有限公司" in names(run(pipeline, "向日葵集团有限公司昨日签约。"), "Company")


def test_bracketed_place_traditional_script_and_short_form(pipeline):
    doc = run(pipeline, "據悉，宏達聯合（寧波）包裝材料有限公司已全面復產。宏達包裝負責人表示，"
                        "訂單充足。")
    companies = [m for m in doc.mentions if m.type == "Company"]
    assert {m.name for m in companies} == {"宏达联合（宁波）包装材料有限公司"}
    surfaces = {doc.surface(m.start, m.end) for m in companies}
    assert "宏達包裝" in surfaces  # the short form is the same company


def test_legal_suffix_short_form_before_the_full_name(pipeline):
    doc = run(pipeline, "湘江钢铁、华光电子等企业率先复工。湘江钢铁有限公司今年计划扩产。")
    assert names(doc, "Company") == {"湘江钢铁有限公司", "华光电子"}


def test_generic_company_words_are_not_entities(pipeline):
    doc = run(pipeline, "该公司负责人说，本公司和集团公司都很重视，平台公司也在跟进。")
    assert names(doc, "Company") == set()


def test_enumerated_enterprises(pipeline):
    doc = run(pipeline, "县里为明远机械、华光电子、瑞丰食品等企业协调解决用工问题。")
    assert {"明远机械", "华光电子", "瑞丰食品"} <= names(doc, "Company")


def test_enumerated_enterprise_products(pipeline):
    doc = run(pipeline, "已为瑞丰食品月饼、华光电子充电器等企业产品打开本地市场。")
    assert {"瑞丰食品", "华光电子"} <= names(doc, "Company")


def test_organisations(pipeline):
    doc = run(pipeline, "据湘江晚报报道，当地充分发挥温州商会作用，与湖南大学开展合作。")
    assert names(doc, "Organization") == {"湘江晚报", "温州商会", "湖南大学"}
    assert names(doc, "Company") == set()


def test_meeting_is_not_an_organisation(pipeline):
    doc = run(pipeline, "县里举办了一场网络招商会。")
    assert names(doc, "Organization") == set()


def test_holding_company_after_another_company(pipeline):
    doc = run(pipeline, "江门华兴科技有限公司系香港宏达控股有限公司在华设立的外商独资企业。")
    assert names(doc, "Company") >= {"江门华兴科技有限公司", "香港宏达控股有限公司"}, names(
        doc, "Company"
    )
    assert not any("系" in n for n in names(doc, "Company"))


def test_lac_sees_the_legal_form_after_an_industry_word():
    from kg.build import extract_text

    r = extract_text("其中，宁陵县城市建设投资集团有限公司投资3.2亿元的滨江大道改造工程开工。")
    assert ("Company", "宁陵县城市建设投资集团有限公司") in r.entities, sorted(r.entities)


def test_lac_is_not_asked_about_a_place_or_a_quote_before_an_industry_word():
    """LAC runs only where a brand may stand before the industry word (华通塑胶), not a place
    (桐庐网络签约) or a closing quote mark (“强省会”建设): it is the slow part of the pipeline."""
    from kg.extract.lac import _windows

    p = Pipeline(
        [
            "normalise",
            "metadata",
            "sentences",
            "regions",
            "zones",
            "organisations",
            "companies",
            "projects",
        ]
    )
    doc = p(Document(path="t.txt", name="t.txt", raw="桐庐县开创了桐庐网络签约的先河。"
                                                     "在“强省会”建设的“东风”中，"
                     "企业复工复产。华通塑胶的产品销售一空。"))
    windows = [doc.text[a:b] for _, a, b in _windows(doc, {})]
    assert any("华通塑胶" in w for w in windows), windows
    assert not any("桐庐网络" in w or "强省会" in w for w in windows), windows


@pytest.mark.parametrize(
    "text,company,not_company",
    [
        # a relation to the parent or the company's kind written before its name
        (
            "福建永辉泰机械集团有限公司全资子公司南平永辉泰精工有限公司投资5亿元建设精密铸件项目。",
            "南平永辉泰精工有限公司",
            "全资子公司南平永辉泰精工有限公司",
        ),
        (
            "港资企业肇庆嘉润新材料有限公司今天签约。",
            "肇庆嘉润新材料有限公司",
            "企业肇庆嘉润新材料有限公司",
        ),
        (
            "光学镜头大厂宏曜光电股份有限公司宣布增资。",
            "宏曜光电股份有限公司",
            "光学镜头大厂宏曜光电股份有限公司",
        ),
        # 建设 ends a name except where it joins another verb of the name (城投 companies)
        (
            "由兴国县城市建设投资（集团）有限公司投资建设。",
            "兴国县城市建设投资(集团)有限公司",
            "投资(集团)有限公司",
        ),
        (
            "由瑞金市工业园区建设开发有限公司投资建设。",
            "瑞金市工业园区建设开发有限公司",
            "开发有限公司",
        ),
    ],
)
def test_company_name_left_boundary_after_a_relation_or_kind(pipeline, text, company, not_company):
    got = {n.replace("（", "(").replace("）", ")") for n in names(run(pipeline, text), "Company")}
    assert company in got and not_company not in got, got


def test_a_subsidiary_phrase_is_not_a_company_and_the_group_has_its_short_form(pipeline):
    doc = run(pipeline, "福建永辉泰机械集团有限公司与县政府签约，"
                        "由永辉泰集团全资子公司负责建设运营。")
    got = names(doc, "Company")
    assert not any(n.endswith("子公司") for n in got), got
    from kg.extract.company_names import short_forms

    assert "永辉泰集团" in short_forms("福建永辉泰机械集团有限公司", places=["福建"])


@pytest.mark.parametrize("text,company", [
    ("在兴南生物医药产业园，"
     "中德合资企业北京朗维医疗器械有限公司投资4500万美元。", "北京朗维医疗器械有限公司"),
    ("由湖南安和医疗集团有限公司投资建设。", "湖南安和医疗集团有限公司"),
])
def test_a_kind_before_the_name_and_a_conjunction_inside_it(pipeline, text, company):
    got = names(run(pipeline, text), "Company")
    assert company in got and not any(n != company and n.endswith(company[-6:]) for n in got), got


def test_a_parent_company_phrase_and_a_foreign_funded_kind(pipeline):
    got = names(run(pipeline, "德资企业云南贝茨曼精密机械有限公司总经理表示，"
                              "德国母公司贝茨曼机械集团将追加投资。"), "Company")
    assert "云南贝茨曼精密机械有限公司" in got and not any(
        "母公司" in n or "德资" in n for n in got
    ), got


def test_a_city_that_jieba_tags_as_a_verb_stays_in_the_name(pipeline):
    assert "怀化通途物流集团" in names(
        run(pipeline, "该项目由怀化通途物流集团投资7亿元建设。"), "Company"
    )


@pytest.mark.parametrize("text", [
    "上述期货公司的分析师称，铜价仍将上涨。",
    "今年公司共安排技改项目12项。",
    "多家国际大公司看好本地市场，一些中国公司也在跟进。",
    "这将影响公司下半年的业绩。",
    "当地一家化肥生产公司表示，订单已排到年底。",
])
def test_a_description_ending_in_company_is_not_a_company(pipeline, text):
    assert names(run(pipeline, text), "Company") == set()


def test_a_brand_or_an_official_name_ending_in_company_stays(pipeline):
    got = names(run(pipeline, "青川电网公司与鹤鸣公司签约，华岭出版发行集团出席。"), "Company")
    assert {"青川电网公司", "鹤鸣公司", "华岭出版发行集团"} <= got, got


def test_an_abbreviation_by_kept_characters_is_the_full_name(pipeline):
    doc = run(pipeline, "江西鹤鸣纳米材料股份有限公司与江西省交通旅游投资集团签约。鹤鸣公司负责人"
                        "表示，省交旅集团将出资一半。")
    companies = [m for m in doc.mentions if m.type == "Company"]
    assert {m.name for m in companies} == {"江西鹤鸣纳米材料股份有限公司", "江西省交通旅游投资集团"}
    assert {doc.text[m.start:m.end] for m in companies} >= {"鹤鸣公司", "省交旅集团"}


def test_a_trade_with_a_description_before_it_is_not_a_company(pipeline):
    got = names(run(pipeline, "沿海家具企业纷纷西进，国有稀土矿业企业也在整合。"), "Company")
    assert got == set(), got


@pytest.mark.parametrize("text", [
    "南京一期货公司的分析师称，铝价仍将上涨。",
    "多家国际大型石化公司看好本地市场。",
    "集团所属子(分)公司共安排技改项目12项。",
])
def test_a_count_or_a_kind_before_a_trade_is_no_company(pipeline, text):
    assert names(run(pipeline, text), "Company") == set()


def test_a_name_in_latin_words_a_kind_of_enterprise_and_a_representative():
    from kg.build import extract_text

    r = extract_text("Blue Harbor公司与矿企华星金属公司签约，王某代表华通公司致辞，"
                     "央企东岭建设集团出席。")
    got = {k[1] for k in r.entities if k[0] == "Company"}
    assert {"Blue Harbor公司", "华星金属公司", "华通公司", "东岭建设集团"} <= got, got
    assert not any(n.startswith(("代表", "矿企", "央企")) for n in got), got


def test_a_bare_kind_or_a_verb_glued_before_a_full_name(pipeline):
    doc = run(pipeline, "地产公司长江置业集团和美国市场研究公司星图集团发布报告。"
                        "他们竞购澳大利亚星河矿业公司失败，此举将助推应用光学公司发展。"
                        "与华星公司合资公司签约。")
    got = names(doc, "Company")
    assert {"长江置业集团", "星图集团", "澳大利亚星河矿业公司", "应用光学公司",
            "华星公司"} <= got, got
    assert not any(n.startswith(("地产公司", "美国市场研究", "竞购", "助推")) for n in got), got


def test_dates_abbreviation_marks_and_kinds_glued_before_a_name():
    from kg.build import extract_text

    r = extract_text("江河钢铁集团有限公司(下称江河集团)董事长王建新表示将扩产。2012年江河集团斥资"
                     "收购矿山。9月上旬星海集团董事局主席李明华证实此事。我国最大的企业蓝岭集团"
                     "也在京与华星公司签约。")
    got = {k[1] for k in r.entities if k[0] == "Company"}
    assert {"江河钢铁集团有限公司", "星海集团", "蓝岭集团", "华星公司"} <= got, got
    assert not any(n.startswith(("下称", "年", "上旬", "企业", "京与")) for n in got), got
    posts = {(f.subject[1], f.obj[1]) for f in r.facts if f.predicate == "holdsPost"}
    assert ("王建新", "江河钢铁集团有限公司") in posts, posts


def test_a_group_named_inside_its_company_is_the_group_not_a_short_form(pipeline):
    doc = run(pipeline, "近年来，蓝江集团规模不断扩张。蓝江集团重型机械股份有限公司副总裁表示，"
                        "订单充足。湖北星湖集团供销有限公司隶属星湖集团。")
    got = {(m.name, doc.text[m.start:m.end]) for m in doc.mentions if m.type == "Company"}
    assert ("蓝江集团", "蓝江集团") in got, got
    assert {n for n, surface in got if surface == "星湖集团"} <= {"星湖集团", "湖北星湖集团"}, got


def test_a_trade_before_enterprises_is_no_company_and_a_magazine_is_an_organisation(pipeline):
    doc = run(pipeline, "不少清洁能源企业融资难，我国工程机械企业正在转型，兴业汽配负责人说，"
                        "许多清洁能源企业缺少资金。在《中国重型装备》杂志发布的榜单上，华星集团居首。")
    assert names(doc, "Company") == {"兴业汽配", "华星集团"}, names(doc, "Company")
    assert "中国重型装备" in names(doc, "Organization")


def test_placeholders_a_share_of_the_company_and_a_country_before_a_foreign_firm(pipeline):
    doc = run(pipeline, "专家意见称只有XX公司的产品能满足需求。海外业务收入占公司总收入的三成。"
                        "Tyrex公司增长最快，据悉，美国Tyrex公司去年推出新品。")
    assert names(doc, "Company") == {"美国Tyrex公司"}, names(doc, "Company")


def test_a_company_and_a_group_of_one_head_are_one_company(pipeline):
    doc = run(pipeline, "蓝岭集团将在当地投资。其中，一期项目由蓝岭公司与"
                        "华星钢铁有限公司共同投资。")
    assert names(doc, "Company") == {"蓝岭集团", "华星钢铁有限公司"}, names(doc, "Company")


def test_a_list_before_a_trade_and_a_kind_of_enterprise(pipeline):
    doc = run(pipeline, "星岩、海川等日韩消费电子巨头纷纷扩产。"
                        "开发区先后有哈森、蓝月肉联等大型企业进驻。"
                        "协会将在品种推广、市场对接等方面为企业服务，减少折旧费和大修理费等企业运营成本。"
                        "园区已有宏远船机等船舶工业企业进驻。")
    assert names(doc, "Company") == {"星岩", "海川", "哈森", "蓝月肉联"}, names(doc, "Company")


def test_firms_named_in_latin_letters_by_a_legal_word_or_after_a_kind_of_firm(pipeline):
    doc = run(pipeline, "华星电器与Pacific Rim Holdings Limited签署协议。蓝天也和欧洲风场运营商"
                        "Northwind Renewables签约。宝钢从Kestrel Resources收购股份。IBM也参与。")
    assert names(doc, "Company") >= {"Pacific Rim Holdings Limited", "Northwind Renewables",
                                     "Kestrel Resources"}, names(doc, "Company")


def test_a_group_called_by_its_bare_name_and_no_firm_from_an_adverb():
    from kg.build import extract_text

    r = extract_text("华岳集团去年煤炭收入30亿元。允许华岳、大川等电力企业进入煤炭行业。"
                     "从创始人李明远入狱，再到接管人王文斌被调查，风波不断。")
    got = {k[1] for k in r.entities if k[0] == "Company"}
    assert got == {"华岳集团", "大川"}, got


def test_then_serving_as_and_all_of_before_a_company_word(pipeline):
    doc = run(pipeline, "时任蓝江集团公司副总经理的张伟出席。该公司仍为公司控股股东，"
                        "所有合资公司的费用"
                        "由双方承担，华星也在整个集团的整合范围之内。随着星海期货交易所调整保证金，价格下跌。")
    got = names(doc, "Company")
    assert "蓝江集团公司" in got, got
    assert not any(n.startswith(("时任", "仍为", "所有", "整个", "随着")) for n in got), got
    assert "星海期货交易所" in names(doc, "Organization")


def test_a_list_before_a_kind_of_company(pipeline):
    doc = run(pipeline, "目前，蓝鲸方正、领海科技、宏远智能等系统集成公司相继中标。")
    assert names(doc, "Company") == {"蓝鲸方正", "领海科技", "宏远智能"}, names(doc, "Company")


def test_the_other_items_of_a_list_of_groups_are_companies(pipeline):
    doc = run(pipeline, "国内的彩云集团、长河集团、上海天鹰等已经开始在新领域布局。")
    assert names(doc, "Company") == {"彩云集团", "长河集团", "上海天鹰"}, names(doc, "Company")


def test_firms_listed_right_after_their_kind(pipeline):
    doc = run(pipeline, "最著名的面板商——Kestra、Nordel、DMX等都使用其玻璃。三大品牌如星河(XH)、"
                        "蓝岭与海川，出货量均将衰退。企业如何实施送货、安装等服务，企业包括生产、"
                        "销售等环节。")
    assert names(doc, "Company") == {"Kestra", "Nordel", "DMX", "星河", "蓝岭", "海川"}, \
        names(doc, "Company")


def test_lists_closed_by_a_kind_of_firm_or_a_count(pipeline):
    doc = run(pipeline, "和国内青钢、川钢等大钢企相比，产量仍小。乐万家、惠邻多等超市将前来采购。"
                        "目前海岚、KTV、远虹三大家电集团已完成布局。")
    assert names(doc, "Company") == {"青钢", "川钢", "乐万家", "惠邻多", "海岚", "KTV", "远虹"}, \
        names(doc, "Company")


def test_quoted_items_of_a_list_and_counts_that_are_no_firms(pipeline):
    doc = run(pipeline, "行业重点扶持“青鹤”、“秋王”、“五岭”等特种纸企业做大做强。"
                        "重点发展风电、光伏、储能三大产业，接入北岭局、南川局等9个路局(集团)。")
    assert names(doc, "Company") == {"青鹤", "秋王", "五岭"}, names(doc, "Company")


def test_one_company_of_three_items_makes_a_list_of_companies(pipeline):
    doc = run(pipeline, "华岚电脑、东川集团、浪涛信息等已深入参与。考虑到QRT、Brandwell、东川集团等"
                        "在华投资。参观了青州税务局、东川集团、市图书馆。")
    assert names(doc, "Company") == {"华岚电脑", "东川集团", "浪涛信息", "QRT", "Brandwell"}, \
        names(doc, "Company")


def test_a_list_that_goes_on_past_a_name_is_no_list_of_companies(pipeline):
    doc = run(pipeline, "力争兴南广场、东川集团、盛华中天、英达医疗、商务中心5个项目复工。")
    by_rules = {m.name for m in doc.mentions if m.type == "Company" and m.extractor == "companies"}
    assert by_rules == {"东川集团"}, by_rules


def test_a_party_or_a_glued_preposition_before_a_group_is_not_its_name(pipeline):
    doc = run(pipeline, "对该项目的施工方华铁集团来说压力很大。据悉，集成商远通集团已中标。"
                        "继华钢集团澳洲项目叫停后，又一项目暂停。")
    assert names(doc, "Company") == {"华铁集团", "远通集团", "华钢集团"}, names(doc, "Company")


def test_counts_kinds_and_relations_named_with_a_company_word_are_no_names(pipeline):
    doc = run(pipeline, "整合后两家新公司的资产增长。它创办了自己的第一家公司。"
                        "美国的纳斯达克上市公司Belwin收购了它。该社属于青菱集团成员公司。")
    assert names(doc, "Company") == {"Belwin", "青菱集团"}, names(doc, "Company")


def test_a_short_name_before_an_analyst_is_a_company(pipeline):
    doc = run(pipeline, "青海证券分析师在研报中指出，价格将回落。"
                        "中汇顾问首席能源分析师李明指出，产能过剩。")
    assert "青海证券" in names(doc, "Company"), names(doc, "Company")
    assert not any("首席" in n for n in names(doc, "Company")), names(doc, "Company")


def test_firms_listed_after_their_kind_and_a_clause_with_their_countries(pipeline):
    doc = run(pipeline, "有2600多家企业参展，包括菲普Lumex(荷兰)、Vesto Light(奥地利)、"
                        "欧朗司(德国)、科瑞(美国)等，预计观众10万人。"
                        "企业发展，包括技术、管理、资金等方面。")
    assert names(doc, "Company") == {"菲普Lumex", "Vesto Light", "欧朗司", "科瑞"}, \
        names(doc, "Company")


def test_a_list_ending_in_a_conjunction_before_a_company(pipeline):
    doc = run(pipeline, "需求恶化，大丰、菲雅以及通达汽车公司都下调了预测。"
                        "报告由上海正华和网上商城有限公司发布。")
    got = names(doc, "Company")
    assert {"大丰", "菲雅", "通达汽车公司"} <= got, got
    assert "上海正华" not in got, got


def test_a_list_of_short_names_counted_alone_at_a_clause_end(pipeline):
    doc = run(pipeline, "跨越千亿元门槛的企业仅有美达、海林两家。"
                        "拥有产能的电池、组件企业不少于五家，产值超过300亿元。")
    assert names(doc, "Company") == {"美达", "海林"}, names(doc, "Company")


@pytest.mark.parametrize("text, name", [
    ("当时明远精工集团高层表示将扩产。", "明远精工集团"),  # a time word that points to a moment
    ("此前瑞丰资本公司发布报告。", "瑞丰资本公司"),
    ("这是继华星餐饮集团宣布收购之后的又一案例。", "华星餐饮集团"),  # a verb of one character
    ("也正是受浩森电子集团影响。", "浩森电子集团"),
    ("他们牢牢把控着恒远汽车集团的方向。", "恒远汽车集团"),  # a verb glued to its particle
])
def test_time_words_and_verbs_before_a_name_are_not_part_of_it(pipeline, text, name):
    assert name in names(run(pipeline, text), "Company")


@pytest.mark.parametrize("text, name", [
    ("订单包括合营企业宁川明远轨道设备有限公司的份额。", "宁川明远轨道设备有限公司"),
    ("全球最大的食品集团瑞丰公司正洽谈收购。", "瑞丰公司"),
])
def test_a_kind_of_enterprise_or_group_glued_before_a_name_is_cut(pipeline, text, name):
    assert name in names(run(pipeline, text), "Company")


def test_the_last_two_items_of_a_list_joined_by_a_conjunction_are_two_firms(pipeline):
    doc = run(pipeline, "西门子、飞利浦、华软和东宝五家企业参展。")
    assert {"华软", "东宝"} <= names(doc, "Company")
    assert "华软和东宝" not in names(doc, "Company")


def test_a_preposition_glued_after_an_unknown_name_ends_the_next_name(pipeline):
    doc = run(pipeline, "这意味着帕斯欧对恒达集团股权的控制。")  # jieba: 帕斯|欧对|恒达
    assert "恒达集团" in names(doc, "Company")
