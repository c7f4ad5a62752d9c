"""HTTP shaping shared by routes: the response of an idempotent create."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from api.services.idempotency import Answer

#: The header that marks an answer replayed for a retried Idempotency-Key.
REPLAYED = "Idempotent-Replayed"


def answer_response(answer: Answer) -> JSONResponse:
    """The JSON response of an idempotent create; a replay says so in ``Idempotent-Replayed``."""
    headers = {REPLAYED: "true"} if answer.replayed else None
    return JSONResponse(answer.body, status_code=answer.status_code, headers=headers)
