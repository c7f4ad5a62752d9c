"""Advice items, shared by suggestions and the cramp diary, and their presenter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from nutrition.cramps.advice import Advice


class AdvicePublic(BaseModel):
    """A safety, evidence or practical note. ``urgent`` means: see a doctor soon."""

    kind: Literal["urgent", "safety", "evidence", "tip"]
    code: str
    text: str
    source: str


def advice_public(items: Sequence[Advice]) -> list[AdvicePublic]:
    """Public form of advice items."""
    return [AdvicePublic(kind=a.kind, code=a.code, text=a.text, source=a.source) for a in items]
