"""An agreement's identity in the WTO RTA-IS vocabulary, and the dates of signature and entry
into force read from its history; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from service.seed import load_seed_into
from tests.helpers import create_agreement, fire_all

USMCA_IDENTITY = {
    "rta_type": "FTA & EIA",
    "coverage": "both",
    "wto_notifications": [
        {"coverage": "goods", "date": "2020-09-16", "legal_basis": "GATT Art. XXIV"},
        {"coverage": "services", "date": "2020-09-16", "legal_basis": "GATS Art. V"},
    ],
    "rta_is_id": 1234,
    "desta_id": 42,
}
# Authority `other` has no clocks: the path to entry into force, dated in order.
TO_FORCE = (
    ("start_domestic_procedures", "2018-10-01"),
    ("notify_congress", "2018-10-16"),
    ("open_negotiations", "2018-11-01"),
    ("reach_preliminary", "2019-08-25"),
    ("sign", "2019-10-07"),
    ("implement", "2020-01-01"),
)


async def test_identity_is_stored_and_shown(client):
    created = await create_agreement(client, **USMCA_IDENTITY)
    assert {k: created[k] for k in USMCA_IDENTITY} == USMCA_IDENTITY
    assert created["signed_on"] is None and created["entered_into_force_on"] is None
    fetched = (await client.get(f"/v1/agreements/{created['id']}")).json()
    assert {k: fetched[k] for k in USMCA_IDENTITY} == USMCA_IDENTITY


async def test_identity_defaults_to_null(client):
    created = await create_agreement(client)
    assert created["rta_type"] is None and created["coverage"] is None
    assert created["wto_notifications"] == [] and created["rta_is_id"] is None and created["desta_id"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"rta_type": "FTA+EIA"},
        {"coverage": "investment"},
        {"rta_is_id": 0},
        {"desta_id": -3},
        {"wto_notifications": [{"coverage": "goods", "date": "2020-09-16", "legal_basis": "GATS Art. V"}]},
        {"wto_notifications": [{"coverage": "services", "date": "2020-09-16", "legal_basis": "Enabling Clause"}]},
        {
            "coverage": "both",
            "wto_notifications": [
                {"coverage": "goods", "date": "2020-09-16", "legal_basis": "GATT Art. XXIV"},
                {"coverage": "goods", "date": "2020-10-16", "legal_basis": "Enabling Clause"},
            ],
        },
        {
            "coverage": "goods",
            "wto_notifications": [{"coverage": "services", "date": "2020-09-16", "legal_basis": "GATS Art. V"}],
        },
        {"signed_on": "2019-10-07"},
        {"entered_into_force_on": "2020-01-01"},
    ],
)
async def test_bad_identity_is_refused(client, body):
    response = await client.post(
        "/v1/agreements", json={"title": "x", "parties": ["US", "JP"], "authority": "other", **body}
    )
    assert response.status_code == 422, response.text


async def test_update_checks_the_identity_against_what_is_stored(client):
    created = await create_agreement(client, coverage="goods")
    url = f"/v1/agreements/{created['id']}"
    services = [{"coverage": "services", "date": "2020-09-16", "legal_basis": "GATS Art. V"}]
    refused = await client.patch(url, json={"wto_notifications": services}, headers={"If-Match": '"1"'})
    assert refused.status_code == 422, refused.text
    changed = await client.patch(
        url, json={"coverage": "both", "wto_notifications": services, "rta_is_id": 7}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["wto_notifications"] == services and changed.json()["rta_is_id"] == 7
    assert changed.json()["version"] == 2


async def test_dates_come_from_the_history(client):
    aid = (await create_agreement(client))["id"]
    results = await fire_all(client, aid, *TO_FORCE[:5])
    assert results[-1]["agreement"]["signed_on"] == "2019-10-07"
    assert results[-1]["agreement"]["entered_into_force_on"] is None
    done = (await fire_all(client, aid, TO_FORCE[5]))[0]["agreement"]
    assert (done["signed_on"], done["entered_into_force_on"]) == ("2019-10-07", "2020-01-01")
    fetched = (await client.get(f"/v1/agreements/{aid}")).json()
    assert (fetched["signed_on"], fetched["entered_into_force_on"]) == ("2019-10-07", "2020-01-01")
    # As of a date, only what had happened by then.
    then = (await client.get(f"/v1/agreements/{aid}", params={"as_of": "2019-12-01"})).json()
    assert (then["signed_on"], then["entered_into_force_on"]) == ("2019-10-07", None)

    # A corrected date moves it; a void entry no longer dates the agreement.
    corrected = await client.post(
        f"/v1/agreements/{aid}/transitions/7/corrections", json={"occurred_at": "2020-01-02", "reason": "typo"}
    )
    assert corrected.status_code == 201, corrected.text
    assert corrected.json()["agreement"]["entered_into_force_on"] == "2020-01-02"
    voided = await client.post(f"/v1/agreements/{aid}/transitions/7/void", json={"reason": "not yet in force"})
    assert voided.status_code == 200, voided.text
    assert voided.json()["agreement"]["entered_into_force_on"] is None
    assert (await client.get(f"/v1/agreements/{aid}")).json()["entered_into_force_on"] is None


async def test_list_pages_carry_the_dates(client):
    signed = (await create_agreement(client, title="signed"))["id"]
    await fire_all(client, signed, *TO_FORCE[:5])
    other = (await create_agreement(client, title="open"))["id"]
    listed = {a["id"]: a for a in (await client.get("/v1/agreements", params={"limit": 1})).json()["data"]}
    assert listed[signed]["signed_on"] == "2019-10-07"
    page = (await client.get("/v1/agreements", params={"limit": 50})).json()["data"]
    dates = {a["id"]: (a["signed_on"], a["entered_into_force_on"]) for a in page}
    assert dates == {signed: ("2019-10-07", None), other: (None, None)}
    as_of = (await client.get("/v1/agreements", params={"as_of": "2019-10-01"})).json()["data"]
    assert {a["id"]: a["signed_on"] for a in as_of} == {signed: None, other: None}


async def test_the_seed_carries_only_verified_identity(client, db):
    await load_seed_into(db)
    by_key = {
        a["metadata"]["seed_key"]: a for a in (await client.get("/v1/agreements", params={"limit": 50})).json()["data"]
    }
    usmca = by_key["usmca"]
    assert usmca["coverage"] == "both"
    assert [n["legal_basis"] for n in usmca["wto_notifications"]] == ["GATT Art. XXIV", "GATS Art. V"]
    assert usmca["signed_on"] == "2018-11-30" and usmca["entered_into_force_on"] == "2020-07-01"
    assert by_key["nafta"]["entered_into_force_on"] == "1994-01-01"
    assert by_key["us-japan"]["rta_type"] is None and by_key["us-japan"]["wto_notifications"] == []
