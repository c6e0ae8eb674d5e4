import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: None | str | Unset = UNSET,
    party: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
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
        "url": "/v1/agreements.csv",
        "params": params,
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
    state: None | str | Unset = UNSET,
    party: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Problem | ValidationProblem | str]:
    """Export Agreements

     GET /v1/agreements as CSV: the same filters, the same order (oldest first), every page. UTF-8 with a
    byte order mark (so Excel reads it as UTF-8), comma-separated, CRLF line ends, one header row. Dates
    and times are ISO 8601 (times in UTC), as in the JSON API. A cell that starts with =, +, -, @, a tab
    or a carriage return is prefixed with a single quote, so a spreadsheet shows it rather than running
    it (OWASP, CSV injection). Streamed a page at a time.

    Columns:

    - `id`: The agreement's id (agr_...)
    - `title`: Its title
    - `parties`: ISO 3166-1 alpha-2 codes (or EU), separated by ;
    - `sectors`: Sectors, separated by ;
    - `state`: The state (as of `as_of` when asked)
    - `rta_status`: The state in the WTO RTA-IS vocabulary
    - `workflow`: Workflow name and version, as trade-agreement v3
    - `authority`: The negotiating authority
    - `rta_type`: RTA-IS type: FTA, CU, EIA, PSA or a combination
    - `coverage`: goods, services or both
    - `wto_notifications`: Each notification as coverage:date:legal basis, separated by ;
    - `rta_is_id`: RTA ID in the WTO RTA-IS database
    - `desta_id`: Number in the DESTA database
    - `signed_on`: Date of signature, from the history (YYYY-MM-DD)
    - `entered_into_force_on`: Date of entry into force, from the history (YYYY-MM-DD)
    - `version`: The version (ETag)
    - `created_at`: When it was recorded in Accord (ISO 8601, UTC)
    - `updated_at`: When it last changed (ISO 8601, UTC)
    - `as_of`: The date asked with `as_of`, if any

    Args:
        state (None | str | Unset):
        party (None | str | Unset): ISO 3166-1 alpha-2 code, or EU
        q (None | str | Unset): Words in the title
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        state=state,
        party=party,
        q=q,
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
    as_of: datetime.date | None | Unset = UNSET,
) -> Problem | ValidationProblem | str | None:
    """Export Agreements

     GET /v1/agreements as CSV: the same filters, the same order (oldest first), every page. UTF-8 with a
    byte order mark (so Excel reads it as UTF-8), comma-separated, CRLF line ends, one header row. Dates
    and times are ISO 8601 (times in UTC), as in the JSON API. A cell that starts with =, +, -, @, a tab
    or a carriage return is prefixed with a single quote, so a spreadsheet shows it rather than running
    it (OWASP, CSV injection). Streamed a page at a time.

    Columns:

    - `id`: The agreement's id (agr_...)
    - `title`: Its title
    - `parties`: ISO 3166-1 alpha-2 codes (or EU), separated by ;
    - `sectors`: Sectors, separated by ;
    - `state`: The state (as of `as_of` when asked)
    - `rta_status`: The state in the WTO RTA-IS vocabulary
    - `workflow`: Workflow name and version, as trade-agreement v3
    - `authority`: The negotiating authority
    - `rta_type`: RTA-IS type: FTA, CU, EIA, PSA or a combination
    - `coverage`: goods, services or both
    - `wto_notifications`: Each notification as coverage:date:legal basis, separated by ;
    - `rta_is_id`: RTA ID in the WTO RTA-IS database
    - `desta_id`: Number in the DESTA database
    - `signed_on`: Date of signature, from the history (YYYY-MM-DD)
    - `entered_into_force_on`: Date of entry into force, from the history (YYYY-MM-DD)
    - `version`: The version (ETag)
    - `created_at`: When it was recorded in Accord (ISO 8601, UTC)
    - `updated_at`: When it last changed (ISO 8601, UTC)
    - `as_of`: The date asked with `as_of`, if any

    Args:
        state (None | str | Unset):
        party (None | str | Unset): ISO 3166-1 alpha-2 code, or EU
        q (None | str | Unset): Words in the title
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return sync_detailed(
        client=client,
        state=state,
        party=party,
        q=q,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    party: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Problem | ValidationProblem | str]:
    """Export Agreements

     GET /v1/agreements as CSV: the same filters, the same order (oldest first), every page. UTF-8 with a
    byte order mark (so Excel reads it as UTF-8), comma-separated, CRLF line ends, one header row. Dates
    and times are ISO 8601 (times in UTC), as in the JSON API. A cell that starts with =, +, -, @, a tab
    or a carriage return is prefixed with a single quote, so a spreadsheet shows it rather than running
    it (OWASP, CSV injection). Streamed a page at a time.

    Columns:

    - `id`: The agreement's id (agr_...)
    - `title`: Its title
    - `parties`: ISO 3166-1 alpha-2 codes (or EU), separated by ;
    - `sectors`: Sectors, separated by ;
    - `state`: The state (as of `as_of` when asked)
    - `rta_status`: The state in the WTO RTA-IS vocabulary
    - `workflow`: Workflow name and version, as trade-agreement v3
    - `authority`: The negotiating authority
    - `rta_type`: RTA-IS type: FTA, CU, EIA, PSA or a combination
    - `coverage`: goods, services or both
    - `wto_notifications`: Each notification as coverage:date:legal basis, separated by ;
    - `rta_is_id`: RTA ID in the WTO RTA-IS database
    - `desta_id`: Number in the DESTA database
    - `signed_on`: Date of signature, from the history (YYYY-MM-DD)
    - `entered_into_force_on`: Date of entry into force, from the history (YYYY-MM-DD)
    - `version`: The version (ETag)
    - `created_at`: When it was recorded in Accord (ISO 8601, UTC)
    - `updated_at`: When it last changed (ISO 8601, UTC)
    - `as_of`: The date asked with `as_of`, if any

    Args:
        state (None | str | Unset):
        party (None | str | Unset): ISO 3166-1 alpha-2 code, or EU
        q (None | str | Unset): Words in the title
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        state=state,
        party=party,
        q=q,
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
    as_of: datetime.date | None | Unset = UNSET,
) -> Problem | ValidationProblem | str | None:
    """Export Agreements

     GET /v1/agreements as CSV: the same filters, the same order (oldest first), every page. UTF-8 with a
    byte order mark (so Excel reads it as UTF-8), comma-separated, CRLF line ends, one header row. Dates
    and times are ISO 8601 (times in UTC), as in the JSON API. A cell that starts with =, +, -, @, a tab
    or a carriage return is prefixed with a single quote, so a spreadsheet shows it rather than running
    it (OWASP, CSV injection). Streamed a page at a time.

    Columns:

    - `id`: The agreement's id (agr_...)
    - `title`: Its title
    - `parties`: ISO 3166-1 alpha-2 codes (or EU), separated by ;
    - `sectors`: Sectors, separated by ;
    - `state`: The state (as of `as_of` when asked)
    - `rta_status`: The state in the WTO RTA-IS vocabulary
    - `workflow`: Workflow name and version, as trade-agreement v3
    - `authority`: The negotiating authority
    - `rta_type`: RTA-IS type: FTA, CU, EIA, PSA or a combination
    - `coverage`: goods, services or both
    - `wto_notifications`: Each notification as coverage:date:legal basis, separated by ;
    - `rta_is_id`: RTA ID in the WTO RTA-IS database
    - `desta_id`: Number in the DESTA database
    - `signed_on`: Date of signature, from the history (YYYY-MM-DD)
    - `entered_into_force_on`: Date of entry into force, from the history (YYYY-MM-DD)
    - `version`: The version (ETag)
    - `created_at`: When it was recorded in Accord (ISO 8601, UTC)
    - `updated_at`: When it last changed (ISO 8601, UTC)
    - `as_of`: The date asked with `as_of`, if any

    Args:
        state (None | str | Unset):
        party (None | str | Unset): ISO 3166-1 alpha-2 code, or EU
        q (None | str | Unset): Words in the title
        as_of (datetime.date | None | Unset): Answer as of the end of this date (YYYY-MM-DD): the
            state the history shows then

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            party=party,
            q=q,
            as_of=as_of,
        )
    ).parsed
