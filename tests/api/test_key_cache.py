"""Verified keys are trusted for a bounded time; revocation takes effect within it."""

from __future__ import annotations

from api.services.keys import KeyCache
from api.store.models import Client


def test_a_verified_key_is_forgotten_after_the_ttl():
    now = [100.0]
    cache = KeyCache(ttl=5.0, clock=lambda: now[0])
    client = Client(id=1, name="app")
    cache.put("h", client)
    assert cache.get("h") is client
    now[0] += 4.9
    assert cache.get("h") is client
    now[0] += 0.2
    assert cache.get("h") is None


def test_a_zero_ttl_remembers_nothing():
    cache = KeyCache(ttl=0.0)
    cache.put("h", Client(id=1, name="app"))
    assert cache.get("h") is None
