"""Conversations kept per user in SQLite: saved, listed, reopened whole, renamed, deleted."""

from __future__ import annotations

from answering.citations import Answer, Citation
from reportqa.conversations import Conversation, ConversationStore


def _answer(question: str) -> Answer:
    citation = Citation(
        1, "Quote.", "r.pdf", "Title", "2024-01-02", "3", "Summary", 0.8, "Quote. More.", "r:1", 0
    )
    return Answer(
        question, "What the reports say …", [citation], abstained=False, scope="Croydon · full inspection"
    )


def test_a_conversation_comes_back_whole_and_only_to_its_user(tmp_path):
    store = ConversationStore(tmp_path)
    conversation = Conversation(
        "",
        "",
        [("Q1?", _answer("Q1?")), ("Q2?", _answer("Q2?"))],
        [("user", "Q1?")],
        {"local_authority": ["Croydon"]},
    )
    cid = store.save("ann", conversation)
    again = ConversationStore(tmp_path).load("ann", cid)  # as after a restart
    assert again is not None and again.title == "Q1?"
    assert [q for q, _ in again.turns] == ["Q1?", "Q2?"]
    assert again.turns[1][1].citations[0].citation_line == "Ofsted, ‘Title’, 2 January 2024, p. 3."
    assert again.turns[0][1].scope == "Croydon · full inspection"
    assert again.history == [("user", "Q1?")] and again.filters == {"local_authority": ["Croydon"]}
    assert store.load("bob", cid) is None and store.list("bob") == []  # another user's
    assert not store.rename("bob", cid, "mine now") and not store.delete("bob", cid)
    assert store.rename("ann", cid, "  Croydon   care leavers ")
    assert store.list("ann")[0][:2] == (cid, "Croydon care leavers")
    assert store.delete("ann", cid) and store.list("ann") == []
