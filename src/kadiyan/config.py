"""Settings from `KADIYAN_*` environment variables, with safe defaults for one machine."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field


class Settings(BaseModel):
    """Where data lives and which database holds it.

    `KADIYAN_HOME` (default `./kadiyan-data`) holds the SQLite file and uploads;
    `KADIYAN_DATABASE_URL` (e.g. `postgresql+psycopg://user@host/db`) overrides the store.
    """

    home: Path = Field(default=Path("kadiyan-data"))
    database_url: str | None = None

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the store, SQLite in `home` unless a URL is configured."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.home / 'kadiyan.sqlite').resolve()}"


def load_settings() -> Settings:
    """Settings from the environment, read at call time so tests can change it."""
    return Settings(
        home=Path(os.environ.get("KADIYAN_HOME", "kadiyan-data")),
        database_url=os.environ.get("KADIYAN_DATABASE_URL") or None,
    )
