"""The message catalogue: every sentence ledgerkit shows a person, in Japanese and English.

Keys are stable codes (they appear in reports' ``code`` column and in tests); values are
``(ja, en)`` format strings. Each area of the code has its own section below; add new
messages there rather than writing sentences in the code.
"""

from __future__ import annotations

import os
import re

MESSAGES: dict[str, tuple[str, str]] = {
    # --- intake: files and sheets -------------------------------------------------
    "lock_file": (
        "{original} は Excel で開かれています。保存してから実行してください (読むのは保存済みの内容です; ロックファイル ~$ は読みません)",
        "{original} is open in Excel: save it and run again (what is read is the saved content; the ~$ lock file is not read)",
    ),
    "not_regular_file": (
        "通常のファイルではない (名前付きパイプ・デバイスなど) ため読み込みません",
        "not a regular file (a named pipe, a device …): not read",
    ),
    "input_not_found": ("{path}: そのようなファイルやフォルダはありません", "{path}: no such file or folder"),
    "input_no_match": ("{pattern}: このパターンに合うファイルはありません", "{pattern}: no file matches this pattern"),
    "input_no_spreadsheet": (
        "{path}: 表計算ファイル (.xlsx .xlsm .xls .ods .csv) がありません",
        "{path}: no spreadsheet files (.xlsx .xlsm .xls .ods .csv) found",
    ),
    "input_nothing_to_read": (
        "{path}: 読むファイルがありません — {count} 件を除外しました ({reasons})",
        "{path}: nothing to read — {count} file(s) skipped ({reasons})",
    ),
    "input_cannot_open": ("{path}: 開けません ({error})", "{path}: cannot open ({error})"),
    "duplicate_file": (
        "{original} と同一内容のファイルのため1回だけ数えます",
        "byte-identical to {original}: counted once",
    ),
    # --- how inspect shows where a field was found (a mapping's right-hand side) ---
    "map_day_columns": ("{count}日分の列 ({span})", "{count} day columns ({span})"),
    "map_the_day_columns": ("日の列", "the day columns"),
    "map_unit_hours": ("{unit} × {factor} = 時間", "{unit} × {factor} = hours"),
    "map_unit_column": ("{hours} (単位は {column} 列の値で時間に換算)", "{hours} (turned into hours by the unit in column {column})"),
    "map_month_entries": ("なし: {month} の月単位の記録 (日付 {date})", "none: entries for the month {month} (dated {date})"),
    "map_project_columns": ("{count} 列: {names}", "{count} columns: {names}"),
    "map_project_values": ("案件の列の値", "the project columns' values"),
    "map_actual_only": (" (実績の列)", " (their 実績 columns)"),
    "map_check_only": (" (照合のみ)", " (checked against, not read)"),
    "person_fuller_name": (
        "ファイル名の氏名 {short} を、同じファイルの別のシートにある {full} と同じ人として数えます",
        "the person {short} of the file name is counted as {full}, named on another sheet of the same file",
    ),
    "copy_differs": (
        "{original} のコピーのようですが内容が違うため読みました (両方にある記入は一度だけ数えます)。古いコピーなら読む場所から外してください",
        "looks like a copy of {original} but its content differs, so it was read (entries in both count once); move it out if it is an old copy",
    ),
    "unsupported_file": (
        "表計算ファイルではないため読み込みません",
        "not a spreadsheet file: not read",
    ),
    "hidden_sheet": (
        "非表示シートのため読み込みません (--include-hidden で読み込みます)",
        "hidden sheet: not read (use --include-hidden)",
    ),
    "no_table": (
        "{kind}の表が見つかりません (必要な列: {fields})",
        "no {kind} table found (needs columns: {fields})",
    ),
    "no_table_any": (
        "工数・請求書・勤怠のどの表も見つかりません ({kinds} を試しました; --kind で種類を指定できます)",
        "no table of any kind found (tried {kinds}; name one with --kind)",
    ),
    "helper_sheet": (
        "補助シート({what})のためデータではありません",
        "helper sheet ({what}): not data",
    ),
    "extra_table": (
        "データ表とは別の表 ({range}) のため読み込みません",
        "a second table ({range}) beside the data table: not read",
    ),
    "empty_sheet": ("空のシートです", "empty sheet"),
    "symlink_skipped": (
        "フォルダ内のシンボリックリンクは読みません (読むならファイルを直接指定してください)",
        "a symbolic link inside a folder: not followed (name the file itself to read it)",
    ),
    "own_report": (
        "ledgerkit が書き出したレポートのため読み込みません (二重に数えないため)",
        "a report ledgerkit wrote: not read (its rows would count twice)",
    ),
    "accounting_mismatch": (
        "行数が合いません: 読んだ {read} 行 ≠ 集計 {consolidated} + 除外 {rejected} — ledgerkit の不具合です。入力ファイルを添えて報告してください",
        "the rows do not add up: {read} read ≠ {consolidated} consolidated + {rejected} rejected — a bug in ledgerkit; please report it with the input",
    ),
    "unread_data": (
        "{what} がありますが、どの表としても読めませんでした ({reason}) — ledgerkit inspect {file} で見え方を確認し、"
        "--kind や ledgerkit.toml の [columns.<種類>] に見出しを加えると読めます",
        "holds {what} but no table of it could be read ({reason}) — see how it is read with ledgerkit inspect {file}; "
        "--kind, or header words added under [columns.<kind>] in ledgerkit.toml, can read it",
    ),
    "unread_no_reason": (
        "このコマンドの読む見出しの行が見つかりません",
        "no header row this command reads was found in it",
    ),
    # where a sheet-wide value (person, month) was found, as inspect lists it (detect.found_in)
    "found_in_cell": ("セル {cell}", "cell {cell}"),
    "found_in_sheet_name": ("シート名", "sheet name"),
    "found_in_file_name": ("ファイル名", "file name"),
    "found_in_date_column": ("日付の列", "the date column"),
    "found_in_created": ("作成日", "the date the sheet was made"),
    "found_by_option": ("--person / [read] person", "--person / [read] person"),
    "inspect_other_input": (
        "{what}です (見出し {row} 行目、読める値 {rows} 件) — ledgerkit {command} で読みます (aggregate の種類ではありません)",
        "a {what} (header on row {row}, {rows} entries read): read by ledgerkit {command}, not by aggregate",
    ),
    "unread_data_inspect": (
        "{what} がありますが、どの表としても読めませんでした — --kind や ledgerkit.toml の [columns.<種類>] に見出しを加えると読めます",
        "holds {what} but no table of it could be read — --kind, or header words added under [columns.<kind>] in "
        "ledgerkit.toml, can read it",
    ),
    "other_kind": (
        "{kind}のデータのシートです ({rows} 行; --kind {kind_option} で集計します)",
        "this sheet holds {kind} data ({rows} rows; use --kind {kind_option})",
    ),
    "sheet_header_only": ("見出し ({row} 行目) だけでデータ行がありません", "only its header (row {row}), no data row"),
    "file_no_rows": (
        "このファイルからは1行も集計されませんでした ({sheets} シート: {reasons})",
        "not one row was consolidated from this file ({sheets} sheets: {reasons})",
    ),
    "unreadable_file": ("{reason}", "{reason}"),
    # refusal reasons of read_workbook / run_isolated (UnreadableFileError.message_key)
    "file_not_found": ("ファイルがありません", "file not found"),
    "file_not_a_file": ("ファイルではありません (フォルダなど)", "not a file (a folder?)"),
    "file_io_error": ("ファイルを開けません ({detail})", "cannot open the file ({detail})"),
    "file_too_large": (
        "ファイルが大きすぎます ({size} MB、上限 {limit} MB)",
        "file too large ({size} MB, limit {limit} MB)",
    ),
    "file_empty": ("空のファイルです (0バイト)", "empty file (0 bytes)"),
    "file_not_spreadsheet": (
        "表計算ファイルではありません (中身は {kind} です)",
        "not a spreadsheet (the content is {kind})",
    ),
    "file_html": (
        "Webページ(HTML)です — Excelで開いて .xlsx 形式で保存し直してください",
        "a web page (HTML), not a workbook: open it in Excel and save it as .xlsx",
    ),
    "file_text": (
        "表の形をしていないテキストファイルです",
        "a text file that is not a table",
    ),
    "file_zip_without_workbook": (
        "zipファイルですがブックが入っていません",
        "a zip archive without a workbook inside",
    ),
    "file_encrypted": (
        "暗号化されています — パスワードを外して保存してください",
        "encrypted: save it without a password",
    ),
    "file_truncated": (
        "ファイルが途中で切れています — コピーやダウンロードをやり直してください",
        "the file is cut short: copy or download it again",
    ),
    "file_corrupt": (
        "ファイルが壊れていて読めません ({detail})",
        "the file is damaged and cannot be read ({detail})",
    ),
    "file_bad_encoding": (
        "文字コードを判別できません ({line}行目に {encoding} として読めない文字があります) — UTF-8 で保存し直してください",
        "cannot decode the text (line {line} is not valid {encoding}): save it as UTF-8",
    ),
    "file_zip_bomb": (
        "展開すると {size} MB になるため読みません (圧縮爆弾の疑い)",
        "would expand to {size} MB: not read (possible zip bomb)",
    ),
    "file_zip_members": (
        "zipの中のファイルが多すぎるため読みません ({count}個)",
        "too many parts inside the zip ({count}): not read",
    ),
    "file_too_many_cells": (
        "シート「{sheet}」のセル範囲が大きすぎます ({cells}セル、上限 {limit}セル)",
        "sheet '{sheet}' spans too many cells ({cells}, limit {limit})",
    ),
    "file_too_many_cells_claimed": (
        "シートが {cells} セルあると宣言しているため読みません (上限 {limit}セル)",
        "a sheet claims {cells} cells: not read (limit {limit})",
    ),
    "file_unsupported": (
        "{kind} 形式は読めません — Excelで開いて .xlsx 形式で保存し直してください",
        "{kind} files cannot be read: open it in Excel and save it as .xlsx",
    ),
    "file_timeout": (
        "{seconds}秒以内に読み終わらないため中止しました",
        "reading took longer than {seconds} s: stopped",
    ),
    "file_out_of_memory": (
        "読み込みにメモリを使いすぎるため中止しました",
        "reading needed too much memory: stopped",
    ),
    "file_crashed": (
        "読み込み中に読み取り処理が異常終了しました ({how}) — ファイルが壊れている可能性があります",
        "the reader crashed on this file ({how}); the file is probably damaged",
    ),
    "file_xml_bomb": (
        "XMLに実体宣言があるため読みません (XML爆弾の疑い)",
        "the XML declares entities: not read (possible XML bomb)",
    ),
    "file_too_many_merged": (
        "シート「{sheet}」の結合セルが重なりすぎています ({cells}セル、上限 {limit}セル)",
        "sheet '{sheet}' has merged ranges piled over too many cells ({cells}, limit {limit})",
    ),
    "file_not_text": (
        "{encoding} のテキストの印で始まっていますが、中身はテキストではありません",
        "starts with the mark of {encoding} text, but the content is not text",
    ),
    "reader_bug": (
        "{path}: ledgerkit の不具合で読み取りが止まりました (シート「{sheet}」、{kind}: {detail}) — このファイルを添えて報告してください",
        "{path}: a bug in ledgerkit stopped reading this file (sheet '{sheet}', {kind}: {detail}); please report it with the file",
    ),
    "report_mark_unverified": (
        "ledgerkit のレポートの印がありますが、内容が書き出したときと違うため入力として読みます (レポートなら二重に数えます)",
        "carries ledgerkit's report mark but its content is not what ledgerkit wrote: read as input (if it is a report, its rows count twice)",
    ),
    "output_disk_full": (
        "{path} を書き出せません: ディスクに空きがありません — 空きを作ってからやり直してください (前のファイルはそのままです)",
        "cannot write {path}: the disk is full — free some space and run again (any previous file is unchanged)",
    ),
    "output_not_writable": (
        "{path} を書き出せません: 書き込めません ({reason}) — フォルダの権限を確認してください",
        "cannot write {path}: not writable ({reason}) — check the folder's permissions",
    ),
    "disk_full": (
        "書き出せません: ディスクに空きがありません — 空きを作ってからやり直してください",
        "cannot write: the disk is full — free some space and run again",
    ),
    "folder_not_writable": (
        "{path} に書き込めません ({reason}) — フォルダの権限を確認してください",
        "cannot write into {path} ({reason}): check the folder's permissions",
    ),
    "output_write_failed": (
        "{path} を書き出せません ({reason})",
        "cannot write {path} ({reason})",
    ),
    "text_cut": ("…(以下省略: 全 {length} 文字)", "…(cut: {length} characters in all)"),
    "file_worker_error": (
        "読み込み中にエラーが起きました ({kind}: {detail})",
        "reading failed ({kind}: {detail})",
    ),
    "formula_not_saved": (
        "セル {cell} の数式 {formula} の計算結果が保存されていないため空欄として読みました (Excelで開いて保存し直してください)",
        "cell {cell}: the result of the formula {formula} was not saved, so it was read as empty (open the file in Excel and save it again)",
    ),
    "formula_not_saved_elsewhere": (
        "データとして読んだ行の外に、計算結果が保存されていない数式セルが {n} 個あります ({cells})。"
        "集計には使っていませんが、Excelで開いて保存し直すと確実です",
        "{n} formula cells outside the rows read as data have no saved result ({cells}); no figure was taken "
        "from them, but open the file in Excel and save it again to be sure",
    ),
    "formula_not_saved_more": (
        "ほかに {n} 個の数式セルも計算結果が保存されていません (Excelで開いて保存し直してください)",
        "{n} more formula cells have no saved result (open the file in Excel and save it again)",
    ),
    # --- rows and cells -----------------------------------------------------------
    "total_row": ("合計行(合計/小計)のためデータではありません", "total row (合計/小計): not data"),
    "note_row": ("表の下の注記のためデータではありません: {value}", "a note under the table, not data: {value}"),
    "total_column": ("合計列のためデータではありません", "total column: not data"),
    "bad_cell": (
        "{field}を読み取れません: {value!r}",
        "cannot read {field}: {value!r}",
    ),
    "missing_value": ("{field}が空です", "{field} is empty"),
    "no_values": ("値が1つもない行です", "row holds no values"),
    "no_month": (
        "年月が分かりません (シート名・タイトル・ファイル名に 2026年10月 などを入れてください)",
        "cannot tell the year and month (put e.g. 2026年10月 in the sheet name, a title or the file name)",
    ),
    "no_person": (
        "氏名が分かりません (氏名セルかシート名に入れてください)",
        "cannot tell whose sheet this is (put the name in a 氏名 cell or the sheet name)",
    ),
    "date_outside_month": (
        "日付 {value} がシートの年月 {month} の外です",
        "date {value} is outside the sheet's month {month}",
    ),
    "conflicting_entry": (
        "同じ 人・日付・案件 の記録が {other} と食い違っています ({a} と {b})",
        "the same person-date-project entry disagrees with {other} ({a} vs {b})",
    ),
    "missing_month": (
        "{person} の {month} 分のファイルがありません (前後の月はあります)",
        "{person}: no file for {month}, though the months around it are present",
    ),
    # --- hours --------------------------------------------------------------------
    "report_hours_title": ("工数集計", "Effort hours"),
    "report_invoices_title": ("請求書集計 (税込)", "Invoices (incl. tax)"),
    "report_attendance_title": ("勤務時間集計", "Attendance hours"),
    "sheet_summary": ("集計", "Summary"),
    "sheet_detail": ("明細", "Detail"),
    "total": ("合計", "Total"),
    "more_rows": ("ほか {n} 行", "{n} more rows"),
    # repeated findings on the terminal, grouped by rule and sheet (issue 17); all of them
    # are on the report's Issues sheet
    "same_findings": ("ほか同じ指摘 {n} 件 ({rows})", "{n} more of the same ({rows})"),
    "more_finding_groups": ("ほか {n} 組 (規則とシートごと。全件は -o report.xlsx の問題一覧シート)",
                            "{n} more groups by rule and sheet (all of them: -o report.xlsx, Issues sheet)"),
    "issue_counts": ("問題: エラー {error} 件, 警告 {warning} 件, 情報 {info} 件", "issues: {error} errors, {warning} warnings, {info} notes"),
    "nothing_read": (
        "{kind}の行は1行も集計できませんでした (理由は上の一覧と ledgerkit inspect --kind {kind_option} で確認できます)",
        "no {kind} rows were consolidated from the inputs (see why above and with: ledgerkit inspect --kind {kind_option})",
    ),
    "nothing_read_declared": (
        "; ledgerkit.toml で宣言した一覧なら {kinds} で読みます",
        "; a list declared in ledgerkit.toml is read with {kinds}",
    ),
    "accounting": (
        "ファイル 読込 {files_read} / スキップ {files_skipped}, シート {sheets}: 読んだ行 {read} = 集計 {consolidated} + 除外 {rejected}",
        "files read {files_read}, skipped {files_skipped}; sheets {sheets}: rows read {read} = consolidated {consolidated} + rejected {rejected}",
    ),
    "hours_over_day": (
        "1日の工数が {max:g} 時間を超えています: {value}",
        "more than {max:g} hours in one day: {value}",
    ),
    "duplicate_entry": (
        "同じ記録が {other} にもあるため1回だけ数えます",
        "the same entry is also in {other}: counted once",
    ),
    # hours layouts and sheet rules (issue 13)
    "no_person_given": (
        "氏名が分かりません: 氏名セル・シート名・ファイル名のどこにもありません — ファイル名に氏名を入れる (例: 工数_山田_2026年10月.xlsx) か、"
        "--person 山田 (設定では [read] person) で指定してください",
        "cannot tell whose sheet this is: no name in a 氏名 cell, the sheet name or the file name — put the name in the "
        "file name (e.g. 工数_山田_2026年10月.xlsx) or give --person NAME ([read] person in ledgerkit.toml)",
    ),
    "not_hours_table": ("工数の表ではありません: {reason}", "not an hours table: {reason}"),
    "not_attendance_table": ("勤務表ではありません: {reason}", "not an attendance sheet: {reason}"),
    "summary_sheet": (
        "他のシートを集計するシートのため数えません (判定: {how}) — 数えると二重になります",
        "a summary of other sheets (rule: {how}): not counted, its hours would count twice",
    ),
    "named_sheet_read": (
        "シート名「{what}」は{named}のようですが、工数の表 ({rows} 行) があり{formulas}のため、データとして読みました (判定: 内容)",
        "the name {what} suggests {named}, but it holds an hours table ({rows} rows) and {formulas}: read as data "
        "(rule: its content)",
    ),
    "month_entries": (
        "日付の列がないため、各行を {month} の月単位の記録として読みました (日付は {date}、period 列は month)",
        "no date column: each row is read as an entry for the whole month {month} (dated {date}, period = month)",
    ),
    "month_entries_overlap": (
        "{person} の {month} {project} は、この月単位の記録と {other} の日別の記録の両方にあり、両方を数えています — 片方が他方の集計なら除いてください",
        "{person}, {month}, {project}: in these month-level entries and in the daily entries of {other}; both are "
        "counted — if one sums the other, leave it out",
    ),
    # --- invoices and checks ------------------------------------------------------
    # reading invoice and order lists
    "not_whole_yen": ("{field}が1円単位ではありません: {value}", "{field} is not whole yen: {value}"),
    "split_rate_columns": (
        "税率別の列 ({columns}) から 税率ごとに1行ずつ読み込みます",
        "rate columns ({columns}): one row per invoice and rate",
    ),
    "amount_read_as_total": (
        "{column} の列は税抜か税込か分からないため、税込金額として読みます (税抜なら見出しを「税抜金額」に、"
        "またはセルに(税抜)と書いてください)",
        "{column} says neither 税抜 nor 税込: read as the tax-included amount (head it 税抜金額, or write (税抜) in the cells, if it is not)",
    ),
    "money_column_ignored": (
        "列 {column} は金額の列ですが、どの金額 (税抜・消費税・税込) として読むか決められないため集計に含めません "
        "(明細シートには残ります)",
        "column {column} holds amounts but has no place among net, tax and total: kept in the rows, summed nowhere",
    ),
    "order_list_not_invoices": (
        "発注一覧のようです ({columns} の列があり、請求書番号の列がありません)。請求書としては読みません"
        " (発注一覧は --orders で渡してください。複数なら --orders を繰り返します)",
        "looks like an order list (columns {columns}, no invoice number): not read as invoices"
        " (give order lists with --orders, repeated for each file)",
    ),
    "total_row_mismatch": (
        "合計行の{field} {value} 円が上の行の合計 {expected} 円と合いません (行の漏れ・重複・手入力の合計を確認してください)",
        "the total row's {field} {value} is not the sum of the rows above ({expected}): check for missing or extra rows",
    ),
    # header words (issue 13 §3): a column is a field by a whole synonym or a declared pattern
    "column_contested": (
        "{field} に当たる列が複数あります: {winner} を読みます ({reason})。{others} はその列としては読みません"
        " (明細シートには見出しのまま残ります)",
        "several columns could be {field}: {winner} is read ({reason}); {others} is not read as it"
        " (kept in the rows under its own header)",
    ),
    "invoice_person_not_a_name": (
        "{field} {value!r} は人の名前に見えないため、対象者として使いません",
        "{field} {value!r} does not look like a person's name: not used as whom the invoice bills for",
    ),
    "invoice_month_no_year": (
        "{field} {value!r} に年がなく、請求日・受領日・タイトルからも年が分からないため、対象月として使いません",
        "{field} {value!r} names no year, nor do the issue date, receipt date or title: not used as the month billed",
    ),
    "invoice_month_span": (
        "{field} {value!r} が2か月にわたるため、対象月を1つに決められません",
        "{field} {value!r} spans two months: cannot tell which month it bills",
    ),
    # rules (ledgerkit.rules); the code is the finding's rule
    "tax_mismatch": (
        "消費税額 {tax} 円が 税抜 {net} 円 × {rate} と合いません (正しくは {expected}{how})",
        "tax {tax} does not match net {net} × {rate} (expected {expected_en}{how_en})",
    ),
    "tax_mismatch_included": (
        "消費税額 {tax} 円が 税込 {total} 円 × {fraction} ({rate}) と合いません (正しくは {expected}{how})",
        "tax {tax} does not match the tax in the total {total} × {fraction} ({rate}) (expected {expected_en}{how_en})",
    ),
    "tax_rate_unreadable": (
        "{field}「{value}」を税率として読めません (10%・8%・0% など): 税率を推測せず空のままにし、税額の検算をしていません",
        "{field} {value!r} is not a tax rate (10%, 8%, 0%, ...): left blank, not guessed, and the tax is not checked",
    ),
    "tax_missing": (
        "{field} が空です: 適格請求書は税率ごとの消費税額を記載します (0 円とはみなさず、税額の検算をしていません)",
        "{field} is blank: a qualified invoice states the tax per rate (not read as 0; the tax is not checked)",
    ),
    "total_missing": (
        "{field} が空です: 税込金額を 0 円とはみなさず、合計の検算をしていません",
        "{field} is blank: the tax-included amount is not read as 0 and not checked",
    ),
    "tax_rate_unknown": (
        "税率が分からず、消費税額 {tax} 円は税抜 {net} 円の10% ({e10}) でも8% ({e8}) でもありません",
        "no tax rate, and tax {tax} is neither 10% ({e10_en}) nor 8% ({e8_en}) of net {net}",
    ),
    "total_mismatch": (
        "税込合計 {total} 円が 税抜 {net} 円 + 消費税 {tax} 円 = {expected} 円 と合いません",
        "total {total} yen is not net {net} + tax {tax} = {expected} yen",
    ),
    "withholding_mismatch": (
        "源泉徴収税額 {value} 円が報酬 {net} 円の源泉徴収税額と合いません (税抜で計算すると {e_net} 円、税込なら {e_total} 円)",
        "withholding {value} does not match the fee {net} (on the net fee {e_net}; on the total {e_total})",
    ),
    "payment_mismatch": (
        "差引支払額 {payment} 円が 税込 {total} 円 − 源泉税 {withholding} 円 = {expected} 円 と合いません",
        "net payment {payment} is not total {total} − withholding {withholding} = {expected}",
    ),
    "registration_no_format": (
        "登録番号「{value}」は T + 13桁の数字 ではありません{hint}",
        "registration number '{value}' is not T + 13 digits{hint_en}",
    ),
    "registration_no_check_digit": (
        "登録番号 {value} は法人番号の検査用数字と一致しません (法人番号なら {expected})。"
        "個人事業者の番号は従わないことがあるため、国税庁の公表サイトで確認してください",
        "registration number {value} fails the corporate-number check digit (as a corporate number: {expected}); "
        "sole proprietors' numbers may not follow it: confirm on the NTA publication site",
    ),
    "registration_no_leading_zero": (
        "登録番号 {value} は先頭の数字が 0 です。法人番号の検査用数字は 1〜9 のため法人番号としては誤りですが、"
        "個人事業者の番号は従わないことがあるため、国税庁の公表サイトで確認してください",
        "registration number {value} starts with 0: a corporate number's check digit is 1-9, so as a corporate number "
        "it is wrong; sole proprietors' numbers may not follow it: confirm on the NTA publication site",
    ),
    "registration_no_missing": (
        "登録番号がありません (適格請求書発行事業者でなければ仕入税額控除は経過措置の割合までです)",
        "no registration number (from an unregistered vendor only the transitional share of the tax is deductible)",
    ),
    "registration_no_shared": (
        "登録番号 {value} は {other} の {other_vendor} と同じですが、取引先名 {vendor} が違います "
        "(登録番号か取引先名の写し間違いでないか確認してください)",
        "registration number {value} is also {other_vendor}'s ({other}), but the vendor here is {vendor}: "
        "check that neither the number nor the name was copied wrongly",
    ),
    "duplicate_invoice": (
        "{other} と同じ請求書です (取引先・請求書番号・金額が同一)。1回だけ数えます",
        "the same invoice as {other} (vendor, number and amounts): counted once",
    ),
    "invoice_conflict": (
        "{other} と取引先・請求書番号 {invoice_no} が同じですが金額が違います ({a} 円 と {b} 円)",
        "same vendor and invoice number {invoice_no} as {other}, but different amounts ({a} vs {b})",
    ),
    "invoice_total_mismatch": (
        "税込合計 {total} 円が 税率ごとの税抜+消費税の合計 {expected} 円 と合いません",
        "total {total} is not the sum of net + tax over the rates ({expected})",
    ),
    "issue_date_future": (
        "発行日 {issue} が今日 ({today}) より後です",
        "issue date {issue} is after today ({today})",
    ),
    "issue_date_ahead": (
        "発行日 {issue} が今日 ({today}) より後です (締め日付の請求書が先に届いたのなら問題ありません)",
        "issue date {issue} is after today ({today}) (fine for an invoice dated on its closing day and sent early)",
    ),
    "issue_after_due": (
        "発行日 {issue} が支払期日 {due} より後です",
        "issue date {issue} is after the due date {due}",
    ),
    "due_too_far": (
        "支払期日 {due} が発行日 {issue} の {days} 日後です ({max} 日を超えています)",
        "due date {due} is {days} days after the issue date {issue} (more than {max})",
    ),
    "po_unknown": (
        "注文番号 {po} が注文一覧にありません",
        "order number {po} is not in the order list",
    ),
    "po_vendor_mismatch": (
        "注文番号 {po} の発注先は {order_vendor} ですが、請求元は {vendor} です",
        "order {po} was placed with {order_vendor}, but the invoice is from {vendor}",
    ),
    "po_over_amount": (
        "注文番号 {po} への請求 (税抜、{count} 件の累計) {invoiced} 円が発注額 {ordered} 円を {over} 円超えています",
        "net invoiced against order {po} ({count} invoices) {invoiced} exceeds the ordered {ordered} by {over}",
    ),
    "po_conflict": (
        "注文番号 {po} の{field}が行によって違います ({a} と {b})",
        "order {po}: {field} differs between its lines ({a} vs {b})",
    ),
    "po_tax_mismatch": (
        "消費税 {tax} 円が 税率ごとに1回ずつ計算した額の合計 ({expected}) と合いません: {breakdown}",
        "tax {tax} is not the sum of the tax rounded once per rate ({expected_en})",
    ),
    "line_amount_mismatch": (
        "金額 {amount} 円が 数量 {qty} × 単価 {price} と合いません (正しくは {expected} 円)",
        "amount {amount} is not quantity {qty} × unit price {price} (expected {expected})",
    ),
    "tax_per_line": (
        "{rate}対象の消費税が明細ごとに端数処理されています: 明細の合計 {sum} 円ですが、"
        "小計 {subtotal} 円に1回だけ計算すると {expected} です",
        "tax at {rate} is rounded line by line: the lines sum to {sum}, but rounded once on the "
        "subtotal {subtotal} it is {expected_en}",
    ),
    "subtotal_mismatch": (
        "{rate}対象の小計 {subtotal} 円が明細の合計 {expected} 円と合いません",
        "subtotal at {rate} {subtotal} is not the sum of its lines ({expected})",
    ),
    "payment_by_note": (
        "支払方法「{value}」: 取適法 (2026年1月1日から) では手形による支払は禁止されています{coverage}",
        "payment method '{value}': paying by promissory note (手形) is banned under the 取適法 from 2026-01-01{coverage}",
    ),
    "payment_not_cash": (
        "支払方法「{value}」: 支払期日までに代金の全額を現金で受け取れない方法は取適法で制限されます。条件を確認してください{coverage}",
        "payment method '{value}': the 取適法 restricts means that do not pay the full amount in cash by the due date; check the terms{coverage}",
    ),
    "payment_due_over_60": (
        "支払期日 {due} は{since}から{limit}日を超えています (期限 {latest}){coverage}",
        "payment due {due} is more than {limit} days after {since} (limit {latest}){coverage}",
    ),
    "term_missing": (
        "{law}の明示事項「{item}」がありません{coverage}",
        "written terms ({law}) lack: {item_en}{coverage}",
    ),
    "term_column_missing": (
        "{law}の明示事項「{item}」の列がありません{coverage}",
        "no column for a written term ({law}): {item_en}{coverage}",
    ),
    # --- budget -------------------------------------------------------------------
    "budget_no_hours": (
        "--hours: {files} に工数の表が見つかりません (日付・工数・案件の列)",
        "--hours: no hours table found in {files} (columns for date, hours and project)",
    ),
    "budget_no_invoices": (
        "--invoices: {files} に請求書の表が見つかりません (取引先 (または請求書番号・登録番号) + 金額)",
        "--invoices: no invoice list found in {files} (取引先, 請求書番号 or 登録番号 and an amount column)",
    ),
    "budget_no_table": (
        "予算表が見つかりません (案件の列と月の列、または 案件・年月・予算 の列が必要です)",
        "no budget table (needs a project column and months across, or project / month / budget columns)",
    ),
    "budget_no_table_file": (
        "{file}: 予算表が見つかりません (案件の列と月の列 4月…3月、または 案件・年月・予算 の列が必要です)",
        "{file}: no budget table found (needs a 案件 column and months across such as 4月…3月, "
        "or 案件 / 年月 / 予算 columns)",
    ),
    "budget_month_no_year_sheet": (
        "{file} / {sheet}: 月 ({month}) に年がなく、年度もタイトル・シート名・ファイル名から分かりません。"
        "タイトルに 2026年度 などを書くか --fiscal-year 2026 を指定してください",
        "{file} / {sheet}: the months across ({month}) have no year and no 年度 was found in the title, "
        "sheet name or file name; write e.g. 2026年度 in the title or use --fiscal-year 2026",
    ),
    "budget_two_units": (
        "{file} / {sheet}: 金額の単位が2つ書かれています ({units})。単位：千円 のように1つにしてください",
        "{file} / {sheet}: two units are written ({units}); make the sheet say one (e.g. 単位：千円)",
    ),
    "budget_month_twice": (
        "{file} / {sheet}: {month} の列が複数あります ({columns})。予算の列は月に1つにしてください",
        "{file} / {sheet}: month {month} heads more than one column ({columns}); keep one budget column per month",
    ),
    "budget_no_budget_column": (
        "{file} / {sheet}: {month} の下に「予算」の列が1つに決まりません ({columns})",
        "{file} / {sheet}: under month {month} there is no single 予算 column ({columns})",
    ),
    "budget_through_outside": (
        "--through {value} は予算の期間 ({start} 〜 {end}) の外です",
        "--through {value} is outside the budget's period ({start} to {end})",
    ),
    "budget_bad_through": (
        "--through は 2026-10 のような年月で指定してください ({value!r} は読めません)",
        "--through must be a month such as 2026-10, not {value!r}",
    ),
    "budget_no_fiscal_year": (
        "予算に月がなく年度が分かりません。--fiscal-year 2026 のように指定してください",
        "cannot tell the fiscal year: the budget has no months; use --fiscal-year",
    ),
    "rates_two_rates": (
        "{who} の単価が2つあります: {a}円/{a_basis} ({a_where}) と {b}円/{b_basis} ({b_where})。1つにしてください",
        "two rates for {who}: {a} per {a_basis} ({a_where}) and {b} per {b_basis} ({b_where}); keep one",
    ),
    "rates_two_grades": (
        "{person} の等級が2つあります: {a} ({a_where}) と {b} ({b_where})",
        "{person} is in two grades: {a} ({a_where}) and {b} ({b_where})",
    ),
    "budget_month_no_year": (
        "年月に年がありません: {value!r} (年度が分かりません。--fiscal-year を指定してください)",
        "month without a year: {value!r} (no fiscal year known; use --fiscal-year)",
    ),
    "budget_bad_month": ("年月を読み取れません: {value!r}", "cannot read the month: {value!r}"),
    "budget_unit": (
        "金額の単位は{unit}です (×{factor} で円に換算します)",
        "amounts are in {unit}: multiplied by {factor} to yen",
    ),
    "budget_other_column": (
        "予算の列ではないため読み込みません ({column})",
        "not a budget column: not read ({column})",
    ),
    "budget_cell_unit": (
        "単位の書かれたセル {value!r} はシートの単位で換算せず {yen}円 とします",
        "the cell {value!r} names its own unit: taken as {yen} yen, not scaled by the sheet's unit",
    ),
    "budget_rounded": (
        "円未満の端数が出たため四捨五入しました ({value} → {yen}円)",
        "a fraction of a yen was rounded half up ({value} → {yen} yen)",
    ),
    "budget_total_mismatch": (
        "月別予算の合計 {months} が {column} の {total} と一致しません (月別の値を使います)",
        "the months add up to {months}, but {column} says {total} (the months are used)",
    ),
    "budget_annual_only": (
        "{project} の予算に月別の内訳がありません: 年度の各月に均等に割り振ります",
        "{project}: budget without a monthly split; spread evenly over the fiscal year's months",
    ),
    "budget_no_project": (
        "案件が空欄の予算行です (金額 {value}): 集計しません",
        "budget row without a project (amount {value}): not counted",
    ),
    "budget_no_amounts": ("{project} の予算行に金額がありません", "{project}: budget row without amounts"),
    "budget_duplicate": (
        "{project} の {month} の予算が {other} にもあります (両方を合計します)",
        "{project}, {month}: budgeted again at {other} (both are added)",
    ),
    "budget_no_line": (
        "{project} は予算表にない案件です (実績 {actual}円)",
        "{project} has actuals ({actual} yen) but no budget line",
    ),
    "budget_matched_by_name": (
        "実績の案件「{name}」は予算表の案件名から {project} として集計しました",
        "actuals for \"{name}\" are counted under {project} (matched by the budget's project name)",
    ),
    "budget_no_actuals": ("{project} には実績がありません", "{project}: no actuals"),
    "budget_hours_no_project": (
        "案件が空欄の工数 {count}件 ({hours}時間) は予実に含めません",
        "{count} hour entries ({hours} h) without a project: not in budget vs actual",
    ),
    "budget_hours_outside": (
        "予算の期間 {start}〜{end} の外の工数 {count}件 ({hours}時間) は集計しません",
        "{count} hour entries ({hours} h) outside the budget period {start} to {end}: not counted",
    ),
    "budget_invoices_outside": (
        "予算の期間 {start}〜{end} の外の請求書 {count}件 (税抜 {net}円) は集計しません",
        "{count} invoices (net {net} yen) outside the budget period {start} to {end}: not counted",
    ),
    "budget_purchase_month": (
        "請求書の計上月: {counts} (対象月 > 取引年月日・計上月 > 発行日 の順に使います)",
        "invoices booked by {counts_en} (対象月 first, then 取引年月日 / 計上月, then the issue date)",
    ),
    "budget_closing_conflict": (
        "「{label}」は{month}月に終わる期ですが、設定の決算月は{closing}月 (fiscal_year.start_month = {start}) です: "
        "この名前から年度を決めていません",
        "'{label}' names a fiscal year ending in month {month}, but the settings close in month {closing} "
        "(fiscal_year.start_month = {start}): no fiscal year is taken from it",
    ),
    "budget_closing_conflict_stop": (
        "{file} / {sheet}: 「{label}」は{month}月に終わる期ですが、設定の決算月は{closing}月 (fiscal_year.start_month = {start}) です。"
        "設定を直すか --fiscal-year を指定してください",
        "{file} / {sheet}: '{label}' names a fiscal year ending in month {month}, but the settings close in month {closing} "
        "(fiscal_year.start_month = {start}); fix the setting or use --fiscal-year",
    ),
    "budget_after_through": (
        "{through} より後の実績 {count}件 ({what}) は集計しません",
        "{count} entries ({what}) after {through}: not counted",
    ),
    "budget_invoice_no_project": (
        "請求書 {invoice_no} (税抜 {net}円) に案件がないため予実に含めません",
        "invoice {invoice_no} (net {net} yen) has no project: not in budget vs actual",
    ),
    "budget_invoices_no_project_column": (
        "請求書一覧に案件の列がないため、請求書 {count}件 (税抜 {net}円) を案件に割り当てられません: 外注・購入費に含めません",
        "the invoice lists have no project column: {count} invoices (net {net} yen) cannot be assigned and are not in purchases",
    ),
    "budget_invoice_no_date": (
        "請求書 {invoice_no} (税抜 {net}円) に日付がないため月が決められず、予実に含めません",
        "invoice {invoice_no} (net {net} yen) has no date, so no month: not in budget vs actual",
    ),
    "budget_invoice_no_net": (
        "請求書 {invoice_no} に税抜金額がないため予実に含めません",
        "invoice {invoice_no} has no net amount: not in budget vs actual",
    ),
    "rates_no_table": (
        "単価表が見つかりません (氏名・等級・単価 のうち2列が必要です)",
        "no rate table (needs two of 氏名 / 等級 / 単価)",
    ),
    "rates_no_table_file": (
        "{file}: 単価表が見つかりません (氏名+単価、等級+単価、氏名+等級 のいずれかの列が必要です)",
        "{file}: no rate table found (needs 氏名 + 単価, 等級 + 単価, or 氏名 + 等級 columns)",
    ),
    "rate_blank": ("{who} の単価が空欄です", "{who}: rate is blank"),
    "rate_negative": ("{who} の単価が負の値です", "{who}: negative rate"),
    "rate_mid_month": (
        "単価の適用開始が月の途中です: {month} の1か月分に適用します (人件費は月ごとに計算するため)",
        "the rate starts mid-month: it applies to all of {month} (labor cost is computed per month)",
    ),
    "rate_zero": (
        "{person} の単価は0円です: 工数は人件費に含めません (費用は請求書で計上)",
        "{person}: rate 0, hours not costed (the cost comes with invoices)",
    ),
    "budget_report_note": (
        "人件費 = 工数 × 単価 (人・案件・月ごとに1回だけ円未満を丸め) / 外注・購入費 = 請求書の税抜金額 / "
        "差異 = 予算 − 実績 / 状態: 注意 = 消化率{warning}以上, 超過 = {over}超 / 着地見込 = 実績 + 月平均 × 残月数 "
        "(年間予算を超える見込みは赤字)",
        "Labor cost = hours × rate (rounded once per person, project and month) / purchases = invoice net / "
        "variance = budget − actual / warning at {warning} consumption, over above {over} / forecast = actual + monthly "
        "run rate × remaining months (red when it lands above the full budget)",
    ),
    "rate_why_not_in_table": ("単価表にありません", "not in the rate table"),
    "rate_why_unreadable": (
        "{file} / {sheet} / {row}行目 / {column}「{value}」を単価として読めません",
        "{file} / {sheet} / row {row} / {column} {value!r} could not be read as a rate",
    ),
    "rate_why_grade": ("等級 {grade} ({where}) の単価がありません", "grade {grade} ({where}) has no rate"),
    "rate_why_not_yet": (
        "{month} に適用される単価がありません (最初の単価は {since} から)",
        "no rate in effect in {month} (the first applies from {since})",
    ),
    "rate_why_no_grade_yet": (
        "{month} に適用される等級がありません (最初の等級は {since} から)",
        "no grade in effect in {month} (the first applies from {since})",
    ),
    "rate_missing": (
        "単価表に単価がない人が {count}人います: {names}。単価表に追加してください",
        "{count} people have hours but no rate: {names}; add them to the rate table",
    ),
    # --- drafts -------------------------------------------------------------------
    "draft_row": ("{file}: {sheet}: {row}行目", "{file}: {sheet}: row {row}"),
    "draft_rows": ("{file}: {sheet}: {first}-{last}行目", "{file}: {sheet}: rows {first}-{last}"),
    "draft_missing": (
        "{name}: {field!r} を使っていますが、ありません",
        "{name}: uses {field!r}, which is not there",
    ),
    "draft_filter_not_amount": ("フィルター {filter}: {value!r} は金額として読めません{detail}",
                                "filter {filter}: {value!r} is not an amount{detail}"),
    "draft_filter_empty_amount": ("フィルター {filter}: 金額が空です", "filter {filter}: the amount is empty"),
    "draft_filter_yen_style": ("フィルター yen: 書式は 'symbol' か '円' で書いてください ({style!r} は使えません)",
                               "filter yen: style must be 'symbol' or '円', not {style!r}"),
    "draft_filter_not_date": ("フィルター {filter}: {value!r} は日付として読めません{detail}",
                              "filter {filter}: {value!r} is not a date{detail}"),
    "draft_filter_fraction": ("フィルター kanji_amount: {amount} に1円未満の端数があります",
                              "filter kanji_amount: {amount} has a fraction of a yen"),
    "draft_filter_wareki_style": ("フィルター wareki: 書式 {style!r} はありません (使えるもの: {styles})",
                                  "filter wareki: no style {style!r} (use {styles})"),
    "draft_filter_negative": ("フィルター {filter}: {amount} はマイナスです", "filter {filter}: {amount} is negative"),
    "draft_filter_failed": ("フィルター {filter}: {detail}", "filter {filter}: {detail}"),
    "draft_template_failed": ("{name}: テンプレートの式を計算できません ({kind}: {detail})",
                              "{name}: the template failed ({kind}: {detail})"),
    "draft_template_unreadable": ("{path}: テンプレートを読めません ({kind})", "{path}: cannot read the template ({kind})"),
    "draft_template_syntax": ("テンプレートの書き方に誤りがあります ({detail})", "{detail}"),
    "jinja_unexpected_end": ("テンプレートが途中で終わっています (閉じていない {{{{ }}}} か {{% %}} があります)",
                             "the template ends too early (a {{{{ }}}} or {{% %}} is not closed)"),
    "jinja_unclosed": ("テンプレートが途中で終わっています ({{% {a} %}} を閉じる {{% end{a} %}} がありません)",
                       "the template ends before the {{% end{a} %}} that closes a {{% {a} %}}"),
    "jinja_unexpected_char": ("{a} は使えない文字です", "{a} is not a character a tag can hold"),
    "jinja_unexpected": ("「{a}」はここには書けません", "unexpected '{a}'"),
    "jinja_expected_token": ("「{b}」の前に「{a}」が要ります", "expected '{a}' before '{b}'"),
    "jinja_no_filter": ("「{a}」というフィルターはありません", "no filter named '{a}'"),
    "jinja_no_test": ("「{a}」というテストはありません", "no test named '{a}'"),
    "jinja_unknown_tag": ("「{a}」というタグはありません ({{% endif %}} や {{% endfor %}} の数が合っていないかもしれません)",
                          "unknown tag '{a}' (an {{% endif %}} or {{% endfor %}} too many or too few?)"),
    "jinja_unsafe": ("安全のため {b} の {a} は使えません", "{b}.{a} is not allowed (unsafe)"),
    "jinja_no_tag_name": ("{{% %}} の中にタグの名前がありません", "a {{% %}} holds no tag name"),
    "draft_cell_too_long": ("文字数 {n:,} が Excel のセルに入る上限 ({limit:,}) を超えています",
                            "the text is {n:,} characters, more than an Excel cell holds ({limit:,})"),
    "draft_form_unreadable": ("{name}: Excel の様式を開けません ({reason})", "{name}: cannot open the Excel form ({reason})"),
    "draft_form_images": ("{name}: 様式に画像 (印影?) があります。画像を残すには Pillow をインストールしてください",
                          "{name}: the form has images (a seal?); install Pillow to keep them"),
    "draft_formula_unreadable": ("数式 {formula!r} を読めません", "cannot read the formula {formula!r}"),
    "draft_band_second": ("{place}: 明細の繰り返し ({{% for %}}) は1シートに1つまでです",
                          "{place}: a second line band; one per sheet"),
    "draft_band_endfor_alone": ("{place}: {{% endfor %}} に対応する {{% for %}} がありません",
                                "{place}: {{% endfor %}} without {{% for %}}"),
    "draft_band_second_endfor": ("{place}: {{% endfor %}} が2つあります", "{place}: a second {{% endfor %}}"),
    "draft_band_no_endfor": ("{sheet}: {row}行目の {{% for {var} in {iterable} %}} に {{% endfor %}} がありません",
                             "{sheet}: {{% for {var} in {iterable} %}} in row {row} has no {{% endfor %}}"),
    "draft_missing_empty": ("(セル {header} が空です)", "(the cell {header} is empty)"),
    "draft_missing_column": ("(一覧にその列がありません)", "(the list has no such column)"),
    "draft_choose_rows": (
        "行は --row N、--where 列名=値、--all のどれか1つで指定してください",
        "choose the rows with exactly one of --row N, --where COLUMN=VALUE, --all",
    ),
    "draft_where_syntax": (
        "--where {value!r}: 列名=値 の形で書いてください (例: --where 注文番号=PO-1)",
        "--where {value!r}: write COLUMN=VALUE, e.g. --where 注文番号=PO-1",
    ),
    "draft_output_dash": (
        "下書きはファイルに書きます: -o にはフォルダを指定してください (- の標準出力には書けません)",
        "drafts are written as files: give -o a folder (not -, standard output)",
    ),
    "draft_where_no_column": ("--where {value!r}: 列名がありません", "--where {value!r}: the column name is missing"),
    "draft_no_column": ("{where}: 列 {name!r} がありません (列: {columns})", "{where}: no column {name!r} (columns: {columns})"),
    "draft_no_match": ("{where}: {conditions} の行がありません", "{where}: no row where {conditions}"),
    "draft_not_data_row": (
        "{where}: {row}行目はデータ行ではありません (データは{first}-{last}行目です)",
        "{where}: row {row} is not a data row (the data is in rows {first}-{last})",
    ),
    "draft_blank_row": (
        "{where}: {row}行目はデータ行ではありません (空行か合計行です)",
        "{where}: row {row} is not a data row (it is blank or a total row)",
    ),
    "draft_no_rows": ("{where}: 表にデータ行がありません", "{where}: the table has no data rows"),
    "draft_no_table": (
        "{file}: {kind}の表が見つかりません (見出し行に {fields} が必要です)",
        "{file}: no {kind} table found (needs a header row with {fields})",
    ),
    "draft_no_sheet": ("{file}: シート {sheet!r} がありません (シート: {sheets})", "{file}: no sheet {sheet!r} (sheets: {sheets})"),
    "draft_bad_cell": ("{where}: {header} {value!r}: {reason}", "{where}: {header} {value!r}: {reason}"),
    "draft_fraction": ("{where}: {header} {value} に1円未満の端数があります", "{where}: {header} {value}: a fraction of a yen"),
    "draft_bad_budget": (
        "{where}: {header} {value!r}: 予算内か予算外で書いてください",
        "{where}: {header} {value!r}: write 予算内 or 予算外",
    ),
    "draft_unknown_category": (
        "{where}: {header} {value!r} は決裁権限規程の区分にありません (使える区分: {known})。"
        "ledgerkit.toml の [approval.category_names] に加えてください",
        "{where}: {header} {value!r} is not a category of the authority matrix (known: {known}); "
        "add it to [approval.category_names] in ledgerkit.toml",
    ),
    "draft_negative_amount": (
        "{where}: {header} {value} がマイナスです (稟議の金額は0円以上で書いてください)",
        "{where}: {header} {value} is negative (a request's amount is 0 or more)",
    ),
    "draft_order_no_empty": ("{where}: {header} が空です", "{where}: {header} is empty"),
    "draft_header_differs": (
        "{where}: 注文 {order}: {header} が行によって違います: {row_a}行目 {a!r}、{row_b}行目 {b!r}",
        "{where}: order {order}: {header} differs between rows: row {row_a} {a!r}, row {row_b} {b!r}",
    ),
    "draft_line_no_item": ("{where}: 注文 {order}: {header} が空です", "{where}: order {order}: {header} is empty"),
    "draft_line_no_amount": (
        "{where}: 注文 {order}: {header} か、数量と単価を入れてください",
        "{where}: order {order}: give {header}, or 数量 and 単価",
    ),
    "draft_line_not_whole": (
        "{where}: 注文 {order}: {qty} × {price} = {exact} は1円単位ではありません。金額を入れてください",
        "{where}: order {order}: {qty} × {price} = {exact} is not whole yen; give the 金額",
    ),
    "draft_line_mismatch": ("{where}: 注文 {order}: {reason}", "{where}: order {order}: {reason}"),
    "draft_terms_missing": (
        "{where}: 注文 {order} に{law}で必要な記載がありません: {items} (発注一覧に列を追加してください)",
        "{where}: order {order} does not state what {law} requires: {items} (add the columns to the order list)",
    ),
    "draft_po_tax_differs": (
        "注文 {order}: 一覧の消費税 ({rate}) {given} は、税抜 {net} から計算した {computed} と違います (下書きは {computed})",
        "order {order}: the list's tax ({rate}) {given} differs from {computed} computed on the net {net} (the draft says {computed})",
    ),
    "draft_term_warning": ("{law}: {item} の記載がありません", "{law}: {item} is not stated"),
    "draft_terms_unknown": (
        "{law}: {items} の記載がありません (取引先が取適法の対象か不明のため警告; 対象なら発行前に追記してください)",
        "{law}: {items} not stated (a warning: whether the 取適法 covers this vendor is unknown; add them before issuing if it does)",
    ),
    "draft_delivery_unreadable": (
        "納期「{value}」を日付または期間として読めません ({reason}): 書かれたとおりに載せます",
        "delivery term {value!r} is not a date or a period ({reason}): printed as written",
    ),
    "draft_payment_late": ("{where}: 注文 {order}: {reason}", "{where}: order {order}: {reason}"),
    "draft_terms_unknown_note": (
        " (取引先が取適法の対象か不明のため警告)",
        " (a warning: whether the 取適法 covers this vendor is unknown)",
    ),
    "draft_route_no_department": (
        "起案部署がないため、承認ルートの {titles} がどの部署かを決めていません",
        "no drafting department (起案部署): the route's {titles} belong to no department",
    ),
    "draft_route_ignores_department": (
        "承認ルート ({route}) は起案部署 {department} によらず決まっています (approval.department_titles を確認してください)",
        "the approval route ({route}) does not depend on the drafting department {department} "
        "(check approval.department_titles)",
    ),
    "draft_no_issuer": (
        "注文書の発行者がありません: ledgerkit.toml の [company] に name (と address, tel, registration_no) を書いてください",
        "an order needs the issuer: set [company] name (and address, tel, registration_no) in ledgerkit.toml",
    ),
    "draft_sum_short": (
        "{form}: {cell} {formula} は{lo}-{hi}行目だけを対象にしていますが、明細は{first}-{last}行目です: 範囲を明細全体に広げてください",
        "{form}: {cell} {formula} covers rows {lo}-{hi}, but the lines are in rows {first}-{last}: widen the range to the whole band",
    ),
    "draft_total_mismatch": (
        "{form}: 明細の合計は {expected} ですが、フォームの計算は {values} です",
        "{form}: the lines add up to {expected}, but the form computes {values}",
    ),
    "draft_line_formula_differs": (
        "(明細の式が一覧の金額と違います: {cells}。数量 × 単価 の円未満の処理が一覧とフォームで違います。"
        "一覧の金額に合わせるか、フォームの式を直してください)",
        "(line formulas differ from the list's amounts: {cells}; the list and the form round quantity × unit price "
        "differently: match the list or fix the form's formula)",
    ),
    "draft_no_lines": (
        "{form}: {sheet}: {name} が空で、明細行に入れるものがありません",
        "{form}: {sheet}: {name} is empty; nothing to fill the line band with",
    ),
    "draft_symlink": (
        "{path}: シンボリックリンクのため書き込みません (リンク先を上書きしないため)。リンクを消すか、別のフォルダを -o に指定してください",
        "{path}: a symbolic link: not written through (its target would be overwritten); remove the link or choose another -o folder",
    ),
    "draft_render_timeout": (
        "{name}: 下書きが{seconds}秒以内に作れないため中止しました ([read] timeout = {seconds})",
        "{name}: the draft took longer than {seconds} s: stopped ([read] timeout = {seconds})",
    ),
    "draft_render_memory": (
        "{name}: 下書きを作るのにメモリを{mb} MB より多く使うため中止しました ([read] memory_mb = {mb})",
        "{name}: the draft needed more than {mb} MB of memory: stopped ([read] memory_mb = {mb})",
    ),
    "draft_render_crashed": (
        "{name}: 下書きを作る処理が異常終了しました ({how})",
        "{name}: making the draft crashed ({how})",
    ),
    "draft_render_bug": (
        "{name}: ledgerkit の不具合で下書きを作れませんでした ({kind}: {detail})。テンプレートを添えて報告してください",
        "{name}: a bug in ledgerkit stopped this draft ({kind}: {detail}); please report it with the template",
    ),
    "draft_docx_macro": (
        "{form}: マクロ付きの文書はフォームに使えません。Word で「Word 文書 (*.docx)」として保存し直してください",
        "{form}: a macro-enabled document cannot be a form; save it in Word as a Word Document (*.docx)",
    ),
    "draft_docx_unreadable": (
        "{form}: Word のフォームとして開けません ({error})",
        "{form}: cannot open the Word form ({error})",
    ),
    "draft_docx_entities": (
        "{form}: XML に実体宣言があるため使いません (XML 爆弾の疑い)",
        "{form}: the XML declares entities: not used (possible XML bomb)",
    ),
    "draft_docx_part_not_filled": (
        "{form}: {part} のタグは埋められません (本文・表・ヘッダー・フッター・脚注に書いてください)",
        "{form}: tags in {part} are not filled (write them in the body, a table, a header, footer or footnote)",
    ),
    "draft_docx_unclosed": (
        "{form}: 段落「{paragraph}」: タグ {tag} が同じ段落の中で閉じていません",
        "{form}: paragraph '{paragraph}': the tag {tag} is not closed within the paragraph",
    ),
    "draft_docx_full_width": (
        "{form}: 段落「{paragraph}」: 全角の {chars} はタグになりません。{{{{ }}}} と {{% %}} は半角で入力してください",
        "{form}: paragraph '{paragraph}': full-width {chars} is no tag; type {{{{ }}}} and {{% %}} half-width",
    ),
    "draft_docx_split": (
        "{form}: 段落「{paragraph}」: タグ {tag} が{what}にまたがっています。タグを消して一度に入力し直してください",
        "{form}: paragraph '{paragraph}': the tag {tag} runs across {what}; delete it and type it again in one go",
    ),
    "draft_docx_leftover": (
        "{form}: 段落「{paragraph}」: {tag} が埋められずに残りました (タグの書き方を確かめてください)",
        "{form}: paragraph '{paragraph}': {tag} was left unfilled (check how the tag is written)",
    ),
    "draft_docx_formula_field": (
        "{form}: 段落「{paragraph}」: Word の計算フィールド {field} はフォームに保存された値を表示するだけで、"
        "明細から計算し直されません。{{{{ subtotal|yen }}}} などのタグに置き換えてください",
        "{form}: paragraph '{paragraph}': the Word formula field {field} shows the figure saved in the form, not "
        "the sum of the lines; replace it with a tag such as {{{{ subtotal|yen }}}}",
    ),
    "draft_docx_lines_shown": (
        "{form}: 明細は {count} 行ですが、フォームが表示した明細の金額は {shown} 行分です",
        "{form}: the order has {count} lines, but the form shows the amount of {shown}",
    ),
    "draft_docx_figure_differs": (
        "{form}: {what} の表示 {shown} が明細から計算した {expected} と合いません",
        "{form}: {what} shows {shown}, but the lines give {expected}",
    ),
    "draft_docx_stamps_short": (
        "{form}: 承認経路は {count} 人 ({route}) ですが、押印欄は {boxes} 個です。押印欄を増やしてください",
        "{form}: the approval route has {count} approvers ({route}) but the form has {boxes} stamp boxes; add boxes",
    ),
    "draft_rate_none": ("非課税", "no tax"),
    "draft_docx_syntax": ("{form}: 段落「{paragraph}」: {detail}", "{form}: paragraph '{paragraph}': {detail}"),
    "draft_note_row": (
        "{where}: {row}行目は表の下の注記「{text}」で、データ行ではありません (データは{first}-{last}行目です)",
        "{where}: row {row} is a note under the table ({text!r}), not a data row (the data is in rows {first}-{last})",
    ),
    "draft_cell_empty": ("{header} が空です", "{header} is empty"),
    "draft_pdf_no_soffice": (
        "--pdf: LibreOffice (soffice) が見つかりません。インストールして PATH に加えるか、--pdf を付けずに実行してください",
        "--pdf: LibreOffice (soffice) is not on PATH; install it or run without --pdf",
    ),
    "draft_pdf_text": (
        "--pdf: {suffix} の下書きは PDF にしません (Word・Excel・HTML のテンプレートで使えます)",
        "--pdf: {suffix} drafts are not converted to PDF (use a Word, Excel or HTML template)",
    ),
    "draft_pdf_failed": (
        "{path}: PDF に変換できませんでした ({reason})",
        "{path}: could not be converted to PDF ({reason})",
    ),
    # --- attendance and settlement ------------------------------------------------
    "hours_disagree": (
        "勤務時間 {worked} が 終業−始業−休憩 = {computed} と合いません ({worked} を使います)",
        "worked hours {worked} disagree with end − start − break = {computed} (using {worked})",
    ),
    "attendance_break_too_long": (
        "休憩 {break} が 始業 {start} ～ 終業 {end} より長いため読み込みません",
        "break {break} is longer than {start}–{end}: not read",
    ),
    "attendance_day_too_long": (
        "1日の勤務時間 {hours} が上限 {max} を超えるため読み込みません",
        "a day of {hours} exceeds the limit of {max}: not read",
    ),
    "attendance_weekday_mismatch": (
        "曜日が {month} の暦と合いません ({value} ほか{count}行)。年月を確認してください",
        "weekdays do not match the calendar of {month} ({value} and {count} rows in all): check the year and month",
    ),
    "attendance_month_from_created": (
        "年月が書かれていないため作成日から {month} としました",
        "no year and month on the sheet: took {month} from the 作成日 (date made)",
    ),
    "settle_amount_mismatch": (
        "{person} の {month} 分: 請求額(税抜) {billed} 円が精算額 {settled} 円と {diff} 円違います",
        "{person}, {month}: billed {billed} yen (excl. tax) but the settlement is {settled} yen ({diff} yen off)",
    ),
    "settle_no_invoice": (
        "{person} の {month} 分 ({vendor}) の請求書がありません (精算額 {settled} 円)",
        "{person}, {month} ({vendor}): no invoice (settlement {settled} yen)",
    ),
    "settle_no_attendance": (
        "請求書 {invoice_no} ({vendor}, {month}, {billed} 円) に対応する勤務表がありません",
        "invoice {invoice_no} ({vendor}, {month}, {billed} yen) has no attendance sheet",
    ),
    "settle_ambiguous_invoice": (
        "{person} の {month} 分に当たる {vendor} の請求書が {count} 件あり、どれか決められません ({invoices})",
        "{person}, {month}: {count} invoices from {vendor} could be it ({invoices}); cannot tell which",
    ),
    "settle_other_month": (
        "{person} の勤務表に {month} 以外の月 ({other}) が含まれます。{month} のみ精算します",
        "{person}: attendance outside {month} ({other}); only {month} is settled",
    ),
    "settle_prorated": (
        "{person} {month}: 契約期間 {period} のため日割りしました ({basis} {part}/{whole}、{calendar}): "
        "月額 {fee} 円 → {share_fee} 円、精算幅 {lower}〜{upper} 時間",
        "{person} {month}: prorated for the contract period {period} ({basis_en} {part}/{whole}, {calendar_en}): "
        "fee {fee} → {share_fee}, band {lower} to {upper} h",
    ),
    "settle_not_prorated": (
        "{person} {month}: 契約期間 {period} は月の途中で始まるか終わりますが、日割りしていません (settle.prorate = none): "
        "満額の月として精算しました",
        "{person} {month}: the contract period {period} starts or ends inside the month, but is not prorated "
        "(settle.prorate = none): settled as a full month",
    ),
    "settle_outside_contract": (
        "{person} {month}: 契約期間 {period} の外の {days} 日 ({hours} 時間、{dates}) は精算に含めていません",
        "{person} {month}: {days} day(s) outside the contract period {period} ({hours} h, {dates}) are not settled",
    ),
    # an invoice that names whom and which month it bills (issue 13 §3: 対象者, 対象月)
    "settle_invoice_unknown_person": (
        "請求書 {invoice_no} ({vendor}, {month}, {billed} 円) の対象者 {person} の精算がありません"
        " (勤務表・契約一覧の氏名を確認してください)",
        "invoice {invoice_no} ({vendor}, {month}, {billed} yen) bills for {person}, who is not settled"
        " (check the names on the attendance sheets and the contract list)",
    ),
    "settle_invoice_other_month": (
        "請求書 {invoice_no} ({vendor}) は {person} の {billed_month} 分ですが、{person} の精算は {month} 分です"
        " (対象月を確認してください。請求額 {billed} 円、精算額 {settled} 円)",
        "invoice {invoice_no} ({vendor}) bills {person} for {billed_month}, but {person} is settled for {month}"
        " (check its month; billed {billed} yen, settlement {settled} yen)",
    ),
    # issue 13: a personal 勤務表 with no 氏名, footers, no 休憩 column
    "attendance_no_person": (
        "氏名が分かりません (氏名セル・シート名・ファイル名のどれにもありません)。ファイル名に氏名を入れる "
        "(例: 勤務表_山田太郎_2026年10月.xlsx) か、--person 山田太郎 (ledgerkit.toml の [read] person) で指定してください",
        "cannot tell whose sheet this is (no name in a 氏名 cell, the sheet name or the file name): put the name in "
        "the file name (e.g. 勤務表_山田太郎_2026年10月.xlsx) or give it with --person 山田太郎 ([read] person in ledgerkit.toml)",
    ),
    "attendance_day_off": (
        "休みの日 ({value}) のため勤務の行ではありません",
        "a day off ({value}), not a day worked",
    ),
    "attendance_person_from_file": (
        "氏名はファイル名から {person} としました (シートに氏名がありません)",
        "person {person} taken from the file name (no name on the sheet)",
    ),
    "attendance_person_from_option": (
        "氏名は --person ([read] person) の {person} としました (シートにもファイル名にも氏名がありません)",
        "person {person} from --person ([read] person): no name on the sheet or in the file name",
    ),
    "attendance_not_a_name": (
        "氏名欄の値 {found!r} ({cell}) は氏名ではない (時刻・合計・見出し) ため使いません",
        "{found!r} ({cell}) by the 氏名 label is no name (a time, a total or a label): not used as the person",
    ),
    "attendance_no_break": (
        "休憩の列がないため、6時間を超える {count}日分の勤務時間を 退勤 − 出勤 (休憩を差し引かない) としました。労基法34条の休憩 "
        "(6時間超45分・8時間超60分) を差し引くには ledgerkit.toml に [attendance] default_break = \"statutory\"",
        "no 休憩 (break) column: {count} day(s) over 6 h counted as end − start with no break taken off; to take off the "
        "statutory break (労基法34条: 45 min over 6 h, 60 min over 8 h) set [attendance] default_break = \"statutory\"",
    ),
    "attendance_statutory_break": (
        "休憩の列がないため、{count}日分に労基法34条の休憩 (出勤〜退勤が6時間超で45分・8時間超で60分) を差し引きました "
        "([attendance] default_break = \"statutory\")",
        "no 休憩 (break) column: the statutory break (労基法34条: 45 min when end − start is over 6 h, 60 min over 8 h) "
        "taken off {count} day(s) ([attendance] default_break = \"statutory\")",
    ),
    "attendance_footer": (
        "{range} はシートの集計欄・押印欄 ({labels}) のためデータではありません (行と照合: {checked})",
        "{range}: the sheet's own summary and stamp boxes ({labels}), not data (checked against the rows: {checked})",
    ),
    # --- a sheet's own totals against the rows read (unseen-workbooks QA) -----------
    "attendance_minutes_by_values": (
        "{field} の数値を分として読みました (見出しに単位がなく、値が1日24時間を超えるため。例: {example} → {hm})。"
        "時間なら見出しを {field}(h) に、分なら {field}(分) にしてください",
        "{field}: the numbers were read as minutes (no unit in the header, and a day has no more than 24 hours; "
        "e.g. {example} → {hm}); head it {field}(h) for hours or {field}(分) for minutes",
    ),
    "invoice_no_issue_date_column": (
        "発行日の列がありません: 日付の確認 ({checks}) をしていません "
        "(発行日の列なら [columns.invoices] issue_date に見出しを加えてください)",
        "no issue-date (発行日) column: the date checks ({checks}) were not run "
        "(if a column is the issue date, add its heading to [columns.invoices] issue_date)",
    ),
    "invoice_form_not_list": (
        "1枚の請求書の様式のようです (請求書番号 {no} のラベルと、明細・合計の表): check invoices は請求書一覧 "
        "(1行に請求書1件の表) を読みます。一覧に1行 (請求書番号・発行日・取引先・登録番号・税抜金額・消費税・合計) "
        "として書き写してから確認してください",
        "this looks like a single invoice form (a labelled 請求書番号 {no}, a line table and a 合計): check invoices "
        "reads invoice lists (請求書一覧, one invoice a row); copy it into a list as one row (number, issue date, vendor, "
        "registration no., net, tax, total) and check that",
    ),
    "invoice_no_vendor_column": (
        "取引先の列がありません: 取引先別の集計ができず、二重計上は請求書番号だけで判定します "
        "(読まなかった列: {columns}。取引先の列なら [columns.invoices] vendor に見出しを加えてください)",
        "no 取引先 (vendor) column: no per-vendor summary, and a repeat is judged by the invoice number alone "
        "(columns not read: {columns}; if one is the vendor, add its heading to [columns.invoices] vendor)",
    ),
    "sheet_total_mismatch": (
        "シートの合計 {total} が読み取った行の合計 {sum} と合いません ({field})",
        "the sheet's own total {total} differs from the rows read, which add up to {sum} ({field})",
    ),
    "attendance_closing_period": (
        "締め期間 {start}〜{end} の勤務表として読みました ({month}度として精算します)",
        "read as the closing period {start} to {end} (settled as {month})",
    ),
    "unread_hours_column": (
        "「{column}」の列 ({range}列) に時間の値が {rows} 行 (計 {sum}) ありますが、どの工数にも数えていません — "
        "工数の列なら見出しを [columns.hours] に加えるか、案件ごとの列なら見出しに案件コードを書いてください",
        "column {column} ({range}) holds hours on {rows} rows ({sum} in all) that are not counted as hours — if they "
        "are, add its heading to [columns.hours], or head each project's column with its code",
    ),
    # a day over two rows (出社/退社, then 休憩 on the row below), and a 休憩 column left blank (trial 2)
    "attendance_rows_merged": (
        "日付のない {count}行 ({range}) は上の日の行の続きとして、その日に合わせて読みました ({columns})",
        "{count} row(s) with no day ({range}) read as the rest of the day above, merged into it ({columns})",
    ),
    "attendance_no_day": (
        "日付がなく、上の日の行とも合わせられない行です ({field}: {value})。日付を入れるか、上の行にまとめてください",
        "a row with no day that cannot be merged into the day above ({field}: {value}); give it a day or "
        "move its figures to the day's row",
    ),
    "attendance_break_blank": (
        "休憩の列 ({field}) が勤務日すべてで空欄です: 出勤〜退勤が6時間を超える {count}日分を休憩なしで数えました。"
        "休憩が別の行や列にないか確かめてください",
        "the 休憩 (break) column ({field}) is blank on every day worked: {count} day(s) over 6 h counted with no "
        "break; check whether the break is written in another row or column",
    ),
    "plan_row": ("「{value}」の行は予定のため実績に数えません", "a row marked {value}: a plan, not hours worked"),
    "plan_columns": (
        "「{value}」の列 ({range}列) は予定のため実績に数えません",
        "the columns under {value} ({range}): a plan, not hours worked",
    ),
    "repeated_header": (
        "見出し行の繰り返し (印刷用) のためデータではありません",
        "the header row repeated (for printing): not data",
    ),
    "summary_rows": (
        "{other} の行を合計した集計行のため、二重に数えません",
        "totals the rows of {other} (a summary): not counted twice",
    ),
    # --- calendars (business days) and schedule -----------------------------------
    "cal_company_holiday": ("会社休日", "company holiday"),
    "cal_year_end": ("年末年始休暇", "year-end break"),
    "cal_bad_holiday": (
        "{key}: {value!r} は日付ではありません (2026-08-13、範囲 2026-08-12..2026-08-14、毎年なら 08-13 と書いてください)",
        "{key}: {value!r} is not a date (write 2026-08-13, a range 2026-08-12..2026-08-14, or 08-13 for every year)",
    ),
    "cal_bad_year_end": (
        "{key}: {value!r} は MM-DD..MM-DD ではありません (例: 12-29..01-03、なしは \"\")",
        "{key}: {value!r} is not MM-DD..MM-DD (e.g. 12-29..01-03, or \"\" for none)",
    ),
    "sched_bad_duration": (
        "--duration {value!r}: 60、1h、90分 のように長さを書いてください (1分〜24時間)",
        "--duration {value!r}: give a length like 60, 1h or 90分 (1 minute to 24 hours)",
    ),
    "sched_bad_time_range": (
        "{option} {value!r}: 09:00-18:00 のように、前が後より早い2つの時刻を書いてください",
        "{option} {value!r}: give two times of day, the first before the second, like 09:00-18:00",
    ),
    "sched_bad_between": (
        "--between {value!r}: 2026-12-07..2026-12-18 のように日付の範囲を書いてください (最長 366日)",
        "--between {value!r}: give a range of dates like 2026-12-07..2026-12-18 (366 days at most)",
    ),
    "sched_between_reversed": (
        "--between {value!r}: 始まり ({start}) が終わり ({end}) より後です — {end}..{start} のように前から書いてください",
        "--between {value!r}: the start ({start}) is after the end ({end}) — write it as {end}..{start}",
    ),
    "sched_bad_number": (
        "{option} {value!r}: {low} 以上の整数 (分) を書いてください",
        "{option} {value!r}: give a whole number of minutes, {low} or more",
    ),
    "sched_bad_count": (
        "{option} {value!r}: 候補の数は {low}〜{high} の整数で書いてください",
        "{option} {value!r}: give the number of candidates as a whole number from {low} to {high}",
    ),
    "sched_bad_tz": (
        "--tz {value!r}: タイムゾーンがありません (例: Asia/Tokyo、America/Los_Angeles)",
        "--tz {value!r}: no such time zone (e.g. Asia/Tokyo, America/Los_Angeles)",
    ),
    "sched_too_long": (
        "--duration {duration}分 は勤務時間 {hours} より長いため、候補がありません",
        "--duration of {duration} minutes is longer than the working hours {hours}: no slot can fit",
    ),
    "sched_no_calendars": (
        "予定表がありません: .ics ファイル・フォルダ・予定表の Excel を指定してください (--required A.ics でも可)",
        "no calendars given: name .ics files, folders or 予定表 workbooks (or --required A.ics)",
    ),
    "sched_no_people": (
        "必須の参加者がいません (読めた予定表に人がいません)",
        "nobody is required (the calendars read name no one)",
    ),
    "sched_unknown_person": (
        "{option} {name}: 予定表にその人がいません (いる人: {known})",
        "{option} {name}: nobody of that name in the calendars (people: {known})",
    ),
    "sched_ambiguous_person": (
        "{option} {name}: 複数の人に当てはまります ({known})。氏名をフルネームで書いてください",
        "{option} {name}: more than one person has that name ({known}); give the full name",
    ),
    "sched_ics_unreadable": (
        "iCalendar (.ics) として読めません ({reason})。この人の予定は含まれていません",
        "cannot read it as iCalendar (.ics) ({reason}); this person's events are not included",
    ),
    "sched_ics_no_events": (
        "予定 (VEVENT) が1件もない iCalendar です。{name} は期間中ずっと空いているとみなしました",
        "an iCalendar with no event (VEVENT) at all: {name} was taken as free the whole time",
    ),
    "sched_ics_bad_series": (
        "繰り返し予定の一部を読めないため除きました ({reason})",
        "some recurring events could not be read and were left out ({reason})",
    ),
    "sched_ics_unknown_tz": (
        "タイムゾーン {zones} が分からないため {tz} の時刻として読みました",
        "unknown time zone {zones}: its times were read as {tz}",
    ),
    "sched_ics_too_many": (
        "期間内の予定が {count} 件を超えるため、それ以降を読んでいません",
        "more than {count} events in the window: the rest were not read",
    ),
    "sched_row_end_before_start": (
        "終了が開始より前か同じ時刻のため読み込みません",
        "ends before (or when) it starts: not read",
    ),
    "sched_row_outside": (
        "{date} は探す期間 {first}〜{last} の外のため使いません",
        "{date} is outside the window searched, {first} to {last}: not used",
    ),
    "sched_row_free": ("空き時間 ({value}) のため予定に数えません", "marked free ({value}): not a busy block"),
    "sched_note_all": ("全員可", "all required free"),
    "sched_note_busy": ("予定あり: {names}", "busy: {names}"),
    "sched_note_optional": ("任意 {free}/{total}", "optional {free}/{total}"),
    "sched_note_tentative": ("仮の予定: {names}", "tentative: {names}"),
    "sched_cond_lunch": ("昼休み {lunch}", "lunch {lunch}"),
    "sched_cond_buffer": ("前後 {buffer}分空ける", "{buffer} min kept free around meetings"),
    "sched_conditions": (
        "{first}〜{last}の営業日 {hours}{extra} に {duration}: 必須 {required}人、任意 {optional}人",
        "business days {first} to {last}, {hours}{extra}, {duration}: {required} required, {optional} optional",
    ),
    "sched_busy_title": ("予定 (時刻は {tz})", "Busy blocks (times in {tz})"),
    "sched_none_title": ("必須の全員が空いている枠はありません", "No slot has every required person free"),
    "sched_found": ("候補日時 ({conditions}):", "Candidate times ({conditions}):"),
    "sched_none": (
        "候補がありません: {conditions} で必須の全員が空いている枠はありません。予定ありの必須者が少ない枠:",
        "no slot: {conditions} has no slot with every required person free; the slots with the fewest required people busy:",
    ),
    "sched_no_draft": (
        "候補がないため、日程調整の下書きは書きません",
        "no candidate, so no scheduling message was written",
    ),
    "sched_wrote_draft": ("日程調整の下書きを {path} に書き出しました", "Wrote the scheduling message to {path}"),
    "sched_issues_all": (" (全件: -o slots.xlsx の問題一覧シート)", " (all of them: -o slots.xlsx, Issues sheet)"),
    "sched_rows_skipped": (
        "使わなかった予定表の行・ファイル: エラー {errors} 件, 警告 {warnings} 件 (例: {where}{message})",
        "rows or files of the calendars not used: {errors} error{es}, {warnings} warning{ws}, e.g. {where}{message}",
    ),
    "sched_person_unread": (
        "{person} の予定表の行を1行も読めませんでした ({rows}行目)。{person} の予定が分からないため候補を出しません",
        "none of {person}'s schedule rows could be read (rows {rows}): {person}'s busy times are unknown, so no slot is proposed",
    ),
    "sched_person_unread_optional": (
        "{person} (任意) の予定表の行を1行も読めませんでした ({rows}行目)。候補は {person} の予定を考えていません",
        "none of {person}'s (optional) schedule rows could be read (rows {rows}): the slots do not account for {person}",
    ),
    "sched_person_assumed_free": (
        "{person} の予定表の行を1行も読めませんでした ({rows}行目)。--assume-free のとおり予定なしとして候補を出しました",
        "none of {person}'s schedule rows could be read (rows {rows}): taken as free, as --assume-free says",
    ),
    "sched_person_rows_unread": (
        "{person} の予定表の {count} 行 ({rows}行目) を読めませんでした。候補はその予定を考えていません",
        "{count} of {person}'s schedule rows could not be read (rows {rows}): the slots do not account for them",
    ),
    "sched_unread_refused": (
        "候補を出しません: {names} の予定が分かりません。予定表を直すか、予定なしとして扱うなら --assume-free {first} を付けてください",
        "no slot proposed: the busy times of {names} are unknown; fix the schedule, or add --assume-free {first} to take them as free",
    ),
    # --- the ledger (--record, record, history, diff, runs, findings, close) ----------------
    "ledger_change": ("{who} {month}: {item} {delta} ({before} → {after})", "{who} {month}: {item} {delta} ({before} → {after})"),
    "ledger_rows_moved": (" (行 +{added} / -{removed})", " (rows +{added} / -{removed})"),
    "ledger_recorded": (
        "台帳に記録しました (実行 #{run}): ファイル 新規 {new}・変更 {changed}・変更なし {unchanged}、行 +{added} / -{removed}",
        "Recorded in the ledger (run #{run}): files {new} new, {changed} changed, {unchanged} unchanged; rows +{added} / -{removed}",
    ),
    "ledger_copy": (
        "{file}: {other} と同じ内容のため記録しません (二重に数えません)",
        "{file}: the same content as {other}, not recorded (nothing counted twice)",
    ),
    "ledger_overlap_once": (
        "{file} の {month}: {other} から記録済みの記入と同じ {count} 行は一度だけ数えます (修正したコピーなら、正しい方だけを置いてください)",
        "{file}, {month}: {count} row(s) already recorded from {other} count once (an edited copy? keep only the file that is right)",
    ),
    "ledger_overlap_both": (
        "{file} の {month}: {other} から記録済みの行と同じ内容の {count} 行があります (両方を数えています: 二重なら片方だけを記録してください)",
        "{file}, {month}: {count} row(s) with the same content as rows recorded from {other} (both counted: if they are the same, record one)",
    ),
    "ledger_overlap_differ": (
        "{file} の {month}: {other} と同じ日・案件で時間の違う記入が {count} 行あります (例: {example})。両方を数えています: 正しい方だけを記録してください",
        "{file}, {month}: {count} row(s) with other hours than {other} for the same day and project (e.g. {example}); both counted: record only the right one",
    ),
    "ledger_unchanged": (
        "台帳は変わりません: {count} ファイルとも記録済みの内容と同じです",
        "Nothing new for the ledger: all {count} file(s) are as already recorded",
    ),
    "ledger_findings": (
        "指摘 {total} 件: 新規 {new}・未対応 {open}・対応済 {handled}・再オープン {reopened}",
        "Findings: {total} — {new} new, {open} still open, {handled} handled (対応済), {reopened} re-opened",
    ),
    "ledger_more_changes": ("… ほか {count} 件の変更 (全件: ledgerkit diff)", "… and {count} more changes (all of them: ledgerkit diff)"),
    "ledger_where": ("台帳: {url}", "Ledger: {url}"),
    "ledger_no_run": ("実行 #{run} は台帳にありません (一覧: ledgerkit runs)", "no run #{run} in the ledger (list them with: ledgerkit runs)"),
    "ledger_no_runs": ("台帳にはまだ記録がありません (--record を付けて実行してください)", "the ledger holds no run yet (run a command with --record)"),
    "ledger_missing": (
        "台帳はまだありません ({url}): aggregate / check / budget / settle を --record 付きで実行するか、ledgerkit record REPORT で作られます",
        "no ledger yet ({url}): one is made by --record on aggregate, check, budget or settle, or by ledgerkit record REPORT",
    ),
    "ledger_no_close": (
        "締めがまだ記録されていません (締めたときに ledgerkit close を実行してください)",
        "no close recorded yet (run ledgerkit close when a month is closed)",
    ),
    "ledger_bad_since": ("--since は last-close か実行番号です ({value!r} ではなく)", "--since must be last-close or a run number, not {value!r}"),
    "ledger_bad_month": ("{option} は 2026-04 のような年月です ({value!r} ではなく)", "{option} must be a month like 2026-04, not {value!r}"),
    "ledger_no_field": ("{kind} の行に {field} はありません (ある項目: {known})", "{kind} rows have no field {field} (fields: {known})"),
    "ledger_by_month": (
        "--by に month は書けません: 月は表の列です (行にする項目を書いてください。例: --by person)",
        "--by cannot name month: the months are the table's columns (name what the rows are, e.g. --by person)",
    ),
    "ledger_nothing": ("台帳に {kind} の行がありません{period}", "the ledger holds no {kind} rows{period}"),
    "ledger_total_of": ("{field} 合計", "{field} total"),
    "ledger_history": ("{kind}: {groups} 行 × {months} か月 ({first}〜{last})", "{kind}: {groups} rows × {months} months ({first} to {last})"),
    "ledger_diff_none": ("実行 #{a} と #{b} のあいだに変わった行はありません", "no row changed between run #{a} and run #{b}"),
    "ledger_diff_summary": (
        "実行 #{a} → #{b}: {groups} 件の変更 (行 +{added} / -{removed})",
        "run #{a} → #{b}: {groups} change(s) (rows +{added} / -{removed})",
    ),
    "ledger_closed": ("締めを記録しました (実行 #{run})。次回から diff --since last-close はここからの変更です",
                      "Recorded a close (run #{run}): diff --since last-close now shows changes from here"),
    "ledger_resolved": ("{count} 件の指摘を対応済にしました ({who})", "Marked {count} finding(s) handled (対応済) by {who}"),
    "ledger_no_finding": ("該当する指摘がありません: {what} (一覧: ledgerkit findings)", "no such finding: {what} (list them with: ledgerkit findings)"),
    "ledger_resolve_what": ("ID か --rule (と --ref) で指摘を指定してください", "name the finding by its ID, or by --rule (and --ref)"),
    "ledger_findings_count": (
        "未対応の指摘 {open} 件 (うち再オープン {reopened} 件)、対応済 {handled} 件",
        "{open} open finding(s) ({reopened} re-opened), {handled} handled",
    ),
    "ledger_runs_count": ("{count} 回の実行が記録されています", "{count} run(s) recorded"),
    "ledger_not_report": (
        "{path}: 明細 (Detail) シートがありません。ledgerkit record は ledgerkit aggregate -o の .xlsx レポートを読みます",
        "{path}: no 明細 (Detail) sheet; ledgerkit record reads the .xlsx reports of ledgerkit aggregate -o",
    ),
    "ledger_kind_unknown": (
        "{path}: 行の種類がわかりません (列: {columns})。--kind で指定してください",
        "{path}: cannot tell what kind of rows these are (columns: {columns}); name it with --kind",
    ),
    "ledger_status_new": ("新規", "new"),
    "ledger_status_open": ("未対応", "open"),
    "ledger_status_handled": ("対応済", "handled"),
    "ledger_status_reopened": ("再オープン", "re-opened"),
    "ledger_change_added": ("追加", "added"),
    "ledger_change_removed": ("削除", "removed"),
    "ledger_change_changed": ("変更", "changed"),
    # the ledger's reports on paper (history / runs / findings -o report.xlsx)
    "ledger_history_title": ("{what}の推移{period}", "{what} by month{period}"),
    "ledger_runs_title": ("記録した実行一覧", "Runs recorded in the ledger"),
    "ledger_findings_title": ("指摘一覧 (台帳)", "Findings (ledger)"),
    "ledger_findings_title_only": ("指摘一覧 (台帳、{status}のみ)", "Findings (ledger, {status} only)"),
    # --- triage (依頼の優先順位・割り当て・負荷) ----------------------------------------
    "triage_bad_cell": ("{field}を読み取れません: {text!r} ({reason})", "cannot read {field}: {text!r}"),
    "triage_default_effort": (
        "見積工数がないため {hours} として計画します ([triage] default_effort)",
        "no estimate: planned as {hours} ([triage] default_effort)",
    ),
    "triage_unknown_status": (
        "状態 {text!r} が分からないため未着手として扱います ([triage.status] に言葉を加えられます)",
        "unknown status {text!r}: treated as open (add the word to [triage.status])",
    ),
    "triage_unknown_importance": (
        "重要度 {text!r} が分からないため既定の重要度として扱います ([triage] importance)",
        "unknown importance {text!r}: the default importance is used ([triage] importance)",
    ),
    "triage_unknown_category": (
        "種別 {text!r} は [triage] categories にありません (得意・不得意と照らすときは書かれたまま使います)",
        "category {text!r} is not in [triage] categories (compared with strengths as written)",
    ),
    "triage_ignored_cell": ("{field} {text!r} を読み取れないため使いません", "cannot read {field} {text!r}: not used"),
    "triage_staff_hours": (
        "稼働時間 {text!r} を読み取れないため、既定の稼働時間で計画します ({reason})",
        "cannot read the hours {text!r}: the default capacity is planned",
    ),
    "triage_unknown_mark": (
        "{date} の印 {text!r} が分からないため、終日休みとして扱います",
        "unknown mark {text!r} on {date}: taken as a whole day off",
    ),
    "triage_bad_day_off": ("休暇 {text!r} を日付として読めないため使いません", "day off {text!r} is not a date: not used"),
    "triage_duplicate_person": (
        "{name} は {where} にもあるため、この行は使いません",
        "{name} is also at {where}: this row is not used",
    ),
    "triage_hours_unknown_person": (
        "工数の {name} ({count} 行) は担当者一覧にいないため、予約済みの時間に数えません",
        "{name} of the hours ({count} rows) is not in the staff list: not counted as booked time",
    ),
    "triage_hours_outside": (
        "工数の {count} 行は計画する営業日 ({first}〜{last}) の外のため、予約済みの時間に数えません",
        "hours outside the planned business days ({first} to {last}), {count} rows: not counted as booked",
    ),
    "triage_unknown_owner": (
        "担当 {name} は担当者一覧にいないため「{subject}」を計画できません",
        "owner {name} is not in the staff list: “{subject}” cannot be planned",
    ),
    "triage_no_requests": (
        "{where}: 依頼一覧の表が見つかりません (件名の列と、期限・見積工数・担当・状態のどれかの列が要ります)",
        "{where}: no request list found (it needs a 件名 column and one of 期限, 見積工数, 担当, 状態)",
    ),
    "triage_no_staff": (
        "担当者一覧に人がいません (氏名の列と、稼働時間・得意・不得意・休暇のどれかの列が要ります)",
        "the staff list names no one (it needs a 氏名 column and one of 稼働時間, 得意, 不得意, 休暇)",
    ),
    "triage_bad_as_of": (
        "--as-of {value!r}: 2026-12-01 09:00 のように日時を書いてください",
        "--as-of {value!r}: give a date and time like 2026-12-01 09:00",
    ),
    "triage_new_bad_key": (
        "--new {text!r}: {key!r} は依頼一覧の項目ではありません (使える項目: {known}; 件名=…,期限=…,見積工数=… のように書きます)",
        "--new {text!r}: {key!r} is not a field of the request list (fields: {known}; write 件名=…,期限=…,見積工数=…)",
    ),
    "triage_new_no_subject": ("--new {text!r}: 件名=… が要ります", "--new {text!r}: needs 件名=… (the subject)"),
    "triage_r_done": ("完了のため計画しません", "done: not planned"),
    "triage_r_on_hold": ("保留のため計画しません", "on hold: not planned"),
    "triage_r_no_due": ("期限なし", "no due date"),
    "triage_r_overdue": ("期限切れ {due} (営業時間で {late} 超過)", "overdue since {due} ({late} business time)"),
    "triage_r_due_today": ("期限は本日 ({due})", "due today ({due})"),
    "triage_r_due_in": ("期限まで残り {days} 営業日 ({due})", "due in {days} business days ({due})"),
    "triage_r_left": ("残工数 {hours}", "{hours} left"),
    "triage_r_slack": ("余裕 {hours}", "slack {hours}"),
    "triage_r_importance": ("重要度 {name}", "importance {name}"),
    "triage_r_role": ("依頼者 {role}", "requested by {role}"),
    "triage_morning": ("午前", "morning"),
    "triage_afternoon": ("午後", "afternoon"),
    "triage_today_half": ("本日{half}", "this {half}"),
    "triage_day_half": ("{day} {half}", "{day} {half}"),
    "triage_a_unknown_owner": ("担当 {name} は担当者一覧にいません", "owner {name} is not in the staff list"),
    "triage_a_unplanned": ("計画する期間内に終えられる人がいません", "no one can finish it within the planned days"),
    "triage_a_strong": ("得意: {category}", "strong at {category}"),
    "triage_a_weak": ("不得意: {category} (それでも最も早く終えられる)", "weak at {category}, yet the soonest to finish"),
    "triage_a_free": ("{when}に空き", "free {when}"),
    "triage_a_listed": ("一覧の担当、{when}から", "owner in the list, from {when}"),
    "triage_a_other_sooner": ("期限に間に合いません ({name} なら {finish} に終わります)", "late ({name} could finish by {finish})"),
    "triage_a_late": ("期限に間に合いません (最短 {finish})", "late (earliest finish {finish})"),
    "triage_s_booked": (
        "予約済みの時間 {booked} が稼働 {capacity} を超えています (会議・定例を見直してください)",
        "booked time {booked} is above the capacity {capacity} (review the meetings and routine work)",
    ),
    "triage_s_move": (
        "「{subject}」({hours}) を {to} へ (負荷 {before} → {after}、{to} {other})",
        "move “{subject}” ({hours}) to {to} (load {before} → {after}; {to} {other})",
    ),
    "triage_s_none": ("動かせる相手がいません (全員の空きが足りません)", "no one has room to take a request"),
    "triage_c_owner": ("担当変更 {before} → {after}", "owner {before} → {after}"),
    "triage_c_later": ("遅れ +{hours}", "finishes {hours} later"),
    "triage_c_unplanned": ("計画期間内に終わらなくなる", "no longer finishes within the planned days"),
    "triage_c_now_late": ("期限に間に合わなくなる", "now misses its due time"),
    "triage_change_line": ("  #{rank} {subject} ({owner}): {change} (期限 {due})", "  #{rank} {subject} ({owner}): {change} (due {due})"),
    "triage_board_person": ("担当", "Person"),
    "triage_board_row": ("区分", "Row"),
    "triage_board_plan": ("予定(h)", "Planned (h)"),
    "triage_board_capacity": ("稼働(h)", "Capacity (h)"),
    "triage_board_team": ("チーム計", "Team"),
    "triage_board_later": ("以降", "Later"),
    "triage_board_total": ("計", "Total"),
    "triage_board_load": ("負荷率", "Load"),
    "triage_board_title": ("担当別の負荷 ({as_of} 時点、営業日ごと)", "Load by person ({as_of}, per business day)"),
    "triage_board_legend": (
        "色: 赤 = 稼働を超える日、橙 = 稼働の {share} 以上、黄 = 作業あり、灰 = 休み。稼働(h) の行が各人の上限です",
        "Colours: red = above capacity, orange = {share} of capacity or more, yellow = some work, grey = day off. "
        "The Capacity row is each person's limit",
    ),
    "triage_sheet_queue": ("優先順位", "Priority"),
    "triage_sheet_board": ("担当別", "Board"),
    "triage_sheet_risks": ("期限リスク", "At risk"),
    "triage_sheet_overloads": ("過負荷", "Overloads"),
    "triage_sheet_changes": ("影響", "What slips"),
    "triage_sheet_load": ("負荷", "Load"),
    "triage_sheet_queue_title": ("依頼の優先順位 ({conditions})", "Requests by priority ({conditions})"),
    "triage_sheet_risks_title": ("期限切れ・期限リスク・計画外の依頼 {count} 件", "{count} requests overdue, at risk or unplanned"),
    "triage_sheet_overloads_title": (
        "過負荷 {count} 件 (1日 100% 超、または週の稼働の {share} 超)",
        "{count} overloads (above 100% on a day, or above {share} of a week)",
    ),
    "triage_sheet_changes_title": (
        "追加した依頼 {new} 件で担当が変わる・遅れる・期限に間に合わなくなる依頼 {count} 件",
        "{count} requests that change owner, finish later or now miss their due time with the {new} new request(s)",
    ),
    "triage_sheet_load_title": ("担当者・営業日ごとの負荷", "Load per person per business day"),
    "triage_conditions": ("{as_of} 時点、営業日 {hours}{lunch}", "as of {as_of}, business days {hours}{lunch}"),
    "triage_cond_lunch": (" (昼休み {lunch})", " (lunch {lunch})"),
    "triage_summary": (
        "依頼 {total} 件 (対応待ち {open} 件、保留 {hold} 件、完了 {done} 件)、担当 {people} 人 — {conditions}",
        "{total} requests ({open} open, {hold} on hold, {done} done), {people} people — {conditions}",
    ),
    "triage_queue_head": ("優先順位 (上位 {n} 件 / {total} 件):", "Priority (top {n} of {total}):"),
    "triage_queue_line": ("{rank:>4}. {mark}{subject} — 期限 {due}、担当 {owner}: {reason}",
                          "{rank:>4}. {mark}{subject} — due {due}, owner {owner}: {reason}"),
    "triage_bad_top": ("-n {value}: 1 以上の件数を書いてください", "-n {value}: give a count of 1 or more"),
    "triage_no_due_word": ("なし", "none"),
    "triage_nobody": ("未定", "none"),
    "triage_risks_head": ("期限リスク {count} 件:", "{count} at risk:"),
    "triage_risk_line": ("  #{rank} {subject} ({owner}): {risk} — 期限 {due}、完了予定 {finish}{earliest}",
                         "  #{rank} {subject} ({owner}): {risk} — due {due}, planned finish {finish}{earliest}"),
    "triage_risk_earliest": ("、最短 {finish} ({name})", ", earliest {finish} ({name})"),
    "triage_no_risks": ("期限に間に合わない依頼はありません", "every request is planned to finish on time"),
    "triage_overloads_head": ("過負荷 {count} 件:", "{count} overloads:"),
    "triage_overload_line": ("  {person}: {period} 負荷 {share} → {suggestion}", "  {person}: {period} load {share} → {suggestion}"),
    "triage_period_day": ("{day}", "{day}"),
    "triage_period_week": ("{first}〜{last}", "{first}–{last}"),
    "triage_no_overloads": ("過負荷の人はいません", "no one is overloaded"),
    "triage_new_head": ("追加した依頼:", "New requests:"),
    "triage_new_line": ("  #{rank} {subject} → {owner} ({finish} 完了予定){risk}", "  #{rank} {subject} → {owner} (finishes {finish}){risk}"),
    "triage_changes_head": ("この追加で影響を受ける依頼 {count} 件:", "{count} requests affected by the new ones:"),
    "triage_changes_none": ("影響を受ける依頼はありません", "no other request is affected"),
    "triage_more_changes": ("  … ほか {count} 件 (全件: {where}影響シート)", "  … and {count} more (all of them: the What slips sheet{where})"),
    "triage_more_where": ("-o board.xlsx の", " of -o board.xlsx"),
    "triage_rows_skipped": (
        "使わなかった行・確認してほしい行: エラー {errors} 件, 警告 {warnings} 件 (例: {where}{message})",
        "rows not used or to check: {errors} error{es}, {warnings} warning{ws}, e.g. {where}{message}",
    ),
    "triage_issues_all": (" (全件: -o board.xlsx の問題一覧シート)", " (all of them: -o board.xlsx, Issues sheet)"),
    # --- declared kinds ([kinds.NAME], ledgerkit.lists, ledgerkit kinds) ----------------------
    "list_bad_cell": (
        "{field}を{type}として読めません: {value!r}{reason}",
        "cannot read {field} as {type}: {value!r}",
    ),
    "list_missing_required": (
        "必須の{field}が空のため、この行は集計しません",
        "{field} is required and empty: the row is not consolidated",
    ),
    "list_no_year": (
        "{field} {value!r} の年が分かりません (シート名・タイトル・ファイル名に 2026年10月 や 2026年度 を入れてください)",
        "{field} {value!r} names no year (put e.g. 2026年10月 or 2026年度 in the sheet name, a title or the file name)",
    ),
    "list_below_min": ("{field} {value} が下限 {bound} を下回っています", "{field} {value} is below the minimum {bound}"),
    "list_above_max": ("{field} {value} が上限 {bound} を超えています", "{field} {value} is above the maximum {bound}"),
    "list_not_one_of": (
        "{field} {value!r} は宣言された値 ({allowed}) のどれでもありません",
        "{field} {value!r} is none of the declared values ({allowed})",
    ),
    "list_pattern": (
        "{field} {value!r} が宣言された形式 {pattern} に合いません",
        "{field} {value!r} does not match the declared pattern {pattern}",
    ),
    "list_duplicate_row": (
        "{other} と同じ行です ({key} も値もすべて同じ) — 1回だけ数えます",
        "the same row as {other} (same {key}, same values): counted once",
    ),
    "list_conflicting_row": (
        "{key} が同じ {other} と値が食い違っています ({diff}) — 両方を集計しています。どちらが正しいか確認してください",
        "same {key} as {other} but different values ({diff}): both are consolidated; check which is right",
    ),
    "list_key_repeated": (
        "同じシートの {row} 行目と {key} が同じです (別の行として集計しています)",
        "same {key} as row {row} of this sheet (consolidated as two rows)",
    ),
    "list_not_unique": (
        "{field} {value!r} は {other} にもあります ({field}は重複できない項目です)",
        "{field} {value!r} is also in {other} ({field} must be unique)",
    ),
    "list_field_missing": (
        "{field} の列が見つかりません (見出し: {synonyms})。このシートの行は {field} なしで集計します",
        "no {field} column found (headers: {synonyms}): this sheet's rows are consolidated without it",
    ),
    "list_blank_group": ("(空欄)", "(blank)"),
    "list_count": ("件数", "Rows"),
    "kind_unknown": (
        "--kind は {known} のどれかです ({value!r} ではなく)。ほかの一覧は ledgerkit.toml の [kinds.名前] で宣言できます (一覧: ledgerkit kinds)",
        "--kind must be one of {known}, not {value!r}; declare other lists as [kinds.NAME] in ledgerkit.toml (list them with: ledgerkit kinds)",
    ),
    "kind_unknown_show": (
        "種類 {value!r} はありません (あるもの: {known})",
        "no kind named {value!r} (known: {known})",
    ),
    "kinds_builtin": ("組み込み", "built-in"),
    "kinds_auto_words": ("--kind auto (シートごとに種類を判定)", "--kind auto (the kind found per sheet)"),
    "kinds_summary": ("集計 {by}", "summary by {by}"),
    "kinds_reader": ("読み取り {reader}", "reader {reader}"),
    "kinds_required": ("必須", "required"),
    "kinds_more": ("ほか {n} 個", "{n} more"),
    "kinds_none_declared": (
        "宣言した種類はありません (例: ledgerkit kinds show sales の形で [kinds.名前] を ledgerkit.toml に書きます; docs/kinds.md)",
        "no kinds declared (write [kinds.NAME] in ledgerkit.toml; see docs/kinds.md)",
    ),
    "kinds_show_head": (
        "ledgerkit.toml にコピーして名前・見出し・型を変えてください (docs/kinds.md)",
        "copy into ledgerkit.toml and change the name, headers and types (docs/kinds.md)",
    ),
    "kinds_show_builtin": (
        "組み込みの種類: 見出しの追加 (synonyms)・by・label・新しい項目だけ変えられます",
        "a built-in kind: only more synonyms, by, label and new fields can be set",
    ),
    "kinds_show_derived": ("読み取りが加える列 (見出しなし): {names}", "columns the reader adds (no header): {names}"),
    # ledgerkit.toml's [kinds.NAME] (after "file:line: key: ")
    "cfg_kind_name": (
        "種類・項目の名前は英字で始まる英数字・_・- で書いてください (--kind に書く名前です; {name!r} ではなく)",
        "a kind's or field's name is letters, digits, _ and -, starting with a letter (it is typed after --kind), not {name!r}",
    ),
    "cfg_kind_reserved": (
        "{name} は {what} の名前です。別の名前にしてください",
        "{name} is the name of {what}: choose another name",
    ),
    "cfg_kind_reserved_field": (
        "{name} は出典の列 (元ファイル・元シート・元行) の名前です。別の名前にしてください",
        "{name} is a provenance column (source file, sheet, row): choose another name",
    ),
    "cfg_kind_no_fields": (
        "項目を1つ以上書いてください (例: fields.amount = {{ type = \"yen\", synonyms = [\"売上\", \"売上高\"] }})",
        "declare at least one field, like fields.amount = {{ type = \"yen\", synonyms = [\"売上\", \"売上高\"] }}",
    ),
    "cfg_kind_no_synonyms": (
        "列の見出しになりうる言葉を書いてください (例: synonyms = [\"支店\", \"支店名\"])",
        "must list the header texts the column may have, like synonyms = [\"支店\", \"支店名\"]",
    ),
    "cfg_kind_long_synonym": ("見出しは {most} 文字までです", "a header text is at most {most} characters"),
    "cfg_kind_synonym_twice": (
        "見出し {word!r} が項目 {a} と {b} の両方にあります (どちらの列か決まりません)",
        "the header {word!r} is given for both {a} and {b} (the column would be ambiguous)",
    ),
    "cfg_kind_names": (
        "項目名をカンマ区切りの文字列かリストで書いてください (例: \"branch,month\"; {got}ではなく)",
        "must be field names, \"branch,month\" or a list, not {got}",
    ),
    "cfg_kind_unknown_field": ("{value!r} という項目はありません (項目: {known})", "no field {value!r} (fields: {known})"),
    "cfg_kind_names_twice": ("同じ項目が2回書かれています", "names a field twice"),
    "cfg_kind_no_by": ("集計する項目を1つ以上書いてください (例: by = \"branch,month\")", "must name at least one field, like by = \"branch,month\""),
    "cfg_kind_sum_type": (
        "{value!r} は {type} の項目です (sum に書けるのは int・yen・decimal・hours の項目です)",
        "{value!r} is a {type} field (sum takes int, yen, decimal and hours fields)",
    ),
    "cfg_kind_check_type": (
        "{check} は {types} の項目にだけ書けます (この項目は {type})",
        "{check} applies to {types} fields only (this field is {type})",
    ),
    "cfg_kind_bound": ("{value!r} を {type} の値として読めません", "{value!r} is not a {type} value"),
    "cfg_kind_min_max": ("min ({low}) が max ({high}) より大きくなっています", "min ({low}) is above max ({high})"),
    "cfg_kind_one_of": (
        "取りうる値のリストを書いてください (例: one_of = [\"東京\", \"大阪\"])",
        "must be a list of the values allowed, like one_of = [\"東京\", \"大阪\"]",
    ),
    "cfg_kind_pattern": ("正規表現として読めません ({error})", "not a regular expression ({error})"),
    "cfg_kind_reader_builtin": (
        "読み取り {value!r} は組み込みの種類 {value} のものです。[kinds.{value}] でその種類を拡張してください (宣言する一覧は reader = \"generic\")",
        "the reader {value!r} belongs to the built-in kind {value}: extend it with [kinds.{value}] (a declared list has reader = \"generic\")",
    ),
    "cfg_kind_builtin_fixed": (
        "組み込みの種類 {kind} はこれを {value!r} として読みます。変えられません",
        "the built-in kind {kind} reads this as {value!r}: it cannot be changed",
    ),
    # --- config and CLI -----------------------------------------------------------
    "init_wrote": (
        "{config} を作成し、テンプレート {count} 個を {templates} に置きました (確認: ledgerkit config show)",
        "Wrote {config} and {count} templates in {templates} (check with: ledgerkit config show)",
    ),
    "config_from": ("設定: {where}", "Settings from: {where}"),
    "config_none": ("既定値のみ (ledgerkit.toml なし)", "defaults only (no ledgerkit.toml)"),
    "wrote": ("{path} を書き出しました", "Wrote {path}"),
    "more_findings": (
        "… ほか {count} 件 (-o findings.xlsx で全件を書き出せます)",
        "… and {count} more (write them all with -o findings.xlsx)",
    ),
    "lang_invalid": ("--lang は ja か en です ({value!r} ではなく)", "--lang must be ja or en, not {value!r}"),
    # terminal lines of the check, settle and draft commands
    "col_severity": ("重要度", "Severity"),
    "col_where": ("場所", "Where"),
    "col_number": ("番号", "No."),
    "col_finding": ("内容", "Finding"),
    "severity_error": ("エラー", "error"),
    "severity_warning": ("警告", "warning"),
    "row_n": ("{row}行", "row {row}"),
    "check_summary": (
        "{what}を確認しました: エラー {errors} 件、警告 {warnings} 件",
        "Checked {what}: {errors} error{es}, {warnings} warning{ws}",
    ),
    "check_invoices_what": ("請求書 {invoices} 件 (税率別 {rows} 行)", "{invoices} invoices ({rows} rows by rate)"),
    "check_invoices_what_lines": (
        "請求書 {invoices} 件 (税率別 {pairs} 区分、明細 {rows} 行)",
        "{invoices} invoices ({pairs} invoice-and-rate totals, {rows} lines)",
    ),
    "check_orders_what": ("注文 {orders} 件 (明細 {rows} 行)", "{orders} orders ({rows} lines)"),
    "settle_summary": ("{count} 人月を精算しました (税抜 {total} 円)", "{count} person-months settled, {total} yen excl. tax"),
    "settle_findings": ("、指摘 {count} 件", "; {count} finding(s)"),
    "settle_wrote": ("、{path} を書き出しました", "; wrote {path}"),
    "settle_warnings": ("警告 {count} 件 (例: {where}{message})", "{count} warning(s), e.g. {where}{message}"),
    "settle_warnings_all": (" (全件: -o report.xlsx の Issues シート)", " (all of them: -o report.xlsx, Issues sheet)"),
    "drafts_wrote": ("下書き {count} 件を {folder} に書き出しました", "Wrote {count} draft{s} to {folder}"),
    "drafts_manifest": (" (一覧: {path})", " (manifest: {path})"),
    "drafts_failed": ("、{count} 件は失敗", "; {count} failed"),
    "drafts_pdfs": ("、PDF {count} 件", ", {count} PDF{s}"),
    "budget_input_problems": (
        "入力の問題: エラー {errors}件, 警告 {warnings}件 (問題一覧シートを参照)",
        "{errors} errors, {warnings} warnings in the inputs (see the Issues sheet)",
    ),
    "budget_input_problems_no_report": (
        "入力の問題: エラー {errors}件, 警告 {warnings}件 (全件は -o report.xlsx の問題一覧シート)",
        "{errors} errors, {warnings} warnings in the inputs (all of them: -o report.xlsx, Issues sheet)",
    ),
    "budget_strict_over": ("--strict: 予算超過または予算行のない案件: {projects}", "--strict: over budget or without a budget line: {projects}"),
    "budget_strict_inputs": (
        "--strict: 入力にエラーが {count} 件あります (数字が欠けている可能性があります)",
        "--strict: {count} errors in the inputs (the figures may be incomplete)",
    ),
    # ledgerkit.toml: reading it, and settings that cannot work (after "file:line: key: ")
    "cfg_not_found": ("{path}: 設定ファイルがありません", "{path}: config file not found"),
    "cfg_is_folder": ("{path}: フォルダです (設定ファイルではありません)", "{path}: is a folder, not a config file"),
    "cfg_unreadable": (
        "{path}: 設定ファイルを読めません ({error})。UTF-8 で保存してください",
        "{path}: cannot read the config file ({error}); save it as UTF-8",
    ),
    "cfg_not_toml": ("{path}: TOML として読めません: {error}", "{path}: not valid TOML: {error}"),
    "cfg_unknown_setting": ("不明な設定です (ここで使える設定: {known})", "unknown setting (known here: {known})"),
    "cfg_not_table": ("表 ([{key}]) で書いてください ({got}ではなく)", "must be a table ([{key}]), not {got}"),
    "cfg_wrong_type": ("{want}で書いてください ({got}ではなく)", "must be {want}, not {got}"),
    "cfg_unknown_kind": ("不明な種類です (使える種類: {known})", "unknown kind (known: {known})"),
    "cfg_unknown_field": ("不明な項目です ({kind} の項目: {known})", "unknown field (fields of {kind}: {known})"),
    "cfg_header_list": (
        "見出しのリストで書いてください (例: [\"取引先名\", \"支払先\"])",
        "must be a list of header texts, like [\"取引先名\", \"支払先\"]",
    ),
    "cfg_vendor_unnamed": (
        "取引先を name・registration_no・code のどれかで指定してください",
        "names no vendor: give name, registration_no or code",
    ),
    "cfg_vendor_registration": ("{value!r} は登録番号 (T + 13桁) ではありません", "{value!r} is not a registration number (T + 13 digits)"),
    "cfg_route_list": (
        "承認者の役職のリストで、下位から書いてください (例: [\"課長\", \"部長\"])",
        "must be a list of approver titles, lowest first, like [\"課長\", \"部長\"]",
    ),
    "cfg_category_string": ("区分 (文字列) で書いてください ({got}ではなく)", "must be a string (a category), not {got}"),
    "cfg_table_array": ("表の配列 ([[{key}]]) で書いてください ({got}ではなく)", "must be an array of tables ([[{key}]]), not {got}"),
    "cfg_unknown_rule_key": ("不明なキーです (使えるキー: {known})", "unknown key (allowed: {known})"),
    "cfg_one_of": ("{choices} のどれかにしてください ({value!r} ではなく)", "must be one of {choices}, not {value!r}"),
    "cfg_or_none": (" または \"\" (なし)", " or \"\" (none)"),
    "cfg_above_zero": ("0 より大きくしてください ({value!r} ではなく)", "must be above 0, not {value!r}"),
    "cfg_zero_or_more": ("0 以上にしてください ({value!r} ではなく)", "must be 0 or more, not {value!r}"),
    "cfg_month": ("1〜12 の月にしてください ({value} ではなく)", "must be a month, 1 to 12, not {value}"),
    "cfg_day_above_max": ("hours.max_hours_per_day を超えています", "is above hours.max_hours_per_day"),
    "cfg_rate": ("0.10 (10%) のような割合で書いてください ({value!r} ではなく)", "must be a fraction like 0.10 (10%), not {value!r}"),
    "cfg_no_terms": ("記載事項リスト {name!r} がありません (あるもの: {known})", "no written-terms list named {name!r} (known: {known})"),
    "cfg_terms_required": ("記載事項リストの名前が必要です (check orders が使います)", "must name a written-terms list (check orders needs one)"),
    "cfg_warning_above_over": (
        "注意の閾値 {warning} が超過の閾値 {over} (budget.over) を上回っています",
        "the warning threshold {warning} is above the over threshold {over} (budget.over)",
    ),
    "cfg_over_below_warning": (
        "超過の閾値 {over} が注意の閾値 {warning} (budget.warning) を下回っています",
        "the over threshold {over} is below the warning threshold {warning} (budget.warning)",
    ),
    "cfg_amount_basis": ("tax_excluded か tax_included にしてください ({value!r} ではなく)", "must be tax_excluded or tax_included, not {value!r}"),
    "cfg_not_category": ("{value!r} は approval.route_order の区分ではありません{known}", "{value!r} is not a category of approval.route_order{known}"),
    "cfg_required": ("{field} が必要です", "{field} is required"),
    "cfg_co_add": ("add (加える部署) が必要です", "add (the department) is required"),
    "cfg_not_on_route": ("{approver} が approval.route_order.{category} にありません", "{approver} is not in approval.route_order.{category}"),
    "cfg_no_route": ("区分 {category!r} の approval.route_order.{category} がありません", "category {category!r} has no approval.route_order.{category}"),
    "cfg_min_max": ("min ({low}) は 0 以上で max ({high}) より小さくしてください", "min ({low}) must be 0 or more and below max ({high})"),
    "cfg_no_default_rule": (
        "{category} の申請を決める規則がありません (approval.default_category)",
        "no rule decides {category} requests (approval.default_category)",
    ),
    "cfg_gap_below": ("{category}: {low} 円未満の金額を決める規則がありません", "{category}: no rule decides amounts below {low} yen"),
    "cfg_overlap": (
        "{category}: approval.rules[{n}] ({low} 円から) が approval.rules[{p}] ({bound}) と重なっています",
        "{category}: approval.rules[{n}] (from {low} yen) overlaps approval.rules[{p}] ({bound})",
    ),
    "cfg_bound_open": ("上限なし", "with no upper bound"),
    "cfg_bound_below": ("{high} 円未満", "below {high} yen"),
    "cfg_gap": (
        "{category}: {high} 円から {low} 円までの金額を決める規則がありません (approval.rules[{p}] の後の隙間)",
        "{category}: no rule decides amounts from {high} to {low} yen (gap after approval.rules[{p}])",
    ),
    "cfg_gap_top": (
        "{category}: {high} 円以上の金額を決める規則がありません (最上位の規則には max を書かないでください)",
        "{category}: no rule decides amounts of {high} yen and above (leave max out of the top rule)",
    ),
    "cfg_time_range": ("09:00-18:00 のように、前が後より早い2つの時刻を書いてください ({value!r} ではなく)", "must be two times of day, the first before the second, like 09:00-18:00; not {value!r}"),
    "cfg_time": ("17:00 のような時刻を書いてください ({value!r} ではなく)", "must be a time of day like 17:00, not {value!r}"),
    "cfg_share": ("0 より大きく 1 以下の割合にしてください ({value!r} ではなく)", "must be a share above 0 and at most 1, not {value!r}"),
    "cfg_word_groups": (
        "言葉のリストのリストで書いてください (例: [[\"高\", \"A\"], [\"中\", \"B\"]])",
        "must be a list of lists of words, like [[\"高\", \"A\"], [\"中\", \"B\"]]",
    ),
    "cfg_not_importance": ("{value!r} は triage.importance にありません (あるもの: {known})", "{value!r} is not in triage.importance (known: {known})"),
    "cfg_file_not_folder": ("{path}: ファイルです (フォルダではありません)", "{path}: is a file, not a folder"),
    "cfg_exists": (
        "{path} はすでにあります{more}。何も書き出していません (置き換えるには --force)",
        "{path} already exists{more}; nothing was written (--force replaces)",
    ),
    "cfg_exists_more": (" (ほか {count} 件)", " (and {count} more)"),
    "type_bool": ("true/false", "true/false"),
    "type_int": ("整数", "an integer"),
    "type_float": ("数値", "a number"),
    "type_str": ("文字列", "a string"),
    "type_list": ("リスト", "a list"),
    "type_dict": ("表", "a table"),
    # --- reports on paper, and every line in the person's language (issue 15) -------
    "report_made_on": ("作成日 {date}", "Made {date}"),
    "output_no_name": ("出力ファイル名がありません", "no output file name given"),
    "output_is_folder": (
        "{path} を書き出せません: フォルダです (ファイル名を指定してください)",
        "cannot write {path}: it is a folder (give a file name)",
    ),
    "output_no_folder": (
        "{path} を書き出せません: フォルダ {folder} がありません (先に作成してください)",
        "cannot write {path}: the folder {folder} does not exist (create it first)",
    ),
    "output_is_input": (
        "{path} には書き出しません: 入力ファイルの1つです ({input})。別の出力ファイル名にしてください",
        "refusing to write {path}: it is one of the input files ({input}); choose another output name",
    ),
    "output_open_elsewhere": (
        "{path} を書き出せません: 権限がないか、ほかのプログラムで開かれています (Excel で閉じてからやり直してください)",
        "cannot write {path}: permission denied or the file is open in another program (close it in Excel and try again)",
    ),
    "output_needs_xlsx": (
        "{path} を書き出せません: Excel のレポートには .xlsx のファイル名が必要です",
        "cannot write {path}: an Excel report needs a .xlsx file name",
    ),
    "output_unknown_type": (
        "{path} を書き出せません: {suffix} は扱えない種類です (.csv .json .xlsx のどれか、標準出力なら - )",
        "cannot write {path}: unknown file type {suffix} (use .csv, .json or .xlsx, or - for standard output)",
    ),
    "output_suffix_none": ("(拡張子なし)", "(none)"),
    # file safety, one rule for reports and drafts (issue 15): an existing file is kept unless --force
    "output_exists": (
        "{path} はすでにあります: 置き換えるには --force を付けてください",
        "{path} already exists: add --force to replace it",
    ),
    "output_exists_more": (
        "{path} ほか {more} 件はすでにあります: 置き換えるには --force を付けてください (何も書き出していません)",
        "{path} and {more} more already exist: add --force to replace them (nothing was written)",
    ),
    "output_folder_not_made": (
        "{path} を書き出せません: フォルダ {folder} を作れません ({reason})",
        "cannot write {path}: cannot create the folder {folder} ({reason})",
    ),
    "output_not_folder": ("途中にフォルダでないものがあります", "a part of the path is not a folder"),
    "report_row": ("{row}行目", "row {row}"),
    "report_or": (" または ", " or "),
    "report_date_upto": ("{figure} 以前", "on or before {figure}"),
    "report_date_upto_strict": ("{figure} より前", "before {figure}"),
    "report_date_from": ("{figure} 以降", "on or after {figure}"),
    "report_date_from_strict": ("{figure} より後", "after {figure}"),
    "report_figure_upto": ("{figure} 以下", "at most {figure}"),
    "report_figure_upto_strict": ("{figure} 未満", "below {figure}"),
    "report_figure_from": ("{figure} 以上", "at least {figure}"),
    "report_figure_from_strict": ("{figure} 超", "above {figure}"),
    # the findings report of check invoices / check orders
    "report_issues_none": ("問題はありません", "No issues"),
    "report_findings_sheet": ("指摘一覧", "Findings"),
    "report_findings_data_sheet": ("指摘データ", "Findings data"),
    "report_by_vendor_sheet": ("取引先別", "By vendor"),
    "report_by_vendor_title": ("取引先別 指摘件数", "Findings by vendor"),
    "report_vendor_unknown": ("(取引先不明)", "(vendor unknown)"),
    "report_rule_other": ("その他の確認", "Other"),
    "report_invoices_rows": ("請求書", "Invoices"),
    "report_orders_rows": ("注文", "Orders"),
    "report_invoices_number": ("請求書番号", "Invoice no."),
    "report_orders_number": ("注文番号", "PO no."),
    "report_invoices_documents": ("対象の請求書番号", "Invoices"),
    "report_orders_documents": ("対象の注文番号", "Orders"),
    "report_as_of": (" ({date} 時点)", " (as of {date})"),
    "report_invoices_findings_title": ("請求書チェック 指摘一覧", "Invoice check: findings"),
    "report_orders_findings_title": ("注文書チェック 指摘一覧", "Order check: findings"),
    "report_invoices_findings_note": (
        "請求書 {documents} 件を確認: エラー {errors} 件、警告 {warnings} 件 (取引先 {vendors} 社)",
        "{documents} invoices checked: {errors} errors, {warnings} warnings ({vendors} vendors)",
    ),
    "report_orders_findings_note": (
        "注文 {documents} 件を確認: エラー {errors} 件、警告 {warnings} 件 (取引先 {vendors} 社)",
        "{documents} orders checked: {errors} errors, {warnings} warnings ({vendors} vendors)",
    ),
    # the settlement report (settle -o settlement.xlsx)
    "settle_sheet_statement": ("精算書", "Statement"),
    "settle_sheet_data": ("精算", "Settlement"),
    "settle_title": ("精算書 {months}", "Settlement {months}"),
    "settle_month": ("{year}年{month}月", "{year}-{month:02d}"),
    "settle_note": (
        "{people} 人月 ・ 精算額合計 {total} (税抜) ・ 指摘 {findings} 件",
        "{people} person-months ・ settled {total} (excl. tax) ・ {findings} findings",
    ),
    "settle_fee": ("月額 {fee}", "monthly {fee}"),
    "settle_within": ("精算幅の内", "within the band"),
    "settle_excess": ("超過 {hours}h × {rate}", "above by {hours} h × {rate}"),
    "settle_deduction": ("控除 {hours}h × {rate}", "below by {hours} h × {rate}"),
    "settle_findings_title": ("指摘 ({count} 件)", "Findings ({count})"),
    "settle_no_findings": ("指摘はありません", "No findings"),
    # titles of the aggregate reports
    "report_period_title": ("{what} {period} (ファイル {files} 件)", "{what} {period} ({files} files)"),
    "report_hours_detail_title": ("工数明細", "Effort hours, rows"),
    "report_invoices_detail_title": ("請求書明細", "Invoices, rows"),
    "report_attendance_detail_title": ("勤怠明細", "Attendance, rows"),
    # the budget report: which figures are to date and which for the year
    "budget_heading_budget_to": ("予算 (〜{month})", "Budget to {month}"),
    "budget_heading_actual_to": ("実績 (〜{month})", "Actual to {month}"),
    "budget_chart_to_date": ("案件別 予算と実績 ({month}まで)", "Budget and actual to {month}, by project"),
    "budget_chart_year_through": (
        "案件別 年間予算・実績・着地見込 (実績は{month}まで)",
        "Full-year budget, actual (to {month}) and forecast, by project",
    ),
    "budget_chart_year": ("案件別 年間予算・実績・着地見込", "Full-year budget, actual and forecast, by project"),
    "by_empty": ("--by には項目を1つ以上指定してください (例: --by 案件,月)", "--by needs at least one field, e.g. --by project,month"),
    "by_unknown": ("--by: {fields} という列はありません (列: {columns})", "--by: no column {fields} (columns: {columns})"),
    "check_no_invoice_list": (
        "{files} に請求書一覧の表が見つかりません (取引先、請求書番号または登録番号、金額の列がある表)",
        "no invoice list found in {files} (a table with 取引先, 請求書番号 or 登録番号 and an amount column)",
    ),
    "check_no_order_list": (
        "{files} に注文一覧の表が見つかりません (注文番号の列がある表)",
        "no order list found in {files} (a table with 注文番号)",
    ),
    "check_no_terms": (
        "明示事項の定義 {terms!r} はありません (ledgerkit/data/{terms}.toml)",
        "no written-terms file named {terms!r} (ledgerkit/data/{terms}.toml)",
    ),
    "settle_no_contracts": (
        "{files}: 契約一覧の表が見つかりません (氏名と月額単価の列が要ります)",
        "{files}: no contract list found (needs columns 氏名 and 月額単価)",
    ),
    # usage errors, one line (ledgerkit.cli.usage): what was wrong, then how to see the help
    "usage_no_such_option": ("{option} というオプションはありません{similar}", "no such option: {option}{similar}"),
    "usage_did_you_mean": (" ({options} のことですか?)", " (did you mean {options}?)"),
    "usage_missing_argument": ("{name} を指定してください", "missing {name}"),
    "usage_missing_option": ("{name} を指定してください", "missing option {name}"),
    "usage_needs_value": ("{option} には値が要ります", "option {option} needs a value"),
    "usage_path_is_file": ("{name} {path}: ファイルです (フォルダを指定してください)", "{name} {path}: is a file, not a folder"),
    "usage_path_is_folder": ("{name} {path}: フォルダです (ファイルを指定してください)", "{name} {path}: is a folder, not a file"),
    "usage_path_missing": ("{name} {path}: そのようなファイルやフォルダはありません", "{name} {path}: no such file or folder"),
    "usage_takes_no_value": ("{option} は値を取りません", "option {option} takes no value"),
    "usage_out_of_range": ("{name} は {range} の範囲で指定してください", "{name} must be {range}"),
    "usage_bad_choice": (
        "{name} に {value} は使えません ({choices} のどれか)",
        "{name}: {value} is not one of {choices}",
    ),
    "usage_bad_value": ("{name} の値が正しくありません: {detail}", "invalid value for {name}: {detail}"),
    "usage_extra_arguments": ("余分な引数があります: {args}", "unexpected extra argument(s): {args}"),
    "usage_no_such_command": ("{command} というコマンドはありません", "no such command: {command}"),
    "usage_other": ("使い方が正しくありません: {detail}", "usage error: {detail}"),
    "usage_help_hint": ("({command} -h で使い方を表示)", "(see {command} -h)"),
    "usage_aborted": ("中断しました", "aborted"),
    # --- issue 15 (wt-ja15): the issuer's data, and every error line in the person's language ---
    # ledgerkit.toml's [company] (after "file:line: key: "), checked at load and when a draft prints it
    "cfg_issuer_registration": (
        "{value!r} は登録番号 (T + 13桁) ではありません: 下書きに発行者として印刷する自社の登録番号です",
        "{value!r} is not a registration number (T + 13 digits): the drafts print it as the issuer's",
    ),
    "cfg_issuer_check_digit": (
        "{value} は検査用数字が合いません ({expected} なら合います): 下書きに発行者として印刷する自社の登録番号を確かめてください"
        " (個人事業者の番号は合わないことがあります。国税庁の公表サイトで確認できます)",
        "{value} fails the check digit ({expected} would pass): check the registration number the drafts print as the"
        " issuer (a sole proprietor's number may not follow it; the NTA publication site can confirm it)",
    ),
    # error lines that were English under the default language (tests/test_japanese_everywhere.py)
    "cfg_not_toml_at": (
        "{path}:{line}: TOML として読めません ({line}行目 {column}文字目あたりの書き方を確かめてください)",
        "{path}:{line}: not valid TOML: {error}",
    ),
    "check_today_bad": (
        "--today は 2026-11-30 のような日付で指定してください ({value!r} は読めません)",
        "--today must be a date like 2026-11-30, not {value!r}",
    ),
    "interrupted": ("中断しました。何も書き出していません", "interrupted; nothing was written"),
    "bug_line": (
        "想定外のエラー {name}: {detail} — ledgerkit の不具合です。実行したコマンドを添えて報告してください",
        "unexpected {name}: {detail} — this is a bug in ledgerkit; please report it with the command you ran",
    ),
    "draft_template_not_found": (
        "テンプレート {template} がありません (同梱: {bundled})",
        "template not found: {template} (bundled: {bundled})",
    ),
    "draft_name_no_field": (
        "--name {pattern!r}: 項目 {{{key}}} はありません (項目: {fields})",
        "--name {pattern!r}: no field {{{key}}} (fields: {fields})",
    ),
    "draft_name_bad": (
        "--name {pattern!r}: ファイル名の形が正しくありません ({{項目名}} と書いてください。{{ と }} は対にします)",
        "--name {pattern!r}: {error}",
    ),
    "draft_manifest_is_source": (
        "{path} には書き出しません: 下書きの元の一覧です。別の出力フォルダを指定してください",
        "refusing to write {path}: it is the list the drafts are made from; choose another output folder",
    ),
    "settle_no_attendance_rows": (
        "勤務表の行が1行もありません (ledgerkit inspect --kind attendance でファイルを確認できます)",
        "no attendance rows found (check the files with: ledgerkit inspect --kind attendance)",
    ),
    "settle_month_format": ("--month は 2026-10 のような年月で指定してください ({value!r} ではなく)",
                            "--month must be YYYY-MM, not {value!r}"),
    "settle_month_empty": (
        "--month {month}: その月の勤務表がありません (ファイルにあるのは {present})",
        "--month {month}: no attendance for that month (the files hold {present})",
    ),
    "settle_contract_no_attendance": (
        "{person} ({vendor}) の契約は {month} も有効ですが、その月の勤務表の行がありません: 精算していません "
        "(勤務表の提出漏れか、契約の終了日を確認してください)",
        "{person} ({vendor}): the contract is in force in {month}, but no 勤務表 rows for that month were read: "
        "not settled (a timesheet not handed in, or the contract's end date?)",
    ),
    "settle_no_contract": (
        "契約がありません: {people} — 契約一覧に加えてください{why}",
        "no contract for {people} — add them to the contract list{why}",
    ),
    "settle_row": ("{row}行目", "row {row}"),
    "usage_not_integer": ("{name} は整数で指定してください", "{name} must be a whole number"),
    "usage_not_number": ("{name} は数値で指定してください", "{name} must be a number"),
    "usage_bad_value_plain": ("{name} の値が正しくありません", "invalid value for {name}"),
    "settle_two_contracts": (
        "{person}: {month} に当たる契約が {count} 件あります ({rows})。1件にするか、契約開始/契約終了を書いてください",
        "{person}: {count} contracts apply to {month} ({rows}); keep one or set 契約開始/契約終了",
    ),
    "settle_same_days": (
        "{person} {month}: 同じ日 (例: {day}) が2つのシート {a} と {b} にあります。どちらか1つにしてください",
        "{person} {month}: the same days (e.g. {day}) are on two sheets, {a} and {b}; keep one of them",
    ),
}


# Characters that would make a shown name act on the terminal or break the line it is on:
# C0/C1 controls (line breaks included), the line/paragraph separators and bidi overrides.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown_path(path) -> str:
    """A file name as a terminal line shows it: as it is, or quoted and escaped when it
    holds a control character (a line break in a name must not forge a line).

    The one helper every line that names a file goes through (``Error:`` lines,
    ``inspect``, the issues listed on the terminal).

    Examples:
        >>> shown_path("工数/山田.xlsx")
        '工数/山田.xlsx'
        >>> print(shown_path("a\\nError: b.xlsx"))
        'a\\nError: b.xlsx'
    """
    text = os.fspath(path) if not isinstance(path, str) else path
    if not isinstance(text, str):
        text = os.fsdecode(text)
    if not _UNSHOWABLE.search(text):
        return text
    return "'" + _UNSHOWABLE.sub(_escape_char, text) + "'"


def _escape_char(m: re.Match) -> str:
    ch = m.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
    if named:
        return named
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


#: English nouns counted in the templates ("{errors} errors"), plural → singular: text() says
#: "1 error", "1 file", never "1 errors". A noun written ``file(s)`` needs no entry.
_EN_SINGULAR = {
    "errors": "error", "warnings": "warning", "notes": "note", "files": "file", "sheets": "sheet", "rows": "row",
    "cells": "cell", "formula cells": "formula cell", "characters": "character", "lines": "line",
    "fields": "field", "invoices": "invoice", "orders": "order", "vendors": "vendor", "contracts": "contract",
    "entries": "entry", "events": "event", "findings": "finding", "templates": "template", "approvers": "approver",
    "stamp boxes": "stamp box", "requests": "request", "overloads": "overload", "people": "person",
    "person-months": "person-month", "days": "day", "business days": "business day", "months": "month",
    "minutes": "minute", "hours": "hour", "more rows": "more row", "more changes": "more change",
    "more groups": "more group", "more formula cells": "more formula cell",
}
_COUNTED = re.compile(
    r"\{(?P<name>\w+)(?:![rsa])?(?::[^{}]*)?\} (?P<noun>"
    + "|".join(re.escape(n) for n in sorted(_EN_SINGULAR, key=len, reverse=True))
    + r"|[a-z]+\(s\))(?![\w(-])(?: (?P<verb>have|are|were|apply)\b)?"
)
#: the verb right after a counted noun, for a count of 1 ("1 person has hours")
_EN_VERB_ONE = {"have": "has", "are": "is", "were": "was", "apply": "applies"}


def counted_nouns(template: str, params: dict) -> str:
    """An English template with each noun counted by a parameter said in the singular when the
    count is 1 (``{errors} errors`` → ``1 error``) and ``file(s)`` worded by its count.

    Used by :func:`text` for every English message; the catalogue keeps its plurals.

    Examples:
        >>> counted_nouns("{errors} errors, {warnings} warnings", {"errors": 1, "warnings": 2})
        '{errors} error, {warnings} warnings'
        >>> counted_nouns("{count} file(s) skipped", {"count": "1"}), counted_nouns("{n} file(s)", {"n": 3})
        ('{count} file skipped', '{n} files')
        >>> counted_nouns("{count} people have hours", {"count": 1})
        '{count} person has hours'
    """
    def worded(m: re.Match) -> str:
        one = str(params.get(m["name"], "")).strip() == "1"
        noun, verb = m["noun"], m["verb"]
        if noun.endswith("(s)"):
            noun = noun[:-3] if one else noun[:-3] + "s"
        elif one:
            noun = _EN_SINGULAR[noun]
        if verb:
            noun += " " + (_EN_VERB_ONE[verb] if one else verb)
        return m.group(0)[: m.start("noun") - m.start()] + noun

    return _COUNTED.sub(worded, template)


def text(code: str, lang: str = "ja", **params) -> str:
    """The message for ``code`` in ``lang`` with ``params`` filled in.

    An unknown code or a missing parameter never raises: the code itself is shown,
    so a report is never lost over a message.

    Examples:
        >>> text("empty_sheet", "en")
        'empty sheet'
        >>> text("no_table", "en", kind={"ja": "工数", "en": "hours"}, fields="日付")
        'no hours table found (needs columns: 日付)'
    """
    pair = MESSAGES.get(code)
    if pair is None:
        return code if not params else f"{code} {params}"
    template = pair[0] if lang == "ja" else pair[1]
    # a parameter may itself be worded in both languages: {"ja": ..., "en": ...}
    params = {k: (v.get(lang, v.get("en")) if isinstance(v, dict) and "ja" in v else v) for k, v in params.items()}
    if lang != "ja":
        template = counted_nouns(template, params)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
