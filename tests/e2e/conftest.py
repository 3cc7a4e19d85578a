"""The real assistant: `reportbot actions` and `rasa run` as subprocesses on free ports,
talked to over HTTP. The Rasa model is the one the session's `rasa_model_dir` fixture trained
into var/rasa-models (tests/conftest.py); the feedback store is a fresh SQLite file."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.feedback_store import FeedbackStore, migrate
from reportbot.rest_client import RestClient
from reportbot.serve import (
    start_action_server,
    start_rasa_server,
    stop,
    wait_until_up,
)
from reportbot.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclasses.dataclass
class Servers:
    settings: Settings
    actions: subprocess.Popen
    rasa: subprocess.Popen
    client: RestClient
    store: FeedbackStore

    def restart_actions(self) -> None:
        self.actions = start_action_server(self.settings)
        wait_until_up(f"http://127.0.0.1:{self.settings.action_port}/health", 180, self.actions)


@pytest.fixture(scope="session")
def servers(
    base_settings: Settings, rasa_model_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Servers]:
    folder = tmp_path_factory.mktemp("feedback")
    settings = dataclasses.replace(
        base_settings,
        rasa_port=free_port(),
        action_port=free_port(),
        feedback_database_url=f"sqlite:///{folder / 'feedback.sqlite3'}",
        feedback_spool=folder / "spool.jsonl",
        # Many tests and the concurrent writers share few sender ids.
        feedback_max_per_hour=100_000,
    )
    assert settings.rasa_models_dir == rasa_model_dir
    migrate(settings.feedback_database_url)
    running = Servers(
        settings,
        start_action_server(settings),
        start_rasa_server(settings),
        RestClient(f"http://127.0.0.1:{settings.rasa_port}"),
        FeedbackStore.from_settings(settings),
    )
    try:
        wait_until_up(f"http://127.0.0.1:{settings.action_port}/health", 180, running.actions)
        wait_until_up(f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/", 300, running.rasa)
        yield running
    finally:
        stop([running.actions, running.rasa])
