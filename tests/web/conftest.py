"""The pages are tested against the same served app as the API, and against the demo."""

from tests.api.conftest import anonymous, client, demo_app, scratch, served

__all__ = ["anonymous", "client", "demo_app", "scratch", "served"]

