"""Words no report uses: read as the near-spelling the reports use, as the phrase an
abbreviation stands for where a report writes it out, or as the reports' word for an everyday
one."""

from __future__ import annotations

from reportqa.settings import Settings
from retrieval.vocabulary import in_the_reports_words, load_everyday_words, respelt, spelt_out

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


def test_an_everyday_word_is_searched_as_the_reports_word_for_it():
    everyday = load_everyday_words(str(Settings().everyday_words_file))
    words = frozenset(["fathers", "children", "excluded", "electively", "home", "educated", "police"])
    assert in_the_reports_words("do they involve dads?", words, everyday) == "do they involve fathers?"
    assert (
        in_the_reports_words("have any children in care been expelled?", words, everyday)
        == "have any children in care been excluded?"
    )
    assert in_the_reports_words("Home-schooled kids", words, everyday) == "electively home educated kids"
    # Words that are not everyday forms, and everyday words whose forms no passage uses, stay.
    assert in_the_reports_words("dads and the cops", frozenset(["police"]), everyday) == "dads and the police"
    assert in_the_reports_words("Dadswell's kidsafe scheme", words, everyday) == "Dadswell's kidsafe scheme"
    # A capitalised everyday word after the first is a name: "the Mums Matter project".
    assert in_the_reports_words("Is the Mums Matter project for dads?", words, everyday) == (
        "Is the Mums Matter project for fathers?"
    )
