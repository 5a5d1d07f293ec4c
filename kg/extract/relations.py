"""Relations between companies, projects, organisations and places (runs last).

* ``investor`` (Project -> Company): the project's name begins with the
  company's name or one of its short forms (``华兴集团物流项目``), the project is
  ``由X投资/建设``, or a company's name is the label before a bracketed place
  (``兴业汽配(宜宾)产业园``);
* ``locatedIn`` (Company/Project/Organization -> region or zone): the place
  the text puts it in (``落户X``, ``位于X的``, ``在X的``), else the article's main
  place (its district, or the zone the article is about).  A company that
  only appears as a project's investor, or whose name begins with another
  province, is not placed; media and provincial bodies are not placed.

>>> from kg.model import Document, Mention
>>> d = Document(path="a", name="a", raw="", text="华兴集团物流项目落户宜宾区")
>>> from kg.sentences import split_sentences
>>> _ = split_sentences(d)
>>> d.mentions = [Mention("Project", "华兴集团物流项目", 0, 8, "t"),
...     Mention("Company", "华兴集团", 0, 4, "t"),
...               Mention("District", "宜宾区", 10, 13, "t")]
>>> find_relations(d)
>>> sorted((f.predicate, f.obj[1]) for f in d.facts)
[('investor', '华兴集团'), ('locatedIn', '宜宾区')]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from kg.components import component
from kg.extract.divisions import DIVISION_TYPES, PROVINCES, ancestors, forms, table
from kg.lexicons import alternation
from kg.model import REGION_TYPES, Document, EntityKey, Fact, Mention, Sentence
from kg.sentences import clause_at

_FOREIGN = re.compile(f"^(?:{alternation('relation_country_prefixes')})")
_LOC_CUE = re.compile(f"(?:{alternation('relation_location_cues')})(?:位于)?$")
_BUILT_BY = re.compile(f"由([^，,。；;]{{2,30}}?)(?:{alternation('relation_built_by_verbs')})")
_MEDIA = re.compile(f"(?:{alternation('relation_media_endings')})$")


def _mentions(doc: Document, type_: str) -> list[Mention]:
    return [m for m in doc.mentions if m.type == type_]


def main_place(doc: Document) -> EntityKey | None:
    """The place the article is about: its region, or the zone it keeps naming.

    A zone named more often than the district (an article about a development
    zone) is the main place for its companies and projects.
    """
    counts: Counter[EntityKey] = Counter()
    for m in doc.mentions:
        if m.type in ("District", "Zone", "City"):
            counts[(m.type, m.name)] += 1
    region = doc.region
    districts = [(n, k) for k, n in counts.items() if k[0] == "District"]
    zones = [(n, k) for k, n in counts.items() if k[0] == "Zone"]
    best_d = region if isinstance(region, tuple) else (max(districts)[1] if districts else None)
    if zones:
        nz, kz = max(zones)
        if nz >= 5 and nz > 2 * counts.get(best_d, 0):
            return kz
    if best_d:
        return best_d
    cities = [(n, k) for k, n in counts.items() if k[0] == "City"]
    return max(cities)[1] if cities else None


_STRONG_CUE = re.compile(f"(?:{alternation('relation_strong_location_cues')})(?:位于)?$")
_SITE_AFTER = re.compile(r"(?:项目|施工|现场|工地|内|里|中)")
_ALL_OF_THEM = re.compile(f"^(?:{alternation('relation_all_of_them')})")


def _place_after(doc: Document, places: list[Mention], p: Mention) -> Mention:
    """``X的Z`` / ``位于X的Z``: the place meant is the later one."""
    for q in places:
        if q.start > p.end and doc.text[p.end:q.start] in ("的", "境内的", "内的"):
            return q
    return p


def _places_in(doc: Document, start: int, end: int) -> list[Mention]:
    """Place mentions in ``[start, end)``, left to right; of places starting together only the
    longest (翠屏临港开发区, not the 翠屏 inside it)."""
    places = sorted(
        (
            p
            for p in doc.mentions
            if p.type in REGION_TYPES and start <= p.start < end and p.end > p.start
        ),
        key=lambda p: (p.start, -(p.end - p.start)),
    )
    out: list[Mention] = []
    for p in places:
        if out and out[-1].start <= p.start and p.end <= out[-1].end:
            continue
        out.append(p)
    return out


def _explicit_place(doc: Document, m: Mention, cache: dict[int, list[Mention]]) -> EntityKey | None:
    """A place the text puts the mention in: 落户X / 位于X的Y / 在X的Y / X（园区）施工现场…Y.

    ``cache`` keeps each sentence's places while the mentions do not change.
    """
    sent = doc.sentence_at(m.start)
    if sent is None:
        return None
    if sent.index not in cache:
        cache[sent.index] = _places_in(doc, sent.start, sent.end)
    places = cache[sent.index]
    best = None
    for p in places:
        if p.end <= m.start:  # place before the entity: 位于X的Y, 在X的Y, XY
            fit = _placed_before(doc, sent, m, p, places)
            if fit == _SEAT:
                return (p.type, p.name)
            best = p if fit == _PLACED else best
        elif p.start >= m.end:  # 落户X, 落地X, 位于X
            after = _placed_after(doc, m, p, places)
            if after is not None:
                return after
    if best:
        return (best.type, best.name)
    if m.type == "Project":
        return _site_zone(doc, m, places) or _next_sentence_place(doc, sent.index)
    return None


_NOT_PLACED, _PLACED, _SEAT = 0, 1, 2
_SEAT_CUE = re.compile(r"总部(?:位于|设在|设于)$")
_SEAT_BETWEEN = re.compile(r"总部(?:位于|设在|设于|在)$")


def _placed_before(
    doc: Document, sent: Sentence, m: Mention, p: Mention, places: list[Mention]
) -> int:
    """Does the place ``p`` written before ``m`` place it (位于X的Y, 在X的Y, a zone right before)?
    :data:`_SEAT` for a company's seat (总部位于哈尔滨市的X公司: wherever it invests)."""
    gap = doc.text[p.end:m.start]
    first = p.start  # the cue stands before a chain of places: 位于X开发区Y产业园的Z
    while (q := next((o for o in places if o.end == first and o.start < first), None)) is not None:
        first = q.start
    cue = doc.text[max(sent.start, first - 4):first]
    if not (gap in ("", "的") and (_LOC_CUE.search(cue) or p.type == "Zone" and gap == "")):
        return _NOT_PLACED
    if m.type == "Company" and _SEAT_CUE.search(cue) and gap == "的":
        return _SEAT
    return _PLACED


def _placed_after(doc: Document, m: Mention, p: Mention, places: list[Mention]) -> EntityKey | None:
    """The place ``p`` written after ``m`` with a cue between them (落户X, 落地X, 位于X), if one."""
    if m.type == "Company" and any(q.type == "Project" and m.end <= q.start and q.end <= p.start
                                   for q in doc.mentions):
        return None  # X公司投资…的Y项目落户Z: the project is in Z, not its investor
    between = doc.text[m.end:p.start]
    if m.type == "Project" and _SEAT_BETWEEN.search(between):
        return None  # X项目由总部位于哈尔滨市的Y公司投资: the company's seat, not the project's
    near = len(between) <= 12 and _LOC_CUE.search(between) and not re.search(r"[，,；;]", between)
    # (X项目由A公司投资3.5亿元，落户Z: the project's own clauses, however long its investor's name)
    reach = 40 if m.type == "Project" and between.startswith("由") else 24
    strong = (
        len(between) <= reach and _STRONG_CUE.search(between) and not re.search(r"[；;。]", between)
    )
    if near or strong:
        q = _place_after(doc, places, p)
        return (q.type, q.name)
    return None


def _site_zone(doc: Document, m: Mention, places: list[Mention]) -> EntityKey | None:
    """One zone named before the project as a building site (X项目施工现场…): the project is
    there."""
    zones = {(p.type, p.name) for p in places if p.type == "Zone" and p.end <= m.start
             and _SITE_AFTER.match(doc.text, p.end)}
    return zones.pop() if len(zones) == 1 else None


def _next_sentence_place(doc: Document, index: int) -> EntityKey | None:
    """``…签约A、B项目。全部…落地X``: the next sentence places them all."""
    if index + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[index + 1]
    if not _ALL_OF_THEM.search(nxt.text):
        return None
    for p in doc.mentions:
        if p.type in REGION_TYPES and nxt.start <= p.start < nxt.end:
            if _STRONG_CUE.search(doc.text, nxt.start, p.start):
                return (p.type, p.name)
    return None


def _investors(doc: Document) -> None:
    companies = _mentions(doc, "Company")
    forms: dict[str, str] = {}
    for c in companies:
        for f in (c.name, doc.text[c.start:c.end], *c.aliases):
            if len(f) >= 2:
                forms.setdefault(f, c.name)
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "investor"}
    for p in _mentions(doc, "Project"):
        company = None
        for f in sorted(forms, key=len, reverse=True):
            if (
                p.name.startswith(f)
                and len(p.name) > len(f)
                and f + "项目" != p.name
                or p.name == f + "项目"
            ):
                company = forms[f]
                break
        sent = doc.sentence_at(p.start)
        if company is None and sent is not None:
            b = _BUILT_BY.search(sent.text)
            if b and b.group(1) in forms and len({m.name for m in _mentions(doc, "Project")
                                                  if sent.start <= m.start < sent.end}) == 1:
                company = forms[b.group(1)]
            elif b:
                inner = b.group(1)
                hit = [forms[f] for f in forms if inner.endswith(f)]
                if hit:
                    company = hit[0]
        if company:
            _add_investor(doc, have, p.name, company, p.start)
    _clause_investors(doc, have)
    _joint_investors(doc, have)
    _built_by_investors(doc, have)
    _referred_investors(doc, have)


# a company as the subject of its clause, then investing in the project named after it:
# X公司拟投资5.5亿元建设Y项目, X公司投资3.2亿元的Y项目, X集团将出资打造Y项目
_INVESTS = re.compile(r"(?:[拟将已计划预计总共再追加]{0,4})(?:投资|出资|投建|注资)")
_SIGNS_WITH = re.compile(r"(?:就|共同|正式|成功)?(?:签订|签署|签约)")
_CLAUSE_ENDS = "，,。；;！!？?"
_SUBSIDIARY = re.compile(r"的?(?:全资|控股)?(?:子公司|孙公司)|旗下的?")
_CLAUSE = re.compile(f"[^{_CLAUSE_ENDS}]+")
# what may stand before the investing company in its clause: a list's head (签约项目有：,
# 同场签约的还有),
# a connective, the company's kind (台资企业)
_SUBJECT_LEAD = re.compile(r"^(?:[^，,。；;]*(?:[：:]|还有|包括|分别是|分别为))?[\s、]*"
                           f"(?:{alternation('relation_subject_connectives')})?"
                           r"[\s、]*"
                           f"(?:(?:{alternation('relation_company_kinds')})(?:企业|公司))?$")


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after the last of ``_CLAUSE_ENDS`` before it."""
    return max(text.rfind(ch, 0, pos) for ch in _CLAUSE_ENDS) + 1


def _clause_investors(doc: Document, have: set) -> None:
    """``X公司（拟/将）投资…建设Y项目`` or ``…与X公司签订Y项目…协议`` in one clause: X invests in Y.

    >>> from kg.model import Document, Mention
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="其中，华兴科技有限公司拟投资5亿元建设智能传感器项目；"))
    >>> d.mentions = [Mention("Company", "华兴科技有限公司", 3, 11, "t"),
    ...     Mention("Project", "智能传感器项目", 19, 26, "t")]
    >>> _clause_investors(d, set()); [(f.subject[1], f.obj[1]) for f in d.facts]
    [('智能传感器项目', '华兴科技有限公司')]
    """
    text = doc.text
    companies = _mentions(doc, "Company")
    projects = _mentions(doc, "Project")
    for c in companies:
        a = _clause_start(text, c.start)
        end = _CLAUSE.match(text, c.start)
        b = end.end() if end else c.end
        # A集团全资子公司C投资…: C is the subject, its parent only names it
        parent = next((o for o in companies if a <= o.start and o.end < c.start
                       and _SUBSIDIARY.fullmatch(text, o.end, c.start)), None)
        lead = text[a:parent.start] if parent else text[a:c.start]
        if _SIGNS_WITH.match(text, c.end) and text[c.start - 1:c.start] in ("与", "同", "和"):
            lead_ok = True  # X区与C公司签订P项目合作协议: C invests in P
        else:
            lead_ok = (
                _INVESTS.match(text, c.end) is not None and _SUBJECT_LEAD.match(lead) is not None
            )
        if not lead_ok or any(o is not c and a <= o.start and o.end <= b and o.name != c.name
                              and not (parent and o.name == parent.name) for o in companies):
            continue
        ps = [p for p in projects if c.end <= p.start and p.end <= b]
        if len(ps) != 1:
            continue
        _add_investor(doc, have, ps[0].name, c.name, c.start, unless_funded=True)


def _one_project_in_part(doc: Document, pos: int, projects: list[Mention]) -> str | None:
    """The one project named in the ``；``-separated part of the sentence around ``pos``, if one."""
    sent = doc.sentence_at(pos)
    if sent is None:
        return None
    lo, hi = clause_at(doc, sent, pos, "；;")
    names = {p.name for p in projects if lo <= p.start < hi}
    return names.pop() if len(names) == 1 else None


def _add_investor(doc: Document, have: set, project: str, company: str, pos: int,
                  unless_funded: bool = False) -> None:
    """The fact that ``company`` invests in ``project``, stated around ``pos``, unless it is there
    (or, with ``unless_funded``, unless the project has an investor already)."""
    key = (("Project", project), ("Company", company))
    if unless_funded and any(f[0] == key[0] for f in have):
        return
    if key not in have:
        have.add(key)
        sent = doc.sentence_at(pos)
        doc.facts.append(
            Fact(key[0], "investor", key[1], "relations", sentence=sent.index if sent else None)
        )


_BY_VERB = re.compile(f"[^，,。；;]{{0,12}}?(?:{alternation('relation_by_verbs')})")


def _built_by_investors(doc: Document, have: set) -> None:
    """``X项目由A公司投资3.2亿元建设``: A invests in the one project of that part of the sentence.

    >>> from kg.model import Document, Mention
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="茶旅产业园由武陵茗茶有限公司投资3亿元建设。"))
    >>> d.mentions = [Mention("Project", "茶旅产业园", 0, 5, "t"),
    ...     Mention("Company", "武陵茗茶有限公司", 6, 14, "t")]
    >>> _built_by_investors(d, set()); [(f.subject[1], f.obj[1]) for f in d.facts]
    [('茶旅产业园', '武陵茗茶有限公司')]
    """
    text = doc.text
    projects = _mentions(doc, "Project")
    for c in _mentions(doc, "Company"):
        if text[c.start - 1:c.start] != "由" or not _BY_VERB.match(text, c.end):
            continue
        if any(
            o.type == "Company" and o.start == c.end + 1 and text[c.end] in "与和、"
            for o in doc.mentions
        ):
            continue  # 由A与B合资: both, see _joint_investors
        project = _one_project_in_part(doc, c.start, projects)
        if project is not None:
            _add_investor(doc, have, project, c.name, c.start, unless_funded=True)


_THIS_COMPANY = re.compile(r"(?:该公司|该企业|该集团)[拟将已计划还再]{0,3}(?:投资|出资|投建)")
_THIS_PROJECT_BY = re.compile(r"该项目由")
_GOES_ON_INVESTING = re.compile(r"[，,](?:并|随后|同时)?[拟将已计划]{0,3}(?:投资建设|投资|投建)")


def _referred_investors(doc: Document, have: set) -> None:
    """Investors written by reference or across a comma:

    * ``该公司投资5.2亿元的X项目``: the company named last before;
    * ``X项目…。该项目由A集团投资7亿元建设``: the one project of the sentence before;
    * ``A公司签约入驻B园区，投资建设X项目``: the company that opened the clause before.
    """
    text = doc.text
    companies = sorted(_mentions(doc, "Company"), key=lambda m: m.start)
    projects = sorted(_mentions(doc, "Project"), key=lambda m: m.start)

    def add(project: Mention, company: Mention) -> None:
        _add_investor(doc, have, project.name, company.name, project.start, unless_funded=True)

    for m in _THIS_COMPANY.finditer(text):
        before = [c for c in companies if c.end <= m.start() and m.start() - c.end <= 80]
        after = next((p for p in projects if m.end() <= p.start <= m.end() + 20), None)
        if before and after and not _PUNCT_BETWEEN.search(text, m.end(), after.start):
            add(after, before[-1])
    for m in _THIS_PROJECT_BY.finditer(text):
        sent = doc.sentence_at(m.start())
        by = next((c for c in companies if m.end() <= c.start <= m.end() + 4
                   # (由怀化|通途物流集团)
                   and not _PUNCT_BETWEEN.search(text, m.end(), c.start)), None)
        if sent is None or by is None or sent.index == 0:
            continue
        prev = doc.sentences[sent.index - 1]
        named = {p.name for p in projects if prev.start <= p.start < prev.end}
        if len(named) == 1:
            add(next(p for p in projects if p.name in named), by)
    for c in companies:
        a = _clause_start(text, c.start)
        if not (_SUBJECT_LEAD.match(text[a:c.start]) or _OWNED_LEAD.fullmatch(text[a:c.start])):
            continue  # the company opens its clause (该集团旗下的A公司)
        end = _CLAUSE.match(text, c.start)
        go = _GOES_ON_INVESTING.match(text, end.end()) if end else None
        if go is None:
            continue
        nxt = _CLAUSE.match(text, go.end())
        stop = nxt.end() if nxt else go.end()
        inside = [p for p in projects if go.end() <= p.start and p.end <= stop]
        if len(inside) == 1 and not any(
            o.start > c.end and o.start < stop and o.name != c.name for o in companies
        ):
            add(inside[0], c)


_PUNCT_BETWEEN = re.compile(r"[，,。；;：:]")
_OWNED_LEAD = re.compile(r"(?:该集团|该公司|其)?(?:旗下|下属|全资子公司|控股子公司)的?")
_JOINT = re.compile(r"(?:共同|联合)?(?:合资|合作|联合|共同)(?:投资|建设|开发|打造|兴建|投建|组建|"
                    r"设立)?")


def _joint_investors(doc: Document, have: set) -> None:
    """``A与B合资建设`` / ``A和B合资的X项目``: both invest in the one project of that part of the
    sentence.

    >>> from kg.model import Document, Mention
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="光伏项目由华兴有限公司与恒达有限公司合资建设。"))
    >>> d.mentions = [Mention("Project", "光伏项目", 0, 4, "t"),
    ...     Mention("Company", "华兴有限公司", 5, 11, "t"),
    ...               Mention("Company", "恒达有限公司", 12, 18, "t")]
    >>> _joint_investors(d, set()); sorted(f.obj[1] for f in d.facts)
    ['华兴有限公司', '恒达有限公司']
    """
    text = doc.text
    companies = sorted(_mentions(doc, "Company"), key=lambda m: m.start)
    projects = _mentions(doc, "Project")
    for a, b in zip(companies, companies[1:], strict=False):
        if text[a.end:b.start] not in ("与", "和", "及", "同", "、") or not _JOINT.match(
            text, b.end
        ):
            continue
        project = _one_project_in_part(doc, a.start, projects)
        if project is not None:
            for c in (a, b):
                _add_investor(doc, have, project, c.name, a.start)


def _external(doc: Document, name: str) -> bool:
    """Is a company named after a place other than the article's (新疆X in a Sichuan article)?"""
    if _FOREIGN.match(name):
        return True
    regions = {m.name for m in doc.mentions if m.type in DIVISION_TYPES}
    regions |= {
        m.name.rstrip("省市区县")
        for m in doc.mentions
        if m.type in DIVISION_TYPES
    }
    for p in PROVINCES:
        if name.startswith(p):
            return not any(r.startswith(p) for r in regions)
    return _named_after_other_region(doc, name)


def _inside_other_regions_name(doc: Document, name: str) -> bool:
    """Is ``name`` part of a company or project named after another region (瑞祥电子 in
    深圳瑞祥电子…项目)?"""
    return any(m.type in ("Company", "Project") and name in m.name and m.name != name
               and _named_after_other_region(doc, m.name) for m in doc.mentions)


def _after_other_region(doc: Document, key: EntityKey) -> bool:
    """Is a mention of ``key`` written right after another region's name (大连 +
    万达集团有限公司)?"""
    for m in doc.mentions:
        if (m.type, m.name) == key and m.start >= 2:
            before = doc.text[max(0, m.start - 4):m.start]
            if any(_other_region_form(doc, before[-k:]) for k in (4, 3, 2) if len(before) >= k):
                return True
    return False


def _other_region_form(doc: Document, form: str) -> bool:
    """Is ``form`` a name of regions none of which is the article's region or above or below it?

    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.region_code = "370303"
    >>> _other_region_form(d, "青岛"), _other_region_form(d, "淄博"), _other_region_form(d, "华美")
    (True, False, False)
    """
    main = doc.region_code
    cands = forms().get(form)
    if not main or not cands:
        return False
    related = {main, *ancestors(main)}
    return all(f.code not in related and main not in ancestors(f.code) for f in cands)


def _named_after_other_region(doc: Document, name: str) -> bool:
    """Does ``name`` begin with a city or county that is not the article's region nor above or below
    it?

    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.region_code = "370303"
    >>> _named_after_other_region(d, "青岛啤酒股份有限公司"), _named_after_other_region(d,
    ...     "淄博华美公司")
    (True, False)
    """
    for k in (4, 3, 2):
        if len(name) > k and name[:k] in forms():
            return _other_region_form(doc, name[:k])
    return False


def _located(doc: Document) -> None:
    main = main_place(doc)
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "locatedIn"}
    investors = {f.obj for f in doc.facts if f.predicate == "investor"}
    placed: dict[EntityKey, EntityKey] = {}
    spans = Spans(doc.mentions)
    places: dict[int, list[Mention]] = {}
    first: dict[EntityKey, Mention] = {}
    for m in doc.mentions:
        first.setdefault((m.type, m.name), m)
        if m.type not in ("Company", "Project", "Organization"):
            continue
        key = (m.type, m.name)
        nested = spans.covers(m.start, m.end)
        where = None if nested else _explicit_place(doc, m, places)
        if where and where != key:
            placed[key] = where  # an explicit place wins over the default
        elif key not in placed:
            placed.setdefault(key, None)  # type: ignore[arg-type]
    together = _collective_place(doc)
    for key, where in placed.items():
        if where is None and together and key[0] in ("Company", "Project"):
            # 签约企业将全部落户X: every company and project of the article settles in X
            where = together
        elif where is None:
            if main is None or not _default_placed(doc, key, investors):
                continue
            where = main
        if (key, where) in have:
            continue
        have.add((key, where))
        sent = first.get(key)
        s = doc.sentence_at(sent.start) if sent else None
        doc.facts.append(
            Fact(key, "locatedIn", where, "relations", sentence=s.index if s else None)
        )


_COLLECTIVE = re.compile(r"(?:签约|上述|以上|这些|此次签约的?|本次签约的?|新签约的?|签约的)(?:企业|"
                         r"项目|企业和项目|项目和企业)"
                         r"(?:[将均全部都已也拟]){0,4}(?:落户|落地|入驻|位于|选址|布局)(?:在|于)?")


def _collective_place(doc: Document) -> EntityKey | None:
    """The place where ``签约企业将全部落户X`` puts every signing company and project, if the
    article says so.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="签约企业将全部落户江门高新区。")
    >>> d.mentions = [Mention("Zone", "江门高新区", 9, 14, "t")]
    >>> _collective_place(d)
    ('Zone', '江门高新区')
    """
    for m in _COLLECTIVE.finditer(doc.text):
        places = [
            p
            for p in doc.mentions
            if p.type in REGION_TYPES and p.start == m.end() and p.end > p.start
        ]
        if places:
            p = max(places, key=lambda p: p.end - p.start)
            return (p.type, p.name)
    return None


def _default_placed(doc: Document, key: EntityKey, investors: set) -> bool:
    type_, name = key
    if type_ == "Project":
        return True
    if type_ == "Company":
        if key in investors:
            return False
        return not (
            _external(doc, name)
            or _after_other_region(doc, key)
            or _inside_other_regions_name(doc, name)
        )
    # organisations: local ones only (not media, not provincial or national bodies)
    if _MEDIA.search(name) or name.startswith(("省", "市", "国家", "中国", "全国")):
        return False
    return not _external(doc, name)


def body_place(doc: Document, name: str) -> EntityKey | None:
    """The region or zone a body's qualified name begins with (the longest), if the article names
    it.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="")
    >>> d.mentions = [Mention("District", "翠屏区", 0, 0, "t"),
    ...     Mention("Zone", "翠屏区临港开发区", 0, 0, "t")]
    >>> body_place(d, "翠屏区临港开发区管委会"), body_place(d, "翠屏区委"), body_place(d,
    ...     "国家发改委")
    (('Zone', '翠屏区临港开发区'), ('District', '翠屏区'), None)
    """
    best: Mention | None = None
    for m in doc.mentions:
        if m.type in REGION_TYPES and name.startswith(m.name) and len(name) > len(m.name):
            if best is None or len(m.name) > len(best.name):
                best = m
    return (best.type, best.name) if best else None


def _bodies_located(doc: Document) -> None:
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "locatedIn"}
    for m in doc.mentions:
        if m.type != "GovernmentBody":
            continue
        where = body_place(doc, m.name)
        key = (m.type, m.name)
        if where is None or (key, where) in have:
            continue
        have.add((key, where))
        sent = doc.sentence_at(m.start)
        doc.facts.append(
            Fact(key, "locatedIn", where, "relations", sentence=sent.index if sent else None)
        )


_CONTAINERS = ("Company", "Organization", "Project", "Person")


class Spans:
    """The spans of some mentions, to ask quickly whether a longer one covers a given span.

    >>> from kg.model import Mention
    >>> s = Spans([Mention("Company", "新疆华美建材公司", 0, 8, "x"),
    ...     Mention("Province", "新疆", 0, 2, "x")])
    >>> s.covers(0, 2), s.covers(0, 8)
    (True, False)
    """

    def __init__(self, mentions: list[Mention]) -> None:
        self.spans = sorted({(m.start, m.end) for m in mentions if m.end > m.start})
        self.longest = max((b - a for a, b in self.spans), default=0)

    def covers(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` inside a longer span?"""
        lo = bisect.bisect_left(self.spans, (start - self.longest, -1))
        hi = bisect.bisect_right(self.spans, (start, float("inf")))
        return any(b >= end and b - a > end - start for a, b in self.spans[lo:hi])


def drop_nested_regions(doc: Document) -> None:
    """Forget regions named only inside other names (新疆X建材公司, 昆山X产业园 as a project).

    Such a region is not a place of the article.  Its mentions, the parents
    the regions extractor added for it only, and their partOf facts go; the
    article's main region and regions that another fact uses stay.

    >>> from kg.model import Document, Fact, Mention
    >>> d = Document(path="a", name="a", raw="", text="新疆华美建材公司落户翠屏区")
    >>> d.mentions = [Mention("Province", "新疆维吾尔自治区", 0, 2, "regions", code="650000"),
    ...               Mention("Company", "新疆华美建材公司", 0, 8, "companies"),
    ...               Mention("District", "翠屏区", 10, 13, "regions", code="511502")]
    >>> drop_nested_regions(d)
    >>> [m.name for m in d.mentions]
    ['新疆华美建材公司', '翠屏区']
    """
    real = [m for m in doc.mentions if m.type in DIVISION_TYPES and m.end > m.start]
    containers = Spans([m for m in doc.mentions if m.type in _CONTAINERS])
    keep_codes = {m.code for m in real if not containers.covers(m.start, m.end)}
    main = doc.region_code
    if main:
        keep_codes.add(main)
    used = {k for f in doc.facts if f.predicate != "partOf" or f.extractor != "regions"
            for k in (f.subject, f.obj) if isinstance(k, tuple)}
    for m in real:
        if (m.type, m.name) in used:
            keep_codes.add(m.code)
    needed = set(keep_codes)
    for c in keep_codes:
        if c in table():
            needed.update(ancestors(c))
    gone = {
        (m.type, m.name)
        for m in doc.mentions
        if m.type in DIVISION_TYPES and m.code and m.code not in needed
    }
    if not gone:
        return
    doc.mentions = [m for m in doc.mentions if (m.type, m.name) not in gone]
    doc.facts = [f for f in doc.facts if f.subject not in gone and f.obj not in gone]


@component("relations", requires=("sentences",), reads=("region", "region_code"))
def find_relations(doc: Document) -> None:
    """investor and locatedIn facts (after dropping regions named only inside other names)."""
    drop_nested_regions(doc)
    _investors(doc)
    _located(doc)
    _bodies_located(doc)


