"""What several commands' arguments share, without the machinery behind them: building the
parser imports none of the reporters or the year files (tests/test_cli_imports.py)."""

from __future__ import annotations

import datetime as dt

__all__ = ["REPORT_FORMATS", "parse_day"]

# The names of validators.reporters.FORMATS, for --format (a test keeps the two in step).
REPORT_FORMATS = ("github", "json", "markdown", "text")


def parse_day(value: str) -> dt.date:
    """validators.year.cycle.parse_day, imported when a date is given (argparse names the type
    by this function's name in its error, as it named that one)."""
    from validators.year.cycle import parse_day as parse

    return parse(value)
