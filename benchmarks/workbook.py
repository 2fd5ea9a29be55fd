"""The workbook commands on the largest sample report, beside `check` of the same report, in one
run: export, import (reading the cells), and the whole `xlsx import` command (reading, writing
the YAML and checking it), each the median of `--repeat` runs.

    python -m benchmarks.workbook [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from validators.check import check_file, check_tree
from validators.cli.xlsx import read_any_year
from validators.console import say_usage_in_chinese
from validators.xlsx.layout import layout
from validators.xlsx.write import workbook_bytes
from validators.year.guideline import guideline

ROOT = Path(__file__).resolve().parents[1]


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(description="工作簿导出、导入与 check 的用时")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    reports = check_tree(ROOT)[1].reports
    doc = max(reports.values(), key=lambda d: (ROOT / d.file).stat().st_size)
    rules = guideline(doc.report.year)
    assert rules is not None
    shape = layout(rules)
    data = doc.report.model_dump(mode="python", exclude_none=True)
    with tempfile.TemporaryDirectory() as scratch:
        book = Path(scratch) / "report.xlsx"
        book.write_bytes(workbook_bytes(shape, data))
        size = book.stat().st_size
        check = _median(lambda: check_file(ROOT / doc.file, ROOT), args.repeat)
        export = _median(lambda: workbook_bytes(shape, data), args.repeat)
        # What `xlsx import` does: the cover first, then the sheets with the cover's year.
        read = _median(lambda: read_any_year(book, book.name, ROOT), args.repeat)
        out = Path(scratch) / "out.yaml"
        command = [sys.executable, "-m", "validators", "--root", str(ROOT), "xlsx", "import", str(book),
                   "-o", str(out), "--replace"]
        done = subprocess.run(command, capture_output=True, check=False)
        if done.returncode not in (0, 1):  # 1: the sample's own findings; anything else is a failure
            raise RuntimeError(done.stderr.decode("utf-8", "replace")[-500:])
        whole = _median(lambda: subprocess.run(command, capture_output=True, check=False),
                        args.repeat)
        startup = _median(lambda: subprocess.run([sys.executable, "-m", "validators", "--help"],
                                                 capture_output=True, check=False), args.repeat)
    print(f"最大的示例报告：{doc.file}（{(ROOT / doc.file).stat().st_size / 1024:.1f} KB，"
          f"工作簿 {size / 1024:.1f} KB）")
    print("| 报告 | check 一份报告 ms | 导出 ms | 读入工作簿 ms | 读入/check | xlsx import 命令 s | 其中进程启动 s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {doc.file} | {check * 1000:.0f} | {export * 1000:.0f} | {read * 1000:.0f} | {read / check:.1f}× | "
          f"{whole:.2f} | {startup:.2f} |")


if __name__ == "__main__":
    main()
