"""What the checks find, dumped as JSON — for the "findings unchanged" test (tests/test_checks_unchanged.py).

    python tests/checkspeed_dump.py texts FIXTURE.json.gz   # per-string hits of the stored texts
    python tests/checkspeed_dump.py make-texts OUT.json.gz  # store the texts (sample draft, eval prose)
    python tests/checkspeed_dump.py make-expected           # rewrite tests/fixtures/checkspeed/expected.json.gz

``make-expected`` is for a rule changed *on purpose* (say why in the commit): it runs
``baocao check`` (``--no-cache``) on the large report and dumps the stored texts' hits, with
no machine dictionary and with ``/usr/share/hunspell/vi_VN.dic``.

Run as a separate process so that the machine dictionary (``BAOCAO_VI_DIC``) is read
afresh, exactly as ``baocao check`` reads it.  ``texts`` prints, for every stored text, its
per-string hits without and with a learnt n-gram model (the model is learnt from the
stored sample texts, as bench/eval_checks.py learns it from the sample draft).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from proc_timing import put_source_on_path  # noqa: E402

put_source_on_path(__name__)


def make_texts(out: Path) -> None:
    """Store the texts: every unit of the sample draft, the clean and the seeded evaluation prose."""
    import eval_checks
    from baocao.checks.textunits import draft_units
    from baocao.samples import load_sample
    from baocao.template import load_pack

    draft = load_sample()
    sample = [u.text for u in draft_units(draft, load_pack(draft.template_id))]
    lines = eval_checks.CLEAN.read_text(encoding="utf-8").splitlines()
    seeded, _ = eval_checks.seeded_lines(lines, eval_checks.load_seeds())
    data = {"sample": sample, "eval_clean": lines, "eval_seeded": seeded}
    out.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), mtime=0))


def dump_texts(path: Path) -> dict:
    """Per-string hits of every stored text, without and with the learnt model."""
    from baocao.checks import text_hits
    from baocao.spelling.ngrams import Model

    data = json.loads(gzip.decompress(path.read_bytes()))
    model = Model()
    for text in data["sample"]:
        model.add_text(text)
    out = {}
    for name, texts in data.items():
        out[name] = [[list(h) for h in text_hits(t)] for t in texts]
        out[name + "+model"] = [[list(h) for h in text_hits(t, model=model)] for t in texts]
    return out


def make_expected() -> None:
    """Write the expected outputs of tests/test_checks_unchanged.py from the code as it is now."""
    import os
    import subprocess
    import tempfile

    import large_report
    from baocao.storage import save_draft

    fixtures = ROOT / "tests" / "fixtures" / "checkspeed"
    tmp = Path(tempfile.mkdtemp(prefix="checkspeed-"))
    large_report.write_pack(tmp / "packs")
    save_draft(large_report.build_draft(), tmp / "large.baocao")
    out = {}
    for name, dic in (("nodic", ""), ("sysdic", "/usr/share/hunspell/vi_VN.dic")):
        env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"), BAOCAO_VI_DIC=dic,
                   BAOCAO_TEMPLATES=str(tmp / "packs"), XDG_DATA_HOME=str(tmp / "data"),
                   XDG_CACHE_HOME=str(tmp / "cache"), HOME=str(tmp))
        texts = subprocess.run([sys.executable, __file__, "texts", str(fixtures / "texts.json.gz")], env=env,
                               capture_output=True, text=True, check=True).stdout
        check = [sys.executable, "-m", "baocao", "check", str(tmp / "large.baocao"), "--no-cache"]
        plain = subprocess.run(check, env=env, capture_output=True, text=True)
        as_json = subprocess.run([*check, "--json"], env=env, capture_output=True, text=True)
        out[name] = {"texts": json.loads(texts), "large_text": plain.stdout, "large_json": json.loads(as_json.stdout),
                     "large_status": plain.returncode}
    data = json.dumps(out, ensure_ascii=False).encode("utf-8")
    (fixtures / "expected.json.gz").write_bytes(gzip.compress(data, mtime=0))


def main(argv: list[str]) -> int:
    if argv[0] == "make-expected":
        make_expected()
    elif argv[0] == "make-texts":
        make_texts(Path(argv[1]))
    elif argv[0] == "texts":
        json.dump(dump_texts(Path(argv[1])), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
