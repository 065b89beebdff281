"""Evaluation metrics on hand-computed examples, QA file errors, and the baseline diff."""

from __future__ import annotations

import json

import pytest

from evaluation.metrics import aggregate, compare, hit_rank
from evaluation.qa_file import QAFileError, load_qa


def _row(
    id_, rank=None, abstained=False, expect_abstain=False, tags=("t",), latency=0.1, quotes=2, verbatim=2
):
    return {
        "id": id_,
        "question": f"q {id_}",
        "hit_rank": rank,
        "abstained": abstained,
        "expect_abstain": expect_abstain,
        "tags": list(tags),
        "latency_s": latency,
        "quotes": quotes,
        "quotes_verbatim": verbatim,
        "evidence_chars": 100,
    }


def test_hit_rank_normalises_case_space_and_quotes():
    citations = [
        {"passage": "Nothing here.", "report": "a.pdf", "title": "A"},
        {"passage": "The council’s  ambition\nis clear.", "report": "b.pdf", "title": "B"},
    ]
    assert hit_rank(citations, ["the COUNCIL'S ambition is clear"]) == 2
    assert hit_rank(citations, ["council's ambition"], expect_report="a.pdf") is None
    assert hit_rank(citations, ["absent text"]) is None
    # a list bullet copied from pdftotext is no part of the text
    listed = [{"passage": "Tracking arrangements for children.", "report": "c.pdf", "title": "C"}]
    assert hit_rank(listed, ["◼ Tracking arrangements for"]) == 1


def test_aggregate_hand_computed():
    rows = [
        _row("a", rank=1),
        _row("b", rank=2),
        _row("c", rank=4),
        _row("d", rank=None),  # miss
        _row("e", abstained=True, expect_abstain=True),  # correct abstention
        _row("f", abstained=True, expect_abstain=False),  # wrong abstention (also a miss)
        _row("g", abstained=False, expect_abstain=True, quotes=2, verbatim=1),  # should have abstained
    ]
    rows[5]["hit_rank"] = None
    m = aggregate(rows, k=3)
    assert m["answerable"] == 5
    assert m["hit@1"] == pytest.approx(1 / 5)
    assert m["hit@3"] == pytest.approx(2 / 5)
    assert m["mrr"] == pytest.approx((1 + 1 / 2 + 1 / 4) / 5, abs=1e-4)
    assert m["abstain_precision"] == pytest.approx(1 / 2)
    assert m["abstain_recall"] == pytest.approx(1 / 2)
    assert m["citation_verbatim_rate"] == pytest.approx(13 / 14, abs=1e-4)


def test_baseline_comparison_lists_regressions_and_improvements():
    before = [
        _row("a", rank=1),
        _row("b", rank=None),
        _row("c", rank=1),
        _row("d", abstained=True, expect_abstain=True),
    ]
    now = [
        _row("a", rank=None),
        _row("b", rank=2),
        _row("c", rank=3),
        _row("d", abstained=False, expect_abstain=True),
    ]
    diff = compare(now, before)
    assert {c["id"] for c in diff["regressed"]} == {"a", "c", "d"}
    assert {c["id"] for c in diff["improved"]} == {"b"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "1", "question": "q", "expect_any": ["x"]}\n{"id": "2", "question": \n', "line 2: bad JSON"),
        ('{"id": "1", "expect_any": ["x"]}\n', "line 1: missing required field(s): question"),
        ('{"id": "1", "question": "q"}\n', "line 1: give expect_any"),
        (
            '{"id": "1", "question": "q", "expect_any": ["x"]}\n'
            '{"id": "1", "question": "r", "expect_any": ["y"]}\n',
            "duplicate id '1'",
        ),
    ],
)
def test_bad_qa_files_name_the_line(tmp_path, content, message):
    path = tmp_path / "set.jsonl"
    path.write_text(content)
    with pytest.raises(QAFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_qa(path)


def test_csv_with_the_same_columns(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text(
        "id,question,expect_any,expect_abstain,tags\n"
        'a,What about CAMHS?,"waiting lists|CAMHS",,direct|abbreviation\n'
        "b,Capital of France?,,true,unanswerable\n"
    )
    items = load_qa(path)
    assert items[0].expect_any == ["waiting lists", "CAMHS"] and items[0].tags == ["direct", "abbreviation"]
    assert items[1].expect_abstain and items[1].expect_any == []
    path.write_text("id,question,expect_any\nx,,foo\n")
    with pytest.raises(QAFileError, match=r"set\.csv line 2: missing required field"):
        load_qa(path)


def test_shipped_sets_are_valid_and_big_enough():
    from reportqa.settings import PROJECT_DIR

    for name in ("corpus.jsonl", "ofsted-subset.jsonl"):
        items = load_qa(PROJECT_DIR / "evaluation" / "sets" / name)
        assert len(items) >= 40
        assert sum(i.expect_abstain for i in items) >= 5
        assert all(i.tags for i in items)
        json.dumps([i.__dict__ for i in items])
