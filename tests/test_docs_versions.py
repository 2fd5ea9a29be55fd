"""The install line the how-to-submit page gives a secretary pins the same versions as the lock file."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pins(text: str) -> dict[str, str]:
    return {name.lower(): version for name, version in re.findall(r"([A-Za-z][\w.-]*)==([\w.]+)", text)}


def test_submit_page_install_line_matches_the_lock_file() -> None:
    lock = _pins((ROOT / "requirements.lock").read_text("utf-8"))
    [line] = [x for x in (ROOT / "docs" / "submit.md").read_text("utf-8").splitlines()
              if "pip install" in x]
    pins = _pins(line)
    assert set(pins) == {"pydantic", "pyyaml"}
    assert all(lock[name] == version for name, version in pins.items()), (pins, line)
