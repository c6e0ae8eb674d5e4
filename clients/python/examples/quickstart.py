"""Create an agreement, walk it through its lifecycle, and read its history.

accord serve --port 8000          # in another terminal
python examples/quickstart.py http://127.0.0.1:8000
"""

import sys

from accord_client import Accord, InvalidTransition

base_url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"

with Accord(base_url) as accord:
    agreement = accord.create_agreement(
        "United States-Japan Trade Agreement",
        ["US", "JP"],
        sectors=["agriculture", "autos"],
        announced_at="2018-09-26",
    )
    print(f"created {agreement.id}: {agreement.state}")

    for event in ("start_domestic_procedures", "notify_congress", "open_negotiations"):
        result = accord.transition(agreement.id, event)
        print(f"{event}: {result.transition.from_state} -> {result.agreement.state}")

    try:
        accord.transition(agreement.id, "implement")
    except InvalidTransition as error:
        print(f"refused: {error.detail}; allowed now: {', '.join(error.allowed_events)}")

    for entry in accord.iter_transitions(agreement.id, limit=2):  # follows next_cursor for you
        print(f"  #{entry.sequence} {entry.event} -> {entry.to_state} at {entry.occurred_at:%Y-%m-%d}")
