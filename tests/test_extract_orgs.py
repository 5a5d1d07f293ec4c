"""The organisations extractor: media, chambers, research bodies, and a page's source line."""

from __future__ import annotations

from kg.build import extract_text


def test_source_line_names_the_medium():
    r = extract_text(
        "重点项目集中开工\n2025-02-13 来源：宁陵县人民政府网  记者 张三\n宁陵县12个项目集中开工。"
    )
    assert ("Organization", "宁陵县人民政府网") in r.entities
    assert ("GovernmentBody", "宁陵县人民政府") not in r.entities  # read inside the website's name
    r = extract_text("2021年09月09日 來源：江南經貿報  記者 陳雅婷\n9月8日，江门高新区项目动工。")
    assert ("Organization", "江南经贸报") in r.entities


def test_source_that_is_not_a_medium_is_not_an_organisation():
    r = extract_text("来源：网友投稿\n江门高新区项目动工。")
    assert not [k for k in r.entities if k[0] == "Organization"]


def test_a_chamber_whose_post_jieba_glues_on_is_found():
    r = extract_text("杭州市江西商会会长刘德明表示，将组织会员企业到宜宾市翠屏区考察。")
    assert ("Organization", "杭州市江西商会") in r.entities


def test_a_post_and_a_person_inside_is_not_an_organisation_name():
    r = extract_text("丰源市莆田商会会长林志坚代表异地商会发言。")
    orgs = {k[1] for k in r.entities if k[0] == "Organization"}
    assert "丰源市莆田商会" in orgs
    assert not any("会长" in o for o in orgs), orgs


def test_associations_and_hometown_societies():
    r = extract_text("漳州市龙海区召开会议。龙海区台商协会会长许明哲、"
                     "香港龙海同乡会会长陈立群出席。")
    orgs = {k[1] for k in r.entities if k[0] == "Organization"}
    assert {"龙海区台商协会", "香港龙海同乡会"} <= orgs, orgs


def test_a_cppcc_meeting_is_not_an_association():
    r = extract_text("区政协会议在龙海区召开。")
    assert not [k for k in r.entities if k[0] == "Organization"], r.entities


def test_a_papers_masthead_line_names_it():
    r = extract_text("农安县签约3个项目\n\n长白商讯报　2024年09月27日 08:10\n\n9月25日，"
                     "农安县举行签约仪式。")
    assert ("Organization", "长白商讯报") in r.entities, r.entities


def test_a_website_cited_as_a_source_is_an_organisation():
    r = extract_text("据华岭钢材网数据显示，钢价上涨。鹤鸣金属网分析师郑开元表示，需求可观。"
                     "智能电网建设加快，互联网消息称，某公司官网发布公告。")
    orgs = {k[1] for k in r.entities if k[0] == "Organization"}
    assert orgs == {"华岭钢材网", "鹤鸣金属网"}, orgs


def test_a_medium_in_book_title_marks():
    r = extract_text("郑开元对《华岭经济新闻》表示，双方并无合作。据《鹤鸣消费者报》报道，"
                     "《2010年统计公报》显示增长较快。")
    orgs = {k[1] for k in r.entities if k[0] == "Organization"}
    assert orgs == {"华岭经济新闻", "鹤鸣消费者报"}, orgs


def test_a_paper_cited_without_book_title_marks():
    from conftest import names, run

    from kg.pipeline import Pipeline

    doc = run(Pipeline(["normalise", "metadata", "sentences", "regions", "zones", "bodies",
                        "organisations"]),
              "据东海商报报道，工厂将扩建。负责人对西岭晚报记者表示，据公司年报显示利润增长。")
    got = names(doc, "Organization")
    assert {"东海商报", "西岭晚报"} <= got, got
    assert not any(n.endswith("年报") for n in got), got


def test_a_branch_association_is_an_organisation():
    from kg.build import extract_text

    r = extract_text("中煤联燃料分会会长解明远表示煤价上涨。")
    posts = {(f.subject[1], f.obj) for f in r.facts if f.predicate == "holdsPost"}
    assert posts == {("解明远", ("Organization", "中煤联燃料分会"))}, posts


def test_a_kind_of_organisation_described_but_not_named_is_none():
    from kg.extract.orgs import find_organisations
    from kg.model import Document
    from kg.sentences import split_sentences

    d = split_sentences(Document(path="a", name="a", raw="", text=(
        "鼓励相关行业协会、职业技术学院和质量技术检测中心参与，建成三幢5层交易中心，"
        "交易中心报价系统上线，青溪商会和白河大学也参加了。")))
    find_organisations(d)
    orgs = {m.name for m in d.mentions if m.type == "Organization"}
    assert orgs == {"青溪商会", "白河大学"}, orgs


def test_the_organising_committee_of_a_fair_is_an_organisation():
    r = extract_text("第三届白河国际茶叶博览会组委会昨天宣布，展会将于下月开幕。")
    assert ("Organization", "第三届白河国际茶叶博览会组委会") in r.entities, r.entities
