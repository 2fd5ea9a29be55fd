"""A YAML syntax error is said with what to do, in Chinese, at the line at fault."""

from __future__ import annotations

import pytest

from validators.yaml.loading import load_text


@pytest.mark.parametrize(("text", "line", "said"), [
    ("society: cd-a\ninnovation:\n\tenterprise_platform_registered: true\n", 3, "不能用 Tab 键缩进"),
    ("society: cd-a\ninnovation:\n  \tenterprise_platform_registered: true\n", 3, "不能用 Tab 键缩进"),
    ("society: cd-a\ntitle: 年会:主论坛: 分论坛\n", 2, "冒号后面要有空格"),
    ("society: cd-a\nevents: [a, b\n", 3, "请检查"),
])
def test_a_syntax_error_says_what_to_do(text: str, line: int, said: str) -> None:
    [finding] = load_text(text, "x.yaml", None).findings
    assert finding.code == "E-YAML-SYNTAX"
    assert finding.line == line
    assert said in finding.message


def test_a_tab_inside_a_value_is_not_blamed_for_another_error() -> None:
    [finding] = load_text("title: 甲\t乙\nnote: [未闭合\n", "x.yaml", None).findings
    assert "Tab" not in finding.message
