"""Alembic's environment for the ledger: the migrations run on the connection the ledger opened.

:func:`ledgerkit.ledger.store.migrate` puts its connection (already inside the write
transaction and holding the ledger's lock) in ``config.attributes["connection"]``; the
steps run in that transaction, so an upgrade happens whole or not at all.
"""

from __future__ import annotations

from alembic import context


def run_migrations(config) -> None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


try:
    _config = context.config
except (NameError, AttributeError):  # imported outside Alembic (the doctest collector): nothing to run
    _config = None
if _config is not None:
    run_migrations(_config)
