"""Follow-up questions turned into standalone ones.

With an LLM configured, the condense prompt does this. Without one, a documented
heuristic: a question that looks like a follow-up — it starts with a connective
("and", "what about", "how about", "also"), leans on a pronoun with no topic of its own
("that", "it", "this", "they", "those"), or is very short — is read together with the
previous standalone question, so retrieval sees both the old topic and the new one.
"""

from __future__ import annotations

import re

from answering.citations import human_date
from indexing.metadata import MONTH_NUMBERS

_CONNECTIVE = re.compile(
    # after a chat's interjection: "ok and bedford's 2025 one?", "right, and in 2024?"
    r"^((ok(ay)?|right|so|well|thanks|cool|great|hmm+|yes|no)\b[,.!]?\s+)*"
    r"(and|but|also|what about|how about|and what about|same for|then|or)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(that|it|this|they|them|those|these|there|same)\b", re.IGNORECASE)
# Words by which a follow-up points back at the earlier question's topic.
_LEANS_BACK = re.compile(
    r"\b(that|it|this|they|them|those|these|same|things?|still|further)\b", re.IGNORECASE
)
# "did they (also) say anything about agency staff?": "they" are the inspectors and "it" the report, who
# said something; neither points back at the earlier question's topic.
_ADVERB = r"(?:(?:also|ever|actually|really|even)\s+)?"
_SAYER = re.compile(
    rf"\b(did|do|does|have|has|had)\s+(they|it)\s+{_ADVERB}(say|find|mention|note|write|comment|report|"
    r"raise|flag|pick up|talk|cover|look)\b|"
    rf"\b(they|it)\s+{_ADVERB}(said|found|mentioned|noted|wrote|reported|raised|flagged|picked up|talked|"
    r"covered|looked)\b",
    re.IGNORECASE,
)


def leans_back(question: str) -> bool:
    """Whether the question points back at what was asked before ("what about that?", "is it
    still a problem?"), not counting the inspectors or report who said something."""
    return _LEANS_BACK.search(_SAYER.sub(" ", question)) is not None


_CONTENT = re.compile(r"[A-Za-z]{4,}")
# Words that carry no topic of their own in a follow-up: question scaffolding ...
_SCAFFOLDING = {
    "what", "about", "that", "this", "those", "these", "they", "them", "there", "same", "does", "did",
    "said", "say", "says", "also", "then", "visit", "report", "inspection", "inspectors", "with",
    "from", "question", "questions",
}  # fmt: skip
# ... and words asking how the earlier topic went ("did things get better by 2024?").
_HOW_IT_WENT = {
    "things", "thing", "better", "worse", "still", "issue", "issues", "problem", "problems", "when",
    "made", "make", "time", "ofsted", "focused", "improve", "improved", "improvement", "change", "before",
    "changed", "progress", "since", "again", "next", "later", "earlier", "previous", "latest", "find",
    "found", "come", "came", "back", "have", "were", "anything", "more", "less", "went", "gone", "going",
    "return", "returned", "visited", "picture", "situation", "true", "turned", "around", "round", "sorted",
    "fixed", "resolved", "had", "has", "got", "get", "getting", "kept", "stayed", "continue", "continued",
    "continuing", "compare", "compared", "compares", "comparison", "similar", "different", "differ",
}  # fmt: skip
# ... and months, which pick a report as a year does ("when they went back in October 2024").
_MONTHS = set(MONTH_NUMBERS)
# ... and words that move the same question to another council ("and next door in Wiltshire?").
_ELSEWHERE = {
    "door",
    "neighbour",
    "neighbours",
    "neighbouring",
    "nearby",
    "instead",
    "over",
}  # "and over in Rochdale?"
FOLLOW_UP_WORDS = frozenset(_SCAFFOLDING | _HOW_IT_WENT | _ELSEWHERE | _MONTHS)
# Words that say how the earlier topic was judged, not a topic of their own: "any concerns?"
# after a question on care leavers asks for concerns about care leavers.
EVALUATIVE_WORDS = frozenset(
    {
        "concern", "concerns", "worry", "worries", "worrying", "criticism", "criticisms", "strength",
        "strengths", "weakness", "weaknesses", "positive", "positives", "negative", "negatives", "good",
        "bad", "well", "wrong", "poor", "positively", "negatively", "praise", "praised", "worried",
        "unhappy", "happy", "pleased",
    }
)  # fmt: skip

Turn = tuple[str, str]  # (role, text) with role "user" or "assistant"


def turns_from_pairs(pairs: object) -> list[Turn]:
    """A conversation sent by an API client, checked: a list of [role, text] pairs."""
    if pairs is None:
        return []
    problem = "history_pairs must be a list of [role, text] pairs, role 'user' or 'assistant'"
    if not isinstance(pairs, list):
        raise ValueError(problem)
    turns: list[Turn] = []
    for pair in pairs:
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2 and pair[0] in ("user", "assistant")):
            raise ValueError(f"{problem}; got {str(pair)[:80]}")
        if not isinstance(pair[1], str):
            raise ValueError(f"{problem}; the text must be a string, got {str(pair[1])[:80]}")
        turns.append((pair[0], pair[1]))
    return turns


def previous_questions(history: list[Turn] | None, limit: int) -> list[str]:
    """The user's earlier questions, newest last, bounded to ``limit`` turns."""
    return [text for role, text in (history or [])[-2 * limit :] if role == "user"]


def last_answer(history: list[Turn] | None) -> str:
    """The conversation's newest answer; "" before the first."""
    return next((text for role, text in reversed(history or []) if role == "assistant"), "")


def reports_quoted(answer: str, records: dict[str, dict]) -> set[str]:
    """The reports (of ``records``, id -> metadata) an answer quoted: those whose heading line,
    as `answering.extractive.render_extractive` writes it ("**Focused visit to Barnsley
    children's services** — 1 March 2023"), it has."""

    def heading(report_id: str, record: dict) -> str:
        return f"**{record.get('title', report_id)}** — {human_date(str(record.get('report_date', '')))}"

    return {report_id for report_id, record in records.items() if heading(report_id, record) in answer}


def is_follow_up(question: str) -> bool:
    words = question.split()
    topical = [w for w in _CONTENT.findall(question) if w.lower() not in FOLLOW_UP_WORDS]
    if _CONNECTIVE.match(question.strip()):
        return True
    if len(words) <= 3:
        return True
    return bool(_PRONOUN.search(question)) and len(topical) <= 2


def condense_heuristic(question: str, history: list[Turn] | None, limit: int = 6) -> str:
    earlier = previous_questions(history, limit)
    if not earlier or not is_follow_up(question):
        return question
    return f"{question.strip()} (following up on: {earlier[-1].strip()})"
