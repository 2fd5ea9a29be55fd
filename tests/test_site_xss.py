"""A society that writes `<script>`, `<img onerror>`, `javascript:` and `{: onclick}` into every
text field: the site builds, shows every payload as typed, and holds none of it as markup."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site_support import (
    HOSTILE,
    HOSTILE_CONTACT,
    PAYLOADS,
    XSS_SOCIETY,
    hostile_site,
    html_pages,
    parse,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site() -> Path:
    return hostile_site()


def test_no_payload_becomes_markup(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) > 15
    for page in pages:
        found = parse(page)
        for tag, attrs in found.elements:
            handlers = [a for a in attrs if a.lower().startswith("on")]
            assert not handlers, (page, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), page
            href = str(attrs.get("href") or "")
            assert urlsplit(href).scheme in ("", "http", "https"), (page, tag, href)
        assert not [s for s in found.scripts if "__xss" in s], page


def test_every_payload_is_shown_as_typed(site: Path) -> None:
    overview = "".join(parse(site / "societies" / XSS_SOCIETY / "index.html").text)
    shown = "".join(parse(site / "societies" / XSS_SOCIETY / "2017" / "index.html").text)
    for payload in PAYLOADS:
        assert payload in overview  # in the society's name
        assert payload in shown
    # one field per cell: the title of each list appears in its table
    assert shown.count(HOSTILE) >= 10
    area = "".join(parse(site / "areas" / "2017" / "academic_events" / "index.html").text)
    assert PAYLOADS[0] in area


def test_hostile_addresses_are_text_or_escaped(site: Path) -> None:
    page = parse(site / "societies" / XSS_SOCIETY / "2017" / "index.html")
    assert not [h for h in page.links if h.startswith("javascript")]
    # An address holding a quote is refused (validators.urls.URL_UNSAFE): shown as text, no link.
    assert not [h for h in page.links if h.startswith('https://example.org/"')]
    assert "onmouseover" in "".join(page.text)


def test_the_association_s_contact_is_shown_as_typed(site: Path) -> None:
    """The admin list's `contact`, a payload in its office: the page on submitting shows it as
    text in its “联系市科协” section, the address as the one link there."""
    page = parse(site / "submit" / "index.html")
    shown = "".join(page.text)
    assert f"部门：{HOSTILE_CONTACT['office']}" in shown
    assert "电话：028-0000 0000" in shown
    assert HOSTILE_CONTACT["url"] in page.links
    assert "contact" in page.ids
