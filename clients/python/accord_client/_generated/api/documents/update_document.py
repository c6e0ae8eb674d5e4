from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_out import DocumentOut
from ...models.document_update import DocumentUpdate
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    agreement_id: str,
    document_id: str,
    *,
    body: DocumentUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/agreements/{agreement_id}/documents/{document_id}".format(
            agreement_id=quote(str(agreement_id), safe=""),
            document_id=quote(str(document_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DocumentOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = DocumentOut.from_dict(response.json())

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
) -> Response[DocumentOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: str,
    document_id: str,
    *,
    client: AuthenticatedClient,
    body: DocumentUpdate,
) -> Response[DocumentOut | Problem | ValidationProblem]:
    """Update Document

     Correct a document's fields; those left out stay as they are.

    Args:
        agreement_id (str):
        document_id (str): The document's id (doc_...)
        body (DocumentUpdate): The fields sent are changed; a field left out stays as it is.
            `sequence`, `fr_citation` and
            `note` may be sent as null to clear them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        document_id=document_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    document_id: str,
    *,
    client: AuthenticatedClient,
    body: DocumentUpdate,
) -> DocumentOut | Problem | ValidationProblem | None:
    """Update Document

     Correct a document's fields; those left out stay as they are.

    Args:
        agreement_id (str):
        document_id (str): The document's id (doc_...)
        body (DocumentUpdate): The fields sent are changed; a field left out stays as it is.
            `sequence`, `fr_citation` and
            `note` may be sent as null to clear them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentOut | Problem | ValidationProblem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        document_id=document_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    document_id: str,
    *,
    client: AuthenticatedClient,
    body: DocumentUpdate,
) -> Response[DocumentOut | Problem | ValidationProblem]:
    """Update Document

     Correct a document's fields; those left out stay as they are.

    Args:
        agreement_id (str):
        document_id (str): The document's id (doc_...)
        body (DocumentUpdate): The fields sent are changed; a field left out stays as it is.
            `sequence`, `fr_citation` and
            `note` may be sent as null to clear them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        document_id=document_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    document_id: str,
    *,
    client: AuthenticatedClient,
    body: DocumentUpdate,
) -> DocumentOut | Problem | ValidationProblem | None:
    """Update Document

     Correct a document's fields; those left out stay as they are.

    Args:
        agreement_id (str):
        document_id (str): The document's id (doc_...)
        body (DocumentUpdate): The fields sent are changed; a field left out stays as it is.
            `sequence`, `fr_citation` and
            `note` may be sent as null to clear them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            document_id=document_id,
            client=client,
            body=body,
        )
    ).parsed
