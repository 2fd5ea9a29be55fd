"""The GitHub workflows: linted by zizmor, valid against the workflow schema, pinned, least privilege."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.clients import python_for
from tests.trees import ROOT
from validators.github.pr_comment import LABEL_NEEDS_CHANGES, MARKER

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
BIN = Path(sys.executable).parent
_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
_VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")


def _load(name: str) -> dict[str, Any]:
    # PyYAML reads the key `on` as True; the workflows are data here, nothing else.
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def _steps(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in data["jobs"].items() for step in job.get("steps", [])]


def _tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed in the project's environment"
    return str(path)


def test_the_four_workflows_exist() -> None:
    assert {p.name for p in FILES} == {"validate.yml", "comment.yml", "ownership.yml", "publish.yml"}


@pytest.mark.slow
def test_zizmor_reports_no_finding() -> None:
    """Pedantic: the only findings left are the two privileged triggers, each ignored on its line
    with the reason (they read the pull request as data and never run its code)."""
    run = subprocess.run([_tool("zizmor"), "--offline", "--pedantic", "--no-progress", str(WORKFLOWS)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings to report" in run.stdout


@pytest.mark.slow
def test_workflows_match_the_github_workflow_schema() -> None:
    run = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                          *map(str, FILES)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    uses = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses
    for line in uses:
        ref = line.split("uses:", 1)[1].split("#", 1)[0].strip()
        assert _PINNED.match(ref), line
        assert _VERSION_COMMENT.search(line), f"no # vX.Y.Z comment: {line}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expression_inside_run(path: Path) -> None:
    for job_id, step in _steps(_load(path.name)):
        assert "${{" not in step.get("run", ""), (job_id, step.get("name"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials_and_privileged_ones_take_the_base(path: Path) -> None:
    data = _load(path.name)
    privileged = {"workflow_run", "pull_request_target"} & set(data["on"])
    for _, step in _steps(data):
        if step.get("uses", "").startswith("actions/checkout@"):
            options = step.get("with", {})
            assert options.get("persist-credentials") is False
            if privileged:  # the default ref is the base branch; anything else could be the PR's
                assert "ref" not in options
                assert "repository" not in options


def test_validation_is_read_only_and_uploads_the_result() -> None:
    data = _load("validate.yml")
    assert set(data["on"]) == {"pull_request"}
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    runs = "\n".join(step.get("run", "") for _, step in _steps(data))
    assert "--format github" in runs
    assert "GITHUB_STEP_SUMMARY" in runs
    assert ".ci/run" in runs
    uploads = [s for _, s in _steps(data) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [s["with"]["name"] for s in uploads] == ["pr-validation"]


def test_comment_workflow_has_least_privilege_and_uses_the_marker() -> None:
    data, validate = _load("comment.yml"), _load("validate.yml")
    assert data["on"]["workflow_run"]["workflows"] == [validate["name"]]
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "write"}
    assert job["env"]["MARKER"] == MARKER
    assert job["env"]["LABEL"] == LABEL_NEEDS_CHANGES
    runs = "\n".join(step.get("run", "") for _, step in _steps(data))
    assert "select(.head.sha == env.HEAD_SHA)" in runs  # the number comes from the API
    assert "pr-number" not in runs  # never from the artifact
    assert "python -m validators pr-verdict" in runs
    assert "pulls/$PR_NUMBER/commits" in runs  # the earlier commits, as data (tests/test_comment_commits.py)
    assert "--list-earlier folders" in runs
    assert "/git/trees/$folder" in runs  # a folder's tree: the contents API lists 1,000 entries at most
    assert "/contents/" not in runs
    assert "--list-earlier blobs" in runs
    assert "pr-validation" in runs
    assert "make" not in runs
    assert "requirements-core.lock" in runs


def test_the_comment_job_always_comments_and_labels_unless_it_passed() -> None:
    (job,) = _load("comment.yml")["jobs"].values()
    assert "conclusion" not in job["if"]  # a failed validation run is commented on too
    steps = {s["name"]: s for _, s in _steps(_load("comment.yml"))}
    download = steps["Download the validation run's artifact (a missing one means \"not checked\")"]
    assert download["continue-on-error"] is True
    post = steps["Post or update the sticky comment"]
    label = steps["Label a pull request that needs changes (anything but a pass keeps the label)"]
    for step in (post, label):
        assert step["if"].startswith("always()")
    assert '[ "$NEEDS_CHANGES" = "0" ]' in label["run"]  # only a pass removes the label
    verdict = steps["Decide with the base branch's code and write the comment"]["run"]
    assert '[ "$status" -gt 1 ]' in verdict
    assert "status=1" in verdict


def test_every_install_checks_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    installs += [run for path in FILES for _, step in _steps(_load(path.name))
                 if "pip install" in (run := step.get("run", "").replace("\\\n", " "))]
    assert len(installs) >= 3
    assert all("--require-hashes" in line for line in installs), installs
    privileged = [step["run"] for name in ("comment.yml", "ownership.yml")
                  for _, step in _steps(_load(name)) if "pip install" in step.get("run", "")]
    assert len(privileged) == 3  # the comment job, and both ownership jobs
    assert all("--only-binary :all:" in run and "requirements-core.lock" in run for run in privileged)


def test_no_job_runs_in_an_unpinned_container() -> None:
    for path in FILES:
        for job in _load(path.name)["jobs"].values():
            image = job.get("container", {}).get("image", "") if isinstance(job.get("container"), dict) \
                else job.get("container", "")
            assert not image or "@sha256:" in image, (path.name, image)


def test_ownership_reads_the_pull_request_as_data() -> None:
    data = _load("ownership.yml")
    assert set(data["on"]) == {"pull_request_target"}
    assert "edited" in data["on"]["pull_request_target"]["types"]  # a new base re-runs it
    assert data["permissions"] == {}
    assert set(data["jobs"]) == {"ownership", "cycle"}
    job = data["jobs"]["ownership"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "read"}
    runs = "\n".join(step.get("run", "") for _, step in _steps(data))
    assert "pulls/$PR_NUMBER/files" in runs
    assert '"120000"' in runs
    assert '"160000"' in runs
    assert "python -m validators ownership" in runs
    assert "make" not in runs
    assert "pip install -e" not in runs
    assert "pytest" not in runs


def test_the_cycle_gate_reads_files_and_reviews_as_data_and_comments_with_its_marker() -> None:
    from validators.cli.gate import MARKER as CYCLE_MARKER

    job = _load("ownership.yml")["jobs"]["cycle"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "read", "issues": "write"}
    assert job["env"]["MARKER"] == CYCLE_MARKER
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "pulls/$PR_NUMBER/files" in runs
    assert "pulls/$PR_NUMBER/reviews" in runs
    # The opening of each patch, as much as the gate reads for where a change begins.
    from validators.github.changed_files import PATCH_CHARS

    assert f'patch: ((.patch // "")[:{PATCH_CHARS}])' in runs
    assert "python -m validators gate" in runs
    assert "--head-sha" in runs
    # The head's reports, read through the API as data, for the items a replacement drops.
    assert "--list-reports" in runs
    assert '--head-root "$RUNNER_TEMP/pr/head"' in runs


def test_the_cycle_job_fetches_only_a_few_paths_named_as_reports() -> None:
    """The listed reports go into API URLs and file names under $RUNNER_TEMP: the shell takes what
    the gate lists, which is at most MAX_REPLACED_REPORTS (its output is the contract,
    tests/test_cycle_gate.py; a `head -n 30` here cut it a second time, with a number of its own),
    each held to a report's name before it is used."""
    runs = "\n".join(step.get("run", "") for step in _load("ownership.yml")["jobs"]["cycle"]["steps"])
    listing = runs[runs.index("--list-reports"):]
    assert re.match(r"--list-reports \|\s*while IFS= read -r path; do", listing), listing[:80]
    check = re.search(r'\[\[ "\$path" =~ (\S+) \]\] \|\| continue', listing)
    assert check is not None
    assert listing.index(check.group(0)) < listing.index("mkdir -p") < listing.index("gh api")
    test = f'[[ "$1" =~ {check.group(1)} ]]'
    said = {path: subprocess.run(["bash", "-c", test, "-", path], check=False).returncode == 0 for path in (
        "submissions/cd-tcm/2018.yaml", "submissions/x?ref=main#/2018.yaml", "submissions/cd-tcm\n../2018.yaml",
        "submissions/../2018.yaml", "submissions/cd-tcm/2018.yaml/../../x", "submissions/cd-tcm/20180.yaml",
        "submissions/cd-tcm/2018.yaml\nsubmissions/x/2018.yaml")}
    assert said == {path: path == "submissions/cd-tcm/2018.yaml" for path in said}
    assert "pytest" not in runs
    assert "make" not in runs


def test_publishing_grants_pages_rights_to_the_deploy_job_only() -> None:
    data = _load("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert build["if"] == deploy["if"] == "github.ref == 'refs/heads/main'"  # a manual run too
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "make build" in "\n".join(s.get("run", "") for s in build["steps"])
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_publishing_checks_the_built_site_s_links_before_uploading_it() -> None:
    """A clause link whose anchor its year's guideline lost (or any broken link) stops the
    deployment: the site's own link check runs on the built site, between build and upload."""
    steps = _load("publish.yml")["jobs"]["build"]["steps"]

    def index(found: Callable[[dict[str, Any]], bool]) -> int:
        (at,) = [i for i, step in enumerate(steps) if found(step)]
        return at

    built = index(lambda s: "make build" in s.get("run", ""))
    checked = index(lambda s: "-m site_builder check-links --site-dir site" in s.get("run", ""))
    uploaded = index(lambda s: s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert built < checked < uploaded
    assert steps[checked]["run"].startswith(".venv/bin/python ")  # the environment `make build` set up


def test_publishing_rebuilds_the_site_daily_just_after_midnight_in_beijing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each year's phase is the calendar's on the day of the build: without a daily build, a day
    on which no one pushes left yesterday's phase (“公示中…请在 12 月 10 日之前”) on the site.
    The cron is in UTC; the build it starts is dated by Beijing's day, which has just begun."""
    import datetime as dt

    from site_builder.generate import build_date

    (entry,) = _load("publish.yml")["on"]["schedule"]
    minute, hour, *every = entry["cron"].split()
    assert every == ["*", "*", "*"]  # daily
    started = dt.datetime(2026, 12, 5, int(hour), int(minute), tzinfo=dt.UTC)
    beijing = started.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert beijing.hour == 0, beijing  # shortly after midnight,
    assert beijing.minute >= 5, beijing  # not on it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(started.timestamp())))
    assert build_date() == beijing.date().isoformat() == "2026-12-06"


def test_the_test_job_sets_up_every_python_ci_run_asks_for() -> None:
    """`.ci/run` runs the fast tests again on 3.13; the hosted runner has only what setup-python
    gives it, so a version missing there fails every pull request's test job."""
    asked = set(re.findall(r"find-python (\d\.\d+)", (ROOT / ".ci" / "run").read_text(encoding="utf-8")))
    assert asked == {"3.13"}
    job = _load("validate.yml")["jobs"]["test"]
    [setup] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    versions = setup["with"]["python-version"].split()
    assert asked <= set(versions)
    assert versions[-1] == "3.11"  # the last one listed is `python`, which the job passes as PYTHON


@pytest.mark.parametrize(("uid", "through_sudo"), [("0", False), ("1001", True)])
def test_ci_run_installs_what_is_missing_as_root_or_through_sudo(tmp_path: Path, uid: str, through_sudo: bool) -> None:
    """A hosted runner's user is not root: apt-get alone cannot take its lock there."""
    fake = tmp_path / "bin"
    fake.mkdir()
    log = tmp_path / "log"
    scripts = {"id": f"echo {uid}", "fc-list": "exit 0", "sudo": 'echo "sudo $*" >> "$LOG"; shift 2; exec "$@"',
               "apt-get": 'echo "apt-get $*" >> "$LOG"', "make": 'echo "make $*" >> "$LOG"'}
    for name, body in scripts.items():
        (fake / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (fake / name).chmod(0o755)
    python_for("3.13")  # .ci/run looks for it before its second pass
    env = {**os.environ, "PATH": os.pathsep.join([str(fake), os.environ["PATH"]]), "LOG": str(log),
           "CHROMIUM": str(tmp_path / "no-chromium"), "PYTHON": sys.executable}
    subprocess.run(["bash", str(ROOT / ".ci" / "run")], env=env, check=True, capture_output=True, timeout=120)
    lines = log.read_text(encoding="utf-8").splitlines()
    installs = [line for line in lines if "apt-get install" in line]
    assert len(installs) == (2 if through_sudo else 1)
    assert "chromium" in installs[-1]
    assert installs[0].startswith("sudo --non-interactive") == through_sudo
    assert [line.split()[1] for line in lines if line.startswith("make")] == ["test", "test-fast"]
