"""The service's one settings class, read from ``CRAMPFOOD_*`` environment variables."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from api.ratelimit import parse_rate


def default_database_url() -> str:
    """SQLite file under ``$XDG_DATA_HOME/crampfood`` (default ``~/.local/share/crampfood``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(base) / 'crampfood' / 'crampfood.sqlite3'}"


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/crampfood`` (default ``~/.cache/crampfood``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crampfood"


class Settings(BaseSettings):
    """Runtime configuration. Every field can be set as ``CRAMPFOOD_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="CRAMPFOOD_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    #: Import the shipped USDA data at start-up when the database lacks it.
    auto_import: bool = True
    #: Largest request body accepted, in bytes: the body-size budget of a batch too (the
    #: largest batch, 500 meals and 5000 items with notes, fits).
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    #: How long a write's answer can be replayed with its Idempotency-Key, in hours.
    idempotency_ttl_hours: int = Field(default=48, ge=1, le=24 * 365)
    #: Connection pool size per worker (PostgreSQL).
    pool_size: int = Field(default=10, ge=1, le=100)
    #: How long a worker trusts a verified API key before checking it again, in seconds:
    #: the most a revoked key can keep working. 0 checks every request.
    key_cache_seconds: float = Field(default=5.0, ge=0.0, le=5.0)
    #: How long a worker trusts what it knows of a client's custom foods and recipes for
    #: search and meal text, in seconds: the most a write through another worker takes to
    #: show there (through the same worker: at once). 0 checks every request.
    own_foods_cache_seconds: float = Field(default=5.0, ge=0.0, le=60.0)
    #: Where the built food catalog is kept between starts (keyed by the data and code).
    cache_dir: Path = Field(default_factory=default_cache_dir)
    #: Open Food Facts, for barcode lookups (API v2 product endpoint under this base URL).
    openfoodfacts_url: str = "https://world.openfoodfacts.org"
    #: How crampfood names itself to Open Food Facts, which asks apps for "Name/Version
    #: (contact)"; put your deployment's contact here.
    openfoodfacts_user_agent: str = Field(
        default="crampfood/1.0 (open-source dietary suggestion service)",
        min_length=1,
        max_length=200,
    )
    #: Seconds each attempt may wait to connect, or for the next bytes (at most 3).
    openfoodfacts_timeout_seconds: float = Field(default=3.0, gt=0, le=3)
    #: How long a product found in Open Food Facts is kept before it is asked again, in hours.
    barcode_ttl_hours: int = Field(default=720, ge=1, le=24 * 365)
    #: How long a "no such product" answer is kept, in hours (products get added).
    barcode_not_found_ttl_hours: int = Field(default=24, ge=1, le=24 * 30)

    @field_validator("openfoodfacts_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")

    #: Requests per API key, in the ``limits`` notation (``600/minute``), or ``off``.
    rate_limit: str = "600/minute"
    #: Redis shared by all workers for the rate limits (``redis://host:6379/0``); unset:
    #: each worker counts in memory.
    redis_url: str | None = None
    #: Prefix of the rate-limit keys in Redis.
    redis_prefix: str = "crampfood"
    #: Origins allowed to call the API from a browser (CORS); empty: CORS off. A
    #: comma-separated list (``https://app.example,https://admin.example``) or JSON.
    cors_origins: Annotated[list[str], NoDecode] = []

    @field_validator("rate_limit")
    @classmethod
    def _known_rate(cls, value: str) -> str:
        try:
            parse_rate(value)
        except ValueError as exc:
            raise ValueError(
                f"not a rate in the limits notation (600/minute) or off: {exc}"
            ) from None
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origin_list(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [o.strip() for o in text.split(",") if o.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:// or postgresql+psycopg:// URL")
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
