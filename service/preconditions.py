"""HTTP conditional requests on an agreement's version: ETag, If-Match, If-None-Match."""

from service.errors import PreconditionRequired, VersionMismatch

# One or more ETags, or `*`.
ETAG_LIST = r'^(\*|(W/)?"[0-9]{1,10}"(, ?(W/)?"[0-9]{1,10}")*)$'


def etag(version: int) -> str:
    return f'"{version}"'


def _versions(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/").strip('"') for tag in header.split(",") if tag.strip()]


def expected_version(if_match: str | None, *, required: bool) -> int | None:
    """The version an If-Match header asks for; None for `*` or no header (when optional)."""
    if if_match is None or not if_match.strip():
        if required:
            raise PreconditionRequired("Send If-Match with the ETag from your last read of this agreement")
        return None
    tags = _versions(if_match)
    if "*" in tags:
        return None
    numbers = [int(t) for t in tags if t.isdigit()]
    if len(numbers) != 1:
        raise VersionMismatch(f"If-Match {if_match!r} names no single version of this agreement")
    return numbers[0]


def matches(if_none_match: str | None, version: int) -> bool:
    if not if_none_match:
        return False
    tags = _versions(if_none_match)
    return "*" in tags or str(version) in tags
