from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement_out import AgreementOut
from ...models.agreement_update import AgreementUpdate
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...models.version_mismatch_problem import VersionMismatchProblem
from ...types import Response


def _get_kwargs(
    agreement_id: str,
    *,
    body: AgreementUpdate,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/agreements/{agreement_id}".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgreementOut | Problem | ValidationProblem | VersionMismatchProblem | None:
    if response.status_code == 200:
        response_200 = AgreementOut.from_dict(response.json())

        return response_200

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

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AgreementOut | Problem | ValidationProblem | VersionMismatchProblem]:
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
    body: AgreementUpdate,
    if_match: str,
) -> Response[AgreementOut | Problem | ValidationProblem | VersionMismatchProblem]:
    """Update Agreement

     Change the title, sectors or metadata. If-Match is required. A patch that changes nothing
    leaves the version as it is.

    Args:
        agreement_id (str):
        if_match (str): The ETag you last read; missing gives 428
        body (AgreementUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementOut | Problem | ValidationProblem | VersionMismatchProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: AgreementUpdate,
    if_match: str,
) -> AgreementOut | Problem | ValidationProblem | VersionMismatchProblem | None:
    """Update Agreement

     Change the title, sectors or metadata. If-Match is required. A patch that changes nothing
    leaves the version as it is.

    Args:
        agreement_id (str):
        if_match (str): The ETag you last read; missing gives 428
        body (AgreementUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementOut | Problem | ValidationProblem | VersionMismatchProblem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: AgreementUpdate,
    if_match: str,
) -> Response[AgreementOut | Problem | ValidationProblem | VersionMismatchProblem]:
    """Update Agreement

     Change the title, sectors or metadata. If-Match is required. A patch that changes nothing
    leaves the version as it is.

    Args:
        agreement_id (str):
        if_match (str): The ETag you last read; missing gives 428
        body (AgreementUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementOut | Problem | ValidationProblem | VersionMismatchProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: AgreementUpdate,
    if_match: str,
) -> AgreementOut | Problem | ValidationProblem | VersionMismatchProblem | None:
    """Update Agreement

     Change the title, sectors or metadata. If-Match is required. A patch that changes nothing
    leaves the version as it is.

    Args:
        agreement_id (str):
        if_match (str): The ETag you last read; missing gives 428
        body (AgreementUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementOut | Problem | ValidationProblem | VersionMismatchProblem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
