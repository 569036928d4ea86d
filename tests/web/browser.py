"""Headless Chromium (Debian's package) driven by Playwright, for the browser tests.

Without Chromium or Playwright the browser tests skip with the reason, unless
KADIYAN_REQUIRE_BROWSER=1 (set by CI), which makes them fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REQUIRE_BROWSER = os.environ.get("KADIYAN_REQUIRE_BROWSER") == "1"
CHROMIUM = os.environ.get("KADIYAN_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")
# Where each step's screenshot goes (the README names this folder).
SCREENSHOTS = Path(os.environ.get("KADIYAN_SCREENSHOTS",
                                  Path(__file__).resolve().parents[2] / "screenshots"))


def unavailable(reason: str) -> None:
    """Skip, or fail where the browser is required."""
    if REQUIRE_BROWSER:
        pytest.fail(reason)
    pytest.skip(reason + " (scripts/setup.sh installs it where it can)")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """A headless Chromium for the session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed")
    if not CHROMIUM:
        unavailable("Chromium is not installed")
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox"])
        yield browser
        browser.close()
