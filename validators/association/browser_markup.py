"""The check's markup warning (W-TEXT-MARKUP, validators/rules/text_fields.py, `has_markup`) as a
browser runs it: the same literals and the same patterns, each rewritten here for JavaScript's
`new RegExp(source, "u")` so that it matches what Python matches, and the same words. The
workbench reads this from its settings: no pattern is copied into its scripts.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from validators.rules import text_fields

__all__ = ["browser_markup_rule", "js_regex"]

# What a backslash may stand before in a JavaScript pattern with the "u" flag; Python's re.escape
# escapes more ("\\#", "\\-" outside a class), which that flag refuses as a syntax error.
_JS_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
# Python's \w over text: a letter or a number of any script (str.isalnum), or "_".
_WORD = r"\p{L}\p{N}_"
# What may follow "(?": a plain group and the four look-arounds. Python's others (named groups and
# their references, comments, atomic groups, inline flags, conditionals) are refused.
_GROUPS = (":", "=", "!", "<=", "<!")
# A counted repeat as both engines read it ({2}, {2,}, {2,5}). Python also reads "{,5}" and takes
# any other "{" as a literal, both of which the "u" flag refuses.
_COUNTED = re.compile(r"\{[0-9]+(?:,[0-9]*)?\}")


@cache
def _spaces() -> str:
    """Python's \\s over text (str.isspace), spelled out: JavaScript's \\s differs (it takes U+FEFF,
    not U+001C to U+001F or U+0085)."""
    codes = [c for c in range(0x110000) if chr(c).isspace()]
    runs: list[list[int]] = []
    for c in codes:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(f"\\u{{{a:x}}}" + (f"-\\u{{{b:x}}}" if b > a else "") for a, b in runs)


def js_regex(pattern: re.Pattern[str]) -> str:
    """`pattern`'s source for `new RegExp(source, "u")`, matching where Python's matches: \\w and
    \\s as Python reads them, "." any character but a line feed (JavaScript's also stops at
    \\r, U+2028 and U+2029), and, with MULTILINE, "^" only after a line feed. A construct not
    rewritten here is refused (ValueError), so that a new pattern cannot drift unnoticed: among
    them "$", \\b, \\A, \\Z, a literal "{", "}" or "]" outside a class, a class starting with "]",
    a repeated look-around, a possessive repeat and every "(?" but a plain group and the
    look-arounds."""
    if pattern.flags & ~(re.UNICODE | re.MULTILINE):
        raise ValueError(f"flags not rewritten for JavaScript: {pattern.pattern}")
    start = r"(?<![^\n])" if pattern.flags & re.MULTILINE else r"(?<![\s\S])"
    src, out, i, in_class = pattern.pattern, [], 0, False
    groups: list[bool] = []  # the open groups, True for a look-around
    after_look = False  # the last thing read closed a look-around
    while i < len(src):
        c = src[i]
        closed_look, after_look = after_look, False
        if c == "\\":
            escaped = src[i + 1]
            i += 2
            if escaped in "ws":
                inner = _WORD if escaped == "w" else _spaces()
                out.append(inner if in_class else f"[{inner}]")
            elif escaped == "d":
                out.append(r"\p{Nd}")
            elif escaped == "u":
                out.append(src[i - 2:i + 4])
                i += 4
            elif escaped in "ntrfv" or escaped in _JS_SYNTAX or (in_class and escaped == "-"):
                out.append("\\" + escaped)
            elif escaped.isalnum():
                raise ValueError(f"escape \\{escaped} not rewritten for JavaScript: {src}")
            else:
                out.append(escaped)
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
            i += 1
            continue
        if c == "[":
            negated = src.startswith("^", i + 1)
            if src.startswith("]", i + 1 + negated):
                raise ValueError(f"a class starting with ] is not rewritten for JavaScript: {src}")
            in_class = True
            out.append("[^" if negated else "[")
            i += 1 + negated
        elif c == "(":
            kind = next((k for k in _GROUPS if src.startswith(k, i + 2)), None) if src.startswith("?", i + 1) else ""
            if kind is None:
                raise ValueError(f"group {src[i:i + 4]} not rewritten for JavaScript: {src}")
            groups.append(kind not in ("", ":"))
            out.append(f"(?{kind}" if kind else "(")
            i += 2 + len(kind) if kind else 1
        elif c == ")":
            after_look = groups.pop()
            out.append(c)
            i += 1
        elif c in "*+?{":
            counted = _COUNTED.match(src, i) if c == "{" else None
            if c == "{" and counted is None:
                raise ValueError(f"a literal {{ is not rewritten for JavaScript: {src}")
            if closed_look:
                raise ValueError(f"a repeated look-around is not rewritten for JavaScript: {src}")
            repeat = counted.group() if counted is not None else c
            i += len(repeat)
            if src.startswith("?", i):  # lazy: the same in both
                repeat += "?"
                i += 1
            elif src.startswith("+", i):
                raise ValueError(f"a possessive repeat is not rewritten for JavaScript: {src}")
            out.append(repeat)
        elif c in "}]":
            raise ValueError(f"a literal {c} is not rewritten for JavaScript: {src}")
        elif c == "$":
            raise ValueError(f"$ not rewritten for JavaScript: {src}")
        else:
            out.append(start if c == "^" else r"[^\n]" if c == "." else c)
            i += 1
    return "".join(out)


def browser_markup_rule() -> dict[str, Any]:
    """Everything `text_fields.has_markup` decides with, for review-privacy.js."""
    return {
        "literals": list(text_fields._MARKUP_LITERALS),
        "link": [text_fields._LINK_OPEN, text_fields._LINK_CLOSE],
        "patterns": [js_regex(p) for p in text_fields._MARKUP],
        # Searched in the text reversed (by code point), as the check searches it.
        "script_reversed": js_regex(text_fields._SCRIPT_REVERSED),
        "message": text_fields.MARKUP_MESSAGE,
    }
