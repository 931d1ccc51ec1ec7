"""Settings with the right type that cannot work together: a warning threshold above the
over-budget one, a rounding mode nobody knows, an authority matrix with a gap or an overlap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ledgerkit.config.defaults import ROUNDING_MODES, _get
from ledgerkit.core.messages import text as _t
from ledgerkit.parse.codes import (
    corp_check_digit,
    is_registration_no_format,
    normalize_registration_no,
    registration_check_digit_ok,
)
from ledgerkit.kinds import COLUMN_KINDS
from ledgerkit.kinds.builtin import BUILTIN_KINDS
from ledgerkit.kinds.declared import KindError, extend_kind, kind_from_table
from ledgerkit.parse.datetimes import parse_time_of_day, parse_time_range
from ledgerkit.parse.rounding import parse_rate_rounding
from ledgerkit.parse.text import CellValueError

__all__ = ["check_approval", "check_company", "check_kinds", "check_settings", "check_triage", "check_vendors",
           "issuer_check_digit_warning", "kind_problem"]

#: the kinds of deal with their own 取適法 thresholds (rules.coverage.DEALS)
_DEALS = ("manufacturing", "services")

#: the package's data files (written-terms lists)
_DATA = Path(__file__).resolve().parent.parent / "data"


def check_settings(data: dict, given: set[str] | frozenset[str] = frozenset(), lang: str = "en") -> list[tuple[str, str]]:
    """Problems with settings that have the right type but cannot work: (dotted key, reason in ``lang``).

    ``given``: the keys a file set, so that a conflict is reported on the one the file wrote.

    Examples:
        >>> from ledgerkit.config.defaults import defaults
        >>> d = defaults(); d["budget"]["warning"] = 1.2
        >>> check_settings(d)
        [('budget.warning', 'the warning threshold 1.2 is above the over threshold 1.0 (budget.over)')]
        >>> check_settings(defaults())
        []
    """
    problems: list[tuple[str, str]] = []

    def add(key: str, code: str, **params: Any) -> None:
        problems.append((key, _t(code, lang, **params)))

    def one_of(key: str, allowed: tuple[str, ...], *, blank: bool = False) -> None:
        value = _get(data, key)
        if (blank and value == "") or value in allowed:
            return
        choices = ", ".join(allowed) + (_t("cfg_or_none", lang) if blank else "")
        add(key, "cfg_one_of", choices=choices, value=value)

    def positive(key: str, *, zero: bool = False) -> None:
        value = _get(data, key)
        if value < 0 or (value == 0 and not zero):
            add(key, "cfg_zero_or_more" if zero else "cfg_above_zero", value=value)

    one_of("report.lang", ("ja", "en"))
    start = _get(data, "fiscal_year.start_month")
    if not 1 <= start <= 12:
        add("fiscal_year.start_month", "cfg_month", value=start)
    for key in ("hours.hours_per_day", "hours.hours_per_month", "hours.max_hours_per_day",
                "read.timeout", "read.memory_mb", "read.max_file_mb", "read.max_cells",
                "read.max_uncompressed_mb", "read.max_ratio", "invoices.max_due_days", "orders.payment_days",
                "settle.hours_unit_minutes", "budget.warning", "budget.over"):
        positive(key)
    positive("read.jobs", zero=True)
    if _get(data, "hours.hours_per_day") > _get(data, "hours.max_hours_per_day"):
        add("hours.hours_per_day", "cfg_day_above_max")
    for key in ("tax.rate", "settle.tax_rate"):
        rate = _get(data, key)
        if not 0 <= rate < 1:
            add(key, "cfg_rate", value=rate)
    for key in ("tax.rounding", "budget.rounding", "settle.hours_rounding", "settle.amount_rounding", "settle.tax_rounding"):
        one_of(key, ROUNDING_MODES)
    one_of("tax.rounding_required", ROUNDING_MODES, blank=True)
    one_of("settle.method", ("updown", "middle", "fixed"))
    one_of("settle.prorate", ("business_days", "calendar_days", "none"))
    one_of("attendance.default_break", ("none", "statutory"))
    if _get(data, "settle.rate_rounding"):
        try:
            parse_rate_rounding(_get(data, "settle.rate_rounding"))
        except ValueError as e:
            problems.append(("settle.rate_rounding", str(e)))
    for key in ("orders.terms", "drafts.po_terms"):
        name = _get(data, key)
        if name and not (_DATA / f"{name}.toml").is_file():
            known = sorted(p.stem for p in _DATA.glob("*.toml"))
            add(key, "cfg_no_terms", name=name, known=", ".join(known))
        elif not name and key == "orders.terms":
            add(key, "cfg_terms_required")
    warning, over = _get(data, "budget.warning"), _get(data, "budget.over")
    if warning > over:
        if "budget.over" in given and "budget.warning" not in given:
            add("budget.over", "cfg_over_below_warning", over=over, warning=warning)
        else:
            add("budget.warning", "cfg_warning_above_over", over=over, warning=warning)
    problems.extend(check_company(data, lang))
    problems.extend(check_vendors(data, lang))
    problems.extend(check_approval(data.get("approval", {}), lang))
    problems.extend(check_triage(data.get("triage", {}), lang))
    problems.extend(check_kinds(data.get("kinds", {}), lang))
    return problems


def kind_problem(name: str, table: Any) -> KindError | None:
    """What makes a ``[kinds.NAME]`` table unusable (its key relative to the table), or None.

    A built-in kind's table extends it (:func:`~ledgerkit.kinds.declared.extend_kind`); any
    other name declares a list read by the generic reader. ``auto`` and the lists other
    commands read (``orders``, ``budget`` …, extended with ``[columns.<kind>]``) are no names
    for a declared kind.

    Examples:
        >>> kind_problem("sales", {"fields": {"amount": {"type": "yen", "synonyms": ["売上"]}}}) is None
        True
        >>> kind_problem("orders", {}).code, kind_problem("sales", {"fields": {}}).key
        ('cfg_kind_reserved', 'fields')
    """
    if name == "auto":
        return KindError("", "cfg_kind_reserved", name=name,
                         what={"ja": _t("kinds_auto_words", "ja"), "en": _t("kinds_auto_words", "en")})
    if name in COLUMN_KINDS and name not in BUILTIN_KINDS:
        _fields, ja, en = COLUMN_KINDS[name]
        return KindError("", "cfg_kind_reserved", name=name, what={"ja": ja, "en": en})
    try:
        if name in BUILTIN_KINDS:
            extend_kind(BUILTIN_KINDS[name], table)
        else:
            kind_from_table(name, table)
    except KindError as e:
        return e
    return None


def check_kinds(kinds: dict, lang: str = "en") -> list[tuple[str, str]]:
    """Problems with the ``[kinds.NAME]`` tables: (dotted key, reason in ``lang``), one per kind.

    Examples:
        >>> check_kinds({"sales": {"fields": {"amount": {"type": "money", "synonyms": ["売上"]}}}})
        [('kinds.sales.fields.amount.type', "must be one of text, int, yen, decimal, hours, date, month, rate, code, not 'money'")]
    """
    problems = []
    for name, table in kinds.items():
        e = kind_problem(name, table)
        if e is not None:
            problems.append((f"kinds.{name}.{e.key}" if e.key else f"kinds.{name}", e.message(lang)))
    return problems


def check_company(data: dict, lang: str = "en") -> list[tuple[str, str]]:
    """Problems with the issuer printed on drafts (``[company]``): a 登録番号 that is not
    ``T`` + 13 digits (refused before anything is written).

    A failed check digit is not refused: DOMAIN.md §3.4's rule (a sole proprietor's number
    may not follow the corporate check digit) holds for the company's own number as for a
    vendor's; :func:`issuer_check_digit_warning` says it in the draft's warnings.

    Examples:
        >>> check_company({"company": {"registration_no": "T8700110005901"}})
        []
        >>> check_company({"company": {"registration_no": "T1234567890123"}})
        []
        >>> check_company({"company": {"registration_no": "1234"}}, "ja")[0][1]
        "'1234' は登録番号 (T + 13桁) ではありません: 下書きに発行者として印刷する自社の登録番号です"
    """
    company = data.get("company")
    value = (company.get("registration_no") if isinstance(company, dict) else None) or ""
    if not str(value).strip():
        return []
    if not is_registration_no_format(normalize_registration_no(value)):
        return [("company.registration_no", _t("cfg_issuer_registration", lang, value=value))]
    return []


def issuer_check_digit_warning(data: dict, lang: str = "en") -> str | None:
    """The warning a draft carries when the issuer's 登録番号 fails the corporate check digit, or None.

    Examples:
        >>> issuer_check_digit_warning({"company": {"registration_no": "T8700110005901"}}) is None
        True
        >>> issuer_check_digit_warning({"company": {"registration_no": "T1234567890123"}})[:89]
        'company.registration_no: T1234567890123 fails the check digit (T9234567890123 would pass)'
    """
    company = data.get("company")
    value = (company.get("registration_no") if isinstance(company, dict) else None) or ""
    norm = normalize_registration_no(value) if str(value).strip() else ""
    if not norm or not is_registration_no_format(norm) or registration_check_digit_ok(norm):
        return None
    expected = f"T{corp_check_digit(norm[2:])}{norm[2:]}"
    return "company.registration_no: " + _t("cfg_issuer_check_digit", lang, value=norm, expected=expected)


def check_vendors(data: dict, lang: str = "en") -> list[tuple[str, str]]:
    """Problems with the vendor master settings: an entry that names no vendor, a kind of
    deal nobody knows, a 登録番号 that is no 登録番号, negative figures.

    Examples:
        >>> from ledgerkit.config.defaults import defaults
        >>> d = defaults(); d["vendors"]["list"] = [{"covered": True}, {"name": "A", "deal": "goods"}]
        >>> [k for k, _ in check_vendors(d)]
        ['vendors.list[0]', 'vendors.list[1].deal']
    """
    problems: list[tuple[str, str]] = []

    def add(key: str, code: str, **params: Any) -> None:
        problems.append((key, _t(code, lang, **params)))

    vendors = data.get("vendors", {})
    if vendors.get("deal", "") not in ("", *_DEALS):
        add("vendors.deal", "cfg_one_of", choices=", ".join(_DEALS) + _t("cfg_or_none", lang), value=vendors.get("deal"))
    for key in ("company.capital", "company.employees"):
        if _get(data, key) < 0:
            add(key, "cfg_zero_or_more", value=_get(data, key))
    for i, entry in enumerate(vendors.get("list", [])):
        key = f"vendors.list[{i}]"
        if not any(str(entry.get(k, "")).strip() for k in ("name", "registration_no", "code")):
            add(key, "cfg_vendor_unnamed")
        if entry.get("deal", "") not in ("", *_DEALS):
            add(f"{key}.deal", "cfg_one_of", choices=", ".join(_DEALS) + _t("cfg_or_none", lang), value=entry["deal"])
        reg = entry.get("registration_no", "")
        if reg and not is_registration_no_format(normalize_registration_no(reg)):
            add(f"{key}.registration_no", "cfg_vendor_registration", value=reg)
        for figure in ("capital", "employees"):
            if entry.get(figure, 0) < 0:
                add(f"{key}.{figure}", "cfg_zero_or_more", value=entry[figure])
    return problems


def check_triage(triage: dict, lang: str = "en") -> list[tuple[str, str]]:
    """Problems with ``[triage]``: times that are no times, factors and shares out of range,
    word lists that are not lists of words.

    Examples:
        >>> from ledgerkit.config.defaults import defaults
        >>> t = defaults()["triage"]; t["hours"] = "18:00-09:00"; t["weekly_share"] = 1.5
        >>> [k for k, _ in check_triage(t)]
        ['triage.hours', 'triage.weekly_share']
    """
    problems: list[tuple[str, str]] = []

    def add(key: str, code: str, **params: Any) -> None:
        problems.append((f"triage.{key}", _t(code, lang, **params)))

    for key, blank in (("hours", False), ("lunch", True)):
        value = triage.get(key, "")
        if not (blank and value == ""):
            try:
                parse_time_range(value)
            except CellValueError:
                add(key, "cfg_time_range", value=value)
    if triage.get("due_time", "") != "":
        try:
            parse_time_of_day(triage["due_time"])
        except CellValueError:
            add("due_time", "cfg_time", value=triage["due_time"])
    for key in ("strong_factor", "weak_factor", "default_effort", "horizon_days", "board_days", "top"):
        if triage.get(key, 1) <= 0:
            add(key, "cfg_above_zero", value=triage.get(key))
    if triage.get("slack_step", 0) < 0:
        add("slack_step", "cfg_zero_or_more", value=triage.get("slack_step"))
    if not 0 < triage.get("weekly_share", 1) <= 1:
        add("weekly_share", "cfg_share", value=triage.get("weekly_share"))
    for key in ("importance", "roles"):
        groups = triage.get(key, [])
        if not (groups and all(isinstance(g, list) and g and all(isinstance(w, str) and w.strip() for w in g)
                               for g in groups)):
            add(key, "cfg_word_groups")
    for key, words in [("categories", triage.get("categories", [])),
                       *((f"status.{k}", v) for k, v in triage.get("status", {}).items())]:
        if not all(isinstance(w, str) and w.strip() for w in words):
            add(key, "cfg_header_list")
    known = [w for g in triage.get("importance", []) if isinstance(g, list) for w in g]
    if triage.get("importance_default") not in known:
        add("importance_default", "cfg_not_importance", value=triage.get("importance_default"), known=", ".join(map(str, known)))
    return problems


def check_approval(matrix: dict, lang: str = "en") -> list[tuple[str, str]]:
    """Problems with an authority matrix: each category's rules must cover 0 yen upwards
    once, without gap or overlap, and name approvers on the category's route.

    Examples:
        >>> import copy
        >>> from ledgerkit.config.defaults import APPROVAL
        >>> m = copy.deepcopy(APPROVAL)
        >>> m["rules"][1]["min"] = 120000
        >>> check_approval(m)
        [('approval.rules[1]', 'purchase: no rule decides amounts from 100000 to 120000 yen (gap after approval.rules[0])')]
        >>> m["rules"][1]["min"] = 90000
        >>> check_approval(m)
        [('approval.rules[1]', 'purchase: approval.rules[1] (from 90000 yen) overlaps approval.rules[0] (below 100000 yen)')]
    """
    problems: list[tuple[str, str]] = []

    def add(key: str, code: str, **params: Any) -> None:
        problems.append((key, _t(code, lang, **params)))

    order = matrix.get("route_order", {})
    titles = matrix.get("department_titles", [])
    if not (isinstance(titles, list) and all(isinstance(w, str) and w.strip() for w in titles)):
        add("approval.department_titles", "cfg_header_list")
    if matrix.get("amount_basis") not in ("tax_excluded", "tax_included"):
        add("approval.amount_basis", "cfg_amount_basis", value=matrix.get("amount_basis"))
    if matrix.get("out_of_budget_escalation", 0) < 0:
        add("approval.out_of_budget_escalation", "cfg_zero_or_more", value=matrix.get("out_of_budget_escalation"))
    if matrix.get("default_category") not in order:
        add("approval.default_category", "cfg_not_category", value=matrix.get("default_category"), known=f" ({', '.join(order)})")
    for word, category in matrix.get("category_names", {}).items():
        if category not in order:
            add(f"approval.category_names.{word}", "cfg_not_category", value=category, known="")
    by_category: dict[str, list[tuple[int, dict]]] = {}
    for i, rule in enumerate(matrix.get("rules", [])):
        key = f"approval.rules[{i}]"
        for required in ("category", "approver"):
            if not rule.get(required):
                add(key, "cfg_required", field=required)
        if not rule.get("category") or not rule.get("approver"):
            continue
        category = rule["category"]
        if category not in order:
            add(key, "cfg_no_route", category=category)
        elif rule["approver"] not in order[category]:
            add(key, "cfg_not_on_route", approver=rule["approver"], category=category)
        low, high = rule.get("min", 0), rule.get("max")
        if low < 0 or (high is not None and high <= low):
            add(key, "cfg_min_max", low=low, high=high)
            continue
        by_category.setdefault(category, []).append((i, rule))
    default = matrix.get("default_category")
    if default in order and default not in by_category and not any(k == "approval.rules" or k.startswith("approval.rules[") for k, _ in problems):
        add("approval.rules", "cfg_no_default_rule", category=default)
    for category, rules in by_category.items():
        rules.sort(key=lambda x: (x[1].get("min", 0), x[0]))
        first_i, first = rules[0]
        if first.get("min", 0) > 0:
            add(f"approval.rules[{first_i}]", "cfg_gap_below", category=category, low=first["min"])
        for (pi, prev), (ni, nxt) in zip(rules, rules[1:]):
            p_high, n_low = prev.get("max"), nxt.get("min", 0)
            if p_high is None or n_low < p_high:
                bound = _t("cfg_bound_open", lang) if p_high is None else _t("cfg_bound_below", lang, high=p_high)
                add(f"approval.rules[{ni}]", "cfg_overlap", category=category, n=ni, low=n_low, p=pi, bound=bound)
            elif n_low > p_high:
                add(f"approval.rules[{ni}]", "cfg_gap", category=category, high=p_high, low=n_low, p=pi)
        last_i, last = rules[-1]
        if last.get("max") is not None:
            add(f"approval.rules[{last_i}]", "cfg_gap_top", category=category, high=last["max"])
    for i, co in enumerate(matrix.get("co_approval", [])):
        key = f"approval.co_approval[{i}]"
        if not co.get("add"):
            add(key, "cfg_co_add")
        if co.get("category") and co["category"] not in order:
            add(key, "cfg_no_route", category=co["category"])
    return problems
