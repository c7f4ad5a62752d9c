"""The two charts, as hand-written SVG (bench/bench_charts.py measured the alternatives).

* ``intake_chart``: one nutrient's weekly average over logged days, as bars, with the target
  as a dashed line (sodium: the band from its AI to its CDRR). A week whose coverage is too
  thin is drawn hatched and labelled as a lower bound ("≥"), never as a plain shortfall; a
  week with nothing logged says "no log". Under each bar: the week, days logged, coverage.
* ``cramp_chart``: the window's days; a bar per day with cramps, as high as the worst
  severity (1-10), labelled with the minutes; "z" under nights of disturbed sleep, "!" under
  days with a red-flag symptom.

Meaning never rests on colour alone (hatching, dashes, letters), so the charts read in
greyscale; the colours are from the Okabe-Ito palette, safe for colour-blind readers. Each
SVG has a ``<title>`` and a ``<desc>`` that states the data in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from api.schemas.report import CrampDay, NutrientReport, WeekIntake
from api.views import numbers
from api.views.svg import el, esc, text

#: Okabe-Ito colours.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
INK = "#000000"
GRID = "#BBBBBB"
MUTED = "#555555"
FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"

MIN_WIDTH, MAX_WIDTH = 240, 2400
MIN_HEIGHT, MAX_HEIGHT = 160, 1600
DEFAULT_WIDTH, DEFAULT_HEIGHT = 640, 300


def _font_size(width: int) -> int:
    return 12 if width >= 420 else 10


def _nice_step(top: float) -> float:
    """A round tick step giving 3-6 ticks up to ``top``."""
    raw = top / 4
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _svg(
    body: Sequence[str], *, width: int, height: int, chart_id: str, title: str, desc: str
) -> str:
    return el(
        "svg",
        el("title", esc(title), id=f"{chart_id}-title"),
        el("desc", esc(desc), id=f"{chart_id}-desc"),
        *body,
        xmlns="http://www.w3.org/2000/svg",
        id=chart_id,
        class_="chart",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        font_family=FONT,
        font_size=_font_size(width),
    )


def _hatch(pattern_id: str) -> str:
    return el(
        "defs",
        el(
            "pattern",
            el("rect", width=6, height=6, fill="#FFFFFF"),
            el("path", d="M0 6 L6 0", stroke=BLUE, stroke_width=1.5),
            id=pattern_id,
            width=6,
            height=6,
            patternUnits="userSpaceOnUse",
        ),
    )


def _legend(
    keys: Sequence[tuple[str, str]], *, y: float, fs: int, width: int
) -> tuple[list[str], float]:
    """Legend keys (swatch markup with ``{x}``, ``{y}`` (swatch top), ``{mid}``, ``{end}``
    and ``{base}`` (baseline) placeholders, words), wrapped to ``width``; the markup and the
    baseline of the last row."""
    out: list[str] = []
    x = 4.0
    for swatch, words in keys:
        needed = 2 * fs + 4 + len(words) * fs * 0.6
        if x > 4.0 and x + needed > width - 4:
            x, y = 4.0, y + fs + 4
        out.append(swatch.format(x=x, y=y - fs + 2, mid=y - fs / 3, end=x + 2 * fs, base=y))
        out.append(text(x + 2 * fs + 4, y, words))
        x += needed + fs * 1.2
    return out, y


def _heading(long: str, short: str, *, width: int, fs: int) -> str:
    """``long`` where it fits on one line of bold text, else ``short``."""
    return long if len(long) * fs * 0.65 <= width - 8 else short


def _tick(value: float, step: float) -> str:
    return f"{value:,.0f}" if step >= 1 else f"{value:.2f}"


def _label_every(band: float, needed: float) -> int:
    """Label every n-th slot so that labels ``needed`` px wide do not overlap."""
    return max(1, math.ceil(needed / band)) if band > 0 else 1


def _week_words(week: WeekIntake, nutrient: NutrientReport) -> str:
    head = f"week of {numbers.long_day(week.start)}"
    if week.amount is None:
        return f"{head}: nothing logged"
    words = f"{head}: {numbers.amount(week.amount)} {nutrient.unit} a day"
    if week.percent is not None:
        words += f" ({numbers.percent(week.percent)} of target)"
    words += f", {week.days_logged} of {week.days} days logged"
    if week.coverage is not None:
        words += f", coverage {numbers.share(week.coverage)}"
    if week.partial:
        words += ", too thin to call a shortfall (a lower bound)"
    return words


def _target_words(nutrient: NutrientReport) -> str:
    t = nutrient.target
    words = f"target {t.kind} {numbers.amount(t.amount)} {nutrient.unit}"
    if nutrient.key == "sodium" and t.upper is not None:
        words += f" up to the {t.upper_kind} of {numbers.amount(t.upper)} {nutrient.unit}"
    return words


def intake_chart(
    nutrient: NutrientReport,
    *,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    chart_id: str = "intake",
) -> str:
    """SVG of one nutrient's weekly averages against its target (see the module notes)."""
    fs = _font_size(width)
    line = fs + 4
    target = nutrient.target
    band = nutrient.key == "sodium" and target.upper is not None
    weeks = nutrient.weeks
    title = f"{nutrient.label}, {nutrient.unit} a day: weekly average of logged days"
    desc = (
        f"{title}; {_target_words(nutrient)}. "
        + "; ".join(_week_words(w, nutrient) for w in weeks)
        + "."
    )
    left, right = 8 + fs * 4, width - 10
    bottom = height - 3 * line - 4
    highest = max([w.amount or 0.0 for w in weeks] + [target.amount])
    if band and target.upper is not None:
        highest = max(highest, target.upper)
    step = _nice_step(highest * 1.1)
    y_max = step * math.ceil(highest * 1.1 / step)

    body = [_hatch(f"{chart_id}-thin")]
    heading = _heading(title, f"{nutrient.label}, {nutrient.unit}/day", width=width, fs=fs)
    body.append(text(4, fs + 2, heading, font_weight="bold"))
    target_label = f"{target.kind} {numbers.amount(target.amount)}"
    if band and target.upper is not None:
        target_label += f" to {target.upper_kind} {numbers.amount(target.upper)}"
    legend, legend_y = _legend(
        [
            (
                f'<rect x="{{x}}" y="{{y}}" width="{2 * fs}" height="{fs - 2}" fill="{BLUE}"/>',
                "average",
            ),
            (
                f'<rect x="{{x}}" y="{{y}}" width="{2 * fs}" height="{fs - 2}" '
                f'fill="url(#{chart_id}-thin)" stroke="{BLUE}"/>',
                "thin data (at least)",
            ),
            (
                f'<line x1="{{x}}" y1="{{mid}}" x2="{{end}}" y2="{{mid}}" stroke="{INK}" '
                'stroke-width="2" stroke-dasharray="6 3"/>',
                f"target: {target_label}",
            ),
        ],
        y=fs + 2 + line,
        fs=fs,
        width=width,
    )
    body += legend
    top = legend_y + 12
    plot_h = max(20.0, bottom - top)

    def y(value: float) -> float:
        return bottom - value / y_max * plot_h

    # grid and y axis
    tick = 0.0
    while tick <= y_max + 1e-9:
        body.append(
            el("line", x1=float(left), y1=y(tick), x2=float(right), y2=y(tick), stroke=GRID)
        )
        body.append(text(left - 4, y(tick) + fs / 3, _tick(tick, step), text_anchor="end"))
        tick += step
    if band and target.upper is not None:
        body.append(
            el(
                "rect",
                x=float(left),
                y=y(target.upper),
                width=float(right - left),
                height=y(target.amount) - y(target.upper),
                fill=ORANGE,
                fill_opacity=0.3,
                class_="target-band",
            )
        )

    slot = (right - left) / max(1, len(weeks))
    every = _label_every(slot, fs * 5.5)
    for i, week in enumerate(weeks):
        x0 = left + i * slot
        centre = x0 + slot / 2
        bar_w = slot * 0.6
        if week.amount is None:
            body.append(text(centre, bottom - 4, "no log", text_anchor="middle", fill=MUTED))
        else:
            fill = f"url(#{chart_id}-thin)" if week.partial else BLUE
            body.append(
                el(
                    "rect",
                    x=centre - bar_w / 2,
                    y=y(week.amount),
                    width=bar_w,
                    height=max(0.5, bottom - y(week.amount)),
                    fill=fill,
                    stroke=BLUE,
                    class_="bar thin" if week.partial else "bar",
                )
            )
            if i % every == 0:
                shown = ("≥ " if week.partial else "") + numbers.amount(week.amount)
                body.append(text(centre, y(week.amount) - 4, shown, text_anchor="middle"))
        if i % every == 0:
            body.append(text(centre, bottom + line, numbers.day(week.start), text_anchor="middle"))
            body.append(
                text(
                    centre,
                    bottom + 2 * line,
                    f"{week.days_logged}/{week.days} days",
                    text_anchor="middle",
                    fill=MUTED,
                )
            )
            if week.coverage is not None:
                body.append(
                    text(
                        centre,
                        bottom + 3 * line,
                        f"cov. {numbers.share(week.coverage)}",
                        text_anchor="middle",
                        fill=MUTED,
                    )
                )
    for value in (target.amount, *([target.upper] if band and target.upper else [])):
        body.append(
            el(
                "line",
                x1=float(left),
                y1=y(value),
                x2=float(right),
                y2=y(value),
                stroke=INK,
                stroke_width=2,
                stroke_dasharray="6 3",
                class_="target",
            )
        )
    body.append(
        el("line", x1=float(left), y1=float(bottom), x2=float(right), y2=float(bottom), stroke=INK)
    )
    return _svg(body, width=width, height=height, chart_id=chart_id, title=title, desc=desc)


def _day_words(day: CrampDay) -> str:
    words = f"{numbers.long_day(day.date)}: {day.episodes} cramp" + (
        "s" if day.episodes > 1 else ""
    )
    words += f", {numbers.minutes(day.minutes)}, worst severity {day.worst_severity} of 10"
    if day.sleep_disrupted:
        words += ", sleep disturbed"
    if day.red_flag:
        words += ", red-flag symptom reported"
    return words


def cramp_chart(
    days: Sequence[CrampDay],
    *,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    chart_id: str = "cramps",
) -> str:
    """SVG timeline of cramps by day: worst severity, minutes, disturbed sleep, red flags."""
    fs = _font_size(width)
    line = fs + 4
    title = "Cramps by the day they started: worst severity (1-10) and minutes"
    with_cramps = [d for d in days if d.episodes]
    if days:
        span = f"{numbers.long_day(days[0].date)} to {numbers.long_day(days[-1].date)}"
    else:
        span = "no days"
    desc = f"{title}, {span}. " + (
        "; ".join(_day_words(d) for d in with_cramps) + "."
        if with_cramps
        else "No cramps were logged."
    )
    left, right = 8 + fs * 2, width - 10
    bottom = height - 2 * line - 6
    heading = _heading(title, "Cramps by day: worst severity", width=width, fs=fs)
    body = [text(4, fs + 2, heading, font_weight="bold")]
    legend, legend_y = _legend(
        [
            (
                f'<rect x="{{x}}" y="{{y}}" width="{2 * fs}" height="{fs - 2}" '
                f'fill="{VERMILLION}" stroke="{INK}"/>',
                "worst severity that day",
            ),
            ('<text x="{x}" y="{base}" font-weight="bold">z</text>', "sleep disturbed"),
            ('<text x="{x}" y="{base}" font-weight="bold">!</text>', "red-flag symptom"),
        ],
        y=fs + 2 + line,
        fs=fs,
        width=width,
    )
    body += legend
    top = legend_y + 14
    plot_h = max(20.0, bottom - top)

    def y(value: float) -> float:
        return bottom - value / 10 * plot_h

    for tick in (0, 5, 10):
        body.append(
            el("line", x1=float(left), y1=y(tick), x2=float(right), y2=y(tick), stroke=GRID)
        )
        body.append(text(left - 4, y(tick) + fs / 3, str(tick), text_anchor="end"))
    slot = (right - left) / max(1, len(days))
    every = _label_every(slot, fs * 4)
    minutes_fit = slot >= fs * 1.6
    for i, day in enumerate(days):
        centre = left + i * slot + slot / 2
        if day.episodes and day.worst_severity is not None:
            bar_w = max(1.0, slot * 0.7)
            body.append(
                el(
                    "rect",
                    x=centre - bar_w / 2,
                    y=y(day.worst_severity),
                    width=bar_w,
                    height=bottom - y(day.worst_severity),
                    fill=VERMILLION,
                    stroke=INK,
                    stroke_width=0.5,
                    class_="bar",
                )
            )
            if minutes_fit:
                labels = [f"{day.minutes:g}′"] + ([f"×{day.episodes}"] if day.episodes > 1 else [])
                for row, label in enumerate(labels):
                    body.append(
                        text(
                            centre,
                            y(day.worst_severity) - 4 - row * fs,
                            label,
                            text_anchor="middle",
                            font_size=fs - 1,
                        )
                    )
        marks = ("z" if day.sleep_disrupted else "") + ("!" if day.red_flag else "")
        if marks:
            body.append(
                text(centre, bottom + line, marks, text_anchor="middle", font_weight="bold")
            )
        if i % every == 0:
            body.append(
                text(
                    centre,
                    bottom + 2 * line,
                    numbers.day(day.date),
                    text_anchor="middle",
                    fill=MUTED,
                )
            )
    if not with_cramps:
        body.append(
            text(
                (left + right) / 2,
                (top + bottom) / 2,
                "No cramps logged",
                text_anchor="middle",
                fill=MUTED,
            )
        )
    body.append(
        el("line", x1=float(left), y1=float(bottom), x2=float(right), y2=float(bottom), stroke=INK)
    )
    return _svg(body, width=width, height=height, chart_id=chart_id, title=title, desc=desc)
