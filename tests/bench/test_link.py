"""`kadiyan bench link --incremental` holds out the newest person records, headers kept."""

from __future__ import annotations

from pathlib import Path

from kadiyan.bench.link import PERSON_FILES, split_world


def test_the_newest_share_of_each_person_file_is_held_out_with_its_header(
    tmp_path: Path,
) -> None:
    world = tmp_path / "world"
    world.mkdir()
    for _, name in PERSON_FILES:
        header = ["id,name"] if name.endswith(".csv") else []
        (world / name).write_text("\n".join([*header, *(f"{i},n{i}" for i in range(40))]) + "\n")

    first, later = split_world(world, tmp_path / "split", 0.05)

    for _, name in PERSON_FILES:
        head = (first / name).read_text().splitlines()
        tail = (later / name).read_text().splitlines()
        header = ["id,name"] if name.endswith(".csv") else []
        assert head == [*header, *(f"{i},n{i}" for i in range(38))]
        assert tail == [*header, "38,n38", "39,n39"]
