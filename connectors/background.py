"""Work that follows a webhook's quick 200: replies run in the background, one sender's messages
in the order they came, different senders side by side."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

logger = logging.getLogger(__name__)


class PerSender:
    def __init__(self) -> None:
        self._tails: dict[str, asyncio.Task] = {}

    def submit(self, sender: str, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` after this sender's earlier work has finished."""
        previous = self._tails.get(sender)
        task = asyncio.get_running_loop().create_task(self._after(previous, work))
        self._tails[sender] = task
        task.add_done_callback(lambda done: self._forget(sender, done))

    async def _after(self, previous: asyncio.Task | None, work: Coroutine[Any, Any, None]) -> None:
        if previous is not None:
            await asyncio.gather(previous, return_exceptions=True)
        try:
            await work
        except Exception:
            logger.exception("a reply could not be delivered")

    def _forget(self, sender: str, done: asyncio.Task) -> None:
        if self._tails.get(sender) is done:
            del self._tails[sender]

    async def drain(self) -> None:
        """Wait for every reply in flight (at shutdown)."""
        while self._tails:
            await asyncio.gather(*self._tails.values(), return_exceptions=True)
