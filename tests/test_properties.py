"""Property-based tests: whatever text comes in, every output is valid RDF that round-trips.

Arbitrary Unicode (controls, quotes, ``<>{}|\\^``, backslashes, lone
surrogates, direction marks, emoji, very long lines) is fed alone and inside
sentences of the genre, so extractors produce entities with odd names; the
graph is then written in every format and read back by rdflib and
pyoxigraph.
"""

from __future__ import annotations

import collections
import re

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kg
from kg.formats import rdf_format
from kg.graph import KnowledgeGraph
from kg.model import Document
from kg.normalise import normalise, to_simplified
from kg.read import ReadError, decode

SPECIAL = [
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\r",
    "\n",
    "\t",
    "\u2028",
    "\u2029",
    '"',
    "'",
    '"""',
    "'''",
    "<",
    ">",
    "{",
    "}",
    "|",
    "\\",
    "^",
    "`",
    "\\u0022",
    "\\n",
    "%20",
    "%",
    "#",
    ".",
    ";",
    ",",
    "@zh",
    "^^",
    "_:b0",
    "<script>alert(1)</script>",
    "</script>",
    '"onmouseover=',
    "javascript:",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "\ud800",
    "\udfff",
    "😀",
    "👨\u200d👩\u200d👧",
    "\U0010ffff",
    "𠀀",
    "區",
    "有限公司",
    "项目",
    "区委书记",
    " ",
    "\u3000",
]

weird = st.lists(
    st.one_of(st.characters(), st.sampled_from(SPECIAL), st.integers(0xD800, 0xDFFF).map(chr)),
    max_size=10,
).map("".join)
long_line = st.integers(1000, 4000).map(lambda n: "长" * n)

TEMPLATES = [
    "{0}科技有限公司投资建设{1}项目，总投资{n}亿元。",
    "宜宾市翠屏区委书记{0}出席{1}项目签约仪式。",
    "{0}翠屏区{1}经济开发区管委会主任{2}介绍情况。",
    "江门市蓬江区{0}集团有限公司与{1}签约，{2}产业园项目于2021年3月2日开工。",
    "记者 {0} 通讯员 {1}",
    "{0}",
]


@st.composite
def articles(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        template = draw(st.sampled_from(TEMPLATES))
        words = [draw(st.one_of(weird, weird, long_line)) for _ in range(3)]
        parts.append(template.format(*words, n=draw(st.integers(1, 999))))
    return draw(st.sampled_from(["\n", "", "\r\n"])).join(parts)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------ helpers

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
BAD_IRI_CHAR = re.compile(r'[\x00-\x20<>"{}|\\^`\ud800-\udfff]')


def ox_term(t) -> tuple:
    if isinstance(t, ox.NamedNode):
        return ("I", t.value)
    if isinstance(t, ox.BlankNode):
        return ("B",)
    if isinstance(t, ox.Literal):
        return ("L", t.value, t.datatype.value, t.language)
    raise TypeError(type(t))


def rdflib_term(t) -> tuple:
    if isinstance(t, rdflib.URIRef):
        return ("I", str(t))
    if isinstance(t, rdflib.BNode):
        return ("B",)
    if isinstance(t, rdflib.Literal):
        dt = str(t.datatype) if t.datatype else (LANG_STRING if t.language else XSD_STRING)
        return ("L", str(t), dt, t.language)
    raise TypeError(type(t))


def ox_triples(quads) -> collections.Counter:
    return collections.Counter(
        {tuple(ox_term(x) for x in (q.subject, q.predicate, q.object)) for q in quads}
    )


def rdflib_triples(data: bytes, fmt: str) -> collections.Counter:
    rdf_fmt = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[
        fmt
    ]
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=data.decode("utf-8"), format=rdf_fmt)
    return collections.Counter(
        {tuple(rdflib_term(x) for x in t) for t in ds.triples((None, None, None))}
    )


def assert_valid_everywhere(g: KnowledgeGraph) -> None:
    quads = g.quads()
    expected = ox_triples(quads)
    expected_quads = set(quads)
    for q in quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode):
                assert not BAD_IRI_CHAR.search(term.value), term.value
                assert ox.NamedNode(term.value) == term
    for fmt in ("ttl", "nt", "trig", "nq", "jsonld"):
        data = g.serialize(fmt=fmt)
        data.decode("utf-8")  # valid UTF-8
        back = list(ox.parse(data, format=rdf_format(fmt)))
        if fmt in ("trig", "nq") or (
            fmt == "jsonld"
            and not any(isinstance(x, ox.BlankNode) for q in quads for x in (q.subject, q.object))
        ):
            assert set(back) == expected_quads, fmt
        assert ox_triples(back) == expected, fmt
        assert rdflib_triples(data, fmt) == expected, fmt


# ------------------------------------------------------------------ properties


@SETTINGS
@given(articles())
@pytest.mark.slow
def test_any_article_gives_rdf_that_round_trips_in_every_format(text):
    assert_valid_everywhere(kg.build_text(text))


@SETTINGS
@given(weird)
@pytest.mark.slow
def test_any_text_alone(text):
    assert_valid_everywhere(kg.build_text(text))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
@pytest.mark.slow
def test_any_article_validates_against_the_shapes(text):
    from kg.validate import validate

    ok, report = validate(kg.build_text(text))
    assert ok, report


@SETTINGS
@given(
    st.lists(
        st.one_of(
            st.characters(),
            st.sampled_from(
                SPECIAL
                + [
                    "(qū)",
                    "（shū jì）",
                    "首页 > 新闻",
                    "分享到：",
                    "\n相关新闻\n",
                    "２０２１",
                    "锟斤拷",
                ]
            ),
        ),
        max_size=60,
    ).map("".join)
)
def test_offsets_always_map_text_back_to_raw(raw):
    doc = normalise(Document(path="a", name="a", raw=raw))
    offsets = doc.offsets if doc.offsets is not None else list(range(len(doc.raw)))
    assert len(offsets) == len(doc.text)
    assert all(a < b for a, b in zip(offsets, offsets[1:], strict=False))
    for i, c in enumerate(doc.text):
        r = doc.raw[offsets[i]]
        # (a character lost before its gloss is restored: a letter, U+FFFD, mojibake or ? in raw)
        assert c in (to_simplified(r), " ", "\n") or ord(r) - ord(c) == 0xFEE0 \
            or (r.isascii() or r in "\ufffd锟") and "(" in raw + "（", (c, r)
    doc.text.encode("utf-8")  # no lone surrogates reach the extractors


@SETTINGS
@given(st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_a_read_error(data):
    try:
        text, encoding = decode(data, "x.txt")
    except ReadError as e:
        assert str(e).startswith("x.txt: ") and "\n" not in str(e)
    else:
        assert isinstance(text, str) and text.strip()
        assert encoding


@SETTINGS
@given(st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=300))
def test_utf8_text_decodes_to_itself(text):
    assume(text.strip() and not text.startswith("\ufeff"))
    assert decode(text.encode("utf-8"))[0] == text


# ------------------------------------------------------------ the RDF layer with hostile names


def _has_text(s: str) -> bool:
    from kg.rdf import clean_text

    return bool(clean_text(s).strip())  # names the pipeline can produce (normalise drops the rest)


names = st.one_of(weird, st.sampled_from(SPECIAL[20:]), long_line).filter(_has_text)


@st.composite
def article_results(draw):
    from kg.model import ArticleResult, DateValue, Entity, Fact, Money, Sentence

    text = draw(articles())
    doc = normalise(Document(path="x", name=draw(names) + ".txt", raw=text))
    doc.title = draw(st.one_of(st.none(), names))
    doc.sentences = [Sentence(0, 0, len(doc.text), doc.text)]
    types = ["Zone", "Company", "GovernmentBody", "Organization", "Project", "Person"]
    ents = [Entity(t, draw(names), {draw(names)}) for t in types]
    ents.append(Entity("District", draw(names), code="510502"))
    key = {e.type: e.key for e in ents}
    facts = [
        Fact(key["Company"], "locatedIn", key["Zone"], draw(names), 0),
        Fact(key["Zone"], "partOf", key["District"], "zones", 0),
        Fact(key["Project"], "investor", key["Company"], "relations", 0),
        Fact(
            key["Project"],
            "totalInvestment",
            Money(draw(st.floats(0.01, 1e13)), "CNY"),
            "values",
            0,
        ),
        Fact(key["Project"], "signedOn", DateValue("2021-03-05"), "values", 0),
        Fact(key["Person"], "holdsPost", key["GovernmentBody"], "posts", 0, title=draw(names)),
        Fact(
            ("Article", doc.name), "reportedBy", key["Person"], "bylines", None, title=draw(names)
        ),
    ]
    return ArticleResult(doc=doc, entities={e.key: e for e in ents}, facts=facts)


@SETTINGS
@given(article_results())
@pytest.mark.slow
def test_entities_with_any_names_give_valid_iris_and_round_trip(result):
    g = KnowledgeGraph()
    g.add_article(result)
    assert_valid_everywhere(g)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_results())
@pytest.mark.slow
def test_entities_with_any_names_validate_against_the_shapes(result):
    from kg.validate import validate

    g = KnowledgeGraph()
    g.add_article(result)
    ok, report = validate(g)
    assert ok, report
