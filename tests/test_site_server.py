"""The tests' local server (site_support.served): a browser that drops a connection mid-download
printed a BrokenPipeError's traceback into the test output; a client going away is said nothing
of, any other error is printed as ever."""

from __future__ import annotations

import contextlib
import functools
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import CLIENT_GONE, SiteServer, _Quiet, served


@contextlib.contextmanager
def _server(tmp_path: Path) -> Iterator[SiteServer]:
    server = SiteServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    try:
        yield server
    finally:
        server.server_close()


def _handled(server: SiteServer, error: BaseException) -> None:
    """The server's handle_error as its request thread calls it: inside the except block."""
    try:
        raise error
    except BaseException:
        server.handle_error(None, ("127.0.0.1", 50000))


@pytest.mark.parametrize("gone", CLIENT_GONE)
def test_a_client_that_went_away_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                gone: type[OSError]) -> None:
    with _server(tmp_path) as server:
        _handled(server, gone(32, "the browser closed the connection"))
        _handled(server, ValueError("a fault of the server"))  # still printed
    err = capsys.readouterr().err
    assert gone.__name__ not in err
    assert "Traceback" in err
    assert "ValueError: a fault of the server" in err
    assert err.count("Traceback") == 1


def _requests_running(before: set[threading.Thread]) -> bool:
    """Whether a request thread started since `before` is still at work (socketserver names them so)."""
    return any("process_request_thread" in t.name for t in set(threading.enumerate()) - before)


def test_a_download_dropped_mid_way_prints_no_traceback(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Over a real socket: a GET for a large file, the connection reset once the file is coming.
    Without the quiet handle_error it printed ConnectionResetError's (or BrokenPipeError's) traceback."""
    (tmp_path / "large.bin").write_bytes(b"\0" * (8 << 20))
    before = set(threading.enumerate())
    with served(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        for _ in range(3):
            client = socket.create_connection(("127.0.0.1", port), timeout=10)
            client.sendall(b"GET /large.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert client.recv(1024).startswith(b"HTTP/1.0 200")  # the server is writing the file
            # Closed with a reset (SO_LINGER 0), as a browser's cancelled download.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        deadline = time.monotonic() + 30
        while _requests_running(before) and time.monotonic() < deadline:  # the server meets the reset
            time.sleep(0.05)
        assert not _requests_running(before)
    err = capfd.readouterr().err
    assert "Traceback" not in err, err
