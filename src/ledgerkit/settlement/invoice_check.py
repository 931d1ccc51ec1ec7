"""The vendors' invoices checked against the settlement: :func:`check_settled_invoices`."""

from __future__ import annotations

from ledgerkit.attendance.cells import person_key
from ledgerkit.core import messages
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result
from ledgerkit.invoices.rows import person_names
from ledgerkit.parse.names import vendor_key
from ledgerkit.parse.months import split_month_label
from ledgerkit.parse.periods import parse_year_month
from ledgerkit.parse.text import normalize_text
from ledgerkit.settlement.columns import CHECK_LABELS, INVOICE_CHECK_COLUMNS
from ledgerkit.settlement.report import write_settlement

def _prev_month(ym: str) -> str:
    y, m = split_month_label(ym)
    return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"


def _month_rank(ym: str, months: list[str]) -> int | None:
    """Where ``ym`` stands among an invoice's candidate months (0 = its most likely), or None."""
    for i, m in enumerate(months):
        if m == ym or (m.startswith("????") and m[4:] == ym[4:]):
            return i
    return None


def _given_months(inv) -> list[str]:
    """Each row's month billed when the list said it (its 対象月), else ""."""
    if "month" not in inv.columns:
        return [""] * len(inv)
    months = ["" if not isinstance(m, str) else m for m in inv["month"]]
    if "_month_given" not in inv.columns:
        # a frame made by hand (or without ledgerkit's internal columns) names the month it bills
        return months
    # True as bool or numpy.bool_; a blank (NaN) where a frame without the column was joined is not
    return [m if str(given) == "True" else "" for m, given in zip(months, inv["_month_given"])]


def _text_month(texts, issue) -> str | None:
    """The month ``11月分`` in a subject or project names (its year from the issue date), or None."""
    import pandas as pd

    for text in texts:
        if isinstance(text, pd.Timestamp) or hasattr(text, "year"):
            return f"{text.year:04d}-{text.month:02d}"
        found = parse_year_month(text) if isinstance(text, str) and text else None
        if found and found[1]:
            year = found[0]
            if year is None and issue is not None:
                # 11月分 on an invoice issued in January is the year before
                year = issue.year - (1 if found[1] > issue.month else 0)
            # 10月分 with no year anywhere: October of whichever year is settled
            return f"{year:04d}-{found[1]:02d}" if year else f"????-{found[1]:02d}"
    return None


def _invoice_records(invoices) -> list[dict]:
    """One record per invoice and person billed (an invoice's rows at several tax rates added up;
    an invoice billing two people on two lines is two records)."""
    import pandas as pd

    inv = invoices.copy()
    if "invoice_key" not in inv or (inv["invoice_key"].astype(str) == "").all():
        inv["invoice_key"] = [f"{f}|{s}|{r}" for f, s, r in zip(inv["source_file"], inv["source_sheet"], inv["source_row"])]
    inv["_given"] = _given_months(inv)
    inv["_who"] = [p if isinstance(p, str) else "" for p in inv["person"]] if "person" in inv.columns else ""
    records = []
    for (key, who), g in inv.groupby(["invoice_key", "_who"], sort=False):
        first = g.iloc[0]
        nets = [v for v in g["net"] if v is not None and not pd.isna(v)]
        if not nets:
            continue
        issue = next((first.get(c) for c in ("issue_date", "received_date")
                      if first.get(c) is not None and not pd.isna(first.get(c))), None)
        explicit = first["_given"] or _text_month([first.get("subject", ""), first.get("project", "")], issue)
        if explicit:
            months = [explicit]
        elif issue is not None:
            own = f"{issue.year:04d}-{issue.month:02d}"
            # issued in the first days of a month: most likely for the month before
            months = [_prev_month(own), own] if issue.day <= 20 else [own, _prev_month(own)]
        else:
            months = []
        vendor = normalize_text(first.get("vendor", ""))
        names = person_names(who)
        records.append({
            "key": key,
            "invoice_no": normalize_text(first.get("invoice_no", "")),
            "vendor": vendor,
            "vendor_key": first.get("vendor_key") or vendor_key(vendor),
            "po_no": normalize_text(first.get("po_no", "")),
            "person": "、".join(names),
            "person_keys": tuple(person_key(n) for n in names),
            "net": int(sum(int(v) for v in nets)),
            "net_column": str(first.get("_col_net") or "net") if "_col_net" in g else "net",
            "month_column": str(first.get("_col_month") or "") if "_col_month" in g else "",
            "person_column": str(first.get("_col_person") or "") if "_col_person" in g else "",
            "months": months,
            "file": str(first.get("source_file", "")),
            "sheet": str(first.get("source_sheet", "")),
            "row": int(first["source_row"]) if not pd.isna(first.get("source_row")) else None,
            "used": False,
        })
    return records


def check_settled_invoices(frame, invoices, *, month: str | None = None, contracts=None, lang: str = "ja") -> Result:
    """Compare each settled amount with the vendor's invoice for that person and month.

    ``frame`` is the settlement (``settle(...).frame``); ``invoices`` an invoice frame or
    the Result of reading invoice lists. An invoice matches by vendor (name key) and month
    (its ``month`` when the list names it — 対象月, 作業月 — or ``11月分`` in the subject;
    otherwise its issue date: from the 21st on, that month, before it the month before), and
    by ``person`` (対象者, 氏名, 要員) or PO number when the list has them. One invoice for
    several people of the same vendor is compared with their sum. An invoice that names a
    person with no settlement, or a settled person for another month than theirs, is a
    finding that names the invoice and the person.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``settlement``
    (``frame, findings = check_settled_invoices(...)`` works too): the frame with
    :data:`INVOICE_CHECK_COLUMNS` added, every invoice that does not bill the settled amount
    in ``issues``; ``result.write(path)`` writes the settlement report.
    """
    out = frame.copy()
    for col in ("_po_no", "_source_file", "_source_sheet"):
        # settle()'s frame carries where each row came from; one made by hand may not
        if col not in out:
            out[col] = ""
    findings: list[Issue] = []
    for col in INVOICE_CHECK_COLUMNS:
        out[col] = None
    records = _invoice_records(invoices.frame if isinstance(invoices, Result) else invoices)
    out["_vkey"] = [vendor_key(v) for v in out["vendor"]]
    out["_pkey"] = [person_key(p) for p in out["person"]]
    matcher = _Matcher(out, findings, lang)
    for (vkey, ym), group in out.sort_values("month").groupby(["_vkey", "month"], sort=True):
        matcher.match(vkey, ym, group, records)
    matcher.named_elsewhere(records)
    findings.extend(_unsettled_invoices(records, out, month, contracts))
    out = out.drop(columns=[c for c in out.columns if c.startswith("_")])
    for col in ("billed", "difference"):
        out[col] = out[col].astype("Int64")
    return Result("settlement", out, findings, meta={"month": month, "invoices": True, "lang": lang},
                  writer=write_settlement)


def _unsettled_invoices(records: list[dict], out, month: str | None, contracts) -> list[Issue]:
    """Invoices from the contracts' vendors that bill a settled month with no attendance."""
    vendors = set(out["_vkey"])
    if contracts is not None and len(contracts):
        vendors |= {vendor_key(v) for v in contracts["vendor"] if v}
    months = {month} if month else set(out["month"])
    settled = set(out["_pkey"])
    found = []
    for r in records:
        if r["used"] or r["vendor_key"] not in vendors or not r["months"]:
            continue
        if not any(_month_rank(m, r["months"][:1]) == 0 for m in months):
            continue
        unknown = [n for n, k in zip(person_names(r["person"]), r["person_keys"]) if k not in settled]
        if unknown:
            # the invoice says whom it bills: name them (a person with no attendance sheet or
            # contract here, or a name written otherwise than on the attendance sheet)
            found.append(Issue(
                "settle_invoice_unknown_person", file=r["file"], sheet=r["sheet"], row=r["row"],
                column=r["person_column"], value="、".join(unknown), severity="error", scope="settlement",
                params={"invoice_no": r["invoice_no"] or "-", "vendor": r["vendor"], "month": r["months"][0],
                        "billed": f"{r['net']:,}", "person": "、".join(unknown)},
            ))
            continue
        found.append(Issue(
            "settle_no_attendance", file=r["file"], sheet=r["sheet"], row=r["row"], column=r["net_column"],
            value=str(r["net"]), severity="error", scope="settlement",
            params={"invoice_no": r["invoice_no"] or "-", "vendor": r["vendor"], "month": r["months"][0],
                    "billed": f"{r['net']:,}"},
        ))
    return found


class _Matcher:
    """Pairs the settled rows of one vendor and month with that vendor's invoices, marking each row."""

    def __init__(self, out, findings: list[Issue], lang: str):
        self.out, self.findings = out, findings
        self.check = {k: v[0 if lang == "ja" else 1] for k, v in CHECK_LABELS.items()}

    def mark(self, idx, inv, status, group_amount) -> None:
        out = self.out
        out.at[idx, "invoice_no"] = inv["invoice_no"] if inv else None
        out.at[idx, "billed"] = inv["net"] if inv else None
        out.at[idx, "difference"] = (inv["net"] - group_amount) if inv else None
        out.at[idx, "check"] = self.check[status]

    def compare(self, idxs, inv) -> None:
        out = self.out
        amount = int(sum(out.at[i, "amount"] for i in idxs))
        inv["used"] = True
        status = "ok" if inv["net"] == amount else "diff"
        for i in idxs:
            self.mark(i, inv, status, amount)
        if status == "diff":
            names = "・".join(out.at[i, "person"] for i in idxs)
            self.findings.append(Issue(
                "settle_amount_mismatch", file=inv["file"], sheet=inv["sheet"], row=inv["row"], column=inv["net_column"],
                value=str(inv["net"]), severity="error", scope="settlement",
                params={"person": names, "month": out.at[idxs[0], "month"], "billed": f"{inv['net']:,}",
                        "settled": f"{amount:,}", "diff": f"{inv['net'] - amount:+,}",
                        "invoice_no": inv["invoice_no"]},
            ))

    def match(self, vkey: str, ym: str, group, records: list[dict]) -> None:
        """The rows of one vendor (key) and month: by person or PO first, then the vendor's other invoices."""
        out = self.out
        # a contract without a vendor can still be matched by person or PO, from any vendor
        candidates = [r for r in records if not r["used"] and (r["vendor_key"] == vkey or not vkey)
                      and _month_rank(ym, r["months"]) is not None]
        # the primary month first, so an invoice is matched to the month it most likely bills
        candidates.sort(key=lambda r: _month_rank(ym, r["months"]))
        left = self.match_named(list(group.index), candidates)
        free = [r for r in candidates if vkey and not r["used"] and not r["person_keys"]
                and not (r["po_no"] and r["po_no"] in set(out.loc[group.index, "_po_no"]))]
        if not left:
            return
        if not free:
            for idx in left:
                self.no_invoice(idx, ym)
            return
        if len(free) == 1:
            self.compare(left, free[0])
            return
        # several invoices, several people: pair equal amounts, then a last one-to-one pair
        for idx in list(left):
            same = next((r for r in free if not r["used"] and r["net"] == out.at[idx, "amount"]), None)
            if same is not None:
                self.compare([idx], same)
                left.remove(idx)
        rest = [r for r in free if not r["used"]]
        if len(left) == 1 and len(rest) == 1:
            self.compare(left, rest[0])
        else:
            for idx in left:
                self.ambiguous(idx, rest)

    def match_named(self, left: list, candidates: list[dict]) -> list:
        """The rows an invoice names (by person or PO number) compared with it; the rows left.

        An invoice naming two people (高橋 健一、伊藤 美咲) is compared with their sum; a row
        that two invoices name is ambiguous."""
        out = self.out
        named_by = {}
        for idx in left:
            po = out.at[idx, "_po_no"]
            named_by[idx] = [r for r in candidates if not r["used"] and (
                out.at[idx, "_pkey"] in r["person_keys"] or (po and r["po_no"] == po))]
        for idx in left:
            if len(named_by[idx]) > 1:
                self.ambiguous(idx, named_by[idx])
        for r in candidates:
            idxs = [idx for idx in left if named_by[idx] == [r]]
            if idxs and not r["used"]:
                self.compare(idxs, r)
            elif idxs:
                # the one invoice naming them was taken as one of several for another row
                for idx in idxs:
                    named_by[idx] = []
        return [idx for idx in left if not named_by[idx]]

    def named_elsewhere(self, records: list[dict]) -> None:
        """An invoice left over that names a person whose settlement found no invoice, for
        another month: the invoice's month is wrong (or the attendance sheet's). Said once,
        on the person's row, naming the invoice, instead of 'no invoice'."""
        out = self.out
        for r in records:
            if r["used"] or not r["person_keys"] or not r["months"]:
                continue
            rows = [idx for idx in out.index if out.at[idx, "_pkey"] in r["person_keys"]
                    and out.at[idx, "check"] == self.check["none"]
                    and (not r["vendor_key"] or not out.at[idx, "_vkey"] or out.at[idx, "_vkey"] == r["vendor_key"])]
            if not rows:
                continue
            r["used"] = True
            amount = int(sum(out.at[i, "amount"] for i in rows))
            for idx in rows:
                self.mark(idx, r, "month", amount)
                ym = out.at[idx, "month"]
                self.findings[:] = [f for f in self.findings if not (
                    f.code == "settle_no_invoice" and f.params.get("person") == out.at[idx, "person"]
                    and f.params.get("month") == ym)]
            self.findings.append(Issue(
                "settle_invoice_other_month", file=r["file"], sheet=r["sheet"], row=r["row"],
                column=r["month_column"] or r["net_column"], value=r["months"][0], severity="error",
                scope="settlement",
                params={"invoice_no": r["invoice_no"] or "-", "vendor": r["vendor"], "billed_month": r["months"][0],
                        "person": "・".join(out.at[i, "person"] for i in rows), "month": out.at[rows[0], "month"],
                        "billed": f"{r['net']:,}", "settled": f"{amount:,}"},
            ))

    def no_invoice(self, idx, ym: str) -> None:
        out = self.out
        self.mark(idx, None, "none", 0)
        self.findings.append(Issue(
            "settle_no_invoice", file=out.at[idx, "_source_file"], sheet=out.at[idx, "_source_sheet"],
            severity="error", scope="settlement",
            params={"person": out.at[idx, "person"], "month": ym, "vendor": out.at[idx, "vendor"],
                    "settled": f"{int(out.at[idx, 'amount']):,}"},
        ))

    def ambiguous(self, idx, invoices) -> None:
        out = self.out
        for r in invoices:
            r["used"] = True
        self.mark(idx, None, "ambiguous", 0)
        self.findings.append(Issue(
            "settle_ambiguous_invoice", file=out.at[idx, "_source_file"], sheet=out.at[idx, "_source_sheet"],
            severity="error", scope="settlement",
            params={"person": out.at[idx, "person"], "month": out.at[idx, "month"], "vendor": out.at[idx, "vendor"],
                    "count": len(invoices), "invoices": _invoice_names(invoices)},
        ))


def _invoice_names(invoices) -> str | dict[str, str]:
    """``A-1, A-2``: the invoices by number; one without a number by its row (``3行`` / ``row 3``)."""
    if all(r["invoice_no"] for r in invoices):
        return ", ".join(r["invoice_no"] for r in invoices)
    return {lang: ", ".join(r["invoice_no"] or messages.text("row_n", lang, row=r["row"]) for r in invoices)
            for lang in ("ja", "en")}
