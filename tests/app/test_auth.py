"""With REPORTQA_AUTH set, the page, the API and file routes all need a login."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
from gradio_client import Client

from tests.app.conftest import start_app

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def locked_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("auth")
    proc, url, _ = start_app(
        root, {"REPORTQA_AUTH": "staff:correct-horse,boss:battery-staple", "REPORTQA_ADMINS": "boss"}
    )
    yield url
    proc.terminate()
    proc.wait(20)


def _status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_api_needs_login(locked_app):
    with pytest.raises(Exception):  # noqa: B017 - gradio_client raises different types by version
        Client(locked_app, verbose=False).predict(
            question="CAMHS", filters=None, history_pairs=None, api_name="/ask"
        )
    client = Client(locked_app, auth=("staff", "correct-horse"), verbose=False)
    data = client.predict(
        question="What did inspectors say about CAMHS waits?",
        filters=None,
        history_pairs=None,
        api_name="/ask",
    )
    assert data["citations"]


def test_routes_refuse_anonymous_requests(locked_app):
    assert _status(locked_app + "config") in (401, 403)
    assert _status(locked_app + "gradio_api/info") in (401, 403)
    assert _status(locked_app + "gradio_api/file=/etc/passwd") in (401, 403)
    page = urllib.request.urlopen(locked_app, timeout=5).read().decode()
    # The page shell loads (it shows the login form); no report data or settings are in it.
    assert "wiltshire" not in page.lower() and "chroma" not in page.lower()


def test_a_wrong_password_is_slowed_down(locked_app):
    import time
    import urllib.parse

    body = urllib.parse.urlencode({"username": "staff", "password": "wrong"}).encode()
    started = time.monotonic()
    assert _status_post(locked_app + "login", body) in (400, 401, 403)
    assert time.monotonic() - started >= 0.9


def _status_post(url: str, body: bytes) -> int:
    try:
        return urllib.request.urlopen(
            urllib.request.Request(url, data=body, method="POST"), timeout=10
        ).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_only_an_administrator_may_remove_a_report(locked_app):
    staff = Client(locked_app, auth=("staff", "correct-horse"), verbose=False)
    message, *_ = staff.predict(report_id="wiltshire-focused-visit-2025.txt", api_name="/remove")
    assert message.startswith("Only an administrator can remove or restore reports")
    data = staff.predict(question="chronologies", filters=None, history_pairs=None, api_name="/ask")
    assert any(c["report"] == "wiltshire-focused-visit-2025.txt" for c in data["citations"])  # still there
    boss = Client(locked_app, auth=("boss", "battery-staple"), verbose=False)
    message, *_ = boss.predict(report_id="wiltshire-focused-visit-2025.txt", api_name="/remove")
    assert message.startswith("Removed ‘")
    message, *_ = boss.predict(report_id="wiltshire-focused-visit-2025.txt", api_name="/restore")
    assert message == "Restored wiltshire-focused-visit-2025.txt."


@pytest.mark.browser
@pytest.mark.parametrize(
    "user, password, may_remove", [("staff", "correct-horse", False), ("boss", "battery-staple", True)]
)
def test_in_the_page_only_an_administrator_is_offered_removal(
    locked_app, tmp_path, user, password, may_remove
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.app.test_browser import CHROMIUM, DRIVER, _button, _driver

    if not (CHROMIUM.exists() and DRIVER.exists()):
        pytest.skip("Debian chromium/chromium-driver not installed")
    driver = _driver(tmp_path)
    try:
        driver.get(locked_app)
        wait = WebDriverWait(driver, 60)
        fields = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "input"))
        fields[0].send_keys(user)
        driver.find_element(By.CSS_SELECTOR, "input[type=password]").send_keys(password)
        _button(driver, "Login").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#question-box textarea"))
        _button(driver, "Reports").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#reports-table td"))
        time.sleep(1)  # the page's load events decide what this user is shown
        offered = [b for b in driver.find_elements(By.TAG_NAME, "button") if b.text == "Remove report…"]
        assert bool(offered and offered[0].is_displayed()) == may_remove
        assert any(b.text == "Index uploaded files" for b in driver.find_elements(By.TAG_NAME, "button"))
    finally:
        driver.quit()
