"""End to end in headless Chromium: type a question, see an answer with a citation and its source."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]
CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


needs_chromium = pytest.mark.skipif(
    not (CHROMIUM.exists() and DRIVER.exists()), reason="Debian chromium/chromium-driver not installed"
)


def _driver(tmp_path, width: int = 1500):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size={width},1000",
        f"--user-data-dir={tmp_path / f'profile-{width}'}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    if width < 500:  # headless Chromium keeps windows at least 500 px wide: emulate a phone's viewport
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": True},
        )
    return driver


def _open_chat(driver, url: str):
    """The chat page, loaded; returns a 60 s waiter."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    wait = WebDriverWait(driver, 60)
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question-box textarea"))
    return wait


def _button(driver, label: str):
    """The page's first button labelled exactly ``label``."""
    from selenium.webdriver.common.by import By

    return next(b for b in driver.find_elements(By.TAG_NAME, "button") if b.text.strip() == label)


def _ask(driver, question: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.CSS_SELECTOR, "#question-box textarea")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)


@needs_chromium
def test_question_in_the_browser(running_app, tmp_path):
    from selenium.webdriver.common.by import By

    driver = _driver(tmp_path)
    try:
        wait = _open_chat(driver, running_app["url"])
        _ask(driver, "What did inspectors say about CAMHS waits?")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sources .src-card"))
        time.sleep(0.5)
        page = driver.find_element(By.TAG_NAME, "body").text
        assert "waiting lists for CAMHS" in page
        assert driver.find_elements(By.CSS_SELECTOR, "a[href='#src-1-1']"), "citation [1] links to its source"
        source = driver.find_element(By.CSS_SELECTOR, "#src-1-1")
        assert "Copy quote" in source.text
        driver.save_screenshot(str(tmp_path / "answer.png"))
    finally:
        driver.quit()


@needs_chromium
@pytest.mark.parametrize("width", [1500, 390])
def test_a_source_opens_its_page_with_the_quote_marked(running_app, tmp_path, width):
    from gradio_client import Client, handle_file
    from selenium.webdriver.common.by import By

    from tests.pdfs import LOREM, write_report_pdf

    name = f"pageshire-{width}.pdf"
    pdf = write_report_pdf(
        tmp_path / name,
        [
            [("heading", "Findings"), ("para", LOREM * 3)],
            [
                ("heading", "Care leavers"),
                ("para", f"Pageshire{width} care leavers get swift help with housing. " + LOREM),
            ],
        ],
    )
    client = Client(running_app["url"], verbose=False)
    client.predict(files=[handle_file(str(pdf))], api_name="/upload")
    driver = _driver(tmp_path, width)
    try:
        wait = _open_chat(driver, running_app["url"])
        _ask(driver, f"How do Pageshire{width} care leavers get help with housing?")
        opener = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#src-1-1 .open-page"))[0]
        assert opener.text == "Open p. 2"
        driver.execute_script("arguments[0].scrollIntoView()", opener)
        opener.click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#page-image img"))
        caption = driver.find_element(By.CSS_SELECTOR, "#page-caption").text
        assert "page 2 of the PDF — the quoted sentence is highlighted" in caption
        driver.save_screenshot(str(tmp_path / f"page-{width}.png"))
    finally:
        driver.quit()
        client.predict(report_id=name, api_name="/remove")


@needs_chromium
def test_a_text_reports_source_opens_the_report_at_the_quoted_paragraph(running_app, tmp_path):
    from selenium.webdriver.common.by import By

    driver = _driver(tmp_path)
    try:
        wait = _open_chat(driver, running_app["url"])
        _ask(driver, "What did inspectors say about return home interviews?")
        opener = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#src-1-1 .open-page"))[0]
        assert opener.text == "Open in report"  # the shipped reports are text files: no pages
        quote = driver.find_element(By.CSS_SELECTOR, "#src-1-1 .src-quote").text.strip("“”")
        driver.execute_script("arguments[0].scrollIntoView()", opener)
        opener.click()
        mark = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#page-text mark"))[0]
        assert " ".join(mark.text.split()) == " ".join(quote.split())
        caption = driver.find_element(By.CSS_SELECTOR, "#page-caption").text
        paragraph = mark.find_element(By.XPATH, "./ancestor::p").get_attribute("id")
        assert f"paragraph {paragraph.removeprefix('para-')}, highlighted" in caption
        box = driver.find_element(By.CSS_SELECTOR, "#page-text .text-view")

        def mark_in_view(_driver) -> bool:  # the scroll runs after the mark is drawn: wait for it
            top = driver.execute_script(
                "return arguments[0].getBoundingClientRect().top - arguments[1].getBoundingClientRect().top;",
                mark,
                box,
            )
            return 0 <= top <= box.size["height"]

        assert wait.until(mark_in_view)  # scrolled to the quote inside the report's text
        driver.save_screenshot(str(tmp_path / "text-report.png"))
    finally:
        driver.quit()


@needs_chromium
def test_an_earlier_answers_citation_opens_that_answers_own_source(running_app, tmp_path):
    from selenium.webdriver.common.by import By

    driver = _driver(tmp_path)
    try:
        wait = _open_chat(driver, running_app["url"])
        for turn, question in enumerate(
            ("What did inspectors say about CAMHS waits?", "What about RHIs?"), 1
        ):
            _ask(driver, question)
            wait.until(lambda d, t=turn: d.find_elements(By.CSS_SELECTOR, f"#src-{t}-1"))
        card = driver.find_element(By.CSS_SELECTOR, "#src-1-1")
        assert not card.is_displayed()  # folded under the first question
        link = driver.find_element(By.CSS_SELECTOR, "a[href='#src-1-1']")  # [1] of the first answer
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#src-1-1").is_displayed())
        # The first answer's own source (on CAMHS), not the second's (on return home interviews).
        card_text = driver.find_element(By.CSS_SELECTOR, "#src-1-1").text
        assert "CAMHS" in card_text and "return home" not in card_text.lower()
    finally:
        driver.quit()


@needs_chromium
def test_a_conversation_is_still_there_after_a_reload(running_app, tmp_path):
    from selenium.webdriver.common.by import By

    question = "What did inspectors say about personal advisers?"
    driver = _driver(tmp_path)
    try:
        wait = _open_chat(driver, running_app["url"])
        _ask(driver, question)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#src-1-1"))
        time.sleep(1.0)  # the save that follows the answer
        driver.refresh()  # a new page: nothing on screen, the conversation is in the data folder
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question-box textarea"))
        assert not driver.find_elements(By.CSS_SELECTOR, "#src-1-1")
        next(b for b in driver.find_elements(By.TAG_NAME, "button") if "Your conversations" in b.text).click()
        picker = wait.until(
            lambda d: [
                i
                for i in d.find_elements(By.TAG_NAME, "input")
                if i.get_attribute("aria-label") == "Saved conversations"
            ]
        )[0]
        picker.click()
        option = wait.until(
            lambda d: [o for o in d.find_elements(By.CSS_SELECTOR, "[role=option]") if question in o.text]
        )[0]
        option.click()
        _button(driver, "Open").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#src-1-1"))
        page = driver.find_element(By.TAG_NAME, "body").text
        assert question in page and "personal advis" in page.lower()
    finally:
        driver.quit()


@needs_chromium
def test_on_a_phone_a_citation_jump_offers_a_way_back(running_app, tmp_path):
    from selenium.webdriver.common.by import By

    driver = _driver(tmp_path, width=390)
    try:
        wait = _open_chat(driver, running_app["url"])
        _ask(driver, "What did inspectors say about CAMHS waits?")
        link = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "a[href='#src-1-1']"))[0]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        back = wait.until(lambda d: d.find_element(By.ID, "back-to-answer"))

        def in_view(element) -> bool:
            return driver.execute_script(
                "const r = arguments[0].getBoundingClientRect();"
                "return r.bottom > 0 && r.top < window.innerHeight;",
                element,
            )

        wait.until(lambda d: in_view(d.find_element(By.CSS_SELECTOR, "#src-1-1")))
        assert not in_view(link)  # the card is far below the answer at 390 px
        back.click()
        wait.until(lambda d: in_view(link))
        assert not driver.find_elements(By.ID, "back-to-answer")
    finally:
        driver.quit()


@needs_chromium
def test_removing_in_the_page_asks_first_then_the_header_count_follows(running_app, tmp_path):
    from selenium.webdriver.common.by import By

    def button(text: str):
        return next(b for b in driver.find_elements(By.TAG_NAME, "button") if b.text.startswith(text))

    def choose(label: str, option_text: str) -> None:
        field = next(
            i for i in driver.find_elements(By.TAG_NAME, "input") if i.get_attribute("aria-label") == label
        )
        field.click()
        wait.until(
            lambda d: [o for o in d.find_elements(By.CSS_SELECTOR, "[role=option]") if option_text in o.text]
        )[0].click()

    def count() -> str:
        return driver.find_element(By.CSS_SELECTOR, "#status-line").text.split(" · ")[0]

    driver = _driver(tmp_path)
    try:
        wait = _open_chat(driver, running_app["url"])
        before = wait.until(lambda d: count() if count().endswith("reports") else None)
        button("Reports").click()
        choose("Remove a report", "Focused visit to Wiltshire")
        button("Remove report").click()
        # Asks before anything happens (the question comes back from the server: waited for).
        wait.until(lambda d: "Yes, remove it" in d.find_element(By.TAG_NAME, "body").text)
        assert count() == before
        button("Yes, remove it").click()
        wait.until(lambda d: count() != before)
        assert int(count().split()[0]) == int(before.split()[0]) - 1
        choose("Removed reports (can be restored)", "Focused visit to Wiltshire")
        button("Restore report").click()
        wait.until(lambda d: count() == before)
    finally:
        driver.quit()


@needs_chromium
def test_on_a_phone_the_reports_table_shows_council_date_type_and_judgement(running_app, tmp_path):
    from selenium.webdriver.common.by import By

    driver = _driver(tmp_path, width=390)
    try:
        wait = _open_chat(driver, running_app["url"])
        _button(driver, "Reports").click()
        headers = wait.until(
            lambda d: [h for h in d.find_elements(By.CSS_SELECTOR, "#reports-table th") if h.is_displayed()]
        )
        shown = [h.text.strip().lower() for h in headers]
        assert shown == ["council", "date", "type", "judgement"], shown
        overflow = driver.execute_script(
            "const box = document.querySelector('#reports-table .reports-scroll');"
            "return box.scrollWidth - box.clientWidth;"
        )
        assert overflow <= 0  # every shown column fits: no sideways scrolling
        shown_cells = "#reports-table td"
        cells = wait.until(
            lambda d: [c.text for c in d.find_elements(By.CSS_SELECTOR, shown_cells) if c.is_displayed()]
        )
        driver.save_screenshot(str(tmp_path / "reports-390.png"))
        assert any("Wiltshire" in c for c in cells), cells
    finally:
        driver.quit()


@needs_chromium
def test_an_upload_in_the_page_shows_its_stages_then_the_result(running_app, tmp_path):
    import re

    from selenium.webdriver.common.by import By

    from tests.pdfs import write_long_reports

    paths = [str(path) for path in write_long_reports(tmp_path, "Browsershire")]
    driver = _driver(tmp_path)
    try:
        wait = _open_chat(driver, running_app["url"])
        _button(driver, "Reports").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "input[type=file]"))
        driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys("\n".join(paths))
        wait.until(
            lambda d: all(f"browsershire-{n}" in d.find_element(By.TAG_NAME, "body").text for n in range(3))
        )
        # Every text the result box shows is recorded in the page as it changes: a stage that
        # lasts a few milliseconds on a fast machine is missed by polling from here.
        driver.execute_script(
            "window.stagesSeen = [];"
            "const box = document.querySelector('#manage-result');"
            "new MutationObserver(() => window.stagesSeen.push(box.textContent))"
            ".observe(box, {childList: true, subtree: true, characterData: true});"
        )
        _button(driver, "Index uploaded files").click()
        stage = re.compile(r"(Reading file \d of 3|Embedding passages \d+ of \d+|Storing report \d of \d)")
        result = ""
        deadline = time.time() + 120
        while time.time() < deadline and "added" not in result:
            result = driver.find_element(By.CSS_SELECTOR, "#manage-result textarea").get_attribute("value")
            time.sleep(0.2)
        seen = {s for text in driver.execute_script("return window.stagesSeen;") for s in stage.findall(text)}
        assert any(s.startswith("Reading file") for s in seen), seen
        assert any(s.startswith("Embedding passages") for s in seen), seen
        assert all(f"✓ browsershire-{n}.pdf: added" in result for n in range(3)), result
    finally:
        driver.quit()
        from gradio_client import Client

        client = Client(running_app["url"], verbose=False)
        for n in range(3):
            client.predict(report_id=f"browsershire-{n}.pdf", api_name="/remove")
