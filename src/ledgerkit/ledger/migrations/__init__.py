"""The ledger's schema versions (Alembic), run by :func:`ledgerkit.ledger.store.migrate` on open.

Each file in ``versions/`` is one step, never edited once released: a later release adds a
step, and ``Ledger(url)`` brings an older ledger up to date in place, inside one transaction.
"""
