"""A run killed with SIGKILL half-way and started again ends as one clean run would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from kadiyan.store import open_store
from kadiyan.store.schema import records
from tests.ingest.conftest import ADS, write_jsonl


def _kadiyan(args: list[str], url: str, home: Path) -> subprocess.Popen:
    env = dict(os.environ, KADIYAN_DATABASE_URL=url, KADIYAN_HOME=str(home))
    return subprocess.Popen(
        [sys.executable, "-m", "kadiyan.cli.main", *args], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(c) for c in task.read_text().split()]
    return found


def _all_gone(pids: list[int], wait: float = 10.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{p}").exists() for p in pids):
            return True
        time.sleep(0.1)
    return False


def _stats(url: str, home: Path) -> dict:
    done = _kadiyan(["stats", "--json"], url, home)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    return json.loads(out)


def test_killed_then_rerun_equals_a_clean_run(store_url: str, tmp_path: Path) -> None:
    rows = [dict(ad, id=f"{ad['id']}-{n}", text=f"{ad['text']} #{n}")
            for n in range(6000) for ad in ADS]
    path = write_jsonl(tmp_path / "ads.jsonl", rows, ["{not json"])
    store = open_store(store_url)

    run = _kadiyan(
        ["ingest", "ads", str(path), "--workers", "2", "--batch-size", "4000"], store_url, tmp_path
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with store.engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(records)).scalar_one()
        if stored > 0 or run.poll() is not None:
            break
        time.sleep(0.05)
    workers = _children(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert workers, "the run should have been using worker processes"
    assert _all_gone(workers), "worker processes outlived the killed run"
    with store.engine.connect() as conn:
        partial = conn.execute(select(func.count()).select_from(records)).scalar_one()
    store.engine.dispose()
    assert 0 < partial < len(rows), "the run must be killed half-way for this test to mean much"

    rerun = _kadiyan(["ingest", "ads", str(path)], store_url, tmp_path)
    rerun.communicate(timeout=300)
    clean_url = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    clean = _kadiyan(["ingest", "ads", str(path)], clean_url, tmp_path)
    clean.communicate(timeout=300)

    assert rerun.returncode == clean.returncode == 3
    assert _stats(store_url, tmp_path) == _stats(clean_url, tmp_path)
