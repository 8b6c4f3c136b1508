"""Render a pack that is being edited in a separate process that can be stopped.

The pack editor previews templates the maintainer is typing: a runaway loop
or a huge string must not freeze the window.  ``render_in_worker`` writes the
pack's texts into a temporary folder inside a child process, checks the pack
there (load + render every section) and renders the chosen draft to HTML.
The child has ``WORKER_TIME_LIMIT_S`` seconds and, on POSIX, an address-space
limit; past them it is killed and the caller gets a Vietnamese error.  The
render budget of the sandbox still applies inside the child.

The main window's live preview uses ``PreviewWorker``: one long-lived child
that keeps the pack and the preview's parse cache between renders, receives
each draft as pickled bytes and sends back the HTML fragment and what the
window needs of the document (``doc_summary``).  After the first render it is sent only what changed
(``draft_delta.DraftDelta``: the rows the edits touched) and keeps the draft
itself; when it has no draft of that window (just started, or another window
rendered in between) it answers ``resend`` and the window sends the whole
draft.  A render running past ``PREVIEW_KILL_S`` is killed (the child is
started again for the next render) and the message names the template the
child was filling, which it writes into its slot (``current_slot``) before each one.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, TemplateError
from ..writers.html_pieces import join_pieces
from .current_slot import CurrentSlot, SlotWriter
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


def _watched(renderer_class: Any, watch: Any) -> Any:
    """*renderer_class* calling ``watch("section\ttemplate")`` before it fills each template (and a title)."""

    class _Watched(renderer_class):  # type: ignore[misc, valid-type]
        def _blocks(self, template_name, names, ctx, section):  # type: ignore[override]
            watch(f"{section or ''}\t{template_name}")
            return super()._blocks(template_name, names, ctx, section)

        def _text(self, source, names, what, section=None):  # type: ignore[override]
            if "{" in source:
                watch(f"{section or ''}\tmanifest.toml")
            return super()._text(source, names, what, section)

    return _Watched


def work(files: dict[str, str], draft: Any, watch: Any = None) -> WorkerResult:
    """In-process body of the worker: check the pack made of *files* and render *draft* (or the filled sample).

    *watch*: called with ``"section\ttemplate"`` before each template is filled (the parent names it on a timeout).
    """
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
        renderer = _watched(Renderer, watch)(pack) if watch is not None else None
        errors = [_info(e, root) for e in render_errors(pack, renderer)]
        target_draft = draft if draft is not None else filled_draft(pack)
        try:
            document = (renderer or Renderer(pack)).render(target_draft)
        except BaocaoError as exc:
            extra = _info(exc, root)
            if not any((e.file, e.line, e.message) == (extra.file, extra.line, extra.message) for e in errors):
                errors.append(extra)
            return WorkerResult(None, errors)
        headings = [(h.section_id or "", h.display_text()) for h in document.headings()]
        return WorkerResult(document_to_html(document), errors, headings)


def _child(conn: Any, files: dict[str, str], draft: Any, slot_path: str | None = None) -> None:
    _limit_memory()
    try:
        result = work(files, draft, SlotWriter(slot_path).write if slot_path is not None else None)
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
    slot = CurrentSlot()                                     # the child writes there what it is filling
    process = context.Process(target=_child, args=(child, files, draft, slot.path), daemon=True)
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
        return WorkerResult(None, [timeout_error(slot.read(), timeout, files)])
    finally:
        if process.is_alive():
            process.kill()
        process.join(2)
        parent.close()
        slot.close()


WORKER_TIMEOUT = "Mẫu báo cáo chạy quá {seconds:g} giây nên đã bị dừng."
WORKER_TIMEOUT_AT = "Tệp mẫu «{template}» chạy quá {seconds:g} giây nên đã bị dừng."
WORKER_TIMEOUT_HINT = ("Thường do vòng lặp trên một dãy rất lớn (như range(10**9)), các vòng lặp lồng nhau, "
                       "hoặc macro tự gọi lại chính nó. Sửa tệp mẫu đó rồi xem lại.")


def timeout_error(current: str, seconds: float, files: dict[str, str] | None = None) -> ErrorInfo:
    """The error of a worker stopped after *seconds*; *current* is its slot (``"section\ttemplate"``).

    The template is named in the message; the section (and the template, when it is a file of the pack)
    is the error's location, which the pack editor shows before the message and goes to on a double-click.
    """
    section, _tab, template = current.partition("\t")
    if not template:
        return ErrorInfo(WORKER_TIMEOUT.format(seconds=seconds), WORKER_TIMEOUT_HINT)
    in_pack = files is None or template in files          # "_mac-dinh.j2" is the built-in one: no line to go to
    return ErrorInfo(WORKER_TIMEOUT_AT.format(template=template, seconds=seconds),
                     WORKER_TIMEOUT_HINT, template if in_pack else None, section or None)


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


# ---------------------------------------------------------------- the live preview's worker
#: A preview render still running after this many seconds is killed (the sandbox stops most runaways at
#: ``limits.RENDER_TIME_LIMIT_S`` with the template's own location first; this is the backstop).
PREVIEW_KILL_S = 6.0
#: Time the child may take to start (import the renderer) before the first render; not counted in the limit.
PREVIEW_START_S = 60.0

PREVIEW_KILLED = "Mẫu «{template}» chạy quá {seconds:g} giây nên bản xem trước đã dừng."
PREVIEW_KILLED_HINT = ("Mẫu có vòng lặp không dừng hoặc quá lớn: hãy sửa mẫu (Mẫu báo cáo → Quản lý mẫu) hoặc "
                       "chọn mẫu khác. Việc soạn và tự động lưu vẫn chạy bình thường.")
PREVIEW_CRASHED = "Tiến trình dựng bản xem trước dừng bất thường (có thể do hết bộ nhớ) khi điền mẫu «{template}»."
PREVIEW_CRASHED_HINT = "Mẫu có phép tính hoặc vòng lặp quá lớn; hãy sửa mẫu rồi xem lại."
UNKNOWN_TEMPLATE = "không rõ"


@dataclass
class PreviewResult:
    """One preview render, as plain data: the HTML fragment and its document's summary, or the error."""

    request_id: int
    html: str | None = None
    #: what the window needs of the rendered document (``doc_summary.DocumentSummary``), not the document
    summary: Any = None
    error: ErrorInfo | None = None
    render_ms: float = 0.0
    killed: bool = False
    #: the worker holds no draft this delta applies to: send the whole draft again
    resend: bool = False
    #: CPU time the worker spent on it (milliseconds; the benchmark adds it to the window's)
    cpu_ms: float = 0.0
    #: the HTML cut into the preview's pieces (``writers.html_pieces``; unchanged pieces are last time's objects)
    pieces: list[str] | None = None
    #: on the way: the pieces that changed since the last HTML sent (``PiecesSender.delta``), instead of ``html``
    html_delta: Any = None


def _preview_child(conn: Any, slot_path: str) -> None:
    """The preview process: :func:`_preview_loop` until the window hangs up.

    A window that quits (or fails to start) while this process is still starting or sending
    closes the pipe: that is the end of the work, not an error to print on the terminal.
    """
    try:
        _preview_loop(conn, SlotWriter(slot_path))
    except (BrokenPipeError, ConnectionResetError, EOFError):
        return


def _preview_loop(conn: Any, slot: SlotWriter) -> None:
    """The worker's loop: ("pack", pack) keeps the pack; ("render", id, bytes) renders the pickled draft, or
    the draft it holds changed by the pickled ``DraftDelta``; ("early", path) reads and renders a draft
    file before the window asks (``early_preview``), ("early-render", id, key) sends that render."""
    import pickle
    import time as _time

    from ..errors import BaocaoError
    from ..writers.html_pieces import PiecesSender
    from .doc_summary import summarize
    from .draft_delta import DraftDelta, apply_delta
    from .preview_memo import install

    install()                             # this process's draft changes only by whole rows (see preview_memo)
    from ..ui.preview_render import PreviewRenderer
    from ..writers.html import document_to_html

    class _Watched(PreviewRenderer):
        def _blocks(self, template_name, names, ctx, section):  # type: ignore[override]
            slot.write(template_name)
            return super()._blocks(template_name, names, ctx, section)

        def _text(self, source, names, what, section=None):  # type: ignore[override]
            if "{" in source:
                slot.write("manifest.toml")
            return super()._text(source, names, what, section)

    _limit_memory()
    renderer: Any = None
    held: Any = None                      # the draft as the last message left it
    sender = PiecesSender()               # pieces of the last HTML sent (not sent again)
    early: Any = None                     # (key, renderer, draft, document, html) read before being asked
    conn.send(("ready",))                 # imports done: the parent's clock starts with each render
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "pack":
            renderer = _Watched(message[1])
            continue
        if message[0] == "early":
            from .early_preview import early_render

            try:
                early = early_render(message[1], _Watched)
            except Exception:  # noqa: BLE001 - the window renders the usual way then (and reports what fails)
                early = None
            continue
        if message[0] == "early-render":
            _, request_id, key = message
            from .early_preview import fit_shape

            if early is None or early[0] != tuple(key[:3]) or not fit_shape(early[2], key[3]):
                early = None
                conn.send(PreviewResult(request_id, resend=True))
                continue
            _, renderer, held, document, html = early
            early = None
            result = PreviewResult(request_id, None, summarize(document))
            result.html_delta = sender.delta(html)
            del document, html
            try:
                conn.send(result)
            except (OSError, ValueError):
                return
            continue
        early = None                      # the window sent its own draft: the early render is not wanted
        _, request_id, payload = message
        started, started_cpu = _time.perf_counter(), _time.process_time()
        try:
            draft = pickle.loads(payload)
            if isinstance(draft, DraftDelta):
                if held is None or not apply_delta(held, draft):
                    held = None
                    conn.send(PreviewResult(request_id, resend=True))
                    continue
                draft = held
            held = draft
            slot.write("")
            document = renderer.render(draft)
            html = document_to_html(document, standalone=False)
            result = PreviewResult(request_id, None, summarize(document))
            result.html_delta = sender.delta(html)
        except BaocaoError as exc:
            root = renderer.pack.root if renderer is not None else Path(".")
            result = PreviewResult(request_id, error=_info(exc, Path(root)))
        except MemoryError:
            held = None                   # not sure what holds: the window sends everything again
            sender.forget()
            result = PreviewResult(request_id, error=ErrorInfo(
                PREVIEW_CRASHED.format(template=slot.last or UNKNOWN_TEMPLATE),
                PREVIEW_CRASHED_HINT))
        except Exception as exc:  # noqa: BLE001 - everything the child meets goes back as a message
            held = None
            sender.forget()
            result = PreviewResult(request_id, error=ErrorInfo(
                f"Lỗi ngoài dự kiến khi dựng bản xem trước: {type(exc).__name__}: {exc}.",
                "Hãy báo cho người phụ trách kỹ thuật."))
        result.render_ms = (_time.perf_counter() - started) * 1000
        result.cpu_ms = (_time.process_time() - started_cpu) * 1000
        try:
            conn.send(result)
        except (OSError, ValueError):
            return


class PreviewWorker:
    """A long-lived child process rendering drafts for the live preview; killed and restarted on a runaway.

    Not thread-safe: one caller at a time (the window's preview thread holds ``lock``).  The draft goes
    over as pickled bytes made by the caller, so it is copied on the thread that owns it.
    """

    def __init__(self, kill_after_s: float = PREVIEW_KILL_S):
        self.kill_after_s = kill_after_s
        self.lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._conn: Any = None
        self._slot: CurrentSlot | None = None
        self._pack: Any = None
        #: whose draft the child holds (the ``base`` of the last whole draft sent); None: none
        self._base: Any = None
        self._last_pieces: list[str] | None = None      # the pieces of the last HTML received
        self.starts = 0

    def alive(self) -> bool:
        """True while the child process runs."""
        return self._process is not None and self._process.is_alive()

    def start(self) -> None:
        """Start the child if it is not running (costs a process start; renders are fast after that)."""
        if self.alive():
            return
        self.stop()
        self._slot = CurrentSlot()
        parent, child = self._context.Pipe(duplex=True)
        self._process = self._context.Process(target=_preview_child, args=(child, self._slot.path), daemon=True,
                                              name="baocao-xem-truoc")
        self._process.start()
        child.close()
        self._conn, self._pack, self._base = parent, None, None
        self._last_pieces = None
        self.starts += 1
        try:
            ready = parent.poll(PREVIEW_START_S) and parent.recv() == ("ready",)
        except (EOFError, OSError):           # the child died while starting (or the app is quitting)
            ready = False
        if not ready:
            self.stop()
            raise OSError("the preview worker did not start")

    def stop(self) -> None:
        """Kill the child (if any) and forget its state."""
        process, conn, slot = self._process, self._conn, self._slot
        self._process = self._conn = self._pack = self._base = self._slot = None
        self._last_pieces = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(2)
        if slot is not None:
            slot.close()

    def render_early(self, pack: Any, request_id: int, key: Any, base: Any) -> PreviewResult:
        """The render the child made of the draft file before the window asked (``early_preview``).

        *key* is ``(early_key(path), pack id, pack root, draft shape)`` as the window sees its draft (its empty
        sections created since opening are created in the child's copy too); when the child read another file,
        or none, the result says ``resend`` (the window then sends its draft).
        """
        try:
            self.start()
            self._conn.send(("early-render", request_id, key))
            if not self._conn.poll(self.kill_after_s):
                template = self._current() or UNKNOWN_TEMPLATE
                self.stop()
                return PreviewResult(request_id, error=ErrorInfo(
                    PREVIEW_KILLED.format(template=template, seconds=self.kill_after_s), PREVIEW_KILLED_HINT),
                    killed=True)
            result = self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            template = self._current() or UNKNOWN_TEMPLATE
            self.stop()
            return PreviewResult(request_id, error=ErrorInfo(PREVIEW_CRASHED.format(template=template),
                                                             PREVIEW_CRASHED_HINT), killed=True)
        if result.resend:
            return result
        self._pack, self._base = pack, base          # the child renders with an equal pack and holds this draft
        result.pieces = self._last_pieces = join_pieces(result.html_delta, None)
        result.html, result.html_delta = "".join(result.pieces), None
        return result

    def _current(self) -> str:
        try:
            return self._slot.read() if self._slot is not None else ""
        except (OSError, ValueError):
            return ""

    def render(self, pack: Any, request_id: int, payload: bytes, base: Any = None,
               delta: bool = False) -> PreviewResult:
        """Render the pickled draft *payload* with *pack*; waits at most ``kill_after_s`` then kills the child.

        With *delta* the payload is a pickled ``DraftDelta`` for the draft last sent whole with the same
        *base*; when the child holds another draft (or none) nothing is sent and the result says ``resend``.
        """
        try:
            self.start()
            if delta and (base is None or self._base != base):
                return PreviewResult(request_id, resend=True)
            if self._pack is not pack:
                self._conn.send(("pack", pack))
                self._pack = pack
            self._conn.send(("render", request_id, payload))
            self._base = base
            if self._conn.poll(self.kill_after_s):
                result = self._conn.recv()
                if result.resend:
                    self._base = None
                if result.html_delta is not None:
                    try:
                        result.pieces = self._last_pieces = join_pieces(result.html_delta, self._last_pieces)
                    except ValueError:            # out of step (never expected): start again with everything
                        self.stop()
                        return PreviewResult(request_id, resend=True)
                    result.html, result.html_delta = "".join(result.pieces), None
                return result
            template = self._current() or UNKNOWN_TEMPLATE
            self.stop()
            return PreviewResult(request_id, error=ErrorInfo(
                PREVIEW_KILLED.format(template=template, seconds=self.kill_after_s), PREVIEW_KILLED_HINT),
                killed=True)
        except (EOFError, OSError, BrokenPipeError):
            template = self._current() or UNKNOWN_TEMPLATE
            self.stop()
            return PreviewResult(request_id, error=ErrorInfo(PREVIEW_CRASHED.format(template=template),
                                                             PREVIEW_CRASHED_HINT), killed=True)
