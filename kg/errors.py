"""Errors the command line reports as one line and exit status 2."""


class KGError(Exception):
    """A problem with the user's input or store, reported without a traceback."""


class InputError(KGError):
    """A source file that cannot be ingested (missing, empty, binary, malformed)."""
