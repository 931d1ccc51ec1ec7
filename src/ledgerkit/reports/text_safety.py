"""Cell text made safe: for a spreadsheet opening a CSV (no formula injection) and for a
terminal showing a message (no escape sequences, no bidi tricks).
"""

from __future__ import annotations

import re
from typing import Any

#: first characters that make a spreadsheet treat a CSV cell as a formula (OWASP)
INJECTION_CHARS = ("=", "+", "-", "@", "\t", "\r")
# Text that is just a plain number cannot run anything; it keeps its sign.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def neutralize(text: str) -> str:
    """Make one text cell safe for CSV: prefix ``'`` when it could start a formula.

    Text that is only a plain number (``-5``, ``+1.5e3``) is left alone.

    Examples:
        >>> neutralize("=HYPERLINK(\\"http://x\\")")
        '\\'=HYPERLINK("http://x")'
        >>> neutralize("-5"), neutralize("-5+cmd|' /C calc'!A0"), neutralize("山田")
        ('-5', "'-5+cmd|' /C calc'!A0", '山田')
    """
    if text and text[0] in INJECTION_CHARS and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


# Characters a terminal acts on instead of showing: C0/C1 controls (ESC starts colour,
# title and clipboard sequences) and the bidirectional overrides that reorder what is shown.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: Any) -> str:
    """``text`` made safe to print on a terminal: control and bidi characters shown escaped.

    A cell's text reaches the terminal in messages; ``ESC`` in it would start an escape
    sequence (colours, window title, clipboard) and U+202E would show ``exe.jpg`` as
    ``gpj.exe``. Tabs and line ends stay.

    Examples:
        >>> print(terminal_safe(chr(27) + "[31m red"), terminal_safe("abc" + chr(0x202E) + "gpj.exe"))
        \\x1b[31m red abc\\u202egpj.exe
    """
    text = str(text)
    if not _TERMINAL_UNSAFE.search(text):
        return text
    return _TERMINAL_UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def terminal_line(text: Any) -> str:
    """``text`` as one terminal line: :func:`terminal_safe`, and line breaks shown as ``\\n``
    (a cell or a file name with a line break in it must not forge the next line).

    Examples:
        >>> print(terminal_line("a.xlsx: ok\\nError: forged"))
        a.xlsx: ok\\nError: forged
    """
    text = terminal_safe(text)
    if "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text
