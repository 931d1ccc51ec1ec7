"""Settings as text: the commented ``ledgerkit.toml`` that ``ledgerkit init`` writes, the effective
settings ``ledgerkit config show`` prints, and docs/config.md's reference tables."""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterator

from ledgerkit.config.defaults import _FREE_TABLES, _TABLE_LISTS, COLUMNS, COMMENTS, _get, defaults
from ledgerkit.config.loading import Config
from ledgerkit.kinds import COLUMN_KINDS

__all__ = ["toml_value", "render_toml", "show_config", "setting_keys", "markdown_reference"]


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
        >>> tomllib.loads(render_toml())["budget"] == defaults()["budget"]
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
