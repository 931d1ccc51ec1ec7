"""Usage errors and help as a person reads them.

Click (under Typer) shows a usage error as four lines in a box, in English; ledgerkit shows
one line in the person's language (``--lang en`` anywhere on the command line, Japanese
otherwise) and exits 2::

    Error: --kind に 'nope' は使えません (auto, hours, invoices, attendance のどれか) (ledgerkit aggregate -h で使い方を表示)

Help shows placeholders in words (``PATHS...``, ``TEXT``, ``FILE``, ``N``), never Python
types (``<list[str]>``, ``<bool>``) or ``{paths}...``.

:class:`PlainGroup` is the top-level command's class (``typer.Typer(cls=PlainGroup)``):
every command runs inside its ``main``, so every usage error of every command ends here.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Sequence

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

try:  # Typer 0.2x carries its own copy of Click
    from typer._click import exceptions as _errors
except ImportError:  # an older Typer: Click itself
    from click import exceptions as _errors

from ledgerkit.core import messages


def language(args: Sequence[str]) -> str:
    """``en`` when the command line asks for English (``--lang en`` / ``--lang=en``), else ``ja``.

    Examples:
        >>> language(["aggregate", "x", "--lang", "en"]), language(["--lang=en"]), language(["x"])
        ('en', 'en', 'ja')
    """
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "ja"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "ja"
    return "ja"


_CHOICE_VALUE = re.compile(r"(?:Value error, )?'(.*?)' is not one of")
_EXTRA = re.compile(r"^Got unexpected extra arguments?(?:\(s\))? \((.*)\)$")
_NOT_A_NUMBER = re.compile(r"valid (integer|float|number)")
_PATH = re.compile(r"^(?:File|Directory|Dir|Path|file|dir|directory|path) '(.*)' (is a file|is a directory|does not exist)\.?$")
_NO_COMMAND = re.compile(r"^No such command '(.*?)'\.?(?: Did you mean '(.*?)'\?)?$")


def usage_line(error: _errors.UsageError, lang: str = "ja") -> str:
    """A usage error as one line: what was wrong, then the help to look at."""
    text = messages.text
    param = getattr(error, "param", None)
    name = _name(param) if param is not None else getattr(error, "param_hint", None) or ""
    message = error.format_message() if not isinstance(error, _errors.NoSuchOption) else ""
    if isinstance(error, _errors.NoSuchOption):
        similar = ", ".join(sorted(error.possibilities or ()))
        line = text("usage_no_such_option", lang, option=error.option_name,
                    similar=text("usage_did_you_mean", lang, options=similar) if similar else "")
    elif isinstance(error, _errors.MissingParameter):
        key = "usage_missing_option" if isinstance(param, TyperOption) else "usage_missing_argument"
        line = text(key, lang, name=name)
    elif isinstance(error, _errors.BadOptionUsage) and "requires an argument" in message:
        line = text("usage_needs_value", lang, option=error.option_name)
    elif isinstance(error, _errors.BadOptionUsage) and "does not take a value" in message:
        line = text("usage_takes_no_value", lang, option=error.option_name)
    elif isinstance(error, _errors.BadParameter):
        choices = _choices(param) if param is not None else []
        found = _CHOICE_VALUE.search(error.message)
        bounds = param._get_number_range_help_str() if hasattr(param, "_get_number_range_help_str") else None
        if choices and found:
            line = text("usage_bad_choice", lang, name=name, value=repr(found.group(1)), choices=", ".join(choices))
        elif _PATH.match(error.message):
            path, what = _PATH.match(error.message).groups()
            key = {"is a file": "usage_path_is_file", "is a directory": "usage_path_is_folder"}.get(what,
                                                                                               "usage_path_missing")
            line = text(key, lang, name=name, path=path)
        elif _NOT_A_NUMBER.search(error.message):
            kind = _NOT_A_NUMBER.search(error.message).group(1)
            line = text("usage_not_integer" if kind == "integer" else "usage_not_number", lang, name=name)
        elif bounds:
            line = text("usage_out_of_range", lang, name=name, range=bounds.strip("[]"))
        elif lang == "ja" and error.message.isascii():
            # the parser's own sentence is English: say what is wrong without it
            line = text("usage_bad_value_plain", lang, name=name)
        else:
            line = text("usage_bad_value", lang, name=name, detail=error.message)
    elif _EXTRA.match(error.message):
        line = text("usage_extra_arguments", lang, args=_EXTRA.match(error.message).group(1))
    elif _NO_COMMAND.match(error.message):
        wrong, similar = _NO_COMMAND.match(error.message).groups()
        line = text("usage_no_such_command", lang, command=repr(wrong))
        if similar:
            line += text("usage_did_you_mean", lang, options=similar)
    else:
        line = text("usage_other", lang, detail=error.message)
    command = error.ctx.command_path if error.ctx is not None else "ledgerkit"
    return f"{line} {text('usage_help_hint', lang, command=command)}"


def _name(param: Any) -> str:
    """How a parameter is written on the command line: ``--rates``, ``PATHS``."""
    if isinstance(param, TyperOption):
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or param.opts)[0]
    return (param.name or "").upper()


#: a placeholder in help for a value of these types
_PLACEHOLDERS = {"int": "N", "float": "NUMBER", "path": "PATH", "file": "FILE", "directory": "FOLDER"}


def plain_placeholders(command: Any) -> None:
    """Placeholders in words in the help of ``command`` and every command under it."""
    if getattr(command, "_plain_placeholders", False):
        return
    command._plain_placeholders = True
    for param in command.params:
        _plain(param)
    # -h/--help is made afresh for each help page: a flag, shown without a type
    made = command.get_help_option

    def help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            option.display_type_rich = lambda ctx: None
        return option

    command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        plain_placeholders(sub)


def _plain(param: Any) -> None:
    if isinstance(param, TyperArgument):
        shown = (param.name or "").upper() + ("..." if param.nargs != 1 else "")
        param.metavar = shown
        # the instance's own: Typer shows an argument's Python type beside it, and {name} in the usage line
        param.display_type_rich = lambda ctx: None
        param._usage_display_name = lambda: shown if param.required else f"[{shown}]"
        return
    if getattr(param, "is_flag", False):
        param.display_type_rich = lambda ctx: None
        return
    if not isinstance(param, TyperOption) or param.metavar is not None:
        return
    if _choices(param):
        return  # the choices themselves: <down|half_up|up>
    param.metavar = _placeholder(param)


def _choices(param: Any) -> list[str]:
    """The values a parameter accepts, when it is a choice (Typer's descriptor, or Click's type)."""
    desc = getattr(param, "type_descriptor", None)
    choices = desc.choices if desc is not None else getattr(getattr(param, "type", None), "choices", None)
    return [str(getattr(c, "value", c)) for c in choices or ()]


def _placeholder(param: Any) -> str:
    """``N``, ``NUMBER``, ``FILE`` or ``TEXT`` for a parameter's value."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None:  # Click's own types
        return _PLACEHOLDERS.get(getattr(getattr(param, "type", None), "name", "text"), "TEXT")
    if desc.is_path or desc.is_file:
        # a folder where files are not accepted (file_okay=False)
        return "FOLDER" if getattr(desc.parameter_info, "file_okay", True) is False else "FILE"
    annotation = desc.annotation
    if desc.is_list:
        annotation = (getattr(annotation, "__args__", None) or (str,))[0]
    return {int: "N", float: "NUMBER"}.get(annotation, "TEXT")


class PlainGroup(TyperGroup):
    """The ``ledgerkit`` command: usage errors as one line, placeholders in words."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, *rest: Any,
             standalone_mode: bool = True, **kwargs: Any) -> Any:
        plain_placeholders(self)
        if not standalone_mode:
            return super().main(args, prog_name, *rest, standalone_mode=False, **kwargs)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(argv, prog_name, *rest, standalone_mode=False, **kwargs)
        except _errors.UsageError as e:
            if e.format_message().strip():  # none: the help was shown (a group given no command)
                typer.echo(f"Error: {usage_line(e, language(argv))}", err=True)
            sys.exit(e.exit_code)
        except _errors.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except typer.Abort:
            typer.echo(f"Error: {messages.text('usage_aborted', language(argv))}", err=True)
            sys.exit(1)
        # standalone: a command's typer.Exit(code) comes back as its code
        sys.exit(result if isinstance(result, int) else 0)
