"""The process pool gives exactly the results of the serial path, in the same order."""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path

import pytest

from benchmarks.generate import generate
from validators import check
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.reports import as_json


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    generate(societies=12, years=2, seed=7, out=out)
    return out


def _run(root: Path) -> tuple[dict, str]:
    result, repo = check.check_tree(root)
    return result.to_dict(), as_json(evaluate_repository(repo), repo)


def test_parallel_equals_serial(synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked or spawned, whichever this process may do (a test runner's threads rule out a fork:
    the fresh interpreter below forks)."""
    serial = _run(synthetic)
    monkeypatch.setattr(check, "PARALLEL_MIN_FILES", 5)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a pool on any machine
    parallel = _run(synthetic)
    assert serial == parallel
    assert serial[0]["files"] == 12 * 3
    assert not [f for f in serial[0]["findings"] if f["severity"] == "error"]


_FORKING_CHILD = """
import json, multiprocessing, os, sys, warnings
from pathlib import Path
from validators import check
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.reports import as_json
from validators.forking import threads

warnings.simplefilter("error", DeprecationWarning)  # Python 3.12+ warns of a fork beside threads
methods = []
real = multiprocessing.get_context
multiprocessing.get_context = lambda method=None: methods.append(method) or real(method)

def run():
    result, repo = check.check_tree(Path(sys.argv[1]))
    return result.to_dict(), as_json(evaluate_repository(repo), repo)

alone = threads()
serial = run()
check.PARALLEL_MIN_FILES = 5
os.cpu_count = lambda: 2
parallel = run()
print(json.dumps({"threads": alone, "methods": methods, "same": serial == parallel}))
"""


def test_a_process_with_one_thread_forks_its_workers_and_they_find_the_same(synthetic: Path) -> None:
    """The command line's own case, in a fresh interpreter (the test runner's process has an
    I/O thread of its own, invisible to `threading`, and so never forks)."""
    import json
    import subprocess
    import sys

    from tests.trees import ROOT

    done = subprocess.run([sys.executable, "-c", _FORKING_CHILD, str(synthetic)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "fork" not in done.stderr
    assert json.loads(done.stdout) == {"threads": 1, "methods": ["fork"], "same": True}


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="threads are counted by the system on Linux only")
def test_a_thread_the_threading_module_does_not_know_rules_out_a_fork() -> None:
    """A thread started below `threading` (as a test runner's I/O thread is) still counts."""
    import _thread
    import time

    from validators.forking import can_fork, threads

    before, seen = threads(), threading.active_count()
    stop = _thread.allocate_lock()
    stop.acquire()
    _thread.start_new_thread(stop.acquire, ())
    try:
        deadline = time.monotonic() + 10
        while threads() == before and time.monotonic() < deadline:
            time.sleep(0.01)
        assert threads() == before + 1
        assert threading.active_count() == seen  # threading sees no new one
        assert not can_fork()
    finally:
        stop.release()


def test_checking_some_files_reports_what_the_full_check_reports_for_them(
        synthetic: Path, tmp_path: Path) -> None:
    """The partial check reads only related files; its findings must match the full check's."""
    import shutil

    tree = tmp_path / "tree"
    shutil.copytree(synthetic, tree)
    # A second lead for consortium-0 and a station whose date moves between years.
    member = tree / "submissions/society-00001/2018.yaml"
    member.write_text(member.read_text("utf-8").replace("role: 参与", "role: 牵头"), "utf-8")
    station = tree / "submissions/society-00002/2018.yaml"
    station.write_text(station.read_text("utf-8").replace("established: 2017-04-10",
                                                          "established: 2018-04-10"), "utf-8")
    full, _ = check.check_tree(tree)
    assert {f.code for f in full.findings} >= {"E-CONSORTIUM-MULTIPLE-LEADS", "E-ESTABLISHED-CHANGED"}
    for rel in ("submissions/society-00001/2018.yaml", "submissions/society-00000/2018.yaml",
                "submissions/society-00002/2018.yaml", "submissions/society-00005/2017.yaml"):
        partial, repo = check.check_tree(tree, [tree / rel])
        expected = [f for f in full.sorted_findings() if f.file == rel]
        assert partial.sorted_findings() == expected, rel
        assert len(repo.reports) < 24  # related files only, not the whole tree


def test_no_file_is_parsed_twice(synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole tree, then one changed file with its context: each file loaded once per check."""
    from collections import Counter

    loads: Counter[str] = Counter()
    real = check.load_path

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        loads[str(path)] += 1
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "load_path", counted)  # serial: the pool would hide the calls
    result, _ = check.check_tree(synthetic)
    assert result.files == 12 * 3
    assert len(loads) == 12 * 3
    assert set(loads.values()) == {1}
    loads.clear()
    _, repo = check.check_tree(synthetic, [synthetic / "submissions/society-00001/2018.yaml"])
    assert loads
    assert set(loads.values()) == {1}
    assert len(loads) == len(repo.reports) + len(repo.profiles)


def test_a_process_with_other_threads_starts_fresh_workers_instead_of_forking(
        synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview checks inside a web server's process: forking there could copy a lock
    another thread holds. The workers are spawned instead, and find the same."""
    serial = _run(synthetic)
    monkeypatch.setattr(check, "PARALLEL_MIN_FILES", 5)
    methods: list[str] = []
    real = multiprocessing.get_context

    def recorded(method: str | None = None) -> multiprocessing.context.BaseContext:
        methods.append(str(method))
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", recorded)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _run(synthetic) == serial
    finally:
        stop.set()
        other.join()
    assert methods == ["spawn"]


def test_a_report_travels_as_its_year_model(synthetic: Path) -> None:
    """A worker sends its reports back pickled: the year's classes are built at run time, and
    each is found again by its registered key, not rebuilt from data."""
    import pickle

    from validators.models.for_year import _PLACES

    path = synthetic / "submissions/society-00003/2018.yaml"
    sent = check._check_chunk([path], synthetic, True)
    back = pickle.loads(pickle.dumps(sent))
    assert back == sent
    report, again = sent[0].report, back[0].report
    assert report is not None
    assert again is not None
    assert type(again.report) is type(report.report)
    assert type(report.report) in _PLACES
    kinds = [type(e.category) for e in again.report.academic_events]
    assert kinds
    assert all(k in _PLACES for k in kinds)
    assert again.source.key(("academic_events", 0, "title")) == report.source.key(("academic_events", 0, "title"))


_INTERRUPTED_CHILD = """
import multiprocessing, os, signal, sys, threading, time
from pathlib import Path
from site_builder.serve import finishing_first
from validators import check
real = check._check_one

def slow(*args, **kwargs):
    if multiprocessing.parent_process() is not None and not os.environ.get("SENT"):
        os.environ["SENT"] = "1"  # a worker has begun: Ctrl+C, as a terminal sends it, to the whole group
        os.killpg(0, signal.SIGINT)
    time.sleep(0.1)
    return real(*args, **kwargs)

check._check_one = slow
check.PARALLEL_MIN_FILES = 18  # two processes on any machine: this one and one worker
if __name__ == "__main__":
    threading.Thread(target=threading.Event().wait, daemon=True).start()  # as in the preview: spawn
    try:
        with finishing_first():
            result, _ = check.check_tree(Path(sys.argv[1]))
            print("finished", result.files, flush=True)
    except KeyboardInterrupt:
        print("stopped", flush=True)
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the check runs in one process, with no workers")
def test_a_ctrl_c_reaching_the_workers_is_left_to_this_process(synthetic: Path, tmp_path: Path) -> None:
    """Ctrl+C reaches every process of the terminal: the workers ignore it, so a preview that
    finishes its build on a first Ctrl+C does finish it, then stops."""
    import subprocess
    import sys

    script = tmp_path / "child.py"
    script.write_text(_INTERRUPTED_CHILD, "utf-8")
    root = Path(__file__).parents[1]
    done = subprocess.run([sys.executable, str(script), str(synthetic)], cwd=root, capture_output=True, text=True,
                          start_new_session=True, timeout=180, env={**os.environ, "PYTHONPATH": str(root)},
                          check=False)
    said = done.stdout + done.stderr
    assert "正在完成这次构建后退出" in said
    assert "finished 36" in said
    assert done.stdout.rstrip().endswith("stopped")


def test_a_report_of_a_spec_this_process_never_built_is_read_back(synthetic: Path) -> None:
    """A worker that read a year file saved after this process read it sends a class this
    process has not built: it is built here from the spec the report carries, not mistaken
    for another and not refused."""
    import json

    from validators.models.for_year import _PLACES, _blank_model, _class_at
    from validators.models.report import YearReport

    [sent] = check._check_chunk([synthetic / "submissions/society-00003/2018.yaml"], synthetic, False)
    assert sent.report is not None
    report = sent.report.report
    spec, year, place = _PLACES[type(report)]
    edited = json.loads(spec)
    edited["areas"][0]["title"] += "（保存于检查之中）"
    other = json.dumps(edited, sort_keys=True)
    built = _class_at(other, year, place)
    assert built is not type(report)
    assert issubclass(built, YearReport)
    again = _blank_model(other, year, place)
    again.__setstate__(report.__getstate__())
    assert type(again) is built
    assert again.model_dump() == report.model_dump()
