"""Fixtures of the browser tests: the running Guichet (started by scripts/browser-tests.sh), its
demo accounts, the admin's API token for the test clock, and headless Chromium from Debian."""
import json
import os
import re
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE = os.environ.get("GUICHET_URL", "http://127.0.0.1:8080")
SCREENSHOTS = os.environ.get("GUICHET_SCREENSHOTS") == "1"
SHOT_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "screenshots")


def api(method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


@pytest.fixture(scope="session")
def accounts():
    """username → password, parsed from what `guichet seed-demo` printed."""
    found = {}
    with open(os.environ["GUICHET_ACCOUNTS"], encoding="utf-8") as f:
        for line in f:
            match = re.match(r"\s+(\S+)\s+(admin|agent|supervisor)\s+\S+\s+(\S+)\s*$", line)
            if match:
                found[match.group(1)] = match.group(3)
    assert {"admin", "tun.agent", "tun.supervisor"} <= found.keys(), found
    return found


@pytest.fixture(scope="session")
def clock(accounts):
    def set_clock(instant):
        # A fresh token each time: moving the clock by days expires the previous session.
        token = api("POST", "/api/v1/session", {"username": "admin", "password": accounts["admin"]})["token"]
        api("PUT", "/api/v1/test/clock", {"now": instant}, token=token)

    # Monday 23 November 2026, 10:00 in Tunis: a working day.
    set_clock("2026-11-23T09:00:00Z")
    return set_clock


def make_driver(width=1280, height=1000):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--disable-extensions", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--metrics-recording-only", "--no-default-browser-check"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.implicitly_wait(3)
    return driver


@pytest.fixture
def browser(clock):
    driver = make_driver()
    yield driver
    driver.quit()


def screenshot(driver, name):
    """Saves docs/screenshots/NAME.png when GUICHET_SCREENSHOTS=1 (not in CI)."""
    if SCREENSHOTS:
        os.makedirs(SHOT_DIR, exist_ok=True)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(max(height, 700), 2400))
        driver.save_screenshot(os.path.join(SHOT_DIR, name + ".png"))
        driver.set_window_size(1280, 1000)
