"""Generative answers through an LLM server, checked against the passages afterwards.

The model sees the passages as delimited data and is told never to follow instructions
inside them. Its output is then verified: every [n] must name a passage it was given,
and every quoted span must appear word for word in the passage it cites. Failures are
marked in the answer, not hidden. A server that is down, slow, or returns garbage or
endless text yields a notice, and the caller falls back to the extractive answer.
"""

from __future__ import annotations

import html
import queue
import re
import threading
import time
from collections.abc import Iterator

from answering.citations import Answer, Citation, citation_from_passage
from answering.conversation import Turn
from answering.prompts import load_prompt
from reportqa.settings import Settings
from retrieval.passage import Passage

MAX_ANSWER_CHARS = 6000
_CITE = re.compile(r"\[(\d{1,3})\]")
# A quotation in the model's answer: double quotes, curly single quotes, or straight single
# quotes that are not apostrophes ("council's"). Any length: "outstanding" [1] is checked too.
_QUOTED = re.compile(r"[\"“]([^\"”\n]{3,})[\"”]|‘([^‘’\n]{3,})’|(?<![\w'])'([^'\n]{3,}?)'(?![\w'])")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


class LLMError(RuntimeError):
    """The LLM server could not give a usable answer."""


def build_llm(settings: Settings):
    """The llama-index LLM for the configured provider; nothing is downloaded."""
    if settings.llm_provider == "ollama":
        from llama_index.llms.ollama import Ollama

        return Ollama(
            model=settings.llm_model,
            base_url=settings.llm_base_url or "http://127.0.0.1:11434",
            request_timeout=settings.llm_timeout_s,
        )
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=settings.llm_model,
        api_base=settings.llm_base_url or "http://127.0.0.1:8000/v1",
        api_key=settings.llm_api_key.get_secret_value() or "not-needed",
        is_chat_model=True,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        max_tokens=settings.llm_max_tokens,
        context_window=8192,
    )


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def format_passages(passages: list[Passage]) -> str:
    """Passages as numbered, delimited data; a planted closing tag cannot end the block."""
    blocks = []
    for n, p in enumerate(passages, 1):
        text = p.text.replace("</passage", "&lt;/passage").replace("</passages", "&lt;/passages")
        # a heading like '## "></passage></passages> …' stays inside its attribute's quotes
        attr = {
            k: html.escape(str(p.meta.get(k, "")), quote=True)
            for k in ("title", "report_date", "page_start", "section")
        }
        blocks.append(
            f'<passage n="{n}" report="{attr["title"]}" date="{attr["report_date"]}" '
            f'page="{attr["page_start"]}" section="{attr["section"]}">\n{text}\n</passage>'
        )
    return "\n".join(blocks)


def verify(text: str, passages: list[Passage]) -> tuple[list[Citation], list[str]]:
    """Citations the answer really uses, and every check that failed."""
    problems: list[str] = []
    used: list[int] = []
    for match in _CITE.finditer(text):
        n = int(match.group(1))
        if not 1 <= n <= len(passages):
            problems.append(f"[{n}] does not match any passage given to the model")
        elif n not in used:
            used.append(n)
    if not used:
        problems.append("the answer cites no passage")
    verified: dict[int, str] = {}
    for match in _QUOTED.finditer(text):
        quote = next(g for g in match.groups() if g is not None).strip()
        after = _CITE.search(text, match.end(), match.end() + 40)
        cited = [int(after.group(1))] if after else used
        targets = [passages[n - 1] for n in cited if 1 <= n <= len(passages)]
        hit = next((n for n, p in zip(cited, targets) if _normalise(quote) in _normalise(p.text)), None)
        if hit is None:
            problems.append(f"quote not found word for word in the cited passage: “{quote[:120]}”")
        else:
            verified.setdefault(hit, quote)
    problems.extend(_unsupported(text, passages))
    citations = []
    for n in used:
        passage = passages[n - 1]
        quote = verified.get(n, passage.text)
        start = passage.text.find(quote) if quote in passage.text else -1
        citations.append(citation_from_passage(n, quote, passage, start))
    return citations, problems


def _unsupported(text: str, passages: list[Passage]) -> list[str]:
    """Sentences of the answer that share not one content word with any passage they cite
    ("PWNED [1]"): the passage cannot be what supports them."""
    from answering.extractive import terms

    problems = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        cited = [int(n) for n in _CITE.findall(sentence) if 1 <= int(n) <= len(passages)]
        words = terms(_CITE.sub(" ", sentence))
        if cited and words and not any(words & terms(passages[n - 1].text) for n in cited):
            shown = " ".join(_CITE.sub("", sentence).split())[:120]
            problems.append(f"“{shown}” shares no words with the passage it cites")
    return problems


def _mark_problems(text: str, problems: list[str]) -> str:
    if not problems:
        return text
    return text + "\n\n" + "\n".join(f"⚠ Citation check failed: {p}" for p in problems)


def generate_answer(
    llm,
    question: str,
    standalone: str,
    passages: list[Passage],
    settings: Settings,
    deadline: float | None = None,
) -> Iterator[str | Answer]:
    """Stream the model's answer as text deltas, then yield the checked `Answer`.

    On failure the final `Answer` carries a ``notice`` and no text; the caller then
    shows the extractive answer with that notice.
    """
    from llama_index.core.llms import ChatMessage

    messages = [
        ChatMessage(role="system", content=load_prompt(settings.prompts_dir, "system")),
        ChatMessage(
            role="user",
            content=load_prompt(
                settings.prompts_dir,
                "answer_with_citations",
                question=standalone,
                passages=format_passages(passages),
            ),
        ),
    ]
    parts: list[str] = []
    deadline = deadline or time.monotonic() + settings.llm_timeout_s  # one deadline per answer
    try:
        for delta in _deltas_within(lambda: llm.stream_chat(messages), deadline, settings.llm_timeout_s):
            if delta:
                parts.append(delta)
                yield delta
            if sum(map(len, parts)) > MAX_ANSWER_CHARS:
                raise LLMError(f"the model kept writing past {MAX_ANSWER_CHARS} characters")
    except Exception as exc:  # network errors, timeouts, malformed replies all end the same way
        reason = str(exc) if isinstance(exc, LLMError) else f"{type(exc).__name__}: {str(exc)[:200]}"
        yield _failed(question, settings, redact(reason, settings))
        return
    text = "".join(parts).strip()
    if not text or not any(ch.isalpha() for ch in text):
        yield _failed(question, settings, "the model returned no readable text")
        return
    citations, problems = verify(text, passages)
    abstained = "don't appear to cover" in text.lower() and not citations
    yield Answer(
        question=question,
        text=_mark_problems(text, [] if abstained else problems),
        citations=citations,
        abstained=abstained,
        mode="llm",
        problems=[] if abstained else problems,
    )


def _within_deadline(produce, deadline: float, timeout_s: float, what: str) -> Iterator:
    """The items ``produce()`` yields, read in a daemon thread, ending with `LLMError` at the
    deadline whatever the server does. The HTTP client's own timeout restarts with every byte,
    so a server sending keep-alive comments, or a byte now and then, would hold an answer for
    ever; the producer is abandoned at the deadline instead (a stream it yields is closed at
    its next item)."""
    items: queue.Queue = queue.Queue()
    stop = threading.Event()  # set when the reader gives up

    def pump() -> None:
        try:
            produced = produce()
            for item in produced:
                if stop.is_set():
                    produced.close()  # ends the HTTP response
                    return
                items.put(("item", item))
            items.put(("end", None))
        except BaseException as exc:  # handed to the reader, which raises it
            items.put(("error", exc))

    threading.Thread(target=pump, name="llm-call", daemon=True).start()
    try:
        while True:
            try:
                kind, value = items.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise LLMError(f"no {what} within {timeout_s:g} s") from None
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()


def _deltas_within(start_stream, deadline: float, timeout_s: float) -> Iterator[str]:
    """The text deltas of a model's stream, ending with `LLMError` at the deadline."""
    for chunk in _within_deadline(start_stream, deadline, timeout_s, "complete answer"):
        yield chunk.delta or ""


def _within(call, deadline: float, timeout_s: float):
    """``call()``'s result, or `LLMError` at the deadline (the call is left to finish alone)."""

    def once():
        yield call()

    return next(iter(_within_deadline(once, deadline, timeout_s, "reply")))


def redact(text: str, settings: Settings) -> str:
    """A message with the configured API key, and anything shaped like a bearer token or an
    API key, replaced: an LLM server's error may repeat the request's credentials."""
    key = settings.llm_api_key.get_secret_value()
    if key:
        text = text.replace(key, "[redacted]")
    text = re.sub(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}", r"\1 [redacted]", text)
    return re.sub(r"\b(sk|pk|rk|api|key)[-_][A-Za-z0-9_-]{8,}", "[redacted]", text)


def _failed(question: str, settings: Settings, reason: str) -> Answer:
    where = settings.llm_base_url or settings.llm_provider
    return Answer(
        question=question,
        text="",
        citations=[],
        abstained=False,
        mode="llm",
        notice=f"The LLM ({settings.llm_model} at {where}) could not answer: {reason}. "
        "Showing the extractive answer instead.",
    )


def condense_with_llm(
    llm, question: str, history: list[Turn], settings: Settings, deadline: float | None = None
) -> str | None:
    """A standalone question from the LLM, or None to fall back to the heuristic."""
    from llama_index.core.llms import ChatMessage

    turns = history[-2 * settings.history_turns :]
    transcript = "\n".join(f"{role}: {text[:500]}" for role, text in turns)
    prompt = load_prompt(settings.prompts_dir, "condense_follow_up", history=transcript, question=question)
    try:
        reply = _within(
            lambda: llm.chat([ChatMessage(role="user", content=prompt)]),
            deadline or time.monotonic() + settings.llm_timeout_s,
            settings.llm_timeout_s,
        )
        text = (reply.message.content or "").strip().splitlines()[0].strip()
    except Exception:
        return None
    return text if 3 <= len(text) <= 500 else None
