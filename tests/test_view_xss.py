"""Hostile text from articles never runs in the HTML view (headless Chromium).

tests/test_view_browser.py checks a hand-made graph; here the hostile
strings come the way users' data does: in an article file (its name, its
title line, its sentences) built with ``kg build``, and as entity names,
aliases, post titles and byline roles that go through the real RDF layer
(:func:`kg.rdf.article_quads`).  Every node is hovered and clicked, every
hostile string searched for; nothing may run, fail or fetch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.model import ArticleResult, Document, Entity, Fact, Sentence
from kg.view import write_html
from kg.view.browser import READY

pytestmark = pytest.mark.browser

PWN = "window.__pwned=1"
HOSTILE = {
    "Company": f"<script>{PWN}</script>科技有限公司",
    "Person": f'"onmouseover={PWN} x="',
    "Project": f'</script><img src=x onerror="{PWN}">项目',
    "Organization": f"javascript:{PWN}",
    "GovernmentBody": f"<svg onload={PWN}>区委",
    "Zone": f"{{{{constructor.constructor('{PWN}')()}}}}园区",
}


def hostile_result() -> ArticleResult:
    text = "".join(f"{name}位于翠屏区。" for name in HOSTILE.values())
    doc = Document(path="x.txt", name=f"<img src=x onerror={PWN}>.txt", raw=text, text=text,
                   title=f"<script>{PWN}</script>标题", published="2021-03-02")
    doc.sentences = [Sentence(0, 0, len(text), text)]
    ents = {t: Entity(t, n, {f"<b onclick={PWN}>{t}</b>"}) for t, n in HOSTILE.items()}
    ents["District"] = Entity("District", "翠屏区", code="511502")
    key = {t: e.key for t, e in ents.items()}
    facts = [
        Fact(key[t], "locatedIn", key["District"], "test", 0) for t in ("Company", "Organization")
    ]
    facts += [
        Fact(key["Project"], "investor", key["Company"], "test", 0),
        Fact(key["Zone"], "partOf", key["District"], "test", 0),
        Fact(
            key["Person"],
            "holdsPost",
            key["GovernmentBody"],
            "test",
            0,
            title=f"<img src=x onerror={PWN}>书记",
        ),
        Fact(
            ("Article", doc.name),
            "reportedBy",
            key["Person"],
            "test",
            None,
            title=f"<i onclick={PWN}>记者</i>",
        ),
    ]
    return ArticleResult(doc=doc, entities={e.key: e for e in ents.values()}, facts=facts)


@pytest.fixture(scope="module")
def built_page(tmp_path_factory) -> Path:
    """graph.html of ``kg build`` over an article file full of hostile strings."""
    d = tmp_path_factory.mktemp("xss")
    (d / "in").mkdir()
    article = d / "in" / f"<img src=x onerror={PWN}> 翠屏区.txt"
    article.write_text(
        f"<script>{PWN}</script>翠屏区重大项目签约\n"
        f"记者 </script><img src=x onerror=\"{PWN}\">\n"
        f"宜宾市翠屏区委书记李某某出席\"onmouseover={PWN} x=\"项目签约仪式。"
        f"<script>{PWN}</script>科技有限公司投资建设javascript:{PWN}项目，总投资3亿元。\n",
        encoding="utf-8")
    assert main(["build", str(d / "in"), "--out", str(d / "out"), "-q", "--jobs", "1"]) == 0
    return d / "out" / "graph.html"


@pytest.fixture(scope="module")
def entity_page(tmp_path_factory) -> Path:
    g = KnowledgeGraph()
    g.add_article(hostile_result())
    return write_html(g.store, tmp_path_factory.mktemp("xss") / "entities.html")


def open_page(browser, path: Path):
    page = browser.new_page()
    page.goto(path.as_uri())
    page.wait_for(READY, timeout=30)
    return page


def visit_every_node(page) -> str:
    """Hover and click every node (articles shown too); return all the panel texts seen."""
    seen = []
    page.evaluate("kgView.setType('Article', true)")
    assert page.evaluate("kgView.nodes.length") == page.evaluate("kgView.data.nodes.length")
    for i in page.evaluate("kgView.nodes.getIds()"):
        page.evaluate(
            f"kgView.network.moveTo({{position: kgView.network.getPosition({i}), scale: 1.2}})"
        )
        page.wait_for("!kgView.animating", timeout=5)
        x, y = page.evaluate(f"""(function () {{
            var r = document.getElementById('graph').getBoundingClientRect(),
            p = kgView.domPosition({i});
            return [r.left + p.x, r.top + p.y]; }})()""")
        page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        page.browser.pump(0.05)
        page.click(x, y)
        page.browser.pump(0.05)
        seen.append(page.evaluate("document.getElementById('panel-body').textContent"))
    return "\n".join(seen)


def search_for(page, text: str) -> None:
    page.evaluate("var s = document.getElementById('search'); s.value = ''; s.focus()")
    page.type_text(text[:12])
    page.press("Enter", key_code=13)
    page.browser.pump(0.05)


def assert_nothing_ran(page, path: Path) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors() == []
    assert page.requests() == [path.as_uri()]
    assert (
        page.evaluate(
            "document.querySelectorAll('img, svg[onload], iframe, object, embed, [onerror], "
            "[onclick], [onmouseover], [onload], a[href]').length"
        )
        == 0
    )


def test_hostile_entity_names_show_as_text_and_never_run(browser, entity_page):
    page = open_page(browser, entity_page)
    try:
        labels = page.evaluate(
            "JSON.stringify(kgView.data.nodes.map(function (n) { return n[2]; }))"
        )
        for name in HOSTILE.values():
            assert name in json.loads(labels), name
        seen = visit_every_node(page)
        for name in HOSTILE.values():
            assert name in seen, name
        assert f"<img src=x onerror={PWN}>书记" in seen and f"<b onclick={PWN}>Company</b>" in seen
        for name in HOSTILE.values():
            search_for(page, name)
        assert_nothing_ran(page, entity_page)
    finally:
        page.close()


def test_hostile_article_file_built_with_kg_build_never_runs(browser, built_page):
    html = built_page.read_text(encoding="utf-8")
    assert f"<script>{PWN}" not in html  # escaped in the page source
    page = open_page(browser, built_page)
    try:
        assert page.evaluate("kgView.nodes.length") > 3
        seen = visit_every_node(page)
        assert f"<script>{PWN}</script>" in seen  # the title or a sentence, shown as text
        search_for(page, "<script>")
        assert_nothing_ran(page, built_page)
    finally:
        page.close()
