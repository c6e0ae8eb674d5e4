"""Documents of an agreement: texts, objectives, Federal Register notices, ITC reports."""
