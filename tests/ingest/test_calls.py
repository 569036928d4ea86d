"""Call detail records from operators whose CSV headers differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from kadiyan.ingest.calls import map_header
from kadiyan.ingest.pipeline import InputError, ingest_file
from kadiyan.ingest.validate import RowError
from kadiyan.resolve import resolve_record
from kadiyan.store import Store

AIRTEL_LIKE = (
    "Sl No,Target No,Call Type,B Party No,Date,Time,Duration(sec),First Cell ID,IMEI,IMSI\n"
    "AT-1,919811122334,OUTGOING,917011223344,14/03/2025,22:10:05,75,40449-1,3520,4049\n"
    "AT-2,919811122334,SMS-IN,919000012345,14/03/2025,22:15:00,0,40449-1,3520,4049\n"
)
JIO_LIKE = (
    "RECORD_ID,CALLING_NUMBER,CALLED_NUMBER,CALL_DATE_TIME,DURATION,CALL_TYPE,FIRST_CGI\n"
    "JIO-1,7011223344,9811122334,2025-03-15 01:02:03,12,MTC,405-874-1\n"
)


def test_headers_of_different_operators_map_to_one_shape() -> None:
    airtel = map_header(AIRTEL_LIKE.splitlines()[0].split(","))
    jio = map_header(JIO_LIKE.splitlines()[0].split(","))

    assert airtel["a_party"] == "Target No" and jio["a_party"] == "CALLING_NUMBER"
    assert airtel["b_party"] == "B Party No" and jio["b_party"] == "CALLED_NUMBER"
    assert "datetime" in jio and "date" in airtel and "time" in airtel


def test_a_header_without_the_parties_is_refused() -> None:
    with pytest.raises(RowError, match="a_party"):
        map_header(["Sl No", "Number", "Date", "Duration"])


def test_calls_link_phones_in_the_direction_of_the_call(store: Store, tmp_path: Path) -> None:
    (tmp_path / "airtel.csv").write_text(AIRTEL_LIKE)
    (tmp_path / "jio.csv").write_text(JIO_LIKE)

    ingest_file(store, "calls", tmp_path / "airtel.csv", resolver=resolve_record)
    ingest_file(store, "calls", tmp_path / "jio.csv", resolver=resolve_record)

    edges = {
        (link.kind.value, link.source, link.target, len(link.evidence))
        for link in store.links_of("phone:+919811122334")
        if link.kind.value in ("called", "messaged")
    }
    assert edges == {
        # AT-1 (9811... calls out) and JIO-1 (7011... receives) are the same call direction
        ("called", "phone:+919811122334", "phone:+917011223344", 2),
        ("messaged", "phone:+919000012345", "phone:+919811122334", 1),
    }


def test_a_file_with_an_unknown_header_fails_as_a_whole(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(InputError, match="unrecognised CDR header"):
        ingest_file(store, "calls", path)
