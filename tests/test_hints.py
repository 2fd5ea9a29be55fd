"""“你是不是想写……” hints cost a comparison with every listed name: they are given while the
file's budget lasts (policy.yaml `suggestions`), and the errors stay whole past it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.trees import profile, write_tree
from validators.check import check_tree
from validators.yaml.policy import policy


def _international(names: list[str]) -> str:
    return f"""
        society: cd-hints
        year: 2017
        academic_events:
          - id: evt-intl
            title: 国际青年学者论坛
            category: 国际性学术交流
            role: 主办
            date: 2017-06-01
            participants: 80
            countries: {json.dumps(names, ensure_ascii=False)}
        """


def test_hints_stop_at_the_budget_and_every_unknown_name_is_still_an_error(tmp_path: Path) -> None:
    budget = policy().suggestions.max_per_file
    names = [f"Germny{i}" for i in range(budget + 10)]
    root = write_tree(tmp_path, {"submissions/cd-hints/society.yaml": profile("cd-hints"),
                                 "submissions/cd-hints/2017.yaml": _international(names)})
    result, _ = check_tree(root)
    unknown = [f for f in result.findings if f.code == "E-COUNTRY-UNKNOWN"]
    assert len(unknown) == len(names)
    hinted = [f for f in unknown if "你是不是想写" in f.message]
    assert len(hinted) == budget
    assert "“德国”" in hinted[0].message or "“Germany”" in hinted[0].message


def test_a_long_name_gets_no_hint(tmp_path: Path) -> None:
    long_name = "Germany" * (policy().suggestions.max_name_chars // 7 + 1)
    root = write_tree(tmp_path, {"submissions/cd-hints/society.yaml": profile("cd-hints"),
                                 "submissions/cd-hints/2017.yaml": _international([long_name, "Frnace"])})
    result, _ = check_tree(root)
    messages = [f.message for f in result.findings if f.code == "E-COUNTRY-UNKNOWN"]
    assert len(messages) == 2
    assert "你是不是想写" not in messages[0]
    assert "你是不是想写" in messages[1]


@pytest.mark.parametrize(("written", "meant"), [
    ("学术年会", "综合性学术年会"),
    ("全国学术交流", "全国性学术交流"),
    ("线上学术交流", None),  # another year's kind, not a slip of 国际性学术交流
    ("年会", None),
])
def test_a_kind_is_guessed_only_when_nearly_written(tmp_path: Path, written: str, meant: str | None) -> None:
    report = _international(["德国", "法国", "日本"]).replace("category: 国际性学术交流", f"category: {written}")
    root = write_tree(tmp_path, {"submissions/cd-hints/society.yaml": profile("cd-hints"),
                                 "submissions/cd-hints/2017.yaml": report})
    result, _ = check_tree(root)
    [finding] = [f for f in result.findings if f.code == "E-KIND-UNKNOWN"]
    assert (f"你是不是想写“{meant}”？" in finding.message) if meant else ("你是不是想写" not in finding.message)
