"""The versions a reviewer can compare with or export against: the file's history and the sample's versions.

One list for the compare view, «Xuất bản so sánh» and the history dialog, so that
all of them offer the same versions under the same, distinguishable labels (two
saves in the same minute differ by their seconds, or by «(2)»).  No Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.draft import Draft
from .seeds import SeedVersion
from .store import local_time_text

#: the kind of a sample version in ``VersionChoice.kind``
SEED_KIND = "seed"
SEED_LABEL = "{name} — {author}, {when} (phiên bản của bản mẫu)"
REPEAT_LABEL = "{label} ({n})"
#: how many of the newest versions are compared with the current text to choose the default
DEFAULT_LOOKS = 6


@dataclass(frozen=True)
class VersionChoice:
    """One version to choose: its key (a history id, or a sample key "m1"), label and kind."""

    key: Any
    label: str
    kind: str


def _with_seconds(info: Any) -> str:
    """The history label of *info* with the time to the second ("Lưu — 04:53:07 ngày 2/12/2026")."""
    label = info.label()
    if info.created_at is None:
        return label
    local = info.created_at.astimezone()
    return label.replace(f"{local:%H:%M}", f"{local:%H:%M:%S}", 1)


def unique_labels(labels: list[str]) -> list[str]:
    """*labels* with repeats told apart: the second «X» becomes «X (2)», the third «X (3)» …"""
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        out.append(label if seen[label] == 1 else REPEAT_LABEL.format(label=label, n=seen[label]))
    return out


def version_choices(versions: list[Any], seeds: list[SeedVersion]) -> list[VersionChoice]:
    """The file's versions (newest first, as ``DraftSession.versions``), then the sample's (newest first).

    A label shared by two history versions shows seconds; a label still shared gets «(2)».
    """
    labels = [v.label() for v in versions]
    repeated = {label for label, n in Counter(labels).items() if n > 1}
    labels = [_with_seconds(v) if label in repeated else label for v, label in zip(versions, labels)]
    choices = [(v.id, label, v.kind) for v, label in zip(versions, labels)]
    choices += [(seed.key, SEED_LABEL.format(name=seed.name, author=seed.author, when=local_time_text(seed.at)),
                 SEED_KIND) for seed in reversed(seeds)]
    unique = unique_labels([label for _key, label, _kind in choices])
    return [VersionChoice(key, label, kind) for (key, _l, kind), label in zip(choices, unique)]


def same_text(old: Draft, new: Draft) -> bool:
    """True when the compare view would say «Hai bản giống nhau» (sections, notes, fields, tables)."""
    from .compare import compare_drafts

    return len(compare_drafts(old, new, list(new.sections))) == 0


def default_index(choices: list[VersionChoice], load: Callable[[Any], Draft], current: Draft) -> int:
    """The newest choice whose text differs from *current* (the one the reviewer wants to see), else 0.

    Only the ``DEFAULT_LOOKS`` newest are loaded; a version that cannot be read is skipped.
    """
    from ..errors import BaocaoError

    for n, choice in enumerate(choices[:DEFAULT_LOOKS]):
        try:
            if not same_text(load(choice.key), current):
                return n
        except BaocaoError:
            continue
    return 0


__all__ = ["SEED_KIND", "VersionChoice", "default_index", "same_text", "unique_labels", "version_choices"]
