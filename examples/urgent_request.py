"""A 部長 walks in with something urgent: who takes it, and what slips?

# CLI: ledgerkit triage examples/triage/依頼一覧.xlsx --staff examples/triage/担当者一覧.xlsx --as-of "2026-12-02 10:00" --new "件名=監査法人からの追加資料依頼,期限=今日 17:00,見積工数=4h,依頼者=佐藤部長,種別=集計" -o out/board.xlsx
"""

from pathlib import Path

import ledgerkit

EXAMPLES = Path(__file__).resolve().parent

result = ledgerkit.triage(
    EXAMPLES / "triage" / "依頼一覧.xlsx", EXAMPLES / "triage" / "担当者一覧.xlsx", as_of="2026-12-02 10:00",
    new=["件名=監査法人からの追加資料依頼,期限=今日 17:00,見積工数=4h,依頼者=佐藤部長,種別=集計"],
)
new = result.frame[result.frame["new"]].iloc[0]
print(f"#{new['rank']} {new['subject']} → {new['owner']}, done by {new['planned_finish']:%m/%d %H:%M}")
changes = result.tables["changes"]
for row in changes[changes["now_late"]].itertuples():
    print(f"now late: #{row.rank} {row.subject} ({row.owner_after}), due {row.due:%m/%d %H:%M}")
print(f"{len(changes)} requests move; {int(changes['owner_changed'].sum())} change owner")

Path("out").mkdir(exist_ok=True)
result.write("out/board.xlsx")
print("wrote out/board.xlsx")
