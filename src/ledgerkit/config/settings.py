"""Settings: the defaults, and ``ledgerkit.toml`` on top of them.

Every setting has a default here (``DEFAULTS``); a ``ledgerkit.toml`` in the working
directory, or the file given with ``--config``, overrides them. Unknown keys, wrong types
and values that cannot work together (an authority matrix with a gap, a warning threshold
above the over-budget one) are refused with the file, line and key, so a typo never
silently does nothing.

``ledgerkit init`` writes every setting with its comment (``render_toml``), and
``ledgerkit config show`` prints the effective settings and where each came from
(``Config.sources``).
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ledgerkit.drafts.approval import DEFAULT_APPROVAL
from ledgerkit.core.errors import ConfigError
from ledgerkit.kinds import COLUMN_KINDS

CONFIG_NAME = "ledgerkit.toml"
#: the package's data files (written-terms lists)
_DATA = Path(__file__).resolve().parent.parent / "data"

#: rounding modes (money.round_yen's names) and what a Japanese invoice calls them
ROUNDING_MODES = ("down", "half_up", "up")

#: Column synonyms per kind: canonical field -> header texts seen in client workbooks
#: (``ledgerkit.kinds``). The user's ``[columns.<kind>]`` lists are added to these, not put
#: in their place.
COLUMNS: dict[str, dict[str, list[str]]] = {kind: fields for kind, (fields, _ja, _en) in COLUMN_KINDS.items()}

#: DOMAIN.md §1.2's suggested authority matrix ([R5] thresholds), defined with the approval
#: route code (drafts/approval.py, which imports nothing of ledgerkit's but errors)
APPROVAL: dict[str, Any] = copy.deepcopy(DEFAULT_APPROVAL)

DEFAULTS: dict[str, Any] = {
    "report": {"lang": "ja"},
    "fiscal_year": {"start_month": 4},
    "hours": {
        "hours_per_day": 8.0,
        "hours_per_month": 160.0,
        "max_hours_per_day": 24.0,
    },
    "read": {
        "include_hidden": False,
        "jobs": 0,
        "timeout": 120,
        "memory_mb": 3072,
        "max_file_mb": 200,
        "max_cells": 10_000_000,
        "max_uncompressed_mb": 1024,
        "max_ratio": 1000.0,
    },
    "tax": {
        "rate": 0.10,
        "rounding": "down",
        "rounding_required": "",
    },
    "invoices": {
        "max_due_days": 120,
        "require_registration": True,
    },
    "orders": {
        "payment_days": 60,
        "terms": "toriteki_4jo_2026",
    },
    "budget": {
        "warning": 0.8,
        "over": 1.0,
        "rounding": "half_up",
    },
    "settle": {
        "method": "updown",
        "hours_unit_minutes": 15,
        "hours_rounding": "down",
        "rate_rounding": "",
        "amount_rounding": "down",
        "tax_rate": 0.10,
        "tax_rounding": "down",
    },
    "company": {
        "name": "",
        "representative": "",
        "address": "",
        "tel": "",
        "registration_no": "",
    },
    "drafts": {
        "templates": "templates",
        "po_terms": "toriteki_4jo_2026",
    },
    "approval": APPROVAL,
    "columns": COLUMNS,
}

#: one comment per setting, (Japanese, English); ``ledgerkit init`` writes them above each key
#: and docs/config.md lists them. A test fails when a setting has none.
COMMENTS: dict[str, tuple[str, str]] = {
    "report": ("レポートと端末メッセージ", "Reports and terminal messages"),
    "report.lang": (
        "見出し・シート名・Issues・メッセージの言語: ja または en (--lang で上書き)",
        "Language of headings, sheet names, Issues and messages: ja or en (--lang overrides)",
    ),
    "fiscal_year": ("会計年度", "Fiscal year"),
    "fiscal_year.start_month": ("期首の月 (4 = 4月始まり、1〜12)", "First month of the fiscal year (4 = April; 1..12)"),
    "hours": ("工数の単位", "Effort units"),
    "hours.hours_per_day": ("1人日の時間数 (人日の列を時間に換算)", "Hours in a person-day (columns in 人日 are converted)"),
    "hours.hours_per_month": ("1人月の時間数 (人月の列を時間に換算)", "Hours in a person-month (columns in 人月 are converted)"),
    "hours.max_hours_per_day": (
        "1日の記入がこれを超えたら集計せず Issues に載せる",
        "A day's entry above this is listed in Issues, not consolidated",
    ),
    "read": ("ファイルの読み込み", "Reading files"),
    "read.include_hidden": ("非表示・完全非表示のシートも読む", "Read hidden and very hidden sheets too"),
    "read.jobs": ("読み込みのワーカープロセス数 (0 = CPUコア数)", "Worker processes reading files (0 = one per core)"),
    "read.timeout": ("1ファイルあたりの読み込み時間の上限 (秒)", "Time limit for reading one file (seconds)"),
    "read.memory_mb": ("1ファイルあたりのメモリ上限 (MiB)", "Memory limit for reading one file (MiB)"),
    "read.max_file_mb": ("これより大きいファイルは読まずに断る (MiB)", "Refuse files larger than this (MiB)"),
    "read.max_cells": ("1ファイルで読むセル数の上限", "Most cells read from one file"),
    "read.max_uncompressed_mb": (
        "xlsx/ods の展開後サイズの上限 (MiB、zip爆弾対策)",
        "Most bytes an xlsx/ods may unpack to (MiB; zip bombs)",
    ),
    "read.max_ratio": ("zip の圧縮率の上限 (zip爆弾対策)", "Highest compression ratio accepted (zip bombs)"),
    "tax": ("消費税", "Consumption tax"),
    "tax.rate": ("稟議・注文書の既定の税率 (行に税率がないとき)", "Default tax rate for ringi and orders (when a row has none)"),
    "tax.rounding": (
        "自社で計算する消費税の端数処理: down (切り捨て)、half_up (四捨五入)、up (切り上げ)",
        "Rounding of the tax ledgerkit computes: down (切り捨て), half_up (四捨五入), up (切り上げ)",
    ),
    "tax.rounding_required": (
        "受領した請求書・注文の税額に求める端数処理 (\"\" = down/half_up/up のどれでも可)",
        "Rounding required of received invoices' and orders' tax (\"\" = accept down, half_up or up)",
    ),
    "invoices": ("受領請求書のチェック (check invoices)", "Received-invoice checks (check invoices)"),
    "invoices.max_due_days": (
        "発行日からこの日数より後の支払期日は警告 (年の誤記など)",
        "Warn when the due date is more than this many days after the issue date (wrong year, …)",
    ),
    "invoices.require_registration": (
        "登録番号 (T+13桁) のない請求書をエラーにする",
        "Report an invoice without a registration number (T + 13 digits) as an error",
    ),
    "orders": ("注文のチェック (check orders)", "Order checks (check orders)"),
    "orders.payment_days": (
        "受領日から支払期日までの上限日数 (取適法・下請法: 60日)",
        "Longest allowed time from receipt to payment, in days (取適法 / 下請法: 60)",
    ),
    "orders.terms": (
        "注文書の記載事項リスト (ledgerkit/data/<名前>.toml)",
        "Written-terms list orders are checked against (ledgerkit/data/<name>.toml)",
    ),
    "budget": ("予算の消化率 (budget)", "Budget consumption (budget)"),
    "budget.warning": ("消化率がこの値以上で「注意」(0.8 = 80%)", "Consumption at or above this is 'warning' (0.8 = 80%)"),
    "budget.over": ("消化率がこの値以上で「超過」(warning 以上であること)", "Consumption at or above this is 'over' (not below warning)"),
    "budget.rounding": ("工数×単価の円未満の端数処理", "Rounding of hours × rate to whole yen"),
    "settle": ("精算幅による精算 (settle) の既定 (契約一覧の列が優先)", "Settlement defaults (settle); the contract list's columns win"),
    "settle.method": ("精算方法: updown (上下割)、middle (中割)、fixed (固定)", "Method: updown (上下割), middle (中割), fixed (固定)"),
    "settle.hours_unit_minutes": ("月の稼働時間を丸める単位 (分)", "Unit the month's hours are rounded to (minutes)"),
    "settle.hours_rounding": ("稼働時間の端数処理", "Rounding of the month's hours to that unit"),
    "settle.rate_rounding": (
        "超過・控除単価の端数 (例: \"10円切り捨て\"; \"\" = 端数処理なし)",
        "Rounding of the excess/deduction rate (e.g. \"10円切り捨て\"; \"\" = exact)",
    ),
    "settle.amount_rounding": ("精算額の円未満の端数処理", "Rounding of the settled amount to whole yen"),
    "settle.tax_rate": ("精算額にかける消費税率", "Tax rate on the settled amount"),
    "settle.tax_rounding": ("精算額の消費税の端数処理", "Rounding of the tax on the settled amount"),
    "company": ("自社 (注文書の発行者)", "Your company (the issuer printed on purchase orders)"),
    "company.name": ("会社名 (draft-po に必須)", "Company name (required by draft-po)"),
    "company.representative": ("代表者 (例: 代表取締役 山田 太郎)", "Representative (e.g. 代表取締役 山田 太郎)"),
    "company.address": ("住所", "Address"),
    "company.tel": ("電話番号", "Telephone"),
    "company.registration_no": ("適格請求書発行事業者の登録番号 (T+13桁)", "Qualified-invoice registration number (T + 13 digits)"),
    "drafts": ("稟議書・注文書の下書き (draft-ringi, draft-po)", "Ringi and order drafts (draft-ringi, draft-po)"),
    "drafts.templates": (
        "テンプレートを名前で探すフォルダ (この設定ファイルからの相対パス、なければ同梱のもの)",
        "Folder searched first for a template given by name (relative to this file; else the bundled ones)",
    ),
    "drafts.po_terms": (
        "注文書に必要な記載事項のリスト (\"\" = 確認しない)",
        "Written-terms list a drafted order must state (\"\" = do not check)",
    ),
    "approval": ("決裁権限規程 (稟議の承認ルート)", "Authority matrix (a ringi's approval route)"),
    "approval.amount_basis": (
        "判定に使う金額: tax_excluded (税抜) または tax_included (税込)",
        "Amount compared: tax_excluded (税抜) or tax_included (税込)",
    ),
    "approval.out_of_budget_escalation": ("予算外の申請は決裁者をこの段階だけ上げる", "A request outside the budget goes this many levels higher"),
    "approval.default_category": ("区分が空の行の区分", "Category of a row with no 区分"),
    "approval.category_names": ("申請一覧の区分の言葉 → 区分", "Words in a request list's 区分 column → category"),
    "approval.route_order": ("区分ごとの押印順 (下位から)", "Stamp order per category, lowest first"),
    "approval.rules": (
        "決裁者: 区分ごとに min ≦ 金額 < max (max なし = 上限なし)。0円から隙間も重なりもなく並べる",
        "Decider: per category, min <= amount < max (no max = no upper bound); from 0 yen with no gap or overlap",
    ),
    "approval.co_approval": (
        "合議: 区分が一致するか金額が min 以上のとき add の部署を決裁者の前に加える",
        "合議 (co-approval): add the department before the decider when the category matches and/or amount >= min",
    ),
    "columns": (
        "列の見出しの同義語: 既定の見出しに加える (既定は外せない)",
        "Column header synonyms: added to the built-in ones (built-ins cannot be removed)",
    ),
}

#: tables whose keys are the user's own (words, categories), not fixed setting names
_FREE_TABLES = {"approval.category_names", "approval.route_order"}
#: lists of tables: the allowed keys of each element
_TABLE_LISTS = {
    "approval.rules": {"category": str, "min": int, "max": int, "approver": str},
    "approval.co_approval": {"category": str, "min": int, "add": str},
}


def defaults() -> dict[str, Any]:
    """A deep copy of every default setting, column synonyms of every kind included.

    Examples:
        >>> d = defaults()
        >>> d["budget"]["warning"], d["fiscal_year"]["start_month"], "請求書番号" in d["columns"]["invoices"]["invoice_no"]
        (0.8, 4, True)
    """
    return copy.deepcopy(DEFAULTS)


@dataclass
class Config:
    """The effective settings and where each came from.

    Examples:
        >>> c = Config()
        >>> c.get("fiscal_year.start_month")
        4
        >>> "氏名" in c.synonyms("hours")["person"]
        True
        >>> c.source("budget.warning")
        'default'
    """

    data: dict = field(default_factory=defaults)
    path: Path | None = None
    #: dotted key -> "file:line" for every setting the file gave (the rest are defaults)
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def synonyms(self, kind: str) -> dict[str, list[str]]:
        """Canonical field -> header texts for ``kind`` (built-ins plus the user's)."""
        return {k: list(v) for k, v in self.data.get("columns", {}).get(kind, {}).items()}

    def source(self, dotted: str) -> str:
        """Where a setting came from: ``default``, ``--lang``, or ``file:line``."""
        return self.sources.get(dotted, "default")

    @property
    def lang(self) -> str:
        return self.get("report.lang", "ja")

    @property
    def base_dir(self) -> Path:
        """The folder relative paths in the config are resolved against."""
        return self.path.resolve().parent if self.path is not None else Path.cwd()

    def templates_dir(self) -> Path | None:
        """``drafts.templates`` as a folder, when it exists (else None: the bundled templates)."""
        name = self.get("drafts.templates") or ""
        if not name:
            return None
        folder = Path(name).expanduser()
        folder = folder if folder.is_absolute() else self.base_dir / folder
        return folder if folder.is_dir() else None


# --- reading the file -----------------------------------------------------------------------

_TABLE_RE = re.compile(r"^\s*(\[\[?)\s*([^\]#]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_RE = re.compile(r"^\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=")


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)", text)
    return [a or b or c for a, b, c in parts]


def key_lines(text: str) -> dict[str, int]:
    """Dotted key -> line number (1-based) for every table and key written in a TOML text.

    Elements of an array of tables are numbered like ``approval.rules[2]``.

    Examples:
        >>> key_lines('[tax]\\nrounding = "up"\\n[budget]\\nrounding = "down"\\n')["budget.rounding"]
        4
        >>> key_lines('[[approval.rules]]\\nmin = 0\\n[[approval.rules]]\\nmin = 5\\n')["approval.rules[1].min"]
        4
    """
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    prefix = ""
    in_multiline = False
    for n, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if line.count('"""') % 2 or line.count("'''") % 2:
                in_multiline = False
            continue
        m = _TABLE_RE.match(line)
        if m:
            name = ".".join(_split_key(m.group(2)))
            if m.group(1) == "[[":
                index = counts.get(name, 0)
                counts[name] = index + 1
                lines.setdefault(name, n)
                name = f"{name}[{index}]"
            prefix = name
            lines.setdefault(name, n)
            continue
        m = _KEY_RE.match(line)
        if m:
            dotted = ".".join(_split_key(m.group(1)))
            lines.setdefault(f"{prefix}.{dotted}" if prefix else dotted, n)
            rest = line[m.end():]
            if rest.count('"""') % 2 or rest.count("'''") % 2:
                in_multiline = True
    return lines


class _Loader:
    """Merges a parsed file onto the defaults, checking keys and types as it goes."""

    def __init__(self, file: str, text: str, sources: dict[str, str], lang: str = "ja"):
        self.file = file
        self.lines = key_lines(text)
        self.sources = sources
        self.lang = lang

    def where(self, dotted: str) -> str:
        key = dotted
        while key:
            if key in self.lines:
                return f"{self.file}:{self.lines[key]}"
            key = key.rsplit(".", 1)[0] if "." in key else ""
        return self.file

    def error(self, dotted: str, code: str, **params: Any) -> ConfigError:
        return ConfigError(f"{self.where(dotted)}: {dotted}: {_t(code, self.lang, **params)}")

    def kind(self, value: Any) -> str:
        return _kind(value, self.lang)

    def mark(self, dotted: str) -> None:
        self.sources[dotted] = self.where(dotted)

    def merge(self, base: dict, over: dict, path: str = "") -> None:
        for key, value in over.items():
            dotted = f"{path}.{key}" if path else key
            if dotted == "columns":
                self.columns(base[key], value)
                continue
            if key not in base:
                known = ", ".join(sorted(base))
                raise self.error(dotted, "cfg_unknown_setting", known=known)
            current = base[key]
            if dotted in _FREE_TABLES:
                self.free_table(current, value, dotted)
                continue
            if dotted in _TABLE_LISTS:
                base[key] = self.table_list(value, dotted)
                continue
            if isinstance(current, dict):
                if not isinstance(value, dict):
                    raise self.error(dotted, "cfg_not_table", key=dotted, got=self.kind(value))
                self.merge(current, value, dotted)
                continue
            if not _same_type(current, value):
                raise self.error(dotted, "cfg_wrong_type", want=self.kind(current), got=self.kind(value))
            base[key] = float(value) if isinstance(current, float) else value
            self.mark(dotted)

    def columns(self, base: dict, value: Any) -> None:
        if not isinstance(value, dict):
            raise self.error("columns", "cfg_not_table", key="columns.<kind>", got=self.kind(value))
        for kind, fields in value.items():
            dotted = f"columns.{kind}"
            if kind not in base:
                raise self.error(dotted, "cfg_unknown_kind", known=", ".join(sorted(base)))
            if not isinstance(fields, dict):
                raise self.error(dotted, "cfg_not_table", key=dotted, got=self.kind(fields))
            for name, words in fields.items():
                fdotted = f"{dotted}.{name}"
                if name not in base[kind]:
                    raise self.error(fdotted, "cfg_unknown_field", kind=kind, known=", ".join(base[kind]))
                if not (isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words)):
                    raise self.error(fdotted, "cfg_header_list")
                if words:
                    base[kind][name] = list(dict.fromkeys([*words, *base[kind][name]]))
                    self.mark(fdotted)

    def free_table(self, base: dict, value: Any, dotted: str) -> None:
        if not isinstance(value, dict):
            raise self.error(dotted, "cfg_not_table", key=dotted, got=self.kind(value))
        for key, item in value.items():
            kdotted = f"{dotted}.{key}"
            if dotted == "approval.route_order":
                if not (isinstance(item, list) and item and all(isinstance(w, str) and w.strip() for w in item)):
                    raise self.error(kdotted, "cfg_route_list")
            elif not isinstance(item, str):
                raise self.error(kdotted, "cfg_category_string", got=self.kind(item))
            base[key] = list(item) if isinstance(item, list) else item
            self.mark(kdotted)

    def table_list(self, value: Any, dotted: str) -> list[dict]:
        allowed = _TABLE_LISTS[dotted]
        if not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            raise self.error(dotted, "cfg_table_array", key=dotted, got=self.kind(value))
        out = []
        for i, item in enumerate(value):
            idotted = f"{dotted}[{i}]"
            for key, v in item.items():
                if key not in allowed:
                    raise self.error(f"{idotted}.{key}", "cfg_unknown_rule_key", known=", ".join(allowed))
                if not _same_type(allowed[key](), v):
                    raise self.error(f"{idotted}.{key}", "cfg_wrong_type", want=self.kind(allowed[key]()), got=self.kind(v))
            out.append(dict(item))
            self.mark(idotted)
        self.mark(dotted)
        return out


def _t(code: str, lang: str, **params: Any) -> str:
    from ledgerkit.core.messages import text

    return text(code, lang, **params)


def _kind(value: Any, lang: str = "en") -> str:
    """What a TOML value is, as a person calls it ("a string" / 文字列)."""
    for t in (bool, int, float, str, list, dict):
        if type(value) is t:
            return _t(f"type_{t.__name__}", lang)
    return type(value).__name__


def _same_type(current: Any, value: Any) -> bool:
    if isinstance(current, bool) or isinstance(value, bool):
        return isinstance(current, bool) and isinstance(value, bool)
    if isinstance(current, float):
        return isinstance(value, (int, float))
    if current is None:
        return True
    return isinstance(value, type(current))


# --- checks on the merged settings ------------------------------------------------------------


def check_settings(data: dict, given: set[str] | frozenset[str] = frozenset(), lang: str = "en") -> list[tuple[str, str]]:
    """Problems with settings that have the right type but cannot work: (dotted key, reason in ``lang``).

    ``given``: the keys a file set, so that a conflict is reported on the one the file wrote.

    Examples:
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
    if _get(data, "settle.rate_rounding"):
        from ledgerkit.settlement.settle import parse_rate_rounding

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
    problems.extend(check_approval(data.get("approval", {}), lang))
    return problems


def check_approval(matrix: dict, lang: str = "en") -> list[tuple[str, str]]:
    """Problems with an authority matrix: each category's rules must cover 0 yen upwards
    once, without gap or overlap, and name approvers on the category's route.

    Examples:
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


def _get(data: dict, dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = node[part]
    return node


def load_config(path: str | Path | None = None, *, cwd: str | Path | None = None, lang: str | None = None) -> Config:
    """Load the defaults and, on top, ``path`` or ``ledgerkit.toml`` in ``cwd``.

    Raises ConfigError naming the file, line and key for anything it cannot use, in
    ``lang`` (default: the file's ``report.lang``, else Japanese).

    Examples:
        >>> load_config(cwd="/nonexistent").source("report.lang")
        'default'
    """
    config = Config()
    if path is None:
        candidate = Path(cwd) / CONFIG_NAME if cwd is not None else Path(CONFIG_NAME)
        if not candidate.is_file():
            return config
        path = candidate
    path = Path(path)
    say = lang if lang in ("ja", "en") else "ja"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(_t("cfg_not_found", say, path=path)) from None
    except IsADirectoryError:
        raise ConfigError(_t("cfg_is_folder", say, path=path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(_t("cfg_unreadable", say, path=path, error=e.__class__.__name__)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(_t("cfg_not_toml", say, path=path, error=e)) from None
    if lang not in ("ja", "en"):
        # the file's own language, when it says one
        report = data.get("report")
        said = report.get("lang") if isinstance(report, dict) else None
        say = said if said in ("ja", "en") else "ja"
    loader = _Loader(str(path), text, config.sources, say)
    loader.merge(config.data, data)
    for key, reason in check_settings(config.data, set(config.sources), say):
        raise ConfigError(f"{loader.where(key)}: {key}: {reason}")
    config.path = path
    return config


# --- writing the file (ledgerkit init) and showing it (ledgerkit config show) ------------------

_BARE = re.compile(r"^[A-Za-z0-9_\-]+$")


def _key(k: str) -> str:
    return k if _BARE.match(k) else json.dumps(k, ensure_ascii=False)


def toml_value(v: Any) -> str:
    """A value as TOML text.

    Examples:
        >>> toml_value(True), toml_value(0.8), toml_value("課長"), toml_value(["a", 1])
        ('true', '0.8', '"課長"', '["a", 1]')
        >>> toml_value({"min": 0, "add": "経理部"})
        '{min = 0, add = "経理部"}'
    """
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _walk(data: dict, path: str = "") -> Iterator[tuple[str, str, Any]]:
    """("table", dotted, dict) / ("key", dotted, value) / ("list", dotted, list of tables), in file order."""
    scalars = [(k, v) for k, v in data.items() if not isinstance(v, dict) and f"{path}.{k}".lstrip(".") not in _TABLE_LISTS]
    for k, v in scalars:
        yield "key", f"{path}.{_key(k)}" if path else _key(k), v
    for k, v in data.items():
        dotted = f"{path}.{_key(k)}" if path else _key(k)
        if isinstance(v, dict):
            yield "table", dotted, v
            yield from _walk(v, dotted)
        elif dotted in _TABLE_LISTS:
            yield "list", dotted, v


def _comment(text: str, width: int = 120) -> list[str]:
    return [f"# {text}"] if len(text) <= width else [f"# {line}" for line in _wrap(text, width)]


def _wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split(", "):
        piece = word if not line else f"{line}, {word}"
        if len(piece) > width and line:
            out.append(line + ",")
            line = word
        else:
            line = piece
    return [*out, line]


def render_toml(data: dict | None = None, *, annotate: Callable[[str], str | None] | None = None,
                comments: bool = True, full_columns: bool = False) -> str:
    """Every setting as a ``ledgerkit.toml`` text, each with its Japanese and English comment.

    Column synonyms are written as empty lists with the built-in header texts in a comment
    above (a list adds to the built-ins). ``annotate(dotted)`` adds a trailing comment to a
    value's line (``config show`` uses it for where each setting came from). With
    ``full_columns``, ``data``'s synonyms are taken to be the built-ins (written as comments).

    Examples:
        >>> import tomllib
        >>> tomllib.loads(render_toml())["budget"] == DEFAULTS["budget"]
        True
    """
    full = data is None or full_columns
    data = defaults() if data is None else data
    out: list[str] = []
    if comments:
        out += [
            "# ledgerkit.toml — このフォルダの業務の設定 / settings for the work in this folder",
            "# ledgerkit はこのフォルダで実行すると、または --config で指定すると、このファイルを読みます。",
            "# ledgerkit reads this file when run in this folder, or when given with --config.",
            "# 既定値と同じ行は消してもかまいません / lines equal to the defaults may be deleted.",
            "# 一覧と説明 / every key explained: docs/config.md; 確認 / check: ledgerkit config show",
        ]

    def tail(dotted: str) -> str:
        note = annotate(dotted) if annotate else None
        return f"  # {note}" if note else ""

    for kind, dotted, value in _walk(data):
        plain = dotted.replace('"', "")
        if kind == "table":
            if plain.startswith("columns.") and plain.count(".") == 1:
                k = plain.split(".", 1)[1]
                ja, en = COLUMN_KINDS.get(k, ((), k, k))[1:]
                note = (ja, en)
            else:
                note = COMMENTS.get(plain)
            if not value and not comments:
                continue
            out.append("")
            if comments and note:
                out += _comment(note[0]) + _comment(note[1])
            if plain == "columns" and comments:
                out += ['# 例 / e.g.  [columns.invoices]  vendor = ["支払先"]']
            out.append(f"[{dotted}]{tail(plain)}")
        elif kind == "list":
            note = COMMENTS.get(plain)
            out.append("")
            if comments and note:
                out += _comment(note[0]) + _comment(note[1])
            for i, item in enumerate(value):
                out.append(f"[[{dotted}]]{tail(f'{plain}[{i}]')}")
                out += [f"{_key(k)} = {toml_value(v)}" for k, v in item.items()]
        else:
            if plain.startswith("columns."):
                if comments:
                    builtin = value if full else (COLUMNS.get(plain.split(".")[1], {}).get(plain.split(".")[2], []))
                    out += _comment("既定 / built-in: " + ", ".join(builtin))
                shown = [] if full else value
                out.append(f"{dotted.rsplit('.', 1)[1]} = {toml_value(shown)}{tail(plain)}")
                continue
            note = COMMENTS.get(plain)
            if comments and note:
                out += _comment(note[0]) + _comment(note[1])
            out.append(f"{dotted.rsplit('.', 1)[1] if '.' in dotted else dotted} = {toml_value(value)}{tail(plain)}")
    return "\n".join(out).lstrip("\n") + "\n"


def show_config(config: Config) -> str:
    """The effective settings as TOML, each value followed by where it came from.

    Examples:
        >>> text = show_config(Config())
        >>> 'lang = "ja"  # default' in text
        True
    """

    def source(dotted: str) -> str | None:
        if dotted.startswith("columns."):
            return config.sources.get(dotted, "default") if dotted.count(".") == 2 else None
        if "." not in dotted or dotted in _FREE_TABLES:
            return None
        return config.source(dotted)

    return render_toml(config.data, annotate=source, comments=False)


def setting_keys(data: dict | None = None) -> list[str]:
    """Every setting's dotted name (tables of settings and column kinds, not synonyms).

    Examples:
        >>> "budget.warning" in setting_keys() and "approval.rules" in setting_keys()
        True
    """
    data = defaults() if data is None else data
    keys = []
    for kind, dotted, _value in _walk(data):
        plain = dotted.replace('"', "")
        if plain.startswith("columns.") and plain.count(".") >= 2:
            continue
        if any(plain.startswith(t + ".") for t in _FREE_TABLES):
            continue
        keys.append(plain)
    return keys


# --- a project folder (ledgerkit init) ------------------------------------------------------------


def bundled_template_files() -> dict[str, Path]:
    """Name -> file of every template that ships with ledgerkit (the first folder wins)."""
    from ledgerkit.drafts.templating import bundled_templates, template_dirs

    files: dict[str, Path] = {}
    for name in bundled_templates():
        for folder in template_dirs():
            if (folder / name).is_file():
                files[name] = folder / name
                break
    return files


def init_project(directory: str | Path = ".", *, force: bool = False, lang: str | None = None) -> list[Path]:
    """Write ``ledgerkit.toml`` (every setting, commented) and copy the bundled templates
    into ``directory/templates/``; returns the files written.

    Nothing is written when any of those files exists already, unless ``force``
    (raises ConfigError naming the file). ``lang`` (ja/en) is written as ``report.lang``.

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> [p.name for p in init_project(folder)][:2]
        ['ledgerkit.toml', 'po.html.j2']
        >>> load_config(cwd=folder).data == defaults()
        True
    """
    import os
    import tempfile

    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(_t("cfg_file_not_folder", lang or "ja", path=folder))
    if lang not in (None, "ja", "en"):
        raise ConfigError(f"lang must be ja or en, not {lang!r}")
    data = None
    if lang:
        data = defaults()
        data["report"]["lang"] = lang
    text = render_toml(data, full_columns=True) if data is not None else render_toml()
    targets: list[tuple[Path, str | Path]] = [(folder / CONFIG_NAME, text)]
    targets += [(folder / "templates" / name, src) for name, src in bundled_template_files().items()]
    existing = [path for path, _ in targets if path.exists()]
    if existing and not force:
        more = _t("cfg_exists_more", lang or "ja", count=len(existing) - 1) if len(existing) > 1 else ""
        raise ConfigError(_t("cfg_exists", lang or "ja", path=existing[0], more=more))
    written = []
    for path, content in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content.read_bytes())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written


def markdown_reference() -> str:
    """docs/config.md's reference tables: every setting, its default and its comment.

    A docs test keeps docs/config.md equal to this, so the reference cannot drift.

    Examples:
        >>> "| `budget.warning` | `0.8` |" in markdown_reference()
        True
    """
    data = defaults()
    out: list[str] = []
    for key in setting_keys(data):
        if key.startswith("columns"):
            continue
        ja, en = COMMENTS.get(key, ("", ""))
        if "." not in key:
            out += ["", f"### `[{key}]` — {en}", "", ja, "", "| key | default | meaning |", "|---|---|---|"]
            continue
        value = _get(data, key)
        if key in _TABLE_LISTS:
            shown = "<br>".join(f"`{toml_value(v)}`" for v in value)
        elif isinstance(value, dict):
            shown = "<br>".join(f"`{_key(k)} = {toml_value(v)}`" for k, v in value.items())
        else:
            shown = f"`{toml_value(value)}`"
        out.append(f"| `{key}` | {shown} | {en}<br>{ja} |")
    out += ["", "### `[columns.<kind>]` — column header synonyms", "", COMMENTS["columns"][0], "",
            "The built-in header texts of each field are in the comments of the file `ledgerkit init`",
            "writes, and `ledgerkit config show` prints them with the ones your file adds.", "",
            "| kind | reads | fields |", "|---|---|---|"]
    for kind, fields in data["columns"].items():
        _specs, ja, en = COLUMN_KINDS.get(kind, ((), kind, kind))
        out.append(f"| `{kind}` | {en}<br>{ja} | {', '.join(f'`{name}`' for name in fields)} |")
    return "\n".join(out).strip() + "\n"
