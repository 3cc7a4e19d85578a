"""Messenger and Zalo end to end: `reportbot webhooks` receives signed events over HTTP and replies
through stand-ins of the Graph API Send API and the Zalo OA API, the real assistant behind."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from connectors.standins import Recorded, StandIn
from reportbot.serve import BIN, rasa_environment, stop, wait_until_up
from reportbot.settings import PROJECT_ROOT
from tests.e2e.conftest import free_port

pytestmark = pytest.mark.slow

QUESTION = "Tỷ lệ hộ nghèo năm 2020 của tỉnh là bao nhiêu?"
APP_SECRET, VERIFY_TOKEN, PAGE_TOKEN = "fb-app-secret", "fb-verify", "fb-page-token"
ZALO_APP_ID, OA_SECRET, APP_KEY = "4321", "oa-secret-key", "zalo-app-secret"
_ids = itertools.count(9001)


class ZaloApi:
    """The OA message API accepts only the current token; the OAuth endpoint rotates the pair."""

    def __init__(self) -> None:
        self.valid = "fresh-access-1"
        self.refreshes = 0

    def __call__(self, request: Recorded) -> tuple[int, object]:
        if request.path == "/v4/oa/access_token":
            self.refreshes += 1
            self.valid = f"fresh-access-{self.refreshes + 1}"
            pair = {"access_token": self.valid, "refresh_token": f"refresh-{self.refreshes + 1}"}
            return 200, pair | {"expires_in": "90000"}
        if request.headers.get("access_token") != self.valid:
            return 200, {"error": -216, "message": "Access token is invalid"}
        return 200, {"error": 0, "message": "Success", "data": {"message_id": "z"}}


@dataclass
class Platforms:
    url: str
    graph: StandIn
    zalo: StandIn
    zalo_api: ZaloApi
    token_file: Path
    log: Path


def graph_api(request: Recorded) -> tuple[int, object]:
    return 200, {"recipient_id": "x", "message_id": "m"}


@pytest.fixture(scope="module")
def platforms(servers, tmp_path_factory) -> Iterator[Platforms]:
    folder = tmp_path_factory.mktemp("webhooks")
    port = free_port()
    zalo_api = ZaloApi()
    with StandIn(graph_api) as graph, StandIn(zalo_api) as zalo:
        environment = rasa_environment(servers.settings) | {
            "REPORTBOT_WEBHOOKS_PORT": str(port),
            "REPORTBOT_FACEBOOK_PAGE_TOKEN": PAGE_TOKEN,
            "REPORTBOT_FACEBOOK_APP_SECRET": APP_SECRET,
            "REPORTBOT_FACEBOOK_VERIFY_TOKEN": VERIFY_TOKEN,
            "REPORTBOT_FACEBOOK_API_URL": f"{graph.url}/v21.0",
            "REPORTBOT_ZALO_APP_ID": ZALO_APP_ID,
            "REPORTBOT_ZALO_APP_SECRET": APP_KEY,
            "REPORTBOT_ZALO_OA_SECRET_KEY": OA_SECRET,
            "REPORTBOT_ZALO_ACCESS_TOKEN": "expired-access",
            "REPORTBOT_ZALO_REFRESH_TOKEN": "refresh-1",
            "REPORTBOT_ZALO_API_URL": zalo.url,
            "REPORTBOT_ZALO_OAUTH_URL": zalo.url,
            "REPORTBOT_ZALO_TOKEN_FILE": str(folder / "zalo-tokens.json"),
        }
        log = folder / "webhooks.log"
        process = subprocess.Popen(
            [str(BIN / "reportbot"), "webhooks"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(
                f"{url}/webhooks/messenger?hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}",
                60,
                process,
            )
            yield Platforms(url, graph, zalo, zalo_api, folder / "zalo-tokens.json", log)
        finally:
            stop([process])


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"} | headers
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


# Messenger


def messenger_event(psid: str, message: dict) -> bytes:
    event = {
        "sender": {"id": psid},
        "recipient": {"id": "page"},
        "timestamp": 1,
        "message": message,
    }
    return json.dumps({"object": "page", "entry": [{"id": "page", "messaging": [event]}]}).encode()


def facebook_signature(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def messages_to(psid: str) -> callable:
    return lambda r: (
        r.path.endswith("/me/messages")
        and r.params.get("recipient", {}).get("id") == psid
        and "message" in r.params
    )


def test_messenger_verify_handshake(platforms):
    base = f"{platforms.url}/webhooks/messenger?hub.mode=subscribe&hub.challenge=1158201444"
    assert get(f"{base}&hub.verify_token={VERIFY_TOKEN}") == (200, "1158201444")
    assert get(f"{base}&hub.verify_token=wrong")[0] == 403


def test_messenger_signed_message_is_answered_through_the_send_api(platforms):
    psid = str(next(_ids))
    body = messenger_event(psid, {"mid": "m1", "text": QUESTION})
    sent = post(
        f"{platforms.url}/webhooks/messenger",
        body,
        {"X-Hub-Signature-256": facebook_signature(body)},
    )
    assert sent == 200
    [reply] = platforms.graph.wait_for(messages_to(psid))
    assert reply.params["access_token"] == PAGE_TOKEN
    assert reply.path == "/v21.0/me/messages"
    assert "3,1%" in reply.params["message"]["text"]
    quick = reply.params["message"]["quick_replies"]
    assert [q["title"] for q in quick] == ["👍", "👎", "Góp ý về mục này"]
    assert quick[1]["payload"] == '/rate_answer{"vote": "down"}'


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, "wrong"])
def test_messenger_bad_or_missing_signature_is_refused_and_nothing_sent(platforms, signature):
    psid = str(next(_ids))
    body = messenger_event(psid, {"mid": "m2", "text": QUESTION})
    headers = {"X-Hub-Signature-256": signature} if signature else {}
    assert post(f"{platforms.url}/webhooks/messenger", body, headers) == 403
    time.sleep(1)
    assert not platforms.graph.since(0, lambda r: r.params.get("recipient", {}).get("id") == psid)


def test_messenger_echo_gets_nothing(platforms):
    psid = str(next(_ids))
    body = messenger_event(psid, {"mid": "m3", "text": QUESTION, "is_echo": True, "app_id": 1})
    assert (
        post(
            f"{platforms.url}/webhooks/messenger",
            body,
            {"X-Hub-Signature-256": facebook_signature(body)},
        )
        == 200
    )
    time.sleep(1)
    assert not platforms.graph.since(0, lambda r: r.params.get("recipient", {}).get("id") == psid)


# Zalo


def zalo_event(user_id: str, text: str) -> bytes:
    return json.dumps(
        {
            "app_id": ZALO_APP_ID,
            "user_id_by_app": "u",
            "event_name": "user_send_text",
            "timestamp": str(int(time.time() * 1000)),
            "sender": {"id": user_id},
            "recipient": {"id": "oa"},
            "message": {"msg_id": "z1", "text": text},
        },
        ensure_ascii=False,
    ).encode()


def zalo_signature(body: bytes, secret: str = OA_SECRET) -> str:
    timestamp = json.loads(body)["timestamp"]
    signed = ZALO_APP_ID.encode() + body + timestamp.encode() + secret.encode()
    return "mac=" + hashlib.sha256(signed).hexdigest()


def zalo_messages_to(user_id: str) -> callable:
    return lambda r: (
        r.path == "/v3.0/oa/message/cs" and r.params.get("recipient", {}).get("user_id") == user_id
    )


def test_zalo_expired_token_is_refreshed_once_then_the_reply_is_sent(platforms):
    user_id = str(next(_ids))
    body = zalo_event(user_id, QUESTION)
    assert (
        post(f"{platforms.url}/webhooks/zalo", body, {"X-ZEvent-Signature": zalo_signature(body)})
        == 200
    )
    refused, accepted = platforms.zalo.wait_for(zalo_messages_to(user_id), count=2)
    assert refused.headers["access_token"] == "expired-access"
    assert accepted.headers["access_token"] == "fresh-access-2"
    [refresh] = platforms.zalo.since(0, lambda r: r.path == "/v4/oa/access_token")
    assert refresh.params == {
        "refresh_token": "refresh-1",
        "app_id": ZALO_APP_ID,
        "grant_type": "refresh_token",
    }
    assert refresh.headers["secret_key"] == APP_KEY
    assert "3,1%" in accepted.params["message"]["text"]
    buttons = accepted.params["message"]["attachment"]["payload"]["buttons"]
    assert [b["title"] for b in buttons] == ["👍", "👎", "Góp ý về mục này"]
    stored = json.loads(platforms.token_file.read_text())
    assert (stored["access_token"], stored["refresh_token"]) == ("fresh-access-2", "refresh-2")


def test_zalo_signed_event_is_answered_with_the_stored_token(platforms):
    user_id = str(next(_ids))
    body = zalo_event(user_id, "Xin chào")
    assert (
        post(f"{platforms.url}/webhooks/zalo", body, {"X-ZEvent-Signature": zalo_signature(body)})
        == 200
    )
    [reply] = platforms.zalo.wait_for(zalo_messages_to(user_id))
    assert reply.headers["access_token"] == platforms.zalo_api.valid
    assert "Xin chào" in reply.params["message"]["text"]


@pytest.mark.parametrize("signature", [None, "mac=" + "0" * 64])
def test_zalo_bad_signature_is_refused_and_nothing_sent(platforms, signature):
    user_id = str(next(_ids))
    body = zalo_event(user_id, QUESTION)
    headers = {"X-ZEvent-Signature": signature} if signature else {}
    assert post(f"{platforms.url}/webhooks/zalo", body, headers) == 403
    forged = zalo_signature(body, secret="not-the-oa-secret")
    assert post(f"{platforms.url}/webhooks/zalo", body, {"X-ZEvent-Signature": forged}) == 403
    time.sleep(1)
    assert not platforms.zalo.since(0, zalo_messages_to(user_id))


def test_no_traceback_in_the_webhooks_log(platforms):
    text = platforms.log.read_text(encoding="utf-8")
    assert "Traceback" not in text and " ERROR " not in text, text[-3000:]
