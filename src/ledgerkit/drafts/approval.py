"""The approval route of a ringi from an authority matrix (決裁権限規程).

Company rules are data (DOMAIN.md §0): ``DEFAULT_APPROVAL`` (in ``ledgerkit.config.defaults``) is only
the documented default (DOMAIN.md §1.2) and the config's ``[approval]`` table replaces it. The route is the list
of approver titles in stamp order: every level of the category's ``route_order`` up to
the decider (DOMAIN.md: "all levels up to the decider are stamped"), with the 合議 (co-approval) departments placed before the decider, as a
ringi travels 起案 → 審査 → 合議 → 承認 → 決裁.

Rules (``[[approval.rules]]``): the first rule whose category matches and whose
``min <= amount < max`` (``max`` absent = no upper bound) names the decider. "10万円以上"
is ``min = 100000``; "10万円未満" is ``max = 100000``. A request outside the budget
(予算外) goes ``out_of_budget_escalation`` levels higher among the category's deciders
(部長 → 役員; beyond the highest rule, one step along ``route_order``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

from ledgerkit.config.defaults import DEFAULT_APPROVAL
from ledgerkit.core.errors import ConfigError

__all__ = ["DEFAULT_APPROVAL", "approval_matrix", "category_of", "approval_route", "stamp_boxes"]

def approval_matrix(config: Any = None) -> Mapping[str, Any]:
    """The ``[approval]`` table from ``config`` (a Config, a dict, or None for the default)."""
    if config is None:
        return DEFAULT_APPROVAL
    if isinstance(config, Mapping):
        if "approval" in config:
            return config["approval"]
        return config if "rules" in config else DEFAULT_APPROVAL
    getter = getattr(config, "get", None)
    matrix = getter("approval") if getter else None
    return matrix if matrix else DEFAULT_APPROVAL


def category_of(value: Any, config: Any = None) -> str:
    """The matrix category for a 区分 cell: ``購買`` → ``purchase``; blank → the default.

    Examples:
        >>> category_of("購買"), category_of(None), category_of("contract")
        ('purchase', 'purchase', 'contract')
    """
    matrix = approval_matrix(config)
    if value is None or (isinstance(value, str) and not value.strip()):
        return matrix.get("default_category", "purchase")
    text = str(value).strip()
    names = matrix.get("category_names", {})
    return names.get(text, text)


def approval_route(
    amount: int | Decimal,
    category: str | None = None,
    config: Any = None,
    *,
    in_budget: bool = True,
) -> list[str]:
    """Approver titles in stamp order, the decider last (合議 just before the decider).

    ``amount`` is compared on the matrix's ``amount_basis`` (tax-excluded by default).

    Raises ConfigError when no rule covers the amount and category, or the decider is
    not in the category's ``route_order``.

    Examples:
        >>> approval_route(480000, "purchase")
        ['課長', '部長']
        >>> approval_route(480000, "purchase", in_budget=False)
        ['課長', '部長', '本部長', '役員']
        >>> approval_route(1200000, "contract")
        ['営業課長', '法務部', '経理部', '営業部長']
        >>> approval_route(99999, "購買"), approval_route(100000, "購買")
        (['課長'], ['課長', '部長'])
    """
    matrix = approval_matrix(config)
    category = category_of(category, matrix)
    amount = Decimal(amount)
    order: list[str] = list(matrix.get("route_order", {}).get(category, []))
    decider = None
    for rule in matrix.get("rules", []):
        if rule.get("category", category) != category:
            continue
        low = Decimal(rule.get("min", 0))
        high = rule.get("max")
        if amount >= low and (high is None or amount < Decimal(high)):
            decider = rule["approver"]
            break
    if decider is None:
        known = sorted({r.get("category") for r in matrix.get("rules", []) if r.get("category")})
        raise ConfigError(
            f"approval: no rule decides a {category} request of {amount} yen (categories: {', '.join(known)})"
        )
    if decider not in order:
        raise ConfigError(f"approval: {decider} is not in approval.route_order.{category}")
    level = order.index(decider)
    if not in_budget:
        # one level up among the category's deciders (部長 → 役員), past the top along route_order
        steps = int(matrix.get("out_of_budget_escalation", 1))
        deciders = sorted(
            {order.index(r["approver"]) for r in matrix.get("rules", [])
             if r.get("category", category) == category and r["approver"] in order}
        )
        above = [lv for lv in deciders if lv > level]
        for _ in range(steps):
            level = above.pop(0) if above else min(level + 1, len(order) - 1)
    route = order[: level + 1]
    co = []
    for rule in matrix.get("co_approval", []):
        if "category" in rule and rule["category"] != category:
            continue
        if "min" in rule and amount < Decimal(rule["min"]):
            continue
        if rule["add"] not in route and rule["add"] not in co:
            co.append(rule["add"])
    return route[:-1] + co + route[-1:]


#: stamp boxes a form shows at least (the bundled forms have six)
STAMP_BOXES = 6


def stamp_boxes(route: list[str], boxes: int = STAMP_BOXES) -> list[str]:
    """The route as a form's 押印欄 shows it: the decider first (leftmost), padded with "" to ``boxes``.

    Examples:
        >>> stamp_boxes(["課長", "部長"])
        ['部長', '課長', '', '', '', '']
    """
    return list(reversed(route)) + [""] * max(0, boxes - len(route))
