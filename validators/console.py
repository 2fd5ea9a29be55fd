"""Output of the command line: UTF-8 bytes whatever the locale, exactly as rendered."""

from __future__ import annotations

import sys

__all__ = ["err", "out"]


def out(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write((text if text.endswith("\n") else text + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()


def err(text: str) -> None:
    sys.stderr.flush()
    sys.stderr.buffer.write((text if text.endswith("\n") else text + "\n").encode("utf-8"))
    sys.stderr.buffer.flush()
