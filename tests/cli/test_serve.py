"""`kadiyan serve` as an operator starts it: worker processes over the configured store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _workers(pid: int) -> list[int]:
    """The worker processes uvicorn spawned (not multiprocessing's resource tracker)."""
    found = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [child for child in found
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


@contextmanager
def _serving(*options: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kadiyan", "serve", "--port", str(port), *options],
        env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "kadiyan serve did not answer in time"
            time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_with_workers_runs_that_many_processes_over_the_same_store(
    kadiyan_env: str,
) -> None:
    with _serving("--workers", "2", "--insecure-cookies") as (base, process):
        deadline = time.monotonic() + 30
        while len(_workers(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = _workers(process.pid)
        health = httpx.get(base + "/health").json()
        form = httpx.get(base + "/login")

    assert len(workers) == 2
    assert health["status"] == "ok"
    # The workers were told what the command was: cookies over plain HTTP, without Secure.
    assert form.status_code == 200
    assert "secure" not in form.headers["set-cookie"].lower()


def test_serve_workers_send_secure_cookies_unless_told_otherwise(kadiyan_env: str) -> None:
    with _serving("--workers", "2") as (base, _process):
        form = httpx.get(base + "/login")

    assert "secure" in form.headers["set-cookie"].lower()
