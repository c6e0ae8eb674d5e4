"""Negotiating rounds of an agreement, numbered without gaps."""
