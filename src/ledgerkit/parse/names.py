"""Company names: legal forms in every spelling (``株式会社``, ``(株)``, ``㈱``, ``Co., Ltd.``, ``カ)``) and a matching key.

Examples:
    >>> split_legal_form("㈱アルファ"), vendor_key("アルファ　株式会社")
    (('株式会社', 'アルファ'), 'アルファ')
"""

from __future__ import annotations

import re
import unicodedata

from ledgerkit.parse.text import normalize_text

__all__ = ["looks_like_name", "split_legal_form", "vendor_key"]


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


# --- people's names -------------------------------------------------------------------------

#: words that are labels or totals, never a person (氏名 | 合計 | 承認 …)
_NOT_A_NAME = re.compile(
    r"^(?:氏名|名前|担当|担当者|社員|社員番号|所属|部署|合計|小計|総計|計|合計時間|稼働時間|実働|勤務時間|"
    r"出勤日数|稼働日数|残業|休憩|承認|確認|印|作成|作成日|提出日|備考|日付|曜日|年|月|日|"
    r"name|total|sum|date|signature)$",
    re.IGNORECASE,
)
_NAME_CHARS = re.compile(r"^[\w\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff .・･'’\-]+$")


def looks_like_name(value: object) -> bool:
    """Whether a cell can be a person's name: text with letters or kanji/kana, no time, date,
    number, total or label (seen in the wild: ``6 days, 16:30:00`` taken for a person from the
    month total to the right of an empty 氏名 cell).

    Examples:
        >>> looks_like_name("山田 太郎"), looks_like_name("Taro Yamada"), looks_like_name("ｻﾄｳ")
        (True, True, True)
        >>> looks_like_name("6 days, 16:30:00"), looks_like_name("合計"), looks_like_name(168.5)
        (False, False, False)
        >>> looks_like_name("2026年10月"), looks_like_name("承認"), looks_like_name("A-1001"), looks_like_name("")
        (False, False, False, False)
    """
    if not isinstance(value, str):
        return False
    text = unicodedata.normalize("NFKC", value).strip()
    if not text or len(text) > 40 or any(ch.isdigit() for ch in text):
        return False
    if _NOT_A_NAME.match(text.replace(" ", "")):
        return False
    if not _NAME_CHARS.match(text):
        return False
    return any(ch.isalpha() for ch in text)
