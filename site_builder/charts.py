"""Charts as inline SVG, drawn at build time: no script, no external file, prints as drawn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from site_builder.markup import num

_FONT = 'font-size="12" fill="currentColor"'


def _f(value: float) -> str:
    """Coordinates with one decimal: deterministic and short."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    label = escape(title)
    return (f'<figure class="sb-chart" data-search-exclude="1"><svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {_f(width)} {_f(height)}" width="100%" role="img" aria-label="{label}" '
            f'style="max-width:{_f(width)}px"><title>{label}</title>{"".join(body)}</svg>'
            f"<figcaption>{label}</figcaption></figure>")


def column_chart(title: str, columns: Sequence[tuple[str, float]], unit: str = "",
                 marks: Mapping[str, str] | None = None) -> str:
    """Vertical columns with their value on top, scaled to the largest. `marks`: a column's label
    and the few words drawn under it, its column drawn lighter (a year not yet final, beside final
    ones); the caption says them in full."""
    marks = marks or {}
    col_w, gap, plot_h = 56.0, 24.0, 160.0
    width = max(len(columns), 1) * (col_w + gap) + gap
    height = plot_h + (64 if marks else 48)
    top = max((v for _, v in columns), default=0.0) or 1.0
    body = [f'<line class="sb-chart__axis" x1="0" y1="{_f(plot_h + 20)}" x2="{_f(width)}" '
            f'y2="{_f(plot_h + 20)}"/>']
    for i, (label, value) in enumerate(columns):
        x = gap + i * (col_w + gap)
        h = plot_h * max(value, 0.0) / top
        y = plot_h + 20 - h
        mark = marks.get(label)
        bar = "sb-chart__bar sb-chart__bar--marked" if mark else "sb-chart__bar"
        body.append(
            f'<rect class="{bar}" x="{_f(x)}" y="{_f(y)}" width="{_f(col_w)}" height="{_f(h)}"/>'
            f'<text x="{_f(x + col_w / 2)}" y="{_f(y - 6)}" text-anchor="middle" {_FONT}>'
            f"{num(value)}{escape(unit)}</text>"
            f'<text x="{_f(x + col_w / 2)}" y="{_f(plot_h + 38)}" text-anchor="middle" {_FONT}>'
            f"{escape(label)}</text>")
        if mark:
            body.append(f'<text class="sb-chart__mark" x="{_f(x + col_w / 2)}" y="{_f(plot_h + 54)}" '
                        f'text-anchor="middle" font-size="11" fill="currentColor">{escape(mark.split("，", 1)[0])}</text>')
    said = "；".join(f"{label}：{mark}" for label, mark in marks.items())
    return _svg(width, height, f"{title}（{said}）" if said else title, body)
