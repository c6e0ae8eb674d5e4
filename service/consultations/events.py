"""The events a consultation's changes write to the outbox, declared in the webhook catalog
(service/webhooks/catalog.py) with an example each.

Every event carries the consultation and the agreement it belongs to (id, title, parties): a
webhook endpoint's party filter reads `data.agreement.parties` (outbox.matches).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, Field

from service.consultations.schemas import ConsultationOut
from service.webhooks import catalog, outbox


class ConsultationAgreement(BaseModel):
    id: str
    title: str
    parties: list[str]


class ConsultationChanged(BaseModel):
    consultation: ConsultationOut = Field(description="As it now stands; for consultation.deleted, as it was")
    agreement: ConsultationAgreement
    changed: list[str] = Field([], description="consultation.updated: the fields that changed")
    actor: str = Field(description="The API key (or system) that made the change")


def payload(
    consultation: ConsultationOut, agreement: Mapping[str, Any], actor: str, changed: Iterable[str] = ()
) -> dict[str, Any]:
    return ConsultationChanged(
        consultation=consultation,
        agreement=ConsultationAgreement(id=agreement["id"], title=agreement["title"], parties=agreement["parties"]),
        changed=list(changed),
        actor=actor,
    ).model_dump(mode="json")


# The NAFTA renegotiation's docket as the seed records it (service/seed/consultations.json, loaded by service/seed/analyst.py), and
# the extension of its comment deadline to June 14, 2017 (docs/sources.md).
_AGREEMENT = {
    "id": "agr_01M86R0ZECFF390YXQ0ZQQ8E2X",
    "title": "United States-Mexico-Canada Agreement (NAFTA renegotiation)",
    "parties": ["US", "MX", "CA"],
}
_CONSULTATION = {
    "id": "con_01M86R0ZF3TZ7Q8J2K1M4N6P5R",
    "agreement_id": _AGREEMENT["id"],
    "docket_id": "USTR-2017-0006",
    "fr_citation": "82 FR 23699",
    "title": "Request for Comments on Negotiating Objectives Regarding Modernization of the North American Free "
    "Trade Agreement With Canada and Mexico",
    "url": "https://www.federalregister.gov/citation/82-FR-23699",
    "opens_on": "2017-05-23",
    "comments_due": "2017-06-12",
    "hearing_on": "2017-06-27",
    "post_hearing_comments_due": None,
    "note": "Notice of May 23, 2017 (FR Doc. 2017-10603). Hearings held June 27-29, 2017 at the USITC. The docket "
    "number was not found in a stored copy of the notice",
    "inferred": ["docket_id"],
    "actor": "seed",
    "created_at": "2026-11-24T12:21:02.374Z",
    "updated_at": "2026-11-24T12:21:02.374Z",
}
_CREATED = {"consultation": _CONSULTATION, "agreement": _AGREEMENT, "changed": [], "actor": "seed"}
_EXTENDED = {
    **_CONSULTATION,
    "comments_due": "2017-06-14",
    "note": "USTR extended the comment deadline to June 14, 2017, 11:59 p.m. ET",
    "actor": "analyst",
    "updated_at": "2026-11-24T12:25:40.112Z",
}

catalog.declare(
    outbox.CONSULTATION_CREATED,
    "A public comment docket of an agreement was recorded: its Federal Register notice and dates. Its "
    "comment and hearing dates appear in /v1/deadlines.",
    ConsultationChanged,
    _CREATED,
)
catalog.declare(
    outbox.CONSULTATION_UPDATED,
    "A consultation was changed; `changed` names the fields.",
    ConsultationChanged,
    {
        "consultation": _EXTENDED,
        "agreement": _AGREEMENT,
        "changed": ["comments_due", "note"],
        "actor": "analyst",
    },
)
catalog.declare(
    outbox.CONSULTATION_DELETED,
    "A consultation was removed; `consultation` is what it was. Its dates leave /v1/deadlines.",
    ConsultationChanged,
    {"consultation": _EXTENDED, "agreement": _AGREEMENT, "changed": [], "actor": "analyst"},
)
