"""Lint knowledge-base articles for undefined acronyms."""
