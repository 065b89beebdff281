"""Report facts read from a report's own stored passages, each with the line that states it.

Ofsted reports state their facts in a few fixed places: the judgement table on page 1
(ILACS 2018+) or the judgement list of the single inspection framework (2014-2018), the
"Inspection dates" and "Lead inspector" lines, a focused-visit letter's first paragraph
("Inspectors looked at …"), and the "What needs to improve" list. Each fact keeps the
chunk it came from and the verbatim line, so an answer quotes the report rather than a
value we derived. Facts are read from the stored passages (not the PDF), which makes
them exactly as current as the index and needs no second copy of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexing.chunking import passage_sentences
from indexing.metadata import MONTH_NAME
from indexing.model import GRADE

# Judgement areas, longest phrasing first so "children in care" does not cut
# "children in care and care leavers" short. The value is the area's short name.
AREAS: list[tuple[str, str]] = [
    ("the impact of leaders on social work practice with children and families", "impact of leaders"),
    ("the experiences and progress of children who need help and protection", "help and protection"),
    (
        "the experiences and progress of children in care and care leavers",
        "children in care and care leavers",
    ),
    ("the experiences and progress of children in care", "children in care"),
    ("the experiences and progress of care leavers", "care leavers"),
    ("overall effectiveness", "overall effectiveness"),
    ("children who need help and protection", "help and protection"),
    ("children looked after and achieving permanence", "children looked after and permanence"),
    ("adoption performance", "adoption performance"),
    ("experiences and progress of care leavers", "care leavers"),
    ("leadership, management and governance", "leadership, management and governance"),
]
_AREA_PATTERN = re.compile(
    r"(?:\d(?:\.\d)?\.?\s+)?("
    + "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase, _ in AREAS)
    + r")\s*(?:is\s*:|:)?\s*"  # "… who need help and protection is: inadequate" in some reports
    + GRADE
    + r"\b",
    re.IGNORECASE,
)
_AREA_NAME = {re.sub(r"\s+", " ", phrase): name for phrase, name in AREAS}
# SIF and LSCB statements in prose or headings: "The overall judgement is that children's services are good".
_SENTENCE_GRADES = [
    (
        re.compile(
            r"The overall judgement is (?:that )?(?:children[’']s services (?:are\s+|is\s+)?)?" + GRADE, re.I
        ),
        "overall effectiveness",
    ),
    (
        # The council's name (capitalised words and joining words) then straight to the grade:
        # "… are good", "… require improvement", never "… are not yet good".
        re.compile(
            r"Children[’']s services in (?:[A-Z][\w’'\-]*|and|upon|on|of|with|the)"
            r"(?:[ ,]+(?:[A-Z][\w’'\-]*|and|upon|on|of|with|the)){0,6} (?:are |is )?(?i:" + GRADE + r")\b"
        ),
        "overall effectiveness",
    ),
    (
        re.compile(
            r"The (?:effectiveness of the )?(?:Local Safeguarding Children Board|LSCB)(?: \(LSCB\))?\s+"
            r"(?:is\s+)?" + GRADE,
            re.I,
        ),
        "LSCB",
    ),
]
_LEAD = re.compile(
    r"Lead inspectors?:?\s*([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3})"  # \w: "Máire"
    r"(?:,|\s+(?:His|Her)\s+Majesty|\s+HMI|\s*$|\n)"
)
_TEAM = re.compile(
    r"(?:(?:His|Her) Majesty[’']s Inspectors? for this (?:visit|inspection)|The inspectors) (?:were|was) "
    r"([^.]{3,200})\.|"
    # "Her Majesty's Inspectors were Peter McEntee, Pauline Higham, …" (a name follows, not "impressed")
    r"(?:His|Her) Majesty[’']s Inspectors (?:were|was) ((?-i:[A-Z][\w’'\-]+\s+[A-Z])[^.]{3,200})\.|"
    # "The visit was carried out by Kate Malleson, Louise Hocking …, all of whom are Her Majesty's
    # Inspectors." (a name follows "by", not "remote means")
    r"(?:The|This) (?:focused )?(?:visit|inspection) was (?:carried out|undertaken|conducted) by\s+"
    r"((?:(?:His|Her) Majesty[’']s Inspectors,?\s+)?"
    r"(?!(?:His|Her) Majesty)(?-i:[A-Z][\w’'\-]+\s+[A-Z])[^.]{3,200})\.",
    re.I,
)
# A letter opens with its date ("15 July 2021"), on a line of its own: when it was sent.
_LETTER_DATE = re.compile(rf"\s*(\d{{1,2}} {MONTH_NAME} \d{{4}})[ \t]*(?:\n|$)")
# The single inspection framework's team block: "Team inspectors: Pauline Higham (HMI), …".
_TEAM_LIST = re.compile(r"Team inspectors?:?[ \t]*([A-Z][^\n]{3,200})")
_DATES = re.compile(r"Inspection dates?:?\s*[^\n]{4,80}", re.I)
_LETTER_DATES = re.compile(
    r"This letter summarises the findings of (?:the|a|an) [^.]{0,200}? (?:on|between) [^.]{4,160}\.",
    re.I,  # "on 22 and 23 May 2018 carried out by …"
)
_FOCUS = re.compile(
    r"(?:Inspectors|The visit|This visit|The focus of (?:the|this) visit)\s+"
    r"(?:looked at|focused on|considered|evaluated|reviewed|was on)\s+(?!a range of evidence)[^.]{10,400}\.",
    re.I,
)
# A report restating the grade of the inspection before it: "Since the last inspection in 2019,
# when services were judged to be good", "At the previous inspection, in April 2022, the overall
# effectiveness of services was judged to be outstanding". One sentence, first one only.
_PREVIOUS = re.compile(
    # Tried from sentence and line starts only: from every position, the leading [^.\n]* made
    # the search quadratic in the passage's length (12 s for the facts of 315 reports).
    r"(?:^|(?<=\.))[^.\n]*\b(?:last|previous|most recent)\b[^.\n]{0,60}"
    r"\b(?:inspect(?:ion|ed)|ILACS)\b[^.\n]*?"
    # "… when services were judged to be good", "… when the judgement for overall effectiveness
    # was ‘requires improvement to be good’"
    # (not "the judgement of senior leaders was that good progress had been made")
    r"\b(?:judged|graded|rated|found|(?:judgement for overall effectiveness|overall effectiveness "
    r"judgement) was)\b[^.\n]{0,40}?\b" + GRADE + r"\b[^.\n]*\.?"
    # "Since a judgement of inadequate for overall effectiveness at the last inspection in 2019, …"
    # (not "the judgement of inadequate for care leavers at the last inspection": one area's)
    r"|(?:^|(?<=\.))[^.\n]*\bjudgement of\s+" + GRADE + r"\s+(?:for overall effectiveness\s+)?"
    r"at the (?:last|previous|most recent) inspection\b[^.\n]*\.?"
    # "… were last inspected by Ofsted in July 2017. All areas were judged to be good, …": the
    # grade in the sentence after the one that says when (both quoted)
    r"|(?:^|(?<=\.))[^.\n]*\b(?:last|previous|most recent)\b[^.\n]{0,60}\binspect(?:ion|ed)\b[^.\n]*\.\s+"
    # ... a grade of the services as a whole: not "Most audits rated practice as good"
    r"(?:all (?:areas|services)|(?:the )?services|overall effectiveness|the (?:local )?authority|it|they|"
    r"children[’']s services)\b[^.\n]{0,30}?\b(?:was|were) (?:judged|graded|rated)\b[^.\n]{0,40}?\b"
    + GRADE
    + r"\b[^.\n]*\.?"
    # "Children's services in Oxfordshire were judged good in all areas when they were last
    # inspected in 2014.": the grade before the words that place it
    # (the services as a whole: not "The local authority's two children's homes were judged good …")
    r"|(?:^|(?<=\.))[^.\n]*\b(?:services|the (?:local )?authority|council|it|they)"
    r"(?:\s+in\s+[A-Z][\w’' ]{0,30}?)?\s+(?:was|were)\s+(?:judged|graded|rated)\b[^.\n]{0,20}?\b"
    + GRADE
    + r"\b[^.\n]{0,60}?\bwhen\b[^.\n]{0,30}?\b(?:last|previously)\s+inspected\b[^.\n]*\.?"
    # "Since the previous full inspection in October 2022, … Since that inspection, when the overall
    # effectiveness of the service … were judged to be requires improvement to be good, …"
    # (the services as a whole: not "At that inspection, the experiences … of care leavers were judged …")
    # ... quoted with the sentence before it, which says when that inspection was
    r"|(?:^|(?<=\.))[^.\n]*\b(?:last|previous|most recent)\b[^.\n]{0,60}\binspect(?:ion|ed)\b[^.\n]*\.\s+"
    r"(?:Since|At|In|Following) that inspection,?\s+when\s+(?:the\s+)?"
    r"(?:overall effectiveness|services|children[’']s services|the (?:local )?authority|it|they)\b"
    r"[^.\n]{0,100}?\b(?:judged|graded|rated)\b[^.\n]{0,20}?\b" + GRADE + r"\b[^.\n]*\.?",
    re.I | re.M,
)
# The 2014-2018 framework's own wording, one statement per service, grade in a second sentence:
# "The last inspection of the local authority's arrangements for the protection of children was in
# March 2013. The local authority was judged to be adequate." ("adequate": the grade before 2013).
_PREVIOUS_BY_SERVICE = re.compile(
    r"The last inspection of the local authority[’']s ([^.]{5,120}?) was (?:also )?in [^.]{3,30}?\.\s+"
    r"The local authority was judged to be (adequate|" + GRADE[1:-1] + r")\b\.?",
    re.I,
)
# How a report compares itself with the inspection before ("Since the last inspection in 2019,
# there has been a significant deterioration …"): the answer to "has X got better or worse?".
_COMPARISON = re.compile(
    r"\bsince (?:the|its|Ofsted[’']s) (?:last|previous|most recent)\b|"
    r"\b(?:last|previous) (?:ILACS |full |standard |judgement )?inspection\b|\bat the (?:last|previous)\b|"
    # "In 2021, all services were judged as requiring improvement": an earlier year's grade
    r"\b(?:in|at) (?:19|20)\d\d\b[^.]{0,80}\b(?:was|were) (?:judged|graded|rated)\b|"
    # "Since the local authority was last inspected, in 2022, the support … has strengthened"
    r"\bsince\b[^.]{0,40}\blast inspected\b|"
    # "Areas for improvement raised in the ILACS inspection in 2022 … have been advanced"
    r"\b(?:raised|identified|highlighted|found) (?:at|in|during|by) the (?:last |previous |ILACS |full |"
    r"(?:19|20)\d\d )+inspection\b",
    re.I,
)
MAX_COMPARISONS = 6
# A section on the inspection before ("Previous Ofsted inspections", "At the last inspection"):
# the grades it lists are that inspection's, not this report's.
_OF_THE_INSPECTION_BEFORE = re.compile(r"\b(previous|last|prior)\b[^.]{0,30}\binspections?\b", re.I)
_IMPROVE_HEADING = re.compile(
    r"what needs to improve|areas? for (?:priority )?(?:action|improvement)|priority and immediate action|"
    r"^recommendations?$|what needs improving",
    re.I,
)


def is_improvement_heading(heading: str) -> bool:
    """The heading of a report's list of what needs to improve ("What needs to improve in this
    local authority?", "Areas for improvement"): its items name topics, they state no finding."""
    return bool(_IMPROVE_HEADING.search(heading)) and not heading.lower().startswith("summary")


# How the report's prose names each judgement area, for the sentence that restates its grade
# ("The graded judgement for adoption performance is that it is good", "Services for children
# looked after continue to require improvement to be good"): the wording a reader remembers.
_AREA_IN_PROSE = {
    "overall effectiveness": r"overall (?:effectiveness|judgement)|^overall\b|"
    r"(?:services (?:for|to) children(?: and (?:families|young people))?|children[’']s services)"
    r" in (?-i:[A-Z])",
    "impact of leaders": r"\bleaders\b|\bleadership\b",
    "leadership, management and governance": r"\bleaders\b|\bleadership\b|\bgovernance\b",
    "help and protection": r"help and protection|need of help|child protection",
    "children in care": r"children in care|looked after",
    "children in care and care leavers": r"children in care|care leavers",
    "care leavers": r"care leavers",
    "children looked after and permanence": r"looked after|permanence",
    "adoption performance": r"\badoption\b",
    "LSCB": r"\bLSCB\b|Safeguarding Children Board",
}
# The single inspection framework's statement of a grade: "The graded judgement for adoption
# performance is that it is outstanding", "The graded judgment for … care leavers is requires
# improvement".
_GRADED_STATEMENT = re.compile(
    r"The graded judge?ment (?:for|about) ([^.]{5,90}?)\s+is\s+(?:that it\s+(?:is\s+)?)?" + GRADE + r"\b",
    re.I,
)
# A grade as what something *is* ("… is good", "… continue to require improvement"), not a word
# in passing ("good relationships").
_GRADE_STATED = re.compile(
    r"(?:\b(?:is|are|remains?|continues? to(?: be)?|judged(?: to be)?|be|as)\s+"
    r"(?:now\s+|still\s+|also\s+)?(outstanding|good|inadequate|requires? improvement(?: to be good)?)"
    # "requires improvement" is a verb of its own: "The effectiveness of the LSCB requires improvement"
    r"|\b(?:now\s+|still\s+)?(requires? improvement(?: to be good)?))"
    r"(?=\s*(?:[.,;:)]|$|\s+(?:and|in|for|overall|across|because|with|at)\b))",
    re.I,
)
MAX_PROSE_WORDS = 45
MAX_SUBJECT_CHARS = 70  # the area is named just before its grade: it is what is graded
# A sentence about an earlier inspection's grade restates that one, not this report's.
_ABOUT_THE_PAST = re.compile(r"\b(last|previous|prior|earlier|since|was|were|had)\b|\b(19|20)\d\d\b", re.I)


@dataclass
class Fact:
    """One fact and the verbatim line of the report that states it."""

    kind: str  # judgement, previous, change, lead_inspector, inspectors, dates, published, focus, improve
    value: str
    chunk_id: str
    line: str  # verbatim, from the passage text or, where `in_heading`, its section heading
    page: str
    area: str = ""  # judgement area, for kind == "judgement"
    in_heading: bool = False


@dataclass
class ReportFacts:
    report_id: str
    facts: list[Fact] = field(default_factory=list)

    def of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    def judgements(self) -> dict[str, Fact]:
        """The first statement of each area's grade (the judgement table comes first)."""
        found: dict[str, Fact] = {}
        for fact in self.of("judgement"):
            found.setdefault(fact.area, fact)
        return found


def normalise_grade(text: str) -> str:
    """The grade as the report words it, in lower case ("requires improvement" in 2014-2018
    reports, "requires improvement to be good" in ILACS)."""
    grade = re.sub(r"\s+", " ", text).lower()
    return re.sub(r"^require ", "requires ", grade)  # "services require improvement"


def same_grade(a: str, b: str) -> bool:
    """Grades compared across frameworks: both "requires improvement" wordings are one grade."""
    return a.split(" to be ")[0] == b.split(" to be ")[0]


def _page(meta: dict) -> str:
    return str(meta.get("page_start", ""))


def _units(text: str) -> list[str]:
    return [u.strip() for u in text.split("\n\n") if u.strip()]


def extract_facts(report_id: str, rows: list[tuple[str, str, dict]]) -> ReportFacts:
    """Facts of one report from its passages ``(chunk_id, text, meta)`` in reading order."""
    facts = ReportFacts(report_id)
    seen_headings: set[str] = set()
    for chunk_id, text, meta in rows:
        heading = str(meta.get("section", ""))
        sources = [(text, False)]
        if heading and heading not in seen_headings:
            seen_headings.add(heading)
            sources.append((heading, True))
        for source, in_heading in sources:
            # "Previous Ofsted inspections": a table of the grades the inspection before gave
            kind = "previous" if _OF_THE_INSPECTION_BEFORE.search(heading) else "judgement"
            _judgements(facts, chunk_id, source, meta, in_heading, kind)
            _people_and_dates(facts, chunk_id, source, meta, in_heading)
        if len(sources) > 1:
            _sentence_grades_across(facts, chunk_id, heading, text, meta)
        if not facts.of("published") and int(meta.get("position", 99)) == 0:
            dated = _LETTER_DATE.match(text)
            if dated:
                facts.facts.append(Fact("published", dated.group(1), chunk_id, dated.group(1), _page(meta)))
        if int(meta.get("position", 99)) < 6 and not facts.of("focus"):
            for match in _FOCUS.finditer(text):
                facts.facts.append(Fact("focus", match.group(0), chunk_id, match.group(0), _page(meta)))
                break
        _previous(facts, chunk_id, text, meta)
        if len(facts.of("change")) < MAX_COMPARISONS and _COMPARISON.search(text):
            for _, _, sentence in passage_sentences(text):
                if _COMPARISON.search(sentence) and len(facts.of("change")) < MAX_COMPARISONS:
                    facts.facts.append(Fact("change", "", chunk_id, sentence, _page(meta)))
        if is_improvement_heading(heading):
            for unit in _units(text):
                if len(unit.split()) >= 3 and not unit.endswith(":"):
                    facts.facts.append(Fact("improve", unit, chunk_id, unit, _page(meta)))
    _restated_in_prose(facts, rows)
    return facts


def _restated_in_prose(facts: ReportFacts, rows: list[tuple[str, str, dict]]) -> None:
    """For each graded area, a sentence of the report's prose that states the same grade for it
    (kind "restated"): the table line says the grade, this is how the report says it. A
    2014-2018 report's own statement ("The graded judgement for adoption performance is that it
    is outstanding") is taken first; then the area's own findings section ("The experiences and
    progress of care leavers: inadequate"), where the report opens with the sentence that states
    it; then the whole report in reading order, whose summary restates most grades."""
    wanted = {area: fact for area, fact in facts.judgements().items() if area in _AREA_IN_PROSE}
    # Not the section on the inspection before, whose grades may match this one's by chance.
    rows = [row for row in rows if not _OF_THE_INSPECTION_BEFORE.search(str(row[2].get("section", "")))]
    # A 2014-2018 report's own statement ("The graded judgement about the experience and progress
    # of care leavers is that it requires improvement"), a heading or a line, says it exactly.
    for chunk_id, text, meta in rows:
        for source, in_heading in ((str(meta.get("section", "")), True), (text, False)):
            for match in _GRADED_STATEMENT.finditer(source):
                line = match.group(0)
                for area, table in list(wanted.items()):
                    subject = re.search(_AREA_IN_PROSE[area], match.group(1), re.I)
                    if subject and same_grade(normalise_grade(match.group(2)), table.value):
                        facts.facts.append(
                            Fact("restated", table.value, chunk_id, line, _page(meta), area, in_heading)
                        )
                        del wanted[area]
    for chunk_id, text, meta in rows:
        heading = str(meta.get("section", ""))
        own = _AREA_PATTERN.match(heading)
        area = _area_named(own) if own else ""
        if area in wanted:
            for _, _, sentence in passage_sentences(text):
                if _restates(sentence, _grade_stated(sentence), area, wanted[area]):
                    facts.facts.append(
                        Fact("restated", wanted.pop(area).value, chunk_id, sentence, _page(meta), area=area)
                    )
                    break
    for chunk_id, text, meta in rows:
        # A 2014-2018 report states some grades as a heading ("The effectiveness of the Local
        # Safeguarding Children Board is good"), stored with the passage as its section.
        heading = str(meta.get("section", ""))
        sentences = [(s, True) for _, _, s in passage_sentences(heading)]
        sentences += [(s, False) for _, _, s in passage_sentences(text)]
        for sentence, in_heading in sentences:
            stated = _grade_stated(sentence)  # once a sentence, not once for each area
            for area, table in list(wanted.items()) if stated else ():
                if _restates(sentence, stated, area, table):
                    facts.facts.append(
                        Fact(
                            "restated",
                            table.value,
                            chunk_id,
                            sentence,
                            _page(meta),
                            area=area,
                            in_heading=in_heading,
                        )
                    )
                    del wanted[area]


def _area_named(match: re.Match) -> str:
    """The short name of the judgement area an `_AREA_PATTERN` match names."""
    return _AREA_NAME.get(re.sub(r"\s+", " ", match.group(1).lower()), "")


def _grade_stated(sentence: str) -> tuple[str, str] | None:
    """The words before a grade a sentence states now (not an earlier inspection's), and that
    grade; None when it states none."""
    if len(sentence.split()) > MAX_PROSE_WORDS:
        return None
    stated = _GRADE_STATED.search(sentence)
    if not stated or _ABOUT_THE_PAST.search(sentence[: stated.end()]):
        return None
    subject = sentence[max(0, stated.start() - MAX_SUBJECT_CHARS) : stated.start()]
    return subject, normalise_grade(stated.group(1) or stated.group(2))


def _restates(sentence: str, stated: tuple[str, str] | None, area: str, table: Fact) -> bool:
    """Whether a sentence (whose `_grade_stated` is ``stated``) states ``table``'s grade for
    ``area``."""
    if stated is None or " ".join(sentence.split()) in " ".join(table.line.split()):
        return False  # the table's own line (its row number split off) is no restatement
    subject, grade = stated
    return bool(re.search(_AREA_IN_PROSE[area], subject, re.I)) and same_grade(grade, table.value)


def _previous(facts: ReportFacts, chunk_id: str, text: str, meta: dict) -> None:
    """The grades of the inspection before, as the report states them: the first general
    statement, or one per service (child protection, children looked after) in 2014-2018 reports."""
    for match in _PREVIOUS_BY_SERVICE.finditer(text):
        # "services for children looked after" or "arrangements for the protection of children"
        area = "children in care" if "looked after" in match.group(1).lower() else "help and protection"
        grade = normalise_grade(match.group(2))
        facts.facts.append(Fact("previous", grade, chunk_id, match.group(0).strip(), _page(meta), area=area))
    if not facts.of("previous"):
        previous = _PREVIOUS.search(text)
        if previous:
            line = previous.group(0).strip()
            facts.facts.append(
                Fact(
                    "previous",
                    normalise_grade(next(grade for grade in previous.groups() if grade)),
                    chunk_id,
                    line,
                    _page(meta),
                )
            )


def _judgements(
    facts: ReportFacts, chunk_id: str, text: str, meta: dict, in_heading: bool, kind: str = "judgement"
) -> None:
    for match in _AREA_PATTERN.finditer(text):
        area = _area_named(match)
        facts.facts.append(
            Fact(
                kind,
                normalise_grade(match.group(2)),
                chunk_id,
                match.group(0).strip(),
                _page(meta),
                area=area,
                in_heading=in_heading,
            )
        )
    _sentence_grades(facts, chunk_id, text, meta, in_heading, kind)


def _sentence_grades(
    facts: ReportFacts,
    chunk_id: str,
    text: str,
    meta: dict,
    in_heading: bool,
    kind: str = "judgement",
    crossing: int | None = None,
) -> None:
    """The grades ``text`` states as sentences (`_SENTENCE_GRADES`); with ``crossing``, only
    those whose statement runs across that position."""
    for pattern, area in _SENTENCE_GRADES:
        for match in pattern.finditer(text):
            if crossing is None or match.start() < crossing < match.end():
                facts.facts.append(
                    Fact(
                        kind,
                        normalise_grade(match.group(1)),
                        chunk_id,
                        match.group(0),
                        _page(meta),
                        area=area,
                        in_heading=in_heading,
                    )
                )


def _sentence_grades_across(facts: ReportFacts, chunk_id: str, heading: str, text: str, meta: dict) -> None:
    """A grade statement that chunking cut at its heading: "The effectiveness of the Local
    Safeguarding Children Board (LSCB)" as the section, "requires improvement." opening the
    passage. Read across the two as `_fact_quote` joins them, for the sentence-like statements
    only (a table area's name then prose opening "Good …" is no grade)."""
    _sentence_grades(facts, chunk_id, f"{heading}\n\n{text}", meta, True, crossing=len(heading))


def _people_and_dates(facts: ReportFacts, chunk_id: str, text: str, meta: dict, in_heading: bool) -> None:
    page = _page(meta)
    if not facts.of("lead_inspector"):
        lead = _LEAD.search(text)
        if lead:
            line_end = text.find("\n", lead.end(1))  # to the end of the name's line: the name is quoted
            line = text[lead.start() : line_end if line_end >= 0 else None]
            facts.facts.append(
                Fact("lead_inspector", lead.group(1), chunk_id, line.strip(), page, in_heading=in_heading)
            )
    if not facts.of("inspectors"):
        team = _TEAM.search(text) or _TEAM_LIST.search(text)
        if team:
            facts.facts.append(
                Fact(
                    "inspectors",
                    next(g for g in team.groups() if g).strip(),
                    chunk_id,
                    team.group(0).strip(),
                    page,
                    in_heading=in_heading,
                )
            )
    if not facts.of("dates"):
        dates = _DATES.search(text) or _LETTER_DATES.search(text)
        if dates:
            facts.facts.append(
                Fact("dates", dates.group(0), chunk_id, dates.group(0).strip(), page, in_heading=in_heading)
            )
