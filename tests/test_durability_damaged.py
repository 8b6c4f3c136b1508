"""Damaged and hostile files: a clear Vietnamese DraftFileError, no crash, no hang, original untouched.

The corpus (≥ 50 files) is generated here: truncations at many offsets,
random bytes, flipped bytes in page headers and in the SQLite header, valid
SQLite databases with the wrong identity, version, tables, columns, JSON
types, absurd sizes (a 50 MB field, 6 000 sections), foreign triggers and
views, and things that are not files at all.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from baocao.constants import DRAFT_SCHEMA_VERSION
from baocao.errors import DraftFileError, DraftVersionError
from baocao.model.serialize import draft_to_dict
from baocao.session import DraftSession
from baocao.storage import open_draft, save_draft
from baocao.storage.draftfile import DraftFile
from baocao.storage.integrity import DraftDamagedError, check_file, salvage

VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
PAGE = 4096


def _sha(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


@pytest.fixture(scope="module")
def good_file(tmp_path_factory) -> Path:
    from baocao.samples import load_sample

    path = tmp_path_factory.mktemp("good") / "tot.baocao"
    save_draft(load_sample(), path)
    return path


# ---------------------------------------------------------------- corpus builders
def _sql(statements: list[str] | str, params: list | None = None) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        pragma = isinstance(statements, str) and statements.startswith("PRAGMA")
        if not pragma:
            conn.execute("BEGIN")
        for statement in [statements] if isinstance(statements, str) else statements:
            if params is not None:
                conn.executemany(statement, params)
            else:
                conn.execute(statement)
        if not pragma:
            conn.execute("COMMIT")
        conn.close()
    return build


def _bytes(transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_bytes(transform(path.read_bytes()))
    return build


def _flip(offset: int, value: int | None = None) -> Callable[[Path], None]:
    def change(data: bytes) -> bytes:
        where = offset if offset >= 0 else len(data) + offset
        new = value if value is not None else data[where] ^ 0xFF
        return data[:where] + bytes([new]) + data[where + 1:]
    return _bytes(change)


def _corpus(size: int) -> dict[str, Callable[[Path], None]]:
    pages = size // PAGE
    rng = random.Random(5)
    cases: dict[str, Callable[[Path], None]] = {}
    for cut in sorted({0, 1, 15, 16, 50, 99, 100, 101, 512, 1024, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE,
                       size // 4, size // 3, size // 2, 2 * size // 3, size - PAGE, size - 100, size - 1}):
        cases[f"cat-{cut}"] = _bytes(lambda d, c=cut: d[:c])
    for i in range(4):
        cases[f"ngau-nhien-{i}"] = _bytes(lambda d, i=i: random.Random(i).randbytes(random.Random(i).randint(1, 3 * PAGE)))
    cases["sqlite-roi-ngau-nhien"] = _bytes(lambda d: d[:100] + random.Random(9).randbytes(len(d) - 100))
    for page in range(1, min(pages, 14)):
        cases[f"lat-trang-{page}"] = _flip(page * PAGE, 0x77)          # btree page type byte
    cases["lat-trang-goc"] = _flip(100, 0x77)                             # page 1's btree header
    cases["co-trang-sai"] = _flip(16, 0x03)                               # page size not a power of two
    cases["phien-ban-ghi-sai"] = _flip(18, 0x09)                          # unknown write format
    cases["phien-ban-doc-sai"] = _flip(19, 0x09)                          # unknown read format
    cases["ti-le-payload-sai"] = _flip(21, 0x10)
    cases["so-trang-lon"] = _flip(31, 0xFF)                               # header says more pages than there are
    cases["ma-ung-dung-khac"] = _sql("PRAGMA application_id = 1234")
    cases["khong-ma-ung-dung"] = _sql("PRAGMA application_id = 0")
    cases["phien-ban-0"] = _sql("PRAGMA user_version = 0")
    cases["phien-ban-moi-hon"] = _sql(f"PRAGMA user_version = {DRAFT_SCHEMA_VERSION + 1}")
    cases["phien-ban-am"] = _sql("PRAGMA user_version = -1")
    for table in ("info", "meta", "sections", "tables_data", "history", "history_blobs"):
        cases[f"thieu-bang-{table}"] = _sql(f"DROP TABLE {table}")
    cases["thieu-cot"] = _sql(["CREATE TABLE s2(section_id TEXT PRIMARY KEY, status TEXT, body TEXT)",
                               "DROP TABLE sections", "ALTER TABLE s2 RENAME TO sections"])
    cases["bang-la-view"] = _sql(["DROP TABLE meta", "CREATE VIEW meta AS SELECT 1 AS id, '{}' AS data"])
    cases["co-trigger"] = _sql("CREATE TRIGGER xoa AFTER UPDATE ON sections BEGIN DELETE FROM meta; END")
    cases["than-khong-phai-json"] = _sql("UPDATE sections SET body = '{không phải json'")
    cases["than-la-dict"] = _sql("UPDATE sections SET body = '{\"a\": 1}'")
    cases["than-la-so"] = _sql("UPDATE sections SET body = '[1, 2, 3]'")
    cases["than-long-sau"] = _sql("UPDATE sections SET body = ? WHERE rowid = 1", [("[" * 200_000 + "]" * 200_000,)])
    cases["chu-thich-sai"] = _sql("UPDATE sections SET body = '[{\"content\": [{\"note\": 5}]}]'")
    cases["doan-sai-kieu"] = _sql("UPDATE sections SET body = '[{\"content\": [{\"text\": 12}]}]'")
    cases["truong-khong-phai-json"] = _sql("UPDATE sections SET fields = 'abc'")
    cases["meta-la-list"] = _sql("UPDATE meta SET data = '[]'")
    cases["meta-ngay-sai"] = _sql("UPDATE meta SET data = '{\"issue_date\": \"2021-13-45\"}'")
    cases["meta-ky-sai"] = _sql("UPDATE meta SET data = '{\"period\": {\"kind\": \"mua-thu\"}}'")
    cases["bang-la-dict"] = _sql("UPDATE tables_data SET rows = '{\"a\": 1}'")
    cases["bang-dong-la-so"] = _sql("UPDATE tables_data SET rows = '[1, 2]'")
    cases["mau-la-blob"] = _sql("UPDATE info SET value = x'00ff' WHERE key = 'template_id'")
    cases["utf8-hong"] = _sql("UPDATE sections SET body = CAST(x'5b22ff22fe5d' AS TEXT)")
    cases["than-la-blob-hong"] = _sql("UPDATE sections SET body = x'5bffff5d'")
    cases["truong-50mb"] = _sql("UPDATE sections SET body = '[{\"content\":[{\"text\":\"' || "
                                "replace(hex(zeroblob(25000000)), '00', 'ab') || '\"}]}]' WHERE rowid = 1")
    cases["6000-muc"] = _sql("INSERT INTO sections(section_id, position, status, body, fields, updated_at) "
                             "VALUES (?, 0, 'trong', '[]', '{}', '')", [(f"muc-{i}",) for i in range(6000)])
    del rng
    return cases


def _not_a_file_cases(folder: Path) -> dict[str, Path]:
    cases = {}
    directory = folder / "thu-muc.baocao"
    directory.mkdir()
    cases["thu-muc"] = directory
    word = folder / "word.baocao"
    word.write_bytes(b"PK\x03\x04" + bytes(300))
    cases["tep-word"] = word
    utf16 = folder / "utf16.baocao"
    utf16.write_bytes("Báo cáo 6 tháng".encode("utf-16"))
    cases["van-ban-utf16"] = utf16
    if hasattr(os, "mkfifo"):
        fifo = folder / "ong.baocao"
        os.mkfifo(fifo)
        cases["ong-dan"] = fifo
    cases["khong-ton-tai"] = folder / "khong-co.baocao"
    return cases


class _Timeout(Exception):
    pass


def _guarded(call: Callable[[], object], seconds: int = 20) -> object:
    """Run *call*, failing (not hanging) after *seconds*."""
    def alarm(*_: object) -> None:
        raise _Timeout()
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return call()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _assert_clear_refusal(path: Path, opener: Callable[[Path], object]) -> DraftFileError:
    with pytest.raises(DraftFileError) as info:
        _guarded(lambda: opener(path))
    error = info.value
    assert error.message and error.hint
    assert VIETNAMESE & set(error.message.lower()), error.message
    assert "Traceback" not in error.user_text()
    return error


def _open_session(path: Path) -> object:
    session = DraftSession.open(path, threaded=False)
    session.close()
    return session


# ---------------------------------------------------------------- tests
def test_corpus_is_large_enough(good_file):
    assert len(_corpus(good_file.stat().st_size)) + 4 >= 50


def test_every_damaged_or_hostile_file_is_refused_clearly_and_left_untouched(good_file, tmp_path):
    refused = 0
    for name, build in _corpus(good_file.stat().st_size).items():
        folder = tmp_path / name
        folder.mkdir()
        path = folder / f"{name}.baocao"
        shutil.copyfile(good_file, path)
        build(path)
        before = _sha(path)
        for opener in (open_draft, _open_session, lambda p: DraftFile.open(p, read_only=True).load()):
            error = _assert_clear_refusal(path, opener)
            assert _sha(path) == before, name
        assert sorted(p.name for p in folder.iterdir()) == [path.name], name   # no journal, no lock left behind
        assert not check_file(path).ok
        if name == "phien-ban-moi-hon":
            assert isinstance(error, DraftVersionError)
        refused += 1
    assert refused >= 46


def test_things_that_are_not_draft_files(tmp_path):
    for name, path in _not_a_file_cases(tmp_path).items():
        before = _sha(path) if path.is_file() else None
        for opener in (open_draft, _open_session):
            _assert_clear_refusal(path, opener)
        if before is not None:
            assert _sha(path) == before, name


def test_random_flips_anywhere_never_crash_or_change_the_file(good_file, tmp_path):
    """A flip inside text may go unnoticed (no checksums in SQLite); it must never crash or hang."""
    data = good_file.read_bytes()
    rng = random.Random(17)
    path = tmp_path / "lat.baocao"
    outcomes = {"refused": 0, "opened": 0}
    for _ in range(40):
        where = rng.randrange(len(data))
        damaged = data[:where] + bytes([data[where] ^ (1 << rng.randrange(8))]) + data[where + 1:]
        path.write_bytes(damaged)
        try:
            _guarded(lambda: open_draft(path))
            outcomes["opened"] += 1
        except DraftFileError as exc:
            assert VIETNAMESE & set(exc.message.lower())
            outcomes["refused"] += 1
        assert path.read_bytes() == damaged
    assert sum(outcomes.values()) == 40


def test_salvage_reads_what_is_left_of_a_damaged_file(good_file, tmp_path):
    path = tmp_path / "hong.baocao"
    shutil.copyfile(good_file, path)
    _flip(100, 0x77)(path)   # page 1 (the schema) is damaged
    with pytest.raises(DraftDamagedError):
        open_draft(path)
    before = _sha(path)
    with pytest.raises(DraftFileError):
        salvage(tmp_path / "khong-co.baocao")
    try:
        salvage(path)          # may rescue something or say it cannot: never crashes, never writes
    except DraftDamagedError:
        pass
    assert _sha(path) == before
    # a less damaged file: one section's page broken, the rest comes back
    other = tmp_path / "hong-mot-phan.baocao"
    shutil.copyfile(good_file, other)
    conn = sqlite3.connect(other)
    conn.execute("UPDATE sections SET body = '{' WHERE section_id = 'uu-diem'")
    conn.commit()
    conn.close()
    rescued, lost = salvage(other)
    good = open_draft(good_file)
    assert "mục uu-diem" in lost
    assert set(rescued.sections) == set(good.sections) - {"uu-diem"}
    assert draft_to_dict(rescued)["tables"] == draft_to_dict(good)["tables"]
