from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.correction_create import CorrectionCreate
from ...models.correction_result import CorrectionResult
from ...models.invalid_transition_problem import InvalidTransitionProblem
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...models.version_mismatch_problem import VersionMismatchProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: str,
    sequence: int,
    *,
    body: CorrectionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/agreements/{agreement_id}/transitions/{sequence}/corrections".format(
            agreement_id=quote(str(agreement_id), safe=""),
            sequence=quote(str(sequence), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem | None:
    if response.status_code == 201:
        response_201 = CorrectionResult.from_dict(response.json())

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
        response_409 = InvalidTransitionProblem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = VersionMismatchProblem.from_dict(response.json())

        return response_412

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
) -> Response[CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: str,
    sequence: int,
    *,
    client: AuthenticatedClient,
    body: CorrectionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem]:
    """Create Correction

     Correct a history entry's date, note or reference in place. The old values stay on the record;
    the clocks are checked again over the corrected timeline (409 naming the clock, unless an admin
    gives `override_reason`).

    Args:
        agreement_id (str):
        sequence (int): The entry's place in the history
        if_match (None | str | Unset): The ETag you last read
        idempotency_key (None | str | Unset): Makes a retried POST safe; kept at least 24 hours
        body (CorrectionCreate): The fields sent are corrected; a field left out stays as it is.
            `note` and `reference` may be
            sent as null to clear them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        sequence=sequence,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    sequence: int,
    *,
    client: AuthenticatedClient,
    body: CorrectionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem | None:
    """Create Correction

     Correct a history entry's date, note or reference in place. The old values stay on the record;
    the clocks are checked again over the corrected timeline (409 naming the clock, unless an admin
    gives `override_reason`).

    Args:
        agreement_id (str):
        sequence (int): The entry's place in the history
        if_match (None | str | Unset): The ETag you last read
        idempotency_key (None | str | Unset): Makes a retried POST safe; kept at least 24 hours
        body (CorrectionCreate): The fields sent are corrected; a field left out stays as it is.
            `note` and `reference` may be
            sent as null to clear them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        sequence=sequence,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    sequence: int,
    *,
    client: AuthenticatedClient,
    body: CorrectionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem]:
    """Create Correction

     Correct a history entry's date, note or reference in place. The old values stay on the record;
    the clocks are checked again over the corrected timeline (409 naming the clock, unless an admin
    gives `override_reason`).

    Args:
        agreement_id (str):
        sequence (int): The entry's place in the history
        if_match (None | str | Unset): The ETag you last read
        idempotency_key (None | str | Unset): Makes a retried POST safe; kept at least 24 hours
        body (CorrectionCreate): The fields sent are corrected; a field left out stays as it is.
            `note` and `reference` may be
            sent as null to clear them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        sequence=sequence,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    sequence: int,
    *,
    client: AuthenticatedClient,
    body: CorrectionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem | None:
    """Create Correction

     Correct a history entry's date, note or reference in place. The old values stay on the record;
    the clocks are checked again over the corrected timeline (409 naming the clock, unless an admin
    gives `override_reason`).

    Args:
        agreement_id (str):
        sequence (int): The entry's place in the history
        if_match (None | str | Unset): The ETag you last read
        idempotency_key (None | str | Unset): Makes a retried POST safe; kept at least 24 hours
        body (CorrectionCreate): The fields sent are corrected; a field left out stays as it is.
            `note` and `reference` may be
            sent as null to clear them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CorrectionResult | InvalidTransitionProblem | Problem | ValidationProblem | VersionMismatchProblem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            sequence=sequence,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
