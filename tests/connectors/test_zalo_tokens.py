"""The Zalo OA token pair: refreshed before it expires, the new pair written to the token file,
against a stand-in of Zalo's OAuth endpoint over real HTTP."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time

import httpx

from connectors.standins import Recorded, StandIn
from connectors.zalo import TokenStore
from reportbot.settings import Settings


def oauth(request: Recorded) -> tuple[int, object]:
    return 200, {
        "access_token": "new-access",
        "refresh_token": "new-refresh",
        "expires_in": "90000",
    }


def test_an_expiring_token_is_refreshed_and_the_pair_kept(tmp_path):
    token_file = tmp_path / "zalo-tokens.json"
    soon = time.time() + 60
    token_file.write_text(
        json.dumps({"access_token": "old", "refresh_token": "r1", "expires_at": soon})
    )
    with StandIn(oauth) as zalo:
        settings = dataclasses.replace(
            Settings(),
            zalo_app_id="1",
            zalo_app_secret="app-secret",
            zalo_oauth_url=zalo.url,
            zalo_token_file=token_file,
        )

        async def refresh() -> TokenStore:
            async with httpx.AsyncClient(trust_env=False) as http:
                store = TokenStore(settings, http)
                assert store.expiring()
                await store.refresh("old")
                await store.refresh("old")  # a second reply that saw the old token: no new call
                return store

        store = asyncio.run(refresh())
        [call] = zalo.requests
    assert call.params == {"refresh_token": "r1", "app_id": "1", "grant_type": "refresh_token"}
    assert call.headers["secret_key"] == "app-secret"
    assert not store.expiring()
    kept = json.loads(token_file.read_text())
    assert (kept["access_token"], kept["refresh_token"]) == ("new-access", "new-refresh")
    assert kept["expires_at"] > time.time() + 80000
    assert token_file.stat().st_mode & 0o777 == 0o600
