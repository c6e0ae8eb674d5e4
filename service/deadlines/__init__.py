"""Deadlines: the statutory clocks of agreements, assembled in one place, and their alerts."""
