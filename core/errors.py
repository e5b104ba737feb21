"""The failures Cuttings knows about, each carrying a sentence a user can act on.

Anything that is not a CuttingsError is a bug and is allowed to surface as one.
"""

from __future__ import annotations


class CuttingsError(Exception):
    """A known failure. str(error) is the one-line message shown to the user."""

    #: exit status for the command line: 2 for bad input, 1 for a failure
    exit_code = 1


class BadInput(CuttingsError):
    exit_code = 2


class QueryError(BadInput):
    """The search box holds something that cannot be run."""


class NotFound(BadInput):
    """An id, tag or saved search that is not in the library."""


class LibraryError(CuttingsError):
    """The library file cannot be opened or written."""


class NotALibrary(LibraryError):
    pass


class LibraryTooNew(LibraryError):
    pass


class LibraryCorrupt(LibraryError):
    pass


class IndexDamaged(LibraryCorrupt):
    """The full-text index is missing or was changed by another tool; reindex mends it."""


class LibraryBusy(LibraryError):
    pass


class LibraryReadOnly(LibraryError):
    pass


class DiskFull(LibraryError):
    pass


class CaptureError(CuttingsError):
    """One source could not be clipped; a batch records it and goes on."""
