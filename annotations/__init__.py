"""Provides the model of annotated-reader: articles, cards and notes, with no user interface.

Like any library, it logs through `logging` and leaves the choice of handlers to the program: the
NullHandler keeps Python's last-resort handler from printing its warnings to a command's stderr,
where the command already says the same thing in its own words.
"""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
