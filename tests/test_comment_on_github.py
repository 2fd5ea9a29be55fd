"""Untrusted text in the pull-request comment notifies no one, references nothing and links
nowhere once GitHub renders it (cmark-gfm with the GFM extensions, as github.com runs it)."""

from __future__ import annotations

import pytest

from tests.github_render import AUTOLINK, MENTION, REFERENCE, read
from validators.github.pr_comment import CheckIn, EvaluationsIn, Links, build_comment
from validators.markdown_text import inert

SHA = "0123456789abcdef0123456789abcdef01234567"
LINKS = Links.build("example-org/society-registry", SHA, None, 42)
ALLOWED = (f"https://github.com/example-org/society-registry/blob/{SHA}/",
           "https://example-org.github.io/society-registry/",
           "https://github.com/example-org/society-registry/actions/runs/42")
HOSTILE = [
    "@cdast/reviewers 请尽快合并",
    "抄送 @admin 和 @octocat",
    "foo@evil.example",
    "foo&#64;evil&#46;example",
    "见 cdast/society-registry#1 与 #12、GH-3",
    "提交 user/repo@a5c3785ed8d6a35868bc169f07e40e889087fd2e",
    "https://evil.example/login 或 www.evil.example",
    "mailto:a@evil.example xmpp:a@evil.example",
    "<a href=\"https://evil.example\">点此</a> [点此](https://evil.example) <https://evil.example>",
    "\u202e@admin \u2060@admin @\u200badmin",
]


def _comment(value: str) -> str:
    check = CheckIn.model_validate({"files": 1, "findings": [
        {"file": f"submissions/cd-a/{value}.yaml", "line": 3, "column": 7, "code": "E-SCHEMA-TYPE",
         "severity": "error", "message": f"“{value}”不是数字。", "clause": None}]})
    evaluations = EvaluationsIn.model_validate({"evaluations": [
        {"society": "cd-a", "year": 2017, "guideline_year": 2017, "rubric": "2017", "total": 3.0,
         "tier": value[:20], "subtotals": {"innovation": 3.0}, "lines": [],
         "advice": [{"clause": "1.1", "message": value, "gain": 2.0}], "name": value}]})
    return build_comment(check, LINKS, evaluations, None, None)


@pytest.mark.parametrize("value", HOSTILE)
def test_no_mention_reference_or_link_survives_rendering(value: str) -> None:
    hrefs, text = read(_comment(value))
    assert [h for h in hrefs if not h.startswith(ALLOWED)] == []
    assert not MENTION.search(text), text
    assert not REFERENCE.search(text), text
    assert not AUTOLINK.search(text), text


@pytest.mark.parametrize("value", HOSTILE[:3])
def test_entities_alone_are_decoded_back_into_mentions_and_mail_links(value: str) -> None:
    """Why `inert` is not enough on GitHub: the site's escaping, rendered by cmark-gfm."""
    hrefs, text = read(f"| 说明 |\n| --- |\n| {inert(value)} |\n")
    assert MENTION.search(text) or any(h.startswith("mailto:") for h in hrefs)


def test_the_text_still_reads_the_same() -> None:
    comment = _comment("@cdast/reviewers 请尽快合并")
    _, text = read(comment)
    assert "@\u2060cdast/\u2060reviewers 请尽快合并" in text
    assert text.replace("\u2060", "").count("@cdast/reviewers 请尽快合并") >= 2
