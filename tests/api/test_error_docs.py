"""docs/errors.md documents every error code the API can answer with."""

from __future__ import annotations

from pathlib import Path

from api.errors import ERROR_KINDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "errors.md"


def test_every_error_code_is_documented():
    text = DOC.read_text()
    for kind in ERROR_KINDS.values():
        assert f"| `{kind.code}` | {kind.status} |" in text, (
            f"{kind.code} missing from docs/errors.md"
        )
