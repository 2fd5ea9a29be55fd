"""The YAML ground: the one strict loader, hidden characters, strict JSON and the file policy."""
