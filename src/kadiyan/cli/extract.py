"""`kadiyan extract`: what the extractor reads in a text, as JSON lines."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import typer

from kadiyan.cli.output import errors, fail
from kadiyan.extract import extract_text
from kadiyan.model import Mention

# Record kinds read with the short-post profile; everything else is read in full.
AD_KINDS = {"ad", "ads", "post"}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(extract)


def extract(
    source: str = typer.Argument(..., help="a file, or - for standard input"),
) -> None:
    """Print the mentions found in SOURCE: JSON lines with `text` (and `id`, `kind`), or
    plain text read as one record. One JSON line per record on standard output.
    """
    name = "<stdin>" if source == "-" else source
    if source == "-":
        content = sys.stdin.read()
    else:
        path = Path(source)
        if not path.is_file():
            fail(f"{source}: no such file")
        content = path.read_text(encoding="utf-8", errors="replace")
    bad = 0
    for line, item in _records(content, name):
        if isinstance(item, str):
            errors.print(f"{name}:{line}: {item}")
            bad += 1
            continue
        record_id, kind, text = item
        profile = "ad" if kind in AD_KINDS else "narrative"
        mentions = [mention_json(m) for m in extract_text(text, profile)]
        sys.stdout.write(orjson.dumps({"id": record_id, "mentions": mentions}).decode() + "\n")
    if bad:
        raise typer.Exit(3)


def mention_json(mention: Mention) -> dict[str, Any]:
    """A mention as printed: kind, value, span, confidence, rule, raw and its own fields."""
    out: dict[str, Any] = {
        "kind": mention.kind.value, "value": mention.value, "start": mention.start,
        "end": mention.end, "confidence": mention.confidence, "rule": mention.rule,
        "raw": mention.raw,
    }
    if mention.role:
        out["role"] = mention.role
    for key, value in mention.extra.items():
        out.setdefault(key, value)
    return out


def _records(content: str, name: str) -> Iterator[tuple[int, tuple[str, str, str] | str]]:
    """(line, (id, kind, text)) per record, or (line, reason) for a line that is no record.

    The input is JSON lines when its first non-blank line is a JSON object with `text`;
    otherwise the whole of it is one plain-text record.
    """
    lines = content.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not _is_json_record(first):
        yield 1, (Path(name).stem, "", content)
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            yield number, f"invalid JSON: {error}"
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield number, "a line must be a JSON object with a string field 'text'"
            continue
        record_id = str(row.get("id", f"{Path(name).stem}:{number}"))
        yield number, (record_id, str(row.get("kind") or ""), row["text"])


def _is_json_record(line: str) -> bool:
    try:
        row = orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return isinstance(row, dict) and "text" in row
