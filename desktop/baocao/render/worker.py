"""Render a pack that is being edited in a separate process that can be stopped.

The pack editor previews templates the maintainer is typing: a runaway loop
or a huge string must not freeze the window.  ``render_in_worker`` writes the
pack's texts into a temporary folder inside a child process, checks the pack
there (load + render every section) and renders the chosen draft to HTML.
The child has ``WORKER_TIME_LIMIT_S`` seconds and, on POSIX, an address-space
limit; past them it is killed and the caller gets a Vietnamese error.  The
render budget of the sandbox still applies inside the child.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, TemplateError
from ..template import limits


@dataclass
class ErrorInfo:
    """A pack error as plain data (crosses the process boundary)."""

    message: str
    hint: str = ""
    file: str | None = None
    section: str | None = None
    line: int | None = None
    column: int | None = None

    def to_error(self) -> TemplateError:
        """Back to a TemplateError."""
        return TemplateError(self.message, self.hint, Location(self.file, self.section, self.line, self.column))


@dataclass
class WorkerResult:
    """What the child sends back: the preview (when the pack works) and the pack's errors."""

    html: str | None = None
    errors: list[ErrorInfo] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)   # (section id, heading text)


def _info(exc: Any, root: Path) -> ErrorInfo:
    location = exc.location
    file = location.file
    if file:
        try:
            file = Path(file).relative_to(root).as_posix()
        except ValueError:
            file = Path(file).name if Path(file).is_absolute() else file
    return ErrorInfo(exc.message, exc.hint, file, location.section, location.line, location.column)


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit and the sandbox's size limits still hold
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limits.WORKER_MEMORY_BYTES, limits.WORKER_MEMORY_BYTES))
    except (ValueError, OSError):
        pass


def work(files: dict[str, str], draft: Any) -> WorkerResult:
    """In-process body of the worker: check the pack made of *files* and render *draft* (or the filled sample)."""
    from ..errors import BaocaoError
    from ..template.manifest import load_manifest
    from ..template.validate import filled_draft, render_errors
    from ..writers.html import document_to_html
    from .renderer import Renderer

    with tempfile.TemporaryDirectory(prefix="baocao-xem-mau-") as folder:
        root = Path(folder) / "mau"
        for name, text in files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            pack = load_manifest(root)
        except BaocaoError as exc:
            return WorkerResult(None, [_info(exc, root)])
        errors = [_info(e, root) for e in render_errors(pack)]
        target_draft = draft if draft is not None else filled_draft(pack)
        try:
            document = Renderer(pack).render(target_draft)
        except BaocaoError as exc:
            extra = _info(exc, root)
            if not any((e.file, e.line, e.message) == (extra.file, extra.line, extra.message) for e in errors):
                errors.append(extra)
            return WorkerResult(None, errors)
        headings = [(h.section_id or "", h.display_text()) for h in document.headings()]
        return WorkerResult(document_to_html(document), errors, headings)


def _child(conn: Any, files: dict[str, str], draft: Any) -> None:
    _limit_memory()
    try:
        result = work(files, draft)
    except MemoryError:
        result = WorkerResult(None, [ErrorInfo("Mẫu báo cáo dùng quá nhiều bộ nhớ khi điền dữ liệu.",
                                               "Mẫu có phép tính hoặc vòng lặp quá lớn; hãy sửa mẫu.")])
    except Exception as exc:  # noqa: BLE001 - everything the child meets goes back as a message
        result = WorkerResult(None, [ErrorInfo(f"Lỗi ngoài dự kiến khi điền mẫu: {type(exc).__name__}: {exc}.",
                                               "Hãy báo cho người phụ trách kỹ thuật.")])
    conn.send(result)
    conn.close()


def render_in_worker(files: dict[str, str], draft: Any = None,
                     timeout: float = limits.WORKER_TIME_LIMIT_S) -> WorkerResult:
    """Check and render the pack made of *files* (name → text) in a child process, killed after *timeout*."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, files, draft), daemon=True)
    process.start()
    child.close()
    try:
        if parent.poll(timeout):
            try:
                return parent.recv()
            except (EOFError, OSError):
                pass
            return WorkerResult(None, [ErrorInfo("Tiến trình điền mẫu dừng bất thường (có thể do hết bộ nhớ).",
                                                 "Mẫu có phép tính hoặc vòng lặp quá lớn; hãy sửa mẫu.")])
        return WorkerResult(None, [ErrorInfo(
            f"Mẫu báo cáo chạy quá {timeout:g} giây nên đã bị dừng.",
            "Mẫu có vòng lặp không dừng hoặc quá lớn; hãy sửa mẫu rồi xem lại.")])
    finally:
        if process.is_alive():
            process.kill()
        process.join(2)
        parent.close()


def pack_texts(root: Path) -> dict[str, str]:
    """The text files of pack *root* (name → text), links refused — what the editor works on."""
    from ..template.pack_files import read_pack_text
    from ..template.sharing import pack_files

    out: dict[str, str] = {}
    for rel in pack_files(root):
        if rel.suffix.lower() in (".toml", ".j2", ".md", ".txt"):
            out[rel.as_posix()] = read_pack_text(root, rel.as_posix())
    return out


def worker_available() -> bool:
    """False where child processes cannot be started (some frozen builds)."""
    return os.environ.get("BAOCAO_NO_WORKER") != "1"
