import sys

from validators.console import missing_dependency, said_import_failure

try:
    from site_builder.cli import main

    sys.exit(main())
except ImportError as exc:  # started with a Python that lacks the dependencies: say what to run
    if missing_dependency(exc) is None:
        raise
    sys.exit(said_import_failure(exc, "site_builder"))
