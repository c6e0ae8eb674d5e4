from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.consultation_out import ConsultationOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    agreement_id: str,
    consultation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements/{agreement_id}/consultations/{consultation_id}".format(
            agreement_id=quote(str(agreement_id), safe=""),
            consultation_id=quote(str(consultation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConsultationOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ConsultationOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
    consultation_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ConsultationOut | Problem | ValidationProblem]:
    """Get Consultation

     One consultation of the agreement.

    Args:
        agreement_id (str):
        consultation_id (str): The consultation's id, con_...

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsultationOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        consultation_id=consultation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    consultation_id: str,
    *,
    client: AuthenticatedClient,
) -> ConsultationOut | Problem | ValidationProblem | None:
    """Get Consultation

     One consultation of the agreement.

    Args:
        agreement_id (str):
        consultation_id (str): The consultation's id, con_...

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsultationOut | Problem | ValidationProblem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        consultation_id=consultation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    consultation_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ConsultationOut | Problem | ValidationProblem]:
    """Get Consultation

     One consultation of the agreement.

    Args:
        agreement_id (str):
        consultation_id (str): The consultation's id, con_...

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsultationOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        consultation_id=consultation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    consultation_id: str,
    *,
    client: AuthenticatedClient,
) -> ConsultationOut | Problem | ValidationProblem | None:
    """Get Consultation

     One consultation of the agreement.

    Args:
        agreement_id (str):
        consultation_id (str): The consultation's id, con_...

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsultationOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            consultation_id=consultation_id,
            client=client,
        )
    ).parsed
