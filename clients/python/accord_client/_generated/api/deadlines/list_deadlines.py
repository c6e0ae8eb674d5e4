import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deadline_list import DeadlineList
from ...models.list_deadlines_status_type_0 import ListDeadlinesStatusType0
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    due_before: datetime.date | None | Unset = UNSET,
    status: ListDeadlinesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 200,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_due_before: None | str | Unset
    if isinstance(due_before, Unset):
        json_due_before = UNSET
    elif isinstance(due_before, datetime.date):
        json_due_before = due_before.isoformat()
    else:
        json_due_before = due_before
    params["due_before"] = json_due_before

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListDeadlinesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/deadlines",
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
    *,
    client: AuthenticatedClient,
    due_before: datetime.date | None | Unset = UNSET,
    status: ListDeadlinesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 200,
    cursor: None | str | Unset = UNSET,
) -> Response[DeadlineList | Problem | ValidationProblem]:
    """List Deadlines

     Deadlines across agreements, soonest due first: statutory clocks, and the dates of public comment
    dockets (`source: consultation`: comments due, hearings; pending through their day, then passed).
    Pages by `next_cursor`, each page read from the deadlines table's and the consultations' indexes.

    Args:
        due_before (datetime.date | None | Unset): Only deadlines due strictly before this date
            (YYYY-MM-DD)
        status (ListDeadlinesStatusType0 | None | Unset): passed: a consultation's date that is
            over (statutory clocks are met or missed)
        limit (int | Unset): Page size Default: 200.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadlineList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        due_before=due_before,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    due_before: datetime.date | None | Unset = UNSET,
    status: ListDeadlinesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 200,
    cursor: None | str | Unset = UNSET,
) -> DeadlineList | Problem | ValidationProblem | None:
    """List Deadlines

     Deadlines across agreements, soonest due first: statutory clocks, and the dates of public comment
    dockets (`source: consultation`: comments due, hearings; pending through their day, then passed).
    Pages by `next_cursor`, each page read from the deadlines table's and the consultations' indexes.

    Args:
        due_before (datetime.date | None | Unset): Only deadlines due strictly before this date
            (YYYY-MM-DD)
        status (ListDeadlinesStatusType0 | None | Unset): passed: a consultation's date that is
            over (statutory clocks are met or missed)
        limit (int | Unset): Page size Default: 200.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadlineList | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        due_before=due_before,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    due_before: datetime.date | None | Unset = UNSET,
    status: ListDeadlinesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 200,
    cursor: None | str | Unset = UNSET,
) -> Response[DeadlineList | Problem | ValidationProblem]:
    """List Deadlines

     Deadlines across agreements, soonest due first: statutory clocks, and the dates of public comment
    dockets (`source: consultation`: comments due, hearings; pending through their day, then passed).
    Pages by `next_cursor`, each page read from the deadlines table's and the consultations' indexes.

    Args:
        due_before (datetime.date | None | Unset): Only deadlines due strictly before this date
            (YYYY-MM-DD)
        status (ListDeadlinesStatusType0 | None | Unset): passed: a consultation's date that is
            over (statutory clocks are met or missed)
        limit (int | Unset): Page size Default: 200.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadlineList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        due_before=due_before,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    due_before: datetime.date | None | Unset = UNSET,
    status: ListDeadlinesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 200,
    cursor: None | str | Unset = UNSET,
) -> DeadlineList | Problem | ValidationProblem | None:
    """List Deadlines

     Deadlines across agreements, soonest due first: statutory clocks, and the dates of public comment
    dockets (`source: consultation`: comments due, hearings; pending through their day, then passed).
    Pages by `next_cursor`, each page read from the deadlines table's and the consultations' indexes.

    Args:
        due_before (datetime.date | None | Unset): Only deadlines due strictly before this date
            (YYYY-MM-DD)
        status (ListDeadlinesStatusType0 | None | Unset): passed: a consultation's date that is
            over (statutory clocks are met or missed)
        limit (int | Unset): Page size Default: 200.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadlineList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            due_before=due_before,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
