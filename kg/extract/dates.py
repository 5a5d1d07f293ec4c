"""Event dates of projects: signedOn, startedOn, completedOn (facts of the values extractor).

A date with a signing / ground-breaking / completion event goes to the
projects of its sentence (``3月19日，完成X项目签约``), or of the next sentence
when that one goes on with ``此次``; plans (计划3月开工, 力争年内竣工) are not
events.  The year comes from the date, else from the publication date, else
the date is partial (``--03-19``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.extract.mentions import names_by_sentence
from kg.lexicons import alternation, table
from kg.model import DateValue, Document, Fact, Sentence

# the project of the sentence before: 该项目去年11月签约
_COREF = re.compile(alternation("value_project_references"))


DATE = re.compile(r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<m>1[0-2]|0?[1-9]|元(?=月))"
                  r"\s*月(?:份)?\s*(?:(?P<d>[1-3]?\d)\s*[日号])?"
                  # 上月, 本月: from the publication date
                  r"|(?P<rel>上个?月|本月)(?:(?P<rd>[1-3]?\d)\s*[日号])?")


# a year alone (2010年，…签下X项目; 去年底…签约): the date of an event where the sentence writes
# no month
YEAR = re.compile(r"(?P<yo>(?:19|20)\d\d)\s*年(?![\s\d]*月|元月|\d)"
                  r"|(?P<ry>去年|前年)(?=底|初|年底|年初|[，,])")


_EVENTS = tuple((pred, re.compile("|".join(map(re.escape, event_words))))
                for pred, event_words in table("value_event_words").items())


_PLAN = re.compile(f"(?:{alternation('value_plan_words')})" r"[^，,。；;]{0,12}$")


_CARRY = re.compile(f"^(?:{alternation('value_carry_words')})")


_RELATIVE_YEAR = {"去年": 1, "前年": 2, "今年": 0, "当年": 0}


_DEADLINE = re.compile(r"(?:底|末|中旬|下旬|上旬)?(?:前|以前|之前)")


def _iso(doc: Document, m: re.Match[str]) -> str | None:
    if _DEADLINE.match(m.string, m.end()):
        return None  # 2月底前复工: a deadline, not the day of an event
    if m.re is YEAR:
        return _year(doc, m)
    if m.group("rel"):
        return _relative_month(doc, m)
    month = 1 if m.group("m") == "元" else int(m.group("m"))
    day = int(m.group("d")) if m.group("d") else None
    if day is not None and not 1 <= day <= 31:
        return None
    year = int(m.group("y")) if m.group("y") else None
    relative = _RELATIVE_YEAR.get(m.string[max(0, m.start() - 2):m.start()])
    if year is None and doc.published and doc.published[:4].isdigit():
        year = int(doc.published[:4])
        pm = doc.published[5:7]
        if relative is not None:
            year -= relative  # 去年3月: the year before publication
        elif pm.isdigit() and month > int(pm) + 1:  # an event after publication: last year's
            year -= 1
    elif year is None and relative is not None and relative > 0:
        return None  # 去年3月 with no publication date: not 3月 of an unknown year
    if day is None:  # a month of an unknown year: --MM (xsd:gMonth)
        return f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


# what may follow a year that dates an event: a comma (2010年，…签下), or the event word after a
# word or two (2005年签署, 去年底正式签约); not a year that names a noun (2011年首批…开工发布会)
_YEAR_THEN = re.compile(r"(?:底|初|末)?\s*[，,]|(?:底|初|末)?[^，,。；;\d]{0,2}?(?=" +
                        "|".join(rx.pattern for _, rx in _EVENTS) + ")")


def _year_of_event(doc: Document, sent: Sentence) -> re.Match[str] | None:
    """The first year of the sentence written as the time of its event (``2010年，``, ``去年底``,
    ``2005年签署``), if any.

    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="", text=(
    ...     "2010年，签下X项目。2011年首批项目开工发布会。")))
    >>> [bool(_year_of_event(d, s)) for s in d.sentences]
    [True, False]

    A plan anywhere before it makes a year a target (预计明年完成审批，并于2013年开工):

    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="预计明年获批，并于2013年开工。"))
    >>> _year_of_event(d, d.sentences[0]) is None
    True
    """
    for m in YEAR.finditer(doc.text, sent.start, sent.end):
        then = _YEAR_THEN.match(doc.text, m.end(), sent.end)
        if then:
            return None if _PLANNED.search(doc.text, sent.start, then.end()) else m
    return None


_PLANNED = re.compile(alternation("value_plan_words"))


def _year(doc: Document, m: re.Match[str]) -> str | None:
    """The year of a ``YEAR`` match (去年 and 前年 against the publication year), or None.

    >>> d = Document(path="a", name="a", raw="", text="", published="2011-03-05")
    >>> [_year(d, YEAR.search(t)) for t in ("2010年，签下", "去年底签约", "前年，签约")]
    ['2010', '2010', '2009']
    """
    if m.group("yo"):
        return m.group("yo")
    pub = doc.published or ""
    if not pub[:4].isdigit():
        return None
    return str(int(pub[:4]) - _RELATIVE_YEAR[m.group("ry")])


def _relative_month(doc: Document, m: re.Match[str]) -> str | None:
    """上月 / 本月 (and a day after it) against the publication date; None without one.

    >>> d = Document(path="a", name="a", raw="", text="", published="2024-01-05")
    >>> _relative_month(d, DATE.search("已于上月竣工")), _relative_month(d,
    ...     DATE.search("本月10日开工"))
    ('2023-12', '2024-01-10')
    """
    pub = doc.published or ""
    if not (pub[:4].isdigit() and pub[5:7].isdigit()):
        return None
    year, month = int(pub[:4]), int(pub[5:7])
    if m.group("rel") != "本月":
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    day = m.group("rd")
    return (
        f"{year:04d}-{month:02d}-{int(day):02d}"
        if day and 1 <= int(day) <= 31
        else f"{year:04d}-{month:02d}"
    )


def _stated(doc: Document, sent: Sentence) -> Iterator[tuple[str, re.Match[str]]]:
    """Each event word of the sentence that states an event (not a plan, not 开工前), by
    predicate."""
    for pred, rx in _EVENTS:
        for m in rx.finditer(doc.text, sent.start, sent.end):
            if _PLAN.search(doc.text, sent.start, m.start()):
                continue
            if doc.text.startswith(("前", "后", "以来"), m.end()) and pred != "signedOn":
                continue
            yield pred, m


def _events_in(doc: Document, sent: Sentence) -> list[str]:
    """Event predicates stated (not planned) in the sentence."""
    out: list[str] = []
    for pred, _m in _stated(doc, sent):
        if pred not in out:
            out.append(pred)
    return out


@dataclass
class _Said:
    """What one sentence says about dates: its stated events, projects and first date."""

    sent: Sentence
    events: list[str]
    projects: list[str]
    date: re.Match[str] | None
    iso: str | None
    carries: bool
    was_listing: bool


@dataclass
class _DateReader:
    """Reads the event dates of an article's projects, sentence by sentence.

    A date goes to the projects of the sentence that states it with an event
    word (``3月19日，完成X项目签约``).  What the reader carries from one sentence
    to the next lets later sentences list the projects of an event stated
    before (``其中，A项目…；B项目…``) or refer to it (``同日开工的还有…``).
    """

    doc: Document
    pending: tuple[str, list[str]] | None = None
    """(date, events) whose projects the next sentences may list."""
    last: dict[str, str] = field(default_factory=dict)
    """Event -> the date it was last stated on (``""`` for any event), for 同日/当天."""
    main: tuple[str, list[str]] | None = None
    """The first event stated with its date: the article's."""
    prev_projects: list[str] = field(default_factory=list)
    """The projects of the last sentence that named some."""
    listing: bool = False
    """The sentence before listed projects of ``pending`` and ended with ``；``."""
    headline: tuple[int, str, list[str]] | None = None
    """(sentence, date, events) of the last dated event outside a list
    (4月2日，…3个项目集中竣工投产)."""
    in_list: bool = False
    """Inside the list of projects that follows ``headline`` (其中，A…；B…；C…)."""

    def read(self, sent: Sentence, projects: list[str]) -> None:
        """Add the date facts of ``sent`` (whose projects are ``projects``) and carry on."""
        said = self._said(sent, projects)
        self.listing = False
        if said.carries:  # 其中，A…；B…；C…: the projects of the event just stated
            self.in_list = self.headline is not None and sent.index - self.headline[0] <= 3
        before = len(self.doc.facts)
        if said.events and said.iso and not self.in_list:
            self.headline = (sent.index, said.iso, said.events)
            self.main = self.main or (said.iso, said.events)
        carried_on = self._add_facts(said)
        if self.in_list and self.headline and projects:
            self._list_item(said, before)
        if self.in_list and not _ends_list_item(self.doc, sent):
            self.in_list = False
        if projects:
            self.prev_projects = projects
        if carried_on and said.events and said.iso:
            self.last.update(dict.fromkeys([*said.events, ""], said.iso))

    def _said(self, sent: Sentence, projects: list[str]) -> _Said:
        doc = self.doc
        events = _events_in(doc, sent)
        dm = DATE.search(doc.text, sent.start, sent.end) or _year_of_event(doc, sent)
        iso = _iso(doc, dm) if dm else None
        # the date must come before the event word (3月19日，…签约), not a target after it
        if dm and events and iso and dm.start() > _first_event_word(doc, sent):
            iso = None
        return _Said(sent, events, projects, dm, iso, _CARRY.search(sent.text) is not None,
                     self.listing)

    def _add_facts(self, said: _Said) -> bool:
        """The facts of the sentence by what it says; False if it only went on with ``pending``."""
        if said.events and said.iso:
            self._dated_events(said)
        elif not said.events and said.projects and self.pending and not said.date \
                and (said.carries or said.was_listing):
            self._listed_projects(said)
            return False
        elif said.events and said.projects and self.pending and (said.carries or not said.date):
            self._carried_events(said)
            return False
        elif said.events and said.projects:
            # each event with the date written right before it:
            # 同日竣工投产的A项目，…于2023年6月开工建设
            own = _per_project(self.doc, said.sent, self.last)
            for project, pairs in own or [(p, _paired(self.doc, said.sent, self.last))
                                          for p in said.projects]:
                self._add_pairs(said.sent, [project], pairs)
            self.pending = None
        elif said.date or said.projects:
            self.pending = None
        return True

    def _dated_events(self, said: _Said) -> None:
        """A sentence that states events with a date."""
        doc, sent, projects, events = self.doc, said.sent, said.projects, said.events
        own = _per_project(doc, sent, self.last) if len(projects) > 1 else None
        if own is not None:  # A项目3月开工，B项目5月竣工: each project its own events
            for project, pairs in own:
                self._add_pairs(sent, [project], pairs)
            self.pending = None
            return
        if projects and len(events) > 1:
            # 今年5月开工的A项目，已于8月底建成投产: each event with its own date
            pairs = _paired(doc, sent, self.last)
            self._add_pairs(sent, projects, pairs)
            # one event on one day (签约并开工): 其中，… may list its projects next
            one_day = len(pairs) == len(events) and len({day for _, day in pairs}) == 1
            self.pending = (said.iso, events) if one_day else None
            return
        if projects:
            _add_dates(doc, sent, projects, events, said.iso)
        elif len(self.prev_projects) == 1 and _COREF.match(sent.text):
            # 该项目去年11月签约: the project of the sentence before, with each date written
            self._add_pairs(sent, self.prev_projects, _own_dates(doc, sent))
        self.pending = (said.iso, events)  # 其中，… may list the same event's projects next

    def _listed_projects(self, said: _Said) -> None:
        """5月16日…7个项目现场签约。本次签约项目…。其中，A项目…；B公司投资…的C项目；…"""
        iso, events = self.pending
        _add_dates(self.doc, said.sent, said.projects, events, iso)
        self.listing = _ends_list_item(self.doc, said.sent)  # the list goes on after a semicolon
        self.pending = self.pending if self.listing else None

    def _carried_events(self, said: _Said) -> None:
        """集中开工的重点项目有：A…；B…；C…。: the events of ``pending`` that the sentence names."""
        if _SAME_DAY.search(said.sent.text) and self.main and set(said.events) & set(self.main[1]):
            # 同日开工的还有：… the day of the article's event, not of an aside
            self.pending = self.main
        iso, events = self.pending
        carried = [e for e in said.events if e in events]
        _add_dates(self.doc, said.sent, said.projects, carried, iso)
        self.listing = bool(carried) and _ends_list_item(self.doc, said.sent)
        self.pending = (iso, carried) if self.listing else None

    def _list_item(self, said: _Said, before: int) -> None:
        """An item of the list that states its own earlier events (去年3月开工建设) still took part
        in the event of the list (竣工投产 on the headline's date)."""
        _, iso, events = self.headline
        done = {(f.subject[1], f.predicate) for f in self.doc.facts[before:]}
        for p in said.projects:
            for pred in events:
                if (p, pred) not in done:
                    self.doc.facts.append(Fact(("Project", p), pred, DateValue(iso), "values",
                                               sentence=said.sent.index))

    def _add_pairs(self, sent: Sentence, projects: list[str], pairs: list[tuple[str, str]]) -> None:
        for pred, day in pairs:
            _add_dates(self.doc, sent, projects, [pred], day)


def _first_event_word(doc: Document, sent: Sentence) -> int:
    """Where the first event word of the sentence begins (planned or not), or its end."""
    return min(
        (m.start() for _, rx in _EVENTS for m in rx.finditer(doc.text, sent.start, sent.end)),
        default=sent.end,
    )


def _ends_list_item(doc: Document, sent: Sentence) -> bool:
    """Does the sentence end with a semicolon (a list goes on after it)?"""
    return doc.text[sent.end - 1:sent.end] in "；;"


def add_event_dates(doc: Document) -> None:
    """Event dates of projects (signedOn, startedOn, completedOn), sentence by sentence."""
    reader = _DateReader(doc)
    by_sentence = names_by_sentence(doc, "Project")
    for sent in doc.sentences:
        reader.read(sent, by_sentence.get(sent.index, []))


_SAME_DAY = re.compile(r"同日|同一天|当天|当日")


# between two events of a sentence, what makes the second one happen later:
# 于今年2月开工，仅用8个月即建成投产
_LATER = re.compile(r"\d+\s*(?:个多?月|年|天|日)|[一二两三四五六七八九十半几]+(?:个多?月|年|天)|"
                    r"随后|此后|之后|后来|目前|现已|如今|次年|当年底")


def _event_dates(doc: Document, sent: Sentence) -> Iterator[tuple[str, int, int, bool, str | None]]:
    """Each stated event of the sentence, left to right, as (event, where the text since the event
    before begins, where this event's word begins, whether a date is written in between, its ISO
    form or None where it cannot be read)."""
    text = doc.text
    stated = sorted(_stated(doc, sent), key=lambda pm: pm[1].start())
    for k, (pred, m) in enumerate(stated):
        after = stated[k - 1][1].end() if k else sent.start
        dates = list(DATE.finditer(text, after, m.start()))
        yield pred, after, m.start(), bool(dates), _iso(doc, dates[-1]) if dates else None


_CLAUSE_MARK = re.compile(r"[，,；;]")


def _project_groups(doc: Document, sent: Sentence) -> list[tuple[list[str], int, int]] | None:
    """(projects, start, end) for each clause of the sentence that names projects, with the
    clauses after it up to the next such clause; None where one clause names them all."""
    firsts: dict[str, int] = {}
    for m in doc.mentions:
        if m.type == "Project" and sent.start <= m.start < sent.end:
            firsts[m.name] = min(firsts.get(m.name, m.start), m.start)
    cuts = [sent.start, *(c.end() for c in _CLAUSE_MARK.finditer(doc.text, sent.start, sent.end))]
    by_clause: dict[int, list[str]] = {}
    for name, pos in sorted(firsts.items(), key=lambda kv: kv[1]):
        by_clause.setdefault(max(c for c in cuts if c <= pos), []).append(name)
    if len(by_clause) < 2:
        return None
    starts = sorted(by_clause)
    ends = [*starts[1:], sent.end]
    return [(by_clause[a], a, b) for a, b in zip(starts, ends, strict=True)]


def _per_project(doc: Document, sent: Sentence,
                 last: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]] | None:
    """Each project's own (event, date) pairs, read in the clauses about it (A项目3月开工，B项目
    已于5月竣工, A项目3月开工，B项目总投资3亿元); a date that opens the sentence before the first
    project (3月19日，A项目签约，B项目开工) is each one's when its clauses write none.  None when
    one clause names all the projects, or an event is stated before the first of them
    (集中开工的有：A项目，B项目): then they share the sentence's events."""
    groups = _project_groups(doc, sent)
    if groups is None:
        return None
    head = Sentence(sent.index, sent.start, groups[0][1], doc.text[sent.start:groups[0][1]])
    if _events_in(doc, head):
        return None
    lead = DATE.search(doc.text, sent.start, groups[0][1])
    lead_iso = _iso(doc, lead) if lead else None
    out = []
    for names, a, b in groups:
        part = Sentence(sent.index, a, b, doc.text[a:b])
        pairs = _paired(doc, part, last)
        if lead_iso:
            pairs += [(e, lead_iso) for e in _events_in(doc, part) if all(p != e for p, _ in pairs)]
        out.extend((name, pairs) for name in names)
    return out


def _own_dates(doc: Document, sent: Sentence) -> list[tuple[str, str]]:
    """(event, date) for each event of the sentence with a date written between it and the event
    before."""
    out: list[tuple[str, str]] = []
    for pred, _after, _at, _dated, day in _event_dates(doc, sent):
        if day and not any(p == pred for p, _ in out):
            out.append((pred, day))
    return out


def _paired(doc: Document, sent: Sentence, last: dict[str, str]) -> list[tuple[str, str]]:
    """(event, date) for each event of the sentence whose date is written before it in the sentence
    (after the event before it), or that happened 同日 (the same day as the last dated event); an
    event with no date of its own shares the date of the event right before it (签约并开工) unless
    the text says it came later (仅用8个月即建成投产)."""
    text, out = doc.text, []
    prev_day: str | None = None
    for k, (pred, after, at, dated, own) in enumerate(_event_dates(doc, sent)):
        if dated:
            day = own
        elif k and prev_day and not _LATER.search(text, after, at):
            day = prev_day
        elif _SAME_DAY.search(text, sent.start, at):
            day = last.get(pred) or last.get("")  # 同日开工: the day of the last 开工 stated
        else:
            day = None
        prev_day = day
        if day and not any(p == pred for p, _ in out):
            out.append((pred, day))
    return out


def _add_dates(
    doc: Document, sent: Sentence, projects: list[str], events: list[str], iso: str
) -> None:
    for p in projects:
        for pred in events:
            doc.facts.append(
                Fact(("Project", p), pred, DateValue(iso), "values", sentence=sent.index)
            )
