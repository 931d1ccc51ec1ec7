"""A TemplateError raised where the language was not known is said in the command's language."""

import pytest
import typer

from ledgerkit.cli.common import fail
from ledgerkit.core.errors import TemplateError


def test_fail_words_a_keyed_template_error_in_english(capsys):
    err = TemplateError(key="draft_filter_empty_amount", params={"filter": "yen"}, prefix="日程調整.txt.j2: ")
    with pytest.raises(typer.Exit) as exit_:
        fail(err, lang="en")
    assert exit_.value.exit_code == err.exit_code
    assert capsys.readouterr().err == "Error: 日程調整.txt.j2: filter yen: the amount is empty\n"


def test_fail_keeps_japanese_by_default(capsys):
    with pytest.raises(typer.Exit):
        fail(TemplateError(key="draft_filter_empty_amount", params={"filter": "yen"}))
    assert capsys.readouterr().err == "Error: フィルター yen: 金額が空です\n"
