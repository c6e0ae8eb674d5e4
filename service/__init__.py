"""Accord: a negotiation-state workflow service for trade agreements."""

__version__ = "0.1.0"
