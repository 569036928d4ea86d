"""The place gazetteer: names in English and Hindi, spelling variants, and which place wins."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from kadiyan.extract.gazetteer import gazetteer, lookup, place_key, word_key, word_keys


def best(name: str) -> tuple[str, str, str | None]:
    """The first place a name may be: (canonical name, kind, state)."""
    place = lookup(name)[0]
    return place.name, place.kind, place.state


def test_states_and_districts_in_both_scripts() -> None:
    assert best("Assam") == best("असम") == ("Assam", "state", "Assam")
    assert best("Kanpur Nagar") == best("कानपुर नगर") == (
        "Kanpur Nagar", "district", "Uttar Pradesh")
    assert best("Dhubri")[2] == "Assam"
    assert best("गुमला") == ("Gumla", "district", "Jharkhand")


def test_spelling_variants_meet_on_one_key() -> None:
    # Nukta, chandrabindu, a half nasal for the anusvara, long and short vowels.
    assert place_key("फ़ैज़ाबाद") == place_key("फैजाबाद")
    assert place_key("झारखण्ड") == place_key("झारखंड")
    assert place_key("गाँव") == place_key("गांव")
    assert place_key("पूर्णिया") == place_key("पुर्णिया")
    # Latin diacritics (GeoNames writes Fyzābād) and case.
    assert word_key("Fyzābād") == "fyzabad"
    assert place_key("  New   Jalpaiguri ") == "new jalpaiguri"


def test_former_names_resolve_to_the_current_names() -> None:
    for old in ("Allahabad", "इलाहाबाद"):
        assert {(p.name, p.kind) for p in lookup(old)} >= {
            ("Prayagraj", "city"), ("Prayagraj", "district")}
    assert ("Ayodhya", "district") in {(p.name, p.kind) for p in lookup("फ़ैज़ाबाद")}


def test_geonames_cities_carry_their_state_and_population() -> None:
    [lucknow, *_] = lookup("लखनऊ")

    assert (lucknow.name, lucknow.kind, lucknow.state) == ("Lucknow", "city", "Uttar Pradesh")
    assert lucknow.population > 1_000_000
    assert lucknow.source == "geonames"


def test_a_town_in_the_state_of_its_district_comes_first() -> None:
    # GeoNames also has a Gorakhpur in Haryana, larger on paper; the district is in UP.
    assert best("Gorakhpur") == ("Gorakhpur", "city", "Uttar Pradesh")


def test_neighbouring_countries_their_districts_and_crossings() -> None:
    assert best("नेपाल") == ("Nepal", "country", None)
    assert best("बांग्लादेश") == ("Bangladesh", "country", None)
    [rupandehi] = lookup("रूपन्देही")
    assert (rupandehi.name, rupandehi.kind, rupandehi.country) == ("Rupandehi", "district", "Nepal")
    sonauli = lookup("सुनौली")[0]
    assert (sonauli.name, sonauli.state, sonauli.transit) == ("Sonauli", "Uttar Pradesh", True)


def test_railway_junctions_under_all_their_names() -> None:
    names = ["Mughalsarai", "मुगलसराय", "DDU Junction", "Pt. Deen Dayal Upadhyaya Junction",
             "दीनदयाल उपाध्याय जंक्शन"]

    assert {lookup(n)[0].name for n in names} == {"Pt. Deen Dayal Upadhyaya Junction"}
    assert best("NJP") == ("New Jalpaiguri", "city", "West Bengal")


def test_abbreviations_are_marked_to_be_matched_in_capitals() -> None:
    gaz = gazetteer()

    assert {"up", "njp", "ncr"} <= gaz.capitals
    assert "kanpur" not in gaz.capitals


def test_common_words_and_names_are_marked_cue_only() -> None:
    gaz = gazetteer()

    # `gaya` is also the Hindi past of `jana`; Sagar and Anand are given names.
    assert {place_key(n) for n in ("Gaya", "गया", "Sagar", "Anand", "बस्ती")} <= gaz.cue_only
    assert "lucknow" not in gaz.cue_only


def test_english_words_among_geonames_alternates_are_left_out() -> None:
    for word in ("bank", "zero", "law", "deli"):
        assert lookup(word) == []


def test_the_districts_file_covers_every_state_listed() -> None:
    data = tomllib.loads(
        files("kadiyan.extract").joinpath("data/gazetteer_india.toml").read_text("utf-8"))
    districts = {s["name"]: s["districts"] for s in data["state"]}

    assert len(data["state"]) == 36
    assert sum(len(d) for d in districts.values()) >= 750
    assert len(districts["Uttar Pradesh"]) == 75
    assert len(districts["Bihar"]) == 38
    # The Hindi belt has a Devanagari name for every district.
    for state in ("Uttar Pradesh", "Bihar", "Madhya Pradesh", "Rajasthan", "Jharkhand"):
        assert all(any("\u0900" <= c <= "\u097f" for c in d) for d in districts[state]), state


def test_lookup_of_nothing_finds_nothing() -> None:
    assert lookup("") == []
    assert lookup("Xyzzyville") == []


def test_the_leading_words_of_every_name_are_prefixes() -> None:
    gaz = gazetteer()
    for key in gaz.entries:
        words = key.split(" ")
        assert all(" ".join(words[:n]) in gaz.prefixes for n in range(1, len(words)))
    assert "new" in gaz.prefixes and "new delhi" in gaz.entries


def test_many_words_are_keyed_as_one_is() -> None:
    words = ["फ़ैज़ाबाद", "Fyzābād", "kanpur", "झारखण्ड", "झारखण्ड", "\u200c"]
    assert word_keys(words) == [word_key(w) for w in words]
