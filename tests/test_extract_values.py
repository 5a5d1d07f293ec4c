"""Money parsing and the totalInvestment / date facts, on invented sentences."""

from __future__ import annotations

import pytest
from conftest import fact_list, run

from kg.extract.money import chinese_number, parse_money
from kg.model import DateValue, Money

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


@pytest.mark.parametrize("text,value,currency", [
    ("总投资98.2亿元", 9.82e9, "CNY"),
    ("投资超过2亿美元", 2e8, "USD"),
    ("36018万元", 3.6018e8, "CNY"),
    ("8000万美元", 8e7, "USD"),
    ("逾1.5亿欧元", 1.5e8, "EUR"),
    ("约3000万港元", 3e7, "HKD"),
    ("总投资一百亿元", 1e10, "CNY"),
    ("2万亿元", 2e12, "CNY"),
    ("1,200万元", 1.2e7, "CNY"),
    # compound Chinese amounts: a numeral with its own 亿 and 万 sections (issue 18, item 8)
    ("总投资四亿五千万元", 4.5e8, "CNY"),
    ("一亿两千万元", 1.2e8, "CNY"),
    ("四亿零五百万元", 4.05e8, "CNY"),
    ("三千五百万元", 3.5e7, "CNY"),
    ("千万元", 1e7, "CNY"),
    ("一万亿元", 1e12, "CNY"),
])
def test_parse_money(text, value, currency):
    m = parse_money(text)
    assert m is not None and m.currency == currency
    assert abs(m.value - value) < 1e-6 * value


def test_chinese_numbers():
    assert chinese_number("一百") == 100
    assert chinese_number("三千五百") == 3500
    assert chinese_number("十五") == 15


def test_investment_of_one_project(pipeline):
    doc = run(pipeline, "东湖智慧物流项目签约落户，该项目由华光集团投资，总投资额超过3亿美元。")
    assert fact_list(doc, "totalInvestment") == [("东湖智慧物流项目", Money(3e8, "USD"))]


def test_investment_of_several_projects_is_not_attached(pipeline):
    doc = run(pipeline, "总投资56.3亿元的东湖智慧物流项目、青山康养小镇等6个项目集中签约。")
    assert fact_list(doc, "totalInvestment") == []


def test_sign_date_takes_the_publication_year(pipeline):
    doc = run(pipeline, "5月8日，"
                        "吴兴区与华光集团完成东湖智慧物流项目签约。", published="2021-05-20")
    assert fact_list(doc, "signedOn") == [("东湖智慧物流项目", DateValue("2021-05-08"))]


def test_date_without_year_is_partial(pipeline):
    doc = run(pipeline, "5月8日，东湖智慧物流项目签约暨开工仪式举行。")
    assert set(fact_list(doc, "signedOn")) == {("东湖智慧物流项目", DateValue("--05-08"))}
    assert set(fact_list(doc, "startedOn")) == {("东湖智慧物流项目", DateValue("--05-08"))}


def test_plans_are_not_events(pipeline):
    doc = run(pipeline, "东湖智慧物流项目计划2021年9月开工建设，"
                        "力争年内竣工。", published="2021-05-20")
    assert fact_list(doc, "startedOn") == [] and fact_list(doc, "completedOn") == []


def test_date_of_previous_sentence_carries_over(pipeline):
    doc = run(pipeline, "3月份，全县重点项目集中签约活动举行。此次共签约东湖智慧物流项目、"
                        "青山康养小镇等5个项目。",
              published="2022-04-02")
    got = set(fact_list(doc, "signedOn"))
    assert ("东湖智慧物流项目", DateValue("2022-03")) in got
    assert ("青山康养小镇", DateValue("2022-03")) in got


def test_projects_listed_after_a_signing_take_its_date(pipeline):
    doc = run(pipeline, "5月8日，吴兴区集中签约3个项目，总投资20亿元。"
                        "本次签约项目主要集中在新材料领域。"
                        "其中，东湖智慧物流项目总投资12亿元；华光集团拟投资5亿元建设青山康养小镇项目；"
                        "华兴科技有限公司投资3亿元建设智能传感器生产线项目。"
                        "另据了解，南浔文旅综合体项目进展顺利。", published="2021-05-20")
    got = dict(fact_list(doc, "signedOn"))
    for name in ("东湖智慧物流项目", "青山康养小镇项目", "智能传感器生产线项目"):
        assert got.get(name) == DateValue("2021-05-08"), (name, got)
    assert "南浔文旅综合体项目" not in got  # after the list ended


def test_a_list_that_names_the_event_takes_its_date_to_the_end(pipeline):
    doc = run(pipeline, "6月12日，吴兴区重大项目集中开工活动举行。本次开工项目15个。"
                        "集中开工的重点项目有：华光集团投资12亿元的东湖智慧物流项目；"
                        "华兴科技有限公司投资3亿元的智能传感器生产线项目；青山康养小镇项目。"
                        "另据了解，南浔文旅综合体项目进展顺利。", published="2023-06-13")
    got = dict(fact_list(doc, "startedOn"))
    for name in ("东湖智慧物流项目", "智能传感器生产线项目", "青山康养小镇项目"):
        assert got.get(name) == DateValue("2023-06-12"), (name, got)
    assert "南浔文旅综合体项目" not in got


def test_each_event_takes_the_date_written_before_it(pipeline):
    doc = run(pipeline, "6月12日，吴兴区重大项目集中开工活动举行。"
                        "同日竣工投产的东湖智慧物流项目，总投资12亿元，于2021年9月开工建设。",
              published="2023-06-13")
    assert fact_list(doc, "completedOn") == [("东湖智慧物流项目", DateValue("2023-06-12"))]
    assert fact_list(doc, "startedOn") == [("东湖智慧物流项目", DateValue("2021-09"))]


def test_last_year_in_front_of_a_month(pipeline):
    doc = run(
        pipeline,
        "华岳能源有限公司投资5亿元建设的智能电表生产线项目于去年3月18日开工。",
        published="2024-04-03",
    )
    assert fact_list(doc, "startedOn") == [("智能电表生产线项目", DateValue("2023-03-18"))]


def test_items_of_a_list_keep_the_lists_event_beside_their_own(pipeline):
    doc = run(pipeline, "4月2日，吴兴区3个重点项目集中竣工投产。其中，"
                        "华岳锂电有限公司年产2万吨正极材料项目总投资12亿元，"
                        "去年3月开工建设；丰源恒泰机械有限公司投资3.6亿元建设的液压油缸生产线项目，于去年6月18日开工；"
                        "由吴兴产业投资有限公司投资2.1亿元建设的标准化厂房一期项目，共建成厂房12栋。"
                        "另外，明年还将开工建设南浔物流园项目。", published="2024-04-03")
    done = dict(fact_list(doc, "completedOn"))
    for name in (
        "华岳锂电有限公司年产2万吨正极材料项目",
        "液压油缸生产线项目",
        "标准化厂房一期项目",
    ):
        assert done.get(name) == DateValue("2024-04-02"), (name, done)
    assert ("液压油缸生产线项目", DateValue("2023-06-18")) in fact_list(doc, "startedOn")
    assert "南浔物流园项目" not in done


def test_each_amount_goes_to_the_project_after_its_de(pipeline):
    doc = run(pipeline, "现场签约的项目中，湖南澄江新材料有限公司投资12亿元的高纯石英砂项目，"
                        "安徽恒岳机械有限公司投资3.5亿元的智能农机装备项目和总投资6000万元的冷链仓储中心项目。")
    got = dict(fact_list(doc, "totalInvestment"))
    assert got.get("高纯石英砂项目") == Money(1.2e9, "CNY"), got
    assert got.get("智能农机装备项目") == Money(3.5e8, "CNY"), got
    assert got.get("冷链仓储中心项目") == Money(6e7, "CNY"), got


def test_an_amount_goes_to_the_one_project_of_its_semicolon_part(pipeline):
    doc = run(pipeline, "竣工的2个项目中，赣州鸿泰电子有限公司年产8万吨铜箔项目总投资9亿元，"
                        "去年5月开工；"
                        "由兴国县城市建设投资有限公司投资2.4亿元建设的滨河大道改造工程已于上月竣工。")
    got = dict(fact_list(doc, "totalInvestment"))
    assert list(got.values()).count(Money(9e8, "CNY")) == 1, got
    assert Money(2.4e8, "CNY") in got.values(), got
    assert all("个项目" not in name for name in got), got


def test_two_events_with_their_own_dates_in_one_sentence(pipeline):
    doc = run(pipeline, "今年5月开工的湖南澄江有机肥业有限公司年产20万吨生物有机肥项目，"
                        "已于8月底建成投产。",
              published="2024-09-27")
    assert fact_list(doc, "startedOn") == [
        ("湖南澄江有机肥业有限公司年产20万吨生物有机肥项目", DateValue("2024-05"))
    ]
    assert fact_list(doc, "completedOn") == [
        ("湖南澄江有机肥业有限公司年产20万吨生物有机肥项目", DateValue("2024-08"))
    ]


def test_a_date_belongs_to_the_first_event_after_it(pipeline):
    doc = run(pipeline, "去年3月签约的东湖智慧物流项目，于今年2月开工，"
                        "仅用8个月即建成投产。", published="2024-10-31")
    assert fact_list(doc, "signedOn") == [("东湖智慧物流项目", DateValue("2023-03"))]
    assert fact_list(doc, "startedOn") == [("东湖智慧物流项目", DateValue("2024-02"))]
    assert fact_list(doc, "completedOn") == []


def test_an_amount_in_renminbi_written_before_the_figure(pipeline):
    doc = run(
        pipeline, "同场签约的还有民营企业福清恒远纺织有限公司投资人民币2.6亿元的功能面料项目。"
    )
    assert fact_list(doc, "totalInvestment") == [("功能面料项目", Money(2.6e8, "CNY"))]


def test_a_later_event_without_its_own_date_gets_none(pipeline):
    doc = run(pipeline, "抚州佳禾食品有限公司投资1.3亿元建设的腌菜精深加工项目，于今年2月开工，"
                        "仅用8个月即建成投产；",
              published="2024-10-31")
    assert fact_list(doc, "startedOn") == [("腌菜精深加工项目", DateValue("2024-02"))]
    assert fact_list(doc, "completedOn") == []


def test_events_joined_share_their_date(pipeline):
    doc = run(pipeline, "3月19日，东湖智慧物流项目签约并开工。", published="2024-03-20")
    assert fact_list(doc, "signedOn") == [("东湖智慧物流项目", DateValue("2024-03-19"))]
    assert fact_list(doc, "startedOn") == [("东湖智慧物流项目", DateValue("2024-03-19"))]


def test_put_into_operation_and_opened_to_traffic_are_completions(pipeline):
    doc = run(pipeline, "6月30日，兴南大街跨线桥建成通车。", published="2024-07-05")
    assert fact_list(doc, "completedOn") == [("兴南大街跨线桥", DateValue("2024-06-30"))]


def test_same_day_means_the_articles_event_and_a_coreferent_project_takes_its_own_dates(pipeline):
    doc = run(pipeline, "5月28日上午，柳江区重大项目集中开工仪式举行。"
                        "主会场所在的轻量化底盘项目由桂柳汽车零部件有限公司"
                        "投资建设。该项目去年11月签约，从签约到开工仅用了半年时间。同日开工的还有：华锦纱线项目；"
                        "螺香坊食品加工基地二期项目。", published="2024-05-29")
    assert ("轻量化底盘项目", DateValue("2023-11")) in fact_list(doc, "signedOn"), fact_list(
        doc, "signedOn"
    )
    started = dict(fact_list(doc, "startedOn"))
    assert started.get("华锦纱线项目") == DateValue("2024-05-28"), started


def test_last_month_is_read_against_the_publication_date(pipeline):
    doc = run(pipeline, "入驻园区的柳州精锐传动科技有限公司新能源汽车齿轮箱项目去年9月开工，"
                        "已于上月竣工。",
              published="2024-05-29")
    got = {(p, d.iso) for p, d in fact_list(doc, "startedOn") + fact_list(doc, "completedOn")}
    assert got == {("柳州精锐传动科技有限公司新能源汽车齿轮箱项目", "2023-09"),
                   ("柳州精锐传动科技有限公司新能源汽车齿轮箱项目", "2024-04")}, got


def test_each_project_takes_the_events_of_its_own_clauses(pipeline):
    doc = run(pipeline, "2011年3月19日，华光物流项目签约，青山食品项目开工。")
    assert set(fact_list(doc, "signedOn")) == {("华光物流项目", DateValue("2011-03-19"))}
    assert set(fact_list(doc, "startedOn")) == {("青山食品项目", DateValue("2011-03-19"))}
    doc = run(pipeline, "华光物流项目于2011年3月开工，青山食品项目总投资3亿元。")
    assert fact_list(doc, "startedOn") == [("华光物流项目", DateValue("2011-03"))]


def test_a_deadline_is_not_the_day_of_an_event(pipeline):
    doc = run(pipeline, "华光物流项目、青山食品项目2月底前开工。")
    assert fact_list(doc, "startedOn") == []


def test_the_first_month_and_a_month_of_an_unknown_year(pipeline):
    doc = run(pipeline, "华光物流项目已于元月建成投产。")
    assert fact_list(doc, "completedOn") == [("华光物流项目", DateValue("--01"))]
    doc = run(pipeline, "华光物流项目元月开工。", published="2011-05-03")
    assert fact_list(doc, "startedOn") == [("华光物流项目", DateValue("2011-01"))]


def test_a_count_of_other_things_does_not_make_an_amount_a_sum(pipeline):
    doc = run(pipeline, "华光物流项目总投资3亿元，全线3个工程标段同步施工。")
    assert [(s, o.value) for s, o in fact_list(doc, "totalInvestment")] == [("华光物流项目", 3e8)]
    doc = run(pipeline, "今年共有华光物流项目等5个项目开工，总投资30亿元。")
    assert fact_list(doc, "totalInvestment") == []


def test_each_listed_project_with_its_own_investment_figure(pipeline):
    doc = run(pipeline, "此次开工项目包括投资15亿元的东湖商业综合体项目、"
                        "投资8亿元的华光国际大酒店项目等30个，总投资120亿元。")
    got = dict(fact_list(doc, "totalInvestment"))
    assert got == {"东湖商业综合体项目": Money(1.5e9, "CNY"),
                   "华光国际大酒店项目": Money(8e8, "CNY")}


@pytest.mark.parametrize("text, value", [
    ("东湖物流园项目前期工作已经启动，项目投资初步估计会超过50亿元。", 5e9),
    ("东湖物流园项目由华光投资有限公司注资5亿元人民币建设。", 5e8),
])
def test_investment_figure_after_an_estimate_or_an_injection(pipeline, text, value):
    doc = run(pipeline, text)
    assert fact_list(doc, "totalInvestment") == [("东湖物流园项目", Money(value, "CNY"))]


@pytest.mark.parametrize("text, date", [
    ("7月29日，东湖风电场二期项目成功并网发电。", "2011-07-29"),
    ("4月10日凌晨，东湖隧道项目全线顺利贯通。", "2011-04-10"),
])
def test_grid_connection_and_breakthrough_complete_a_project(pipeline, text, date):
    doc = run(pipeline, text, published="2011-08-02")
    assert [d for _, d in fact_list(doc, "completedOn")] == [DateValue(date)]


def test_event_with_a_year_and_no_month(pipeline):
    doc = run(pipeline, "2019年，华兴集团签下了滨河物流园项目。", published="2020-05-01")
    assert fact_list(doc, "signedOn") == [("滨河物流园项目", DateValue("2019"))]
    doc = run(pipeline, "去年底，华兴集团与该区签约滨河物流园项目。", published="2020-05-01")
    assert fact_list(doc, "signedOn") == [("滨河物流园项目", DateValue("2019"))]
    # a deadline is no event, and a month written in the sentence is its date
    doc = run(pipeline, "滨河物流园项目力争2021年底前竣工。", published="2020-05-01")
    assert fact_list(doc, "completedOn") == []
    doc = run(pipeline, "2019年开工的滨河物流园项目于2020年3月竣工。", published="2020-05-01")
    assert ("滨河物流园项目", DateValue("2020-03")) in fact_list(doc, "completedOn")
