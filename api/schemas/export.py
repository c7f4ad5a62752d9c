"""The export of all of a user's data (GDPR portability), as JSON or as one CSV table."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.schemas.cramps import CrampPublic
from api.schemas.intake import TargetsPublic
from api.schemas.meals import MealPublic
from api.schemas.users import UserPublic

CSV = "text/csv; charset=utf-8"
#: Columns of the CSV export: one row per value.
CSV_COLUMNS = ("section", "record", "field", "value")


class ExportPublic(BaseModel):
    """Everything crampfood holds about a user, and the targets derived from it."""

    format_version: int = Field(default=1, description="version of this export's layout")
    exported_at: datetime
    profile: UserPublic
    targets: TargetsPublic = Field(description="derived from the profile on the export day")
    meals: list[MealPublic] = Field(description="every meal with its items, oldest first")
    cramps: list[CrampPublic] = Field(description="every cramp episode, oldest first")


def _flatten(prefix: str, value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else key, item, out)
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        for i, item in enumerate(value):
            _flatten(f"{prefix}.{i}", item, out)
    else:
        if value is None:
            text = ""
        elif isinstance(value, list | bool):
            text = json.dumps(value)
        else:
            text = str(value)
        out.append((prefix, text))


def export_csv(data: ExportPublic) -> str:
    """The export as one CSV table in long form: ``section, record, field, value``
    (sections profile, targets, meal, cramp; ``record`` is the meal or episode id; nested
    fields are dotted, ``items.0.grams``; lists of plain values are JSON; null is empty)."""
    dumped = data.model_dump(mode="json")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    sections: list[tuple[str, str, Any]] = [
        ("profile", dumped["profile"]["user_id"], dumped["profile"]),
        ("targets", dumped["profile"]["user_id"], dumped["targets"]),
        *(("meal", m["id"], m) for m in dumped["meals"]),
        *(("cramp", c["id"], c) for c in dumped["cramps"]),
    ]
    for section, record, value in sections:
        rows: list[tuple[str, str]] = []
        _flatten("", value, rows)
        writer.writerows((section, record, field, text) for field, text in rows)
    return buffer.getvalue()


#: OpenAPI: the export answers JSON or CSV.
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The export: JSON (format=json) or a CSV table (format=csv)",
        "content": {
            "text/csv": {
                "schema": {"type": "string"},
                "example": "section,record,field,value\nprofile,u1,sex,female\n",
            }
        },
    }
}
