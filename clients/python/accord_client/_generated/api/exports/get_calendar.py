from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    token: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/calendar/{token}.ics".format(
            token=quote(str(token), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ValidationProblem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

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
) -> Response[Problem | ValidationProblem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ValidationProblem | str]:
    """Get Calendar

     A feed's deadlines and hearings as iCalendar, one all-day event per dated deadline: statutory
    clocks and consultations' dates (as GET /v1/deadlines lists them). Each event's UID names the
    agreement and the clock (`<agreement_id>-<clock>@accord`; a consultation's dates add its id),
    so a changed date replaces the event, with a higher SEQUENCE. No API key: the token opens this
    feed only; an unknown or revoked token gets 404.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        token=token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ValidationProblem | str | None:
    """Get Calendar

     A feed's deadlines and hearings as iCalendar, one all-day event per dated deadline: statutory
    clocks and consultations' dates (as GET /v1/deadlines lists them). Each event's UID names the
    agreement and the clock (`<agreement_id>-<clock>@accord`; a consultation's dates add its id),
    so a changed date replaces the event, with a higher SEQUENCE. No API key: the token opens this
    feed only; an unknown or revoked token gets 404.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return sync_detailed(
        token=token,
        client=client,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ValidationProblem | str]:
    """Get Calendar

     A feed's deadlines and hearings as iCalendar, one all-day event per dated deadline: statutory
    clocks and consultations' dates (as GET /v1/deadlines lists them). Each event's UID names the
    agreement and the clock (`<agreement_id>-<clock>@accord`; a consultation's dates add its id),
    so a changed date replaces the event, with a higher SEQUENCE. No API key: the token opens this
    feed only; an unknown or revoked token gets 404.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        token=token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ValidationProblem | str | None:
    """Get Calendar

     A feed's deadlines and hearings as iCalendar, one all-day event per dated deadline: statutory
    clocks and consultations' dates (as GET /v1/deadlines lists them). Each event's UID names the
    agreement and the clock (`<agreement_id>-<clock>@accord`; a consultation's dates add its id),
    so a changed date replaces the event, with a higher SEQUENCE. No API key: the token opens this
    feed only; an unknown or revoked token gets 404.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
        )
    ).parsed
