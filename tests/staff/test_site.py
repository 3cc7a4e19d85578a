"""The staff site in real headless Chromium: `reportbot staff` (waitress) over a fresh SQLite
database, two accounts in the two roles, opinions stored through the bot's store."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from bot.feedback_store import FeedbackStore, Opinion, migrate
from reportbot.serve import stop, wait_until_up

pytestmark = pytest.mark.slow

PASSWORD = "khong-doan-duoc-42"
XSS = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 1">'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[dict]:
    var = tmp_path_factory.mktemp("staff-var")
    url = f"sqlite:///{var / 'feedback.sqlite3'}"
    migrate(url)
    store = FeedbackStore(url, var / "spool.jsonl")
    from staff.opinions.roles import add_user

    add_user("an", PASSWORD, "contacts", using=store.alias)
    add_user("binh", PASSWORD, "reviewer", using=store.alias)
    add_user("chi", PASSWORD, "reviewer", using=store.alias)
    section = "Phần thứ nhất > II. XÃ HỘI"
    references = {
        "poverty": store.save(
            Opinion(
                "Cần giảm tỷ lệ hộ nghèo ở vùng sâu", section, "rest", "c1", contact="0911222333"
            )
        ),
        "water": store.save(Opinion("Nước sạch cho nông thôn", "chung", "telegram", "c2")),
        "xss": store.save(Opinion(XSS, "chung", "rest", "c3", contact="x@example.com")),
    }
    port = free_port()
    environment = os.environ | {
        "REPORTBOT_VAR_DIR": str(var),
        "REPORTBOT_FEEDBACK_DATABASE_URL": url,
        "REPORTBOT_STAFF_PORT": str(port),
    }
    reportbot = Path(sys.executable).parent / "reportbot"
    server = subprocess.Popen([str(reportbot), "staff"], env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/admin/login/", 120, server)
        yield {"base": base, "store": store, "references": references}
    finally:
        stop([server])


def log_in(browser, site, username: str, password: str = PASSWORD) -> None:
    browser.get(f"{site['base']}/admin/login/")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(password)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "input[type=submit]"))


def submit_and_wait(browser, button) -> None:
    """Click a form's button and wait until the next page has replaced this one; else the
    test's next look (current_url, a browser.get) races the form's redirect."""
    button.click()
    WebDriverWait(browser, 30).until(lambda _: is_gone(button))


def is_gone(element) -> bool:
    """Whether the page holding ``element`` was replaced. Chromium answers a look at an element
    of a page being unloaded with "stale element" or, mid-navigation, with "Node ... does not
    belong to the document" (which Selenium's staleness_of does not catch)."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise
    return False


def opinions_page(browser, site, query: str = "") -> str:
    browser.get(f"{site['base']}/admin/opinions/opinion/{query}")
    return browser.find_element(By.ID, "result_list").text


def download(browser, link_id: str) -> bytes:
    """Fetch an export link with the browser's session."""
    href = browser.find_element(By.ID, link_id).get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(href, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def test_log_in_filter_and_search_without_diacritics(site, browser):
    log_in(browser, site, "an")
    assert "Quản lý góp ý" in browser.page_source
    listed = opinions_page(browser, site)
    assert all(r in listed for r in site["references"].values())
    telegram_only = opinions_page(browser, site, "?channel=telegram")
    assert site["references"]["water"] in telegram_only
    assert site["references"]["poverty"] not in telegram_only
    browser.find_element(By.NAME, "created_at__date__lte").send_keys("01012020")
    submit_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, "form.date-range input[type=submit]")
    )
    assert "created_at__date__lte=2020-01-01" in browser.current_url
    assert "channel=telegram" in browser.current_url  # the other filter is kept
    assert not browser.find_elements(By.ID, "result_list")  # nothing that old
    found = opinions_page(browser, site, "?q=ho+ngheo")
    assert site["references"]["poverty"] in found and site["references"]["water"] not in found


def test_mark_reviewed_with_a_note(site, browser):
    log_in(browser, site, "an")
    reference = site["references"]["water"]
    opinions_page(browser, site)
    row = browser.find_element(By.XPATH, f"//tr[.//a[text()='{reference}']]")
    row.find_element(By.CSS_SELECTOR, "input.action-select").click()
    Select(browser.find_element(By.NAME, "action")).select_by_visible_text("Đánh dấu đã xem")
    browser.find_element(By.NAME, "note").send_keys("Đã chuyển Sở Xây dựng xem xét")
    submit_and_wait(browser, browser.find_element(By.NAME, "index"))
    assert "đã xem" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    record = site["store"].get(reference)
    assert record["status"] == "reviewed" and record["note"] == "Đã chuyển Sở Xây dựng xem xét"
    assert record["reviewed_by"] is not None and record["reviewed_at"] is not None


def test_export_csv_and_xlsx_with_contacts_for_the_role_allowed(site, browser):
    log_in(browser, site, "an")
    opinions_page(browser, site, "?channel=rest")
    raw = download(browser, "export-csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert "Liên hệ" in rows[0] and len(rows) == 3  # header + the two rest opinions
    assert any("0911222333" in row for row in rows)
    sheet = load_workbook(io.BytesIO(download(browser, "export-xlsx"))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == rows[0] and len(values) == 3
    assert any(row[values[0].index("Nội dung")] == XSS for row in values[1:])


def test_the_role_without_contact_access_sees_none(site, browser):
    log_in(browser, site, "binh")
    assert "0911222333" not in opinions_page(browser, site)
    browser.get(
        f"{site['base']}/admin/opinions/opinion/{site['references']['poverty'][3:].lstrip('0')}/change/"
    )
    assert "Cần giảm tỷ lệ hộ nghèo" in browser.page_source
    assert "0911222333" not in browser.page_source
    opinions_page(browser, site)
    exported = download(browser, "export-csv").decode("utf-8-sig")
    assert "Liên hệ" not in exported and "0911222333" not in exported


def test_an_xss_payload_is_shown_as_text(site, browser):
    log_in(browser, site, "an")
    listed = opinions_page(browser, site)
    assert "<script>window.pwned = 1</script>" in listed
    assert browser.execute_script("return window.pwned === undefined")


def test_the_dashboard_draws_counts_per_channel(site, browser):
    log_in(browser, site, "an")
    browser.get(f"{site['base']}/admin/opinions/opinion/dashboard/")
    text = browser.find_element(By.ID, "content").text
    assert "Góp ý theo kênh" in text and "telegram" in text
    assert len(browser.find_elements(By.CSS_SELECTOR, ".bar")) >= 4


def test_repeated_wrong_passwords_lock_the_account_out(site, browser):
    for _ in range(5):
        log_in(browser, site, "chi", "sai-mat-khau")
    log_in(browser, site, "chi")  # the right password, too late
    assert "Tài khoản tạm thời bị khóa" in browser.find_element(By.ID, "locked").text
    browser.get(f"{site['base']}/admin/opinions/opinion/")
    assert "id_username" in browser.page_source  # still not logged in
