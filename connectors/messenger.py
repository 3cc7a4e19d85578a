"""Facebook Messenger: the webhook of a Facebook page, replies through the Graph API Send API.

Facebook signs every POST with the app secret (``X-Hub-Signature-256``); anything unsigned or
wrongly signed is refused with 403 before it is read. The webhook answers 200 at once and the
reply follows, as Facebook asks; echoes, deliveries and reads are ignored.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging

import httpx
from aiohttp import web

from connectors.assistant_client import (
    NOT_TEXT_TEXT,
    START,
    AssistantClient,
    AssistantReply,
)
from connectors.background import PerSender
from connectors.splitting import split_message
from reportbot.settings import Settings

logger = logging.getLogger(__name__)

CHANNEL = "messenger"
MAX_TEXT_CHARS = 2000
MAX_QUICK_REPLY_TITLE = 20


def signature_ok(app_secret: str, body: bytes, header: str | None) -> bool:
    """``X-Hub-Signature-256`` is "sha256=" + HMAC-SHA256 of the raw body with the app secret."""
    if not header or not app_secret:
        return False
    expected = "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.strip().encode())


def message_text(event: dict) -> str | None:
    """What the citizen said in one messaging event, or None for events that need no reply."""
    message = event.get("message")
    if isinstance(message, dict):
        if message.get("is_echo"):
            return None
        quick_reply = message.get("quick_reply") or {}
        if isinstance(quick_reply.get("payload"), str):
            return quick_reply["payload"]
        if isinstance(message.get("text"), str) and message["text"].strip():
            return message["text"]
        return NOT_TEXT_TEXT if message.get("attachments") or message.get("sticker_id") else None
    postback = event.get("postback")
    if isinstance(postback, dict):  # the "Get started" button and persistent menu items
        return START
    return None  # delivery, read, reaction, optin, referral…


class Messenger:
    def __init__(self, settings: Settings, assistant: AssistantClient, http: httpx.AsyncClient):
        self.settings = settings
        self.assistant = assistant
        self.http = http
        self.work = PerSender()

    async def verify(self, request: web.Request) -> web.Response:
        """The subscription handshake: echo hub.challenge when hub.verify_token is ours."""
        query = request.query
        token = query.get("hub.verify_token", "")
        if query.get("hub.mode") == "subscribe" and hmac.compare_digest(
            token.encode(), self.settings.facebook_verify_token.encode()
        ):
            return web.Response(text=query.get("hub.challenge", ""))
        return web.Response(status=403, text="wrong verify token")

    async def receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        header = request.headers.get("X-Hub-Signature-256")
        if not signature_ok(self.settings.facebook_app_secret, body, header):
            logger.warning("Messenger webhook: missing or wrong X-Hub-Signature-256, refused")
            return web.Response(status=403, text="bad signature")
        try:
            payload = json.loads(body)
        except ValueError:
            return web.Response(status=400, text="the body is not JSON")
        for entry in payload.get("entry", []) if isinstance(payload, dict) else []:
            for event in entry.get("messaging", []) if isinstance(entry, dict) else []:
                sender = (event.get("sender") or {}).get("id")
                text = message_text(event)
                if isinstance(sender, str) and text is not None:
                    self.work.submit(sender, self._answer(sender, text))
        return web.Response(text="EVENT_RECEIVED")

    async def _answer(self, psid: str, text: str) -> None:
        if text == NOT_TEXT_TEXT:
            await self._send(psid, {"text": NOT_TEXT_TEXT})
            return
        typing = self._post({"recipient": {"id": psid}, "sender_action": "typing_on"})
        _, reply = await asyncio.gather(typing, self.assistant.send(psid, text))
        for message in outgoing_messages(reply):
            await self._send(psid, message)

    async def _send(self, psid: str, message: dict) -> None:
        await self._post(
            {"recipient": {"id": psid}, "messaging_type": "RESPONSE", "message": message}
        )

    async def _post(self, body: dict) -> None:
        url = f"{self.settings.facebook_api_url.rstrip('/')}/me/messages"
        try:
            response = await self.http.post(
                url, params={"access_token": self.settings.facebook_page_token}, json=body
            )
        except httpx.HTTPError as error:
            logger.warning("Messenger Send API unreachable: %s", error)
            return
        if response.is_error:
            logger.warning(
                "Messenger Send API refused (%s): %s", response.status_code, response.text
            )


def outgoing_messages(reply: AssistantReply) -> list[dict]:
    """The reply in parts under Messenger's limit, the buttons as quick replies on the last."""
    messages: list[dict] = [{"text": part} for part in split_message(reply.text, MAX_TEXT_CHARS)]
    if reply.buttons:
        messages[-1]["quick_replies"] = [
            {"content_type": "text", "title": b.title[:MAX_QUICK_REPLY_TITLE], "payload": b.payload}
            for b in reply.buttons
        ]
    return messages
