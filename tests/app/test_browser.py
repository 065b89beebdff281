"""End to end in headless Chromium: type a question, see an answer with a citation and its source."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]
CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.mark.skipif(
    not (CHROMIUM.exists() and DRIVER.exists()), reason="Debian chromium/chromium-driver not installed"
)
def test_question_in_the_browser(running_app, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

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
        "--window-size=1500,1000",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        driver.get(running_app["url"])
        wait = WebDriverWait(driver, 60)
        box = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question-box textarea"))
        box.send_keys("What did inspectors say about CAMHS waits?")
        box.send_keys(Keys.ENTER)
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
