"""The same with asyncio: several agreements moved concurrently.

python examples/async_lifecycle.py http://127.0.0.1:8000
"""

import asyncio
import sys

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
    agreement = await accord.create_agreement(title, parties)
    for event in LIFECYCLE:
        # expected_version makes the service refuse (412 VersionMismatch) if someone else moved it meanwhile.
        agreement = (await accord.transition(agreement.id, event, expected_version=agreement.version)).agreement
    return f"{agreement.title}: {agreement.state} at version {agreement.version}"


async def main(base_url: str) -> None:
    async with AsyncAccord(base_url) as accord:
        results = await asyncio.gather(
            walk(accord, "United States-Kenya", ["US", "KE"]),
            walk(accord, "United States-United Kingdom", ["US", "GB"]),
        )
        print("\n".join(results))
        async for agreement in accord.iter_agreements(state="implemented", limit=50):
            print(" ", agreement.id, agreement.title)


asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
