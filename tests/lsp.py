"""A minimal Language Server Protocol client over stdio, enough to drive yaml-language-server
as an editor does: open a document, ask for hover and completion, collect diagnostics."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any


class LanguageServer:
    def __init__(self, command: list[str], workspace: Path, settings: dict[str, Any]) -> None:
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._next_id = 0
        self._settings = settings
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        threading.Thread(target=self._read, daemon=True).start()
        root = workspace.as_uri()
        self.request("initialize", {
            "processId": None, "rootUri": root, "locale": "zh-cn",
            "workspaceFolders": [{"uri": root, "name": workspace.name}],
            "capabilities": {
                "workspace": {"configuration": True, "workspaceFolders": True},
                "textDocument": {
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                    "publishDiagnostics": {},
                }}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                return
            self._messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        self._next_id += 1
        wanted = self._next_id
        self._send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            message = self._messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if message.get("id") == wanted and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")
            self._handle(message)

    def _handle(self, message: dict[str, Any]) -> None:
        """Answer the server's own requests; keep the diagnostics it publishes."""
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method == "workspace/configuration":
            items = message["params"]["items"]
            self._send({"id": message["id"], "result": [self._settings.get(i.get("section", ""))
                                                        for i in items]})
        elif "id" in message and method:  # registrations, progress: accept
            self._send({"id": message["id"], "result": None})

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text("utf-8")}})
        return uri

    def wait_for_diagnostics(self, uri: str, timeout: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while uri not in self.diagnostics:
            try:
                self._handle(self._messages.get(timeout=max(0.01, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"no diagnostics for {uri} in {timeout} s") from None
        return self.diagnostics[uri]

    def hover(self, uri: str, line: int, character: int) -> str:
        """The hover's text at a 0-based position ("" when there is none)."""
        result = self.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                     "position": {"line": line, "character": character}})
        if not result:
            return ""
        contents = result["contents"]
        return contents["value"] if isinstance(contents, dict) else str(contents)

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                          "position": {"line": line, "character": character}})
        return (result or {}).get("items", []) if isinstance(result, dict) else list(result or [])

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self._process.wait(timeout=10)
        except Exception:  # a server that does not stop in time is killed
            self._process.kill()
            self._process.wait()
