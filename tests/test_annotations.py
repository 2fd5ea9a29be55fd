"""GitHub annotations: any message stays one inert workflow command; the 10/50 limits, worst first."""

from __future__ import annotations

import re

import pytest

from validators.findings import CheckResult, Finding, error, warning
from validators.reporters import annotation, github

HOSTILE = "100% 完成\n::error file=x.yaml::伪造\r\n::add-mask::secret, a:b %0A ::stop-commands::tok"


def _unescape(value: str) -> str:
    """GitHub's decoding of a workflow-command value."""
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    """How the runner reads `::name props::message`: the first `::` after the name ends the
    properties, and properties split on `,` and `=`."""
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match, line
    name, props, message = match.groups()
    pairs = dict(p.split("=", 1) for p in props.split(","))
    return name, {k: _unescape(v) for k, v in pairs.items()}, _unescape(message)


def test_hostile_message_stays_one_inert_annotation() -> None:
    finding = error("submissions/a,b:c/2017.yaml", 7, 3, "E-YAML-SYNTAX", HOSTILE, "5.2")
    line = annotation(finding)
    assert "\n" not in line
    assert "\r" not in line
    name, props, message = _parse(line)
    assert name == "error"
    assert props == {"file": "submissions/a,b:c/2017.yaml", "line": "7", "col": "3",
                     "title": "E-YAML-SYNTAX 条款 5.2"}
    assert message == HOSTILE


def test_percent_is_escaped_before_anything_else() -> None:
    line = annotation(warning("f.yaml", 1, 1, "W-TEXT-MARKUP", "%0A is text, not a line break"))
    assert line.endswith("::%250A is text, not a line break")
    assert _parse(line)[2] == "%0A is text, not a line break"


def test_whole_output_has_one_line_per_annotation() -> None:
    result = CheckResult(files=1, findings=[error("f.yaml", i, 1, "E-X", HOSTILE) for i in range(1, 4)])
    lines = github(result).splitlines()
    assert len(lines) == 3
    assert all(line.startswith("::error ") for line in lines)


def _findings(errors: int, warnings: int) -> list[Finding]:
    return ([warning(f"w{i:03}.yaml", 1, 1, "W-X", "警告") for i in range(warnings)]
            + [error(f"e{i:03}.yaml", 1, 1, "E-X", "错误") for i in range(errors)])


@pytest.mark.parametrize(("errors", "warnings", "shown_errors", "shown_warnings"), [
    (3, 4, 3, 4),
    (25, 25, 10, 10),
    (5, 20, 5, 10),
    (0, 11, 0, 10),
])
def test_ten_per_severity_with_a_notice_for_the_rest(errors: int, warnings: int, shown_errors: int,
                                                     shown_warnings: int) -> None:
    lines = github(CheckResult(files=1, findings=_findings(errors, warnings))).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == shown_errors
    assert sum(line.startswith("::warning ") for line in lines) == shown_warnings
    hidden = errors + warnings - shown_errors - shown_warnings
    notices = [line for line in lines if line.startswith("::notice::")]
    if hidden:
        assert len(notices) == 1
        assert f"另有 {hidden} 条问题" in notices[0]
    else:
        assert not notices


def test_fifty_per_run_keeps_the_worst() -> None:
    result = CheckResult(files=1, findings=_findings(40, 40))
    lines = github(result, per_severity=100, per_run=50).splitlines()
    annotations = [line for line in lines if not line.startswith("::notice::")]
    assert len(annotations) == 50
    assert all(line.startswith("::error ") for line in annotations[:40])
    assert all(line.startswith("::warning ") for line in annotations[40:])
    assert "另有 30 条问题" in lines[-1]


def test_errors_come_first_in_file_and_line_order() -> None:
    findings = [warning("a.yaml", 1, 1, "W-X", "w"), error("b.yaml", 9, 1, "E-X", "e"),
                error("b.yaml", 2, 1, "E-X", "e"), error("a.yaml", 5, 1, "E-X", "e")]
    lines = github(CheckResult(files=2, findings=findings)).splitlines()
    order = [(_parse(line)[0], _parse(line)[1]["file"], _parse(line)[1]["line"]) for line in lines]
    assert order == [("error", "a.yaml", "5"), ("error", "b.yaml", "2"), ("error", "b.yaml", "9"),
                     ("warning", "a.yaml", "1")]
