"""Channel benchmark (JSON, not a test): one citizen asks the case file's questions one after
another through each platform's stand-in; each time runs from the platform's request (the update
handed to `getUpdates`, the signed webhook POST) to the last part of the reply reaching the
stand-in. Needs the assistant running (`reportbot run`) on the configured Rasa port."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from connectors.standins import StandIn, TelegramStandIn
from index.cases import load_cases
from reportbot.rest_client import RestClient
from reportbot.serve import BIN, rasa_environment, stop, wait_until_up
from reportbot.settings import PROJECT_ROOT, Settings

TOKEN = "1:BENCH"
SECRET = "bench-secret"


def _summary(timings: list[float]) -> dict:
    ordered = sorted(timings)
    return {
        "runs": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
        "max_ms": round(ordered[-1], 1),
    }


def _start(command: str, settings: Settings, environment: dict[str, str], log: Path):
    return subprocess.Popen(
        [str(BIN / "reportbot"), command],
        cwd=PROJECT_ROOT,
        env=rasa_environment(settings) | environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def _timed(stand_in: StandIn, send: Callable[[], None], replied: Callable) -> float:
    mark = len(stand_in.requests)
    started = time.perf_counter()
    send()
    stand_in.wait_for(lambda r: r in stand_in.requests[mark:] and replied(r))
    time.sleep(0.2)  # a split reply: time its last part
    last = stand_in.since(mark, replied)[-1]
    return (last.at - started) * 1000


def telegram(settings: Settings, questions: list[str], folder: Path) -> dict:
    with TelegramStandIn() as stand_in:
        bot = _start(
            "telegram",
            settings,
            {"REPORTBOT_TELEGRAM_TOKEN": TOKEN, "REPORTBOT_TELEGRAM_API_URL": stand_in.url},
            folder / "telegram.log",
        )
        try:
            stand_in.wait_for(lambda r: r.path.endswith("/getUpdates"))
            user = {"id": 77, "is_bot": False, "first_name": "Dân"}
            chat = {"id": 77, "type": "private"}

            def ask(question: str) -> Callable[[], None]:
                message = {"message_id": 1, "date": int(time.time()), "chat": chat, "from": user}
                return lambda: stand_in.push({"message": message | {"text": question}})

            def replied(request) -> bool:
                return request.path.endswith("/sendMessage")

            return _summary([_timed(stand_in, ask(q), replied) for q in questions])
        finally:
            stop([bot])


def _post(url: str, body: bytes, headers: dict[str, str]) -> None:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"} | headers
    )
    with urllib.request.urlopen(request, timeout=30):
        pass


def webhooks(settings: Settings, questions: list[str], folder: Path) -> dict:
    port = settings.webhooks_port
    zalo_answer = {"error": 0, "message": "Success"}
    with (
        StandIn(lambda r: (200, {"message_id": "m"})) as graph,
        StandIn(lambda r: (200, zalo_answer)) as zalo,
    ):
        process = _start(
            "webhooks",
            settings,
            {
                "REPORTBOT_FACEBOOK_PAGE_TOKEN": "page",
                "REPORTBOT_FACEBOOK_APP_SECRET": SECRET,
                "REPORTBOT_FACEBOOK_VERIFY_TOKEN": "verify",
                "REPORTBOT_FACEBOOK_API_URL": graph.url,
                "REPORTBOT_ZALO_APP_ID": "1",
                "REPORTBOT_ZALO_OA_SECRET_KEY": SECRET,
                "REPORTBOT_ZALO_ACCESS_TOKEN": "access",
                "REPORTBOT_ZALO_API_URL": zalo.url,
                "REPORTBOT_ZALO_TOKEN_FILE": str(folder / "zalo-tokens.json"),
            },
            folder / "webhooks.log",
        )
        base = f"http://127.0.0.1:{port}/webhooks"
        try:
            wait_until_up(f"{base}/messenger?hub.mode=subscribe&hub.verify_token=verify", 60)

            def messenger(question: str) -> Callable[[], None]:
                event = {"sender": {"id": "77"}, "message": {"mid": "m", "text": question}}
                body = json.dumps({"object": "page", "entry": [{"messaging": [event]}]}).encode()
                mac = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                return lambda: _post(
                    f"{base}/messenger", body, {"X-Hub-Signature-256": f"sha256={mac}"}
                )

            def zalo_event(question: str) -> Callable[[], None]:
                stamp = str(int(time.time() * 1000))
                body = json.dumps(
                    {
                        "app_id": "1",
                        "event_name": "user_send_text",
                        "timestamp": stamp,
                        "sender": {"id": "77"},
                        "message": {"text": question},
                    }
                ).encode()
                mac = hashlib.sha256(b"1" + body + stamp.encode() + SECRET.encode()).hexdigest()
                return lambda: _post(f"{base}/zalo", body, {"X-ZEvent-Signature": f"mac={mac}"})

            def to_messenger(request) -> bool:
                return "message" in request.params

            def to_zalo(request) -> bool:
                return request.path.endswith("/message/cs")

            return {
                "messenger": _summary(
                    [_timed(graph, messenger(q), to_messenger) for q in questions]
                ),
                "zalo": _summary([_timed(zalo, zalo_event(q), to_zalo) for q in questions]),
            }
        finally:
            stop([process])


def rest(settings: Settings, questions: list[str]) -> dict:
    """The same questions straight to the REST channel: the assistant's own share of the time."""
    client = RestClient(f"http://127.0.0.1:{settings.rasa_port}")
    timings = []
    for question in questions:
        started = time.perf_counter()
        client.send("bench-rest", question)
        timings.append((time.perf_counter() - started) * 1000)
    return _summary(timings)


def run_channel_benchmark(settings: Settings, cases_path: Path) -> dict:
    """p50 / p95 per channel, from the platform's request to the reply at its stand-in, beside
    the REST channel alone."""
    wait_until_up(f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/", 10)
    questions = [c.question for c in load_cases(cases_path) if c.expect in ("answer", "fallback")]
    with tempfile.TemporaryDirectory(prefix="reportbot-bench-") as tmp:
        folder = Path(tmp)
        return {
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
            "questions": len(questions),
            "rest_alone": rest(settings, questions),
            "telegram": telegram(settings, questions, folder),
            **webhooks(settings, questions, folder),
        }
