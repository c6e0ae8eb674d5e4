import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deadline_list import DeadlineList
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: str,
    *,
    on: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_on: None | str | Unset
    if isinstance(on, Unset):
        json_on = UNSET
    elif isinstance(on, datetime.date):
        json_on = on.isoformat()
    else:
        json_on = on
    params["on"] = json_on

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements/{agreement_id}/deadlines".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeadlineList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = DeadlineList.from_dict(response.json())

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
) -> Response[DeadlineList | Problem | ValidationProblem]:
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
    on: datetime.date | None | Unset = UNSET,
) -> Response[DeadlineList | Problem | ValidationProblem]:
    """List Agreement Deadlines

     Every statutory clock of the agreement: trigger and its date, due date, and status as of today
    (or `on` a date). Calendar days only; clocks counted in congressional session days are not modelled.
    Then the dates of its public comment dockets (`source: consultation`), of those open by that date.

    Args:
        agreement_id (str):
        on (datetime.date | None | Unset): Answer as on this date (YYYY-MM-DD), from the entries
            that happened by its end

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadlineList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        on=on,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
) -> DeadlineList | Problem | ValidationProblem | None:
    """List Agreement Deadlines

     Every statutory clock of the agreement: trigger and its date, due date, and status as of today
    (or `on` a date). Calendar days only; clocks counted in congressional session days are not modelled.
    Then the dates of its public comment dockets (`source: consultation`), of those open by that date.

    Args:
        agreement_id (str):
        on (datetime.date | None | Unset): Answer as on this date (YYYY-MM-DD), from the entries
            that happened by its end

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadlineList | Problem | ValidationProblem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        on=on,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
) -> Response[DeadlineList | Problem | ValidationProblem]:
    """List Agreement Deadlines

     Every statutory clock of the agreement: trigger and its date, due date, and status as of today
    (or `on` a date). Calendar days only; clocks counted in congressional session days are not modelled.
    Then the dates of its public comment dockets (`source: consultation`), of those open by that date.

    Args:
        agreement_id (str):
        on (datetime.date | None | Unset): Answer as on this date (YYYY-MM-DD), from the entries
            that happened by its end

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadlineList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        on=on,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
) -> DeadlineList | Problem | ValidationProblem | None:
    """List Agreement Deadlines

     Every statutory clock of the agreement: trigger and its date, due date, and status as of today
    (or `on` a date). Calendar days only; clocks counted in congressional session days are not modelled.
    Then the dates of its public comment dockets (`source: consultation`), of those open by that date.

    Args:
        agreement_id (str):
        on (datetime.date | None | Unset): Answer as on this date (YYYY-MM-DD), from the entries
            that happened by its end

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadlineList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            on=on,
        )
    ).parsed
