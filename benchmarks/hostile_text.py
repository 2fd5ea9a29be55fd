"""Text built to make the checks slow, against plain text of the same size, in one run.

    python -m benchmarks.hostile_text [--sizes 100,250,500,1000] [--repeat 3]

For each kind of hostile text (the shapes that made a backtracking pattern rescan the text from
every start, and names that make the check look for a hint), a report of the given size in KB
whose events' titles are that text at the longest a title may be (or whose events list that
many unknown countries), and a report of the same size and shape with plain text. Each figure is the
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
from collections.abc import Callable
from pathlib import Path

import pycountry

from validators.check import check_tree
from validators.console import say_usage_in_chinese
from validators.yaml.policy import policy
from validators.year.countries import country_name

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


def _titled(unit: str) -> Callable[[int], str]:
    def event(index: int) -> str:
        title = json.dumps(_title(unit, index, policy().yaml.max_text_chars), ensure_ascii=False)
        return (f"  - id: evt-{index:05d}\n    title: {title}\n    category: 其他\n    role: 主办\n"
                f"    date: 2017-06-01\n    participants: 40\n")
    return event


def _international(names: Callable[[int], list[str]]) -> Callable[[int], str]:
    def event(index: int) -> str:
        listed = json.dumps(names(index), ensure_ascii=False)
        return (f"  - id: evt-{index:05d}\n    title: 国际交流 {index:05d}\n    category: 国际性学术交流\n"
                f"    role: 主办\n    date: 2017-06-01\n    participants: 40\n    countries: {listed}\n")
    return event


# One Chinese name per ISO 3166-1 code: each counts once.
_KNOWN = sorted({country_name(c.alpha_2) for c in pycountry.countries})


def _known(index: int) -> list[str]:
    return [_KNOWN[(index * COUNTRIES_PER_EVENT + k) % len(_KNOWN)] for k in range(COUNTRIES_PER_EVENT)]


def _unknown(index: int) -> list[str]:
    """Misspelt names, each new (a hint is looked up for every unknown name)."""
    return [f"Frnce{index:05d}{k:02d}" for k in range(COUNTRIES_PER_EVENT)]


COUNTRIES_PER_EVENT = 60
_PLAIN_TITLES = _titled(PLAIN)
# Each kind of hostile report, and the plain report of the same shape it is measured against.
SHAPES: dict[str, tuple[Callable[[int], str], Callable[[int], str]]] = {
    **{name: (_titled(unit), _PLAIN_TITLES) for name, unit in HOSTILE.items()},
    "未知国家名（每项 60 个）": (_international(_unknown), _international(_known)),
}


def report(event: Callable[[int], str], kilobytes: int) -> str:
    """A 2017 report of about `kilobytes` KB made of `event`s."""
    head = "society: cd-bench\nyear: 2017\nacademic_events:\n"
    parts, size, index = [head], len(head), 0
    while size < kilobytes * 1024:
        item = event(index)
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
            plain: dict[Callable[[int], str], float] = {}
            for name, (hostile, ordinary) in SHAPES.items():
                if ordinary not in plain:
                    path.write_text(report(ordinary, kilobytes), encoding="utf-8")
                    plain[ordinary] = _seconds(path, root, repeat)
                path.write_text(report(hostile, kilobytes), encoding="utf-8")
                rows.append((name, kilobytes, _seconds(path, root, repeat), plain[ordinary]))
    return rows


def table(rows: list[tuple[str, int, float, float]]) -> str:
    lines = ["| 文字 | 大小 KB | 恶意 s | 普通 s | 比值 |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {name} | {kb} | {hostile:.2f} | {plain:.2f} | {hostile / plain:.2f} |"
              for name, kb, hostile, plain in rows]
    worst = max(hostile / plain for _, _, hostile, plain in rows)
    return "\n".join(lines) + f"\n\n最大比值：{worst:.2f}"


def main(argv: list[str] | None = None) -> None:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(description="恶意文字与同样大小的普通文字：检查用时之比")
    parser.add_argument("--sizes", default="100,250,500,1000", help="文件大小（KB），逗号分隔")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(table(measure([int(s) for s in args.sizes.split(",")], args.repeat)))


if __name__ == "__main__":
    main()
