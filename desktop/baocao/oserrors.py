"""Vietnamese wording of operating-system errors (no Qt).

``exc.strerror`` is English ("Is a directory", "Permission denied") and would
leak into otherwise Vietnamese messages.  ``os_error_text`` gives a short
Vietnamese phrase instead, meant to be put in brackets after what failed:
``f"Không đọc được tệp «{name}» ({os_error_text(exc)})."``.
"""

from __future__ import annotations

import errno

# Windows error codes (``OSError.winerror``) that say more than the errno Python maps them to.
_WINERROR: dict[int, str] = {
    2: "không tìm thấy tệp",                                              # ERROR_FILE_NOT_FOUND
    3: "không tìm thấy thư mục",                                          # ERROR_PATH_NOT_FOUND
    5: "không có quyền truy cập (tệp hoặc thư mục không cho phép ghi)",   # ERROR_ACCESS_DENIED
    19: "ổ đĩa đang bật chống ghi",                                       # ERROR_WRITE_PROTECT
    21: "ổ đĩa chưa sẵn sàng",                                            # ERROR_NOT_READY
    32: "tệp đang được một chương trình khác sử dụng",                    # ERROR_SHARING_VIOLATION
    33: "một phần tệp đang bị chương trình khác khóa",                    # ERROR_LOCK_VIOLATION
    53: "không tìm thấy đường dẫn mạng",                                  # ERROR_BAD_NETPATH
    59: "lỗi mạng ngoài dự kiến",                                         # ERROR_UNEXP_NET_ERR
    64: "mất kết nối tới ổ mạng",                                         # ERROR_NETNAME_DELETED
    80: "tệp đã có",                                                      # ERROR_FILE_EXISTS
    112: "ổ đĩa đã đầy",                                                  # ERROR_DISK_FULL
    123: "tên tệp hoặc thư mục có ký tự không được phép",                 # ERROR_INVALID_NAME
    183: "tệp hoặc thư mục đã có",                                        # ERROR_ALREADY_EXISTS
    206: "tên tệp hoặc đường dẫn quá dài",                                # ERROR_FILENAME_EXCED_RANGE
    1224: "tệp đang được một chương trình khác mở",                       # ERROR_USER_MAPPED_FILE
}

_ERRNO_NAMES: dict[str, str] = {
    "EISDIR": "là một thư mục",
    "ENOTDIR": "một phần của đường dẫn không phải là thư mục",
    "ENOENT": "không có tệp hoặc thư mục này",
    "EEXIST": "tệp hoặc thư mục đã có",
    "EACCES": "không có quyền truy cập",
    "EPERM": "hệ điều hành không cho phép thao tác này",
    "EROFS": "ổ đĩa chỉ cho phép đọc",
    "ENOSPC": "ổ đĩa đã đầy",
    "EDQUOT": "đã dùng hết dung lượng được cấp trên ổ đĩa",
    "EFBIG": "tệp quá lớn",
    "ENAMETOOLONG": "tên tệp hoặc đường dẫn quá dài",
    "ELOOP": "đường dẫn có liên kết vòng",
    "ENOTEMPTY": "thư mục không trống",
    "EBUSY": "tệp hoặc thiết bị đang bận",
    "ETXTBSY": "tệp đang được sử dụng",
    "EMFILE": "chương trình đang mở quá nhiều tệp",
    "ENFILE": "hệ thống đang mở quá nhiều tệp",
    "EIO": "lỗi đọc/ghi ổ đĩa",
    "ENXIO": "không có thiết bị này",
    "ENODEV": "không có thiết bị này",
    "EXDEV": "không chuyển được tệp sang ổ đĩa khác",
    "EINVAL": "tên hoặc tham số không hợp lệ",
    "ENOMEM": "không đủ bộ nhớ",
    "EAGAIN": "tài nguyên tạm thời không dùng được, hãy thử lại",
    "EINTR": "thao tác bị ngắt giữa chừng",
    "ENOLCK": "không khóa được tệp",
    "ESTALE": "tệp trên ổ mạng không còn dùng được",
    "ETIMEDOUT": "hết thời gian chờ (ổ mạng không phản hồi)",
    "EHOSTDOWN": "máy chủ chứa tệp không hoạt động",
    "EHOSTUNREACH": "không kết nối được tới máy chủ chứa tệp",
    "ENETUNREACH": "không kết nối được mạng",
    "ENOTCONN": "mất kết nối tới ổ mạng",
    "ECONNRESET": "kết nối mạng bị ngắt",
}

#: errno value → Vietnamese phrase (only the names this platform defines).
ERRNO_TEXT: dict[int, str] = {
    getattr(errno, name): text for name, text in _ERRNO_NAMES.items() if hasattr(errno, name)
}

# For OSError subclasses raised without an errno, e.g. ``PermissionError("…")``.
_CLASS_TEXT: tuple[tuple[type[OSError], str], ...] = (
    (IsADirectoryError, _ERRNO_NAMES["EISDIR"]),
    (NotADirectoryError, _ERRNO_NAMES["ENOTDIR"]),
    (FileNotFoundError, _ERRNO_NAMES["ENOENT"]),
    (FileExistsError, _ERRNO_NAMES["EEXIST"]),
    (PermissionError, _ERRNO_NAMES["EACCES"]),
    (TimeoutError, _ERRNO_NAMES["ETIMEDOUT"]),
)

UNKNOWN = "lỗi hệ thống không xác định"


def os_error_text(exc: OSError) -> str:
    """A short Vietnamese phrase for *exc* ("là một thư mục", "ổ đĩa đã đầy" …).

    Windows' ``winerror`` is looked at first (it tells "file in use" from
    "access denied", which share EACCES), then ``errno``, then the exception
    class.  Only an unknown code falls back to the system's own (English) text.
    """
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINERROR:
        return _WINERROR[winerror]
    code = exc.errno
    if isinstance(code, int) and code in ERRNO_TEXT:
        return ERRNO_TEXT[code]
    if code is None:
        for cls, text in _CLASS_TEXT:
            if isinstance(exc, cls):
                return text
    return exc.strerror or str(exc) or UNKNOWN
