from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.round_out import RoundOut
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    agreement_id: str,
    number: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements/{agreement_id}/rounds/{number}".format(
            agreement_id=quote(str(agreement_id), safe=""),
            number=quote(str(number), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RoundOut | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = RoundOut.from_dict(response.json())

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
) -> Response[Problem | RoundOut | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RoundOut | ValidationProblem]:
    """Get Round

     One round of the agreement.

    Args:
        agreement_id (str):
        number (int): The round's number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoundOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        number=number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Problem | RoundOut | ValidationProblem | None:
    """Get Round

     One round of the agreement.

    Args:
        agreement_id (str):
        number (int): The round's number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoundOut | ValidationProblem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        number=number,
        client=client,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RoundOut | ValidationProblem]:
    """Get Round

     One round of the agreement.

    Args:
        agreement_id (str):
        number (int): The round's number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoundOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        number=number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Problem | RoundOut | ValidationProblem | None:
    """Get Round

     One round of the agreement.

    Args:
        agreement_id (str):
        number (int): The round's number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoundOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            number=number,
            client=client,
        )
    ).parsed
