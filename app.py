"""The browser chat: wires Gradio components to `reportqa.assistant.Assistant`.

No answering logic lives here: every button calls the same library functions the CLI
and the tests use. Start it with ``reportqa serve`` (or ``python app.py``).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr

from answering.citations import Answer
from answering.conversation import turns_from_pairs
from indexing.pipeline import IndexBusyError, Indexer
from indexing.removals import RemovalLedger
from reportqa.assistant import Assistant, QuestionError
from reportqa.conversations import Conversation, ConversationStore
from reportqa.exports import ExportFolder
from reportqa.login import LoginGuard
from reportqa.page_view import TextView
from reportqa.presentation import (
    chat_markdown,
    conversation_sources_html,
    export_docx,
    export_markdown,
    judgement_chart,
    judgement_table,
    md_escape,
    report_label,
    reports_table_html,
    sources_html,
)
from reportqa.settings import Settings
from reportqa.uploads import UploadError, save_upload
from retrieval.filters import FilterError, Filters
from vectorstore.chroma_store import IndexMismatchError, StoreUnavailableError

EXAMPLES = [
    "What did inspectors say about CAMHS waits?",
    "How well are care leavers supported by their personal advisers?",
    "What needs to improve?",
    "How are 16 and 17 year olds who present as homeless helped?",
]
TYPES = ["full inspection", "focused visit", "monitoring visit", "joint targeted area inspection", "other"]
CSS = """
.src-panel h3 {margin: 0 0 .5rem 0}
.src-card {border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6rem .8rem; margin-bottom: .7rem;
  background: var(--background-fill-secondary)}
.src-card:target, .src-card.src-flash {outline: 3px solid #f2b705}
.src-earlier > summary {cursor: pointer; font-size: .9rem; margin: .6rem 0 .3rem 0; opacity: .85}
.src-head {font-size: .95rem} .src-n {font-weight: 700; color: #1d5fa7}
.src-meta {font-size: .8rem; opacity: .8; margin: .15rem 0 .35rem 0}
.src-quote {margin: .3rem 0; padding-left: .6rem; border-left: 3px solid #1d5fa7; font-style: italic}
.src-passage {font-size: .85rem; line-height: 1.45; margin-top: .4rem; white-space: normal}
.src-passage mark {background: #ffe58a; padding: 0 1px}
.copy-quote {margin-top: .4rem; font-size: .8rem; padding: .15rem .6rem; border-radius: 5px; cursor: pointer;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-primary)}
.open-page {margin-top: .4rem; font-size: .8rem; padding: .15rem .6rem; border-radius: 5px; cursor: pointer;
  border: 1px solid #1d5fa7; color: #1d5fa7; background: var(--background-fill-primary)}
#page-request {display: none}
#back-to-answer {position: fixed; right: 1rem; bottom: 1rem; z-index: 1000; padding: .5rem .9rem; border-radius: 20px;
  border: 1px solid #1d5fa7; background: #1d5fa7; color: white; font-size: .9rem; box-shadow: 0 2px 8px rgba(0,0,0,.25)}
.src-empty {opacity: .7; padding: 1rem}
.text-view {max-height: 70vh; overflow: auto; font-size: .9rem; line-height: 1.5; padding: .5rem .8rem;
  border: 1px solid var(--border-color-primary); border-radius: 8px}
.text-view .para-n {font-size: .75rem; opacity: .6; margin-right: .3rem}
.text-view mark {background: #ffe58a}
#status-line {font-size: .85rem; opacity: .8}
.reports-scroll {max-height: 32rem; overflow: auto; border: 1px solid var(--border-color-primary); border-radius: 8px}
table.reports {width: 100%; border-collapse: collapse; font-size: .85rem}
table.reports th {position: sticky; top: 0; background: var(--background-fill-secondary); text-align: left}
table.reports th, table.reports td {padding: .35rem .5rem; border-bottom: 1px solid var(--border-color-primary);
  vertical-align: top}
@media (max-width: 640px) {
  table.reports {font-size: .78rem}
  table.reports th, table.reports td {padding: .3rem .2rem}
  table.reports td:nth-child(2) {white-space: nowrap}
  table.reports th:nth-child(n+5), table.reports td:nth-child(n+5) {display: none}
}
"""
HEAD = """
<script>
document.addEventListener('click', (event) => {
  const opener = event.target.closest('.open-page');
  if (opener) {  // ask the app for the cited page; the viewer below the sources shows it
    const box = document.querySelector('#page-request textarea');
    box.value = opener.getAttribute('data-open') + ':' + Date.now();
    box.dispatchEvent(new Event('input', {bubbles: true}));
    return;
  }
  const citation = event.target.closest('a[href^="#src-"]');
  if (citation) {  // an earlier answer's [n]: its card is folded under that answer's question
    const card = document.getElementById(citation.getAttribute('href').slice(1));
    if (card) {
      event.preventDefault();
      const answer = citation.closest('.message-row, .message') || citation;
      const folded = card.closest('details');
      if (folded) folded.open = true;
      card.scrollIntoView({block: 'center'});
      // On a phone the card is far below the answer: a way back to where the reader was.
      let back = document.getElementById('back-to-answer');
      if (!back) {
        back = document.createElement('button');
        back.id = 'back-to-answer'; back.textContent = '↑ Back to the answer';
        document.body.appendChild(back);
      }
      back.onclick = () => { answer.scrollIntoView({block: 'center'}); back.remove(); };
      card.classList.add('src-flash'); setTimeout(() => card.classList.remove('src-flash'), 1600);
    }
    return;
  }
  const button = event.target.closest('.copy-quote');
  if (!button) return;
  const text = button.getAttribute('data-copy');
  const done = () => { button.textContent = 'Copied'; setTimeout(() => button.textContent = 'Copy quote', 1500); };
  if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); }
  else { const area = document.createElement('textarea'); area.value = text; document.body.appendChild(area);
         area.select(); document.execCommand('copy'); area.remove(); done(); }
});
</script>
"""


def _filters(authorities, types, reports, date_from, date_to, latest) -> Filters:
    return Filters.from_dict(
        {
            "local_authority": authorities or [],
            "inspection_type": types or [],
            "report_id": reports or [],
            "date_from": (date_from or "").strip(),
            "date_to": (date_to or "").strip(),
            "latest_per_authority": bool(latest),
        }
    )


def build_app(settings: Settings | None = None, assistant: Assistant | None = None) -> gr.Blocks:
    settings = settings or Settings()
    assistant = assistant or Assistant(settings)
    exports = ExportFolder(settings.data_dir / "exports")
    conversations = ConversationStore(settings.data_dir)

    def choices():
        records = assistant.reports()
        authorities = sorted({r.get("local_authority", "") for r in records.values()} - {""})
        # Reports by their title and date (the file name is the value, never shown as the label).
        reports = sorted(
            ((report_label(rid, r), rid) for rid, r in records.items()), key=lambda c: c[0].lower()
        )
        return (
            gr.update(choices=authorities),
            gr.update(choices=reports),
            gr.update(choices=reports),
            reports_table_html(records),
        )

    def status_line(request: gr.Request) -> str:
        """Plain words for staff; where and how the index is stored only for administrators."""
        try:
            count = len(assistant.reports())
        except Exception:
            return "⚠ The reports cannot be reached just now. Please try again in a minute."
        how = (
            "answers written by a language model, checked against the reports"
            if settings.llm_configured
            else ("answers quote the reports word for word")
        )
        line = f"{count} reports · {how}"
        if settings.is_admin(getattr(request, "username", None)):
            line += f"  \n<small>About this index: {md_escape(settings.describe_store())} · {md_escape(settings.llm_name())}</small>"
        return line

    def respond(message, chat, history, turns, authorities, types, reports, date_from, date_to, latest, mode):
        chat = list(chat or [])
        question = (message or "").strip()
        if not question:
            yield chat, gr.update(), history, turns, ""
            return
        turn = len(turns) + 1
        chat += [
            {"role": "user", "content": md_escape(question[:2000])},
            {"role": "assistant", "content": "*Searching the reports…*"},
        ]
        yield chat, gr.update(), history, turns, ""
        try:
            filters = _filters(authorities, types, reports, date_from, date_to, latest)
            wanted = "llm" if mode and mode.startswith("LLM") else "extractive"
            streamed = ""
            answer: Answer | None = None
            for item in assistant.stream(question, history=history, filters=filters, mode=wanted):
                if isinstance(item, Answer):
                    answer = item
                else:
                    streamed += item
                    chat[-1] = {"role": "assistant", "content": md_escape(streamed)}
                    yield chat, gr.update(), history, turns, ""
            assert answer is not None
        except (QuestionError, FilterError, IndexMismatchError) as exc:  # the message says what to do
            chat[-1] = {"role": "assistant", "content": md_escape(str(exc))}
            yield chat, gr.update(), history, turns, ""
            return
        except StoreUnavailableError as exc:
            chat[-1] = {
                "role": "assistant",
                "content": f"⚠ The report store is unavailable right now ({md_escape(str(exc))}). Please try again shortly.",
            }
            yield chat, gr.update(), history, turns, ""
            return
        except Exception as exc:  # never a traceback in the page
            chat[-1] = {
                "role": "assistant",
                "content": f"⚠ Something went wrong answering that ({type(exc).__name__}). The app is still running; please try again.",
            }
            yield chat, gr.update(), history, turns, ""
            return
        chat[-1] = {"role": "assistant", "content": chat_markdown(answer, turn)}
        history = [*history, ("user", question), ("assistant", answer.text)][-2 * settings.history_turns :]
        turns = [*turns, (question, answer)]
        yield chat, conversation_sources_html(turns), history, turns, ""

    hidden_views = (gr.update(visible=False), gr.update(visible=False))  # neither page nor text

    def open_page(request: str, turns):
        """The page an "Open p. N" button of a source card asks for ("turn:n:nonce")."""
        try:
            turn, n = (int(x) for x in request.split(":")[:2])
            citation = next(c for c in turns[turn - 1][1].citations if c.n == n)
        except (ValueError, IndexError, StopIteration, TypeError):
            return "That source is no longer in this conversation.", *hidden_views
        shown = assistant.cited_page(citation)
        if isinstance(shown, str):
            return shown, *hidden_views
        title = md_escape(citation.title)
        if isinstance(shown, TextView):  # a text report: its paragraphs, at the quoted one
            where = (
                f"paragraph {shown.paragraph}, highlighted" if shown.paragraph else "the quote was not found"
            )
            caption = f"**[{n}]** {title}, the report's text — {where}."
            return caption, gr.update(visible=False), gr.update(value=shown.html, visible=True)
        mark = "the quoted sentence is highlighted" if shown.found else "the quote could not be marked on it"
        caption = f"**[{n}]** {title}, page {shown.page_number} of the PDF — {mark}."
        return caption, gr.update(value=shown.image, visible=True), gr.update(visible=False)

    def new_conversation():
        return [], sources_html(None, 0), [], [], None, ""

    # ---- conversations that last (`reportqa.conversations`) ----------------------------
    def user_of(request: gr.Request | None) -> str:
        return getattr(request, "username", None) or "anonymous"

    def past_choices(user: str):
        return gr.update(
            choices=[
                (f"{title} · {time.strftime('%d %b %Y %H:%M', time.localtime(updated))}", cid)
                for cid, title, updated in conversations.list(user)
            ]
        )

    def save_conversation(
        cid, turns, history, authorities, types, reports, date_from, date_to, latest, request: gr.Request
    ):
        """After each answer: the conversation as shown, with the filters it was asked with."""
        if not turns:
            return cid, gr.update()
        filters = {
            "authorities": authorities or [],
            "types": types or [],
            "reports": reports or [],
            "date_from": date_from or "",
            "date_to": date_to or "",
            "latest": bool(latest),
        }
        cid = conversations.save(user_of(request), Conversation(cid, "", turns, history, filters))
        return cid, past_choices(user_of(request))

    def open_conversation(cid, request: gr.Request):
        found = conversations.load(user_of(request), cid) if cid else None
        if found is None:
            gr.Warning("Choose one of your conversations first.")
            return [gr.update()] * 12
        chat = []
        for turn, (question, answer) in enumerate(found.turns, 1):
            chat += [
                {"role": "user", "content": md_escape(question[:2000])},
                {"role": "assistant", "content": chat_markdown(answer, turn)},
            ]
        f = found.filters
        return (
            chat,
            conversation_sources_html(found.turns),
            found.history,
            found.turns,
            None,
            found.id,
            f.get("authorities", []),
            f.get("types", []),
            f.get("reports", []),
            f.get("date_from", ""),
            f.get("date_to", ""),
            bool(f.get("latest")),
        )

    def rename_conversation(cid, title, request: gr.Request):
        if not cid or not conversations.rename(user_of(request), cid, title or ""):
            gr.Warning("Choose a conversation and type its new name.")
        return past_choices(user_of(request)), ""

    def delete_conversation(cid, current, request: gr.Request):
        """Delete the chosen conversation; the one on screen stays until a new one starts."""
        if cid:
            conversations.delete(user_of(request), cid)
        return past_choices(user_of(request)), "" if cid == current else current

    def export(turns, kind, request: gr.Request | None = None):
        if not turns:
            gr.Warning("Nothing to export yet: ask a question first.")
            return None
        path = exports.new_file(getattr(request, "username", None), kind)
        if kind == "md":
            path.write_text(export_markdown(turns), encoding="utf-8")
        else:
            export_docx(turns, path)
        return str(path)

    def export_markdown_file(turns, request: gr.Request):
        return export(turns, "md", request)

    def export_word_file(turns, request: gr.Request):
        return export(turns, "docx", request)

    def upload(files, progress=gr.Progress()):
        if not files:
            return "Choose one or more PDF, .txt or .md files first.", *choices()
        saved, messages = [], []
        for file in files:
            path = Path(file if isinstance(file, str) else file.name)
            try:
                saved.append(save_upload(path, path.name, settings))
            except UploadError as exc:
                messages.append(f"✗ {exc}")
        if saved:
            indexer = Indexer(settings, embed_model=assistant.embed_model)
            try:
                summary = indexer.index(
                    saved, progress=lambda step: progress((step.done, step.total), desc=step.describe())
                )
                assistant.retriever.invalidate()
            except IndexBusyError as exc:
                messages.append(f"✗ {exc}")
            else:
                for o in summary.outcomes:
                    mark = "✗" if o.status == "skipped" else "✓"
                    messages.append(
                        f"{mark} {o.name}: {o.status}{' — ' + o.reason if o.reason else f' ({o.chunks} passages)'}"
                    )
        return "\n".join(messages), *choices()

    def removed_choices():
        entries = RemovalLedger(settings.data_dir).entries().values()
        ordered = sorted(entries, key=lambda e: e.removed_at, reverse=True)
        return gr.update(
            choices=[(f"{e.title or e.report_id} (removed {e.when})", e.report_id) for e in ordered]
        )

    def admin_only(request: gr.Request | None) -> str:
        """Why this user may not manage reports ("" when they may)."""
        if settings.is_admin(getattr(request, "username", None)):
            return ""
        return "Only an administrator can remove or restore reports (ask the person who runs reportqa)."

    def ask_to_confirm(report_id):
        if not report_id:
            return gr.update(visible=False), "Choose a report to remove first."
        record = assistant.reports().get(report_id, {})
        title = md_escape(str(record.get("title") or report_id))
        kept = (
            f"Its file is kept for {settings.removed_keep_days:g} days, and **Restore** brings it back."
            if Path(str(record.get("source_path", ""))).resolve().parent == settings.uploads_dir.resolve()
            else "Its file stays where it is, and **Restore** brings it back."
        )
        return gr.update(visible=True), f"Remove **{title}** from the index? {kept}"

    def remove(report_id, request: gr.Request = None):
        refused = admin_only(request)
        if refused or not report_id:
            return (
                refused or "Choose a report to remove.",
                *choices(),
                removed_choices(),
                gr.update(visible=False),
            )
        indexer = Indexer(settings, embed_model=assistant.embed_model)
        removal = indexer.remove(report_id, by=getattr(request, "username", None) or "")
        assistant.retriever.invalidate()
        message = (
            f"Removed ‘{removal.title or report_id}’ from the index. Restore brings it back."
            if removal
            else f"{report_id} is not indexed."
        )
        return message, *choices(), removed_choices(), gr.update(visible=False)

    def restore(report_id, request: gr.Request = None):
        refused = admin_only(request)
        if refused or not report_id:
            return refused or "Choose a removed report to restore.", *choices(), removed_choices()
        try:
            summary = Indexer(settings, embed_model=assistant.embed_model).restore(report_id)
        except IndexBusyError as exc:
            return f"✗ {exc}", *choices(), removed_choices()
        assistant.retriever.invalidate()
        if summary is None:
            return f"✗ {report_id} cannot be restored (its kept file is gone).", *choices(), removed_choices()
        return f"Restored {report_id}.", *choices(), removed_choices()

    llm_label = f"LLM: {settings.llm_name()}" if settings.llm_configured else None
    modes = ["Extractive (verbatim quotes)"] + ([llm_label] if llm_label else [])

    # Uploaded and exported files live in Gradio's cache under the data folder; files older
    # than a day are deleted hourly, so the cache never holds report copies indefinitely.
    with gr.Blocks(
        title="reportqa — inspection reports", fill_height=True, delete_cache=(3600, 86400)
    ) as demo:
        history = gr.State([])
        turns = gr.State([])
        conversation_id = gr.State("")  # the saved conversation on screen ("" until its first answer)
        gr.Markdown("## reportqa · cited answers from inspection reports")
        status = gr.Markdown(elem_id="status-line")
        with gr.Tab("Ask"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chat = gr.Chatbot(
                        label="Conversation",
                        height=520,
                        sanitize_html=True,
                        render_markdown=True,
                        placeholder="Ask about the indexed reports. Every answer quotes them word for word, with sources.",
                        buttons=["copy", "copy_all"],  # no "share": conversations stay on this server
                    )
                    with gr.Row():
                        box = gr.Textbox(
                            placeholder="e.g. What did inspectors say about CAMHS waits?",
                            show_label=False,
                            scale=5,
                            max_lines=4,
                            elem_id="question-box",
                        )
                        send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
                    gr.Examples(EXAMPLES, inputs=box, label="Try")
                    with gr.Row():
                        clear = gr.Button("New conversation", size="sm")
                        export_md = gr.Button("Export Markdown", size="sm")
                        export_word = gr.Button("Export Word", size="sm")
                    export_file = gr.File(label="Export", visible=True, interactive=False, height=60)
                    with gr.Accordion("Your conversations", open=False):
                        past = gr.Dropdown(label="Saved conversations", choices=[], allow_custom_value=True)
                        with gr.Row():
                            open_past = gr.Button("Open", size="sm", variant="primary")
                            delete_past = gr.Button("Delete", size="sm", variant="stop")
                        with gr.Row():
                            new_title = gr.Textbox(placeholder="New name", show_label=False, scale=3)
                            rename_past = gr.Button("Rename", size="sm", scale=1)
                with gr.Column(scale=2):
                    with gr.Accordion("Filters and answer mode", open=False):
                        authorities = gr.Dropdown(label="Local authority", multiselect=True, choices=[])
                        types = gr.Dropdown(label="Inspection type", multiselect=True, choices=TYPES)
                        reports = gr.Dropdown(label="Report", multiselect=True, choices=[])
                        with gr.Row():
                            date_from = gr.Textbox(label="From (YYYY or YYYY-MM-DD)")
                            date_to = gr.Textbox(label="To")
                        latest = gr.Checkbox(label="Only the latest report per authority")
                        mode = gr.Radio(
                            modes,
                            value=modes[0],
                            label="Answer mode",
                            info=None
                            if llm_label
                            else "Generated answers are not set up on this server: answers quote the reports word for word.",
                        )
                    sources = gr.HTML(sources_html(None, 0), elem_id="sources")
                    page_request = gr.Textbox(elem_id="page-request", show_label=False, container=False)
                    page_caption = gr.Markdown(elem_id="page-caption")
                    page_image = gr.Image(
                        label="The cited page",
                        visible=False,
                        interactive=False,
                        elem_id="page-image",
                        format="png",
                        buttons=["download", "fullscreen"],  # no "share": nothing leaves this machine
                    )
                    page_text = gr.HTML(visible=False, elem_id="page-text")
        with gr.Tab("Reports"):
            # What a reader scans for first comes first: on a phone only those four columns show.
            table = gr.HTML(elem_id="reports-table", padding=False)
            with gr.Row():
                files = gr.File(
                    label="Add reports (PDF, .txt, .md)",
                    file_count="multiple",
                    file_types=[".pdf", ".txt", ".md"],
                )
                with gr.Column():
                    add = gr.Button("Index uploaded files", variant="primary")
                    with gr.Group(visible=False) as manage:  # administrators only (shown on load)
                        # Custom values: an API client names the report without the page's lists.
                        to_remove = gr.Dropdown(label="Remove a report", choices=[], allow_custom_value=True)
                        remove_btn = gr.Button("Remove report…", variant="stop")
                        with gr.Group(visible=False) as confirm_box:
                            confirm_text = gr.Markdown()
                            with gr.Row():
                                confirm_btn = gr.Button("Yes, remove it", variant="stop")
                                cancel_btn = gr.Button("Cancel")
                        to_restore = gr.Dropdown(
                            label="Removed reports (can be restored)", choices=[], allow_custom_value=True
                        )
                        restore_btn = gr.Button("Restore report")
            outcome = gr.Textbox(label="Result", lines=4, interactive=False, elem_id="manage-result")

        with gr.Tab("Judgements") as judgements_tab:
            gr.Markdown(
                "Grades as the reports state them, read from each report's judgement table; "
                "every row quotes the line and page it comes from."
            )
            council = gr.Dropdown(label="Council", choices=[], value=None, allow_custom_value=True)
            grades_plot = gr.Plot(label="Grades over time")
            grades_table = gr.Dataframe(
                headers=[
                    "council",
                    "date",
                    "type",
                    "area",
                    "grade",
                    "page",
                    "as the report states it",
                    "file",
                ],
                interactive=False,
                wrap=True,
            )

        def show_judgements(name):
            if not name:
                return [], None
            rows = assistant.judgements({"local_authority": [name]})
            return judgement_table(rows), judgement_chart(rows, f"{name}: judgements over time")

        council.change(show_judgements, council, [grades_table, grades_plot], api_name="judgements")
        demo.load(lambda: choices()[0], None, council, api_name=False)
        judgements_tab.select(lambda: choices()[0], None, council, api_name=False)  # after uploads

        inputs = [box, chat, history, turns, authorities, types, reports, date_from, date_to, latest, mode]
        outputs = [chat, sources, history, turns, box]
        fresh = [chat, sources, history, turns, export_file, conversation_id]
        clear.click(new_conversation, None, fresh, api_name="new_conversation")
        chat.clear(new_conversation, None, fresh, api_name=False)  # the trash icon: the same as New
        filter_inputs = [authorities, types, reports, date_from, date_to, latest]
        saved = dict(
            fn=save_conversation,
            inputs=[conversation_id, turns, history, *filter_inputs],
            outputs=[conversation_id, past],
            api_name=False,
        )
        box.submit(respond, inputs, outputs, api_name="ask_stream", show_progress="hidden").then(**saved)
        send.click(respond, inputs, outputs, api_name=False, show_progress="hidden").then(**saved)
        open_past.click(open_conversation, past, [*fresh, *filter_inputs], api_name="open_conversation")
        rename_past.click(rename_conversation, [past, new_title], [past, new_title], api_name=False)
        delete_past.click(
            delete_conversation, [past, conversation_id], [past, conversation_id], api_name=False
        )

        def show_past(request: gr.Request):
            return past_choices(user_of(request))

        demo.load(show_past, None, past, api_name=False)
        page_request.change(
            open_page,
            [page_request, turns],
            [page_caption, page_image, page_text],
            api_name=False,
            show_progress="minimal",
            js=None,
        ).then(
            None,
            None,
            None,
            # once the image is laid out, so that the page is tall enough to scroll to it
            js="() => setTimeout(() => { document.querySelector('#page-caption').scrollIntoView();"
            " const mark = document.querySelector('#page-text mark');"
            " if (mark) mark.scrollIntoView({block: 'nearest'}); }, 400)",
        )
        export_md.click(export_markdown_file, turns, export_file, api_name="export_markdown")
        export_word.click(export_word_file, turns, export_file, api_name="export_word")
        # Progress shows on the result box only (not as spinners over the table and lists), and the
        # header's report count is read again once the work is done.
        add.click(
            upload,
            files,
            [outcome, authorities, reports, to_remove, table],
            api_name="upload",
            show_progress_on=[outcome],
        ).then(status_line, None, status, api_name=False)
        remove_btn.click(ask_to_confirm, to_remove, [confirm_box, confirm_text], api_name=False)
        cancel_btn.click(lambda: gr.update(visible=False), None, confirm_box, api_name=False)
        managed = [outcome, authorities, reports, to_remove, table, to_restore]
        confirm_btn.click(
            remove, to_remove, [*managed, confirm_box], api_name="remove", show_progress_on=[outcome]
        ).then(status_line, None, status, api_name=False)
        restore_btn.click(restore, to_restore, managed, api_name="restore", show_progress_on=[outcome]).then(
            status_line, None, status, api_name=False
        )

        def show_management(request: gr.Request):
            return gr.update(visible=not admin_only(request)), removed_choices()

        demo.load(show_management, None, [manage, to_restore], api_name=False)
        demo.load(choices, None, [authorities, reports, to_remove, table], api_name=False)
        demo.load(status_line, None, status, api_name=False)

        def ask_api(question: str, filters: dict | None = None, history_pairs: list | None = None) -> dict:
            """Programmatic ask for API clients: same Assistant, JSON answer; bad input gets its
            reason as the error message (shown to the client whatever ``show_error`` says)."""
            try:
                pairs = turns_from_pairs(history_pairs)
                return assistant.ask(question, history=pairs, filters=filters or {}).to_dict()
            except (ValueError, TypeError) as exc:
                raise gr.Error(str(exc)) from None

        gr.api(ask_api, api_name="ask")
    return demo


def launch(settings: Settings | None = None, host: str | None = None, port: int | None = None) -> None:
    settings = settings or Settings()
    # Gradio's upload/download cache: inside our data folder, not a shared /tmp/gradio.
    os.environ.setdefault("GRADIO_TEMP_DIR", str(settings.data_dir / "gradio-cache"))
    demo = build_app(settings)
    host, port = host or settings.host, port or settings.port
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    # Gradio's own start-up lines end with a hint about public share links, which this app
    # never makes: it starts quietly, and the address is printed once the page is served.
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=200).launch(
        quiet=True,
        prevent_thread_lock=True,
        server_name=host,
        server_port=port,
        auth=LoginGuard(pairs) if (pairs := settings.auth_credentials()) else None,
        max_file_size=f"{settings.upload_max_mb:g}mb",
        allowed_paths=[],
        enable_monitoring=False,
        show_error=False,
        max_threads=64,
        theme=gr.themes.Soft(primary_hue="blue"),
        css=CSS,
        head=HEAD,
        footer_links=["api"],
    )
    print(f"Open http://{shown}:{port}/ in a browser. (Ctrl+C stops reportqa.)", flush=True)
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        demo.close()


if __name__ == "__main__":
    launch()
