"""Who and where we are: user name, computer name, whether a process is alive.

Used by lock files (who has a draft open) and session markers (which
sessions ended without closing).  No Qt; works on Windows and POSIX.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from datetime import datetime, timezone


def current_user() -> str:
    """The login name of the person running baocao ("?" when unknown)."""
    try:
        return getpass.getuser() or "?"
    except Exception:  # noqa: BLE001 - no user database (containers, odd Windows setups)
        return os.environ.get("USERNAME") or os.environ.get("USER") or "?"


def host_name() -> str:
    """This computer's name as other computers on the office network see it."""
    name = os.environ.get("COMPUTERNAME") if sys.platform == "win32" else None
    try:
        return name or socket.gethostname() or "?"
    except OSError:
        return "?"


def now_utc() -> datetime:
    """The current time, UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def parse_time(text: object) -> datetime | None:
    """Read an ISO time written by ``now_utc().isoformat()`` (None when unreadable)."""
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def local_time_text(value: datetime | None) -> str:
    """"14:05 ngày 12/6/2025" in local time ("không rõ" when missing)."""
    if value is None:
        return "không rõ thời điểm"
    local = value.astimezone()
    return f"{local:%H:%M} ngày {local.day}/{local.month}/{local.year}"


def pid_alive(pid: int) -> bool:
    """True when a process with *pid* exists on this computer (errs towards True)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True   # exists, belongs to someone else
    except OSError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A killed child not yet reaped still answers kill(pid, 0): it is dead for our purposes."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return False
    end = stat.rfind(b")")
    return end > 0 and stat[end + 2:end + 3] == b"Z"


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    process_query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: exists, not ours
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
