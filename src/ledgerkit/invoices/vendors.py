"""One identity per vendor across every list read: :func:`vendor_identity`."""

from __future__ import annotations

from typing import Any

from ledgerkit.parse.codes import is_registration_no_format

__all__ = ["vendor_identity"]


def vendor_identity(frame) -> "Any":
    """One key per vendor: the 登録番号 when the vendor has one anywhere, else the name key.

    A vendor written with its number on one list and without it on another still gets
    one identity, through the name key both share.
    """
    import pandas as pd

    reg_by_name: dict[str, str] = {}
    for key, reg in zip(frame["vendor_key"], frame["registration_no"]):
        if key and reg and is_registration_no_format(reg):
            reg_by_name.setdefault(key, reg)
    out = []
    for key, reg in zip(frame["vendor_key"], frame["registration_no"]):
        if reg and is_registration_no_format(reg):
            out.append(reg)
        elif key in reg_by_name:
            out.append(reg_by_name[key])
        else:
            out.append(f"name:{key}")
    return pd.Series(out, index=frame.index, dtype=object)
