"""Measures the project against baselines, side by side in one run, and prints a table.

    python -m benchmarks.run [--sizes 15,150] [--years 10] [--repeat 3] [--site-repeat N] [--work .bench]

Each figure is the median of `--repeat` runs of a whole command (process start included), so
the ratios compare like with like on this machine, whatever its speed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import benchmarks.generate as generate_module
from benchmarks.generate import generate
from validators.console import say_usage_in_chinese
from validators.schema import json_schema_text

ROOT = Path(__file__).resolve().parents[1]
BASELINE = """
import sys, yaml
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""


# The fastest parser on PyPI (yaml-rs, Rust): what “check ÷ fastest parse” divides by.
FASTEST = """
import sys, yaml_rs
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        yaml_rs.loads(handle.read().decode("utf-8"))
"""


# The floor of any check by the guideline's pydantic models: the same files parsed by yaml-rs and
# validated against their year's model, in one process, with no rule, no typing check, no marks.
MODELS_ONLY = """
import sys, yaml_rs
from pathlib import Path
from validators.check import year_report_model
from validators.models.society import SocietyProfile
root = Path(sys.argv[1])
for path in sys.argv[2:]:
    with open(path, "rb") as handle:
        data = yaml_rs.loads(handle.read().decode("utf-8"), parse_datetime=True)
    name = Path(path).name
    model = SocietyProfile if name == "society.yaml" else year_report_model(int(name[:4]), root)
    model.model_validate(data)
"""


# The same in as many processes as `check` runs: what is left of a check if its rules took no
# time at all (written in a compiled language), on this machine's cores.
MODELS_PARALLEL = """
import multiprocessing, os, sys, yaml_rs
from pathlib import Path
from validators.check import PARALLEL_MIN_FILES, year_report_model
from validators.models.society import SocietyProfile
root = Path(sys.argv[1])
def validate(paths):
    for path in paths:
        with open(path, "rb") as handle:
            data = yaml_rs.loads(handle.read().decode("utf-8"), parse_datetime=True)
        name = Path(path).name
        model = SocietyProfile if name == "society.yaml" else year_report_model(int(name[:4]), root)
        model.model_validate(data)
files = sys.argv[2:]
workers = max(1, min(os.cpu_count() or 1, len(files) // PARALLEL_MIN_FILES))
for year in {int(Path(f).name[:4]) for f in files if Path(f).name[:4].isdigit()}:
    year_report_model(year, root).model_rebuild()
SocietyProfile.model_rebuild()
with multiprocessing.get_context("fork").Pool(workers) as pool:
    pool.map(validate, [files[i::workers] for i in range(workers)])
"""


# The floor of this check's own path: the whole `check` (discovery, the strict loader, the year's
# models, the worker processes and their results sent back) with every rule switched off, in
# the files and across them. What the rules cost is `check` minus this; what no rule work can
# win back is this divided by the fastest parse.
NO_RULES = """
import sys
from pathlib import Path
import validators.check as check
whole = check.check_file
check.check_file = lambda path, root, evidence=None, *, rules=True: whole(path, root, evidence, rules=False)
check.check_repository = lambda repo: []
result, _ = check.check_tree(Path(sys.argv[1]), marks=False)
print(len(result.findings))
"""


@dataclass
class Figures:
    societies: int
    years: int
    files: int = 0
    megabytes: float = 0.0
    seconds: dict[str, float] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)


def _time(command: list[str], env: dict[str, str], repeat: int, cwd: Path = ROOT) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, check=False)
        runs.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{command[:4]} failed: {done.stderr.decode()[-500:]}")
    return statistics.median(runs)


def _tree(work: Path, societies: int, years: int) -> Path:
    """The generated tree, made again when the generator changed since it was made (a kept
    tree of an older generator measured data the generator no longer writes)."""
    out = work / f"tree-{societies}x{years}"
    stamp = out / ".complete"
    made_by = hashlib.sha256(Path(generate_module.__file__).read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text("utf-8") != made_by:
        generate(societies, years, seed=2017, out=out)
        stamp.write_text(made_by, "utf-8")
    return out


def measure(societies: int, years: int, repeat: int, work: Path, with_site: bool,
            with_jsonschema: bool, site_repeat: int | None = None, *, with_zensical: bool = True,
            with_preview: bool = True) -> Figures:
    tree = _tree(work, societies, years)
    env = dict(os.environ)
    # As people run it: Python's compiled modules written once and read by every later run (a
    # shell that forbids writing them would time the compiling of every module in every run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    files = sorted(str(p) for p in (tree / "submissions").glob("*/*.yaml"))
    reports = [f for f in files if not f.endswith("society.yaml")]
    fig = Figures(societies, years, len(files), sum(Path(f).stat().st_size for f in files) / 1e6)
    py = sys.executable
    cli = [py, "-m", "validators", "--root", str(tree)]
    fig.seconds["startup"] = _time([*cli, "--help"], env, repeat)
    fig.seconds["baseline_parse"] = _time([py, "-c", BASELINE, *files], env, repeat)
    if importlib.util.find_spec("yaml_rs") is not None:
        fig.seconds["fastest_parse"] = _time([py, "-c", FASTEST, *files], env, repeat)
        fig.seconds["models_only"] = _time([py, "-c", MODELS_ONLY, str(tree), *files], env, repeat)
        fig.seconds["models_parallel"] = _time([py, "-c", MODELS_PARALLEL, str(tree), *files], env, repeat)
    fig.seconds["check_no_rules"] = _time([py, "-c", NO_RULES, str(tree)], env, repeat)
    fig.seconds["check"] = _time([*cli, "check", "--format", "json"], env, repeat)
    changed = reports[len(reports) // 2]
    fig.seconds["check_one_changed"] = _time([*cli, "check", changed], env, repeat)
    fig.seconds["evaluate"] = _time([*cli, "evaluate", "--format", "json"], env, repeat)
    if with_jsonschema:
        schema = work / "submission.schema.json"
        schema.write_text(json_schema_text("submission"), "utf-8")
        jsonschema = shutil.which("check-jsonschema", path=str(Path(py).parent)) or "check-jsonschema"
        fig.seconds["check_jsonschema"] = _time([jsonschema, "--schemafile", str(schema), *reports],
                                                env, 1)
    if with_site:
        _measure_site(tree, env, site_repeat or repeat, work, fig, with_zensical, with_preview)
    return fig


def _measure_site(tree: Path, env: dict[str, str], repeat: int, work: Path, fig: Figures,
                  with_zensical: bool, with_preview: bool) -> None:
    from benchmarks import site_baseline

    py = sys.executable
    out = work / f"site-{fig.societies}x{fig.years}"
    fig.seconds["site_generate"] = _time(
        [py, "-m", "site_builder", "--root", str(tree), "generate", "--out", str(out / "docs")], env, repeat)
    fig.seconds["site_build"] = _time(
        [py, "-m", "site_builder", "--root", str(tree), "build", "--site-dir", str(out / "site")], env, repeat)
    plain = site_baseline.write_plain_project(out / "docs", work / f"plain-{fig.societies}x{fig.years}")
    fig.seconds["plain_mkdocs_build"] = _time(
        [py, "-m", "mkdocs", "build", "--quiet", "-f", str(plain / "mkdocs.yml")], env, repeat)
    if with_zensical:
        from benchmarks import zensical_build

        fig.seconds["zensical_build"] = zensical_build.measure(
            out / "docs", work / f"zensical-{fig.societies}x{fig.years}", repeat)
    # Every page a reader opens (the downloads are files to save, not pages).
    sizes = sorted(p.stat().st_size for p in (out / "site").rglob("*.html")
                   if "downloads" not in p.relative_to(out / "site").parts[:1])
    if sizes:
        fig.sizes["largest_page"] = sizes[-1]
        fig.sizes["page_p95"] = sizes[min(len(sizes) - 1, int(0.95 * len(sizes)))]
    index = out / "site" / "search" / "search_index.json"
    if index.exists():
        fig.sizes["search_index_gzip"] = len(gzip.compress(index.read_bytes()))
    from benchmarks import workbench

    opened = workbench.measure(out / "site", repeat)
    fig.seconds["workbench_open"] = opened.workbench
    fig.seconds["workbench_report_page"] = opened.report_page
    fig.sizes["workbench_items"] = opened.items
    if with_preview:
        from benchmarks import preview

        served = preview.measure(tree)
        fig.seconds["preview_first_page"] = served.first_page
        fig.seconds["preview_update"] = served.update
        if served.warm_first_page is not None:
            fig.seconds["preview_warm_first_page"] = served.warm_first_page
        if served.after_build_first_page is not None:
            fig.seconds["preview_after_build_first_page"] = served.after_build_first_page


def table(all_figures: list[Figures]) -> str:
    head = ("| 数据规模 | 文件 | MB | 基线解析 s | 最快解析 s | 解析+模型校验 s | 其/最快解析 | "
            "解析+模型校验（与 check 同样多的进程）s | 其/最快解析 | 不跑规则的 check s | 其/最快解析 | "
            "check s | check/基线 | check/最快解析 | check-jsonschema s | 其/check | 单文件 s | evaluate s | "
            "每文件 ms（扣除启动） |")
    rows = [head, "|" + " --- |" * 19]
    for f in all_figures:
        s = f.seconds
        js = s.get("check_jsonschema")
        js_text = f"{js:.1f}" if js else "—"
        js_ratio = f"{js / s['check']:.1f}×" if js else "—"
        fastest = s.get("fastest_parse")
        fast_text, fast_ratio = (f"{fastest:.2f}", f"{s['check'] / fastest:.2f}") if fastest else ("—", "—")
        floor = s.get("models_only")
        floor_text, floor_ratio = (f"{floor:.2f}", f"{floor / fastest:.2f}") if floor and fastest else ("—", "—")
        spread = s.get("models_parallel")
        spread_text, spread_ratio = (f"{spread:.2f}", f"{spread / fastest:.2f}") if spread and fastest else ("—", "—")
        bare = s.get("check_no_rules")
        bare_text, bare_ratio = (f"{bare:.2f}", f"{bare / fastest:.2f}") if bare and fastest else ("—", "—")
        rows.append(
            f"| {f.societies}×{f.years} | {f.files} | {f.megabytes:.1f} | {s['baseline_parse']:.2f} | {fast_text} | "
            f"{floor_text} | {floor_ratio} | {spread_text} | {spread_ratio} | {bare_text} | {bare_ratio} | "
            f"{s['check']:.2f} | {s['check'] / s['baseline_parse']:.2f} | {fast_ratio} | "
            f"{js_text} | {js_ratio} | "
            f"{s['check_one_changed']:.2f} | {s['evaluate']:.2f} | {1000 * (s['check'] - s['startup']) / f.files:.2f} |")
    sited = [f for f in all_figures if "site_build" in f.seconds]
    if sited:
        rows += ["", "| 数据规模 | 生成 s | MkDocs 构建 s | 同页数纯 MkDocs s | 构建/纯构建 | Zensical 构建 s | "
                 "最大页面 KB | 95% 页面 KB | 搜索索引 gzip KB | 预览首页 s | 再次启动预览首页 s | 构建后预览首页 s | "
                 "编辑→页面更新 s |",
                 "|" + " --- |" * 13]
        for f in sited:
            s = f.seconds
            zensical = f"{s['zensical_build']:.2f}" if "zensical_build" in s else "—"
            first = f"{s['preview_first_page']:.1f}" if "preview_first_page" in s else "—"
            update = f"{s['preview_update']:.2f}" if "preview_update" in s else "—"
            warm = f"{s['preview_warm_first_page']:.1f}" if "preview_warm_first_page" in s else "—"
            after_build = (f"{s['preview_after_build_first_page']:.1f}"
                           if "preview_after_build_first_page" in s else "—")
            rows.append(
                f"| {f.societies}×{f.years} | {s['site_generate']:.2f} | {s['site_build']:.2f} | "
                f"{s['plain_mkdocs_build']:.2f} | {s['site_build'] / s['plain_mkdocs_build']:.2f} | {zensical} | "
                f"{f.sizes.get('largest_page', 0) / 1024:.0f} | {f.sizes.get('page_p95', 0) / 1024:.0f} | "
                f"{f.sizes.get('search_index_gzip', 0) / 1024:.0f} | {first} | {warm} | {after_build} | {update} |")
        rows += ["", "| 数据规模 | 最大报告的项目数 | 核查工作台打开 s | 同一报告的公开页面 s | 工作台/页面 |",
                 "|" + " --- |" * 5]
        for f in sited:
            s = f.seconds
            rows.append(f"| {f.societies}×{f.years} | {f.sizes['workbench_items']} | {s['workbench_open']:.2f} | "
                        f"{s['workbench_report_page']:.2f} | {s['workbench_open'] / s['workbench_report_page']:.1f}× |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(description="性能基准：与基线并排测量并输出比值")
    parser.add_argument("--sizes", default="15,150", help="学会数量，逗号分隔，如 15,150,1500")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--site-repeat", type=int, help="网站构建的重复次数（默认同 --repeat；大规模时可设为 1）")
    parser.add_argument("--no-site", action="store_true", help="不测网站构建")
    parser.add_argument("--no-jsonschema", action="store_true", help="不测 check-jsonschema")
    parser.add_argument("--no-zensical", action="store_true", help="不测 Zensical 构建")
    parser.add_argument("--no-preview", action="store_true", help="不测预览（serve）的编辑→页面更新")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    figures = [measure(int(n), args.years, args.repeat, args.work, not args.no_site,
                       not args.no_jsonschema, args.site_repeat, with_zensical=not args.no_zensical,
                       with_preview=not args.no_preview) for n in args.sizes.split(",")]
    (args.work / "results.json").write_text(
        json.dumps([f.__dict__ for f in figures], ensure_ascii=False, indent=2), "utf-8")
    print(table(figures))


if __name__ == "__main__":
    main()
