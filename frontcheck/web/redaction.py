"""Moved to ``frontcheck.protect.redaction``; kept so that older imports still work."""

from frontcheck.protect.redaction import ProtectedPerson, Redactor

__all__ = ["ProtectedPerson", "Redactor"]
