# CLI: ledgerkit init out/client-a && ledgerkit config show --config out/client-a/ledgerkit.toml
"""Set up a project folder, change one setting, and see where each setting comes from."""

from pathlib import Path

from ledgerkit.config.project import init_project
from ledgerkit.config.loading import load_config

folder = Path("out") / "client-a"
if not (folder / "ledgerkit.toml").exists():
    init_project(folder)

path = folder / "ledgerkit.toml"
text = path.read_text(encoding="utf-8").replace("warning = 0.8", "warning = 0.75")
path.write_text(text, encoding="utf-8")

config = load_config(path)
for key in ("budget.warning", "budget.over", "fiscal_year.start_month"):
    print(f"{key} = {config.get(key)}  ({config.source(key)})")
