"""The report to take to the doctor: a printable HTML page, or the same page as a PDF."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import Response

from api.deps import SessionDep, UserDep
from api.schemas.report import Paper, ReportFormat
from api.services.report import Document, report_document
from api.views.report_html import CONTENT_SECURITY_POLICY

router = APIRouter(prefix="/users/{user_id}/report", tags=["report"])

DOCUMENT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report: a self-contained HTML page, or a PDF",
        "content": {
            "text/html": {"schema": {"type": "string"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


def _q(accept: str, media_type: str) -> float:
    """The quality ``accept`` gives ``media_type`` by name (wildcards do not count)."""
    for part in accept.split(","):
        name, *params = (p.strip() for p in part.split(";"))
        if name.lower() == media_type:
            for param in params:
                key, _, value = param.partition("=")
                if key.strip() == "q":
                    try:
                        return float(value)
                    except ValueError:
                        return 0.0
            return 1.0
    return 0.0


def report_format(
    format: Annotated[
        ReportFormat | None, Query(description="html or pdf; default from Accept, else html")
    ] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> ReportFormat:
    """``?format`` if given; else PDF when Accept names application/pdf at least as high as
    text/html; else HTML."""
    if format is not None:
        return format
    pdf = _q(accept or "", "application/pdf")
    return "pdf" if pdf > 0 and pdf >= _q(accept or "", "text/html") else "html"


def _answer(document: Document) -> Response:
    headers = {
        "Content-Disposition": f'inline; filename="{document.filename}"',
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "Vary": "Accept",
    }
    return Response(document.body, media_type=document.media_type, headers=headers)


@router.get("", response_class=Response, responses=DOCUMENT_RESPONSES)
def get_report(
    user: UserDep,
    session: SessionDep,
    fmt: Annotated[ReportFormat, Depends(report_format)],
    from_: Annotated[
        date | None, Query(alias="from", description="YYYY-MM-DD, default to - 27 days")
    ] = None,
    to: Annotated[date | None, Query(description="YYYY-MM-DD inclusive, default today")] = None,
    paper: Annotated[Paper, Query(description="page size when printed: a4 or letter")] = "a4",
) -> Response:
    """The person's cramp diary, intake against targets, medicines and advice, for a doctor."""
    document = report_document(session, user=user, start=from_, end=to, fmt=fmt, paper=paper)
    return _answer(document)
