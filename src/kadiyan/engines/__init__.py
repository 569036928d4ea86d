"""Batch back ends behind one seam: `local` (DuckDB, in-process) today, Spark later."""

from kadiyan.engines.base import Engine


def get_engine(name: str = "local") -> Engine:
    """The engine called `name`; only `local` is built in."""
    if name == "local":
        from kadiyan.engines.local import LocalEngine

        return LocalEngine()
    raise ValueError(f"unknown engine {name!r}: the engines are: local")


__all__ = ["Engine", "get_engine"]
