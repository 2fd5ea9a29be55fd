"""What `check` says of a YAML file the online form refuses before it reads it, in check's words:

- E-YAML-ENCODING for a UTF-16 or a UTF-32 file (validators/yaml/loading.py, `_decode`);
- E-YAML-ALIAS for an anchor or an alias (`&a`, `*a`);
- E-YAML-TOO-DEEP for nesting deeper than policy.yaml's `yaml.max_depth`, with that depth said.

Each sentence is asked of the loader itself, on a file made for the purpose, so the form says
what `check` says without a second copy of any word. The form gives the line and column itself.
"""

from __future__ import annotations

from validators.yaml.loading import load_bytes
from validators.yaml.policy import policy

__all__ = ["browser_yaml"]


def _said(data: bytes, code: str) -> str:
    """The message of the one finding `code` the loader gives `data`, under the project's limits."""
    findings = load_bytes(data, "x.yaml", policy().yaml.limits).findings
    assert [f.code for f in findings] == [code], findings
    return findings[0].message


def browser_yaml() -> dict[str, object]:
    """The depth the form counts to, and the words of the four refusals."""
    depth = policy().yaml.max_depth
    text = "society: x\nyear: 2018\n"
    return {
        "max_depth": depth,
        "words": {
            "utf16": _said(text.encode("utf-16-le"), "E-YAML-ENCODING"),
            "utf32": _said(b"\xff\xfe\x00\x00" + text.encode("utf-32-le"), "E-YAML-ENCODING"),
            "alias": _said(b"a: &x 1\nb: *x\n", "E-YAML-ALIAS"),
            "too_deep": _said(b"[" * (depth + 1) + b"]" * (depth + 1), "E-YAML-TOO-DEEP"),
        },
    }
