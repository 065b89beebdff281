"""Reports removed from the index, kept so that a removal can be undone.

Removing a report must never lose a source file. A report uploaded in the app lives in the
data folder's ``uploads/``; removing it moves the file (and its sidecar) to ``removed/``,
where it is kept for ``removed_keep_days`` and can be restored. A report from a corpus
folder (the shipped ``corpus/`` or any folder the operator indexes) is never written to: its
file stays where it is and the ledger marks it removed, so the next index run skips it
instead of adding it back. ``removed.json`` in the data folder is that ledger.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass
class Removal:
    report_id: str
    source_path: str  # where the file was indexed from (and goes back to on restore)
    kept_path: str  # where the file is kept meanwhile; "" when it stayed in its corpus folder
    removed_at: str  # ISO time, UTC
    by: str  # who removed it ("" for the command line or a single-user app)
    title: str = ""

    @property
    def when(self) -> str:
        return self.removed_at[:16].replace("T", " ")

    def keeps_out(self, path: Path) -> bool:
        """Whether this removal keeps ``path`` out of the index (the file it was indexed from)."""
        return Path(self.source_path) == path.resolve()


class RemovalLedger:
    """``removed.json``: one entry per removed report, written atomically."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "removed.json"
        self.kept_dir = data_dir / "removed"

    def entries(self) -> dict[str, Removal]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return {rid: Removal(**entry) for rid, entry in raw.items()}

    def _write(self, entries: dict[str, Removal]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staged = self.path.with_suffix(".tmp")
        staged.write_text(json.dumps({k: asdict(v) for k, v in entries.items()}, indent=2), encoding="utf-8")
        os.replace(staged, self.path)

    def remove(self, report_id: str, source: Path, uploads_dir: Path, by: str, title: str) -> Removal:
        """Record a removal; an upload's file (and sidecars) is moved aside, a corpus file is left."""
        kept = ""
        source = source.resolve()
        if source.parent == uploads_dir.resolve() and source.exists():
            target = self.kept_dir / f"{int(time.time())}--{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            for sidecar in _sidecars(source):  # kept as "<kept name>.meta.json", the form read first
                shutil.move(str(sidecar), str(target.parent / f"{target.name}.meta.json"))
            shutil.move(str(source), str(target))
            kept = str(target)
        entry = Removal(
            report_id, str(source), kept, datetime.now(UTC).isoformat(timespec="seconds"), by, title
        )
        entries = self.entries()
        entries[report_id] = entry
        self._write(entries)
        return entry

    def restore(self, report_id: str) -> Path | None:
        """Put a removed report's file back where it was indexed from; its path, or None."""
        entries = self.entries()
        entry = entries.pop(report_id, None)
        if entry is None:
            return None
        source = Path(entry.source_path)
        if entry.kept_path:
            kept = Path(entry.kept_path)
            if not kept.exists():
                return None  # kept too long ago and purged
            source.parent.mkdir(parents=True, exist_ok=True)
            sidecar = kept.with_name(f"{kept.name}.meta.json")
            if sidecar.exists():
                shutil.move(str(sidecar), str(source.with_name(f"{source.name}.meta.json")))
            shutil.move(str(kept), str(source))
        self._write(entries)
        return source if source.exists() else None

    def forget(self, report_id: str) -> None:
        """A new file under this name was added on purpose: it is no longer removed."""
        entries = self.entries()
        if entries.pop(report_id, None) is not None:
            self._write(entries)

    def purge(self, keep_days: float) -> list[str]:
        """Delete kept upload files older than ``keep_days``; the names whose files went."""
        cutoff = time.time() - keep_days * 86400
        entries = self.entries()
        gone = [
            rid
            for rid, e in entries.items()
            if e.kept_path and datetime.fromisoformat(e.removed_at).timestamp() < cutoff
        ]
        for rid in gone:
            kept = Path(entries[rid].kept_path)
            for path in (kept, kept.with_name(f"{kept.name}.meta.json")):
                path.unlink(missing_ok=True)
            del entries[rid]
        if gone:
            self._write(entries)
        return gone


def _sidecars(source: Path) -> list[Path]:
    return [
        p
        for p in (source.with_name(source.name + ".meta.json"), source.with_suffix(".meta.json"))
        if p.exists()
    ]
