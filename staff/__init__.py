"""The staff site and the opinion store's schema: a Django project (settings, urls, wsgi) with
one app, ``staff.opinions``. ``setup()`` readies the ORM once per process, for the bot too."""

from __future__ import annotations

import os
from functools import lru_cache


@lru_cache(maxsize=1)
def setup() -> None:
    """Configure Django from reportbot's settings (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "staff.settings")
    import django

    django.setup()
