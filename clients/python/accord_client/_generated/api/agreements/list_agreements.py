import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_agreement_out import PageAgreementOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: None | str | Unset = UNSET,
    party: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    else:
        json_state = state
    params["state"] = json_state

    json_party: None | str | Unset
    if isinstance(party, Unset):
        json_party = UNSET
    else:
        json_party = party
    params["party"] = json_party

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageAgreementOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = PageAgreementOut.from_dict(response.json())

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
) -> Response[PageAgreementOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    party: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[PageAgreementOut | Problem | ValidationProblem]:
    """List Agreements

     List agreements, oldest first, a page at a time. With `as_of`, each shows the state it was in
    at the end of that date, `state` selects on that state, and agreements announced later are left out.

    Args:
        state (None | str | Unset):
        party (None | str | Unset): ISO 3166-1 alpha-2 code, or EU
        q (None | str | Unset): Text the title contains, in any case (a substring: `%` and `_` are
            plain characters). A 1–2 character `q` is looked for in 2,000 agreements a page: a page
            may then hold fewer agreements than `limit`, even none, and still have a `next_cursor`
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAgreementOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        state=state,
        party=party,
        q=q,
        limit=limit,
        cursor=cursor,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    party: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> PageAgreementOut | Problem | ValidationProblem | None:
    """List Agreements

     List agreements, oldest first, a page at a time. With `as_of`, each shows the state it was in
    at the end of that date, `state` selects on that state, and agreements announced later are left out.

    Args:
        state (None | str | Unset):
        party (None | str | Unset): ISO 3166-1 alpha-2 code, or EU
        q (None | str | Unset): Text the title contains, in any case (a substring: `%` and `_` are
            plain characters). A 1–2 character `q` is looked for in 2,000 agreements a page: a page
            may then hold fewer agreements than `limit`, even none, and still have a `next_cursor`
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAgreementOut | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        state=state,
        party=party,
        q=q,
        limit=limit,
        cursor=cursor,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    party: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[PageAgreementOut | Problem | ValidationProblem]:
    """List Agreements

     List agreements, oldest first, a page at a time. With `as_of`, each shows the state it was in
    at the end of that date, `state` selects on that state, and agreements announced later are left out.

    Args:
        state (None | str | Unset):
        party (None | str | Unset): ISO 3166-1 alpha-2 code, or EU
        q (None | str | Unset): Text the title contains, in any case (a substring: `%` and `_` are
            plain characters). A 1–2 character `q` is looked for in 2,000 agreements a page: a page
            may then hold fewer agreements than `limit`, even none, and still have a `next_cursor`
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAgreementOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        state=state,
        party=party,
        q=q,
        limit=limit,
        cursor=cursor,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    party: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> PageAgreementOut | Problem | ValidationProblem | None:
    """List Agreements

     List agreements, oldest first, a page at a time. With `as_of`, each shows the state it was in
    at the end of that date, `state` selects on that state, and agreements announced later are left out.

    Args:
        state (None | str | Unset):
        party (None | str | Unset): ISO 3166-1 alpha-2 code, or EU
        q (None | str | Unset): Text the title contains, in any case (a substring: `%` and `_` are
            plain characters). A 1–2 character `q` is looked for in 2,000 agreements a page: a page
            may then hold fewer agreements than `limit`, even none, and still have a `next_cursor`
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAgreementOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            party=party,
            q=q,
            limit=limit,
            cursor=cursor,
            as_of=as_of,
        )
    ).parsed
