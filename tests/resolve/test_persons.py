"""Person mentions to comparable rows, and the words a scored pair is explained in."""

from __future__ import annotations

from kadiyan.extract.romanise import name_key
from kadiyan.resolve.persons import (
    LEVELS,
    comparisons,
    level_label,
    name_sound,
    normalised_name,
    person_rows,
    reasons_of,
)


def mention(seq: int, kind: str, value: str, field: str = "text", role: str | None = None,
            **extra: object) -> dict:
    return {"seq": seq, "kind": kind, "value": value, "field": field, "role": role,
            "extra": extra or None}


FIR = [
    mention(0, "person", "अनिता सिंघ", role="accused", latin="Anita Singh", age=39),
    mention(1, "person", "अनीता सिंह", "accused[0].name", "accused", latin="Anita Singh",
            aliases=["Aneeta Singh"], father="Ram Singh"),
    mention(2, "phone", "+919811122334", "accused[0].phone", "accused"),
    mention(3, "person", "Pooja Mishra", "victims[0].name", "victim", age=16, home="Purnia"),
]


def test_one_record_naming_a_person_twice_gives_one_row_with_pooled_details() -> None:
    rows = person_rows("r1", "case_report", "2023-03-18", FIR, "Gautam Buddha Nagar")

    accused, victim = rows
    assert accused.members == ("r1#0", "r1#1")
    assert accused.role == "accused"  # the table's role, not the narrative's
    assert accused.name == "anita sing"
    assert accused.birth_year == 2023 - 39
    assert accused.father == "ram sing"
    assert accused.phones == ["+919811122334"]
    assert accused.district == "gautam buddha nagar"
    assert victim.phones is None and victim.home == "purnia" and victim.birth_year == 2007


def test_names_meet_across_scripts_spellings_and_word_order() -> None:
    rows = person_rows("r2", "booking", None, [
        mention(0, "person", "Singh Aneeta", "guest_name", "guest"),
        mention(1, "phone", "+919811122334", "guest_phone", "contact"),
    ])
    [guest] = rows
    [accused, _] = person_rows("r1", "case_report", "2023-03-18", FIR)
    assert guest.name_sorted == accused.name_sorted
    assert guest.phones == accused.phones


def sound(name: str) -> str:
    return name_sound(name_key(name))


def test_spellings_of_one_name_sound_alike_and_other_names_do_not() -> None:
    assert sound("Mahesh Kambale") == sound("Mahesh Kamble")
    assert sound("Bandana Yadava") == sound("Vandana Yadav")
    assert sound("Vinod Kumar Tewari") == sound("Vinod Tiwary")  # a middle name left out
    assert sound("Jonaly Das") == sound("Jonali Dass")
    assert sound("Sanjita Shrestha") != sound("Sanjita Sherpa")
    assert sound("Sabita Rai") != sound("Sarita Rai")


def test_a_missing_persons_report_gives_the_family_phone_to_the_missing_and_the_father() -> None:
    missing, father = person_rows("r3", "missing_report", "2024-02-01", [
        mention(0, "person", "Sunita Kumari", "name", "missing", age=15),
        mention(1, "person", "Ramesh Mahto", "father_name", "relative"),
        mention(2, "phone", "+919811122335", "contact_phone", "family"),
    ], "Gumla")

    assert missing.phones == father.phones == ["+919811122335"]


def test_the_baseline_folds_case_spacing_and_script_but_not_spelling() -> None:
    assert normalised_name("Ravi  MEHRA") == normalised_name("ravi mehra") == "ravi mehra"
    assert normalised_name("विकास सिंह") == "vikas singh"
    assert normalised_name("Ravee Mehra") != normalised_name("Ravi Mehra")


def test_a_predicted_pair_is_explained_by_the_levels_splink_chose() -> None:
    # gamma counts non-null levels from the bottom: name has 11, so gamma 6 is the 5th
    row = {"gamma_name": 6, "mw_name": 7.3, "mw_tf_adj_name": 1.5,
           "gamma_phones": 0, "mw_phones": -0.2,
           "gamma_father": -1, "mw_father": 0.0,
           # the network level and the official level weigh the same here; gamma decides
           "gamma_network": 1, "mw_network": 0.0, "gamma_official": 0, "mw_official": 0.0}

    reasons = reasons_of(row)

    assert reasons == [
        ("name", "names spelled alike", 8.8),
        ("phones", "no phone in common", -0.2),
        ("network", "records joined by shared phones, accounts or calls", 0.0),
        ("official", "neither named as an official", 0.0),
    ]


def test_every_level_of_the_model_has_its_words_in_gamma_order() -> None:
    checked = 0
    for comparison in comparisons():
        name = comparison.get_comparison("duckdb").output_column_name
        levels = [lvl for lvl in comparison.get_comparison("duckdb").comparison_levels
                  if not lvl.is_null_level]
        for level in levels:
            assert level_label(name, level.comparison_vector_value) == level.label_for_charts
            checked += 1
    assert checked == sum(len(labels) for labels in LEVELS.values())
