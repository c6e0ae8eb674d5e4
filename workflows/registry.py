"""Every workflow definition Accord knows, by name and version."""

from workflows.definition import WorkflowDefinition
from workflows.trade_agreement import TRADE_AGREEMENT_V1, TRADE_AGREEMENT_V2, TRADE_AGREEMENT_V3

_DEFINITIONS: dict[tuple[str, int], WorkflowDefinition] = {
    (d.name, d.version): d for d in (TRADE_AGREEMENT_V1, TRADE_AGREEMENT_V2, TRADE_AGREEMENT_V3)
}
DEFAULT_WORKFLOW = TRADE_AGREEMENT_V1.name


def get_definition(name: str, version: int) -> WorkflowDefinition | None:
    return _DEFINITIONS.get((name, version))


def latest_definition(name: str) -> WorkflowDefinition | None:
    versions = [d for (n, _), d in _DEFINITIONS.items() if n == name]
    return max(versions, key=lambda d: d.version, default=None)


def list_definitions() -> list[WorkflowDefinition]:
    return sorted(_DEFINITIONS.values(), key=lambda d: (d.name, d.version))


def authorities() -> tuple[str, ...]:
    """Every negotiating authority any workflow knows, in definition order."""
    return tuple(dict.fromkeys(a for d in list_definitions() for a in d.authorities))


def rta_statuses() -> tuple[str, ...]:
    """Every RTA-IS status any workflow reports."""
    return tuple(sorted({status for d in list_definitions() for _, status in d.rta_is_statuses}))
