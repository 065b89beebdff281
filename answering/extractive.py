"""The default answer: the report sentences that answer the question, quoted verbatim.

Sentences of the top passages are scored by embedding similarity to the question plus
overlap with its (glossary-expanded) terms; the best are quoted exactly as stored,
grouped by report, each with a numbered citation. The only words in the answer that the
reports do not contain are the lead line and the report headings. Weak evidence means
abstaining, with the nearest passages listed as possibly related. No randomness: the
same index and question give the same answer.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from operator import itemgetter

import numpy as np

from answering.citations import Answer, Citation, citation_from_passage, human_date
from answering.ranker import ANSWERABILITY_FEATURES, FEATURES, Ranker, load_ranker
from indexing.chunking import passage_sentences, split_sentences
from indexing.facts import AREAS, is_improvement_heading
from indexing.metadata import MONTH_NAME
from retrieval.boilerplate import shape
from retrieval.passage import Passage
from retrieval.scope import PRESENT, REPORT_BY_HOW_DONE, longest_names
from retrieval.stemming import stems

_STOP_WORDS = """
a an and are as at be by did do does for from has have how in inspectors is it of on or
report reports said say says that the their there they this to was were what when where
which who why with about any anything tell me you your our we i ofsted find found findings
finding look looked according published january february march april may june july august september
october november december doing faring fared describe described describes
"""
_STOP = frozenset(_STOP_WORDS.split())  # question scaffolding, not topic words
MAX_QUOTES = 6
_QUERY_FOUND = ANSWERABILITY_FEATURES.index("query_found")
MAX_PER_PASSAGE = 2


@dataclass
class _Sentence:
    passage_rank: int
    start: int
    text: str
    score: float = 0.0
    level: float = 0.0  # score on the ranker's comparable scale
    cosine: float = 0.0
    overlap: float = 0.0
    coverage: float = 0.0
    in_section: float = 0.0
    typed: float = 0.0
    opens_section: bool = False  # the first sentence of its section: the section's headline
    method: bool = False  # how the inspection was done or what it looked at, not a finding

    @cached_property
    def terms(self) -> set[str]:
        return terms(self.text)


_BOILERPLATE = re.compile(
    r"^(please\s+)?(can you\s+)?(tell me\s+)?(what|how)\s+(did|do|does|have|has)\s+"
    r"((the\s+)?((19|20)\d\d\s+)?((focused|monitoring)\s+)?(inspectors?|ofsted|reports?|inspection|visit|letter)(['’]s)?\s+)?"
    r"(say|said|find|found|write|wrote|report|reported|conclude|concluded|note|noted|think)\s*"
    r"(about|on|regarding|of|concerning)?\s+|^(tell me about|what about|information on)\s+"
    # "anything in there on kids who …?", "is there anything about …"
    # ... "anything positive in Knowsley's October 2022 visit about …"
    r"|^(is there\s+)?anything\s+(else\s+)?((positive|good|bad|negative|critical|new|useful|encouraging)\s+)?"
    r"((in|from)\s+[^?]{1,60}?\s+)?(on|about)\s+",
    re.IGNORECASE,
)


# "What were the main problems found at …", "any concerns about …", "main concerns about …": the
# asking of a question about shortcomings, not its subject (the shortcomings come first anyway).
_SHORTCOMINGS_ASKED = re.compile(
    # at the start, or after the report is named ("Durham visit 2021: …", "notts front door visit jan
    # 2019, what were the main weaknesses?"; not "…, any concerns about how the council publicises it?")
    r"(?:^|[:;–—]\s*|\s-\s|,\s*(?=(?:what|which)\b))"
    r"(?:(?:what|which)\s+(?:(?:were|are|was|is)\s+(?:the\s+)?)?|what['’]s\s+(?:the\s+)?|"
    r"(?:were|are|was|is)\s+there\s+(?:any\s+|an?\s+)?|any\s+)?"
    r"(?:(?:main|key|biggest|major|serious|particular|strongest|harshest|toughest|sharpest|gravest|worst|"
    r"most (?:serious|significant|damning|critical))\s+)?"
    r"(?:problems?|issues?|concerns?|weaknesse?s?|shortcomings?|failings?|criticisms?)(?:\s+|\W*$)"
    r"(?:(?:were|are|was|is)\s+(?:there\s+)?)?"
    r"(?:(?:that\s+)?(?:were\s+)?(?:found|identified|raised|seen|highlighted|noted)(?:\s+|\W*$))?"
    # "what's the biggest problem they found?", "the main issues inspectors picked up"
    r"(?:(?:that\s+)?(?:they|inspectors|the inspectors|ofsted)\s+"
    r"(?:found|identified|raised|saw|highlighted|noted|picked up|flagged)(?:\s+|\W*$))?"
    # "what problems did Ofsted find for Luton's children in care?"
    r"(?:(?:did|do|does)\s+(?:they|inspectors|the inspectors|ofsted)\s+"
    r"(?:find|identify|raise|see|highlight|note|flag)(?:\s+|\W*$))?"
    r"(?:(?:with|about|in|at|for|of|around|regarding|over)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


# "what's wrong with the night and weekend cover?", "anything wrong with how they deal with
# referrals?": asking for shortcomings, before the subject.
_WRONG_WITH = re.compile(
    r"(?:^|[:;–—]\s*|\s-\s)(?:what['’]?s|what (?:is|was)|(?:is|was) there (?:anything|something)|anything|"
    r"something)\s+(?:going\s+)?wrong\s+(?:with|at|in)\s+(?:the\s+)?"
    r"(?:how\s+(?:they|the council|it)\s+\w+\s+)?",
    re.IGNORECASE,
)


# "What support is there for kids who …?": the asking; the topic is support for kids who …
_SUPPORT_THERE = re.compile(
    r"^what\s+(?P<kind>support|help|services?|provision)\s+(is|are|was|were)\s+"
    r"(there|available|offered|provided|given)\s+(for|to)\s+",
    re.IGNORECASE,
)


# "Why was help and protection only RI?": the subject of the low grade is the topic.
_WHY_LOW_GRADE = re.compile(
    r"^why (?:was|were|is|are|has|have|did)\s+(?P<subject>.+?)\s+"
    r"(?:(?:only|just|still|rated|graded|judged|given|been|get|got|as)\s+)*"
    r"(?:RI|requires? improvement(?: to be good)?|inadequate|not good|downgraded)\b",
    re.IGNORECASE,
)


# "was the workforce a problem in the 2019 one as well?", "is drift still an issue?": the subject
# of the worry is the topic (the question asks for shortcomings: `fact_answers._CRITICAL_ASKED`).
WAS_IT_A_PROBLEM = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:was|were|is|are)\s+(?!there\b|it\b|that\b|this\b)"
    r"(?P<subject>\S+(?:\s+\S+){0,5}?)\s+(?:(?:still|also|ever|really)\s+)?(?:an?|any)\s+"
    r"(?:(?:big|major|real|serious|particular|significant)\s+)?"
    # (not "a strength or a concern?", which asks both ways, nor "a problem-solving approach")
    r"(?<!strength or an )(?<!strength or a )"
    r"(?:problems?|issues?|concerns?|worry|worries|weakness(?:es)?|challenges?)(?![\w-])",
    re.IGNORECASE,
)


# "How was Bradford's front door described in the report?": the subject is what was described.
_HOW_DESCRIBED = re.compile(
    r"^how (?:is|was|are|were) (?P<subject>.+?)\s+(?:described|portrayed|characteri[sz]ed|depicted|"
    r"talked about|written about|"
    # "how was the LADO function in Lewisham judged in 2019?": what the report found of it
    r"judged|rated|graded|evaluated|regarded|viewed)\b"
    # "what were manchester caseloads like back in 2018": the subject, as it was then
    r"|^what(?:\s+(?:is|was|are|were)|['’]s)\s+(?P<like>.+?)\s+like\b",
    re.IGNORECASE,
)


# The asking's last words, whoever is asked: "… say about", "… find on"
_SAY_ABOUT = r"(say|said|find|found|report|note|conclude|write)\s+(about|on|regarding|concerning)\s+"
_SAID_ABOUT = re.compile(
    r"\b(what|how)\s+(did|does|do)\s+(it|they|ofsted|inspectors|the\s+(report|inspection|visit|letter))\s+"
    + _SAY_ABOUT,
    re.IGNORECASE,
)
# ... of a report named in more words, as the question opens: "what did the earliest Barnsley
# report we have say about …" (later in a question, such words may follow a question of their own)
_SAID_ABOUT_A_NAMED_REPORT = re.compile(
    # words that pick a report, one of them a time (not "the families in the focused visit")
    r"^\W*(what|how)\s+(did|does|do)\s+the\s+(?=[^?]*?\b(earliest|oldest|first|latest|newest|last|"
    r"most recent|previous|(19|20)\d\d)\b)((?!(in|at|during|from|of|on|with|by)\b)[\w’'-]+\s+){1,4}?"
    r"(report|inspection|visit|letter)"
    r"(\s+(we have|we hold|on file|indexed))?\s+" + _SAY_ABOUT,
    re.IGNORECASE,
)


# "kids living with family friends, what did ofsted say?": the asking comes after its subject.
_ASKED_AFTER = re.compile(
    r"[\s,;:–-]+(so\s+)?(what|how)\s+(did|does|do|have|has)\s+(it|they|ofsted|inspectors|the\s+(report|inspection|visit|"
    r"letter))\s+(say|said|find|found|think|thought|report|note|conclude)\W*$",
    re.IGNORECASE,
)


# A word standing for a subject or place the question named before it.
_POINTS_BACK = re.compile(r"\W*(it|that|this|them|those|these|there|then)?\W*", re.IGNORECASE)


def _subject_around(question: str, asking: re.Match | None) -> str:
    """The subject of a question around its ``asking`` words ("what did Ofsted find about",
    "any concerns"): what follows them, or what came before when only a pointer back follows
    ("What is No Wrong Door and what did Ofsted find about it?", "and neglect - any concerns
    there?")."""
    if asking is None:
        return question
    if _POINTS_BACK.fullmatch(_SELECTOR.sub(" ", question[asking.end() :])) and asking.start() >= 3:
        return re.sub(r"[\s,;:–-]*(and|but|so)?[\s,;:–-]*$", "", question[: asking.start()], flags=re.I)
    after = question[asking.end() :].strip(" ?.!")
    before = question[: asking.start()]
    # ("it" is as often the council or report named first: "Leeds visit, what did it find about …")
    if re.search(r"[,;:–—-]\s*$", before) and re.search(r"\b(them|those|these)\b", after, re.I):
        # "child safety agreements - what did Ofsted say about Southampton's use of them?": the
        # subject named first, with what the question asks of it
        named = re.sub(r"[\s,;:–—-]*$", "", before)
        asked = re.sub(r"\s*\b(of\s+)?(them|those|these)\b", "", after, flags=re.I)
        return f"{named} {asked}".strip()
    if len(question) - asking.end() >= 3:
        return after
    return question


# A briefing writer asking for a quote rather than about a subject: "I need a quote on …",
# "give me a quotable headline line from the report", "… need something quotable", "quote for
# the paper: …". Every answer is quotes; the request names nothing to look for.
_ADJECTIVE = (
    r"(?:quotable|good|short|strong|usable|punchy|headline|single|key|direct|verbatim|nice|clear|exact|precise|"
    r"actual|relevant|specific)"
)
_QUOTE_REQUEST = re.compile(
    r"\s*[-–—:;,]?\s*\b(?:(?:please\s+)?(?:can you\s+)?(?:give|find|get|pull|show)\s+(?:me|us)\s+"
    r"(?:a|an|one|some|two|a couple of|the)?|(?:i\s+need|i['’]d like|i want|need|want|looking for)\s+"
    r"(?:a|an|one|some|two|a couple of))\s*"
    rf"(?:{_ADJECTIVE}\s+){{0,2}}(?:quotes?|quotations?|lines?|sentences?|extracts?|soundbites?|headlines?)\b"
    # "give me a line I can quote on why"
    r"(?:\s+(?:i|we)\s+(?:can|could)\s+(?:quote|use))?"
    # ... the request ending there: not "do they need a line manager?"
    r"(?=\s*(?:$|[?.!,;:–—-]|(?:on|about|re|regarding|for|from|in|that|which|to|showing|saying)\b))"
    # ... "for a members' briefing", "for the cabinet paper"
    r"(?:\s+(?:for|from|in)\s+(?:the|my|a|our|this)\s+(?:[\w'’-]+\s+)?(?:paper|briefing|brief|report|slides?|letter))?"
    r"(?:\s+(?:on|about|re|regarding)\b)?"
    r"|\s*[-–—:;,]?\s*\b(?:i\s+)?(?:need|want)\s+something quotable\b|\bquotable\b"
    # "… 2024 inspection? need a line or two for a councillor briefing", "? one or two lines for
    # the lead member": what the asker will do with the answer, after the question
    r"|(?<=[?.!])\s*(?:(?:i\s+)?(?:need|want|looking for)\s+)?(?:a|one|two|a couple of|a few)\s+"
    r"(?:or\s+two\s+)?(?:quotes?|lines?|sentences?)(?:\s+or\s+(?:two|three|so))?"
    # ... for an audience or a document, not "for the section on adoption"
    r"(?:\s+(?:for|to use in|to put in)\s+(?:an?\s+|the\s+|my\s+|our\s+|this\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:briefing|brief|paper|slides?|presentation|report|email|note|councillors?|members?|cabinet|committee|"
    r"scrutiny|press|newsletter|board))?(?:\W+(?:please|pls))?\W*$"
    r"|^\s*(?:a\s+)?(?:quotes?|lines?)\s+for\s+(?:the|my|a|our)\s+(?:paper|briefing|brief|report|slides?)\s*[:–—-]\s*",
    re.IGNORECASE,
)


# "whats going well?", "hows the front door?": a question word typed without its apostrophe
_UNAPOSTROPHISED = re.compile(r"\b(what|how|who|where|that|there)s\b", re.IGNORECASE)


def with_apostrophes(question: str) -> str:
    """The question with "whats", "hows" … written "what's", "how's", as the patterns read them."""
    return _UNAPOSTROPHISED.sub(lambda m: f"{m.group(1)}'s", question)


def without_quote_request(question: str) -> str:
    """The question without a request for a quote (`_QUOTE_REQUEST`), which names no subject."""
    return re.sub(r"\s{2,}", " ", _QUOTE_REQUEST.sub(" ", question)).strip() or question


def topic_of(question: str) -> str:
    """The subject of a question, without 'what did inspectors say about' scaffolding.

    Scaffolding words match almost every report sentence ("Inspectors looked at..."),
    so they would make any question look answered.
    """
    leading = r"^((and|but|so|also|then|ok|okay)\b[,\s]*)+"  # "ok and neglect - any concerns there?"
    stripped = re.sub(leading, "", without_quote_request(with_apostrophes(question)), flags=re.IGNORECASE)
    stripped = _BOILERPLATE.sub("", stripped).strip(" ?.!")
    stripped = _SUPPORT_THERE.sub(r"\g<kind> for ", stripped)
    low_grade = _WHY_LOW_GRADE.match(stripped)
    if low_grade:  # "why was help and protection only RI then, what's the problem?"
        stripped = low_grade.group("subject")
    worry = WAS_IT_A_PROBLEM.match(stripped)
    if worry:  # what follows stays: "… a problem for care leavers"
        stripped = f"{worry.group('subject')}{stripped[worry.end() :]}"
    described = _HOW_DESCRIBED.match(stripped)
    if described:  # what follows the verb stays: "… described in terms of timeliness"
        subject = described.group("subject") or described.group("like")
        stripped = f"{subject}{stripped[described.end() :]}"
    # "Hampshire's 2014 inspection - what did it say about adoption?": the subject follows the asking.
    stripped = _subject_around(stripped, _WRONG_WITH.search(stripped) or _SHORTCOMINGS_ASKED.search(stripped))
    stripped = _subject_around(
        stripped, _SAID_ABOUT.search(stripped) or _SAID_ABOUT_A_NAMED_REPORT.search(stripped)
    )
    stripped = _ASKED_AFTER.sub("", stripped) or stripped
    stripped = re.sub(r"\b(take|took|taken|taking) place\b|\bhappen(ed|s)?\b", "", stripped).strip()
    # "… front door in (the focused visit published in January 2023)": the choosing words were cut
    # "… in the 2019 one as well?": words that add the question to an earlier one name no subject
    stripped = re.sub(r"[\s,]+(as well|too|also|either)\s*$", "", stripped, flags=re.I)
    stripped = re.sub(r"(\s+(in|at|for|of|from|during|on|by|to))+\s*$", "", stripped, flags=re.I)
    return stripped or question


_SELECTOR = re.compile(
    r"\b(the\s+)?(19|20)\d{2}\s+(focused\s+visit|monitoring\s+visit|inspection|visit|report|letter|one)s?\b"
    r"|\bthe\s+(focused|monitoring)\s+visits?(\s+(report|letter))?\b"
    r"|\b((at|in|from)\s+)?the\s+(full|ILACS|SIF|ofsted)\s+inspections?\b"
    # "Oldham autumn 2020", "in late 2019", "early 2023:": a time of year picks a report too
    r"|\b((in|during|from)\s+)?(the\s+)?(early|late|mid|spring|summer|autumn|winter)(\s+of)?[\s-]+(19|20)\d{2}\b"
    # "the focused visit at the end of 2022"
    r"|\b((at|by|towards?|in)\s+)?the\s+(end|start|beginning|middle)\s+of\s+(19|20)\d{2}\b"
    r"|\b(in|at|from|of)?\s*(the|its|their)?\s*(latest|most\s+recent|newest|last|current)\s+"
    r"((full|ofsted|ILACS)\s+)?(focused\s+visit|monitoring\s+visit|inspection|visit|report|letter)\b"
    r"|\b(back\s+)?(in|from|of)\s+(19|20)\d{2}\b|\b(19|20)\d{2}\b"
    # "what did the previous full inspection say about that?": a report placed against another
    r"|\b(the|its|their)\s+(previous|earlier|prior)\s+((full|ILACS|SIF|ofsted|focused)\s+)?"
    r"(inspection|visit|report|letter|one)s?\b"
    # "what about at the covid-era visit in 2020?": a visit named by when or how it was done
    rf"|\b(the\s+)?{REPORT_BY_HOW_DONE}"
    # "and now?", "what about these days?": the latest report
    rf"|\b(right\s+)?now\b(?=\W*$)|\b({PRESENT})\b"
    # "lambeth FV april 2019 on permanence", "westminster ILACS care leavers": the kind, abbreviated
    r"|\b(the\s+|an?\s+)?(FVs?|ILACS)\b"
    # "was that a problem before too?", "did they sort out the caseloads afterwards?": the report
    # before or after, which the scope picks
    r"|\b(before|previously)( too| as well| that| then)?\s*(?=\?|$)|\bafterwards\b",
    re.IGNORECASE,
)


# "according to Ofsted's visit", "(published in January)": where the answer should come from,
# which the scope already chose; left in, the words would be matched as the topic.
_SOURCE_WORDS = re.compile(
    r"\b(according to|going by|in the view of|as (found|judged) by)\s+(ofsted|inspectors|the\s+)?(['’]s)?"
    r"(\s*(report|inspection|visit|letter|inspectors))?"
    # "… treated in Cornwall according to the 2024 Ofsted inspection?", "in their Ofsted report":
    # "Ofsted inspection" is where the answer comes from, not a topic ("registered with Ofsted").
    r"|\b(in\s+|from\s+|by\s+)?((the|its|their)\s+)?((19|20)\d\d\s+)?(ofsted|ILACS)(['’]s)?\s+"
    r"((full|focused|monitoring|ILACS)\s+)?(report|inspection|visit|letter|inspectors|judgement|rating)s?\b"
    r"|\b(published|dated)(\s+in)?\b"
    rf"|\b(in\s+)?(the\s+)?({'|'.join(calendar.month_name[1:])}|{'|'.join(calendar.month_abbr[1:])}|Sept)\.?"
    r"(?=\s*(\d|$|[,?.)]))"
    r"|\bILACS\b",  # the framework of the full inspections since 2018: a report type, not a topic
    re.IGNORECASE,
)


_NAME_TABLES: dict[int, tuple[set[str], dict[str, str], int]] = {}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9&]+", text.lower())


def _name_table(authorities: set[str]) -> tuple[dict[str, str], int]:
    """Each council name by its words joined by spaces, and the most words a name has; built once
    per set of names (the snapshot keeps one set): hashing 24,631 names for a cache key on every
    call cost more than the lookup it saved."""
    entry = _NAME_TABLES.get(id(authorities))
    if entry is None or entry[0] is not authorities:
        table = {key: name for name in authorities if (key := " ".join(_words(name)))}
        if len(_NAME_TABLES) >= 8:
            _NAME_TABLES.clear()
        longest = max((key.count(" ") + 1 for key in table), default=0)
        entry = _NAME_TABLES[id(authorities)] = (authorities, table, longest)
    return entry[1], entry[2]


def _names_pattern(text: str, authorities: set[str]) -> re.Pattern | None:
    """A pattern for the council names ``text`` uses (`retrieval.scope.longest_names`), longest
    first ("North Somerset" before "Somerset"), with the word that leads to them."""
    table, longest = _name_table(authorities)
    found = {table[key] for key in longest_names(_words(text), table.__contains__, longest)}
    if not found:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(found, key=len, reverse=True))
    return re.compile(rf"\b(in|for|at|of|by|to)?\s*({alternatives})(['’]s)?\b", re.IGNORECASE)


_COMPASS = ("north", "south", "east", "west")


def _as_written(alias: str) -> str:
    """A pattern for a council name as the scope read it ("north somerset", "b and nes") in the
    ways it was written: "N Somerset", "B&NES", "Barking & Dagenham"."""

    def written(word: str) -> str:
        if word == "and":
            return r"(?:and|&)"
        return rf"(?:{word}|{word[0]}\.?)" if word in _COMPASS else re.escape(word)

    return r"\s*".join(written(word) for word in alias.split())


def strip_selectors(
    topic: str, authorities: set[str], keep_when_empty: bool = True, aliases: Iterable[str] = ()
) -> str:
    """The topic without words that only pick a report: years, report types, authority names.

    "What did the 2025 focused visit to Wiltshire find about chronologies?" is about
    chronologies; the rest chooses the report, which retrieval hints already do. When nothing
    is left ("And the 2023 one?"), the whole topic is kept unless ``keep_when_empty`` is off.
    ``aliases``: the council names as the question writes them where they are not an official
    name ("Cheshire West", "central beds"), as the scope read them.
    """
    text = _SELECTOR.sub(" ", _SOURCE_WORDS.sub(" ", topic))
    for alias in aliases:  # first: "N Somerset" is the alias, not "Somerset" after an "N"
        text = re.sub(rf"(?<![\w-]){_as_written(alias)}(?:['’]s?)?(?![\w-])", " ", text, flags=re.IGNORECASE)
    names = _names_pattern(text, authorities)
    if names is not None:
        text = names.sub(" ", text)
    text = re.sub(r"\(\s*\)|\s+(?=[,?.!])", "", text)
    # "and in Oxfordshire, what about runaways?": the words that led to the council, left dangling
    text = re.sub(r"^\s*((in|for|at|of|from|on|with|by)\s*)?[,;:–—-]+\s*", "", text, flags=re.IGNORECASE)
    text = topic_of(re.sub(r"\s+", " ", text)).strip(" ,?.!")
    # "Oldham autumn 2020 - are …": the dash (or colon) joined the choosing words to the question
    unjoined = re.sub(r"(^|\s)[-–—:;]+(?=\s|$)", " ", text).strip()
    if unjoined != text:
        text = topic_of(re.sub(r"\s+", " ", unjoined)).strip(" ,?.!")
    if not keep_when_empty:
        return text
    return text if len(terms(text)) >= 1 else topic


def terms(text: str) -> set[str]:
    """Stemmed content words ('matching' ~ 'matched', 'fostering' ~ 'foster')."""
    return stems(text, ignore=_STOP)


_DATE = re.compile(rf"\b(\d{{1,2}}\s+)?{MONTH_NAME}\s+\d{{4}}\b|\b(19|20)\d{{2}}\b")
_NAME_LIST = re.compile(
    r"\b[A-Z][a-z]+ [A-Z][a-z’'-]+(, [A-Z][a-z]+ [A-Z][a-z’'-]+)*( and [A-Z][a-z]+ [A-Z][a-z’'-]+)"
)
# "what's the children in care council called?", "what's the name of their care leavers' forum?",
# "what does Sunderland call children in care?": a name asked for
NAME_ASKED = re.compile(
    r"\bwhat(['’]?s| is| was| are| were)\s+(it|they|that|this|the\s+[^?]{1,50}?|their\s+[^?]{1,50}?|"
    r"\w+['’]s\s+[^?]{1,50}?)\s+called\b"
    r"|\bwhat(['’]?s| is| was| are| were)\s+the\s+names?\s+of\b"
    r"|\bwhat\s+(do|does|did)\s+[^?]{1,30}?\s+call\b(?!\s+(for|on|upon|in|out|back)\b)",
    re.IGNORECASE,
)
# A name a sentence gives: in quotation marks (‘cared for children’), in capitals ("SILSIP"), or as
# capitalised words after the sentence's first ("the Mind of My Own app").
STATES_A_NAME = re.compile(
    r"(?<!\w)[‘“'\"][^’”'\"]{3,60}[’”'\"](?!\w)|\b[A-Z]{3,}s?\b"
    r"|(?<=\S )[A-Z][a-z’']+( (of |and |for |in )?[A-Z][\w’']+)+"
)
# "how many care leavers were staying put?", "what % of staff were agency workers?"
_HOW_MANY = re.compile(r"\bhow many\b|\bwhat (proportion|percentage|share|number|%)|\bwhat per ?cent")
_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|%|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|half|third|quarter)\b",
    re.IGNORECASE,
)
# "how long were children waiting for adoptive families?": a length of time ("637 days")
_HOW_LONG = re.compile(r"\bhow long\b(?!-)")  # not "how long-standing"
_DURATION = re.compile(r"\b\d[\d,.]*\s+(working\s+)?(days?|weeks?|months?|years?)\b", re.I)
_PEOPLE = re.compile(r"Inspectors? (for this visit )?(were|was)|Lead inspector|His Majesty|Her Majesty")


def answer_type_bonus(question: str, sentence: str) -> float:
    """A 'when' question is answered by a sentence with a date, a 'who' question by names, a
    'how many' question by a number, a 'how long' question by a length of time."""
    q = question.lower()
    if re.match(r"\s*(when|what (date|dates|year))\b", q) and _DATE.search(sentence):
        return 0.2
    if re.match(r"\s*(who|which inspectors?|whom)\b", q) and (
        _PEOPLE.search(sentence) or _NAME_LIST.search(sentence)
    ):
        return 0.2
    if _HOW_MANY.search(q) and _NUMBER.search(_DATE.sub(" ", sentence)):
        return 0.2
    if _HOW_LONG.search(q) and _DURATION.search(sentence):
        return 0.2
    if NAME_ASKED.search(question) and STATES_A_NAME.search(sentence):
        return 0.2
    return 0.0


_SENTENCE_CACHE: dict[str, np.ndarray] = {}
_SENTENCE_CACHE_MAX = 50_000


def _embed_sentences(texts: list[str], embed_model) -> np.ndarray:
    """Sentence vectors, cached: popular passages recur across questions."""
    missing = [t for t in dict.fromkeys(texts) if t not in _SENTENCE_CACHE]
    if missing:
        if len(_SENTENCE_CACHE) + len(missing) > _SENTENCE_CACHE_MAX:
            _SENTENCE_CACHE.clear()
        vectors = embed_model.get_text_embedding_batch(
            [" ".join(t.split()[:SENTENCE_EMBED_WORDS]) for t in missing]
        )
        for text, vector in zip(missing, vectors):
            _SENTENCE_CACHE[text] = np.asarray(vector, dtype=np.float32)
    return np.stack([_SENTENCE_CACHE[t] for t in texts])


# A letter's recipient block ("Jane Doe Director … Council Street Town AB1 2CD") and salutation
# are furniture, not findings.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d\s?[A-Z]{2}\b")
_SALUTATION = re.compile(r"^(Dear|Yours sincerely)\b")
# A contents page: three or more titles each followed by its page number, and no full stop
# ("Summary of key findings 3 Information about this inspection 7 …"). Titles hold no digits,
# so each split of the line is tried once (a title that may hold digits backtracks
# exponentially on a long line that is not a contents page).
_CONTENTS = re.compile(r"^(?:[A-Z][^.\d]{2,90}?\s+\d{1,3}\b\s*){3,}$")


# How the evidence was gathered or what was looked at, not what was found: "Inspectors
# considered a range of evidence…", "Specifically, they considered contacts…", "The visit
# focused on…", "His Majesty's Inspectors for this visit were…", "Throughout this letter, care
# leavers are referred to as…". Quoted after the findings, never instead of them.
# "They" is the inspectors only after the words that list what a visit covered ("Specifically,
# they considered…"): elsewhere it is workers ("They explored children's wishes…").
_METHOD = re.compile(
    r"^\W*(((in addition|additionally|specifically|also),?\s+)?(inspectors|the inspection team)"
    r"|(in addition|additionally|specifically|also),?\s+they)\s+"
    r"(also\s+)?(considered|reviewed|looked at|spoke|met|scrutinised|examined|evaluated|observed|sampled|"
    r"tracked|talked|visited|used|appraised|explored|assessed|focused on|held|undertook|interviewed|"
    r"carried out|attended|analysed|audited|shadowed|listened)\b(?!\s+that\b)"
    r"|^\W*(this|the) (focused )?(visit|inspection) (was (carried out|conducted|undertaken)|focused on|"
    r"looked at|considered|included|examined|evaluated)\b"
    r"|^\W*(His|Her) Majesty[’']s Inspectors\b[^.]{0,40}\b(were|was)\b|^\W*(The )?Lead inspector\b"
    r"|^\W*Throughout this (letter|report)\b"
    # "Inspectors were on site for the duration of the visit.", "A range of evidence, including …"
    r"|^\W*(the )?inspectors were (on[- ]?site|present)\b|^\W*A range of evidence\b",
    re.I,
)


# Wording of a shortcoming: negation, too much or too little, and Ofsted's words for weakness.
CRITICAL = re.compile(
    r"\b(not(?!\s+only\b)|cannot|\w+n['’]t|no|too|nor|never|unaware|insufficient\w*|inconsistent\w*|weak\w*|poor\w*|lack\w*|delay\w*|"
    r"variable|requires? improvement|inadequate|fail\w*|shortfall\w*|gaps?|limited|concern\w*|"
    r"deteriorat\w*|declin\w*|slow\w*|drift|unclear|unsafe|vacanc\w*|backlogs?|waits?|waiting|"
    r"negative\w*|ineffective\w*|instabilit\w*|unsuitabl\w*|unable|"
    # "has been a significant challenge" (not the "challenge" members provide, which is scrutiny)
    r"(is|are|was|were|remains?|remained|been)\s+(an?\s+)?((significant|considerable|ongoing|continual|"
    r"continuing|major|particular|real|key)\s+)?challenges?"
    r")\b",
    re.IGNORECASE,
)


RELEVANT_PROBABILITY = 0.5  # the ranker's own decision boundary


def on_topic(sentence, probability: float) -> bool:
    """A sentence with every word of the topic, or one the ranker thinks answers it."""
    return sentence.coverage >= 1.0 or probability >= RELEVANT_PROBABILITY


# "When children are unable to return home, carefully planned permanent homes are sought": the
# opening clause sets the circumstance; what the sentence finds comes after it.
_CIRCUMSTANCE = re.compile(
    r"^\W*(when|if|where|once|whenever)\b[^,;]{0,120},\s*"
    # ... or closes with it: "… family time when they are unable to live together."
    r"|,?\s+(when|if|whenever)\b[^,;]{0,120}$",
    re.I,
)


def is_critical(sentence: str) -> bool:
    """Worded as a shortcoming (`CRITICAL`) in what it finds, not in the circumstance it opens with."""
    return CRITICAL.search(_CIRCUMSTANCE.sub("", sentence)) is not None


def is_method(sentence: str) -> bool:
    """A sentence about how the inspection was done, not what it found."""
    return _METHOD.match(sentence) is not None


# A judgement table's cell naming an area, without its grade ("The experiences and progress
# of care leavers"): the PDF lays the table out as cells, and the label alone says nothing.
_AREA_LABELS = frozenset(phrase for phrase, _ in AREAS)


def _lists_improvements(passage: Passage) -> bool:
    return is_improvement_heading(str(passage.meta.get("section", "")))


def is_furniture(unit: str) -> bool:
    """A letter's address block or salutation, a contents listing or a judgement table's area
    label: never quoted as evidence."""
    return (
        bool(_POSTCODE.search(unit) and not unit.rstrip().endswith("."))
        or bool(_SALUTATION.match(unit))
        or bool(_CONTENTS.match(unit.strip()))
        or re.sub(r"\s+", " ", unit.strip().lower()).rstrip(":") in _AREA_LABELS
    )


_DAYS_OF_A_DATE = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?((\s*,\s*|\s*(and|to|-|–)\s*)\d{{1,2}}(st|nd|rd|th)?)*\s+({MONTH_NAME})\b",
    re.IGNORECASE,
)


def _states_a_count(sentence: str) -> bool:
    """A number in the sentence that is no date ("381 children", not "on 18 and 19 September
    2024" nor "in 2014")."""
    undated = re.sub(r"\b(19|20)\d\d\b", " ", _DATE.sub(" ", _DAYS_OF_A_DATE.sub(" ", sentence)))
    return re.search(r"\d", undated) is not None


def sentences_of(
    passage: Passage, rank: int, templates: frozenset[str] = frozenset(), figures_asked: bool = False
) -> list[_Sentence]:
    """The quotable sentences of a passage: no furniture, no template sentences.

    ``figures_asked``: the question asks how many; a sentence of a recurring shape that states a
    count ("At 30 June 2015, 381 children … were the subject of a child protection plan", the
    data paragraph of every report of its framework) is then the answer, not boilerplate.

    Each is marked ``method`` when it says how the inspection was done (`is_method`) or is an
    item of a list such a sentence introduces ("Inspectors looked at …, with a particular
    focus on:" then "care leavers at risk of specific types of harm …"): the items name what
    was looked at, not what was found. A list's items are its one-sentence paragraphs (bullets).
    """
    found: list[_Sentence] = []
    listing = False  # the paragraphs now are items of a list introduced by a method sentence
    items: list[str] = []  # the list's items so far
    n = 0
    for unit, rows in groupby(passage_sentences(passage.text), key=itemgetter(0)):
        rows = list(rows)
        listing = listing and len(rows) == 1 and not _list_ended(items)
        for _, start, text in rows:
            if (
                not is_furniture(unit)
                and len(text.split()) >= 4
                and not text.endswith(":")
                and (shape(text) not in templates or (figures_asked and _states_a_count(text)))
            ):
                method = listing or is_method(text)
                found.append(
                    _Sentence(
                        rank, start, text, opens_section=passage.opens_section and n == 0, method=method
                    )
                )
            n += 1
        last = rows[-1][2]
        items = [*items, last] if listing else []
        listing = listing or (last.endswith(":") and is_method(last))
    return found


def _list_ended(items: list[str]) -> bool:
    """Whether a list of items set in lowercase ("the quality of accommodation", … "care leavers
    at risk of harm.") has ended: its last item so far closes with a full stop. The paragraph
    after it is a finding ("Leaders have a clear plan …"), not another item. Items set as full
    sentences each end with one, so only a lowercase list ends this way."""
    return bool(items) and items[0][:1].islower() and items[-1].endswith(".")


MAX_EMBEDDED_SENTENCES = 32
SENTENCE_EMBED_WORDS = 48  # a sentence is judged by its first words: long ones cost most to embed


def _shortlist(
    sentences: list[_Sentence], terms: set[str], most: int = MAX_EMBEDDED_SENTENCES
) -> list[_Sentence]:
    """The sentences worth embedding: all of the two best passages, then those sharing terms.

    Embedding every sentence of six passages dominated answer latency; a sentence that
    shares no term with the question and is not in a top passage is almost never quoted.
    """
    if len(sentences) <= most:
        return sentences
    ranked = sorted(
        sentences,
        key=lambda s: (s.passage_rank > 1, -len(terms & s.terms), s.passage_rank, s.start),
    )
    return ranked[:most]


def opening_sentences(text: str, most: int = 300) -> str:
    """The passage's first whole sentences, up to about ``most`` characters (at least one):
    a passage shown for context is never cut mid-word."""
    end = 0
    for _, stop in split_sentences(text):
        if end and stop > most:
            break
        end = stop
    return text[:end].strip() if end else text.strip()


def abstain_answer(question: str, passages: list[Passage]) -> Answer:
    related = [
        citation_from_passage(i, opening_sentences(p.text), p, 0) for i, p in enumerate(passages[:3], 1)
    ]
    topic = question.strip().rstrip("?.!") or "this question"
    text = f"The indexed reports don't appear to cover “{topic}”."
    if related:
        text += " The nearest passages are listed as possibly related; none answers the question directly."
    return Answer(
        question=question,
        text=text,
        citations=[],
        abstained=True,
        related=related,
        nothing_found="not-covered",
    )


_LEANS_ON_BEFORE = re.compile(
    r"^(Despite this|However|This|These|They|It|As a result|Consequently|In addition|Additionally|"
    r"Furthermore|Nevertheless|Similarly|Therefore|Because of this|Although this)\b"
)


def candidate_sentences(
    question: str,
    retrieval_query: str,
    passages: list[Passage],
    query_vector: np.ndarray,
    embed_model,
    topic: str = "",
    templates: frozenset[str] = frozenset(),
    most: int = MAX_EMBEDDED_SENTENCES,
    written_out: Sequence[str] = (),
) -> tuple[list[_Sentence], np.ndarray]:
    """The quotable sentences of the passages (at most ``most`` are embedded and scored) and
    their ranker features (rows as `ranker.FEATURES`). ``written_out``: the topic with its
    abbreviations as their long forms (`retrieval.glossary.written_out`); a sentence covers the
    topic as much as it covers the best of its forms."""
    topic_terms = terms(topic or topic_of(question))
    forms = [topic_terms, *(terms(variant) for variant in written_out)] if topic_terms else []
    expanded_terms = terms(retrieval_query)
    figures_asked = _HOW_MANY.search(question.lower()) is not None
    candidates = _shortlist(
        [s for rank, p in enumerate(passages) for s in sentences_of(p, rank, templates, figures_asked)],
        expanded_terms | topic_terms,
        most,
    )
    if not candidates:
        return [], np.zeros((0, len(FEATURES)), dtype=np.float32)
    cosines = _embed_sentences([s.text for s in candidates], embed_model) @ query_vector
    section_terms = [terms(str(p.meta.get("section", ""))) for p in passages]
    top_score = max(p.score for p in passages) or 1.0
    rows = []
    for sentence, cosine in zip(candidates, cosines):
        passage = passages[sentence.passage_rank]
        sentence.cosine = float(cosine)
        sentence.overlap = len(expanded_terms & sentence.terms) / max(1, len(expanded_terms))
        sentence.coverage = _share_of_best_form(forms, sentence.terms)
        in_section = _share_of_best_form(forms, section_terms[sentence.passage_rank])
        sentence.typed = answer_type_bonus(question, sentence.text)
        sentence.in_section = in_section if topic_terms else 0.0
        rows.append(
            (
                sentence.cosine,
                sentence.overlap,
                sentence.coverage,
                sentence.in_section,
                passage.score / top_score,
                passage.dense,
                sentence.typed,
                1.0 / (1 + sentence.passage_rank),
                min(1.0, len(sentence.text.split()) / 40),
                float(sentence.opens_section),
                1.0 - passage.place,
            )
        )
    return candidates, np.asarray(rows, dtype=np.float32)


def _share_of_best_form(forms: list[set[str]], found: set[str]) -> float:
    """The largest share of one form's terms in ``found`` (0 with no forms)."""
    return max((len(form & found) / len(form) for form in forms if form), default=0.0)


def query_terms_found(
    retrieval_query: str, topic: str, found: set[str], written_out: Sequence[str] = ()
) -> float:
    """The share of the query's terms that the candidate sentences use.

    The retrieval query is the ``topic`` with the glossary's other forms added ("their personal
    advisers (PA; PAs)", `retrieval.hybrid.HybridRetriever.expand`); those are alternatives, not
    more to find: a sentence saying "personal advisers" answers it fully, though it never says
    "PA". So the share is the better of the topic's own words and the whole expanded query.
    """
    forms = (terms(retrieval_query), terms(topic), *(terms(variant) for variant in written_out))
    return _share_of_best_form([words for words in forms if words], found)


def answerability_features(
    candidates: list[_Sentence],
    scores: np.ndarray,
    features: np.ndarray,
    passages: list[Passage],
    retrieval_query: str,
    topic: str = "",
    written_out: Sequence[str] = (),
) -> np.ndarray:
    """Question-level evidence (rows as `ranker.ANSWERABILITY_FEATURES`).

    Terms are those of the glossary-expanded query, so "RHIs" is found as "return home
    interviews"; ``topic`` is what was expanded, ``written_out`` its other forms
    (`query_terms_found`).
    """
    best = int(np.argmax(scores))
    found = set().union(*(s.terms for s in candidates)) if candidates else set()
    return np.asarray(
        [
            float(1.0 / (1.0 + np.exp(-scores[best]))),
            float(features[:, 0].max()),
            float(features[best, 1]),
            query_terms_found(retrieval_query, topic, found, written_out),
            float(max(p.dense for p in passages)),
            float(features[:, 3].max()),
            float(len({p.report_id for p in passages}) == 1),
        ],
        dtype=np.float32,
    )


def _has_evidence(
    candidates: list[_Sentence], topic_size: int, min_similarity: float, strong_similarity: float
) -> bool:
    """Some sentence is real evidence: close in meaning and sharing the question's terms.

    A sentence very close in meaning (``strong_similarity``) counts alone; a reasonably
    close one (``min_similarity``) must share half the question's terms; a sentence
    under a heading that names the whole topic, or with every topic word, counts too.
    """
    for s in candidates:
        if s.in_section >= 0.99:
            return True
        if s.typed and (s.coverage >= 0.5 or s.cosine >= min_similarity - 0.1):
            return True
        if s.coverage >= 0.99 and topic_size >= 2 and s.cosine >= min_similarity - 0.1:
            return True
        if s.cosine >= strong_similarity or (
            s.cosine >= min_similarity and (s.coverage >= 0.5 or s.overlap >= 0.5)
        ):
            return True
    return False


def with_antecedent(sentence: _Sentence, passage: Passage) -> tuple[str, int]:
    """The quote and its start: a sentence that leans on the one before ("Despite this, …")
    is quoted together with it, as one verbatim slice of the passage."""
    if not _LEANS_ON_BEFORE.match(sentence.text):
        return sentence.text, sentence.start
    before = passage.text[: sentence.start]
    unit_start = before.rfind("\n\n") + 2 if "\n\n" in before else 0
    spans = split_sentences(passage.text[unit_start : sentence.start])
    if not spans:
        return sentence.text, sentence.start
    start = unit_start + spans[-1][0]
    start += len(passage.text[start:]) - len(passage.text[start:].lstrip())
    return passage.text[start : sentence.start + len(sentence.text)], start


def _overlaps_chosen(
    sentence: _Sentence,
    quote: str,
    start: int,
    chosen: list[_Sentence],
    quotes: dict[int, tuple[str, int]],
    passage_text: str,
) -> bool:
    """Whether a quote shares text with one already chosen from the same passage. A sentence
    quoted with its antecedent ("However, …" with the sentence before) and that antecedent on
    its own would say the same words twice, so the earlier quote grows to take in both (one
    verbatim slice of the passage), keeping its place."""
    end = start + len(quote)
    for other in chosen:
        if other.passage_rank != sentence.passage_rank:
            continue
        other_quote, other_start = quotes[id(other)]
        other_end = other_start + len(other_quote)
        if start < other_end and other_start < end:
            joined_start, joined_end = min(start, other_start), max(end, other_end)
            quotes[id(other)] = passage_text[joined_start:joined_end], joined_start
            return True
    return False


def extractive_answer(
    question: str,
    retrieval_query: str,
    passages: list[Passage],
    query_vector: np.ndarray,
    embed_model,
    min_similarity: float,
    strong_similarity: float,
    topic: str = "",
    templates: frozenset[str] = frozenset(),
    ranker: Ranker | None = None,
    shortcomings_first: bool = False,
    known_to_speak_of_it: bool = False,
    written_out: Sequence[str] = (),
) -> Answer:
    """Quote the best sentences (by the fitted ranker), or abstain when none is real evidence.

    ``known_to_speak_of_it``: the caller knows the passages' report is about the topic (a visit
    whose own focus line names it), so the fitted guess at whether they answer is not needed.
    ``written_out``: the topic's other forms (`retrieval.glossary.written_out`)."""
    ranker = ranker or load_ranker()
    candidates, features = candidate_sentences(
        question,
        retrieval_query,
        passages,
        query_vector,
        embed_model,
        topic,
        templates,
        written_out=written_out,
    )
    if not candidates:
        return abstain_answer(question, passages)
    scores = ranker.score(features)
    comparable = ranker.comparable(scores)
    if ranker.answerability is not None:  # the fitted question-level model
        question_features = answerability_features(
            candidates, scores, features, passages, retrieval_query, topic, written_out
        )
        confidence = ranker.answerable(question_features)
        # Not one word of the question (or its glossary forms) in any candidate sentence: whatever
        # the scores, the passages are about something else ("What is Ofsted's budget?").
        evidence = confidence >= 0.5 and question_features[_QUERY_FOUND] > 0
        if known_to_speak_of_it and question_features[_QUERY_FOUND] > 0:
            evidence, confidence = True, max(confidence, 0.5)
    else:
        topic_size = len(terms(topic or topic_of(question)))
        evidence = _has_evidence(candidates, topic_size, min_similarity, strong_similarity)
        confidence = float(comparable.max())
    if not evidence:
        return abstain_answer(question, passages)
    for sentence, score, level in zip(candidates, scores, comparable):
        sentence.score = float(score)
        sentence.level = float(level)
    best = max(s.level for s in candidates)
    chosen: list[_Sentence] = []
    quotes: dict[int, tuple[str, int]] = {}  # id(sentence) -> its quote and where it starts
    per_passage: dict[int, int] = {}

    # Findings first; what inspectors looked at or how (`is_method`), and the items of the list of
    # what needs to improve (they name a topic, "The quality of return home interviews", but say
    # nothing found about it), only after them: findings, then those items, then method. For a
    # question about shortcomings ("What are the main concerns about care leavers?"), findings
    # worded as a shortcoming come first.
    def tier(s: _Sentence) -> int:
        if s.method:
            return 2
        listed = _lists_improvements(passages[s.passage_rank])
        return int(listed or (shortcomings_first and not is_critical(s.text)))

    tiers = {id(s): tier(s) for s in candidates}
    ranked = sorted(candidates, key=lambda s: (tiers[id(s)], -s.score, s.passage_rank, s.start))
    for sentence in ranked:
        if len(chosen) >= MAX_QUOTES:
            break
        # Asked for shortcomings, one on the topic is quoted though a finding of praise scores
        # higher: the best of all would otherwise set the bar ("why was it only RI?").
        asked_for = shortcomings_first and tiers[id(sentence)] == 0 and ranker.calibrated
        if sentence.level < ranker.keep_ratio * best and not (
            asked_for and on_topic(sentence, sentence.level)
        ):
            continue
        if per_passage.get(sentence.passage_rank, 0) >= MAX_PER_PASSAGE:
            continue
        quote, start = with_antecedent(sentence, passages[sentence.passage_rank])
        if _overlaps_chosen(sentence, quote, start, chosen, quotes, passages[sentence.passage_rank].text):
            continue
        per_passage[sentence.passage_rank] = per_passage.get(sentence.passage_rank, 0) + 1
        chosen.append(sentence)
        quotes[id(sentence)] = quote, start

    # Group by report (the report of the best sentence first), best sentence first within each.
    report_order: list[str] = []
    for sentence in chosen:
        rid = passages[sentence.passage_rank].report_id
        if rid not in report_order:
            report_order.append(rid)
    ordered = sorted(
        chosen,
        key=lambda s: (report_order.index(passages[s.passage_rank].report_id), tiers[id(s)], -s.score),
    )
    citations: list[Citation] = []
    for n, sentence in enumerate(ordered, 1):
        passage = passages[sentence.passage_rank]
        quote, start = quotes[id(sentence)]
        citations.append(citation_from_passage(n, quote, passage, start, sentence.cosine))
    answer = Answer(
        question=question, text=render_extractive(question, citations), citations=citations, abstained=False
    )
    answer.confidence = confidence
    return answer


def render_extractive(question: str, citations: list[Citation]) -> str:
    reports = len({c.report for c in citations})
    quotes = len(citations)
    lead = (
        f"What the reports say ({quotes} quote{'s' if quotes != 1 else ''} from "
        f"{reports} report{'s' if reports != 1 else ''}):"
    )
    lines = [lead]
    current = None
    for c in citations:
        if c.report != current:
            current = c.report
            lines.append("")
            lines.append(f"**{c.title}** — {human_date(c.date)}")
        lines.append(f"- “{' '.join(c.quote.split())}” [{c.n}]")  # a table row's breaks would end the item
    return "\n".join(lines)
