"""The statements one transition sends to the database: the PostgreSQL write path's round trips
(issue 11). A count, not a time: each statement is one round trip to the server."""

from __future__ import annotations

import contextlib

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from service.webhooks.models import events_table as E
from tests.helpers import US_EU, create_agreement, fire, fire_all

WALK = (
    ("start_domestic_procedures", "2018-07-25"),
    ("notify_congress", "2018-10-16"),
    ("publish_objectives", "2018-12-01"),
    ("open_negotiations", "2019-01-14"),
)


@contextlib.contextmanager
def statements(db):
    """The statements sent while inside, by connection: {connection: [statement, ...]}, with each
    BEGIN and COMMIT counted as one (asyncpg sends each as a query of its own)."""
    sent: dict[int, list[str]] = {}

    def on_execute(conn, _cursor, statement, *_args):
        sent.setdefault(id(conn.connection.dbapi_connection), []).append(statement)

    def on_begin(conn):
        sent.setdefault(id(conn.connection.dbapi_connection), []).append("BEGIN")

    def on_commit(conn):
        sent.setdefault(id(conn.connection.dbapi_connection), []).append("COMMIT")

    listeners = (("before_cursor_execute", on_execute), ("begin", on_begin), ("commit", on_commit))
    for engine in db.sync_engines:
        for name, fn in listeners:
            event.listen(engine, name, fn)
    try:
        yield sent
    finally:
        for engine in db.sync_engines:
            for name, fn in listeners:
                event.remove(engine, name, fn)


def the_write(sent: dict[int, list[str]]) -> list[str]:
    """The statements of the transaction that wrote the history entry (the dispatcher's own work
    runs on other connections)."""
    (write,) = [s for s in sent.values() if any("INSERT INTO transitions" in x for x in s)]
    start = max(
        i
        for i, x in enumerate(write[: next(i for i, x in enumerate(write) if "transitions" in x)])
        if x.startswith("BEGIN")
    )
    end = next(i for i in range(start, len(write)) if write[i] == "COMMIT")
    return write[start : end + 1]


async def _negotiating(client) -> str:
    agreement = await create_agreement(client, **US_EU, authority="tpa")
    await fire_all(client, agreement["id"], *WALK)
    return agreement["id"]


@pytest.mark.parametrize("event_name", ["suspend", "resume"])
async def test_a_transition_is_five_round_trips_on_postgresql(client, db, event_name):
    """BEGIN, the row lock, the history's head, one statement for the state, the entry, the event
    and the dispatchers' wake-up, COMMIT. SQLite sends its statements separately (no network),
    inside the writer's group commit."""
    agreement_id = await _negotiating(client)
    if event_name == "resume":
        assert (await fire(client, agreement_id, "suspend")).status_code == 201
    with statements(db) as sent:
        response = await fire(client, agreement_id, event_name)
    assert response.status_code == 201, response.text
    write = the_write(sent)
    if db.is_sqlite:
        assert sum("INSERT INTO events" in s for s in write) == 1
        return
    assert [s.split()[0] for s in write] == ["BEGIN", "SELECT", "SELECT", "WITH", "COMMIT"], write
    joined = write[3]
    assert "UPDATE agreements" in joined and "INSERT INTO transitions" in joined
    assert "INSERT INTO events" in joined and "pg_notify" in joined
    # The entry, the state and the event are all there, as one transition writes them.
    body = response.json()
    agreement = (await client.get(f"/v1/agreements/{agreement_id}")).json()
    assert (agreement["state"], agreement["version"]) == (body["agreement"]["state"], body["agreement"]["version"])
    entry = await client.get(f"/v1/agreements/{agreement_id}/transitions/{body['transition']['sequence']}")
    assert entry.json()["event"] == event_name
    async with db.read() as conn:
        found = (
            await conn.execute(
                sa.select(E.c.data["transition"]["sequence"].as_integer(), E.c.tx).where(
                    (E.c.agreement_id == agreement_id) & (E.c.type == "agreement.transitioned")
                )
            )
        ).all()
    assert (body["transition"]["sequence"], True) in [(seq, tx is not None) for seq, tx in found]
