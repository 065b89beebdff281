"""Where chat exports are written: per user, inside the data folder, cleared after a day.

Exports used to go to a shared, world-readable ``/tmp/reportqa-exports`` that was never
cleaned, so one user's conversation could be read by anyone on the machine.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from pathlib import Path

KEEP_S = 24 * 3600


class ExportFolder:
    def __init__(self, root: Path, keep_s: float = KEEP_S) -> None:
        self.root = root
        self.keep_s = keep_s

    def folder_for(self, username: str | None) -> Path:
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", username or "anonymous").strip(".-") or "anonymous"
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.root, 0o700)
        return folder

    def new_file(self, username: str | None, suffix: str) -> Path:
        """A fresh, private file name for one export; older exports of this user are removed."""
        folder = self.folder_for(username)
        cutoff = time.time() - self.keep_s
        for old in folder.glob("reportqa-*"):
            if old.stat().st_mtime < cutoff:
                old.unlink(missing_ok=True)
        return folder / f"reportqa-{uuid.uuid4().hex[:8]}.{suffix}"
