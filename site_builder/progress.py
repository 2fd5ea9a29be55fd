"""A progress bar for the preview's long first start: files checked, pages built.

On a terminal the line is redrawn in place; in a log (not a terminal) a line is written at each
tenth, so the log says how far it got without thousands of lines.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 24
_REDRAW = 0.1  # seconds between two redraws on a terminal


class Bar:
    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label, self.total = label, max(total, 1)
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self._shown_tenth, self._shown_at, self.done = -1, 0.0, 0

    def line(self, done: int) -> str:
        filled = _WIDTH * done // self.total
        return f"{self.label} [{'#' * filled}{'-' * (_WIDTH - filled)}] {done}/{self.total}"

    def show(self, done: int) -> None:
        self.done = done
        if self.terminal:
            now = time.monotonic()
            if done < self.total and now - self._shown_at < _REDRAW:
                return
            self._shown_at = now
            end = "\n" if done >= self.total else ""
            self.stream.write(f"\r{self.line(done)}{end}")
        else:
            tenth = 10 * done // self.total
            if tenth == self._shown_tenth:
                return
            self._shown_tenth = tenth
            self.stream.write(self.line(done) + "\n")
        self.stream.flush()

    def advance(self) -> None:
        self.show(self.done + 1)
