"""The web chat page in real headless Chromium, talking to the real assistant."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.slow


def bot_bubbles(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, ".msg.bot")


def send(driver, text: str) -> None:
    before = len(bot_bubbles(driver))
    box = driver.find_element(By.ID, "text")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 60).until(lambda d: len(bot_bubbles(d)) > before)


def test_question_answered_with_its_source_on_the_page(servers, browser):
    browser.get(f"http://127.0.0.1:{servers.settings.rasa_port}/webhooks/rest/chat")
    assert "Báo cáo chính trị" in browser.title
    send(browser, "Tỷ lệ hộ nghèo năm 2020 của tỉnh là bao nhiêu?")
    reply = bot_bubbles(browser)[-1]
    assert "3,1%" in reply.text
    assert reply.get_attribute("data-kind") == "answer"
    assert "Nguồn: Phần thứ nhất" in reply.find_element(By.CLASS_NAME, "source").text
    assert browser.find_elements(By.CSS_SELECTOR, ".msg.user")[-1].text.startswith("Tỷ lệ hộ")


def test_markup_typed_by_a_citizen_is_shown_as_text(servers, browser):
    browser.get(f"http://127.0.0.1:{servers.settings.rasa_port}/webhooks/rest/chat")
    send(browser, "<img src=x onerror=\"document.title='hacked'\">")
    assert browser.title != "hacked"
    assert browser.find_elements(By.CSS_SELECTOR, ".msg.user")[-1].text.startswith("<img")
    assert not browser.find_elements(By.CSS_SELECTOR, "#log img")


def test_feedback_through_the_page_gets_a_reference(servers, browser):
    browser.get(f"http://127.0.0.1:{servers.settings.rasa_port}/webhooks/rest/chat")
    send(browser, "Góp ý: nên nâng chỉ tiêu nước sạch nông thôn lên 90%")
    reply = bot_bubbles(browser)[-1]
    assert reply.get_attribute("data-kind") == "feedback_saved"
    reference = next(w for w in reply.text.replace(",", " ").split() if w.startswith("GY-"))
    assert servers.store.get(reference)["text"].startswith("Góp ý: nên nâng chỉ tiêu nước sạch")


def test_answer_links_its_passage_and_its_button_starts_the_feedback(servers, browser):
    browser.get(f"http://127.0.0.1:{servers.settings.rasa_port}/webhooks/rest/chat")
    send(browser, "Tỷ lệ hộ nghèo năm 2020 của tỉnh là bao nhiêu?")
    answer = bot_bubbles(browser)[-1]
    link = answer.find_element(By.CSS_SELECTOR, ".source a.section-link")
    assert link.text.startswith("Phần thứ nhất")
    passage = answer.find_element(By.CSS_SELECTOR, ".passage")
    assert not passage.is_displayed()
    link.click()
    assert passage.is_displayed() and "3,1%" in passage.text
    assert link.get_attribute("href").endswith("#" + passage.get_attribute("id"))
    titles = [b.text for b in answer.find_elements(By.CSS_SELECTOR, ".actions button")]
    assert titles == ["👍", "👎", "Góp ý về mục này"]
    before = len(bot_bubbles(browser))
    answer.find_element(By.XPATH, ".//button[text()='Góp ý về mục này']").click()
    WebDriverWait(browser, 60).until(lambda d: len(bot_bubbles(d)) > before)
    prompt = bot_bubbles(browser)[-1]
    assert prompt.get_attribute("data-kind") == "feedback_prompt"
    assert link.text in prompt.text
    assert browser.find_elements(By.CSS_SELECTOR, ".msg.user")[-1].text == "Góp ý về mục này"
    send(browser, "Cần có thêm số liệu theo từng huyện.")
    saved = bot_bubbles(browser)[-1]
    assert saved.get_attribute("data-kind") == "feedback_saved"
    reference = next(w for w in saved.text.replace(",", " ").split() if w.startswith("GY-"))
    assert servers.store.get(reference)["section"] == link.text


def test_an_unsure_opinion_is_confirmed_with_buttons_on_the_page(servers, browser):
    browser.get(f"http://127.0.0.1:{servers.settings.rasa_port}/webhooks/rest/chat")
    send(browser, "chỉ tiêu này thấp quá. dân mình còn nghèo")
    question = bot_bubbles(browser)[-1]
    assert question.get_attribute("data-kind") == "feedback_prompt"
    buttons = question.find_elements(By.CSS_SELECTOR, ".actions button")
    assert [b.text for b in buttons] == ["Đúng, gửi góp ý", "Không"]
    before = len(bot_bubbles(browser))
    buttons[0].click()
    WebDriverWait(browser, 60).until(lambda d: len(bot_bubbles(d)) > before)
    saved = bot_bubbles(browser)[-1]
    assert saved.get_attribute("data-kind") == "feedback_saved"
    assert all(not b.is_enabled() for b in buttons)
    reference = next(w for w in saved.text.replace(",", " ").split() if w.startswith("GY-"))
    assert servers.store.get(reference)["text"] == "chỉ tiêu này thấp quá. dân mình còn nghèo"
