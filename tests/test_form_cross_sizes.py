"""What one report's check in the online form fetches of the published reports does not grow with
the registry: on generated repositories of 20 and of 200 societies (three years each), the largest
file under across/ and the largest set of files one report's check asks for (`RF.crossNeeds`, as
form-cross.js computes it, run under Node) stay about the same size, while all of them together
grow more than sixfold; so do the item files the cross-report warnings read (each report's events,
research, functions and stations by title or name, the societies its consortia name). Before, across.json held every report's consortia, stations, functions and
achievements, and every form downloaded it whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.form_downloads import download_sizes, fetched
from benchmarks.generate import generate
from tests.test_form_criteria import _node

pytestmark = pytest.mark.slow


def _sizes(tmp: Path, societies: int) -> tuple[dict[str, int], list[list[str]]]:
    """Each file's size in bytes, and what each report's check fetches, of a generated tree (the
    benchmark's own measure, `python -m benchmarks.form_downloads`, which the README quotes)."""
    root = tmp / str(societies)
    generate(societies, 3, 2017, root)
    sizes, needs = download_sizes(root, _node())
    assert all(name in sizes for names in needs for name in names)
    return sizes, needs


def test_what_one_report_fetches_does_not_grow_with_the_societies(tmp_path: Path) -> None:
    small, small_needs = _sizes(tmp_path, 20)
    large, large_needs = _sizes(tmp_path, 200)
    assert sum(large.values()) > 6 * sum(small.values())  # the registry did grow
    assert max(large.values()) < 2 * max(small.values()), (max(small.values()), max(large.values()))
    assert max(fetched(large, large_needs)) < 2 * max(fetched(small, small_needs))
    assert all(any("/society/" in n for n in names) for names in large_needs)  # each its society's
    # The warnings' data (events, research, functions, stations, member ids) is fetched by item, in
    # item files that stay small while there come to be more of them.
    assert all(any("/items-" in n for n in names) for names in large_needs)
    items = [n for n in large if "/items-" in n]
    assert len(items) > 4 * len([n for n in small if "/items-" in n])
    assert max(large[n] for n in items) < 2 * max(small[n] for n in small if "/items-" in n)
