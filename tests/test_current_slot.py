"""The slot where a worker child names the template it is filling (``render/current_slot.py``)."""

from __future__ import annotations

import multiprocessing
import os

from baocao.render.current_slot import SLOT_BYTES, CurrentSlot, SlotWriter


def _fill(path: str, names: list[str]) -> None:
    writer = SlotWriter(path)
    for name in names:
        writer.write(name)


def test_the_parent_reads_what_a_spawned_child_wrote_last():
    slot = CurrentSlot()
    try:
        assert slot.read() == ""
        process = multiprocessing.get_context("spawn").Process(
            target=_fill, args=(slot.path, ["muc-1\tmuc.j2", "muc-2\tbang-rat-dai-ten.j2", "ngắn"]))
        process.start()
        process.join(60)
        assert process.exitcode == 0
        assert slot.read() == "ngắn"                     # a shorter name replaces a longer one whole
        assert os.path.getsize(slot.path) == SLOT_BYTES  # overwritten in place, never grown
    finally:
        slot.close()
    assert not os.path.exists(slot.path)
    assert slot.read() == ""                             # gone: nothing, not an error


def test_long_names_are_cut_and_the_file_is_private(tmp_path):
    slot = CurrentSlot()
    try:
        assert os.stat(slot.path).st_mode & 0o077 == 0 or os.name == "nt"
        writer = SlotWriter(slot.path)
        writer.write("đ" * 1000)                         # two bytes each: cut inside a character
        text = slot.read()
        assert text.startswith("đ" * 100) and len(text.encode("utf-8", "replace")) < SLOT_BYTES + 3
        assert writer.last == "đ" * 1000
    finally:
        slot.close()
    SlotWriter(str(tmp_path / "khong-co" / "slot")).write("x")     # a slot that cannot be opened: no error


def test_the_slot_is_removed_when_forgotten():
    slot = CurrentSlot()
    path = slot.path
    del slot
    assert not os.path.exists(path)
