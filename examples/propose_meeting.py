"""Find an hour when the 部長 and two 課長 are free, and print the 日程調整 message.

# CLI: ledgerkit schedule examples/calendars --between 2026-12-07..2026-12-18 --required 佐藤部長,鈴木課長,高橋課長 --optional 田中,伊藤,渡辺 --buffer 15 -o out/slots.xlsx --draft out/日程調整.txt
"""

from pathlib import Path

import ledgerkit
from ledgerkit.scheduling import render_request

EXAMPLES = Path(__file__).resolve().parent

result = ledgerkit.find_slots(
    EXAMPLES / "calendars", between="2026-12-07..2026-12-18", buffer=15,
    required=["佐藤部長", "鈴木課長", "高橋課長"], optional=["田中", "伊藤", "渡辺"],
)
for slot in result.meta["proposed"]:
    print(f"{slot.start:%m/%d %H:%M}-{slot.end:%H:%M}  optional free: {len(slot.optional_free)}/3")
for issue in result.issues:
    print(f"{issue.location('en')}: {issue.message('en')}")

Path("out").mkdir(exist_ok=True)
result.write("out/slots.xlsx")
Path("out/日程調整.txt").write_text(render_request(result), encoding="utf-8")
print(render_request(result))
