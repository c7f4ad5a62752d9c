"""The public description of an error kind (``GET /problems/{code}``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from api.errors import ErrorKind


class ProblemTypePublic(BaseModel):
    """A kind of error the API answers with; the ``type`` of its problem documents."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "/problems/rate-limited",
                    "code": "rate-limited",
                    "status": 429,
                    "title": "Too many requests",
                    "description": "The API key is over its rate limit; wait Retry-After seconds.",
                }
            ]
        }
    )

    type: str = Field(description="the problem type URI")
    code: str = Field(description="the stable code")
    status: int = Field(description="the HTTP status it comes with")
    title: str
    description: str


def problem_type_public(kind: ErrorKind) -> ProblemTypePublic:
    """The public form of an error kind."""
    return ProblemTypePublic(
        type=kind.type_uri,
        code=kind.code,
        status=kind.status,
        title=kind.title,
        description=kind.description,
    )
