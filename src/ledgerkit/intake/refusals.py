"""Refusing a file with one clear line: every ``UnreadableFileError.code`` ledgerkit uses,
and the reason from the message catalogue, in Japanese or English.
"""

from __future__ import annotations

from ledgerkit.core import messages
from ledgerkit.core.errors import UnreadableFileError

#: every ``UnreadableFileError.code`` ledgerkit uses, with the message key for each
REFUSAL_CODES = (
    "not_found",
    "io_error",
    "too_large",
    "not_a_spreadsheet",
    "encrypted",
    "truncated",
    "corrupt",
    "bad_encoding",
    "zip_bomb",
    "too_many_cells",
    "unsupported",
    "timeout",
    "out_of_memory",
    "crashed",
)


def _refuse(path, code: str, key: str, lang: str = "ja", **params) -> UnreadableFileError:
    """An ``UnreadableFileError`` whose reason comes from the message catalogue.

    The catalogue key and parameters stay on the error (``message_key``, ``params``) so
    that the same reason can be shown in the other language with
    :func:`unreadable_message`.
    """
    err = UnreadableFileError(path, code, messages.text(key, lang, **params))
    err.message_key = key
    err.params = params
    return err


def unreadable_message(err: UnreadableFileError, lang: str = "ja") -> str:
    """The reason of ``err`` in ``lang`` (``ja`` or ``en``), one line, without the path.

    Examples:
        >>> e = _refuse("a.xlsx", "encrypted", "file_encrypted")
        >>> unreadable_message(e, "en")
        'encrypted: save it without a password'
    """
    key = getattr(err, "message_key", None)
    if key:
        return messages.text(key, lang, **getattr(err, "params", {}))
    return err.reason


def _line(e: BaseException, limit: int = 120) -> str:
    return " ".join(str(e).split())[:limit]
