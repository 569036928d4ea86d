"""Agencies, users, sharing rules and the audit trail from the command line."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from kadiyan.cli.main import app
from kadiyan.store import open_store

runner = CliRunner(env={"COLUMNS": "200", "KADIYAN_PASSWORD": "a-long-password"})


def kadiyan(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def set_up_agencies() -> None:
    kadiyan("agency", "add", "Crime Branch UP", "--kind", "state_crime_branch",
            "--state", "Uttar Pradesh")
    kadiyan("agency", "add", "AHTU Kanpur", "--kind", "district_ahtu",
            "--parent", "crime-branch-up")
    kadiyan("agency", "add", "Shelter Trust", "--kind", "ngo")


def test_agencies_users_and_shares_are_added_and_listed(kadiyan_env: str) -> None:
    set_up_agencies()
    kadiyan("user", "add", "asha", "--agency", "ahtu-kanpur", "--roles", "investigator")
    kadiyan("share", "add", "ahtu-kanpur", "shelter-trust", "--record", "r123",
            "--purpose", "aftercare")

    assert "crime-branch-up" in kadiyan("agency", "list")
    assert "asha" in kadiyan("user", "list")
    listed = kadiyan("share", "list")
    assert "r123" in listed and "aftercare" in listed and "yes" in listed  # victims: yes


def test_a_user_needs_a_known_agency_a_real_role_and_a_long_password(
    kadiyan_env: str,
) -> None:
    set_up_agencies()
    unknown = runner.invoke(app, ["user", "add", "x", "--agency", "nowhere", "--roles",
                                  "investigator"])
    bad_role = runner.invoke(app, ["user", "add", "x", "--agency", "ahtu-kanpur", "--roles",
                                   "detective"])
    short = runner.invoke(app, ["user", "add", "x", "--agency", "ahtu-kanpur", "--roles",
                                "analyst"], env={"KADIYAN_PASSWORD": "short"})
    assert unknown.exit_code == 2 and "no agency" in unknown.output
    assert bad_role.exit_code == 2 and "unknown role 'detective'" in bad_role.output
    assert short.exit_code == 2 and "at least 10 characters" in short.output


def test_tampering_with_one_audit_row_makes_verify_fail_there(kadiyan_env: str) -> None:
    set_up_agencies()
    kadiyan("user", "add", "asha", "--agency", "ahtu-kanpur", "--roles", "investigator")
    assert "holds: 4 entries" in kadiyan("audit", "verify")

    store = open_store(kadiyan_env)
    # The database itself refuses to change the trail ...
    with pytest.raises(DBAPIError), store.audit_engine.begin() as conn:
        conn.execute(text("UPDATE audit SET actor = 'someone-else' WHERE seq = 2"))
    # ... so whoever tampers must first remove that guard, and the chain still tells.
    with store.audit_engine.begin() as conn:
        if store.dialect == "postgresql":
            conn.execute(text("DROP TRIGGER audit_append_only ON audit"))
        else:
            conn.execute(text("DROP TRIGGER audit_no_update"))
        conn.execute(text("UPDATE audit SET actor = 'someone-else' WHERE seq = 2"))
    store.audit_engine.dispose()

    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert "broken at entry 2" in result.output and "changed" in result.output


def test_ingestion_from_the_command_line_is_audited(kadiyan_env: str, tmp_path) -> None:
    ads = tmp_path / "ads.jsonl"
    ads.write_text('{"id": "a1", "text": "call 98765 43210", "city": "Pune"}\n')
    kadiyan("ingest", "ads", str(ads), "--agency", "AHTU Pune")

    listed = kadiyan("audit", "list")
    assert "ingest" in listed and str(ads.name) in listed
    assert "holds: 1 entries" in kadiyan("audit", "verify")
