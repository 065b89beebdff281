"""Terms of art found by meaning (`retrieval.concepts`), with the real embedding model."""

from __future__ import annotations

import json

import numpy as np

from reportqa.settings import Settings
from retrieval.concepts import Concepts
from retrieval.glossary import expand_query


def _vector(embed_model, text: str) -> np.ndarray:
    return np.asarray(embed_model.get_query_embedding(text), dtype=np.float32)


def test_an_everyday_description_finds_the_term_the_reports_use(embed_model):
    settings = Settings()
    concepts = Concepts(settings.concepts_file, settings.concept_threshold)
    asked = "Can young people carry on living with their foster family once they turn 18?"
    assert concepts.matching(asked, _vector(embed_model, asked), embed_model)[0] == "staying put"
    away = "Is anything done to bring children in care who live miles away back closer to home?"
    assert "placed at a distance" in concepts.matching(away, _vector(embed_model, away), embed_model)
    # A question with nothing of the kind adds nothing.
    assert (
        concepts.matching(
            "weather", _vector(embed_model, "What is the weather forecast tomorrow?"), embed_model
        )
        == []
    )


def test_terms_are_added_to_the_search_not_to_the_question(embed_model, tmp_path):
    concepts_file = tmp_path / "concepts.json"
    concepts_file.write_text(
        json.dumps(
            {"_comment": "x", "young carers; caring for a parent": ["children who look after a parent"]}
        ),
        encoding="utf-8",
    )
    # 0.5: the int8 model's cosine for this pair is 0.598 on one CPU and above 0.6 on another
    concepts = Concepts(concepts_file, 0.5)
    question = "Do children who look after a sick parent get help?"
    found = concepts.matching(question, _vector(embed_model, question), embed_model)
    assert found == ["young carers", "caring for a parent"]
    assert expand_query(question, {}, found) == f"{question} (young carers; caring for a parent)"
    # a term the question already uses is not added again
    assert expand_query("young carers", {}, found) == "young carers (caring for a parent)"
    # no file, no terms: retrieval goes on without them
    assert (
        Concepts(tmp_path / "missing.json", 0.6).matching(
            question, _vector(embed_model, question), embed_model
        )
        == []
    )


def test_a_question_already_using_the_term_gets_none_of_its_other_names(embed_model, tmp_path):
    concepts_file = tmp_path / "concepts.json"
    concepts_file.write_text(
        json.dumps(
            {"management oversight; supervision": ["managers checking and guiding social workers' work"]}
        ),
        encoding="utf-8",
    )
    concepts = Concepts(concepts_file, 0.3)
    everyday = "Do managers check social workers' work?"
    assert concepts.matching(everyday, _vector(embed_model, everyday), embed_model) == [
        "management oversight",
        "supervision",
    ]
    termed = "How good is supervision of social workers?"
    assert concepts.matching(termed, _vector(embed_model, termed), embed_model) == []


def test_a_question_naming_a_term_gets_no_other_term_it_is_less_close_to(embed_model, tmp_path):
    """ "support for young carers" is about young carers, not the care leavers' terms whose
    everyday descriptions read like it; a question closer to another term's description than to
    the term it names still gets that term."""
    concepts_file = tmp_path / "concepts.json"
    concepts_file.write_text(
        json.dumps(
            {
                "young carers": ["children who look after a parent"],
                "local offer for care leavers": ["the support young people get once they leave care"],
            }
        ),
        encoding="utf-8",
    )
    concepts = Concepts(concepts_file, 0.2)
    named = "support for young carers"
    assert concepts.matching(named, _vector(embed_model, named), embed_model) == []
    everyday = "what support do young people get once they leave care?"
    assert "local offer for care leavers" in concepts.matching(
        everyday, _vector(embed_model, everyday), embed_model
    )


def test_an_abbreviation_typed_in_lower_case_is_expanded_as_in_capitals():
    """ "and neet numbers?" finds what "NEET" finds; "send" stays a verb where the reports write
    it in lower case, and words that are no abbreviation are left alone."""
    from retrieval.glossary import abbreviations_in_capitals

    glossary = {"NEET": ("not in education, employment or training",), "SEND": ("special educational needs",)}
    glossary |= {"IRO": ("independent reviewing officer",)}
    reports_write = frozenset({"send", "numbers", "and"})
    assert abbreviations_in_capitals("and neet numbers", glossary, reports_write) == "and NEET numbers"
    assert abbreviations_in_capitals("any iros?", glossary, reports_write) == "any IROs?"
    assert abbreviations_in_capitals("did they send it", glossary, reports_write) == "did they send it"
    assert expand_query(abbreviations_in_capitals("neet", glossary, reports_write), glossary) == (
        "NEET (not in education, employment or training)"
    )
