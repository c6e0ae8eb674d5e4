from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.consultation_create import ConsultationCreate
from ...models.consultation_out import ConsultationOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: str,
    *,
    body: ConsultationCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/agreements/{agreement_id}/consultations".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConsultationOut | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = ConsultationOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ConsultationOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: ConsultationCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ConsultationOut | Problem | ValidationProblem]:
    """Create Consultation

     Record a public comment docket of the agreement: its Federal Register notice, when comments
    are due and when the hearing is. Its dates join the agreement's deadlines. One docket once per
    agreement (409 on a second).

    Args:
        agreement_id (str):
        idempotency_key (None | str | Unset): Makes a retried POST safe; kept at least 24 hours
        body (ConsultationCreate): A public comment docket. Dates are Washington calendar dates:
            `comments_due` and
            `hearing_on` on or after `opens_on`, `post_hearing_comments_due` on or after `hearing_on`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsultationOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: ConsultationCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> ConsultationOut | Problem | ValidationProblem | None:
    """Create Consultation

     Record a public comment docket of the agreement: its Federal Register notice, when comments
    are due and when the hearing is. Its dates join the agreement's deadlines. One docket once per
    agreement (409 on a second).

    Args:
        agreement_id (str):
        idempotency_key (None | str | Unset): Makes a retried POST safe; kept at least 24 hours
        body (ConsultationCreate): A public comment docket. Dates are Washington calendar dates:
            `comments_due` and
            `hearing_on` on or after `opens_on`, `post_hearing_comments_due` on or after `hearing_on`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsultationOut | Problem | ValidationProblem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: ConsultationCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ConsultationOut | Problem | ValidationProblem]:
    """Create Consultation

     Record a public comment docket of the agreement: its Federal Register notice, when comments
    are due and when the hearing is. Its dates join the agreement's deadlines. One docket once per
    agreement (409 on a second).

    Args:
        agreement_id (str):
        idempotency_key (None | str | Unset): Makes a retried POST safe; kept at least 24 hours
        body (ConsultationCreate): A public comment docket. Dates are Washington calendar dates:
            `comments_due` and
            `hearing_on` on or after `opens_on`, `post_hearing_comments_due` on or after `hearing_on`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsultationOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: ConsultationCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> ConsultationOut | Problem | ValidationProblem | None:
    """Create Consultation

     Record a public comment docket of the agreement: its Federal Register notice, when comments
    are due and when the hearing is. Its dates join the agreement's deadlines. One docket once per
    agreement (409 on a second).

    Args:
        agreement_id (str):
        idempotency_key (None | str | Unset): Makes a retried POST safe; kept at least 24 hours
        body (ConsultationCreate): A public comment docket. Dates are Washington calendar dates:
            `comments_due` and
            `hearing_on` on or after `opens_on`, `post_hearing_comments_due` on or after `hearing_on`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsultationOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
