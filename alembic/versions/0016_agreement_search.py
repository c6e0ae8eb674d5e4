"""agreement search and filter indexes (issue 11): `party` from a side table, `q` from trigrams

- agreement_parties(agreement_id, party), indexed on (party, agreement_id): GET
  /v1/agreements?party= walks one party's agreements in id order. Triggers on agreements keep it
  in step with agreements.parties on every write (the API's, the seed's, a bulk load's), on both
  databases; existing rows are backfilled here.
- `q` (a case-insensitive substring of the title) from a trigram index:
  - SQLite: an FTS5 table agreement_titles(title, agreement_id UNINDEXED) with
    tokenize='trigram' (SQLite >= 3.34; case-insensitive by default), its rowid the agreement
    row's rowid, kept in step by triggers. Accord never runs VACUUM, which may renumber the
    rowids of a table without an INTEGER PRIMARY KEY; a later migration that rebuilds the
    agreements table (batch mode) drops these triggers and must recreate them and refill the table.
    service.agreements.search.check_search_indexes finds either.
  - PostgreSQL: pg_trgm's GIN index on agreements.title (fastupdate off), which ILIKE '%q%' uses.
  Neither is visible to autogenerate: alembic/env.py leaves them out of the drift check by name.

Also: ?state= and ?authority= indexes in id order, and the event feed's ?type= and ?agreement_id=
indexes in position order.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_TRIGGERS = [
    # Parties: insert, change, delete (the foreign key cascades only where foreign_keys=ON).
    """CREATE TRIGGER agreement_parties_insert AFTER INSERT ON agreements BEGIN
        INSERT OR IGNORE INTO agreement_parties (agreement_id, party)
        SELECT new.id, value FROM json_each(new.parties);
    END""",
    """CREATE TRIGGER agreement_parties_update AFTER UPDATE OF parties ON agreements BEGIN
        DELETE FROM agreement_parties WHERE agreement_id = old.id;
        INSERT OR IGNORE INTO agreement_parties (agreement_id, party)
        SELECT new.id, value FROM json_each(new.parties);
    END""",
    """CREATE TRIGGER agreement_parties_delete AFTER DELETE ON agreements BEGIN
        DELETE FROM agreement_parties WHERE agreement_id = old.id;
    END""",
    # Titles: the FTS5 row shares the agreement row's rowid, so a change finds it by rowid.
    """CREATE TRIGGER agreement_titles_insert AFTER INSERT ON agreements BEGIN
        INSERT INTO agreement_titles (rowid, title, agreement_id) VALUES (new.rowid, new.title, new.id);
    END""",
    """CREATE TRIGGER agreement_titles_update AFTER UPDATE OF title ON agreements BEGIN
        DELETE FROM agreement_titles WHERE rowid = old.rowid;
        INSERT INTO agreement_titles (rowid, title, agreement_id) VALUES (new.rowid, new.title, new.id);
    END""",
    """CREATE TRIGGER agreement_titles_delete AFTER DELETE ON agreements BEGIN
        DELETE FROM agreement_titles WHERE rowid = old.rowid;
    END""",
]

_POSTGRES_FUNCTION = """
CREATE FUNCTION agreement_parties_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM agreement_parties WHERE agreement_id = OLD.id;
    END IF;
    INSERT INTO agreement_parties (agreement_id, party)
    SELECT NEW.id, p FROM jsonb_array_elements_text(NEW.parties) AS p
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "agreement_parties",
        sa.Column("agreement_id", sa.String(length=32), nullable=False),
        sa.Column("party", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_agreement_parties_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "party", name=op.f("pk_agreement_parties")),
    )
    op.create_index("ix_agreement_parties_party", "agreement_parties", ["party", "agreement_id"])
    # ?state= and the board's ?authority= walk their index in id order: no sort of every match.
    # Plain index operations: a batch (copied) agreements table would lose the triggers below.
    op.drop_index("ix_agreements_state", table_name="agreements")
    op.create_index("ix_agreements_state", "agreements", ["state", "id"])
    op.create_index("ix_agreements_authority", "agreements", ["authority", "id"])
    # GET /v1/events?type= / ?agreement_id=: in position order from the index (PostgreSQL read
    # every event of the type and sorted them; SQLite's rowid already ordered these).
    for column in ("type", "agreement_id"):
        op.drop_index(f"ix_events_{column}", table_name="events")
        op.create_index(f"ix_events_{column}", "events", [column, "position"])
    if op.get_context().dialect.name == "sqlite":
        op.execute(
            "INSERT OR IGNORE INTO agreement_parties (agreement_id, party) "
            "SELECT agreements.id, p.value FROM agreements, json_each(agreements.parties) AS p"
        )
        op.execute(
            "CREATE VIRTUAL TABLE agreement_titles USING fts5(title, agreement_id UNINDEXED, tokenize='trigram')"
        )
        op.execute("INSERT INTO agreement_titles (rowid, title, agreement_id) SELECT rowid, title, id FROM agreements")
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)
        return
    op.execute(
        "INSERT INTO agreement_parties (agreement_id, party) "
        "SELECT a.id, p FROM agreements AS a, jsonb_array_elements_text(a.parties) AS p ON CONFLICT DO NOTHING"
    )
    op.execute(_POSTGRES_FUNCTION)
    op.execute(
        "CREATE TRIGGER agreement_parties_sync AFTER INSERT OR UPDATE OF parties ON agreements "
        "FOR EACH ROW EXECUTE FUNCTION agreement_parties_sync()"
    )
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # fastupdate off: new titles go into the index at once. With it on they wait in a pending list
    # that every search reads whole until a vacuum; agreements are written rarely, searched often.
    op.execute(
        "CREATE INDEX ix_agreements_title_trgm ON agreements USING gin (title gin_trgm_ops) WITH (fastupdate = off)"
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for table in ("parties", "titles"):
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS agreement_{table}_{event}")
        op.execute("DROP TABLE IF EXISTS agreement_titles")
    else:
        op.execute("DROP INDEX IF EXISTS ix_agreements_title_trgm")
        op.execute("DROP TRIGGER IF EXISTS agreement_parties_sync ON agreements")
        op.execute("DROP FUNCTION IF EXISTS agreement_parties_sync()")
        # pg_trgm stays: another schema object may use it, and dropping an extension needs more rights.
    for column in ("type", "agreement_id"):
        op.drop_index(f"ix_events_{column}", table_name="events")
        op.create_index(f"ix_events_{column}", "events", [column])
    op.drop_index("ix_agreements_authority", table_name="agreements")
    op.drop_index("ix_agreements_state", table_name="agreements")
    op.create_index("ix_agreements_state", "agreements", ["state"])
    op.drop_index("ix_agreement_parties_party", table_name="agreement_parties")
    op.drop_table("agreement_parties")
