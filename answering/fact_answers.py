"""Questions about report facts, answered from the facts and the lines that state them.

A grade, the lead inspector, the inspection dates, what a focused visit looked at and
what needs to improve are stated once, in a known place, in each report (see
`indexing.facts`). Sentence scoring finds such lines poorly (a judgement table is not a
sentence about the topic), so these questions are recognised by their wording and
answered by quoting the stating line of every report in the question's scope. A
question across councils ("Which councils were judged inadequate?") lists every
matching report. When a report in scope has no such fact, the question goes to the
ordinary extractive answer instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from rapidfuzz import fuzz, process

from answering.citations import Answer, citation_from_passage, human_date
from answering.extractive import (
    MAX_PER_PASSAGE,
    WAS_IT_A_PROBLEM,
    is_critical,
    render_extractive,
    sentences_of,
    terms,
    with_antecedent,
    with_apostrophes,
    without_quote_request,
)
from indexing.authorities import without_styling
from indexing.facts import AREAS, Fact, ReportFacts, same_grade
from indexing.metadata import MONTH_NUMBERS
from retrieval.concepts import load_concepts
from retrieval.glossary import mentions
from retrieval.passage import Passage
from retrieval.scope import ACROSS_COUNCILS, REPORT_BY_HOW_DONE, THEY_CAME

# Words that ask for a grade. With the vocabulary check (`_other_subject`) they only make a
# judgement question when the rest of the question is about the judgement too.
_JUDGEMENT = re.compile(
    r"\b(judge?(s|d|ing|ments?)?|grade[ds]?|graded|grading|rate[ds]?|rating|ratings|overall effectiveness|OE|"
    r"verdict|scored?|(outcome|results?) (of|from)|(ofsted|inspection|ILACS|SIF)['’]?s? (outcome|result)s?|"
    # "what was the result for children in care?" (the, singular: not "outcomes for care leavers")
    r"the (outcome|result) for|overall (outcome|result)s?\b(?!\s+(for|of)\b)|"
    r"(ofsted|inspectors?|inspection)\b[^?]{0,20}\b(give|gave|award(ed)?)|"
    r"(was|were)\b[^?]{0,30}\b(given|awarded)\b(?!\s+(to|for))|(ofsted|inspectors) assess\w*|"
    r"(services?|leavers|protection|care|leadership|leaders|adoption|performance)\W+(been\W+)?assessed|"
    r"(ofsted|inspectors)['’]?s? assessment|conclu\w*\b[^?]{0,20}\boverall|overall conclusion|"
    # "what did the inspection conclude about the impact of leaders?" (a subject of its own
    # is left to the passages by the vocabulary check)
    r"conclu(de|ded|sion)s? (about|on|for|regarding)|"
    # "what had the previous full inspection concluded (and when was it)?"
    r"\bwhat (did|does|do|had|has)\b[^?]{0,30}\b(previous|last|prior|earlier|preceding)\b[^?]{0,30}"
    r"\bconclude(d)?(?=\W*($|and\b))|"
    r"(good|outstanding|inadequate|requires improvement),? or (just |only |simply |still )?"
    r"(good|outstanding|inadequate|requires)|(come|came) out|"
    r"what (did|does|do)\b[^?]{0,30}\b(get|receive|achieve)|"
    r"what (did|does|do) (ofsted|inspectors|they) make of|"
    r"(was|were|is|are) (it|they|services|the \w+) (judged|found) to be|"
    r"how (good|bad) (is|are|was|were)|\bany good\b(?!\s+(practice|examples?|work|news|things?|ideas?))|"
    # "ok and in 2023 was there anything that wasnt outstanding?"
    r"\b(anything|any ((individual|single|other|one)\s+)?(parts?|areas?|aspects?|judge?ments?))\b[^?]{0,20}"
    r"\b(not|wasn['’]t|weren['’]t|isn['’]t|aren['’]t|below|under|lower than|worse than)\s+"
    r"(outstanding|good)\b|"
    # "which area got outstanding?", "one area got RI - which one?"
    r"which (parts?|areas?|aspects?|judge?ments?)\b[^?]{0,40}\b"
    r"(outstanding|good|inadequate|requir\w* improvement|RI)|"
    r"\b(parts?|areas?|aspects?|judge?ments?)\b[^?]{0,30}"
    r"\b(outstanding|good|inadequate|requir\w* improvement|RI)\b[^?]{0,10}\bwhich( one)?\b|"
    r"how (did|does|do|has|have)\b[^?]{0,80}\b(do|done|fare|fared|perform|performed|get on|got on)|"
    # "where did Knowsley land in their most recent ILACS?"
    r"where (did|do|does|has|have)\b[^?]{0,60}\b(land|landed|end up|ended up)\b|"
    r"how (is|are|was|were) (\w+\s+){1,3}?(doing|faring|performing)\b|"
    # "walsall - were kids in care ok?"
    r"\b(is|are|was|were)\b[^?]{0,50}\b(ok|okay|alright|all right)(?=\W*$|\s+(in|at|for|then|now)\b)|"
    r"how\b[^?]{0,40}\b(did|got on|went)\s+(in|at|during)\b|"
    r"how (did|does|do|has|have)\b[^?]{0,60}\b(inspection|visit|ofsted|it|they)\b[^?]{0,30}"
    r"\b(go|gone)(?=\W*$))\b",
    re.IGNORECASE,
)
# The grade itself asked for ("what grade …", "overall effectiveness judgement?", "what did X get
# for adoption?"), not how things went ("is it any good?", "what did Ofsted make of …").
_ASKS_FOR_THE_GRADE = re.compile(
    r"\b(grade[ds]?|graded|grading|rated|rating|ratings|judged|judge?ments?|overall effectiveness|OE|scored?|"
    r"what (did|does|do)\b[^?]{0,30}\b(get|give|gave|award(ed)?))\b",
    re.I,
)
# "Was Croydon inadequate?", "Did Wiltshire get outstanding?": a yes/no question about a grade.
_GRADE_QUESTION = re.compile(
    # at the start, after a dash or colon, or after a question before it: "wiltshire 2015
    # inspection - was adoption good?", "and in 2019? was it good then?"
    r"(?:^|[-–—:;?!]\s)\s*(and\s+)?(is|was|were|are|did|has|have|had|does)\b[^?]*\b(outstanding|good|inadequate|"
    r"requires? improvement|RI)\b"
    # "Brighton and Hove got outstanding in 2024, didn't they?"
    r"|\b(outstanding|good|inadequate|requires? improvement)\b[^?]*[,\s](didn['’]t|did|wasn['’]t|was|"
    r"weren['’]t|isn['’]t|hasn['’]t|haven['’]t|right)\s*(they|it|he|she)?\s*\?\s*$",
    re.IGNORECASE,
)
# "What was X judged at its previous inspection?": the grade a report says its predecessor gave.
# Not "what did Sheffield get last time Ofsted came?": the latest.
_BEFORE = re.compile(
    rf"\b(previous(ly)?|prior|before|earlier|last time(?!{THEY_CAME})|time before|preceding|former|"
    # "what grade did Hull have going into the 2024 focused visit?"
    r"going into|heading into|ahead of (the|its|their) ((19|20)\d\d )?(full |focused )?(inspection|visit))\b",
    re.I,
)
# "When was the previous inspection?", "Before the 2019 visit, when was X last inspected?": not
# "last", which as often means the latest ("when was the last inspection?").
# Not "was it before lockdown?": before something else than a report.
_THE_ONE_BEFORE = re.compile(
    r"\b(previous(ly)?|prior|preceding)\b"
    r"|\bbefore\b(?=\s*(that|this|it|then)?\W*$|\s+(that|this|it|then)\b"
    r"|\s+(the|its|their|that|this)\s+([\w'’-]+\s+){0,3}?(inspection|visit|report|one|ILACS|letter)s?\b)",
    re.I,
)
# "What does the 2024 report say X was judged at its 2020 inspection?": one report asked what it
# says of another year's judgement, which the later report restates (a "previous" fact).
_SAYS = re.compile(r"\b(say|says|said|state[sd]?|mention(s|ed)?|record(s|ed)?)\b", re.I)
# "How has X changed since it was judged inadequate?" asks about progress, not for a grade.
_CHANGE = re.compile(
    r"\b(chang\w*|improv\w*|got (better|worse)|progress\w*|declin\w*|deteriorat\w*|since)\b", re.I
)
# The grades a council has had, one report after another: "how have Bromley's grades changed over
# its inspections?", "Hull's ratings over the years", "track record of Ofsted judgements".
_GRADE_HISTORY = re.compile(
    r"\b(grades|ratings|judge?ments|grade|rating|judge?ment)\b[^?]{0,40}"
    r"\b(over (time|the years|(all )?(its|their|the) (inspections|reports))|"
    r"across (its|their|the) (inspections|reports)|(from|between) (one )?inspections?|history|trajectory)\b"
    r"|\b(history|track record|trajectory|timeline) of (its |their |[\w-]+['’]s )?(ofsted )?"
    r"(grades|ratings|judge?ments)\b",
    re.I,
)
# Which of one council's reports gave a grade: "which of Hull's reports judged it inadequate?",
# "which inspections rated them outstanding?", "when was Hull judged inadequate?"
_WHICH_OF_ITS_REPORTS = re.compile(
    r"\b(which|what)\s+(of\s+)?(([\w-]+\s+){0,3}?[\w-]+['’]s\s+|their\s+|its\s+|the\s+|[\w-]+\s+)?"
    r"((ofsted|full)\s+)?(reports?|inspections?|years?)\b[^?]{0,30}\b(judged|rated|graded|found|gave|give|given|"
    r"got|get)\b"
    r"|^\W*when\s+(was|were|has|have|had)\b(?![^?]*\b(last|latest|most recent(ly)?|recently)\b)[^?]{0,30}"
    r"\b(judged|rated|graded|found)\b",
    re.I,
)
# Two questions in one: the grade, then whether it changed.
_GRADE_AND_CHANGE = re.compile(
    r"\b(judged|graded|rated|grade[ds]?|rating|judge?ments?)\b[^?]{0,60}\band\b[^?]{0,30}"
    r"\b(better|worse|improv\w*|chang\w*|progress\w*|deteriorat\w*|declin\w*)\b",
    re.I,
)
# "Has X got better since 2019?", "Did X go backwards?": how a council changed between inspections,
# which each report states itself, comparing with the one before (`indexing.facts`).
_CHANGE_QUESTION = re.compile(
    r"\b(improv\w*|better|worse|declin\w*|deteriorat\w*|progress\w*|chang\w*|backwards?|downhill|"
    r"slip(ped|s)?|dropp?(ed)?|fell|fall(en)?|went down|gone down|(go|gone|went|moved?) up|up or down|"
    # "have they fixed those by the 2025 one?"
    r"(fixed|sorted|resolved|addressed|tackled|put right) (those|these|them|that|it|this)|"
    # "slough 2019 vs 2023 - what didn't get fixed?", "what still hasn't been sorted?"
    r"(didn['’]?t|did not|hasn['’]?t|has not|haven['’]?t|have not|hadn['’]?t|had not|wasn['’]?t|was not|"
    r"weren['’]?t|were not)"
    r"\s+(get\s+|got\s+|been\s+|be\s+)?(fixed|sorted|resolved|addressed|tackled|put right)|"
    r"(kept|keep) up|maintain\w*|sustain\w*|turn(ed)? (it |things |services )?a?round|"
    r"(moved|move|come|came) on\b|"
    # "Did they keep that at the latest inspection?", "and did that last?"
    r"(kept|keep|keeping|held|hold on to|hold onto|hang on to|hang onto|hung on to|retain\w*) "
    # (not "what held that judgement back?": what kept it from a higher grade)
    r"(it|that|this|the (grade|rating|judgement))(?!(\s+(grade|rating|judge?ment))?\s+back\b)|"
    r"did (it|that|this) (last|stick|hold)|"
    r"compar\w* ((it|them|this|that|things|services) )?(to|with|against)|"
    # "is that still the case in the 2026 inspection?": whether it changed
    r"still (the case|true|so|holds?|stands?|a (problem|concern|strength|weakness)|an issue))\b",
    re.I,
)
_CHANGE_WORDS = terms(
    "improve improved improvement improving better worse decline declined deteriorate deteriorated "
    "progress changed change changes backwards backward downhill kept keep maintain maintained sustain "
    "sustained turned around since between standards quality things much really go gone went make made "
    "stay stayed same slip slipped than then moved move on come came round around up down heard happened "
    "fixed sorted resolved addressed tackled those case true hold holds stand stands onto hang hung "
    "ago few couple several years while recently "
    # "how did the 2019 inspection describe their response and progress since then?"
    "describe describes described response responded respond "
    # "which issues from the 2019 inspection still hadn't been sorted?"
    "hadn't hadn had didn't hasn't haven't wasn't weren't from"
)
# "which issues …?", "what problems …?": the report's own, asked as a whole (not "was that still
# an issue?", whose issue is the subject asked about before)
_WHICH_OF_ITS_FINDINGS = re.compile(
    r"\b(which|what)\s+(issues|problems|areas|things|concerns|weaknesses)\b", re.I
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "Which councils were outstanding in every area / across the board?": every judgement, not one.
# Not "in all areas of London" (places) nor "in every area but…" / "not in every area".
_EVERY_AREA = re.compile(
    r"(?<!not )(?<!not in )\b(every|all|each)( (of )?(the|its|their))? (judgement |judgment |inspection )?"
    r"(areas?|judge?ments?|grades?|categor(y|ies))\b(?!\s+(of|in|except|but|apart)\b)"
    r"|\bacross the board\b|\bclean sweep\b",
    re.I,
)
EVERY_AREA = ("every area",)
# "Which of Slough's reports rated anything inadequate?": any area so graded
_ANY_AREA = re.compile(
    r"\b(anything|any (judgement |judgment )?(area|part|aspect)s?|any of (it|them|the areas))\b", re.I
)
ANY_AREA = ("any area",)
_WHICH_PART = re.compile(
    r"\bwhich (parts?|areas?|aspects?|services?|judge?ments?)\b"
    # "i think one area got RI - which one?"
    r"|\b(parts?|areas?|aspects?|judge?ments?)\b[^?]{0,40}\bwhich( one)?\W*$",
    re.I,
)
# ... and, with a grade denied, "was anything below outstanding?", "were any areas not good?"
# "which area pulled it down to that?", "what was the weakest area?": the lowest graded areas
_PULLED_DOWN = re.compile(
    r"\b(which|what) (areas?|parts?|judge?ments?|bits?|aspects?)\b[^?]{0,30}"
    r"\b(pulled|pulling|dragged|dragging|brought|bringing|held|holding|kept|keeping|let)\s+"
    r"(it|that|them|the (grade|rating|judge?ment|overall( grade| judge?ment)?))\s+(down|back)\b"
    r"|\b(weakest|worst|lowest)[- ](graded|rated|judged) (areas?|parts?|judge?ments?)\b"
    r"|\blowest (grades?|ratings?)\b",
    re.I,
)
_PULLED_DOWN_WORDS = terms(
    "pulled pulling dragged dragging brought bringing held holding kept keeping let down back "
    "weakest worst lowest"
)
LOWEST = "lowest"  # `FactIntent.grade` asking for the areas graded lowest
_GRADE_RANK = {"outstanding": 0, "good": 1, "requires improvement": 2, "inadequate": 3}
_ANYTHING = re.compile(
    # "was any individual judgement lower than outstanding?"
    r"\b(was|were|is|are)\s+(there\s+)?(anything|any ((individual|single|other|one)\s+)?"
    r"(parts?|areas?|aspects?|judge?ments?))\b",
    re.I,
)
# "which judgement wasn't good?", "which areas were not rated good?" (not "outstanding, not just good")
_NOT = re.compile(
    r"\b(not|wasn['’]t|weren['’]t|isn['’]t|aren['’]t|didn['’]t (get|reach)|"
    # "was anything below outstanding?"
    r"below|under|short of|less than|lower than|worse than)\s+"
    r"((judged|rated|graded|found)\s+)?(as\s+)?(outstanding|good|inadequate|requir\w*)\b",
    re.I,
)
_GRADE_WORDS = [
    ("requires improvement to be good", re.compile(r"requir\w* improvement|\bRI\b", re.I)),
    ("inadequate", re.compile(r"\binadequate\b", re.I)),
    ("outstanding", re.compile(r"\boutstanding\b", re.I)),
    ("good", re.compile(r"\bgood\b", re.I)),
]
# "who was the lead?" asked of the report the conversation is on
_WHO_WAS_THE_LEAD = r"^\W*(and\s+)?who (was|were) (the|their|its) lead\W*$"
_WHO = re.compile(
    rf"{_WHO_WAS_THE_LEAD}|"
    # at the start, or after a dash or colon: "Richmond 2022 inspection - who led it?"
    r"(?:^|[-–—:;]\s)\s*(and\s+)?(who|which (inspectors?|HMIs?))\b[^?]{0,60}"
    r"\b(led|lead (inspector|HMI)|inspected|carried (it |that |this )?out|conducted|visited)\b"
    r"|(?:^|[-–—:;]\s)\s*(and\s+)?(who|which (inspectors?|HMIs?))\s+(did|ran|came|went|(were|was) (on|in))\b"
    r"[^?]{0,60}\b(visit|inspection)"
    r"|(?:^|[-–—:;]\s)\s*(and\s+)?who (were|was) the (lead |team |other )?(inspectors?|HMIs?)\b"
    # "who was on the inspection team?", "team inspectors?"
    r"|\bwho\b[^?]{0,30}\b(inspection|inspecting) team\b|\bteam (inspectors?|HMIs?)\b"
    r"|\b(inspection|inspecting) team\W*$"
    r"|\bhow many (inspectors|HMIs)\b"
    # "who signed the letter?": the visit's inspector signs it
    r"|(?:^|[-–—:;]\s)\s*(and\s+)?who (signed|wrote)\b[^?]{0,30}\b(letter|report)\b"
    r"|^\W*(and\s+)?(who|which (inspectors?|HMIs?)) (did|ran|led) (it|that|this|the (inspection|visit))\W*$"
    r"|\blead (inspector|HMI)s?\b|\binspected by\b|\bnames? of the (inspectors?|HMIs?)\b"
    # "durham focused visit july 2021 inspectors names pls"
    r"|\b(inspectors?|HMIs?)['’]?s?['’]? names?\b"
    r"|\b(inspectors?|HMIs?) (who|that) (led|inspected|carried out|conducted|visited)\b",
    re.I,
)
# "What did Hampshire's lead inspector find on LADO?": what inspectors found, not who they were.
_WHAT_INSPECTORS_FOUND = re.compile(
    r"\b(what|how)\b[^?]{0,30}\b(lead inspector|inspectors?|HMIs?|team)\b[^?]{0,20}\b"
    r"(find|found|say|said|think|thought|make of|made of|report|reported|note|noted|conclude|concluded|"
    r"write|wrote)\b",
    re.I,
)
_TEAM_WORDS = re.compile(r"\b(inspectors|team|who (were|was) the|how many)\b", re.I)
_WHEN = re.compile(
    r"\bwhen\s+(exactly\s+|precisely\s+)?(was|were|did|is|had|has)\b[^?]{0,60}\b(inspect\w*|visit(ed|s)?)\b|"
    # "When exactly were Ofsted in Rochdale for the 2023 ILACS?"
    r"\bwhen\s+(exactly\s+|precisely\s+)?(was|were|did)\s+(ofsted|the inspectors|inspectors|HMIs?)\b|"
    r"\b(what|which) (dates?|days?|month)\b|\bdates?\b[^?]{0,40}\b(inspection|visit)\b|"
    r"\b(inspection|visit)\s+dates?\b|"
    r"\bhow long (was|did|were)\b[^?]{0,40}\b(inspection|visit|inspectors)\b|"
    # "… focused visit 2025, when did it take place?", "when was the inspection held?"
    r"\bwhen\s+(did|was|were)\s+(it|that|this|they|the (inspection|visit|one))\s+"
    r"(take place|happen|occur|held|carried out|done|on site)\b|"
    # "When did the 2026 Trafford ILACS take place?"
    r"\bwhen\s+(did|was|were)\s+(the|their|its)\b[^?]{0,40}\b(inspection|visit|ILACS|SIF|FV|JTAI)\s+"
    r"(take place|happen|occur|held|carried out|done|on site)\b",
    re.I,
)
# "When is the next inspection due?": the reports do not say; not a question about their dates.
_NEXT = re.compile(r"\b(next|upcoming|future|due)\b", re.I)
_ABOUT_THE_INSPECTION = re.compile(
    r"\b(inspect\w*|visit\w*|HMIs?|ILACS|JTAI)\b|\b(signed|wrote)\b[^?]{0,30}\bletter\b|"
    # "when did Ofsted go into Hertfordshire in 2023?": inspectors arriving is the inspection
    r"\b(ofsted|inspectors|HMIs?)\s+(last\s+)?(go|went|come|came|arrive|arrived|turn(ed)? up)\b",
    re.I,
)
_FOCUS = re.compile(
    r"\b(visit|inspectors?)\b[^?]{0,40}\b(look(ed|ing)? at|focus(ed)? on|concentrat\w* on|examin\w*|"
    r"cover(ed)?|consider(ed)?|review(ed)?)\b|\bfocus of\b|\bwhat (was|is) the focus\b|"
    # "What was the theme of Solihull's June 2021 focused visit?"
    r"\b(theme|topic|subject)s? of (the|this|that|their|its|\w+['’]s?)\b[^?]{0,40}\bvisits?\b|"
    r"\bvisits?\s+(theme|topic|subject)s?\b|"
    # "what did ofsted check on their visit to West Berkshire?", "what was the scope of the visit?"
    r"\bwhat (did|do) (ofsted|inspectors?|they) (check|inspect|assess|examine|evaluate)\b[^?]{0,40}\bvisit\b|"
    r"\b(scope|remit) of\b[^?]{0,60}\bvisit\b|"
    # "birmingham FV sept 2024 - what was in scope?"
    r"\bwhat (was|is|were|are) (in|within) (the )?scope\b|\bwhat (was|is) the (scope|remit)\W*$|"
    # "what area did ofsted look at in Leicestershire in 2023?"
    r"\bwhat (areas?|aspects?|parts?|topics?|themes?)? ?(of (practice|work|services?) )?did (ofsted|they|"
    r"inspectors|HMIs?) (look at|focus on|concentrate on|examine|review)\b"
    r"(?=\s*($|\?|in\b|at\b|during\b|on (the|their|its)\b))|"
    r"\bwhat (was|is|were)\b[^?]{0,60}\b(visit|inspection)\b[^?]{0,25}\babout\W*$|"
    # "… focused visit 2018 - what was the topic?", "what was its theme?"
    r"\bwhat (was|were|is) (the|its) (topic|theme|subject|focus)s?\W*$|"
    # "What was Ofsted looking at when they did the focused visit to Dorset?"
    # "what did ofsted specifically look at …"
    r"\bwhat (was|were|is|are|did) (ofsted|inspectors?|they)\s+(\w+ly\s+)?"
    r"(looking at|look at|focus(ing|ed)? on)\b|"
    r"\bwhich (areas?|parts?|aspects?) of\b[^?]{0,60}\b(examin\w*|look(ed)? at|inspect\w*|visit\w*|focus\w*|"
    r"review\w*|evaluat\w*)|"
    # "What area of practice did Ofsted look at in Plymouth in July 2025?"
    r"\b(what|which) (areas?|aspects?|parts?) of (practice|work|services?|the service)\b[^?]{0,30}"
    r"\b(did|do|does|was|were) (ofsted|inspectors?|they|the (visit|inspection|inspectors))\s+"
    r"(look(ing)? at|focus(ed|ing)? on|examin(e|ing)|inspect(ing)?|review(ing)?|check(ing)?|cover)\b",
    re.I,
)
# The same requests in few words: "Kent focused visit 2024 inspectors", "kirklees focused visit focus?"
_TERSE = re.compile(
    r"^(?!\s*(what|how|why|did|does|do|is|are|was|were|has|have|which|who)\b)[^?]{0,80}?\b"
    r"(?P<kind>lead inspector|inspectors|HMIs|inspection team|focus|scope|dates|"
    # "north yorks 2018 inspection overall?"
    r"overall( grade| judge?ment| effectiveness| rating)?|"
    r"(?<!same )theme|(?<!same )topic|"  # not "and the 2019 inspection, same topic?"
    # "kirklees oct 2021 focused visit, which area of practice?"
    r"(what|which) (theme|topic|area))( of (practice|work|the service|children's services))?\W*$",
    re.I,
)
# ... and they name the report: "Summarise the strengths identified by inspectors" is no such request.
_NAMES_A_REPORT = re.compile(r"\b(19|20)\d\d\b|\b(focused visit|inspection|ILACS|visit|JTAI)\b", re.I)
# the words of "north yorks 2018 inspection overall?" besides the council's name
_OVERALL_ALONE = frozenset(
    re.findall(
        r"\w+",
        "overall grade judgement judgment effectiveness rating inspection ilacs sif ofsted report "
        "the its their s latest last most recent full focused visit and of in for",
    )
) | {month.lower() for month in MONTH_NUMBERS}
_TERSE_KIND = {"lead inspector": "who", "inspectors": "team", "hmis": "team", "inspection team": "team",
               "focus": "focus", "scope": "focus", "dates": "when", "theme": "focus", "topic": "focus",
               "what theme": "focus", "which theme": "focus", "what topic": "focus", "which topic": "focus",
               "what area": "focus", "which area": "focus", "overall": "judgement",
               "overall grade": "judgement", "overall judgement": "judgement",
               "overall judgment": "judgement", "overall effectiveness": "judgement",
               "overall rating": "judgement"}  # fmt: skip
# A follow-up asking about the report the conversation is on: "who led it?", "what did it look at?"
_ABOUT_IT = re.compile(r"\b(it|they|them|(that|this) (one|inspection|visit))\b", re.I)
# ... or the one it moves to, and nothing else: "who led the 2025 one?", "and who led the latest?"
_WHO_LED_THE_ONE = re.compile(
    r"^\W*(and\s+)?who (led|ran|did|inspected) (the|their|its) ((19|20)\d\d |latest |last |previous |next |"
    r"first |earlier |later |most recent |recent |full |focused )*(one|inspection|visit)"
    # "and who led the one before that in 2021?"
    r"( (before|after)( that| it| this)?)?( in (19|20)\d\d)?\W*$"
    rf"|{_WHO_WAS_THE_LEAD}"
    # "who led that?"
    r"|^\W*(and\s+)?who (led|ran|did|inspected) (it|that|this)\W*$",
    re.I,
)
_FOCUS_OF_IT = re.compile(
    r"(\b(it|they|(that|this) (one|visit))\b[^?]{0,20}|\b(did|does|do) (that|this)\s+)"
    r"\b(look(ed|ing)? at|focus(ed)? on|examin\w*|cover(ed)?)(\s+(exactly|precisely|specifically))?\W*$"
    r"|\bwhat (was|is) (it|that|this|theirs|its)( one| visit)? (about|on)\W*$"
    # "Wandsworth 2019 focused visit: what area of practice was it about?"
    r"|\b(what|which) (areas?|aspects?|parts?|kinds?) of (practice|work|services?)\b[^?]{0,20}"
    r"\b(was|were|is) (it|that|this|the visit)( one| visit)? (about|on)\W*$"
    # "Portsmouth Feb 2025 visit: which group of young people and what aspects?"
    r"|(^|[-–—:,;]\s+)(which|what) (groups?|cohorts?) of (children|young people)"
    r"( and (what|which) aspects?)?\W*$"
    # "york FV aug 2023 - which group of young people was it about?"
    r"|(^|[-–—:,;]\s+)(which|what) (groups?|cohorts?)( of (children|young people))?"
    r" (was|were|is) (it|that|this|the visit)( one| visit)? (about|on|for)\W*$"
    r"|\b(which|what) aspects?( of (it|their work|practice))?\W*$",
    re.I,
)
# "When was the letter sent?", "what date was the report published?": the date a letter bears.
_PUBLISHED = re.compile(
    r"\b(publish\w*|sent|dated|issued|released|came out|date of the (letter|report)|"
    # "what date was the Wandsworth letter?"
    r"date (was|is|did|does|on) (the|their|its|that|this)\b[^?]{0,40}\b(letter|report))\b",
    re.I,
)
# A date named as a thing: "publication date of Stockport's 2019 focused visit", "letter date?"
_DATE_OF_THE_LETTER = re.compile(
    r"\b(publication|publish(ed|ing)?|release|letter|report) date\b|\bdate of (publication|release)\b", re.I
)
# Asked first thing: "what happens when … (report published 2024)" asks no date.
_ASKS_A_DATE = re.compile(r"\W*(and\s+)?(when|(on )?what (date|day|month))\b", re.I)
_ABOUT_A_REPORT = re.compile(r"\b(report|letter|inspect\w*|visit\w*)\b", re.I)
_WHEN_IT = re.compile(
    r"^\W*(and\s+)?when\s+(was|were|did)\s+(it|that|this|they|the (one|visit|inspection|report))\b", re.I
)
# ... and after the report is named, nothing more: "durham focused visit 2021 - when was it?" (not
# "… 2025 inspection - when did they finally get a permanent director?")
_WHEN_WAS_IT = re.compile(
    r"[-–—:;]\s+(and\s+)?when\s+(was|were|did)\s+(it|that|this|the (one|visit|inspection|report))\W*$", re.I
)
# Misspellings of the words that say what is asked ("insepctors"), corrected before reading it.
_KEY_WORDS = (
    "inspectors", "inspection", "inspected", "judgement", "outstanding", "inadequate", "focused",
    "improvement",
)  # fmt: skip
_IMPROVE = re.compile(
    r"\b((needs?|needed|must|should) (to )?improve|"
    # "what did Ofsted tell North Somerset to fix?", "what were they asked to sort out?"
    # "did Ofsted flag anything for Sunderland to work on?"
    r"((tell|told|ask|asked|want|wanted|recommend\w*)\b|"
    r"(flag\w*|identif\w*|highlight\w*|point\w* out)\s+(anything|any\s+\w+|areas?|things?|issues?)\b)"
    r"[^?]{0,40} to "
    r"(improve|fix|address|sort|tackle|put right|work on|get better|do better)|"
    r"improvements? (needed|required)|"
    # "what still needed fixing?", "what needs sorting out?"
    r"\bwhat (still )?(needs?|needed) (fixing|sorting|addressing|improving|doing|work(ing on)?)\b|"
    # "what did ofsted say needs fixing"
    r"\b(what|which)\b[^?]{0,40}\b(needs?|needed|needing) (fixing|sorting out|putting right|improving)\b|"
    r"\bwhat(['’]s| is| was)? (still )?left to (do|fix|improve)\b|"
    r"areas? (for|of) (improvement|development)|"
    # "was there anything flagged as needing improvement?"
    r"\bneeding (improvement|improving|to improve)\b|"
    # "Surrey April 2024 focused visit - areas to improve?"
    r"(areas?|things?|what|anything) (still )?to improve|"
    r"recommendations?|priority actions?|need(s|ed)? improving|what should .{0,40} improve|"
    r"what (must|does) .{0,40} (improve|do better)|what (do|did) \w+ need to (improve|do better)|"
    r"\b(need(ed|s)? to|must|should|ha(s|d|ve) to)\s+(fix|address|sort out|tackle|put right)\b|"
    r"\b(must|should|needs?|needed|has to|have to|had to)\b[^?]{0,30}\bwork on|"
    r"(tell|told|ask|asked|want|wanted)\b[^?]{0,40}\bto (do|make|change)\b|next steps|"
    # "anything they want improved for care leavers?"
    r"(want|wanted|wants)\s+(\w+\s+)?improv(ed|ing)|"
    r"recommend\w*|need(ed|s)? to change|(still )?needs? (more )?work|"
    r"(do|happen) next|what next|"
    r"(anything|what)( else)? (left|still)( for (them|it|\w+))? to (improve|do|work on|fix)|"
    r"anything to improve|"
    # "was there anything they still had to improve?", "improvement areas for care leavers"
    r"(still )?(ha(s|d|ve)|needs?) to (improve|get better)|improvement (areas?|points?|priorities)|"
    # "What improvements did Ofsted say were needed?"
    r"what improvements?\b[^?]{0,40}\b(needed|required|necessary|recommended|asked for|wanted))\b",
    re.I,
)
# "swindon was good in 2019 and inadequate in 2023 - what happened?": two grades stated, then
# what came between them (not "Hull's 2019 focused visit - what happened?")
_GRADE_NAMED = r"\b(outstanding|good|inadequate|requires? improvement|RI)\b"
# The overall grade told as what the asker knows: "Wolverhampton was good overall but …"
_OVERALL_STATED = re.compile(
    rf"{_GRADE_NAMED}\s+overall\b|\boverall\s+(grade\s+)?(was|is|were)\s+{_GRADE_NAMED}", re.IGNORECASE
)
_WHAT_HAPPENED_BETWEEN = re.compile(
    rf"{_GRADE_NAMED}[^?]*{_GRADE_NAMED}[^?]*\bwhat (has )?(happened|went on)\W*$", re.IGNORECASE
)
# "what did the visit say about progress on the 2022 inspection's areas for improvement?": how
# they changed, not the list of what to improve
_PROGRESS_ON = re.compile(
    r"\b(progress (on|with|against|made on|towards?)|"
    # "how had the council responded to the recommendations from the previous inspection?"
    r"(respond(s|ed|ing)?|react(s|ed)?|deal(s|t|ing)?|act(s|ed)?) (to|with|on)|"
    r"(address|tackl|implement|action)(e?d|ing)) (the |its |their )?([\w'’-]+ ){0,3}?"
    r"(areas?|recommendations?|priorit\w+|actions?|improvements?|weaknesses)\b",
    re.I,
)
# "What were the main weaknesses?", "What went wrong in Harrow?", "any criticisms?": the critical
# findings the report's own summary leads with, then its list of what to put right (`_summarised`).
_WEAKNESSES = re.compile(
    r"\b(weak(ness|nesses|er areas?|est)|weak (spots?|points?|links?)|shortcomings?|failings?|"
    r"criticis\w*|damning|"
    # "Knowsley slipped to inadequate - what does the latest report blame?"
    r"(what|who)\b[^?]{0,40}\bblam(e|es|ed|ing)|"
    r"what (went|is going|was going|goes) wrong|what['’]?s (going )?wrong|"
    r"(main|key|big|biggest|major) (problems?|issues|concerns)|"
    # "What problems did Ofsted find for Luton's children in care …?" (not "what issues did the visit
    # look at?", nor "what concerns did children raise?")
    r"\b(what|which) (problems?|issues|concerns|worries|failings|weaknesses)\s+"
    r"((did|do|does|have|has|had)\s+(they|ofsted|inspectors|the inspectors)\s+"
    r"(find|found|identify|identified|highlight\w*|flag\w*|pick\w* up|pick\w* out)|"
    # "what concerns were there about children in care …?"
    r"(were|was)\s+(there|found|identified|raised|highlighted))\b|"
    # "anything they were still worried about?", "was there anything they weren't happy with?"
    r"(anything|what)\b[^?]{0,30}\b(worried|concerned|unhappy) about|"
    r"(anything|what)\b[^?]{0,30}(\bnot|n['’]t) (happy|pleased|satisfied) (with|about)|"
    # "were there any worries about care leavers then?", "any concerns about supervision?"
    r"\bany (worries|concerns|problems|issues) (about|with|over|around|for|in)\b(?!\s+(an?|their|his|her)\b)|"
    # "any worries there?", "any concerns at all?": about what was asked before
    # ... or after what the asker knows: "Wandsworth got outstanding - was there any criticism at all?"
    r"(^|\s[-–—:;]\s)\W*(and\s+|were there\s+|was there\s+)?"
    r"any (worries|concerns|problems|issues|criticisms?)"
    r"( (there|then|at all|raised|flagged|noted))?(?=\W*$)|"
    r"what (were|are) the (main |key |biggest )?(problems|concerns|issues)|"
    # "what's the problem?", "why was help and protection only RI?": the findings behind a low grade
    r"what(['’]?s| is| was) the (main )?(problem|issue)|"
    r"why (was|were|is|are|has|have|did|does)\b[^?]{0,60}\b"
    r"(RI|requires? improvement|inadequate|not good|downgraded)|"
    # "Harrow was rated inadequate in 2025 - what were the reasons?"
    r"(RI|requires? improvement|inadequate|downgraded)\b[^?]{0,60}\b(reasons?|why)|"
    r"\breasons? (for|behind|why)\b[^?]{0,40}\b(RI|requires? improvement|inadequate|downgrad\w*))\b",
    re.I,
)
# "What was good?", "what's going well in Leeds?", "any strengths?": the positive findings the
# report's own summary leads with (`_summarised`).
_STRENGTHS = re.compile(
    r"\b(strengths?|strong points|positives?|what (is|was|are|were) (good|positive|strong)\b|"
    r"(doing|done|going|gone|working|went) (really |particularly |especially )?well|stood out|stands? out|"
    r"impress\w*|praised?|best things?|what went right)\b",
    re.I,
)
# Question words for judgement areas -> the areas (as `indexing.facts` names them) that answer them.
_AREA_WORDS: list[tuple[re.Pattern, tuple[str, ...]]] = [
    (
        re.compile(
            r"help and protection|child protection|\bCP\b|children in need|\bprotect(s|ed|ing)?\b"
            # "H&P", as staff write help and protection
            r"|\bH ?(&|and) ?P\b",
            re.I,
        ),
        ("help and protection",),
    ),
    (re.compile(r"care leavers?|leaving care", re.I), ("care leavers", "children in care and care leavers")),
    (
        re.compile(r"(children|kids) in care|looked[- ]after|\bCLA\b|\bLAC\b|\bCiC\b|permanence", re.I),
        ("children in care", "children in care and care leavers", "children looked after and permanence"),
    ),
    (
        re.compile(r"leaders|leadership|management|governance", re.I),
        ("impact of leaders", "leadership, management and governance"),
    ),
    (re.compile(r"adoption", re.I), ("adoption performance",)),
    (re.compile(r"\bLSCB\b|safeguarding (children )?board", re.I), ("LSCB",)),
    (re.compile(r"(?i:overall)|\bOE\b"), ("overall effectiveness",)),
]
TABLE_ORDER = (
    "overall effectiveness",
    "impact of leaders",
    "leadership, management and governance",
    "help and protection",
    "children in care",
    "children in care and care leavers",
    "children looked after and permanence",
    "adoption performance",
    "care leavers",
    "LSCB",
)
MAX_ITEMS = 8
_ONE_REPORT_KINDS = (
    "overview",
    "strengths",
    "weaknesses",
    "improve",
    "focus",
    "who",
    "team",
    "when",
    "published",
    "previous",
    "change",
)
MAX_COMPARISONS_QUOTED = 4
# Facts about a report as a whole, after which "have things got better since then?" asks for the
# later report's comparison with it.
_OF_THE_WHOLE_REPORT = (
    "judgement", "previous", "focus", "change", "overview", "strengths", "weaknesses", "improve", "reasons",
)  # fmt: skip
# How a list question over visits asks what they looked at: no part of the topic looked for.
_FOCUS_WORDS = terms(
    "focus focused visit visits look looked looking at examine examined review reviewed "
    "consider considered cover covered concentrated had have has been done "
    # "list councils with a focused visit on care leavers"
    "list name show give"
)
_VISIT_ON = re.compile(r"\bvisits?\s+(on|about|into)\b", re.I)
# "… children over 14 but not care leavers": what a visit did not look at.
_NOT_CLAUSE = re.compile(r"\b(not|excluding|other than)\b[^,.;:]*", re.I)
# Words that ask for improvements rather than name a topic ("what did Ofsted recommend … do").
INTENT_WORDS = terms(
    "improve improvement need needs recommend recommended should must tell told do better areas "
    "priority action council local authority"
)


@dataclass(frozen=True)
class FactIntent:
    # judgement, previous, change, list, who, team, when, published, focus, focus_list, improve, overview,
    # strengths, weaknesses, reasons (why the report graded as it did), area (what it says of one area)
    kind: str
    areas: tuple[str, ...] = ()
    grade: str = ""
    # "How was Darlington judged in 2018 and was it better than last time?": the grade, and the
    # report's own comparison with the inspection before
    and_change: bool = False
    # "When was Leeds last inspected and what grade did it get?": the grade, and these facts of
    # the same report ("when", "who", "team", "published"), quoted first where asked first
    also: tuple[str, ...] = ()
    also_first: bool = False
    # "Which of Hull's reports judged it inadequate?": each report listed with its own headline,
    # how inspectors put the grade in words (a list across councils gives the grades alone)
    headlines: bool = False


# Words that only say which report: "the one in autumn 2022", "the January 2019 one", "the focused visit".
_WHICH_REPORT_WORDS = terms(
    " ".join(MONTH_NUMBERS)
    + " one ones spring summer autumn winter late early mid end start beginning newest oldest earliest first"
    + " focused visit visits fv fvs monitoring letter inspections old older"
)
_AREA_TERMS = terms(" ".join(label for label, _ in AREAS))  # the judgement areas' own words
# The asker's own words, which name no subject whatever the question: courtesy ("pls", "can u"),
# what they want it for ("a few lines I can quote for a paper"), and how strongly put ("the
# strongest criticism", "the most damning line"). The vocabulary checks set them aside.
ASKERS_WORDS = terms(
    # (not "will", "would": "what grade will Wandsworth get next?" asks what no report says)
    "pls plz please thx ta can could u you ur your yours me my i we us our "
    "need needed like love grateful few couple some bits line lines quote quotes "
    "quotable quoting quotation quotations sentence sentences extract extracts soundbite paper papers "
    "briefing briefings brief draft drafting writing write preparing prepare slides "
    "balance balanced flip strongest harshest toughest sharpest gravest worst damning most single "
    "two three four both but also "
    # "was that area RI back in 2017 too?", "for children in care specifically"
    "too either specifically particularly especially exactly think thought reckon believe "
    # "the strongest criticism Ofsted made of …"
    "made make makes "
    # "was any individual judgement lower than outstanding?"
    "individual than "
    # "overall grade and the short version of why?"
    "version"
)
_JUDGEMENT_WORDS = (
    _WHICH_REPORT_WORDS
    | terms(
        "how was were is are did what which grade graded grades rate rated rating judge judged "
        "judgement overall effectiveness outstanding good inadequate requires improvement help "
        "protection children care leavers looked after leaders leadership management governance "
        "adoption performance impact experiences progress inspection visit council service services "
        "social latest year area areas get receive given verdict reach reached ofsted give gave award "
        "awarded outcome result results received recent last report reports published according local "
        "authority authorities lscb safeguarding board its achieve achieved need needs who all well "
        "served serve doing do done fare fared perform performed assessed assessment conclude "
        "concluded conclusion score scored current currently still now most previous before again "
        "final headline main cic cla lac permanence achieving got judgment ratings grading bad whole "
        "each every separate families family work back them it they can full please list show just "
        "only come came out prior earlier preceding former had been being single sum up summary "
        "summarise summarize arrangements child ilacs sif framework protect protects protected "
        "protecting going carried carry conducted held took place compared compare comparison versus "
        "next following subsequent later wasn weren isn aren didn don doesn hasn haven right correct "
        "true own "
        "everything anything any part parts aspect aspects bit not tho though make reported "
        # "has Lewisham got better since it was rated RI? looking at the newest one", "kids in care"
        "ri look looking kid kids she he her him his afterwards everywhere "
        # "… any good when Ofsted went in in November 2024?": when, not what
        "went go "
        # a chat's interjections: "ok and what grade did croydon get overall in 2024?"
        "ok okay alright thanks thank cheers cool great hmm yes yeah "
        # "essex county council's overall grade": how a council is styled, in lower case too
        "county city borough metropolitan district royal corporation "
        # "how did children in care come out, grade-wise?", "leaving care judgement"
        "wise leaving "
        # "What weaknesses did the focused visit point out?": asking how, not about what
        "point points pointed flag flagged mention mentioned spot spotted pick picked "
        # "what was the previous inspection judgement it refers to?"
        "refer refers referred referring state states stated cite cites cited record recorded "
        # words that carry no subject: "so what's changed?", "really bad", "Wiltshire's trajectory"
        "so really very quite pretty trajectory "
        # "how did that side of things get graded?"
        "side sides things thing "
        # the areas' abbreviations and "where did they land?"
        "cp cin where land landed end ended up then "
        # "harrow overall grade 2020 vs 2025?", "what grade did they have going into the visit?"
        "vs v into ahead heading "
        # "walsall OE 2025?": overall effectiveness; "was anything below outstanding?"
        "oe below under short less lower"
    )
    | _AREA_TERMS
)  # "how were leaders judged (impact of leaders on practice)?"

# A change question may use judgement words too ("has it got better since it was judged good?").
_CHANGE_VOCABULARY = frozenset(_JUDGEMENT_WORDS | _CHANGE_WORDS)
# Every word such a question may use besides the council's name: "Which inspections found good
# practice in early help?" names a subject of its own, for the passages.
_WHICH_REPORTS_VOCABULARY = _JUDGEMENT_WORDS | terms(
    "which what when of its their reports report inspections inspection years year found gave give given "
    "got get has have had it them they anything any area areas part parts aspect aspects ofsted ever"
)
_HISTORY_VOCABULARY = _CHANGE_VOCABULARY | terms(
    "over time years all its their inspections reports across from between one history trajectory track "
    "record timeline ofsted ofsteds has have had"
)
_STRENGTH_WORDS = frozenset(
    _JUDGEMENT_WORDS
    | terms(
        "strength strengths strong points positive positives stood stand stands out impress impressed "
        "impressive praise praised best things thing went right really particularly especially well "
        "working going doing done gone main key biggest "
        # "what did Ofsted single out as Croydon's standout strengths?"
        "single singled standout highlight highlighted"
    )
)
# "why did it drop?", "why did it slip?": a decline, asked about as a shortcoming
_DECLINE_WORDS = terms("drop dropped fall fell slip slipped decline declined deteriorate deteriorated worse")
_WEAKNESS_WORDS = frozenset(
    _JUDGEMENT_WORDS
    | terms(
        "weakness weaknesses weak weaker weakest shortcoming shortcomings failing failings criticism "
        "criticisms criticise criticised wrong went going goes problem problems issue issues concern "
        "concerns major main key big biggest identified highlighted raised find found reason reasons why "
        "end ended down drag dragged pulled worried worry concerned unhappy happy pleased satisfied still "
        "blame blames blamed"
    )
    | _DECLINE_WORDS
)
MAX_SUMMARY_QUOTES = 5
_NAMES_IMPROVEMENT = re.compile(
    r"\b(areas? (for|of) (improvement|development)|needs? to improve|to improve)\b", re.I
)
# The words of `_AREA_WORDS` beyond the areas' own labels ("leadership", "looked after", "LAC").
_AREA_QUESTION_WORDS = terms(
    "leadership management governance looked cla lac cic permanence kids child protection protect "
    "protects protected protecting leaving need "
    # "how were care leavers getting on?", "how are kids in care doing in Derby?"
    "how getting get doing fare faring fared going"
)
_SHORT_OF_A_GRADE = re.compile(
    r"(\bnot|n['’]t|\bonly|\bjust)\s+(\w+\s+)?(outstanding|good)\b|\bwhy not (outstanding|good)\b", re.I
)
_PART_NAMES = ("bit", "part", "side", "section")
_PART_WORDS = terms(" ".join(_PART_NAMES))
_THE_AREAS_PART = re.compile(rf"\b({'|'.join(_PART_NAMES)})s?\b", re.I)
_ASKS_WHAT_IT_SAYS = re.compile(
    r"\b(say|says|said|find|found|tell me|think|thought|make of|made of|report|reported|"
    r"conclude|concluded)\b",
    re.I,
)
# ... and words that ask about a report as a whole, but of an area ask for a topic of its own
# ("the overall outcomes for care leavers").
_NOT_ABOUT_AN_AREA = terms("overall outcome outcomes findings")
# "croydon ofsted oct 2024", "What did Ofsted say about Barnsley in 2018?", "summarise the Hull
# report": a report named and nothing asked of it but what it says overall.
_OVERVIEW_WORDS = frozenset(
    _WHICH_REPORT_WORDS
    | terms(
        "ofsted ofsteds inspection inspections inspected report reports letter visit children childrens "
        "children's services service social care council local authority what did does do say said "
        "says find found tell me about summary summarise summarize overview overall latest recent most "
        "last new newest full the a an of in on for from at was were is are their its please give "
        "ilacs sif findings outcome "
        # "Leeds - quick summary please", "what's the story with Hull?"
        "quick brief short rundown headline headlines story picture gist pls main key points "
        # "… on Herefordshire's 2022 inadequate inspection": the grade names the report (not
        # "good" or "outstanding": "any good practice with care leavers?" asks about practice)
        "inadequate"
    )
)


# ... of which these ask for a report's gist in so many words, wherever in a chat
_ASKS_FOR_THE_GIST = terms("summary summarise summarize overview headline headlines gist rundown")


def terms_of_art(concept_terms: tuple[str, ...]) -> tuple[str, ...]:
    """The names of the terms of art (`retrieval.concepts`, one row per term with its synonyms
    joined by "; ") that name no judgement area: "Is early help any good?" is about early help,
    though "early" and "help" each belong to the asking words."""
    return tuple(
        name
        for term in dict.fromkeys(concept_terms)
        for name in term.split("; ")
        if not terms(name) <= _AREA_TERMS
    )


# Those of the shipped concepts file, for callers that have no `Concepts` of their own (tests).
_SHIPPED_TERMS_OF_ART = terms_of_art(
    load_concepts(str(Path(__file__).parents[1] / "retrieval" / "concepts.json"))[0]
)


def _names_a_term_of_art(text: str, of_art: tuple[str, ...]) -> bool:
    """Whether ``text`` uses one of the terms of art (`terms_of_art`): a subject the grades do
    not cover."""
    return any(mentions(text, name) for name in of_art)


def _other_subject(
    question: str,
    names: str = "",
    vocabulary: frozenset[str] | None = None,
    of_art: tuple[str, ...] = _SHIPPED_TERMS_OF_ART,
) -> bool:
    """A grade (or change) question about something the judgement table does not grade
    ("schools rated …", "has placement stability improved", "is early help any good").

    Words near in spelling to the vocabulary count as it ("inspecton").
    """
    if _names_a_term_of_art(question, of_art):
        return True
    vocabulary = vocabulary or _JUDGEMENT_WORDS
    words = {w for w in terms(question) if not w.isdigit()}
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][a-z’']+", question)}
    unknown = words - vocabulary - ASKERS_WORDS - terms(" ".join(capitalised)) - terms(names)
    return any(
        len(w) < 6 or process.extractOne(w, vocabulary, scorer=fuzz.ratio, score_cutoff=85) is None
        for w in unknown
    )


# "I'm preparing a scrutiny paper - what grade did Wirral get …?", "quick one: who led …?": the
# asker's own situation before the question, which is no subject of the question; and after it,
# "… how were care leavers graded? I heard that bit was really bad", or what they want it for.
_AFTERWORD = re.compile(
    r"\?\s+(i['’]m|i['’]ve|i['’]d|i|we['’]re|we|my|our|apparently|thanks|thank you|cheers|"
    # "… the weakest bit? want the briefing to be balanced", "? need a line for the briefing" (not
    # "? need the housing findings too", which asks for more)
    r"(want|need|(it['’]?s|this is) for)\b(?=[^?]*\b(lines?|quotes?|briefing|brief|paper|balanced?|"
    r"summary|soundbite|slides?|report)\b))\b[^?]*$",
    re.I,
)
# Cut only at a dash, colon or full stop ("I'm preparing a paper - what …", "I'm briefing members
# on Slough Children First. What did …"), and only before a question word: not "just the grades
# for Kent, please", nor "Were Kent outstanding in 2023, or good?".
# What an answer is wanted for: "for a cabinet paper", "for a councillor briefing note"
_WHAT_IT_IS_FOR = "paper|briefing|brief|note|meeting|committee|presentation"
_FRAMING = re.compile(
    r"^\W*(?P<framing>(hi|hello|hey|sorry|quick (one|q|question)|i['’]m|i am|we['’]re|we are|i['’]ve|"
    r"i have|i need|i['’]d like|i want|i['’]ll|"
    # "For a cabinet paper: what's the strongest single line …?"
    rf"for (a|the|my|our|an) [\w'’ -]{{0,30}}?({_WHAT_IT_IS_FOR}|report))"
    r"\b[^?]{0,80}?)(\s[-–—:]\s|[:;.!]\s)"
    r"(?=(what|how|who|whom|when|which|why|was|were|is|are|did|does|do|has|have|had|can|could)\b)",
    re.I,
)


# what the answer is for, at the end of the question
_FOR_AN_AUDIENCE = re.compile(
    rf"\s+for (a|an|the|my|our) [\w'’ -]{{0,30}}?({_WHAT_IT_IS_FOR})s?\W*$",
    re.IGNORECASE,
)
# the asker's want in the middle of a question, up to the dash or colon that ends it
_WANT_CLAUSE = re.compile(
    r",?\s+but\s+(i|we)\s+(want|need|['’]d like|would like)\b[^?]{0,40}?\s[-–—:]\s", re.IGNORECASE
)


def without_framing(question: str, of_art: tuple[str, ...] = ()) -> str:
    """The question without a clause about the asker before or after it (`_FRAMING`,
    `_AFTERWORD`), where that clause names nothing the question may be about: no judgement
    area, no term of art (``of_art``), no report ("I'm writing about care leavers - what grade
    …", "How was Kent graded? I mean for early help", "I need the lead inspector for Kent's
    2023 inspection - can you help?" keep theirs)."""

    def names_a_subject(clause: str) -> bool:
        return bool(
            areas_named(clause) or _NAMES_A_REPORT.search(clause) or _names_a_term_of_art(clause, of_art)
        )

    question = without_quote_request(question)
    # "… got outstanding in 2024 but I want the balance - what's the strongest criticism?"
    question = _WANT_CLAUSE.sub(" - ", question)
    # "… Hampshire's 2014 inspection for a councillor briefing note."
    question = _FOR_AN_AUDIENCE.sub("", question)
    after = _AFTERWORD.search(question)
    if after is not None and not names_a_subject(question[after.start() :]):
        question = question[: after.start() + 1]
    framed = _FRAMING.match(question)
    if framed is None or names_a_subject(framed.group("framing")):
        return question
    return question[framed.end() :]


def _compared_with_another_council(question: str, names: str) -> bool:
    """ "how does that compare with Lancashire's?": one council set beside another on the topic
    before, not how a council changed since its last inspection ("compared with 2019")."""
    named = [re.escape(word) for word in names.split() if len(word) >= 3]
    if not named:
        return False
    pattern = rf"\bcompar\w*\s+(to|with|against)\s+(the\s+)?({'|'.join(named)})(?![\w-])"
    return re.search(pattern, question, re.IGNORECASE) is not None


def _spelt_right(question: str) -> str:
    """The question with near-misspellings of the asking words corrected ("insepctors")."""

    def fix(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if any(lower.startswith(key) or key.startswith(lower) for key in _KEY_WORDS):
            return word  # a form of the word ("inspector", "improvements"), not a slip
        best = process.extractOne(lower, _KEY_WORDS, scorer=fuzz.ratio, score_cutoff=88)
        return best[0] if best else word

    question = with_apostrophes(_NEGATION_UNAPOSTROPHISED.sub(lambda m: f"{m.group(1)}n't", question))
    return re.sub(r"\b[a-z]{8,}\b", fix, question, flags=re.I)


# "the kids in care part wasnt outstanding tho - why?": a negation typed without its apostrophe
_NEGATION_UNAPOSTROPHISED = re.compile(
    r"\b(was|were|is|are|did|does|do|has|have|had|could|would|should)nt\b", re.IGNORECASE
)


def asks_when(question: str) -> bool:
    """ "When was the one before that?", "what dates were inspectors in?": a date asked for."""
    return bool(_WHEN.search(question) or _WHEN_IT.search(question))


def asks_about_shortcomings(question: str) -> bool:
    """ "What went wrong …", "main concerns about …", "any criticisms of …": findings worded as a
    shortcoming are the answer, before the rest."""
    # ... or "was the workforce a problem in the 2019 one as well?"
    return _WEAKNESSES.search(question) is not None or WAS_IT_A_PROBLEM.match(question) is not None


# Two questions in one, the second starting at a new question word: "how did B&NES come out in
# 2017, and how was adoption graded?", "when was Leeds last inspected and what grade did it get?"
_NEXT_QUESTION = re.compile(r"\band\b(?=\s+(?:how|what|was|were|did|is|are|which|who|when)\b)", re.I)
# Facts of a report that a grade question may ask for alongside the grade.
_ALONGSIDE_A_GRADE = ("who", "team", "when", "published")


def fact_intent(
    question: str, names: str = "", follow_up: bool = False, of_art: tuple[str, ...] = _SHIPPED_TERMS_OF_ART
) -> FactIntent | None:
    """The fact a question asks for, judged by its wording; None for topical questions.

    ``names``: the council names the question uses (as the scope found them, in any case),
    which are not a subject of their own. ``follow_up``: the question comes after others about
    named reports, so "who led it?" is about the report the conversation is on. ``of_art``: the
    terms of art (`terms_of_art`) that make a question about a subject the grades do not cover.

    A question that asks two things of a report, each a fact ("how did B&NES come out in 2017,
    and how was adoption graded?"), asks for both: every grade asked about (a clause naming no
    area asks for the overall one), and the date or inspectors asked for with a grade.
    """
    whole = _one_fact_intent(question, names, follow_up, of_art)
    clauses = [c for c in _NEXT_QUESTION.split(question) if c.strip(" ,;-–")]
    if whole is None or len(clauses) < 2:
        return whole
    # the later clauses are about the report the first names ("… and who led it?")
    parts = [_one_fact_intent(c, names, follow_up or n > 0, of_art) for n, c in enumerate(clauses)]
    graded = [p for p in parts if p is not None and p.kind == "judgement"]
    alongside = [p.kind for p in parts if p is not None and p.kind in _ALONGSIDE_A_GRADE]
    if not graded and None not in parts and len(alongside) == len(parts) and len(set(alongside)) > 1:
        # "when was central beds last fully inspected and who led it?": both, in the order asked
        kinds = tuple(dict.fromkeys(alongside))
        return FactIntent(kinds[0], also=kinds[1:])
    if None in parts or not graded or len(graded) + len(alongside) < len(parts):
        return whole
    areas = graded[0].areas
    if len(graded) > 1 and any(p.areas for p in graded):
        areas = tuple(dict.fromkeys(a for p in graded for a in (p.areas or ("overall effectiveness",))))
    return FactIntent(
        "judgement",
        areas,
        graded[0].grade,
        also=tuple(dict.fromkeys(alongside)),
        also_first=parts[0].kind in _ALONGSIDE_A_GRADE,  # every part is a grade or one of those
    )


def _one_fact_intent(
    question: str, names: str = "", follow_up: bool = False, of_art: tuple[str, ...] = _SHIPPED_TERMS_OF_ART
) -> FactIntent | None:
    """The fact one question asks for (`fact_intent`)."""
    question = without_framing(_spelt_right(_ampersand_spelt_out(without_styling(question))), of_art)
    # "got outstanding across the board": in every area, no board of any kind
    question = re.sub(r"\bacross the board\b", "in every area", question, flags=re.IGNORECASE)
    # "the 2021 covid-era focused visit": the visit, named by when it was done
    question = re.sub(REPORT_BY_HOW_DONE, r"\g<report_done>", question, flags=re.IGNORECASE)
    terse = _TERSE.search(question)
    if terse and _NAMES_A_REPORT.search(question) and len(re.findall(r"\w+", question)) <= 12:
        kind = _TERSE_KIND[terse.group("kind").lower()]
        # "overall" only when nothing else is asked: not "Kent 2022 inspection: what did they find overall?"
        rest = set(re.findall(r"[a-z]+", question.lower())) - _OVERALL_ALONE - set(names.lower().split())
        if kind != "judgement" or not rest:
            return FactIntent(kind)
    about_it = follow_up and bool(_ABOUT_IT.search(question) or _WHO_LED_THE_ONE.search(question))
    # "what was it on?" asked after the report is named: "Bournemouth focused visit 2019 – what was it on?"
    names_it_first = bool(_NAMES_A_REPORT.search(question) and re.search(r"[-–—:,;]\s", question))
    if (follow_up or names_it_first) and _FOCUS_OF_IT.search(question):
        return FactIntent("focus")
    areas = areas_named(question)
    stated_first = _BUT_ASKED.match(question)
    if stated_first and areas_named(stated_first.group("asked")):
        # "In the 2017 B&NES inspection services were good overall, but what was the judgement on
        # care leavers?": the area asked about, not the one stated before it
        areas = areas_named(stated_first.group("asked"))
    if ACROSS_COUNCILS.search(question):
        grade = next((g for g, pattern in _GRADE_WORDS if pattern.search(question)), "")
        if grade:
            every = bool(_EVERY_AREA.search(question)) and not areas
            return FactIntent("list", EVERY_AREA if every else areas or ("overall effectiveness",), grade)
        if _FOCUS.search(question) or _VISIT_ON.search(question):
            # "Which councils have had a focused visit looking at care leavers?", "… a visit on
            # the front door?": each visit whose own line on what it looked at names the topic
            return FactIntent("focus_list")
    grade_asked = next((g for g, pattern in _GRADE_WORDS if pattern.search(question)), "")
    if (
        grade_asked
        and not _NOT.search(question)
        and _WHICH_OF_ITS_REPORTS.search(question)
        and not _other_subject(question, names, _WHICH_REPORTS_VOCABULARY, of_art)
    ):
        # "which of Hull's reports judged it inadequate?", "when was Hull rated inadequate?": each
        # of the council's reports that gave that grade
        every = areas or (ANY_AREA if _ANY_AREA.search(question) else ("overall effectiveness",))
        return FactIntent("list", every, grade_asked, headlines=bool(names))
    about_the_inspection = bool(_ABOUT_THE_INSPECTION.search(question)) or about_it
    if _WHO.search(question) and about_the_inspection and not _WHAT_INSPECTORS_FOUND.search(question):
        return FactIntent(
            "team" if _TEAM_WORDS.search(question) and "lead" not in question.lower() else "who"
        )
    about_a_report = bool(_ABOUT_A_REPORT.search(question)) or follow_up
    if (_ASKS_A_DATE.match(question) and _PUBLISHED.search(question) and about_a_report) or (
        _DATE_OF_THE_LETTER.search(question)
    ):
        return FactIntent("published")
    # "… and when was it?" of the report the conversation is on, or the one named before a dash:
    # "durham focused visit 2021 - when was it?"
    asks_when = (
        _WHEN.search(question)
        or (follow_up and _WHEN_IT.search(question))
        or (names_it_first and _WHEN_WAS_IT.search(question))
    )
    if asks_when and (about_the_inspection or follow_up) and not _NEXT.search(question):
        # "When was their previous inspection?": the report's own line on the one before, which
        # states its date and grade ("At the last inspection, in May 2019, … outstanding").
        return FactIntent("previous" if _THE_ONE_BEFORE.search(question) else "when")
    plain = re.sub(r"requires? improvement|experiences? and progress", " ", question, flags=re.I)
    graded_areas = graded_only(areas)
    if (
        graded_areas
        and _WHY_GRADED.search(question)
        and _GRADED.search(question)
        and not _CHANGE.search(plain)  # "why did help and protection go down?": a change
        and not _BEFORE.search(question)  # "… rated good at the previous inspection?"
        and not _NOT_ABOUT_FINDINGS.search(question)
        and not _other_subject(question, names, _ASKING_ABOUT_A_REPORT, of_art)
    ):
        # "Why was Hull's child protection rated inadequate?": the area's findings behind its grade
        return FactIntent("reasons", graded_areas)
    if (
        not areas
        and _PULLED_DOWN.search(question)
        and not re.search(r"\bwhy\b", question, re.I)  # "why … which part dragged it down": the findings
        and not _other_subject(question, names, _JUDGEMENT_WORDS | _PULLED_DOWN_WORDS, of_art)
    ):
        # "which area pulled it down to that?": the areas the report graded lowest
        return FactIntent("judgement", (), LOWEST)
    if _WEAKNESSES.search(question):
        # "What are the main concerns about care leavers?", "what went wrong at the front door?":
        # a topic, for the passages, findings worded as a shortcoming first (`asks_about_shortcomings`).
        if areas or _other_subject(question, names, _WEAKNESS_WORDS, of_art):
            return None
        return FactIntent("weaknesses")
    if _IMPROVE.search(question) and not _PROGRESS_ON.search(question):
        return FactIntent("improve")
    # A follow-up ("did they get better by 2023?") is on the council the conversation named.
    council = names or follow_up
    untimed = re.sub(r"\b(last|this|that|next|the) time( before)?\b", " ", question, flags=re.I)
    if (
        council
        and _GRADE_HISTORY.search(plain)
        and not _other_subject(untimed, names, _HISTORY_VOCABULARY, of_art)
    ):
        # each report's grades in turn, each with its own line on the one before
        return FactIntent("judgement", areas, and_change=True)
    if (
        council
        and _GRADE_AND_CHANGE.search(plain)
        and not _other_subject(untimed, names, _CHANGE_VOCABULARY, of_art)
    ):
        return FactIntent("judgement", areas, and_change=True)
    if (
        council
        and (_CHANGE_QUESTION.search(plain) or _WHAT_HAPPENED_BETWEEN.search(plain))
        and not _compared_with_another_council(question, names)
        and not _other_subject(_WHICH_OF_ITS_FINDINGS.sub(" ", untimed), names, _CHANGE_VOCABULARY, of_art)
    ):
        # "has Harrow's care leavers service got worse?": that area's grade, and what the
        # report says it was before (not "why has it improved?": the report's account of it)
        if graded_areas and not _asks_why(question):
            return FactIntent("judgement", graded_areas, and_change=True)
        return FactIntent("change")
    asks_grade = _JUDGEMENT.search(question) or _GRADE_QUESTION.search(question)
    if asks_grade and not _CHANGE.search(plain) and not _other_subject(untimed, names, of_art=of_art):
        of_another_year = len(set(YEAR.findall(question))) > 1 and _SAYS.search(question)
        previous = _BEFORE.search(question) or of_another_year
        which_part = _WHICH_PART.search(question) or (_ANYTHING.search(question) and _NOT.search(question))
        if which_part and areas == ("overall effectiveness",) and _OVERALL_STATED.search(question):
            areas = ()  # "… was good overall but i think one area got RI - which one?": background
        if not areas and not previous and which_part:
            # "Which part of Waltham Forest's services was rated outstanding?": the areas so
            # graded; "which judgement wasn't good?": the areas graded otherwise
            grade = next((g for g, pattern in _GRADE_WORDS if pattern.search(question)), "")
            negated = grade and _NOT.search(question)
            return FactIntent("judgement", (), f"not {grade}" if negated else grade)
        return FactIntent("previous" if previous else "judgement", areas)
    if _FOCUS.search(question):
        return FactIntent("focus")
    # Not "And Merton's?" after a question on a topic (that topic, for Merton), nor "What did
    # they find about Surrey Fire and Rescue Service?" (a subject of its own, capitalised).
    own_words = {w for w in terms(question) if not w.isdigit()} - _OVERVIEW_WORDS - ASKERS_WORDS
    own_words -= terms(names)
    # (later in a chat too where it asks for the gist in so many words: "headline for
    # Darlington's 2022 inspection?", "summarise it"; not "And Merton's?" after a topic)
    asks_the_gist = follow_up and terms(question) & _ASKS_FOR_THE_GIST
    if ((names and not follow_up) or asks_the_gist) and not areas and not own_words:
        return FactIntent("overview")
    about_the_area = own_words | (terms(question) & _NOT_ABOUT_AN_AREA)
    # (later in a chat too when it asks what a named council's report says: "what did the 2023
    # Wirral inspection say about leaders?" is no follow-up, "and care leavers?" is)
    # ... or, in a follow-up, names the area as a part of the report: "what about the care leavers bit?"
    the_areas_part = follow_up and _THE_AREAS_PART.search(question)
    own_question = not follow_up or _ASKS_WHAT_IT_SAYS.search(question) or the_areas_part
    named = names or the_areas_part
    area_words = _AREA_TERMS | _AREA_QUESTION_WORDS | (_PART_WORDS if the_areas_part else set())
    if named and own_question and graded_areas and not about_the_area - area_words:
        # "What did the 2023 Wirral inspection say about leaders?", "Wirral leadership": a
        # judgement area and nothing else, which the report's own section on it answers
        return FactIntent("area", graded_areas)
    # Not "what is going well for care leavers?": that is a topic, for the passages.
    if (
        _STRENGTHS.search(question)
        and not areas
        and not _other_subject(question, names, _STRENGTH_WORDS, of_art)
    ):
        return FactIntent("strengths")
    if (
        names
        and not follow_up
        and _NAMES_A_REPORT.search(question)  # not "what is going well for care leavers in Leeds?"
        and _STRENGTHS.search(question)
        and graded_areas
        and not _other_subject(question, names, _STRENGTH_WORDS | _AREA_QUESTION_WORDS, of_art)
    ):
        # "lambeth 2022 inspection - what's going well for children in care?": the positive
        # findings in that area's own section of the report named
        return FactIntent("strengths", graded_areas)
    return None


# "… services were good overall, but what was the judgement on care leavers?": a statement, then
# the question asked after "but"
_BUT_ASKED = re.compile(
    r"^(?!\W*(what|how|which|who|when|why|was|were|did|is|are|has|have|does|do)\b)[^?]*?[,;]?\s+but\s+"
    r"(?P<asked>(what|how|which|who|when|why|was|were|did|is|are|has|have|does|do)\b[^?]*\??)\s*$",
    re.I,
)
# A follow-up that only moves to another report or area: "and the one before that?", "and in 2022?"
_MOVES_ON = terms(
    "and what about how for in the a one ones before after that this it then previous earlier prior "
    "next later last latest newest recent most current time same again also too of its their there was "
    "were is are did do question back year years for full inspection ofsted "
    # "and what did the 2022 inspection conclude?", "how did the next one go?": the same asked anew
    "conclude concluded conclusion find found say said verdict outcome result go went get got "
    "happen happened happens please pls thanks thank you ok okay instead "
    # "was there a follow up visit after that? what did it find": the report after, asked the same
    "follow up followup "
    # "and their neighbours Harrow?"
    "neighbour neighbours neighbouring nearby next door"
)


# "has that list changed in the 2026 report?": the list the answer before quoted, of another report
_THAT_LIST = re.compile(
    r"\b(that|this|the|those) (list|items|points|recommendations|areas)\b[^?]{0,20}"
    r"\b(changed?|different|the same|still (there|listed|in|on))\b",
    re.I,
)


def refers_to_the_list(question: str) -> bool:
    """ "has that list changed in the 2026 report?": about the list the answer before quoted."""
    return bool(_THAT_LIST.search(question))


# "same question for Luton?", "ditto for 2019": the question before, asked of another report
# (not "same for Lancashire but on supervision": a subject of its own)
_SAME_QUESTION = re.compile(
    r"(\bsame (question|q)\b|\bditto\b)(?![^?]*\b(but|except|instead|rather)\b)", re.I
)
# "and what isn't?" after "what's working well?": the other side of the same report.
_THE_OTHER_SIDE = re.compile(
    r"^\W*((and|but|so)\s+)?(what|anything|which|where)\b[^?]{0,20}?"
    r"(isn['’]t|wasn['’]t|aren['’]t|weren['’]t|\bnot|doesn['’]t|didn['’]t|don['’]t)\b(\s+(so\s+|as\s+)?(well|good|great|working|work|going(\s+(so\s+)?well)?))?\W*$",
    re.I,
)


def follow_up_intent(question: str, earlier: FactIntent | None, names: str = "") -> FactIntent | None:
    """The fact a follow-up asks for when its own words ask for none: "and what about care
    leavers?" after a grade question asks for that grade; "and the one before that?" after
    "when was its latest inspection?" asks the same of the report before. Only where the
    follow-up adds no topic of its own: "and what about supervision?" is a new question."""
    if earlier is None:
        return None
    if earlier.kind in ("improve", "focus") and refers_to_the_list(question):
        # "has that list changed in the 2026 report?" after what needed fixing: that report's list
        return earlier
    if _SAME_QUESTION.search(question):
        # "same question for somerset's front door visit in 2019": the fact asked before, of the
        # report it moves to (whatever words name that report); "same question for care
        # leavers?": of that area; "same question about the front door?": a subject, for the passages
        named = areas_named(question)
        if named:
            return replace(earlier, areas=named)
        if re.search(r"\bsame (question|q)\s+(about|on|regarding|re)\b", question, re.IGNORECASE):
            return None
        return earlier
    if earlier.kind in ("strengths", "weaknesses") and _THE_OTHER_SIDE.match(question):
        return replace(earlier, kind="weaknesses" if earlier.kind == "strengths" else "strengths")
    areas = areas_named(question)
    if (
        earlier.kind == "judgement"
        and earlier.grade not in ("", LOWEST)
        and not earlier.areas
        and not areas
        and _asks_why(question)
    ):
        # "which part was judged inadequate?" then "why?" or "give me a line I can quote on why":
        # the findings of the areas so graded
        return FactIntent("reasons", (), earlier.grade)
    whole_report = about_the_whole_report(question, earlier, names)
    if whole_report is not None:
        return whole_report
    if earlier.kind == "change":
        if areas and not _other_subject(question, names, _JUDGEMENT_WORDS | _ASKING_ABOUT_A_REPORT):
            # "what about their care leavers?" after "has Knowsley improved since 2017?": how that
            # area changed, as "has Harrow's care leavers service got worse?" asks it
            return FactIntent("judgement", areas, and_change=True)
        return None
    if earlier.kind in ("judgement", "previous", "list", "overview") and areas:
        if terms(question) & _FINDINGS_ASKED and not _JUDGEMENT.search(question):
            # "and back in 2019 - were there any worries about care leavers then?": what the
            # inspectors found about that area, not its grade again
            return None
        if _other_subject(question, names, _JUDGEMENT_WORDS | _ASKING_ABOUT_A_REPORT):
            # "and what did they say about the care leavers' pathway plans?": a subject within
            # the area, for the passages
            return None
        # "and for children in care - what held that back?": that area's grade, as the report
        # words and explains it; "overall?" after a report's summary: its overall grade
        return FactIntent("judgement", areas) if earlier.kind == "overview" else replace(earlier, areas=areas)
    if _asks_why(question):  # "why?" after "how were care leavers judged?": that area's findings
        graded_areas = earlier.kind == "judgement" and set(earlier.areas) - {"overall effectiveness"}
        # Not "and what did inspectors make of the MASH?": a subject of its own, for the passages.
        subject = {t for t in terms(question) if not t.isdigit()} - _ASKING_ABOUT_A_REPORT - terms(names)
        # Not "why was there an inspection?", "why then?": about the inspection, not its findings
        about_findings = not subject and not _NOT_ABOUT_FINDINGS.search(question)
        return FactIntent("reasons", earlier.areas) if graded_areas and about_findings else None
    # "And the one in Surrey in 2024?": the council it moves to (``names``) is no topic of its own.
    own = {t for t in terms(question) if not t.isdigit()} - _MOVES_ON - _WHICH_REPORT_WORDS - terms(names)
    if own:
        return None
    if earlier.kind == "judgement" and _AT_THE_PREVIOUS.search(question):
        # "what about at the previous inspection?" after a grade: the grade given then, as the
        # report states it (the conversation stays on the report: `retrieval.scope`)
        return replace(earlier, kind="previous")
    return earlier


# "what about at the previous inspection?", "and last time?": the grade before the report's own
# (not "the one before that", which moves the conversation to that report)
_AT_THE_PREVIOUS = re.compile(
    r"\b(the|its|their) (previous|prior|earlier) ((full|ILACS|ofsted) )?inspection\b|"
    rf"\blast time\b(?!{THEY_CAME})",
    re.I,
)
# Asking why, first thing: "why", "reasons", "what made / held back / led to" (not "who led …").
_WHY_GRADED = re.compile(
    r"\bwhy\b|\breasons?\b|\bwhat (made|held|led|caused|was behind|is behind|lay behind)\b", re.I
)
# Why about the inspection itself or the framework, not the findings: "why was there an
# inspection?", "why then?", "why are care leavers graded separately?", "why wasn't it graded?"
_NOT_ABOUT_FINDINGS = re.compile(
    r"\b(inspect\w*|visit\w*|why then|late|separate\w*|framework|wasn['’]t graded|not graded)\b", re.I
)
# A grade spoken of: "why was help and protection only RI?", "what made care leavers so good?"
_GRADED = re.compile(
    r"\b(outstanding|good|inadequate|requires? improvement|RI|rated|judged|graded|grades?|rating)\b", re.I
)
# Words that ask how or why a report judged as it did, and name no subject: "why?", "what made it
# outstanding?", "how did it get so bad?", "what was holding them back?".
_ASKS_WHY = terms("why reason reasons made make led lead hold holding held behind cause caused")
_CRITICAL_ASKED = (
    terms(
        "weak weakness weaknesses worry worries worried concern concerns problem problems issue issues "
        "wrong bad poor failing failings fail struggle struggling"
    )
    | _DECLINE_WORDS
)
_POSITIVE_ASKED = terms(
    "strength strengths strong good well outstanding best positive positives right impress praise"
)
# Words that ask for findings rather than a grade, grade words aside ("any worries about care
# leavers?", "what were the strengths for children in care?").
_FINDINGS_ASKED = terms(
    "worry worries worried concern concerns concerned problem problems issue issues weakness "
    "weaknesses shortcoming shortcomings strength strengths praise praised"
)
# Every word a follow-up about a whole report may use without naming a subject.
_ASKING_ABOUT_A_REPORT = frozenset(
    _MOVES_ON | _WHICH_REPORT_WORDS | _WEAKNESS_WORDS | _STRENGTH_WORDS | _ASKS_WHY | {"so", "where"}
)


def _asks_why(question: str) -> bool:
    return bool(terms(question) & _ASKS_WHY or re.search(r"\bwhy\b", question, re.IGNORECASE))


def about_the_whole_report(question: str, earlier: FactIntent, names: str = "") -> FactIntent | None:
    """After a question on a report as a whole (its grade, its summary, how it changed), a
    follow-up that names no subject of its own asks about that whole report too: the report's
    own summary (`_summarised`), its critical findings when the follow-up asks what was wrong,
    its positive ones when it asks what was good. None where the follow-up names a subject
    ("and neglect - any concerns there?") or a judgement area."""
    whole = earlier.kind in _OF_THE_WHOLE_REPORT and set(earlier.areas) <= {"overall effectiveness"}
    if not whole or areas_named(question):
        return None
    words = {t for t in terms(question) if not t.isdigit()}
    critical, positive = bool(words & _CRITICAL_ASKED), bool(words & _POSITIVE_ASKED)
    # Only words that ask why, or what was good or bad: "and in 2022?" moves on, asking the same.
    if not (critical or positive or _asks_why(question)) or words - _ASKING_ABOUT_A_REPORT - terms(names):
        return None
    if critical != positive:
        return FactIntent("weaknesses" if critical else "strengths")
    return FactIntent("reasons")  # for the report's grade (`_reasons_for`)


def change_after(
    earlier: str, names: str = "", of_art: tuple[str, ...] = _SHIPPED_TERMS_OF_ART
) -> FactIntent | None:
    """What "did they get better by 2023?" asks after the question ``earlier`` (``names``: the
    councils it names): after a grade question, the later report's own comparison with the one
    before ("change"); after one on a judgement area ("how were care leavers doing?"), that
    area's grade in the later report; after one on another topic ("supervision"), nothing from
    the facts: the passages on that topic answer it."""
    areas = areas_named(earlier)
    # Not after "did children in care get any say at the corporate parenting board?": a
    # subject of its own, which the area's words only place
    if areas and not _names_a_term_of_art(earlier, of_art):
        return FactIntent("judgement", areas)
    # After a question on the report as a whole ("what were the main problems?"), the report's
    # own comparison with the one before.
    asked = fact_intent(earlier, names, of_art=of_art)
    if asked is not None and asked.kind in _OF_THE_WHOLE_REPORT:
        return FactIntent("change")
    return None if _other_subject(earlier, names, of_art=of_art) else FactIntent("change")


def _facts_for(intent: FactIntent, facts: ReportFacts) -> list[Fact]:
    if intent.kind in ("judgement", "list"):
        table = facts.judgements()
        if intent.kind == "list":
            if intent.areas == EVERY_AREA:  # every area the report grades has the grade asked for
                graded = [table[a] for a in sorted(table, key=TABLE_ORDER.index)]
                return graded if graded and all(same_grade(f.value, intent.grade) for f in graded) else []
            if intent.areas == ANY_AREA:  # each area the report gave the grade asked for
                in_order = sorted(table, key=TABLE_ORDER.index)
                return [table[a] for a in in_order if same_grade(table[a].value, intent.grade)]
            found = [table[a] for a in intent.areas if a in table]
            return [f for f in found[:1] if same_grade(f.value, intent.grade)]
        if not table:  # a focused visit grades nothing: its own verdict on how things stand
            return facts.of("change")[:1]
        in_order = sorted(table, key=TABLE_ORDER.index)
        asked = [table[a] for a in in_order if a in (intent.areas or TABLE_ORDER)]
        if not asked:  # the area asked about is not graded (no overall effectiveness from 2026):
            return [table[a] for a in in_order]  # the grades the report does give
        if intent.grade == LOWEST:  # the areas graded lowest, the overall grade aside
            ranked = [f for f in asked if f.area != "overall effectiveness"]
            worst = max((_grade_rank(f.value) for f in ranked), default=-1)
            asked = [f for f in ranked if _grade_rank(f.value) == worst] or asked
            intent = replace(intent, grade="", areas=tuple(f.area for f in asked))
        so_graded = [f for f in asked if intent.grade and _graded_as(f.value, intent.grade)]
        if so_graded:  # "which part was rated outstanding?": those areas, each explained
            asked, intent = so_graded, replace(intent, areas=tuple(f.area for f in so_graded))
        # Each grade asked about as the report says it in words: the heading of the area's
        # findings that states it ("The experiences and progress of care leavers: inadequate")
        # and the report's own sentence saying it, then the judgement table's row, which the
        # PDF lays out as cells (for the overall grade only when no area is named: not one per
        # area). A line that reads as a sentence is what a reader quotes; the row corroborates.
        restated = {f.area: f for f in facts.of("restated")}
        # A report whose summary gives the verdict without the grade's word ("Children's
        # experiences … have significantly improved since the last inspection") says it after
        # the table row: it does not state the grade.
        verdicts: dict[str, Fact] = {}
        changes = facts.of("change")
        if "overall effectiveness" not in restated and changes:
            # the comparison that words the overall grade ("… continued to ensure that children
            # in Greenwich receive a good service") before one on a single topic
            overall = table.get("overall effectiveness")
            grade = overall.value.split(" to be ")[0].lower() if overall else ""
            worded = (c for c in changes if grade and re.search(rf"\b{re.escape(grade)}\b", c.line, re.I))
            verdicts["overall effectiveness"] = next(worded, changes[0])
        headings: dict[str, Fact] = {}
        for fact in facts.of("judgement"):
            table_line = table.get(fact.area)
            if (
                fact.in_heading
                and table_line
                and fact.line != table_line.line
                and same_grade(fact.value, table_line.value)
            ):
                headings.setdefault(fact.area, fact)
        explained = {a.area for a in asked} if intent.areas else {"overall effectiveness"}
        # The other areas one line each: the heading that states the grade where there is one.
        chosen = [
            f
            for a in asked
            for f in (
                (headings.get(a.area), restated.get(a.area), a, verdicts.get(a.area))
                if a.area in explained
                else (headings.get(a.area) or a,)
            )
            if f
        ]

        # The area's heading is often also its restatement: one line, quoted once (the heading
        # and the sentence differ only in the sentence's full stop).
        return [f for n, f in enumerate(chosen) if not any(_same_line(f.line, e.line) for e in chosen[:n])]
    if intent.kind == "previous":  # per service where the report states one per service
        stated = facts.of("previous")
        return [f for f in stated if f.area in intent.areas] or stated[:2]
    if intent.kind == "change":
        return facts.of("change")[:MAX_COMPARISONS_QUOTED]
    if intent.kind == "who":
        return (facts.of("lead_inspector") or facts.of("inspectors"))[:1]
    if intent.kind == "team":
        return facts.of("lead_inspector")[:1] + facts.of("inspectors")[:1]
    if intent.kind == "when":
        return facts.of("dates")[:1]
    if intent.kind == "published":  # a letter's own date; a report without one: when inspected
        return facts.of("published")[:1] + facts.of("dates")[:1]
    if intent.kind in ("focus", "focus_list"):
        return facts.of("focus")[:1]
    if intent.kind == "improve":
        return facts.of("improve")  # cut to MAX_ITEMS after sorting by topic (fact_answer)
    return []


def graded_only(areas: tuple[str, ...]) -> tuple[str, ...]:
    """The areas without "overall effectiveness": the parts of a report graded on their own."""
    return tuple(a for a in areas if a != "overall effectiveness")


def _grade_rank(grade: str) -> int:
    """0 for outstanding to 3 for inadequate (either wording of requires improvement)."""
    return next((rank for name, rank in _GRADE_RANK.items() if same_grade(grade.lower(), name)), -1)


def areas_graded_as(facts: ReportFacts, asked: str) -> tuple[str, ...]:
    """The areas (the overall grade aside) a report grades ``asked`` ("inadequate", "not good")."""
    table = facts.judgements()
    return tuple(
        area
        for area in sorted(table, key=TABLE_ORDER.index)
        if area != "overall effectiveness" and _graded_as(table[area].value, asked)
    )


def _graded_as(grade: str, asked: str) -> bool:
    """Whether ``grade`` is the grade ``asked`` for, or ("not good") any other."""
    if asked.startswith("not "):
        return not same_grade(grade, asked.removeprefix("not "))
    return same_grade(grade, asked)


def _ampersand_spelt_out(text: str) -> str:
    """ "help & protection" as the patterns read it, "help and protection"."""
    return re.sub(r"\s*&\s*", " and ", text)


_SEPARATE = re.compile(r"\bseparate(ly)?\b|\bits own\b|\bon (its|their) own\b", re.IGNORECASE)
# Areas whose own name has "and" in it ("help and protection"), which are no joint grade.
_JOINT_BY_NAME = frozenset(
    {"help and protection", "leadership, management and governance", "children looked after and permanence"}
)


def areas_named(text: str) -> tuple[str, ...]:
    """The judgement areas a text names ("care leavers", "looked after"), in `_AREA_WORDS` order."""
    areas: tuple[str, ...] = ()
    text = _ampersand_spelt_out(text)
    for pattern, area_names in _AREA_WORDS:
        if pattern.search(text):
            areas += tuple(n for n in area_names if n not in areas)
    if _SEPARATE.search(text):
        # "the separate care leavers judgement in 2019": that area alone, not the joint one the
        # 2018–2023 reports gave (which then says the report gives no separate grade)
        areas = tuple(area for area in areas if " and " not in area or area in _JOINT_BY_NAME)
    return areas


def _fact_quote(fact: Fact, passage: Passage) -> tuple[str, Passage, int]:
    """A fact's verbatim line, the passage it is quoted from and where it starts there."""
    if fact.in_heading:  # the line is the section heading stored with the passage
        passage = Passage(
            passage.chunk_id, f"{passage.meta.get('section', '')}\n\n{passage.text}", passage.meta
        )
    return fact.line, passage, passage.text.find(fact.line)


def _fact_quotes(
    facts: list[Fact], passage_of: Callable[[str], Passage | None]
) -> list[tuple[str, Passage, int]]:
    """Each fact's quote (`_fact_quote`), for the facts whose passage is in the index."""
    return [_fact_quote(f, p) for f in facts if (p := passage_of(f.chunk_id)) is not None]


def fact_answer(
    question: str,
    intent: FactIntent,
    report_ids: list[str],
    facts_of: Callable[[str], ReportFacts],
    passage_of: Callable[[str], Passage | None],
    topic_terms: set[str] | None = None,
    summary_of: Callable[[str, bool], list[Passage]] | None = None,
    templates: frozenset[str] = frozenset(),
    passages_of: Callable[[str], Iterable[Passage]] | None = None,
) -> Answer | None:
    """Quote the stating line of each report (``report_ids`` newest first); None when none has it.

    ``summary_of``: a report's summary passages (`retrieval.snapshot.Snapshot.summary`);
    ``passages_of``: all its passages in reading order.

    Improvement items that share a word with the question's topic ("… about private
    fostering") come first.
    """
    if intent.kind == "reasons" and intent.areas:
        # "the kids in care part wasn't outstanding - why?": what held it back, though it was good
        which = "critical" if _SHORT_OF_A_GRADE.search(_spelt_right(question)) else "behind the grade"
        return _area_reasons(
            question, intent, report_ids, facts_of, passage_of, passages_of, templates, which
        )
    if intent.kind == "area" and report_ids and _a_visit_on(facts_of(report_ids[0]), intent.areas):
        # "barnsley care leavers focused visit 2023 - overall what did ofsted find?": the whole
        # letter is about the area, so its verdict is what the report says of it (the areas kept:
        # the visit's line on what it looked at, which names the area, says nothing new)
        intent = FactIntent("overview", intent.areas)
    if intent.kind == "judgement" and report_ids and _LAST_INSPECTION.search(question):
        # "Knowsley focused visit 2020: what judgement did the letter say the council got at its
        # last inspection?": a visit grades nothing, so the grade asked is the one it restates
        newest = facts_of(report_ids[0])
        if not newest.judgements() and newest.of("previous"):
            # ... whose line on it says when that was too ("when had Somerset last been inspected,
            # and what was its overall effectiveness then?"): not the visit's own dates
            intent = replace(intent, kind="previous", also=tuple(k for k in intent.also if k != "when"))
    if (
        intent.kind == "judgement"
        and report_ids
        and not _ASKS_FOR_THE_GRADE.search(question)
        and _a_visit_on(facts_of(report_ids[0]), intent.areas)
    ):
        # "How were children in care doing in Central Beds when Ofsted visited in Feb 2019?" of a
        # visit on children in care: not graded, and the whole letter says how they were doing
        intent = FactIntent("overview", intent.areas)
    if (
        intent.kind == "judgement"
        and report_ids
        and not _ASKS_FOR_THE_GRADE.search(question)
        and _states_no_verdict(facts_of(report_ids[0]))
    ):
        # "how bad was it?" of a focused visit, which grades nothing, and whose letter compares
        # nothing with before: what it found is its summary ("There are serious weaknesses …").
        # (Asked for its grade, it has none: `_no_grade_asked` says so.)
        intent = FactIntent("overview", intent.areas)
    if intent.kind == "area":  # the newest report's section on the area, if that report grades it
        return _area_reasons(
            question, intent, report_ids[:1], facts_of, passage_of, passages_of, templates, "every"
        )
    if intent.kind in ("strengths", "weaknesses") and intent.areas:
        # "anything they were worried about?" after "how are their care leavers doing?": that
        # area's own findings of the kind, where its section has any; else the report's
        wanted = "critical" if intent.kind == "weaknesses" else "positive"
        in_the_area = _area_reasons(
            question, intent, report_ids[:1], facts_of, passage_of, passages_of, templates, wanted
        )
        if in_the_area is not None:
            return in_the_area
        intent = replace(intent, areas=())
    if intent.kind == "reasons" and report_ids:
        intent = _reasons_for(facts_of(report_ids[0]))
    if intent.kind in ("strengths", "weaknesses", "overview"):
        if summary_of is None:
            return None
        return _summarised(question, intent, report_ids, facts_of, passage_of, summary_of, templates)
    chosen: list[tuple[str, Passage, int]] = []
    ungraded: list[str] = []  # why a grade asked for is not what is quoted: a visit, an area not graded
    if intent.kind in ("change", "previous"):  # the report that speaks of the year asked about first
        years = YEAR.findall(question)
        report_ids = sorted(
            report_ids,
            key=lambda rid: not any(y in f.line for f in facts_of(rid).of(intent.kind) for y in years),
        )
    if intent.kind == "focus_list":
        topic_terms = (topic_terms or set()) - _FOCUS_WORDS
        if not topic_terms:
            return None  # "which councils had a focused visit?": every visit, no list to quote
    for report_id in report_ids:
        facts = facts_of(report_id)
        found = _facts_for(intent, facts)
        if intent.kind == "focus_list":
            found = [f for f in found if topic_terms <= terms(_NOT_CLAUSE.sub(" ", f.line))]
        if intent.and_change and intent.areas:
            # "has Hull's help and protection got better?": how the report says that area changed,
            # then its grade; else its grade, then the grade the report says it had before
            changed = [f for f in facts.of("change") if set(areas_named(f.line)) & set(intent.areas)][:2]
            before = [f for f in facts.of("previous") if f.area in intent.areas][:1]
            found = changed + found if changed else found[:1] + before + found[1:]
        elif intent.and_change:
            found += [f for f in facts.of("change")[:1] if f not in found]
        if intent.also and not chosen:  # the newest report's date or inspectors, asked for with its grade
            alongside = [f for kind in intent.also for f in _facts_for(FactIntent(kind), facts)]
            found = alongside + found if intent.also_first else found + alongside
        if intent.kind in ("improve", "change"):
            if topic_terms:
                found.sort(key=lambda f: -len(topic_terms & terms(f.line)))
            found = found[:MAX_ITEMS]
        if intent.kind == "judgement" and intent.areas:
            in_order = partial(passages_of, report_id) if passages_of else None
            quotes = _grade_quotes_with_openings(found, intent.areas, passage_of, templates, in_order)
        else:
            quotes = _fact_quotes(found, passage_of)
        if intent.kind == "judgement" and quotes:
            ungraded.append(_no_grade_asked(intent, facts, quotes[0][1]))
        listed_overall = intent.headlines and bool(quotes) and "overall effectiveness" in intent.areas
        if (listed_overall or (_asks_the_overall_grade(intent, facts) and not chosen)) and summary_of:
            quotes = _with_headline(quotes, summary_of(report_id, False), templates)
        chosen += quotes
        if intent.kind in _ONE_REPORT_KINDS and chosen:
            break  # these describe one report: the newest in scope
    if not chosen and intent.kind == "judgement" and report_ids and passages_of is not None:
        # a visit with no verdict line of its own: still not graded
        first = next(iter(passages_of(report_ids[0])), None)
        ungraded = [_no_grade_asked(intent, facts_of(report_ids[0]), first)] if first else []
    if ungraded and all(ungraded):
        # "what grade did Oldham get at its 2025 focused visit?": no report quoted gives the grade
        # asked for. Asked outright, that is the answer, with the report's own lines as related;
        # on the way through a conversation ("and the 2019 visit?") it heads what they say.
        note = " ".join(dict.fromkeys(ungraded))
        if _ASKS_FOR_THE_GRADE.search(question):
            related = quoting_the_report(question, chosen).citations if chosen else []
            listed = " The report's own lines are listed as related." if related else ""
            return Answer(
                question=question,
                text=f"{note}{listed}",
                citations=[],
                abstained=True,
                related=related,
                nothing_found="not-graded",
            )
    if not chosen:
        return None
    answer = quoting_the_report(question, chosen)
    if ungraded and all(ungraded):
        answer.text = f"{note}\n\n{answer.text}"
    return answer


def _no_grade_asked(intent: FactIntent, facts: ReportFacts, quoted: Passage) -> str:
    """Why a report's quotes hold no grade of the kind asked (``quoted``: the passage of its
    first quote): a visit grades nothing, or the report grades other areas than the one asked
    about ("adoption" of an ILACS report); "" when they do."""
    table = facts.judgements()
    kind = str(quoted.meta.get("inspection_type") or "")
    if not table and re.search(r"visit|joint", kind):
        return f"A {kind} is not graded (Ofsted grades a council's services at a full inspection)."
    if table and intent.areas and not any(area in table for area in intent.areas):
        when = human_date(str(quoted.meta.get("report_date", "")))
        return f"The {kind or 'report'} of {when} gives no grade for {' or '.join(intent.areas)}."
    return ""


def _asks_the_overall_grade(intent: FactIntent, facts: ReportFacts) -> bool:
    """A grade question about the report as a whole ("how did Wandsworth do?"), of a report
    that grades: no area named, or the overall effectiveness named."""
    # Not "which area got outstanding?" (a grade asked for, no area named): the areas so graded
    overall = (not intent.areas and not intent.grade) or "overall effectiveness" in intent.areas
    return intent.kind == "judgement" and overall and "overall effectiveness" in facts.judgements()


def _with_headline(
    quotes: list[tuple[str, Passage, int]], summary: list[Passage], templates: frozenset[str]
) -> list[tuple[str, Passage, int]]:
    """The overall grade's quotes with the report's headline after the first: the opening
    sentence of its summary, where inspectors say in their own words how the council's
    children fare ("Children in Wandsworth benefit from highly responsive … social work").
    The grade is the table's one word; the headline is what a reader quotes with it."""
    headline = _opening_sentence(summary[0], templates) if summary else None
    if headline is None or any(_same_line(headline[0], quote) for quote, _, _ in quotes):
        return quotes
    return [*quotes[:1], headline, *quotes[1:]]


def _grade_quotes_with_openings(
    found: list[Fact],
    areas: tuple[str, ...],
    passage_of: Callable[[str], Passage | None],
    templates: frozenset[str],
    report_passages: Callable[[], Iterable[Passage]] | None = None,
) -> list[tuple[str, Passage, int]]:
    """The quotes of an area's grade facts (``found``) with, after the heading of the area's own
    findings, the sentence that opens them, where the report has no sentence restating the
    grade: how inspectors sum the area up (under "… care leavers: requires improvement to be
    good", "Most personal advisers (PAs) understand the needs of care-experienced young people
    well.")."""
    restated = {f.area for f in found if f.kind == "restated"}
    quotes: list[tuple[str, Passage, int]] = []
    for fact in found:
        passage = passage_of(fact.chunk_id)
        if passage is None:
            continue
        quotes.append(_fact_quote(fact, passage))
        if fact.in_heading and fact.area in areas and fact.area not in restated:
            opening = _opening_sentence(passage, templates)
            if _asks_the_part(fact.area, areas) and report_passages is not None:
                opening = _first_finding_on_care_leavers(passage, report_passages(), templates) or opening
            if opening is not None and not any(_same_line(opening[0], f.line) for f in found):
                quotes.append(opening)
    return quotes


MIN_FINDING_WORDS = 8
_ON_CARE_LEAVERS = re.compile(r"\bcare[- ]leavers?\b|\bcare[- ]experienced\b|\bleaving care\b", re.I)


def _asks_the_part(area: str, areas: tuple[str, ...]) -> bool:
    """Whether care leavers are asked about, not children in care, and ``area`` grades both
    together ("The experiences and progress of children in care and care leavers", 2018-2023)."""
    return (
        area == "children in care and care leavers"
        and "care leavers" in areas
        and "children in care" not in areas
    )


def _first_finding_on_care_leavers(
    heading_passage: Passage, passages: Iterable[Passage], templates: frozenset[str]
) -> tuple[str, Passage, int] | None:
    """The first finding on care leavers in the section a joint grade heads: that section opens
    on children in care ("Decisions for children to come into care are timely …"), which does
    not say how care leavers fare."""
    section = heading_passage.meta.get("section")
    started = False
    for passage in passages:
        started = started or passage.chunk_id == heading_passage.chunk_id
        if not started:
            continue
        if passage.meta.get("section") != section:
            break
        for s in _findings_in(passage, 0, templates):
            if _ON_CARE_LEAVERS.search(s.text) and not s.text.endswith("?"):
                return s.text, passage, s.start
    return None


def _findings_in(passage: Passage, rank: int, templates: frozenset[str]) -> list:
    """A passage's sentences that state findings: of some length, and not the set sentences on
    how the inspection was done ("This visit was carried out in line with …")."""
    return [
        s
        for s in sentences_of(passage, rank, templates)
        if len(s.text.split()) >= MIN_FINDING_WORDS and not s.method
    ]


def _opening_sentence(passage: Passage, templates: frozenset[str]) -> tuple[str, Passage, int] | None:
    """A passage's first finding (`_findings_in`), not a question (a heading such as "What does
    the local authority need to improve?")."""
    return next(
        ((s.text, passage, s.start) for s in _findings_in(passage, 0, templates) if not s.text.endswith("?")),
        None,
    )


def _same_line(a: str, b: str) -> bool:
    """The same line, but for spacing and a full stop."""
    return " ".join(a.split()).rstrip(" .") == " ".join(b.split()).rstrip(" .")


def _area_reasons(
    question: str,
    intent: FactIntent,
    report_ids: list[str],
    facts_of: Callable[[str], ReportFacts],
    passage_of: Callable[[str], Passage | None],
    passages_of: Callable[[str], Iterable[Passage]] | None,
    templates: frozenset[str],
    which: str = "behind the grade",
) -> Answer | None:
    """Why the newest report in scope graded an area as it did: the line stating the grade in
    words, then the findings of the area's own section in the report's order (it opens by
    summing the area up), those worded as a shortcoming for a grade below good, the others for
    good or outstanding. Other ``which``: "every" (what the report says of the area),
    "critical" or "positive" (None where the section has none). None when no report in scope
    grades the area."""
    for report_id in report_ids:
        facts = facts_of(report_id)
        table = facts.judgements()
        graded = [table[a] for a in intent.areas if a in table]
        if not graded:
            continue
        stated = _facts_for(FactIntent("judgement", tuple(f.area for f in graded)), facts)
        picked = _fact_quotes(stated[:1], passage_of)
        critical = not any(same_grade(f.value, g) for f in graded for g in ("good", "outstanding"))
        if which in ("critical", "positive"):
            critical = which == "critical"
        # care leavers asked about where one grade covers them with children in care: the
        # findings on care leavers (the section opens on children in care)
        the_part = any(_asks_the_part(f.area, intent.areas) for f in graded)
        for rank, passage in enumerate(passages_of(report_id) if passages_of else []):
            # The graded areas only: "care leavers" also names the combined area of older
            # reports, which a report grading care leavers apart does not have.
            if not set(areas_named(str(passage.meta.get("section", "")))) & {f.area for f in graded}:
                continue
            quoted = {quote for quote, _, _ in picked}
            findings = [
                s
                for s in _findings_in(passage, rank, templates)
                if (which == "every" or is_critical(s.text) == critical)
                and s.text not in quoted
                and (not the_part or _ON_CARE_LEAVERS.search(s.text))
            ][:MAX_PER_PASSAGE]
            for finding in findings:  # "However, not all …" with the sentence it answers
                quote, start = with_antecedent(finding, passage)
                last_quote, last_passage, last_start = picked[-1] if picked else ("", None, -1)
                if last_passage is passage and last_start <= start <= last_start + len(last_quote):
                    # overlapping the quote before ("This results …" after "However, …"): one slice
                    end = finding.start + len(finding.text)
                    picked[-1] = (passage.text[last_start:end], passage, last_start)
                else:
                    picked.append((quote, passage, start))
        if which in ("critical", "positive") and len(picked) <= len(stated[:1]):
            return None  # the grade alone: none of the findings asked for
        return quoting_the_report(question, picked[:MAX_SUMMARY_QUOTES]) if picked else None
    return None


def _a_visit_on(facts: ReportFacts, areas: tuple[str, ...]) -> bool:
    """Whether the report grades nothing and its own line on what it looked at names one of the
    judgement ``areas`` ("Inspectors looked at … arrangements for care leavers")."""
    if facts.judgements():
        return False
    return any(terms(area) <= terms(focus.line) for focus in facts.of("focus") for area in areas)


# The inspection before the report asked about, in its words: "at its last inspection".
_LAST_INSPECTION = re.compile(
    r"\b(last|previous|prior|most recent|earlier) (full |ILACS |SIF |Ofsted )?(inspect(ion|ed)|ILACS|SIF)\b"
    # "when had Somerset last been inspected?"
    r"|\blast (been )?inspected\b"
    # "what were they rated last time they were inspected?"
    r"|\b(last|previous) time\b[^?]{0,30}\binspected\b",
    re.I,
)


def _states_no_verdict(facts: ReportFacts) -> bool:
    """Whether the report neither grades anything nor compares itself with before: a judgement
    asked of it has no line to quote (`_facts_for`), only its summary."""
    return not facts.judgements() and not facts.of("change")


def _reasons_for(facts: ReportFacts) -> FactIntent:
    """What "why?" after a grade asks for: the findings behind it, critical ones for a grade
    below good, positive ones for good or outstanding; the summary when the report grades nothing."""
    overall = facts.judgements().get("overall effectiveness")
    if overall is None:
        return FactIntent("overview")
    good = same_grade(overall.value, "good") or same_grade(overall.value, "outstanding")
    return FactIntent("strengths" if good else "weaknesses")


def quoting_the_report(question: str, quotes: list[tuple[str, Passage, int]]) -> Answer:
    """An answer quoting the report's own lines (``(quote, passage, start)``): its table, its
    stated facts, its summary."""
    citations = [
        citation_from_passage(n, quote, passage, start, 1.0)
        for n, (quote, passage, start) in enumerate(quotes, 1)
    ]
    return Answer(
        question=question,
        text=render_extractive(question, citations),
        citations=citations,
        abstained=False,
        confidence=1.0,  # read from the report itself, not inferred
    )


def _summarised(
    question: str,
    intent: FactIntent,
    report_ids: list[str],
    facts_of: Callable[[str], ReportFacts],
    passage_of: Callable[[str], Passage | None],
    summary_of: Callable[[str, bool], list[Passage]],
    templates: frozenset[str],
) -> Answer | None:
    """The newest report in scope in its own words: for an overview, its overall grade and then
    its summary (where inspectors sum up, before their list of what to improve), in order; for
    strengths, the positive findings of the summary and of each area's opening paragraph (a
    sentence worded as a shortcoming, `answering.quotes.CRITICAL`, or naming an improvement is
    left out), in the report's order; for weaknesses, the findings worded as a shortcoming, then
    the report's list of what needs to improve. None when it has none."""
    for report_id in report_ids:
        picked: list[tuple[str, Passage, int]] = []
        if intent.kind == "overview":  # the overall grade, or what a visit looked at and its verdict
            facts = facts_of(report_id)
            overall = FactIntent("judgement", ("overall effectiveness",))
            graded = bool(facts.judgements())
            looked_at = [] if intent.areas else facts.of("focus")[:1]
            lead = _facts_for(overall, facts)[:1] if graded else looked_at + facts.of("change")[:1]
            picked += _fact_quotes(lead, passage_of)
        for rank, passage in enumerate(summary_of(report_id, intent.kind != "overview")):
            sentences = _findings_in(passage, rank, templates)
            if intent.kind == "strengths":
                sentences = [
                    s for s in sentences if not is_critical(s.text) and not _NAMES_IMPROVEMENT.search(s.text)
                ]
            elif intent.kind == "weaknesses":
                sentences = [s for s in sentences if is_critical(s.text)]
            quoted = {quote for quote, _, _ in picked}
            picked += [(s.text, passage, s.start) for s in sentences if s.text not in quoted][
                :MAX_PER_PASSAGE
            ]
        picked = picked[:MAX_SUMMARY_QUOTES]
        if intent.kind == "weaknesses":  # then the report's own list of what to put right
            picked += _fact_quotes(facts_of(report_id).of("improve")[:MAX_ITEMS], passage_of)
        if picked:
            return quoting_the_report(question, picked)
    return None
