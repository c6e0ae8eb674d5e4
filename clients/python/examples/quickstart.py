"""Create an agreement, walk it through its lifecycle, and read its history.

accord serve --port 8000          # in another terminal (or `make run`, which prints an admin key)
ACCORD_API_KEY=acc_... ACCORD_BASE_URL=http://127.0.0.1:8000 python examples/quickstart.py
"""

from accord_client import Accord, InvalidTransition

with Accord() as accord:  # reads ACCORD_API_KEY and ACCORD_BASE_URL (default http://127.0.0.1:8000)
    agreement = accord.agreements.create(
        "United States-Japan Trade Agreement",
        ["US", "JP"],
        sectors=["agriculture", "autos"],
        announced_at="2018-09-26",
        authority="other",  # no statutory clocks: the events below may follow each other at once
    )
    print(f"created {agreement.id}: {agreement.state}")

    for event in ("start_domestic_procedures", "notify_congress", "open_negotiations"):
        result = accord.transitions.create(agreement.id, event)
        print(f"{event}: {result.transition.from_state} -> {result.agreement.state}")

    try:
        accord.transitions.create(agreement.id, "implement")
    except InvalidTransition as error:
        print(f"refused: {error.detail}; allowed now: {', '.join(error.allowed_events)}")

    for entry in accord.transitions.list(agreement.id, limit=2):  # follows next_cursor for you
        print(f"  #{entry.sequence} {entry.event} -> {entry.to_state} at {entry.occurred_at:%Y-%m-%d}")
