"""HTTP shaping shared by routes: the response of an idempotent create, and of answers
serialised ahead."""

from __future__ import annotations

from fastapi.responses import JSONResponse, Response

from api.services.idempotency import Answer
from api.services.prepared import Prepared

#: The header that marks an answer replayed for a retried Idempotency-Key.
REPLAYED = "Idempotent-Replayed"
#: USDA data changes only with a new import: any cache may keep it for a day.
FOOD_DATA_CACHE = "public, max-age=86400"


def answer_response(answer: Answer) -> JSONResponse:
    """The JSON response of an idempotent create; a replay says so in ``Idempotent-Replayed``."""
    headers = {REPLAYED: "true"} if answer.replayed else None
    return JSONResponse(answer.body, status_code=answer.status_code, headers=headers)


def prepared_response(data: Prepared, *, public: bool = False) -> Response:
    """An answer serialised ahead, with its strong ETag; when ``public`` (USDA food data),
    any cache may keep it for a day."""
    headers = {"ETag": data.etag}
    if public:
        headers["Cache-Control"] = FOOD_DATA_CACHE
    return Response(data.body, media_type="application/json", headers=headers)


def json_bytes_response(body: bytes) -> Response:
    """An answer already serialised to JSON."""
    return Response(body, media_type="application/json")
