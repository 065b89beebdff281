"""Which state of the index the store holds now, checked without slowing questions down.

A state is ``(passage count, generation, run in progress)``: the stamp every indexing run and
removal writes to the collection's metadata (`vectorstore.chroma_store.ReportStore.set_dirty`)
and the number of passages. Another process's upload or index run is seen within a second.

Counting passages is a scan in Chroma (0.2-0.3 s at a million), so the count is read again
only when the stamp has changed: every write to the store happens inside a run that stamps a
new generation as it starts and as it ends, so an unchanged, finished stamp means an
unchanged store. While a run is in progress, or for an index never stamped, it is counted
every time, as before.
"""

from __future__ import annotations

import time

from reportqa.settings import Settings
from vectorstore.chroma_store import ReportStore, store_failure

CHECK_EVERY_S = 1.0


class IndexState:
    def __init__(self, settings: Settings, store: ReportStore) -> None:
        self.settings = settings
        self.store = store
        self._checked: tuple[float, tuple] | None = None
        self._counted: tuple[tuple, int] | None = None  # a finished stamp and the count read under it
        # Set while the store cannot be reached and answers come from the in-memory copy.
        self.problem = ""

    def version(self, fallback: tuple | None) -> tuple:
        """The store's state, read at most once a second. When the store cannot be reached:
        ``fallback`` (the state of the snapshot in memory, which holds every passage and vector,
        so answers go on), with `problem` set; without one, the store's failure is raised."""
        now = time.monotonic()
        if self._checked and now - self._checked[0] < CHECK_EVERY_S:
            return self._checked[1]
        try:
            version = self.read()
        except Exception as exc:
            # A Chroma server that stopped: tried again a second later, not on each of the
            # several snapshot() calls one question makes.
            if fallback is None:
                raise store_failure(self.settings, exc) from exc
            self.note_problem(exc)
            version = fallback
        else:
            self.problem = ""
        self._checked = (now, version)
        return version

    def read(self) -> tuple:
        """The store's state now (no once-a-second cache)."""

        def read() -> tuple:
            # The collection fetched afresh: a store object's own metadata is what it saw when
            # it opened, which for a server never changes.
            collection = self.store.client.get_collection(self.settings.collection, embedding_function=None)
            meta = collection.metadata or {}
            stamp = (meta.get("generation", ""), bool(meta.get("run_in_progress")))
            if stamp[0] and not stamp[1] and self._counted and self._counted[0] == stamp:
                return (self._counted[1], *stamp)
            count = self.store.count()
            self._counted = (stamp, count)
            return (count, *stamp)

        try:
            return read()
        except Exception:
            if self.settings.uses_chroma_server:
                raise
            self.store.reopen()  # an embedded view that another process's writes made stale
            return read()

    def note_problem(self, exc: Exception) -> None:
        self.problem = (
            f"The index store is unreachable ({self.settings.describe_store()}: {type(exc).__name__}). "
            "Answering from the copy of the index loaded in memory; reports added or removed "
            "meanwhile are not seen until it is back."
        )

    def invalidate(self) -> None:
        """Forget the last check, e.g. right after this process indexed or removed a report."""
        self._checked = None
