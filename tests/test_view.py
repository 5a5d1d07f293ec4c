"""The HTML view without a browser: data, filters, escaping, determinism, layout, files."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import numpy as np
import pyoxigraph as ox
import pytest

import kg.view
from kg.view import HtmlView, render_html, show, write_html
from kg.view.data import extract, region_scopes
from kg.view.layout import layout, overlapping, place_groups
from kg.view.render import payload, rank_key, select, vis_bundle
from kg.view.sample import HOSTILE_NAMES, demo_store, sample_quads, sample_store


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def labels(data: dict) -> set[str]:
    return {n[2] for n in data["nodes"]}


def types_of(data: dict) -> set[str]:
    return {data["types"][n[1]][0] for n in data["nodes"]}


@pytest.fixture(scope="module")
def demo() -> ox.Store:
    return demo_store(hostile=True)


# ------------------------------------------------------------------ reading the store


def test_extract_reads_nodes_names_and_provenance():
    data = extract(demo_store())
    by_label = {n.label: i for i, n in enumerate(data.nodes)}
    assert data.nodes[by_label["张店区"]].aliases == ("張店區",)
    assert "華通聯合塑膠工業有限公司" in data.nodes[by_label["华通联合塑胶工业有限公司"]].aliases
    project = by_label["新材料产业园项目"]
    investors = [f for f in data.facts if f.subject == project and f.relation == "investor"]
    assert {data.nodes[f.object].label for f in investors} == {
        "华通联合塑胶工业有限公司",
        "齐鲁石化有限公司",
    }
    texts = {data.sentences[s][0] for f in investors for s in f.sources}
    assert "新材料产业园项目由华通联合塑胶工业有限公司投资建设。" in texts
    art = data.sentences[investors[0].sources[0]][1]
    assert data.articles[art].title in {"张店区新材料产业园项目签约", "淄博市重点项目观摩"}
    values = {(f.relation, f.value) for f in data.facts if f.subject == project and f.object < 0}
    assert ("totalInvestment", "2亿元") in values and ("signedOn", "2023年3月5日") in values
    post = [f for f in data.facts if f.relation == "holdsPost"]
    assert [(data.nodes[f.subject].label, f.label, data.nodes[f.object].label) for f in post] == [
        ("王小明", "区委书记", "张店区委")]
    assert data.sentences[post[0].sources[0]][0] == "张店区委书记王小明出席签约仪式。"
    byline = [f for f in data.facts if f.relation == "reportedBy"]
    assert [(data.nodes[f.subject].type, f.label) for f in byline] == [("Article", "记者")]


def test_same_fact_in_two_articles_is_one_fact_with_both_sentences():
    store = demo_store()
    quads = list(store)
    # copy article 1's graph into a second named graph, as if another article said the same
    g2 = ox.NamedNode("https://w3id.org/cnkg/id/article/copy")
    store.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, g2) for q in quads])
    data = extract(store)
    keys = [(f.subject, f.relation, f.object, f.value, f.label) for f in data.facts]
    assert len(keys) == len(set(keys))


def test_the_shape_kg_rdf_writes_is_read():
    """Same reading from quads made by kg.rdf (the real build), not only from our samples."""
    model = pytest.importorskip("kg.model")
    from kg.graph import KnowledgeGraph

    text = "雲溪縣委書記李明出席。華興科技有限公司投資2億元的新材料項目於3月5日簽約。"
    doc = model.Document(path="a1.txt", name="a1.txt", raw=text, text=text, title="<b>标题</b>",
                         published="2021-03-06")
    doc.sentences = [
        model.Sentence(0, 0, 10, text[:10]),
        model.Sentence(1, 10, len(text), text[10:]),
    ]
    ents = [model.Entity("District", "云溪区", {"雲溪區"}, code="430603"),
            model.Entity("GovernmentBody", "云溪区委", {"縣委"}),
            model.Entity("Person", "李明"),
            model.Entity("Company", "华兴科技有限公司", {"華興科技有限公司"}),
            model.Entity("Project", "新材料项目", {"新材料項目"})]
    facts = [
        model.Fact(
            ("GovernmentBody", "云溪区委"), "locatedIn", ("District", "云溪区"), "bodies", 0
        ),
        model.Fact(
            ("Person", "李明"),
            "holdsPost",
            ("GovernmentBody", "云溪区委"),
            "posts",
            0,
            title="县委书记",
        ),
        model.Fact(
            ("Project", "新材料项目"), "investor", ("Company", "华兴科技有限公司"), "relations", 1
        ),
        model.Fact(
            ("Project", "新材料项目"), "totalInvestment", model.Money(2e8, "CNY"), "values", 1
        ),
        model.Fact(
            ("Project", "新材料项目"), "signedOn", model.DateValue("2021-03-05"), "values", 1
        ),
    ]
    g = KnowledgeGraph()
    g.add_article(model.ArticleResult(doc=doc, entities={e.key: e for e in ents}, facts=facts))
    data = extract(g.store)
    names = {n.label: n for n in data.nodes}
    assert {"云溪区", "云溪区委", "李明", "华兴科技有限公司", "新材料项目"} <= set(names)
    assert "雲溪區" in names["云溪区"].aliases
    assert any(n.type == "Article" and n.label == "<b>标题</b>" for n in data.nodes)
    post = [f for f in data.facts if f.relation == "holdsPost"]
    assert (
        post and post[0].label == "县委书记" and data.sentences[post[0].sources[0]][0] == text[:10]
    )
    inv = [f for f in data.facts if f.relation == "investor"]
    assert inv and data.sentences[inv[0].sources[0]][0] == text[10:]
    assert data.articles[data.sentences[inv[0].sources[0]][1]].title == "<b>标题</b>"
    assert {f.value for f in data.facts if f.object < 0} >= {"2亿元", "2021年3月5日"}
    # and from a merged Turtle file (everything in the default graph)
    merged = ox.Store()
    merged.bulk_extend([ox.Quad(q.subject, q.predicate, q.object) for q in g.store])
    again = extract(merged)
    assert len(again.nodes) == len(data.nodes) and len(again.facts) == len(data.facts)


# ------------------------------------------------------------------ the page


def test_page_is_self_contained_and_escaped(demo):
    html = render_html(demo)
    # exactly our three script elements (the vis bundle has a "<script>" string of its own)
    assert html.count(vis_bundle()) == 1
    assert len(re.findall(r"<script\b", html.replace(vis_bundle(), ""))) == 3
    assert len(re.findall(r"</script", html, re.I)) == 3
    markup = re.sub(r"<script[^>]*>.*?</script>", "", html.replace(vis_bundle(), ""), flags=re.S)
    assert not re.search(r"""\b(src|href|url)\s*[=(]""", markup)  # nothing to fetch in the markup
    assert "sourceMappingURL" not in html
    data_block = re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data_block and ">" not in data_block and "&" not in data_block
    for name in HOSTILE_NAMES:
        assert name not in html.replace(data_block, "")  # not in markup or script
    data = page_data(html)
    assert set(HOSTILE_NAMES) <= labels(data)  # but in the data, intact


def test_csp_forbids_network_and_allows_only_our_scripts(demo):
    html = render_html(demo)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert (
        "default-src 'none'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for s in scripts:
        h = base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
        assert f"'sha256-{h}'" in csp


def test_title_is_escaped(demo):
    html = render_html(demo, title='<script>alert(1)</script>"&')
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;</title>" in html
    assert page_data(html)["title"] == '<script>alert(1)</script>"&'


def test_deterministic_bytes():
    quads = sample_quads(300)
    a, b = ox.Store(), ox.Store()
    a.bulk_extend(quads)
    for q in reversed(quads):  # another insertion order
        b.add(q)
    assert render_html(a) == render_html(b)
    assert render_html(a, layout="physics", max_nodes=50) == render_html(
        b, layout="physics", max_nodes=50
    )


def test_type_filter(demo):
    data = page_data(render_html(demo, types=["Company", "project"]))
    assert types_of(data) == {"Company", "Project"}
    assert "筛选" in data["scope"]
    assert types_of(page_data(render_html(demo, types=["企业"]))) == {"Company"}
    with pytest.raises(ValueError, match="unknown type"):
        render_html(demo, types=["Spaceship"])


def test_region_filter_keeps_what_is_in_the_region(demo):
    data = page_data(render_html(demo, region="张店区"))
    names = labels(data)
    assert {"张店区", "张店经济开发区", "张店区委", "新材料产业园项目", "华通联合塑胶工业有限公司",
            "王小明", "张店区新材料产业园项目签约"} <= names
    # related directly: the other investor of a project in the district
    assert "齐鲁石化有限公司" in names
    # but not what the district is in
    assert not {"淄博市", "山东省"} & names
    # by traditional alias or division code: the same page
    assert page_data(render_html(demo, region="張店區"))["nodes"] == data["nodes"]
    assert page_data(render_html(demo, region="370303"))["nodes"] == data["nodes"]
    with pytest.raises(ValueError, match="no region named"):
        render_html(demo, region="朝阳区")


def test_region_scopes_drive_the_page_region_menu(demo):
    data = page_data(render_html(demo))
    idx = {n[2]: i for i, n in enumerate(data["nodes"])}
    regions = {data["nodes"][i][2]: count for i, count in data["regions"]}
    assert regions["张店区"] < regions["淄博市"] <= regions["山东省"]
    zd = idx["张店区"]
    assert zd in data["nodes"][idx["王小明"]][7]  # posts count as "in the region"
    assert zd not in data["nodes"][idx["淄博市"]][7]


def test_max_nodes_keeps_the_most_connected():
    store = sample_store(200)
    full = extract(store)
    data = page_data(render_html(store, max_nodes=25))
    assert len(data["nodes"]) == 25 and data["total"] == len(full.nodes)
    ranked = sorted(full.nodes, key=rank_key)
    assert [n[2] for n in data["nodes"]] == [n.label for n in ranked[:25]]
    assert ranked[0].type in ("Province", "City", "District")
    with pytest.raises(ValueError):
        render_html(store, max_nodes=0)


def test_facts_to_nodes_outside_the_page_become_text(demo):
    data = page_data(render_html(demo, types=["Project"]))
    project = [i for i, n in enumerate(data["nodes"]) if n[2] == "新材料产业园项目"][0]
    facts = [f for f in data["facts"] if f[0] == project and f[1] == "investor"]
    assert {f[2] for f in facts} == {-1}
    assert any(f[3].startswith("华通联合塑胶工业有限公司") for f in facts)


def test_bad_options(demo):
    with pytest.raises(ValueError, match="layout"):
        render_html(demo, layout="circle")
    with pytest.raises(ValueError):
        render_html(demo, initial_nodes=0)


def test_empty_store_gives_a_page():
    html = render_html(ox.Store())
    data = page_data(html)
    assert data["nodes"] == [] and data["facts"] == []


def test_write_html_is_atomic(tmp_path, demo):
    out = tmp_path / "sub" / "graph.html"
    assert write_html(demo, out, title="图") == out
    assert out.read_text(encoding="utf-8") == render_html(demo, title="图")
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]
    before = out.read_bytes()
    with pytest.raises(ValueError):
        write_html(demo, out, layout="nope")
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_show_for_jupyter(demo):
    v = show(demo, height=400)
    assert isinstance(v, HtmlView)
    frame = v._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in frame
    srcdoc = frame[len('<iframe srcdoc="'):frame.index('" sandbox=')]
    assert "<" not in srcdoc and '"' not in srcdoc
    assert "height:400px" in frame


def test_kg_view_view_shows_or_writes_a_graph(demo, tmp_path):
    assert isinstance(kg.view.view(demo), HtmlView)
    assert kg.view.view(demo, tmp_path / "v.html").is_file()


# ------------------------------------------------------------------ layout


def test_layout_groups_do_not_overlap():
    extent = np.array([[-50, 50, -20, 30], [-120, 100, -90, 90], [-80, 80, -80, 10],
                       [-10, 10, -10, 10], [-200, 210, -150, 150], [-30, 30, -30, 30]],
                      dtype=float)
    centres = place_groups(extent, {(0, 1): 3, (1, 2): 1, (3, 4): 2})
    box = np.column_stack([centres[:, 0] + extent[:, 0], centres[:, 1] + extent[:, 2],
                           centres[:, 0] + extent[:, 1], centres[:, 1] + extent[:, 3]])
    for i in range(len(box)):
        for j in range(i + 1, len(box)):
            a, b = box[i], box[j]
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (i, j)
    width, height = np.ptp(box[:, [0, 2]]), np.ptp(box[:, [1, 3]])
    assert 1.0 < width / height < 3.0  # about a screen's shape


def test_layout_separates_nodes_and_is_deterministic():
    rng = np.random.default_rng(3)
    edges = [tuple(e) for e in rng.integers(0, 300, size=(600, 2))]
    groups = [i // 60 for i in range(300)]
    a = layout(300, edges, groups)
    assert (a == layout(300, edges, groups)).all()
    assert len({tuple(p) for p in a}) == 300  # no two nodes on the same spot


def test_page_positions_cover_every_node():
    store = sample_store(400)
    data = extract(store)
    body = payload(data, select(data), title="t", physics=False, initial=100)
    xy = [(n[5], n[6]) for n in body["nodes"]]
    assert len(xy) == len(data.nodes) and len(set(xy)) == len(xy)
    assert len(region_scopes(data)) == len(data.nodes)


def test_layout_boxes_and_satellites_never_overlap():
    rng = np.random.default_rng(5)
    n = 400
    edges = [tuple(e) for e in rng.integers(0, n, size=(900, 2))]
    groups = [int(g) for g in rng.integers(0, 12, size=n)]
    boxes = np.column_stack([rng.uniform(8, 90, n), rng.uniform(8, 20, n), rng.uniform(20, 45, n)])
    satellites = list(range(0, n, 7))
    pos = layout(n, edges, groups, boxes=boxes, satellites=satellites)
    assert (pos == layout(n, edges, groups, boxes=boxes, satellites=satellites)).all()
    i, j = overlapping(pos.astype(float), boxes, gap=0.0)
    assert len(i) == 0


@pytest.fixture(scope="module")
def seeds_payload() -> tuple:
    import kg as kg_package

    data = extract(kg_package.build(["seeds"]).store)
    return data, payload(data, select(data), title="t", physics=False, initial=2000)


def test_the_seeds_layout_groups_by_region(seeds_payload):
    """What lies in a district is drawn nearer to it than to any other district."""
    data, body = seeds_payload
    xy = {n[0]: np.array(n[5:7], dtype=float) for n in body["nodes"]}
    short = {i: body["nodes"][k][0] for k, i in enumerate(select(data).keep)}
    districts = [i for i, n in enumerate(data.nodes) if n.type == "District"]
    assert len(districts) == 5
    near = far = 0
    for f in data.facts:
        if f.relation in ("locatedIn", "partOf") and f.object in districts:
            d = {o: np.hypot(*(xy[short[f.subject]] - xy[short[o]])) for o in districts}
            near += min(d, key=d.get) == f.object
            far += min(d, key=d.get) != f.object
    assert near > 40 and far <= near // 20
    assert {n[9] for n in body["nodes"] if n[8] >= 0} == {5}  # articles are small


def test_page_nodes_keep_the_first_sources_and_count_the_rest(seeds_payload):
    _, body = seeds_payload
    assert all(len(f[5]) <= 5 and f[6] >= 0 for f in body["facts"])
    arts = {k for k, n in enumerate(body["nodes"]) if n[8] >= 0}
    # the articles of a fact are page articles; those with a node are drawn
    assert all(0 <= a < len(body["articles"]) for f in body["facts"] for a in f[7])
    assert {body["articles"][a][4] for f in body["facts"] for a in f[7]} <= arts
