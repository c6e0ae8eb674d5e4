"""The clock timeline loader reads only what the clocks need, and answers as the full history would."""

import random
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from service.agreements.models import transitions_table as T
from service.agreements.timeline import clock_date, clock_timeline, clock_timelines, day_end
from tests.helpers import create_agreement
from workflows import Occurrence
from workflows.clocks import EXTEND_DEADLINE, WASHINGTON
from workflows.trade_agreement import TRADE_AGREEMENT_V2 as V2

CLOCK_EVENTS = sorted(V2.clock_events)


def _rows(
    agreement_id: str,
    events: list[tuple[str, date, str | None, int | None]],
    sequences: list[int] | None = None,
    void: set[int] = frozenset(),
) -> list[dict]:
    """History rows for `events`; `sequences` gives each its recorded place (a milestone recorded
    late has a later sequence than entries dated after it) and `void` the sequences voided."""
    now = datetime.now(UTC)
    sequences = sequences or list(range(2, len(events) + 2))
    return [
        {
            "agreement_id": agreement_id,
            "sequence": sequence,
            "event": event,
            "from_state": "negotiating",
            "to_state": "negotiating",
            # Within the day `on` in Washington, where clocks count days.
            "occurred_at": (
                datetime.combine(on, datetime.min.time(), tzinfo=WASHINGTON) + timedelta(hours=rank % 24)
            ).astimezone(UTC),
            "recorded_at": now,
            "actor": "test",
            "note": None,
            "reference": None,
            "override_reason": None,
            "clock": clock,
            "days": days,
            "voided_at": now if sequence in void else None,
        }
        for rank, (sequence, (event, on, clock, days)) in enumerate(zip(sequences, events, strict=True))
    ]


def _random_history(rng: random.Random, length: int) -> list[tuple[str, date, str | None, int | None]]:
    day, history = date(2017, 1, 1), []
    for _ in range(length):
        day += timedelta(days=rng.choice([0, 0, 1, 7, 30, 90]))
        event = rng.choice([*CLOCK_EVENTS, "agreement_in_principle", "publish_objectives"])
        if event == EXTEND_DEADLINE:
            clock = rng.choice([c.name for c in V2.clocks])
            history.append((event, day, clock, rng.randint(1, 60)))
        else:
            history.append((event, day, None, None))
    return history


async def test_the_reduced_timeline_gives_every_clock_the_full_answer(client, db):
    rng = random.Random(20261124)
    for trial in range(12):
        authority = ["tpa", "section_103a", "existing_fta"][trial % 3]
        agreement = await create_agreement(client, authority=authority)
        history = _random_history(rng, rng.randint(3, 60))
        await db.write(lambda conn, a=agreement["id"], h=history: conn.execute(sa.insert(T), _rows(a, h)))
        full = [Occurrence(e, on, c, d) for e, on, c, d in [("announce", date(2016, 12, 31), None, None), *history]]
        async with db.read() as conn:
            reduced = await conn.run_sync(lambda sync, a=agreement["id"], au=authority: clock_timeline(sync, a, V2, au))
            both = await conn.run_sync(
                lambda sync, a=agreement["id"], au=authority: clock_timelines(sync, [(a, V2, au)])
            )
        assert both[agreement["id"]] == reduced
        for today in (date(2017, 6, 1), date(2019, 1, 1), date(2030, 1, 1)):
            assert V2.deadlines(authority, reduced, today=today, closed=False) == V2.deadlines(
                authority, full, today=today, closed=False
            )
            for event in V2.events:
                assert V2.clock_refusals(authority, event, today, reduced) == V2.clock_refusals(
                    authority, event, today, full
                )


async def test_out_of_order_dates_and_void_entries_give_the_full_answer(client, db):
    """Entries recorded out of date order (milestones recorded late), some void: the reduced
    timeline orders by (occurred_at, sequence), leaves void entries out, and every clock answers
    as it does over the full timeline in that order."""
    rng = random.Random(20261125)
    for trial in range(12):
        authority = ["tpa", "section_103a", "existing_fta"][trial % 3]
        agreement = await create_agreement(client, authority=authority)
        history = _random_history(rng, rng.randint(3, 60))
        sequences = list(range(2, len(history) + 2))
        rng.shuffle(sequences)  # the order of recording differs from the order of dates
        void = {s for s in sequences if rng.random() < 0.15}
        rows = _rows(agreement["id"], history, sequences, void)
        await db.write(lambda conn, r=rows: conn.execute(sa.insert(T), r))
        live = sorted((r for r in rows if r["sequence"] not in void), key=lambda r: (r["occurred_at"], r["sequence"]))
        full = [Occurrence("announce", date(2016, 12, 31))] + [
            Occurrence(r["event"], clock_date(r["occurred_at"]), r["clock"], r["days"]) for r in live
        ]
        async with db.read() as conn:
            reduced = await conn.run_sync(lambda sync, a=agreement["id"], au=authority: clock_timeline(sync, a, V2, au))
            both = await conn.run_sync(
                lambda sync, a=agreement["id"], au=authority: clock_timelines(sync, [(a, V2, au)])
            )
        assert both[agreement["id"]] == reduced
        for today in (date(2017, 6, 1), date(2019, 1, 1), date(2030, 1, 1)):
            assert V2.deadlines(authority, reduced, today=today, closed=False) == V2.deadlines(
                authority, full, today=today, closed=False
            ), (trial, today)
            for event in V2.events:
                assert V2.clock_refusals(authority, event, today, reduced) == V2.clock_refusals(
                    authority, event, today, full
                ), (trial, event, today)
        # As of a date: only the entries that happened by its end.
        cut = date(2018, 1, 1)
        async with db.read() as conn:
            then = await conn.run_sync(
                lambda sync, a=agreement["id"], au=authority, c=cut: clock_timeline(sync, a, V2, au, before=day_end(c))
            )
        prefix = [o for o in full if o.on <= cut]
        assert V2.deadlines(authority, then, today=cut, closed=False) == V2.deadlines(
            authority, prefix, today=cut, closed=False
        )


async def test_thousands_of_milestones_cost_a_handful_of_rows(client, db):
    agreement = await create_agreement(client, authority="tpa")
    day = date(2018, 1, 1)
    history = [
        ("notify_intent_to_sign" if i % 2 else "agreement_in_principle", day + timedelta(days=i // 10), None, None)
        for i in range(3000)
    ]
    await db.write(lambda conn: conn.execute(sa.insert(T), _rows(agreement["id"], history)))
    async with db.read() as conn:
        reduced = await conn.run_sync(lambda sync: clock_timeline(sync, agreement["id"], V2, "tpa"))
    assert len(reduced) <= 4
    # The clocks still see the latest notice: sign is refused until 90 days after it.
    available = (await client.get(f"/v1/agreements/{agreement['id']}/available-transitions")).json()
    assert available["state"] == "announced"
