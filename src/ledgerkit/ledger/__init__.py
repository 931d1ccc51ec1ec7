"""The results ledger: every month's results kept, shared and handed over.

- ``book``: :class:`Ledger` — ``record``, ``history``, ``diff``, ``runs``, ``findings``, ``resolve``, ``mark_close``;
- ``cli_support``: :func:`record_from_cli` — what a command's ``--record`` calls;
- ``report_reader``: :func:`read_report` — a report ledgerkit wrote, read back (``ledgerkit record``);
- ``paper``: the ledger's tables as a manager reads them (``history`` / ``runs`` / ``findings -o report.xlsx``);
- ``store``: the URL, the engine, one writer at a time, the schema migrations (``migrations/``);
- ``schema``: the tables; ``prepare``, ``recording``, ``findings_db``, ``asking``, ``changes``,
  ``outcome``: recording a result and asking the ledger; ``rowdata``, ``sources``: rows and files as stored.
"""

from ledgerkit.ledger.book import Ledger
from ledgerkit.ledger.cli_support import record_from_cli, settings_of
from ledgerkit.ledger.outcome import Recording
from ledgerkit.ledger.report_reader import read_report

__all__ = ["Ledger", "Recording", "read_report", "record_from_cli", "settings_of"]
