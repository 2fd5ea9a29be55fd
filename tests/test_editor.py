"""The editor a secretary uses: yaml-language-server (what VS Code's YAML extension runs), the
pinned npm package, driven over stdio as an editor drives it.

On a template from `new`, a sample and a broken copy: hover shows the schema's Chinese text,
completing an enumeration offers its Chinese labels first, and the diagnostics sit on the same
lines as the findings of `check`. The broken copy has no modeline: it gets its schema from the
repository's `.vscode/settings.json`, as any file under submissions/ does in VS Code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.clients import npm_tool
from tests.lsp import LanguageServer
from tests.trees import ROOT
from validators.check import check_file
from validators.models.innovation import Service
from validators.schema import json_schema
from validators.year.guideline import guideline

pytestmark = pytest.mark.slow

SAMPLE = "submissions/cd-tcm/2017.yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Shape errors an editor sees as well: an unknown key, a value outside a list, a wrong type.
BREAKS = [("year: 2017\n", "year: 2017\nnotes: 补充说明\n"),
          ("      kind: 引才引智\n", "      kind: 引才\n"),
          ("  senior_experts_total: 88\n", "  senior_experts_total: 八十八\n")]


def _settings() -> dict:
    """The workspace's .vscode/settings.json as the YAML extension hands it to the server."""
    vscode = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    return {"yaml": {"validate": True, "hover": True, "completion": True,
                     "schemas": vscode["yaml.schemas"],
                     "schemaStore": {"enable": vscode["yaml.schemaStore.enable"]}}}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone's layout: schema/, a template written by `new`, a sample and a broken copy."""
    base = tmp_path_factory.mktemp("workspace")
    shutil.copytree(ROOT / "schema", base / "schema")
    subprocess.run([sys.executable, "-m", "validators", "--root", str(base), "new", "cd-new", "2017"],
                   cwd=ROOT, check=True, capture_output=True, timeout=60)
    shutil.copytree((ROOT / SAMPLE).parent, (base / SAMPLE).parent)  # with its evidence files
    text = (ROOT / SAMPLE).read_text("utf-8").split("\n", 1)[1]  # without the modeline
    for old, new in BREAKS:
        assert old in text
        text = text.replace(old, new, 1)
    broken = base / "submissions" / "cd-broken" / "2017.yaml"
    shutil.copytree((ROOT / SAMPLE).parent, broken.parent)
    broken.write_text(text.replace("society: cd-tcm", "society: cd-broken"), encoding="utf-8")
    return base


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[LanguageServer]:
    command = [str(npm_tool("yaml-language-server")), "--stdio"]
    started = LanguageServer(command, workspace, _settings())
    yield started
    started.close()


def _position(path: Path, needle: str) -> tuple[int, int]:
    """0-based line and the character just after `needle` on the first line holding it."""
    for n, line in enumerate(path.read_text("utf-8").splitlines()):
        if needle in line:
            return n, line.index(needle) + len(needle)
    raise AssertionError(f"{needle!r} not in {path}")


def _error_lines(path: Path, root: Path) -> set[int]:
    return {f.line for f in check_file(path, root).findings if f.severity == "error"}


def test_template_is_clean_and_explained_on_hover(server: LanguageServer, workspace: Path) -> None:
    template = workspace / "submissions" / "cd-new" / "2017.yaml"
    uri = server.open(template)
    assert server.wait_for_diagnostics(uri) == []
    assert _error_lines(template, workspace) == set()
    line, _ = _position(template, "society:")
    hover = server.hover(uri, line, 2)
    description = json_schema("submission")["properties"]["society"]["description"]
    assert CJK.search(description)
    assert description in hover


def test_sample_hover_and_completion_are_chinese(server: LanguageServer, workspace: Path) -> None:
    sample = workspace / SAMPLE
    uri = server.open(sample)
    assert server.wait_for_diagnostics(uri) == []
    assert _error_lines(sample, workspace) == set()

    line, end = _position(sample, "kind: 研发指导")
    hover = server.hover(uri, line, end - 8)
    # The field's own Chinese description, declared once on the model.
    description = Service.model_fields["kind"].description
    assert description
    assert description in hover

    items = [item["label"] for item in server.completion(uri, line, end)]
    labels = [k.label for k in guideline(2017).kinds.service_kinds]
    assert items[:len(labels)] == labels, items


def test_broken_copy_is_flagged_on_the_lines_check_reports(
        server: LanguageServer, workspace: Path) -> None:
    broken = workspace / "submissions" / "cd-broken" / "2017.yaml"
    uri = server.open(broken)
    diagnostics = server.wait_for_diagnostics(uri)
    lines = {d["range"]["start"]["line"] + 1 for d in diagnostics}
    expected = _error_lines(broken, workspace)
    assert len(expected) == len(BREAKS)
    assert lines == expected, diagnostics
    assert any(CJK.search(d["message"]) for d in diagnostics)
