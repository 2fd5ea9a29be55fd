"""A review or objection file `check` cannot use holds its year, as a broken year file does: read
without it, every item of the society counted as unverified, and a total of 39 was published
as 0 during the public notice while `evaluate` and the build said nothing (a tester's case)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_unscored_years import _cli, _years
from tests.trees import base_tree

DEEP = "x: " + "[" * 60 + "]" * 60 + "\n"  # E-YAML-TOO-DEEP


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = base_tree(tmp_path_factory.mktemp("broken"))
    record = root / "reviews" / "2018" / "cd-computer.yaml"
    assert record.is_file()
    record.write_text(DEEP, encoding="utf-8")
    return root


def test_the_year_of_a_broken_review_file_is_not_scored(broken: Path) -> None:
    assert "E-YAML-TOO-DEEP" in _cli(broken, "check").stdout
    done = _cli(broken, "evaluate", "--year", "2018", "--format", "csv")
    assert done.returncode == 1
    assert "2018" not in _years(done.stdout)
    assert "2018 年度未评估：reviews/2018/cd-computer.yaml:1:" in done.stderr
    assert "核查或异议记录无法使用：嵌套超过" in done.stderr
    assert "Traceback" not in done.stderr
    # The other years are scored, and the run fails for the one held.
    every = _cli(broken, "evaluate", "--format", "csv")
    assert every.returncode == 1
    assert _years(every.stdout) == {"2017"}
    other = _cli(broken, "evaluate", "--year", "2017", "--format", "csv")
    assert other.returncode == 0, other.stderr


def test_a_broken_review_file_builds_no_site(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "kept.md").write_text("旧网站", encoding="utf-8")
    done = _cli(broken, "generate", "--out", str(out), module="site_builder")
    assert done.returncode == 1
    assert "网站没有生成，原有网站保持不变：reviews/2018/cd-computer.yaml:1:" in done.stderr
    assert "Traceback" not in done.stderr
    assert [p.name for p in out.iterdir()] == ["kept.md"]


@pytest.mark.parametrize("content", [b"\xff\xfeo\x00", b"society: cd-computer\nyear: 2017\n"])
def test_an_objections_file_or_a_record_of_another_year_holds_its_year(tmp_path: Path, content: bytes) -> None:
    """A GBK or UTF-16 objections file (the tester's: evaluate exited 0), and a record whose
    `year` is not its folder's (read as no record at all)."""
    root = base_tree(tmp_path)
    name = "objections.yaml" if content.startswith(b"\xff") else "cd-computer.yaml"
    (root / "reviews" / "2018" / name).write_bytes(content)
    done = _cli(root, "evaluate", "--format", "csv")
    assert done.returncode == 1
    assert _years(done.stdout) == {"2017"}
    assert f"reviews/2018/{name}:" in done.stderr


def test_a_record_misnamed_in_its_year_s_folder_holds_the_year(tmp_path: Path) -> None:
    """reviews/2018/CD-computer.yaml is E-PATH-LAYOUT and no record: cd-computer's items would be
    published as unverified (a reviewer's case)."""
    root = base_tree(tmp_path)
    record = root / "reviews" / "2018" / "cd-computer.yaml"
    record.rename(record.with_name("CD-computer.yaml"))
    done = _cli(root, "evaluate", "--format", "csv")
    assert done.returncode == 1
    assert _years(done.stdout) == {"2017"}
    assert "reviews/2018/CD-computer.yaml:1:1" in done.stderr


@pytest.mark.parametrize(("name", "content"), [
    ("cd-tcm.yaml", DEEP), ("objections.yaml", DEEP),
    ("cd-tcm.yaml", "society: cd-tcm\nyear: 2017\nitems: 5\n"),  # refused by its model
    ("cd-tcm.yaml", "society: cd-tcm\nyear: 2018\n"),  # a record of another year
    ("CD-tcm.yaml", "society: cd-tcm\nyear: 2017\n")])  # misnamed in its year's folder
def test_a_broken_review_file_of_a_final_year_leaves_its_frozen_results_shown(tmp_path: Path, name: str,
                                                                              content: str) -> None:
    """2017's results are frozen (results/2017.json): no record read now changes them, so a
    broken 2017 review file hid nothing before but the whole year, even another society's line.
    Its frozen results are shown and the site is built; the file is still named, and `check`
    still fails for it."""
    root = base_tree(tmp_path / "tree")
    before = _cli(root, "evaluate", "--year", "2017", "--format", "csv")
    assert before.returncode == 0, before.stderr
    (root / "reviews" / "2017" / name).write_text(content, encoding="utf-8")
    assert _cli(root, "check").returncode == 1
    done = _cli(root, "evaluate", "--year", "2017", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == before.stdout
    assert f"2017 年度已定稿，显示的是定稿时的结果，不受这份记录影响：reviews/2017/{name}:" in done.stderr
    one = _cli(root, "evaluate", "--year", "2017", "--society", "cd-mech-eng")
    assert one.returncode == 0, one.stderr
    assert "cd-mech-eng" in one.stdout
    assert "Traceback" not in done.stderr + one.stderr
    out = tmp_path / "docs"
    built = _cli(root, "generate", "--out", str(out), module="site_builder")
    assert built.returncode == 0, built.stderr
    assert (out / "societies" / "cd-tcm" / "2017" / "index.md").is_file()
