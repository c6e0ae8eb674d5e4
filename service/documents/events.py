"""The events a document's changes write to the outbox, declared in the webhook catalog.

`data` is the document (as GET .../documents/{id} returns it; a deleted one as it was), the
agreement as it stands (its id and parties select webhook endpoints: webhooks/outbox.matches),
and the actor. The examples in event_examples.json were captured from this service recording
the seed's US-EU documents (tests/documents/test_api.py checks they still match).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from service.agreements.schemas import AgreementOut
from service.documents.schemas import DocumentOut
from service.webhooks import catalog, outbox


class DocumentChanged(BaseModel):
    document: DocumentOut
    agreement: AgreementOut = Field(description="The agreement the document belongs to, as it stands")
    actor: str = Field(description="The API key (or system) that made the change")


class DocumentUpdated(DocumentChanged):
    changed: list[str] = Field(description="The fields that changed")


def payload(
    document: DocumentOut, agreement: AgreementOut, actor: str, *, changed: list[str] | None = None
) -> dict[str, Any]:
    if changed is None:
        return DocumentChanged(document=document, agreement=agreement, actor=actor).model_dump(mode="json")
    return DocumentUpdated(document=document, agreement=agreement, actor=actor, changed=changed).model_dump(mode="json")


EXAMPLES: dict[str, dict[str, Any]] = json.loads((Path(__file__).parent / "event_examples.json").read_text())

catalog.declare(
    outbox.DOCUMENT_CREATED,
    "A document of an agreement was recorded: its text, negotiating objectives, a Federal Register notice, "
    "an ITC report... `document.sequence` names the history entry it documents, if any.",
    DocumentChanged,
    EXAMPLES[outbox.DOCUMENT_CREATED],
)
catalog.declare(
    outbox.DOCUMENT_UPDATED,
    "A document's fields were corrected; `changed` names them, `document` is the document as it now reads.",
    DocumentUpdated,
    EXAMPLES[outbox.DOCUMENT_UPDATED],
)
catalog.declare(
    outbox.DOCUMENT_DELETED,
    "A document was deleted; `document` is the document as it was.",
    DocumentChanged,
    EXAMPLES[outbox.DOCUMENT_DELETED],
)
