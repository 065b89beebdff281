"""Cleaning, structure and chunking on the shipped corpus and on PDFs written by the test."""

from __future__ import annotations

from pathlib import Path

from indexing.loading import LoadLimits, load_files
from indexing.reports import build_report
from tests.conftest import CORPUS
from tests.pdfs import LOREM, write_report_pdf


def _report(path: Path):
    [(_, doc)] = list(load_files([path], LoadLimits()))
    assert not isinstance(doc, Exception), doc
    return build_report(doc, path, 40, 250)


def test_letter_sections_and_page_break_joins():
    report = _report(CORPUS / "wiltshire-focused-visit-2025.txt")
    sections = {chunk.section for chunk in report.chunks}
    assert {
        "Headline findings",
        "Main findings",
        "What needs to improve in this area of social work practice?",
    } <= sections
    # Both sentences are split by a page break in the source text; they must read whole again.
    assert "held at a child-in-need or child protection stage of planning" in report.text
    assert "builds trusting relationships with children at their own pace" in report.text
    assert report.metadata["local_authority"] == "Wiltshire"
    assert report.metadata["inspection_type"] == "focused visit"
    assert report.metadata["visit_start"] == "2025-07-23"
    assert report.metadata["visit_end"] == "2025-07-24"
    assert report.metadata["report_date"] == "2025-08-22"
    assert report.metadata["lead_inspector"] == "Sarah Canto"
    assert report.metadata["inspectors"] == "Sarah Canto, Joy Howick, Shabana Warne"


def test_chunks_are_exact_slices_within_one_section_and_size_bounds():
    for name in ("wiltshire-focused-visit-2025.txt", "wiltshire-childrens-services-inspection-summary.txt"):
        report = _report(CORPUS / name)
        assert report.chunks
        for chunk in report.chunks:
            assert report.text[chunk.char_start : chunk.char_end] == chunk.text
            assert chunk.word_count <= 250
            section_of_blocks = {
                b.section
                for b in report.blocks
                if b.char_start >= chunk.char_start and b.char_end <= chunk.char_end
            }
            assert section_of_blocks == {chunk.section}
        small = [c for c in report.chunks if c.word_count < 40]
        assert len(small) <= 2, [c.text for c in small]


def test_bullet_list_keeps_lead_in_as_context():
    report = _report(CORPUS / "wiltshire-childrens-services-inspection-summary.txt")
    bullet = next(
        c for c in report.chunks if "thresholds for intervention are applied consistently" in c.text
    )
    lead = "inspectors highlighted:"
    assert lead in bullet.text or lead in bullet.context


def test_generated_pdf_headers_page_numbers_hyphens_and_page_ranges(tmp_path):
    long_para = (LOREM * 9) + "The organisation of the service is clear."
    pdf = write_report_pdf(
        tmp_path / "testshire-inspection.pdf",
        [
            [
                ("heading", "Inspection of Testshire local authority children's services"),
                ("para", "Inspection dates: 1 May to 5 May 2024"),
                ("para", "Lead inspector: Alex Example, His Majesty's Inspector"),
                ("heading", "Help and protection"),
                ("para", LOREM * 6),
                ("para", long_para),
            ],
            [
                ("heading", "Care leavers"),
                ("para", "Personal advisers keep in touch with care leavers and help them find homes."),
                ("para", "Young people said the organi-"),
            ],
        ],
    )
    report = _report(pdf)
    assert report.metadata["local_authority"] == "Testshire"
    assert report.metadata["visit_start"] == "2024-05-01"
    assert report.metadata["lead_inspector"] == "Alex Example"
    assert "Inspection of Testshire children's services 1 to 5 May" not in report.text
    for chunk in report.chunks:
        assert not chunk.text.strip().isdigit()
    sections = [c.section for c in report.chunks]
    assert "Help and protection" in sections and "Care leavers" in sections
    spanning = [c for c in report.chunks if c.metadata["page_start"] != c.metadata["page_end"]]
    help_chunks = [c for c in report.chunks if c.section == "Help and protection"]
    assert all(c.metadata["page_start"] == "1" for c in help_chunks)
    assert spanning or all(c.metadata["page_end"] in ("1", "2") for c in report.chunks)
    care = next(c for c in report.chunks if c.section == "Care leavers")
    assert care.metadata["page_start"] == "2"


def test_line_end_hyphens_removed_only_where_the_report_spells_the_word_whole():
    from collections import Counter

    from indexing.structure import join_lines

    vocabulary = Counter({"organisation": 2, "well-being": 1, "extra": 1, "familial": 1})
    assert join_lines(["the organi-", "sation of services"], vocabulary) == "the organisation of services"
    assert join_lines(["their well-", "being"], vocabulary) == "their well-being"
    assert join_lines(["risk of extra-", "familial harm"], vocabulary) == "risk of extra-familial harm"
    assert join_lines(["16- and 17-", "year-olds"], vocabulary) == "16- and 17-year-olds"
    assert join_lines(["a child", "protection plan"], vocabulary) == "a child protection plan"


def test_a_text_report_cites_no_page_unless_form_feeds_make_pages(tmp_path):
    body = "Care leavers\n\nPersonal advisers keep in touch with care leavers and help them find homes."
    plain = tmp_path / "plain.txt"
    plain.write_text(body, encoding="utf-8")
    assert {c.metadata["page_start"] for c in _report(plain).chunks} == {""}
    paged = tmp_path / "paged.txt"
    paged.write_text(f"{body}\f{body.replace('Care leavers', 'Adoption')}", encoding="utf-8")
    assert {c.metadata["page_start"] for c in _report(paged).chunks} == {"1", "2"}
