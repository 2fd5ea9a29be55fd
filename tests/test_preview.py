"""The preview behind `serve` writes, after each edit, what a whole generation would write.

A copy of the sample repository is edited in the ways a secretary or the association edits it;
after each edit the preview's quick update must leave every page but the downloads exactly as
a fresh whole generation writes it, and once the settling generation is done, every file.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.form_page import site_settings
from site_builder.generate import generate
from site_builder.kept_pages import RECORD
from site_builder.preview import Preview
from tests.trees import ROOT

DATE = "2026-11-30"

# Written by the settling generation only: the quick update leaves them for it.
SETTLED_ONLY = re.compile(r"^downloads(/|\.md$)")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def _replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text("utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.MULTILINE)
    assert changed != text, (path, pattern)
    path.write_text(changed, "utf-8")


def _title(tree: Path) -> None:
    _replace(tree / "submissions/cd-computer/2018.yaml", r"^(\s*(?:- )?title: ).*$", r"\g<1>改过标题的项目")


def _participants(tree: Path) -> None:
    """A 大型社会活动 falls below its size (5.4): the score moves."""
    _replace(tree / "submissions/cd-eco-env/2018.yaml", r"^(\s*participants: )420$", r"\g<1>12")


def _broken(tree: Path) -> None:
    with (tree / "submissions/cd-electronics/2018.yaml").open("a", encoding="utf-8") as f:
        f.write("  : 缩进错了\n")


def _deleted(tree: Path) -> None:
    (tree / "submissions/cd-computer/2018.yaml").unlink()


def _earlier_year(tree: Path) -> None:
    """The year before goes: the next year's growth (2.3) has nothing to grow from."""
    (tree / "submissions/cd-mech-eng/2017.yaml").unlink()


def _evidence(tree: Path) -> None:
    """The report does not change, but a file it cites as evidence is gone."""
    (tree / "submissions/cd-agri/evidence/2017-kiwi-training-summary.md").unlink()


def _comment(tree: Path) -> None:
    """Nothing but the lines move: the links to each item's line must follow."""
    path = tree / "submissions/cd-eco-env/2018.yaml"
    path.write_text("# 秘书加的一行说明\n" + path.read_text("utf-8"), "utf-8")


def _misfiled(tree: Path) -> None:
    """Last year's report copied as this year's, unchanged: it still says 2017."""
    (tree / "submissions/cd-agri/2018.yaml").write_bytes((tree / "submissions/cd-agri/2017.yaml").read_bytes())


def _comment_after_whole(tree: Path) -> None:
    """Lines move in a report whose evaluation a whole regeneration kept."""
    path = tree / "submissions/cd-tcm/2018.yaml"
    path.write_text("# 又一行说明\n" + path.read_text("utf-8"), "utf-8")


def _renamed(tree: Path) -> None:
    _replace(tree / "submissions/cd-tcm/society.yaml", r"^(name: ).*$", r"\g<1>成都市中医药学会（改名）")


def _review(tree: Path) -> None:
    """The association takes back its verification of a report: its items wait again."""
    _replace(tree / "reviews/2018/cd-mech-eng.yaml", r"^rest:\n(?:  .*\n)*", "")


EDITS: list[tuple[str, Callable[[Path], None], bool]] = [
    ("title", _title, False),
    ("participants", _participants, False),
    ("broken", _broken, False),
    ("deleted", _deleted, False),
    ("earlier-year", _earlier_year, False),
    ("evidence", _evidence, False),
    ("comment", _comment, False),
    ("misfiled", _misfiled, False),
    ("renamed", _renamed, True),
    ("comment-after-whole", _comment_after_whole, False),
    ("review", _review, True),
]


def test_each_edit_leaves_the_pages_a_whole_generation_writes(tmp_path: Path) -> None:
    """One edit after another on the same preview, as a secretary makes them while it runs."""
    tree = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, tree / folder)
    preview = Preview(tree, tmp_path / "served" / "docs", site_settings(), DATE)
    preview.start()
    assert preview.update() is None  # nothing changed, nothing done
    for name, edit, whole in EDITS:
        edit(tree)
        update = preview.update()
        assert update is not None, name
        assert update.whole == whole, name
        assert update.written > 0, name
        fresh = tmp_path / name / "docs"
        generate(tree, fresh, date=DATE)
        expected, quick = _files(fresh), _files(preview.docs)
        pages = sorted(p for p in expected.keys() | quick.keys() if not SETTLED_ONLY.match(p))
        assert [p for p in pages if expected.get(p) != quick.get(p)] == [], name
        preview.settle()
        assert preview.settled(timeout=300), name
        assert preview.failed is None, name
        assert _files(preview.docs) == expected, name
        if not whole:
            # A secretary's edit rewrites a few files, not the site.
            assert update.written < len(expected) / 4, (name, update)


def test_the_first_start_says_each_step(tmp_path: Path) -> None:
    """A preview's first generation is long at the association's size: it says what it is doing
    (files checked, reports evaluated, files written) instead of keeping silent."""
    from site_builder.form_page import SiteSettings
    from site_builder.preview import Preview
    from tests.trees import base_tree

    tree = base_tree(tmp_path / "tree")
    said: list[str] = []
    Preview(tree, tmp_path / "docs", SiteSettings(), "2026-12-04").start(said.append)
    assert len(said) == 3
    assert said[0].startswith("检查了 ")
    assert "个文件" in said[0]
    assert said[1].startswith("评估了 ")
    assert said[2].startswith("页面已生成：写入 ")


def _stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _samples(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, tree / folder)
    return tree


def test_a_second_start_over_the_same_files_keeps_the_pages(tmp_path: Path) -> None:
    tree = _samples(tmp_path)
    docs = tmp_path / "served" / "docs"
    first = Preview(tree, docs, site_settings(), DATE)
    first.start()
    assert (docs.parent / RECORD).is_file()
    written = _stamps(docs)
    said: list[str] = []
    second = Preview(tree, docs, site_settings(), DATE)
    update = second.start(said.append)
    assert (update.whole, update.written) == (False, 0)
    assert len(said) == 1
    assert "沿用上次生成的页面" in said[0]
    assert _stamps(docs) == written  # nothing rewritten: MkDocs rebuilds nothing
    assert second.site is None  # read in the background, after the first page is served
    second.settle()
    second.loaded()
    assert second.site is not None
    assert first.site is not None
    assert [(e.society, e.year, e.total) for e in second.site.evaluations] == \
        [(e.society, e.year, e.total) for e in first.site.evaluations]
    # The first edit after a kept start is a quick update like any other.
    _title(tree)
    quick = second.update()
    assert quick is not None
    assert not quick.whole
    assert not (docs.parent / RECORD).exists()  # the pages are not whole until settled
    fresh = tmp_path / "fresh" / "docs"
    generate(tree, fresh, date=DATE)
    expected, served = _files(fresh), _files(docs)
    assert [p for p in sorted(expected.keys() | served.keys())
            if not SETTLED_ONLY.match(p) and expected.get(p) != served.get(p)] == []
    second.settle()
    assert second.settled(timeout=300)
    for _ in range(300):  # remembered by a watcher of the settling generation
        if (docs.parent / RECORD).is_file():
            break
        time.sleep(0.1)
    assert (docs.parent / RECORD).is_file()
    again = Preview(tree, docs, site_settings(), DATE).start()
    assert (again.whole, again.written) == (False, 0)


def test_an_edit_while_the_kept_data_is_read_shows_on_its_page(tmp_path: Path) -> None:
    """A secretary edits a report in the seconds after a kept start, before the data is read:
    the data then holds the edit, so the first update regenerates everything."""
    tree = _samples(tmp_path)
    docs = tmp_path / "served" / "docs"
    Preview(tree, docs, site_settings(), DATE).start()
    second = Preview(tree, docs, site_settings(), DATE)
    assert not second.start().whole
    _title(tree)
    second.settle()  # MkDocs' first build is done: the data is read now, with the edit in it
    second.loaded()
    update = second.update()
    assert update is not None
    assert update.whole
    fresh = tmp_path / "fresh" / "docs"
    generate(tree, fresh, date=DATE)
    assert _files(docs) == _files(fresh)


def test_a_start_after_a_change_generates_again(tmp_path: Path) -> None:
    """By content: an edit that keeps the file's size and modification time is still seen; so
    are pages someone else wrote over, and another day."""
    tree = _samples(tmp_path)
    docs = tmp_path / "served" / "docs"
    Preview(tree, docs, site_settings(), DATE).start()
    report = tree / "submissions/cd-eco-env/2018.yaml"
    before = report.stat()
    report.write_text(report.read_text("utf-8").replace("participants: 420", "participants: 421"), "utf-8")
    os.utime(report, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert Preview(tree, docs, site_settings(), DATE).start().whole
    (docs / "index.md").write_text("别人改过的页面", "utf-8")
    assert Preview(tree, docs, site_settings(), DATE).start().whole
    assert "别人改过的页面" not in (docs / "index.md").read_text("utf-8")
    assert not Preview(tree, docs, site_settings(), DATE).start().whole
    assert Preview(tree, docs, site_settings(), "2026-12-01").start().whole


def test_the_kept_site_is_wiped_when_what_builds_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from site_builder import kept_pages
    from site_builder.kept_pages import site_stamp
    from site_builder.serve import kept_site

    config, theme, site, stamp_file = (tmp_path / "mkdocs.yml", tmp_path / "theme", tmp_path / "site",
                                       tmp_path / "site.stamp")
    config.write_text("site_name: 示例\n", "utf-8")
    theme.mkdir()
    (theme / "main.html").write_text("{% extends 'base.html' %}", "utf-8")
    for page in ("index.html", "societies/cd-a/2018/index.html", "404.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<html></html>", "utf-8")
    stamp = site_stamp(config.read_bytes(), [str(theme)])
    stamp_file.write_text(stamp, "utf-8")
    assert kept_site(site, stamp_file, stamp) == {"", "societies/cd-a/2018/"}
    assert not stamp_file.exists()  # until the first build of this preview is whole
    assert kept_site(site, stamp_file, stamp) == set()  # a build that did not finish: nothing kept
    assert list(site.iterdir()) == []
    (site / "index.html").write_text("<html></html>", "utf-8")
    stamp_file.write_text(stamp, "utf-8")
    (theme / "main.html").write_text("{% extends 'base.html' %}{# 改过的主题 #}", "utf-8")
    changed = site_stamp(config.read_bytes(), [str(theme)])
    assert changed != stamp
    assert kept_site(site, stamp_file, changed) == set()
    assert list(site.iterdir()) == []
    config.write_text("site_name: 改过的配置\n", "utf-8")
    assert site_stamp(config.read_bytes(), [str(theme)]) != changed
    # Another version of MkDocs (or the theme, an extension, the word splitter): built otherwise.
    (site / "index.html").write_text("<html></html>", "utf-8")
    now = site_stamp(config.read_bytes(), [str(theme)])
    stamp_file.write_text(now, "utf-8")
    real = kept_pages.metadata.version
    monkeypatch.setattr(kept_pages.metadata, "version",
                        lambda name: "99.0" if name == "mkdocs" else real(name))
    upgraded = site_stamp(config.read_bytes(), [str(theme)])
    assert upgraded != now
    assert kept_site(site, stamp_file, upgraded) == set()
    assert list(site.iterdir()) == []


def test_a_first_ctrl_c_lets_the_build_finish_and_a_second_stops_at_once() -> None:
    """A build cut short costs the next start a whole build (no stamp): the first Ctrl+C waits
    for the build, then stops the preview; a second stops it at once."""
    import os
    import signal

    from site_builder.serve import finishing_first

    before = signal.getsignal(signal.SIGINT)
    done: list[str] = []

    def build(presses: int, name: str) -> None:
        with finishing_first():
            for _ in range(presses):
                os.kill(os.getpid(), signal.SIGINT)
            done.append(name)

    with pytest.raises(KeyboardInterrupt):
        build(1, "finished")
    assert done == ["finished"]
    with pytest.raises(KeyboardInterrupt):
        build(2, "not reached")
    assert done == ["finished"]
    assert signal.getsignal(signal.SIGINT) is before
    with finishing_first():  # no Ctrl+C: nothing raised
        done.append("quiet")
    assert done[-1] == "quiet"


def test_what_a_build_handed_over_is_taken_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`take_over` touches nothing of the preview's until its copy of the built site is whole;
    a start that keeps its own pages drops what a build left (the same pages, or older)."""
    from site_builder import kept_pages

    generated = tmp_path / "generated"
    docs, site, built_site = generated / "docs", generated / "site", tmp_path / "site"
    for folder, text in ((docs, "预览的页面"), (site, "预览的网站"), (built_site, "构建的网站")):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(text, "utf-8")
    handed = tmp_path / "handed"
    handed.mkdir()
    (handed / "index.md").write_text("构建的页面", "utf-8")
    (tmp_path / kept_pages.WORD_LIST).write_text("构建的词表", "utf-8")  # the search's, beside the pages
    kept_pages.hand_over(generated, handed, built_site, "输入", "标记")
    handed_at = (built_site / "index.html").stat().st_mtime_ns
    assert not kept_pages.take_over(generated, docs, site, "别的输入", "标记")
    assert not kept_pages.take_over(generated, docs, site, "输入", "别的标记")

    def full_disk(_: Path, copy: Path, *__: object, **___: object) -> None:
        copy.mkdir()  # half a copy, then the disk is full
        (copy / "index.html").write_text("半", "utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kept_pages.shutil, "copytree", full_disk)
    with pytest.raises(OSError, match="No space"):
        kept_pages.take_over(generated, docs, site, "输入", "标记")
    assert (docs / "index.html").read_text("utf-8") == "预览的页面"
    assert (site / "index.html").read_text("utf-8") == "预览的网站"
    assert sorted(p.name for p in generated.iterdir()) == ["built", "docs", "site"]
    monkeypatch.undo()
    pages = generated / kept_pages.HANDED_OVER / "docs" / "index.md"
    pages_at = pages.stat().st_mtime_ns
    pages.write_text("别人改过的页面", "utf-8")  # the handed-over pages, touched since
    assert not kept_pages.take_over(generated, docs, site, "输入", "标记")
    pages.write_text("构建的页面", "utf-8")
    os.utime(pages, ns=(pages_at, pages_at))
    (built_site / "index.html").write_text("别人改过的网站", "utf-8")  # the site to publish, touched since
    assert not kept_pages.take_over(generated, docs, site, "输入", "标记")
    (built_site / "index.html").write_text("构建的网站", "utf-8")
    os.utime(built_site / "index.html", ns=(handed_at, handed_at))
    assert kept_pages.take_over(generated, docs, site, "输入", "标记")
    assert (docs / "index.md").read_text("utf-8") == "构建的页面"
    assert (site / "index.html").read_text("utf-8") == "构建的网站"
    assert (built_site / "index.html").read_text("utf-8") == "构建的网站"
    assert (generated / kept_pages.WORD_LIST).read_text("utf-8") == "构建的词表"
    assert not (generated / "built").exists()


def test_a_kept_start_drops_an_older_handover(tmp_path: Path) -> None:
    from site_builder.kept_pages import HANDED_OVER

    tree = _samples(tmp_path)
    docs = tmp_path / "served" / "docs"
    Preview(tree, docs, site_settings(), DATE).start()
    (docs.parent / HANDED_OVER / "docs").mkdir(parents=True)
    assert not Preview(tree, docs, site_settings(), DATE).start().whole
    assert not (docs.parent / HANDED_OVER).exists()


def test_a_quick_update_that_splits_the_shared_files_otherwise_drops_the_old_split(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When an edit changes the number of the form's shared files, the old split's folder
    (form/across/shared-<n>/) leaves the generated pages with the quick update, not only once the
    settling generation is done: MkDocs would otherwise copy it into the served site again.
    (The sample repository is split in one; a smaller share size stands for a grown one.)"""
    from site_builder import form_page
    from validators.association.browser_cross import cross_files

    share_bytes = [1 << 30]
    monkeypatch.setattr(form_page, "cross_files", lambda repo: cross_files(repo, share_bytes[0]))
    tree = _samples(tmp_path)
    preview = Preview(tree, tmp_path / "served" / "docs", site_settings(), DATE)
    preview.start()
    across = preview.docs / "form" / "across"
    assert sorted(p.name for p in across.iterdir()) == ["items-1", "shared-1", "society"]
    share_bytes[0] = 512
    _title(tree)
    update = preview.update()
    assert update is not None
    assert not update.whole
    splits = sorted(p.name for p in across.iterdir() if p.name != "society")
    assert [name.partition("-")[0] for name in splits] == ["items", "shared"]
    assert not {"items-1", "shared-1"} & set(splits)
    fresh = tmp_path / "fresh" / "docs"
    generate(tree, fresh, date=DATE)
    expected, quick = _files(fresh), _files(preview.docs)
    assert [p for p in expected.keys() | quick.keys()
            if not SETTLED_ONLY.match(p) and expected.get(p) != quick.get(p)] == []
