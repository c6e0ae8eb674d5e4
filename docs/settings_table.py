"""Print the README's configuration table from service/config.py (tests/test_docs.py checks it)."""

from service.config import Settings


def table() -> str:
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default
        if isinstance(default, list):
            default = ",".join(str(v).removesuffix(".0") for v in default) or "(empty)"
        elif default is None:
            default = "(unset)"
        rows.append(f"| `ACCORD_{name.upper()}` | `{default}` | {field.description or ''} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
