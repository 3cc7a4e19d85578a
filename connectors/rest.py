"""The REST channel, as Rasa's own, plus what citizens and clients need from it:

- a request without a JSON object holding a string ``message`` gets a 400 that says why;
- when the assistant produced nothing (the action server is down, an action failed), the
  citizen still gets a polite Vietnamese reply of kind "error";
- the output channel is named "rest", so domain responses can carry a REST-only variant;
- ``GET /webhooks/rest/chat`` serves the web chat page.

Configured in credentials.yml as ``connectors.rest.ReportbotRestInput``.
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

WEBCHAT_PAGE = Path(__file__).with_name("webchat") / "index.html"
MAX_MESSAGE_CHARS = 10_000
UNAVAILABLE_TEXT = "Xin lỗi, hiện tôi chưa thể trả lời. Bạn vui lòng thử lại sau ít phút."


class RestOutput(CollectingOutputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"


def _bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


class ReportbotRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("reportbot_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/chat", methods=["GET"])
        async def chat_page(request: Request) -> HTTPResponse:
            return response.html(WEBCHAT_PAGE.read_text(encoding="utf-8"))

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                payload = request.json
            except Exception:  # sanic raises its own error types for invalid JSON
                payload = None
            if not isinstance(payload, dict):
                return _bad_request('send a JSON object: {"sender": "...", "message": "..."}')
            sender, text = payload.get("sender", "default"), payload.get("message")
            if not isinstance(text, str):
                return _bad_request('"message" is required and must be a string')
            if not isinstance(sender, str) or not sender.strip():
                return _bad_request('"sender" must be a non-empty string')
            collector = RestOutput()
            try:
                await on_new_message(
                    UserMessage(
                        text[:MAX_MESSAGE_CHARS],
                        collector,
                        sender,
                        input_channel=self.name(),
                        metadata=payload.get("metadata"),
                    )
                )
            except CancelledError:
                logger.error("message from %s timed out", sender)
            except Exception:
                logger.exception("message from %s failed", sender)
            if not collector.messages:
                collector.messages = [
                    {"recipient_id": sender, "text": UNAVAILABLE_TEXT},
                    {"recipient_id": sender, "custom": {"kind": "error", "sources": []}},
                ]
            return response.json(collector.messages)

        return webhook
