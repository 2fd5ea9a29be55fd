"""Serves a built site as GitHub Pages does (text gzip-compressed), to measure it as readers get it.

    python scripts/serve_built.py SITE_DIR [--port 8000]

`python -m http.server` sends every file uncompressed, which is not how the published site
travels: page-speed figures taken over it measure the server, not the site.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validators.console import say_usage_in_chinese

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".csv")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[no-untyped-def]  # the base class's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # which redirects to the folder's "/"
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or path.suffix not in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """What `send_head` returns: a file-like object that `copyfile` reads."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return data

    def close(self) -> None:
        pass


def main() -> None:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(description="像 GitHub Pages 一样（gzip 压缩）在本机提供构建好的网站")
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    handler = functools.partial(GzipHandler, directory=str(args.site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"http://127.0.0.1:{args.port}/")
        server.serve_forever()


if __name__ == "__main__":
    main()
