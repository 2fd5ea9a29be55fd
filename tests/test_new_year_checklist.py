"""docs/new-year.md, the staff's one-page checklist for a new year: published in the site's
navigation and linked from the README; every command it gives is one the repository has, and
its worked example, done as the page says, leaves the new year without an error or a warning."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest
import yaml

from site_builder.generate import hand_written
from site_builder.mkdocs_config import read_config
from tests.trees import NEW_YEAR, ROOT, base_tree
from validators.check import check_tree
from validators.cli import build_parser, main
from validators.year import cycle
from validators.year.consistency import year_problems, year_warnings
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics

PAGE = "new-year.md"
TEXT = (ROOT / "docs" / PAGE).read_text("utf-8")
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
MAKE_TARGET = re.compile(r"^([a-z][a-z-]*):", re.MULTILINE)
# What else the page may tell staff to run: Git's everyday commands and the venv's activation.
GIT_COMMANDS = {"switch", "pull", "add", "commit", "push"}
ACTIVATE = ["source", ".venv/bin/activate"]


def _blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(TEXT) if lang == language]


def test_the_checklist_is_a_published_page_in_the_navigation_linked_from_the_readme() -> None:
    assert PAGE in dict(hand_written())
    assert {"新年度工作清单": PAGE} in read_config(ROOT / "mkdocs.yml")["nav"]
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## 新年度指南"):readme.index("\n## ", readme.index("## 新年度指南") + 1)]
    assert f"](docs/{PAGE})" in section
    # The year the example makes is the one after the shipped years, as the README's is.
    assert f"new-year {NEW_YEAR}" in TEXT


def test_every_command_the_checklist_gives_is_one_the_repository_has() -> None:
    parser = build_parser()
    targets = set(MAKE_TARGET.findall((ROOT / "Makefile").read_text("utf-8")))
    lines = [shlex.split(line) for block in _blocks("sh") for line in block.splitlines() if line.strip()]
    assert len(lines) >= 12
    for words in lines:
        if words[:3] == ["python", "-m", "validators"]:
            parser.parse_args(words[3:])  # an unknown command or option exits (code 2) here
        elif words[0] == "make":
            assert words[1] in targets, words
        elif words[0] == "git":
            assert words[1] in GIT_COMMANDS, words
        else:
            assert words == ACTIVATE, words
    # The files it adds are those `new-year` writes (checked below), and the schema folder.
    [add] = [w for w in lines if w[:2] == ["git", "add"]]
    assert (ROOT / add[-1]).is_dir()


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_worked_example_done_as_the_page_says_leaves_no_error_and_no_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = base_tree(tmp_path / "tree", folders=())
    monkeypatch.setattr(cycle, "today", lambda: dt.date(NEW_YEAR, 6, 1))
    assert main(["--root", str(root), "new-year", str(NEW_YEAR)]) == 0
    [add] = [line for block in _blocks("sh") for line in block.splitlines() if line.startswith("git add")]
    written = add.split()[2:-1]
    assert all((root / file).is_file() for file in written), written
    text, guideline, rubric = (root / f for f in written)
    titles, kinds, note, points, rubric_title = _blocks("yaml")
    # 原文: the title and 5.1's number, as the page says.
    _replace(text, "2017年学会重点工作指南", f"{NEW_YEAR}年学会重点工作指南")
    _replace(text, "参与规模不少于100人，并制作会议资料", "参与规模不少于150人，并制作会议资料")
    # Before the parameters follow the text, `check` says the very line the page shows it saying.
    reread_guidelines()
    said = " ".join(p.message for p in year_problems(root))
    [pasted] = re.findall(r"`(kinds: \{event_categories: [^`]*)`", TEXT)
    assert f"写上 {pasted}" in said
    assert yaml.safe_load(pasted) == yaml.safe_load(kinds)
    # 指南参数: the title line becomes the page's two, its kinds block ends the file, both notes rewritten.
    lines = guideline.read_text("utf-8").splitlines()
    [title_at] = [n for n, line in enumerate(lines) if line.startswith("title:")]
    lines[title_at:title_at + 1] = titles.splitlines()
    lines = [note.rstrip("\n") if line.startswith("  note:") else line for line in lines]
    assert sum(line == note.rstrip("\n") for line in lines) == 2
    guideline.write_text("\n".join(lines) + "\n" + kinds, encoding="utf-8")
    # 评估细则: its points block ends the file, its title is the page's, its statement uncommented.
    lines = rubric.read_text("utf-8").splitlines()
    lines = [rubric_title.rstrip("\n") if line.startswith("title:") else line.removeprefix("# ")
             if line.startswith("# statement:") else line for line in lines]
    rubric.write_text("\n".join(lines) + "\n" + points, encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    assert year_problems(root) == []
    # Opened for submissions, the year still hears nothing: no placeholder and no stale title left.
    assert year_warnings(root, dt.date(NEW_YEAR, 9, 2)) == []
    result, _ = check_tree(root, day=dt.date(NEW_YEAR, 9, 2))
    assert [f for f in result.findings if f.file.startswith("validators/")] == []
