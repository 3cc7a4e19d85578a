"""Channel credentials come from the environment or a .env file; none are needed to start."""

from __future__ import annotations

from reportbot import settings as settings_module
from reportbot.settings import load_settings


def test_no_credentials_are_needed(monkeypatch, tmp_path):
    monkeypatch.setattr(settings_module, "ENV_FILE", tmp_path / "missing.env")
    for name in (
        "REPORTBOT_TELEGRAM_TOKEN",
        "REPORTBOT_FACEBOOK_PAGE_TOKEN",
        "REPORTBOT_ZALO_APP_ID",
    ):
        monkeypatch.delenv(name, raising=False)
    loaded = load_settings()
    assert (loaded.telegram_token, loaded.facebook_page_token, loaded.zalo_app_id) == ("", "", "")
    assert loaded.telegram_api_url == "https://api.telegram.org"


def test_a_dotenv_file_is_read_and_the_environment_wins(monkeypatch, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "REPORTBOT_TELEGRAM_TOKEN=123:from-file\nREPORTBOT_WEBHOOKS_PORT=6100\n", encoding="utf-8"
    )
    monkeypatch.setattr(settings_module, "ENV_FILE", env_file)
    monkeypatch.delenv("REPORTBOT_TELEGRAM_TOKEN", raising=False)
    monkeypatch.setenv("REPORTBOT_WEBHOOKS_PORT", "6200")
    loaded = load_settings()
    assert loaded.telegram_token == "123:from-file"
    assert loaded.webhooks_port == 6200


def test_a_list_setting_is_read_from_commas_and_written_back_the_same(monkeypatch, tmp_path):
    monkeypatch.setattr(settings_module, "ENV_FILE", tmp_path / "missing.env")
    monkeypatch.setenv("REPORTBOT_SUMMARY_HEADINGS", "Ưu điểm, Kết quả chung")
    loaded = load_settings()
    assert loaded.summary_headings == ("Ưu điểm", "Kết quả chung")
    assert loaded.as_environment()["REPORTBOT_SUMMARY_HEADINGS"] == "Ưu điểm,Kết quả chung"
