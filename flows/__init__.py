"""Prefect flows: thin orchestration over the plain libraries.

Prefect reads its settings from the environment when it is first imported, so
the safe defaults are set here, before any flow module imports it: no
telemetry, and enough time for a cold ephemeral API to start (~19 s seen here
against a 20 s default). The process that runs flows also gets garbage-collector
thresholds for batch work (``flows.gc_tuning``).
"""

import os

from flows.gc_tuning import tune_gc

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

tune_gc()
