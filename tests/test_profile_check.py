"""The society profile: every field the model accepted is still checked when another is refused,
so a secretary sees all of the profile's errors in one run, as the form shows them."""

from __future__ import annotations

from pathlib import Path

from validators.check import check_file

PROFILE = ("id: {id}\nname: 成都市测试学会（示例）\nkind: 学会\ndiscipline: 测试\n"
           "maintainers: [{maintainer}]\nwebsite: {website}\n")


def _codes(tmp_path: Path, **fields: str) -> list[tuple[str, int]]:
    folder = tmp_path / "submissions" / "cd-a"
    folder.mkdir(parents=True)
    values = {"id": "cd-a", "maintainer": "cd-a-admin", "website": "https://example.org"} | fields
    (folder / "society.yaml").write_text(PROFILE.format(**values), encoding="utf-8")
    return sorted((f.code, f.line) for f in check_file(folder / "society.yaml", tmp_path).findings)


def test_a_refused_maintainer_does_not_hide_the_website_or_the_id(tmp_path: Path) -> None:
    codes = _codes(tmp_path, id="cd-b", maintainer="'@cd-a-admin'", website="javascript:alert(1)")
    assert ("E-URL-SCHEME", 6) in codes
    assert ("E-SOCIETY-MISMATCH", 1) in codes
    assert any(code.startswith("E-SCHEMA") and line == 5 for code, line in codes)


def test_a_refused_field_is_not_checked_again(tmp_path: Path) -> None:
    """A website that is not text is the model's error alone, not also a URL error."""
    codes = _codes(tmp_path, maintainer="'@cd-a-admin'", website="[1, 2]")
    assert [code for code, _ in codes if code.startswith("E-URL")] == []
    assert {line for _, line in codes} == {5, 6}


def test_a_valid_profile_has_no_finding(tmp_path: Path) -> None:
    assert _codes(tmp_path) == []
