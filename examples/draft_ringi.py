# CLI: ledgerkit draft-ringi examples/requests.xlsx --all -o out/ringi
"""Draft a 稟議書 for every request in examples/requests.xlsx and show each one's
approval route (from the authority matrix in the config, DOMAIN.md §1.2 by default)."""

from pathlib import Path

from ledgerkit import load_config
from ledgerkit.drafts import approval_route, draft_ringi

HERE = Path(__file__).parent
config = load_config()  # ./ledgerkit.toml when there is one, else the defaults

for result in draft_ringi(HERE / "requests.xlsx", all=True, out_dir="out/ringi", config=config):
    print(f"{result.key}: {result.status} {result.path or result.message}")

# the route a 48万円 purchase and a 120万円 contract take
print(approval_route(480_000, "購買", config))
print(approval_route(1_200_000, "契約", config, department="営業部"))  # the drafter's department stamps
