"""The same with asyncio: several agreements moved concurrently.

ACCORD_API_KEY=acc_... ACCORD_BASE_URL=http://127.0.0.1:8000 python examples/async_lifecycle.py
"""

import asyncio

from accord_client import AsyncAccord

LIFECYCLE = [
    "start_domestic_procedures",
    "notify_congress",
    "open_negotiations",
    "reach_preliminary",
    "sign",
    "implement",
]


async def walk(accord: AsyncAccord, title: str, parties: list[str]) -> str:
    # authority="other": no statutory clocks, so the events may follow each other at once.
    agreement = await accord.agreements.create(title, parties, authority="other")
    for event in LIFECYCLE:
        # expected_version makes the service refuse (412 VersionMismatch) if someone else moved it meanwhile.
        result = await accord.transitions.create(agreement.id, event, expected_version=agreement.version)
        agreement = result.agreement
    return f"{agreement.id} {agreement.title}: {agreement.state} at version {agreement.version}"


async def main() -> None:
    async with AsyncAccord() as accord:  # reads ACCORD_API_KEY and ACCORD_BASE_URL
        results = await asyncio.gather(
            walk(accord, "United States-Kenya", ["US", "KE"]),
            walk(accord, "United States-United Kingdom", ["US", "GB"]),
        )
        print("\n".join(results))
        implemented = [a async for a in accord.agreements.list(state="implemented", limit=50)]
        print(f"{len(implemented)} implemented agreements in all")


asyncio.run(main())
