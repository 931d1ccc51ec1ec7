"""Written terms (取適法 4条明示 / 下請法 3条書面): what an order must state, from ``ledgerkit/data/*.toml``."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from ledgerkit.core.issues import Issue

__all__ = ["written_terms", "missing_terms"]


def written_terms(version: str = "toriteki_4jo_2026") -> dict:
    """The versioned list of terms an order must state (``ledgerkit/data/<version>.toml``).

    ⚠️ The 2026 item list is unconfirmed (DOMAIN.md §2.2, §8.1): the file says so in its
    ``status`` and each item's ``severity``.

    Examples:
        >>> terms = written_terms()
        >>> [i["id"] for i in terms["items"] if i.get("check", True)][:3]
        ['parties', 'order_date', 'item']
    """
    path = resources.files("ledgerkit").joinpath("data", f"{version}.toml")
    with path.open("rb") as f:
        return tomllib.load(f)


def missing_terms(present: dict[str, Any], terms: dict | None = None) -> list[Issue]:
    """The checked items of ``terms`` for which none of the item's fields has a value.

    ``present`` maps canonical order fields (``vendor``, ``order_date`` ...) to the
    order's values; blank strings and None count as missing.

    Examples:
        >>> [f.params["item"] for f in missing_terms({"vendor": "株式会社アルファ", "order_date": "2026-10-01"})][:2]
        ['給付の内容', '受領期日 (納期)']
    """
    terms = terms or written_terms()
    out = []
    for item in terms["items"]:
        if not item.get("check", True):
            continue
        fields = item["fields"]
        if any(_present(present.get(f)) for f in fields):
            continue
        out.append(
            Issue(
                "term_missing",
                severity=item.get("severity", "error"),
                params={"item": item["label"], "item_en": item.get("label_en", item["id"]), "law": terms.get("short", ""),
                        "coverage": {"ja": "", "en": ""}},
                field=fields[0],
                value="",
                expected=item["label"],
            )
        )
    return out


def _present(v: Any) -> bool:
    if v is None:
        return False
    try:
        import pandas as pd

        if pd.isna(v):
            return False
    except (TypeError, ValueError):
        pass
    return not (isinstance(v, str) and not v.strip())
