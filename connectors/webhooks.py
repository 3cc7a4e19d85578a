"""One small web app (aiohttp) serving the webhooks of Messenger and Zalo, for the platforms that
are configured. `reportbot webhooks` runs it on 127.0.0.1; put an HTTPS reverse proxy in front
(both platforms only call HTTPS URLs)."""

from __future__ import annotations

import logging

import httpx
from aiohttp import web

from connectors.assistant_client import AssistantClient
from connectors.messenger import CHANNEL as MESSENGER
from connectors.messenger import Messenger
from connectors.zalo import CHANNEL as ZALO
from connectors.zalo import Zalo
from reportbot.settings import Settings

logger = logging.getLogger(__name__)

MESSENGER_PATH = "/webhooks/messenger"
ZALO_PATH = "/webhooks/zalo"
MAX_BODY_BYTES = 1024 * 1024
HTTP = web.AppKey("http", httpx.AsyncClient)
CLOSING = web.AppKey("closing", list)


def messenger_configured(settings: Settings) -> bool:
    return all(
        (settings.facebook_page_token, settings.facebook_app_secret, settings.facebook_verify_token)
    )


def zalo_configured(settings: Settings) -> bool:
    return all((settings.zalo_app_id, settings.zalo_oa_secret_key)) and any(
        (
            settings.zalo_access_token,
            settings.zalo_refresh_token,
            settings.zalo_token_file.is_file(),
        )
    )


def served_paths(settings: Settings) -> dict[str, str]:
    """The platforms configured, with their webhook paths."""
    paths = {}
    if messenger_configured(settings):
        paths["Messenger"] = MESSENGER_PATH
    if zalo_configured(settings):
        paths["Zalo"] = ZALO_PATH
    return paths


def build_app(settings: Settings) -> web.Application:
    if not served_paths(settings):
        raise ValueError(
            "no webhook channel is configured: set REPORTBOT_FACEBOOK_PAGE_TOKEN, "
            "REPORTBOT_FACEBOOK_APP_SECRET and REPORTBOT_FACEBOOK_VERIFY_TOKEN for Messenger, or "
            "REPORTBOT_ZALO_APP_ID, REPORTBOT_ZALO_OA_SECRET_KEY and REPORTBOT_ZALO_REFRESH_TOKEN "
            "for Zalo (see README)"
        )
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    http = httpx.AsyncClient(timeout=30.0, trust_env=False)
    assistant_url = f"http://127.0.0.1:{settings.rasa_port}"
    app[HTTP] = http
    app[CLOSING] = []
    if messenger_configured(settings):
        assistant = AssistantClient(assistant_url, MESSENGER)
        messenger = Messenger(settings, assistant, http)
        app.router.add_get(MESSENGER_PATH, messenger.verify)
        app.router.add_post(MESSENGER_PATH, messenger.receive)
        app[CLOSING].append((messenger.work, assistant))
    if zalo_configured(settings):
        assistant = AssistantClient(assistant_url, ZALO)
        zalo = Zalo(settings, assistant, http)
        app.router.add_post(ZALO_PATH, zalo.receive)
        app[CLOSING].append((zalo.work, assistant))
    app.on_cleanup.append(_close)
    return app


async def _close(app: web.Application) -> None:
    """Finish the replies in flight, then close the clients."""
    for work, assistant in app[CLOSING]:
        await work.drain()
        await assistant.aclose()
    await app[HTTP].aclose()


def run(settings: Settings) -> None:
    logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s", level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    app = build_app(settings)
    for platform, path in served_paths(settings).items():
        logger.info("%s webhook: http://127.0.0.1:%d%s", platform, settings.webhooks_port, path)
    web.run_app(app, host="127.0.0.1", port=settings.webhooks_port, print=None)
