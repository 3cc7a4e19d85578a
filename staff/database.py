"""REPORTBOT_FEEDBACK_DATABASE_URL (SQLAlchemy's form) as a Django DATABASES entry, and extra
databases registered at run time (tests and tools open stores on other URLs)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

POSTGRES_SCHEMES = ("postgresql", "postgresql+psycopg2", "postgres")


def database_config(url: str) -> dict:
    """``sqlite:///PATH`` or ``postgresql+psycopg2://USER[:PASSWORD]@HOST[:PORT]/DB``."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Writers wait for each other instead of failing with "database is locked".
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {"timeout": 30},
        }
    parts = urlsplit(url)
    if parts.scheme in POSTGRES_SCHEMES and parts.path.strip("/"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.strip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # A database that cannot be reached fails fast: the opinion goes to the spool.
            "OPTIONS": {"connect_timeout": 3},
        }
    raise ValueError(
        f"REPORTBOT_FEEDBACK_DATABASE_URL={url!r} is not supported: use sqlite:///PATH or "
        "postgresql+psycopg2://USER@HOST:PORT/DATABASE"
    )


def alias_for(url: str) -> str:
    """The Django database alias serving ``url``: 'default' for the configured one, otherwise a
    new alias registered on first use."""
    from django.conf import settings
    from django.db import DEFAULT_DB_ALIAS, connections

    config = database_config(url)
    if _identity(config) == _identity(settings.DATABASES[DEFAULT_DB_ALIAS]):
        return DEFAULT_DB_ALIAS
    alias = "db_" + hashlib.sha1(url.encode()).hexdigest()[:12]
    if alias not in connections.settings:
        configured = connections.configure_settings(
            {DEFAULT_DB_ALIAS: connections.settings[DEFAULT_DB_ALIAS], alias: config}
        )
        connections.settings[alias] = configured[alias]
        settings.DATABASES[alias] = configured[alias]
    return alias


def _identity(config: dict) -> tuple[str, ...]:
    return tuple(str(config.get(key, "")) for key in ("ENGINE", "NAME", "HOST", "PORT"))
