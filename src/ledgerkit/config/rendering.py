"""Settings as text: the commented ``ledgerkit.toml`` that ``ledgerkit init`` writes, the effective
settings ``ledgerkit config show`` prints, and docs/config.md's reference tables."""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterator

from ledgerkit.config.defaults import _FREE_TABLES, _TABLE_LISTS, COLUMNS, COMMENTS, _get, defaults
from ledgerkit.config.loading import Config
from ledgerkit.core.messages import text as _t
from ledgerkit.kinds import COLUMN_KINDS
from ledgerkit.kinds.builtin import BUILTIN_KINDS
from ledgerkit.kinds.declared import FIELD_TYPES, KindSpec, kind_to_table

__all__ = ["toml_value", "render_toml", "show_config", "setting_keys", "markdown_reference", "render_kind", "render_kinds",
           "EXAMPLE_KIND"]

#: the commented example under ``[kinds]`` in the file ``ledgerkit init`` writes (docs/kinds.md)
EXAMPLE_KIND = """\
例 / e.g. 支店別売上報告を集計する / branch sales reports:  ledgerkit aggregate 売上報告 --kind sales -o 売上.xlsx
[kinds.sales]
label = "支店別売上"
by = "branch,month"
key = "branch,month"
fields.branch = { type = "text", synonyms = ["支店", "支店名", "営業所"], required = true, label = "支店" }
fields.month = { type = "month", synonyms = ["年月", "対象月", "月"], required = true, label = "年月" }
fields.amount = { type = "yen", synonyms = ["売上", "売上高", "売上金額(円)"], required = true, label = "売上" }
型 / types: text int yen decimal hours date month rate code;  確認 / check: ledgerkit kinds show sales"""


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
            if plain == "kinds" and comments:
                out += [f"# {line}" for line in EXAMPLE_KIND.splitlines()]
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
        if dotted.startswith("kinds."):
            # a declared kind's keys: where its table is
            return config.sources.get(".".join(dotted.split(".")[:2]))
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
        if any(plain.startswith(t + ".") for t in _FREE_TABLES) or plain.startswith("kinds."):
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
        if key.startswith("columns") or key == "kinds":
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
    out += ["", "### `[kinds]` — declared kinds of list (`[kinds.<name>]`)", "", COMMENTS["kinds"][0], "",
            COMMENTS["kinds"][1] + ". How to declare one, with an example: [kinds.md](kinds.md).", "",
            "| type | cells read |", "|---|---|"]
    out += [f"| `{t}` | {en}<br>{ja} |" for t, (ja, en) in FIELD_TYPES.items()]
    out += ["", "| built-in kind | reader | fields |", "|---|---|---|"]
    out += [f"| `{k}` | `{spec.reader}` | {', '.join(f'`{f.name}`' for f in spec.fields)} |"
            for k, spec in BUILTIN_KINDS.items()]
    out += ["", "### `[columns.<kind>]` — column header synonyms", "", COMMENTS["columns"][0], "",
            "The built-in header texts of each field are in the comments of the file `ledgerkit init`",
            "writes, and `ledgerkit config show` prints them with the ones your file adds.", "",
            "| kind | reads | fields |", "|---|---|---|"]
    for kind, fields in data["columns"].items():
        _specs, ja, en = COLUMN_KINDS.get(kind, ((), kind, kind))
        out.append(f"| `{kind}` | {en}<br>{ja} | {', '.join(f'`{name}`' for name in fields)} |")
    return "\n".join(out).strip() + "\n"


def render_kind(spec: KindSpec, *, lang: str = "ja", source: str | None = None) -> str:
    """A kind as the ``[kinds.NAME]`` table that declares it: to copy into ``ledgerkit.toml`` and adapt.

    ``source`` (``file:line``) is said in the first comment. A built-in kind is written with
    all its header synonyms (the user's first); its comments say what may be changed.

    Examples:
        >>> import tomllib
        >>> from ledgerkit.kinds.declared import kind_from_table
        >>> spec = kind_from_table("sales", {"fields": {"amount": {"type": "yen", "synonyms": ["売上"]}}})
        >>> text = render_kind(spec, lang="en")
        >>> kind_from_table("sales", tomllib.loads(text)["kinds"]["sales"]) == spec
        True
    """
    table = kind_to_table(spec)
    fields = table.pop("fields")
    builtin = spec.name in BUILTIN_KINDS
    where = source or (_t("kinds_builtin", lang) if builtin else "")
    # a comment is one line: a label or path holding a line break would end it and break the TOML
    out = [" ".join(f"# {spec.title(lang)}{f' — {where}' if where else ''}".split()),
           f"# {_t('kinds_show_builtin' if builtin else 'kinds_show_head', lang)}"]
    if spec.derived:
        out.append(f"# {_t('kinds_show_derived', lang, names=', '.join(spec.derived))}")
    out.append(f"[kinds.{_key(spec.name)}]")
    out += [f"{_key(k)} = {toml_value(v)}" for k, v in table.items() if v != "" or k != "label"]
    for name, ftable in fields.items():
        words = FIELD_TYPES[ftable["type"]][1 if lang == "en" else 0]
        out += ["", f"[kinds.{_key(spec.name)}.fields.{_key(name)}]"]
        for k, v in ftable.items():
            out.append(f"{_key(k)} = {toml_value(v)}" + (f"  # {words}" if k == "type" else ""))
    return "\n".join(out) + "\n"


def render_kinds(config: Config, *, lang: str = "ja", synonyms: int = 4) -> str:
    """Every kind ``aggregate --kind`` reads, built-in then declared, with its fields: one line each.

    Examples:
        >>> print(render_kinds(Config(), lang="en").splitlines()[0])
        hours — 工数 (built-in; reader hours; summary by project,person,month)
    """
    out = []
    for name in config.kind_names():
        spec = config.kind(name)
        where = _t("kinds_builtin", lang) if name in BUILTIN_KINDS else config.source(f"kinds.{name}")
        facts = [where]
        if spec.reader != "generic":
            facts.append(_t("kinds_reader", lang, reader=spec.reader))
        facts.append(_t("kinds_summary", lang, by=",".join(spec.by)))
        out.append(f"{name} — {spec.title('ja')} ({'; '.join(facts)})")
        for f in spec.fields:
            words = list(f.synonyms[:synonyms])
            if len(f.synonyms) > synonyms:
                words.append(_t("kinds_more", lang, n=len(f.synonyms) - synonyms))
            required = _t("kinds_required", lang) + "  " if f.required else ""
            out.append(f"  {f.name:<16} {f.type:<8} {required}{', '.join(words)}")
    return "\n".join(out) + "\n"
