"""A real HTTP server on loopback that speaks the OpenAI chat-completions protocol.

It stands in for the one thing that cannot exist here (an LLM), at the protocol level:
the code under test talks HTTP to it exactly as it would to a real server. Each test
says what the "model" replies and how it misbehaves.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _send_json(handler: BaseHTTPRequestHandler, status: int, payload: dict) -> None:
    data = json.dumps(payload).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


class FakeOpenAIServer:
    def __init__(
        self, reply: str | Callable[[dict], str] = "", behaviour: str = "normal", delay_s: float = 0.0
    ):
        self.reply = reply
        self.behaviour = behaviour  # normal | slow | garbage | endless | error | keepalive | echo-auth
        self.delay_s = delay_s
        self.requests: list[dict] = []
        self.closing = False
        self.headers: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(body)
                server.headers.append(dict(self.headers))
                server.handle(self, body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.closing = True
        self.httpd.shutdown()
        self.httpd.server_close()

    def _text(self, body: dict) -> str:
        return self.reply(body) if callable(self.reply) else self.reply

    def handle(self, handler: BaseHTTPRequestHandler, body: dict) -> None:
        if self.behaviour == "slow" or self.delay_s:
            time.sleep(self.delay_s or 5)
        broken = {
            "error": (500, b'{"error": {"message": "model crashed"}}'),
            "garbage": (200, b"<html>this is not json {{{"),
        }
        if self.behaviour == "echo-auth":  # a server whose error repeats the request's credentials
            auth = handler.headers.get("Authorization", "")
            _send_json(handler, 401, {"error": {"message": f"Invalid credentials: {auth}"}})
            return
        if self.behaviour == "keepalive":  # an event stream of comments only, for two minutes
            handler.send_response(200)
            handler.send_header("Content-Type", "text/event-stream")
            handler.end_headers()
            try:
                for _ in range(600):
                    if self.closing:  # the test is over: end the stream so the client's thread ends
                        break
                    handler.wfile.write(b": keep-alive\n\n")
                    handler.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if self.behaviour in broken:
            status, payload = broken[self.behaviour]
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.end_headers()
            handler.wfile.write(payload)
            return
        model = body.get("model", "fake")
        if not body.get("stream"):
            payload = {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": self._text(body)},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
            _send_json(handler, 200, payload)
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.end_headers()

        def send(delta: dict, finish: str | None = None) -> None:
            chunk = {
                "id": "chatcmpl-1",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            handler.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            handler.wfile.flush()

        try:
            send({"role": "assistant", "content": ""})
            if self.behaviour == "endless":
                for _ in range(200_000):
                    send({"content": "and so on "})
            else:
                words = self._text(body).split(" ")
                for i, word in enumerate(words):
                    send({"content": word + (" " if i < len(words) - 1 else "")})
            send({}, "stop")
            handler.wfile.write(b"data: [DONE]\n\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
