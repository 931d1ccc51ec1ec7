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

# The monthly job on the sample workbooks in examples/; reports land in out/.
# The checks exit 1 when they find something (the samples have planted problems), so
# 0 and 1 both count as a good run here; 2 (unreadable input, usage) stops the demo.
LK := $(BIN)/ledgerkit
ok01 = ; s=$$?; [ $$s -le 1 ] || exit $$s

demo: $(VENV)/.installed
	@mkdir -p out
	$(LK) init out/project --force
	$(LK) aggregate examples/hours -o out/hours_report.xlsx
	$(LK) check invoices examples/invoices --orders examples/po_list.xlsx --today 2026-11-30 -o out/invoice_findings.xlsx $(ok01)
	$(LK) check orders examples/po_list.xlsx -o out/order_findings.xlsx $(ok01)
	$(LK) budget examples/budget.xlsx --hours examples/hours --invoices examples/invoices --rates examples/rates.xlsx --through 2026-11 -o out/budget_report.xlsx
	$(LK) settle examples/attendance/勤務表 --contracts examples/attendance/契約一覧.xlsx --invoices examples/attendance/請求書一覧_2026年10月.xlsx -o out/settlement.xlsx $(ok01)
	$(LK) draft-ringi examples/requests.xlsx --all -o out/ringi --force
	$(LK) draft-ringi examples/requests.xlsx --all --template ringi.xlsx -o out/ringi_xlsx --force
	$(LK) draft-po examples/orders.xlsx --all -o out/po --config examples/drafts.toml --force
	$(LK) schedule examples/calendars --between 2026-12-07..2026-12-18 --required 佐藤部長,鈴木課長,高橋課長 --optional 田中,伊藤,渡辺 --buffer 15 -o out/slots.xlsx --draft out/日程調整.txt
	$(LK) triage examples/triage/依頼一覧.xlsx --staff examples/triage/担当者一覧.xlsx --as-of "2026-12-02 10:00" -o out/board.xlsx $(ok01)
	$(LK) triage examples/triage/依頼一覧.xlsx --staff examples/triage/担当者一覧.xlsx --as-of "2026-12-02 10:00" --new "件名=監査法人からの追加資料依頼,期限=今日 17:00,見積工数=4h,依頼者=佐藤部長,種別=集計" -n 5 -o out/board_whatif.xlsx $(ok01)
	@echo
	@echo "Reports are in out/ (a project folder made by ledgerkit init is in out/project): hours_report.xlsx, invoice_findings.xlsx, order_findings.xlsx, budget_report.xlsx, settlement.xlsx, ringi/, ringi_xlsx/, po/, slots.xlsx, 日程調整.txt, board.xlsx, board_whatif.xlsx"

# Rebuild the sample workbooks in examples/ from the script that makes them.
examples: $(VENV)/.installed
	for script in examples/make_*_examples.py; do $(BIN)/python "$$script" || exit 1; done

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

# The benchmark (docs/benchmarks.md): corpora in bench/data/, made on first use.
# make bench BENCH_FLAGS=--quick  for corpora a and b only.
BENCH_FLAGS ?=
bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py $(BENCH_FLAGS)

clean:
	rm -rf $(VENV) out build dist .pytest_cache
