"""Local stand-ins of the platforms' HTTP APIs (Telegram Bot API, Graph API Send, Zalo OA),
for the channel tests and the channel benchmark: small real HTTP servers on 127.0.0.1 that
record every request and answer as the platform documents.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Recorded:
    """One request the stand-in received; ``params`` merges the query, form and JSON body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    params: dict
    at: float = field(default_factory=time.perf_counter)


Responder = Callable[[Recorded], tuple[int, object]]


def _params(query: str, content_type: str, body: bytes) -> dict:
    params: dict = dict(parse_qsl(query))
    if "json" in content_type and body:
        loaded = json.loads(body)
        if isinstance(loaded, dict):
            params.update(loaded)
    elif "x-www-form-urlencoded" in content_type:
        params.update(parse_qsl(body.decode("utf-8")))
    return params


class StandIn:
    """An HTTP server on a free loopback port; ``respond`` turns a request into (status, JSON)."""

    def __init__(self, respond: Responder) -> None:
        self.respond = respond
        self.requests: list[Recorded] = []
        self._changed = threading.Condition()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                url = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                recorded = Recorded(
                    self.command,
                    url.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                    _params(url.query, self.headers.get("Content-Type", ""), body),
                )
                with stand_in._changed:
                    stand_in.requests.append(recorded)
                    stand_in._changed.notify_all()
                status, payload = stand_in.respond(recorded)
                data = json.dumps(payload).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a long poll cut short at shutdown)

            do_GET = do_POST = _handle

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the recorded requests are the log."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def wait_for(
        self, matches: Callable[[Recorded], bool], count: int = 1, timeout: float = 60.0
    ) -> list[Recorded]:
        """The first ``count`` recorded requests that match, waiting for them to arrive."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [r for r in self.requests if matches(r)]
                if len(found) >= count:
                    return found[:count]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{count} matching request(s) not received in {timeout} s")
                self._changed.wait(left)

    def since(self, mark: int, matches: Callable[[Recorded], bool]) -> list[Recorded]:
        """Matching requests received after the first ``mark`` ones."""
        with self._changed:
            return [r for r in self.requests[mark:] if matches(r)]


class TelegramStandIn(StandIn):
    """The Bot API methods the bot uses; updates are queued with ``push`` for ``getUpdates``."""

    BOT = {"id": 4242, "is_bot": True, "first_name": "Trợ lý", "username": "reportbot_test_bot"}

    def __init__(self) -> None:
        super().__init__(self._answer)
        self._updates: list[dict] = []
        self._next_update = 1
        self._next_message = 1000
        self._queue = threading.Condition()
        self.blocked: set[int] = set()  # chats whose user blocked the bot: sending is refused

    def push(self, update: dict) -> int:
        """Queue an update (its ``update_id`` is set here) and return its id."""
        with self._queue:
            update = {"update_id": self._next_update, **update}
            self._next_update += 1
            self._updates.append(update)
            self._queue.notify_all()
            return update["update_id"]

    def new_message_id(self) -> int:
        self._next_message += 1
        return self._next_message

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 1.0)
        with self._queue:
            pending = [u for u in self._updates if u["update_id"] >= offset]
            if not pending and wait:
                self._queue.wait(wait)
                pending = [u for u in self._updates if u["update_id"] >= offset]
            return pending

    def _sent(self, params: dict) -> dict:
        return {
            "message_id": self.new_message_id(),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": self.BOT,
            "text": params.get("text", ""),
        }

    def _answer(self, request: Recorded) -> tuple[int, object]:
        method = request.path.rsplit("/", 1)[-1]
        if method.startswith("send") and int(request.params.get("chat_id", 0)) in self.blocked:
            forbidden = "Forbidden: bot was blocked by the user"
            return 403, {"ok": False, "error_code": 403, "description": forbidden}
        if method == "getMe":
            result: object = self.BOT
        elif method == "getUpdates":
            result = self._get_updates(request.params)
        elif method in ("sendMessage", "editMessageReplyMarkup"):
            result = self._sent(request.params)
        elif method in (
            "setWebhook",
            "deleteWebhook",
            "setMyCommands",
            "sendChatAction",
            "answerCallbackQuery",
        ):
            result = True
        else:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        return 200, {"ok": True, "result": result}
