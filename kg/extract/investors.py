"""Investors: which company invests in which project (the ``investor`` facts of the relations
extractor).

A company invests in a project when

* the project's name begins with the company's name or one of its short forms
  (``华兴集团物流项目``), or with its own name without legal form and trades
  (``中科华宇…项目`` of ``中科华宇科技发展有限公司``), or a company's name is the
  label before a bracketed place (``兴业汽配(宜宾)产业园``);
* the project is ``由X投资/建设`` (``X项目由A公司投资3.2亿元建设``);
* the company is the subject of a clause that invests in or signs for the one
  project named after it (``X公司拟投资5.5亿元建设Y项目``, ``…与X公司签订Y项目…协议``);
* two companies build it together (``A与B合资建设``, ``A与位于X的B共同出资``);
* the text refers to it (``该公司投资…的X项目``, ``该项目由A集团投资``) or goes on
  across a comma (``A公司签约入驻B园区，投资建设X项目``).
"""

from __future__ import annotations

import re

from kg.extract.company_names import company_head
from kg.extract.divisions import is_place_name
from kg.extract.mentions import mentions_of
from kg.extract.text import clause_at
from kg.lexicons import alternation
from kg.model import Document, Fact, Mention

_BUILT_BY = re.compile(f"由([^，,。；;]{{2,30}}?)(?:{alternation('relation_built_by_verbs')})")


def add_investors(doc: Document) -> None:
    companies = mentions_of(doc, "Company")
    forms: dict[str, str] = {}
    for c in companies:
        for f in (c.name, doc.text[c.start:c.end], *c.aliases):
            if len(f) >= 2:
                forms.setdefault(f, c.name)
    heads: dict[str, str] = {}
    for c in companies:
        h = _head(c.name)
        if h and h not in forms:
            heads.setdefault(h, c.name)
    have = {(f.subject, f.obj) for f in doc.facts if f.predicate == "investor"}
    for p in mentions_of(doc, "Project"):
        company = _named_in(p.name, forms, heads)
        sent = doc.sentence_at(p.start)
        if company is None and sent is not None:
            b = _BUILT_BY.search(sent.text)
            if b and b.group(1) in forms and len({m.name for m in mentions_of(doc, "Project")
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
    _main_company_investor(doc, have)


def _named_in(project: str, forms: dict[str, str], heads: dict[str, str]) -> str | None:
    """The company whose name (a form of it, longest first) begins the project's name, or whose
    own name does where only one company has it (中科华宇…项目 of 中科华宇科技发展有限公司)."""
    for f in sorted(forms, key=len, reverse=True):
        if project.startswith(f) and len(project) > len(f) and f + "项目" != project \
                or project == f + "项目":
            return forms[f]
    hit = [h for h in heads if project.startswith(h) and len(project) > len(h) + 2]
    return heads[hit[0]] if len({heads[h] for h in hit}) == 1 else None


def _head(name: str) -> str | None:
    """A company's own name without its legal form, trades and 发展 (中科华宇科技发展有限公司 ->
    中科华宇), if it is a name: two characters or more, not beginning with a place.

    >>> _head("中科华宇科技发展有限公司"), _head("甘肃省公路投资集团"), _head("中国铝业")
    ('中科华宇', None, None)
    """
    h = company_head(name)
    while h.endswith("发展") and len(h) > 4:
        h = company_head(h[:-2])
    if len(h) < 2 or any(is_place_name(h[:k]) for k in (2, 3, 4)) or h in ("中国", "中华"):
        return None
    return h


# the article's own company: named at least this often, and this many times as often as any other
MAIN_COMPANY_MENTIONS = 3
MAIN_COMPANY_RATIO = 1.5


def main_company(doc: Document) -> str | None:
    """The company an article is about: named in its title, ``MAIN_COMPANY_MENTIONS`` times or
    more, and ``MAIN_COMPANY_RATIO`` times as often as any other company.

    >>> from kg.model import Document, Mention
    >>> d = Document(path="a", name="a", raw="", text="", title="华兴扩产")
    >>> d.mentions = [Mention("Company", "华兴", k, k + 2, "t") for k in range(0, 10, 2)]
    >>> main_company(d), main_company(Document(path="a", name="a", raw="", text=""))
    ('华兴', None)
    """
    spans: dict[str, set[int]] = {}
    forms: dict[str, set[str]] = {}
    for m in mentions_of(doc, "Company"):
        spans.setdefault(m.name, set()).add(m.start)
        forms.setdefault(m.name, {m.name, *m.aliases}).add(doc.text[m.start:m.end])
    counts = sorted(((len(v), k) for k, v in spans.items()), reverse=True)
    if not counts or counts[0][0] < MAIN_COMPANY_MENTIONS:
        return None
    if len(counts) > 1 and counts[0][0] < MAIN_COMPANY_RATIO * counts[1][0]:
        return None
    title = doc.title or doc.text.split("\n", 1)[0]
    name = counts[0][1]
    named = any(len(f) >= 2 and (f in title or _abbreviated_in(title, f)) for f in forms[name])
    return name if named else None


def _abbreviated_in(title: str, name: str) -> bool:
    """Does ``title`` write an abbreviation of ``name``: three characters or more, its first
    character first and the others in the order of ``name`` (中国石化 -> 中石化)?

    >>> _abbreviated_in("中石化投资超千亿", "中国石化"), _abbreviated_in("石化投资", "中国石化")
    (True, False)
    """
    for k in (i for i, ch in enumerate(title) if ch == name[0]):
        rest, j = iter(name[1:]), k + 1
        while j < len(title) and title[j] in rest:
            j += 1
        if j - k >= 3 and j - k < len(name):
            return True
    return False


def _main_company_investor(doc: Document, have: set) -> None:
    """In an article about one company (``main_company``), the projects no rule gave an investor
    are that company's (公司…的A项目；…B、C等项目也在建)."""
    company = main_company(doc)
    if company is None:
        return
    funded = {f[0] for f in have}
    companies = mentions_of(doc, "Company")
    for p in mentions_of(doc, "Project"):
        if ("Project", p.name) in funded:
            continue
        # a paragraph about another company (and not this one): its projects are not known to be
        # this company's
        a = doc.text.rfind("\n", 0, p.start) + 1
        b = doc.text.find("\n", p.end) % (len(doc.text) + 1)  # -1 (the last paragraph): the end
        named = {c.name for c in companies if a <= c.start < b}
        if named and company not in named:
            continue
        _add_investor(doc, have, p.name, company, p.start)
        funded.add(("Project", p.name))


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
    companies = mentions_of(doc, "Company")
    projects = mentions_of(doc, "Project")
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
    projects = mentions_of(doc, "Project")
    for c in mentions_of(doc, "Company"):
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
    companies = sorted(mentions_of(doc, "Company"), key=lambda m: m.start)
    projects = sorted(mentions_of(doc, "Project"), key=lambda m: m.start)

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


# between two companies that build together: 与, or 与 and where the second is (与位于X区的B)
_AND_BETWEEN = re.compile(r"[与和及同、](?:(?:位于|来自|总部位于|地处)[^，,。；;、]{2,12}?的)?")


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
    companies = sorted(mentions_of(doc, "Company"), key=lambda m: m.start)
    projects = mentions_of(doc, "Project")
    for a, b in zip(companies, companies[1:], strict=False):
        if not _AND_BETWEEN.fullmatch(text, a.end, b.start) or not _JOINT.match(text, b.end):
            continue
        project = _one_project_in_part(doc, a.start, projects)
        if project is not None:
            for c in (a, b):
                _add_investor(doc, have, project, c.name, a.start)
