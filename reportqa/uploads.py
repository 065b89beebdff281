"""Accepting report files from users: checked by their bytes, renamed safely, kept in the
data folder's ``uploads/``.

An upload is only ever written inside that folder (never into a corpus folder, which may be
the repository's own ``corpus/``), under a sanitised name, after its type is confirmed from
its content (not its extension) and its size is checked.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
import uuid
from pathlib import Path

from indexing.loading import LoadError, decode_text, load_files, load_limits, sniff_pdf
from indexing.removals import RemovalLedger
from reportqa.settings import Settings

ALLOWED = {".pdf", ".txt", ".md"}


class UploadError(ValueError):
    """An upload that was refused; the message says why."""


def safe_name(original: str) -> str:
    """A file name with no path, no control characters and a plain-ASCII stem."""
    name = Path(original.replace("\\", "/")).name
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name)
    name = re.sub(r"\.{2,}", ".", name).strip(".-_")
    stem, suffix = Path(name).stem[:120] or "report", Path(name).suffix.lower()
    return f"{stem}{suffix}"


def check_upload(path: Path, name: str, settings: Settings) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise UploadError(f"{name}: only PDF, .txt and .md files can be added")
    size = path.stat().st_size
    if size == 0:
        raise UploadError(f"{name}: the file is empty")
    if size > settings.upload_max_mb * 1024 * 1024:
        raise UploadError(f"{name}: larger than the {settings.upload_max_mb:g} MB upload limit")
    head = path.read_bytes()[: 1 << 16]
    try:
        if suffix == ".pdf":
            sniff_pdf(head[:1024])
        else:
            decode_text(head if size <= len(head) else head[: head.rfind(b"\n") + 1] or head)
    except LoadError as exc:
        raise UploadError(f"{name}: {exc}") from None


def save_upload(path: Path, original_name: str, settings: Settings) -> Path:
    """Copy a checked upload into the uploads folder; returns where it now lives. A report of
    that name removed earlier counts as added again: the user chose to add it."""
    name = safe_name(original_name)
    check_upload(Path(path), name, settings)
    uploads = settings.uploads_dir.resolve()
    uploads.mkdir(parents=True, exist_ok=True)
    target = (uploads / name).resolve()
    if target.parent != uploads:
        raise UploadError(f"{original_name}: refused file name")
    # Read in full before it replaces anything: a PDF can pass the header check and still be
    # unreadable (cut short), and must never overwrite a good report of the same name.
    staged = uploads / f".upload-{uuid.uuid4().hex[:12]}{target.suffix}"
    try:
        shutil.copyfile(path, staged)
        _, result = next(load_files([staged], load_limits(settings), workers=1))
        if isinstance(result, LoadError):
            kept = "; the indexed file of that name is kept" if target.exists() else ""
            raise UploadError(f"{name}: {result}{kept}")
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    RemovalLedger(settings.data_dir).forget(target.name)
    return target
