"""What several commands' arguments share, without the machinery behind them: building the
parser imports none of the reporters or the year files (tests/test_cli_imports.py)."""

from __future__ import annotations

import argparse
import datetime as dt

__all__ = ["REPORT_FORMATS", "parse_day"]

# The names of validators.reporters.FORMATS, for --format (a test keeps the two in step).
REPORT_FORMATS = ("github", "json", "markdown", "text")


def parse_day(value: str) -> dt.date:
    """validators.year.cycle.parse_day, imported when a date is given. Its words reach the user
    as an ArgumentTypeError: a ValueError would have argparse say "不是有效的 parse_day 值"."""
    from validators.year.cycle import parse_day as parse

    try:
        return parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
