"""Helpers for the durability tests (and bench/bench_crash.py).

* ``scripted_edit``: a deterministic stream of edits (typing, figures,
  statuses, metadata, tables) driven by a ``random.Random``;
* ``replay_hashes``: the draft's fingerprint after each edit of a script;
* the crash child — ``python tests/durability_support.py crash-child PATH SEED N`` —
  opens PATH through ``DraftSession`` (the window's code path), applies the
  script, autosaves in irregular bursts and prints ``ACK <counter>`` once
  ``autosave_status().saved_counter`` says those edits are on disk;
* ``run_crash_round``: start a child, SIGKILL it at a random moment, and
  check the file (integrity, loads, holds every acknowledged edit);
* ``dead_pid``: the pid of a process that has exited (for fake crashed sessions);
* ``foreign_lock``: a lock file as another user's baocao on another PC writes it.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve()

_WORDS = ("Ủy ban", "nhân dân", "tỉnh", "chỉ đạo", "điều hành", "kinh tế", "xã hội", "nhiệm vụ", "hoàn thành",
          "Quyết định số 42/2014/QĐ-TTg", "đúng hạn", "quá hạn", "Công văn số 2515/UBND-KTTH", "đạt", "1.428 tỷ đồng")


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 12)))


def scripted_edit(draft, rng: random.Random):
    """The next edit of a script: mostly typing, sometimes figures, statuses, metadata, tables."""
    from baocao.constants import SectionStatus
    from baocao.edits import SetFieldValue, SetMeta, SetSectionBody, SetSectionStatus, SetTableRows
    from baocao.model import Note, Para, Span

    sections = sorted(draft.sections)
    roll = rng.random()
    section_id = rng.choice(sections)
    if roll < 0.6:
        body = copy.deepcopy(draft.sections[section_id].body)
        if body and rng.random() < 0.7:
            i = rng.randrange(len(body))
            text = body[i].plain_text() + " " + _sentence(rng)
            content = [Span(text)]
            if rng.random() < 0.2:
                content.append(Note.of(_sentence(rng)))
            body[i] = Para(content, body[i].kind)
        else:
            body.append(Para.of(_sentence(rng), rng.choice(["text", "dash", "plus"])))
        return SetSectionBody.make(draft, section_id, body, typing=rng.random() < 0.5)
    if roll < 0.75:
        value = rng.choice([rng.randint(0, 3000), _sentence(rng), None, True])
        return SetFieldValue.make(draft, section_id, rng.choice(["tong", "hoan_thanh", "ghi_chu"]), value)
    if roll < 0.85:
        return SetSectionStatus.make(draft, section_id, rng.choice(list(SectionStatus)))
    if roll < 0.92:
        meta = copy.deepcopy(draft.meta)
        meta.number = str(rng.randint(1, 300))
        meta.recipients = meta.recipients[:3] + [_sentence(rng)]
        return SetMeta.make(draft, meta)
    tables = sorted(draft.tables) or ["bang-thu"]
    table_id = rng.choice(tables)
    rows = copy.deepcopy(draft.tables.get(table_id, []))
    rows.append({"van_ban": _sentence(rng), "hoan_thanh": rng.randint(0, 99)})
    return SetTableRows.make(draft, table_id, rows[-40:])


def fingerprint(draft) -> str:
    """A hash of the draft's whole content."""
    from baocao.model.serialize import draft_to_dict

    text = json.dumps(draft_to_dict(draft), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def replay_hashes(base_path: Path, seed: int, count: int) -> list[str]:
    """Fingerprints of the draft in *base_path* after 0, 1, … *count* edits of script *seed*."""
    from baocao.storage import open_draft

    draft = open_draft(base_path)
    rng = random.Random(seed)
    hashes = [fingerprint(draft)]
    for _ in range(count):
        scripted_edit(draft, rng).apply(draft)
        hashes.append(fingerprint(draft))
    return hashes


# ---------------------------------------------------------------- the crash child
def crash_child(path: str, seed: int, count: int) -> None:
    """Apply *count* scripted edits through DraftSession, acknowledging what autosave has put on disk."""
    from baocao.session import DraftSession

    session = DraftSession.open(path)
    edits = random.Random(seed)
    schedule = random.Random(seed + 1)
    print("READY", flush=True)
    burst = schedule.randint(1, 5)
    for _ in range(count):
        session.apply(scripted_edit(session.draft, edits))
        burst -= 1
        if burst > 0:
            continue
        burst = schedule.randint(1, 5)
        roll = schedule.random()
        if roll < 0.05:
            session.save()
        elif roll < 0.07:
            session.save_named_version(f"Phiên bản {session.edit_counter}")
        else:
            session.autosave()
            if schedule.random() < 0.3:   # sometimes keep typing while the writer works
                continue
            session.flush()
        status = session.autosave_status()
        if status.error is not None:
            print(f"ERROR {status.error.message}", flush=True)
        print(f"ACK {status.saved_counter}", flush=True)
    session.autosave()
    session.flush()
    print(f"ACK {session.autosave_status().saved_counter}", flush=True)
    print("DONE", flush=True)
    session.close()


@dataclass
class RoundResult:
    acked: int
    matched: int | None
    done: bool
    integrity: bool
    torn: bool          # the kill left an unfinished transaction (a rollback journal) behind


def run_crash_round(base: Path, work: Path, seed: int, count: int, hashes: list[str], kill_after: float,
                    env: dict[str, str] | None = None) -> RoundResult:
    """One round: copy *base* to *work*, run the child, kill it after *kill_after* s, check the file."""
    from baocao.storage.draftfile import DraftFile

    work.write_bytes(base.read_bytes())
    child = subprocess.Popen([sys.executable, str(HERE), "crash-child", str(work), str(seed), str(count)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    first = child.stdout.readline()
    assert first.strip() == "READY", first + (child.stderr.read() if child.stderr else "")
    time.sleep(kill_after)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    lines = out.splitlines()
    assert not any(line.startswith("ERROR") for line in lines), lines
    acked = max([int(line.split()[1]) for line in lines if line.startswith("ACK ")] or [0])
    done = "DONE" in lines
    torn = work.with_name(work.name + "-journal").exists()
    with DraftFile.open(work) as handle:        # what the app does next: open (rolls back a torn write)
        integrity = handle.integrity_ok()
        found = fingerprint(handle.load())
    matched = next((c for c in range(acked, len(hashes)) if hashes[c] == found), None)
    return RoundResult(acked, matched, done, integrity, torn)


def untitled_child(text: str) -> None:
    """A window's untitled session: type *text*, autosave, say ACK, then wait to be killed."""
    from baocao.edits import SetSectionBody
    from baocao.model import Para
    from baocao.session import DraftSession
    from baocao.template import load_pack

    session = DraftSession.new(load_pack("bao-cao-6-thang"))
    session.apply(SetSectionBody.make(session.draft, "uu-diem", [Para.of(text)], typing=True))
    session.autosave()
    session.flush()
    print(f"ACK {session.autosave_status().saved_counter} {session.session_id}", flush=True)
    time.sleep(60)


def crash_untitled_session(text: str, env: dict[str, str] | None = None) -> str:
    """Run ``untitled_child`` and SIGKILL it once its autosave is acknowledged; returns its session id."""
    child = subprocess.Popen([sys.executable, str(HERE), "untitled-child", text], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    line = child.stdout.readline().split()
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert line[:2] == ["ACK", "1"], line
    return line[2]


def type_into(session, section: str, text: str) -> None:
    """Replace *section*'s body with *text* as one typing edit through the session (as the window does)."""
    from baocao.edits import SetSectionBody
    from baocao.model import Para

    session.apply(SetSectionBody.make(session.draft, section, [Para.of(text)], typing=True))


def fake_crash(session) -> None:
    """Make an in-process session look like one whose process died: stop it without cleaning up."""
    from baocao.storage import recovery

    session._autosaver.close()  # noqa: SLF001 - simulating a crash on purpose
    if session._handle is not None:  # noqa: SLF001
        session._handle.close()  # noqa: SLF001
    gone = dead_pid()
    lock = session._lock  # noqa: SLF001
    paths = [recovery.marker_path(session.session_id)] + ([lock.path] if lock is not None else [])
    for path in paths:
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            data["pid"] = gone
            path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def patch():
    """A MonkeyPatch of its own: ``patch.undo()`` mid-test leaves conftest's patches (private user folders) alone."""
    own = pytest.MonkeyPatch()
    yield own
    own.undo()


def dead_pid() -> int:
    """The pid of a process that has already exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "crash-child":
        crash_child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) == 3 and sys.argv[1] == "untitled-child":
        untitled_child(sys.argv[2])
    else:
        raise SystemExit("usage: durability_support.py crash-child PATH SEED COUNT")


def foreign_lock(draft_path, minutes_ago: float = 1) -> None:
    """Lock *draft_path* as «tranthib» on MAY-TONG-HOP would, last heartbeat *minutes_ago* minutes ago."""
    import os
    from datetime import timedelta

    from baocao.storage.locking import lock_path
    from baocao.storage.proc import now_utc

    when = now_utc() - timedelta(minutes=minutes_ago)
    lock_path(draft_path).write_text(json.dumps({
        "user": "tranthib", "host": "MAY-TONG-HOP", "pid": 999999, "session_id": "phien-khac",
        "since": (when - timedelta(hours=2)).isoformat(), "heartbeat": when.isoformat(), "app": "baocao 0.1.0"}),
        encoding="utf-8")
    stamp = time.time() - minutes_ago * 60      # the file's own time agrees (no heartbeat since)
    os.utime(lock_path(draft_path), (stamp, stamp))
