"""Reading and writing mkdocs.yml without running it.

MkDocs' own loader is PyYAML's full loader, which imports whatever a `!!python/name:` tag names.
Here tags are kept as written (`Tagged`) and written back under the same tag, so MkDocs still
resolves them when it reads a generated child config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Tagged:
    """A node under a tag that only MkDocs resolves, kept as written."""

    tag: str
    value: Any  # the node's scalar text, list or mapping


class ConfigLoader(yaml.CSafeLoader):
    """mkdocs.yml without running it (libyaml's safe loader, as everywhere in the project):
    MkDocs' own loader imports whatever `!!python/name:` names."""


class ConfigDumper(yaml.SafeDumper):
    """Writes a `Tagged` back under its tag."""


def _tagged(loader: yaml.CSafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
ConfigLoader.add_multi_constructor("!", _tagged)
ConfigDumper.add_representer(Tagged, _represent_tagged)


def read_config(config: Path) -> dict[str, Any]:
    """The mapping of a MkDocs config file, tags kept as `Tagged` (INHERIT is not followed)."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506 (a SafeLoader)
    return data if isinstance(data, dict) else {}


def dump_config(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=ConfigDumper, allow_unicode=True, sort_keys=True)


def inheriting(config: Path, parent: dict[str, Any], date: str | None = None) -> dict[str, Any]:
    """The part every child config shares: `config` (read as `parent`) inherited, its theme
    overrides found from anywhere, and the build date that the footer shows."""
    child: dict[str, Any] = {"INHERIT": str(config.resolve())}
    if date:
        child["extra"] = {"published": date}
    theme = parent.get("theme")
    # `theme: material` is a plain name; only a mapping can hold custom_dir.
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom_dir:
        child["theme"] = {"custom_dir": str((config.parent / custom_dir).resolve())}
    return child
