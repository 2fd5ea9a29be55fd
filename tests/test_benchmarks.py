"""A CI-sized run of the benchmark command, so it cannot rot (no timing is asserted)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from benchmarks import hostile_text, run
from benchmarks.generate import dump_yaml, generate
from validators.check import check_tree
from validators.yaml.loading import load_text
from validators.yaml.policy import policy
from validators.year.guideline import guideline

# Strings that YAML 1.2 core (the project's loader) or YAML 1.1 (PyYAML) reads as another type
# when written plain, and a few that both read as text.
TRICKY = ["1e3", "1E3", "+1e3", "-1.5e-3", "1E+3", ".5", "1.", "0123", "0o17", "0x1F", "1_000", "1:20",
          "190:20:30", "12", "-7", "3.14", "yes", "No", "on", "OFF", "y", "true", "False", "TRUE", "null",
          "NULL", "~", "", ".inf", "-.Inf", ".NaN", "2017-01-01", "2017-02-30", "2001-12-14t21:59:43.10-05:00",
          "<<", "=", "1e3 次", "普通文字", "- a", "a: b", "#注释"]


def test_generator_is_deterministic_and_valid(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert generate(6, 3, 11, first) == generate(6, 3, 11, second) == 6 * 4
    for path in sorted(first.rglob("*.yaml")):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()
    result, repo = check_tree(first)
    assert not result.has_errors, [f.message for f in result.findings if f.severity == "error"][:3]
    areas = {"academic_events", "research", "major_work", "consortia", "service_stations"}
    assert all(any(getattr(d.report, a) for d in repo.reports.values()) for a in areas)
    categories = {e.category.value for d in repo.reports.values() for e in d.report.academic_events}
    listed = {c.code for year in {d.report.year for d in repo.reports.values()}
              if (rules := guideline(year, first)) is not None for c in rules.kinds.event_categories}
    assert categories == listed  # every category of the years written, and no other


def test_a_generated_tree_large_enough_to_reuse_words_has_no_error(tmp_path: Path) -> None:
    """At 150 societies the consortia's names came round again (two leads of one name: 381
    errors, each located by the slow loader, in the benchmark's “valid” tree)."""
    from benchmarks.generate import WORDS

    societies = 4 * len(WORDS) + 8  # consortium groups beyond the list of words
    generate(societies, 1, 3, tmp_path)
    result, _ = check_tree(tmp_path)
    assert not result.has_errors, [f.message for f in result.findings if f.severity == "error"][:3]


def test_a_kept_tree_is_made_again_when_the_generator_changed(tmp_path: Path) -> None:
    """The kept tree was reused whatever the generator had become since (its stamp said only
    that it was complete), so a fixed generator went on measuring the old data."""
    tree = run._tree(tmp_path, 3, 1)
    marker = tree / "submissions" / "kept.txt"
    marker.write_text("kept", "utf-8")
    assert run._tree(tmp_path, 3, 1) == tree
    assert marker.exists()  # same generator: the tree is kept
    (tree / ".complete").write_text("an older generator", "utf-8")
    run._tree(tmp_path, 3, 1)
    assert not marker.exists()


def test_benchmark_command_prints_its_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run.main(["--sizes", "3", "--years", "2", "--repeat", "1", "--no-site", "--no-jsonschema",
              "--work", str(tmp_path)])
    out = capsys.readouterr().out
    assert "| 3×2 | 9 |" in out
    [figures] = json.loads((tmp_path / "results.json").read_text("utf-8"))
    assert {"baseline_parse", "fastest_parse", "models_only", "models_parallel", "check_no_rules", "check", "check_one_changed",
            "evaluate", "startup"} <= set(figures["seconds"])
    assert "check/最快解析" in out
    assert "解析+模型校验 s" in out
    assert "解析+模型校验（与 check 同样多的进程）s" in out
    assert "不跑规则的 check s" in out
    assert all(seconds > 0 for seconds in figures["seconds"].values())


@pytest.mark.slow
def test_site_figures_hold_both_builders_page_sizes_and_the_preview(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run.main(["--sizes", "3", "--years", "2", "--repeat", "1", "--no-jsonschema", "--work", str(tmp_path)])
    out = capsys.readouterr().out
    assert "Zensical 构建 s" in out
    assert "编辑→页面更新 s" in out
    [figures] = json.loads((tmp_path / "results.json").read_text("utf-8"))
    assert {"site_generate", "site_build", "plain_mkdocs_build", "zensical_build", "preview_first_page",
            "preview_update", "preview_warm_first_page", "preview_after_build_first_page"} <= set(figures["seconds"])
    assert "构建后预览首页 s" in out
    assert all(seconds > 0 for seconds in figures["seconds"].values())
    assert 0 < figures["sizes"]["page_p95"] <= figures["sizes"]["largest_page"]
    assert "核查工作台打开 s" in out  # the workbench opens the largest report of the built site
    assert figures["sizes"]["workbench_items"] > 0


def test_the_workbook_benchmark_names_the_largest_sample(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import workbook

    workbook.main(["--repeat", "1"])
    out = capsys.readouterr().out
    assert "最大的示例报告：submissions/" in out
    assert "读入/check" in out


def test_generated_yaml_keeps_every_string_a_string() -> None:
    data = {"strings": TRICKY, **{f"k{i}": text for i, text in enumerate(TRICKY)},
            "1e3": "key", "typed": [1000, 1e3, 0.5, True, None, dt.date(2017, 1, 1)]}
    text = dump_yaml(data, sort_keys=False)
    loaded = load_text(text, "x.yaml", max_depth=None)
    assert loaded.findings == []
    assert loaded.data == data
    assert [type(v) for v in loaded.data["typed"]] == [int, float, float, bool, type(None), dt.date]
    assert yaml.safe_load(text) == data  # and YAML 1.1, as PyYAML reads it
    assert "k0: '1e3'" in text
    # The failure this guards against: PyYAML alone writes 1e3 plain, a number to the loader.
    assert load_text(yaml.safe_dump({"a": "1e3"}), "x.yaml", max_depth=None).data == {"a": 1000.0}


def test_hostile_text_reports_are_the_size_asked_and_checked_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each hostile report is a valid report of the asked size whose titles are the longest a
    title may be: what is timed is the check of every title, not a refusal at the door."""
    folder = tmp_path / "submissions" / "cd-bench"
    folder.mkdir(parents=True)
    (folder / "society.yaml").write_text(hostile_text.PROFILE, encoding="utf-8")
    for name, (hostile, plain) in hostile_text.SHAPES.items():
        for event in (hostile, plain):
            text = hostile_text.report(event, 40)
            assert 40 * 1024 <= len(text.encode("utf-8")) < 46 * 1024
            (folder / "2017.yaml").write_text(text, encoding="utf-8")
            result, repo = check_tree(tmp_path, [folder / "2017.yaml"])
            [doc] = repo.reports.values()  # read whole: the schema took it
            events = doc.report.academic_events
            if name in hostile_text.HOSTILE:
                assert not result.has_errors, [f.message for f in result.findings][:2]
                assert {len(e.title) for e in events} == {policy().yaml.max_text_chars}
            else:
                codes = {f.code for f in result.findings}
                assert codes == ({"E-COUNTRY-UNKNOWN", "E-THRESHOLD-COUNTRIES"} if event is hostile
                                 else set()), codes
                assert {len(e.countries) for e in events} == {hostile_text.COUNTRIES_PER_EVENT}
    hostile_text.main(["--sizes", "20", "--repeat", "1"])
    out = capsys.readouterr().out
    assert out.count("| 20 |") == len(hostile_text.SHAPES)
    assert "最大比值" in out
