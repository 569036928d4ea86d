"""Hot reads and audit appends on the database driver's cursor, each statement compiled once.

Run through SQLAlchemy, a small read costs more in Python than in the database: the
statement's cache key is derived again, its lists are expanded into the compiled SQL, and
every row is wrapped, some 25 µs a statement before any row. A page makes a dozen reads
or more, so the reads it makes most are run here instead: compiled once per database and
per lengths of their list parameters, then executed on the driver's own cursor, inside
the connection's transaction, returning plain tuples. The one write every request makes
(its audit entries) runs here too, in a transaction of the driver's own
(`raw_transaction`).

Only statements whose columns need no conversion from the driver's values belong here
(text, integers, floats: every column of the store); the SQL is SQLAlchemy's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, exc
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import Executable

_EXPANDING = re.compile(r"__\[POSTCOMPILE_(\w+)\]")


@dataclass(frozen=True)
class Compiled:
    """A statement's SQL for one database and one set of list lengths, and how to bind it."""

    sql: str
    order: tuple[tuple[str, bool], ...]  # each parameter (in turn, if positional), and if a list
    defaults: Mapping[str, Any]  # the values the statement carries itself (an offset of 0)
    sizes: Mapping[str, int]  # markers of each list (its last value repeated to fill them)
    positional: bool
    columns: tuple[str, ...]

    def arguments(self, params: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """The driver's arguments for `params` (lists spread over their markers)."""
        if self.positional:
            values: list[Any] = []
            for name, expanding in self.order:
                if expanding:
                    listed = params[name]
                    values.extend(listed)
                    values.extend([listed[-1]] * (self.sizes[name] - len(listed)))
                else:
                    values.append(params[name] if name in params else self.defaults[name])
            return values
        named = dict(self.defaults)
        for name, expanding in self.order:
            if expanding:
                listed = params[name]
                named.update((f"{name}__{i}", listed[min(i, len(listed) - 1)])
                             for i in range(self.sizes[name]))
            elif name in params:
                named[name] = params[name]
        return named


def fetch(conn: Connection, statement: Executable, params: Mapping[str, Any]) -> list[tuple]:
    """All rows of a read, as tuples in the statement's column order."""
    if _has_empty_list(params):
        # SQLAlchemy writes an empty `IN` as each database needs; rare enough to leave to it.
        return [tuple(row) for row in conn.execute(statement, params)]
    return _run(conn, prepared(conn.dialect, statement, params), params)


def fetch_dicts(
    conn: Connection, statement: Executable, params: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """`fetch`, each row a dict by column name."""
    if _has_empty_list(params):
        return [dict(row) for row in conn.execute(statement, params).mappings()]
    compiled = prepared(conn.dialect, statement, params)
    columns = compiled.columns
    return [dict(zip(columns, row, strict=True)) for row in _run(conn, compiled, params)]


def prepared(dialect: Dialect, statement: Executable, params: Mapping[str, Any]) -> Compiled:
    """The statement compiled for `dialect` and the lengths of the lists in `params`.

    Lengths are rounded up to a power of two, so that a statement has a few SQL texts
    (ten for up to 512 values) rather than one per length.
    """
    lengths = tuple((k, _rounded(len(v))) for k, v in params.items()
                    if isinstance(v, list | tuple))
    return _compiled(statement, dialect, tuple(sorted(lengths)))


def _rounded(length: int) -> int:
    return 1 << (length - 1).bit_length() if length > 1 else length


def _has_empty_list(params: Mapping[str, Any]) -> bool:
    return any(isinstance(v, list | tuple) and not v for v in params.values())


@lru_cache(maxsize=2048)
def _compiled(
    statement: Executable, dialect: Dialect, lengths: tuple[tuple[str, int], ...]
) -> Compiled:
    compiled = statement.compile(dialect=dialect)
    sizes = dict(lengths)
    if any(size == 0 for size in sizes.values()):
        raise ValueError("an empty list parameter has no SQL of its own here")
    positional = bool(dialect.positional)
    names = (list(compiled.positiontup or []) if positional
             else list(compiled.bind_names.values()))
    expanding = {p.key for p in compiled.post_compile_params}
    defaults = {name: b.value for b, name in compiled.bind_names.items()
                if name not in sizes and b.value is not None}

    def markers(match: re.Match[str]) -> str:
        name = match[1]
        if positional:
            return ", ".join([_marker(dialect, name)] * sizes[name])
        return ", ".join(_marker(dialect, f"{name}__{i}") for i in range(sizes[name]))

    sql = _EXPANDING.sub(markers, compiled.string)
    order = tuple((name, name in expanding) for name in names)
    columns = tuple(str(column[0]) for column in compiled._result_columns)  # noqa: SLF001
    return Compiled(sql, order, defaults, sizes, positional, columns)


def _marker(dialect: Dialect, name: str) -> str:
    style = dialect.paramstyle
    if style == "qmark":
        return "?"
    if style == "format":
        return "%s"
    if style == "pyformat":
        return f"%({name})s"
    if style == "named":
        return f":{name}"
    raise ValueError(f"no markers for the parameter style {style!r}")


@contextmanager
def cursor(conn: Connection) -> Iterator[Any]:
    """The driver's cursor on `conn`, inside the connection's transaction.

    The transaction is begun as SQLAlchemy begins it, so that reads on the cursor share
    it (and, on SQLite, its snapshot) with the statements run through SQLAlchemy.
    """
    if not conn.in_transaction():
        conn.begin()
    raw = conn.connection.cursor()
    try:
        yield raw
    finally:
        raw.close()


def _run(conn: Connection, compiled: Compiled, params: Mapping[str, Any]) -> list[tuple]:
    arguments = compiled.arguments(params)
    with cursor(conn) as raw:
        try:
            raw.execute(compiled.sql, arguments)
            return raw.fetchall()  # type: ignore[no-any-return]
        except conn.dialect.loaded_dbapi.Error as error:
            if conn.dialect.is_disconnect(error, conn.connection, raw):
                conn.invalidate(error)
            raise exc.DBAPIError.instance(compiled.sql, arguments, error,
                                          conn.dialect.loaded_dbapi.Error) from error


class RawTransaction:
    """A transaction on a pooled connection of the driver's own (see `raw_transaction`)."""

    def __init__(self, dialect: Dialect, cursor: Any) -> None:
        self.dialect = dialect
        self._cursor = cursor

    def fetch(self, statement: Executable, params: Mapping[str, Any]) -> list[tuple]:
        """All rows of a read, as tuples in the statement's column order."""
        compiled = prepared(self.dialect, statement, params)
        self._cursor.execute(compiled.sql, compiled.arguments(params))
        return self._cursor.fetchall()  # type: ignore[no-any-return]

    def execute(self, statement: Executable, params: Mapping[str, Any]) -> None:
        """Run a statement that returns no rows."""
        compiled = prepared(self.dialect, statement, params)
        self._cursor.execute(compiled.sql, compiled.arguments(params))

    def execute_sql(self, sql: str) -> None:
        """Run SQL written for this database, without parameters."""
        self._cursor.execute(sql)


@contextmanager
def raw_transaction(engine: Engine) -> Iterator[RawTransaction]:
    """A writing transaction on a connection from `engine`'s pool, run on the driver alone.

    For the small write that every request makes (its audit entries): through
    SQLAlchemy's connection and transaction objects, taking the connection, beginning,
    committing and giving it back cost some 120 µs of CPU, four times the write itself.
    On SQLite the transaction takes the write lock at once (`BEGIN IMMEDIATE`), as the
    store's writers do; PostgreSQL's driver begins one at the first statement. Errors are
    raised as SQLAlchemy's, and a connection that was lost is not given back to the pool.
    """
    dialect = engine.dialect
    raw = engine.raw_connection()
    try:
        statements = raw.cursor()
        try:
            if dialect.name == "sqlite":
                statements.execute("BEGIN IMMEDIATE")
            yield RawTransaction(dialect, statements)
            raw.commit()
        except dialect.loaded_dbapi.Error as error:
            _roll_back(raw)
            if dialect.is_disconnect(error, raw, statements):
                raw.invalidate(error)
            raise exc.DBAPIError.instance(None, None, error, dialect.loaded_dbapi.Error) from error
        except BaseException:
            _roll_back(raw)
            raise
        finally:
            statements.close()
    finally:
        raw.close()


def _roll_back(raw: Any) -> None:
    try:
        raw.rollback()
    except Exception:  # noqa: BLE001, S110 - a lost connection has nothing to roll back
        pass
