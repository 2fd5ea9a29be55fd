"""What one report's check in the online form downloads of the published reports (across.json and
the files under across/ it asks for, by the page's own rule `RF.crossNeeds` run under Node), on a
tree: the most and the median over its reports, the largest single file, and all the files
together. `python -m benchmarks.form_downloads TREE …` prints a row per tree; the README quotes it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
from pathlib import Path
from typing import Any

from site_builder.form_labels import labels_data
from validators.association.browser_cross import cross_files
from validators.check import check_tree
from validators.console import say_usage_in_chinese

FORM = Path(__file__).resolve().parents[1] / "site_builder" / "form"
# The page's scripts the comparison with other reports needs, in the page's order (the tests load
# the same).
SCRIPTS = [FORM / name for name in ("form-util.js", "form-urls.js", "form-warnings.js", "form-findings.js",
                                    "form-cross.js")]
NEEDS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const listed = (id) => Object.prototype.hasOwnProperty.call(input.files, input.across.folder + "/society/" + id + ".json");
process.stdout.write(JSON.stringify(input.reports.map((r) => {
  const fetched = {};  // as the page asks again with what it loaded, until nothing more
  for (let more = true; more;) {
    more = false;
    RF.crossNeeds(r, input.across, input.labels, listed, fetched).forEach((name) => {
      if (!(name in fetched)) more = true;
      fetched[name] = input.files[name];
    });
  }
  return Object.keys(fetched);
})));
"""


def download_sizes(root: Path, node: str) -> tuple[dict[str, int], list[list[str]]]:
    """Each file's size in bytes (as the site writes it), and the files each report's check asks for."""
    _, repo = check_tree(root)
    files = cross_files(repo)
    sizes = {name: len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()) + 1
             for name, data in files.items()}
    reports: list[dict[str, Any]] = [doc.report.model_dump(mode="json", exclude_none=True)
                                     for doc in repo.reports.values()]
    payload = json.dumps({"across": files["across.json"], "files": files, "labels": labels_data(),
                          "reports": reports}, ensure_ascii=False, default=str)
    done = subprocess.run([node, "-e", NEEDS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=600, check=True)
    needs: list[list[str]] = json.loads(done.stdout)
    return sizes, needs


def fetched(sizes: dict[str, int], needs: list[list[str]]) -> list[int]:
    """Bytes one report's check downloads, for each report: across.json and the files it asks for."""
    return [sizes["across.json"] + sum(sizes[n] for n in names) for names in needs]


def main() -> None:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(description="在线填报与已发布报告对照时，一份报告要下载多少")
    parser.add_argument("trees", type=Path, nargs="+")
    args = parser.parse_args()
    node = shutil.which("node")
    if node is None:
        raise SystemExit("需要 Node.js")
    print("| 仓库 | 报告 | across.json KB | 一份报告最多 KB | 中位数 KB | 最多文件数 | 最大单个文件 KB | 全部文件 | 合计 MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for tree in args.trees:
        sizes, needs = download_sizes(tree, node)
        each = fetched(sizes, needs)
        print(f"| {tree} | {len(needs)} | {sizes['across.json'] / 1000:.1f} | {max(each) / 1000:.1f} | "
              f"{statistics.median(each) / 1000:.1f} | {1 + max(len(n) for n in needs)} | "
              f"{max(sizes.values()) / 1000:.1f} | {len(sizes)} | {sum(sizes.values()) / 1e6:.2f} |")


if __name__ == "__main__":
    main()
