"""Zalo Official Account: webhook events in, replies through the OA customer-service message API
(Zalo OA API v3).

Every event is checked against ``X-ZEvent-Signature`` = "mac=" + sha256(app id + raw body +
the event's timestamp + OA secret key). The OA access token lasts about a day and the refresh
token is single-use, so each refresh writes the new pair to a file under var/ (the settings'
tokens only seed it); a token Zalo refuses is refreshed once and the reply sent again.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
from aiohttp import web

from connectors.assistant_client import NOT_TEXT_TEXT, START, AssistantClient, AssistantReply
from connectors.background import PerSender
from connectors.splitting import split_message
from reportbot.settings import Settings

logger = logging.getLogger(__name__)

CHANNEL = "zalo"
MAX_TEXT_CHARS = 2000
TOKEN_ERRORS = {-216, -124}  # access token invalid / expired
REFRESH_MARGIN_SECONDS = 300
NOT_TEXT_EVENTS = {
    "user_send_image",
    "user_send_gif",
    "user_send_sticker",
    "user_send_audio",
    "user_send_video",
    "user_send_file",
    "user_send_location",
    "user_send_link",
    "user_send_business_card",
}


def signature_ok(settings: Settings, body: bytes, timestamp: str, header: str | None) -> bool:
    if not header or not settings.zalo_oa_secret_key:
        return False
    signed = settings.zalo_app_id.encode() + body + timestamp.encode()
    mac = hashlib.sha256(signed + settings.zalo_oa_secret_key.encode()).hexdigest()
    return hmac.compare_digest(f"mac={mac}".encode(), header.strip().encode())


def event_message(event: dict) -> tuple[str, str] | None:
    """(user id, what to tell the assistant) for events that get a reply; None for the rest."""
    name = event.get("event_name")
    if name == "user_send_text":
        user, text = (event.get("sender") or {}).get("id"), (event.get("message") or {}).get("text")
        return (str(user), text) if user and isinstance(text, str) and text.strip() else None
    if name == "follow":
        follower = (event.get("follower") or {}).get("id")
        return (str(follower), START) if follower else None
    if name in NOT_TEXT_EVENTS:
        user = (event.get("sender") or {}).get("id")
        return (str(user), NOT_TEXT_TEXT) if user else None
    return None  # unfollow, deliveries, seen, OA's own messages…


class TokenRefusedError(Exception):
    """Zalo would not refresh the token: the OA must authorise the app again."""


@dataclass
class Tokens:
    access_token: str
    refresh_token: str
    expires_at: float  # epoch seconds; 0 when unknown


class TokenStore:
    """The OA token pair, kept in a file so that a refreshed pair survives restarts."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self.settings = settings
        self.http = http
        self.path = Path(settings.zalo_token_file)
        self._lock = asyncio.Lock()
        self.tokens = self._load()

    def _load(self) -> Tokens:
        if self.path.is_file():
            return Tokens(**json.loads(self.path.read_text(encoding="utf-8")))
        return Tokens(self.settings.zalo_access_token, self.settings.zalo_refresh_token, 0.0)

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps(asdict(self.tokens)), encoding="utf-8")
        partial.chmod(0o600)
        os.replace(partial, self.path)

    def expiring(self) -> bool:
        return bool(self.tokens.expires_at) and (
            self.tokens.expires_at - time.time() < REFRESH_MARGIN_SECONDS
        )

    async def refresh(self, stale: str) -> None:
        """A new pair from the refresh token, unless another reply already refreshed ``stale``."""
        async with self._lock:
            if self.tokens.access_token != stale:
                return
            response = await self.http.post(
                f"{self.settings.zalo_oauth_url.rstrip('/')}/v4/oa/access_token",
                headers={"secret_key": self.settings.zalo_app_secret},
                data={
                    "refresh_token": self.tokens.refresh_token,
                    "app_id": self.settings.zalo_app_id,
                    "grant_type": "refresh_token",
                },
            )
            answer = response.json()
            if not answer.get("access_token"):
                raise TokenRefusedError(
                    f"Zalo refused to refresh the OA access token ({answer}): authorise the app "
                    "again and set REPORTBOT_ZALO_REFRESH_TOKEN, then delete "
                    f"{self.path}"
                )
            self.tokens = Tokens(
                answer["access_token"],
                answer.get("refresh_token") or self.tokens.refresh_token,
                time.time() + float(answer.get("expires_in") or 0),
            )
            self._save()
            logger.info("Zalo OA access token refreshed; the new pair is in %s", self.path)


class Zalo:
    def __init__(self, settings: Settings, assistant: AssistantClient, http: httpx.AsyncClient):
        self.settings = settings
        self.assistant = assistant
        self.http = http
        self.tokens = TokenStore(settings, http)
        self.work = PerSender()

    async def receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        try:
            event = json.loads(body)
        except ValueError:
            return web.Response(status=400, text="the body is not JSON")
        timestamp = str(event.get("timestamp", "")) if isinstance(event, dict) else ""
        if not signature_ok(
            self.settings, body, timestamp, request.headers.get("X-ZEvent-Signature")
        ):
            logger.warning("Zalo webhook: missing or wrong X-ZEvent-Signature, refused")
            return web.Response(status=403, text="bad signature")
        said = event_message(event)
        if said is not None:
            self.work.submit(said[0], self._answer(*said))
        return web.json_response({"status": "ok"})

    async def _answer(self, user_id: str, text: str) -> None:
        if text == NOT_TEXT_TEXT:
            await self._send(user_id, {"text": NOT_TEXT_TEXT})
            return
        reply = await self.assistant.send(user_id, text)
        for message in outgoing_messages(reply):
            await self._send(user_id, message)

    async def _send(self, user_id: str, message: dict) -> None:
        """Send one message; Zalo outages and refused tokens are logged in one line."""
        try:
            if self.tokens.expiring():
                await self.tokens.refresh(self.tokens.tokens.access_token)
            for attempt in (1, 2):
                token = self.tokens.tokens.access_token
                response = await self.http.post(
                    f"{self.settings.zalo_api_url.rstrip('/')}/v3.0/oa/message/cs",
                    headers={"access_token": token},
                    json={"recipient": {"user_id": user_id}, "message": message},
                )
                error = (
                    response.json().get("error", 0) if response.is_success else response.status_code
                )
                if error in TOKEN_ERRORS and attempt == 1:
                    await self.tokens.refresh(token)
                    continue
                if error:
                    logger.warning("Zalo OA message API refused (%s): %s", error, response.text)
                return
        except (httpx.HTTPError, ValueError, TokenRefusedError) as failure:
            logger.error("Zalo reply to %s not sent: %s", user_id, failure)


def outgoing_messages(reply: AssistantReply) -> list[dict]:
    """The reply in parts under Zalo's limit; the buttons (sent back as the citizen's message,
    hidden) under the last part."""
    messages: list[dict] = [{"text": part} for part in split_message(reply.text, MAX_TEXT_CHARS)]
    if reply.buttons:
        messages[-1]["attachment"] = {
            "type": "template",
            "payload": {
                "buttons": [
                    {"title": b.title, "type": "oa.query.hide", "payload": b.payload}
                    for b in reply.buttons
                ]
            },
        }
    return messages
