"""The part of a question that picks reports: council, year or month, report type, "latest".

"What did the 2024 Croydon inspection say about care leavers?" is about care leavers; the
rest chooses one report. Those words are read here into a `Scope` and turned into the set
of indexed reports they name, which retrieval then uses as a hard filter: quotes come only
from the reports the question names, by construction rather than by a ranking bonus.

Council names are matched against the indexed authorities and their aliases
(``retrieval/local_authorities.json``); a near miss ("Croydn") is taken as the closest
indexed council and said so. A council that exists but has no indexed report, or one
outside England (Ofsted inspects English councils only), is recognised so the answer can
say exactly that instead of quoting another council.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from itertools import pairwise

from rapidfuzz import fuzz, process

from indexing.authorities import KnownAuthority, known_authorities, norm_name
from indexing.metadata import MONTH_NAME, MONTH_NUMBERS
from retrieval.filters import Filters, latest_per_authority

# A misspelt council name is accepted when it is this close (rapidfuzz ratio, 0-100) to one
# indexed name and to no other; a rule about spelling, not a fitted weight.
FUZZY_MIN = 86
_MONTH = "|".join(sorted((m.capitalize() for m in MONTH_NUMBERS), key=len, reverse=True))  # longest first
# "since the 2017 inspection", "after it was judged inadequate in 2018": a year the question
# measures from, not the report it asks about.
_SINCE_YEAR = re.compile(
    # Not "looked-after children … in 2018" nor "looked after kids …, 2019 inspection" (looking
    # after names no time), nor "in their first year after qualifying at the 2021 visit" (after
    # an event, not a report).
    r"(?<![\w-])(since|(?<!look )(?<!looks )(?<!looked )(?<!looking )after(?!\s+\w+ing\b)|following|"
    # ... "how did inspectors compare it with the 2018 inspection?"
    r"compared (?:with|to)|compar(?:e|es|ing) (?:it|them|this|that|things|services) (?:with|to|against)|"
    r"than)\b"
    r"[^.?!;]{0,50}?\b(20[0-3]\d)\b",
    re.IGNORECASE,
)
# "which issues from the 2019 inspection still hadn't been sorted?": what a later report says of
# that inspection's findings, measured from it
_STILL_FROM_YEAR = re.compile(
    r"\b(?:from|at|in|raised at|identified (?:at|in|by)|found (?:at|in|by))\s+"
    r"(?:the\s+)?(?P<year>20[0-3]\d)\s+"
    r"(?:full\s+|ILACS\s+|focused\s+|ofsted\s+)?(?:inspection|visit|report)\b[^?]{0,40}\bstill\b",
    re.IGNORECASE,
)
# "… and (the) 2018 focused visit", "… or 2019": a further year joined to one measured from.
_JOINED_YEAR = re.compile(
    r"(?:\s+(?:full |focused |monitoring |ILACS |ofsted )?(?:inspection|visit|report|letter)s?)?"
    r"\s*,?\s*(?:\band\b|\bor\b)\s*(?:the\s+|its\s+|their\s+)?(20[0-3]\d)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(
    r"\b(?<!since )(?<!before )(?<!after )(?<!prior to )(?<!until )(20[0-3]\d)\b", re.IGNORECASE
)
_ADVICE = re.compile(
    # "anything for Sunderland to work on after the 2021 inspection?": that inspection's advice
    r"\b(should|must|ought to|do next|next steps|recommend\w*|advi[cs]e\w*|"
    r"(anything|things?|areas?|points?)\s+(for\s+[\w'’ ]{1,25}?\s+)?to (work on|improve|fix)|"
    # "what did Ofsted say Rotherham still needs to improve after its summer 2022 inspection?"
    r"(?P<needs>(still\s+)?(needs?|needed)\s+to\s+(improve|work on|fix|address)\b(?![^?]*\bsince\b)))\b",
    re.IGNORECASE,
)
_ACTED_ON = re.compile(
    r"\b(sort\w*|fix\w*|tackl\w*|do about|did about|progress\w*|dealt with|deal with|"
    r"(did|has|have) \w+ address)\b",
    re.IGNORECASE,
)
# "what priority actions did Ofsted set for X after the 2019 focused visit?": what that visit set
# (not "has Barnsley made progress on the areas for improvement since the 2018 inspection?")
_SET_AFTER = re.compile(
    r"\b(priority actions?|areas? for (improvement|development)|(did|does|has|had) (ofsted|inspectors|the "
    r"(inspection|visit|report|letter)) (set|ask for|want|require))\b(?![^?]*\bsince\b)"
    r"(?!.*\b(progress\w*|tackl\w*|address\w*|improved|fixed|sorted|met|resolved)\b)",
    re.IGNORECASE,
)
# "Which councils …?", "Any LAs rated …?", "Name a council that …": a question across councils.
ACROSS_COUNCILS = re.compile(
    r"^\s*((which|what|list|name|any|(are|were) there any|did any|how many|(show|give|tell) me)"
    r"( the| a| any| some| a list of| all)?)\s+"
    r"(councils?|local authorities|local authority|authorit(y|ies)|las?)\b",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(20[0-3]\d)\b", re.IGNORECASE)
# "How many children were on child protection plans at 31 December 2017?": the day a figure is
# counted at, which the report after it states ("At 31 December 2017, 89 children …"), not the
# date of a report.
_DATA_DATE = re.compile(
    rf"\b(?:as\s+)?at\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\.?\s+"
    r"(?P<year>20[0-3]\d)\b",
    re.IGNORECASE,
)


_A_FIGURE_ASKED = re.compile(
    r"\bhow many\b|\bnumber of\b|\bwhat (percentage|proportion|rate)\b", re.IGNORECASE
)


def data_date(question: str) -> tuple[int, int] | None:
    """(year, month) of the day a figure is asked at ("… at 31 December 2019?"), or None."""
    found = _DATA_DATE.search(question)
    return (int(found.group("year")), MONTH_NUMBERS[found.group("month").lower()]) if found else None


# "Gloucestershire summer 2025", "late 2019": a part of a year, which tells a council's two reports
# of one year apart (an inspection in June, a focused visit in February).
SEASON_MONTHS = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "autumn": (9, 10, 11),
    "fall": (9, 10, 11),
    "winter": (12, 1, 2),
    "early": (1, 2, 3, 4),
    "mid": (5, 6, 7, 8),
    "late": (9, 10, 11, 12),
}
_SEASON_YEAR = re.compile(
    rf"\b({'|'.join(SEASON_MONTHS)}|end|start|beginning)(?:-|\s+(?:of\s+)?)(20[0-3]\d)\b(?!\s*[-–/]\s*\d)",
    re.IGNORECASE,
)
_SEASON_OF = {"end": "late", "start": "early", "beginning": "early"}  # "at the end of 2018"
# "what did Sheffield get last time Ofsted came?", "… the last time they were inspected": the
# latest visit, not the one before a report the conversation is on ("how did they do last time?").
THEY_CAME = (
    r"[^?.,;]{0,30}?\b(came|come|visited|went|go|been|inspected|looked|called|were in|was in|"
    r"turned up|dropped in)\b"
)
LAST_TIME_THEY_CAME = rf"\blast time\b{THEY_CAME}"
# "the covid-era visit in 2020", "the remote inspection": a report named by when or how it was
# done, which names no topic
REPORT_BY_HOW_DONE = (
    r"\b(covid(-19)?|pandemic|lockdown|remote|virtual)([\s-](era|time|period))?\s+"
    r"(?P<report_done>((focused|monitoring)\s+)?(visit|inspection|report|letter|one)s?)\b"
)
# Words for the present, which the newest report speaks for: "how are PAs doing at the moment?"
PRESENT = r"currently|these\s+days|nowadays|at\s+the\s+moment|at\s+present|today"
_LATEST = re.compile(
    rf"\b(latest|most recent|newest|current|now|{PRESENT}"
    r"|last (ofsted|inspection|visit|report|letter|focused visit|full inspection|ilacs|ofsted inspection)"
    # "when was Leeds last inspected?", "when was the last time Ofsted went in?"
    r"|last (fully )?(inspected|visited|graded|rated|judged)|the last time)\b"
    rf"|{LAST_TIME_THEY_CAME}",
    re.IGNORECASE,
)
_SINCE_THE_LAST = re.compile(
    r"\bsince (the|their|its|our)\s+(last|latest|most recent)\s+((full|ILACS|ofsted|focused|monitoring)\s+)?"
    r"(inspection|visit|report|ofsted)\b",
    re.IGNORECASE,
)
TYPE_WORDS = {
    "focused visit": re.compile(r"\bfocus(s)?ed[- ]visits?\b|\bFVs?\b", re.IGNORECASE),
    "monitoring visit": re.compile(r"\bmonitoring[- ]visits?\b", re.IGNORECASE),
    "joint targeted area inspection": re.compile(r"\bJTAIs?\b|\bjoint targeted\b", re.IGNORECASE),
    "full inspection": re.compile(
        # "when was central beds last fully inspected?"
        r"\b(ILACS|SIF|full inspection|single inspection|standard inspection|short inspection|"
        r"fully inspected)\b",
        re.IGNORECASE,
    ),
}
# "What did the JTAI of Nottingham find about …?": the kind of report is the one asked about, so
# a council without one has no report to quote. Not "what did the visit say about the JTAI?",
# where a report speaks of another.
_FINDINGS_OF_A_KIND = re.compile(
    # the kind is the question's subject: right after its asking words ("What did the …", "How
    # did Nottingham's …"), not "What has Wiltshire done since the JTAI found …"
    r"\b(what|how)\s+(did|does|do|has|have|had)\s+(the|its|their|an?|[\w-]+['’]s?)\s+([\w'’-]+\s+){0,3}?"
    rf"({'|'.join(p.pattern for p in TYPE_WORDS.values())})"
    r"[^?]{0,60}?\b(find|found|say|said|conclude|concluded|report|reported|judge|judged|rate|rated|show|showed)\b",
    re.IGNORECASE,
)
# A follow-up about the report after the one the conversation was about.
_NEXT_REPORT = re.compile(
    r"\b(next|following|subsequent|later) (full |ILACS |focused )?(inspection|visit|report|one|letter)\b"
    # Not "the chats they have with children when they come back": the present names no visit.
    r"|\b(came|went) back\b|\bafter (that|it|this|then)\b"
    # "did they sort out the caseloads afterwards?" (not "do they get a return home interview afterwards?")
    r"|\b(sort\w*|fix\w*|improv\w*|address\w*|tackl\w*|resolv\w*|better|chang\w*)\b[^?]{0,40}\bafterwards\b"
    r"|\b(the|a) year (after|later)\b|\ba year on\b"
    # "was there a follow up?", "the follow-up visit" (not "did they follow up on …")
    r"|\b(a|the) follow[- ]?up( visit| inspection)?\b(?! (on|with|to|of)\b)",
    re.IGNORECASE,
)
# "has that been sorted since then?", "has it turned around since?": the report after the one the
# conversation was on, where it was on one and a later one exists.
# "and did that last?", "has it held up?": whether a finding held, which the next report says.
_SINCE_THEN = re.compile(
    r"\bsince (then|that( time)?)\b|\bsince\W*$"
    # "was that picked up again later?"
    r"|\b(again\s+)?later( on)?\W*$"
    r"|\b(did|has|have) (it|that|this|they) (last|lasted|stick|stuck|hold|held)( up)?\W*$",
    re.IGNORECASE,
)
# "why did it drop?" once the conversation has gone back to the report before: a change from
# that report to the later one, which only the later report explains.
_WHY_IT_CHANGED = re.compile(
    r"\bwhy\b[^?]{0,30}\b(drop(ped)?|f[ae]ll|go(ne)? down|went down|declined?|slip(ped)?|worse|"
    r"deteriorated?|improved?|go(ne)? up|went up|better|change[ds]?)\b",
    re.IGNORECASE,
)
_HOW_LONG = re.compile(r"\bhow (long|many)\b", re.IGNORECASE)
# "inadequate in 2019 - how did the next inspection go?": placed against the year named before it.
# Not "when children came back in 2022" nor "after that": those name no report.
_NEXT_NAMED = re.compile(
    r"\b(next|following|subsequent) (full |ILACS |focused )?(inspection|visit|report|one)\b", re.IGNORECASE
)
# A follow-up about the report before it: "and the one before that?", "what did the previous one say?"
# Not "its last inspection before that" nor "the previous inspection": a report states its
# predecessor's grade under those names (`answering.fact_answers`, the "previous" fact).
# "was that a problem before too?", "were care leavers a weak spot before that?": whether what the
# report found held at the one before, which that report says. Not "was that any better than the
# inspection before?" nor "was it worse before that?": a comparison, which the report asked about
# makes itself.
_HELD_BEFORE = re.compile(
    r"^\W*(and\s+)?(was|were|had|did)\b((?!\b(than|worse|better|improv\w*|different|higher|lower|same)\b)[^?])"
    r"{0,60}\b(problems?|issues?|concerns?|weak\w*|flagged|raised|highlighted|criticis\w*|worr\w*|the case|"
    r"strengths?|a strength)\b[^?]{0,30}\b(before|previously)( too| as well| that| then)?\s*(\?|$)",
    re.IGNORECASE,
)
_PREVIOUS_REPORT = re.compile(
    # (not "had they improved since the previous one?", which measures from it)
    r"\b(ones?|visits?|time) (before|prior to|preceding) (that|it|this|then)\b"
    # "and before that?" alone
    r"|^\W*(and\s+|what about\s+|how about\s+)*(before|prior to) (that|then)\W*$"
    r"|(?<!since the )\b(previous|earlier|prior) ones?\b"
    # "and the one before?", "what about the inspection before?"
    # (not "was that any better than the inspection before?": measured against it)
    r"|(?<!than )\bthe (ones?|visits?|inspections?|reports?|time) before\W*$"
    # "and the full inspection before that?" (not "its last inspection before that"): when no
    # report before it is indexed, the one asked about states the grade it was given then
    r"|(?P<stated>(?<!than )\bthe (full |ILACS |focused )?(visits?|inspections?|reports?) "
    r"(before|prior to|preceding) (that|it|this|then)\b"
    # "what did the previous full inspection say about that?": that report's own findings on a
    # topic (not "last", which as often means the latest)
    r"|\b(?<!since the )(previous|earlier|prior)\s+(full\s+|ILACS\s+|focused\s+)?(inspection|visit|report)\s+"
    r"(say|said|find|found|note|noted|make|made|conclude|concluded|report|reported|mention|mentioned)\s+"
    r"(about|on|of|regarding)\b"
    # "how did they do last time?" (not "since last time", nor "the last time", which is the latest)
    rf"|(?<!since )(?<!the )\blast time\b(?!{THEY_CAME}))",
    re.IGNORECASE,
)
# "the 2023 inspection" names a full inspection unless nothing but a visit matches.
_SOFT_INSPECTION = re.compile(r"\binspections?\b(?! of (?:local|services))", re.IGNORECASE)
# "What's Bromley's latest Ofsted rating?": only a full inspection rates a council's services.
_ASKS_A_RATING = re.compile(r"\b(rating|ratings|rated|grade[ds]?|graded|grading|judge?ments?)\b", re.I)
# "How did Kent do at their last Ofsted?": how the council was judged at its latest inspection
# (not "… at their last visit", which names the kind).
_HOW_DID_THEY_DO = re.compile(
    r"\bhow (did|do|does|has|have)\b[^?]{0,40}\b(do|done|fare|fared|get on|got on|perform|performed)\b"
    r"|\bwhat (did|does|do)\b[^?]{0,30}\bget\b",
    re.I,
)
_COMPARES = re.compile(r"\bcompar\w*\s+(to|with|against)\b", re.IGNORECASE)
# "the 2022 inspection" (not "the 2022 focused visit", nor "JTAI inspection"): a year's inspection
_INSPECTION_OF_A_YEAR = re.compile(r"\b(19|20)\d\d\s+(ofsted\s+)?inspection\b", re.IGNORECASE)
# Years set against each other: "barnsley 2018 vs 2021 - what changed?", "better in 2023 than in 2018?"
# ("between 2018 and 2022" is a span of time, not two years set against each other)
_SETS_AGAINST = re.compile(r"\bvs\.?(?!\w)|\bversus\b|\bcompar\w*\b|\bthan\b", re.I)
# "what did the earliest Barnsley report we have say?", "its first inspection": the oldest indexed
# (not "the first visit after the inspection", which is placed against another report)
_EARLIEST = re.compile(
    r"(?<!since )(?<!after )(?<!following )(?<!since the )(?<!since its )(?<!since their )"
    r"((earliest|oldest)\s+([\w’'-]+\s+){0,4}?(report|inspection|visit|letter|one)"
    # "first" only of a report named as one ("were first visits to children timely?" is none)
    r"|((?<=the )|(?<=its )|(?<=their )|(?<=['’]s ))first\s+((full|focused|ofsted|ILACS|SIF|monitoring)\s+)*"
    r"(report|inspection|visit|letter))s?\b(?!\s+(after|since|following)\b)",
    re.IGNORECASE,
)
# A year's report set beside the latest: "between its 2022 inspection and the latest one", "its 2019
# inspection compared with the latest one"; not "the gap between current practice and the model".
_BESIDE_THE_LATEST = re.compile(
    r"\b(between|from)\b[^?]{0,60}\b(and|to)\s+(the\s+|its\s+|their\s+)?(latest|most recent|newest|last)\b"
    r"|\bcompar\w*\s+(with|to|against)\s+(the\s+|its\s+|their\s+)?(latest|most recent|newest|last)\b",
    re.IGNORECASE,
)
_REFERS_BACK = re.compile(r"\b(previous|prior|before|earlier|preceding)\b", re.IGNORECASE)
# "the most recent visit" names no kind: not the full inspection an earlier question asked about.
_ANY_VISIT = re.compile(r"\bvisits?\b", re.IGNORECASE)
# "and the next one?": one of the kind asked about before ("came back", "after that": any kind).
_SAME_KIND = re.compile(r"\bones?\b", re.IGNORECASE)
_STOP_CAPITALISED = {
    "what", "which", "who", "when", "where", "how", "does", "did", "ofsted", "inspectors", "inspection",
    "the", "and", "children", "council", "social", "care", "services", "local", "authority", "good",
    "inadequate", "outstanding", "requires", "improvement", "focused", "visit", "leavers", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
}  # fmt: skip


@dataclass(frozen=True)
class Scope:
    """What a question (with its conversation) says about which reports it means."""

    authorities: tuple[str, ...] = ()  # indexed authority names, as stored
    years: tuple[int, ...] = ()
    month: tuple[int, int] | None = None  # (year, month) when a month is named (a season: its first)
    season: str = ""  # "summer" when a part of the year is named, with ``month`` its first month
    types: tuple[str, ...] = ()
    asked_types: tuple[str, ...] = ()  # the kinds this question names itself (``types`` may be inherited)
    findings_of_a_kind: bool = False  # "what did the JTAI find?": asked of that kind of report
    refers_back: bool = False  # "its previous full inspection": maybe one that a report speaks of
    compares: bool = False  # "how does that compare to 2019?": the year asked about before, and 2019
    sets_years_against: bool = False  # "2018 vs 2021": each year must have its report
    prefers_full_inspection: bool = False
    latest: bool = False
    earliest: bool = False  # "what did the earliest report say?": the oldest one
    # "between the inadequate inspection in 2022 and the latest one": the year's reports and the latest
    latest_besides: bool = False
    after_year: int = 0  # "since 2018": reports published after that year
    published: bool = False  # "reports published in 2025": the year of publication only
    after_date: int = 0  # "at the next inspection": the first report after this date_ord (yyyymmdd)
    before_date: int = 0  # "and the one before that?": the last report before this date_ord
    same_kind: bool = False  # "and the next one?": of the kind asked about before
    any_kind: bool = False  # "the most recent visit": whatever kind of report it was
    near_years: tuple[int, ...] = ()  # "What about Merton's?" after a 2024 question: Merton's nearest
    across_councils: bool = False  # "Which councils …?": never inherits an earlier council
    not_indexed: tuple[str, ...] = ()  # named councils with no indexed report
    outside_england: tuple[tuple[str, str], ...] = ()  # (council, nation)
    corrections: tuple[tuple[str, str], ...] = ()  # (as typed, taken as)

    @property
    def empty(self) -> bool:
        return not (
            self.authorities
            or self.years
            or self.types
            or self.latest
            or self.earliest
            or self.month
            or self.after_year
            or self.after_date
            or self.before_date
        )

    @property
    def at_an_end(self) -> bool:
        """Names the newest or the oldest report, its own time rather than the earlier one's."""
        return self.latest or self.earliest

    @property
    def relative(self) -> bool:
        """Placed against the report asked about before ("the next one", "the one before that"):
        the earlier year, month and "latest" no longer say which report is meant."""
        return bool(self.after_date or self.before_date)

    @property
    def own_kind(self) -> bool:
        """Says which kind of report it means, or that any kind will do, rather than leaving the
        kind to the question before."""
        return self.prefers_full_inspection or self.any_kind or (bool(self.after_date) and not self.same_kind)

    @property
    def names_missing_council(self) -> bool:
        return bool((self.not_indexed or self.outside_england) and not self.authorities)

    def inherit(self, earlier: Scope) -> Scope:
        """A follow-up keeps the earlier council, year and type unless it names its own.

        Naming another council asks the same of that council: its years are not the earlier
        council's, so it gets that council's report of the same kind nearest in time (unless the
        follow-up names its own time). Naming another kind of report ("and the full inspection
        that summer?") leaves the earlier month, which picked the earlier report, behind.
        A follow-up to a question on a council with no indexed report ("who inspected them?"
        after "what was Bolton's last grade?") is still about that council, which still has no
        report: it is not a question about every council.
        """
        if earlier.names_missing_council and not (
            self.authorities or self.names_missing_council or self.across_councils
        ):
            return replace(self, not_indexed=earlier.not_indexed, outside_england=earlier.outside_england)
        if earlier.empty or self.names_missing_council or self.across_councils:
            return self
        if self.authorities and set(self.authorities) != set(earlier.authorities):
            if self.years or self.month or self.at_an_end or self.after_year or self.relative:
                return self
            when = earlier.years or earlier.near_years or ((earlier.month[0],) if earlier.month else ())
            return replace(
                self,
                near_years=when,
                types=self.types or earlier.types,
                prefers_full_inspection=self.prefers_full_inspection
                or (earlier.prefers_full_inspection and not self.types),
                latest=earlier.latest,
                earliest=earlier.earliest,
            )
        month = self.month or (
            None if (self.years or self.at_an_end or self.relative or self.types) else earlier.month
        )
        return replace(
            self,
            authorities=self.authorities or earlier.authorities,
            years=tuple(sorted({*self.years, *earlier.years}))
            if self.compares and self.years and not self.month
            else self.years
            or ((() if self.at_an_end or self.relative else earlier.years) if not self.month else ()),
            month=month,
            season=self.season if self.month else earlier.season if month else "",
            # the next report may be of any kind unless it is "the next one"; "the one before
            # that" is one of the same kind; "the latest inspection" after a question about a
            # focused visit is a full inspection, and "the latest visit" after one about an
            # inspection is of any kind
            types=self.types or (() if self.own_kind else earlier.types),
            prefers_full_inspection=self.prefers_full_inspection
            or (earlier.prefers_full_inspection and not self.types and not self.own_kind),
            latest=self.latest
            or (earlier.latest and not (self.years or self.month or self.relative or self.earliest)),
            earliest=self.earliest
            or (earlier.earliest and not (self.years or self.month or self.relative or self.latest)),
            after_year=self.after_year
            or (0 if (self.years or self.month or self.relative) else earlier.after_year),
            published=self.published or (earlier.published and not (self.years or self.month)),
            # "who led it?" after "and the one before that?" is still about that report
            after_date=self.after_date
            or (
                0 if (self.years or self.month or self.at_an_end or self.before_date) else earlier.after_date
            ),
            before_date=self.before_date
            or (
                0 if (self.years or self.month or self.at_an_end or self.after_date) else earlier.before_date
            ),
            near_years=()
            if (self.years or self.month or self.at_an_end or self.relative)
            else earlier.near_years,
        )


def longest_names(words: Sequence[str], is_name: Callable[[str], bool], longest: int) -> list[str]:
    """The names in ``words`` (runs of at most ``longest`` words, joined by spaces, that
    ``is_name`` accepts), left to right, the longest at each word: "bath and north east somerset",
    not "somerset". Looked up run by run, not matched with a pattern of every name, which at
    thousands of names took longer than the rest of an answer."""
    found, at = [], 0
    while at < len(words):
        for length in range(min(longest, len(words) - at), 0, -1):
            key = " ".join(words[at : at + length])
            if is_name(key):
                found.append(key)
                at += length
                break
        else:
            at += 1
    return found


class AuthorityIndex:
    """Names people use for the indexed councils, for finding them in a question."""

    def __init__(
        self,
        indexed: set[str],
        ordinary: frozenset[str] = frozenset(),
        vocabulary: frozenset[str] = frozenset(),
    ) -> None:
        """``ordinary``: one-word council names the reports also use as ordinary lower-case words
        ("reading"); in a question with capitals they count only when capitalised.
        ``vocabulary``: every word the reports use, lower-cased; a lower-case word outside it
        may be a council misspelt ("wilthsire"), as people type in a chat."""
        self.indexed = sorted(a for a in indexed if a)
        self.ordinary = ordinary
        self.vocabulary = vocabulary
        by_norm = {norm_name(a): a for a in self.indexed}
        self._indexed_by_norm = by_norm  # normalised once: there may be thousands of councils
        self.names: dict[str, str] = dict(by_norm)  # normalised alias -> indexed name
        self.elsewhere: dict[str, KnownAuthority] = {}  # normalised alias -> council not indexed
        for known in known_authorities():
            target = next((by_norm[norm_name(n)] for n in known.aliases if norm_name(n) in by_norm), None)
            for alias in known.aliases:
                key = norm_name(alias)
                if not key:
                    continue
                if target:
                    self.names.setdefault(key, target)
                elif key not in by_norm:
                    self.elsewhere.setdefault(key, known)
        self._longest = max((len(key.split()) for key in [*self.names, *self.elsewhere]), default=0)

    def _named(self, text: str) -> list[str]:
        """The names (keys of ``names`` or ``elsewhere``) in ``text``, a `norm_name` of a
        question, left to right, the longest at each word ("bath and north east somerset",
        not "somerset"). Word sequences looked up, not a pattern with every name in it: with
        thousands of councils or providers indexed, such a pattern took longer to match than
        the rest of an answer."""
        return longest_names(
            text.split(), lambda key: key in self.names or key in self.elsewhere, self._longest
        )

    def find(self, question: str) -> tuple[list[str], list[KnownAuthority], list[tuple[str, str]]]:
        """Indexed councils named, known councils named but not indexed, and spelling fixes."""
        text = norm_name(question)
        found: list[str] = []
        missing: list[KnownAuthority] = []
        if self._longest:
            cased = question != question.lower()
            for key in self._named(text):
                written = rf"\b({re.escape(key.capitalize())}|{re.escape(key.upper())})\b"
                if cased and key in self.ordinary and not re.search(written, question):
                    continue  # "after reading the report" is not Reading
                if key in self.names:
                    if self.names[key] not in found:
                        found.append(self.names[key])
                elif self.elsewhere[key] not in missing:
                    missing.append(self.elsewhere[key])
        corrections: list[tuple[str, str]] = []
        # A council abolished since is read as those that took over its services ("Bournemouth"
        # is Bournemouth, Christchurch and Poole now), said with the answer like a misspelling.
        for known in list(missing):
            successors = self._successors(known)
            if successors:
                missing.remove(known)
                for successor in successors:
                    corrections.append((known.name, successor))
                    if successor not in found:
                        found.append(successor)
        if not found and not missing:
            corrections = self._near_misses(question)
            found = [taken for _, taken in corrections]
        return found, missing, corrections

    def names_used(self, question: str) -> str:
        """The council names and aliases as the question writes them, misspelt ones included,
        so that other code can tell them from topic words ("kirklees ofsted rating")."""
        return " ".join(self.names_in(question))

    def names_in(self, question: str) -> list[str]:
        """`names_used`, one name each."""
        if not self._longest:
            return []
        exact = self._named(norm_name(question))
        return exact or [typed for typed, _ in self._near_misses(question)]

    def _near_misses(self, question: str) -> list[tuple[str, str]]:
        """Capitalised words (or pairs) that are a near-spelling of one indexed council, and
        lower-case ones (or pairs) that no report uses ("wilthsire", "waltham forrest")."""
        # each capitalised word, and each pair of them ("Waltham Forrest"): a pair alone would hide
        # a misspelt name behind the word before it ("Has Oxforshire improved?")
        capitalised = list(re.finditer(r"\b[A-Z][a-z’'-]+", question))
        words = [m.group() for m in capitalised] + [
            f"{a.group()} {b.group()}"
            for a, b in pairwise(capitalised)
            if not question[a.end() : b.start()].strip()
        ]
        if self.vocabulary:
            lower = re.findall(r"\b[a-z][a-z’'-]*", question)
            unknown = {w for w in lower if w not in self.vocabulary and len(w) >= 5}
            pairs = [" ".join(lower[i : i + 2]) for i in range(len(lower) - 1)]
            words += [
                candidate
                for candidate in sorted(unknown) + pairs
                if unknown & set(candidate.split()) and not _STOP_CAPITALISED & set(candidate.split())
            ]
        fixes = []
        for word in words:
            if word.lower() in _STOP_CAPITALISED or len(word) < 5:
                continue
            taken = self._closest(word, self._indexed_by_norm)
            if not taken and self.vocabulary and not set(word.lower().split()) <= self.vocabulary:
                # a word no report uses may be an everyday name misspelt ("Bournmouth")
                taken = self._closest(word, self._everyday_names)
            # once per council: "waltham forrest" and "forrest" are one fix
            if taken and taken not in (t for _, t in fixes):
                fixes.append((word, taken))
        return fixes

    def _successors(self, known: KnownAuthority) -> list[str]:
        """The indexed councils that took over an abolished council's services."""
        return [by for by in known.succeeded_by if by in self.indexed]

    @staticmethod
    def _closest(word: str, choices: dict[str, str]) -> str:
        """The one council whose names come within `FUZZY_MIN` of ``word``; "" for none or several."""
        close = process.extract(
            norm_name(word), list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=None
        )
        councils = {choices[key] for key, _, _ in close}
        if not councils:
            # two letters typed the wrong way round ("slouhg"), which the ratio scores as two
            # edits: one slip of the fingers, in a name short enough to fall under the cut-off
            typed = norm_name(word)
            swapped = (typed[:i] + typed[i + 1] + typed[i] + typed[i + 2 :] for i in range(len(typed) - 1))
            councils = {choices[key] for key in swapped if key in choices}
        return councils.pop() if len(councils) == 1 else ""

    @cached_property
    def _everyday_names(self) -> dict[str, str]:
        """Every name of an indexed council (aliases, and councils it took over from, such as
        Bournemouth) mapped to it, where the name stands for that council alone."""
        names = {key: council for key, council in self.names.items() if len(key) >= 5}
        for key, known in self.elsewhere.items():
            successors = self._successors(known)
            if len(successors) == 1 and len(key) >= 5:
                names[key] = successors[0]
        return names


# "Hull was inadequate in 2019 - has it got any better since?", "Hillingdon was requires
# improvement in its 2014 inspection - how are they doing in the latest one?": a grade stated
# for a year, then a question about what came after it. The year is where it is measured from.
_STATED_THEN = re.compile(
    r"^(?P<head>[^?]*?\b(20[0-3]\d)\b[^?]*?)(\s[-–—]\s|[.;:]\s|,\s(?=(but|so|and|how|has|is|are|what)\b))"
    r"(?P<tail>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_GRADE_WORD = r"\b(?:outstanding|good|inadequate|requires? improvement)\b"
_GRADE_STATED = re.compile(rf"\b(was|were|had been)\b[^?]{{0,60}}{_GRADE_WORD}", re.IGNORECASE)
# ... or a finding stated of it: "Hampshire's 2023 focused visit said IRO workloads were too high
# - was that sorted by the 2024 inspection?", "In 2018 Ofsted said Darlington hadn't evaluated its
# early help. What did the 2022 report say about early help?"
_FINDING_STATED = re.compile(
    r"\b(said|says|found|flagged|raised|wanted|criticised|noted|highlighted|identified|reported|"
    r"relied|looked at|judged|rated|graded|had|was|were|wasn['’]t|weren['’]t|hadn['’]t"
    # ... or something that happened then: "Bradford's trust took over in 2023 - what did the
    # 2025 inspection conclude?"
    r"|took over|took|became|began|started|joined|left|launched|introduced|appointed|set up|merged"
    # ... or a grade's move: "Knowsley slipped from RI in 2021 to inadequate - what does the latest
    # report blame?"
    r"|slipped|slid|dropped|fell|fallen|declined|deteriorated|improved|rose|risen)\b",
    re.IGNORECASE,
)
# "… dealt with by the 2025 inspection?", "how was the MASH doing by 2023?": the time a state is
# asked at; any other year the question names is what it is measured from.
_BY_YEAR = re.compile(
    rf"\bby (?:the (?:time of the )?|its |their )?(?:(?:early|late|mid|spring|summer|autumn|winter|"
    rf"end of|start of|{MONTH_NAME})\s+)?(20[0-3]\d)\b"
    # ... naming a report: not "planned to cut caseloads by 2020", a target, not a time asked about
    r"(?=\s+(?:full |focused |monitoring |ILACS |ofsted )?(?:inspection|visit|report|letter|one)\b)",
    re.IGNORECASE,
)
# ... stated, not asked: "What was Kent rated in 2019 – and now?" asks about 2019 too.
_ASKED = re.compile(r"^\W*(what|how|was|were|is|are|did|does|has|had|which|who|when|why)\b", re.IGNORECASE)
_AFTER_IT = re.compile(rf"\bsince\b|\b(latest|most recent|newest|now|{PRESENT})\b", re.I)


# "Newham went from good in 2022 to what at its most recent inspection?"
_WENT_FROM = re.compile(
    r"\b(went|gone|go|goes|moved?|come|came)\s+from\s+(an?\s+)?(outstanding|good|inadequate|requires?\s+"
    r"improvement)\b[^?]{0,30}?\b(20[0-3]\d)\b",
    re.IGNORECASE,
)


def _years_in(text: str) -> set[int]:
    """Every year ``text`` names, whatever words lead to it."""
    return {int(year) for year in re.findall(r"\b(20[0-3]\d)\b", text)}


def graded_then(question: str) -> set[int]:
    """The years of a grade or finding the question states before asking what came after it:
    since then, now, or at a later year it names ("Solihull was judged inadequate at the end of
    2022. Where had it got to by the inspection published in January 2026?"); and the years
    before the one a question asks a state "by" ("were the issues raised in 2022 dealt with by
    the 2025 inspection?")."""
    went = _WENT_FROM.search(question)
    if went:
        to = question[went.end() :]  # "… to what at its most recent inspection?", "… to good by 2023?"
        if _AFTER_IT.search(to) or _years_in(to):
            return {int(went.group(4))}
    named = _years_in(question)
    by = {int(m.group(1)) for m in _BY_YEAR.finditer(question)}
    if by and named - by and min(by) > max(named - by):
        return named - by
    stated = _STATED_THEN.match(question.strip())
    if not stated or _ASKED.match(stated.group("head")) or not _FINDING_STATED.search(stated.group("head")):
        return set()  # (a grade stated is a finding: "was good in 2019")
    head, tail = _years_in(stated.group("head")), _years_in(stated.group("tail"))
    grades = {g.lower() for g in re.findall(_GRADE_WORD, stated.group("head"), re.IGNORECASE)}
    if len(head) > 1 and not tail and len(grades) > 1:
        # "swindon was good in 2019 and inadequate in 2023 - what happened?": the later report
        # tells what happened since the earlier one
        return head - {max(head)}
    if not (_AFTER_IT.search(stated.group("tail")) or tail - head):
        return set()
    return head - tail


# "What rating did Sunderland get after the summer 2021 inspection?": what that inspection gave.
# A grade received, not a change: not "did Croydon get better after the 2018 inspection?".
_RESULT_AFTER = re.compile(
    r"\b(rating|grade|judge?ment|verdict|result|outcome)s?\b[^?]{0,30}\b(get|got|gets|given|receive[sd]?|"
    r"awarded|achieved?)\b[^?]{0,20}\bafter (the|its|their)\b"
    r"|\b(get|got|gets|given|receive[sd]?|awarded|achieved?)\s+(an?\s+)?(rating|grade|judge?ment|verdict|"
    r"outstanding|good|inadequate|requires? improvement|RI)\b[^?]{0,20}\bafter (the|its|their)\b",
    re.I,
)


def _since_years(question: str) -> set[int]:
    """Years the question measures from ("since 2018"), not the reports it asks about. "What
    should York do after the 2023 focused visit?" asks for that visit's advice, and "what did
    it get after the 2021 inspection?" for that inspection's grade."""
    advice = _ADVICE.search(question)
    # ... not "did Barnsley sort out what it needed to improve after the 2018 inspection?"
    if advice and advice.group("needs") and _ACTED_ON.search(question):
        advice = None
    if advice or _SET_AFTER.search(question) or _RESULT_AFTER.search(question):
        return set()
    years = set()
    for match in _SINCE_YEAR.finditer(question):
        years.add(int(match.group(2)))
        # "since the 2014 inspection and 2018 focused visit": each year the phrase goes on to join
        rest = question[match.end() :]
        while joined := _JOINED_YEAR.match(rest):
            years.add(int(joined.group(1)))
            rest = rest[joined.end() :]
    years |= {int(match.group("year")) for match in _STILL_FROM_YEAR.finditer(question)}
    return years


def _after_a_year_of(years: set[int], before: str) -> bool:
    """Whether ``before`` ends with one of ``years`` ("… since the 2014 ", "… and 2018 ")."""
    ending = re.search(r"\b(20[0-3]\d)\s+(?:\w+\s+)?$", before)
    return bool(ending and int(ending.group(1)) in years)


def parse_scope(question: str, authority_index: AuthorityIndex) -> Scope:
    """The scope one question states by itself (see `Scope.inherit` for follow-ups)."""
    found, missing, corrections = authority_index.find(question)
    if _A_FIGURE_ASKED.search(question):  # "… on plans at 31 December 2017?": no report's date
        question = _DATA_DATE.sub(" ", question)
    month, season = None, ""
    month_match = _MONTH_YEAR.search(question)
    season_match = _SEASON_YEAR.search(question)
    if month_match:
        month = (int(month_match.group(2)), MONTH_NUMBERS[month_match.group(1).lower()])
    elif season_match and len({m.group(0).lower() for m in _SEASON_YEAR.finditer(question)}) == 1:
        # one part of a year; "between early 2019 and late 2019" names the year's reports
        season = _SEASON_OF.get(season_match.group(1).lower(), season_match.group(1).lower())
        month = (int(season_match.group(2)), SEASON_MONTHS[season][0])
    stated_then = graded_then(question)  # "inadequate in 2019 – better since?": measured from 2019
    since = _since_years(question) | stated_then
    if month and month[0] in since and (season or month[0] in stated_then):
        # "since the end of 2018" measures from it, and so does "The Feb 2023 visit said … What
        # did the 2024 report say …?"
        month, season = None, ""
    years = tuple(sorted({int(y) for y in _YEAR.findall(question)} - since))
    if month:
        years = tuple(y for y in years if y != month[0])
    # Not a kind of report named only as what the question measures from: "since the 2014
    # inspection and 2018 focused visit" names no focused visit to quote.
    # ... nor the kind in "since their last full inspection", which is measured from
    unmeasured = _SINCE_THE_LAST.sub(" ", question)
    types = tuple(
        t
        for t, pattern in TYPE_WORDS.items()
        if any(not _after_a_year_of(since, unmeasured[: m.start()]) for m in pattern.finditer(unmeasured))
    )
    sets_against = bool(_SETS_AGAINST.search(question))
    if types and "full inspection" not in types and sets_against and _INSPECTION_OF_A_YEAR.search(unmeasured):
        # "2019 focused visit vs 2022 inspection": an inspection set beside the visit is a full one
        types = (*types, "full inspection")
    # "had things got better since their last full inspection?": measured from it, not asking it
    latest = bool(_LATEST.search(unmeasured))
    return Scope(
        authorities=tuple(found),
        years=years,
        month=month,
        season=season,
        types=types,
        asked_types=types,
        findings_of_a_kind=bool(types) and bool(_FINDINGS_OF_A_KIND.search(unmeasured)),
        refers_back=bool(_REFERS_BACK.search(question)),
        compares=bool(_COMPARES.search(question)),
        sets_years_against=len(years) > 1 and sets_against,
        # a grade stated for a year is set against the next report that grades: an inspection;
        # a rating asked for is one only an inspection gives ("Bromley's latest rating")
        prefers_full_inspection=not types
        and bool(
            _SOFT_INSPECTION.search(question)
            or stated_then
            or _ASKS_A_RATING.search(question)
            or (latest and _HOW_DID_THEY_DO.search(question) and not _ANY_VISIT.search(question))
        ),
        any_kind=not types and not _SOFT_INSPECTION.search(question) and bool(_ANY_VISIT.search(question)),
        latest=latest,
        earliest=not latest and bool(_EARLIEST.search(question)),
        latest_besides=bool(_BESIDE_THE_LATEST.search(question) and (years or month)),
        after_year=max(since) if since and not years and not month else 0,
        published=bool(_PUBLISHED_IN.search(question)),
        across_councils=bool(ACROSS_COUNCILS.search(question)),
        not_indexed=tuple(k.name for k in missing if k.nation == "England"),
        outside_england=tuple((k.name, k.nation) for k in missing if k.nation != "England"),
        corrections=tuple(corrections),
    )


# Each record's years and months, by the record's identity: a snapshot keeps its records for
# its lifetime, and a question naming a year but no council reads every report's dates (24,631
# reports at a million passages: 0.4 s a question, worked out again each time before).
_DATES_OF: dict[int, tuple[dict, frozenset[int], frozenset[tuple[int, int]]]] = {}
_DATES_KEPT = 400_000


def _dates_of(record: dict) -> tuple[frozenset[int], frozenset[tuple[int, int]]]:
    entry = _DATES_OF.get(id(record))
    if entry is None or entry[0] is not record:
        years, months = set(), set()
        for key in ("report_date", "visit_start", "visit_end"):
            try:
                d = date.fromisoformat(str(record.get(key) or ""))
            except ValueError:
                value = str(record.get(key) or "")
                if value[:4].isdigit():
                    years.add(int(value[:4]))
                continue
            years.add(d.year)
            months.add((d.year, d.month))
        if len(_DATES_OF) >= _DATES_KEPT:
            _DATES_OF.clear()
        entry = _DATES_OF[id(record)] = (record, frozenset(years), frozenset(months))
    return entry[1], entry[2]


# "reports published in 2025": a report of a visit in November 2025 published in January 2026 is
# not one. Without the word, a year names both (it is when the council was inspected, too).
_PUBLISHED_IN = re.compile(
    r"\b(?:published|publication)\s+(?:(?:date|year)\s+)?(?:in|during|of)\s+(?:19|20)\d\d\b", re.I
)


def _published_years(record: dict) -> frozenset[int]:
    """The year a report was published, alone."""
    published = str(record.get("report_date") or "")[:4]
    return frozenset({int(published)}) if published.isdigit() else report_years(record)


def report_years(record: dict) -> frozenset[int]:
    """The years a report is from: published, and visited."""
    return _dates_of(record)[0]


def _report_months(record: dict) -> frozenset[tuple[int, int]]:
    return _dates_of(record)[1]


def know_report_dates(records: dict[str, dict]) -> None:
    """Work out every report's years and months now (a serving process's warm-up), not on the
    first question that names a year."""
    for record in records.values():
        _dates_of(record)


def _months_named(scope: Scope) -> set[tuple[int, int]]:
    """The (year, month)s the scope's month or part of a year covers; "winter 2023" is December
    2022 to February 2023, and December 2023."""
    if scope.month is None:
        return set()
    year = scope.month[0]
    if not scope.season:
        return {scope.month}
    months = {(year, m) for m in SEASON_MONTHS[scope.season]}
    return months | {(year - 1, 12)} if scope.season == "winter" else months


@dataclass
class ScopedReports:
    """The reports a scope picks, or why it picks none."""

    report_ids: set[str] = field(default_factory=set)
    missing: str = ""  # why nothing matches, in plain words, when the scope named something absent
    missing_years: tuple[int, ...] = ()  # the years named that have no report of the council
    note: str = ""  # a part of the scope that was set aside, said with the answer


def select_reports(scope: Scope, records: dict[str, dict]) -> ScopedReports:
    """Indexed reports within the scope (all reports when the scope is empty)."""
    chosen = {rid: r for rid, r in records.items()}
    if scope.authorities:
        chosen = {rid: r for rid, r in chosen.items() if r.get("local_authority") in scope.authorities}
    of_the_councils = chosen
    council = " or ".join(scope.authorities)
    of_council = f" of {council}" if council else ""
    note = ""
    years = set(scope.years)
    if scope.month or years:
        # Each period named adds its reports: "between its 2015 inspection and the January 2019 one".
        months = _months_named(scope)
        by_month = {rid: r for rid, r in chosen.items() if months & _report_months(r)} if months else {}
        if scope.month and not by_month:  # a visit in late May is published in June: the year decides
            years.add(scope.month[0])
        in_year = _published_years if scope.published else report_years
        in_period = {rid: r for rid, r in chosen.items() if years & in_year(r)} | by_month
        latest_named = max(years, default=0)
        unreported = not any(latest_named in in_year(r) for r in in_period.values())
        if scope.sets_years_against and scope.authorities and unreported and not scope.month:
            # "2018 vs 2021" with no report from 2021: nothing to set the 2018 one against (a
            # missing earlier year is another matter: the later report says how things changed)
            return ScopedReports(missing=f"No indexed report{of_council} is from {latest_named}.")
        if not in_period:
            label = " or ".join(str(y) for y in sorted(years))
            if scope.month and len(years) == 1:
                label = date(scope.month[0], scope.month[1], 1).strftime("%B %Y")
                label = f"{scope.season} {scope.month[0]}" if scope.season else label
            return ScopedReports(
                missing=f"No indexed report{of_council} is from {label}.", missing_years=tuple(sorted(years))
            )
        chosen = in_period
    if scope.after_year:
        # "since the inspection at the end of 2021": the report of a visit in 2021 is where the
        # question measures from, though it was published in 2022.
        later = {rid: r for rid, r in chosen.items() if min(report_years(r) or {0}) > scope.after_year}
        chosen = later or chosen
    if scope.after_date:
        chosen = {rid: r for rid, r in chosen.items() if int(r.get("date_ord") or 0) > scope.after_date}
        if not chosen:
            return ScopedReports(
                missing=f"No indexed report{of_council} is later than the one asked about before."
            )
    if scope.before_date:
        chosen = {rid: r for rid, r in chosen.items() if int(r.get("date_ord") or 0) < scope.before_date}
        if not chosen:
            return ScopedReports(
                missing=f"No indexed report{of_council} is earlier than the one asked about before."
            )
    if scope.types:
        typed = {rid: r for rid, r in chosen.items() if r.get("inspection_type") in scope.types}
        named = " or ".join(scope.types)
        if typed:
            chosen = typed
        elif (
            scope.authorities
            and not scope.refers_back
            # ... or asked what such a report found, with no year named whose reports it may mean
            and (_kinds_it_lacks(scope, records) or (scope.findings_of_a_kind and not years))
        ):
            # "Durham's last full inspection": it has none at all. (Of a year when it has none,
            # the reports of that year are quoted, as below: the year may be the visit's, not
            # the report's; "its full inspection before that" may be one a report speaks of.)
            return ScopedReports(missing=f"No indexed {named} report{of_council} matches.")
        else:  # a question may mention a JTAI or monitoring visit that a report refers to
            note = f"No indexed {named} report{of_council} matches; quoting the other reports in scope."
    elif scope.prefers_full_inspection:
        full = {rid: r for rid, r in chosen.items() if r.get("inspection_type") == "full inspection"}
        chosen = full or chosen
    if scope.near_years:
        chosen = _nearest_in_time(chosen, scope.near_years)
    if scope.before_date:  # the last report before: of the type asked for, when there is one
        chosen = _one_per_council(chosen, max)
    if scope.after_date:  # the first report after: of the type asked for, when there is one
        chosen = _one_per_council(chosen, min)
    if scope.latest and scope.latest_besides and scope.authorities:
        # the latest of the kind the year's report is: "its 2019 inspection … the latest one"
        kinds = {r.get("inspection_type") for r in chosen.values()}
        alike = {rid: r for rid, r in of_the_councils.items() if r.get("inspection_type") in kinds}
        chosen = {**chosen, **_one_per_council(alike, max)}
    elif scope.latest:
        chosen = _one_per_council(chosen, max)
    elif scope.earliest:
        chosen = _one_per_council(chosen, min)
    return ScopedReports(report_ids=set(chosen), note=note)


def _latest_of_any_kind_if_already_there(stated: Scope, earlier: Scope, records: dict[str, dict]) -> Scope:
    """``stated`` read with the conversation's ``earlier`` scope (`Scope.inherit`), where "and at
    the latest one?" keeps the earlier kind of report unless that picks the very report the
    conversation is on: after a question on Stoke's 2018 focused visit, its latest focused visit is
    that one, so the latest report of any kind (its 2022 inspection) is meant."""
    scope = stated.inherit(earlier)
    if not (stated.latest and not stated.types and scope.types and not earlier.empty):
        return scope
    same = select_reports(scope, records).report_ids
    if same and same == select_reports(earlier, records).report_ids:
        return replace(scope, types=())
    return scope


def _kinds_it_lacks(scope: Scope, records: dict[str, dict]) -> set[str]:
    """The kinds of report the question names that the index holds but the councils it names
    have none of, in any year."""
    councils = set(scope.authorities)
    of_councils = {r.get("inspection_type") for r in records.values() if r.get("local_authority") in councils}
    indexed = {r.get("inspection_type") for r in records.values()}
    return set(scope.asked_types) & (indexed - of_councils)


def _nearest_in_time(chosen: dict[str, dict], years: tuple[int, ...]) -> dict[str, dict]:
    """Each council's reports nearest in time to ``years`` (all of them tied for nearest)."""

    def distance(record: dict) -> int:
        return min((abs(a - b) for a in report_years(record) for b in years), default=9999)

    best: dict[str, int] = {}
    for record in chosen.values():
        authority = str(record.get("local_authority", ""))
        best[authority] = min(best.get(authority, 9999), distance(record))
    return {rid: r for rid, r in chosen.items() if distance(r) == best[str(r.get("local_authority", ""))]}


def _one_per_council(chosen: dict[str, dict], pick=max) -> dict[str, dict]:
    """Each council's newest report (``max``) or earliest (``min``) among ``chosen``."""
    kept: dict[str, tuple[int, str]] = {}
    for rid, r in chosen.items():
        key = (int(r.get("date_ord") or 0), rid)
        authority = str(r.get("local_authority", ""))
        kept[authority] = pick(kept.get(authority, key), key)
    return {rid: chosen[rid] for _, rid in kept.values()}


def describe_reports(report_ids: set[str], records: dict[str, dict], limit: int = 6) -> str:
    """'Croydon · full inspection · December 2024' for each report, newest first."""
    rows = sorted(
        (records[r] for r in report_ids if r in records), key=lambda r: -int(r.get("date_ord") or 0)
    )
    parts = []
    for record in rows[:limit]:
        try:
            when = date.fromisoformat(str(record.get("report_date"))).strftime("%B %Y")
        except ValueError:
            when = "undated"
        parts.append(
            f"{record.get('local_authority', '?')} · {record.get('inspection_type', 'report')} · {when}"
        )
    if len(rows) > limit:
        parts.append(f"and {len(rows) - limit} more")
    return "; ".join(parts)


@dataclass
class ScopeDecision:
    """Which reports a question may quote, how to say so, or why it cannot be answered."""

    filters: Filters
    description: str = ""  # "Croydon · full inspection · December 2024" when the question named reports
    message: str = ""  # set when nothing may be quoted: the plain reason
    kind: str = ""  # "empty-index", "filters", "scope" (what the message is about)
    corrections: str = ""  # "Taking “Croydn” as Croydon."
    councils: tuple[str, ...] = ()  # the councils the conversation names
    # "same for Plymouth" after a question on York's 2023 visit: Plymouth's report nearest in
    # time is chosen, and these are all its reports of that kind, for when that one never
    # speaks of the topic (the time was York's, not asked of Plymouth).
    wider: Filters | None = None
    # "and the inspection before?": the newest question moved to the report before the one
    # the conversation was on, so "what were they rated then?" asks for this report's grade.
    placed_before: bool = False
    # "and the one before?" where no earlier report is indexed: the report(s) the conversation
    # was on, whose own line on the inspection before may still answer it
    asked_before: tuple[str, ...] = ()
    # "how was Rochdale graded in 2018?" where no 2018 report is indexed: later
    # reports of the council may state what it judged
    missing_years: tuple[int, ...] = ()


def _filters_label(filters: Filters) -> str:
    parts = [
        *(f"council {v}" for v in filters.local_authority),
        *(f"type {v}" for v in filters.inspection_type),
        *(f"report {v}" for v in filters.report_id),
    ]
    if filters.date_from:
        parts.append(f"from {filters.date_from}")
    if filters.date_to:
        parts.append(f"to {filters.date_to}")
    if filters.latest_per_authority:
        parts.append("latest report per council only")
    return ", ".join(parts) or "none"


# "and 2 years before?", "what about the year before that?": a year counted back from the report
# asked about before.
_YEARS_BACK = re.compile(
    r"\b(?:(?P<n>\d|one|two|three|four|five|six|a couple of)\s+years?|(?:the|a) year)\s+"
    r"(before|earlier|prior|previously)\b",
    re.IGNORECASE,
)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a couple of": 2}


def _years_back(question: str, earlier: Scope, records: dict[str, dict]) -> tuple[int, ...]:
    """The year "2 years before" means: counted back from the year of the report the
    conversation was on (the newest of them); () when the question counts back no years."""
    match = _YEARS_BACK.search(question)
    if match is None or earlier.empty:
        return ()
    count = match.group("n")
    back = 1 if count is None else int(count) if count.isdigit() else _COUNT_WORDS[count.lower()]
    before = select_reports(earlier, records).report_ids
    years = [max(report_years(records[rid]) or {0}) for rid in before]
    return (max(years) - back,) if years and max(years) else ()


def _placed_against(question: str, stated: Scope, earlier: Scope, records: dict[str, dict]) -> Scope:
    """``stated`` placed against another report: "and the one before that?" and "at the next
    inspection" against the report asked about before; "inadequate in 2019 – how did the next
    inspection go?" against the report of the year named ahead of it (or that year's end when
    the council has no report from it)."""
    counted_back = () if stated.years or stated.month else _years_back(question, earlier, records)
    if counted_back:
        return replace(stated, years=counted_back)
    held_before = _HELD_BEFORE.search(question)
    earlier_one = _PREVIOUS_REPORT.search(question) or held_before
    relative = earlier_one or _NEXT_REPORT.search(question)
    # Not "how long did it last?": how long the visit took
    since = None if relative or _HOW_LONG.search(question) else _SINCE_THEN.search(question)
    if not (relative or since) and earlier.before_date and (why := _WHY_IT_CHANGED.search(question)):
        since = why
    if since and not (stated.years or stated.month or earlier.empty):
        before = select_reports(earlier, records).report_ids
        if len(before) == 1:
            (report,) = (records[rid] for rid in before)
            date = int(report.get("date_ord") or 0)
            # The next report of the same kind (a full inspection looks at everything a full
            # inspection looked at before), else the next of any kind.
            kind = str(report.get("inspection_type") or "")
            for types in ((kind,) if kind else (), ()):
                later = replace(stated, after_date=date, types=types, any_kind=not types)
                if select_reports(later.inherit(earlier), records).report_ids:
                    return later
        return stated
    if not relative or stated.month:
        return stated
    stated = replace(stated, same_kind=bool(_SAME_KIND.search(relative.group(0))))
    # Only "next": "improved by 2018 compared with its previous one" is about the 2018 report.
    named_next = _NEXT_NAMED.search(question)
    anchor_years = tuple(y for y in stated.years if named_next and question.find(str(y)) < named_next.start())
    if anchor_years and (stated.authorities or earlier.authorities):
        anchor = replace(stated, years=anchor_years, after_year=0).inherit(earlier)
        dates = [int(records[r].get("date_ord") or 0) for r in select_reports(anchor, records).report_ids]
        if not dates:  # no report from that year: its end is the point in time
            dates = [max(anchor_years) * 10000 + 1231]
        stated = replace(stated, years=tuple(y for y in stated.years if y not in anchor_years))
    elif stated.years or earlier.empty:
        return stated
    else:
        dates = [int(records[r].get("date_ord") or 0) for r in select_reports(earlier, records).report_ids]
    if dates and earlier_one:  # "and the one before that?"
        before = replace(stated, before_date=min(dates))
        # ... where none is indexed, the report asked about states what it was then
        stated_then = held_before or earlier_one.group("stated")
        if stated_then and not select_reports(before.inherit(earlier), records).report_ids:
            return stated
        return before
    if dates:  # "at the next inspection": the first report after the one asked about
        return replace(stated, after_date=max(dates))
    return stated


# "Who were the inspectors on that visit?", "what did it look at?": the report the answer before
# was about, when the question names none of its own.
_POINTS_BACK = re.compile(r"\b(that|this|the same) (visit|inspection|report|letter|one)\b", re.I)
# ... not "was that one any different from the other reports?", "in all of them"
_ACROSS_REPORTS = re.compile(r"\b(other|any|all|every|each|earlier|first|compare\w*|both)\b", re.I)


def decide_scope(
    questions: list[str],
    filters: Filters,
    records: dict[str, dict],
    authority_index: AuthorityIndex,
    last_quoted: Callable[[dict[str, dict]], set[str]] | None = None,
) -> ScopeDecision:
    """The reports a conversation's newest question may quote from (``questions`` oldest first).

    The filters a user set and the scope the question states both apply; the scope becomes
    a hard report filter, so nothing from another council or year can be quoted.
    ``last_quoted``: of the given reports, those the conversation's last answer quoted. A
    follow-up pointing back at "that visit" without naming a report means the one(s) of them
    the answer was about, when the conversation's scope holds more.
    """
    if not records:
        return ScopeDecision(
            filters,
            message="No reports are indexed yet, so there is nothing to quote. Add reports with "
            "`reportqa index FOLDER` or on the Reports tab.",
            kind="empty-index",
        )
    allowed = (
        set(records)
        if filters.empty
        else {rid for rid, r in records.items() if filters.matches({**r, "report_id": rid}, None)}
    )
    if filters.latest_per_authority:
        allowed &= latest_per_authority(records)
    if not allowed:
        return ScopeDecision(
            filters,
            message=f"No indexed report matches the filters you set ({_filters_label(filters)}). "
            "Clear or widen the filters and ask again.",
            kind="filters",
        )
    scope = stated = Scope()
    for question in questions:
        stated = _placed_against(question, parse_scope(question, authority_index), scope, records)
        scope = _latest_of_any_kind_if_already_there(stated, scope, records)
    corrections = " ".join(f"Taking “{typed}” as {taken}." for typed, taken in scope.corrections)
    if scope.names_missing_council:
        named = [*scope.not_indexed, *(name for name, _ in scope.outside_england)]
        message = f"No report of {' or '.join(named)} is indexed, so the reports can't answer this."
        for name, nation in scope.outside_england:
            message += f" Ofsted inspects children's services of councils in England; {name} is in {nation}."
        return ScopeDecision(filters, message=message, kind="scope")
    if scope.empty:
        return ScopeDecision(filters, corrections=corrections)
    selected = select_reports(scope, records)
    if selected.missing:
        same_council = {
            rid for rid, r in records.items() if r.get("local_authority") in set(scope.authorities)
        }
        message = selected.missing
        if same_council:
            message += (
                f" Indexed for {' and '.join(scope.authorities)}: {describe_reports(same_council, records)}."
            )
        asked_before: tuple[str, ...] = ()
        if stated.before_date and len(questions) > 1:
            on = decide_scope(questions[:-1], filters, records, authority_index, last_quoted)
            asked_before = on.filters.report_id if not on.message else ()
        return ScopeDecision(
            filters,
            message=message,
            kind="scope",
            corrections=corrections,
            councils=scope.authorities,
            asked_before=asked_before,
            missing_years=selected.missing_years,
        )
    chosen = selected.report_ids & allowed
    own = parse_scope(questions[-1], authority_index)
    points_back = _POINTS_BACK.search(questions[-1]) and not _ACROSS_REPORTS.search(questions[-1])
    points_back = points_back and not (own.authorities or own.years or own.month)
    if points_back and not (own.latest or own.relative or own.after_year) and last_quoted and len(chosen) > 1:
        chosen = last_quoted({rid: records[rid] for rid in chosen}) or chosen
    if not chosen:
        return ScopeDecision(
            filters,
            message=f"The question asks about {describe_reports(selected.report_ids, records)}, but the "
            f"filters you set ({_filters_label(filters)}) exclude it. Clear the filters and ask again.",
            kind="filters",
            corrections=corrections,
        )
    if not scope.authorities and not scope.latest and len(chosen) > 12:
        # "reports from 2023" across every council: a date window, not a list of reports.
        description = "; ".join(filter(None, [" or ".join(map(str, scope.years)), " or ".join(scope.types)]))
    else:
        description = describe_reports(chosen, records)
    corrections = " ".join(filter(None, [corrections, selected.note]))
    wider: set[str] = set()
    if scope.near_years:
        wider = select_reports(replace(scope, near_years=()), records).report_ids & allowed
    return ScopeDecision(
        Filters(report_id=tuple(sorted(chosen))),
        description=description,
        corrections=corrections,
        councils=scope.authorities,
        wider=Filters(report_id=tuple(sorted(wider))) if len(wider) > len(chosen) else None,
        placed_before=bool(stated.before_date),
    )
