"""Exit codes of every command (the design's contract; 3 is an addition for bugs)."""

EXIT_OK = 0  # no errors (warnings allowed)
EXIT_ERRORS = 1  # at least one error finding
EXIT_USAGE = 2  # wrong arguments
EXIT_INTERNAL = 3  # a bug in this program; reported in one line, never a traceback
