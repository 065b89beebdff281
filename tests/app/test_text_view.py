"""A text report opened at the quoted paragraph (`reportqa.page_view.render_text`)."""

from __future__ import annotations

from reportqa.page_view import render_text


def test_a_text_report_opens_numbered_with_the_quote_marked_and_nothing_of_it_run(tmp_path):
    report = tmp_path / "report.md"
    report.write_text(
        "# Findings\n\nLeaders know their services well.\n\n"
        "Care leavers <script>alert(1)</script> get help\nwith housing quickly.\n\n"
        "Care leavers get help with housing quickly, again.\n"
    )
    view = render_text(report, "Care leavers <script>alert(1)</script> get help with housing quickly.")
    assert view.paragraph == 3  # the first paragraph holding it; lines joined as one
    assert '<p id="para-3"><span class="para-n">¶ 3</span> <mark>Care leavers &lt;script&gt;' in view.html
    assert "<script>" not in view.html
    assert view.html.count("<mark>") == 1


def test_a_quote_running_into_the_next_paragraph_is_marked_from_its_start(tmp_path):
    report = tmp_path / "report.txt"
    finding = "The first part of a finding, long enough to be known by its first eighty characters alone."
    report.write_text(f"Intro.\n\n{finding}\n\nThe rest of it.")
    view = render_text(report, f"{finding} The rest of it.")
    assert view.paragraph == 2 and "<mark>The first part" in view.html
    assert render_text(report, "Nowhere in the report.").paragraph == 0
