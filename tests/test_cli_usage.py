"""Usage errors are one line in the person's language (exit 2); help shows placeholders in
words and examples that name files in examples/ (ledgerkit.cli.usage)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from ledgerkit.cli.usage import language

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], prog_name="ledgerkit")


@pytest.mark.parametrize(("args", "ja", "en"), [
    (["check", "invoices", "x.xlsx", "--bogus"],
     "Error: --bogus というオプションはありません (ledgerkit check invoices -h で使い方を表示)",
     "Error: no such option: --bogus (see ledgerkit check invoices -h)"),
    (["check", "invoices", "x.xlsx", "--ordrs", "po.xlsx"],
     "Error: --ordrs というオプションはありません (--orders, --record のことですか?) (ledgerkit check invoices -h で使い方を表示)",
     "Error: no such option: --ordrs (did you mean --orders, --record?) (see ledgerkit check invoices -h)"),
    (["aggregate"],
     "Error: PATHS を指定してください (ledgerkit aggregate -h で使い方を表示)",
     "Error: missing PATHS (see ledgerkit aggregate -h)"),
    (["draft-ringi", "x", "--manifest", "nope"],
     "Error: --manifest に 'nope' は使えません (csv, json のどれか) (ledgerkit draft-ringi -h で使い方を表示)",
     "Error: --manifest: 'nope' is not one of csv, json (see ledgerkit draft-ringi -h)"),
    # --kind also takes the kinds declared in ledgerkit.toml: an unknown one is the kinds' own line
    (["aggregate", "x", "--kind", "nope"],
     "Error: --kind は auto, hours, invoices, attendance のどれかです ('nope' ではなく)。ほかの一覧は "
     "ledgerkit.toml の [kinds.名前] で宣言できます (一覧: ledgerkit kinds)",
     "Error: --kind must be one of auto, hours, invoices, attendance, not 'nope'; declare other lists as "
     "[kinds.NAME] in ledgerkit.toml (list them with: ledgerkit kinds)"),
    (["aggregate", "x", "--jobs", "0"],
     "Error: --jobs は x>=1 の範囲で指定してください (ledgerkit aggregate -h で使い方を表示)",
     "Error: --jobs must be x>=1 (see ledgerkit aggregate -h)"),
    (["budget", "b.xlsx", "--hours", "h"],
     "Error: --rates を指定してください (ledgerkit budget -h で使い方を表示)",
     "Error: missing option --rates (see ledgerkit budget -h)"),
    (["nosuch"],
     "Error: 'nosuch' というコマンドはありません (ledgerkit -h で使い方を表示)",
     "Error: no such command: 'nosuch' (see ledgerkit -h)"),
])
def test_a_usage_error_is_one_line_in_the_persons_language(args, ja, en):
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, ja + "\n")
    result = run(*args, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, en + "\n")


def test_an_option_without_its_value_is_one_line():
    result = run("aggregate", "x", "-o")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: -o には値が要ります (")


def test_the_language_is_read_from_the_command_line():
    assert language(["x", "--lang", "en"]) == "en" and language(["--lang=en"]) == "en"
    assert language(["x", "--lang", "ja"]) == "ja" and language(["x"]) == "ja"


def _commands(group=None, prefix=()):
    import typer.main

    group = group or typer.main.get_command(app)
    for name, command in sorted(getattr(group, "commands", {}).items()):
        if getattr(command, "commands", None):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


COMMANDS = list(_commands())


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_shows_placeholders_in_words(command):
    result = runner.invoke(app, [*command, "--help"], prog_name="ledgerkit", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    # no Python type (<list[str]>, <bool>, <str>, <int range>) and no {paths}...
    assert not re.search(r"<(list\[|bool>|str>|int|float|path>|file>)|\{[a-z_]+\}", result.output), result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_examples_name_files_that_exist(command):
    result = runner.invoke(app, [*command, "--help"], prog_name="ledgerkit", env={"COLUMNS": "400"})
    text = " ".join(result.output.split())  # the example may wrap
    for example in re.findall(r"Example: (ledgerkit .*?)(?:$|\s{2,}|│)", text):
        for word in shlex.split(example):
            if word.startswith("examples/"):
                assert (ROOT / word).exists(), f"{' '.join(command)}: {word}"


def _help_texts(command):
    import typer.main

    cmd = typer.main.get_command(app)
    for name in command:
        cmd = cmd.commands[name]
    return [cmd.help or "", *(getattr(p, "help", None) or "" for p in cmd.params)]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_keeps_every_bracketed_word(command):
    # Rich reads [kinds.NAME] as a style tag and drops it ("declared as  in ledgerkit.toml"):
    # every [word] written in a help text must reach the screen
    result = runner.invoke(app, [*command, "--help"], prog_name="ledgerkit", env={"COLUMNS": "400"})
    shown = " ".join(result.output.split())
    for text in _help_texts(command):
        for word in re.findall(r"\\?\[[A-Za-z_][\w.]*\]", text):
            assert word.lstrip("\\") in shown, f"{' '.join(command)}: {word} is not in --help"
