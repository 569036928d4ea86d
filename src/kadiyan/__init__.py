"""Kadiyan: case-linking and intelligence for anti-human-trafficking units.

The public surface for notebooks is small; see `kadiyan.store.open_store` and the CLI.
"""

__version__ = "0.1.0"
