"""Conversations kept per user in the data folder, so they are still there tomorrow.

One SQLite file (``DATA_DIR/conversations.sqlite3``, standard library, safe for the app's
threads and for several app processes on one machine). A conversation keeps everything the
chat needs to show it again and to go on from it: each question with its whole answer
(quotes, citations, scope), the follow-up history and the filters it was asked with. A user
sees, opens, renames and deletes only their own conversations.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from answering.citations import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    title TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_by_user ON conversations (user, updated);
"""
TITLE_CHARS = 80


@dataclass
class Conversation:
    id: str
    title: str
    turns: list[tuple[str, Answer]] = field(default_factory=list)
    history: list[tuple[str, str]] = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    updated: float = 0.0


class ConversationStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "conversations.sqlite3"

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        connection.executescript(_SCHEMA)
        return connection

    def save(self, user: str, conversation: Conversation) -> str:
        """Create or update; returns the conversation's id (a new one when it had none)."""
        conversation.id = conversation.id or uuid.uuid4().hex
        now = time.time()
        data = json.dumps(
            {
                "turns": [{"question": q, "answer": a.to_dict()} for q, a in conversation.turns],
                "history": conversation.history,
                "filters": conversation.filters,
            },
            ensure_ascii=False,
        )
        title = conversation.title or (conversation.turns[0][0] if conversation.turns else "New conversation")
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT INTO conversations (id, user, title, created, updated, data) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated = excluded.updated "
                "WHERE conversations.user = excluded.user",
                (conversation.id, user, title[:TITLE_CHARS], now, now, data),
            )
        return conversation.id

    def list(self, user: str) -> list[tuple[str, str, float]]:
        """(id, title, last updated) of the user's conversations, most recent first."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT id, title, updated FROM conversations WHERE user = ? ORDER BY updated DESC", (user,)
            ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def load(self, user: str, conversation_id: str) -> Conversation | None:
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT title, updated, data FROM conversations WHERE id = ? AND user = ?",
                (conversation_id, user),
            ).fetchone()
        if row is None:
            return None
        data = json.loads(row[2])
        return Conversation(
            conversation_id,
            row[0],
            [(t["question"], Answer.from_dict(t["answer"])) for t in data.get("turns", [])],
            [tuple(pair) for pair in data.get("history", [])],
            dict(data.get("filters", {})),
            row[1],
        )

    def rename(self, user: str, conversation_id: str, title: str) -> bool:
        title = " ".join(title.split())[:TITLE_CHARS]
        if not title:
            return False
        with closing(self._connect()) as db, db:
            changed = db.execute(
                "UPDATE conversations SET title = ? WHERE id = ? AND user = ?", (title, conversation_id, user)
            ).rowcount
        return changed == 1

    def delete(self, user: str, conversation_id: str) -> bool:
        with closing(self._connect()) as db, db:
            changed = db.execute(
                "DELETE FROM conversations WHERE id = ? AND user = ?", (conversation_id, user)
            ).rowcount
        return changed == 1
