"""The pages in a real browser: a citizen files and tracks a case (Arabic), an agent registers a
walk-in case and prints the receipt (French), a supervisor sees it overdue once the test clock
passes its deadline (English); the receipt's QR code decodes to the tracking link."""
import base64
import os
import shutil
import subprocess
import tempfile

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.print_page_options import PrintOptions

from conftest import BASE, SCREENSHOTS, api, make_driver, screenshot


def csp_violations(driver):
    return [entry for entry in driver.get_log("browser")
            if "Content Security Policy" in entry.get("message", "") or "Refused to" in entry.get("message", "")]


def navigating(driver, action):
    """Runs an action that loads a new page and returns once the old page is gone.

    Selenium returns from a click or an Enter before the next page arrives; without this wait a
    lookup can find the element on the old page (the guide lists every service before and after
    a search) and fail later as a stale element."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(driver, 10).until(expected_conditions.staleness_of(old_page))


def sign_in(driver, username, password, lang):
    driver.get(f"{BASE}/desk/login?lang={lang}")
    driver.find_element(By.ID, "username").send_keys(username)
    password_field = driver.find_element(By.ID, "password")
    navigating(driver, lambda: password_field.send_keys(password + Keys.ENTER))
    assert "/desk/login" not in driver.current_url


def test_citizen_files_and_tracks_in_arabic(browser):
    browser.get(f"{BASE}/?lang=ar")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    navigating(browser, browser.find_element(By.CSS_SELECTOR, "a[href='/guide?office=TUN']").click)
    # Search in French from the Arabic page: the guide matches names in all three languages.
    search = browser.find_element(By.ID, "q")
    navigating(browser, lambda: search.send_keys("naissance" + Keys.ENTER))
    assert "q=naissance" in browser.current_url
    # Only the birth services remain, named in Arabic.
    listed = [item.get_attribute("id") for item in browser.find_elements(By.CSS_SELECTOR, "li.service")]
    assert "birth-certificate" in listed and "building-permit" not in listed, listed
    service = browser.find_element(By.ID, "birth-certificate")
    assert "مضمون ولادة" in service.find_element(By.TAG_NAME, "h2").text
    screenshot(browser, "guide-ar")
    navigating(browser, service.find_element(By.CSS_SELECTOR, "a.button").click)
    assert browser.find_element(By.ID, "service").get_attribute("value") == "birth-certificate"
    browser.find_element(By.ID, "subject").send_keys("مضمون ولادة لملف مدرسي")
    browser.find_element(By.ID, "description").send_keys("لملف التسجيل المدرسي")
    browser.find_element(By.ID, "name").send_keys("أميرة بن صالح")
    browser.find_element(By.ID, "phone").send_keys("+216 71 000 000")
    navigating(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click)

    reference = browser.find_element(By.ID, "receipt-reference").text
    key = browser.find_element(By.ID, "receipt-key").text
    assert reference.startswith("TUN-2026-") and len(key) == 8
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ar"  # remembered by the cookie

    browser.get(f"{BASE}/track")
    browser.find_element(By.ID, "reference").send_keys(reference)
    navigating(browser, lambda: browser.find_element(By.ID, "key").send_keys(key + Keys.ENTER))
    result = browser.find_element(By.CSS_SELECTOR, ".result")
    assert reference in result.text
    assert browser.find_element(By.CSS_SELECTOR, ".status").text == "مستلم"
    browser.find_element(By.CSS_SELECTOR, ".why summary").click()
    assert browser.find_element(By.CSS_SELECTOR, ".why ul").is_displayed()
    screenshot(browser, "tracking-ar")

    # A wrong key gets the same answer as an unknown reference.
    browser.get(f"{BASE}/track?reference={reference}&key=AAAAAAAA")
    assert browser.find_element(By.CSS_SELECTOR, ".alert.error").is_displayed()
    assert not csp_violations(browser)


def test_agent_registers_walk_in_and_prints_receipt_in_french(browser, accounts):
    sign_in(browser, "tun.agent", accounts["tun.agent"], "fr")
    assert "/desk/new" in browser.current_url
    # Keyboard only: search, Enter, then the name field has focus.
    search = browser.find_element(By.ID, "q")
    navigating(browser, lambda: search.send_keys("naissance" + Keys.ENTER))
    assert browser.find_element(By.ID, "service").get_attribute("value") == "birth-certificate"
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "name"
    active.send_keys("Karim Trabelsi" + Keys.TAB + Keys.TAB + Keys.TAB + "Extrait de naissance")
    documents = browser.find_elements(By.CSS_SELECTOR, ".checklist input[type=checkbox]")
    assert documents
    documents[0].send_keys(Keys.SPACE)
    screenshot(browser, "desk-form-fr")
    navigating(browser, lambda: browser.find_element(By.ID, "subject").send_keys(Keys.ENTER))

    reference = browser.find_element(By.ID, "receipt-reference").text
    assert reference.startswith("TUN-2026-")
    assert browser.find_element(By.ID, "receipt-key").text
    assert browser.find_element(By.ID, "receipt-deadline").text
    assert browser.find_element(By.ID, "receipt-qr").find_element(By.TAG_NAME, "svg")
    missing = browser.find_elements(By.CSS_SELECTOR, ".receipt ul.docs li")
    assert len(missing) == len(documents) - 1
    assert browser.find_element(By.ID, "print-receipt").is_displayed()
    screenshot(browser, "receipt-fr")
    options = PrintOptions()
    options.page_width = 14.8
    options.page_height = 21.0
    pdf = base64.b64decode(browser.print_page(options))
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000

    browser.get(f"{BASE}/desk/queue")
    assert reference in browser.find_element(By.TAG_NAME, "table").text
    assert not csp_violations(browser)


def test_receipt_qr_decodes_to_tracking_link(browser):
    created = api("POST", "/api/v1/cases", {
        "office": "TUN", "service": "birth-certificate", "subject": "QR",
        "description": "Browser test", "applicant": {"name": "Test QR"}})
    browser.get(f"{BASE}/receipt?reference={created['reference']}&key={created['tracking_key']}&lang=fr")
    qr = browser.find_element(By.ID, "receipt-qr")
    if qr.find_elements(By.CSS_SELECTOR, "[data-placeholder]"):
        pytest.skip("the QR encoder has not landed yet (Pages/ReceiptQR.swift placeholder)")
    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg (zbar-tools) is missing")
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "qr.png")
        qr.screenshot(path)
        out = subprocess.run(["zbarimg", "--quiet", "--raw", path], capture_output=True, text=True, check=True)
    expected = f"{BASE}/track?reference={created['reference']}&key={created['tracking_key']}"
    assert out.stdout.strip() == expected


def test_supervisor_sees_overdue_case_in_english(browser, accounts, clock):
    created = api("POST", "/api/v1/cases", {
        "office": "TUN", "service": "birth-certificate", "subject": "Late one",
        "description": "Browser test", "applicant": {"name": "Test Overdue"}})
    clock("2027-01-20T09:00:00Z")
    try:
        sign_in(browser, "tun.supervisor", accounts["tun.supervisor"], "en")
        assert "/desk/dashboard" in browser.current_url
        late = browser.find_element(By.ID, "late")
        row = late.find_element(By.XPATH, f".//tr[td/a[text()='{created['reference']}']]")
        assert "Overdue" in row.text
        assert browser.find_element(By.CSS_SELECTOR, "a[href='/api/v1/reports/overdue?format=csv']")
        assert browser.find_elements(By.CSS_SELECTOR, "main h2")
        assert not csp_violations(browser)
    finally:
        clock("2026-11-23T09:00:00Z")


def test_every_page_fits_320_pixels_and_budget(accounts):
    driver = make_driver(800, 800)
    try:
        # Chromium windows have a minimum width; a phone's 320 CSS pixels are emulated instead.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": True})
        for path in ("/?lang=ar", "/guide?office=TUN", "/track", "/file?office=TUN", "/stats?office=TUN", "/petitions"):
            driver.get(BASE + path)
            width = driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= 320, (path, width)
            size = len(driver.page_source.encode())
            assert size < 50_000, (path, size)
    finally:
        driver.quit()


@pytest.mark.skipif(not SCREENSHOTS, reason="screenshots only with GUICHET_SCREENSHOTS=1")
def test_screenshots(accounts, clock):
    driver = make_driver()
    try:
        for lang in ("ar", "fr"):
            driver.get(f"{BASE}/guide?office=TUN&lang={lang}")
            screenshot(driver, f"guide-{lang}")
            created = api("POST", "/api/v1/cases", {
                "office": "TUN", "service": "building-permit", "subject": "Permis", "description": "Browser test", "applicant": {"name": "Demo"}})
            link = f"{BASE}/track?reference={created['reference']}&key={created['tracking_key']}"
            driver.get(link)
            driver.find_element(By.CSS_SELECTOR, ".why summary").click()
            screenshot(driver, f"tracking-{lang}")
            driver.get(f"{BASE}/receipt?reference={created['reference']}&key={created['tracking_key']}&missing=all")
            screenshot(driver, f"receipt-{lang}")
            sign_in(driver, "tun.supervisor", accounts["tun.supervisor"], lang)
            driver.get(f"{BASE}/desk/new?service=building-permit")
            screenshot(driver, f"desk-form-{lang}")
            clock("2027-01-20T09:00:00Z")
            sign_in(driver, "tun.supervisor", accounts["tun.supervisor"], lang)  # the old session expired
            driver.get(f"{BASE}/desk/dashboard")
            screenshot(driver, f"dashboard-{lang}")
            clock("2026-11-23T09:00:00Z")
            driver.delete_all_cookies()
    finally:
        driver.quit()


def test_receipt_offers_a4_as_well_as_a5(browser):
    created = api("POST", "/api/v1/cases", {
        "office": "TUN", "service": "birth-certificate", "subject": "Paper",
        "description": "Browser test", "applicant": {"name": "Test Paper"}})
    base = f"{BASE}/receipt?reference={created['reference']}&key={created['tracking_key']}&lang=fr"
    browser.get(base)
    sheet = browser.find_element(By.CSS_SELECTOR, "link[media='print']")
    assert sheet.get_attribute("href").endswith("/css/print.css")
    browser.find_element(By.ID, "paper-a4").click()
    WebDriverWait(browser, 10).until(lambda d: "paper=a4" in d.current_url)
    sheet = browser.find_element(By.CSS_SELECTOR, "link[media='print']")
    assert sheet.get_attribute("href").endswith("/css/print-a4.css")
    assert created["reference"] in browser.find_element(By.ID, "receipt-reference").text
