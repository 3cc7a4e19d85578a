"""Train the Rasa model when its data changed, and run the action server and the Rasa server.

`reportbot run` starts both, then the channels whose credentials are set (the Telegram bot, the
Messenger / Zalo webhooks), prints the web chat and webhook URLs and stops every process it
started on Ctrl-C. A channel that stops does not stop the assistant. The Rasa HTTP API stays
off: only the channels in credentials.yml are served.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

from reportbot.settings import PROJECT_ROOT, Settings

BIN = Path(sys.executable).parent
Progress = Callable[[str], None]


def rasa_environment(settings: Settings) -> dict[str, str]:
    return (
        os.environ
        | settings.as_environment()
        | {
            "RASA_TELEMETRY_ENABLED": "false",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            # Sanic servers (Rasa's, the action server) keep idle connections longer than
            # Rasa's aiohttp client does, so the client never writes to one being closed
            # ("Can not write request body" under concurrent load).
            "SANIC_KEEP_ALIVE_TIMEOUT": "75",
        }
    )


def train(settings: Settings, progress: Progress) -> Path:
    """`rasa train`, which skips training when config, domain and data are unchanged."""
    progress("training the Rasa model (skipped if config, domain and data are unchanged)")
    subprocess.run(
        [
            str(BIN / "rasa"),
            "train",
            "--config", "config.yml",
            "--domain", "bot/domain",
            "--data", "bot/data",
            "--out", str(settings.rasa_models_dir),
        ],
        cwd=PROJECT_ROOT,
        env=rasa_environment(settings),
        check=True,
    )  # fmt: skip
    removed = prune_models(settings.rasa_models_dir)
    if removed:
        progress(f"removed {removed} older Rasa model(s) from {settings.rasa_models_dir}")
    return settings.rasa_models_dir


def prune_models(directory: Path) -> int:
    """Delete all but the newest model: each training writes one of about 45 MB, and Rasa only
    ever loads the newest. Returns how many were deleted."""
    models = sorted(directory.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    old = models[:-1]
    for model in old:
        model.unlink()
    return len(old)


def wait_until_up(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process serving {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def start_action_server(settings: Settings) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "reportbot"), "actions", "--port", str(settings.action_port)],
        cwd=PROJECT_ROOT,
        env=rasa_environment(settings),
    )


def write_endpoints(settings: Settings) -> Path:
    """endpoints.yml with the action server's configured port, in the runtime folder."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{settings.action_port}/webhook"
    path = settings.var_dir / "endpoints.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return path


def start_rasa_server(settings: Settings) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "rasa"),
            "run",
            "--model", str(settings.rasa_models_dir),
            "--credentials", "credentials.yml",
            "--endpoints", str(write_endpoints(settings)),
            "--interface", "127.0.0.1",
            "--port", str(settings.rasa_port),
        ],
        cwd=PROJECT_ROOT,
        env=rasa_environment(settings),
    )  # fmt: skip


def start_channels(settings: Settings, progress: Progress) -> dict[str, subprocess.Popen]:
    """The Telegram bot and the Messenger / Zalo webhooks, each only when configured."""
    from connectors.webhooks import served_paths

    channels: dict[str, subprocess.Popen] = {}
    environment = rasa_environment(settings)
    if settings.telegram_token:
        channels["Telegram bot"] = subprocess.Popen(
            [str(BIN / "reportbot"), "telegram"], cwd=PROJECT_ROOT, env=environment
        )
        progress("Telegram: polling for updates (reportbot telegram)")
    else:
        progress("Telegram: not started (set REPORTBOT_TELEGRAM_TOKEN, see README)")
    paths = served_paths(settings)
    if paths:
        channels["webhooks"] = subprocess.Popen(
            [str(BIN / "reportbot"), "webhooks"], cwd=PROJECT_ROOT, env=environment
        )
    for platform in ("Messenger", "Zalo"):
        if platform in paths:
            url = f"http://127.0.0.1:{settings.webhooks_port}{paths[platform]}"
            progress(f"{platform} webhook: {url} (publish it over HTTPS, see README)")
        else:
            progress(f"{platform}: not started (no credentials, see README)")
    return channels


def migrate(settings: Settings, progress: Progress) -> None:
    """Bring the feedback database to the current schema (Django migrations)."""
    progress("migrating the feedback database")
    subprocess.run(
        [str(BIN / "reportbot"), "migrate"],
        cwd=PROJECT_ROOT,
        env=rasa_environment(settings),
        check=True,
    )


def start_staff_server(settings: Settings) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "reportbot"), "staff"], cwd=PROJECT_ROOT, env=rasa_environment(settings)
    )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(settings: Settings, progress: Progress) -> int:
    train(settings, progress)
    migrate(settings, progress)
    signal.signal(signal.SIGTERM, _interrupt)  # stop the children on `kill` as on Ctrl-C
    processes: list[subprocess.Popen] = []
    try:
        actions = start_action_server(settings)
        processes.append(actions)
        wait_until_up(f"http://127.0.0.1:{settings.action_port}/health", 180, actions)
        rasa = start_rasa_server(settings)
        processes.append(rasa)
        base = f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest"
        wait_until_up(f"{base}/", 300, rasa)
        channels = start_channels(settings, progress)
        processes.extend(channels.values())
        staff = start_staff_server(settings)
        processes.append(staff)
        staff_url = f"http://{settings.staff_host}:{settings.staff_port}/admin/"
        wait_until_up(f"{staff_url}login/", 120, staff)
        progress(f"web chat: {base}/chat   (REST: POST {base}/webhook)   Ctrl-C stops everything")
        progress(f"staff site: {staff_url}   (accounts: reportbot staff add-user NAME --role ...)")
        while actions.poll() is None and rasa.poll() is None and staff.poll() is None:
            for name, channel in list(channels.items()):
                if channel.poll() is not None:  # a platform outage must not stop the assistant
                    progress(f"the {name} stopped (code {channel.returncode}); the rest runs on")
                    del channels[name]
            time.sleep(1)
        progress("a server stopped; stopping the others")
        return 1
    except KeyboardInterrupt:
        progress("stopping")
        return 0
    finally:
        stop(processes)
