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
