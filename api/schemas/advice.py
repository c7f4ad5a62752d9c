"""Advice items and the fixed disclaimer, shared by suggestions and the cramp diary."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class AdvicePublic(BaseModel):
    """A safety, evidence or practical note. ``urgent`` means: see a doctor soon."""

    kind: Literal["urgent", "safety", "evidence", "tip"]
    code: str
    text: str
    source: str
