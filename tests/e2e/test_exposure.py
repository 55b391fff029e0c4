"""What the server exposes: loopback only, no outside call at start, same from any folder."""

from __future__ import annotations

import socket
import threading
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support.mapdom import drawn_markers
from tests.support.pages import bundled_places, open_app
from tests.support.server import running_app

pytestmark = pytest.mark.e2e


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on ``port`` (from /proc/net/tcp, tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        lines = Path(table).read_text().splitlines()[1:] if Path(table).exists() else []
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


class Trap:
    """A local TCP listener that counts connections (stands in for the outside world)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.close()


def test_started_from_another_folder_the_map_is_drawn_on_loopback_only(page: Page, tmp_path: Path):
    trap = Trap()
    proxy = f"http://127.0.0.1:{trap.port}"
    env = {"HTTP_PROXY": proxy, "HTTPS_PROXY": proxy, "http_proxy": proxy, "https_proxy": proxy}
    env |= {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    with running_app(env=env, cwd=tmp_path) as url:
        port = int(url.rsplit(":", 1)[1])
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
        with urllib.request.urlopen(f"{url}/app/static/vendor/leaflet/leaflet.js") as resp:
            assert resp.status == 200 and b"Leaflet" in resp.read(2000)
        open_app(page, url, "date=2020-06-01")
        assert len(drawn_markers(page)) == bundled_places()
    trap.sock.close()
    assert trap.hits == 0  # no request left the machine (e.g. an external-IP lookup)
