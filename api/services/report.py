"""Use case: the report a person takes to their doctor, as an HTML page or a PDF.

The data comes from the same services that answer ``/targets`` (``user_targets``),
``/intake`` (``intake_public``, once for the window and once per week) and ``/cramps``
(``list_episodes``), so every number in the report is one of theirs. The diary review and
the advice come from ``nutrition.cramps``. It writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.schemas.advice import AdvicePublic, advice_public
from api.schemas.cramps import CrampPublic
from api.schemas.intake import IntakePublic, TargetsPublic
from api.schemas.report import (
    REPORT_NUTRIENTS,
    USDA_SOURCES,
    DiaryPublic,
    NutrientReport,
    Paper,
    ReportFormat,
    ReportPublic,
    condition_items,
    diary_public,
    medication_items,
    nutrient_report,
    week_intake,
)
from api.services import cramps
from api.services.intake import intake_public, resolve_window, window_items
from api.services.profiles import to_profile
from api.services.targets import user_targets
from api.services.windows import local_today, week_spans
from api.store.models import User
from api.views.pdf import render_pdf
from api.views.report_html import render_report
from nutrition.cramps.advice import DISCLAIMER, profile_advice
from nutrition.cramps.diary import CrampEpisode
from nutrition.cramps.review import review_diary
from nutrition.person.intake import LoggedItem
from nutrition.person.profile import Profile
from nutrition.person.targets import DRI_SOURCES

#: The default window: the last 4 weeks, today included.
REPORT_DAYS = 28
#: Most episodes one report reads (a year of nightly cramps, several a night).
EPISODE_LIMIT = 5000

HTML = "text/html; charset=utf-8"
PDF = "application/pdf"


@dataclass(frozen=True, slots=True)
class Document:
    """A rendered report: its bytes, media type and a file name to save it under."""

    body: bytes
    media_type: str
    filename: str


def default_window(
    user: User, start: date | None, end: date | None, *, days: int
) -> tuple[date, date]:
    """``start`` and ``end`` with the defaults filled in (``days`` up to today, in the user's
    time zone), checked: 422 for a reversed or over-long window."""
    return resolve_window(start, end, today=local_today(user.timezone), days=days)


def weekly_nutrients(
    *,
    user: User,
    profile: Profile,
    targets: TargetsPublic,
    items: Sequence[LoggedItem],
    whole: IntakePublic,
    keys: Sequence[str] = REPORT_NUTRIENTS,
) -> list[NutrientReport]:
    """Each nutrient's window average (from ``whole``, the ``/intake`` answer for the window)
    and its weekly averages, each as ``/intake`` answers for that week."""
    weeks = [
        (a, b, intake_public(user=user, profile=profile, items=items, start=a, end=b).average)
        for a, b in week_spans(whole.from_, whole.to)
    ]
    return [
        nutrient_report(
            key,
            target=targets.targets[key],
            average=week_intake(key, whole.average, start=whole.from_, end=whole.to),
            weeks=[week_intake(key, avg, start=a, end=b) for a, b, avg in weeks],
        )
        for key in keys
    ]


def _episode(item: CrampPublic, tz: ZoneInfo) -> CrampEpisode:
    return CrampEpisode(
        started_at=item.started_at.astimezone(tz),
        duration_minutes=item.duration_minutes,
        severity=item.severity,
        leg=item.leg,  # type: ignore[arg-type]
        symptoms=frozenset(item.symptoms),
    )


def window_diary(session: Session, *, user: User, start: date, end: date) -> DiaryPublic:
    """The cramp diary of ``start`` to ``end`` (local days), as ``/cramps`` lists it."""
    listed = cramps.list_episodes(
        session, user=user, start=start, end=end, limit=EPISODE_LIMIT + 1, cursor=None
    ).items
    shown = listed[:EPISODE_LIMIT]
    tz = ZoneInfo(user.timezone)
    review = review_diary(episodes=[_episode(e, tz) for e in shown], days=(end - start).days + 1)
    return diary_public(
        review,
        episodes=shown,
        truncated=len(listed) > EPISODE_LIMIT,
        tz=tz,
        start=start,
        end=end,
    )


def _advice(profile: Profile, whole: IntakePublic) -> list[AdvicePublic]:
    """Profile advice, told the window's statuses where coverage is enough to trust them."""
    statuses = {
        key: status.status
        for key, status in (whole.average.nutrients or {}).items()
        if key in REPORT_NUTRIENTS and not status.partial
    }
    return advice_public(profile_advice(profile=profile, gaps=statuses))


def report_data(
    session: Session, *, user: User, start: date | None, end: date | None, now: datetime
) -> ReportPublic:
    """Everything the report shows for ``start`` to ``end`` (default the last 4 weeks)."""
    start, end = default_window(user, start, end, days=REPORT_DAYS)
    profile = to_profile(user, today=local_today(user.timezone, now=now))
    targets = user_targets(user)
    items = window_items(session, user=user, start=start, end=end)
    whole = intake_public(user=user, profile=profile, items=items, start=start, end=end)
    advice = _advice(profile, whole)
    return ReportPublic(
        user_id=user.external_id,
        timezone=user.timezone,
        life_stage=targets.life_stage,
        from_=start,
        to=end,
        days=whole.average.days,
        days_logged=whole.average.days_logged,
        generated_at=now,
        targets=targets,
        conditions=condition_items(user.conditions, advice),
        medications=medication_items(user.medications, advice),
        nutrients=weekly_nutrients(
            user=user, profile=profile, targets=targets, items=items, whole=whole
        ),
        diary=window_diary(session, user=user, start=start, end=end),
        advice=advice,
        target_sources=list(dict.fromkeys(DRI_SOURCES[k] for k in REPORT_NUTRIENTS)),
        data_sources=list(USDA_SOURCES),
        disclaimer=DISCLAIMER,
    )


def report_document(
    session: Session,
    *,
    user: User,
    start: date | None,
    end: date | None,
    fmt: ReportFormat,
    paper: Paper,
) -> Document:
    """The report as a self-contained HTML page, or that page as a PDF."""
    data = report_data(session, user=user, start=start, end=end, now=datetime.now(UTC))
    page = render_report(data, paper=paper)
    name = f"crampfood-report-{data.from_.isoformat()}-{data.to.isoformat()}"
    if fmt == "pdf":
        return Document(render_pdf(page), PDF, f"{name}.pdf")
    return Document(page.encode(), HTML, f"{name}.html")
