"""Zensical's build time for a generated docs folder, to set beside MkDocs' in the site table.

    python -m benchmarks.zensical_build DOCS [--work DIR] [--repeat 3]

`measure(docs, work)` copies the folder into a Zensical project in `work` (the config inheriting
our mkdocs.yml, as `python -m site_builder build --builder zensical` writes it) and times whole
`zensical build --strict` processes, start included, as the other figures are. Zensical keeps a
cache beside its config; each run starts without it, as a fresh CI checkout does.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from site_builder import zensical_build
from site_builder.build import MKDOCS_YML
from validators.console import say_usage_in_chinese


def measure(docs: Path, work: Path, repeat: int = 1, *, config: Path = MKDOCS_YML) -> float:
    """The median seconds of `repeat` Zensical builds of the pages in `docs`."""
    if not (docs / "index.md").is_file():
        raise FileNotFoundError(f"{docs} holds no generated site (no index.md)")
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(docs, zensical_build.write_project(work, config))
    runs = []
    for _ in range(repeat):
        for left in (work / ".cache", work / zensical_build.SITE):
            shutil.rmtree(left, ignore_errors=True)
        started = time.perf_counter()
        zensical_build.run(work)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main(argv: Sequence[str] | None = None) -> int:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(prog="python -m benchmarks.zensical_build",
                                     description="用 Zensical 构建生成的页面并计时")
    parser.add_argument("docs", type=Path, help="生成的页面目录（python -m site_builder generate --out 的目录）")
    parser.add_argument("--work", type=Path, default=Path(".bench") / "zensical", help="Zensical 项目目录（会被清空）")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"Zensical 构建 {measure(args.docs, args.work, args.repeat):.2f} 秒（{args.repeat} 次的中位数）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
