"""Fifty transitions at one agreement at once, over real HTTP, against a real server process."""

import asyncio
import itertools

import httpx

from tests.helpers import AUTH, JAPAN

STEPS = ["start_domestic_procedures", "notify_congress", "open_negotiations", "reach_preliminary", "sign", "implement"]


async def test_fifty_concurrent_transitions_one_winner_per_step(server):
    async with httpx.AsyncClient(
        base_url=server.base_url, timeout=30, limits=httpx.Limits(max_connections=50), headers=AUTH
    ) as client:
        agreement = (await client.post("/v1/agreements", json=JAPAN)).json()
        url = f"/v1/agreements/{agreement['id']}/transitions"
        for version, event in enumerate(STEPS, start=1):
            # Half send If-Match with the version they read, half send nothing.
            requests = [
                client.post(url, json={"event": event}, headers={"If-Match": f'"{version}"'} if i % 2 else {})
                for i in range(50)
            ]
            responses = await asyncio.gather(*requests)
            statuses = [r.status_code for r in responses]
            assert statuses.count(201) == 1, statuses
            assert set(statuses) <= {201, 409, 412}, statuses
        history = (await client.get(url, params={"limit": 200})).json()["data"]
    assert [e["sequence"] for e in history] == list(range(1, len(STEPS) + 2))
    assert [e["event"] for e in history] == ["announce", *STEPS]
    assert history[-1]["to_state"] == "implemented"


async def test_fifty_concurrent_different_events_one_winner(server):
    """Events that are all allowed from the same state race; exactly one wins."""
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30, headers=AUTH) as client:
        agreement = (await client.post("/v1/agreements", json=JAPAN)).json()
        url = f"/v1/agreements/{agreement['id']}/transitions"
        events = ["start_domestic_procedures", "suspend", "terminate"]
        responses = await asyncio.gather(*[client.post(url, json={"event": events[i % 3]}) for i in range(50)])
        statuses = [r.status_code for r in responses]
        history = (await client.get(url)).json()["data"]
    # The first winner moves the state; others may still be allowed from there (suspend then
    # terminate), so count wins against the history instead of assuming one.
    assert statuses.count(201) == len(history) - 1
    assert set(statuses) <= {201, 409}
    assert [e["sequence"] for e in history] == list(range(1, len(history) + 1))
    for previous, entry in itertools.pairwise(history):
        assert entry["from_state"] == previous["to_state"]


async def test_concurrent_events_without_a_date_are_never_out_of_order(server):
    """Events that omit occurred_at are dated once the agreement's lock is held: dated before it,
    a request that waited for the lock would be 'earlier than the latest entry' (a spurious 422)."""
    async with httpx.AsyncClient(
        base_url=server.base_url, timeout=60, limits=httpx.Limits(max_connections=32), headers=AUTH
    ) as client:
        agreement = (await client.post("/v1/agreements", json={**JAPAN, "announced_at": None})).json()
        url = f"/v1/agreements/{agreement['id']}/transitions"
        # Milestones leave the state as it is, so every one of them is allowed.
        responses = await asyncio.gather(
            *[client.post(url, json={"event": "agreement_in_principle"}) for _ in range(300)]
        )
        statuses = [r.status_code for r in responses]
        history = (await client.get(url, params={"limit": 200})).json()["data"]
    assert statuses.count(201) == 300, sorted(set(statuses))
    dates = [e["occurred_at"] for e in history]
    assert dates == sorted(dates)


async def test_a_correction_racing_a_transition_is_serialized(server):
    """A correction that moves the latest state change later and a transition dated between the old
    and the new date each break the other's order: run one after the other, exactly one of the two
    succeeds, whichever comes first. Without the agreement's row lock both could read the history
    before the other's write and both succeed, leaving state changes out of date order."""
    async with httpx.AsyncClient(
        base_url=server.base_url, timeout=60, limits=httpx.Limits(max_connections=64), headers=AUTH
    ) as client:

        async def race() -> tuple[str, list[int]]:
            agreement = (await client.post("/v1/agreements", json=JAPAN)).json()
            url = f"/v1/agreements/{agreement['id']}/transitions"
            for event, day in [("start_domestic_procedures", "2018-10-01"), ("open_negotiations", "2019-04-15")]:
                assert (await client.post(url, json={"event": event, "occurred_at": day})).status_code == 201
            correction = client.post(
                f"{url}/3/corrections", json={"occurred_at": "2019-06-01", "reason": "The first round's true date"}
            )
            transition = client.post(url, json={"event": "reach_preliminary", "occurred_at": "2019-05-01"})
            responses = await asyncio.gather(correction, transition)
            return agreement["id"], [r.status_code for r in responses]

        outcomes = await asyncio.gather(*[race() for _ in range(20)])
        for agreement_id, statuses in outcomes:
            assert sorted(statuses) in ([201, 422],), statuses
            history = (await client.get(f"/v1/agreements/{agreement_id}/transitions")).json()["data"]
            changes = [e for e in history if e["from_state"] != e["to_state"]]
            dates = [e["occurred_at"] for e in changes]
            assert dates == sorted(dates), history
            agreement = (await client.get(f"/v1/agreements/{agreement_id}")).json()
            assert agreement["version"] == 4
            assert agreement["state"] == ("preliminary" if statuses[1] == 201 else "negotiating")
            # On PostgreSQL the feed holds back events while any older transaction still runs (any
            # database's, e.g. another suite's): wait for the expected count instead of reading once.
            expected = 3 + (statuses[0] == 201) + (statuses[1] == 201)  # created, two moves, and the winners
            for _ in range(100):
                feed = (await client.get("/v1/events", params={"agreement_id": agreement_id, "limit": 200})).json()
                if len(feed["data"]) >= expected:
                    break
                await asyncio.sleep(0.1)
            kinds = [e["type"] for e in feed["data"]]
            assert kinds.count("agreement.corrected") == (statuses[0] == 201)
            assert kinds.count("agreement.transitioned") == 2 + (statuses[1] == 201)
