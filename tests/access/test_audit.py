"""The audit chain: every entry commits to the one before; a change anywhere is found."""

from dataclasses import replace

from kadiyan.access.audit import GENESIS, entry_hash, verify
from kadiyan.model.access import AuditEntry


def chain(n: int) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = (seq, f"2026-01-0{seq}T00:00:00+00:00", "asha", "ahtu-kanpur", "view_record",
                  f"r{seq}", {"page": "record"}, prev)
        entries.append(AuditEntry(*fields, entry_hash(*fields)))
        prev = entries[-1].hash
    return entries


def test_an_untouched_chain_verifies():
    assert verify(chain(5)) == (5, None)


def test_a_changed_entry_is_the_first_break():
    entries = chain(5)
    entries[2] = replace(entries[2], target="r-other")
    checked, broken = verify(entries)
    assert broken is not None and broken.seq == 3 and "changed" in broken.reason


def test_a_removed_entry_breaks_the_chain_where_it_was():
    entries = chain(5)
    del entries[1]
    _, broken = verify(entries)
    assert broken is not None and broken.seq == 3 and "removed" in broken.reason


def test_a_rehashed_entry_still_breaks_the_next_link():
    entries = chain(4)
    forged = replace(entries[1], actor="someone-else")
    fields = (forged.seq, forged.at, forged.actor, forged.agency, forged.action, forged.target,
              forged.detail, forged.prev_hash)
    entries[1] = replace(forged, hash=entry_hash(*fields))
    _, broken = verify(entries)
    assert broken is not None and broken.seq == 3
