"""The ``helpdesk_glossary`` spaCy component and what it needs at match time."""
