"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl on a temp folder and a free
loopback port, run as an unprivileged user when the tests run as root (as in CI)."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.support.server import free_port

SUPERUSER = "frontline"


def pg_bin(name: str) -> str:
    """Path of a PostgreSQL server program (Debian keeps them in /usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise RuntimeError(f"{name} not found: `make test` installs Debian's postgresql package")
    return found[-1]


def _as_user() -> list[str]:
    """``runuser -u postgres --`` when running as root (the server refuses root)."""
    if os.geteuid() != 0:
        return []
    pwd.getpwnam("postgres")  # created by Debian's postgresql package
    return ["runuser", "-u", "postgres", "--"]


def _run(args: list[str]) -> None:
    done = subprocess.run([*_as_user(), *args], capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr.strip()[-800:]}")


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a fresh cluster (trust auth on 127.0.0.1 only); yield its postgresql:// URL."""
    # as root, under /tmp: the postgres user must be able to reach the folder
    root = Path(tempfile.mkdtemp(prefix="frontline-pg-", dir="/tmp" if os.geteuid() == 0 else None))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (root, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = free_port()
    _run([pg_bin("initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
          "--no-sync", "--locale=C.UTF-8"])  # fmt: skip
    options = (
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=on "
        "-c max_connections=60 -c shared_buffers=32MB"
    )
    _run([pg_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"])
    try:
        yield f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres"
    finally:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            _run([pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)
