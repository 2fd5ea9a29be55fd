"""The built site's search worker is mended where Material cuts a Chinese query and names the
terms a result holds (the search itself is tried in Chromium: tests/browser/test_site.py); a
Material whose worker no longer holds the code mended stops the build with a Chinese sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import material
import pytest

from site_builder.search_worker import SearchWorkerChanged, mend_search_worker

WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"


def _site(tmp_path: Path, code: str | None = None) -> Path:
    folder = tmp_path / "site" / "assets" / "javascripts" / "workers"
    folder.mkdir(parents=True)
    worker = next(WORKERS.glob("search.*.min.js"))
    if code is None:
        shutil.copy(worker, folder / worker.name)
    else:
        (folder / worker.name).write_text(code, encoding="utf-8")
    return tmp_path / "site"


def test_the_installed_materials_worker_is_mended_once(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (worker,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    original = worker.read_text(encoding="utf-8")
    assert mend_search_worker(site)
    mended = worker.read_text(encoding="utf-8")
    assert mended != original
    # The piece may reach the query's end; a term loses every trailing `*` the query gave it.
    assert "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e" in mended
    assert 'n.term=n.term.replace(/\\*+$/,"")' in mended
    assert "n.term=n.term.slice(0,-1)" not in mended
    assert 'o[a]=o[a].replace(/\\u200b/g,"")' in mended  # the results show no zero-width spaces
    assert mend_search_worker(site)  # a preview's rebuild finds it mended and leaves it
    assert worker.read_text(encoding="utf-8") == mended


def test_a_worker_of_another_material_stops_the_build_in_chinese(tmp_path: Path) -> None:
    site = _site(tmp_path, "self.onmessage = () => {}")
    with pytest.raises(SearchWorkerChanged, match=r"搜索脚本 search\..*与本站修补时的版本不同"):
        mend_search_worker(site)


def test_a_site_without_search_is_left_alone(tmp_path: Path) -> None:
    assert not mend_search_worker(tmp_path)
