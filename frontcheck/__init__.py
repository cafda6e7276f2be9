"""frontcheck: check war claims against map history, other sources and witnesses."""

__version__ = "0.1.0"
