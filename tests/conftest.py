"""Shared fixtures: the real model (prepared once into var/), a real index built in a
temporary folder and the Rasa model trained into var/rasa-models. The vector cache of var/index,
when present, seeds the build so that the test session embeds only what changed; the build path
is the same either way."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from reportbot.cli import ensure_model
from reportbot.settings import Settings, load_settings


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    settings = load_settings()
    ensure_model(settings)
    return settings


@pytest.fixture(scope="session")
def built_settings(base_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from index.build import build_index

    index_dir = tmp_path_factory.mktemp("index") / "index"
    cache = base_settings.index_dir / "cache.npz"
    if cache.is_file():
        index_dir.mkdir()
        shutil.copy(cache, index_dir / "cache.npz")
        shutil.copy(base_settings.index_dir / "manifest.json", index_dir / "manifest.json")
    settings = dataclasses.replace(base_settings, index_dir=index_dir)
    build_index(settings, lambda _message: None)
    return settings


@pytest.fixture(scope="session")
def assistant(built_settings: Settings):
    from index.assistant import Assistant

    assistant = Assistant(built_settings)
    assistant.warm_up()
    return assistant


@pytest.fixture(scope="session")
def rasa_model_dir() -> Path:
    """The folder of the Rasa model trained from config.yml, bot/domain and bot/data, trained
    once per session by `reportbot.serve.train` (a no-op when Rasa's fingerprint says nothing
    changed). Shared by the NLU held-out test and the e2e servers; it needs no embedding model."""
    from reportbot.serve import train

    return train(load_settings(), lambda _message: None)


@pytest.fixture()
def knowledge_copy(tmp_path: Path, base_settings: Settings) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(base_settings.knowledge_dir, target)
    return target


POSTGRES_SERVER = "postgresql+psycopg2://postgres@127.0.0.1:5432"


@pytest.fixture(scope="session")
def fresh_postgres():
    """Make fresh PostgreSQL databases (on the machine's server) and drop them at the end."""
    import uuid

    import psycopg2

    admin = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    admin.autocommit = True
    made: list[str] = []

    def make() -> str:
        name = f"reportbot_test_{uuid.uuid4().hex[:12]}"
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return name

    yield make
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
    with admin.cursor() as cursor:
        for name in made:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


CHROMEDRIVER = "/usr/bin/chromedriver"  # Debian's chromium-driver (make test installs it)
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    """Real headless Chromium, no network of its own, a fresh profile per test."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
