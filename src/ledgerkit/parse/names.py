"""Company names: legal forms in every spelling (``株式会社``, ``(株)``, ``㈱``, ``Co., Ltd.``, ``カ)``) and a matching key.

Examples:
    >>> split_legal_form("㈱アルファ"), vendor_key("アルファ　株式会社")
    (('株式会社', 'アルファ'), 'アルファ')
"""

from __future__ import annotations

import re

from ledgerkit.parse.text import normalize_text

__all__ = ["split_legal_form", "vendor_key"]


# --- company names --------------------------------------------------------------------

# (canonical legal form, spellings after NFKC). Longer spellings are tried first.
_LEGAL_FORMS: list[tuple[str, tuple[str, ...]]] = [
    ("株式会社", ("株式会社", "(株)", "カブシキガイシャ", "カブシキカイシャ", "(カ)")),
    ("有限会社", ("有限会社", "(有)", "ユウゲンガイシャ", "(ユ)")),
    ("合同会社", ("合同会社", "(同)", "ゴウドウガイシャ", "(ド)")),
    ("合資会社", ("合資会社", "(資)", "(シ)")),
    ("合名会社", ("合名会社", "(名)", "(メ)")),
    ("相互会社", ("相互会社", "(相)")),
    ("一般社団法人", ("一般社団法人", "(一社)")),
    ("公益社団法人", ("公益社団法人", "(公社)")),
    ("一般財団法人", ("一般財団法人", "(一財)")),
    ("公益財団法人", ("公益財団法人", "(公財)")),
    ("社団法人", ("社団法人", "(社)")),
    ("財団法人", ("財団法人", "(財)")),
    ("特定非営利活動法人", ("特定非営利活動法人", "NPO法人", "(特非)", "(NPO)")),
    ("医療法人社団", ("医療法人社団",)),
    ("医療法人財団", ("医療法人財団",)),
    ("医療法人", ("医療法人", "(医)")),
    ("学校法人", ("学校法人", "(学)")),
    ("社会福祉法人", ("社会福祉法人", "(福)")),
    ("宗教法人", ("宗教法人", "(宗)")),
    ("独立行政法人", ("独立行政法人", "(独)")),
    ("国立大学法人", ("国立大学法人",)),
    ("弁護士法人", ("弁護士法人", "(弁)")),
    ("税理士法人", ("税理士法人", "(税)")),
    ("司法書士法人", ("司法書士法人",)),
    ("行政書士法人", ("行政書士法人",)),
    ("社会保険労務士法人", ("社会保険労務士法人",)),
    ("監査法人", ("監査法人",)),
    ("協同組合", ("協同組合", "(協)")),
    ("有限責任事業組合", ("有限責任事業組合", "LLP")),
]
# Bank-transfer kana (DOMAIN §7): 株式会社 at the start 'カ)', at the end '(カ'.
_KANA_PREFIX = {"カ)": "株式会社", "ユ)": "有限会社", "ド)": "合同会社", "シ)": "合資会社", "メ)": "合名会社", "イ)": "医療法人"}
_KANA_SUFFIX = {"(カ": "株式会社", "(ユ": "有限会社", "(ド": "合同会社", "(シ": "合資会社", "(メ": "合名会社", "(イ": "医療法人"}
# English forms, at the end only, after a space or comma.
_ENGLISH_FORM_RE = re.compile(
    r"(?:^|[\s,]+)(co\.?,?\s*ltd\.?|company\s+limited|k\.\s?k\.?|kk|inc\.?|incorporated|corp\.?|corporation"
    r"|g\.\s?k\.?|llc|y\.\s?k\.?|ltd\.?|limited)$",
    re.I,
)

# How a company is addressed, not its name: 'アルファ株式会社 御中', '山田商店 様'
_HONORIFIC_RE = re.compile(r"(?:\s*御中|\s+(?:様|殿))$")

_FORM_SPELLINGS = sorted(
    ((sp, canon) for canon, sps in _LEGAL_FORMS for sp in sps), key=lambda p: -len(p[0])
)


def split_legal_form(name: object) -> tuple[str | None, str]:
    """Split a company name into (legal form, the rest), front or back.

    The legal form comes back in full (``株式会社``) whichever spelling was used
    (``(株)``, ``㈱``, ``㍿``, ``KK``, ``Co., Ltd.``, ``Inc.``, bank kana ``カ)``).
    A trailing ``御中`` (or `` 様``/`` 殿`` after a space) is how the company is addressed
    and is dropped.

    Examples:
        >>> split_legal_form("㈱アルファ")
        ('株式会社', 'アルファ')
        >>> split_legal_form("アルファ　株式会社")
        ('株式会社', 'アルファ')
        >>> split_legal_form("Alpha Co., Ltd.")
        ('株式会社', 'Alpha')
        >>> split_legal_form("山田商店")
        (None, '山田商店')
    """
    s = _HONORIFIC_RE.sub("", normalize_text(name))
    if not s:
        return None, ""
    for sp, canon in _FORM_SPELLINGS:
        if s.startswith(sp):
            core = s[len(sp):].strip(" ・,")
            if core:
                return canon, core
        if s.endswith(sp):
            core = s[: -len(sp)].strip(" ・,")
            if core:
                return canon, core
    for table, at_start in ((_KANA_PREFIX, True), (_KANA_SUFFIX, False)):
        for sp, canon in table.items():
            if (s.startswith(sp) if at_start else s.endswith(sp)) and len(s) > len(sp):
                core = (s[len(sp):] if at_start else s[: -len(sp)]).strip(" ・,")
                if core:
                    return canon, core
    m = _ENGLISH_FORM_RE.search(s)
    if m and m.start() > 0:
        word = m.group(1).lower()
        # G.K. and LLC are 合同会社, Y.K. is 有限会社; the rest are the English of 株式会社
        canon = "合同会社" if word[0] == "g" or word == "llc" else "有限会社" if word[0] == "y" else "株式会社"
        core = s[: m.start()].strip(" ・,")
        if core:
            return canon, core
    return None, s


_KEY_DROP = str.maketrans({" ": None, "・": None})


def vendor_key(name: object) -> str:
    """A key for matching vendor names: NFKC, legal form removed, no spaces or ``・``,
    case-folded.

    Examples:
        >>> {vendor_key(n) for n in ["株式会社アルファ", "(株)アルファ", "アルファ株式会社", "ｱﾙﾌｧ(株)", "アルファ　㈱"]}
        {'アルファ'}
        >>> vendor_key("Alpha Systems, Inc.")
        'alphasystems'
    """
    return split_legal_form(name)[1].translate(_KEY_DROP).casefold()
