from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_events_type_type_0 import ListEventsTypeType0
from ...models.page_event_out import PageEventOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: None | str | Unset = UNSET,
    type_: ListEventsTypeType0 | None | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, ListEventsTypeType0):
        json_type_ = type_.value
    else:
        json_type_ = type_
    params["type"] = json_type_

    json_agreement_id: None | str | Unset
    if isinstance(agreement_id, Unset):
        json_agreement_id = UNSET
    else:
        json_agreement_id = agreement_id
    params["agreement_id"] = json_agreement_id

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageEventOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = PageEventOut.from_dict(response.json())

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
) -> Response[PageEventOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    type_: ListEventsTypeType0 | None | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PageEventOut | Problem | ValidationProblem]:
    """List Events

     The durable feed of every event in order: catch up from your last cursor without webhooks.
    `endpoint.*` events are listed only for keys with the webhooks:manage scope.

    Args:
        after (None | str | Unset): next_cursor of the previous page
        type_ (ListEventsTypeType0 | None | Unset): Only events of this type
        agreement_id (None | str | Unset):
        limit (int | Unset): Page size Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageEventOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        after=after,
        type_=type_,
        agreement_id=agreement_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    type_: ListEventsTypeType0 | None | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> PageEventOut | Problem | ValidationProblem | None:
    """List Events

     The durable feed of every event in order: catch up from your last cursor without webhooks.
    `endpoint.*` events are listed only for keys with the webhooks:manage scope.

    Args:
        after (None | str | Unset): next_cursor of the previous page
        type_ (ListEventsTypeType0 | None | Unset): Only events of this type
        agreement_id (None | str | Unset):
        limit (int | Unset): Page size Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageEventOut | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        after=after,
        type_=type_,
        agreement_id=agreement_id,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    type_: ListEventsTypeType0 | None | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PageEventOut | Problem | ValidationProblem]:
    """List Events

     The durable feed of every event in order: catch up from your last cursor without webhooks.
    `endpoint.*` events are listed only for keys with the webhooks:manage scope.

    Args:
        after (None | str | Unset): next_cursor of the previous page
        type_ (ListEventsTypeType0 | None | Unset): Only events of this type
        agreement_id (None | str | Unset):
        limit (int | Unset): Page size Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageEventOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        after=after,
        type_=type_,
        agreement_id=agreement_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    type_: ListEventsTypeType0 | None | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> PageEventOut | Problem | ValidationProblem | None:
    """List Events

     The durable feed of every event in order: catch up from your last cursor without webhooks.
    `endpoint.*` events are listed only for keys with the webhooks:manage scope.

    Args:
        after (None | str | Unset): next_cursor of the previous page
        type_ (ListEventsTypeType0 | None | Unset): Only events of this type
        agreement_id (None | str | Unset):
        limit (int | Unset): Page size Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageEventOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            type_=type_,
            agreement_id=agreement_id,
            limit=limit,
        )
    ).parsed
