"""How much of what a plain text search finds `reportqa mentions` finds too.

    python -m evaluation.mentions_check [--sample N]   (REPORTQA_DATA_DIR: an index of the reports)

The reference is deliberately simple and separate from `answering.mentions`: every stored
passage's text is split into words, each word stemmed, and a passage matches a topic when it
holds every stem of the topic or of one of its glossary forms. It reads each passage itself
(no lexical index, no sentence splitting), so it checks the postings lookup, the sentence
split and the glossary forms that `mentions` relies on. Recall is the share of reference
passages among those `mentions` quotes from. The semantic-only mentions of each topic are
counted, and ``--sample`` prints that many at random for a person to judge.
"""

from __future__ import annotations

import argparse
import random
import re

import Stemmer

from answering.mentions import _NOT_TOPIC
from reportqa.assistant import Assistant

TOPICS = (
    "supervision",
    "CAMHS",
    "care leavers",
    "private fostering",
    "return home interviews",
    "caseloads",
    "agency staff",
    "personal advisers",
    "exploitation",
    "domestic abuse",
    "pathway plans",
    "LADO",
    "unaccompanied asylum-seeking children",
    "MASH",
    "disabled children",
    "family group conferences",
    "early help",
    "homeless 16- and 17-year-olds",
    "staying put",
    "corporate parenting",
)
_STEMMER = Stemmer.Stemmer("english")


def _stems(text: str) -> set[str]:
    return {_STEMMER.stemWord(w) for w in re.findall(r"\w\w+", text.lower())}


def reference_rows(texts: list[str], topic: str, glossary: dict) -> set[int]:
    """Passages holding every stem of the topic or of a glossary form of it."""
    from retrieval.glossary import abbreviations, expansions

    forms = [_stems(form) - _NOT_TOPIC for form in [topic, *expansions(topic, abbreviations(glossary))]]
    forms = [f for f in forms if f]
    return {
        row for row, text in enumerate(texts) if (words := _stems(text)) and any(f <= words for f in forms)
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sample", type=int, default=0, help="print this many semantic-only mentions to judge"
    )
    args = parser.parse_args()
    assistant = Assistant()
    snap = assistant.retriever.snapshot()
    row_of = snap.row_of
    print(f"{len(snap.ids)} passages, {len(snap.records)} reports\n")
    print(f"{'topic':40} {'reference':>9} {'found':>6} {'recall':>7} {'by meaning only':>16}")
    total_ref = total_found = 0
    meaning_only = []
    for topic in TOPICS:
        expected = reference_rows(snap.texts, topic, assistant.retriever.glossary)
        result = assistant.mentions(topic)
        rows = {row_of[c.chunk_id] for c in result.passages if result.how[c.n] == "text"}
        hit = len(expected & rows)
        total_ref, total_found = total_ref + len(expected), total_found + hit
        meaning_only += [(topic, c) for c in result.passages if result.how[c.n] == "meaning"]
        recall = hit / len(expected) if expected else 1.0
        print(f"{topic:40} {len(expected):9} {hit:6} {recall:7.3f} {result.in_meaning:16}")
    print(f"\n{'all topics':40} {total_ref:9} {total_found:6} {total_found / max(1, total_ref):7.3f}")
    for topic, c in random.Random(0).sample(meaning_only, min(args.sample, len(meaning_only))):
        print(f"\n[{topic}] {c.citation_line}\n  {c.quote}")


if __name__ == "__main__":
    main()
