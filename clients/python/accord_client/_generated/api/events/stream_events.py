from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.stream_events_type_type_0 import StreamEventsTypeType0
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: None | str | Unset = UNSET,
    type_: None | StreamEventsTypeType0 | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

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
    elif isinstance(type_, StreamEventsTypeType0):
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/stream",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ValidationProblem | str | None:
    if response.status_code == 200:
        response_200 = response.text
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
) -> Response[Problem | ValidationProblem | str]:
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
    type_: None | StreamEventsTypeType0 | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Response[Problem | ValidationProblem | str]:
    """Stream Events

     The feed, live (Server-Sent Events).

    Args:
        after (None | str | Unset): A cursor: an event's SSE id, or next_cursor
        type_ (None | StreamEventsTypeType0 | Unset): Only events of this type
        agreement_id (None | str | Unset):
        last_event_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        after=after,
        type_=type_,
        agreement_id=agreement_id,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    type_: None | StreamEventsTypeType0 | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Problem | ValidationProblem | str | None:
    """Stream Events

     The feed, live (Server-Sent Events).

    Args:
        after (None | str | Unset): A cursor: an event's SSE id, or next_cursor
        type_ (None | StreamEventsTypeType0 | Unset): Only events of this type
        agreement_id (None | str | Unset):
        last_event_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return sync_detailed(
        client=client,
        after=after,
        type_=type_,
        agreement_id=agreement_id,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    type_: None | StreamEventsTypeType0 | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Response[Problem | ValidationProblem | str]:
    """Stream Events

     The feed, live (Server-Sent Events).

    Args:
        after (None | str | Unset): A cursor: an event's SSE id, or next_cursor
        type_ (None | StreamEventsTypeType0 | Unset): Only events of this type
        agreement_id (None | str | Unset):
        last_event_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        after=after,
        type_=type_,
        agreement_id=agreement_id,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    type_: None | StreamEventsTypeType0 | Unset = UNSET,
    agreement_id: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Problem | ValidationProblem | str | None:
    """Stream Events

     The feed, live (Server-Sent Events).

    Args:
        after (None | str | Unset): A cursor: an event's SSE id, or next_cursor
        type_ (None | StreamEventsTypeType0 | Unset): Only events of this type
        agreement_id (None | str | Unset):
        last_event_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            type_=type_,
            agreement_id=agreement_id,
            last_event_id=last_event_id,
        )
    ).parsed
