"""Questions about services that Ofsted's children's services reports do not inspect.

The reports inspect councils' social care for children. Adult social care, care homes for
older people included, is the Care Quality Commission's to inspect. A question about it
still finds passages: reports mention adult services where young people move on to them,
and everyday words ("support", "well", the council's name) match any report. Quoting those
would answer another question, so such a question is told, in plain words, that the reports
do not cover it. It is decided by the question's words, not by scores: it is about adult
social care or older people and names no child, young person, care leaver or move to adult
services (those the reports do cover).
"""

from __future__ import annotations

import calendar
import re

from answering.extractive import NAME_ASKED, STATES_A_NAME, is_furniture
from indexing.chunking import passage_sentences
from indexing.metadata import MONTH_NAME
from retrieval.scope import data_date

_ADULT_SERVICES = re.compile(
    r"\badults?[’']?\s+(social\s+care|social\s+services|services|care)\b|\bolder\s+(people|adults|persons)\b|"
    r"\belderly\b|\bcare\s+homes?\s+for\s+(older|elderly|adults)\b",
    re.IGNORECASE,
)
_CHILDREN = re.compile(
    r"\b(child|children|childhood|young\s+(people|person|adults?|carers?)|care\s+leavers?|teenagers?|"
    r"transitions?|moving\s+(on|in|into|to)|move\s+(on|in|into|to)|youth|under\s+18|1[6-8]|"
    r"parents?|parental|famil(y|ies)|kinship|pupils?|schools?)\b",
    re.IGNORECASE,
)
ADULT_SOCIAL_CARE = (
    "Ofsted's reports on children's services do not inspect adult social care (the Care Quality "
    "Commission does), so the indexed reports can't answer this."
)


# A school's, college's or nursery's own grade: Ofsted inspects those under other frameworks, and
# a council's children's services report grades the council, not them. The school named ("Camden
# School for Girls", "the school", "a primary academy"), not the council's virtual school.
_GRADE_WORD = r"(grade[ds]?|graded|rat(ed|ing)|judge?d|judge?ment|outcome)"
_A_SCHOOL = (
    r"(\b[A-Z][\w’'-]+\s+(Primary\s+|Secondary\s+|High\s+|Grammar\s+)?(School|Academy|College|Nursery)\b"
    r"|\b(the|a|my|our|their|this|that)\s+(primary\s+|secondary\s+|high\s+)?(school|academy|college|nursery)\b"
    r"|\b(\w+['’]s|its|their|local|the)\s+(primary\s+|secondary\s+)?(schools|academies|nurseries)\b"
    # "the Ofsted rating for Leeds schools": a place's schools
    r"|\b[A-Z][\w-]+\s+(primary\s+|secondary\s+)?(schools|academies|nurseries)\b"
    # "Which secondary schools in Bromley are rated outstanding?"
    r"|\b(?i:which|what|any|how many)\s+(\w+\s+){0,2}(primary|secondary|high|grammar|independent)\s+"
    r"(schools|academies)\b)"
)
_SCHOOL_GRADE = re.compile(
    rf"\b(?i:rate)\s+{_A_SCHOOL}(?!\s+(for\s+)?(children\s+in\s+care|team|head|attendance|nursing))|{_A_SCHOOL}[^?]{{0,60}}\b{_GRADE_WORD}\b|\b{_GRADE_WORD}\b[^?]{{0,60}}{_A_SCHOOL}(?!\s+(for\s+)?(children\s+in\s+care|team|head))"
)
SCHOOL_GRADE = (
    "These are Ofsted's reports on councils' children's services; they do not grade individual "
    "schools, colleges or nurseries (Ofsted inspects those separately), so they can't answer this."
)


# Another inspectorate's verdict on a body Ofsted does not inspect: a police force (HMICFRS), an
# NHS trust (the CQC), probation. The inspectorate or the body must be what is rated ("How did
# HMICFRS rate …", "the NHS trust rated …"): "children in hospital … judged" is the council's
# work. The reports name these bodies as the council's partners ("police and health partners
# attend strategy meetings"), so how they *work with* children's services is answered.
_INSPECTORATE = (
    r"\b(HMICFRS|HMIC|HM\s+Inspectorate\s+of\s+(Constabulary|Probation)|HMI\s+Probation|CQC|police\s+inspectorate|"
    r"Care\s+Quality\s+Commission)\b"
)
_BODY = (
    r"(\b(constabulary|police\s+(force|service)|NHS\s+(foundation\s+)?trust|probation\s+service)\b"
    r"|(?-i:\b[A-Z][a-z]+(\s+[A-Z][a-z]+){0,2}\s+Police)\b)"  # a force by name: "West Midlands Police"
)
_OTHER_BODY_GRADE = re.compile(
    rf"{_INSPECTORATE}\s+rate\b|{_INSPECTORATE}[^?]{{0,80}}\b{_GRADE_WORD}\b"
    # "How was West Midlands Police graded by HMICFRS …?"
    rf"|\b{_GRADE_WORD}\s+by\s+(the\s+)?{_INSPECTORATE}"
    # the body itself graded: "Durham Constabulary rated", "what rating did the NHS trust get"
    rf"|{_BODY}(\s+\w+){{0,2}}\s+{_GRADE_WORD}\b|\b(rating|grade|judgement)\s+(of|for|did|does)(\s+\w+){{0,3}}\s*{_BODY}",
    re.IGNORECASE,
)
OTHER_INSPECTORATE = (
    "These are Ofsted's reports on councils' children's services; they do not rate police forces, "
    "NHS trusts, hospitals or probation services (other inspectorates do), so they can't answer this."
)


def out_of_remit(question: str) -> str:
    """Why the reports cannot answer ``question`` because of what Ofsted inspects, or ""."""
    if _ADULT_SERVICES.search(question) and not _CHILDREN.search(question):
        return ADULT_SOCIAL_CARE
    if _SCHOOL_GRADE.search(question) and not re.search(r"\bvirtual\s+school", question, re.IGNORECASE):
        return SCHOOL_GRADE
    if _OTHER_BODY_GRADE.search(question):
        return OTHER_INSPECTORATE
    return ""


# Questions asking for a figure of a kind that most reports never state: a sum of money (5 of
# the 315 reports print a "£"), a percentage or rate. Such a question is answered from the
# reports it names only when they state one at all; otherwise the answer would quote a
# sentence about the same subject without the figure asked for.
_ASKS_FOR_MONEY = re.compile(
    r"\bhow much (money|funding|cash)\b|\bhow (many|much)\b[^?]{0,60}(£|\bpounds?\b|\bmillions?\b)|"
    r"\bhow much\b[^?]{0,60}\b(paid|cost|costs|costing|spend|spent|spending|budget|overspen\w*|invest\w*)\b|"
    # "how much is the setting up home allowance?" (not "how much support … with the allowance?")
    r"\bhow much (is|was|are|were) (the |their |a )?[^?]{0,30}\b(allowances?|grants?|fees?)\b|"
    # "how much housing benefit a week are care leavers entitled to?" (not "how much benefit did
    # families see?", an advantage)
    r"\bhow much\s+(housing|child|welfare|state|disability)\s+benefits?\b|"
    r"\bhow much\b[^?]{0,40}\bbenefits?\b[^?]{0,30}\b(a|per) (week|month|year)\b|"
    r"\bhow much\s+([\w'’-]+\s+){0,2}(allowances?|grants?|bursar(y|ies))\b|"
    r"\bhow much\b(?!\s+(attention|heed|notice|regard|time|effort))[^?]{0,60}\bpay(ing)?\b|"
    r"\b(salar(y|ies)|wages?|pay (rise|scale|grade)s?|overspen\w*|underspen\w*|budget deficit)\b|"
    r"\bhow (big|large)\b[^?]{0,40}\b(budget|overspend|deficit|funding)\b|"
    r"\bwhat(\s+(is|was|are|were)|['’]?s)\b(?![^?]*\b(impact|effect|pressures?|cuts?|reductions?|savings?)\b)[^?]{0,60}"
    r"\b(budgets?|spend|spending|costs?)\b",
    re.IGNORECASE,
)
_STATES_MONEY = re.compile(r"£\s?\d|\b\d[\d,.]*\s?(million|billion|bn)\b|\bpounds\b", re.IGNORECASE)
_ASKS_FOR_A_RATE = re.compile(
    r"\bwhat\s+(percentage|per\s?cent|%)|\bper\s10,?000\b|"
    r"\bwhat\s+(was|is|were|are)\b[^?]{0,50}\b(vacancy|turnover|sickness|absence|agency)\s+rates?\b",
    re.IGNORECASE,
)
_STATES_A_RATE = re.compile(r"\d\s?%|\bper\s?cent\b|\bper\s10,?000\b", re.IGNORECASE)


# "What exact average caseload does it give?", "how many children in total?": a count asked for
# precisely, which a report states as digits beside the thing counted ("320 children in care").
# A plain "how many children were not visited?" is often answered in words ("a small number of
# children"), so it is left to the passages. Counts of reports, visits or inspectors are the
# facts' business, not a report's text.
_ASKS_FOR_A_COUNT = re.compile(
    r"\bhow many\s+(?P<noun>[a-z][a-z’'-]+(\s+(?!(are|were|is|was|did|do|does|have|has|had|in|of|at|on|for|"
    r"with|does|there)\b)[a-z][a-z’'-]+)?)(?=[^?]*\b(exactly|precisely|in total|altogether)\b)|"
    r"\b((average|exact|total|precise)\s+)+(number of\s+)?(?P<noun2>[a-z][a-z’'-]+)",
    re.IGNORECASE,
)
_COUNTED_ELSEWHERE = re.compile(
    r"^(times?|inspections?|visits?|reports?|inspectors?|HMIs?|recommendations?|areas?|judge?ments?|"
    r"councils?|local|authorit(y|ies)|days?|weeks?|months?|years?|dates?|of|the|per|"
    # "the exact line on …", "the exact wording": a quote asked for, not a figure
    r"lines?|quotes?|quotations?|words?|wording|sentences?|phrases?|text)$",
    re.IGNORECASE,
)
# A number that counts: digits not opening a numbered paragraph ("21. Children …"), not a year,
# not a day of a date ("28 October"), not an age ("16-year-olds" is a kind of child).
_COUNT = re.compile(
    r"(?<![\d.,-])(?!(19|20)\d\d\b)\d[\d,]*(?![\d,])(?!\.\s)(?![-–])(?!\s*(to\s+\d+\s*)?(years?|year-old))"
    # ... nor a day of a date, alone or the first of two ("on 18 and 19 September 2024")
    rf"(?!\s+{MONTH_NAME}\b)(?!\s*(and|to|-|–)\s*\d{{1,2}}\s+{MONTH_NAME}\b)",
)


def _states_a_count_of(noun: str, texts: list[str]) -> bool:
    """Whether a sentence of ``texts`` has a number within a few words of ``noun`` (any ending)."""
    stem = re.escape(noun.lower().rstrip("s")[:6])
    near = re.compile(
        rf"{_COUNT.pattern}\W+(\w+\W+){{0,4}}{stem}|{stem}\w*\W+(\w+\W+){{0,4}}?{_COUNT.pattern}", re.I
    )
    return any(near.search(text) for text in texts)


def figure_not_stated(question: str, texts: list[str]) -> str:
    """The kind of figure ``question`` asks for ("sums of money", "percentages or rates",
    "figure for caseload") when none of ``texts`` (the passages of the reports it names) states
    one; else ""."""
    if _ASKS_FOR_MONEY.search(question) and not any(_STATES_MONEY.search(t) for t in texts):
        return "sums of money"
    if _ASKS_FOR_A_RATE.search(question) and not any(_STATES_A_RATE.search(t) for t in texts):
        return "percentages or rates"
    count = _ASKS_FOR_A_COUNT.search(question)
    noun = count and (count.group("noun") or count.group("noun2"))
    head = noun.split()[-1] if noun else ""
    counted_elsewhere = any(_COUNTED_ELSEWHERE.match(word) for word in (noun or "").split())
    if head and not counted_elsewhere and not _states_a_count_of(head, texts):
        return f"figure for {noun.lower()}"
    return ""


# "how many unallocated cases were there?", "what % of staff were agency workers?": a figure asked
# for in so many words. Counts of reports, visits or inspectors are the facts' business.
_HOW_MANY_ASKED = re.compile(
    r"\bhow many\s+(?P<counted>[\w-]+)|\bwhat\s+(percentage|per\s?cent|%)", re.IGNORECASE
)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|dozens?|half|halves|thirds?|quarters?|fifths?|tenths?|none|nil|zero"
)
# A figure a sentence states: digits that are no year or day of a date, a number in words, a
# fraction or a percentage, or none at all ("there were no private fostering arrangements").
# Not "a significant number", "a small number", "most", "few": no figure.
_STATES_A_FIGURE = re.compile(
    rf"{_COUNT.pattern}|\b({_NUMBER_WORDS})\b|%|\bper\s?cent\b|\b(there|which)\s+(is|are|was|were)\s+no\b"
    # ... or all or none of them: "All care leavers have an up-to-date pathway plan"
    r"|^\W*(all|every|each|both|no|none)\b|\b(all|none) of\b",
    re.IGNORECASE,
)


# "how many weeks are children waiting for CAMHS?": a length of time a wait takes, which the
# report states as a figure or not at all ("children are waiting too long"). Days an inspection
# took are the facts' business.
_TIME_UNITS = re.compile(r"^(days?|weeks?|months?|years?)$", re.IGNORECASE)
_A_WAIT = re.compile(r"\b(wait\w*|delay\w*|queue\w*)\b", re.IGNORECASE)


# "how much is …?", "what is the annual salary of …?": a sum asked for (not "did inspectors comment
# on salaries?", a question about them)
_HOW_MUCH = re.compile(
    r"\bhow much\b|\bwhat(['’]s| is| was| are| were)\s+(the\s+|their\s+|its\s+|an?\s+)?[^?]{0,30}?"
    r"\b(salary|salaries|pay|budget|cost|costs|spend|allowance|grant|overspend)\b",
    re.IGNORECASE,
)
_HOW_LONG_ASKED = re.compile(r"\bhow long\b(?!-)(?!\s+ago\b)", re.IGNORECASE)
# ... or put in words: "some for a considerable length of time", "children wait too long",
# "assessments are timely"
_TIME_IN_WORDS = re.compile(
    r"\b(too long|(a )?long time|length of time|lengthy|long[- ]standing|prolonged|extended period|"
    r"(days|weeks|months|years)\b|\d+[-\s](hour|day|week|month|year)s?\b|"
    r"delay\w*|drift|wait\w*|quick\w*|prompt\w*|timel\w*|swift\w*|immediate\w*)",
    re.IGNORECASE,
)
# ... or when it began: "in post since December 2006", "since the 2019 inspection", "took up post
# in March 2021"
_SINCE_A_TIME = re.compile(
    rf"\bsince\s+(\d|{MONTH_NAME}|(19|20)\d\d|the\s+((19|20)\d\d\s+)?(last|previous|inspection|visit)\b)"
    rf"|\b(in|from)\s+({MONTH_NAME}\s+)?(19|20)\d\d\b",
    re.IGNORECASE,
)


def name_not_quoted(question: str, quotes: list[str]) -> bool:
    """Whether ``question`` asks what something is called and none of ``quotes`` gives a name:
    "A care leavers council has recently been formed" does not say what it is called."""
    return (
        bool(quotes)
        and NAME_ASKED.search(question) is not None
        and not any(STATES_A_NAME.search(quote) for quote in quotes)
    )


def _names_the_month(text: str, year: int, month: int) -> bool:
    """Whether ``text`` names that month of that year ("31 December 2019", "December 2019")."""
    name = calendar.month_name[month]
    return re.search(rf"\b{name}\s+{year}\b", text, re.IGNORECASE) is not None


def figure_not_quoted(question: str, quotes: list[str], asked_now: str | None = None) -> bool:
    """Whether ``question`` asks how many, what percentage or how long, and none of ``quotes``, the
    sentences an answer would quote on its subject, states a figure: "A significant number of
    cases remain unallocated" says no number, so it cannot answer "how many cases were
    unallocated?". ``asked_now``: a follow-up's own words, where ``question`` is it made to stand
    alone; how long is asked only in them ("has that got any better by 2025?" after "how long
    were care proceedings taking?" asks whether it changed)."""
    if quotes and _HOW_LONG_ASKED.search(question if asked_now is None else asked_now):
        # "how long had the chief exec been in post?": a length of time, or a start ("in post
        # since December 2006"); "The chief executive is well informed …" is neither
        return not any(
            _STATES_A_FIGURE.search(quote) or _SINCE_A_TIME.search(quote) or _TIME_IN_WORDS.search(quote)
            for quote in quotes
        )
    asks_how_much = _HOW_MUCH.search(question) and _ASKS_FOR_MONEY.search(question)
    if quotes and asks_how_much and not any(_STATES_MONEY.search(q) for q in quotes):
        return True  # "how much is the setting-up-home allowance?": no sum quoted
    asked = _HOW_MANY_ASKED.search(question)
    if not quotes or asked is None:
        return False
    counted_at = data_date(question)
    if counted_at is not None and not any(_names_the_month(quote, *counted_at) for quote in quotes):
        # "how many … at 31 December 2019?": a count at another date ("At 31 December 2017, 89 …")
        # is not the one asked for
        return True
    counted = asked.group("counted") or ""
    if _COUNTED_ELSEWHERE.match(counted) and not (_TIME_UNITS.match(counted) and _A_WAIT.search(question)):
        return False  # (how many inspectors, areas or days on site: the facts' business)
    return not any(_STATES_A_FIGURE.search(quote) for quote in quotes)


# "What did Carly Speechley say to inspectors about …?", "what does Martin Kelly think of …": the
# words of a person named in full (two or three capitalised words).
_PERSON_SAID = re.compile(
    r"\b(?i:what\s+(?:did|does|do|has|had))\s+(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\s+"
    r"(?i:say|said|tell|told|think|thought|make of|feel|felt|reckon|have to say|explain)\b"
)
_SPEAKING = re.compile(r"\b(said|says|told|explained|described|commented|reported|stated)\b", re.I)


def person_never_quoted(question: str, texts: list[str]) -> str:
    """The person whose words ``question`` asks for, when ``texts`` (the passages of the reports
    it names) never report anything they said: reports give inspectors' findings, and name the
    director only in the letter's address block and greeting, which say nothing of theirs.
    "" when the question asks for no one's words, or the reports do report them."""
    asked = _PERSON_SAID.search(question)
    if asked is None:
        return ""
    name = asked.group("name")
    # in any case: "What did Care Leavers tell inspectors?" asks what care leavers told them
    surname = re.compile(rf"\b{re.escape(name.split()[-1])}\b", re.IGNORECASE)
    for text in texts:
        if not surname.search(text):
            continue
        for unit, _, sentence in passage_sentences(text):
            if surname.search(sentence) and _SPEAKING.search(sentence) and not is_furniture(unit):
                return ""
    return name


# How people responded to a report, or what they will do next: "What does the council leader
# think of the report?", "Is the director going to resign?". A report records what inspectors
# found during the inspection; it is written before anyone can respond to it.
_REACTION = re.compile(
    r"\b(think|thinks|thought|feel|feels|felt|react\w*|respon\w*|say|says|said|comment\w*)\b[^?]{0,30}"
    r"\b(of|about|to|on)\b[^?]{0,40}\b(the|this|that|its|their)?\s*(\d{4}\s+)?(ofsted\s+)?"
    r"(report|rating|grade|verdict|(ofsted|inspection) (judge?ment|outcome|findings|result)s?|"
    r"being (judged|rated|found))\b",
    re.IGNORECASE,
)
_SOMEONE_ELSE = re.compile(
    r"\b(leaders?|minister|MPs?|councillors?|mayor|chief executive|director|DCS|secretary of state|"
    r"government|unions?|press|media|cabinet member|lead member)\b",
    re.IGNORECASE,
)
_PLANS = re.compile(
    r"\b(going to|will|plans? to|planning to|expected to|likely to)\s+(resign|step down|be (sacked|fired))\b",
    re.IGNORECASE,
)
# When a council will next be inspected: "when is Wiltshire's next inspection?", "is an inspection
# due?". Not "what did the next inspection find?", which is a later report.
_NEXT_INSPECTION = re.compile(
    r"\bwhen(\s+is|\s+will|['’]s)\b[^?]{0,40}\bnext\s+((ofsted|full|ILACS|focused|monitoring)\s+){0,3}"
    r"(inspection|visit)\b"
    r"|\bnext\s+((ofsted|full|ILACS|focused|monitoring)\s+){0,3}(inspection|visit)\s+(is\s+)?"
    r"(due|planned|scheduled|expected)\b"
    r"|\b(is|are)\s+(an?\s+|the\s+|their\s+|its\s+)?(ofsted\s+|full\s+)?(inspection|visit)\s+(due|coming|expected)\b"
    r"|\bupcoming\s+(ofsted\s+)?(inspections?|visits?)\b"
    r"|\bwhen\s+will\s+(ofsted|inspectors|they|HMIs?)\s+(next\s+)?(visit|inspect|come|go|be back|return)\b",
    re.IGNORECASE,
)
NEXT_INSPECTION = (
    "The reports record inspections that have already taken place; they don't say when a council "
    "will next be inspected, so they can't answer this."
)
AFTER_THE_REPORT = (
    "The reports record what inspectors found at the time of each inspection; they don't say how "
    "anyone responded to them afterwards or what people plan to do, so they can't answer this."
)


CONTACT_DETAILS = (
    "The reports name inspectors and directors but give no one's own phone number, email or "
    "address, so they can't answer this."
)
# "can i get kendra bell's direct phone number?", "what's the DCS's email address?": a person's
# own contact details (a report prints only Ofsted's general enquiry line).
_CONTACT_ASKED = re.compile(
    # (not "do children have their social worker's mobile number?": a question about practice)
    r"\bdirect\s+((phone|telephone|mobile)\s+)?(number|line|no)\b"
    r"|\b(inspector|director|DCS|HMI|executive|lead)['’]s\s+((work\s+|personal\s+)?(phone|telephone|mobile)\s+"
    r"(number|no)|e-?mail(\s+address)?|contact\s+details)\b"
    r"|\b(phone|telephone|mobile)\s+number\s+(of|for)\s+(the\s+)?(lead\s+)?(inspector|director|DCS)\b",
    re.IGNORECASE,
)


def after_the_report(question: str) -> str:
    """Why ``question`` is beyond any report: it asks how someone other than the inspectors
    responded to a report, what a person will do, when the next inspection is, or how to reach
    someone; else ""."""
    if _PLANS.search(question) or (_REACTION.search(question) and _SOMEONE_ELSE.search(question)):
        return AFTER_THE_REPORT
    if _NEXT_INSPECTION.search(question):
        return NEXT_INSPECTION
    if _CONTACT_ASKED.search(question):
        return CONTACT_DETAILS
    return ""
