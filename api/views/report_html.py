"""The doctor's report as one self-contained HTML page: inline CSS and SVG, no scripts, no
outside resources (its Content-Security-Policy forbids them), printable on A4 or US Letter.

Order: a box "at a glance" (what a GP reads first), the person, the cramp diary, intake
against targets, red flags and when to see a doctor, advice and evidence, sources, the
disclaimer. Numbers are printed by ``api.views.numbers``; each also sits, unrounded, in a
``data-value`` attribute beside a ``data-field`` name, so tests can compare it with the API.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from api.schemas.advice import AdvicePublic
from api.schemas.cramps import CrampPublic
from api.schemas.report import (
    DiaryPublic,
    NutrientReport,
    Paper,
    ProfileItem,
    ReportPublic,
    WeekIntake,
)
from api.views import numbers
from api.views.charts import cramp_chart, intake_chart
from api.views.svg import esc
from nutrition.cramps.diary import SYMPTOM_LABELS

#: What the page may load: nothing but its own inline styles (and data: images).
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CHART_WIDTH = 680
INTAKE_CHART_HEIGHT = 230
CRAMP_CHART_HEIGHT = 220

_PAGE_SIZE = {"a4": "A4", "letter": "letter"}

# Body width 180 mm fits both papers with 14 mm side margins (A4 210 mm, Letter 215.9 mm).
_CSS = """
@page { size: %(size)s; margin: 14mm 14mm 16mm;
  @bottom-center { content: "crampfood cramp report, page " counter(page) " of " counter(pages);
    font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8pt;
    color: #444; } }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  font-size: 9.5pt; line-height: 1.35; max-width: 180mm; margin: 0 auto; }
@media screen { body { padding: 12px; } }
h1 { font-size: 16pt; margin: 0 0 2pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 5pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #000;
  break-after: avoid; }
h3 { font-size: 10.5pt; margin: 8pt 0 3pt; break-after: avoid; }
p { margin: 3pt 0; }
.meta { color: #333; }
.glance { border: 2pt solid #000; padding: 5pt 9pt; margin-top: 8pt; }
.glance h2 { border: none; margin-top: 2pt; }
.glance ul { margin: 0; padding-left: 14pt; }
.glance li { margin: 2pt 0; }
.urgent { border: 2pt solid #000; border-left-width: 6pt; padding: 4pt 7pt; font-weight: bold; }
.notice { border: 1pt dashed #000; padding: 4pt 7pt; }
.tag { display: inline-block; border: 1pt solid #000; border-radius: 2pt; padding: 0 3pt;
  font-size: 7.5pt; font-weight: bold; text-transform: uppercase; }
.src { font-size: 8pt; color: #333; }
.thin { font-style: italic; }
table { border-collapse: collapse; width: 100%%; font-size: 8.5pt; margin: 3pt 0 6pt; }
th, td { border-bottom: 0.5pt solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { border-bottom: 1pt solid #000; }
td:first-child { white-space: nowrap; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
figure { margin: 4pt 0; break-inside: avoid; }
figcaption { font-size: 8pt; color: #333; }
svg.chart { display: block; width: 100%%; height: auto; }
.nutrient { break-inside: avoid; }
ol.advice { padding-left: 14pt; }
ol.advice li { margin: 3pt 0; }
footer { margin-top: 12pt; border-top: 1.5pt solid #000; padding-top: 4pt; font-weight: bold; }
"""


def _num(text: str, field: str, value: float | int | None) -> str:
    raw = "" if value is None else f' data-value="{value}"'
    return f'<span data-field="{field}"{raw}>{esc(text)}</span>'


def _td(text: str, *, field: str | None = None, value: float | int | None = None) -> str:
    data = f' data-field="{field}"' if field else ""
    if value is not None:
        data += f' data-value="{value}"'
    return f'<td class="num"{data}>{esc(text)}</td>'


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _window(report: ReportPublic) -> str:
    return f"{numbers.long_day(report.from_)} to {numbers.long_day(report.to)}"


# --- at a glance -----------------------------------------------------------------------------


def _cramp_lines(diary: DiaryPublic, days: int) -> list[str]:
    if not diary.count:
        return [f"<b>Cramps:</b> none logged in these {days} days."]
    lines = [
        "<b>Cramps:</b> "
        + _num(str(diary.count), "episodes", diary.count)
        + f" {'cramp' if diary.count == 1 else 'cramps'} on "
        + _num(str(diary.cramp_nights), "cramp-nights", diary.cramp_nights)
        + f" {'night' if diary.cramp_nights == 1 else 'nights'} in {days} days ("
        + _num(numbers.rate(diary.nights_per_week), "nights-per-week", diary.nights_per_week)
        + " nights a week); at most "
        + _num(str(diary.most_in_7_days), "most-in-7-days", diary.most_in_7_days)
        + " within 7 days."
    ]
    assert diary.median_severity is not None and diary.median_minutes is not None
    assert diary.longest_minutes is not None
    lines.append(
        "<b>Severity</b> (1-10): median "
        + _num(f"{diary.median_severity:g}", "median-severity", diary.median_severity)
        + ", worst "
        + _num(str(diary.worst_severity), "worst-severity", diary.worst_severity)
        + ". <b>Duration:</b> median "
        + _num(numbers.minutes(diary.median_minutes), "median-minutes", diary.median_minutes)
        + ", longest "
        + _num(numbers.minutes(diary.longest_minutes), "longest-minutes", diary.longest_minutes)
        + "."
    )
    lines.append(
        "<b>Sleep disturbed</b> on "
        + _num(str(diary.sleep_disrupted_nights), "sleep-nights", diary.sleep_disrupted_nights)
        + f" {'night' if diary.sleep_disrupted_nights == 1 else 'nights'}."
    )
    return lines


def _red_flag_line(diary: DiaryPublic) -> str:
    if not diary.red_flags:
        return "<b>Red-flag symptoms:</b> none reported."
    days = sorted({f.date for f in diary.red_flags})
    return (
        '<span class="urgent">Red-flag symptoms reported on '
        + _num(str(len(days)), "red-flag-days", len(days))
        + f" {'day' if len(days) == 1 else 'days'}: "
        + esc("; ".join(f"{numbers.day(f.date)}: {', '.join(f.symptoms)}" for f in diary.red_flags))
        + ".</span>"
    )


def _intake_line(report: ReportPublic) -> str:
    if not report.days_logged:
        return f"<b>Diet:</b> no meals logged in these {report.days} days."
    parts = []
    for n in report.nutrients:
        avg = n.average
        if avg.amount is None or avg.percent is None:
            continue
        text = (
            f"{esc(n.label)} "
            + _num(
                f"{'≥ ' if avg.partial else ''}{numbers.amount(avg.amount)}",
                f"avg-{n.key}",
                avg.amount,
            )
            + f" {esc(n.unit)} ("
            + _num(numbers.percent(avg.percent), f"avg-{n.key}-percent", avg.percent)
            + f" of {esc(n.target.kind)})"
        )
        if avg.partial:
            text = f'<span class="thin">{text}, thin data</span>'
        parts.append(text)
    return (
        "<b>Diet</b>, average of "
        + _num(str(report.days_logged), "logged-days", report.days_logged)
        + f" logged days out of {report.days}: "
        + "; ".join(parts)
        + "."
    )


def _medication_line(report: ReportPublic) -> str:
    linked = [m.label for m in report.medications if m.cramp_linked]
    if not linked:
        return "<b>Medicines linked to cramps:</b> none listed."
    return "<b>Medicines linked to cramps:</b> " + esc(", ".join(linked)) + "."


def _glance(report: ReportPublic) -> str:
    lines = [
        *_cramp_lines(report.diary, report.days),
        _red_flag_line(report.diary),
        f"<b>When to see a GP:</b> {esc(report.diary.see_gp)}",
        _medication_line(report),
        _intake_line(report),
    ]
    nothing = ""
    if not report.days_logged and not report.diary.count:
        nothing = (
            '<p class="notice" data-field="no-logs"><b>Nothing was logged from '
            f"{_window(report)}:</b> no meals and no cramps. The targets and general advice "
            "below still apply.</p>"
        )
    return f'<section class="glance"><h2>At a glance</h2>{nothing}{_list(lines)}</section>'


# --- the person ------------------------------------------------------------------------------


def _items(title: str, items: Sequence[ProfileItem], none: str) -> str:
    if not items:
        return f"<p><b>{title}:</b> {none}</p>"
    rows = []
    for item in items:
        flags = "".join(
            f' <span class="tag">{esc(f.text)}</span>'
            f' <span class="src">Source: {esc(f.source)}</span>'
            for f in item.flags
        )
        rows.append(f'<span data-item="{esc(item.key)}">{esc(item.label)}</span>{flags}')
    return f"<h3>{title}</h3>" + _list(rows)


def _person(report: ReportPublic) -> str:
    t = report.targets
    rows = []
    for key in (n.key for n in report.nutrients):
        target = t.targets[key]
        upper = (
            f"{target.upper_kind} {numbers.amount(target.upper)}"
            if target.upper is not None
            else "none for food"
        )
        label = next(n.label for n in report.nutrients if n.key == key)
        rows.append(
            f'<tr data-nutrient="{key}"><td>{esc(label)}</td>'
            + _td(
                f"{numbers.amount(target.amount)} {target.unit}",
                field="target",
                value=target.amount,
            )
            + f"<td>{esc(target.kind)}</td><td>{esc(upper)}</td></tr>"
        )
    table = (
        '<table id="targets"><thead><tr><th>Nutrient</th><th class="num">Daily target</th>'
        "<th>Kind</th><th>Upper reference</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    return (
        "<section><h2>The person</h2>"
        f"<p>Life stage for the reference intakes: <b>{esc(report.life_stage)}</b>. "
        f"Magnesium from supplements and medicines has an upper limit of "
        f"{numbers.amount(t.magnesium_supplement_ul)} mg a day; magnesium in food has none.</p>"
        + table
        + '<p class="src">RDA: Recommended Dietary Allowance. AI: Adequate Intake. UL: Tolerable '
        "Upper Intake Level. CDRR: Chronic Disease Risk Reduction intake (sodium).</p>"
        + _items("Conditions", report.conditions, "none listed")
        + _items("Medicines", report.medications, "none listed")
        + "</section>"
    )


# --- the diary -------------------------------------------------------------------------------


def _episode_row(e: CrampPublic) -> str:
    symptoms = ", ".join(SYMPTOM_LABELS.get(s, s) for s in e.symptoms) or "none"
    return (
        f'<tr data-started="{esc(e.started_at.isoformat())}">'
        f"<td>{esc(numbers.long_day(e.started_at.date()))} {e.started_at:%H:%M}</td>"
        + _td(numbers.minutes(e.duration_minutes), field="minutes", value=e.duration_minutes)
        + _td(str(e.severity), field="severity", value=e.severity)
        + f"<td>{esc(e.leg)}</td><td>{esc(symptoms)}</td><td>{esc(e.note or '')}</td></tr>"
    )


def _diary(report: ReportPublic) -> str:
    diary = report.diary
    head = "<section><h2>Cramp diary</h2>"
    if not diary.count:
        return (
            head + f'<p class="notice">No cramps were logged from {_window(report)}.</p></section>'
        )
    figure = (
        "<figure>"
        + cramp_chart(
            diary.days, width=CHART_WIDTH, height=CRAMP_CHART_HEIGHT, chart_id="chart-cramps"
        )
        + "<figcaption>One bar per day with cramps (the day each started), as high as the "
        "worst severity that day; the label gives the minutes (×n: several cramps)."
        "</figcaption></figure>"
    )
    truncated = (
        f'<p class="notice">Only the newest {len(diary.episodes)} cramps are shown.</p>'
        if diary.truncated
        else ""
    )
    table = (
        '<table id="episodes"><thead><tr><th>Started</th><th class="num">Length</th>'
        '<th class="num">Severity</th><th>Leg</th><th>Symptoms</th><th>Note</th></tr>'
        "</thead><tbody>" + "".join(_episode_row(e) for e in diary.episodes) + "</tbody></table>"
    )
    return head + figure + truncated + table + "</section>"


# --- intake ----------------------------------------------------------------------------------


def _reading(key: str, status: str | None) -> str:
    if status == "adequate" and key == "sodium":
        return "between AI and CDRR"
    return {
        "below": "under target",
        "adequate": "at or over target",
        "above": "over the upper reference",
    }.get(status or "", "")


def _week_row(n: NutrientReport, w: WeekIntake, *, label: str, kind: str) -> str:
    if w.amount is None:
        cells = '<td class="num" colspan="3">nothing logged</td>'
        note = ""
    else:
        shown = ("≥ " if w.partial else "") + f"{numbers.amount(w.amount)} {n.unit}"
        cells = (
            _td(shown, field="amount", value=w.amount)
            + _td(numbers.percent(w.percent or 0.0), field="percent", value=w.percent)
            + _td(numbers.share(w.coverage or 0.0), field="coverage", value=w.coverage)
        )
        note = (
            "thin data: a lower bound, not a shortfall" if w.partial else _reading(n.key, w.status)
        )
    return (
        f'<tr data-nutrient="{n.key}" data-{kind}="{w.start.isoformat()}"'
        + (' class="thin"' if w.partial else "")
        + f"><td>{esc(label)}</td>"
        + _td(f"{w.days_logged}/{w.days}", field="days-logged", value=w.days_logged)
        + cells
        + f"<td>{esc(note)}</td></tr>"
    )


def _nutrient(n: NutrientReport) -> str:
    rows = [
        _week_row(n, w, label=f"{numbers.day(w.start)} to {numbers.day(w.end)}", kind="week")
        for w in n.weeks
    ]
    rows.append(_week_row(n, n.average, label="Whole window", kind="window"))
    return (
        f'<div class="nutrient" id="nutrient-{n.key}"><h3>{esc(n.label)}</h3><figure>'
        + intake_chart(n, width=CHART_WIDTH, height=INTAKE_CHART_HEIGHT, chart_id=f"chart-{n.key}")
        + "</figure><table><thead><tr><th>Week</th><th class='num'>Days logged</th>"
        "<th class='num'>Average a day</th><th class='num'>Of target</th>"
        "<th class='num'>Coverage</th><th>Reading</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


def _intake(report: ReportPublic) -> str:
    head = "<section><h2>Intake against targets</h2>"
    if not report.days_logged:
        return (
            head + f'<p class="notice">No meals were logged from {_window(report)}, so there is'
            " no intake to compare with the targets.</p></section>"
        )
    return (
        head + "<p>Bars: the average a day over the logged days of each week, from USDA food data. "
        "Dashed line: the person's daily target (for sodium, the shaded band from the AI to the "
        "CDRR). <b>Coverage</b> is the share of the logged food, by weight, whose value for the "
        "nutrient is known. Below 80 % the bar is hatched and marked ≥: the real intake may be "
        "higher, so it is <b>not</b> a shortfall. Weeks with nothing logged show no bar.</p>"
        + "".join(_nutrient(n) for n in report.nutrients)
        + "</section>"
    )


# --- red flags, advice, sources --------------------------------------------------------------


def _red_flags(report: ReportPublic) -> str:
    diary = report.diary
    if diary.red_flags:
        flags = (
            '<div class="urgent"><p>Red-flag symptoms were reported:</p>'
            + _list(
                f"{esc(numbers.long_day(f.date))}: {esc(', '.join(f.symptoms))}"
                for f in diary.red_flags
            )
            + "<p>These are not part of an ordinary cramp: see a doctor as soon as possible."
            "</p></div>"
        )
    else:
        flags = "<p>No red-flag symptoms were reported in this window.</p>"
    return (
        "<section><h2>Red flags and when to see a doctor</h2>"
        + flags
        + f"<p><b>{esc(diary.see_gp)}</b></p><p>{esc(diary.when_to_see_a_doctor)}</p>"
        + '<p class="src">Source: NHS, Leg cramps; Allen RE, Kirby KA. Am Fam Physician '
        "2012;85(4):350-355.</p></section>"
    )


def _advice(advice: Sequence[AdvicePublic]) -> str:
    items = "".join(
        f'<li data-code="{esc(a.code)}"><span class="tag">{esc(a.kind)}</span> {esc(a.text)}'
        f' <span class="src">Source: {esc(a.source)}</span></li>'
        for a in advice
    )
    return f'<section><h2>Advice and evidence</h2><ol class="advice">{items}</ol></section>'


def _sources(report: ReportPublic) -> str:
    cited = [*report.target_sources, *report.data_sources]
    return (
        '<section><h2>Sources</h2><p class="src">Targets: National Academies Dietary '
        "Reference Intakes. Food values: USDA.</p><ol class='src'>"
        + "".join(f"<li>{esc(s)}</li>" for s in cited)
        + "</ol></section>"
    )


def render_report(report: ReportPublic, *, paper: Paper = "a4") -> str:
    """The whole page."""
    made: datetime = report.generated_at
    title = f"Leg cramp report, {_window(report)}"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_CSS % {'size': _PAGE_SIZE[paper]}}</style>"
        "</head><body>"
        f"<header><h1>Night leg cramps: diary and diet report</h1>"
        f'<p class="meta">Person <b>{esc(report.user_id)}</b> · {esc(report.life_stage)} · '
        f'<span data-field="window">{_window(report)}</span> ({report.days} days, time zone '
        f"{esc(report.timezone)}) · made {made:%d %b %Y %H:%M} UTC by crampfood from the "
        "person's own logs.</p></header>"
        + _glance(report)
        + _person(report)
        + _diary(report)
        + _intake(report)
        + _red_flags(report)
        + _advice(report.advice)
        + _sources(report)
        + f"<footer>{esc(report.disclaimer)}</footer></body></html>"
    )
