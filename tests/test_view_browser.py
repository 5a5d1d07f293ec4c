"""The HTML view in a real headless Chromium: drawing, search, filters, provenance, safety.

Driven through the DevTools protocol over a pipe (kg.view.browser, stdlib
only).  Skipped, with the reason shown, only when no Chromium is installed.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.view import write_html
from kg.view.browser import READY, find_chromium
from kg.view.sample import HOSTILE_NAMES, demo_store, sample_store

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    d = tmp_path_factory.mktemp("view")
    out = {
        "demo": write_html(demo_store(hostile=True), d / "demo.html", title="张店区 <测试>"),
        "physics": write_html(demo_store(), d / "physics.html", layout="physics"),
        "capped": write_html(sample_store(600), d / "capped.html", initial_nodes=100),
        "physics-capped": write_html(sample_store(150), d / "physics-capped.html", layout="physics",
                                     initial_nodes=40),
        "empty": write_html(ox.Store(), d / "empty.html"),
        "articles": write_html(demo_store(), d / "articles.html", types=["Article"]),
    }
    return out


def open_page(browser, path):
    page = browser.new_page()
    page.goto(path.as_uri())
    page.wait_for(READY, timeout=30)
    return page


@pytest.fixture()
def demo(browser, pages):
    page = open_page(browser, pages["demo"])
    yield page
    page.close()


def index_of(page, label: str) -> int:
    i = page.evaluate(f"kgView.data.nodes.findIndex(function (n) {{ return n[2] === {label!r}; }})")
    assert i >= 0, label
    return i


def click_node(page, i: int) -> None:
    """Bring node i to the middle of the graph and click it with the mouse."""
    page.wait_for("!kgView.animating", timeout=5)  # a focus animation would move the view under us
    page.evaluate(
        f"document.getElementById('panel').hidden = true;"
        f"kgView.network.moveTo({{position: kgView.network.getPosition({i}), scale: 1.2}})"
    )
    x, y = page.evaluate(f"""(function () {{
        var r = document.getElementById('graph').getBoundingClientRect(),
            p = kgView.domPosition({i});
        return [r.left + p.x, r.top + p.y]; }})()""")
    page.click(x, y)
    page.wait_for("!document.getElementById('panel').hidden", timeout=5)


def panel_text(page) -> str:
    return page.evaluate("document.getElementById('panel-body').textContent")


def assert_clean(page, path) -> None:
    assert page.errors() == []
    assert page.requests() == [path.as_uri()]
    assert page.evaluate("typeof window.__pwned") == "undefined"


# ------------------------------------------------------------------ tests


ARTICLE = "kgView.data.types[kgView.data.nodes[{}][1]][0] === 'Article'"
FACT_EDGES = "kgView.data.facts.filter(function (f) { return f[0] >= 0 && f[2] >= 0; }).length"


def test_nodes_render(demo, pages):
    n = demo.evaluate("kgView.data.nodes.length")
    assert n == 17
    articles = demo.evaluate(f"""kgView.data.nodes.filter(function (n, i) {{
        return {ARTICLE.format('i')}; }}).length""")
    assert articles == 3
    # articles start hidden, with their edges
    assert demo.evaluate("kgView.nodes.length") == n - articles
    assert demo.evaluate(
        f"kgView.nodes.getIds().every(function (i) {{ return !({ARTICLE.format('i')}); }})")
    assert demo.evaluate("kgView.edges.length") == demo.evaluate(f"""kgView.data.facts.filter(
        function (f) {{ return f[0] >= 0 && f[2] >= 0 && !({ARTICLE.format('f[0]')})
                               && !({ARTICLE.format('f[2]')}); }}).length""")
    # the legend's 文章 box shows them
    assert demo.evaluate("document.querySelector('input[data-type=\"Article\"]').checked") is False
    demo.evaluate("document.querySelector('input[data-type=\"Article\"]').click()")
    assert demo.evaluate("kgView.nodes.length") == n
    edges = demo.evaluate(FACT_EDGES + " + kgView.data.mentions.length")
    assert demo.evaluate("kgView.edges.length") == edges
    # the canvas really has something drawn on it
    inked = demo.evaluate("""(function () {
        var c = document.querySelector('#graph canvas'), ctx = c.getContext('2d');
        var d = ctx.getImageData(0, 0, c.width, c.height).data, n = 0;
        for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n; })()""")
    assert inked > 2000
    assert demo.evaluate("document.getElementById('title').textContent") == "张店区 <测试>"
    assert demo.evaluate("document.title") == "张店区 <测试>"
    assert "显示 17 / 17" in demo.evaluate("document.getElementById('status').textContent")
    # back to the defaults: articles hidden
    demo.evaluate("document.getElementById('reset').click()")
    assert "显示 14 / 17" in demo.evaluate("document.getElementById('status').textContent")
    assert_clean(demo, pages["demo"])


def test_search_by_traditional_alias_focuses_the_node(demo, pages):
    target = index_of(demo, "张店区")
    demo.evaluate("document.getElementById('search').focus()")
    demo.type_text("張店區")
    first = demo.evaluate("document.querySelector('#results li button').textContent")
    assert first.startswith("张店区") and "别名：張店區" in first
    demo.press("Enter", key_code=13)
    assert demo.evaluate("kgView.focused") == target
    assert demo.evaluate("kgView.network.getSelectedNodes()") == [target]
    assert panel_text(demo).startswith("张店区")
    # the view moves to it
    demo.wait_for("!kgView.animating", timeout=5)
    x, y = demo.evaluate(
        f"(function () {{ var p = kgView.domPosition({target}); return [p.x, p.y]; }})()"
    )
    w, h = demo.evaluate(
        "[document.getElementById('graph').clientWidth, "
        "document.getElementById('graph').clientHeight]"
    )
    assert abs(x - w / 2) < 5 and abs(y - h / 2) < 5
    assert_clean(demo, pages["demo"])


def test_search_folds_traditional_script_without_an_alias(demo, pages):
    target = index_of(demo, "齐鲁石化有限公司")  # its only alias is 齐魯石化有限公司
    assert "齊魯石化有限公司" not in demo.evaluate(f"kgView.data.nodes[{target}][3]")
    demo.evaluate("document.getElementById('search').focus()")
    demo.type_text("齊魯石化")
    demo.press("Enter", key_code=13)
    assert demo.evaluate("kgView.focused") == target
    assert_clean(demo, pages["demo"])


def test_type_filter_hides_nodes(demo, pages):
    people = demo.evaluate(
        "kgView.data.nodes.filter(function (n) { "
        "return kgView.data.types[n[1]][0] === 'Person'; }).length"
    )
    assert people == 3
    before = demo.evaluate("kgView.nodes.length")
    x, y = demo.evaluate("""(function () {
        var r = document.querySelector('input[data-type="Person"]').getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2]; })()""")
    demo.click(x, y)
    assert demo.evaluate("document.querySelector('input[data-type=\"Person\"]').checked") is False
    assert demo.evaluate("kgView.nodes.length") == before - people
    assert demo.evaluate("""kgView.nodes.get().filter(function (n) {
        return kgView.data.types[kgView.data.nodes[n.id][1]][0] === 'Person'; }).length""") == 0
    # no edge is left hanging
    assert demo.evaluate("""kgView.edges.get().every(function (e) {
        return kgView.nodes.get(e.from) && kgView.nodes.get(e.to); })""")
    demo.click(x, y)
    assert demo.evaluate("kgView.nodes.length") == before
    assert_clean(demo, pages["demo"])


def test_region_filter(demo, pages):
    zd = index_of(demo, "张店区")
    demo.evaluate(f"kgView.setRegion({zd})")
    shown = set(
        demo.evaluate("kgView.nodes.get().map(function (n) { return kgView.data.nodes[n.id][2]; })")
    )
    assert {"张店区", "新材料产业园项目", "王小明"} <= shown
    assert not {"淄博市", "山东省"} & shown
    assert_clean(demo, pages["demo"])


def test_click_node_shows_provenance(demo, pages):
    click_node(demo, index_of(demo, "新材料产业园项目"))
    text = panel_text(demo)
    assert text.startswith("新材料产业园项目")
    assert "项目" in text and "新材料產業園項目" in text  # type and alias
    assert "https://w3id.org/cnkg/id/project/新材料产业园项目" in text
    assert "投资方：华通联合塑胶工业有限公司" in text
    assert "新材料产业园项目由华通联合塑胶工业有限公司投资建设。" in text
    assert "《张店区新材料产业园项目签约》" in text
    assert "总投资：2亿元" in text and "签约日期：2023年3月5日" in text
    click_node(demo, index_of(demo, "王小明"))
    assert "任职（区委书记）：张店区委" in panel_text(demo)
    assert "张店区委书记王小明出席签约仪式。" in panel_text(demo)
    assert_clean(demo, pages["demo"])


def hover_node(page, i: int) -> str:
    """Move the mouse onto node i and return the tooltip's text once it shows."""
    page.wait_for("!kgView.animating", timeout=5)
    page.evaluate(
        f"kgView.network.moveTo({{position: kgView.network.getPosition({i}), scale: 1.2}})"
    )
    x, y = page.evaluate(f"""(function () {{
        var r = document.getElementById('graph').getBoundingClientRect(),
            p = kgView.domPosition({i});
        return [r.left + p.x, r.top + p.y]; }})()""")
    page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x - 40, "y": y - 40})
    page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    page.wait_for(
        "(function () { var t = document.querySelector('div.vis-tooltip');"
        " return !!t && t.style.visibility !== 'hidden' && t.textContent.length > 0; })()",
        timeout=5,
    )
    return page.evaluate("document.querySelector('div.vis-tooltip').textContent")


def test_hover_shows_type_aliases_and_sources(demo, pages):
    text = hover_node(demo, index_of(demo, "新材料产业园项目"))
    assert text.startswith("项目：新材料产业园项目")
    assert "新材料產業園項目" in text  # the traditional alias
    assert "新材料产业园项目由华通联合塑胶工业有限公司投资建设。" in text  # a source sentence
    name = '<img src=x onerror="window.__pwned=1">'
    hostile = next((n for n in HOSTILE_NAMES if name in n), HOSTILE_NAMES[0])
    text = hover_node(demo, index_of(demo, hostile))
    assert hostile in text  # shown as text ...
    # ... not as markup (innerText turns line breaks into <br>, nothing else)
    assert demo.evaluate("document.querySelectorAll('div.vis-tooltip *:not(br)').length") == 0
    demo.browser.pump(0.3)
    assert_clean(demo, pages["demo"])


def test_click_article_shows_its_facts(demo, pages):
    demo.evaluate("kgView.setType('Article', true)")
    click_node(demo, index_of(demo, "张店区新材料产业园项目签约"))
    text = panel_text(demo)
    assert "本文事实（9）" in text
    assert "新材料产业园项目 投资方 华通联合塑胶工业有限公司" in text
    assert "王小明 任职（区委书记）（区委书记） 张店区委" not in text
    assert "王小明 任职（区委书记） 张店区委" in text
    assert "报道者（记者）：李记者" in text
    assert "提及（" in text and "发布日期2023年3月3日" in text
    assert_clean(demo, pages["demo"])


def test_hostile_strings_show_as_text_and_never_run(demo, pages):
    body = "document.getElementById('panel-body')"
    for name in HOSTILE_NAMES:
        click_node(demo, index_of(demo, name))
        assert panel_text(demo).startswith(name)
        # search for it, open the result list, then pick it
        demo.evaluate("var s = document.getElementById('search'); s.value = ''; s.focus()")
        demo.type_text(name[:12])
        assert demo.evaluate("document.querySelectorAll('#results li button').length") >= 1
        demo.press("Enter", key_code=13)
    click_node(demo, index_of(demo, HOSTILE_NAMES[0]))
    assert "<b onclick=window.__pwned=1>别名</b>" in panel_text(demo)  # the alias
    assert "（<img src=x onerror=window.__pwned=1>）" in panel_text(demo)  # a role title
    demo.evaluate("kgView.setType('Article', true)")
    click_node(demo, index_of(demo, '<img src=x onerror="window.__pwned=1">观察'))  # an article
    assert panel_text(demo).startswith('<img src=x onerror="window.__pwned=1">观察')
    assert "javascript:window.__pwned=1" in demo.evaluate(body + ".textContent")  # an IRI
    # the region menu, the legend and the panel hold no element made from the data
    assert (
        demo.evaluate(
            "document.querySelectorAll('img, iframe, object, embed, [onerror], [onclick], "
            "[onmouseover], a[href]').length"
        )
        == 0
    )
    assert demo.evaluate("document.querySelectorAll('script').length") == 3
    demo.browser.pump(0.3)
    assert_clean(demo, pages["demo"])


def test_physics_layout_settles_then_stops(browser, pages):
    page = open_page(browser, pages["physics"])
    assert page.evaluate("kgView.nodes.length") == 10  # and 2 articles, hidden
    assert page.evaluate("kgView.network.physics.options.enabled") is False
    assert_clean(page, pages["physics"])
    page.close()
    # nodes brought in later settle near their neighbours, then physics stops again
    page = open_page(browser, pages["physics-capped"])
    assert page.evaluate("kgView.nodes.length") == 40
    page.evaluate("kgView.expand(0)")
    assert page.evaluate("kgView.nodes.length") > 40
    page.wait_for("kgView.network.physics.options.enabled === false", timeout=10)
    assert_clean(page, pages["physics-capped"])
    page.close()


def test_empty_graph_page(browser, pages):
    page = open_page(browser, pages["empty"])
    assert page.evaluate("kgView.nodes.length") == 0
    page.evaluate("document.getElementById('search').focus()")
    page.type_text("张")
    assert page.evaluate("document.getElementById('results').textContent") == "没有找到匹配的节点"
    assert_clean(page, pages["empty"])
    page.close()


def test_a_page_of_articles_shows_them(browser, pages):
    page = open_page(browser, pages["articles"])
    assert page.evaluate("kgView.nodes.length") == page.evaluate("kgView.data.nodes.length") == 2
    assert page.evaluate("kgView.labels.length") == 2
    assert_clean(page, pages["articles"])
    page.close()


def test_big_page_draws_top_nodes_and_finds_the_rest(browser, pages):
    page = open_page(browser, pages["capped"])
    total = page.evaluate("kgView.data.nodes.length")
    assert total >= 550 and page.evaluate("kgView.nodes.length") == 100
    # the first hundred in rank, articles aside (hidden)
    entities = page.evaluate(f"""kgView.data.nodes.map(function (n, i) {{ return i; }})
        .filter(function (i) {{ return !({ARTICLE.format('i')}); }})""")
    assert sorted(page.evaluate("kgView.nodes.getIds()")) == entities[:100]
    # the last node (least connected) is not drawn, but search finds it and brings it in
    last = total - 1
    name = page.evaluate(f"kgView.data.nodes[{last}][2]")
    assert page.evaluate(f"kgView.nodes.get({last})") is None
    page.evaluate("document.getElementById('search').focus()")
    page.type_text(name)
    page.press("Enter", key_code=13)
    assert page.evaluate(f"kgView.nodes.get({last}) !== null")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [last]
    # "show more" adds the next hundred
    page.evaluate("document.getElementById('more').click()")
    assert page.evaluate("kgView.nodes.length") == 201
    # double-click expands a node's neighbours
    hub = page.evaluate(
        "kgView.data.nodes.findIndex(function (n, i) { return n[4] >= 2 && i > 201; })"
    )
    assert hub > 0 and page.evaluate(f"kgView.nodes.get({hub})") is None
    page.evaluate(f"kgView.expand({hub})")
    assert page.evaluate(f"""kgView.data.facts.every(function (f) {{
        return (f[0] !== {hub} || f[2] < 0 || kgView.nodes.get(f[2])) &&
               (f[2] !== {hub} || f[0] < 0 || kgView.nodes.get(f[0])); }})""")
    assert_clean(page, pages["capped"])
    page.close()


def test_screenshot_command(tmp_path, pages):
    if find_chromium() is None:
        pytest.skip(
            "chromium not found: install Debian's chromium and fonts-wqy-microhei "
                "(or set KG_CHROMIUM)"
        )
    out = tmp_path / "shot.png"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.view.screenshot",
            str(pages["demo"]),
            str(out),
            "--width",
            "800",
            "--height",
            "500",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 800 and int.from_bytes(data[20:24], "big") == 500


# ------------------------------------------------------------- the first zoom (the seeds' graph)


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory):
    import kg

    path = tmp_path_factory.mktemp("seeds") / "graph.html"
    return write_html(kg.build(["seeds"]).store, path)


@pytest.fixture()
def seeds(browser, seeds_page):
    page = open_page(browser, seeds_page)
    yield page
    page.close()


SHAPES = """kgView.nodes.getIds().map(function (i) {
    var b = kgView.network.getBoundingBox(i); return [i, b.left, b.top, b.right, b.bottom]; })"""
ENTITIES = f"""kgView.data.nodes.map(function (n, i) {{ return i; }})
    .filter(function (i) {{ return !({ARTICLE.format('i')}); }})"""


POSITION = "(function () {{ var p = kgView.domPosition({}); return [p.x, p.y]; }})()"


def disjoint(a, b) -> bool:
    """Two boxes (x0, y0, x1, y1) that do not overlap (touching is fine)."""
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_first_zoom_shows_the_main_names_readably(seeds, seeds_page):
    entities = seeds.evaluate(ENTITIES)
    assert len(entities) >= 150 and seeds.evaluate("kgView.nodes.length") == len(entities)
    labels = seeds.evaluate("kgView.labels")
    px = {lab["id"]: lab["px"] for lab in labels}
    # the ten most connected entities are labelled, at 12 px or more on screen; so is every
    # label drawn
    assert all(px.get(i, 0) >= 12 for i in entities[:10]), [
        seeds.evaluate(f"kgView.data.nodes[{i}][2]") for i in entities[:10] if i not in px]
    assert min(px.values()) >= 12 and len(labels) >= 60
    # and the whole graph is in view
    w, h = seeds.evaluate("(function () { var g = document.getElementById('graph');"
                          " return [g.clientWidth, g.clientHeight]; })()")
    for lab in labels:
        assert 0 <= lab["x0"] and lab["x1"] <= w and 0 <= lab["y0"] and lab["y1"] <= h
    for i in entities:
        x, y = seeds.evaluate(POSITION.format(i))
        assert 0 < x < w and 0 < y < h
    assert_clean(seeds, seeds_page)


def test_zooming_in_shows_the_other_names(seeds, seeds_page):
    def labelled_in_view(zoom: float) -> tuple[int, int]:
        return tuple(seeds.evaluate(f"""(function () {{
            var net = kgView.network, s0 = kgView.s0 || (kgView.s0 = net.getScale());
            net.moveTo({{position: net.getViewPosition(), scale: s0 * {zoom}, animation: false}});
            net.redraw();
            var g = document.getElementById('graph'), W = g.clientWidth, H = g.clientHeight;
            var drawn = {{}};
            kgView.labels.forEach(function (l) {{ drawn[l.id] = true; }});
            var seen = kgView.nodes.getIds().filter(function (i) {{
                var p = kgView.domPosition(i); return p.x > 0 && p.y > 0 && p.x < W && p.y < H; }});
            return [seen.filter(function (i) {{ return drawn[i]; }}).length, seen.length];
            }})()"""))

    first, everything = labelled_in_view(1)
    assert first < everything  # not every name at the first zoom ...
    drawn, seen = labelled_in_view(2)
    assert drawn / seen > 0.85  # ... but nearly every name in view at twice the zoom
    assert_clean(seeds, seeds_page)


def test_nothing_overlaps_at_the_first_zoom(seeds, seeds_page):
    shapes = seeds.evaluate(SHAPES)
    for k, a in enumerate(shapes):
        for b in shapes[k + 1:]:
            assert disjoint(a[1:], b[1:]), (a, b)
    labels = [(lab["x0"], lab["y0"], lab["x1"], lab["y1"], lab["id"])
              for lab in seeds.evaluate("kgView.labels")]
    for k, a in enumerate(labels):
        for b in labels[k + 1:]:
            assert disjoint(a, b), (a, b)
    scale = seeds.evaluate("kgView.network.getScale()")
    for i, *_ in shapes:  # no label over another node's shape
        x, y = seeds.evaluate(POSITION.format(i))
        r = seeds.evaluate(f"kgView.data.nodes[{i}][9]") * scale
        for lab in labels:
            assert lab[4] == i or disjoint(lab, (x - r, y - r, x + r, y + r)), (i, lab)
    assert_clean(seeds, seeds_page)


def test_articles_are_hidden_until_the_toggle(seeds, seeds_page):
    box = "document.querySelector('input[data-type=\"Article\"]')"
    assert seeds.evaluate(f"{box}.checked") is False
    assert seeds.evaluate(f"""kgView.nodes.getIds().filter(function (i) {{
        return {ARTICLE.format('i')}; }}).length""") == 0
    x, y = seeds.evaluate(f"(function () {{ var r = {box}.getBoundingClientRect();"
                          " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
    seeds.click(x, y)
    total = seeds.evaluate("kgView.data.nodes.length")
    assert seeds.evaluate("kgView.nodes.length") == total
    # small, beside what they mention, on nothing else
    shapes = seeds.evaluate(SHAPES)
    arts = {i for i in seeds.evaluate("kgView.data.nodes.map(function (n, i) { return i; })")
            if seeds.evaluate(ARTICLE.format(i))}
    assert len(arts) == 5
    for a in (s for s in shapes if s[0] in arts):
        assert a[3] - a[1] <= 12
        for b in shapes:
            assert a[0] == b[0] or disjoint(a[1:], b[1:]), (a, b)
    seeds.click(x, y)
    assert seeds.evaluate("kgView.nodes.length") == total - len(arts)
    assert_clean(seeds, seeds_page)


def test_searching_an_article_shows_it_alone(seeds, seeds_page):
    title = seeds.evaluate(f"""kgView.data.nodes.filter(function (n, i) {{
        return {ARTICLE.format('i')}; }})[0][2]""")
    seeds.evaluate("document.getElementById('search').focus()")
    seeds.type_text(title[:8])
    seeds.press("Enter", key_code=13)
    # that article, not the other four
    assert seeds.evaluate("kgView.nodes.length") == len(seeds.evaluate(ENTITIES)) + 1
    assert seeds.evaluate("document.querySelector('input[data-type=\"Article\"]').checked") is False
    assert panel_text(seeds).startswith(title)
    assert_clean(seeds, seeds_page)


def test_a_fact_stated_many_times_shows_five_sentences_and_the_count(browser, tmp_path):
    from test_view_data_legacy import copied

    path = write_html(copied(demo_store(), 7), tmp_path / "copies.html")
    page = open_page(browser, path)
    try:
        click_node(page, index_of(page, "新材料产业园项目"))
        text = panel_text(page)
        assert text.count("新材料产业园项目由华通联合塑胶工业有限公司投资建设。") == 5
        assert re.search(r"另有 \d+ 句（共 \d+ 句陈述此事实，此处列出前 5 句）", text)
        # an article whose sentence is not among the five still lists the fact, and says so
        page.evaluate("kgView.setType('Article', true)")
        last = page.evaluate(f"""kgView.data.nodes.map(function (n, i) {{ return i; }})
            .filter(function (i) {{ return {ARTICLE.format('i')}; }})
            .sort(function (a, b) {{
                return kgView.data.nodes[a][0] < kgView.data.nodes[b][0] ? -1 : 1; }}).pop()""")
        click_node(page, last)
        text = panel_text(page)
        assert "本文事实（3）" in text and "新材料产业园项目 投资方 齐鲁石化有限公司" in text
        assert "（共 7 句陈述此事实，此处列出前 5 句，不含本文的句子）" in text
        assert_clean(page, path)
    finally:
        page.close()
