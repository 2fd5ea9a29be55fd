"""The start panel's year lists name each year with its phase on the reader's day: form-util.js,
run under Node on each year's guide as the site publishes it, says “填报已截止” of a year whose
submission has closed (a secretary chose such a year unawares and was refused only after 新建),
“正在填报，<截止日>截止” of a year open for filling, which it chooses, and when it opens of one not
yet open, on the days the calendar says so."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from typing import Any

import pytest

from site_builder.form_labels import CLOSED_LABEL, guide_data
from tests.test_form_criteria import _node
from tests.trees import ROOT
from validators.year.cycle import Phase, full_date, month_day
from validators.year.guideline import available_years, guideline

SCRIPT = ROOT / "site_builder" / "form" / "form-util.js"
# Reads {years, guides, days} on stdin, writes each day's labels and open year on stdout.
HARNESS = """
globalThis.window = globalThis;
require(process.argv[1]);
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.days.map((day) => ({
  labels: input.years.map((y) => RF.yearLabel(y, input.guides[y], day)),
  open: RF.openYear(input.years, input.guides, day),
}))));
"""


def _in_js(years: list[int], guides: dict[int, Any], days: list[dt.date]) -> list[dict[str, Any]]:
    payload = json.dumps({"years": years, "guides": guides, "days": [d.isoformat() for d in days]}, ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    said: list[dict[str, Any]] = json.loads(done.stdout)
    return said


def _days(year: int) -> list[dt.date]:
    """Each day on which a phase of the year's calendar starts or ends, and the days around it."""
    rules = guideline(year)
    assert rules is not None
    assert rules.calendar is not None
    calendar, one = rules.calendar, dt.timedelta(days=1)
    edges = [calendar.submission_opens, calendar.submission_closes, calendar.verification_ends,
             calendar.notice_starts, calendar.notice_ends, calendar.final]
    return sorted({d + k * one for d in edges for k in (-1, 0, 1)})


@pytest.mark.parametrize("year", available_years())
def test_each_year_is_named_with_its_phase_on_the_day(year: int) -> None:
    rules = guideline(year)
    assert rules is not None
    assert rules.calendar is not None
    calendar = rules.calendar
    days = _days(year)
    said = _in_js([year], {year: guide_data(rules)}, days)
    for day, out in zip(days, said, strict=True):
        phase = calendar.phase(day)
        label = {Phase.NOT_OPEN: f"尚未开始填报，{full_date(calendar.submission_opens)}开始",
                 Phase.SUBMISSION: f"正在填报，{month_day(calendar.submission_closes)}截止"}.get(phase, CLOSED_LABEL)
        assert out["labels"] == [f"{year} 年度（{label}）"], day
        # The year comes chosen only while it is open for filling.
        assert out["open"] == (year if phase is Phase.SUBMISSION else None), day
        assert (label == CLOSED_LABEL) == calendar.is_closed(day), day


def test_a_closed_year_is_said_so_and_the_open_one_is_chosen() -> None:
    """The secretary's case: the latest year closed, an earlier one frozen; and a later year open."""
    years = available_years()
    guides: dict[int, Any] = {}
    for y in years:
        rules = guideline(y)
        assert rules is not None
        guides[y] = guide_data(rules, frozen=y != years[-1])
    latest = years[-1]
    rules = guideline(latest)
    assert rules is not None
    assert rules.calendar is not None
    closed = rules.calendar.submission_closes + dt.timedelta(days=1)
    open_day = rules.calendar.submission_closes
    [after, during] = _in_js(years, guides, [closed, open_day])
    assert after["labels"] == [f"{y} 年度（{CLOSED_LABEL}）" for y in years]
    assert after["open"] is None
    assert during["labels"][-1] == f"{latest} 年度（正在填报，{month_day(rules.calendar.submission_closes)}截止）"
    assert during["open"] == latest
    # A year without a guide (its file did not come) is its number alone.
    [alone] = _in_js(years, {}, [closed])
    assert alone["labels"] == [f"{y} 年度" for y in years]
    assert alone["open"] is None
