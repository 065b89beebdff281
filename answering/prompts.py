"""Prompt templates are files in ``prompts/``, loaded by name; no prompt text lives in code."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


class PromptNotFoundError(FileNotFoundError):
    pass


@lru_cache(maxsize=32)
def _read(prompts_dir: str, name: str) -> str:
    path = Path(prompts_dir) / f"{name}.txt"
    if not path.is_file():
        raise PromptNotFoundError(f"prompt template {name!r} not found at {path}")
    return path.read_text(encoding="utf-8")


def load_prompt(prompts_dir: Path, name: str, **values: str) -> str:
    """The named template with ``{placeholders}`` filled in."""
    return _read(str(prompts_dir), name).format(**values)
