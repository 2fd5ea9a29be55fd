"""The preview's progress bar: redrawn in place on a terminal, a line per tenth in a log."""

from __future__ import annotations

import io

from site_builder.progress import Bar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_a_line_per_tenth() -> None:
    log = io.StringIO()
    bar = Bar("预览：检查文件", 1650, log)
    for _ in range(1650):
        bar.advance()
    lines = log.getvalue().splitlines()
    assert len(lines) == 11  # 0/10 … 10/10
    assert lines[-1] == "预览：检查文件 [########################] 1650/1650"
    assert lines[5].endswith("] 825/1650")


def test_a_terminal_line_is_redrawn_and_ends_with_a_line_break() -> None:
    terminal = _Terminal()
    bar = Bar("预览：MkDocs 构建页面", 3, terminal)
    for _ in range(3):
        bar.advance()
    out = terminal.getvalue()
    assert out.startswith("\r预览：MkDocs 构建页面 [")
    assert out.endswith("] 3/3\n")
    assert out.count("\n") == 1  # one line, drawn over itself
