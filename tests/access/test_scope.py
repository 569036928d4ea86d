"""Who sees which records, and in which of them the victims: agencies, parents, shares."""

from kadiyan.access.principal import Principal, system_principal
from kadiyan.access.roles import Role
from kadiyan.access.scope import Viewer, scope_for
from kadiyan.model.access import ALL_RECORDS, Agency, AgencyKind, Purpose, Share

AGENCIES = {
    a.id: a for a in (
        Agency("cb-up", "Crime Branch UP", AgencyKind.STATE_CRIME_BRANCH, "Uttar Pradesh"),
        Agency("ahtu-kanpur", "AHTU Kanpur", AgencyKind.DISTRICT_AHTU, "Uttar Pradesh", "cb-up"),
        Agency("ahtu-pune", "AHTU Pune", AgencyKind.DISTRICT_AHTU, "Maharashtra"),
        Agency("shelter", "Shelter Trust", AgencyKind.NGO),
    )
}


def person(role: Role, agency: str) -> Principal:
    return Principal(f"{role}-{agency}", agency, frozenset({role}), user_id=1)


def test_an_agency_sees_its_own_records_and_not_another_states():
    scope = scope_for(person(Role.INVESTIGATOR, "ahtu-kanpur"), AGENCIES, [])
    assert scope.sees("ahtu-kanpur", "r1")
    assert not scope.sees("ahtu-pune", "r2")
    assert not scope.sees("cb-up", "r3")  # the state's own records stay with the state


def test_a_district_shares_with_its_state_headquarters():
    scope = scope_for(person(Role.SUPERVISOR, "cb-up"), AGENCIES, [])
    assert scope.sees("ahtu-kanpur", "r1")
    assert scope.sees_identity("ahtu-kanpur", "r1")
    assert not scope.sees("ahtu-pune", "r2")


def test_an_analyst_sees_the_records_but_never_the_victims():
    viewer = Viewer(analyst := person(Role.ANALYST, "cb-up"),
                    scope_for(analyst, AGENCIES, []))
    assert viewer.sees("ahtu-kanpur", "r1")
    assert not viewer.sees_identity("ahtu-kanpur", "r1")


def test_a_case_shared_for_aftercare_carries_its_victims_and_nothing_else():
    share = Share(1, "ahtu-kanpur", "shelter", "r-case", Purpose.AFTERCARE, victims=False)
    ngo = person(Role.NGO_PARTNER, "shelter")
    viewer = Viewer(ngo, scope_for(ngo, AGENCIES, [share]))
    assert viewer.sees("ahtu-kanpur", "r-case")
    assert viewer.sees_identity("ahtu-kanpur", "r-case")
    assert not viewer.sees("ahtu-kanpur", "r-other")


def test_a_revoked_share_gives_nothing():
    share = Share(1, "ahtu-pune", "ahtu-kanpur", ALL_RECORDS, Purpose.INVESTIGATION, False,
                  revoked_at="2026-01-01T00:00:00+00:00")
    scope = scope_for(person(Role.INVESTIGATOR, "ahtu-kanpur"), AGENCIES, [share])
    assert not scope.sees("ahtu-pune", "r2")


def test_an_investigation_share_shows_records_with_victims_masked_unless_it_says_so():
    plain = Share(1, "ahtu-pune", "ahtu-kanpur", ALL_RECORDS, Purpose.INVESTIGATION, False)
    scope = scope_for(person(Role.INVESTIGATOR, "ahtu-kanpur"), AGENCIES, [plain])
    assert scope.sees("ahtu-pune", "r2") and not scope.sees_identity("ahtu-pune", "r2")
    named = Share(2, "ahtu-pune", "ahtu-kanpur", ALL_RECORDS, Purpose.INVESTIGATION, True)
    scope = scope_for(person(Role.INVESTIGATOR, "ahtu-kanpur"), AGENCIES, [named])
    assert scope.sees_identity("ahtu-pune", "r2")


def test_hotels_and_administrators_hold_no_case_data():
    admin = person(Role.ADMIN, "cb-up")
    assert not scope_for(admin, AGENCIES, []).sees("cb-up", "r1")
    hotel = person(Role.HOTEL, "ahtu-pune")
    assert not scope_for(hotel, AGENCIES, []).sees_identity("ahtu-pune", "r1")


def test_a_user_of_an_unknown_agency_sees_nothing_and_the_command_line_everything():
    assert not scope_for(person(Role.INVESTIGATOR, "gone"), AGENCIES, []).sees("gone", "r")
    everything = scope_for(system_principal(), AGENCIES, [])
    assert everything.sees("ahtu-pune", "r2") and everything.sees_identity("x", "r")
    assert everything.visibility() is None
