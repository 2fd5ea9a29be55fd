"""What every browser test module shares: one Chromium per module and a fresh page per test.

A module provides `base`, the address of the site it serves (which also fails in CI, and
skips elsewhere, when Chromium is missing); these fixtures open it.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.site_support import chromium


@pytest.fixture(scope="module")
def browser(base: str) -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _watched(context):  # type: ignore[no-untyped-def]
    """A new page of `context` that records what went wrong: script errors, console errors and
    warnings, and any request that leaves this machine (`page.problems`)."""
    opened = context.new_page()
    opened.problems = []
    opened.on("pageerror", lambda exc: opened.problems.append(f"page error: {exc}"))
    opened.on("console", lambda m: opened.problems.append(f"console {m.type}: {m.text}")
              if m.type in ("error", "warning") else None)
    opened.on("request", lambda r: opened.problems.append(f"request to {r.url}")
              if urlsplit(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    return opened


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A desktop-sized page (1280 x 900) that records what went wrong (`page.problems`)."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield _watched(context)
    context.close()


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    """A phone's page (390 x 844, touch) that records what went wrong (`page.problems`)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield _watched(context)
    context.close()
