"""The one base class of every error the clerk is shown.

Such an error is expected (a file that is not ours, a figure that cannot be read, a locked
data file): its ``message`` is a plain Chinese sentence saying what happened and what to do.
Anything else that goes wrong is a bug, logged with its traceback and shown as one.
"""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
