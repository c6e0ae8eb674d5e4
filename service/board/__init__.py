"""The board: server-rendered pages for people, signed in with an API key (issue 14)."""
