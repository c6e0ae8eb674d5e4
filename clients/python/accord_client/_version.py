"""The package's one version: pyproject.toml reads it (dynamic version) and the User-Agent sends it."""

__version__ = "0.2.0"
