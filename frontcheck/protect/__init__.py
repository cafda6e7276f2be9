"""Protection of persons: redaction of names and details, roles, tokens, the audit chain."""
