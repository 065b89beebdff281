"""Words no report uses: read as the near-spelling the reports use, or as the phrase an
abbreviation stands for where a report writes it out."""

from __future__ import annotations

from retrieval.vocabulary import respelt, spelt_out

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


def test_an_abbreviation_is_found_written_out_as_capitalised_words_with_its_initials():
    texts = ["Staff praise the No Wrong Door hubs.", "the Multi-Agency Safeguarding Hub works well"]
    assert spelt_out("NWD", texts) == "No Wrong Door"
    assert spelt_out("MASH", texts) == "Multi-Agency Safeguarding Hub"
    assert spelt_out("DCS", ["the Director of Children’s Services"]) == "Director of Children’s Services"
    assert spelt_out("NWD", ["no wrong door"]) == ""  # not written as a name
    assert spelt_out("Kickback", texts) == ""  # a word, not an abbreviation
    assert spelt_out("AI", ["Lead inspector: Amanda Ingram"]) == ""  # two capitals: as often a name
