"""The objection issue form: valid against GitHub's issue-form schema, Chinese, and asking for
what the admins' objections file records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.phase import OBJECTION_FORM
from tests.trees import ROOT

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / OBJECTION_FORM


@pytest.mark.slow
def test_the_form_matches_githubs_issue_form_schema() -> None:
    tool = Path(sys.executable).parent / "check-jsonschema"
    run = subprocess.run([str(tool), "--builtin-schema", "vendor.github-issue-forms", str(FORM)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_form_asks_for_society_year_and_subject_and_warns_about_personal_data() -> None:
    form = yaml.safe_load(FORM.read_text("utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    for required in ("society", "year", "subject", "confirm"):
        assert required in fields
    assert all(fields[k]["validations"]["required"] for k in ("society", "year", "subject"))
    assert "个人信息" in fields["confirm"]["attributes"]["options"][0]["label"]
    assert "异议" in form["name"]
    assert "objections.yaml" in form["body"][0]["attributes"]["value"]


def test_the_notice_asks_for_what_the_pages_show_and_the_form_takes_it(tmp_path: Path) -> None:
    """The notice asked objectors to name the society by its id and the form the item by its
    id, neither of which any page shows: both now ask for the names the pages show, and the
    form still takes an id."""
    from site_builder.generate import generate
    from tests.test_site_generate import SETTINGS

    form = yaml.safe_load(FORM.read_text("utf-8"))
    fields = {item["id"]: item["attributes"] for item in form["body"] if "id" in item}
    assert fields["society"]["label"] == "学会"
    assert "学会全称" in fields["society"]["description"]
    assert "id" in fields["society"]["description"]  # still taken
    assert "项目名称" in fields["item"]["description"]
    assert "项目 id" not in fields["item"]["description"]
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2026-12-01")  # 2018 on notice
    ranking = (tmp_path / "docs" / "rankings" / "2018" / "index.md").read_text(encoding="utf-8")
    assert "（写明学会名称、年度和项目名称）" in ranking
    assert "学会 id" not in ranking
