"""Prefect flows: thin orchestration over the plain libraries.

May import: every library layer (``crawler``, ``extractors``, ``resolution``, ``gazetteer``,
``warehouse``, ``records``) and Prefect; nothing imports it but the command line (``newsfacts``).

Prefect reads its settings from the environment when it is first imported, so
the safe defaults are set here, before any flow module imports it: no
telemetry, and enough time for a cold ephemeral API to start (~19 s seen here
against a 20 s default). The process that runs flows also gets garbage-collector
thresholds for batch work (``flows.gc_tuning``).

Logging: flow runs log at INFO (Prefect's default level), and Prefect's ``api``
handler ships those records to the API, so every run, however started (``newsfacts
serve``, a worker, ``newsfacts crawl``, ``newsfacts demo``), has its per-batch
lines in the UI and ``prefect flow-run logs``. Only the terminal is kept quiet:
``PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL=WARNING`` raises the console handler's
level, not the loggers' (``PREFECT_LOGGING_LEVEL=WARNING`` would drop the records
before any handler, the API's included). Set it to INFO to see runs' lines too.
"""

import os

from flows.gc_tuning import tune_gc

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")

tune_gc()
