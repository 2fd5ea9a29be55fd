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
