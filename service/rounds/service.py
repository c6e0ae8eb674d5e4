"""Negotiating rounds of an agreement: numbered 1, 2, ... without gaps, held while it negotiated.

The write rule, as in service/agreements/service.py: each public write is one coroutine running
one transaction through `Database.write`, with its outbox event in that transaction; its work
is a plain function of a sync `Connection` (`record_round`, which the seed loader composes into
an agreement's transaction too). Every write holds the agreement's row lock (`records.lock`):
two rounds recorded at once get consecutive numbers, and a transition of the agreement cannot
slip between a round's date check and its insert.

**The date rule.** A round is recorded only for dates the agreement was negotiating: its state
as of the end of `starts_on` (the answer of GET /v1/agreements/{id}?as_of=starts_on) is
`negotiating`, and no state change happened after that until `ends_on` began. So negotiations
were open on the first day and were neither closed nor suspended (a suspended agreement is not
negotiating) before the last: a round may start the day talks open, and end the day they reach
an agreement in principle. State changes are kept in date order, so this is two lookups of the
state change in force at an instant (agreements' `timeline.state_entry_before`, on the partial
index ix_transitions_state_changes), whatever the length of the history. One rule serves both an
agreement negotiating now (the state change in force is its current one; a round planned ahead
is accepted) and one that negotiated in the past (the NAFTA renegotiation of the seed, now
USMCA). A round whose dates fall outside gets `round-outside-negotiation` (409).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from service import idempotency
from service.agreements import service as agreements
from service.agreements.records import lock, to_agreement
from service.agreements.timeline import clock_date, day_end, day_start, state_entry_before
from service.db import Database, utcnow
from service.errors import NotFound, RoundConflict, RoundOutsideNegotiation, ValidationFailed
from service.idempotency import Once
from service.pagination import Page, decode_cursor, keyset_page
from service.principal import Principal
from service.rounds import events
from service.rounds.models import rounds_table as R
from service.rounds.schemas import RoundCreate, RoundOut, RoundUpdate
from service.webhooks import outbox

# The workflow state of formal negotiating rounds (workflows/trade_agreement.py).
NEGOTIATING = "negotiating"
CURSOR_KIND = "rounds"


def to_round(row: RowMapping | dict[str, Any]) -> RoundOut:
    return RoundOut.model_validate(dict(row))


def _no_round(agreement_id: str, number: int) -> NotFound:
    return NotFound(f"Agreement {agreement_id!r} has no round {number}")


# -- the checks -----------------------------------------------------------------------------


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ValidationFailed(
            f"ends_on {ends_on.isoformat()} is before starts_on {starts_on.isoformat()}; a round ends on or after "
            "the day it starts",
            errors=[{"loc": ["body", "ends_on"], "msg": "is before starts_on", "type": "ends_before_starts"}],
        )


def _check_negotiating(conn: Connection, agreement_id: str, starts_on: date, ends_on: date) -> None:
    """The date rule of the module's docstring."""
    opened = state_entry_before(conn, agreement_id, day_end(starts_on))
    if opened is None or opened["to_state"] != NEGOTIATING:
        if opened is None:
            detail = (
                f"Agreement {agreement_id!r} had not been announced on {starts_on.isoformat()}, the round's first day"
            )
        else:
            detail = (
                f"Agreement {agreement_id!r} was {opened['to_state']} on {starts_on.isoformat()}, the round's first "
                f"day (since {clock_date(opened['occurred_at']).isoformat()}, {opened['event']})"
            )
        raise RoundOutsideNegotiation(
            f"{detail}; rounds are recorded only for days it was negotiating",
            state=opened["to_state"] if opened is not None else None,
            on=starts_on.isoformat(),
        )
    if ends_on > starts_on:
        before_last = state_entry_before(conn, agreement_id, day_start(ends_on))
        if before_last is not None and before_last["sequence"] != opened["sequence"]:
            changed_on = clock_date(before_last["occurred_at"])
            raise RoundOutsideNegotiation(
                f"Agreement {agreement_id!r} was negotiating on {starts_on.isoformat()}, the round's first day, but its "
                f"state changed on {changed_on.isoformat()} ({before_last['event']}, to {before_last['to_state']}), "
                f"before the round's last day {ends_on.isoformat()}; rounds are recorded only for days it was "
                "negotiating",
                state=before_last["to_state"],
                on=changed_on.isoformat(),
            )


def _neighbour(conn: Connection, agreement_id: str, number: int) -> RowMapping | None:
    return (
        conn.execute(sa.select(R).where((R.c.agreement_id == agreement_id) & (R.c.number == number))).mappings().first()
    )


def _check_order(conn: Connection, agreement_id: str, number: int, starts_on: date) -> None:
    """Round n starts no earlier than round n-1 and no later than round n+1."""
    previous = _neighbour(conn, agreement_id, number - 1) if number > 1 else None
    if previous is not None and starts_on < previous["starts_on"]:
        raise RoundConflict(
            f"Round {number} would start on {starts_on.isoformat()}, before round {number - 1} "
            f"({previous['starts_on'].isoformat()}); rounds are numbered in the order they were held"
        )
    following = _neighbour(conn, agreement_id, number + 1)
    if following is not None and starts_on > following["starts_on"]:
        raise RoundConflict(
            f"Round {number} would start on {starts_on.isoformat()}, after round {number + 1} "
            f"({following['starts_on'].isoformat()}); rounds are numbered in the order they were held"
        )


def _last_number(conn: Connection, agreement_id: str) -> int:
    return conn.execute(sa.select(sa.func.max(R.c.number)).where(R.c.agreement_id == agreement_id)).scalar() or 0


def _check(conn: Connection, agreement_id: str, values: dict[str, Any]) -> None:
    _check_dates(values["starts_on"], values["ends_on"])
    _check_order(conn, agreement_id, values["number"], values["starts_on"])
    _check_negotiating(conn, agreement_id, values["starts_on"], values["ends_on"])


# -- writes ---------------------------------------------------------------------------------


def record_round(conn: Connection, agreement_id: str, command: RoundCreate, *, actor: str, now: datetime) -> RoundOut:
    """Record the agreement's next round, with its round.created event, in `conn`'s transaction."""
    agreement = lock(conn, agreement_id)
    expected = _last_number(conn, agreement_id) + 1
    if command.number is not None and command.number != expected:
        what = "would leave a gap" if command.number > expected else "is taken"
        raise RoundConflict(
            f"Round {command.number} {what}: rounds are numbered without gaps, and the next round of agreement "
            f"{agreement_id!r} is {expected}",
            expected_number=expected,
        )
    values: dict[str, Any] = {
        "agreement_id": agreement_id,
        "number": expected,
        "starts_on": command.starts_on,
        "ends_on": command.ends_on,
        "location": command.location,
        "chapters": list(command.chapters),
        "summary_url": str(command.summary_url) if command.summary_url else None,
        "note": command.note,
        "inferred": list(command.inferred),
        "actor": actor,
        "created_at": now,
        "updated_at": now,
    }
    _check(conn, agreement_id, values)
    conn.execute(sa.insert(R), values)
    result = to_round(values)
    outbox.record(
        conn,
        type=outbox.ROUND_CREATED,
        agreement_id=agreement_id,
        data=events.payload(result, to_agreement(agreement), actor),
    )
    return result


def _locked_round(conn: Connection, agreement_id: str, number: int) -> tuple[RowMapping, RowMapping]:
    agreement = lock(conn, agreement_id)
    row = _neighbour(conn, agreement_id, number)
    if row is None:
        raise _no_round(agreement_id, number)
    return agreement, row


def _update(
    conn: Connection, agreement_id: str, number: int, patch: RoundUpdate, *, actor: str, now: datetime
) -> RoundOut:
    agreement, row = _locked_round(conn, agreement_id, number)
    sent = patch.model_dump(exclude_unset=True)
    if "summary_url" in sent and patch.summary_url is not None:
        sent["summary_url"] = str(patch.summary_url)
    changes = {k: v for k, v in sent.items() if row[k] != v}
    if not changes:
        return to_round(row)
    values = {**row, **changes, "actor": actor, "updated_at": now}
    _check(conn, agreement_id, values)
    conn.execute(
        sa.update(R).where((R.c.agreement_id == agreement_id) & (R.c.number == number)),
        {k: values[k] for k in (*changes, "actor", "updated_at")},
    )
    result = to_round(values)
    outbox.record(
        conn,
        type=outbox.ROUND_UPDATED,
        agreement_id=agreement_id,
        data=events.payload(result, to_agreement(agreement), actor, changed=sorted(changes)),
    )
    return result


def _delete(conn: Connection, agreement_id: str, number: int, *, actor: str) -> None:
    agreement, row = _locked_round(conn, agreement_id, number)
    last = _last_number(conn, agreement_id)
    if number != last:
        raise RoundConflict(
            f"Only the last round ({last}) of agreement {agreement_id!r} can be deleted: deleting round {number} "
            "would leave a gap in the numbers",
            last_number=last,
        )
    conn.execute(sa.delete(R).where((R.c.agreement_id == agreement_id) & (R.c.number == number)))
    outbox.record(
        conn,
        type=outbox.ROUND_DELETED,
        agreement_id=agreement_id,
        data=events.payload(to_round(row), to_agreement(agreement), actor),
    )


async def create(
    db: Database,
    principal: Principal,
    agreement_id: str,
    command: RoundCreate,
    *,
    idempotency_key: str | None = None,
) -> Once[RoundOut]:
    """Record the agreement's next round."""
    return await idempotency.once(
        db,
        principal.key_id,
        idempotency_key,
        operation="create_round",
        command={"agreement_id": agreement_id, **command.model_dump(mode="json")},
        result=RoundOut,
        op=lambda conn: record_round(conn, agreement_id, command, actor=principal.name, now=utcnow()),
    )


async def update(db: Database, principal: Principal, agreement_id: str, number: int, patch: RoundUpdate) -> RoundOut:
    """Correct a round; the date rule holds for the corrected dates."""
    return await db.write(lambda conn: _update(conn, agreement_id, number, patch, actor=principal.name, now=utcnow()))


async def delete(db: Database, principal: Principal, agreement_id: str, number: int) -> None:
    """Delete the agreement's last round."""
    await db.write(lambda conn: _delete(conn, agreement_id, number, actor=principal.name))


# -- reads ----------------------------------------------------------------------------------


async def get(db: Database, agreement_id: str, number: int) -> RoundOut:
    await agreements.fetch_row(db, agreement_id)
    async with db.read() as conn:
        row = (
            (await conn.execute(sa.select(R).where((R.c.agreement_id == agreement_id) & (R.c.number == number))))
            .mappings()
            .first()
        )
    if row is None:
        raise _no_round(agreement_id, number)
    return to_round(row)


async def list_rounds(db: Database, agreement_id: str, *, limit: int, cursor: str | None) -> Page[RoundOut]:
    """The agreement's rounds in number order (the primary key), a page at a time."""
    after = decode_cursor(CURSOR_KIND, cursor, int)
    await agreements.fetch_row(db, agreement_id)
    query = sa.select(R).where(R.c.agreement_id == agreement_id).order_by(R.c.number).limit(limit + 1)
    if after is not None:
        query = query.where(R.c.number > after)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, CURSOR_KIND, to_round, key=lambda r: r.number)
