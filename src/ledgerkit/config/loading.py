"""Reading ``ledgerkit.toml`` onto the defaults: unknown keys and wrong types refused with file:line:key.

Every setting has a default (``ledgerkit.config.defaults``); a ``ledgerkit.toml`` in the
working directory, or the file given with ``--config``, overrides them. Unknown keys, wrong
types and values that cannot work together (``ledgerkit.config.checks``) are refused with
the file, line and key, so a typo never silently does nothing. ``Config.sources`` says where
each setting came from (``ledgerkit config show``).
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ledgerkit.config.checks import check_settings, kind_problem
from ledgerkit.config.defaults import _FREE_TABLES, _TABLE_LISTS, CONFIG_NAME, defaults
from ledgerkit.core.errors import ConfigError
from ledgerkit.core.messages import text as _t
from ledgerkit.kinds.builtin import BUILTIN_KINDS
from ledgerkit.kinds.declared import KindSpec, extend_kind, kind_from_table

__all__ = ["Config", "config_or_found", "key_lines", "load_config"]


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

    def kind(self, name: str) -> KindSpec | None:
        """The kind ``name``: a built-in one with the user's additions (``[kinds.NAME]``,
        ``[columns.NAME]``), or one declared in ``[kinds.NAME]``; None when there is none.

        Examples:
            >>> Config().kind("hours").reader, Config().kind("sales") is None
            ('hours', True)
        """
        table = self.data.get("kinds", {}).get(name)
        base = BUILTIN_KINDS.get(name)
        if base is None:
            return kind_from_table(name, table) if table is not None else None
        spec = extend_kind(base, table or {})
        words = self.synonyms(name)
        fields = tuple(replace(f, synonyms=tuple(dict.fromkeys([*words.get(f.name, []), *f.synonyms])))
                       for f in spec.fields)
        return replace(spec, fields=fields)

    def kind_names(self) -> list[str]:
        """The built-in kinds, then the ones ``[kinds.NAME]`` declares, by name."""
        declared = [n for n in self.data.get("kinds", {}) if n not in BUILTIN_KINDS]
        return [*BUILTIN_KINDS, *declared]

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
            # a table written only through its sub-tables ([kinds.sales.fields.branch]): its first line
            inside = [n for k, n in self.lines.items() if k.startswith(key + ".")]
            if inside:
                return f"{self.file}:{min(inside)}"
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
            if dotted == "kinds":
                self.kinds(base[key], base["columns"], value)
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

    def kinds(self, base: dict, columns: dict, value: Any) -> None:
        """``[kinds.NAME]`` tables: each checked whole (the first problem named with its line),
        kept as written; a built-in kind's added synonyms also go where ``[columns.NAME]``'s go."""
        if not isinstance(value, dict):
            raise self.error("kinds", "cfg_not_table", key="kinds.<name>", got=self.kind(value))
        for name, table in value.items():
            dotted = f"kinds.{name}"
            problem = kind_problem(name, table)
            if problem is not None:
                raise self.error(f"{dotted}.{problem.key}" if problem.key else dotted, problem.code, **problem.params)
            base[name] = copy.deepcopy(table)
            self.mark(dotted)
            if name in BUILTIN_KINDS and name in columns:
                for fname, ftable in table.get("fields", {}).items():
                    words = ftable.get("synonyms", [])
                    if fname in columns[name] and words:
                        columns[name][fname] = list(dict.fromkeys([*words, *columns[name][fname]]))
                        self.sources[f"columns.{name}.{fname}"] = self.where(f"{dotted}.fields.{fname}")

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
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        if at is None:
            raise ConfigError(_t("cfg_not_toml", say, path=path, error=e)) from None
        detail = str(e)[:at.start()].rstrip()
        raise ConfigError(_t("cfg_not_toml_at", say, path=path, line=at.group(1), column=at.group(2),
                             error=f"{detail} (column {at.group(2)})")) from None
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


def config_or_found(config: Any = None) -> Any:
    """``config`` as given; when None, the settings the CLI would use here: ``ledgerkit.toml``
    in the working folder on top of the defaults (the defaults alone when there is none).

    Every public function taking ``config=None`` goes through this, so ``ledgerkit.draft_po()``
    run inside a project folder uses its ``[company]`` as ``ledgerkit draft-po`` does. An
    explicit config (a Config, or a dict where a function accepts one) always wins.

    Examples:
        >>> config_or_found(Config(path=Path("other.toml"))).path.name
        'other.toml'
        >>> import os, tempfile
        >>> here = os.getcwd(); os.chdir(tempfile.mkdtemp())
        >>> try:
        ...     config_or_found(None).source("report.lang")
        ... finally:
        ...     os.chdir(here)
        'default'
    """
    return load_config() if config is None else config
