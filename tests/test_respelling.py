"""Topic words no report uses, read as the near-spelling the reports do use."""

from __future__ import annotations

from retrieval.vocabulary import respelt

WORDS = frozenset(
    ["supervision", "homeless", "anything", "groomed", "children", "exploitation", "workers", "worker"]
)


def test_a_word_no_report_uses_becomes_its_one_near_spelling():
    assert respelt("anything on supervison?", WORDS) == "anything on supervision?"
    assert respelt("homless teenagers", WORDS) == "homeless teenagers"


def test_words_the_reports_use_names_and_words_far_from_any_are_left_as_typed():
    assert respelt("children's workers", WORDS) == "children's workers"
    assert respelt("Supervison at Kirklees", WORDS) == "Supervison at Kirklees"  # capitalised: maybe a name
    assert respelt("groomers", WORDS) == "groomers"  # not near enough to "groomed"
    assert respelt("workerz", frozenset({"workers", "worked"})) == "workerz"  # two equally near
