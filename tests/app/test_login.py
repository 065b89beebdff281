"""Password guessing is slowed and then locked out (issue 12: 300 wrong passwords took 0.9 s)."""

from __future__ import annotations

from reportqa.login import FAILURE_PAUSE_S, LOCK_S, MAX_FAILURES, LoginGuard


class _Time:
    def __init__(self) -> None:
        self.now = 1000.0
        self.paused = 0.0

    def pause(self, seconds: float) -> None:
        self.paused += seconds
        self.now += seconds


def test_wrong_passwords_cost_time_then_lock_the_name():
    t = _Time()
    guard = LoginGuard([("staff", "correct-horse")], clock=lambda: t.now, pause=t.pause)
    assert guard("staff", "correct-horse") and t.paused == 0
    for _ in range(MAX_FAILURES):
        assert not guard("staff", "guess")
    assert t.paused == MAX_FAILURES * FAILURE_PAUSE_S
    assert not guard("staff", "correct-horse"), "locked: even the right password is refused"
    assert not guard("nobody", "x")  # an unknown name fails like a wrong password
    t.now += LOCK_S + 1
    assert guard("staff", "correct-horse"), "the lock ends"


def test_three_hundred_guesses_take_minutes_not_a_second():
    t = _Time()
    guard = LoginGuard([("staff", "correct-horse")], clock=lambda: t.now, pause=t.pause)
    for n in range(300):
        guard("staff", f"guess-{n}")
    assert t.paused >= 300 * FAILURE_PAUSE_S
    assert not guard("staff", "correct-horse")
