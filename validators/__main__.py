import sys

from validators.console import said_import_failure

try:
    from validators.cli import main
except ImportError as exc:  # started with a Python that lacks the dependencies: say what to run
    sys.exit(said_import_failure(exc, "validators"))

sys.exit(main())
