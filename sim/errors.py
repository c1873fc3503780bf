"""Errors a user can cause.

Every problem that stems from user input -- a bad parameter value, an unknown
parameter or experiment name, an invalid protocol, a broken data file -- is
reported by raising a subclass of :class:`SimError`. The command-line
interface catches :class:`SimError`, prints its message (first line prefixed
with ``error:``) without a traceback, and exits with status 2. Anything else
that escapes is a bug in the simulator.
"""


class SimError(Exception):
    """Base class of all errors caused by user input."""


class ParameterError(SimError):
    """A parameter is missing, unknown, or outside its allowed range."""


class ProtocolError(SimError):
    """An experiment or cycling protocol is unknown or invalid."""


class DataError(SimError):
    """A data file is missing, empty or malformed."""


class Interrupted(BaseException):  # noqa: N818  (like KeyboardInterrupt)
    """A run was stopped by a signal (SIGINT or SIGTERM) after cleaning up.

    Attributes:
        signum: The signal number.
        completed: Names of what was completed before the stop.
    """

    def __init__(self, signum: int, completed=()) -> None:
        import signal

        super().__init__(signal.Signals(signum).name)
        self.signum = int(signum)
        self.completed = list(completed)
