"""Who the 取適法 (中小受託取引適正化法, the old 下請法) covers, and how loud its findings are.

The act applies to a 委託 (manufacturing, repair, information products, services, transport)
from a larger business to an SME contractor; an ordinary catalogue purchase from a large
company is not covered (DOMAIN.md §2.2). An order list alone cannot tell: the vendor master
(``[vendors]`` in the config, or a vendor sheet) says ``covered = true|false``, or gives the
vendor's 資本金 / 従業員数 so that :func:`toriteki_covered` can decide against the company's
own (``[company] capital / employees``).

Severity of the written-terms and 60-day findings (:func:`toriteki_severity`): an **error**
for a covered vendor, a **warning** when coverage is unknown (a person should look, but
nothing proves the act applies), **none** for a vendor the act does not cover.
"""

from __future__ import annotations

__all__ = ["COVERED", "NOT_COVERED", "UNKNOWN", "DEALS", "toriteki_covered", "toriteki_severity", "coverage_status"]

COVERED, NOT_COVERED, UNKNOWN = "covered", "not_covered", "unknown"

#: kinds of deal with their own thresholds (DOMAIN.md §2.2 [P3][P7]): capital tests as
#: (buyer above, vendor at most) pairs in yen, and the employee test (buyer above, vendor at most).
#: ``manufacturing``: 製造委託・修理委託, and the 情報成果物 (programs) and 役務 (transport, storage,
#: information processing) the act groups with them; ``services``: other 情報成果物作成委託 and
#: 役務提供委託.
DEALS: dict[str, dict] = {
    "manufacturing": {
        "capital": [(300_000_000, 300_000_000), (10_000_000, 10_000_000)],
        "capital_top": {10_000_000: 300_000_000},
        "employees": (300, 300),
    },
    "services": {
        "capital": [(50_000_000, 50_000_000), (10_000_000, 10_000_000)],
        "capital_top": {10_000_000: 50_000_000},
        "employees": (100, 100),
    },
}


def _capital_test(deal: dict, buyer: int | None, vendor: int | None) -> bool | None:
    if buyer is None or vendor is None:
        return None
    for above, at_most in deal["capital"]:
        top = deal["capital_top"].get(above)
        # buyer ¥10M–¥300M (over 10M, at most 300M) against a vendor of at most ¥10M
        if buyer > above and (top is None or buyer <= top) and vendor <= at_most:
            return True
    return False


def _employee_test(deal: dict, buyer: int | None, vendor: int | None) -> bool | None:
    if buyer is None or vendor is None:
        return None
    above, at_most = deal["employees"]
    return buyer > above and vendor <= at_most


def _one_deal(deal: dict, buyer_capital, buyer_employees, vendor_capital, vendor_employees) -> bool | None:
    tests = [_capital_test(deal, buyer_capital, vendor_capital),
             _employee_test(deal, buyer_employees, vendor_employees)]
    if True in tests:
        return True
    if None in tests:
        return None
    return False


def toriteki_covered(
    *,
    buyer_capital: int | None = None,
    buyer_employees: int | None = None,
    vendor_capital: int | None = None,
    vendor_employees: int | None = None,
    deal: str | None = None,
) -> bool | None:
    """Whether the 取適法 covers orders from the buyer to the vendor: True, False, or None (unknown).

    Covered when the capital test or the employee test holds (DOMAIN.md §2.2):
    manufacturing etc. — buyer capital > ¥300M and vendor ≤ ¥300M, or buyer ¥10M–¥300M and
    vendor ≤ ¥10M; buyer > 300 employees and vendor ≤ 300. Services — > ¥50M vs ≤ ¥50M, or
    ¥10M–¥50M vs ≤ ¥10M; > 100 vs ≤ 100 employees. Not covered when every test can be
    made and none holds; unknown otherwise. ``deal`` ``manufacturing`` or ``services``; None
    decides only where both kinds agree. A figure of None (or 0) is unknown.

    Examples:
        >>> toriteki_covered(buyer_capital=500_000_000, vendor_capital=20_000_000, deal="manufacturing")
        True
        >>> toriteki_covered(buyer_capital=500_000_000, vendor_capital=400_000_000, buyer_employees=1000,
        ...                  vendor_employees=2000)
        False
        >>> toriteki_covered(buyer_capital=30_000_000, vendor_capital=20_000_000, deal="services") is None
        True
        >>> toriteki_covered(buyer_capital=30_000_000, vendor_capital=5_000_000)
        True
        >>> toriteki_covered(buyer_employees=150, vendor_employees=80) is None  # services yes, manufacturing no
        True
    """
    figures = [None if not v else int(v) for v in (buyer_capital, buyer_employees, vendor_capital, vendor_employees)]
    if deal:
        if deal not in DEALS:
            raise ValueError(f"unknown deal {deal!r} (use {', '.join(DEALS)})")
        return _one_deal(DEALS[deal], *figures)
    answers = {_one_deal(d, *figures) for d in DEALS.values()}
    return answers.pop() if len(answers) == 1 else None


def coverage_status(covered: bool | None) -> str:
    """``covered`` / ``not_covered`` / ``unknown`` for True / False / None.

    Examples:
        >>> coverage_status(True), coverage_status(False), coverage_status(None)
        ('covered', 'not_covered', 'unknown')
    """
    return COVERED if covered is True else NOT_COVERED if covered is False else UNKNOWN


def toriteki_severity(status: str, severity: str = "error") -> str | None:
    """How loud a 取適法 finding is for a vendor of ``status``: ``severity`` (an error, or the
    item's own warning) when covered, a warning when unknown, None (no finding) when not covered.

    Examples:
        >>> toriteki_severity("covered"), toriteki_severity("unknown"), toriteki_severity("not_covered")
        ('error', 'warning', None)
        >>> toriteki_severity("covered", "warning"), toriteki_severity("unknown", "warning")
        ('warning', 'warning')
    """
    if status == COVERED:
        return severity
    if status == NOT_COVERED:
        return None
    return "warning"
