"""The browser app driven through its API with gradio_client, as a person's browser would."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

from tests.pdfs import LOREM, write_long_reports, write_report_pdf

pytestmark = pytest.mark.server
MODE = "Extractive (verbatim quotes)"


def _ask(client: Client, message: str, chat=None, mode: str = MODE, **filters):
    args = {"authorities": [], "types": [], "reports": [], "date_from": "", "date_to": "", "latest": False}
    args.update(filters)
    return client.predict(message=message, chat=chat or [], mode=mode, api_name="/ask_stream", **args)


def _latest(sources: str) -> str:
    """The latest answer's sources (earlier answers' cards follow, folded under their questions)."""
    return sources.split('<details class="src-earlier">')[0]


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)


def test_ask_shows_quotes_and_sources(running_app):
    client = Client(running_app["url"], verbose=False)
    chat, sources, _ = _ask(client, "What did inspectors say about CAMHS waits?")
    assert "waiting lists for CAMHS" in _text(chat[-1])
    assert "(#src-1-1)" in _text(chat[-1])
    assert 'id="src-1-1"' in sources and "Copy quote" in sources and "<mark>" in sources


def test_filters_apply(running_app):
    client = Client(running_app["url"], verbose=False)
    _, sources, _ = _ask(client, "supervision", types=["focused visit"])
    assert "Focused visit to Wiltshire" in sources
    assert "Significant improvements at Wiltshire" not in _latest(sources)


def test_follow_up_keeps_context_within_a_session(running_app):
    client = Client(running_app["url"], verbose=False)
    chat, _, _ = _ask(client, "What did inspectors say about CAMHS?")
    chat, _, _ = _ask(client, "and what about waiting lists for that?", chat=chat)
    assert "waiting lists for CAMHS" in _text(chat[-1])
    other = Client(running_app["url"], verbose=False)  # another person: no shared history
    chat2, _, _ = _ask(other, "and what about that?")
    assert "waiting lists for CAMHS" not in _text(chat2[-1])


def test_upload_then_ask_then_remove(running_app, tmp_path):
    client = Client(running_app["url"], verbose=False)
    pdf = write_report_pdf(
        tmp_path / "Upload Shire ../report.pdf".replace("/", "_"),
        [
            [
                ("heading", "Findings"),
                (
                    "para",
                    "Kinship carers in Uploadshire receive excellent training from the "
                    "fostering team. " + LOREM * 2,
                ),
            ]
        ],
    )
    result, *_ = client.predict(files=[handle_file(str(pdf))], api_name="/upload")
    assert "added" in result
    # Kept in the data folder, never in the (possibly git-tracked) corpus folder.
    assert not list(running_app["corpus"].glob("*Upload*"))
    stored = list((running_app["root"] / "data" / "uploads").glob("*Upload*"))
    assert len(stored) == 1 and ".." not in stored[0].name
    _, sources, _ = _ask(client, "What training do kinship carers get?")
    assert "Kinship carers in Uploadshire" in sources
    message, *_ = client.predict(report_id=stored[0].name, api_name="/remove")
    assert "Removed" in message and not stored[0].exists()
    kept = list((running_app["root"] / "data" / "removed").glob(f"*{stored[0].name}"))
    assert len(kept) == 1  # moved aside, not deleted
    _, sources, _ = _ask(client, "What training do kinship carers get?")
    assert "Uploadshire" not in _latest(sources)
    message, *_ = client.predict(report_id=stored[0].name, api_name="/restore")
    assert message == f"Restored {stored[0].name}." and stored[0].exists() and not kept[0].exists()
    _, sources, _ = _ask(client, "What training do kinship carers get?")
    assert "Kinship carers in Uploadshire" in _latest(sources)
    client.predict(report_id=stored[0].name, api_name="/remove")


def test_removing_a_corpus_report_never_touches_its_file(running_app):
    client = Client(running_app["url"], verbose=False)
    shipped = running_app["corpus"] / "wiltshire-focused-visit-2025.txt"
    before = shipped.read_bytes()
    message, *_ = client.predict(report_id=shipped.name, api_name="/remove")
    try:
        assert "Removed" in message and shipped.read_bytes() == before
        _, sources, _ = _ask(client, "What did the focused visit find about chronologies?")
        assert "Focused visit to Wiltshire" not in _latest(sources)
    finally:
        message, *_ = client.predict(report_id=shipped.name, api_name="/restore")
    assert message == f"Restored {shipped.name}." and shipped.read_bytes() == before


def test_bad_upload_is_refused_with_a_message(running_app, tmp_path):
    client = Client(running_app["url"], verbose=False)
    fake = tmp_path / "not-really.pdf"
    fake.write_text("<html><body>error page</body></html>")
    result, *_ = client.predict(files=[handle_file(str(fake))], api_name="/upload")
    assert "HTML page" in result
    chat, _, _ = _ask(client, "What did inspectors say about CAMHS waits?")
    assert "CAMHS" in _text(chat[-1])


def test_script_in_question_is_shown_as_text(running_app):
    client = Client(running_app["url"], verbose=False)
    chat, _, _ = _ask(client, "<script>alert(1)</script><img src=x onerror=alert(2)> CAMHS")
    user = _text(chat[-2])
    assert re.search(r"(?<!\\)<", user) is None, "every < must be escaped so it renders as text"
    assert "alert\\(1\\)" in user  # shown (escaped for Markdown), not dropped


def test_ask_api_returns_the_answer_object(running_app):
    client = Client(running_app["url"], verbose=False)
    data = client.predict(
        question="What do PAs do for care leavers?", filters=None, history_pairs=None, api_name="/ask"
    )
    assert not data["abstained"] and "tenacious work by PAs" in " ".join(
        c["quote"] for c in data["citations"]
    )


def test_exports_markdown_and_word(running_app):
    from docx import Document

    client = Client(running_app["url"], verbose=False)
    _ask(client, "What did inspectors say about CAMHS waits?")
    markdown = Path(client.predict(api_name="/export_markdown")).read_text(encoding="utf-8")
    assert "## What did inspectors say about CAMHS waits?" in markdown
    assert "waiting lists for CAMHS" in markdown and "— Ofsted, ‘" in markdown
    word = Document(client.predict(api_name="/export_word"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "waiting lists for CAMHS" in text and "Ofsted, ‘" in text
    # written in the data folder, one private folder per user, not a shared /tmp folder
    written = list((running_app["root"] / "data" / "exports" / "anonymous").glob("reportqa-*"))
    assert {p.suffix for p in written} == {".md", ".docx"}
    assert ((running_app["root"] / "data" / "exports").stat().st_mode & 0o077) == 0


def test_judgements_view_lists_grades_with_their_lines(running_app, tmp_path):
    client = Client(running_app["url"], verbose=False)
    pdf = write_report_pdf(
        tmp_path / "gradeshire-inspection.pdf",
        [
            [
                ("heading", "Inspection of Gradeshire local authority children's services"),
                ("para", "Inspection dates: 1 to 12 July 2024"),
                ("para", "The impact of leaders on social work practice with children and families Good"),
                ("para", "Overall effectiveness Requires improvement to be good"),
                ("heading", "Findings"),
                ("para", "Kinship carers in Gradeshire are well supported by the fostering team. " + LOREM),
            ]
        ],
    )
    result, *_ = client.predict(files=[handle_file(str(pdf))], api_name="/upload")
    assert "added" in result
    try:
        table, _plot = client.predict(name="Gradeshire", api_name="/judgements")
        rows = {row[3]: row for row in table["data"]}
        assert rows["overall effectiveness"][4] == "requires improvement to be good"
        assert rows["overall effectiveness"][6] == "Overall effectiveness Requires improvement to be good"
        assert rows["impact of leaders"][4] == "good" and rows["impact of leaders"][5] == "1"
        # The same fact answers a question, quoting the line.
        chat, _, _ = _ask(client, "What overall effectiveness grade did Gradeshire get?")
        assert "Overall effectiveness Requires improvement to be good" in _text(chat[-1])
    finally:
        stored = next((running_app["root"] / "data" / "uploads").glob("gradeshire*"))
        client.predict(report_id=stored.name, api_name="/remove")


@pytest.mark.parametrize(
    ("question", "filters", "history", "message"),
    [
        ("   ", None, None, "Please type a question in words."),
        ("CAMHS waits", {"date_from": "last tuesday"}, None, "date"),
        ("CAMHS waits", None, [["user"]], "history_pairs must be a list of [role, text] pairs"),
        ("CAMHS waits", None, "not a list", "history_pairs must be a list"),
    ],
)
def test_the_json_api_says_what_is_wrong_with_a_request(running_app, question, filters, history, message):
    client = Client(running_app["url"], verbose=False)
    with pytest.raises(Exception) as caught:
        client.predict(question=question, filters=filters, history_pairs=history, api_name="/ask")
    assert message in str(caught.value)


def test_an_upload_named_with_a_leading_dot_does_not_spoil_the_batch(running_app, tmp_path):
    client = Client(running_app["url"], verbose=False)
    page = [("heading", "Findings"), ("para", "Dotshire carers get weekly training from the team. " * 20)]
    dotted = write_report_pdf(tmp_path / ".dotshire.pdf", [page])
    plain = write_report_pdf(tmp_path / "plainshire.pdf", [page])
    result, *_ = client.predict(files=[handle_file(str(dotted)), handle_file(str(plain))], api_name="/upload")
    assert "✓ dotshire.pdf: added" in result and "✓ plainshire.pdf: added" in result, result
    for name in ("dotshire.pdf", "plainshire.pdf"):
        client.predict(report_id=name, api_name="/remove")


def test_an_upload_shows_each_stage_while_it_runs(running_app, tmp_path):
    """The progress a browser shows during an upload: which file is read, how many passages are
    embedded and which report is being stored, not one spinner until the end."""
    client = Client(running_app["url"], verbose=False)
    files = [handle_file(str(path)) for path in write_long_reports(tmp_path, "Stageshire")]
    job = client.submit(files=files, api_name="/upload")
    seen: list[str] = []
    while not job.done():
        for unit in job.status().progress_data or []:
            if unit.desc and unit.desc not in seen:
                seen.append(unit.desc)
        time.sleep(0.01)
    result = job.result()[0]
    assert result.count("added") == 3, result
    assert any(re.match(r"Reading file [123] of 3: stageshire-\d\.pdf \(\d+ pages\)", d) for d in seen), seen
    assert any(re.match(r"Embedding passages \d+ of \d+", d) for d in seen), seen
