"""`kadiyan extract`: a text in, one JSON line of mentions per record out."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kadiyan.cli.main import app

runner = CliRunner(env={"COLUMNS": "200"})

REPORT = (
    "FIR No. 88/2025 u/s 143(4) BNS and 3/4/5 ITPA, PS Kotwali, district Gaya, Bihar. "
    "Accused Mahesh Prasad urf Pappu (age about 41), s/o Ram Lakhan, r/o Dehri, was "
    "arrested with his phone 9934 567 812. Five women were rescued."
)


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_a_plain_text_file_is_one_record_read_in_full(tmp_path: Path) -> None:
    path = tmp_path / "fir-88.txt"
    path.write_text(REPORT, encoding="utf-8")

    result = runner.invoke(app, ["extract", str(path)])

    assert result.exit_code == 0, result.output
    [record] = _lines(result.stdout)
    assert record["id"] == "fir-88"
    found = {(m["kind"], m["value"]) for m in record["mentions"]}
    assert ("phone", "+919934567812") in found
    assert {("section", "BNS 143(4)"), ("section", "ITPA 3"), ("section", "ITPA 5")} <= found
    for mention in record["mentions"]:
        assert REPORT[mention["start"] : mention["end"]] == mention["raw"] or mention["raw"] == ""


def test_json_lines_give_one_line_each_and_a_bad_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(
        "\n".join([
            json.dumps({"id": "p1", "kind": "ad", "text": "new girls, call 98 double 7 0 12345"}),
            "{not json",
            json.dumps({"id": "p2", "text": "nothing to see"}),
        ]) + "\n",
        encoding="utf-8",
    )

    result = runner.invoke(app, ["extract", str(path)])

    assert result.exit_code == 3
    assert f"{path}:2: invalid JSON" in result.output
    records = _lines(result.stdout)
    assert [r["id"] for r in records] == ["p1", "p2"]
    assert {m["value"] for m in records[0]["mentions"] if m["kind"] == "phone"} == {
        "+919877012345"
    }


def test_standard_input_is_read_with_a_dash() -> None:
    result = runner.invoke(app, ["extract", "-"], input="WhatsApp wa.me/919812345678\n")

    assert result.exit_code == 0, result.output
    [record] = _lines(result.stdout)
    assert [m["value"] for m in record["mentions"] if m["kind"] == "phone"] == ["+919812345678"]
