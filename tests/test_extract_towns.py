"""Towns, townships, streets and villages (Zones), on invented sentences of the genre."""

from __future__ import annotations

from conftest import facts, run

PIPELINE = ["normalise", "metadata", "sentences", "regions", "zones", "towns"]


def zones(doc) -> set[str]:
    return {m.name for m in doc.mentions if m.type == "Zone"}


def test_town_after_its_county_belongs_to_it(pipeline):
    doc = run(pipeline, "项目选址在浙江省宁海县桃源镇，总投资3亿元。")
    assert "桃源镇" in zones(doc)
    assert ("桃源镇", "宁海县") in facts(doc, "partOf")


def test_village_after_its_town_and_a_town_after_a_cue(pipeline):
    doc = run(pipeline, "工地位于临川区青云街道石门村。青云街道加快推进城镇化。")
    assert {"青云街道", "石门村"} <= zones(doc)
    assert ("石门村", "青云街道") in facts(doc, "partOf")
    assert ("青云街道", "临川区") in facts(doc, "partOf")
    spans = [doc.text[m.start:m.end] for m in doc.mentions if m.name == "青云街道"]
    assert len(spans) == 2  # read once, found wherever the article writes it


def test_a_town_named_after_its_county_is_not_the_county(pipeline):
    doc = run(pipeline, "在宁海县宁海镇举行开工仪式。")
    assert "宁海镇" in zones(doc)
    counties = [doc.text[m.start:m.end] for m in doc.mentions if m.name == "宁海县"]
    assert counties == ["宁海县"]


def test_list_of_towns_gives_bare_names(pipeline):
    doc = run(pipeline, "宁海县沿线的前童、梅林、桥头胡等乡镇正在抓紧征地。")
    assert {"前童", "梅林", "桥头胡"} <= zones(doc)


def test_generic_words_are_no_towns(pipeline):
    doc = run(pipeline, "宁海县推进城镇化和乡村振兴，乡镇企业发展迅速，家电下乡在农村热销。"
                        "全县各乡镇建设特色小镇，到达顾问村委会。中国农村能源协会在乡镇召开会议。")
    assert zones(doc) == set()


def test_villages_one_after_another_belong_to_the_same_town(pipeline):
    doc = run(pipeline, "宁海县桃坪乡辖区内的上坪村白杨沟村征地已完成。桃坪乡财政收入增长。")
    assert {("上坪村", "桃坪乡"), ("白杨沟村", "桃坪乡")} <= facts(doc, "partOf")


def test_a_zone_named_after_a_town_is_part_of_it(pipeline):
    doc = run(pipeline, "宁海县在桃坪乡规划了桃坪工业园。桃坪工业园引进企业20家。")
    assert ("桃坪工业园", "桃坪乡") in facts(doc, "partOf")


def test_towns_without_a_parent_belong_to_the_city_the_article_keeps_naming(pipeline):
    # the county most named (the investors' home) is not where the city's towns are
    doc = run(pipeline, "来自宁海县的客商，宁海县企业家和宁海县商会考察中山市。中山市位于珠三角，"
                        "中山市交通便利，中山市环境优美，中山市产业集聚，中山市人才多，中山市政府欢迎。"
                        "客商选址在沙溪镇。")
    assert ("沙溪镇", "中山市") in facts(doc, "partOf"), facts(doc, "partOf")
