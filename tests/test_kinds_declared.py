"""A kind declared as data (issue 16): ``kind_from_table`` reads a ``[kinds.NAME]`` table or refuses
it naming the key at fault; the built-in kinds are declared the same way and may be extended;
a declaration printed as TOML reads back to itself."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal

import pytest

from ledgerkit.config.rendering import render_kind
from ledgerkit.kinds import ATTENDANCE_FIELDS, HOURS_FIELDS, INVOICE_FIELDS
from ledgerkit.kinds.builtin import BUILTIN_KINDS
from ledgerkit.kinds.declared import (
    FIELD_TYPES,
    FieldSpec,
    KindError,
    KindSpec,
    extend_kind,
    kind_from_table,
    kind_to_table,
)

SALES = {
    "label": "支店別売上",
    "fields": {
        "branch": {"type": "text", "synonyms": ["支店", "支店名", "営業所"], "required": True, "label": "支店"},
        "month": {"type": "month", "synonyms": ["年月", "対象月", "月"], "required": True},
        "amount": {"type": "yen", "synonyms": ["売上", "売上高", "売上金額(円)"], "required": True, "min": 0},
        "count": {"type": "int", "synonyms": ["件数"]},
        "slip": {"type": "code", "synonyms": ["伝票番号"], "unique": True, "pattern": r"S-\d{4}"},
    },
    "by": "branch,month",
    "key": ["branch", "month"],
}


def test_the_issues_example_reads_as_a_kind():
    spec = kind_from_table("sales", SALES)
    assert spec == KindSpec(
        "sales", "支店別売上",
        (FieldSpec("branch", "text", ("支店", "支店名", "営業所"), True, "支店"),
         FieldSpec("month", "month", ("年月", "対象月", "月"), True),
         FieldSpec("amount", "yen", ("売上", "売上高", "売上金額(円)"), True, min=Decimal(0)),
         FieldSpec("count", "int", ("件数",)),
         FieldSpec("slip", "code", ("伝票番号",), unique=True, pattern=r"S-\d{4}")),
        by=("branch", "month"), key=("branch", "month"))
    # what the summary adds up: every int, yen, decimal and hours field unless sum says
    assert spec.values == ("amount", "count")
    assert kind_from_table("sales", {**SALES, "sum": "amount"}).values == ("amount",)


def test_by_defaults_to_the_first_text_field_and_the_month():
    table = {k: v for k, v in SALES.items() if k != "by"}
    assert kind_from_table("sales", table).by == ("branch", "month")


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        ({"fields": {"a": {"type": "money", "synonyms": ["x"]}}}, "fields.a.type",
         "must be one of text, int, yen, decimal, hours, date, month, rate, code, not 'money'"),
        ({"fields": {"a": {"type": "text"}}}, "fields.a.synonyms", "must list the header texts"),
        ({"fields": {"a": {"synonyms": []}}}, "fields.a.synonyms", "must list the header texts"),
        ({"fields": {"a": {"synonyms": "支店"}}}, "fields.a.synonyms", "must be a list of header texts"),
        ({"fields": {}}, "fields", "declare at least one field"),
        ({"fields": {"a": {"synonyms": ["x"]}}, "by": "b"}, "by", "no field 'b' (fields: a)"),
        ({"fields": {"a": {"synonyms": ["x"]}}, "key": "a,a"}, "key", "names a field twice"),
        ({"fields": {"a": {"synonyms": ["x"]}}, "sum": "a"}, "sum", "'a' is a text field"),
        ({"fields": {"a": {"synonyms": ["x"], "pattern": "("}}}, "fields.a.pattern", "not a regular expression"),
        ({"fields": {"a": {"type": "yen", "synonyms": ["x"], "pattern": "\\d"}}}, "fields.a.pattern",
         "pattern applies to text, code fields only (this field is yen)"),
        ({"fields": {"a": {"synonyms": ["x"], "min": 0}}}, "fields.a.min", "min applies to"),
        ({"fields": {"a": {"type": "yen", "synonyms": ["x"], "min": 5, "max": 1}}}, "fields.a.min", "min (5) is above max (1)"),
        ({"fields": {"a": {"type": "date", "synonyms": ["x"], "min": "2026-13-01"}}}, "fields.a.min",
         "'2026-13-01' is not a date value"),
        ({"fields": {"a": {"synonyms": ["x"], "one_of": []}}}, "fields.a.one_of", "must be a list of the values"),
        ({"fields": {"a": {"synonyms": ["x"], "required": "yes"}}}, "fields.a.required", "must be true/false, not a string"),
        ({"fields": {"a": {"synonyms": ["x"], "colour": 1}}}, "fields.a.colour", "unknown key (allowed: type, synonyms"),
        ({"fields": {"a": {"synonyms": ["支店"]}, "b": {"synonyms": ["支 店"]}}}, "fields.b.synonyms",
         "the header '支 店' is given for both a and b"),
        ({"fields": {"source_row": {"synonyms": ["x"]}}}, "fields.source_row", "is a provenance column"),
        ({"fields": {"売上": {"synonyms": ["x"]}}}, "fields.売上", "a kind's or field's name is letters"),
        ({"fields": {"a": {"synonyms": ["x"]}}, "reader": "hours"}, "reader", "belongs to the built-in kind hours"),
        ({"fields": {"a": {"synonyms": ["x"]}}, "colour": "red"}, "colour", "unknown key (allowed: label, fields"),
        ({"fields": ["a"]}, "fields", "must be a table"),
    ],
)
def test_a_declaration_that_cannot_work_names_its_key(change, key, message):
    with pytest.raises(KindError) as info:
        kind_from_table("sales", change)
    assert info.value.key == key
    assert message in info.value.message("en")
    # the same in Japanese, never English words in a Japanese line
    assert info.value.message("ja") and "must" not in info.value.message("ja")


def test_bounds_take_the_fields_type():
    spec = kind_from_table("k", {"fields": {
        "d": {"type": "date", "synonyms": ["日付"], "min": dt.date(2026, 4, 1), "max": "2027-03-31"},
        "m": {"type": "month", "synonyms": ["年月"], "min": "令和8年4月"},
        "h": {"type": "hours", "synonyms": ["時間"], "max": 24.5}}})
    assert spec.field("d").min == dt.date(2026, 4, 1) and spec.field("d").max == dt.date(2027, 3, 31)
    assert spec.field("m").min == "2026-04"
    assert spec.field("h").max == Decimal("24.5")
    # a bound written as text is read as a cell of the type is (和暦, 万, 全角, 8:00)
    spec = kind_from_table("k", {"fields": {
        "d": {"type": "date", "synonyms": ["日付"], "min": "令和8年4月1日", "max": "2027/3/31"},
        "y": {"type": "yen", "synonyms": ["金額"], "min": "△1万", "max": "１，０００，０００"},
        "h": {"type": "hours", "synonyms": ["時間"], "max": "8:30"}}})
    assert (spec.field("d").min, spec.field("d").max) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert (spec.field("y").min, spec.field("y").max) == (Decimal(-10000), Decimal(1000000))
    assert spec.field("h").max == Decimal("8.5")
    with pytest.raises(KindError, match="4/1"):
        kind_from_table("k", {"fields": {"d": {"type": "date", "synonyms": ["日付"], "min": "4/1"}}})


def test_a_kind_has_a_name_one_can_type():
    for bad in ("売上", "2nd", "a b", ""):
        with pytest.raises(KindError):
            kind_from_table(bad, SALES)


@pytest.mark.parametrize("table", [SALES, {"fields": {"d": {"type": "date", "synonyms": ["日付"], "min": "2026-04-01"},
                                                      "h": {"type": "hours", "synonyms": ["時間"], "max": 7.5}},
                                           "sort": "d", "sum": "h", "label": ""}])
def test_a_kind_as_a_table_and_as_toml_reads_back_to_itself(table):
    spec = kind_from_table("sales", table)
    assert kind_from_table("sales", kind_to_table(spec)) == spec
    text = render_kind(spec, lang="en")
    assert kind_from_table("sales", tomllib.loads(text)["kinds"]["sales"]) == spec


# --- the built-in kinds, declared the same way ----------------------------------------------


def test_builtin_kinds_take_their_synonyms_from_the_kinds_modules():
    for name, fields in (("hours", HOURS_FIELDS), ("invoices", INVOICE_FIELDS), ("attendance", ATTENDANCE_FIELDS)):
        spec = BUILTIN_KINDS[name]
        assert spec.reader == name
        assert spec.synonyms() == fields
        assert all(f.type in FIELD_TYPES and f.label for f in spec.fields)
    assert BUILTIN_KINDS["hours"].by == ("project", "person", "month")


@pytest.mark.parametrize("name", list(BUILTIN_KINDS))
def test_a_builtin_kind_printed_as_toml_is_accepted_back_as_it_is(name):
    spec = BUILTIN_KINDS[name]
    table = tomllib.loads(render_kind(spec))["kinds"][name]
    assert extend_kind(spec, table) == spec


def test_a_builtin_kind_takes_more_synonyms_a_field_and_a_by_but_keeps_its_reading():
    hours = BUILTIN_KINDS["hours"]
    spec = extend_kind(hours, {"label": "工数実績", "by": "client,month",
                               "fields": {"person": {"synonyms": ["要員"], "label": "要員"},
                                          "client": {"type": "code", "synonyms": ["顧客コード"], "unique": False}}})
    assert spec.label == "工数実績" and spec.by == ("client", "month")
    assert spec.field("person").synonyms[0] == "要員" and spec.field("person").label == "要員"
    assert spec.field("client") == FieldSpec("client", "code", ("顧客コード",))
    for change, key in [({"fields": {"hours": {"type": "decimal"}}}, "fields.hours.type"),
                        ({"fields": {"hours": {"required": False}}}, "fields.hours.required"),
                        ({"key": "person"}, "key"), ({"reader": "generic"}, "reader"),
                        ({"by": "client"}, "by")]:
        with pytest.raises(KindError) as info:
            extend_kind(hours, change)
        assert info.value.key == key
