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

Whose stamps: the titles in ``department_titles`` (課長, 部長 by default) belong to the
drafter's department (the 起案部署 column): a 総務部 request is stamped by 総務部 課長 and
総務部長, never by another department's. The shipped matrix is neutral (課長 / 部長 / 役員 /
社長); 業務委託・外注・リース are purchases, only 顧客との契約 are contracts (DOMAIN.md §1.2).
A route that names no title of the drafter's department (no 起案部署 given, or a matrix of
fixed titles such as 営業課長) says so (:attr:`Route.uses_department`), and draft-ringi
writes that into the draft's manifest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping

from ledgerkit.config.defaults import DEFAULT_APPROVAL
from ledgerkit.config.loading import config_or_found
from ledgerkit.core.errors import ConfigError

__all__ = ["DEFAULT_APPROVAL", "Route", "approval_matrix", "approval_plan", "approval_route", "category_of",
           "department_title", "stamp_boxes"]


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

    A 区分 the matrix does not name as a whole is read by the longest category word it
    holds: ``業務委託契約`` is ``業務委託`` (a purchase), not ``契約``.

    Examples:
        >>> category_of("購買"), category_of(None), category_of("contract")
        ('purchase', 'purchase', 'contract')
        >>> category_of("業務委託"), category_of("外注"), category_of("業務委託契約"), category_of("コピー機リース")
        ('purchase', 'purchase', 'purchase', 'purchase')
        >>> category_of("顧客契約")
        'contract'
    """
    matrix = approval_matrix(config)
    if value is None or (isinstance(value, str) and not value.strip()):
        return matrix.get("default_category", "purchase")
    text = str(value).strip()
    names = matrix.get("category_names", {})
    if text in names:
        return names[text]
    if text in matrix.get("route_order", {}):
        return text
    held = sorted((w for w in names if w and w in text), key=len, reverse=True)
    return names[held[0]] if held else text


def department_title(department: str | None, title: str) -> str:
    """A title of the drafter's department as a stamp box says it: ``総務部`` + ``部長`` → ``総務部長``,
    ``総務部`` + ``課長`` → ``総務部 課長``; no department → the title alone.

    Examples:
        >>> department_title("総務部", "部長"), department_title("総務部", "課長"), department_title("営業課", "課長")
        ('総務部長', '総務部 課長', '営業課長')
        >>> department_title("", "課長")
        '課長'
    """
    dept = (department or "").strip()
    if not dept:
        return title
    if dept.endswith(title[:1]) and len(title) > 1:
        return dept + title[1:]
    return f"{dept} {title}"


@dataclass(frozen=True)
class Route:
    """An approval route: ``stamps`` in stamp order (合議 before the decider, the decider last)."""

    stamps: list[str]
    decider: str
    co_approval: list[str] = field(default_factory=list)
    #: the drafter's department, as given (may be empty)
    department: str = ""
    #: True when some stamp is a title of the drafter's department
    uses_department: bool = False
    #: the levels (titles before they were given the department), decider last
    levels: list[str] = field(default_factory=list)


def _decider(matrix: Mapping[str, Any], category: str, amount: Decimal, order: list[str]) -> str:
    for rule in matrix.get("rules", []):
        if rule.get("category", category) != category:
            continue
        low = Decimal(rule.get("min", 0))
        high = rule.get("max")
        if amount >= low and (high is None or amount < Decimal(high)):
            decider = rule["approver"]
            if decider not in order:
                raise ConfigError(f"approval: {decider} is not in approval.route_order.{category}")
            return decider
    known = sorted({r.get("category") for r in matrix.get("rules", []) if r.get("category")})
    raise ConfigError(f"approval: no rule decides a {category} request of {amount} yen (categories: {', '.join(known)})")


def approval_plan(
    amount: int | Decimal,
    category: str | None = None,
    config: Any = None,
    *,
    in_budget: bool = True,
    department: str | None = None,
) -> Route:
    """The route of a request: its levels up to the decider, 合議, whose department stamps.

    Examples:
        >>> r = approval_plan(864000, "リース", department="総務部")
        >>> r.stamps, r.uses_department
        (['総務部 課長', '総務部長', '役員'], True)
        >>> approval_plan(864000, "リース").uses_department
        False
    """
    matrix = approval_matrix(config)
    category = category_of(category, matrix)
    amount = Decimal(amount)
    order: list[str] = list(matrix.get("route_order", {}).get(category, []))
    level = order.index(_decider(matrix, category, amount, order))
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
    levels = order[: level + 1]
    own = set(matrix.get("department_titles", []))
    dept = (department or "").strip()
    titled = [department_title(dept, t) if t in own else t for t in levels]
    co = []
    for rule in matrix.get("co_approval", []):
        if "category" in rule and rule["category"] != category:
            continue
        if "min" in rule and amount < Decimal(rule["min"]):
            continue
        if rule["add"] not in titled and rule["add"] not in co:
            co.append(rule["add"])
    return Route(stamps=titled[:-1] + co + titled[-1:], decider=titled[-1], co_approval=co, department=dept,
                 uses_department=bool(dept) and any(t in own for t in levels), levels=levels)


def approval_route(
    amount: int | Decimal,
    category: str | None = None,
    config: Any = None,
    *,
    in_budget: bool = True,
    department: str | None = None,
) -> list[str]:
    """Approver titles in stamp order, the decider last (合議 just before the decider).

    ``amount`` is compared on the matrix's ``amount_basis`` (tax-excluded by default); the
    titles of ``department_titles`` are the drafter's ``department``'s (see :func:`approval_plan`).

    Raises ConfigError when no rule covers the amount and category, or the decider is
    not in the category's ``route_order``.

    Examples:
        >>> approval_route(480000, "purchase")
        ['課長', '部長']
        >>> approval_route(480000, "purchase", in_budget=False)
        ['課長', '部長', '役員']
        >>> approval_route(1200000, "contract", department="営業部")
        ['営業部 課長', '法務部', '経理部', '営業部長']
        >>> approval_route(99999, "購買"), approval_route(100000, "購買")
        (['課長'], ['課長', '部長'])
        >>> approval_route(864000, "業務委託", department="総務部")
        ['総務部 課長', '総務部長', '役員']
    """
    return approval_plan(amount, category, config_or_found(config), in_budget=in_budget, department=department).stamps


#: stamp boxes a form shows at least (the bundled forms have six)
STAMP_BOXES = 6


def stamp_boxes(route: list[str], boxes: int = STAMP_BOXES) -> list[str]:
    """The route as a form's 押印欄 shows it: the decider first (leftmost), padded with "" to ``boxes``.

    Examples:
        >>> stamp_boxes(["課長", "部長"])
        ['部長', '課長', '', '', '', '']
    """
    return list(reversed(route)) + [""] * max(0, boxes - len(route))
