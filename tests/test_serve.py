"""`serve` as a secretary uses it: a real server over a copy of the samples, a report edited on
disk, the change fetched over HTTP on its page, in the search index (once per page) and, after
the background generation, in the downloads."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.preview import _fetch as _fetched
from benchmarks.preview import _until, serving, serving_in
from site_builder import workbench
from site_builder.kept_pages import RECORD
from tests.trees import ROOT

pytestmark = pytest.mark.slow


def test_an_edit_shows_on_its_page_in_search_and_in_the_downloads(tmp_path: Path) -> None:
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    with serving(tmp_path, "submissions/cd-eco-env/2018.yaml") as serve:
        serve.wait_for(None, deadline=300)
        # The pages of a tree go under that tree, never over another preview's.
        assert (serve.report.parents[2] / "generated" / "docs" / "index.md").is_file()
        indexed = _indexed(serve.fetch(f"{serve.base}search/search_index.json"))
        # The preview's search cuts a Chinese query as the published site's does (search_worker.py).
        worker = re.search(r'"search": *"([^"]+)"', serve.fetch(serve.base))
        assert worker, "the home page names no search worker"
        assert "o<=t.length;o++)t.slice(s,o)in e" in serve.fetch(serve.base + worker.group(1))
        for n in range(2):  # the second edit runs on the state the first one left
            marker = f"预览测试标题{n}号"
            serve.edit_title(marker)
            serve.wait_for(marker, deadline=120)
        # An event falls below 5.1's size: the score moves, so do the pages that sum it up.
        before = serve.fetch(f"{serve.base}rankings/2018/")
        text = serve.report.read_text("utf-8")
        serve.report.write_text(text.replace("participants: 420", "participants: 12"), "utf-8")
        serve.wait_for("参与规模须不少于", deadline=120)
        assert serve.fetch(f"{serve.base}rankings/2018/") != before
        serve.wait_for(marker, deadline=300, url=f"{serve.base}downloads/submissions.json")
        # A report deleted: its page leaves the served site and the search index.
        gone = f"{serve.base}societies/cd-computer/2018/"
        assert serve.fetch(gone)
        (serve.report.parents[1] / "cd-computer" / "2018.yaml").unlink()
        for _ in range(600):
            if _fetched(gone) is None:
                break
            time.sleep(0.1)
        assert _fetched(gone) is None
        # Every page still indexed (but the deleted one), each section once, the edited page with its new title:
        # once the deletion's quick rebuild has written the index (its page is gone at the rebuild's start, the
        # index is written at its end), and after the settling generation's rebuilds (which do not rebuild the
        # home page: its entries were once dropped there).
        wanted = indexed - {"societies/cd-computer/2018/"}
        index_url = f"{serve.base}search/search_index.json"
        _until(lambda: _indexed_or_none(serve.fetch(index_url)) == wanted, 120)
        generated = serve.report.parents[2] / "generated"
        _until((generated / RECORD).is_file, 300)
        _until_quiet(serve.report.parents[3] / "serve.log", generated / "site.stamp")
        index = serve.fetch(index_url)
        assert _indexed(index) == wanted
        locations = Counter(d["location"] for d in json.loads(index)["docs"])
        assert [loc for loc, n in locations.items() if n > 1] == []
        assert "societies/cd-computer/2018/" not in _indexed(index)
        words = "".join(d["title"] + d["text"] for d in json.loads(index)["docs"]).replace("\u200b", "")
        assert "预览测试标题1号" in words
        assert "dirty" not in (serve.report.parents[3] / "serve.log").read_text("utf-8", "replace")


def _until_quiet(log: Path, stamp: Path, quiet: float = 5.0, deadline: float = 300.0) -> None:
    """Until the preview has built nothing for `quiet` seconds and its last build has finished
    (each build says 正在构建网站 when it starts and writes the stamp when it ends): every rebuild
    the settling generation's files set off is over."""
    def builds() -> int:
        return log.read_text("utf-8", "replace").count("正在构建网站")

    ends = time.monotonic() + deadline
    seen, since = builds(), time.monotonic()
    while time.monotonic() < ends:
        time.sleep(0.2)
        now = builds()
        if now != seen or not stamp.is_file():
            seen, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
    raise AssertionError(f"the preview kept rebuilding for {deadline} s")


def _indexed_or_none(index: str) -> set[str] | None:
    """The pages the index holds; None while MkDocs is still writing it (the file is written in place)."""
    try:
        return _indexed(index)
    except ValueError:
        return None


def _indexed(index: str) -> set[str]:
    """The pages the search index holds."""
    return {d["location"].split("#", 1)[0] for d in json.loads(index)["docs"]}


def _this_start(log: Path) -> str:
    """What the latest `serve` over the copy printed."""
    return log.read_text("utf-8", "replace").rsplit("预览地址：", 1)[-1]


def test_a_second_serve_keeps_what_the_first_left(tmp_path: Path) -> None:
    """Served again, a tree shows the pages it showed (MkDocs rebuilds none), reads its data in
    the background for the next edit; a report deleted while no preview ran leaves the site."""
    copy = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, copy / folder)
    log, record = tmp_path / "serve.log", copy / "generated" / RECORD
    with serving_in(copy, "submissions/cd-eco-env/2018.yaml") as serve:
        serve.wait_for(None, deadline=300)
        _until(record.is_file, 300)
        first_index = _indexed(serve.fetch(f"{serve.base}search/search_index.json"))
    with serving_in(copy, "submissions/cd-eco-env/2018.yaml") as serve:
        serve.wait_for(None, deadline=120)
        said = _this_start(log)
        assert "沿用上次生成的页面" in said
        assert "Documentation built" in said
        assert _indexed(serve.fetch(f"{serve.base}search/search_index.json")) == first_index
        serve.edit_title("再次启动后的改动")
        serve.wait_for("再次启动后的改动", deadline=120)
        serve.wait_for("再次启动后的改动", deadline=300, url=f"{serve.base}downloads/submissions.json")
        _until(record.is_file, 300)
    case = copy / "generated" / "site" / workbench.case_file("cd-computer", 2018)
    assert case.is_file()
    (copy / "submissions/cd-computer/2018.yaml").unlink()
    with serving_in(copy, "submissions/cd-eco-env/2018.yaml") as serve:
        serve.wait_for("再次启动后的改动", deadline=300)
        assert "沿用上次生成的页面" not in _this_start(log)
        assert not case.exists()  # the workbench's file of the deleted report left the kept site
        assert _fetched(f"{serve.base}societies/cd-computer/2018/") is None
        assert "societies/cd-computer/2018/" not in _indexed(serve.fetch(f"{serve.base}search/search_index.json"))


def test_a_serve_after_a_build_starts_from_the_built_pages(tmp_path: Path) -> None:
    """`make build` then `make serve`: the preview takes the pages the build generated and a copy
    of its site, instead of generating and building again; what it rewrites later is its own."""
    from site_builder.build import build
    from site_builder.kept_pages import HANDED_OVER, listing_digest

    copy = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, copy / folder)
    published = copy / "site"
    build(copy, published)
    handed = copy / "generated" / HANDED_OVER
    assert (handed / RECORD).is_file()
    page = published / "societies/cd-eco-env/2018/index.html"
    before, listed = page.read_bytes(), listing_digest(published)
    log = tmp_path / "serve.log"
    with serving_in(copy, "submissions/cd-eco-env/2018.yaml") as serve:
        serve.wait_for(None, deadline=120)
        said = _this_start(log)
        assert "文件与上次构建时相同" in said
        assert "沿用上次生成的页面" in said
        assert not handed.exists()  # taken, once
        # with the search's word list, which the build wrote beside its pages
        assert (copy / "generated" / "jieba-user-dict.txt").is_file()
        assert "Configuration error" not in said
        served_index = _indexed(serve.fetch(f"{serve.base}search/search_index.json"))
        assert served_index == _indexed((published / "search/search_index.json").read_text("utf-8"))
        serve.edit_title("构建之后的改动")
        serve.wait_for("构建之后的改动", deadline=120)
    assert page.read_bytes() == before  # the site to publish is not the preview's
    assert listing_digest(published) == listed  # nor any file of it (names, sizes, times)


def test_a_build_of_other_inputs_is_not_taken(tmp_path: Path) -> None:
    """A file edited after the build: the preview generates as on a first start."""
    from site_builder.build import build
    from site_builder.kept_pages import HANDED_OVER

    copy = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, copy / folder)
    build(copy, copy / "site")
    report = copy / "submissions/cd-eco-env/2018.yaml"
    report.write_text(report.read_text("utf-8").replace("\n", "\n# 构建之后改过\n", 1), "utf-8")
    with serving_in(copy, "submissions/cd-eco-env/2018.yaml") as serve:
        serve.wait_for(None, deadline=300)
        assert "文件与上次构建时相同" not in _this_start(tmp_path / "serve.log")
    assert (copy / "generated" / HANDED_OVER).is_dir()  # left as it was: not this preview's


def test_a_ctrl_c_during_the_first_build_finishes_it_and_stops_quietly(tmp_path: Path) -> None:
    """The first build is the long one: a Ctrl+C there lets it finish (the next start keeps the
    site), then the preview stops with its one line, no traceback."""
    import os
    import signal
    import subprocess
    import sys

    from benchmarks.preview import ROOT as PROJECT
    from benchmarks.preview import _free_port

    copy = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, copy / folder)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(copy), "serve",
                                   "--dev-addr", f"127.0.0.1:{_free_port()}"],
                                  cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _until(lambda: "正在构建网站" in log.read_text("utf-8", "replace"), 300)
            os.killpg(server.pid, signal.SIGINT)
            code = server.wait(timeout=300)
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
    said = log.read_text("utf-8", "replace")
    assert "正在完成这次构建后退出" in said
    assert "预览已停止" in said
    assert "Traceback" not in said
    assert code == 0
    assert (copy / "generated" / "site.stamp").is_file()  # the build was whole: the next start keeps it
