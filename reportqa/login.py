"""Checking logins for the web app, with a brake on password guessing.

Gradio calls the check for every login attempt. Without a brake, 300 wrong passwords took
0.9 s. Each failure now costs the caller a pause, and a user name that fails
``MAX_FAILURES`` times within ``WINDOW_S`` is locked for ``LOCK_S`` (the right password is
refused too while it lasts), whatever address the attempts come from.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable

MAX_FAILURES = 5
WINDOW_S = 600.0
LOCK_S = 300.0
FAILURE_PAUSE_S = 1.0


class LoginGuard:
    def __init__(
        self,
        pairs: list[tuple[str, str]],
        clock: Callable[[], float] = time.monotonic,
        pause: Callable[[float], None] = time.sleep,
    ) -> None:
        self._passwords = dict(pairs)
        self._clock, self._pause = clock, pause
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def __call__(self, username: str, password: str) -> bool:
        now = self._clock()
        with self._lock:
            if self._locked_until.get(username, 0.0) > now:
                locked = True
            else:
                locked = False
                self._locked_until.pop(username, None)
        expected = self._passwords.get(username, "")
        # compared in constant time, and also for unknown names, so timing tells nothing
        right = hmac.compare_digest(expected.encode(), password.encode()) and bool(expected)
        if right and not locked:
            with self._lock:
                self._failures.pop(username, None)
            return True
        with self._lock:
            recent = [t for t in self._failures.get(username, []) if now - t < WINDOW_S] + [now]
            self._failures[username] = recent
            if len(recent) >= MAX_FAILURES:
                self._locked_until[username] = now + LOCK_S
        self._pause(FAILURE_PAUSE_S)
        return False
