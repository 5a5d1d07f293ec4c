"""Person names on invented sentences of the genre (other provinces, traditional script)."""

from __future__ import annotations

import pytest
from conftest import names, run

from kg.extract.people import name_after
from kg.extract.person_names import surname_len, valid_name
from kg.extract.title_chains import title_chain
from kg.model import Document

PIPELINE = ["normalise", "metadata", "sentences", "bylines", "people"]


@pytest.mark.parametrize("name, ok", [
    ("李旭", True), ("欧阳晓东", True), ("司马南", True), ("马克·施耐德", True),
    ("春光明媚", False), ("张", False), ("王局长", False), ("曹县", False),
    ("李旭说", False), ("欧阳", False),
])
def test_valid_name(name, ok):
    assert valid_name(name) is ok


def test_compound_surname_length():
    assert surname_len("诸葛亮") == 2
    assert surname_len("李亮") == 1


def test_names_after_a_title_chain(pipeline):
    doc = run(pipeline, "翠屏区召开大会。市委常委、区委书记黄明远，区委副书记、"
                        "区长邓晓梅出席会议。")
    assert names(doc, "Person") == {"黄明远", "邓晓梅"}
    posts = {p.name: [doc.text[a:b] for a, b in p.chain] for p in doc.person_posts}
    assert posts == {"黄明远": ["市委常委", "区委书记"], "邓晓梅": ["区委副书记", "区长"]}


def test_name_length_from_what_follows(pipeline):
    doc = run(pipeline, "蓬江区长王士强在会上讲话。公司外联科科长李旭同样感触颇深。")
    assert names(doc, "Person") == {"王士强", "李旭"}


def test_speech_verbs_and_glued_verbs(pipeline):
    doc = run(pipeline, "“订单很足。”陈晓说。欧阳晓东表示，将扩大投资。据周立新介绍，项目已开工。")
    assert names(doc, "Person") == {"陈晓", "欧阳晓东", "周立新"}


def test_leader_lists_are_names_without_posts(pipeline):
    doc = run(pipeline, "区领导赵一鸣、钱多多、孙立平出席活动。")
    assert names(doc, "Person") == {"赵一鸣", "钱多多", "孙立平"}
    assert doc.person_posts == []


def test_group_descriptor_is_not_a_name(pipeline):
    doc = run(pipeline, "建立区级领导包挂街道制度，领导干部深入一线。")
    assert names(doc, "Person") == set()


def test_common_words_and_places_are_not_names(pipeline):
    doc = run(pipeline, "省城春光明媚。智能化生产线投产。曹县区长高佳出席签约仪式。")
    assert "春光明媚" not in names(doc, "Person") and "智能化" not in names(doc, "Person")
    assert "曹县" not in names(doc, "Person")
    assert "高佳" in names(doc, "Person")


def test_region_glued_name_takes_the_known_form(pipeline):
    # 江海 is the name; 洪亮 describes the voice; the second sighting is the same person
    doc = run(pipeline, "在区委书记江海洪亮的声音中，大会开幕。区委书记江海洪强调，要抓项目。")
    assert names(doc, "Person") == {"江海"}


def test_traditional_script(pipeline):
    doc = run(pipeline, "縣委副書記、縣長陳立新表示，將優化服務。")
    assert names(doc, "Person") == {"陈立新"}
    m = next(m for m in doc.mentions if m.type == "Person")
    assert doc.surface(m.start, m.end) == "陳立新"


def test_foreign_name_without_the_verb(pipeline):
    doc = run(pipeline, "海德精密机械中国区总经理马克·施耐德说，很有信心。")
    assert names(doc, "Person") == {"马克·施耐德"}


def test_pinyin_gloss_between_title_and_name(pipeline):
    doc = run(pipeline, "区委副书记、区长(qū zhǎng)吴晓东致辞。")
    assert names(doc, "Person") == {"吴晓东"}
    chain = doc.person_posts[0].chain
    assert [doc.text[a:b] for a, b in chain] == ["区委副书记", "区长"]


def test_name_after_rejects_non_surnames():
    from kg.sentences import split_sentences

    d = split_sentences(Document(path="a", name="a", raw="", text="主任负责协调"))
    assert name_after(d, d.sentences[0], 2) is None


def test_title_chain_stops_at_preposition():
    from kg.sentences import split_sentences

    d = split_sentences(Document(path="a", name="a", raw="", text="由开发区党工委委员、"
                                                                  "管委会副主任刘芳主持"))
    end = d.text.index("刘芳")
    assert [d.text[a:b] for a, b in title_chain(d, d.sentences[0], end)] == [
        "开发区党工委委员",
        "管委会副主任",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "区委书记强调，要抓好项目建设。",
        "县委书记高度重视招商工作。",
        "区委书记项目推进会召开。",
        "董事长安排部署工作。",
        "局长时间紧。",
        "区长成立了专班。",
        "书记于近日调研。",
        "主任向记者介绍。",
        "会长单位。",
        "站长白天值班。",
        "记者了解到，项目已开工。",
        "负责人金额较大。",
    ],
)
def test_words_after_titles_are_not_names(pipeline, text):
    assert names(run(pipeline, text), "Person") == set()


def test_names_that_are_words_elsewhere(pipeline):
    doc = run(pipeline, "总经理朱华明出席。厂长石磊说，订单充足。区委书记江山主持会议。")
    assert names(doc, "Person") == {"朱华明", "石磊", "江山"}


def test_speaker_at_the_start_of_the_clause(pipeline):
    doc = run(pipeline, "项目开工当天，周立华在接受记者采访时表示，将加快建设。")
    assert names(doc, "Person") == {"周立华"}


def test_name_before_a_glued_verb():
    from kg.build import extract_text

    r = extract_text("推介会上，副区长陈佳作了招商推介。区长王明强调，要抓好落实。")
    people = {k[1] for k in r.entities if k[0] == "Person"}
    assert {"陈佳", "王明"} <= people and "陈佳作" not in people, people


@pytest.mark.parametrize("text, name", [
    ("旗委副书记、旗长布仁巴雅尔致辞，副旗长张海主持活动。", "布仁巴雅尔"),
    ("县委副书记、县长阿依古丽出席签约仪式。", "阿依古丽"),
])
def test_a_name_without_a_han_surname_after_a_title(pipeline, text, name):
    assert name in names(run(pipeline, text), "Person")


def test_no_name_is_made_of_what_follows_a_title(pipeline):
    assert names(run(pipeline, "区长表示，要加快推进项目建设。局长强调，"
                               "确保安全生产。"), "Person") == set()


@pytest.mark.parametrize("text,name", [
    ("安达市委副书记、市长孟凡超作城市推介。", "孟凡超"),
    ("兴南经济开发区党工委书记宋立明说。", "宋立明"),
    ("市长陈佳作了推介。", "陈佳"),
    ("区长陈晓说，项目进展顺利。", "陈晓"),
])
def test_a_name_whose_last_character_jieba_glues_onto_the_verb(text, name):
    from kg.build import extract_text

    got = {n for t, n in extract_text(text).entities if t == "Person"}
    assert got == {name}, got


def test_occupations_and_latin_names_after_a_title(pipeline):
    doc = run(pipeline, "华岭钢铁网分析师郑开元表示，价格将趋稳。BrightStar亚太区销售总裁"
                        "Martin Hollis上周表示乐观。鹤鸣大学教授欧阳晓东认为，需求可观。")
    assert names(doc, "Person") == {"郑开元", "Martin Hollis", "欧阳晓东"}


def test_a_name_between_an_organisation_and_a_speech_verb():
    """中投证券张三表示: the name stands after another word, not after punctuation; LAC confirms."""
    from kg.build import extract_text

    def people(text):
        return {m.name for m in extract_text(text).doc.mentions if m.type == "Person"}

    assert people("华信证券刘宏伟表示，下半年行业将回暖。") == {"刘宏伟"}
    assert people("某市质量监督局孙志刚透露：“原因正在调查。”") == {"孙志刚"}
    assert people("上海梅林表示，将出售资产。") == set()  # a company named after its place


def test_a_speaker_opening_a_line_of_an_interview():
    from kg.build import extract_text

    def people(text):
        return {m.name for m in extract_text(text).doc.mentions if m.type == "Person"}

    assert people("主持人：请谈谈看法。\n周建华：我们认为市场会好转。") == {"周建华"}
    assert people("陆良：真抓实干优服务。陆良县召开会议。") == set()  # a place heading a line


def test_a_head_of_state_title_before_a_foreign_name():
    from kg.extract.person_names import title_regex
    assert title_regex().search("美国总统某某").group() == "总统"
