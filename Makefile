# The two commands a newcomer runs: `make demo` and `make test`.
# Both create .venv with the machine's python3 and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean examples

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# The monthly job on the sample workbooks in examples/; reports land in out/. Every command
# that writes is given --force (a file already there is kept without it), so the demo runs
# again and again.
# The checks exit 1 when they find something (the samples have planted problems), so
# 0 and 1 both count as a good run here; 2 (unreadable input, usage) stops the demo.
LK := $(BIN)/ledgerkit
ok01 = ; s=$$?; [ $$s -le 1 ] || exit $$s

demo: $(VENV)/.installed
	@mkdir -p out
	$(LK) init out/project --force
	$(LK) aggregate examples/hours -o out/hours_report.xlsx --force
	$(LK) aggregate examples/sales --kind sales --config examples/sales.toml -o out/sales_report.xlsx --force
	$(LK) check invoices examples/invoices --orders examples/po_list.xlsx --today 2026-11-30 -o out/invoice_findings.xlsx --force $(ok01)
	$(LK) check orders examples/po_list.xlsx -o out/order_findings.xlsx --force $(ok01)
	$(LK) budget examples/budget.xlsx --hours examples/hours --invoices examples/invoices --rates examples/rates.xlsx --through 2026-11 -o out/budget_report.xlsx --force
	$(LK) settle examples/attendance/勤務表 --contracts examples/attendance/契約一覧.xlsx --invoices examples/attendance/請求書一覧_2026年10月.xlsx -o out/settlement.xlsx --force $(ok01)
	$(LK) draft-ringi examples/requests.xlsx --all -o out/ringi --force
	$(LK) draft-ringi examples/requests.xlsx --all --template ringi.xlsx -o out/ringi_xlsx --force
	$(LK) draft-po examples/orders.xlsx --all -o out/po --config examples/drafts.toml --force
	$(LK) draft-ringi examples/requests.xlsx --all --template ringi.docx -o out/ringi_docx --force
	$(LK) draft-po examples/orders.xlsx --all --template po.docx -o out/po_docx --config examples/drafts.toml --force
	$(LK) schedule examples/calendars --between 2026-12-07..2026-12-18 --required 佐藤部長,鈴木課長,高橋課長 --optional 田中,伊藤,渡辺 --buffer 15 -o out/slots.xlsx --draft out/日程調整.txt --force
	$(LK) triage examples/triage/依頼一覧.xlsx --staff examples/triage/担当者一覧.xlsx --as-of "2026-12-02 10:00" -o out/board.xlsx --force $(ok01)
	$(LK) triage examples/triage/依頼一覧.xlsx --staff examples/triage/担当者一覧.xlsx --as-of "2026-12-02 10:00" --new "件名=監査法人からの追加資料依頼,期限=今日 17:00,見積工数=4h,依頼者=佐藤部長,種別=集計" -n 5 -o out/board_whatif.xlsx --force $(ok01)
	@# the ledger (out/project/ledger.db): October recorded and closed, then the report of both months
	rm -f out/project/ledger.db out/project/ledger.db-wal out/project/ledger.db-shm
	$(LK) aggregate examples/hours/工数_2026年10月_山田太郎.xlsx examples/hours/工数_2026年10月_佐藤花子.xlsx --record --config out/project/ledgerkit.toml
	$(LK) close --note "2026年10月 締め" --config out/project/ledgerkit.toml
	$(LK) record out/hours_report.xlsx --config out/project/ledgerkit.toml
	$(LK) history hours --by person --config out/project/ledgerkit.toml
	$(LK) diff --since last-close --config out/project/ledgerkit.toml
	$(LK) check invoices examples/invoices --orders examples/po_list.xlsx --today 2026-11-30 --record --config out/project/ledgerkit.toml > /dev/null 2>&1 $(ok01)
	$(LK) findings --config out/project/ledgerkit.toml $(ok01)
	@echo
	@echo "Reports are in out/ (a project folder made by ledgerkit init is in out/project, with the ledger out/project/ledger.db): hours_report.xlsx, sales_report.xlsx, invoice_findings.xlsx, order_findings.xlsx, budget_report.xlsx, settlement.xlsx, ringi/, ringi_xlsx/, po/, ringi_docx/, po_docx/ (Word), slots.xlsx, 日程調整.txt, board.xlsx, board_whatif.xlsx"

# Rebuild the sample workbooks in examples/ from the script that makes them.
examples: $(VENV)/.installed
	for script in examples/make_*_examples.py; do $(BIN)/python "$$script" || exit 1; done

# The ledger tests also run on a throwaway PostgreSQL cluster (tests/pgcluster.py): its server
# is installed here when missing, as root with apt-get (CI); when that is impossible, those
# tests skip with a message and make test goes on.
PG_INITDB = $(firstword $(shell command -v initdb 2>/dev/null) $(wildcard /usr/lib/postgresql/*/bin/initdb))

test: $(VENV)/.installed-test
	@if [ -z "$(PG_INITDB)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing PostgreSQL for the ledger tests (apt-get install postgresql)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null 2>&1 \
			|| echo "could not install PostgreSQL: its ledger tests will be skipped"; \
	fi
	$(BIN)/python -m pytest -q

# The benchmark (docs/benchmarks.md): corpora in bench/data/, made on first use.
# make bench BENCH_FLAGS=--quick  for every corpus but c (the million rows).
BENCH_FLAGS ?=
bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py $(BENCH_FLAGS)

clean:
	rm -rf $(VENV) out build dist .pytest_cache
