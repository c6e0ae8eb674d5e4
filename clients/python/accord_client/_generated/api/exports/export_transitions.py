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
    agreement_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements/{agreement_id}/transitions.csv".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
    }

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
    agreement_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ValidationProblem | str]:
    """Export Transitions

     The agreement's history as CSV, oldest first: one row per entry, void entries included, with the
    documents that name it. UTF-8 with a byte order mark (so Excel reads it as UTF-8), comma-separated,
    CRLF line ends, one header row. Dates and times are ISO 8601 (times in UTC), as in the JSON API. A
    cell that starts with =, +, -, @, a tab or a carriage return is prefixed with a single quote, so a
    spreadsheet shows it rather than running it (OWASP, CSV injection). Streamed a page at a time.

    Columns:

    - `sequence`: The entry's place in the history
    - `event`: The workflow event
    - `from_state`: The state before (empty for the announcement)
    - `to_state`: The state after
    - `occurred_at`: When it happened (ISO 8601, UTC)
    - `recorded_at`: When it was recorded (ISO 8601, UTC)
    - `actor`: Who recorded it
    - `note`: Its note
    - `reference`: Its source URL
    - `override_reason`: An admin's reason for recording it against a statutory clock
    - `clock`: extend_deadline: the clock extended
    - `days`: extend_deadline: the days added
    - `voided_at`: Set when the entry is void (ISO 8601, UTC)
    - `void_reason`: Why it is void
    - `corrections`: How many times the entry was corrected
    - `documents`: How many documents name the entry
    - `document_titles`: Their titles, separated by ' | '
    - `document_urls`: Their URLs, in the same order, separated by ' | '

    Args:
        agreement_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ValidationProblem | str | None:
    """Export Transitions

     The agreement's history as CSV, oldest first: one row per entry, void entries included, with the
    documents that name it. UTF-8 with a byte order mark (so Excel reads it as UTF-8), comma-separated,
    CRLF line ends, one header row. Dates and times are ISO 8601 (times in UTC), as in the JSON API. A
    cell that starts with =, +, -, @, a tab or a carriage return is prefixed with a single quote, so a
    spreadsheet shows it rather than running it (OWASP, CSV injection). Streamed a page at a time.

    Columns:

    - `sequence`: The entry's place in the history
    - `event`: The workflow event
    - `from_state`: The state before (empty for the announcement)
    - `to_state`: The state after
    - `occurred_at`: When it happened (ISO 8601, UTC)
    - `recorded_at`: When it was recorded (ISO 8601, UTC)
    - `actor`: Who recorded it
    - `note`: Its note
    - `reference`: Its source URL
    - `override_reason`: An admin's reason for recording it against a statutory clock
    - `clock`: extend_deadline: the clock extended
    - `days`: extend_deadline: the days added
    - `voided_at`: Set when the entry is void (ISO 8601, UTC)
    - `void_reason`: Why it is void
    - `corrections`: How many times the entry was corrected
    - `documents`: How many documents name the entry
    - `document_titles`: Their titles, separated by ' | '
    - `document_urls`: Their URLs, in the same order, separated by ' | '

    Args:
        agreement_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ValidationProblem | str]:
    """Export Transitions

     The agreement's history as CSV, oldest first: one row per entry, void entries included, with the
    documents that name it. UTF-8 with a byte order mark (so Excel reads it as UTF-8), comma-separated,
    CRLF line ends, one header row. Dates and times are ISO 8601 (times in UTC), as in the JSON API. A
    cell that starts with =, +, -, @, a tab or a carriage return is prefixed with a single quote, so a
    spreadsheet shows it rather than running it (OWASP, CSV injection). Streamed a page at a time.

    Columns:

    - `sequence`: The entry's place in the history
    - `event`: The workflow event
    - `from_state`: The state before (empty for the announcement)
    - `to_state`: The state after
    - `occurred_at`: When it happened (ISO 8601, UTC)
    - `recorded_at`: When it was recorded (ISO 8601, UTC)
    - `actor`: Who recorded it
    - `note`: Its note
    - `reference`: Its source URL
    - `override_reason`: An admin's reason for recording it against a statutory clock
    - `clock`: extend_deadline: the clock extended
    - `days`: extend_deadline: the days added
    - `voided_at`: Set when the entry is void (ISO 8601, UTC)
    - `void_reason`: Why it is void
    - `corrections`: How many times the entry was corrected
    - `documents`: How many documents name the entry
    - `document_titles`: Their titles, separated by ' | '
    - `document_urls`: Their URLs, in the same order, separated by ' | '

    Args:
        agreement_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ValidationProblem | str | None:
    """Export Transitions

     The agreement's history as CSV, oldest first: one row per entry, void entries included, with the
    documents that name it. UTF-8 with a byte order mark (so Excel reads it as UTF-8), comma-separated,
    CRLF line ends, one header row. Dates and times are ISO 8601 (times in UTC), as in the JSON API. A
    cell that starts with =, +, -, @, a tab or a carriage return is prefixed with a single quote, so a
    spreadsheet shows it rather than running it (OWASP, CSV injection). Streamed a page at a time.

    Columns:

    - `sequence`: The entry's place in the history
    - `event`: The workflow event
    - `from_state`: The state before (empty for the announcement)
    - `to_state`: The state after
    - `occurred_at`: When it happened (ISO 8601, UTC)
    - `recorded_at`: When it was recorded (ISO 8601, UTC)
    - `actor`: Who recorded it
    - `note`: Its note
    - `reference`: Its source URL
    - `override_reason`: An admin's reason for recording it against a statutory clock
    - `clock`: extend_deadline: the clock extended
    - `days`: extend_deadline: the days added
    - `voided_at`: Set when the entry is void (ISO 8601, UTC)
    - `void_reason`: Why it is void
    - `corrections`: How many times the entry was corrected
    - `documents`: How many documents name the entry
    - `document_titles`: Their titles, separated by ' | '
    - `document_urls`: Their URLs, in the same order, separated by ' | '

    Args:
        agreement_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
        )
    ).parsed
