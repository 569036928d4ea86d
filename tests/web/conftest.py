"""The pages are tested against the same served app as the API."""

from tests.api.conftest import client, served

__all__ = ["client", "served"]
