"""Regenerate the golden digests of the exported .docx files (tests/fixtures/golden/).

    python tests/make_golden.py            # rewrite the fixtures from the working copy
    python tests/make_golden.py --check    # only compare, exit 1 on a difference

Three inputs, built deterministically: the bundled sample draft, a blank draft of the
half-year pack (fixed province, period and date) and the large benchmark report
(bench/large_report.py with its synthetic pack).  Each one is exported by the real
command (``python -m baocao export``, a separate process); the fixture stores the
SHA-256 of every part of the .docx zip (part contents, not the zip bytes: zip
timestamps may vary; the export time in docProps/core.xml is blanked).  Run this
after a change that is meant to change the output (and say so in the commit);
``tests/test_golden_docx.py`` fails on any other change.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
CASES = ("sample", "blank", "large")

if str(ROOT / "bench") not in sys.path:
    sys.path.insert(0, str(ROOT / "bench"))
from proc_timing import put_source_on_path  # noqa: E402

put_source_on_path(__name__)


_TIMESTAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def part_digests(docx: Path) -> dict[str, str]:
    """SHA-256 of every part of *docx*, by part name (sorted).

    The export time in docProps/core.xml (dcterms:created/modified) is blanked first.
    """
    with zipfile.ZipFile(docx) as archive:
        return {name: hashlib.sha256(_TIMESTAMP.sub(rb"\1\2", archive.read(name))).hexdigest()
                for name in sorted(archive.namelist())}


def _blank_draft():
    from baocao.model.draft import Draft, Period, ReportMeta

    return Draft(template_id="bao-cao-6-thang", meta=ReportMeta(
        locality="tỉnh Đắk Nông", place="Đắk Nông", period=Period(year=2021), issue_date=date(2021, 7, 5)))


def _inputs(folder: Path) -> dict[str, tuple[Path, dict[str, str]]]:
    """Write the three drafts into *folder*; return {case: (draft path, extra environment)}."""
    import large_report
    from baocao.samples import sample_path
    from baocao.storage import save_draft

    blank = folder / "blank.baocao"
    save_draft(_blank_draft(), blank)
    packs = folder / "packs"
    large_report.write_pack(packs)
    large = folder / "large.baocao"
    save_draft(large_report.build_draft(), large)
    return {"sample": (Path(sample_path()), {}), "blank": (blank, {}),
            "large": (large, {"BAOCAO_TEMPLATES": str(packs)})}


def export_digests(folder: Path) -> dict[str, dict[str, str]]:
    """Export every case with the real CLI into *folder*; return {case: part digests}."""
    result = {}
    env_base = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "desktop"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    for case, (draft, env) in _inputs(folder).items():
        out = folder / f"{case}.docx"
        done = subprocess.run([sys.executable, "-m", "baocao", "export", str(draft), "-o", str(out),
                               "--incomplete", "--force"], env={**env_base, **env},
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"export of {case} failed: {done.stderr}")
        result[case] = part_digests(out)
    return result


def golden_path(case: str) -> Path:
    """The fixture file of *case*."""
    return GOLDEN / f"{case}.json"


def load_golden(case: str) -> dict[str, str]:
    """The stored part digests of *case*."""
    return json.loads(golden_path(case).read_text(encoding="utf-8"))["parts"]


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with --check compare) the golden digests."""
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        digests = export_digests(Path(tmp))
    differ = 0
    for case, parts in digests.items():
        if check:
            old = load_golden(case)
            changed = sorted(n for n in set(old) | set(parts) if old.get(n) != parts.get(n))
            if changed:
                differ += 1
                print(f"{case}: differs in {', '.join(changed)}")
            continue
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden_path(case).write_text(json.dumps(
            {"case": case, "generated": date.today().isoformat(), "parts": parts},
            indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{case}: {len(parts)} parts → {golden_path(case).relative_to(ROOT)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
