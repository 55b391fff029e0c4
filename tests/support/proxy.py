"""nginx (Debian's) in front of several app replicas, for the replica test.

Round-robin for every request but Streamlit's session-bound ones (the websocket
``/_stcore/stream``, file uploads, session media), which stay on the replica a cookie
names: each browser context sets ``frontline_replica`` to one replica's name. The same
shape as docs/deploy.md, with the cookie in place of a production load balancer's
affinity so a test knows which replica each browser talks to. Listens on 127.0.0.1 only,
as a foreground process with its files in a temporary folder.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from tests.support.server import free_port, stop

NGINX = "/usr/sbin/nginx"
COOKIE = "frontline_replica"
STICKY = ("/_stcore/stream", "/_stcore/upload_file", "/media/")

CONFIG = """\
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    log_format replica '$status $upstream_addr $request_uri';
    access_log {tmp}/access.log replica;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream spread {{
{servers}
    }}
{pinned}
    map $cookie_{cookie} $replica {{
        default spread;
{choices}
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' close;
    }}
    server {{
        listen 127.0.0.1:{port};
{sticky}
        location / {{
            proxy_pass http://spread;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""
STICKY_LOCATION = """\
        location {path} {{
            proxy_pass http://$replica;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
            client_max_body_size 60m;
        }}"""


def nginx_config(tmp: Path, port: int, replicas: dict[str, str]) -> str:
    """The configuration: ``replicas`` maps a name (the cookie's value) to a base URL."""
    hosts = {name: urlparse(url).netloc for name, url in replicas.items()}
    return CONFIG.format(
        tmp=tmp,
        port=port,
        cookie=COOKIE,
        servers="\n".join(f"        server {host};" for host in hosts.values()),
        pinned="\n".join(f"    upstream only_{n} {{ server {h}; }}" for n, h in hosts.items()),
        choices="\n".join(f'        "{name}" only_{name};' for name in hosts),
        sticky="\n".join(STICKY_LOCATION.format(path=path) for path in STICKY),
    )


@contextlib.contextmanager
def nginx_in_front(tmp: Path, replicas: dict[str, str]) -> Iterator[str]:
    """nginx on a free loopback port in front of ``replicas``; yields its URL."""
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_config(tmp, port, replicas), encoding="utf-8")
    proc = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(tmp), "-e", str(tmp / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_proxy(url, proc, tmp)
        yield url
    finally:
        stop(proc)


def wait_proxy(url: str, proc: subprocess.Popen[bytes], tmp: Path, timeout: float = 30) -> None:
    """Wait until the proxy answers the apps' health check (fail early if nginx exited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited: {(tmp / 'error.log').read_text()[-500:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        time.sleep(0.2)
    raise TimeoutError(f"nginx at {url} not answering after {timeout} s")


def answered(tmp: Path) -> list[tuple[int, str, str]]:
    """(status, upstream address, path) of every request nginx logged."""
    lines = (tmp / "access.log").read_text(encoding="utf-8").splitlines()
    return [(int(s), up, path) for s, up, path in (line.split(" ", 2) for line in lines)]
