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
    r"\b(child|children|childhood|young\s+(people|person|adults?)|care\s+leavers?|teenagers?|"
    r"transitions?|moving\s+(on|in|into|to)|move\s+(on|in|into|to)|youth|under\s+18|1[6-8])\b",
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
