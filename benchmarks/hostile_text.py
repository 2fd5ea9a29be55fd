"""Text built to make the checks slow, against plain text of the same size, in one run.

    python -m benchmarks.hostile_text [--sizes 100,250,500,1000] [--repeat 3]

For each kind of hostile text (the shapes that made a backtracking pattern rescan the text from
every start), a report of the given size in KB whose events' titles are that text at the longest
a title may be, and a report of the same size and shape with plain titles. Each figure is the
median time of `check` on that one file, in this process; the ratio hostile ÷ plain is what a
linear check keeps near 1 at every size (the goal is ≤ 2), and a quadratic one doubles with each
doubling of the size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from validators.check import check_tree
from validators.policy import policy

# The repeated piece of each title. Titles are the longest text a field may hold; the report
# holds as many events as its size allows.
HOSTILE = {
    "链接括号 ](": "](",
    "引用定义 [a 换行": "\n[a",
    "邮箱前缀 a…@": "a",  # the title ends with "@", so the local part runs the whole title
    "实体 &a": "&a",
    "脚本 j 空格": "j ",
    "data:a": "data:a",
    "手机号片段": "138 ",
    "年份 2017 空格": "2017 ",
    "网址 http://": "http://",
}
PLAIN = "annual meeting of the society "
PROFILE = ("id: cd-bench\nname: 成都市基准测试学会（示例）\nkind: 学会\ndiscipline: 测试\n"
           "maintainers: [bench-admin]\nsample: true\n")


def _title(unit: str, index: int, chars: int) -> str:
    prefix = f"{index:05d} "
    body = (unit * (chars // len(unit) + 1))[: chars - len(prefix) - 1]
    return prefix + body + ("@" if unit == "a" else "。")


def report(unit: str, kilobytes: int) -> str:
    """A 2017 report of about `kilobytes` KB: events of category 其他 with long titles."""
    chars = policy().yaml.max_text_chars
    head = "society: cd-bench\nyear: 2017\nacademic_events:\n"
    parts, size, index = [head], len(head), 0
    while size < kilobytes * 1024:
        title = json.dumps(_title(unit, index, chars), ensure_ascii=False)
        item = (f"  - id: evt-{index:05d}\n    title: {title}\n    category: 其他\n    role: 主办\n"
                f"    date: 2017-06-01\n    participants: 40\n")
        parts.append(item)
        size += len(item.encode("utf-8"))
        index += 1
    return "".join(parts)


def _seconds(path: Path, root: Path, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        check_tree(root, [path])
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def measure(sizes: list[int], repeat: int) -> list[tuple[str, int, float, float]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="hostile-") as scratch:
        root = Path(scratch)
        folder = root / "submissions" / "cd-bench"
        folder.mkdir(parents=True)
        (folder / "society.yaml").write_text(PROFILE, encoding="utf-8")
        path = folder / "2017.yaml"
        for kilobytes in sizes:
            path.write_text(report(PLAIN, kilobytes), encoding="utf-8")
            plain = _seconds(path, root, repeat)
            for name, unit in HOSTILE.items():
                path.write_text(report(unit, kilobytes), encoding="utf-8")
                rows.append((name, kilobytes, _seconds(path, root, repeat), plain))
    return rows


def table(rows: list[tuple[str, int, float, float]]) -> str:
    lines = ["| 文字 | 大小 KB | 恶意 s | 普通 s | 比值 |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {name} | {kb} | {hostile:.2f} | {plain:.2f} | {hostile / plain:.2f} |"
              for name, kb, hostile, plain in rows]
    worst = max(hostile / plain for _, _, hostile, plain in rows)
    return "\n".join(lines) + f"\n\n最大比值：{worst:.2f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="恶意文字与同样大小的普通文字：检查用时之比")
    parser.add_argument("--sizes", default="100,250,500,1000", help="文件大小（KB），逗号分隔")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(table(measure([int(s) for s in args.sizes.split(",")], args.repeat)))


if __name__ == "__main__":
    main()
