import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement_out import AgreementOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: str,
    *,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

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
        "url": "/v1/agreements/{agreement_id}".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgreementOut | Any | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = AgreementOut.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[AgreementOut | Any | Problem | ValidationProblem]:
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
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[AgreementOut | Any | Problem | ValidationProblem]:
    """Get Agreement

     One agreement, with its ETag. With `as_of`, its state on that date (404 if it was not yet
    announced).

    Args:
        agreement_id (str):
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementOut | Any | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        as_of=as_of,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> AgreementOut | Any | Problem | ValidationProblem | None:
    """Get Agreement

     One agreement, with its ETag. With `as_of`, its state on that date (404 if it was not yet
    announced).

    Args:
        agreement_id (str):
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementOut | Any | Problem | ValidationProblem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        as_of=as_of,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[AgreementOut | Any | Problem | ValidationProblem]:
    """Get Agreement

     One agreement, with its ETag. With `as_of`, its state on that date (404 if it was not yet
    announced).

    Args:
        agreement_id (str):
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementOut | Any | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        as_of=as_of,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> AgreementOut | Any | Problem | ValidationProblem | None:
    """Get Agreement

     One agreement, with its ETag. With `as_of`, its state on that date (404 if it was not yet
    announced).

    Args:
        agreement_id (str):
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementOut | Any | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            as_of=as_of,
            if_none_match=if_none_match,
        )
    ).parsed
