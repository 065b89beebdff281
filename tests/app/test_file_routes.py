"""No request can read files outside what the app itself put in Gradio's cache."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.server


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.mark.parametrize(
    "target",
    [
        "/etc/passwd",
        "../../../../etc/passwd",
        urllib.parse.quote("/etc/passwd", safe=""),
        urllib.parse.quote("../../../../etc/passwd", safe=""),
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_system_files_are_not_served(running_app, target):
    for route in ("gradio_api/file=", "file="):
        status, body = _get(running_app["url"] + route + target)
        assert b"root:" not in body
        assert status in (403, 404, 400, 405) or not body


def test_corpus_and_index_files_are_not_served(running_app):
    corpus_file = next(running_app["corpus"].glob("*.txt"))
    data_dir = running_app["root"] / "data"
    for path in (corpus_file, data_dir / "chroma" / "chroma.sqlite3", data_dir / "index.lock"):
        status, body = _get(running_app["url"] + "gradio_api/file=" + str(path))
        assert status != 200 or not body, f"{path} was served"
