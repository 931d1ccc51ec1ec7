"""Settings: the defaults, and ``ledgerkit.toml`` on top of them.

Every setting has a default here (``DEFAULTS``); a ``ledgerkit.toml`` in the working
directory, or the file given with ``--config``, overrides them. Unknown keys and wrong
types are refused with the key's name and line, so a typo never silently does nothing.
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_NAME = "ledgerkit.toml"

#: Column synonyms per kind: canonical field -> header texts seen in client workbooks.
#: Matching is done on normalized text (NFKC, no spaces, lower case); the user's
#: ``[columns.<kind>]`` lists are added to these, not put in their place.
COLUMNS: dict[str, dict[str, list[str]]] = {
    "hours": {
        "date": ["日付", "作業日", "年月日", "実施日", "稼働日", "日", "Date", "Work Date"],
        "person": ["氏名", "名前", "担当者", "作業者", "社員名", "担当", "従業員名", "Name", "Person", "Employee"],
        "person_id": ["社員番号", "社員No", "社員コード", "従業員番号", "ID", "Employee ID"],
        "project": [
            "案件", "案件コード", "案件名", "プロジェクト", "プロジェクトコード", "プロジェクト名",
            "PJ", "PJコード", "PJ名", "Project", "Project Code",
        ],
        "task": ["作業", "作業区分", "作業内容", "タスク", "工程", "区分", "Task", "Activity"],
        "hours": [
            "工数", "時間", "作業時間", "実績", "実績時間", "工数(h)", "工数(H)", "工数(時間)", "時間(h)",
            "稼働時間", "Hours", "Hour", "Time",
        ],
        "note": ["備考", "メモ", "コメント", "Note", "Notes", "Remarks"],
    },
}

DEFAULTS: dict[str, Any] = {
    "report": {
        # ja or en: headings, sheet names, Issues and terminal messages
        "lang": "ja",
    },
    "fiscal_year": {
        # first month of the fiscal year (4 = April)
        "start_month": 4,
    },
    "hours": {
        "hours_per_day": 8.0,
        "hours_per_month": 160.0,
        # a day's entry above this is reported, not consolidated
        "max_hours_per_day": 24.0,
    },
    "read": {
        # read hidden and very hidden sheets too
        "include_hidden": False,
        # worker processes that read files (0 = one per core)
        "jobs": 0,
        # per file, in seconds and MiB
        "timeout": 120,
        "memory_mb": 3072,
    },
    "columns": COLUMNS,
}


@dataclass
class Config:
    """The effective settings and where each came from.

    Examples:
        >>> c = Config()
        >>> c.get("fiscal_year.start_month")
        4
        >>> "氏名" in c.synonyms("hours")["person"]
        True
    """

    data: dict = field(default_factory=lambda: copy.deepcopy(DEFAULTS))
    path: Path | None = None
    #: dotted key -> "default" or the file it came from
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def synonyms(self, kind: str) -> dict[str, list[str]]:
        """Canonical field -> header texts for ``kind`` (defaults plus the user's)."""
        return {k: list(v) for k, v in self.data.get("columns", {}).get(kind, {}).items()}

    @property
    def lang(self) -> str:
        return self.get("report.lang", "ja")


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=", re.MULTILINE)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _merge(base: dict, over: dict, *, path: str, text: str, file: str, sources: dict) -> None:
    for key, value in over.items():
        dotted = f"{path}.{key}" if path else key
        if path.startswith("columns"):
            # column synonyms: any kind and field may be added; values are lists of strings
            if isinstance(value, dict):
                base.setdefault(key, {})
                _merge(base[key], value, path=dotted, text=text, file=file, sources=sources)
                continue
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ConfigError(_where(file, text, key, f"{dotted} must be a list of header texts"))
            base[key] = list(dict.fromkeys([*value, *base.get(key, [])]))
            sources[dotted] = file
            continue
        if key not in base:
            raise ConfigError(_where(file, text, key, f"unknown setting {dotted!r}"))
        current = base[key]
        if isinstance(current, dict):
            if not isinstance(value, dict):
                raise ConfigError(_where(file, text, key, f"{dotted} must be a table ([{dotted}])"))
            _merge(current, value, path=dotted, text=text, file=file, sources=sources)
            continue
        if not _same_type(current, value):
            raise ConfigError(
                _where(file, text, key, f"{dotted} must be {type(current).__name__}, not {type(value).__name__}")
            )
        base[key] = float(value) if isinstance(current, float) else value
        sources[dotted] = file


def _same_type(current: Any, value: Any) -> bool:
    if isinstance(current, bool) or isinstance(value, bool):
        return isinstance(current, bool) and isinstance(value, bool)
    if isinstance(current, float):
        return isinstance(value, (int, float))
    if current is None:
        return True
    return isinstance(value, type(current))


def _where(file: str, text: str, key: str, message: str) -> str:
    line = _line_of(text, key)
    return f"{file}:{line}: {message}" if line else f"{file}: {message}"


def load_config(path: str | Path | None = None, *, cwd: str | Path | None = None) -> Config:
    """Load the defaults and, on top, ``path`` or ``ledgerkit.toml`` in ``cwd``.

    Raises ConfigError naming the file, line and key for anything it cannot use.
    """
    config = Config()
    if path is None:
        candidate = Path(cwd or Path.cwd()) / CONFIG_NAME
        if not candidate.is_file():
            return config
        path = candidate
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the config file ({e.__class__.__name__})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: {e}") from None
    _merge(config.data, data, path="", text=text, file=str(path), sources=config.sources)
    config.path = path
    return config
