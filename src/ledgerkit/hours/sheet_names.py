"""What a sheet's name says about it: a helper list, a summary of the others, a default name."""

from __future__ import annotations

import re

# Sheets that hold lists, calendars or examples, not anybody's hours.
_HELPER_SHEET = re.compile(
    r"祝日|休日|祭日|holiday|カレンダー|calendar|リスト|list|マスタ|master|選択肢|プルダウン|"
    r"設定|記入例|入力例|sample|example|テンプレ|template|使い方|説明|help|readme",
    re.IGNORECASE,
)


# Sheets that summarize the others: counting them would count the hours twice.
_SUMMARY_SHEET = re.compile(r"集計|合計|サマリ|summary|まとめ|pivot|ピボット|total|全体|総括", re.IGNORECASE)
_DEFAULT_SHEET = re.compile(r"^(sheet|シート|ワークシート)\s*\d*$", re.IGNORECASE)
