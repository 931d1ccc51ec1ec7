"""What one recording did, and the lines a person reads about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ledgerkit.core import messages
from ledgerkit.ledger.changes import change_line

__all__ = ["Recording", "MAX_CHANGE_LINES"]

#: change lines shown after a recording (``ledgerkit diff`` shows all of them)
MAX_CHANGE_LINES = 20


@dataclass
class Recording:
    """The answer of :meth:`Ledger.record <ledgerkit.ledger.book.Ledger.record>`.

    ``run`` is the new run's number, or None when nothing was new (nothing was written).
    ``files`` maps each source to ``new``, ``changed``, ``unchanged`` or ``copy`` (its content is
    recorded under another name, in ``copies``: nothing of it added); ``changes`` has one
    row per file, who, month and item whose rows changed (``ledgerkit.ledger.changes``);
    ``findings`` one row per finding of this result with its status: ``new``, ``open``
    (seen before, not handled), ``handled`` (対応済 for this content of its source) or
    ``reopened``. ``overlaps`` (:class:`~ledgerkit.ledger.repeats.Overlap`) names each new
    file and month whose rows another recorded file already holds — an edited copy: the same
    entries count once in ``history`` (hours), disagreements count in both and are said.
    """

    run: int | None
    kind: str
    files: dict[str, str] = field(default_factory=dict)
    rows_added: int = 0
    rows_removed: int = 0
    changes: Any = None
    findings: Any = None
    copies: dict[str, str] = field(default_factory=dict)
    overlaps: list = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return self.run is None

    def count(self, status: str) -> int:
        return sum(1 for s in self.files.values() if s == status)

    def finding_counts(self) -> dict[str, int]:
        statuses = list(self.findings["status"]) if self.findings is not None and len(self.findings) else []
        return {k: statuses.count(k) for k in ("new", "open", "handled", "reopened")}

    def lines(self, lang: str = "ja") -> list[str]:
        """What a person is told: the run (or that nothing was new), each change, the findings."""
        if self.unchanged:
            out = [messages.text("ledger_unchanged", lang, count=len(self.files))]
        else:
            out = [messages.text("ledger_recorded", lang, run=self.run, new=self.count("new"),
                                 changed=self.count("changed"), unchanged=self.count("unchanged") + self.count("copy"),
                                 added=self.rows_added, removed=self.rows_removed)]
        out.extend("  " + messages.text("ledger_copy", lang, file=key, other=self.copies.get(key, ""))
                   for key, status in self.files.items() if status == "copy")
        for o in self.overlaps:
            key = "ledger_overlap_once" if o.counted_once else "ledger_overlap_both"
            if o.same:
                out.append("  " + messages.text(key, lang, file=o.file, other=o.other, month=o.period, count=o.same))
            if o.differ:
                out.append("  " + messages.text("ledger_overlap_differ", lang, file=o.file, other=o.other,
                                                month=o.period, count=o.differ, example=o.example))
        changes = self.changes.to_dict("records") if self.changes is not None else []
        out.extend("  " + change_line(c, lang) for c in changes[:MAX_CHANGE_LINES])
        if len(changes) > MAX_CHANGE_LINES:
            out.append("  " + messages.text("ledger_more_changes", lang, count=len(changes) - MAX_CHANGE_LINES))
        counts = self.finding_counts()
        if sum(counts.values()):
            out.append(messages.text("ledger_findings", lang, total=sum(counts.values()), **counts))
        return out
