"""Received-invoice lists (受領請求書一覧): canonical fields and their header texts."""

from __future__ import annotations

#: header texts seen in invoice lists, per canonical field (config ``[columns.invoices]`` adds to them)
INVOICE_FIELDS: dict[str, list[str]] = {
    "invoice_no": [
        "請求書番号", "請求番号", "請求書No", "請求書No.", "請求No", "請求書NO", "請求書#", "インボイス番号",
        "請求書ID", "伝票番号", "Invoice No", "Invoice Number", "Invoice #",
    ],
    # 伝票日付 / 売上日 (弥生販売, freee and マネーフォワード sales exports): the date the invoice or 売上伝票 is dated.
    # 取引日付 / 取引日 stay the transaction date below (弥生会計's 仕訳 export: the date of the supply)
    "issue_date": ["発行日", "請求日", "請求書発行日", "請求年月日", "請求書日付", "発行年月日", "発行日付", "請求日付",
                   "伝票日付", "伝票日", "売上日", "売上日付", "売上年月日", "請求書発行日付", "Invoice Date",
                   "Issue Date", "Billing Date"],
    # the date (or period) of the supply, not of the invoice: purchases are booked by its month
    "transaction_date": ["取引年月日", "取引日", "取引日付", "取引年月日・期間", "取引期間", "納品日", "検収日",
                         "Transaction Date"],
    # the month the purchase is booked in, as the list says it
    "booking_month": ["計上月", "計上年月", "計上日", "Booking Month"],
    "received_date": ["受領日", "受付日", "受取日", "到着日"],
    "vendor": [
        "取引先", "取引先名", "仕入先", "仕入先名", "請求元", "請求元名", "発行元", "発行者", "支払先", "支払先名",
        "業者名", "業者", "外注先", "会社名", "請求者", "Vendor", "Supplier",
    ],
    "vendor_code": ["取引先コード", "仕入先コード", "支払先コード", "業者コード", "Vendor Code"],
    "registration_no": [
        "登録番号", "適格請求書発行事業者登録番号", "インボイス登録番号", "インボイス番号(登録番号)", "T番号",
        "事業者登録番号", "適格番号", "Registration No",
    ],
    "po_no": ["注文番号", "発注番号", "注文書番号", "発注書番号", "発注No", "注文No", "PO番号", "PO No", "PO", "稟議番号/注文番号"],
    "subject": ["件名", "摘要", "内容", "品名", "取引内容", "請求内容", "品目", "商品名"],
    "net": [
        "税抜金額", "税抜", "税抜額", "本体金額", "本体価格", "金額(税抜)", "請求金額(税抜)", "税抜請求額", "課税対象額",
        "小計", "Net", "Amount (excl. tax)",
    ],
    "tax": ["消費税", "消費税額", "消費税等", "税額", "消費税等の額", "Tax", "Consumption Tax"],
    "total": [
        "税込金額", "税込合計", "税込", "合計金額", "合計", "税込請求額", "請求金額(税込)", "請求額(税込)", "支払総額",
        "Total", "Amount (incl. tax)",
    ],
    # 金額 / 請求金額 without a basis: net or total, decided per sheet (see _resolve_amount)
    "amount": ["金額", "請求金額", "請求額", "Amount"],
    "tax_rate": ["税率", "消費税率", "税区分", "税率区分", "Tax Rate"],
    "due_date": ["支払期日", "支払予定日", "支払期限", "期日", "支払期限日", "お支払期限", "お支払期日", "入金予定日",
                 "入金期日", "Due Date"],
    "paid_date": ["支払日", "支払済日", "支払完了日"],
    "project": ["案件", "案件コード", "案件名", "プロジェクト", "プロジェクトコード", "PJ", "PJコード", "Project"],
    # an SES / 準委任 list bills one person's month per line (settle matches them): who and which month.
    # Not 担当者 / 担当: in an invoice list that is who handles the invoice here, not who is billed for
    "person": ["対象者", "対象者名", "氏名", "要員", "要員名", "技術者", "技術者名", "作業者", "作業者名", "稼働者",
               "Person", "Engineer"],
    "month": ["対象月", "対象年月", "対象期間", "作業月", "作業年月", "作業期間", "稼働月", "稼働年月", "稼働期間",
              "請求対象月", "請求対象期間", "精算月", "取引年月", "Service Month", "Billing Month"],
    "withholding": ["源泉税", "源泉徴収税", "源泉徴収税額", "源泉所得税", "源泉徴収額"],
    "payment": ["差引支払額", "支払額", "振込額", "支払金額", "差引額"],
    # split-rate columns: a two-row header (税抜金額 over 10% / 8%) joins to these texts
    "net_10": ["税抜金額10%", "税抜金額(10%)", "税抜10%", "税抜(10%)", "10%対象", "10%対象額", "10%対象(税抜)", "課税10%", "本体10%", "標準税率対象"],
    "net_8": ["税抜金額8%", "税抜金額(8%)", "税抜8%", "税抜(8%)", "8%対象", "8%対象額", "8%対象(税抜)", "課税8%", "本体8%", "軽減税率対象", "8%対象(軽減)"],
    "tax_10": ["消費税10%", "消費税(10%)", "消費税額10%", "消費税額(10%)", "税額10%", "税額(10%)", "10%消費税"],
    "tax_8": ["消費税8%", "消費税(8%)", "消費税額8%", "消費税額(8%)", "税額8%", "税額(8%)", "8%消費税", "消費税(軽減8%)"],
}

# --- money columns by pattern ------------------------------------------------------------------
# A money column is found by a synonym above or by these declared patterns (both whole-header:
# invoices.layout.money_header). From the normalised header (NFKC, no spaces) a rate written
# before or after it (10%, (8%), 標準, 軽減税率8%, 8%対象), a basis in brackets ((税抜), (税込))
# and a unit ((円)) are taken off; what is left must be one of these words, all of it: 税抜金額,
# 10%対象, 消費税(8%) are money columns; 対象者, 対象月, 課税区分, 支払額 are not (対象 and 金額
# are fragments shared with other headers, never enough).

#: a rate word (a header's prefix or suffix): 10%, 8%, 標準, 軽減, 標準税率10%, 軽減8% ...
INVOICE_RATE_WORD = r"(?:標準|軽減)(?:税率)?(?:(?:10|8)(?:\.0+)?%)?|(?<![\d.])(?:10|8)(?:\.0+)?%"
#: the rate each rate word names: a word holding 8 or 軽減 is the reduced rate, 10 or 標準 the standard one
INVOICE_RATE_OF_WORD = {"0.08": r"8|軽減", "0.10": r"10|標準"}

_AMOUNT = r"(?:請求|取引)?(?:金額|額)|価格|代金"
_SUM = r"合計(?:金額|額)?|総額|総合計|総計"
#: what is left of a money header once its rate, basis and unit are off → the kind of amount.
#: ``amount`` says neither net nor total (金額, 請求額): the layout decides (invoices.layout.resolve_amount)
INVOICE_MONEY_PATTERNS: dict[str, str] = {
    "tax": r"(?:うち)?(?:消費税(?:及び地方消費税)?(?:等)?|税)(?:額|の額|相当額)?(?:合計|計)?",
    # 10%対象合計 is the rate's total: 対象 takes no 合計 (it is read as 10%対象 + 合計)
    "net": rf"(?:税抜|本体|課税対象|課税|外税)(?:{_AMOUNT}|{_SUM}|小計)?|対象(?:{_AMOUNT}|小計)?|小計",
    "total": rf"税込(?:{_AMOUNT}|{_SUM})?|(?:請求|取引)?(?:{_SUM})|(?:{_AMOUNT})(?:{_SUM})|支払総額",
    "amount": _AMOUNT,
}
