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

import re

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


def out_of_remit(question: str) -> str:
    """Why the reports cannot answer ``question`` because of what Ofsted inspects, or ""."""
    if _ADULT_SERVICES.search(question) and not _CHILDREN.search(question):
        return ADULT_SOCIAL_CARE
    return ""


# Questions asking for a figure of a kind that most reports never state: a sum of money (5 of
# the 315 reports print a "£"), a percentage or rate. Such a question is answered from the
# reports it names only when they state one at all; otherwise the answer would quote a
# sentence about the same subject without the figure asked for.
_ASKS_FOR_MONEY = re.compile(
    r"\bhow much (money|funding|cash)\b|"
    r"\bhow much\b[^?]{0,60}\b(paid|cost|costs|costing|spend|spent|spending|budget|overspen\w*|invest\w*)\b|"
    r"\bhow much\b(?!\s+(attention|heed|notice|regard|time|effort))[^?]{0,60}\bpay(ing)?\b|"
    r"\b(salar(y|ies)|wages?|pay (rise|scale|grade)s?|overspen\w*|underspen\w*|budget deficit)\b|"
    r"\bhow (big|large)\b[^?]{0,40}\b(budget|overspend|deficit|funding)\b",
    re.IGNORECASE,
)
_STATES_MONEY = re.compile(r"£\s?\d|\b\d[\d,.]*\s?(million|billion|bn)\b|\bpounds\b", re.IGNORECASE)
_ASKS_FOR_A_RATE = re.compile(
    r"\bwhat\s+(percentage|per\s?cent)\b|\bper\s10,?000\b|"
    r"\bwhat\s+(was|is|were|are)\b[^?]{0,50}\b(vacancy|turnover|sickness|absence|agency)\s+rates?\b",
    re.IGNORECASE,
)
_STATES_A_RATE = re.compile(r"\d\s?%|\bper\s?cent\b|\bper\s10,?000\b", re.IGNORECASE)


def figure_not_stated(question: str, texts: list[str]) -> str:
    """The kind of figure ``question`` asks for ("sums of money", "percentages or rates") when
    none of ``texts`` (the passages of the reports it names) states one; else ""."""
    if _ASKS_FOR_MONEY.search(question) and not any(_STATES_MONEY.search(t) for t in texts):
        return "sums of money"
    if _ASKS_FOR_A_RATE.search(question) and not any(_STATES_A_RATE.search(t) for t in texts):
        return "percentages or rates"
    return ""
