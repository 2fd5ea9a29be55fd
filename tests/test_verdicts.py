"""The verdicts' index answers as the plain scan it replaced: the first error, in the findings'
order, on a list holding an item, on it, or within it (an inner list's entries apart)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from validators.findings import Finding, error
from validators.verdicts import Verdicts
from validators.yaml.scalars import YamlPath

STEPS = st.sampled_from(["academic_events", "research", "achievements", "title", 0, 1, 2])
PATHS = st.lists(STEPS, min_size=1, max_size=5).map(tuple)


def _scan(item_errors: list[tuple[YamlPath, Finding]], path: YamlPath, inner: str | None) -> Finding | None:
    def related(a: YamlPath, b: YamlPath) -> bool:
        n = min(len(a), len(b))
        return a[:n] == b[:n]
    depth = len(path)
    return next((f for at, f in item_errors if related(at, path)
                 and not (inner is not None and len(at) > depth and at[depth] == inner)), None)


@settings(max_examples=300, deadline=None)
@given(errors=st.lists(PATHS, max_size=12), path=PATHS, inner=st.sampled_from([None, "achievements"]))
def test_the_index_finds_what_the_scan_finds(errors: list[YamlPath], path: YamlPath, inner: str | None) -> None:
    findings = [error("r.yaml", 1, 1, "E-X", f"第 {i} 个", None, at) for i, at in enumerate(errors)]
    verdicts = Verdicts.of(findings, "r.yaml")
    found = verdicts.blocking(path) if inner is None else verdicts.blocking_except(path, inner)
    assert found is _scan(verdicts.item_errors, path, inner)
