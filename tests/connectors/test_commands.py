"""A channel started without its credentials stops at once with an English error naming the fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPORTBOT = Path(sys.executable).with_name("reportbot")


def run(*args: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("REPORTBOT_")}
    return subprocess.run(
        [str(REPORTBOT), *args],
        capture_output=True,
        text=True,
        env=environment | {"REPORTBOT_VAR_DIR": "/nonexistent-reportbot-var"},
        timeout=120,
    )


@pytest.mark.parametrize(
    ("command", "fix"),
    [
        ("telegram", "REPORTBOT_TELEGRAM_TOKEN is not set: create a bot with @BotFather"),
        ("webhooks", "no webhook channel is configured: set REPORTBOT_FACEBOOK_PAGE_TOKEN"),
    ],
)
def test_a_channel_without_credentials_names_what_to_set(command, fix):
    result = run(command)
    assert result.returncode == 2
    assert fix in result.stderr and "Traceback" not in result.stderr
