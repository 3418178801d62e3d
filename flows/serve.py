"""The deployments: ``pipeline/scheduled-crawl`` (cron) and ``pipeline/on-demand``, served by this process.

``prefect.serve`` registers both with the Prefect API named by ``PREFECT_API_URL``
and runs their flow runs as subprocesses until SIGTERM/Ctrl-C. Runs are
limited to one at a time: the warehouse is a single DuckDB file with one writer.
The same deployments are declared in ``prefect.yaml`` for a process work pool.
"""

from __future__ import annotations

from pathlib import Path

from prefect import serve
from prefect.deployments.runner import EntrypointType, RunnerDeployment

from crawler.sources import load_sources
from flows.pipeline import pipeline
from warehouse.db import db_path

SCHEDULED = "scheduled-crawl"
ON_DEMAND = "on-demand"
DEFAULT_CRON = "*/30 * * * *"


def deployments(sources_file: str | Path, db: str | Path | None = None,
                cron: str = DEFAULT_CRON) -> list[RunnerDeployment]:
    """Both deployments of ``pipeline`` for a sources file, with absolute paths so runs find their files."""
    load_sources(sources_file)  # fail here, not at 3 a.m. in a scheduled run
    params = {"sources_file": str(Path(sources_file).resolve()), "db": str(db_path(db).resolve())}
    common = {"parameters": params, "entrypoint_type": EntrypointType.MODULE_PATH, "tags": ["newsfacts"]}
    return [
        pipeline.to_deployment(name=SCHEDULED, cron=cron, description="Crawl the sources on a schedule.", **common),
        pipeline.to_deployment(name=ON_DEMAND, description="Crawl the sources when asked.", **common),
    ]


def serve_deployments(sources_file: str | Path, db: str | Path | None = None, cron: str = DEFAULT_CRON) -> None:
    """Serve both deployments until SIGTERM or Ctrl-C; one flow run at a time."""
    serve(*deployments(sources_file, db, cron), limit=1)
