"""Data taken elsewhere: CSV exports and the iCalendar feed with its feed tokens."""
